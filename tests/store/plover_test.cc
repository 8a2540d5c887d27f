#include "store/plover.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace detente {
namespace {

PloverMap Shipped() {
  std::vector<Status> problems;
  auto m = PloverMap::Load(std::string(DETENTE_DICT_DIR) + "/plover.tsv", &problems);
  EXPECT_TRUE(m.ok()) << m.status().message();
  for (const auto& p : problems) ADD_FAILURE() << p.message();
  return m.ok() ? std::move(m).value() : PloverMap();
}

TEST(PloverMapTest, ShippedTableLoadsCleanly) {
  PloverMap m = Shipped();
  EXPECT_GT(m.size(), 250u);
}

TEST(PloverMapTest, CodesMapToTheTablesTypeModeAndContext) {
  PloverMap m = Shipped();
  const PloverType* t = m.Find("042");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->event, "CONSULT");
  EXPECT_EQ(t->mode, "visit");
  t = m.Find("0311");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->event, "AGREE");
  EXPECT_EQ(t->context, "economic");
  t = m.Find("1124");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->event, "ACCUSE");
  EXPECT_EQ(t->mode, "allege");
  EXPECT_EQ(t->context, "military|legal");
  t = m.Find("163");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->event, "COERCE");  // the table files sanctions under COERCE, not SANCTION
  t = m.Find("08");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->event, "CONCEDE");  // the first of the table's two 08 lines
}

TEST(PloverMapTest, UnlistedCodesFallBackToBaseThenRoot) {
  PloverMap m = Shipped();
  const PloverType* t = m.Find("1834");  // not listed: its base code 183
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->event, "ASSAULT");
  EXPECT_EQ(t->mode, "suicide-attack");
  t = m.Find("155");  // not listed: root 15
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->event, "MOBILIZE");
  EXPECT_EQ(m.Find("0256"), nullptr);  // appeals have no PLOVER type
  EXPECT_EQ(m.Find("010"), nullptr);
}

TEST(PloverMapTest, BadLinesAreReportedAndSkipped) {
  auto dir = std::filesystem::temp_directory_path() / "detente_plover_test";
  std::filesystem::create_directories(dir);
  std::string path = (dir / "plover.tsv").string();
  std::ofstream(path)
      << "# comment\ncameo\tevent\tmode\tcontext\n040\tCONSULT\n4x\tAGREE\n041\tconsult\n"
         "040\tAGREE\n042\tCONSULT\tvisit\n";
  std::vector<Status> problems;
  auto m = PloverMap::Load(path, &problems);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->size(), 2u);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_NE(problems[0].message().find(":4:"), std::string::npos) << problems[0].message();
  EXPECT_EQ(m->Find("040")->event, "CONSULT");  // first line wins
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace detente
