// Writer throughput of the event store, without reading or coding: how many
// documents (each with two evidence sentences and three event mentions,
// half of them repeating earlier events) one writer commits per second.
// The end-to-end ingest figures come from bench/ingest_bench.sh.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "store/event_store.h"

namespace detente {
namespace {

DocRecord MakeDoc(uint64_t i) {
  DocRecord d;
  d.hash = i * 0x9E3779B97F4A7C15ULL + 1;
  d.key = "bench.jsonl:" + std::to_string(i + 1);
  d.input = "bench.jsonl";
  d.line = i + 1;
  d.kind = "jsonl";
  d.url = "https://site" + std::to_string(i % 50) + ".example/story/" + std::to_string(i);
  d.source = "site" + std::to_string(i % 50) + ".example";
  d.title = "A headline about talks between two countries, number " + std::to_string(i);
  d.story_date = "2023-06-19";
  d.story_date_source = "input";
  d.bytes = 600;
  d.sentence_count = 6;
  static const char* kCountries[] = {"USA", "CHN", "RUS", "UKR", "DEU",
                                     "FRA", "JPN", "KOR", "IRN", "ISR"};
  for (uint32_t s = 0; s < 2; ++s) {
    SentenceRecord sr;
    sr.index = s;
    sr.segment = "main";
    sr.span = {s * 100, s * 100 + 90};
    sr.text =
        "Officials from both countries met in the capital on Monday to discuss trade and security.";
    sr.lead = s == 0;
    d.sentences.push_back(sr);
  }
  for (uint32_t m = 0; m < 3; ++m) {
    MentionRecord mr;
    mr.sentence = m % 2;
    // Half the mentions repeat a small set of events (dedup hits), half are new.
    uint64_t k = m == 0 ? i % 100 : i * 3 + m;
    mr.source.code = std::string(kCountries[k % 10]) + "GOV";
    mr.source.country = kCountries[k % 10];
    mr.source.sector = "GOV";
    mr.source.name = "Officials";
    mr.target.code = kCountries[(k / 10 + 1 + k % 10) % 10];
    mr.target.country = mr.target.code;
    mr.target.name = "Country";
    mr.cameo = m == 2 ? "112" : "040";
    mr.root = mr.cameo.substr(0, 2);
    mr.label = m == 2 ? "Accuse" : "Consult";
    mr.goldstein = 1;
    mr.quad = 1;
    int32_t day = 19000 + static_cast<int32_t>(k % 365);
    mr.day = day;
    mr.date = "2022-" + std::to_string(1 + k % 12) + "-" + std::to_string(1 + k % 28);
    mr.precision = "day";
    mr.date_source = "story";
    mr.trigger_text = "met";
    mr.rule = "verbs/cooperation.tsv:2278";
    mr.pattern = "meet";
    d.mentions.push_back(mr);
  }
  return d;
}

void BM_AddDocuments(benchmark::State& state) {
  const auto batch = static_cast<uint64_t>(state.range(0));
  auto path = std::filesystem::temp_directory_path() / "detente_store_bench.db";
  std::vector<DocRecord> docs;
  for (uint64_t i = 0; i < 20000; ++i) docs.push_back(MakeDoc(i));
  uint64_t stored = 0;
  for (auto _ : state) {
    state.PauseTiming();
    for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + s);
    auto store = EventStore::Open(path.string(), EventStore::Mode::kWrite);
    if (!store.ok()) {
      state.SkipWithError(store.status().message().c_str());
      return;
    }
    state.ResumeTiming();
    EventStore& s = **store;
    bool ok = s.Begin().ok();
    auto input = s.EnsureInput("/bench/bench.jsonl", "bench.jsonl");
    ok = ok && input.ok();
    for (uint64_t i = 0; ok && i < docs.size(); ++i) {
      ok = s.AddDocument(docs[i], *input, 1700000000).ok();
      if ((i + 1) % batch == 0) ok = ok && s.Commit().ok() && s.Begin().ok();
    }
    ok = ok && s.Commit().ok();
    if (!ok) {
      state.SkipWithError("store write failed");
      return;
    }
    stored += docs.size();
  }
  state.SetItemsProcessed(static_cast<int64_t>(stored));
  state.counters["mentions/s"] =
      benchmark::Counter(static_cast<double>(stored * 3), benchmark::Counter::kIsRate);
  for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + s);
}
BENCHMARK(BM_AddDocuments)
    ->Arg(500)
    ->Arg(2000)
    ->Arg(10000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace detente

BENCHMARK_MAIN();
