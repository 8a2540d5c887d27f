#include "store/records.h"

#include <cctype>

#include "read/dates.h"
#include "store/hash.h"

namespace detente {
namespace {

void CopyActor(const ActorRef& a, ActorRecord* out) {
  out->code = a.code;
  out->country = a.country;
  out->sector = a.sector;
  out->name = a.name;
  out->span = a.span;
}

// The precision an event's date is printed at: "story" dates take the story
// date's own precision (as `detente code` prints them).
DatePrecision EffectivePrecision(const Document& doc, const Event& e) {
  if (e.date_precision == "story") return doc.meta.story_date_precision;
  if (e.date_precision == "month") return DatePrecision::kMonth;
  if (e.date_precision == "year") return DatePrecision::kYear;
  return DatePrecision::kDay;
}

// Index of the first body paragraph of the main segment, or -1.
int LeadParagraph(const Segment& seg) {
  for (std::size_t p = 0; p < seg.paragraphs.size(); ++p)
    if (seg.paragraphs[p].role == Role::kBody) return static_cast<int>(p);
  return -1;
}

}  // namespace

std::string UrlHost(std::string_view url) {
  std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  std::string_view rest = url.substr(scheme + 3);
  std::size_t end = rest.find_first_of("/?#");
  rest = rest.substr(0, end);
  std::size_t at = rest.rfind('@');
  if (at != std::string_view::npos) rest = rest.substr(at + 1);
  std::size_t colon = rest.find(':');
  if (colon != std::string_view::npos) rest = rest.substr(0, colon);
  std::string host(rest);
  for (auto& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (host.rfind("www.", 0) == 0) host.erase(0, 4);
  return host;
}

void MakeDocRecord(const Document& doc, const std::vector<Event>& events, DocRecord* out) {
  out->hash = Hash64(doc.text);
  out->key = doc.id;
  out->input = doc.source;
  out->line = doc.line;
  out->kind = InputKindName(doc.kind);
  out->url = doc.meta.url;
  out->source = UrlHost(doc.meta.url);
  if (out->source.empty()) out->source = doc.source;
  out->title = doc.meta.title;
  if (out->title.empty() && !doc.segments.empty()) out->title = doc.segments[0].headline;
  if (doc.meta.story_date_source == DateSource::kNone) {
    out->story_date.clear();
  } else {
    out->story_date = FormatDate(doc.meta.story_date, doc.meta.story_date_precision);
  }
  out->story_date_source = DateSourceName(doc.meta.story_date_source);
  out->bytes = static_cast<uint32_t>(doc.text.size());
  out->sentence_count = static_cast<uint32_t>(doc.sentences.size());

  // Reuse the records' storage: size down by count, never clear().
  std::size_t n_sentences = 0, n_mentions = 0;
  int main_lead = -2;  // computed on first need
  for (const Event& e : events) {
    const Sentence& s = doc.sentences[e.sentence];
    const Segment& seg = doc.segments[s.segment];
    if (seg.kind == SegmentKind::kTeaser) continue;
    // Events come in sentence order, so the sentence is usually the last one
    // added; look further back in case a coder change breaks that.
    std::size_t found = n_sentences;
    for (std::size_t k = n_sentences; k-- > 0;)
      if (out->sentences[k].index == e.sentence) {
        found = k;
        break;
      }
    if (found == n_sentences) {
      if (out->sentences.size() <= n_sentences) out->sentences.emplace_back();
      SentenceRecord& sr = out->sentences[n_sentences++];
      sr.index = e.sentence;
      sr.segment = seg.Label();
      sr.span = {s.start, s.end};
      sr.text.assign(doc.SentenceText(s));
      sr.lead = false;
      if (seg.kind == SegmentKind::kMain) {
        if (main_lead == -2) main_lead = LeadParagraph(seg);
        sr.lead = seg.paragraphs[s.paragraph].role == Role::kTitle || s.paragraph == main_lead;
      }
    }
    if (out->mentions.size() <= n_mentions) out->mentions.emplace_back();
    MentionRecord& m = out->mentions[n_mentions++];
    m.sentence = static_cast<uint32_t>(found);
    CopyActor(e.source, &m.source);
    CopyActor(e.target, &m.target);
    m.cameo = e.cameo->code;
    m.root = e.cameo->code.substr(0, 2);
    m.label = e.cameo->label;
    m.goldstein = e.cameo->goldstein;
    m.quad = e.cameo->quad;
    m.modality = e.modality;
    m.modality_cue = e.modality_cue;
    m.date_source = e.date_precision;
    if (e.date_precision.empty()) {
      m.date.clear();
      m.day.reset();
      m.precision.clear();
    } else {
      DatePrecision p = EffectivePrecision(doc, e);
      m.date = FormatDate(e.date, p);
      std::chrono::year_month_day first = e.date;
      if (p == DatePrecision::kMonth) first = e.date.year() / e.date.month() / 1;
      if (p == DatePrecision::kYear) first = e.date.year() / 1 / 1;
      m.day = static_cast<int32_t>(std::chrono::sys_days(first).time_since_epoch().count());
      m.precision = DatePrecisionName(p);
    }
    m.trigger = e.trigger;
    m.trigger_text.assign(doc.Text(e.trigger));
    m.rule = e.rule;
    m.pattern = e.pattern;
  }
  out->sentences.resize(n_sentences);
  out->mentions.resize(n_mentions);
  std::size_t n_paragraphs = 0;
  if (n_mentions > 0) {
    for (const Segment& seg : doc.segments) {
      std::string label = seg.Label();
      for (const Paragraph& p : seg.paragraphs) {
        if (out->paragraphs.size() <= n_paragraphs) out->paragraphs.emplace_back();
        ParagraphRecord& pr = out->paragraphs[n_paragraphs++];
        pr.segment = label;
        pr.role = RoleName(p.role);
        pr.span = p.span;
        pr.text.assign(doc.Text(p.span));
      }
    }
  }
  out->paragraphs.resize(n_paragraphs);
}

}  // namespace detente
