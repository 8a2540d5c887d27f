#include "store/event_store.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "store/schema.h"

namespace detente {
namespace {

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("detente_store_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "s.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<EventStore> Open() {
    auto s = EventStore::Open(path_, EventStore::Mode::kWrite);
    EXPECT_TRUE(s.ok()) << s.status().message();
    return s.ok() ? std::move(s).value() : nullptr;
  }
  int64_t Scalar(EventStore* s, const std::string& sql) {
    sql::Stmt st;
    EXPECT_TRUE(st.Prepare(s->db(), sql).ok());
    auto r = st.Step();
    EXPECT_TRUE(r.ok() && *r) << sql;
    return st.Int(0);
  }

  std::filesystem::path dir_;
  std::string path_;
};

struct Ev {
  std::string source, target, cameo, date;
  Modality modality = Modality::kAsserted;
};

MentionRecord Mention(const Ev& e, uint32_t sentence) {
  MentionRecord m;
  m.sentence = sentence;
  m.source.code = e.source;
  m.source.country = e.source.substr(0, 3);
  m.source.sector = e.source.size() > 3 ? e.source.substr(3) : "";
  m.source.name = e.source + " name";
  m.target.code = e.target;
  m.target.country = e.target.substr(0, 3);
  m.target.sector = e.target.size() > 3 ? e.target.substr(3) : "";
  m.target.name = e.target + " name";
  m.cameo = e.cameo;
  m.root = e.cameo.substr(0, 2);
  m.label = "label " + e.cameo;
  m.quad = 1;
  m.modality = e.modality;
  m.date = e.date;
  if (!e.date.empty()) {
    int y = std::stoi(e.date.substr(0, 4)),
        mo = e.date.size() >= 7 ? std::stoi(e.date.substr(5, 2)) : 1,
        d = e.date.size() >= 10 ? std::stoi(e.date.substr(8, 2)) : 1;
    std::chrono::year_month_day ymd{std::chrono::year{y},
                                    std::chrono::month{static_cast<unsigned>(mo)},
                                    std::chrono::day{static_cast<unsigned>(d)}};
    m.day = static_cast<int32_t>(std::chrono::sys_days(ymd).time_since_epoch().count());
    m.precision = e.date.size() == 10 ? "day" : e.date.size() == 7 ? "month" : "year";
  }
  m.date_source = m.precision;
  m.trigger_text = "met";
  m.rule = "verbs/test.tsv:1";
  return m;
}

// A document whose sentence i carries events[i].
DocRecord Doc(uint64_t hash, const std::string& key, const std::string& url,
              const std::vector<Ev>& events, const std::string& publisher = "") {
  DocRecord d;
  d.hash = hash;
  d.key = key;
  d.input = "in.jsonl";
  d.kind = "jsonl";
  d.url = url;
  d.source = publisher.empty() ? UrlHost(url) : publisher;
  d.title = "Title " + key;
  d.story_date = "2023-06-19";
  d.story_date_source = "input";
  for (uint32_t i = 0; i < events.size(); ++i) {
    SentenceRecord s;
    s.index = i;
    s.segment = "main";
    s.span = {i * 10, i * 10 + 9};
    s.text = "Sentence " + std::to_string(i) + " of " + key;
    s.lead = i == 0;
    d.sentences.push_back(s);
    d.mentions.push_back(Mention(events[i], i));
  }
  d.sentence_count = static_cast<uint32_t>(events.size());
  return d;
}

Status Add(EventStore* s, const std::vector<DocRecord>& docs,
           std::vector<AddResult>* results = nullptr) {
  DETENTE_RETURN_IF_ERROR(s->Begin());
  auto input = s->EnsureInput("/abs/in.jsonl", "in.jsonl");
  if (!input.ok()) return input.status();
  for (const auto& d : docs) {
    auto r = s->AddDocument(d, *input, 1700000000);
    if (!r.ok()) return r.status();
    if (results) results->push_back(*r);
  }
  return s->Commit();
}

std::vector<EventRow> Events(EventStore* s, const EventFilter& f = {}) {
  std::vector<EventRow> out;
  Status st = s->ForEachEvent(f, [&](const EventRow& e) {
    out.push_back(e);
    return true;
  });
  EXPECT_TRUE(st.ok()) << st.message();
  return out;
}

const Ev kMeet{"USAGOV", "CHNGOV", "040", "2023-06-19"};

TEST_F(StoreTest, NewStoreHasTheCurrentSchemaInWalMode) {
  auto s = Open();
  ASSERT_TRUE(s);
  auto v = ReadSchemaVersion(s->db());
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, CurrentSchemaVersion());
  sql::Stmt st;
  ASSERT_TRUE(st.Prepare(s->db(), "PRAGMA journal_mode").ok());
  ASSERT_TRUE(*st.Step());
  EXPECT_EQ(st.Text(0), "wal");
}

TEST_F(StoreTest, ReadModeNeedsAnExistingStore) {
  auto s = EventStore::Open(path_, EventStore::Mode::kRead);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), ErrorCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(path_));
}

TEST_F(StoreTest, MigrationsApplyInOrderAndAFailingOneChangesNothing) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  const Migration v1[] = {{1, "CREATE TABLE a(x)"}};
  const Migration v2[] = {{1, "CREATE TABLE a(x)"},
                          {2, "CREATE TABLE b(y); INSERT INTO a VALUES(1)"}};
  const Migration v3[] = {{1, "CREATE TABLE a(x)"},
                          {2, "CREATE TABLE b(y); INSERT INTO a VALUES(1)"},
                          {3, "CREATE TABLE c(z); INSERT INTO nowhere VALUES(1)"}};
  ASSERT_TRUE(Migrate(db, v1).ok());
  EXPECT_EQ(*ReadSchemaVersion(db), 1);
  ASSERT_TRUE(Migrate(db, v2).ok());
  EXPECT_EQ(*ReadSchemaVersion(db), 2);
  ASSERT_TRUE(Migrate(db, v2).ok());  // idempotent
  Status st = Migrate(db, v3);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("version 3"), std::string::npos) << st.message();
  EXPECT_EQ(*ReadSchemaVersion(db), 2);
  sql::Stmt q;
  ASSERT_TRUE(q.Prepare(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'c'").ok());
  ASSERT_TRUE(*q.Step());
  EXPECT_EQ(q.Int(0), 0);  // the failed script's first statement was rolled back too
  q = sql::Stmt();
  // A store newer than this build is refused.
  st = Migrate(db, v1);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("newer"), std::string::npos);
  sqlite3_close(db);
}

TEST_F(StoreTest, ForeignSqliteFilesAreRefused) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_TRUE(sql::Exec(db, "CREATE TABLE customers(id)").ok());
  sqlite3_close(db);
  auto s = EventStore::Open(path_, EventStore::Mode::kWrite);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("not a detente store"), std::string::npos)
      << s.status().message();
}

TEST_F(StoreTest, SameEventFromSeveralArticlesIsOneEventWithCounts) {
  auto s = Open();
  std::vector<AddResult> r;
  ASSERT_TRUE(Add(s.get(),
                  {Doc(1, "a", "https://one.example/a", {kMeet}),
                   Doc(2, "b", "https://www.two.example/b", {kMeet}),
                   Doc(3, "c", "https://one.example/c", {kMeet, kMeet})},
                  &r)
                  .ok());
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].new_events, 1u);
  EXPECT_EQ(r[1].new_events, 0u);
  auto events = Events(s.get());
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].num_mentions, 4);  // two in document c
  EXPECT_EQ(events[0].num_articles, 3);
  EXPECT_EQ(events[0].num_sources, 2);  // one.example, two.example
  EXPECT_EQ(events[0].source_url, "https://one.example/a");
  EXPECT_TRUE(events[0].is_root);
  std::vector<MentionRow> mentions;
  ASSERT_TRUE(s->ForEachMention(events[0].id, [&](const MentionRow& m) {
                 mentions.push_back(m);
                 return true;
               }).ok());
  ASSERT_EQ(mentions.size(), 4u);
  EXPECT_EQ(mentions[0].sentence, "Sentence 0 of a");
  EXPECT_EQ(mentions[3].sentence, "Sentence 1 of c");
  EXPECT_EQ(mentions[1].publisher, "two.example");
}

TEST_F(StoreTest, KeyIsSourceTargetCodeModalityAndDate) {
  auto s = Open();
  Ev next_day = kMeet, month = kMeet, negated = kMeet, other_code = kMeet, reversed = kMeet,
     undated = kMeet;
  next_day.date = "2023-06-20";
  month.date = "2023-06";  // month precision is its own bucket, not June 1
  negated.modality = Modality::kNegated;
  other_code.cameo = "042";
  std::swap(reversed.source, reversed.target);
  undated.date = "";
  ASSERT_TRUE(Add(s.get(), {Doc(1, "a", "",
                                {kMeet, next_day, month, negated, other_code, reversed, undated}),
                            Doc(2, "b", "", {undated})})
                  .ok());
  auto events = Events(s.get());
  ASSERT_EQ(events.size(), 7u);
  // Undated events sort last; the undated one is shared by both documents.
  EXPECT_EQ(events.back().date, "");
  EXPECT_FALSE(events.back().day.has_value());
  EXPECT_EQ(events.back().num_articles, 2);
}

TEST_F(StoreTest, DocumentsAreStoredOncePerContentHash) {
  auto s = Open();
  std::vector<AddResult> r;
  ASSERT_TRUE(Add(s.get(), {Doc(42, "a", "", {kMeet}), Doc(42, "b", "", {kMeet})}, &r).ok());
  EXPECT_TRUE(r[0].inserted);
  EXPECT_FALSE(r[1].inserted);
  EXPECT_EQ(Scalar(s.get(), "SELECT count(*) FROM documents"), 1);
  EXPECT_EQ(Scalar(s.get(), "SELECT num_mentions FROM events"), 1);
  std::vector<uint64_t> hashes;
  ASSERT_TRUE(s->LoadDocumentHashes(&hashes).ok());
  EXPECT_EQ(hashes, std::vector<uint64_t>{42});
  // Hashes with the top bit set survive the trip through a signed column.
  ASSERT_TRUE(Add(s.get(), {Doc(0xFEDCBA9876543210ULL, "big", "", {})}).ok());
  ASSERT_TRUE(s->LoadDocumentHashes(&hashes).ok());
  EXPECT_EQ(hashes, (std::vector<uint64_t>{42, 0xFEDCBA9876543210ULL}));
}

TEST_F(StoreTest, RolledBackDocumentsLeaveNoTrace) {
  auto s = Open();
  ASSERT_TRUE(s->Begin().ok());
  auto input = s->EnsureInput("/abs/in.jsonl", "in.jsonl");
  ASSERT_TRUE(input.ok());
  ASSERT_TRUE(s->AddDocument(Doc(7, "a", "", {kMeet}), *input, 1).ok());
  s->Rollback();
  EXPECT_EQ(Scalar(s.get(), "SELECT count(*) FROM documents"), 0);
  EXPECT_EQ(Scalar(s.get(), "SELECT count(*) FROM events"), 0);
  EXPECT_EQ(Scalar(s.get(), "SELECT count(*) FROM mentions"), 0);
}

TEST_F(StoreTest, DocumentIdsAreStoredCompactlyAndReadBackWhole) {
  auto s = Open();
  DocRecord by_url = Doc(1, "https://a.example/x", "https://a.example/x", {kMeet});
  DocRecord by_line = Doc(2, "in.jsonl:17", "", {kMeet});
  by_line.line = 17;
  DocRecord own_id = Doc(3, "story-3", "https://b.example/y", {kMeet});
  ASSERT_TRUE(Add(s.get(), {by_url, by_line, own_id}).ok());
  sql::Stmt q;
  ASSERT_TRUE(q.Prepare(s->db(), "SELECT doc_key FROM documents ORDER BY id").ok());
  ASSERT_TRUE(*q.Step());
  EXPECT_TRUE(q.IsNull(0));
  ASSERT_TRUE(*q.Step());
  EXPECT_EQ(q.Text(0), "");
  ASSERT_TRUE(*q.Step());
  EXPECT_EQ(q.Text(0), "story-3");
  q = sql::Stmt();
  std::vector<std::string> keys;
  ASSERT_TRUE(s->ForEachMention(Events(s.get())[0].id, [&](const MentionRow& m) {
                 keys.push_back(m.doc_key);
                 return true;
               }).ok());
  EXPECT_EQ(keys, (std::vector<std::string>{"https://a.example/x", "in.jsonl:17", "story-3"}));
}

TEST_F(StoreTest, FiltersSelectEvents) {
  auto s = Open();
  Ev accuse{"CHN", "USA", "112", "2023-07-10"};
  Ev fight{"RUSMIL", "UKR", "190", "2023-08-01", Modality::kNegated};
  Ev un{"UNO", "RUS", "111", "2023-09-01"};
  ASSERT_TRUE(Add(s.get(), {Doc(1, "a", "", {kMeet, accuse}), Doc(2, "b", "", {fight, un}),
                            Doc(3, "c", "", {kMeet})})
                  .ok());
  auto codes = [&](EventFilter f) {
    std::vector<std::string> out;
    for (const auto& e : Events(s.get(), f)) out.push_back(e.cameo);
    return out;
  };
  using V = std::vector<std::string>;
  EventFilter f;
  f.source = "USA";
  f.target = "CHN";
  EXPECT_EQ(codes(f), V{"040"});  // USA matches USAGOV by prefix
  f.undirected = true;
  EXPECT_EQ(codes(f), (V{"040", "112"}));
  f = {};
  f.source = "USAMIL";
  EXPECT_EQ(codes(f), V{});
  f = {};
  f.actor = "RUS";
  EXPECT_EQ(codes(f), (V{"190", "111"}));
  f = {};
  f.roots = {"04", "19"};
  EXPECT_EQ(codes(f), (V{"040", "190"}));
  f = {};
  f.cameo = {"111"};
  EXPECT_EQ(codes(f), V{"111"});
  f = {};
  f.modalities = {"negated"};
  EXPECT_EQ(codes(f), V{"190"});
  f = {};
  f.since_day = Mention(accuse, 0).day;
  f.until_day = Mention(fight, 0).day;
  EXPECT_EQ(codes(f), (V{"112", "190"}));
  f = {};
  f.min_mentions = 2;
  EXPECT_EQ(codes(f), V{"040"});
  f = {};
  f.limit = 2;
  EXPECT_EQ(codes(f).size(), 2u);
  f.limit = 0;
  auto n = s->CountEvents(f);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 4);
}

TEST_F(StoreTest, InputsAreRecordedWhenDone) {
  auto s = Open();
  ASSERT_TRUE(s->Begin().ok());
  auto row = s->EnsureInput("/abs/x.jsonl", "x.jsonl");
  ASSERT_TRUE(row.ok());
  auto again = s->EnsureInput("/abs/x.jsonl", "other/x.jsonl");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->id, row->id);
  EXPECT_EQ(again->path, "x.jsonl");  // kept from the first time
  ASSERT_TRUE(s->Commit().ok());
  std::vector<InputRecord> done;
  ASSERT_TRUE(s->LoadInputs(&done).ok());
  EXPECT_TRUE(done.empty());  // seen, not done
  InputRecord r{"/abs/x.jsonl", 123, 456, 10, 9};
  ASSERT_TRUE(s->MarkInputDone(row->id, r, 1).ok());
  ASSERT_TRUE(s->LoadInputs(&done).ok());
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0].abs_path, "/abs/x.jsonl");
  EXPECT_EQ(done[0].size, 123u);
  EXPECT_EQ(done[0].mtime_ns, 456);
}

TEST_F(StoreTest, StatsSummariseTheStore) {
  auto s = Open();
  Ev accuse{"CHN", "USA", "112", "2023-07-10"};
  Ev domestic{"USAGOV", "USAOPP", "111", "2023-07-11"};
  Ev undated{"RUS", "UKR", "190", ""};
  ASSERT_TRUE(Add(s.get(), {Doc(1, "a", "https://one.example/a", {kMeet, accuse}),
                            Doc(2, "b", "https://two.example/b", {kMeet, domestic, undated}),
                            Doc(3, "c", "https://two.example/c", {})})
                  .ok());
  auto st = s->Stats(10);
  ASSERT_TRUE(st.ok()) << st.status().message();
  EXPECT_EQ(st->documents, 3);
  EXPECT_EQ(st->documents_with_events, 2);
  EXPECT_EQ(st->events, 4);
  EXPECT_EQ(st->mentions, 5);
  EXPECT_EQ(st->undated_events, 1);
  EXPECT_EQ(st->first_event_date, "2023-06-19");
  EXPECT_EQ(st->last_event_date, "2023-07-11");
  ASSERT_EQ(st->by_root.size(), 3u);
  EXPECT_EQ(st->by_root[0].key, "04");
  EXPECT_EQ(st->by_root[0].mentions, 2);
  // Dyads within one country (USAGOV -> USAOPP) are left out of the top list.
  ASSERT_EQ(st->top_dyads.size(), 3u);
  EXPECT_EQ(st->top_dyads[0].key + ">" + st->top_dyads[0].key2, "USA>CHN");
  EXPECT_EQ(st->top_dyads[0].mentions, 2);
  ASSERT_FALSE(st->top_publishers.empty());
  EXPECT_EQ(st->top_publishers[0].key, "two.example");
  EXPECT_EQ(st->top_publishers[0].count, 2);
}

}  // namespace
}  // namespace detente
