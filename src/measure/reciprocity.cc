#include "measure/reciprocity.h"

#include <algorithm>
#include <cmath>

namespace detente {

std::optional<double> Pearson(std::span<const double> x, std::span<const double> y) {
  std::size_t n = std::min(x.size(), y.size());
  if (n < 3) return std::nullopt;
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < n; ++i) {
    mx += x[i];
    my += y[i];
  }
  mx /= static_cast<double>(n);
  my /= static_cast<double>(n);
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  // Relative tolerance: a series of equal values has rounding-level spread.
  if (sxx <= 1e-12 * (1 + mx * mx) * n || syy <= 1e-12 * (1 + my * my) * n) return std::nullopt;
  return std::clamp(sxy / std::sqrt(sxx * syy), -1.0, 1.0);
}

std::vector<double> Ar1Residuals(std::span<const double> x) {
  std::vector<double> out;
  if (x.size() < 2) return out;
  std::size_t n = x.size();
  double mx = 0, my = 0;  // x[t-1] and x[t] over t = 1..n-1
  for (std::size_t t = 1; t < n; ++t) {
    mx += x[t - 1];
    my += x[t];
  }
  mx /= static_cast<double>(n - 1);
  my /= static_cast<double>(n - 1);
  double sxy = 0, sxx = 0;
  for (std::size_t t = 1; t < n; ++t) {
    sxy += (x[t - 1] - mx) * (x[t] - my);
    sxx += (x[t - 1] - mx) * (x[t - 1] - mx);
  }
  double b = n >= 3 && sxx > 0 ? sxy / sxx : 0;
  double a = my - b * mx;
  out.reserve(n - 1);
  for (std::size_t t = 1; t < n; ++t) out.push_back(x[t] - (a + b * x[t - 1]));
  return out;
}

std::vector<LagCorrelation> CrossCorrelation(std::span<const double> leader,
                                             std::span<const double> follower, int max_lag) {
  std::vector<LagCorrelation> out;
  std::size_t n = std::min(leader.size(), follower.size());
  std::vector<double> wl = Ar1Residuals(leader.first(n)), wf = Ar1Residuals(follower.first(n));
  for (int lag = 0; lag <= max_lag; ++lag) {
    LagCorrelation c;
    c.lag = lag;
    auto l = static_cast<std::size_t>(lag);
    if (n > l) c.r_raw = Pearson(leader.first(n - l), follower.subspan(l, n - l));
    if (wl.size() > l) {
      std::size_t m = wl.size() - l;
      c.r =
          Pearson(std::span<const double>(wl).first(m), std::span<const double>(wf).subspan(l, m));
      c.n = static_cast<int>(m);
    }
    out.push_back(c);
  }
  return out;
}

double NormalQuantileUpper(double p) {
  // Bisection on the upper tail 0.5 erfc(z / sqrt 2), which is decreasing in z.
  double lo = -10, hi = 10;
  for (int i = 0; i < 100; ++i) {
    double mid = (lo + hi) / 2;
    if (0.5 * std::erfc(mid / std::sqrt(2.0)) > p)
      lo = mid;
    else
      hi = mid;
  }
  return (lo + hi) / 2;
}

void SummariseReciprocity(Reciprocity* r) {
  r->best_lag = 0;
  r->best_r.reset();
  r->best_n = 0;
  r->threshold = 0;
  r->significant = false;
  int looks = 0;
  for (const auto& c : r->lags) {
    if (c.lag < 1) continue;
    ++looks;
    if (!c.r) continue;
    if (!r->best_r || *c.r > *r->best_r) {
      r->best_lag = c.lag;
      r->best_r = c.r;
      r->best_n = c.n;
    }
  }
  if (r->best_r && r->best_n > 0) {
    double z = NormalQuantileUpper(0.05 / std::max(1, looks));
    r->threshold = z / std::sqrt(static_cast<double>(r->best_n));
    r->significant = *r->best_r > r->threshold;
  }
}

}  // namespace detente
