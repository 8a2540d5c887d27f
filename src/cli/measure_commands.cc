// The barometer's commands: trend (a dyad's series), alerts (dyads that
// shifted), report (an HTML page, with optional SVG/PNG charts). The
// computation lives in src/measure; this file parses flags, reads the store
// and prints.
#include "cli/measure_commands.h"
#include "cli/text_table.h"

#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "base/json_writer.h"
#include "base/utf8.h"
#include "measure/alerts.h"
#include "measure/barometer.h"
#include "measure/chart.h"
#include "measure/dyad_store.h"
#include "measure/period.h"
#include "measure/report.h"
#include "store/event_store.h"

extern char** environ;

namespace detente {
namespace {

// The store used when neither --db nor $DETENTE_DB names one: the same rule
// as the store commands (ingest, events, stats).
constexpr const char* kDefaultDb = "detente.db";

std::string DbPath(const std::string& flag) {
  if (!flag.empty()) return flag;
  const char* env = std::getenv("DETENTE_DB");
  if (env && *env) return env;
  return kDefaultDb;
}

std::string Thousands(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out = n < 0 ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

// A JSON number rounded to 4 decimals (null for NaN or infinity).
std::string Num(double v) {
  if (!std::isfinite(v)) return "null";
  double r = std::round(v * 1e4) / 1e4;
  if (r == 0) r = 0;  // no "-0"
  return fmt::format("{}", r);
}
std::string Num(const std::optional<double>& v) { return v ? Num(*v) : "null"; }

std::string Signed(double v) { return std::fabs(v) < 0.005 ? "0.00" : fmt::format("{:+.2f}", v); }

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= s.size()) {
    std::size_t comma = s.find(',', pos);
    if (comma == std::string::npos) comma = s.size();
    std::string item = s.substr(pos, comma - pos);
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty()) out.push_back(item);
    pos = comma + 1;
  }
  return out;
}

std::string Today() {
  auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return DayString(static_cast<int32_t>(now.time_since_epoch().count()));
}

// ------------------------------------------------------------------ shared flags

struct AnalysisArgs {
  std::string db;
  std::string by = "week";
  std::string since, until;
  std::string modality = "asserted";
  double prior_scale = 2.0;
  double penalty = 3.0;
  int min_segment = 2;
  double min_shift = 0.1;
  double peak_z = 2.5;
};

void AddAnalysisFlags(CLI::App* cmd, AnalysisArgs* args) {
  cmd->add_option(
      "--db", args->db,
      std::string("Event store file (default: $DETENTE_DB, else ./") + kDefaultDb + ")");
  cmd->add_option("--by", args->by, "Period: day, week (Monday first) or month")
      ->capture_default_str();
  cmd->add_option("--since", args->since, "First date (YYYY-MM-DD, YYYY-MM or YYYY)");
  cmd->add_option("--until", args->until, "Last date, inclusive");
  cmd->add_option("--modality", args->modality,
                  "Modalities counted: asserted, negated, planned, hypothetical, normative "
                  "(comma-separated)")
      ->capture_default_str();
  cmd->add_option("--prior-scale", args->prior_scale,
                  "Index prior as a multiple of the median period's evidence (docs/BAROMETER.md)")
      ->capture_default_str();
  cmd->add_option("--penalty", args->penalty,
                  "Change-point penalty factor: penalty = factor x ln(n) x sigma^2 (3: about MBIC; "
                  "2: BIC, more false alarms)")
      ->capture_default_str();
  cmd->add_option("--min-segment", args->min_segment,
                  "Shortest segment between change points, in periods")
      ->capture_default_str();
  cmd->add_option("--peak-z", args->peak_z,
                  "A single period this many robust sigmas from its segment's median is a peak")
      ->capture_default_str();
  cmd->add_option("--min-shift", args->min_shift,
                  "Change points moving mean net cooperation less than this (in typical periods' "
                  "evidence) are merged")
      ->capture_default_str();
}

// Validated options, or an exit status after a message.
struct Prepared {
  PeriodUnit unit = PeriodUnit::kWeek;
  std::optional<int32_t> since, until;
  std::vector<std::string> modalities;
  BarometerOptions options;
};

int Prepare(const AnalysisArgs& args, Prepared* p) {
  auto unit = ParsePeriodUnit(args.by);
  if (!unit) {
    fmt::print(stderr, "detente: error: --by {} is not one of day, week, month\n", args.by);
    return 2;
  }
  p->unit = *unit;
  if (!args.since.empty()) {
    p->since = ParseDayBound(args.since, false);
    if (!p->since) {
      fmt::print(stderr,
                 "detente: error: --since {} is not a date; write YYYY-MM-DD, YYYY-MM or YYYY\n",
                 args.since);
      return 2;
    }
  }
  if (!args.until.empty()) {
    p->until = ParseDayBound(args.until, true);
    if (!p->until) {
      fmt::print(stderr,
                 "detente: error: --until {} is not a date; write YYYY-MM-DD, YYYY-MM or YYYY\n",
                 args.until);
      return 2;
    }
  }
  if (p->since && p->until && *p->since > *p->until) {
    fmt::print(stderr, "detente: error: --since {} is after --until {}\n", args.since, args.until);
    return 2;
  }
  static const std::set<std::string> kModalities = {"asserted", "negated", "planned",
                                                    "hypothetical", "normative"};
  for (const auto& m : SplitList(args.modality)) {
    if (!kModalities.count(m)) {
      fmt::print(
          stderr,
          "detente: error: --modality {} is not one of asserted, negated, planned, hypothetical, "
          "normative\n",
          m);
      return 2;
    }
    p->modalities.push_back(m);
  }
  if (p->modalities.empty()) {
    fmt::print(stderr, "detente: error: --modality names no modality\n");
    return 2;
  }
  if (!(args.prior_scale > 0) || !(args.penalty > 0) || args.min_segment < 1 ||
      !(args.min_shift >= 0) || !(args.peak_z > 0)) {
    fmt::print(
        stderr,
        "detente: error: --prior-scale and --penalty must be positive, --min-segment at least 1, "
        "--min-shift at least 0, --peak-z positive\n");
    return 2;
  }
  p->options.series.unit = *unit;
  p->options.series.prior_scale = args.prior_scale;
  p->options.pelt.penalty_factor = args.penalty;
  p->options.pelt.min_segment = args.min_segment;
  p->options.min_shift = args.min_shift;
  p->options.peak_z = args.peak_z;
  return 0;
}

std::unique_ptr<EventStore> OpenStore(const std::string& flag) {
  auto store = EventStore::Open(DbPath(flag), EventStore::Mode::kRead);
  if (!store.ok()) {
    fmt::print(stderr, "detente: error: {}\n", store.status().message());
    return nullptr;
  }
  return std::move(store).value();
}

// A dyad loaded and analysed, with what was left out.
struct DyadRun {
  DyadAnalysis analysis;
  std::vector<DyadEvent> events;
  int64_t undated = 0, outside = 0;
  bool empty = true;  // no dated event in range
};

int RunDyad(EventStore* store, const std::string& a_arg, const std::string& b_arg,
            const Prepared& p, DyadRun* run) {
  auto a = ParseActorSpec(a_arg);
  auto b = ParseActorSpec(b_arg);
  if (!a.ok() || !b.ok()) {
    fmt::print(stderr, "detente: error: {}\n", (!a.ok() ? a.status() : b.status()).message());
    return 2;
  }
  DyadQuery q{*a, *b, p.modalities};
  auto load = LoadDyadEvents(store->db(), q);
  if (!load.ok()) {
    fmt::print(stderr, "detente: error: {}\n", load.status().message());
    return load.status().code() == ErrorCode::kInvalidInput ? 2 : 1;
  }
  run->events = std::move(load->events);
  run->undated = load->undated;
  std::string sa = a->code, sb = b->code;
  auto range = SeriesRange(run->events, p.since, p.until, p.unit);
  run->empty = !range;
  if (run->empty) {  // no dated event and no range asked for: no periods at all
    run->analysis = AnalyseDyad(sa, sb, run->events, 1, 0, p.options);
    return 0;
  }
  int32_t first = range->first, last = range->last;
  for (const auto& e : run->events)
    if (e.day < first || e.day > last) ++run->outside;
  run->analysis = AnalyseDyad(sa, sb, run->events, first, last, p.options);
  return 0;
}

void NoteLeftOut(const DyadRun& run, const Prepared& p) {
  if (run.outside)
    fmt::print(stderr, "detente: {} event(s) of the dyad dated outside the range left out{}\n",
               Thousands(run.outside),
               p.since || p.until
                   ? ""
                   : " (month- or year-dated ones beyond the day-dated events; --since/--until "
                     "widen the range)");
  if (run.undated)
    fmt::print(stderr, "detente: {} undated event(s) of the dyad left out\n",
               Thousands(run.undated));
}

Status Details(EventStore* store, const std::vector<int64_t>& ids, int evidence,
               std::map<int64_t, EventDetail>* out) {
  std::vector<int64_t> missing;
  for (int64_t id : ids)
    if (!out->count(id)) missing.push_back(id);
  std::vector<EventDetail> details;
  DETENTE_RETURN_IF_ERROR(LoadEventDetails(store, missing, evidence, &details));
  for (auto& d : details) out->emplace(d.id, std::move(d));
  return Status::Ok();
}

// ------------------------------------------------------------------ trend

struct TrendArgs {
  AnalysisArgs analysis;
  std::string a, b;
  std::string format = "table";
};

void CellJson(fmt::memory_buffer* out, const PeriodCell& c) {
  auto it = std::back_inserter(*out);
  fmt::format_to(it, "\"events\":{},\"mentions\":{}", c.events, c.mentions);
  fmt::format_to(it, ",\"quad_events\":[{}]", fmt::join(c.quad_events, ","));
  fmt::format_to(it, ",\"quad_mentions\":[{}]", fmt::join(c.quad_mentions, ","));
  fmt::format_to(
      it,
      ",\"goldstein_sum\":{},\"goldstein_mean\":{},\"cooperation\":{},\"conflict\":{},\"net\":{},"
      "\"index\":{}",
      Num(c.goldstein_sum), Num(c.goldstein_mean()), Num(c.cooperation), Num(c.conflict),
      Num(c.net()), Num(c.index));
}

void ReciprocityJson(fmt::memory_buffer* out, const DyadAnalysis& a) {
  auto it = std::back_inserter(*out);
  out->append(std::string_view("["));
  for (std::size_t i = 0; i < a.reciprocity.size(); ++i) {
    const Reciprocity& r = a.reciprocity[i];
    if (i) out->push_back(',');
    out->append(std::string_view("{\"kind\":"));
    AppendJsonString(out, r.kind);
    AppendKey(out, "actor");
    AppendJsonString(out, r.actor);
    AppendKey(out, "responder");
    AppendJsonString(out, r.responder);
    out->append(std::string_view(",\"lags\":["));
    for (std::size_t k = 0; k < r.lags.size(); ++k) {
      const auto& c = r.lags[k];
      fmt::format_to(it, "{}{{\"lag\":{},\"r\":{},\"r_raw\":{},\"n\":{}}}", k ? "," : "", c.lag,
                     Num(c.r), Num(c.r_raw), c.n);
    }
    fmt::format_to(
        it, "],\"best_lag\":{},\"best_r\":{},\"best_n\":{},\"threshold\":{},\"significant\":{}}}",
        r.best_r ? std::to_string(r.best_lag) : "null", Num(r.best_r), r.best_n, Num(r.threshold),
        r.significant ? "true" : "false");
  }
  out->push_back(']');
}

void TrendJson(fmt::memory_buffer* out, const DyadRun& run, const Prepared& p) {
  const DyadAnalysis& a = run.analysis;
  const DyadSeries& s = a.series;
  auto it = std::back_inserter(*out);
  out->append(std::string_view("{\"dyad\":["));
  AppendJsonString(out, a.a);
  out->push_back(',');
  AppendJsonString(out, a.b);
  out->push_back(']');
  AppendKey(out, "by");
  AppendJsonString(out, PeriodUnitName(s.unit));
  AppendKey(out, "since");
  if (s.periods.empty())
    out->append(std::string_view("null"));
  else
    AppendJsonString(out, DayString(s.periods.front().start));
  AppendKey(out, "until");
  if (s.periods.empty())
    out->append(std::string_view("null"));
  else
    AppendJsonString(out, DayString(s.periods.back().end));
  fmt::format_to(it, ",\"modalities\":[");
  for (std::size_t i = 0; i < p.modalities.size(); ++i) {
    if (i) out->push_back(',');
    AppendJsonString(out, p.modalities[i]);
  }
  fmt::format_to(it,
                 "],\"events\":{},\"mentions\":{},\"coarse_events\":{},\"undated_events\":{},"
                 "\"events_outside_range\":{}",
                 s.events, s.mentions, s.coarse_events, run.undated, run.outside);
  fmt::format_to(it, ",\"index_prior\":{{\"both\":{},\"ab\":{},\"ba\":{}}},\"net_scale\":{}",
                 Num(s.prior_both), Num(s.prior_ab), Num(s.prior_ba), Num(s.net_scale));
  out->append(std::string_view(",\"periods\":["));
  for (std::size_t i = 0; i < s.periods.size(); ++i) {
    const Period& per = s.periods[i];
    if (i) out->push_back(',');
    out->append(std::string_view("{\"start\":"));
    AppendJsonString(out, DayString(per.start));
    AppendKey(out, "end");
    AppendJsonString(out, DayString(per.end));
    out->push_back(',');
    CellJson(out, per.both);
    out->append(std::string_view(",\"ab\":{"));
    CellJson(out, per.ab);
    out->append(std::string_view("},\"ba\":{"));
    CellJson(out, per.ba);
    out->append(std::string_view("}}"));
  }
  out->append(std::string_view("],\"change_points\":["));
  for (std::size_t i = 0; i < a.change_points.size(); ++i) {
    const ChangePoint& cp = a.change_points[i];
    if (i) out->push_back(',');
    out->append(std::string_view("{\"start\":"));
    AppendJsonString(out, DayString(cp.start));
    fmt::format_to(it,
                   ",\"period\":{},\"direction\":\"{}\",\"before\":{},\"after\":{},\"shift\":{},"
                   "\"net_before\":{},\"net_after\":{},\"faded\":{},\"drivers\":[{}]}}",
                   cp.period, cp.worse ? "worse" : "better", Num(cp.before), Num(cp.after),
                   Num(cp.after - cp.before), Num(cp.net_before), Num(cp.net_after),
                   cp.faded() ? "true" : "false", fmt::join(cp.drivers, ","));
  }
  out->append(std::string_view("],\"peaks\":["));
  for (std::size_t i = 0; i < a.peaks.size(); ++i) {
    const Peak& pk = a.peaks[i];
    if (i) out->push_back(',');
    out->append(std::string_view("{\"start\":"));
    AppendJsonString(out, DayString(pk.start));
    fmt::format_to(it, ",\"period\":{},\"direction\":\"{}\",\"net\":{},\"z\":{},\"drivers\":[{}]}}",
                   pk.period, pk.cooperative ? "cooperation" : "conflict", Num(pk.net), Num(pk.z),
                   fmt::join(pk.drivers, ","));
  }
  const Segmentation& seg = a.segmentation;
  fmt::format_to(it,
                 "],\"change_point_method\":{{\"method\":\"PELT\",\"cost\":\"gaussian_mean\","
                 "\"series\":\"net/net_scale\",\"penalty_factor\":{},\"penalty\":{},\"sigma\":{},"
                 "\"min_segment\":{},\"min_shift\":{}}}",
                 Num(seg.penalty_factor), Num(seg.penalty), Num(seg.sigma), seg.min_segment,
                 Num(p.options.min_shift));
  out->append(std::string_view(",\"reciprocity\":"));
  ReciprocityJson(out, a);
  out->append(std::string_view("}\n"));
}

void TrendCsv(fmt::memory_buffer* out, const DyadRun& run) {
  const DyadAnalysis& a = run.analysis;
  auto it = std::back_inserter(*out);
  std::map<int, const ChangePoint*> cps;
  for (const auto& cp : a.change_points) cps[cp.period] = &cp;
  out->append(std::string_view("start,end"));
  for (std::string_view pre : {"", "ab_", "ba_"})
    fmt::format_to(
        it,
        ",{0}events,{0}mentions,{0}q1_events,{0}q2_events,{0}q3_events,{0}q4_events,{0}q1_mentions,"
        "{0}q2_mentions,{0}q3_mentions,{0}q4_mentions,{0}goldstein_sum,{0}goldstein_mean,"
        "{0}cooperation,{0}conflict,{0}index",
        pre);
  out->append(std::string_view(",net,segment_index_mean,segment_net_mean,change_point\n"));
  const auto& segs = a.segmentation.segments;
  std::size_t seg = 0;
  for (std::size_t i = 0; i < a.series.periods.size(); ++i) {
    const Period& per = a.series.periods[i];
    fmt::format_to(it, "{},{}", DayString(per.start), DayString(per.end));
    for (const PeriodCell* c : {&per.both, &per.ab, &per.ba}) {
      auto mean = c->goldstein_mean();
      fmt::format_to(it, ",{},{},{},{},{}", c->events, c->mentions, fmt::join(c->quad_events, ","),
                     fmt::join(c->quad_mentions, ","), Num(c->goldstein_sum));
      fmt::format_to(it, ",{},{},{},{}", mean ? Num(*mean) : "", Num(c->cooperation),
                     Num(c->conflict), Num(c->index));
    }
    while (seg + 1 < segs.size() && static_cast<int>(i) >= segs[seg].end) ++seg;
    auto cp = cps.find(static_cast<int>(i));
    fmt::format_to(it, ",{},{},{},{}\n", Num(per.both.net()),
                   seg < a.index_means.size() ? Num(a.index_means[seg]) : "",
                   seg < segs.size() ? Num(segs[seg].mean * a.series.net_scale) : "",
                   cp == cps.end() ? "" : (cp->second->worse ? "worse" : "better"));
  }
}

// ▁▂▃▄▅▆▇█ for v in [-scale, scale].
std::string Spark(double v, double scale) {
  static const char* kBlocks[] = {"\u2581", "\u2582", "\u2583", "\u2584",
                                  "\u2585", "\u2586", "\u2587", "\u2588"};
  double t = (std::clamp(v / scale, -1.0, 1.0) + 1) / 2;
  int k = std::clamp(static_cast<int>(std::lround(t * 7)), 0, 7);
  return kBlocks[k];
}

// A diverging bar: conflict to the left of the axis, cooperation to the right.
std::string Bar(double v, double scale, int cells) {
  int k = std::clamp(static_cast<int>(std::lround(std::fabs(v) / scale * cells)), 0, cells);
  std::string left(static_cast<std::size_t>(cells - (v < 0 ? k : 0)), ' '), right;
  for (int i = 0; i < (v < 0 ? k : 0); ++i) left += "\u2588";
  for (int i = 0; i < (v > 0 ? k : 0); ++i) right += "\u2588";
  right.append(static_cast<std::size_t>(cells - (v > 0 ? k : 0)), ' ');
  return left + "\u2502" + right;
}

double ChartScale(const DyadSeries& s) {
  double m = 0;
  for (const auto& p : s.periods) m = std::max(m, std::fabs(p.both.index));
  for (double v : {0.2, 0.4, 0.6, 0.8})
    if (m <= v) return v;
  return 1.0;
}

void TrendTable(fmt::memory_buffer* out, EventStore* store, const DyadRun& run, const Prepared& p) {
  const DyadAnalysis& a = run.analysis;
  const DyadSeries& s = a.series;
  auto it = std::back_inserter(*out);
  std::string ab = fmt::format("{}\u2192{}", a.a, a.b), ba = fmt::format("{}\u2192{}", a.b, a.a);
  fmt::format_to(it, "{} \u21c4 {} by {}, {} .. {}: {} {} event(s), {} mention(s)\n", a.a, a.b,
                 PeriodUnitName(s.unit), DayString(s.periods.front().start),
                 DayString(s.periods.back().end), Thousands(s.events), fmt::join(p.modalities, "/"),
                 Thousands(s.mentions));
  double scale = ChartScale(s);
  std::string spark;
  for (const auto& per : s.periods) spark += Spark(per.both.index, scale);
  fmt::format_to(it, "index  {}  (\u00b1{:.2f} scale)\n\n", spark, scale);

  std::map<int, const ChangePoint*> cps;
  for (const auto& cp : a.change_points) cps[cp.period] = &cp;
  std::string head = std::string(PeriodUnitName(s.unit));
  for (auto& c : head) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::vector<std::string> heads = {head,       "EVENTS",
                                    "MENTIONS", "Q1",
                                    "Q2",       "Q3",
                                    "Q4",       "GS_SUM",
                                    "GS_MEAN",  "NET",
                                    "INDEX",    ab,
                                    ba,         "conflict \u2190 index \u2192 cooperation",
                                    ""};
  std::vector<bool> right = {false, true, true, true, true, true,  true, true,
                             true,  true, true, true, true, false, false};
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < s.periods.size(); ++i) {
    const Period& per = s.periods[i];
    const PeriodCell& c = per.both;
    auto mean = c.goldstein_mean();
    std::string mark;
    auto cp = cps.find(static_cast<int>(i));
    if (cp != cps.end())
      mark = fmt::format("{} {}", cp->second->worse ? "\u25BC" : "\u25B2",
                         cp->second->worse ? "worse" : "better");
    for (const Peak& pk : a.peaks)
      if (pk.period == static_cast<int>(i))
        mark = pk.cooperative ? "\u2605 cooperation peak" : "\u2605 conflict peak";
    rows.push_back({DayString(per.start), std::to_string(c.events), std::to_string(c.mentions),
                    std::to_string(c.quad_mentions[0]), std::to_string(c.quad_mentions[1]),
                    std::to_string(c.quad_mentions[2]), std::to_string(c.quad_mentions[3]),
                    fmt::format("{:.1f}", c.goldstein_sum),
                    mean ? fmt::format("{:.2f}", *mean) : "-", fmt::format("{:.1f}", c.net()),
                    Signed(c.index), per.ab.events ? Signed(per.ab.index) : "-",
                    per.ba.events ? Signed(per.ba.index) : "-", Bar(c.index, scale, 8), mark});
  }
  std::vector<std::size_t> width(heads.size());
  for (std::size_t k = 0; k < heads.size(); ++k) {
    width[k] = Width(heads[k]);
    for (const auto& r : rows) width[k] = std::max(width[k], Width(r[k]));
  }
  auto line = [&](const std::vector<std::string>& v) {
    std::string l;
    for (std::size_t k = 0; k < v.size(); ++k) {
      if (k) l += "  ";
      Pad(&l, v[k], k + 1 == v.size() ? 0 : width[k], right[k]);
    }
    while (!l.empty() && l.back() == ' ') l.pop_back();
    l += "\n";
    out->append(l);
  };
  line(heads);
  for (const auto& r : rows) line(r);
  fmt::format_to(
      it,
      "\nQ1..Q4: mentions of verbal cooperation, material cooperation, verbal conflict, material "
      "conflict. GS_SUM, GS_MEAN: Goldstein\nscores per event. NET = C - K, net cooperation "
      "(mentions x "
      "Goldstein). INDEX = (C - K) / (C + K + P), P = {:.1f} (docs/BAROMETER.md).\n",
      s.prior_both);

  const Segmentation& seg = a.segmentation;
  fmt::format_to(
      it,
      "\nchange points of NET / {:.1f} (PELT, Gaussian mean cost, penalty {:.4f} = {:g} x ln({}) x "
      "{:.3f}^2, segments >= {} {}s): {}\n",
      s.net_scale, seg.penalty, seg.penalty_factor, s.periods.size(), seg.sigma, seg.min_segment,
      PeriodUnitName(s.unit),
      a.change_points.empty() ? "none" : std::to_string(a.change_points.size()));
  // The drivers of change points and peaks, read in one query.
  std::map<int64_t, EventDetail> details;
  std::vector<int64_t> ids;
  for (const auto& cp : a.change_points)
    ids.insert(ids.end(), cp.drivers.begin(), cp.drivers.end());
  for (const auto& pk : a.peaks) ids.insert(ids.end(), pk.drivers.begin(), pk.drivers.end());
  Status st = Details(store, ids, 1, &details);
  if (!st.ok()) fmt::print(stderr, "detente: warning: reading driver events: {}\n", st.message());
  auto print_drivers = [&](const std::vector<int64_t>& drivers) {
    for (int64_t id : drivers) {
      auto d = details.find(id);
      if (d == details.end()) continue;
      const EventDetail& e = d->second;
      fmt::format_to(it, "      #{:<6} {:<10} {} -> {}  {} {} ({:+.1f}, {} mention{})\n", e.id,
                     e.date, e.source_code, e.target_code, e.cameo, Fit(e.label, 34), e.goldstein,
                     e.num_mentions, e.num_mentions == 1 ? "" : "s");
      if (!e.evidence.empty())
        fmt::format_to(it, "              \"{}\"\n", Fit(e.evidence[0].sentence, 110));
    }
  };
  for (const auto& cp : a.change_points) {
    fmt::format_to(it, "  {} {} {}: net cooperation {:+.1f} -> {:+.1f} per {}, index {} -> {}\n",
                   cp.worse ? "\u25BC" : "\u25B2", DayString(cp.start),
                   cp.worse ? "worse" : "better", cp.net_before, cp.net_after,
                   PeriodUnitName(s.unit), Signed(cp.before), Signed(cp.after));
    if (cp.faded())
      fmt::format_to(it, "      no {} event in the first {} {}s after: {} faded\n",
                     cp.worse ? "conflictual" : "cooperative", p.options.driver_periods,
                     PeriodUnitName(s.unit), cp.worse ? "cooperation" : "conflict");
    print_drivers(cp.drivers);
  }
  fmt::format_to(
      it,
      "\npeaks (single {}s at least {:g} robust sigmas from their segment's median, >= {} "
      "events): {}\n",
      PeriodUnitName(s.unit), p.options.peak_z, p.options.peak_min_events,
      a.peaks.empty() ? "none" : std::to_string(a.peaks.size()));
  for (const auto& pk : a.peaks) {
    fmt::format_to(it, "  \u2605 {} {} peak: net cooperation {:+.1f} ({:+.1f} sigmas)\n",
                   DayString(pk.start), pk.cooperative ? "cooperation" : "conflict", pk.net, pk.z);
    print_drivers(pk.drivers);
  }
  fmt::format_to(it,
                 "\nreciprocity (cross-correlation after AR(1) prewhitening, lags 1..{} {}s):\n",
                 p.options.max_lag, PeriodUnitName(s.unit));
  for (const auto& r : a.reciprocity) {
    std::vector<std::string> lags;
    for (const auto& c : r.lags) lags.push_back(c.r ? fmt::format("{:+.2f}", *c.r) : "n/a");
    fmt::format_to(it, "  {} answering {}'s {:<11} r by lag 0..{}: {}", r.responder, r.actor,
                   r.kind + ":", p.options.max_lag, fmt::join(lags, " "));
    if (r.best_r)
      fmt::format_to(it, "  best lag {} (r {:+.2f}, n {}; {} {:.2f})\n", r.best_lag, *r.best_r,
                     r.best_n, r.significant ? "significant, above" : "not significant, below",
                     r.threshold);
    else
      fmt::format_to(it, "\n");
  }
}

int RunTrend(const TrendArgs& args) {
  if (args.format != "table" && args.format != "json" && args.format != "csv") {
    fmt::print(stderr, "detente: error: --format {} is not one of table, json, csv\n", args.format);
    return 2;
  }
  Prepared p;
  if (int rc = Prepare(args.analysis, &p)) return rc;
  auto store = OpenStore(args.analysis.db);
  if (!store) return 2;
  DyadRun run;
  if (int rc = RunDyad(store.get(), args.a, args.b, p, &run)) return rc;
  fmt::memory_buffer out;
  if (args.format == "json")
    TrendJson(&out, run, p);
  else if (args.format == "csv")
    TrendCsv(&out, run);
  else if (!run.analysis.series.periods.empty())
    TrendTable(&out, store.get(), run, p);
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  if (run.analysis.series.events == 0)
    fmt::print(stderr, "detente: no {} events between {} and {}{}\n", fmt::join(p.modalities, "/"),
               run.analysis.a, run.analysis.b, p.since || p.until ? " in this range" : "");
  NoteLeftOut(run, p);
  return 0;
}

// ------------------------------------------------------------------ alerts

struct AlertsArgs {
  AnalysisArgs analysis;
  int history = 26;
  int recent = 8;
  int64_t min_events = 20;
  double threshold = 0.2;
  int top = 20;
  std::string format = "table";
};

int RunAlerts(const AlertsArgs& args) {
  if (args.format != "table" && args.format != "json") {
    fmt::print(stderr, "detente: error: --format {} is not one of table, json\n", args.format);
    return 2;
  }
  if (args.history < 2 || args.recent < 1 || args.top < 1 || !(args.threshold >= 0)) {
    fmt::print(
        stderr,
        "detente: error: --history must be at least 2, --recent and --top at least 1, --threshold "
        "at least 0\n");
    return 2;
  }
  Prepared p;
  if (int rc = Prepare(args.analysis, &p)) return rc;
  auto store = OpenStore(args.analysis.db);
  if (!store) return 2;
  auto last_day = LastEventDay(store->db(), p.modalities);
  if (!last_day.ok()) {
    fmt::print(stderr, "detente: error: {}\n", last_day.status().message());
    return 1;
  }
  // The window: --until (default: the last day-dated event), --since
  // (default: `recent` periods back), and `history` periods before --since
  // so that a shift has a "before" to be measured against.
  AlertWindow w =
      MakeAlertWindow(p.since, p.until, last_day->value_or(0), p.unit, args.recent, args.history);
  int32_t since = w.since, until = w.until, from = w.from;
  std::vector<Alert> alerts;
  std::size_t dyads_checked = 0;
  if (last_day->has_value() || p.until) {
    std::vector<DyadScan> scans;
    Status st = ScanCountryDyads(store->db(), p.modalities, w, args.min_events, p.options, &scans);
    if (!st.ok()) {
      fmt::print(stderr, "detente: error: {}\n", st.message());
      return 1;
    }
    dyads_checked = scans.size();
    alerts = FindAlerts(scans, since, args.threshold, static_cast<std::size_t>(args.top));
    st = LoadAlertDrivers(store->db(), p.modalities, p.options, &alerts);
    if (!st.ok()) {
      fmt::print(stderr, "detente: error: {}\n", st.message());
      return 1;
    }
  }

  std::map<int64_t, EventDetail> details;
  std::vector<int64_t> ids;
  for (const auto& al : alerts) ids.insert(ids.end(), al.cp.drivers.begin(), al.cp.drivers.end());
  Status st = Details(store.get(), ids, 1, &details);
  if (!st.ok()) {
    fmt::print(stderr, "detente: error: reading driver events: {}\n", st.message());
    return 1;
  }

  fmt::memory_buffer out;
  auto it = std::back_inserter(out);
  std::string unit(PeriodUnitName(p.unit));
  if (args.format == "json") {
    fmt::format_to(it,
                   "{{\"by\":\"{}\",\"since\":\"{}\",\"until\":\"{}\",\"history_from\":\"{}\","
                   "\"dyads_checked\":{},\"threshold\":{},\"alerts\":[",
                   unit, DayString(since), DayString(until), DayString(from), dyads_checked,
                   Num(args.threshold));
    for (std::size_t i = 0; i < alerts.size(); ++i) {
      const Alert& al = alerts[i];
      if (i) out.push_back(',');
      out.append(std::string_view("{\"dyad\":["));
      AppendJsonString(&out, al.a);
      out.push_back(',');
      AppendJsonString(&out, al.b);
      out.append(std::string_view("],\"start\":"));
      AppendJsonString(&out, DayString(al.cp.start));
      fmt::format_to(it,
                     ",\"direction\":\"{}\",\"before\":{},\"after\":{},\"shift\":{},\"events\":{},"
                     "\"faded\":{},\"drivers\":[",
                     al.cp.worse ? "worse" : "better", Num(al.cp.before), Num(al.cp.after),
                     Num(al.cp.after - al.cp.before), al.events, al.cp.faded() ? "true" : "false");
      bool first = true;
      for (int64_t id : al.cp.drivers) {
        auto d = details.find(id);
        if (d == details.end()) continue;
        const EventDetail& e = d->second;
        if (!first) out.push_back(',');
        first = false;
        fmt::format_to(it, "{{\"id\":{}", e.id);
        AppendKey(&out, "date");
        AppendJsonString(&out, e.date);
        AppendKey(&out, "source");
        AppendJsonString(&out, e.source_code);
        AppendKey(&out, "target");
        AppendJsonString(&out, e.target_code);
        AppendKey(&out, "cameo");
        AppendJsonString(&out, e.cameo);
        AppendKey(&out, "label");
        AppendJsonString(&out, e.label);
        fmt::format_to(it, ",\"goldstein\":{},\"num_mentions\":{}", Num(e.goldstein),
                       e.num_mentions);
        AppendKey(&out, "sentence");
        AppendJsonString(&out, e.evidence.empty() ? "" : e.evidence[0].sentence);
        AppendKey(&out, "url");
        AppendJsonString(&out, e.evidence.empty() ? "" : e.evidence[0].url);
        out.push_back('}');
      }
      out.append(std::string_view("]}"));
    }
    out.append(std::string_view("]}\n"));
  } else {
    fmt::format_to(it,
                   "shifts from {} to {} (by {}; measured against {} {}s of history from {}; {} "
                   "dyad(s) with at "
                   "least {} events; |shift| >= {:.2f})\n",
                   DayString(since), DayString(until), unit, args.history, unit, DayString(from),
                   dyads_checked, args.min_events, args.threshold);
    if (alerts.empty()) out.append(std::string_view("  none\n"));
    for (const auto& al : alerts) {
      fmt::format_to(
          it, "\n{} {}\u2013{}  {} {} from {}: index {} -> {} ({} events in the window)\n",
          al.cp.worse ? "\u25BC" : "\u25B2", al.a, al.b, al.cp.worse ? "worse" : "better",
          fmt::format("{:+.2f}", al.cp.after - al.cp.before), DayString(al.cp.start),
          Signed(al.cp.before), Signed(al.cp.after), al.events);
      if (al.cp.faded())
        fmt::format_to(it, "    no {} event in the first {} {}s after: {} faded\n",
                       al.cp.worse ? "conflictual" : "cooperative", p.options.driver_periods, unit,
                       al.cp.worse ? "cooperation" : "conflict");
      for (int64_t id : al.cp.drivers) {
        auto d = details.find(id);
        if (d == details.end()) continue;
        const EventDetail& e = d->second;
        fmt::format_to(it, "    #{:<6} {:<10} {} -> {}  {} {} ({:+.1f}, {} mention{})\n", e.id,
                       e.date, e.source_code, e.target_code, e.cameo, Fit(e.label, 34), e.goldstein,
                       e.num_mentions, e.num_mentions == 1 ? "" : "s");
        if (!e.evidence.empty())
          fmt::format_to(it, "            \"{}\"\n", Fit(e.evidence[0].sentence, 110));
      }
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  return 0;
}

// ------------------------------------------------------------------ report

struct ReportArgs {
  AnalysisArgs analysis;
  std::string a, b;
  std::string output;
  std::string png, svg;
  int top = 8;
  int evidence = 2;
};

Status WriteFile(const std::string& path, std::string_view text) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (!f)
    return Status(ErrorCode::kIo, fmt::format("{}: cannot write: {}", path, std::strerror(errno)));
  f.write(text.data(), static_cast<std::streamsize>(text.size()));
  f.close();
  if (!f)
    return Status(ErrorCode::kIo, fmt::format("{}: write failed: {}", path, std::strerror(errno)));
  return Status::Ok();
}

// The path of an executable on $PATH, or "".
std::string FindOnPath(const std::string& name) {
  const char* env = std::getenv("PATH");
  std::string path = env && *env ? env : "/usr/local/bin:/usr/bin:/bin";
  for (std::size_t pos = 0; pos <= path.size();) {
    std::size_t colon = path.find(':', pos);
    if (colon == std::string::npos) colon = path.size();
    std::string dir = path.substr(pos, colon - pos);
    pos = colon + 1;
    if (dir.empty()) continue;
    std::string candidate = dir + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

// Rasterises an SVG file with rsvg-convert (Debian: librsvg2-bin).
Status SvgToPng(const std::string& svg_path, const std::string& png_path) {
  std::string tool = FindOnPath("rsvg-convert");
  if (tool.empty())
    return Status(
        ErrorCode::kNotFound,
        "PNG export needs rsvg-convert, which is not installed (Debian/Ubuntu: apt-get install "
        "librsvg2-bin); the HTML report and SVG need nothing");
  std::vector<std::string> argv_s = {
      tool,    "--format", "png",    "--zoom", "1.5", "--background-color",
      "white", "--output", png_path, svg_path};
  std::vector<char*> argv;
  for (auto& s : argv_s) argv.push_back(s.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, tool.c_str(), nullptr, nullptr, argv.data(), environ);
  if (rc != 0)
    return Status(ErrorCode::kIo, fmt::format("cannot run {}: {}", tool, std::strerror(rc)));
  int status = 0;
  if (waitpid(pid, &status, 0) < 0)
    return Status(ErrorCode::kIo, fmt::format("waiting for {} failed", tool));
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return Status(ErrorCode::kIo,
                  fmt::format("{} failed to write {} (exit status {})", tool, png_path,
                              WIFEXITED(status) ? WEXITSTATUS(status) : -1));
  return Status::Ok();
}

int RunReport(const ReportArgs& args) {
  if (args.top < 0 || args.evidence < 1) {
    fmt::print(stderr, "detente: error: --top must be at least 0 and --evidence at least 1\n");
    return 2;
  }
  Prepared p;
  if (int rc = Prepare(args.analysis, &p)) return rc;
  auto store = OpenStore(args.analysis.db);
  if (!store) return 2;
  ReportData data;
  DyadRun run;
  if (int rc = RunDyad(store.get(), args.a, args.b, p, &run)) return rc;
  const auto& periods = run.analysis.series.periods;
  if (!periods.empty()) {
    int32_t first = periods.front().start, last = periods.back().end;
    std::size_t top = static_cast<std::size_t>(args.top);
    data.top_conflict = TopEvents(run.events, first, last, -1, top);
    data.top_cooperation = TopEvents(run.events, first, last, 1, top);
  }
  std::vector<int64_t> ids = data.top_conflict;
  ids.insert(ids.end(), data.top_cooperation.begin(), data.top_cooperation.end());
  for (const auto& cp : run.analysis.change_points)
    ids.insert(ids.end(), cp.drivers.begin(), cp.drivers.end());
  for (const auto& pk : run.analysis.peaks)
    ids.insert(ids.end(), pk.drivers.begin(), pk.drivers.end());
  Status st = Details(store.get(), ids, args.evidence, &data.events);
  if (!st.ok()) {
    fmt::print(stderr, "detente: error: reading events: {}\n", st.message());
    return 1;
  }
  data.analysis = std::move(run.analysis);
  data.store = DbPath(args.analysis.db);
  data.modalities = fmt::format("{}", fmt::join(p.modalities, "/"));
  data.generated = Today();
  data.version = DETENTE_VERSION;
  data.undated = run.undated;
  data.outside = run.outside;

  st = WriteFile(args.output, RenderHtmlReport(data));
  if (!st.ok()) {
    fmt::print(stderr, "detente: error: {}\n", st.message());
    return 1;
  }
  NoteLeftOut(run, p);
  if (data.analysis.series.events == 0)
    fmt::print(stderr, "detente: warning: no {} events between {} and {}; the report is empty\n",
               data.modalities, data.analysis.a, data.analysis.b);
  fmt::print(stderr, "detente: wrote {} ({} change point(s))\n", args.output,
             data.analysis.change_points.size());

  if (!args.svg.empty() || !args.png.empty()) {
    const auto& s = data.analysis.series;
    std::string title =
        s.periods.empty() ? fmt::format("{} \u21c4 {}", data.analysis.a, data.analysis.b)
                          : fmt::format("{} \u21c4 {} by {}, {} \u2013 {} ({} {} events)",
                                        data.analysis.a, data.analysis.b, PeriodUnitName(s.unit),
                                        DayString(s.periods.front().start),
                                        DayString(s.periods.back().end), s.events, data.modalities);
    std::string svg = OverviewSvg(data.analysis, title);
    std::string svg_path = args.svg;
    bool temporary = svg_path.empty();
    if (temporary) {
      const char* tmp = std::getenv("TMPDIR");
      std::string templ = std::string(tmp && *tmp ? tmp : "/tmp") + "/detente-chart-XXXXXX.svg";
      int fd = ::mkstemps(templ.data(), 4);
      if (fd < 0) {
        fmt::print(stderr, "detente: error: cannot create a temporary file: {}\n",
                   std::strerror(errno));
        return 1;
      }
      ::close(fd);
      svg_path = templ;
    }
    st = WriteFile(svg_path, svg);
    if (st.ok() && !temporary) fmt::print(stderr, "detente: wrote {}\n", svg_path);
    if (st.ok() && !args.png.empty()) {
      st = SvgToPng(svg_path, args.png);
      if (st.ok()) fmt::print(stderr, "detente: wrote {}\n", args.png);
    }
    if (temporary) ::unlink(svg_path.c_str());
    if (!st.ok()) {
      fmt::print(stderr, "detente: error: {}\n", st.message());
      return 1;
    }
  }
  return 0;
}

}  // namespace

void RegisterMeasureCommands(CLI::App* app, int* exit_code) {
  auto trend_args = std::make_shared<TrendArgs>();
  auto* trend = app->add_subcommand(
      "trend",
      "A dyad's series per period: events and mentions by quad class, Goldstein sum and mean, the "
      "cooperation-conflict index for A->B, B->A and both; change points; reciprocity "
      "(docs/BAROMETER.md)");
  trend->add_option("A", trend_args->a, "Country (USA) or actor code (USAGOV)")->required();
  trend->add_option("B", trend_args->b, "Country (CHN) or actor code (CHNGOV)")->required();
  AddAnalysisFlags(trend, &trend_args->analysis);
  trend->add_option("--format", trend_args->format, "table, json or csv")->capture_default_str();
  trend->callback([trend_args, exit_code] { *exit_code = RunTrend(*trend_args); });

  auto alerts_args = std::make_shared<AlertsArgs>();
  auto* alerts = app->add_subcommand("alerts",
                                     "Country dyads whose relations turned sharply worse or "
                                     "better, with the events that drove each "
                                     "shift (docs/BAROMETER.md)");
  AddAnalysisFlags(alerts, &alerts_args->analysis);
  alerts
      ->add_option("--recent", alerts_args->recent,
                   "Without --since: shifts in the last N periods of data")
      ->capture_default_str();
  alerts
      ->add_option("--history", alerts_args->history,
                   "Periods before --since a shift is measured against")
      ->capture_default_str();
  alerts
      ->add_option("--min-events", alerts_args->min_events,
                   "Only dyads with at least this many events in the window")
      ->capture_default_str();
  alerts
      ->add_option("--threshold", alerts_args->threshold,
                   "Smallest |shift| of the index mean that is an alert")
      ->capture_default_str();
  alerts->add_option("--top", alerts_args->top, "At most this many alerts, sharpest first")
      ->capture_default_str();
  alerts->add_option("--format", alerts_args->format, "table or json")->capture_default_str();
  alerts->callback([alerts_args, exit_code] { *exit_code = RunAlerts(*alerts_args); });

  auto report_args = std::make_shared<ReportArgs>();
  auto* report = app->add_subcommand(
      "report",
      "One self-contained HTML page on a dyad: index and change points, volume, drivers with "
      "evidence, "
      "reciprocity, top events (charts as inline SVG; --png/--svg export the chart)");
  report->add_option("A", report_args->a, "Country (USA) or actor code (USAGOV)")->required();
  report->add_option("B", report_args->b, "Country (CHN) or actor code (CHNGOV)")->required();
  report->add_option("-o,--output", report_args->output, "The HTML file to write")->required();
  report->add_option("--png", report_args->png,
                     "Also write the index and volume chart as PNG (needs rsvg-convert)");
  report->add_option("--svg", report_args->svg, "Also write the index and volume chart as SVG");
  report
      ->add_option("--top", report_args->top, "Most conflictual and most cooperative events listed")
      ->capture_default_str();
  report->add_option("--evidence", report_args->evidence, "Evidence sentences shown per event")
      ->capture_default_str();
  AddAnalysisFlags(report, &report_args->analysis);
  report->callback([report_args, exit_code] { *exit_code = RunReport(*report_args); });
}

}  // namespace detente
