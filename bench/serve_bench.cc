// Latency of `detente serve` on a big store: builds (once) a synthetic store
// of 1,000,000 events through the store's own API (EventStore::AddDocument),
// spread over 40 countries with a skewed (Zipf) choice of dyads, 20 CAMEO
// codes, five modalities and three years, then serves it in-process on a
// free port and times real HTTP requests to the dyad-series and event-list
// endpoints: several filter combinations, deep pages through the cursor.
// Prints p50/p95/p99 per request kind. Not a test (no pass/fail): the
// figures go to docs/PERFORMANCE.md.
//
// Usage: bench_serve [STORE] [--events N] [--requests N] [--rebuild]
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "serve/http_server.h"
#include "store/event_store.h"

namespace detente {
namespace {

using Clock = std::chrono::steady_clock;

const char* kCountries[] = {"USA", "CHN", "RUS", "UKR", "DEU", "FRA", "GBR", "JPN", "KOR", "PRK",
                            "IRN", "ISR", "PSE", "IND", "PAK", "TUR", "SAU", "EGY", "BRA", "MEX",
                            "CAN", "AUS", "ITA", "ESP", "POL", "SYR", "IRQ", "AFG", "VNM", "PHL",
                            "IDN", "TWN", "ZAF", "NGA", "ETH", "KEN", "ARG", "VEN", "CUB", "QAT"};
constexpr int kNumCountries = 40;
struct Code {
  const char* cameo;
  const char* label;
  double goldstein;
  int quad;
};
const Code kCodes[] = {{"010", "Make statement", 0, 1},
                       {"020", "Appeal", 3, 1},
                       {"036", "Express intent to meet", 4, 1},
                       {"040", "Consult", 1, 1},
                       {"042", "Make a visit", 1.9, 1},
                       {"043", "Host a visit", 2.8, 1},
                       {"046", "Engage in negotiation", 7, 1},
                       {"051", "Praise or endorse", 3.4, 2},
                       {"057", "Sign formal agreement", 8, 2},
                       {"061", "Cooperate economically", 6.4, 2},
                       {"070", "Provide aid", 7, 2},
                       {"111", "Criticize or denounce", -2, 3},
                       {"112", "Accuse", -2, 3},
                       {"120", "Reject", -4, 3},
                       {"130", "Threaten", -4.4, 3},
                       {"163", "Impose embargo or sanctions", -8, 3},
                       {"172", "Impose administrative sanctions", -5, 4},
                       {"190", "Use conventional military force", -10, 4},
                       {"193", "Fight with small arms", -10, 4},
                       {"195", "Employ aerial weapons", -10, 4}};
const char* kWords[] = {"talks",    "border",   "trade",   "summit",    "missile",
                        "drone",    "grain",    "tariffs", "embassy",   "ceasefire",
                        "pipeline", "election", "refugee", "satellite", "vaccine",
                        "chips",    "fishing",  "port",    "sanction",  "balloon"};
constexpr int32_t kFirstDay = 19358;  // 2023-01-01
constexpr int32_t kDays = 3 * 365;

std::string DayString(int32_t day) {
  std::chrono::year_month_day d{std::chrono::sys_days{std::chrono::days{day}}};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()),
                     static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

// A Zipf-like choice of country: USA and CHN report most.
int PickCountry(std::mt19937_64& rng) {
  static std::vector<double> cdf = [] {
    std::vector<double> c;
    double sum = 0;
    for (int i = 0; i < kNumCountries; ++i) c.push_back(sum += 1.0 / std::pow(i + 1, 0.9));
    for (double& v : c) v /= sum;
    return c;
  }();
  double u = std::uniform_real_distribution<double>(0, 1)(rng);
  return static_cast<int>(std::lower_bound(cdf.begin(), cdf.end(), u) - cdf.begin());
}

DocRecord MakeDoc(uint64_t i, std::mt19937_64& rng) {
  DocRecord d;
  d.hash = i * 0x9E3779B97F4A7C15ULL + 7;
  d.key = fmt::format("bench-{}", i);
  d.input = "bench.jsonl";
  d.line = i + 1;
  d.kind = "jsonl";
  d.source = fmt::format("site{}.example", i % 300);
  d.url = fmt::format("https://{}/story/{}", d.source, i);
  d.title = fmt::format("Report {} on the week's diplomacy", i);
  int32_t story = kFirstDay + static_cast<int32_t>(rng() % kDays);
  d.story_date = DayString(story);
  d.story_date_source = "input";
  d.bytes = 2000;
  d.sentence_count = 20;
  for (uint32_t s = 0; s < 4; ++s) {
    int a = PickCountry(rng), b = PickCountry(rng);
    while (b == a) b = PickCountry(rng);
    const Code& code = kCodes[rng() % std::size(kCodes)];
    SentenceRecord sr;
    sr.index = s * 3;
    sr.segment = s == 3 ? "caption:1" : "main";
    sr.lead = s == 0;
    std::string src = fmt::format("{} officials", kCountries[a]);
    std::string tgt = kCountries[b];
    sr.text = fmt::format("{} {} {} over the {} on Tuesday, according to officials.", src,
                          code.label, tgt, kWords[rng() % std::size(kWords)]);
    uint32_t base = s * 300;
    sr.span = {base, base + static_cast<uint32_t>(sr.text.size())};
    MentionRecord m;
    m.sentence = s;
    m.source.code = fmt::format("{}{}", kCountries[a], rng() % 3 == 0 ? "GOV" : "");
    m.source.country = kCountries[a];
    m.source.sector = m.source.code.size() > 3 ? "GOV" : "";
    m.source.name = src;
    m.source.span = {base, base + static_cast<uint32_t>(src.size())};
    m.target.code = tgt;
    m.target.country = tgt;
    m.target.name = tgt;
    std::size_t tpos = sr.text.find(tgt, src.size());
    m.target.span = {base + static_cast<uint32_t>(tpos),
                     base + static_cast<uint32_t>(tpos + tgt.size())};
    m.trigger = {base + static_cast<uint32_t>(src.size() + 1),
                 base + static_cast<uint32_t>(src.size() + 1 + std::strlen(code.label))};
    m.trigger_text = code.label;
    m.cameo = code.cameo;
    m.root = m.cameo.substr(0, 2);
    m.label = code.label;
    m.goldstein = code.goldstein;
    m.quad = code.quad;
    uint64_t mod = rng() % 100;
    m.modality = mod < 85 ? Modality::kAsserted : static_cast<Modality>(1 + mod % 4);
    int32_t day = story - static_cast<int32_t>(rng() % 3);
    uint64_t prec = rng() % 100;
    if (prec < 95) {
      m.day = day;
      m.date = DayString(day);
      m.precision = "day";
    } else if (prec < 99) {
      std::string s = DayString(day).substr(0, 7);
      m.date = s;
      m.day = day - (std::stoi(DayString(day).substr(8)) - 1);
      m.precision = "month";
    } else {
      m.date = "";
      m.precision = "";
    }
    m.date_source = "story";
    m.rule = "verbs/bench.tsv:1";
    m.pattern = code.label;
    d.sentences.push_back(std::move(sr));
    d.mentions.push_back(std::move(m));
  }
  return d;
}

bool BuildStore(const std::string& path, int64_t events) {
  for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path + s);
  auto store = EventStore::Open(path, EventStore::Mode::kWrite);
  if (!store.ok()) {
    fmt::print(stderr, "{}\n", store.status().message());
    return false;
  }
  EventStore& s = **store;
  auto t0 = Clock::now();
  std::mt19937_64 rng(42);
  if (!s.Begin().ok()) return false;
  auto input = s.EnsureInput("/bench/bench.jsonl", "bench.jsonl");
  if (!input.ok()) return false;
  int64_t stored = 0;
  for (uint64_t i = 0; stored < events; ++i) {
    auto r = s.AddDocument(MakeDoc(i, rng), *input, 1700000000);
    if (!r.ok()) {
      fmt::print(stderr, "{}\n", r.status().message());
      return false;
    }
    stored += r->new_events;
    if ((i + 1) % 5000 == 0) {
      if (!s.Commit().ok() || !s.Begin().ok()) return false;
      if ((i + 1) % 50000 == 0) fmt::print(stderr, "  {} documents, {} events\n", i + 1, stored);
    }
  }
  if (!s.Commit().ok()) return false;
  (void)s.Checkpoint();
  fmt::print(stderr, "built {} events in {:.1f} s\n", stored,
             std::chrono::duration<double>(Clock::now() - t0).count());
  return true;
}

// CPU time of the whole process (the server's threads and the client), in
// ms: unlike wall time, it does not grow when other jobs share the cores.
double CpuMs() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

struct Stats {
  std::vector<double> ms, cpu;
  int errors = 0;
};

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  std::size_t i =
      static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size()))) - 1;
  return v[std::min(i, v.size() - 1)];
}

}  // namespace
}  // namespace detente

int main(int argc, char** argv) {
  using namespace detente;
  std::string path = "build/bench-serve.db";
  int64_t events = 1000000;
  int requests = 60;
  bool rebuild = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--events" && i + 1 < argc)
      events = std::stoll(argv[++i]);
    else if (a == "--requests" && i + 1 < argc)
      requests = std::stoi(argv[++i]);
    else if (a == "--rebuild")
      rebuild = true;
    else
      path = a;
  }
  if (rebuild || !std::filesystem::exists(path)) {
    fmt::print(stderr, "building {} with {} events...\n", path, events);
    if (!BuildStore(path, events)) return 1;
  }
  ServeOptions options;
  options.db = path;
  options.port = 0;
  options.limits.threads = 2;
  options.limits.query_millis = 10000;  // measure, do not cut
  auto server = HttpServer::Create(options);
  if (!server.ok()) {
    fmt::print(stderr, "{}\n", server.status().message());
    return 1;
  }
  std::thread runner([&] { (void)(*server)->Run(); });
  httplib::Client client("127.0.0.1", (*server)->port());
  client.set_read_timeout(60);
  client.set_keep_alive(true);
  client.set_tcp_nodelay(true);

  std::map<std::string, Stats> stats;
  std::vector<std::string> order;
  auto time = [&](const std::string& kind, const std::string& url) -> std::string {
    auto t0 = Clock::now();
    double c0 = CpuMs();
    auto res = client.Get(url);
    double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    double cpu = CpuMs() - c0;
    if (!stats.count(kind)) order.push_back(kind);
    Stats& s = stats[kind];
    if (!res || res->status != 200) {
      ++s.errors;
      if (s.errors == 1)
        fmt::print(stderr, "{}: {} {}\n", url, res ? res->status : -1,
                   res ? res->body.substr(0, 200) : "");
      return "";
    }
    s.ms.push_back(ms);
    s.cpu.push_back(cpu);
    return res->body;
  };
  // Warm the page cache as a long-running server would be.
  for (int i = 0; i < 3; ++i) {
    client.Get("/api/events?count=1");
    client.Get("/api/dyads/USA/CHN");
  }
  std::mt19937_64 rng(7);
  auto country = [&] { return std::string(kCountries[PickCountry(rng)]); };
  auto small = [&] { return std::string(kCountries[30 + rng() % 10]); };
  for (int r = 0; r < requests; ++r) {
    std::string a = country(), b = country();
    if (a == b) b = a == "USA" ? "CHN" : "USA";
    std::string sa = small(), sb = small();
    if (sa == sb) sb = sa == "QAT" ? "CUB" : "QAT";
    int32_t m0 = kFirstDay + static_cast<int32_t>(rng() % (kDays - 40));
    std::string since = DayString(m0), until = DayString(m0 + 30);
    time("series: USA-CHN by week, 3 years", "/api/dyads/USA/CHN?by=week");
    time("series: random dyad by week", fmt::format("/api/dyads/{}/{}?by=week", a, b));
    time("series: small dyad by week", fmt::format("/api/dyads/{}/{}?by=week", sa, sb));
    time("series: random dyad by day, one year",
         fmt::format("/api/dyads/{}/{}?by=day&since=2024-01-01&until=2024-12-31", a, b));
    time("series: random dyad by month", fmt::format("/api/dyads/{}/{}?by=month", a, b));
    time("events: no filter", "/api/events");
    time("events: dyad, both directions", fmt::format("/api/events?dyad={}:{}&undirected=1", a, b));
    time("events: small dyad", fmt::format("/api/events?dyad={}:{}", sa, sb));
    time("events: root 19, one month",
         fmt::format("/api/events?root=19&since={}&until={}", since, until));
    time("events: actor + modality + root",
         fmt::format("/api/events?actor={}&modality=planned&root=04", a));
    time("events: dyad + dates, limit 500",
         fmt::format("/api/events?dyad={}:{}&since={}&until={}&limit=500", a, b, since, until));
    time("events: min_mentions 2", "/api/events?min_mentions=2");
  }
  // Deep pages: follow the cursor 400 pages (20,000 events) into the listing.
  for (const char* filter : {"", "&dyad=USA:CHN&undirected=1"}) {
    std::string cursor;
    for (int page = 0; page < 400; ++page) {
      std::string url =
          fmt::format("/api/events?count=0{}{}", filter, cursor.empty() ? "" : "&cursor=" + cursor);
      std::string kind =
          fmt::format("events: pages 1-400 via cursor{}", *filter ? ", USA:CHN" : "");
      std::string body = time(kind, url);
      auto at = body.find("\"next_cursor\":\"");
      if (at == std::string::npos) break;
      at += 15;
      cursor = body.substr(at, body.find('"', at) - at);
    }
  }
  for (int r = 0; r < std::max(5, requests / 6); ++r)
    time("events: text search (q)", fmt::format("/api/events?q={}", kWords[rng() % 20]));
  time("overview (cold)", "/api/overview");
  time("overview (cached)", "/api/overview");

  fmt::print(
      "| request | n | p50 ms | p95 ms | p99 ms | max ms | CPU p50 ms | CPU p95 ms |\n"
      "|---|---|---|---|---|---|---|---|\n");
  for (const auto& kind : order) {
    const Stats& s = stats[kind];
    fmt::print("| {} | {} | {:.1f} | {:.1f} | {:.1f} | {:.1f} | {:.1f} | {:.1f} |{}\n", kind,
               s.ms.size(), Percentile(s.ms, 50), Percentile(s.ms, 95), Percentile(s.ms, 99),
               s.ms.empty() ? 0 : *std::max_element(s.ms.begin(), s.ms.end()),
               Percentile(s.cpu, 50), Percentile(s.cpu, 95),
               s.errors ? fmt::format(" {} errors", s.errors) : "");
  }
  std::vector<double> series, list;
  for (const auto& [kind, s] : stats) {
    if (kind.starts_with("series")) series.insert(series.end(), s.ms.begin(), s.ms.end());
    if (kind.starts_with("events") && kind.find("text") == std::string::npos)
      list.insert(list.end(), s.ms.begin(), s.ms.end());
  }
  fmt::print("| **all series requests** | {} | {:.1f} | **{:.1f}** | {:.1f} | |\n", series.size(),
             Percentile(series, 50), Percentile(series, 95), Percentile(series, 99));
  fmt::print(
      "| **all event-list requests (without text search)** | {} | {:.1f} | **{:.1f}** | {:.1f} | "
      "|\n",
      list.size(), Percentile(list, 50), Percentile(list, 95), Percentile(list, 99));
  (*server)->Stop();
  runner.join();
  return 0;
}
