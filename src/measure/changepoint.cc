#include "measure/changepoint.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace detente {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace

std::vector<int> Pelt(std::span<const double> x, double penalty, int min_segment) {
  const int n = static_cast<int>(x.size());
  const int m = std::max(1, min_segment);
  if (n < 2 * m) return {};
  // Prefix sums make each segment's cost O(1); long double keeps the
  // subtraction S2 - S^2/len accurate for long series.
  std::vector<long double> s1(static_cast<std::size_t>(n) + 1, 0), s2(s1.size(), 0);
  for (int i = 0; i < n; ++i) {
    s1[i + 1] = s1[i] + x[i];
    s2[i + 1] = s2[i] + static_cast<long double>(x[i]) * x[i];
  }
  auto cost = [&](int s, int t) {  // observations s..t-1
    long double sum = s1[t] - s1[s];
    long double c = (s2[t] - s2[s]) - sum * sum / (t - s);
    return static_cast<double>(std::max<long double>(c, 0));
  };
  std::vector<double> f(static_cast<std::size_t>(n) + 1, kInf);
  std::vector<int> last(f.size(), 0);
  f[0] = -penalty;
  struct Candidate {
    int s;
    int pruned_at;  // the time its pruning condition first held; -1: not yet
  };
  std::vector<Candidate> r = {{0, -1}};
  std::vector<double> value;
  for (int t = m; t <= n; ++t) {
    value.assign(r.size(), kInf);
    for (std::size_t k = 0; k < r.size(); ++k) {
      int s = r[k].s;
      if (t - s < m) continue;
      value[k] = f[s] + cost(s, t);
      if (value[k] + penalty < f[t]) {
        f[t] = value[k] + penalty;
        last[t] = s;
      }
    }
    // Killick et al.'s pruning: s can no longer be the last change point
    // once F(s) + C(s, t) > F(t). With a minimum segment length, t itself
    // only becomes a candidate m observations later, so s is dropped after
    // it has served the times up to t + m - 1.
    for (std::size_t k = 0; k < r.size(); ++k)
      if (r[k].pruned_at < 0 && value[k] != kInf && value[k] > f[t]) r[k].pruned_at = t;
    std::erase_if(r,
                  [&](const Candidate& c) { return c.pruned_at >= 0 && t >= c.pruned_at + m - 1; });
    // t can end a segment (and start the next) when a valid segmentation of
    // the first t observations exists and the rest can still hold a segment.
    if (f[t] != kInf && t <= n - m) r.push_back({t, -1});
  }
  std::vector<int> cps;
  for (int t = n; t > 0; t = last[t])
    if (last[t] > 0) cps.push_back(last[t]);
  std::reverse(cps.begin(), cps.end());
  return cps;
}

double EstimateNoiseSigma(std::span<const double> x) {
  if (x.size() < 3) return 0;
  std::vector<double> d;
  d.reserve(x.size() - 1);
  for (std::size_t i = 1; i < x.size(); ++i) d.push_back(x[i] - x[i - 1]);
  double med = Median(d);
  std::vector<double> dev;
  dev.reserve(d.size());
  for (double v : d) dev.push_back(std::fabs(v - med));
  double mad = 1.4826 * Median(std::move(dev));
  if (mad > 0) return mad / std::sqrt(2.0);
  double ss = 0;
  for (double v : d) ss += v * v;
  return std::sqrt(ss / static_cast<double>(d.size())) / std::sqrt(2.0);
}

std::vector<MeanSegment> SegmentsOf(std::span<const double> x, std::span<const int> change_points) {
  std::vector<MeanSegment> out;
  int n = static_cast<int>(x.size());
  int begin = 0;
  for (std::size_t i = 0; i <= change_points.size(); ++i) {
    int end = i < change_points.size() ? change_points[i] : n;
    if (end <= begin) continue;
    double sum = 0;
    for (int k = begin; k < end; ++k) sum += x[k];
    out.push_back({begin, end, sum / (end - begin)});
    begin = end;
  }
  return out;
}

Segmentation DetectChangePoints(std::span<const double> x, const PeltOptions& options) {
  Segmentation seg;
  seg.sigma = options.sigma ? *options.sigma : EstimateNoiseSigma(x);
  seg.sigma = std::max(seg.sigma, options.min_sigma);
  const double n = static_cast<double>(x.size());
  seg.penalty_factor = options.penalty_factor;
  seg.min_segment = std::max(1, options.min_segment);
  if (seg.sigma > 0 && x.size() >= 2) {
    seg.penalty = options.penalty_factor * std::log(n) * seg.sigma * seg.sigma;
    seg.change_points = Pelt(x, seg.penalty, options.min_segment);
  }
  seg.segments = SegmentsOf(x, seg.change_points);
  return seg;
}

}  // namespace detente
