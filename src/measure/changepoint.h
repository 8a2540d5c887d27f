// Change points in a series' mean: PELT (Killick, Fearnhead & Eckley 2012,
// "Optimal detection of changepoints with a linear computational cost",
// JASA 107:1590) with the Gaussian mean-shift cost and a BIC-style penalty.
//
// The cost of a segment is its sum of squared deviations from its own mean
// (twice the negative Gaussian log-likelihood times sigma^2), so the penalty
// per change point is on the same scale: factor x log(n) x sigma^2, where
// sigma is the noise level estimated robustly from first differences. With
// factor 2 this is the BIC (SIC) penalty of R's changepoint::cpt.mean for a
// mean change; 3 approximates its default MBIC.
#pragma once

#include <optional>
#include <span>
#include <vector>

namespace detente {

struct PeltOptions {
  double penalty_factor = 2.0;  // penalty = factor x log(n) x sigma^2
  int min_segment = 2;          // shortest segment, in observations
  std::optional<double> sigma;  // the noise level; estimated when unset
  double min_sigma = 0;         // floor for the estimate (a series' resolution)
};

struct MeanSegment {
  int begin = 0;  // first observation
  int end = 0;    // one past the last
  double mean = 0;
};

struct Segmentation {
  // Indices where a new segment starts (never 0), ascending.
  std::vector<int> change_points;
  std::vector<MeanSegment> segments;
  double sigma = 0;    // the noise level used
  double penalty = 0;  // per change point, in squared units of the series
  double penalty_factor = 0;
  int min_segment = 1;
};

// Exact minimiser of sum(segment costs) + penalty x (number of change
// points) over segmentations whose segments have at least `min_segment`
// observations. Returns the change points (segment starts other than 0).
std::vector<int> Pelt(std::span<const double> x, double penalty, int min_segment);

// sigma of the noise around a piecewise-constant mean: the MAD of the first
// differences x 1.4826 / sqrt(2), which a few level shifts do not inflate
// (as in Fryzlewicz 2014, "Wild binary segmentation"). When more than half
// the differences are 0 (a sparse series of mostly empty periods) the MAD is
// 0, and the root mean square of the differences / sqrt(2) is used instead.
// 0 for a constant or too-short series.
double EstimateNoiseSigma(std::span<const double> x);

// Segments and their means for the given change points.
std::vector<MeanSegment> SegmentsOf(std::span<const double> x, std::span<const int> change_points);

// Estimates sigma (unless given), runs PELT and returns the segmentation.
// A series whose sigma is 0 (constant) has no change points.
Segmentation DetectChangePoints(std::span<const double> x, const PeltOptions& options);

}  // namespace detente
