// The barometer report: one self-contained HTML page (inline CSS and SVG,
// no scripts, no external assets) for a dyad, made to be looked at: the
// index with its shifts, the volume of cooperation and conflict, what drove
// each shift with the sentences that say so, reciprocity, the top events.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "measure/barometer.h"
#include "measure/dyad_store.h"

namespace detente {

struct ReportData {
  DyadAnalysis analysis;
  std::map<int64_t, EventDetail> events;               // every event the page names, by id
  std::vector<int64_t> top_conflict, top_cooperation;  // ids, strongest first
  std::string store;                                   // the store's path, as given
  std::string modalities;                              // "asserted"
  std::string generated;                               // when, for the footer ("2024-05-01")
  std::string version;                                 // detente's
  int64_t undated = 0;                                 // the dyad's undated events, left out
  int64_t outside = 0;                                 // its dated events outside the range
};

std::string RenderHtmlReport(const ReportData& data);

// "2023-01-30" -> "Jan 30, 2023"; other strings unchanged.
std::string HumanDate(const std::string& iso);

// The text of an href for a document URL: http(s) URLs only (an input could
// hold "javascript:..."), else "".
std::string SafeUrl(const std::string& url);

}  // namespace detente
