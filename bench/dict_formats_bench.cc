// Other dictionary formats (issue 4): load time of the full Phoenix actor
// dictionaries (PETRARCH format, ../shared/anchors/petrarch2) on top of our
// own dictionaries, and coding speed with them versus our own dictionaries
// alone, on the same documents in the same run (one thread; the two
// configurations alternate so that machine load affects both alike).
// Run: build/bench/bench_dict_formats [leads=20000] [rounds=3] [own|phoenix]
// (see docs/PERFORMANCE.md for recorded figures).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "code/coder.h"
#include "code/discards.h"
#include "match/dict_sources.h"
#include "read/reader.h"

namespace {

using Clock = std::chrono::steady_clock;
double Since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

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

}  // namespace

int main(int argc, char** argv) {
  std::size_t leads = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 20000;
  int rounds = argc > 2 ? std::atoi(argv[2]) : 3;
  std::string only = argc > 3 ? argv[3] : "";  // "own" or "phoenix": code with that set only (for profiling)
  const std::string shared = DETENTE_SHARED_DIR;
  const std::string petr = shared + "/anchors/petrarch2/";
  std::vector<std::string> phoenix = {
      "petrarch:actors:" + petr + "Phoenix.Countries.actors.txt",
      "petrarch:actors:" + petr + "Phoenix.International.actors.txt",
      "petrarch:actors:" + petr + "Phoenix.MilNonState.actors.txt"};
  auto t = Clock::now();
  detente::LoadReport own_report;
  auto own = detente::Dictionaries::Load(DETENTE_DICT_DIR, &own_report);
  double own_load = Since(t);
  if (!own.ok()) {
    std::fprintf(stderr, "bench_dict_formats: %s\n", own.status().message().c_str());
    return 1;
  }
  // The Phoenix files alone (no own dictionaries), then on top of ours.
  t = Clock::now();
  detente::LoadReport alone_report;
  auto alone = detente::LoadDictionarySources("none", phoenix, &alone_report);
  double phoenix_load = Since(t);
  t = Clock::now();
  detente::LoadReport both_report;
  auto both = detente::LoadDictionarySources(DETENTE_DICT_DIR, phoenix, &both_report);
  double both_load = Since(t);
  if (!alone.ok() || !both.ok()) {
    std::printf("SKIP: Phoenix actor dictionaries not found under %s\n", petr.c_str());
    return 0;
  }
  std::printf(
      "load: own dictionaries %.3f s; Phoenix actors alone %.3f s (%s); own + Phoenix actors %.3f "
      "s\n",
      own_load, phoenix_load, detente::LoadCounts(alone_report).c_str(), both_load);

  auto lex = detente::Lexicon::Load();
  std::string tsv =
      ZstdCat(shared + "/corpora/rss_news_leads_2023/rss_world_leads_2023.tsv.zst", leads + 1);
  if (!lex.ok() || tsv.size() < 1000) {
    std::printf("SKIP: lexicon or ../shared/corpora/rss_news_leads_2023 not found\n");
    return 0;
  }
  detente::ReadOptions opt;
  opt.lexicon = lex.value().get();
  detente::Reader reader(opt);
  detente::ReadReport rr;
  std::vector<std::unique_ptr<detente::Document>> docs;
  // Keep copies: the Reader reuses its Document.
  reader.ReadBuffer(
      "leads.tsv", tsv,
      [&](detente::Document& d) {
        auto c = std::make_unique<detente::Document>();
        c->id = d.id;
        c->text = d.text;
        c->meta = d.meta;
        c->segments = d.segments;
        c->sentences = d.sentences;
        for (auto tok : d.tokens) {
          tok.norm = c->arena.Copy(tok.norm);
          tok.lower = c->arena.Copy(tok.lower);
          tok.lemma = c->arena.Copy(tok.lemma);
          c->tokens.push_back(tok);
        }
        docs.push_back(std::move(c));
        return true;
      },
      &rr);
  std::size_t sentences = 0;
  for (auto& d : docs) sentences += d->sentences.size();
  double best[2] = {1e9, 1e9};
  std::size_t events[2] = {0, 0};
  const detente::Dictionaries* sets[2] = {own.value().get(), both.value().get()};
  for (int r = 0; r < rounds; ++r)
    for (int s = 0; s < 2; ++s) {
      if ((only == "own" && s == 1) || (only == "phoenix" && s == 0)) continue;
      detente::EventCoder coder(*sets[s]);
      std::vector<detente::Event> ev;
      std::size_t n = 0;
      auto start = Clock::now();
      for (auto& d : docs) {
        ev.clear();
        coder.Code(*d, &ev);
        detente::ApplyDiscardsAndIssues(*sets[s], *d, &ev);
        n += ev.size();
      }
      best[s] = std::min(best[s], Since(start));
      events[s] = n;
    }
  double own_rate = sentences / best[0], both_rate = sentences / best[1];
  std::printf("coding %zu sentences (%zu leads), best of %d rounds, one thread:\n", sentences,
              docs.size(), rounds);
  std::printf("  own dictionaries:            %8.0f sentences/s, %zu events\n", own_rate,
              events[0]);
  std::printf("  own + Phoenix actors:        %8.0f sentences/s, %zu events\n", both_rate,
              events[1]);
  std::printf("  speed ratio (Phoenix / own): %.2f\n", both_rate / own_rate);
  return 0;
}
