#include <cstdio>

#include <fmt/format.h>

#include "base/json_writer.h"
#include "cli/commands.h"
#include "cli/progress.h"
#include "cli/setup.h"
#include "read/dates.h"
#include "read/reader.h"

namespace detente {
namespace {

void Span2(fmt::memory_buffer* out, uint32_t s, uint32_t e) { fmt::format_to(std::back_inserter(*out), "[{},{}]", s, e); }

void WriteDocument(const Document& doc, fmt::memory_buffer* out) {
  const Metadata& m = doc.meta;
  out->append(std::string_view("{\"type\":\"document\",\"schema\":\"detente.read/1\""));
  AppendKey(out, "doc");
  AppendJsonString(out, doc.id);
  AppendKey(out, "source");
  AppendJsonString(out, doc.source);
  if (doc.line) {
    AppendKey(out, "line");
    fmt::format_to(std::back_inserter(*out), "{}", doc.line);
  }
  AppendKey(out, "kind");
  AppendJsonString(out, InputKindName(doc.kind));
  AppendKey(out, "bytes");
  fmt::format_to(std::back_inserter(*out), "{}", doc.text.size());
  AppendKey(out, "title");
  AppendJsonString(out, m.title);
  AppendKey(out, "dek");
  AppendJsonString(out, m.dek);
  AppendKey(out, "section");
  AppendJsonString(out, m.section);
  if (!m.url.empty()) {
    AppendKey(out, "url");
    AppendJsonString(out, m.url);
  }
  AppendKey(out, "story_date");
  if (m.story_date_source == DateSource::kNone) {
    out->append(std::string_view("null"));
  } else {
    AppendJsonString(out, FormatDate(m.story_date, m.story_date_precision));
    AppendKey(out, "story_date_precision");
    AppendJsonString(out, DatePrecisionName(m.story_date_precision));
  }
  AppendKey(out, "story_date_source");
  AppendJsonString(out, DateSourceName(m.story_date_source));
  if (!m.story_date_evidence.empty()) {
    AppendKey(out, "story_date_evidence");
    AppendJsonString(out, m.story_date_evidence);
  }
  AppendKey(out, "dates_seen");
  out->push_back('[');
  for (std::size_t i = 0; i < m.dates_seen.size(); ++i) {
    const auto& d = m.dates_seen[i];
    if (i) out->push_back(',');
    out->append(std::string_view("{\"text\":"));
    AppendJsonString(out, doc.Text(d.span));
    AppendKey(out, "date");
    AppendJsonString(out, FormatDate(d.date, d.precision));
    AppendKey(out, "precision");
    AppendJsonString(out, DatePrecisionName(d.precision));
    AppendKey(out, "span");
    Span2(out, d.span.start, d.span.end);
    out->push_back('}');
  }
  out->push_back(']');
  AppendKey(out, "segments");
  fmt::format_to(std::back_inserter(*out), "{}", doc.segments.size());
  AppendKey(out, "sentences");
  fmt::format_to(std::back_inserter(*out), "{}", doc.sentences.size());
  AppendKey(out, "tokens");
  fmt::format_to(std::back_inserter(*out), "{}", doc.tokens.size());
  out->append(std::string_view("}\n"));
}

void WriteSegment(const Document& doc, const Segment& seg, fmt::memory_buffer* out) {
  out->append(std::string_view("{\"type\":\"segment\""));
  AppendKey(out, "doc");
  AppendJsonString(out, doc.id);
  AppendKey(out, "segment");
  AppendJsonString(out, seg.Label());
  AppendKey(out, "kind");
  AppendJsonString(out, SegmentKindName(seg.kind));
  if (!seg.headline.empty()) {
    AppendKey(out, "headline");
    AppendJsonString(out, seg.headline);
  }
  if (!seg.section.empty()) {
    AppendKey(out, "section");
    AppendJsonString(out, seg.section);
  }
  AppendKey(out, "paragraphs");
  out->push_back('[');
  for (std::size_t i = 0; i < seg.paragraphs.size(); ++i) {
    const Paragraph& p = seg.paragraphs[i];
    if (i) out->push_back(',');
    out->append(std::string_view("{\"role\":"));
    AppendJsonString(out, RoleName(p.role));
    AppendKey(out, "span");
    Span2(out, p.span.start, p.span.end);
    AppendKey(out, "text");
    AppendJsonString(out, doc.Text(p.span));
    out->push_back('}');
  }
  out->append(std::string_view("]}\n"));
}

void WriteSentence(const Document& doc, std::size_t index, bool tokens, fmt::memory_buffer* out) {
  const Sentence& s = doc.sentences[index];
  out->append(std::string_view("{\"type\":\"sentence\""));
  AppendKey(out, "doc");
  AppendJsonString(out, doc.id);
  AppendKey(out, "segment");
  AppendJsonString(out, doc.segments[s.segment].Label());
  AppendKey(out, "role");
  AppendJsonString(out, RoleName(doc.segments[s.segment].paragraphs[s.paragraph].role));
  AppendKey(out, "sentence");
  fmt::format_to(std::back_inserter(*out), "{}", index);
  AppendKey(out, "span");
  Span2(out, s.start, s.end);
  AppendKey(out, "text");
  AppendJsonString(out, doc.SentenceText(s));
  if (tokens) {
    // Each token: [start, end, norm, lemma, pos].
    AppendKey(out, "tokens");
    out->push_back('[');
    for (uint32_t t = s.first_token; t < s.end_token; ++t) {
      const Token& tok = doc.tokens[t];
      if (t != s.first_token) out->push_back(',');
      fmt::format_to(std::back_inserter(*out), "[{},{},", tok.start, tok.end);
      AppendJsonString(out, tok.norm);
      out->push_back(',');
      AppendJsonString(out, tok.lemma);
      out->push_back(',');
      AppendJsonString(out, PosName(tok.pos));
      out->push_back(']');
    }
    out->push_back(']');
  }
  out->append(std::string_view("}\n"));
}

}  // namespace

int RunRead(const ReadArgs& args) {
  ReadOptions options;
  int rc = PrepareReadOptions(args.common, &options);
  if (rc != 0) return rc;
  Reader reader(options);
  ReadReport report;
  fmt::memory_buffer out;
  Progress progress("reading");
  reader.ReadPaths(args.common.inputs, [&](Document& doc) {
    WriteDocument(doc, &out);
    for (const auto& seg : doc.segments)
      if (seg.Coded() || args.boilerplate) WriteSegment(doc, seg, &out);
    for (std::size_t i = 0; i < doc.sentences.size(); ++i) WriteSentence(doc, i, args.tokens, &out);
    if (out.size() > (1 << 20)) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    }
    progress.Update(report.documents, report.bytes);
    return true;
  }, &report);
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  progress.Done();
  return ReportProblems(report, args.common.quiet, "read");
}

}  // namespace detente
