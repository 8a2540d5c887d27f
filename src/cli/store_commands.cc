#include "cli/store_commands.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "base/json_writer.h"
#include "base/utf8.h"
#include "cli/commands.h"
#include "cli/setup.h"
#include "cli/text_table.h"
#include "match/tsv.h"
#include "read/dates.h"
#include "store/event_store.h"
#include "store/ingest.h"
#include "store/plover.h"

namespace detente {
namespace {

// The store used when neither --db nor $DETENTE_DB names one.
constexpr const char* kDefaultDb = "detente.db";

std::string DbPath(const std::string& flag) {
  if (!flag.empty()) return flag;
  const char* env = std::getenv("DETENTE_DB");
  if (env && *env) return env;
  return kDefaultDb;
}

std::string DictDir(const std::string& flag) {
  if (!flag.empty()) return flag;
  const char* env = std::getenv("DETENTE_DICT_DIR");
  return env && *env ? env : DETENTE_DICT_DIR;
}

// 1234567 -> "1,234,567"
std::string Thousands(uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string Duration(double seconds) {
  if (seconds < 90) return fmt::format("{:.0f}s", seconds);
  if (seconds < 5400)
    return fmt::format("{:.0f}m{:02.0f}s", std::floor(seconds / 60), std::fmod(seconds, 60));
  return fmt::format("{:.0f}h{:02.0f}m", std::floor(seconds / 3600), std::fmod(seconds, 3600) / 60);
}

// ------------------------------------------------------------------ ingest

struct IngestArgs {
  CommonArgs common;
  std::string db;
  std::string dict_dir;
  int threads = 0;
  std::size_t batch = 2000;
  bool rescan = false;
};

std::atomic<bool> g_cancel{false};

extern "C" void OnInterrupt(int sig) {
  // First Ctrl-C: stop cleanly (commit what is coded). Second: die now;
  // committed transactions are safe either way.
  if (g_cancel.exchange(true)) {
    std::signal(sig, SIG_DFL);
    std::raise(sig);
  }
}

class IngestProgressLine {
 public:
  IngestProgressLine() : enabled_(::isatty(2) != 0) {}
  void Show(const IngestProgress& p) {
    if (!enabled_ || p.seconds < 1.0) return;
    double s = std::max(p.seconds, 1e-3);
    std::string eta;
    if (p.bytes_total > 0 && p.bytes_done > 0 && p.bytes_done < p.bytes_total) {
      double frac = static_cast<double>(p.bytes_done) / static_cast<double>(p.bytes_total);
      eta = fmt::format(", {:.0f}%, ETA {}", frac * 100, Duration(s * (1 / frac - 1)));
    }
    fmt::print(stderr, "\ringest: {} documents ({:.0f}/s), {} events ({:.0f}/s), {} stored{}\x1b[K",
               Thousands(p.documents), p.documents / s, Thousands(p.coded_mentions),
               p.coded_mentions / s, Thousands(p.new_documents), eta);
    shown_ = true;
  }
  void Done() {
    if (shown_) fmt::print(stderr, "\r\x1b[K");
    shown_ = false;
  }

 private:
  bool enabled_;
  bool shown_ = false;
};

int RunIngest(const IngestArgs& args) {
  IngestOptions options;
  int rc = PrepareReadOptions(args.common, &options.read);
  if (rc != 0) return rc;
  options.dicts = LoadDictionaries(args.dict_dir, args.common.quiet);
  if (!options.dicts) return 2;
  if (args.batch == 0) {
    fmt::print(stderr, "detente: error: --batch must be at least 1\n");
    return 2;
  }
  options.inputs = args.common.inputs;
  options.db_path = DbPath(args.db);
  options.threads = args.threads;
  options.batch_documents = args.batch;
  options.skip_ingested_inputs = !args.rescan;
  options.cancel = &g_cancel;

  struct sigaction sa {};
  sa.sa_handler = OnInterrupt;
  sigemptyset(&sa.sa_mask);
  struct sigaction old_int {
  }, old_term{};
  sigaction(SIGINT, &sa, &old_int);
  sigaction(SIGTERM, &sa, &old_term);

  IngestProgressLine line;
  IngestReport report;
  Status st = Ingest(
      options,
      [&](const IngestProgress& p) {
        if (!args.common.quiet) line.Show(p);
      },
      &report);
  line.Done();
  sigaction(SIGINT, &old_int, nullptr);
  sigaction(SIGTERM, &old_term, nullptr);
  if (!st.ok()) {
    fmt::print(stderr, "detente: error: {}\n", st.message());
    return 2;
  }

  bool quiet = args.common.quiet;
  const std::size_t kShowWarnings = 20;
  if (!quiet) {
    for (std::size_t i = 0; i < report.warnings.size() && i < kShowWarnings; ++i)
      fmt::print(stderr, "detente: warning: {}\n", report.warnings[i].message());
    if (report.warnings_total > kShowWarnings)
      fmt::print(stderr, "detente: ... and {} more warning(s)\n",
                 Thousands(report.warnings_total - kShowWarnings));
  }
  for (const auto& e : report.errors) fmt::print(stderr, "detente: error: {}\n", e.message());
  if (report.errors_total > report.errors.size())
    fmt::print(stderr, "detente: ... and {} more error(s)\n",
               Thousands(report.errors_total - report.errors.size()));

  const IngestProgress& t = report.totals;
  double s = std::max(t.seconds, 1e-3);
  if (!quiet) {
    fmt::print(stderr,
               "detente: read {} document(s) from {} input(s) in {:.1f}s on {} thread(s): {:.0f} "
               "documents/s, "
               "{:.0f} events/s\n",
               Thousands(t.documents), Thousands(t.inputs_total), t.seconds, report.threads,
               t.documents / s, t.mentions / s);
    fmt::print(stderr,
               "detente: stored {} new document(s) and {} event mention(s) ({} new event(s)); {} "
               "duplicate "
               "document(s) skipped\n",
               Thousands(t.new_documents), Thousands(t.mentions), Thousands(t.new_events),
               Thousands(t.duplicates));
    if (report.warc_records)
      fmt::print(stderr, "detente: WARC: {} record(s), {} page(s) read\n",
                 Thousands(report.warc_records), Thousands(report.warc_pages));
    if (report.inputs_skipped)
      fmt::print(stderr,
                 "detente: {} input(s) already ingested in full were skipped (--rescan reads them "
                 "again)\n",
                 Thousands(report.inputs_skipped));
  }
  if (!report.bad_inputs.empty()) {
    fmt::print(stderr, "detente: {} bad input(s) skipped in whole or in part:\n",
               report.bad_inputs.size());
    for (const auto& b : report.bad_inputs)
      fmt::print(stderr, "  {} ({} error{}): {}\n", b.path, b.errors, b.errors == 1 ? "" : "s",
                 b.first_error);
  }
  if (!report.store_error.ok()) {
    fmt::print(stderr, "detente: error: the store failed and the ingest stopped: {}\n",
               report.store_error.message());
    fmt::print(stderr,
               "detente: everything committed before is kept; fix the cause and run the same "
               "command again\n");
    return 1;
  }
  if (report.cancelled) {
    fmt::print(
        stderr,
        "detente: interrupted; what was committed is kept, and running the same command again "
        "continues where this one stopped\n");
    return 130;
  }
  if (!quiet)
    fmt::print(stderr, "detente: store {} (`detente stats` summarises it)\n", options.db_path);
  return report.errors_total > 0 ? 1 : 0;
}

// ------------------------------------------------------------------ events

struct EventsArgs {
  std::string db;
  std::string dyad, actor, root, cameo, modality, since, until;
  bool undirected = false;
  int64_t limit = -1;
  int64_t min_mentions = 0;
  std::string format = "table";
  bool evidence = false;
  std::string dict_dir;
};

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

bool ValidActorSpec(std::string* spec) {
  for (auto& c : *spec) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (spec->empty()) return false;
  for (char c : *spec)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
  return true;
}

// First (or last) day of a YYYY, YYYY-MM or YYYY-MM-DD date, in days since 1970-01-01.
std::optional<int32_t> DayBound(const std::string& s, bool last) {
  auto d = ParseDateString(s);
  if (!d) return std::nullopt;
  using namespace std::chrono;
  year_month_day ymd = d->date;
  if (d->precision == DatePrecision::kMonth)
    ymd = last ? year_month_day(year_month_day_last(ymd.year(), month_day_last(ymd.month())))
               : ymd.year() / ymd.month() / 1;
  if (d->precision == DatePrecision::kYear)
    ymd = last ? ymd.year() / December / 31 : ymd.year() / January / 1;
  return static_cast<int32_t>(sys_days(ymd).time_since_epoch().count());
}


std::string CsvField(std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string TsvClean(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return out;
}

// GDELT's fields from an event row.
struct GdeltDate {
  std::string sqldate, month_year, year, fraction;
};
GdeltDate GdeltDates(const EventRow& e) {
  using namespace std::chrono;
  year_month_day d{sys_days{days{*e.day}}};
  int y = static_cast<int>(d.year());
  unsigned m = static_cast<unsigned>(d.month()), dd = static_cast<unsigned>(d.day());
  // GDELT 1.0 rows compute FractionDate as year + ((month - 1) * 30 + day) / 365
  // (e.g. 20131008 -> 2013.7616), rounded to 4 decimals.
  double frac = y + ((m - 1) * 30.0 + dd) / 365.0;
  return {fmt::format("{:04}{:02}{:02}", y, m, dd), fmt::format("{:04}{:02}", y, m),
          fmt::format("{:04}", y), fmt::format("{:.4f}", frac)};
}

std::string YyyyMmDd(int64_t unix_seconds) {
  using namespace std::chrono;
  year_month_day d{floor<days>(sys_seconds{seconds{unix_seconds}})};
  return fmt::format("{:04}{:02}{:02}", static_cast<int>(d.year()),
                     static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

// Sector "GOVMIL" -> "GOV", "MIL", "".
std::string SectorPart(const std::string& sector, int i) {
  std::size_t at = static_cast<std::size_t>(i) * 3;
  return at < sector.size() ? sector.substr(at, 3) : "";
}

// An organisation's own code is GDELT's KnownGroupCode (actors without a country).
std::string KnownGroup(const std::string& code, const std::string& country) {
  return country.empty() && !code.empty() && code[0] != '-' ? code : "";
}

void AppendActorJson(fmt::memory_buffer* out, std::string_view code, std::string_view country,
                     std::string_view sector, std::string_view name) {
  out->append(std::string_view("{\"code\":"));
  AppendJsonString(out, code);
  AppendKey(out, "country");
  AppendJsonString(out, country);
  AppendKey(out, "sector");
  AppendJsonString(out, sector);
  AppendKey(out, "name");
  AppendJsonString(out, name);
  out->push_back('}');
}

int RunEvents(const EventsArgs& args) {
  static const std::vector<std::string> kFormats = {"table", "jsonl", "json",
                                                    "csv",   "tsv",   "plover"};
  if (std::find(kFormats.begin(), kFormats.end(), args.format) == kFormats.end()) {
    fmt::print(stderr, "detente: error: --format {} is not one of table, jsonl, csv, tsv, plover\n",
               args.format);
    return 2;
  }
  EventFilter f;
  if (!args.dyad.empty()) {
    std::size_t colon = args.dyad.find(':');
    if (colon == std::string::npos) {
      fmt::print(stderr, "detente: error: --dyad {} should be SOURCE:TARGET, e.g. USA:CHN\n",
                 args.dyad);
      return 2;
    }
    f.source = args.dyad.substr(0, colon);
    f.target = args.dyad.substr(colon + 1);
    if ((!f.source.empty() && !ValidActorSpec(&f.source)) ||
        (!f.target.empty() && !ValidActorSpec(&f.target)) ||
        (f.source.empty() && f.target.empty())) {
      fmt::print(stderr,
                 "detente: error: --dyad {}: actor codes are letters and digits, e.g. USA:CHN or "
                 "USAGOV:RUS\n",
                 args.dyad);
      return 2;
    }
  }
  f.undirected = args.undirected;
  if (!args.actor.empty()) {
    f.actor = args.actor;
    if (!ValidActorSpec(&f.actor)) {
      fmt::print(stderr,
                 "detente: error: --actor {} is not an actor code (e.g. CHN, USAGOV, NATO)\n",
                 args.actor);
      return 2;
    }
  }
  for (std::string r : SplitList(args.root)) {
    if (r.size() == 1) r = "0" + r;
    int n = std::atoi(r.c_str());
    if (r.size() != 2 || n < 1 || n > 20 || !std::isdigit(static_cast<unsigned char>(r[0])) ||
        !std::isdigit(static_cast<unsigned char>(r[1]))) {
      fmt::print(stderr, "detente: error: --root {} is not a CAMEO root code 01..20\n", r);
      return 2;
    }
    f.roots.push_back(r);
  }
  f.cameo = SplitList(args.cameo);
  static const std::vector<std::string> kModalities = {"asserted", "negated", "planned",
                                                       "hypothetical", "normative"};
  for (const auto& m : SplitList(args.modality)) {
    if (std::find(kModalities.begin(), kModalities.end(), m) == kModalities.end()) {
      fmt::print(
          stderr,
          "detente: error: --modality {} is not one of asserted, negated, planned, hypothetical, "
          "normative\n",
          m);
      return 2;
    }
    f.modalities.push_back(m);
  }
  if (!args.since.empty()) {
    f.since_day = DayBound(args.since, false);
    if (!f.since_day) {
      fmt::print(stderr,
                 "detente: error: --since {} is not a date; write YYYY-MM-DD, YYYY-MM or YYYY\n",
                 args.since);
      return 2;
    }
  }
  if (!args.until.empty()) {
    f.until_day = DayBound(args.until, true);
    if (!f.until_day) {
      fmt::print(stderr,
                 "detente: error: --until {} is not a date; write YYYY-MM-DD, YYYY-MM or YYYY\n",
                 args.until);
      return 2;
    }
  }
  f.min_mentions = args.min_mentions;
  const bool table = args.format == "table";
  // A terminal table shows the first 50 unless asked; exports are whole.
  f.limit = args.limit >= 0 ? args.limit : (table ? 50 : 0);

  std::unique_ptr<PloverMap> plover;
  if (args.format == "plover") {
    std::vector<Status> problems;
    std::string path = DictDir(args.dict_dir) + "/plover.tsv";
    auto loaded = PloverMap::Load(path, &problems);
    if (!loaded.ok()) {
      fmt::print(stderr, "detente: error: {}\n", loaded.status().message());
      return 2;
    }
    for (const auto& p : problems) fmt::print(stderr, "detente: warning: {}\n", p.message());
    plover = std::make_unique<PloverMap>(std::move(loaded).value());
  }

  auto store = EventStore::Open(DbPath(args.db), EventStore::Mode::kRead);
  if (!store.ok()) {
    fmt::print(stderr, "detente: error: {}\n", store.status().message());
    return 2;
  }
  EventStore& db = **store;

  fmt::memory_buffer out;
  auto flush = [&](bool force) {
    if (force || out.size() > (1 << 20)) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    }
  };
  int64_t shown = 0, skipped_undated = 0, unmapped = 0;
  Status evidence_error;
  std::vector<EventRow> rows;  // table: collected to size the columns
  std::vector<std::vector<MentionRow>> row_evidence;

  auto collect_evidence = [&](int64_t id, std::vector<MentionRow>* ms) {
    Status st = db.ForEachMention(id, [&](const MentionRow& m) {
      ms->push_back(m);
      return true;
    });
    if (!st.ok() && evidence_error.ok()) evidence_error = st;
  };

  if (args.format == "csv") {
    out.append(
        std::string_view("id,date,precision,source_code,source_country,source_sector,source_name,"
                         "target_code,target_country,"
                         "target_sector,target_name,cameo,root,label,goldstein,quad,modality,is_"
                         "root,num_mentions,num_sources,"
                         "num_articles,source_url\n"));
  } else if (args.format == "tsv") {
    out.append(
        std::string_view("GLOBALEVENTID\tSQLDATE\tMonthYear\tYear\tFractionDate\tActor1Code\tActor1"
                         "Name\tActor1CountryCode\t"
                         "Actor1KnownGroupCode\tActor1Type1Code\tActor1Type2Code\tActor1Type3Code\t"
                         "Actor2Code\tActor2Name\t"
                         "Actor2CountryCode\tActor2KnownGroupCode\tActor2Type1Code\tActor2Type2Code"
                         "\tActor2Type3Code\tIsRootEvent\t"
                         "EventCode\tEventBaseCode\tEventRootCode\tQuadClass\tGoldsteinScale\tNumMe"
                         "ntions\tNumSources\tNumArticles\t"
                         "DATEADDED\tSOURCEURL\n"));
  }

  Status st = db.ForEachEvent(f, [&](const EventRow& e) {
    ++shown;
    if (table) {
      rows.push_back(e);
      if (args.evidence) {
        row_evidence.emplace_back();
        collect_evidence(e.id, &row_evidence.back());
      }
      return true;
    }
    auto it = std::back_inserter(out);
    if (args.format == "jsonl" || args.format == "json") {
      fmt::format_to(it, "{{\"id\":{}", e.id);
      AppendKey(&out, "date");
      if (e.date.empty())
        out.append(std::string_view("null"));
      else
        AppendJsonString(&out, e.date);
      AppendKey(&out, "precision");
      if (e.precision.empty())
        out.append(std::string_view("null"));
      else
        AppendJsonString(&out, e.precision);
      AppendKey(&out, "source");
      AppendActorJson(&out, e.source_code, e.source_country, e.source_sector, e.source_name);
      AppendKey(&out, "target");
      AppendActorJson(&out, e.target_code, e.target_country, e.target_sector, e.target_name);
      AppendKey(&out, "cameo");
      AppendJsonString(&out, e.cameo);
      AppendKey(&out, "root");
      AppendJsonString(&out, e.root);
      AppendKey(&out, "label");
      AppendJsonString(&out, e.label);
      fmt::format_to(it, ",\"goldstein\":{},\"quad\":{}", e.goldstein, e.quad);
      AppendKey(&out, "modality");
      AppendJsonString(&out, e.modality);
      fmt::format_to(it,
                     ",\"is_root\":{},\"num_mentions\":{},\"num_sources\":{},\"num_articles\":{}",
                     e.is_root ? "true" : "false", e.num_mentions, e.num_sources, e.num_articles);
      AppendKey(&out, "source_url");
      AppendJsonString(&out, e.source_url);
      if (args.evidence) {
        out.append(std::string_view(",\"mentions\":["));
        bool first = true;
        Status ms = db.ForEachMention(e.id, [&](const MentionRow& m) {
          if (!first) out.push_back(',');
          first = false;
          out.append(std::string_view("{\"doc\":"));
          AppendJsonString(&out, m.doc_key);
          AppendKey(&out, "url");
          AppendJsonString(&out, m.url);
          AppendKey(&out, "publisher");
          AppendJsonString(&out, m.publisher);
          AppendKey(&out, "story_date");
          AppendJsonString(&out, m.story_date);
          AppendKey(&out, "segment");
          AppendJsonString(&out, m.segment);
          AppendKey(&out, "sentence");
          AppendJsonString(&out, m.sentence);
          fmt::format_to(it, ",\"span\":[{},{}]", m.sentence_start, m.sentence_end);
          AppendKey(&out, "trigger");
          AppendJsonString(&out, m.trigger);
          AppendKey(&out, "rule");
          AppendJsonString(&out, m.rule);
          out.push_back('}');
          return true;
        });
        if (!ms.ok() && evidence_error.ok()) evidence_error = ms;
        out.push_back(']');
      }
      out.append(std::string_view("}\n"));
    } else if (args.format == "csv") {
      fmt::format_to(it, "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n",
                     e.id, e.date, e.precision, CsvField(e.source_code), e.source_country,
                     e.source_sector, CsvField(e.source_name), CsvField(e.target_code),
                     e.target_country, e.target_sector, CsvField(e.target_name), e.cameo, e.root,
                     CsvField(e.label), e.goldstein, e.quad, e.modality, e.is_root ? 1 : 0,
                     e.num_mentions, e.num_sources, e.num_articles, CsvField(e.source_url));
    } else if (args.format == "tsv") {
      if (!e.day) {
        ++skipped_undated;  // GDELT rows always have a date
        --shown;
        return true;
      }
      GdeltDate d = GdeltDates(e);
      std::string base = e.cameo.size() > 3 ? e.cameo.substr(0, 3) : e.cameo;
      fmt::format_to(it, "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t", e.id, d.sqldate,
                     d.month_year, d.year, d.fraction, e.source_code, TsvClean(e.source_name),
                     e.source_country, KnownGroup(e.source_code, e.source_country),
                     SectorPart(e.source_sector, 0), SectorPart(e.source_sector, 1),
                     SectorPart(e.source_sector, 2));
      fmt::format_to(it, "{}\t{}\t{}\t{}\t{}\t{}\t{}\t", e.target_code, TsvClean(e.target_name),
                     e.target_country, KnownGroup(e.target_code, e.target_country),
                     SectorPart(e.target_sector, 0), SectorPart(e.target_sector, 1),
                     SectorPart(e.target_sector, 2));
      fmt::format_to(it, "{}\t{}\t{}\t{}\t{}\t{:.1f}\t{}\t{}\t{}\t{}\t{}\n", e.is_root ? 1 : 0,
                     e.cameo, base, e.root, e.quad, e.goldstein, e.num_mentions, e.num_sources,
                     e.num_articles, YyyyMmDd(e.added_at), TsvClean(e.source_url));
    } else {  // plover
      const PloverType* p = plover->Find(e.cameo);
      if (!p) {
        ++unmapped;
        --shown;
        return true;
      }
      fmt::format_to(it, "{{\"id\":{}", e.id);
      AppendKey(&out, "date");
      if (e.date.empty())
        out.append(std::string_view("null"));
      else
        AppendJsonString(&out, e.date);
      AppendKey(&out, "event");
      AppendJsonString(&out, p->event);
      AppendKey(&out, "mode");
      AppendJsonString(&out, p->mode);
      AppendKey(&out, "context");
      AppendJsonString(&out, p->context);
      AppendKey(&out, "source");
      AppendActorJson(&out, e.source_code, e.source_country, e.source_sector, e.source_name);
      AppendKey(&out, "target");
      AppendActorJson(&out, e.target_code, e.target_country, e.target_sector, e.target_name);
      AppendKey(&out, "cameo");
      AppendJsonString(&out, e.cameo);
      AppendKey(&out, "modality");
      AppendJsonString(&out, e.modality);
      fmt::format_to(it, ",\"num_mentions\":{},\"num_sources\":{},\"num_articles\":{}",
                     e.num_mentions, e.num_sources, e.num_articles);
      AppendKey(&out, "source_url");
      AppendJsonString(&out, e.source_url);
      out.append(std::string_view("}\n"));
    }
    flush(false);
    return true;
  });
  if (!st.ok()) {
    flush(true);
    fmt::print(stderr, "detente: error: {}\n", st.message());
    return 1;
  }

  if (table) {
    struct Col {
      std::string head;
      bool right;
      std::size_t max;
    };
    const std::vector<Col> cols = {
        {"ID", true, 12},      {"DATE", false, 10},  {"SOURCE", false, 14},   {"TARGET", false, 14},
        {"CAMEO", false, 5},   {"EVENT", false, 34}, {"MODALITY", false, 12}, {"MENTIONS", true, 8},
        {"ARTICLES", true, 8}, {"SOURCES", true, 7}};
    std::vector<std::vector<std::string>> cells;
    for (const auto& e : rows)
      cells.push_back({std::to_string(e.id), e.date.empty() ? "-" : e.date, Fit(e.source_code, 14),
                       Fit(e.target_code, 14), e.cameo, Fit(e.label, 34), e.modality,
                       std::to_string(e.num_mentions), std::to_string(e.num_articles),
                       std::to_string(e.num_sources)});
    std::vector<std::size_t> width(cols.size());
    for (std::size_t c = 0; c < cols.size(); ++c) {
      width[c] = Width(cols[c].head);
      for (const auto& r : cells) width[c] = std::max(width[c], Width(r[c]));
    }
    auto line = [&](const std::vector<std::string>& v) {
      std::string s;
      for (std::size_t c = 0; c < v.size(); ++c) {
        if (c) s += "  ";
        Pad(&s, v[c], c + 1 == v.size() && !cols[c].right ? 0 : width[c], cols[c].right);
      }
      s += "\n";
      out.append(s);
    };
    std::vector<std::string> heads;
    for (const auto& c : cols) heads.push_back(c.head);
    if (!rows.empty()) line(heads);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      line(cells[i]);
      if (args.evidence && i < row_evidence.size()) {
        for (const auto& m : row_evidence[i])
          fmt::format_to(std::back_inserter(out), "      {}: {}\n", Fit(m.doc_key, 40), m.sentence);
      }
    }
    flush(true);
    if (rows.empty()) {
      fmt::print(stderr, "detente: no events match\n");
    } else if (args.limit < 0 && static_cast<int64_t>(rows.size()) == f.limit) {
      EventFilter all = f;
      all.limit = 0;
      auto total = db.CountEvents(all);
      if (total.ok() && *total > f.limit)
        fmt::print(stderr,
                   "detente: showing the first {} of {} events; --limit N shows more (0: all)\n",
                   f.limit, Thousands(static_cast<uint64_t>(*total)));
    }
  }
  flush(true);
  std::fflush(stdout);
  if (skipped_undated)
    fmt::print(stderr,
               "detente: {} undated event(s) left out of the GDELT-style TSV (every GDELT row has "
               "a date)\n",
               skipped_undated);
  if (unmapped)
    fmt::print(stderr, "detente: {} event(s) with no PLOVER type (CAMEO roots 01, 02) left out\n",
               unmapped);
  if (!evidence_error.ok()) {
    fmt::print(stderr, "detente: error: reading evidence: {}\n", evidence_error.message());
    return 1;
  }
  return 0;
}

// ------------------------------------------------------------------ stats

struct StatsArgs {
  std::string db;
  int top = 10;
  std::string format = "text";
  std::string dict_dir;
};

int RunStats(const StatsArgs& args) {
  if (args.format != "text" && args.format != "json") {
    fmt::print(stderr, "detente: error: --format {} is not one of text, json\n", args.format);
    return 2;
  }
  std::string path = DbPath(args.db);
  auto store = EventStore::Open(path, EventStore::Mode::kRead);
  if (!store.ok()) {
    fmt::print(stderr, "detente: error: {}\n", store.status().message());
    return 2;
  }
  auto stats = (*store)->Stats(std::max(1, args.top));
  if (!stats.ok()) {
    fmt::print(stderr, "detente: error: {}\n", stats.status().message());
    return 1;
  }
  const StoreStats& s = *stats;
  uint64_t bytes = 0;
  for (const char* suffix : {"", "-wal"}) {
    struct stat st;
    if (::stat((path + suffix).c_str(), &st) == 0) bytes += static_cast<uint64_t>(st.st_size);
  }
  // Root labels from the shipped CAMEO list (optional: counts print without them).
  std::unordered_map<std::string, std::string> root_label;
  ForEachTsvLine(DictDir(args.dict_dir) + "/cameo.tsv", [&](const TsvLine& l) {
    if (l.fields.size() >= 2 && l.fields[0].size() == 2)
      root_label[std::string(l.fields[0])] = l.fields[1];
  }).ok();
  static const char* kQuad[] = {"", "verbal cooperation", "material cooperation", "verbal conflict",
                                "material conflict"};

  fmt::memory_buffer out;
  auto it = std::back_inserter(out);
  if (args.format == "json") {
    out.append(std::string_view("{\"store\":"));
    AppendJsonString(&out, path);
    fmt::format_to(
        it,
        ",\"schema_version\":{},\"bytes\":{},\"inputs\":{},\"documents\":{},"
        "\"documents_with_events\":{},\"document_bytes\":{},\"sentences\":{},\"mentions\":{},"
        "\"events\":{},\"undated_events\":{}",
        s.schema_version, bytes, s.inputs, s.documents, s.documents_with_events, s.document_bytes,
        s.sentences, s.mentions, s.events, s.undated_events);
    auto str_or_null = [&](std::string_view key, const std::string& v) {
      AppendKey(&out, key);
      if (v.empty())
        out.append(std::string_view("null"));
      else
        AppendJsonString(&out, v);
    };
    str_or_null("first_story_date", s.first_story_date);
    str_or_null("last_story_date", s.last_story_date);
    str_or_null("first_event_date", s.first_event_date);
    str_or_null("last_event_date", s.last_event_date);
    auto counts = [&](std::string_view key, const std::vector<CountRow>& rows, std::string_view k1,
                      std::string_view k2) {
      AppendKey(&out, key);
      out.push_back('[');
      for (std::size_t i = 0; i < rows.size(); ++i) {
        if (i) out.push_back(',');
        out.push_back('{');
        AppendKey(&out, k1, true);
        AppendJsonString(&out, rows[i].key);
        if (!k2.empty()) {
          AppendKey(&out, k2);
          AppendJsonString(&out, rows[i].key2);
        }
        fmt::format_to(it, ",\"count\":{},\"mentions\":{}}}", rows[i].count, rows[i].mentions);
      }
      out.push_back(']');
    };
    counts("events_by_root", s.by_root, "root", "");
    counts("events_by_modality", s.by_modality, "modality", "");
    counts("events_by_quad", s.by_quad, "quad", "");
    counts("documents_by_kind", s.by_kind, "kind", "");
    counts("top_dyads", s.top_dyads, "source", "target");
    counts("top_publishers", s.top_publishers, "publisher", "");
    out.append(std::string_view("}\n"));
  } else {
    auto T = [](int64_t n) { return Thousands(static_cast<uint64_t>(n)); };
    fmt::format_to(it, "store       {} (schema version {}, {:.1f} MB)\n", path, s.schema_version,
                   bytes / 1e6);
    fmt::format_to(
        it, "documents   {} from {} input(s) ingested in full; {} with events; {:.1f} MB of text\n",
        T(s.documents), T(s.inputs), T(s.documents_with_events), s.document_bytes / 1e6);
    if (!s.first_story_date.empty())
      fmt::format_to(it, "            story dates {} .. {}\n", s.first_story_date,
                     s.last_story_date);
    if (!s.by_kind.empty()) {
      std::vector<std::string> kinds;
      for (const auto& k : s.by_kind) kinds.push_back(fmt::format("{} {}", k.key, T(k.count)));
      fmt::format_to(it, "            kinds: {}\n", fmt::join(kinds, ", "));
    }
    fmt::format_to(it, "events      {} ({} mentions in {} evidence sentences)\n", T(s.events),
                   T(s.mentions), T(s.sentences));
    if (!s.first_event_date.empty())
      fmt::format_to(it, "            dates {} .. {}; {} undated\n", s.first_event_date,
                     s.last_event_date, T(s.undated_events));
    auto table = [&](std::string_view title, const std::vector<std::vector<std::string>>& rows,
                     const std::vector<bool>& right) {
      fmt::format_to(it, "\n{}\n", title);
      if (rows.empty()) {
        out.append(std::string_view("  (none)\n"));
        return;
      }
      std::vector<std::size_t> w(rows[0].size());
      for (const auto& r : rows)
        for (std::size_t c = 0; c < r.size(); ++c) w[c] = std::max(w[c], Width(r[c]));
      for (const auto& r : rows) {
        std::string line = " ";
        for (std::size_t c = 0; c < r.size(); ++c) {
          line += "  ";
          Pad(&line, r[c], c + 1 == r.size() && !right[c] ? 0 : w[c], right[c]);
        }
        line += "\n";
        out.append(line);
      }
    };
    std::vector<std::vector<std::string>> rows;
    rows.push_back({"root", "label", "events", "mentions"});
    for (const auto& r : s.by_root)
      rows.push_back({r.key, root_label[r.key], T(r.count), T(r.mentions)});
    table("events by CAMEO root", s.by_root.empty() ? decltype(rows){} : rows,
          {false, false, true, true});
    rows = {{"modality", "events", "mentions"}};
    for (const auto& r : s.by_modality) rows.push_back({r.key, T(r.count), T(r.mentions)});
    table("events by modality", s.by_modality.empty() ? decltype(rows){} : rows,
          {false, true, true});
    rows = {{"quad", "class", "events", "mentions"}};
    for (const auto& r : s.by_quad) {
      int q = std::atoi(r.key.c_str());
      rows.push_back({r.key, q >= 1 && q <= 4 ? kQuad[q] : "", T(r.count), T(r.mentions)});
    }
    table("events by quad class", s.by_quad.empty() ? decltype(rows){} : rows,
          {false, false, true, true});
    rows = {{"source", "", "target", "events", "mentions"}};  // "" heads the arrow column
    for (const auto& r : s.top_dyads)
      rows.push_back({r.key, "->", r.key2, T(r.count), T(r.mentions)});
    table(fmt::format("top {} dyads (country or organisation, source -> target)", args.top),
          s.top_dyads.empty() ? decltype(rows){} : rows, {false, false, false, true, true});
    rows = {{"publisher", "documents", "mentions"}};
    for (const auto& r : s.top_publishers) rows.push_back({r.key, T(r.count), T(r.mentions)});
    table(fmt::format("top {} publishers", args.top),
          s.top_publishers.empty() ? decltype(rows){} : rows, {false, true, true});
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  return 0;
}

void AddReadFlags(CLI::App* cmd, CommonArgs* args) {
  cmd->add_option("--date", args->date,
                  "Story date (YYYY-MM-DD) for inputs whose metadata has none");
  cmd->add_option("--max-file-bytes", args->limits.max_file_bytes,
                  "Largest page or text file, or WARC record, read whole (JSONL/TSV are streamed)")
      ->capture_default_str();
  cmd->add_option("--max-document-bytes", args->limits.max_document_bytes,
                  "Longer articles are truncated at a paragraph break")
      ->capture_default_str();
  cmd->add_option("--max-line-bytes", args->limits.max_jsonl_line_bytes,
                  "Longest JSONL/TSV line accepted")
      ->capture_default_str();
  cmd->add_flag("-q,--quiet", args->quiet, "Only print errors on stderr");
}

}  // namespace

void RegisterStoreCommands(CLI::App* app, int* exit_code) {
  const std::string db_help =
      std::string("Event store file (default: $DETENTE_DB, else ./") + kDefaultDb + ")";

  auto ingest_args = std::make_shared<IngestArgs>();
  auto* ingest = app->add_subcommand("ingest",
                                     "Read and code inputs (text, HTML, JSONL, TSV, WARC; .gz/.zst "
                                     "too) in parallel into the event "
                                     "store; resumable, each document stored once (docs/STORE.md)");
  ingest
      ->add_option("inputs", ingest_args->common.inputs, "Files or folders to ingest; - for stdin")
      ->required();
  ingest->add_option("--db", ingest_args->db, db_help);
  ingest->add_option("--dict-dir", ingest_args->dict_dir,
                     "Dictionary folder (default: the shipped dict/)");
  ingest->add_option("-j,--threads", ingest_args->threads,
                     "Coding threads (default: one per core)");
  ingest->add_option("--batch", ingest_args->batch, "Documents per committed transaction")
      ->capture_default_str();
  ingest->add_flag("--rescan", ingest_args->rescan,
                   "Read inputs again even if an earlier ingest read them in full");
  AddReadFlags(ingest, &ingest_args->common);
  ingest->callback([ingest_args, exit_code] { *exit_code = RunIngest(*ingest_args); });

  auto events_args = std::make_shared<EventsArgs>();
  auto* events = app->add_subcommand("events", "Query the event store: filter and export events");
  events->add_option("--db", events_args->db, db_help);
  events->add_option("--dyad", events_args->dyad,
                     "SOURCE:TARGET actor codes, e.g. USA:CHN (directed)");
  events->add_flag("--undirected", events_args->undirected, "With --dyad: both directions");
  events->add_option("--actor", events_args->actor,
                     "Events with this actor on either side (code prefix or country)");
  events->add_option("--root", events_args->root, "CAMEO root code(s), e.g. 04 or 17,18,19");
  events->add_option("--cameo", events_args->cameo, "Exact CAMEO code(s), e.g. 042,043");
  events->add_option("--since", events_args->since, "First date (YYYY-MM-DD, YYYY-MM or YYYY)");
  events->add_option("--until", events_args->until, "Last date, inclusive");
  events->add_option("--modality", events_args->modality,
                     "asserted, negated, planned, hypothetical, normative (comma-separated)");
  events->add_option("--min-mentions", events_args->min_mentions,
                     "Only events with at least this many mentions");
  events->add_option("--limit", events_args->limit,
                     "At most this many events (default: 50 for table, else all; 0: all)");
  events
      ->add_option("--format", events_args->format,
                   "table, jsonl, csv, tsv (GDELT 1.0 columns) or plover")
      ->capture_default_str();
  events->add_flag("--evidence", events_args->evidence,
                   "Add each event's evidence sentences (table, jsonl)");
  events->add_option("--dict-dir", events_args->dict_dir,
                     "Dictionary folder with plover.tsv (default: the shipped dict/)");
  events->callback([events_args, exit_code] { *exit_code = RunEvents(*events_args); });

  auto stats_args = std::make_shared<StatsArgs>();
  auto* stats =
      app->add_subcommand("stats",
                          "Summarise the event store: documents, events by root and modality, "
                          "top dyads, date range");
  stats->add_option("--db", stats_args->db, db_help);
  stats->add_option("--top", stats_args->top, "How many dyads and publishers to list")
      ->capture_default_str();
  stats->add_option("--format", stats_args->format, "text or json")->capture_default_str();
  stats->add_option("--dict-dir", stats_args->dict_dir,
                    "Dictionary folder with cameo.tsv (labels)");
  stats->callback([stats_args, exit_code] { *exit_code = RunStats(*stats_args); });
}

}  // namespace detente
