// Reciprocity: does one side's conflict (or cooperation) answer the
// other's in the following periods? Measured as the lagged cross-correlation
// of the two directed series, after removing each series' own lag-1
// autocorrelation (AR(1) prewhitening), so that two series that merely both
// trend, or both rise with news volume over several periods, do not look
// like an answer. docs/BAROMETER.md lists the limits.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace detente {

struct LagCorrelation {
  int lag = 0;
  std::optional<double>
      r;  // prewhitened; nullopt when undefined (too few pairs, a constant series)
  std::optional<double> r_raw;  // on the series as they are
  int n = 0;                    // pairs behind r
};

// Pearson's r of x and y (same length); nullopt when either is constant or
// there are fewer than 3 pairs.
std::optional<double> Pearson(std::span<const double> x, std::span<const double> y);

// Residuals of the least-squares fit x[t] = a + b x[t-1], for t = 1..n-1
// (n-1 values). A series too short to fit (n < 3) or constant gives its
// deviations from the mean (from t = 1).
std::vector<double> Ar1Residuals(std::span<const double> x);

// corr(leader[t], follower[t + lag]) for lag = 0..max_lag: how the
// follower's level `lag` periods later goes with the leader's.
std::vector<LagCorrelation> CrossCorrelation(std::span<const double> leader,
                                             std::span<const double> follower, int max_lag);

// One directed relation: `responder` answering `actor`'s `kind`.
struct Reciprocity {
  std::string kind;       // "conflict" or "cooperation"
  std::string actor;      // the side that acts first
  std::string responder;  // the side that answers
  std::vector<LagCorrelation> lags;
  // The answering lag (1..max) with the largest r, and whether it exceeds
  // `threshold`: the one-sided 5% critical value of a white-noise
  // correlation, z / sqrt(n), with z Bonferroni-corrected for the number of
  // answering lags looked at (2.24 for 4 lags), since the best of several
  // lags is more often large by chance than any one of them.
  int best_lag = 0;
  std::optional<double> best_r;
  int best_n = 0;
  double threshold = 0;
  bool significant = false;
};

// The z with P(Z > z) = p for a standard normal Z (0 < p < 1).
double NormalQuantileUpper(double p);

// Fills best_lag, best_r, best_n, threshold and significant from lags.
void SummariseReciprocity(Reciprocity* r);

}  // namespace detente
