#include <cstdio>

#include <fmt/format.h>

#include "base/json_writer.h"
#include "cli/commands.h"
#include "cli/progress.h"
#include "cli/setup.h"
#include "code/coder.h"
#include "code/discards.h"
#include "read/dates.h"
#include "read/reader.h"

namespace detente {
namespace {

// "story" dates print at the story date's own precision.
DatePrecision EventDatePrecision(const Document& doc, const Event& e) {
  if (e.date_precision == "story") return doc.meta.story_date_precision;
  return e.date_precision == "month" ? DatePrecision::kMonth
         : e.date_precision == "year" ? DatePrecision::kYear : DatePrecision::kDay;
}

void WriteActor(const Document& doc, const ActorRef& a, fmt::memory_buffer* out) {
  (void)doc;
  out->append(std::string_view("{\"code\":"));
  AppendJsonString(out, a.code);
  AppendKey(out, "country");
  AppendJsonString(out, a.country);
  AppendKey(out, "sector");
  AppendJsonString(out, a.sector);
  AppendKey(out, "name");
  AppendJsonString(out, a.name);
  AppendKey(out, "span");
  fmt::format_to(std::back_inserter(*out), "[{},{}]", a.span.start, a.span.end);
  AppendKey(out, "rule");
  AppendJsonString(out, a.rule);
  out->push_back('}');
}

void WriteEventJson(const Document& doc, const Event& e, fmt::memory_buffer* out) {
  const Sentence& s = doc.sentences[e.sentence];
  out->append(std::string_view("{\"doc\":"));
  AppendJsonString(out, doc.id);
  AppendKey(out, "segment");
  AppendJsonString(out, doc.segments[s.segment].Label());
  AppendKey(out, "sentence");
  fmt::format_to(std::back_inserter(*out), "{}", e.sentence);
  AppendKey(out, "span");
  fmt::format_to(std::back_inserter(*out), "[{},{}]", s.start, s.end);
  AppendKey(out, "text");
  AppendJsonString(out, doc.SentenceText(s));
  AppendKey(out, "date");
  if (e.date_precision.empty()) {
    out->append(std::string_view("null"));
  } else {
    AppendJsonString(out, FormatDate(e.date, EventDatePrecision(doc, e)));
  }
  AppendKey(out, "date_precision");
  if (e.date_precision.empty()) out->append(std::string_view("null"));
  else AppendJsonString(out, e.date_precision);
  AppendKey(out, "source");
  WriteActor(doc, e.source, out);
  AppendKey(out, "target");
  WriteActor(doc, e.target, out);
  AppendKey(out, "cameo");
  AppendJsonString(out, e.cameo->code);
  AppendKey(out, "root");
  AppendJsonString(out, e.cameo->code.substr(0, 2));
  AppendKey(out, "label");
  AppendJsonString(out, e.cameo->label);
  AppendKey(out, "goldstein");
  fmt::format_to(std::back_inserter(*out), "{}", e.cameo->goldstein);
  AppendKey(out, "quad");
  fmt::format_to(std::back_inserter(*out), "{}", e.cameo->quad);
  AppendKey(out, "modality");
  AppendJsonString(out, ModalityName(e.modality));
  if (!e.modality_cue.empty()) {
    AppendKey(out, "modality_cue");
    AppendJsonString(out, e.modality_cue);
  }
  AppendKey(out, "trigger");
  out->append(std::string_view("{\"text\":"));
  AppendJsonString(out, doc.Text(e.trigger));
  AppendKey(out, "span");
  fmt::format_to(std::back_inserter(*out), "[{},{}]", e.trigger.start, e.trigger.end);
  out->push_back('}');
  AppendKey(out, "rule");
  AppendJsonString(out, e.rule);
  AppendKey(out, "pattern");
  AppendJsonString(out, e.pattern);
  if (!e.issues.empty()) {
    AppendKey(out, "issues");
    out->push_back('[');
    for (std::size_t i = 0; i < e.issues.size(); ++i) {
      if (i) out->push_back(',');
      AppendJsonString(out, e.issues[i]);
    }
    out->push_back(']');
  }
  out->append(std::string_view("}\n"));
}

std::string TsvField(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return out;
}

void WriteEventTsv(const Document& doc, const Event& e, fmt::memory_buffer* out) {
  const Sentence& s = doc.sentences[e.sentence];
  DatePrecision p = EventDatePrecision(doc, e);
  fmt::format_to(std::back_inserter(*out), "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                 TsvField(doc.id), doc.segments[s.segment].Label(), e.sentence,
                 e.date_precision.empty() ? "" : FormatDate(e.date, p), e.date_precision, e.source.code,
                 TsvField(e.source.name), e.target.code, TsvField(e.target.name), e.cameo->code,
                 e.cameo->goldstein, e.cameo->quad, ModalityName(e.modality), e.rule,
                 TsvField(doc.SentenceText(s)));
}

}  // namespace

int RunCode(const CodeArgs& args) {
  ReadOptions options;
  int rc = PrepareReadOptions(args.common, &options);
  if (rc != 0) return rc;
  auto dicts = LoadDictionaries(args.dict_dir, args.common.quiet, args.dicts, args.explain);
  if (!dicts) return 2;
  if (args.format != "json" && args.format != "jsonl" && args.format != "tsv") {
    fmt::print(stderr, "detente: error: --format {} is not one of json, tsv\n", args.format);
    return 2;
  }
  bool tsv = args.format == "tsv";
  Reader reader(options);
  ReadReport report;
  EventCoder coder(*dicts);
  std::string explain;
  if (args.explain) coder.set_explain(&explain);
  std::vector<Event> events;
  fmt::memory_buffer out;
  if (tsv)
    out.append(std::string_view("doc\tsegment\tsentence\tdate\tdate_precision\tsource\tsource_name\ttarget\t"
                                "target_name\tcameo\tgoldstein\tquad\tmodality\trule\ttext\n"));
  std::size_t total = 0;
  Progress progress("coding");
  reader.ReadPaths(args.common.inputs, [&](Document& doc) {
    events.clear();
    explain.clear();
    coder.Code(doc, &events);
    ApplyDiscardsAndIssues(*dicts, doc, &events);
    if (args.explain) fmt::print(stderr, "== {}\n{}", doc.id, explain);
    for (const auto& e : events) {
      if (!args.all_segments && doc.segments[doc.sentences[e.sentence].segment].kind == SegmentKind::kTeaser)
        continue;
      if (tsv) WriteEventTsv(doc, e, &out);
      else WriteEventJson(doc, e, &out);
      ++total;
    }
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
  if (!args.common.quiet) fmt::print(stderr, "detente: {} event(s)\n", total);
  return ReportProblems(report, args.common.quiet, "coded");
}

}  // namespace detente
