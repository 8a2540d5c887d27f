#include "measure/report.h"

#include <chrono>
#include <cmath>
#include <iterator>

#include <fmt/format.h>

#include "measure/chart.h"

namespace detente {
namespace {

using Buffer = fmt::memory_buffer;

template <typename... Args>
void Out(Buffer* b, fmt::format_string<Args...> f, Args&&... args) {
  fmt::format_to(std::back_inserter(*b), f, std::forward<Args>(args)...);
}

constexpr const char* kMonthName[] = {"January",   "February", "March",    "April",
                                      "May",       "June",     "July",     "August",
                                      "September", "October",  "November", "December"};

std::string PeriodLabel(PeriodUnit unit, int32_t start) {
  std::chrono::year_month_day d{std::chrono::sys_days{std::chrono::days{start}}};
  if (unit == PeriodUnit::kMonth)
    return fmt::format("{} {}", kMonthName[static_cast<unsigned>(d.month()) - 1],
                       static_cast<int>(d.year()));
  std::string day = HumanDate(DayString(start));
  return unit == PeriodUnit::kWeek ? "the week of " + day : day;
}

std::string Thousands(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out = n < 0 ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string Signed(double v) { return std::fabs(v) < 0.005 ? "0.00" : fmt::format("{:+.2f}", v); }

constexpr std::string_view kStyle = R"css(
body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;color:#222;line-height:1.4}
body{max-width:1000px;margin:24px auto;padding:0 16px}
h1{font-size:28px;margin:0}
h2{font-size:19px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
.sub{color:#666;margin:4px 0 16px}
.verdict{background:#f6f6f6;border-radius:8px;padding:14px 18px;font-size:17px}
.verdict b.coop{color:#2e7d32}
.verdict b.conf{color:#c62828}
.verdict b.mixed{color:#555}
.chips{margin-top:8px;font-size:14px}
.chip{display:inline-block;border-radius:12px;padding:2px 10px;margin:3px 4px 0 0}
.chip.worse{background:#fbe3e1;color:#a31515}
.chip.better{background:#e2f2e2;color:#1b5e20}
svg{max-width:100%;height:auto;display:block;margin:6px 0}
.shift{border-left:5px solid #ccc;padding:4px 0 4px 14px;margin:18px 0}
.shift.worse{border-color:#c62828}
.shift.better{border-color:#2e7d32}
.shift h3{margin:0 0 4px;font-size:16px}
.note{color:#666;font-size:13px}
table{border-collapse:collapse;width:100%;font-size:13px;margin-top:6px}
th{text-align:left;color:#555;font-weight:600;border-bottom:1px solid #ccc;padding:4px 6px}
td{border-bottom:1px solid #eee;padding:5px 6px;vertical-align:top}
td.num{text-align:right;white-space:nowrap}
td.date{white-space:nowrap}
.neg{color:#c62828}
.pos{color:#2e7d32}
blockquote{margin:2px 0 4px;padding-left:8px;border-left:3px solid #e0e0e0;color:#333}
.src{color:#777;font-size:12px}
a{color:#1f6fb4}
ul.recip{padding-left:18px}
footer{margin-top:36px;color:#777;font-size:12px;border-top:1px solid #ddd;padding-top:8px}
code{background:#f2f2f2;padding:0 3px;border-radius:3px}
)css";

void EventRows(Buffer* b, const ReportData& d, const std::vector<int64_t>& ids) {
  Out(b,
      "<table><tr><th>Date</th><th>Who \u2192 "
      "whom</th><th>Event</th><th>Goldstein</th><th>Mentions</th>"
      "<th>Evidence</th></tr>\n");
  for (int64_t id : ids) {
    auto it = d.events.find(id);
    if (it == d.events.end()) continue;
    const EventDetail& e = it->second;
    Out(b,
        "<tr><td class=\"date\">{}</td><td>{} <span class=\"src\">{}</span> \u2192 {} <span "
        "class=\"src\">{}</span></td>",
        XmlEscape(e.date), XmlEscape(e.source_name), XmlEscape(e.source_code),
        XmlEscape(e.target_name), XmlEscape(e.target_code));
    Out(b,
        "<td>{} <span class=\"src\">CAMEO {} \u00b7 #{}</span></td><td class=\"num "
        "{}\">{:+.1f}</td><td class=\"num\">{}</td><td>",
        XmlEscape(e.label), XmlEscape(e.cameo), e.id, e.goldstein < 0 ? "neg" : "pos", e.goldstein,
        e.num_mentions);
    for (const auto& m : e.evidence) {
      Out(b, "<blockquote>{}</blockquote><div class=\"src\">", XmlEscape(m.sentence));
      // Headlines are often the evidence sentence itself: name the title only
      // when it says something more.
      std::string who = m.publisher.empty() ? m.doc_key : m.publisher;
      std::string text = m.title.empty() || m.title == m.sentence ? who : m.title;
      std::string href = SafeUrl(m.url);
      if (!href.empty())
        Out(b, "<a href=\"{}\">{}</a>", XmlEscape(href), XmlEscape(text));
      else
        Out(b, "{}", XmlEscape(text));
      if (text != who) Out(b, " \u00b7 {}", XmlEscape(who));
      if (!m.story_date.empty()) Out(b, " \u00b7 {}", XmlEscape(m.story_date));
      Out(b, "</div>");
    }
    Out(b, "</td></tr>\n");
  }
  Out(b, "</table>\n");
}

// Mean of one direction's index over periods [begin, end).
double DirectionMean(const DyadSeries& s, int begin, int end, bool forward) {
  double sum = 0;
  for (int i = begin; i < end; ++i)
    sum += forward ? s.periods[static_cast<std::size_t>(i)].ab.index
                   : s.periods[static_cast<std::size_t>(i)].ba.index;
  return end > begin ? sum / (end - begin) : 0;
}

std::string LevelClass(double v) { return v >= 0.08 ? "coop" : v <= -0.08 ? "conf" : "mixed"; }

}  // namespace

std::string HumanDate(const std::string& iso) {
  static const char* kMonth[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  int y = 0;
  unsigned m = 0, dd = 0;
  if (iso.size() == 10 && std::sscanf(iso.c_str(), "%4d-%2u-%2u", &y, &m, &dd) == 3 && m >= 1 &&
      m <= 12)
    return fmt::format("{} {}, {}", kMonth[m - 1], dd, y);
  return iso;
}

std::string SafeUrl(const std::string& url) {
  auto starts = [&](std::string_view p) {
    if (url.size() < p.size()) return false;
    for (std::size_t i = 0; i < p.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(url[i])) != p[i]) return false;
    return true;
  };
  if (!starts("http://") && !starts("https://")) return "";
  for (char c : url)
    if (static_cast<unsigned char>(c) <= 0x20) return "";
  return url;
}

std::string RenderHtmlReport(const ReportData& d) {
  const DyadAnalysis& a = d.analysis;
  const DyadSeries& s = a.series;
  Buffer b;
  std::string range =
      s.periods.empty() ? std::string("no periods")
                        : fmt::format("{} \u2013 {}", HumanDate(DayString(s.periods.front().start)),
                                      HumanDate(DayString(s.periods.back().end)));
  std::string unit(PeriodUnitName(s.unit));
  Out(&b,
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{} \u2013 {}: relationship barometer</title>\n<style>{}</style>\n</head>\n<body>\n",
      XmlEscape(a.a), XmlEscape(a.b), kStyle);
  Out(&b,
      "<header><h1>{} \u21c4 {}</h1>\n<p class=\"sub\">Relationship barometer \u00b7 by {} \u00b7 "
      "{} \u00b7 {} {} "
      "events, {} mentions</p></header>\n",
      XmlEscape(a.a), XmlEscape(a.b), unit, range, Thousands(s.events), XmlEscape(d.modalities),
      Thousands(s.mentions));

  // The verdict: where the relationship stands and since when.
  Out(&b, "<section class=\"verdict\">");
  if (s.periods.empty() || s.events == 0) {
    Out(&b, "No events between {} and {} in this range.", XmlEscape(a.a), XmlEscape(a.b));
  } else {
    double last = a.index_means.back();
    std::string since = a.change_points.empty()
                            ? "over the whole range"
                            : "since " + PeriodLabel(s.unit, a.change_points.back().start);
    Out(&b, "Now: <b class=\"{}\">{}</b> \u2014 index {} on average {}.", LevelClass(last),
        IndexLevelName(last), Signed(last), since);
    if (!a.change_points.empty()) {
      const ChangePoint& cp = a.change_points.back();
      Out(&b, " The last shift was <b class=\"{}\">{}</b> ({} \u2192 {}).",
          cp.worse ? "conf" : "coop", cp.worse ? "for the worse" : "for the better",
          Signed(cp.before), Signed(cp.after));
      Out(&b, "<div class=\"chips\">Shifts: ");
      for (const auto& c : a.change_points)
        Out(&b, "<span class=\"chip {}\">{} {} {}</span>", c.worse ? "worse" : "better",
            c.worse ? "\u25BC" : "\u25B2", HumanDate(DayString(c.start)),
            c.worse ? "worse" : "better");
      Out(&b, "</div>");
    } else {
      Out(&b, " No shift stands out from the noise.");
    }
  }
  Out(&b, "</section>\n");

  Out(&b, "<h2>Cooperation\u2013conflict index</h2>\n{}", IndexChartSvg(a));
  Out(&b,
      "<p class=\"note\">Each point is one {0}: +1 when all the {0}\u2019s evidence is "
      "cooperation, \u22121 when "
      "it is all conflict, near 0 when it is mixed or thin (quiet {0}s are pulled toward 0). Dots "
      "grow with the "
      "number of mentions. Dashed vertical lines mark the shifts the change-point detector found "
      "(on net "
      "cooperation, below); grey bars are the index\u2019s mean level between them.</p>\n",
      unit);
  Out(&b, "<h2>Cooperation and conflict reported</h2>\n{}", VolumeChartSvg(a));
  Out(&b,
      "<p class=\"note\">Bars: the evidence of each {0} (mentions \u00d7 |Goldstein score|) by "
      "quad class, "
      "cooperation up and conflict down. The line is net cooperation (cooperation \u2212 conflict) "
      "and the grey "
      "steps its mean between shifts: the change-point detector works on this line, so a crisis "
      "shows as a "
      "shift even when the relationship was already tense.</p>\n",
      unit);

  Out(&b, "<h2>Shifts and what drove them</h2>\n");
  if (a.change_points.empty())
    Out(&b, "<p>No change point: the index stayed within its noise over this range.</p>\n");
  for (std::size_t i = 0; i < a.change_points.size(); ++i) {
    const ChangePoint& cp = a.change_points[i];
    const MeanSegment& before = a.segmentation.segments[i];
    const MeanSegment& after = a.segmentation.segments[i + 1];
    Out(&b, "<div class=\"shift {}\"><h3>{} {} from {}</h3>\n", cp.worse ? "worse" : "better",
        cp.worse ? "\u25BC" : "\u25B2", cp.worse ? "Worse" : "Better",
        PeriodLabel(s.unit, cp.start));
    Out(&b,
        "<div class=\"note\">net cooperation {:+.1f} \u2192 {:+.1f} per {}; index {} \u2192 {} ({} "
        "\u2192 {}: "
        "{} \u2192 {}; {} \u2192 {}: {} \u2192 {}); the new level lasted {} {}{}.</div>\n",
        cp.net_before, cp.net_after, unit, Signed(cp.before), Signed(cp.after), XmlEscape(a.a),
        XmlEscape(a.b), Signed(DirectionMean(s, before.begin, before.end, true)),
        Signed(DirectionMean(s, after.begin, after.end, true)), XmlEscape(a.b), XmlEscape(a.a),
        Signed(DirectionMean(s, before.begin, before.end, false)),
        Signed(DirectionMean(s, after.begin, after.end, false)), after.end - after.begin, unit,
        after.end - after.begin == 1 ? "" : "s");
    if (cp.faded())
      Out(&b,
          "<p class=\"note\">No {} event in the first {}s after the shift: the index moved because "
          "{} "
          "faded, not because of a new event.</p>\n",
          cp.worse ? "conflictual" : "cooperative", unit, cp.worse ? "cooperation" : "conflict");
    else
      EventRows(&b, d, cp.drivers);
    Out(&b, "</div>\n");
  }

  if (!a.peaks.empty()) {
    Out(&b, "<h2>Peaks: single {}s that stand out</h2>\n", unit);
    Out(&b,
        "<p class=\"note\">A peak (\u2605 on the index chart) is one {} whose net cooperation is "
        "far from the median of its stretch between shifts (in robust standard deviations) without "
        "moving the level: a summit or an incident inside a steady period.</p>\n",
        unit);
    for (const auto& pk : a.peaks) {
      Out(&b, "<div class=\"shift {}\"><h3>\u2605 {} peak, {}</h3>\n",
          pk.cooperative ? "better" : "worse", pk.cooperative ? "Cooperation" : "Conflict",
          PeriodLabel(s.unit, pk.start));
      Out(&b,
          "<div class=\"note\">net cooperation {:+.1f}, {:+.1f} robust standard deviations from "
          "its stretch</div>\n",
          pk.net, pk.z);
      EventRows(&b, d, pk.drivers);
      Out(&b, "</div>\n");
    }
  }

  Out(&b, "<h2>Reciprocity: who answers whom</h2>\n{}", ReciprocityChartSvg(a));
  Out(&b, "<ul class=\"recip\">\n");
  for (const auto& r : a.reciprocity) {
    Out(&b, "<li><b>{}</b> answering <b>{}</b>\u2019s {}: ", XmlEscape(r.responder),
        XmlEscape(r.actor), r.kind);
    if (!r.best_r) {
      Out(&b, "not measurable (too few {}s with events on both sides).</li>\n", unit);
      continue;
    }
    Out(&b, "strongest {} {}{} later, r = {:.2f} (n = {}); {}.</li>\n", r.best_lag, unit,
        r.best_lag == 1 ? "" : "s", *r.best_r, r.best_n,
        r.significant
            ? fmt::format("<b>above</b> the {:.2f} that chance reaches 1 time in 20", r.threshold)
            : fmt::format("below the {:.2f} that chance reaches 1 time in 20: no clear answer",
                          r.threshold));
  }
  Out(&b,
      "</ul>\n<p class=\"note\">Correlation of one side\u2019s conflict (or cooperation) in a {0} "
      "with the other side\u2019s 0\u20134 {0}s later, after removing each series\u2019 own "
      "persistence (AR(1) prewhitening). The dashed line is the significance threshold for the "
      "best "
      "of lags 1\u20134. Lag 0 (grey) is the same {0} and cannot tell who answers whom. Short "
      "series, shared news cycles and coding errors all blur these numbers: read them as hints, "
      "not "
      "findings.</p>\n",
      unit);

  Out(&b, "<h2>Most conflictual events</h2>\n");
  if (d.top_conflict.empty())
    Out(&b, "<p>None.</p>\n");
  else
    EventRows(&b, d, d.top_conflict);
  Out(&b, "<h2>Most cooperative events</h2>\n");
  if (d.top_cooperation.empty())
    Out(&b, "<p>None.</p>\n");
  else
    EventRows(&b, d, d.top_cooperation);

  Out(&b,
      "<footer><p><b>How to read this.</b> Events are {} events between {} and {} (either "
      "direction) coded from "
      "the news in <code>{}</code>, by {}. Per {}: index = (C \u2212 K) / (C + K + P), where C and "
      "K are the "
      "mention-weighted Goldstein scores of cooperative and conflictual events and P, the prior, "
      "is the median "
      "evidence of a {} with events (P = {:.1f} for both directions). Events dated only to a month "
      "or a year "
      "count in the {} holding its first day ({} of {}).",
      XmlEscape(d.modalities), XmlEscape(a.a), XmlEscape(a.b), XmlEscape(d.store), unit, unit, unit,
      s.prior_both, unit, s.coarse_events, s.events);
  if (d.undated || d.outside)
    Out(&b, " Left out: {} undated event(s) and {} dated outside the range.", d.undated, d.outside);
  Out(&b,
      " Shifts: PELT (Killick et al. 2012) on net cooperation (C \u2212 K, in units of the median "
      "{} evidence "
      "{:.1f}) with a Gaussian mean-shift cost, penalty {:.3f} "
      "({:g}\u00b7ln n\u00b7\u03c3\u00b2, \u03c3 = {:.3f} from the median absolute first "
      "difference), segments of at "
      "least {} {}s; drivers are the strongest events (|Goldstein| \u00d7 mentions) of the first "
      "{}s after a shift. "
      "Method and limits: docs/BAROMETER.md.</p><p>detente {} \u00b7 "
      "{}</p></footer>\n</body>\n</html>\n",
      unit, s.net_scale, a.segmentation.penalty, a.segmentation.penalty_factor,
      a.segmentation.sigma, a.segmentation.min_segment, unit, unit, XmlEscape(d.version),
      XmlEscape(d.generated));
  return fmt::to_string(b);
}

}  // namespace detente
