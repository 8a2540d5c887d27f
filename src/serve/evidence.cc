#include "serve/evidence.h"

#include <algorithm>
#include <cstdint>

namespace detente {
namespace {

void WriteSpan(JsonWriter* w, std::string_view key, std::string_view text, uint32_t start,
               uint32_t end, const MentionRow& m) {
  w->Key(key).BeginObject().Field("text", text);
  bool inside = start >= m.sentence_start && end <= m.sentence_end && start < end;
  if (inside) {
    w->Field("start", int64_t{start - m.sentence_start});
    w->Field("end", int64_t{end - m.sentence_start});
  } else {
    w->Key("start").Null().Key("end").Null();
  }
  w->EndObject();
}

}  // namespace

std::vector<EvidencePart> EvidenceParts(const MentionRow& m) {
  std::string_view text = m.sentence;
  std::vector<uint8_t> role(text.size(), 0);  // 0 plain, 1 trigger, 2 source, 3 target
  auto mark = [&](uint32_t start, uint32_t end, uint8_t r) {
    if (end <= start || end <= m.sentence_start || start >= m.sentence_end) return;
    std::size_t from = start > m.sentence_start ? start - m.sentence_start : 0;
    std::size_t to = std::min<std::size_t>(end - m.sentence_start, text.size());
    for (std::size_t i = from; i < to; ++i)
      if (r > role[i]) role[i] = r;
  };
  mark(m.trigger_start, m.trigger_end, 1);
  mark(m.source_start, m.source_end, 2);
  mark(m.target_start, m.target_end, 3);
  // A character's continuation bytes take its first byte's role.
  for (std::size_t i = 1; i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) role[i] = role[i - 1];
  static constexpr std::string_view kNames[] = {"", "trigger", "source", "target"};
  std::vector<EvidencePart> parts;
  std::size_t start = 0;
  for (std::size_t i = 1; i <= text.size(); ++i) {
    if (i == text.size() || role[i] != role[start]) {
      parts.push_back({text.substr(start, i - start), kNames[role[start]]});
      start = i;
    }
  }
  return parts;
}

std::vector<ParagraphPart> ParagraphParts(const ParagraphRow& p,
                                          const std::vector<SentenceRow>& sentences) {
  std::string_view text = p.text;
  std::vector<int64_t> owner(text.size(), 0);
  for (const auto& s : sentences) {
    if (s.end <= p.start || s.start >= p.end) continue;
    std::size_t from = s.start > p.start ? s.start - p.start : 0;
    std::size_t to = std::min<std::size_t>(s.end - p.start, text.size());
    for (std::size_t i = from; i < to; ++i) owner[i] = s.id;
  }
  for (std::size_t i = 1; i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) owner[i] = owner[i - 1];
  std::vector<ParagraphPart> parts;
  std::size_t start = 0;
  for (std::size_t i = 1; i <= text.size(); ++i) {
    if (i == text.size() || owner[i] != owner[start]) {
      parts.push_back({text.substr(start, i - start), owner[start]});
      start = i;
    }
  }
  return parts;
}

void WriteMention(JsonWriter* w, const MentionRow& m, bool with_document) {
  w->BeginObject();
  w->Field("id", m.id).Field("event", m.event);
  if (with_document) {
    w->Key("document").BeginObject();
    w->Field("id", m.document).Field("key", m.doc_key).Field("url", m.url);
    w->Field("publisher", m.publisher).Field("title", m.title).Field("story_date", m.story_date);
    w->EndObject();
  } else {
    w->Field("document", m.document);
  }
  w->Field("segment", m.segment).Field("lead", m.lead);
  w->Key("sentence").BeginObject();
  w->Field("id", m.sentence_id).Field("text", m.sentence);
  w->Field("start", int64_t{m.sentence_start}).Field("end", int64_t{m.sentence_end});
  w->EndObject();
  w->Key("parts").BeginArray();
  for (const auto& p : EvidenceParts(m)) {
    w->BeginObject().Field("text", p.text);
    if (!p.role.empty()) w->Field("role", p.role);
    w->EndObject();
  }
  w->EndArray();
  WriteSpan(w, "source", m.source_name, m.source_start, m.source_end, m);
  WriteSpan(w, "target", m.target_name, m.target_start, m.target_end, m);
  WriteSpan(w, "trigger", m.trigger, m.trigger_start, m.trigger_end, m);
  w->Field("modality_cue", m.modality_cue).Field("date_source", m.date_source);
  w->Field("rule", m.rule).Field("pattern", m.pattern);
  w->EndObject();
}

void WriteDocument(JsonWriter* w, const DocumentRow& d) {
  w->Key("document").BeginObject();
  w->Field("id", d.id).Field("key", d.doc_key).Field("input", d.input).Key("line");
  if (d.line > 0)
    w->Int(d.line);
  else
    w->Null();
  w->Field("kind", d.kind).Field("publisher", d.publisher).Field("url", d.url);
  w->Field("title", d.title).Field("story_date", d.story_date);
  w->Field("story_date_source", d.story_date_source).Field("bytes", d.bytes);
  w->Field("sentences", d.sentences).Field("mentions", d.mentions);
  w->Field("ingested_at", d.ingested_at);
  w->EndObject();
}

std::string_view SegmentKindOf(std::string_view segment) {
  return segment.substr(0, segment.find(':'));
}

}  // namespace detente
