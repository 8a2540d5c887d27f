#include "measure/alerts.h"

#include <algorithm>
#include <cmath>

#include "measure/dyad_store.h"

namespace detente {

AlertWindow MakeAlertWindow(std::optional<int32_t> since, std::optional<int32_t> until,
                            int32_t last_day, PeriodUnit unit, int recent, int history) {
  AlertWindow w;
  w.until = until.value_or(last_day);
  w.until = NextPeriodStart(PeriodStart(w.until, unit), unit) - 1;  // whole periods, as in trend
  if (since) {
    w.since = *since;
  } else {
    w.since = PeriodStart(w.until, unit);
    for (int i = 1; i < recent; ++i) w.since = PeriodStart(w.since - 1, unit);
  }
  w.since = PeriodStart(w.since, unit);
  w.from = w.since;
  for (int i = 0; i < history; ++i) w.from = PeriodStart(w.from - 1, unit);
  return w;
}

Status ScanCountryDyads(sqlite3* db, std::span<const std::string> modalities,
                        const AlertWindow& window, int64_t min_events,
                        const BarometerOptions& options, std::vector<DyadScan>* out) {
  out->clear();
  std::vector<CountryDyad> dyads;
  DETENTE_RETURN_IF_ERROR(LoadCountryDyads(db, modalities, window.from, window.until, &dyads));
  for (const auto& d : dyads) {
    if (d.events < min_events) continue;
    DyadScan scan;
    scan.a = d.a;
    scan.b = d.b;
    scan.events = d.events;
    scan.analysis = AnalyseDyadCells(d.a, d.b, d.cells, window.from, window.until, options);
    out->push_back(std::move(scan));
  }
  return Status::Ok();
}

std::vector<Alert> FindAlerts(std::span<const DyadScan> scans, int32_t since, double threshold,
                              std::size_t top) {
  std::vector<Alert> alerts;
  for (const auto& s : scans) {
    for (const auto& cp : s.analysis.change_points) {
      // The tone must have moved the way net cooperation did, by the threshold.
      double moved = cp.worse ? cp.before - cp.after : cp.after - cp.before;
      if (cp.start < since || moved < threshold) continue;
      alerts.push_back({s.a, s.b, cp, s.events});
    }
  }
  std::stable_sort(alerts.begin(), alerts.end(), [](const Alert& x, const Alert& y) {
    return std::fabs(x.cp.after - x.cp.before) > std::fabs(y.cp.after - y.cp.before);
  });
  if (alerts.size() > top) alerts.resize(top);
  return alerts;
}

Status LoadAlertDrivers(sqlite3* db, std::span<const std::string> modalities,
                        const BarometerOptions& options, std::vector<Alert>* alerts) {
  std::size_t n = static_cast<std::size_t>(std::max(0, options.max_drivers));
  for (Alert& al : *alerts) {
    auto events =
        LoadCountryDyadEvents(db, al.a, al.b, modalities, al.cp.start, al.cp.drivers_last);
    if (!events.ok()) return events.status();
    al.cp.drivers = TopEvents(*events, al.cp.start, al.cp.drivers_last, DriverSign(al.cp), n);
  }
  return Status::Ok();
}

}  // namespace detente
