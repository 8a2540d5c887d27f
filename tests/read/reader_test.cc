#include "read/reader.h"

#include <gtest/gtest.h>
#include <zlib.h>
#include <zstd.h>

#include "read/dates.h"
#include "test_util.h"

namespace detente {
namespace {

using testing::ReadBytes;

std::string Gzip(const std::string& in) {
  z_stream zs{};
  deflateInit2(&zs, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
  std::string out(compressBound(in.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = in.size();
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = out.size();
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::string Zstd(const std::string& in) {
  std::string out(ZSTD_compressBound(in.size()), '\0');
  out.resize(ZSTD_compress(out.data(), out.size(), in.data(), in.size(), 3));
  return out;
}

const char kJsonl[] =
    "{\"id\": \"a1\", \"date\": \"2023-06-18\", \"title\": \"Blinken in Beijing\", \"text\": \"Blinken met Qin Gang. They talked for hours.\"}\n"
    "{\"id\": 42, \"text\": \"Xi met Biden in November.\"}\n";

TEST(Reader, JsonlRecordsKeepTheirIdsDatesAndTitles) {
  auto r = ReadBytes("in.jsonl", kJsonl);
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_TRUE(r.report.errors.empty());
  const Document& a = *r.docs[0];
  EXPECT_EQ(a.id, "a1");
  EXPECT_EQ(a.kind, InputKind::kJsonl);
  EXPECT_EQ(a.meta.title, "Blinken in Beijing");
  EXPECT_EQ(a.meta.story_date_source, DateSource::kInput);
  EXPECT_EQ(a.text, "Blinken in Beijing\n\nBlinken met Qin Gang. They talked for hours.");
  EXPECT_EQ(a.sentences.size(), 3u);  // the title is its own sentence
  EXPECT_EQ(r.docs[1]->id, "42");
  EXPECT_EQ(r.docs[1]->line, 2u);
}

TEST(Reader, BadJsonlLinesAreReportedAndSkipped) {
  std::string in = std::string(kJsonl) + "{\"id\": \"b\", \"text\": \"unterminated}\n" +
                   "[1,2,3]\n{\"id\": \"c\"}\n{\"id\": \"d\", \"text\": \"Iran condemned the strike.\"}\n";
  auto r = ReadBytes("in.jsonl", in);
  ASSERT_EQ(r.docs.size(), 3u);
  EXPECT_EQ(r.docs[2]->id, "d");
  ASSERT_EQ(r.report.errors.size(), 3u);
  EXPECT_NE(r.report.errors[0].message().find("in.jsonl:3:"), std::string::npos) << r.report.errors[0].message();
  EXPECT_NE(r.report.errors[0].message().find("byte"), std::string::npos);
  EXPECT_NE(r.report.errors[1].message().find("in.jsonl:4:"), std::string::npos);
  EXPECT_NE(r.report.errors[2].message().find("no \"text\""), std::string::npos);
}

TEST(Reader, JsonlLinesOfGrowingLength) {
  // A short line then a longer one that still fits the reused buffer.
  std::string a = "{\"id\":\"a\",\"text\":\"" + std::string(60, 'x') + "\"}\n";
  std::string b = "{\"id\":\"b\",\"text\":\"" + std::string(200, 'y') + "\"}\n";
  auto r = ReadBytes("grow.jsonl", a + b);
  EXPECT_TRUE(r.report.errors.empty()) << (r.report.errors.empty() ? "" : r.report.errors[0].message());
  EXPECT_EQ(r.docs.size(), 2u);
}

TEST(Reader, TsvWithHeader) {
  auto r = ReadBytes("leads.tsv",
      "date_published\tsource\ttitle\tdescription\tlink\n"
      "2023-02-04\tWire\tUS shoots down balloon\tThe Pentagon said the craft was Chinese.\thttps://x/1\n"
      "2023-06-19\tWire\tBlinken meets Xi\tThe two met in Beijing.\thttps://x/2\n");
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[0]->id, "https://x/1");
  EXPECT_EQ(r.docs[0]->meta.title, "US shoots down balloon");
  EXPECT_EQ(FormatDate(r.docs[1]->meta.story_date), "2023-06-19");
}

TEST(Reader, TsvEntitiesAreDecoded) {
  auto r = ReadBytes("leads.tsv",
      "date\ttitle\tdescription\n2023-02-05\tChina&rsquo;s protest\tBeijing &amp; Washington &#8220;talk&#x201D; &bogus; &\n");
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0]->meta.title, "China\xE2\x80\x99s protest");
  EXPECT_NE(r.docs[0]->text.find("Beijing & Washington \xE2\x80\x9Ctalk\xE2\x80\x9D &bogus; &"), std::string::npos)
      << r.docs[0]->text;
}

TEST(Reader, CompressedInputs) {
  auto g = ReadBytes("in.jsonl.gz", Gzip(kJsonl));
  EXPECT_EQ(g.docs.size(), 2u);
  EXPECT_TRUE(g.report.errors.empty());
  auto z = ReadBytes("in.jsonl.zst", Zstd(kJsonl));
  EXPECT_EQ(z.docs.size(), 2u);
  std::string gz = Gzip(std::string(2000, 'x') + kJsonl);
  auto t = ReadBytes("cut.gz", gz.substr(0, gz.size() / 2));
  EXPECT_TRUE(t.docs.empty());
  ASSERT_EQ(t.report.errors.size(), 1u);
  EXPECT_NE(t.report.errors[0].message().find("cut.gz"), std::string::npos);
  EXPECT_NE(t.report.errors[0].message().find("truncated"), std::string::npos);
  std::string zs = Zstd(std::string(5000, 'y') + "abc");
  auto tz = ReadBytes("cut.zst", zs.substr(0, zs.size() - 3));
  EXPECT_TRUE(tz.docs.empty());
  ASSERT_EQ(tz.report.errors.size(), 1u);
}

TEST(Reader, EmptyBinaryAndInvalidUtf8) {
  auto e = ReadBytes("empty.txt", "");
  EXPECT_TRUE(e.docs.empty());
  ASSERT_EQ(e.report.errors.size(), 1u);
  EXPECT_EQ(e.report.errors[0].code(), ErrorCode::kEmpty);
  auto ws = ReadBytes("blank.txt", "  \n\n\t\n");
  EXPECT_TRUE(ws.docs.empty());
  EXPECT_EQ(ws.report.errors.size(), 1u);
  auto b = ReadBytes("img.png", std::string("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 16));
  EXPECT_TRUE(b.docs.empty());
  ASSERT_EQ(b.report.errors.size(), 1u);
  EXPECT_EQ(b.report.errors[0].code(), ErrorCode::kBinary);
  auto u = ReadBytes("latin1.txt", "Moscow and Kyiv exchanged prisoners in Ni\xE9vre.\n");
  ASSERT_EQ(u.docs.size(), 1u);  // still read
  ASSERT_EQ(u.report.errors.size(), 1u);
  EXPECT_NE(u.report.errors[0].message().find("byte 41"), std::string::npos) << u.report.errors[0].message();
}

TEST(Reader, HugeSingleLineIsTruncatedNotFatal) {
  ReadOptions opt;
  opt.limits.max_document_bytes = 1 << 20;
  std::string line;
  line.reserve(3 << 20);
  while (line.size() < (3u << 20)) line += "China and India held talks on the border dispute. ";
  auto r = ReadBytes("huge.txt", line, opt);
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_LE(r.docs[0]->text.size(), 1u << 20);
  ASSERT_EQ(r.report.warnings.size(), 1u);
  EXPECT_NE(r.report.warnings[0].message().find("--max-document-bytes"), std::string::npos);
}

TEST(Reader, WarcIsRefusedClearly) {
  auto r = ReadBytes("crawl.warc", "WARC/1.0\r\nWARC-Type: warcinfo\r\n\r\n");
  EXPECT_TRUE(r.docs.empty());
  ASSERT_EQ(r.report.errors.size(), 1u);
  EXPECT_NE(r.report.errors[0].message().find("crawl.warc"), std::string::npos);
}

}  // namespace
}  // namespace detente
