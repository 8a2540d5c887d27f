// A plain driver for the reading stage, for comparing two builds: it reads a
// corpus from ../shared/corpora once per repetition and prints MiB/s (as
// bench_read's bytes_per_second), or dumps
// every token field so that two builds' outputs can be diffed. Unlike
// bench_read it runs a fixed amount of work, so callgrind instruction counts
// of two builds are comparable (collect only ReadAll:
// valgrind --tool=callgrind --toggle-collect='*ReadAll*' build/bench/read_once ...).
//
//   read_once [--corpus reuters|rss] [--tag] [--docs N] [--reps N] [--dump]
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

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

// The same inputs as bench_read: Reuters-21578 bodies one story per buffer,
// or the RSS leads TSV (cut to its first `docs` records) as one buffer.
std::vector<std::string> LoadCorpus(const std::string& corpus, std::size_t docs) {
  std::vector<std::string> out;
  if (corpus == "reuters") {
    std::string dir = std::string(DETENTE_SHARED_DIR) + "/corpora/reuters21578";
    for (int i = 0; i < 22 && out.size() < docs; ++i) {
      char name[64];
      std::snprintf(name, sizeof name, "/reut2-%03d.sgm.zst", i);
      std::string sgm = ZstdCat(dir + name);
      std::size_t pos = 0;
      while (out.size() < docs && (pos = sgm.find("<BODY>", pos)) != std::string::npos) {
        std::size_t end = sgm.find("</BODY>", pos);
        if (end == std::string::npos) break;
        out.push_back(sgm.substr(pos + 6, end - pos - 6));
        pos = end;
      }
    }
  } else {
    std::string tsv = ZstdCat(std::string(DETENTE_SHARED_DIR) +
                              "/corpora/rss_news_leads_2023/rss_world_leads_2023.tsv.zst");
    std::size_t pos = 0, lines = 0;
    while (pos < tsv.size() && lines <= docs) {  // header + docs records
      std::size_t nl = tsv.find('\n', pos);
      pos = nl == std::string::npos ? tsv.size() : nl + 1;
      ++lines;
    }
    tsv.resize(pos);
    if (!tsv.empty()) out.push_back(std::move(tsv));
  }
  return out;
}

void Dump(const detente::Document& d) {
  std::printf("D %s %zu %zu %zu %s|%s|%s\n", d.id.c_str(), d.segments.size(), d.sentences.size(),
              d.tokens.size(), d.meta.title.c_str(), d.meta.dek.c_str(), d.meta.section.c_str());
  for (const auto& seg : d.segments) {
    std::printf("G %d %u", static_cast<int>(seg.kind), seg.index);
    for (const auto& p : seg.paragraphs)
      std::printf(" %u-%u:%d", p.span.start, p.span.end, static_cast<int>(p.role));
    std::printf("\n");
  }
  for (const auto& s : d.sentences) {
    std::printf("S %u %u %u %u %u %u\n", s.first_token, s.end_token, s.start, s.end, s.segment,
                s.paragraph);
  }
  for (const auto& t : d.tokens) {
    std::printf("T %u %u %.*s %.*s %.*s %d %d\n", t.start, t.end, static_cast<int>(t.norm.size()),
                t.norm.data(), static_cast<int>(t.lower.size()), t.lower.data(),
                static_cast<int>(t.lemma.size()), t.lemma.data(), static_cast<int>(t.pos), t.flags);
  }
  for (const auto& dm : d.meta.dates_seen) std::printf("M %u %u\n", dm.span.start, dm.span.end);
}

// Reads every buffer once; the unit callgrind collects.
[[gnu::noinline]] std::size_t ReadAll(detente::Reader* reader,
                                      const std::vector<std::string>& inputs, bool dump) {
  std::size_t sentences = 0;
  detente::ReadReport report;
  for (const auto& b : inputs) {
    reader->ReadBuffer(
        "doc", b,
        [&](detente::Document& d) {
          sentences += d.sentences.size();
          if (dump) Dump(d);
          return true;
        },
        &report);
  }
  return sentences;
}

}  // namespace

int main(int argc, char** argv) {
  std::string corpus = "reuters";
  bool tag = false, dump = false;
  std::size_t docs = SIZE_MAX;
  int reps = 1;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--corpus" && i + 1 < argc)
      corpus = argv[++i];
    else if (a == "--tag")
      tag = true;
    else if (a == "--dump")
      dump = true;
    else if (a == "--docs" && i + 1 < argc)
      docs = std::strtoull(argv[++i], nullptr, 10);
    else if (a == "--reps" && i + 1 < argc)
      reps = std::atoi(argv[++i]);
    else {
      std::fprintf(
          stderr,
          "usage: read_once [--corpus reuters|rss] [--tag] [--docs N] [--reps N] [--dump]\n");
      return 2;
    }
  }
  auto inputs = LoadCorpus(corpus, docs);
  if (inputs.empty()) {
    std::fprintf(stderr, "corpus %s not found under %s/corpora\n", corpus.c_str(),
                 DETENTE_SHARED_DIR);
    return 1;
  }
  std::size_t bytes = 0;
  for (const auto& b : inputs) bytes += b.size();
  std::unique_ptr<detente::Lexicon> lex;
  detente::ReadOptions opt;
  if (tag) {
    auto l = detente::Lexicon::Load();
    if (!l.ok()) {
      std::fprintf(stderr, "lexicon: %s\n", l.status().message().c_str());
      return 1;
    }
    lex = std::move(l).value();
    opt.lexicon = lex.get();
  }
  detente::Reader reader(opt);
  for (int r = 0; r < reps; ++r) {
    // Wall time and this thread's CPU time: on a loaded machine the CPU time
    // is the fairer "per core" figure (Google Benchmark's bytes_per_second is
    // per CPU second too).
    auto cpu_now = [] {
      timespec ts;
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
      return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
    };
    auto t0 = std::chrono::steady_clock::now();
    double c0 = cpu_now();
    std::size_t sentences = ReadAll(&reader, inputs, dump);
    double cpu = cpu_now() - c0;
    double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!dump)
      std::printf(
          "%s tag=%d bytes=%zu sentences=%zu wall_s=%.3f cpu_s=%.3f MiB/s(wall)=%.1f "
          "MiB/s(cpu)=%.1f\n",
          corpus.c_str(), tag ? 1 : 0, bytes, sentences, sec, cpu,
          static_cast<double>(bytes) / sec / 1048576.0,
          static_cast<double>(bytes) / cpu / 1048576.0);
  }
  return 0;
}
