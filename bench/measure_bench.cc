// Benchmarks of the barometer's computation: PELT on series of growing
// length (its pruning should keep it near linear on series with changes),
// a whole dyad analysis, and rendering the HTML report.
#include <benchmark/benchmark.h>

#include <random>

#include "measure/barometer.h"
#include "measure/changepoint.h"
#include "measure/report.h"

namespace detente {
namespace {

// A piecewise-constant series with a level change every ~40 points, plus noise.
std::vector<double> Steps(std::size_t n) {
  std::mt19937 rng(1);
  std::normal_distribution<double> noise(0, 0.1);
  std::uniform_real_distribution<double> level(-0.6, 0.6);
  std::vector<double> x(n);
  double mean = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (i % 40 == 0) mean = level(rng);
    x[i] = mean + noise(rng);
  }
  return x;
}

void BM_Pelt(benchmark::State& state) {
  std::vector<double> x = Steps(static_cast<std::size_t>(state.range(0)));
  PeltOptions o = BarometerOptions().pelt;
  for (auto _ : state) benchmark::DoNotOptimize(DetectChangePoints(x, o));
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_Pelt)->RangeMultiplier(4)->Range(64, 16384)->Complexity();

// Ten years of daily events between two countries, ~30 a day.
std::vector<DyadEvent> Events(int days) {
  std::mt19937 rng(2);
  std::uniform_int_distribution<int> quad(1, 4), count(0, 60), mentions(1, 5);
  std::uniform_real_distribution<double> g(0, 10);
  std::vector<DyadEvent> ev;
  int64_t id = 1;
  for (int d = 0; d < days; ++d)
    for (int k = count(rng); k > 0; --k) {
      DyadEvent e;
      e.id = id++;
      e.day = 18000 + d;
      e.quad = quad(rng);
      e.goldstein = e.quad <= 2 ? g(rng) : -g(rng);
      e.mentions = mentions(rng);
      e.forward = k % 2 == 0;
      ev.push_back(e);
    }
  return ev;
}

void BM_AnalyseDyad(benchmark::State& state) {
  std::vector<DyadEvent> ev = Events(3650);
  BarometerOptions o;
  o.series.unit = static_cast<PeriodUnit>(state.range(0));
  for (auto _ : state)
    benchmark::DoNotOptimize(AnalyseDyad("USA", "CHN", ev, 18000, 18000 + 3649, o));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(ev.size()));
}
BENCHMARK(BM_AnalyseDyad)
    ->Arg(static_cast<int>(PeriodUnit::kDay))
    ->Arg(static_cast<int>(PeriodUnit::kWeek))
    ->Arg(static_cast<int>(PeriodUnit::kMonth));

void BM_RenderReport(benchmark::State& state) {
  std::vector<DyadEvent> ev = Events(365);
  ReportData d;
  d.analysis = AnalyseDyad("USA", "CHN", ev, 18000, 18000 + 364, BarometerOptions());
  for (auto _ : state) benchmark::DoNotOptimize(RenderHtmlReport(d));
}
BENCHMARK(BM_RenderReport);

}  // namespace
}  // namespace detente

BENCHMARK_MAIN();
