#include "measure/chart.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iterator>
#include <vector>

#include <fmt/format.h>

namespace detente {
namespace {

constexpr std::string_view kFont = "DejaVu Sans, Helvetica, Arial, sans-serif";
constexpr std::string_view kBoth = "#222222";
constexpr std::string_view kForward = "#1f6fb4";
constexpr std::string_view kBackward = "#e07b00";
constexpr std::string_view kWorse = "#c62828";
constexpr std::string_view kBetter = "#2e7d32";
constexpr std::string_view kQuadColor[4] = {"#9ccc8f", "#2e7d32", "#f4a582", "#c62828"};

using Buffer = fmt::memory_buffer;

template <typename... Args>
void Out(Buffer* b, fmt::format_string<Args...> f, Args&&... args) {
  fmt::format_to(std::back_inserter(*b), f, std::forward<Args>(args)...);
}

void Text(Buffer* b, double x, double y, std::string_view text, std::string_view anchor = "start",
          int size = 11, std::string_view fill = "#333", std::string_view extra = "") {
  Out(b,
      "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"{}\" text-anchor=\"{}\" "
      "fill=\"{}\"{}{}>{}</text>\n",
      x, y, size, anchor, fill, extra.empty() ? "" : " ", extra, XmlEscape(text));
}

void Line(Buffer* b, double x1, double y1, double x2, double y2, std::string_view stroke,
          double width = 1, std::string_view extra = "") {
  Out(b,
      "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" "
      "stroke-width=\"{}\"{}{}/>\n",
      x1, y1, x2, y2, stroke, width, extra.empty() ? "" : " ", extra);
}

void Rect(Buffer* b, double x, double y, double w, double h, std::string_view fill,
          std::string_view extra = "") {
  if (w <= 0 || h <= 0) return;
  Out(b, "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\"{}{}/>\n",
      x, y, w, h, fill, extra.empty() ? "" : " ", extra);
}

void OpenSvg(Buffer* b, int width, int height, std::string_view label) {
  Out(b,
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} "
      "{1}\" "
      "font-family=\"{2}\" role=\"img\" aria-label=\"{3}\">\n",
      width, height, kFont, XmlEscape(label));
}

std::string Arrow(const DyadAnalysis& a, bool forward) {
  return forward ? fmt::format("{}\u2192{}", a.a, a.b) : fmt::format("{}\u2192{}", a.b, a.a);
}

// The plot area of one chart.
struct Frame {
  double left, top, width, height;
  std::size_t n;  // periods
  double Band() const { return n ? width / static_cast<double>(n) : width; }
  double Center(std::size_t i) const { return left + (static_cast<double>(i) + 0.5) * Band(); }
  double Boundary(std::size_t i) const { return left + static_cast<double>(i) * Band(); }
  double Right() const { return left + width; }
  double Bottom() const { return top + height; }
};

constexpr const char* kMonth[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::chrono::year_month_day Ymd(int32_t day) {
  return std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{day}}};
}

// Time-axis ticks: a tick where a period starts a new month (a new year
// gets its number), thinned so that labels do not collide.
void TimeAxis(Buffer* b, const DyadAnalysis& a, const Frame& f) {
  const auto& periods = a.series.periods;
  struct Tick {
    std::size_t i;
    int year;
    unsigned month;
  };
  std::vector<Tick> ticks;
  int last_year = 0;
  unsigned last_month = 0;
  for (std::size_t i = 0; i < periods.size(); ++i) {
    // The label goes on the period that holds the 1st of the month (or the first period).
    auto ymd = Ymd(periods[i].end);
    int y = static_cast<int>(ymd.year());
    unsigned m = static_cast<unsigned>(ymd.month());
    if (i == 0 || y != last_year || m != last_month) ticks.push_back({i, y, m});
    last_year = y;
    last_month = m;
  }
  if (ticks.empty()) return;
  // Months per label: 1, 2, 3, 6, 12 (then every k years).
  double months_span = static_cast<double>(ticks.size());
  int step = 1;
  for (int s : {1, 2, 3, 6, 12, 24, 60, 120}) {
    step = s;
    if (f.width / (months_span / s) >= 46) break;
  }
  for (std::size_t k = 0; k < ticks.size(); ++k) {
    const Tick& t = ticks[k];
    bool first = k == 0;
    if (!first && (static_cast<int>(t.month) - 1) % std::min(step, 12) != 0) continue;
    if (step > 12 && (t.month != 1 || t.year % (step / 12) != 0) && !first) continue;
    double x = t.i == 0 ? f.left : f.Boundary(t.i);
    Line(b, x, f.Bottom(), x, f.Bottom() + 4, "#888");
    std::string label = step >= 12 ? std::to_string(t.year)
                        : (t.month == 1 || first)
                            ? fmt::format("{} {}", kMonth[t.month - 1], t.year)
                            : kMonth[t.month - 1];
    Text(b, x + 2, f.Bottom() + 15, label, "start", 10, "#555");
  }
}

// Vertical lines at the change points, with staggered labels above the plot.
void ChangePointMarks(Buffer* b, const DyadAnalysis& a, const Frame& f, bool labels) {
  double last_x[3] = {-1e9, -1e9, -1e9};
  for (const auto& cp : a.change_points) {
    double x = f.Boundary(static_cast<std::size_t>(cp.period));
    std::string_view color = cp.worse ? kWorse : kBetter;
    Line(b, x, f.top, x, f.Bottom(), color, 1.5, "stroke-dasharray=\"5,3\"");
    if (!labels) continue;
    auto ymd = Ymd(cp.start);
    std::string label = fmt::format("{} {} {}", cp.worse ? "\u25BC" : "\u25B2",
                                    kMonth[static_cast<unsigned>(ymd.month()) - 1],
                                    static_cast<unsigned>(ymd.day()));
    int row = 0;
    while (row < 2 && x - last_x[row] < 58) ++row;
    last_x[row] = x;
    Text(b, x, f.top - 6 - 13.0 * row, label, "middle", 10, color, "font-weight=\"bold\"");
  }
}

double NiceCeil(double v) {
  if (!(v > 0)) return 1;
  double p = std::pow(10.0, std::floor(std::log10(v)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (m * p >= v) return m * p;
  return 10 * p;
}

void DrawIndex(Buffer* b, const DyadAnalysis& a, double x0, double y0, int width, int height) {
  const auto& periods = a.series.periods;
  Frame f{x0 + 52, y0 + 52, width - 52.0 - 16, height - 52.0 - 44, periods.size()};
  double max_abs = 0;
  for (const auto& p : periods)
    max_abs =
        std::max({max_abs, std::fabs(p.both.index), std::fabs(p.ab.index), std::fabs(p.ba.index)});
  double ymax = 1;
  for (double m : {0.2, 0.4, 0.6, 0.8, 1.0})
    if (max_abs <= m) {
      ymax = m;
      break;
    }
  auto Y = [&](double v) { return f.top + (ymax - v) / (2 * ymax) * f.height; };
  // Cooperation above the zero line, conflict below.
  Rect(b, f.left, f.top, f.width, f.height / 2, "#eef6ee");
  Rect(b, f.left, Y(0), f.width, f.height / 2, "#fbefee");
  for (double v : {-ymax, -ymax / 2, 0.0, ymax / 2, ymax}) {
    Line(b, f.left, Y(v), f.Right(), Y(v), v == 0 ? "#999" : "#ddd", v == 0 ? 1 : 0.7);
    Text(b, f.left - 6, Y(v) + 3.5, v == 0 ? std::string("0") : fmt::format("{:+.2f}", v), "end",
         10, "#666");
  }
  Text(b, f.left + 4, f.top + 12, "more cooperation", "start", 10, kBetter);
  Text(b, f.left + 4, f.Bottom() - 5, "more conflict", "start", 10, kWorse);
  if (periods.empty()) {
    Text(b, f.left + f.width / 2, f.top + f.height / 2, "no events", "middle", 12);
    return;
  }
  // The index's mean over each segment.
  const auto& segs = a.segmentation.segments;
  for (std::size_t k = 0; k < segs.size() && k < a.index_means.size(); ++k) {
    double xa = f.Boundary(static_cast<std::size_t>(segs[k].begin));
    double xb = f.Boundary(static_cast<std::size_t>(segs[k].end));
    Line(b, xa, Y(a.index_means[k]), xb, Y(a.index_means[k]), "#555", 2.5,
         "stroke-opacity=\"0.45\"");
  }
  ChangePointMarks(b, a, f, true);
  auto polyline = [&](auto value, std::string_view color, double w, std::string_view extra) {
    Out(b,
        "<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"{}\" stroke-linejoin=\"round\"{}{} "
        "points=\"",
        color, w, extra.empty() ? "" : " ", extra);
    for (std::size_t i = 0; i < periods.size(); ++i)
      Out(b, "{}{:.1f},{:.1f}", i ? " " : "", f.Center(i), Y(value(periods[i])));
    Out(b, "\"/>\n");
  };
  polyline([](const Period& p) { return p.ab.index; }, kForward, 1.2, "stroke-opacity=\"0.75\"");
  polyline([](const Period& p) { return p.ba.index; }, kBackward, 1.2, "stroke-opacity=\"0.75\"");
  polyline([](const Period& p) { return p.both.index; }, kBoth, 2.2, "");
  // Dots sized by the period's mentions show where the evidence is.
  int64_t max_m = 1;
  for (const auto& p : periods) max_m = std::max(max_m, p.both.mentions);
  if (f.Band() >= 4)
    for (std::size_t i = 0; i < periods.size(); ++i) {
      if (periods[i].both.mentions == 0) continue;
      double r = 1.5 + 3.5 * std::sqrt(static_cast<double>(periods[i].both.mentions) /
                                       static_cast<double>(max_m));
      Out(b, "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"{:.1f}\" fill=\"{}\"/>\n", f.Center(i),
          Y(periods[i].both.index), r, kBoth);
    }
  // Peaks: a star above (cooperation) or below (conflict) the period's dot.
  for (const auto& pk : a.peaks) {
    std::size_t i = static_cast<std::size_t>(pk.period);
    if (i >= periods.size()) continue;
    double y = Y(periods[i].both.index) + (pk.cooperative ? -12 : 18);
    Text(b, f.Center(i), y, "\u2605", "middle", 13, pk.cooperative ? kBetter : kWorse);
  }
  TimeAxis(b, a, f);
  // Legend, bottom right.
  double lx = f.Right() - 430, ly = f.Bottom() + 34;
  auto key = [&](double x, std::string_view color, double w, std::string_view label,
                 std::string_view extra = "") {
    Line(b, x, ly - 4, x + 22, ly - 4, color, w, extra);
    Text(b, x + 27, ly, label, "start", 10, "#333");
  };
  key(lx, kBoth, 2.2, "both directions");
  key(lx + 120, kForward, 1.2, Arrow(a, true));
  key(lx + 205, kBackward, 1.2, Arrow(a, false));
  key(lx + 290, "#555", 2.5, "segment mean", "stroke-opacity=\"0.45\"");
  if (!a.peaks.empty()) Text(b, lx - 70, ly, "\u2605 peak", "start", 10, "#333");
  Text(b, x0 + 6, y0 + 14, "cooperation\u2013conflict index", "start", 12, "#222",
       "font-weight=\"bold\"");
}

void DrawVolume(Buffer* b, const DyadAnalysis& a, double x0, double y0, int width, int height) {
  const auto& periods = a.series.periods;
  Frame f{x0 + 52, y0 + 24, width - 52.0 - 16, height - 24.0 - 44, periods.size()};
  double max_v = 0;
  for (const auto& p : periods) {
    const auto& q = p.both.quad_weight;
    max_v = std::max({max_v, q[0] + q[1], q[2] + q[3]});
  }
  double ymax = NiceCeil(std::max(max_v, 1.0));
  auto Y = [&](double v) {
    return f.top + (ymax - std::clamp(v, -ymax, ymax)) / (2 * ymax) * f.height;
  };
  for (double v : {-ymax, -ymax / 2, 0.0, ymax / 2, ymax}) {
    Line(b, f.left, Y(v), f.Right(), Y(v), v == 0 ? "#999" : "#e4e4e4", v == 0 ? 1 : 0.7);
    Text(b, f.left - 6, Y(v) + 3.5, fmt::format("{:g}", std::fabs(v)), "end", 10, "#666");
  }
  double bw = std::max(1.0, f.Band() * 0.8);
  for (std::size_t i = 0; i < periods.size(); ++i) {
    const auto& q = periods[i].both.quad_weight;
    double x = f.Center(i) - bw / 2;
    double up = 0, down = 0;
    for (int k : {0, 1}) {
      double v = q[static_cast<std::size_t>(k)];
      Rect(b, x, Y(up + v), bw, Y(up) - Y(up + v), kQuadColor[k]);
      up += v;
    }
    for (int k : {2, 3}) {
      double v = q[static_cast<std::size_t>(k)];
      Rect(b, x, Y(-down), bw, Y(-down - v) - Y(-down), kQuadColor[k]);
      down += v;
    }
  }
  // Net cooperation and its mean between change points: what the detector sees.
  const auto& segs = a.segmentation.segments;
  for (const auto& s : segs) {
    double m = s.mean * a.series.net_scale;
    Line(b, f.Boundary(static_cast<std::size_t>(s.begin)), Y(m),
         f.Boundary(static_cast<std::size_t>(s.end)), Y(m), "#555", 2.5, "stroke-opacity=\"0.45\"");
  }
  if (!periods.empty()) {
    Out(b,
        "<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"1.4\" stroke-linejoin=\"round\" "
        "points=\"",
        kBoth);
    for (std::size_t i = 0; i < periods.size(); ++i)
      Out(b, "{}{:.1f},{:.1f}", i ? " " : "", f.Center(i), Y(periods[i].both.net()));
    Out(b, "\"/>\n");
  }
  ChangePointMarks(b, a, f, false);
  TimeAxis(b, a, f);
  Text(b, x0 + 6, y0 + 14,
       "evidence (mentions \u00d7 |Goldstein|): cooperation up, conflict down; line: net "
       "cooperation",
       "start", 12, "#222", "font-weight=\"bold\"");
  static const char* kQuadName[] = {"verbal cooperation", "material cooperation", "verbal conflict",
                                    "material conflict"};
  double lx = f.Right() - 560, ly = f.Bottom() + 32;
  for (int k = 0; k < 4; ++k) {
    Rect(b, lx + 140 * k, ly - 9, 12, 10, kQuadColor[k]);
    Text(b, lx + 140 * k + 16, ly, kQuadName[k], "start", 10, "#333");
  }
}

}  // namespace

std::string XmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        // Control characters are not allowed in XML 1.0.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t')
          out += ' ';
        else
          out += c;
    }
  }
  return out;
}

std::string IndexChartSvg(const DyadAnalysis& a, int width, int height) {
  Buffer b;
  OpenSvg(&b, width, height, fmt::format("{}\u2013{} cooperation-conflict index", a.a, a.b));
  DrawIndex(&b, a, 0, 0, width, height);
  Out(&b, "</svg>\n");
  return fmt::to_string(b);
}

std::string VolumeChartSvg(const DyadAnalysis& a, int width, int height) {
  Buffer b;
  OpenSvg(&b, width, height, fmt::format("{}\u2013{} mentions by quad class", a.a, a.b));
  DrawVolume(&b, a, 0, 0, width, height);
  Out(&b, "</svg>\n");
  return fmt::to_string(b);
}

std::string ReciprocityChartSvg(const DyadAnalysis& a, int width, int height) {
  Buffer b;
  OpenSvg(&b, width, height, fmt::format("{}\u2013{} reciprocity", a.a, a.b));
  std::size_t panels = a.reciprocity.size();
  if (panels == 0) {
    Out(&b, "</svg>\n");
    return fmt::to_string(b);
  }
  double pw = static_cast<double>(width) / static_cast<double>(panels);
  for (std::size_t k = 0; k < panels; ++k) {
    const Reciprocity& r = a.reciprocity[k];
    Frame f{pw * static_cast<double>(k) + 34, 44, pw - 48, height - 44.0 - 34, r.lags.size()};
    auto Y = [&](double v) { return f.top + (1 - v) / 2 * f.height; };
    Text(&b, pw * static_cast<double>(k) + 8, 16,
         fmt::format("{} answers {}\u2019s", r.responder, r.actor), "start", 11, "#222",
         "font-weight=\"bold\"");
    Text(&b, pw * static_cast<double>(k) + 8, 30, r.kind, "start", 11,
         r.kind == "conflict" ? kWorse : kBetter, "font-weight=\"bold\"");
    for (double v : {-1.0, -0.5, 0.0, 0.5, 1.0}) {
      Line(&b, f.left, Y(v), f.Right(), Y(v), v == 0 ? "#999" : "#e4e4e4", v == 0 ? 1 : 0.7);
      Text(&b, f.left - 4, Y(v) + 3.5, fmt::format("{:g}", v), "end", 9, "#666");
    }
    int n = 0;
    for (const auto& c : r.lags)
      if (c.lag == 1) n = c.n;
    // The significance threshold of an answer (see Reciprocity::threshold).
    if (r.threshold > 0)
      Line(&b, f.left, Y(r.threshold), f.Right(), Y(r.threshold), "#777", 1,
           "stroke-dasharray=\"3,3\"");
    double bw = f.Band() * 0.6;
    for (std::size_t i = 0; i < r.lags.size(); ++i) {
      const auto& c = r.lags[i];
      if (!c.r) {
        Text(&b, f.Center(i), Y(0) - 4, "n/a", "middle", 9, "#999");
      } else {
        double v = *c.r;
        std::string_view color = c.lag == 0 ? "#bbbbbb" : (r.kind == "conflict" ? kWorse : kBetter);
        Rect(&b, f.Center(i) - bw / 2, std::min(Y(v), Y(0)), bw, std::fabs(Y(v) - Y(0)), color);
        Text(&b, f.Center(i), v >= 0 ? Y(v) - 3 : Y(v) + 11, fmt::format("{:.2f}", v), "middle", 9,
             "#333");
      }
      Text(&b, f.Center(i), f.Bottom() + 13, std::to_string(c.lag), "middle", 10, "#555");
    }
    Text(&b, f.left + f.width / 2, f.Bottom() + 27,
         fmt::format("lag ({}s later){}", PeriodUnitName(a.series.unit),
                     n > 0 ? fmt::format(", n={}", n) : ""),
         "middle", 9, "#555");
  }
  Out(&b, "</svg>\n");
  return fmt::to_string(b);
}

std::string OverviewSvg(const DyadAnalysis& a, std::string_view title, int width) {
  const int title_h = 34, index_h = 330, volume_h = 250;
  int height = title_h + index_h + volume_h + 6;
  Buffer b;
  Out(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  OpenSvg(&b, width, height, title);
  Rect(&b, 0, 0, width, height, "#ffffff");
  Text(&b, 10, 22, title, "start", 15, "#111", "font-weight=\"bold\"");
  Out(&b, "<g>\n");
  DrawIndex(&b, a, 0, title_h, width, index_h);
  DrawVolume(&b, a, 0, title_h + index_h, width, volume_h);
  Out(&b, "</g>\n</svg>\n");
  return fmt::to_string(b);
}

}  // namespace detente
