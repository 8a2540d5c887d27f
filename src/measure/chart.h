// Charts of a dyad analysis as SVG, drawn by hand (no scripts, no external
// assets), so a report is one self-contained file and the same drawing can
// be rasterised to PNG by any SVG renderer.
#pragma once

#include <string>
#include <string_view>

#include "measure/barometer.h"

namespace detente {

// Escapes &, <, >, " and ' for XML/HTML text and attribute values.
std::string XmlEscape(std::string_view s);

// The index of both directions (thick), each direction (thin), its means
// between change points (grey steps) and the change points (vertical lines,
// labelled).
std::string IndexChartSvg(const DyadAnalysis& a, int width = 960, int height = 320);

// Evidence per period by quad class (cooperation up, conflict down), net
// cooperation, its segment means and the change points.
std::string VolumeChartSvg(const DyadAnalysis& a, int width = 960, int height = 240);

// Lagged cross-correlations, one panel per relation.
std::string ReciprocityChartSvg(const DyadAnalysis& a, int width = 960, int height = 230);

// A standalone SVG document (XML declaration, white background) with a title,
// the index chart and the volume chart, for PNG export and documentation.
std::string OverviewSvg(const DyadAnalysis& a, std::string_view title, int width = 960);

}  // namespace detente
