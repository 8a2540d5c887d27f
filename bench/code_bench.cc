// Event-coder throughput: sentences per second on one core with all shipped
// dictionaries loaded, on real news text (../shared/corpora: the 2023 RSS
// leads and PETRARCH's GigaWord sample), and the speed-up on 2 threads.
// Run: build/bench/bench_code (see docs/PERFORMANCE.md for recorded figures).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "code/coder.h"
#include "read/reader.h"

namespace {

std::string ZstdCat(const std::string& path, std::size_t max_lines) {
  std::string cmd = "zstd -dc '" + path + "' 2>/dev/null | head -n " + std::to_string(max_lines);
  std::string out;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    char buf[1 << 16];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
  }
  return out;
}

const detente::Lexicon* Lex() {
  static auto lex = detente::Lexicon::Load();
  return lex.ok() ? lex.value().get() : nullptr;
}

const detente::Dictionaries* Dicts() {
  static auto d = [] {
    detente::LoadReport report;
    return detente::Dictionaries::Load(DETENTE_DICT_DIR, &report);
  }();
  return d.ok() ? d.value().get() : nullptr;
}

// 50,000 leads (title + description) of 2023 world news.
const std::string& Leads() {
  static std::string tsv = ZstdCat(std::string(DETENTE_SHARED_DIR) +
                                   "/corpora/rss_news_leads_2023/rss_world_leads_2023.tsv.zst", 50001);
  return tsv;
}

// Splits the TSV into `parts` chunks, each with the header line.
std::vector<std::string> Split(const std::string& tsv, int parts) {
  std::size_t nl = tsv.find('\n');
  std::string header = tsv.substr(0, nl + 1);
  std::vector<std::string> out;
  std::size_t start = nl + 1;
  for (int i = 0; i < parts; ++i) {
    std::size_t end = i + 1 == parts ? tsv.size() : tsv.find('\n', start + (tsv.size() - nl) / parts);
    if (end == std::string::npos) end = tsv.size();
    out.push_back(header + tsv.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

struct Counts {
  std::size_t sentences = 0, events = 0, bytes = 0;
};

Counts ReadAndCode(const std::string& input) {
  detente::ReadOptions opt;
  opt.lexicon = Lex();
  detente::Reader reader(opt);
  detente::EventCoder coder(*Dicts());
  std::vector<detente::Event> events;
  detente::ReadReport report;
  Counts c;
  reader.ReadBuffer("leads.tsv", input, [&](detente::Document& doc) {
    events.clear();
    coder.Code(doc, &events);
    c.sentences += doc.sentences.size();
    c.events += events.size();
    return true;
  }, &report);
  c.bytes = input.size();
  return c;
}

void BM_CodeLeads(benchmark::State& state) {
  if (Leads().size() < 1000 || !Dicts() || !Lex()) {
    state.SkipWithError("../shared/corpora/rss_news_leads_2023 or dictionaries not found");
    return;
  }
  const int threads = static_cast<int>(state.range(0));
  auto parts = Split(Leads(), threads);
  std::size_t sentences = 0, events = 0, bytes = 0;
  for (auto _ : state) {
    std::vector<Counts> counts(threads);
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back([&, t] { counts[t] = ReadAndCode(parts[t]); });
    for (auto& th : pool) th.join();
    for (auto& c : counts) {
      sentences += c.sentences;
      events += c.events;
      bytes += c.bytes;
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["sentences/s"] = benchmark::Counter(static_cast<double>(sentences), benchmark::Counter::kIsRate);
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.counters["sentences"] = static_cast<double>(sentences) / state.iterations();
}
BENCHMARK(BM_CodeLeads)->Arg(1)->Arg(2)->ArgName("threads")->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(5);

// Coding only (documents read beforehand), one thread.
void BM_CoderOnly(benchmark::State& state) {
  if (Leads().size() < 1000 || !Dicts() || !Lex()) {
    state.SkipWithError("inputs not found");
    return;
  }
  static std::vector<std::unique_ptr<detente::Document>> docs;  // read once per process
  detente::ReadOptions opt;
  opt.lexicon = Lex();
  detente::Reader reader(opt);
  detente::ReadReport report;
  std::string input = docs.empty() ? Split(Leads(), 5)[0] : std::string();
  // Keep copies: the Reader reuses its Document.
  if (docs.empty()) reader.ReadBuffer("leads.tsv", input, [&](detente::Document& d) {
    auto c = std::make_unique<detente::Document>();
    c->id = d.id;
    c->text = d.text;
    c->meta = d.meta;
    c->segments = d.segments;
    c->sentences = d.sentences;
    for (auto t : d.tokens) {
      t.norm = c->arena.Copy(t.norm);
      t.lower = c->arena.Copy(t.lower);
      t.lemma = c->arena.Copy(t.lemma);
      c->tokens.push_back(t);
    }
    docs.push_back(std::move(c));
    return true;
  }, &report);
  detente::EventCoder coder(*Dicts());
  std::vector<detente::Event> events;
  std::size_t sentences = 0;
  for (auto _ : state) {
    for (const auto& d : docs) {
      events.clear();
      coder.Code(*d, &events);
      sentences += d->sentences.size();
    }
  }
  state.counters["sentences/s"] = benchmark::Counter(static_cast<double>(sentences), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_CoderOnly)->Unit(benchmark::kMillisecond)->MinTime(3);

}  // namespace

BENCHMARK_MAIN();
