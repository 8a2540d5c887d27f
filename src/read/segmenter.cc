#include "read/segmenter.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <string>

namespace detente {
namespace {

// Spaces, tabs, CRs and no-break spaces (U+00A0, common at line ends in scrapes).
std::size_t SpaceAt(std::string_view s, std::size_t i) {
  char c = s[i];
  if (c == ' ' || c == '\t' || c == '\r') return 1;
  if (c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') return 2;
  return 0;
}
std::size_t SpaceBefore(std::string_view s, std::size_t end) {
  char c = s[end - 1];
  if (c == ' ' || c == '\t' || c == '\r') return 1;
  if (c == '\xA0' && end >= 2 && s[end - 2] == '\xC2') return 2;
  return 0;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && SpaceAt(s, 0)) s.remove_prefix(SpaceAt(s, 0));
  while (!s.empty() && SpaceBefore(s, s.size())) s.remove_suffix(SpaceBefore(s, s.size()));
  return s;
}

char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c; }

// Lower-cases a short line into a caller's buffer (no allocation per line).
template <std::size_t N>
std::string_view LowerInto(std::string_view s, char (&buf)[N]) {
  std::size_t n = std::min(s.size(), N);
  for (std::size_t i = 0; i < n; ++i) buf[i] = LowerAscii(s[i]);
  return {buf, n};
}

// `prefix` must be lower case; only A-Z in `s` are folded.
bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (LowerAscii(s[i]) != prefix[i]) return false;
  return true;
}

bool Contains(std::string_view hay, std::string_view needle) {
  return hay.find(needle) != std::string_view::npos;
}

// Does `needle` (lower case) occur at hay[i]? The first byte is matched as
// (c | 0x20), the rest with A-Z folded.
bool MatchesIgnoreCaseAt(std::string_view hay, std::size_t i, std::string_view needle) {
  if (hay.size() - i < needle.size() || (hay[i] | 0x20) != needle[0]) return false;
  for (std::size_t k = 1; k < needle.size(); ++k)
    if (LowerAscii(hay[i + k]) != needle[k]) return false;
  return true;
}

// `needle` must be lower case.
bool ContainsIgnoreCase(std::string_view hay, std::string_view needle) {
  if (needle.empty() || hay.size() < needle.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i)
    if (MatchesIgnoreCaseAt(hay, i, needle)) return true;
  return false;
}

// Bytes of `w` equal to `b`, as the high bit of each byte (exact: no borrow
// crosses a byte).
inline uint64_t BytesEqual(uint64_t w, uint8_t b) {
  constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7Full;
  uint64_t x = w ^ (0x0101010101010101ull * b);
  return ~(((x & kLow7) + kLow7) | x | kLow7);
}

// ContainsIgnoreCase(hay, "newsletter") and (hay, "subscribe") in one pass.
// Both words have a rare letter at index 2 ('w', 'b'): the scan looks for
// those eight bytes at a time and tries a match two bytes earlier.
void FindNewsletterWords(std::string_view hay, bool* newsletter, bool* subscribe) {
  constexpr std::string_view kNewsletter = "newsletter", kSubscribe = "subscribe";
  *newsletter = *subscribe = false;
  auto at = [&](std::size_t i) {
    char c = static_cast<char>(hay[i] | 0x20);
    if (i < 2) return;
    if (c == 'w' && !*newsletter) *newsletter = MatchesIgnoreCaseAt(hay, i - 2, kNewsletter);
    if (c == 'b' && !*subscribe) *subscribe = MatchesIgnoreCaseAt(hay, i - 2, kSubscribe);
  };
  std::size_t i = 0;
  for (; i + 8 <= hay.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, hay.data() + i, 8);
    w |= 0x2020202020202020ull;
    if ((BytesEqual(w, 'w') | BytesEqual(w, 'b')) == 0) continue;
    for (std::size_t k = i; k < i + 8; ++k) at(k);
    if (*newsletter && *subscribe) return;
  }
  for (; i < hay.size(); ++i) at(i);
}

int WordCount(std::string_view s) {
  int n = 0;
  bool in = false;
  for (char c : s) {
    bool space = c == ' ' || c == '\t';
    if (!space && !in) ++n;
    in = !space;
  }
  return n;
}

// Ends like a sentence: . ! ? or a closing quote after one.
bool EndsLikeSentence(std::string_view s) {
  s = Trim(s);
  while (!s.empty()) {
    unsigned char c = static_cast<unsigned char>(s.back());
    if (c == '"' || c == '\'' || c == ')') {
      s.remove_suffix(1);
      continue;
    }
    // Typographic closing quotes (U+201D, U+2019) end in 0x9D / 0x99.
    if (s.size() >= 3 && static_cast<unsigned char>(s[s.size() - 3]) == 0xE2 &&
        static_cast<unsigned char>(s[s.size() - 2]) == 0x80 &&
        (c == 0x9D || c == 0x99)) {
      s.remove_suffix(3);
      continue;
    }
    break;
  }
  return !s.empty() && (s.back() == '.' || s.back() == '!' || s.back() == '?' || s.back() == ':');
}

// A short label such as "Europe", "Middle East", "Asia-Pacific".
bool IsShortLabel(std::string_view s) {
  s = Trim(s);
  if (s.empty() || s.size() > 40) return false;
  int words = WordCount(s);
  if (words > 4) return false;
  if (EndsLikeSentence(s) || Contains(s, ",")) return false;
  bool start = true;
  for (unsigned char c : s) {
    if (std::isdigit(c)) return false;
    if (start && std::isalpha(c) && !std::isupper(c)) return false;  // every word capitalised
    start = (c == ' ' || c == '-' || c == '/');
    if (c == '&') start = false;
  }
  return true;
}

// An image file name: one "word" with dashes/underscores, or a slug.
bool IsImageSlug(std::string_view s) {
  s = Trim(s);
  if (s.empty() || Contains(s, " ")) return false;
  if (Contains(s, "_") || Contains(s, ".jpg") || Contains(s, ".png") || Contains(s, ".jpeg")) return true;
  // "Nato-scaled", "china-usa-blinken": a hyphen followed by a lower-case
  // letter in a one-word line; "Asia-Pacific" is a label, not a file name.
  for (std::size_t i = 0; i + 1 < s.size(); ++i)
    if (s[i] == '-' && std::islower(static_cast<unsigned char>(s[i + 1]))) return true;
  return std::any_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

}  // namespace

bool IsTeaserEndMarker(std::string_view line) {
  line = Trim(line);
  if (line.size() > 25 || line.size() < 9) return false;
  char buf[25];
  std::string_view l = LowerInto(line, buf);
  return l == "keep readingshow less" || l == "keep reading" || l == "show less" ||
         l == "keep reading show less" || l == "continue reading" || l == "read more" ||
         l == "read more show less";
}

bool IsBoilerplateLine(std::string_view line) {
  line = Trim(line);
  if (line.empty()) return true;
  if (line.size() <= 30) {
    if (IsTeaserEndMarker(line)) return true;
    char buf[30];
    std::string_view l = LowerInto(line, buf);
    static constexpr std::array<std::string_view, 30> kExact = {
        "follow us on social", "latest", "qiosk", "newsletter", "subscribe", "subscribe now",
        "sign up", "share", "share this", "share this article", "advertisement", "related",
        "related articles", "most popular", "trending", "skip to content", "menu", "search",
        "log in", "login", "donate", "support us", "read next", "recommended", "more stories",
        "you may also like", "top stories", "print", "email", "comments"};
    for (auto e : kExact)
      if (l == e) return true;
  }
  // Opening words (all shorter than 40 bytes), then a newsletter pitch;
  // never lower-case a whole paragraph.
  static constexpr std::array<std::string_view, 10> kPrefixes = {
      "subscribe now", "sign up for", "follow us", "all rights reserved", "copyright ",
      "\xc2\xa9", "we use cookies", "this site uses cookies", "privacy policy", "terms of use"};
  const char first = LowerAscii(line[0]);
  for (auto p : kPrefixes)
    if (p[0] == first && StartsWithIgnoreCase(line, p)) return true;
  // Newsletter pitches are a sentence or two; longer paragraphs are text.
  if (line.size() > 320) return false;
  bool newsletter, subscribe;
  FindNewsletterWords(line, &newsletter, &subscribe);
  if (!newsletter && !subscribe) return false;
  bool pitch = ContainsIgnoreCase(line, "inbox") || ContainsIgnoreCase(line, "round-up") ||
               ContainsIgnoreCase(line, "roundup") || ContainsIgnoreCase(line, "sign up") ||
               ContainsIgnoreCase(line, "email") || ContainsIgnoreCase(line, "weekly") ||
               ContainsIgnoreCase(line, "daily");
  return (newsletter && (subscribe || pitch)) || (subscribe && pitch);
}

namespace {

constexpr std::array<std::string_view, 24> kCaptionMarkers = {
    "REUTERS/",      "Reuters/",     "via REUTERS",       "via Reuters",  "(Shutterstock",
    "Shutterstock/", "/Pool",        "Photo credit",      "photo credit", "Photo Credit",
    "image credit",  "Image credit", "(AP Photo",         "AP Photo/",    "Getty Images",
    "AFP via",       "/AFP",         "White House Photo", "/Flickr)",     "photo/ ",
    "Photo by ",     "TPX IMAGES",   "(Xinhua",           "EPA-EFE"};
constexpr std::size_t kShortestCaptionMarker = 4;  // "/AFP"

// For each byte value, the markers whose first (second) byte it is, as a bit
// set; a position can start a marker only if both sets meet.
struct MarkerFilter {
  std::array<uint32_t, 256> first{}, second{};
};
constexpr MarkerFilter kCaptionFilter = [] {
  MarkerFilter f;
  for (std::size_t k = 0; k < kCaptionMarkers.size(); ++k) {
    f.first[static_cast<unsigned char>(kCaptionMarkers[k][0])] |= uint32_t{1} << k;
    f.second[static_cast<unsigned char>(kCaptionMarkers[k][1])] |= uint32_t{1} << k;
  }
  return f;
}();
static_assert(kCaptionMarkers.size() <= 32);

}  // namespace

bool IsCaptionLine(std::string_view line) {
  // Captions and credits are short; a long paragraph that mentions Reuters
  // is reporting.
  if (line.size() > 500) return false;
  // One pass over the line instead of one search per marker.
  const auto* p = reinterpret_cast<const unsigned char*>(line.data());
  for (std::size_t i = 0; i + kShortestCaptionMarker <= line.size(); ++i) {
    uint32_t m = kCaptionFilter.first[p[i]] & kCaptionFilter.second[p[i + 1]];
    while (m != 0) {
      std::string_view marker = kCaptionMarkers[std::countr_zero(m)];
      if (line.compare(i, marker.size(), marker) == 0) return true;
      m &= m - 1;
    }
  }
  return false;
}

bool IsSectionBreadcrumb(std::string_view line) {
  line = Trim(line);
  if (line.size() > 60 || line.find(" | ") == std::string_view::npos) return false;
  if (EndsLikeSentence(line)) return false;
  return WordCount(line) <= 7;
}

namespace {
// Plain text hard-wrapped at a fixed width (wire copy, e-mail, old corpora):
// most lines are long and stop mid-sentence. Its paragraphs are separated
// by blank lines or indentation, not by line ends.
bool LooksHardWrapped(std::string_view text) {
  std::size_t lines = 0, wrapped = 0, longest = 0;
  std::size_t i = 0;
  while (i < text.size() && lines < 400) {
    std::size_t e = text.find('\n', i);
    if (e == std::string_view::npos) e = text.size();
    std::string_view l = Trim(text.substr(i, e - i));
    i = e + 1;
    if (l.empty()) continue;
    ++lines;
    longest = std::max(longest, l.size());
    if (l.size() >= 45 && !EndsLikeSentence(l)) ++wrapped;
  }
  return lines >= 4 && longest <= 100 && wrapped * 10 >= lines * 4;
}
}  // namespace

std::vector<Block> LineBlocks(std::string_view text) {
  if (LooksHardWrapped(text)) {
    // Join wrapped lines; a blank line or an indented line starts a paragraph.
    std::vector<Block> blocks;
    std::size_t i = 0;
    uint16_t blanks = 0;
    Block cur;
    bool open = false;
    while (i < text.size()) {
      std::size_t e = text.find('\n', i);
      if (e == std::string_view::npos) e = text.size();
      std::size_t s = i, t = e;
      bool indented = s < t && (text[s] == ' ' || text[s] == '\t') && (s + 1 < t && (text[s + 1] == ' ' || text[s] == '\t'));
      while (s < t && SpaceAt(text, s)) s += SpaceAt(text, s);
      while (t > s && SpaceBefore(text, t)) t -= SpaceBefore(text, t);
      if (t == s) {
        if (open) blocks.push_back(cur);
        open = false;
        if (blanks < 1000) ++blanks;
      } else {
        if (open && indented) {
          blocks.push_back(cur);
          open = false;
        }
        if (!open) {
          cur = Block{};
          cur.span = {static_cast<uint32_t>(s), static_cast<uint32_t>(t)};
          cur.blank_lines_before = blanks;
          open = true;
          blanks = 0;
        } else {
          cur.span.end = static_cast<uint32_t>(t);
        }
      }
      i = e + 1;
    }
    if (open) blocks.push_back(cur);
    return blocks;
  }
  std::vector<Block> blocks;
  std::size_t i = 0;
  uint16_t blanks = 0;
  while (i < text.size()) {
    std::size_t e = text.find('\n', i);
    if (e == std::string_view::npos) e = text.size();
    std::size_t s = i, t = e;
    while (s < t && SpaceAt(text, s)) s += SpaceAt(text, s);
    while (t > s && SpaceBefore(text, t)) t -= SpaceBefore(text, t);
    if (t > s) {
      Block b;
      b.span = {static_cast<uint32_t>(s), static_cast<uint32_t>(t)};
      b.blank_lines_before = blanks;
      blocks.push_back(b);
      blanks = 0;
    } else if (blanks < 1000) {
      ++blanks;
    }
    i = e + 1;
  }
  return blocks;
}

void SegmentDocument(const std::vector<Block>& blocks, const SegmenterOptions& options,
                     Document* doc) {
  const std::size_t n = blocks.size();
  std::vector<Role> roles(n, Role::kBody);
  std::vector<int> teaser_of(n, 0);  // 0 = not in a teaser
  auto text = [&](std::size_t i) { return doc->Text(blocks[i].span); };

  for (std::size_t i = 0; i < n; ++i) {
    if (blocks[i].has_hint) roles[i] = blocks[i].hint;
    else if (IsBoilerplateLine(text(i))) roles[i] = Role::kBoilerplate;
    else if (IsCaptionLine(text(i))) roles[i] = Role::kCaption;
    else if (IsSectionBreadcrumb(text(i))) roles[i] = Role::kSection;
    else if (IsImageSlug(text(i))) roles[i] = Role::kImageAlt;
  }

  std::vector<std::size_t> markers;
  for (std::size_t i = 0; i < n; ++i)
    if (IsTeaserEndMarker(text(i))) markers.push_back(i);

  // Where the article ends: walk back from the first marker over the first
  // teaser's dek, section label, headline and picture.
  std::size_t main_end = n;
  if (!markers.empty()) {
    std::size_t k = markers[0];
    std::size_t i = k;
    std::size_t section = n;
    while (i > 0) {
      std::size_t j = i - 1;
      if (roles[j] == Role::kSection || roles[j] == Role::kBoilerplate) break;
      if (section == n && IsShortLabel(text(j)) && j > 0 && roles[j] == Role::kBody) {
        section = j;
        i = j;
        continue;
      }
      if (section != n) {
        // Above the section label: the headline, then pictures and credits.
        if (j + 1 == section) {
          i = j;
          continue;
        }
        if (roles[j] == Role::kCaption || roles[j] == Role::kImageAlt ||
            (WordCount(text(j)) <= 12 && !EndsLikeSentence(text(j)) &&
             blocks[j + 1].blank_lines_before < 2)) {
          if (roles[j] == Role::kBody) roles[j] = Role::kImageAlt;
          i = j;
          continue;
        }
        break;
      }
      i = j;  // dek paragraphs
      if (blocks[j].blank_lines_before >= 2) break;
    }
    main_end = i;
    // The teaser's own caption lines near the top must not pull the article's
    // closing caption in: captions directly after a blank run stay with the
    // article.
    while (main_end < k && roles[main_end] == Role::kCaption &&
           blocks[main_end].blank_lines_before >= 2)
      ++main_end;
  }

  // Teasers: from main_end to the first marker, then between markers.
  int teaser_count = 0;
  std::size_t start = main_end;
  for (std::size_t m : markers) {
    if (m < start) continue;
    ++teaser_count;
    for (std::size_t i = start; i < m; ++i)
      if (roles[i] != Role::kBoilerplate && roles[i] != Role::kSection) teaser_of[i] = teaser_count;
    // Inside the teaser: pictures, headline, section label, dek.
    std::size_t section = m;
    for (std::size_t i = start + 1; i < m; ++i) {
      if (roles[i] == Role::kBody && IsShortLabel(text(i)) && roles[i - 1] != Role::kCaption) {
        section = i;
        break;
      }
    }
    std::size_t headline = m;
    if (section < m) {
      headline = section - 1;
      roles[section] = Role::kSection;
    } else {
      for (std::size_t i = start; i < m; ++i)
        if (roles[i] == Role::kBody) {
          headline = i;
          break;
        }
    }
    if (headline < m) roles[headline] = Role::kHeadline;
    for (std::size_t i = start; i < headline && i < m; ++i)
      if (roles[i] == Role::kBody) roles[i] = Role::kImageAlt;
    start = m + 1;
  }
  for (std::size_t i = start; i < n && !markers.empty(); ++i)
    if (roles[i] != Role::kCaption) roles[i] = Role::kBoilerplate;

  // The article header: title, dek and section label.
  std::size_t body_from = 0;
  std::size_t header_limit = std::min<std::size_t>(main_end, 8);
  std::size_t section_at = n;
  for (std::size_t i = 0; i < header_limit; ++i)
    if (roles[i] == Role::kSection) {
      section_at = i;
      break;
    }
  std::string title;
  std::size_t hinted_title = n;
  for (std::size_t i = 0; i < main_end; ++i)
    if (roles[i] == Role::kTitle) {
      hinted_title = i;
      break;
    }
  if (hinted_title < n) {
    // The page marked its headline (<h1>): short blocks above it are the
    // site's masthead and navigation.
    title = std::string(text(hinted_title));
    for (std::size_t i = 0; i < hinted_title; ++i)
      if (roles[i] == Role::kBody && WordCount(text(i)) <= 15) roles[i] = Role::kBoilerplate;
    for (std::size_t i = hinted_title + 1; i < main_end; ++i)
      if (roles[i] == Role::kTitle) roles[i] = Role::kBoilerplate;
    body_from = hinted_title + 1;
    if (section_at < n && section_at > hinted_title) {
      doc->meta.section = std::string(text(section_at));
      body_from = section_at + 1;
    }
  } else if (section_at < n) {
    bool have_title = false;
    for (std::size_t i = 0; i < section_at; ++i) {
      if (roles[i] != Role::kBody) continue;
      if (!have_title && options.detect_title) {
        roles[i] = Role::kTitle;
        title = std::string(text(i));
        have_title = true;
      } else if (have_title && text(i) == title) {
        roles[i] = Role::kBoilerplate;  // the headline repeated
      } else {
        roles[i] = Role::kDek;
      }
    }
    body_from = section_at + 1;
    doc->meta.section = std::string(text(section_at));
  } else if (options.detect_title) {
    std::size_t first = 0;
    while (first < main_end && roles[first] != Role::kBody) ++first;
    std::size_t body_after = first + 1;
    while (body_after < main_end && roles[body_after] != Role::kBody) ++body_after;
    if (first < main_end && body_after < main_end && WordCount(text(first)) <= 25 &&
        !(EndsLikeSentence(text(first)) && doc->Text(blocks[first].span).back() == '.')) {
      roles[first] = Role::kTitle;
      title = std::string(text(first));
      body_from = first + 1;
    }
  }
  // Breadcrumbs and section labels after the header are navigation.
  for (std::size_t i = body_from; i < main_end; ++i)
    if (roles[i] == Role::kSection) roles[i] = Role::kBoilerplate;
  doc->meta.title = title;

  // Build the segments.
  doc->segments.clear();
  Segment main_seg;
  main_seg.kind = SegmentKind::kMain;
  main_seg.index = 1;
  main_seg.headline = title;
  main_seg.section = doc->meta.section;
  Segment boiler;
  boiler.kind = SegmentKind::kBoilerplate;
  boiler.index = 1;
  std::vector<Segment> captions;
  std::vector<Segment> teasers(teaser_count);
  for (int t = 0; t < teaser_count; ++t) {
    teasers[t].kind = SegmentKind::kTeaser;
    teasers[t].index = static_cast<uint16_t>(t + 1);
  }
  for (std::size_t i = 0; i < n; ++i) {
    Paragraph p{blocks[i].span, roles[i]};
    if (teaser_of[i] > 0) {
      Segment& t = teasers[teaser_of[i] - 1];
      t.paragraphs.push_back(p);
      if (roles[i] == Role::kHeadline) t.headline = std::string(text(i));
      if (roles[i] == Role::kSection) t.section = std::string(text(i));
      continue;
    }
    switch (roles[i]) {
      case Role::kBoilerplate:
        boiler.paragraphs.push_back(p);
        break;
      case Role::kCaption:
      case Role::kImageAlt:
        // Consecutive caption lines form one caption segment.
        if (captions.empty() || i == 0 ||
            (roles[i - 1] != Role::kCaption && roles[i - 1] != Role::kImageAlt) ||
            teaser_of[i - 1] != 0) {
          Segment c;
          c.kind = SegmentKind::kCaption;
          c.index = static_cast<uint16_t>(captions.size() + 1);
          captions.push_back(std::move(c));
        }
        captions.back().paragraphs.push_back(p);
        break;
      case Role::kDek:
        if (!doc->meta.dek.empty()) doc->meta.dek += ' ';
        doc->meta.dek += text(i);
        main_seg.paragraphs.push_back(p);
        break;
      case Role::kSection:
        main_seg.paragraphs.push_back(p);
        break;
      default:
        if (roles[i] == Role::kHeadline) p.role = Role::kBody;
        main_seg.paragraphs.push_back(p);
        break;
    }
  }
  doc->segments.push_back(std::move(main_seg));
  for (auto& c : captions) doc->segments.push_back(std::move(c));
  for (auto& t : teasers) doc->segments.push_back(std::move(t));
  if (!boiler.paragraphs.empty()) doc->segments.push_back(std::move(boiler));
}

}  // namespace detente
