#include "text/tokenizer.h"

#include <unicode/uchar.h>

#include <array>
#include <cctype>
#include <cstring>

#include "base/utf8.h"

namespace detente {
namespace {

enum class CharClass : uint8_t { kSpace, kNewline, kLetter, kDigit, kApostrophe, kQuote, kDash, kEllipsis, kPunct, kInvalid };

struct CharInfo {
  CharClass cls;
  uint8_t len;   // bytes
  bool upper;
  char ascii;    // ASCII replacement for typographic characters, else 0
};

// Classes of the ASCII bytes, computed at compile time: the tokenizer looks
// every byte up here, so this is its innermost operation.
constexpr CharClass AsciiClass(unsigned char c) {
  if (c == '\n' || c == '\r') return CharClass::kNewline;
  if (c == ' ' || c == '\t' || c == '\f' || c == '\v') return CharClass::kSpace;
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return CharClass::kLetter;
  if (c >= '0' && c <= '9') return CharClass::kDigit;
  if (c == '\'') return CharClass::kApostrophe;
  if (c == '"') return CharClass::kQuote;
  if (c == '-') return CharClass::kDash;
  if (c < 0x20 || c == 0x7f) return CharClass::kSpace;
  return CharClass::kPunct;
}

constexpr std::array<CharClass, 128> kAsciiClass = [] {
  std::array<CharClass, 128> t{};
  for (int c = 0; c < 128; ++c) t[c] = AsciiClass(static_cast<unsigned char>(c));
  return t;
}();

// What one byte of a token says about the token's case and content. The
// ASCII letters and digits are exactly the bytes with bits in 1..7.
enum ByteBits : uint8_t { kBitUpper = 1, kBitLower = 2, kBitDigit = 4, kBitHigh = 8 };
constexpr std::array<uint8_t, 256> kByteBits = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    if (c >= 'A' && c <= 'Z')
      t[c] = kBitUpper;
    else if (c >= 'a' && c <= 'z')
      t[c] = kBitLower;
    else if (c >= '0' && c <= '9')
      t[c] = kBitDigit;
    else if (c >= 0x80)
      t[c] = kBitHigh;
  }
  return t;
}();

inline bool IsAsciiWordBits(uint8_t bits) { return static_cast<uint8_t>(bits - 1) < 7; }

inline CharInfo Classify(std::string_view s, std::size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    CharClass cls = kAsciiClass[c];
    return {cls, 1, cls == CharClass::kLetter && c <= 'Z', 0};
  }
  std::size_t len = Utf8SequenceLength(s, i);
  if (len == 0) return {CharClass::kInvalid, 1, false, 0};
  char32_t cp = Utf8Decode(s, i, len);
  auto l = static_cast<uint8_t>(len);
  switch (cp) {
    case 0x2018: case 0x2019: case 0x201B: case 0x2032: return {CharClass::kApostrophe, l, false, '\''};
    case 0x201C: case 0x201D: case 0x201E: case 0x00AB: case 0x00BB: return {CharClass::kQuote, l, false, '"'};
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
      return {CharClass::kDash, l, false, '-'};
    case 0x2026: return {CharClass::kEllipsis, l, false, '.'};
    case 0x00A0: case 0x2009: case 0x200A: case 0x202F: case 0x2007: case 0x3000:
      return {CharClass::kSpace, l, false, 0};
    case 0x200B: case 0xFEFF: case 0x200E: case 0x200F: return {CharClass::kSpace, l, false, 0};
    case 0x2028: case 0x2029: return {CharClass::kNewline, l, false, 0};
    default: break;
  }
  UChar32 u = static_cast<UChar32>(cp);
  if (u_isalpha(u) || u_getCombiningClass(u) != 0 || u_charType(u) == U_NON_SPACING_MARK)
    return {CharClass::kLetter, l, static_cast<bool>(u_isupper(u)), 0};
  if (u_isdigit(u)) return {CharClass::kDigit, l, false, 0};
  if (u_isspace(u)) return {CharClass::kSpace, l, false, 0};
  return {CharClass::kPunct, l, false, 0};
}

inline bool IsWordClass(CharClass c) { return c == CharClass::kLetter || c == CharClass::kDigit; }

// Titles and other abbreviations that keep their period.
constexpr std::array<std::string_view, 56> kAbbreviations = {
    "mr", "mrs", "ms", "dr", "sen", "rep", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "gov",
    "prof", "rev", "st", "jr", "sr", "pres", "amb", "cmdr", "cpl", "pvt", "brig", "supt", "insp",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc",
    "corp", "co", "ltd", "llc", "vs", "etc", "dept", "univ", "assn", "ave", "blvd",
    "mt", "ft", "approx", "est", "fig"};

bool IsKnownAbbreviation(std::string_view lower) {
  for (auto a : kAbbreviations)
    if (a == lower) return true;
  return false;
}

constexpr std::array<std::string_view, 7> kClitics = {"s", "re", "ll", "ve", "d", "m", "t"};

}  // namespace

bool IsTitleAbbreviation(std::string_view lower) {
  static constexpr std::array<std::string_view, 35> kTitles = {
      "mr", "mrs", "ms", "dr", "sen", "rep", "gen", "lt", "col", "maj", "capt", "sgt",
      "adm", "gov", "prof", "rev", "st", "pres", "amb", "cmdr", "cpl", "pvt", "brig", "supt",
      "insp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept", "no", "nos"};
  for (auto a : kTitles)
    if (a == lower) return true;
  return false;
}

void Tokenizer::Tokenize(std::string_view text, uint32_t begin, uint32_t end, StringArena* arena,
                         std::vector<Token>* out) const {
  std::size_t i = begin;
  uint8_t pending_flags = kTokSpaceBefore;
  // Scratch for building normalised/lower-cased forms; tokens are short, and
  // longer ones fall back to a heap string that is reused across calls.
  thread_local std::string norm_buf, lower_buf;

  // `known_bits`, when not -1, is the OR of kByteBits over the token's norm,
  // already computed by the caller.
  auto emit = [&](std::size_t s, std::size_t e, bool normalized, uint8_t flags,
                  int known_bits = -1) {
    Token t;
    t.start = static_cast<uint32_t>(s);
    t.end = static_cast<uint32_t>(e);
    std::string_view raw = text.substr(s, e - s);
    t.norm = normalized ? arena->Copy(norm_buf) : raw;
    std::string_view n = t.norm;
    // Lower-case: ASCII fast path; non-ASCII letters go through ICU.
    unsigned bits = 0;
    if (known_bits >= 0) {
      bits = static_cast<unsigned>(known_bits);
    } else {
      for (unsigned char c : n) bits |= kByteBits[c];
    }
    bool needs_lower = (bits & kBitUpper) != 0;
    bool has_letter = (bits & (kBitUpper | kBitLower)) != 0;
    bool all_upper = (bits & kBitLower) == 0;
    bool has_digit = (bits & kBitDigit) != 0;
    bool non_ascii = (bits & kBitHigh) != 0;
    if (non_ascii) {
      lower_buf.clear();
      for (std::size_t k = 0; k < n.size();) {
        std::size_t len = Utf8SequenceLength(n, k);
        if (len == 0) {
          ++k;
          continue;
        }
        char32_t cp = Utf8Decode(n, k, len);
        if (len > 1) {
          UChar32 u = static_cast<UChar32>(cp);
          if (u_isalpha(u)) {
            has_letter = true;
            if (u_isupper(u))
              needs_lower = true;
            else if (u_islower(u))
              all_upper = false;
          }
          UChar32 lo = u_tolower(u);
          char buf[4];
          int bl = 0;
          if (lo < 0x80)
            buf[bl++] = static_cast<char>(lo);
          else if (lo < 0x800) {
            buf[bl++] = static_cast<char>(0xC0 | (lo >> 6));
            buf[bl++] = static_cast<char>(0x80 | (lo & 0x3F));
          } else if (lo < 0x10000) {
            buf[bl++] = static_cast<char>(0xE0 | (lo >> 12));
            buf[bl++] = static_cast<char>(0x80 | ((lo >> 6) & 0x3F));
            buf[bl++] = static_cast<char>(0x80 | (lo & 0x3F));
          } else {
            buf[bl++] = static_cast<char>(0xF0 | (lo >> 18));
            buf[bl++] = static_cast<char>(0x80 | ((lo >> 12) & 0x3F));
            buf[bl++] = static_cast<char>(0x80 | ((lo >> 6) & 0x3F));
            buf[bl++] = static_cast<char>(0x80 | (lo & 0x3F));
          }
          lower_buf.append(buf, bl);
        } else {
          char c = n[k];
          lower_buf.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c);
        }
        k += len;
      }
      t.lower = (lower_buf == n) ? n : arena->Copy(lower_buf);
    } else if (needs_lower) {
      char* p = arena->Allocate(n.size());
      for (std::size_t k = 0; k < n.size(); ++k) {
        char c = n[k];
        p[k] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c;
      }
      t.lower = {p, n.size()};
    } else {
      t.lower = n;
    }
    t.lemma = t.lower;
    uint8_t f = flags;
    if (has_letter) {
      f |= kTokWord;
      // First letter's case decides "capitalized".
      std::size_t k = 0;
      while (k < n.size() && !(((n[k] | 0x20) >= 'a' && (n[k] | 0x20) <= 'z') ||
                               static_cast<unsigned char>(n[k]) >= 0x80))
        ++k;
      if (k < n.size()) {
        if (static_cast<unsigned char>(n[k]) < 0x80) {
          if (n[k] >= 'A' && n[k] <= 'Z') f |= kTokCapitalized;
        } else {
          std::size_t len = Utf8SequenceLength(n, k);
          if (len && u_isupper(static_cast<UChar32>(Utf8Decode(n, k, len)))) f |= kTokCapitalized;
        }
      }
      if (all_upper) f |= kTokAllCaps;
    }
    if (has_digit) f |= kTokHasDigit | kTokWord;
    if (normalized) f |= kTokNormalized;
    t.flags = f;
    out->push_back(t);
  };

  while (i < end) {
    CharInfo ci = Classify(text, i);
    switch (ci.cls) {
      case CharClass::kSpace:
      case CharClass::kInvalid:
        pending_flags |= kTokSpaceBefore;
        i += ci.len;
        continue;
      case CharClass::kNewline:
        pending_flags |= kTokSpaceBefore | kTokNewlineBefore;
        i += ci.len;
        continue;
      default:
        break;
    }
    std::size_t s = i;
    uint8_t flags = pending_flags;
    pending_flags = 0;

    if (ci.cls == CharClass::kEllipsis) {
      norm_buf.assign("...");
      emit(s, i + ci.len, true, flags);
      i += ci.len;
      continue;
    }
    if (ci.cls == CharClass::kPunct || ci.cls == CharClass::kQuote || ci.cls == CharClass::kDash) {
      // "..." and "--" are single tokens.
      if (text[i] == '.' && i + 2 < end && text[i + 1] == '.' && text[i + 2] == '.') {
        std::size_t e = i + 3;
        while (e < end && text[e] == '.') ++e;
        emit(s, e, false, flags);
        i = e;
        continue;
      }
      if (ci.cls == CharClass::kDash && ci.ascii == 0 && i + 1 < end && text[i + 1] == '-') {
        emit(s, i + 2, false, flags);
        i += 2;
        continue;
      }
      if (ci.ascii) {
        norm_buf.assign(1, ci.ascii);
        emit(s, i + ci.len, true, flags);
      } else {
        emit(s, i + ci.len, false, flags);
      }
      i += ci.len;
      continue;
    }
    if (ci.cls == CharClass::kApostrophe) {
      // A clitic ('s, 're, n't is handled with its word) or a quote mark.
      std::size_t j = i + ci.len;
      std::size_t k = j;
      while (k < end && Classify(text, k).cls == CharClass::kLetter && k - j < 3) k += Classify(text, k).len;
      bool clitic = false;
      if (k > j && (k >= end || !IsWordClass(Classify(text, k).cls)) && !out->empty() &&
          !(flags & kTokSpaceBefore)) {
        std::string lw(text.substr(j, k - j));
        for (auto& c : lw) c = static_cast<char>(c | 0x20);
        for (auto c : kClitics)
          if (c == lw) clitic = true;
      }
      if (clitic) {
        norm_buf.assign("'");
        norm_buf.append(text.substr(j, k - j));
        emit(s, k, ci.ascii != 0, flags);
        i = k;
      } else {
        norm_buf.assign("'");
        emit(s, j, ci.ascii != 0, flags);
        i = j;
      }
      continue;
    }

    // The "n't" clitic left over from "didn't".
    if ((text[i] == 'n' || text[i] == 'N') && i + 1 < end) {
      CharInfo a = Classify(text, i + 1);
      std::size_t t = i + 1 + a.len;
      if (a.cls == CharClass::kApostrophe && t < end && (text[t] | 0x20) == 't' &&
          (t + 1 >= end || !IsWordClass(Classify(text, t + 1).cls))) {
        norm_buf.assign("n't");
        emit(s, t + 1, a.ascii != 0, flags);
        i = t + 1;
        continue;
      }
    }
    // A word: letters/digits with internal apostrophes, hyphens, dots and
    // digit separators, under the rules in the header.
    // The word's norm is its own bytes unless a typographic apostrophe was
    // taken in (`normalized`); only then is it built, after the loop.
    bool normalized = false;
    std::size_t e = i;
    bool all_single_letters_with_dots = true;  // "U.S." style
    std::size_t letters_in_part = 0;
    // kByteBits of the word's bytes, for emit; exact unless a byte taken in
    // is given back ("didn't").
    unsigned word_bits = 0;
    bool bits_exact = true;
    while (e < end) {
      if (uint8_t b = kByteBits[static_cast<unsigned char>(text[e])]; IsAsciiWordBits(b)) {
        // A run of ASCII letters and digits, the bulk of any text.
        word_bits |= b;
        std::size_t r = e + 1;
        while (r < end) {
          b = kByteBits[static_cast<unsigned char>(text[r])];
          if (!IsAsciiWordBits(b)) break;
          word_bits |= b;
          ++r;
        }
        letters_in_part += r - e;
        if (letters_in_part > 1) all_single_letters_with_dots = false;
        e = r;
        continue;
      }
      CharInfo c = Classify(text, e);
      if (IsWordClass(c.cls)) {
        word_bits |= kBitHigh;  // a non-ASCII letter or digit
        ++letters_in_part;
        if (letters_in_part > 1) all_single_letters_with_dots = false;
        e += c.len;
        continue;
      }
      if (e + c.len >= end) break;
      CharInfo next = Classify(text, e + c.len);
      if (c.cls == CharClass::kApostrophe && next.cls == CharClass::kLetter) {
        // n't splits off: "didn't" -> "did" "n't".
        if (e - 1 > i && (text[e - 1] == 'n' || text[e - 1] == 'N') && e + c.len < end &&
            (text[e + c.len] == 't' || text[e + c.len] == 'T') &&
            (e + c.len + 1 >= end || !IsWordClass(Classify(text, e + c.len + 1).cls))) {
          // Stop before the 'n'.
          --e;
          bits_exact = false;
          break;
        }
        // Clitics split off ('s, 're, 'll, 've, 'd, 'm).
        std::size_t k = e + c.len;
        std::size_t cl = 0;
        while (k < end && Classify(text, k).cls == CharClass::kLetter && cl < 3) {
          k += Classify(text, k).len;
          ++cl;
        }
        if (k >= end || !IsWordClass(Classify(text, k).cls)) {
          std::string lw(text.substr(e + c.len, k - e - c.len));
          for (auto& ch : lw) ch = static_cast<char>(ch | 0x20);
          bool is_clitic = false;
          for (auto cw : kClitics)
            if (cw == lw) is_clitic = true;
          if (is_clitic) break;
        }
        if (c.ascii) normalized = true;
        e += c.len;
        letters_in_part = 0;
        all_single_letters_with_dots = false;
        continue;
      }
      if (c.cls == CharClass::kDash && c.ascii == 0 && !next.upper && IsWordClass(next.cls)) {
        e += c.len;
        letters_in_part = 0;
        all_single_letters_with_dots = false;
        continue;
      }
      if (c.cls == CharClass::kPunct && (text[e] == ',' || text[e] == '.' || text[e] == ':') &&
          next.cls == CharClass::kDigit && e > i && Classify(text, e - 1).cls == CharClass::kDigit) {
        e += 1;  // 1,200 / 3.67 / 10:30
        continue;
      }
      if (text[e] == '.' && letters_in_part == 1 && all_single_letters_with_dots &&
          next.cls == CharClass::kLetter) {
        // Inside an acronym: U.S.A
        e += 1;
        letters_in_part = 0;
        continue;
      }
      break;
    }
    if (normalized) {
      // Typographic apostrophes inside the word become ASCII; everything
      // else the loop took in is kept byte for byte.
      norm_buf.clear();
      for (std::size_t k = i; k < e;) {
        CharInfo c = Classify(text, k);
        if (c.cls == CharClass::kApostrophe)
          norm_buf.push_back('\'');
        else
          norm_buf.append(text.substr(k, c.len));
        k += c.len;
      }
    }
    // A trailing period belongs to acronyms ("U.S."), known abbreviations
    // ("Mr.") and initials ("J.").
    if (e < end && text[e] == '.' && !(e + 2 < end && text[e + 1] == '.' && text[e + 2] == '.')) {
      std::string_view word = normalized ? std::string_view(norm_buf) : text.substr(i, e - i);
      bool take = false;
      if (word.find('.') != std::string_view::npos && all_single_letters_with_dots) take = true;
      if (!take && word.size() == 1 && ((word[0] >= 'A' && word[0] <= 'Z'))) take = true;
      if (!take && word.size() <= 6) {
        char lw[6];
        for (std::size_t k = 0; k < word.size(); ++k) lw[k] = static_cast<char>(word[k] | 0x20);
        if (IsKnownAbbreviation(std::string_view(lw, word.size()))) take = true;
      }
      // "No. 1" but not "said no."
      if (!take && (word == "No" || word == "no" || word == "Nos") && e + 2 < end &&
          text[e + 1] == ' ' && std::isdigit(static_cast<unsigned char>(text[e + 2])))
        take = true;
      if (take) {
        if (normalized) norm_buf.push_back('.');
        ++e;
      }
    }
    if (e == i) {  // Defensive: never loop without progress.
      e = i + ci.len;
      bits_exact = false;
    }
    // Besides letters and digits the word holds only ASCII punctuation (no
    // bits), unless typographic apostrophes were normalised away.
    emit(s, e, normalized, flags, normalized || !bits_exact ? -1 : static_cast<int>(word_bits));
    i = e;
  }
}

}  // namespace detente
