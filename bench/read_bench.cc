// Throughput of the reading stage (segment + tokenize + sentence split +
// lemma/POS tagging) on real news text from ../shared/corpora, in MB/s on one
// core. Run: build/bench/bench_read (see docs/PERFORMANCE.md).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "read/reader.h"

namespace {

std::string ZstdCat(const std::string& path) {
  std::string cmd = "zstd -dc '" + path + "' 2>/dev/null";
  std::string out;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    char buf[1 << 16];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
  }
  return out;
}

// Reuters-21578 bodies as one plain-text article per story.
const std::vector<std::string>& ReutersBodies() {
  static std::vector<std::string> bodies = [] {
    std::vector<std::string> out;
    std::string dir = std::string(DETENTE_SHARED_DIR) + "/corpora/reuters21578";
    for (int i = 0; i < 22; ++i) {
      char name[64];
      std::snprintf(name, sizeof name, "/reut2-%03d.sgm.zst", i);
      std::string sgm = ZstdCat(dir + name);
      std::size_t pos = 0;
      while ((pos = sgm.find("<BODY>", pos)) != std::string::npos) {
        std::size_t end = sgm.find("</BODY>", pos);
        if (end == std::string::npos) break;
        out.push_back(sgm.substr(pos + 6, end - pos - 6));
        pos = end;
      }
    }
    return out;
  }();
  return bodies;
}

const std::string& RssLeads() {
  static std::string tsv = ZstdCat(std::string(DETENTE_SHARED_DIR) +
                                   "/corpora/rss_news_leads_2023/rss_world_leads_2023.tsv.zst");
  return tsv;
}

const detente::Lexicon* Lex() {
  static auto lex = detente::Lexicon::Load();
  return lex.ok() ? lex.value().get() : nullptr;
}

void BM_ReadReuters(benchmark::State& state) {
  const auto& bodies = ReutersBodies();
  if (bodies.empty()) {
    state.SkipWithError("../shared/corpora/reuters21578 not found");
    return;
  }
  detente::ReadOptions opt;
  opt.lexicon = state.range(0) ? Lex() : nullptr;
  detente::Reader reader(opt);
  detente::ReadReport report;
  std::size_t bytes = 0, sentences = 0;
  for (auto _ : state) {
    for (const auto& b : bodies) {
      reader.ReadBuffer("reuters", b, [&](detente::Document& d) {
        sentences += d.sentences.size();
        return true;
      }, &report);
      bytes += b.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["sentences/s"] = benchmark::Counter(static_cast<double>(sentences), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ReadReuters)->Arg(0)->Arg(1)->ArgName("tagging")->Unit(benchmark::kMillisecond)->MinTime(3);

void BM_ReadRssLeadsTsv(benchmark::State& state) {
  const auto& tsv = RssLeads();
  if (tsv.empty()) {
    state.SkipWithError("../shared/corpora/rss_news_leads_2023 not found");
    return;
  }
  detente::ReadOptions opt;
  opt.lexicon = state.range(0) ? Lex() : nullptr;
  detente::Reader reader(opt);
  std::size_t docs = 0;
  for (auto _ : state) {
    detente::ReadReport report;
    reader.ReadBuffer("rss.tsv", tsv, [&](detente::Document&) {
      ++docs;
      return true;
    }, &report);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * tsv.size()));
  state.counters["docs/s"] = benchmark::Counter(static_cast<double>(docs), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ReadRssLeadsTsv)->Arg(0)->Arg(1)->ArgName("tagging")->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
