#include "store/ingest.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "store/event_store.h"
#include "test_util.h"

namespace detente {
namespace {

const Dictionaries* Dicts() {
  static std::unique_ptr<Dictionaries> d = [] {
    LoadReport report;
    auto r = Dictionaries::Load(DETENTE_DICT_DIR, &report);
    return r.ok() ? std::move(r).value() : nullptr;
  }();
  return d.get();
}

class IngestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("detente_ingest_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    options_.db_path = (dir_ / "s.db").string();
    options_.read.lexicon = testing::TestLexicon();
    options_.dicts = Dicts();
    options_.threads = 3;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string WriteTsv(const std::string& name, int rows) {
    std::string path = (dir_ / name).string();
    std::ofstream out(path);
    out << "date_published\tsource\ttitle\tdescription\tlink\n";
    for (int i = 0; i < rows; ++i) {
      out << "2023-03-01 10:00:00\tfeed\tLead " << i
          << "\tBlinken met Wang Yi in Beijing on Monday. Item " << i << ".\t\n";
      if (i % 100 == 0) out << "\n";  // blank lines count as lines too
    }
    return path;
  }
  IngestReport Run() {
    IngestReport report;
    Status st = Ingest(options_, nullptr, &report);
    EXPECT_TRUE(st.ok()) << st.message();
    return report;
  }
  int64_t Scalar(const std::string& sql) {
    auto s = EventStore::Open(options_.db_path, EventStore::Mode::kRead);
    EXPECT_TRUE(s.ok());
    sql::Stmt q;
    EXPECT_TRUE(q.Prepare((*s)->db(), sql).ok());
    auto r = q.Step();
    EXPECT_TRUE(r.ok() && *r);
    return q.Int(0);
  }

  std::filesystem::path dir_;
  IngestOptions options_;
};

TEST_F(IngestTest, SplitsRecordFilesIntoChunksKeepingLineNumbers) {
  ASSERT_NE(Dicts(), nullptr);
  std::string path = WriteTsv("leads.tsv", 1000);
  options_.inputs = {path};
  options_.chunk_bytes = 2000;  // dozens of chunks over three threads
  options_.batch_documents = 50;
  IngestReport r = Run();
  EXPECT_EQ(r.errors_total, 0u);
  EXPECT_EQ(r.totals.documents, 1000u);
  EXPECT_EQ(r.totals.new_documents, 1000u);
  EXPECT_EQ(r.totals.inputs_done, 1u);
  EXPECT_EQ(Scalar("SELECT count(*) FROM documents"), 1000);
  // Line = header (1) + row + the blank lines before it.
  EXPECT_EQ(Scalar("SELECT line FROM documents WHERE title = 'Lead 0'"), 2);
  EXPECT_EQ(Scalar("SELECT line FROM documents WHERE title = 'Lead 1'"), 4);
  EXPECT_EQ(Scalar("SELECT line FROM documents WHERE title = 'Lead 999'"), 1000 + 1 + 10);
  // One meeting reported by 1000 documents of one publisher.
  EXPECT_EQ(Scalar("SELECT num_articles FROM events WHERE cameo = '040'"), 1000);
  EXPECT_EQ(Scalar("SELECT num_sources FROM events WHERE cameo = '040'"), 1);
  EXPECT_EQ(Scalar("SELECT count(*) FROM inputs WHERE completed_at IS NOT NULL"), 1);
}

TEST_F(IngestTest, SecondRunSkipsFinishedInputsAndChangedOnesAreReread) {
  ASSERT_NE(Dicts(), nullptr);
  std::string path = WriteTsv("leads.tsv", 50);
  options_.inputs = {path};
  IngestReport first = Run();
  EXPECT_EQ(first.totals.new_documents, 50u);
  IngestReport second = Run();
  EXPECT_EQ(second.inputs_skipped, 1u);
  EXPECT_EQ(second.totals.documents, 0u);
  // Appending rows changes the file: it is read again, old rows are duplicates.
  {
    std::ofstream out(path, std::ios::app);
    out << "2023-03-02 10:00:00\tfeed\tLead new\tChina accused the United States of "
           "interference.\t\n";
  }
  IngestReport third = Run();
  EXPECT_EQ(third.inputs_skipped, 0u);
  EXPECT_EQ(third.totals.documents, 51u);
  EXPECT_EQ(third.totals.new_documents, 1u);
  EXPECT_EQ(third.totals.duplicates, 50u);
  EXPECT_EQ(Scalar("SELECT count(*) FROM documents"), 51);
}

TEST_F(IngestTest, CancelledIngestRecordsNothingAsDone) {
  ASSERT_NE(Dicts(), nullptr);
  options_.inputs = {WriteTsv("leads.tsv", 20)};
  std::atomic<bool> cancel{true};
  options_.cancel = &cancel;
  IngestReport r = Run();
  EXPECT_TRUE(r.cancelled);
  EXPECT_EQ(Scalar("SELECT count(*) FROM inputs WHERE completed_at IS NOT NULL"), 0);
  cancel = false;
  IngestReport again = Run();
  EXPECT_FALSE(again.cancelled);
  EXPECT_EQ(again.totals.new_documents, 20u);
}

TEST_F(IngestTest, BadInputsAreListedAndTheRestIsStored) {
  ASSERT_NE(Dicts(), nullptr);
  std::string good = WriteTsv("good.tsv", 10);
  std::string empty = (dir_ / "empty.txt").string();
  std::ofstream(empty).close();
  std::string bad_header = (dir_ / "bad.jsonl").string();
  const std::string first_line = "{\"id\":\"x\",\"text\":\"Iran condemned the strike.\"}\n";
  std::ofstream(bad_header) << first_line << "{not json}\n";
  options_.inputs = {good, empty, bad_header, (dir_ / "missing.tsv").string()};
  IngestReport r = Run();
  EXPECT_EQ(r.errors_total, 3u);
  ASSERT_EQ(r.bad_inputs.size(), 3u);
  std::vector<std::string> bad;
  for (const auto& b : r.bad_inputs)
    bad.push_back(std::filesystem::path(b.path).filename().string());
  std::sort(bad.begin(), bad.end());
  EXPECT_EQ(bad, (std::vector<std::string>{"bad.jsonl", "empty.txt", "missing.tsv"}));
  bool named = false;
  for (const auto& e : r.errors)
    named = named || (e.message().find("bad.jsonl:2:") != std::string::npos &&
                      e.message().find("line starts at byte " +
                                       std::to_string(first_line.size())) != std::string::npos);
  EXPECT_TRUE(named) << "no error naming bad.jsonl line 2 and its byte offset";
  EXPECT_EQ(Scalar("SELECT count(*) FROM documents"), 11);
}

TEST_F(IngestTest, ErrorsNameTheLineAndByteAcrossChunks) {
  ASSERT_NE(Dicts(), nullptr);
  std::string path = (dir_ / "many.jsonl").string();
  std::string text;
  for (int i = 0; i < 300; ++i)
    text += "{\"id\":\"n" + std::to_string(i) + "\",\"text\":\"Iran condemned the strike number " +
            std::to_string(i) + ".\"}\n";
  std::size_t bad_at = text.size();
  text += "{\"id\": broken\n{\"id\":\"last\",\"text\":\"Russia expelled two diplomats.\"}\n";
  std::ofstream(path) << text;
  options_.inputs = {path};
  options_.chunk_bytes = 500;
  IngestReport r = Run();
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message().find("many.jsonl:301:"), std::string::npos)
      << r.errors[0].message();
  EXPECT_NE(r.errors[0].message().find("line starts at byte " + std::to_string(bad_at)),
            std::string::npos)
      << r.errors[0].message();
  EXPECT_EQ(r.totals.new_documents, 301u);
}

// Lines whose length falls just under the JSONL parser's buffer size (a
// line of 250 bytes after one of 100) must parse like any other.
TEST_F(IngestTest, JsonlLinesOfAnyLengthParse) {
  ASSERT_NE(Dicts(), nullptr);
  std::string path = (dir_ / "pad.jsonl").string();
  {
    std::ofstream out(path);
    for (std::size_t len : {100u, 250u, 260u, 600u, 1250u, 1260u, 90u, 2500u}) {
      std::string head = "{\"id\":\"x" + std::to_string(len) + "\",\"text\":\"";
      out << head << std::string(len - head.size() - 2, 'a') << "\"}\n";
    }
  }
  options_.inputs = {path};
  options_.threads = 1;
  IngestReport r = Run();
  for (const auto& e : r.errors) ADD_FAILURE() << e.message();
  EXPECT_EQ(r.totals.new_documents, 8u);
}

}  // namespace
}  // namespace detente
