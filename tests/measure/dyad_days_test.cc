// The per-day dyad sums (schema v4's dyad_days, kept by triggers) against
// the events they sum: a store is written through EventStore::AddDocument
// with many duplicate mentions (so that events are merged and their
// num_mentions changed after insertion), organisations without a country,
// coarse and missing dates and several modalities; then every series,
// change point and driver computed from the sums must equal the one
// computed from the events, and the sums must equal a rebuild by migration.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <random>

#include <fmt/format.h>

#include "measure/alerts.h"
#include "measure/dyad_store.h"
#include "measure/period.h"
#include "store/event_store.h"
#include "store/sqlite.h"

namespace detente {
namespace {

const char* kActors[][2] = {{"USA", "USA"}, {"USAGOV", "USA"}, {"CHN", "CHN"}, {"CHNMIL", "CHN"},
                            {"RUS", "RUS"}, {"UNO", ""},       {"NATO", ""},   {"UKR", "UKR"}};
struct Code {
  const char* cameo;
  double goldstein;
  int quad;
};
// Goldstein scores with one and two decimals, both signs, zero.
const Code kCodes[] = {{"010", 0, 1},    {"042", 1.9, 1},  {"057", 8, 2},  {"061", 6.4, 2},
                       {"112", -2, 3},   {"130", -4.4, 3}, {"163", -8, 3}, {"190", -10, 4},
                       {"036", 4.05, 1}, {"172", -5.55, 4}};

class DyadDaysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("detente_dyad_days_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "t.db").string();
    auto store = EventStore::Open(path_, EventStore::Mode::kWrite);
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(store).value();
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // `docs` documents of 1 to 6 mentions each, drawn from a small space of
  // event keys so that most mentions repeat an event already stored.
  void Fill(int docs, uint64_t seed) {
    std::mt19937_64 rng(seed);
    ASSERT_TRUE(store_->Begin().ok());
    auto input = store_->EnsureInput("/t/in.jsonl", "in.jsonl");
    ASSERT_TRUE(input.ok());
    const int32_t first = *ParseDayBound("2023-01-01", false);
    std::vector<MentionRecord> seen;
    for (int i = 0; i < docs; ++i) {
      DocRecord d;
      d.hash = rng();
      d.key = fmt::format("d{}", i);
      d.input = "in.jsonl";
      d.line = static_cast<uint64_t>(i + 1);
      d.kind = "jsonl";
      d.source = fmt::format("site{}.example", rng() % 7);
      d.url = fmt::format("https://{}/{}", d.source, i);
      d.title = "t";
      d.story_date = "2023-01-01";
      d.story_date_source = "input";
      int n = 1 + static_cast<int>(rng() % 6);
      for (int s = 0; s < n; ++s) {
        SentenceRecord sr;
        sr.index = static_cast<uint32_t>(s);
        sr.segment = "main";
        sr.lead = s == 0;
        sr.text = fmt::format("Sentence {} of document {}.", s, i);
        sr.span = {static_cast<uint32_t>(s * 100), static_cast<uint32_t>(s * 100 + 30)};
        d.sentences.push_back(sr);
        MentionRecord m;
        m.sentence = static_cast<uint32_t>(s);
        std::size_t a = rng() % std::size(kActors), b = rng() % std::size(kActors);
        if (a == b) b = (b + 1) % std::size(kActors);
        m.source.code = kActors[a][0];
        m.source.country = kActors[a][1];
        m.target.code = kActors[b][0];
        m.target.country = kActors[b][1];
        m.source.name = m.source.code;
        m.target.name = m.target.code;
        const Code& c = kCodes[rng() % std::size(kCodes)];
        m.cameo = c.cameo;
        m.root = m.cameo.substr(0, 2);
        m.label = "x";
        m.goldstein = c.goldstein;
        m.quad = c.quad;
        uint64_t mod = rng() % 10;
        m.modality = mod < 7 ? Modality::kAsserted : static_cast<Modality>(1 + mod % 3);
        int32_t day = first + static_cast<int32_t>(rng() % 120);
        uint64_t prec = rng() % 20;
        if (prec < 16) {
          m.day = day;
          m.date = DayString(day);
          m.precision = "day";
        } else if (prec < 18) {
          m.date = DayString(day).substr(0, 7);
          m.day = *ParseDayBound(m.date, false);
          m.precision = "month";
        } else if (prec < 19) {
          m.date = "2023";
          m.day = first;
          m.precision = "year";
        }  // else undated
        m.date_source = "story";
        // Half the mentions repeat an earlier one: its event gains mentions.
        if (!seen.empty() && rng() % 2) m = seen[rng() % seen.size()];
        m.sentence = static_cast<uint32_t>(s);
        seen.push_back(m);
        d.mentions.push_back(m);
      }
      auto r = store_->AddDocument(d, *input, 1700000000);
      ASSERT_TRUE(r.ok()) << r.status().message();
    }
    ASSERT_TRUE(store_->Commit().ok());
  }

  std::vector<std::string> DyadDaysRows() {
    sql::Stmt s;
    EXPECT_TRUE(s.Prepare(store_->db(), "SELECT * FROM dyad_days ORDER BY 1, 2, 3, 4, 5, 6").ok());
    std::vector<std::string> rows;
    while (true) {
      auto r = s.Step();
      if (!r.ok() || !*r) break;
      std::string row;
      for (int i = 0; i < 23; ++i) row += std::string(s.Text(i)) + "|";
      rows.push_back(row);
    }
    return rows;
  }

  // Series, change points and drivers from the sums equal those from the events.
  void ExpectSameAnalysis(const std::string& a, const std::string& b,
                          std::vector<std::string> modalities, PeriodUnit unit) {
    SCOPED_TRACE(fmt::format("{}-{} by {}", a, b, PeriodUnitName(unit)));
    DyadQuery q{*ParseActorSpec(a), *ParseActorSpec(b), std::move(modalities)};
    auto events = LoadDyadEvents(store_->db(), q);
    auto days = LoadDyadDays(store_->db(), q);
    ASSERT_TRUE(events.ok() && days.ok());
    EXPECT_EQ(days->undated, events->undated);
    BarometerOptions o;
    o.series.unit = unit;
    o.pelt.penalty_factor = 1;  // more change points and peaks to compare
    o.peak_min_events = 1;
    auto range = SeriesRange(events->events, std::nullopt, std::nullopt, unit);
    auto range2 = SeriesRange(days->cells, std::nullopt, std::nullopt, unit);
    ASSERT_EQ(range.has_value(), range2.has_value());
    if (!range) return;
    EXPECT_EQ(range->first, range2->first);
    EXPECT_EQ(range->last, range2->last);
    DyadAnalysis raw = AnalyseDyad(a, b, events->events, range->first, range->last, o);
    DyadAnalysis sums = AnalyseDyadCells(a, b, days->cells, range->first, range->last, o);
    ASSERT_TRUE(LoadDrivers(store_->db(), q, o, /*peaks=*/true, &sums).ok());
    EXPECT_EQ(raw.series.events, sums.series.events);
    EXPECT_EQ(raw.series.mentions, sums.series.mentions);
    EXPECT_EQ(raw.series.coarse_events, sums.series.coarse_events);
    EXPECT_EQ(raw.series.net_scale, sums.series.net_scale);
    ASSERT_EQ(raw.series.periods.size(), sums.series.periods.size());
    for (std::size_t i = 0; i < raw.series.periods.size(); ++i) {
      for (auto cell : {&Period::both, &Period::ab, &Period::ba}) {
        const PeriodCell& x = raw.series.periods[i].*cell;
        const PeriodCell& y = sums.series.periods[i].*cell;
        EXPECT_EQ(x.events, y.events);
        EXPECT_EQ(x.mentions, y.mentions);
        EXPECT_EQ(x.quad_events, y.quad_events);
        EXPECT_EQ(x.quad_mentions, y.quad_mentions);
        // Exact: both are integer sums (hundredths) converted once.
        EXPECT_EQ(x.goldstein_sum, y.goldstein_sum);
        EXPECT_EQ(x.cooperation, y.cooperation);
        EXPECT_EQ(x.conflict, y.conflict);
        EXPECT_EQ(x.quad_weight, y.quad_weight);
        EXPECT_EQ(x.index, y.index);
      }
    }
    ASSERT_EQ(raw.change_points.size(), sums.change_points.size());
    for (std::size_t i = 0; i < raw.change_points.size(); ++i) {
      EXPECT_EQ(raw.change_points[i].period, sums.change_points[i].period);
      EXPECT_EQ(raw.change_points[i].drivers, sums.change_points[i].drivers);
    }
    ASSERT_EQ(raw.peaks.size(), sums.peaks.size());
    for (std::size_t i = 0; i < raw.peaks.size(); ++i)
      EXPECT_EQ(raw.peaks[i].drivers, sums.peaks[i].drivers);
    checked_ += 1;
    change_points_ += raw.change_points.size() + raw.peaks.size();
  }

  std::filesystem::path dir_;
  std::string path_;
  std::unique_ptr<EventStore> store_;
  int checked_ = 0;
  std::size_t change_points_ = 0;
};

TEST_F(DyadDaysTest, SumsEqualTheEventsThroughMergesAndMigration) {
  Fill(3000, 1);
  // Merges happened: fewer events than mentions, so triggers saw updates.
  sql::Stmt s;
  ASSERT_TRUE(s.Prepare(store_->db(),
                        "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM mentions), "
                        "(SELECT sum(events) FROM dyad_days)")
                  .ok());
  ASSERT_TRUE(*s.Step());
  EXPECT_LT(s.Int(0) * 3, s.Int(1) * 2);
  EXPECT_EQ(s.Int(0), s.Int(2));
  s = sql::Stmt();

  for (const char* a : {"USA", "CHN", "RUS", "UNO"})
    for (const char* b : {"CHN", "USA", "UKR", "UNO"}) {
      if (std::string(a) == b) continue;
      for (PeriodUnit unit : {PeriodUnit::kWeek, PeriodUnit::kDay, PeriodUnit::kMonth})
        ExpectSameAnalysis(a, b, {"asserted"}, unit);
      ExpectSameAnalysis(a, b, {"asserted", "planned", "negated"}, PeriodUnit::kWeek);
    }
  EXPECT_GT(change_points_, 10u);  // the comparison covered drivers too

  // Triggers on events: deleting and changing events keeps the sums exact.
  ASSERT_TRUE(sql::Exec(store_->db(), "DELETE FROM events WHERE id % 7 = 0").ok());
  ASSERT_TRUE(sql::Exec(store_->db(),
                        "UPDATE events SET num_mentions = num_mentions + 3, "
                        "day = day + 1 WHERE id % 5 = 0 AND day IS NOT NULL")
                  .ok());
  ExpectSameAnalysis("USA", "CHN", {"asserted"}, PeriodUnit::kWeek);

  // A migration from version 3 rebuilds the same rows from the events.
  std::vector<std::string> kept = DyadDaysRows();
  ASSERT_FALSE(kept.empty());
  ASSERT_TRUE(sql::Exec(store_->db(),
                        "DROP TRIGGER events_dyad_days_insert; DROP TRIGGER "
                        "events_dyad_days_update; DROP TRIGGER events_dyad_days_delete; "
                        "DROP TRIGGER sentences_fts_insert; DROP TRIGGER sentences_fts_update; "
                        "DROP TRIGGER sentences_fts_delete; DROP TABLE dyad_days; "
                        "DROP TABLE sentences_fts; DROP INDEX mentions_sentence; "
                        "UPDATE meta SET value = 3 WHERE key = 'schema_version'")
                  .ok());
  store_.reset();
  auto reopened = EventStore::Open(path_, EventStore::Mode::kWrite);
  ASSERT_TRUE(reopened.ok()) << reopened.status().message();
  store_ = std::move(reopened).value();
  EXPECT_EQ(DyadDaysRows(), kept);
}

TEST_F(DyadDaysTest, CountryDyadsAndAlertDriversEqualTheEvents) {
  Fill(2000, 2);
  BarometerOptions o;
  o.series.unit = PeriodUnit::kWeek;
  o.pelt.penalty_factor = 1;
  AlertWindow w = MakeAlertWindow(std::nullopt, std::nullopt, *ParseDayBound("2023-04-30", false),
                                  PeriodUnit::kWeek, 6, 10);
  std::vector<std::string> asserted = {"asserted"};
  std::vector<DyadScan> scans;
  ASSERT_TRUE(ScanCountryDyads(store_->db(), asserted, w, 1, o, &scans).ok());
  ASSERT_FALSE(scans.empty());
  std::vector<Alert> alerts = FindAlerts(scans, w.from, 0, 100);
  ASSERT_FALSE(alerts.empty());
  ASSERT_TRUE(LoadAlertDrivers(store_->db(), asserted, o, &alerts).ok());
  std::size_t compared_drivers = 0;
  for (const DyadScan& scan : scans) {
    // The country dyad's events (countries on both sides), analysed from the events.
    auto events = LoadCountryDyadEvents(store_->db(), scan.a, scan.b, asserted, w.from, w.until);
    ASSERT_TRUE(events.ok());
    for (auto& e : *events) e.forward = !e.forward == (scan.a > scan.b);
    EXPECT_EQ(scan.events, static_cast<int64_t>(events->size()));
    DyadAnalysis raw = AnalyseDyad(scan.a, scan.b, *events, w.from, w.until, o);
    ASSERT_EQ(raw.series.periods.size(), scan.analysis.series.periods.size());
    for (std::size_t i = 0; i < raw.series.periods.size(); ++i) {
      EXPECT_EQ(raw.series.periods[i].ab.cooperation,
                scan.analysis.series.periods[i].ab.cooperation);
      EXPECT_EQ(raw.series.periods[i].ba.conflict, scan.analysis.series.periods[i].ba.conflict);
      EXPECT_EQ(raw.series.periods[i].both.index, scan.analysis.series.periods[i].both.index);
    }
    ASSERT_EQ(raw.change_points.size(), scan.analysis.change_points.size());
    for (const Alert& al : alerts) {
      if (al.a != scan.a || al.b != scan.b) continue;
      for (const auto& cp : raw.change_points) {
        if (cp.start == al.cp.start) {
          EXPECT_EQ(cp.drivers, al.cp.drivers);
        }
        compared_drivers += cp.start == al.cp.start;
      }
    }
  }
}

}  // namespace
}  // namespace detente
