#include "read/warc.h"

#include <zlib.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <fmt/format.h>

namespace detente {
namespace {

std::string Record(const std::string& type, const std::string& uri, const std::string& block,
                   const std::string& content_type, const std::string& eol = "\r\n") {
  std::string r = "WARC/1.0" + eol + "WARC-Type: " + type + eol + "WARC-Target-URI: " + uri + eol +
                  "WARC-Date: 2023-06-20T10:00:00Z" + eol + "WARC-Record-ID: <urn:uuid:1>" + eol +
                  "Content-Type: " + content_type + eol +
                  "Content-Length: " + std::to_string(block.size()) + eol + eol;
  return r + block + "\r\n\r\n";
}

std::string Http(const std::string& body, const std::string& status = "200 OK",
                 const std::string& type = "text/html; charset=utf-8",
                 const std::string& extra = "") {
  return "HTTP/1.1 " + status + "\r\nContent-Type: " + type + "\r\n" + extra + "\r\n" + body;
}

std::string Gzip(const std::string& data) {
  z_stream zs{};
  deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, data.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

const char* kPage =
    "<html><body><h1>Talks</h1><p>Blinken met Wang Yi in Beijing on Monday.</p></body></html>";

std::vector<std::string> SampleRecords() {
  return {
      Record("warcinfo", "", "software: test\r\n", "application/warc-fields"),
      Record("request", "https://a.example/1", "GET /1 HTTP/1.1\r\n\r\n",
             "application/http; msgtype=request"),
      Record("response", "https://a.example/1", Http(kPage), "application/http; msgtype=response"),
      Record("response", "https://a.example/logo.png", Http("\x89PNG", "200 OK", "image/png"),
             "application/http; msgtype=response"),
      Record("response", "https://a.example/old", Http("", "301 Moved Permanently"),
             "application/http; msgtype=response"),
      Record("resource", "https://a.example/notes.txt", "Japan and South Korea held talks.",
             "text/plain"),
  };
}

struct Read {
  std::vector<WarcRecord> records;
  Status error;
};

Read ReadAll(std::unique_ptr<WarcReader> r) {
  Read out;
  WarcRecord rec;
  while (true) {
    auto next = r->Next(&rec);
    if (!next.ok()) {
      out.error = next.status();
      break;
    }
    if (!*next) break;
    out.records.push_back(rec);
  }
  return out;
}

std::string Join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += x;
  return s;
}

TEST(WarcReaderTest, ReadsPlainRecords) {
  auto recs = SampleRecords();
  Read r = ReadAll(WarcReader::FromBytes("t.warc", Join(recs), Limits{}));
  ASSERT_TRUE(r.error.ok()) << r.error.message();
  ASSERT_EQ(r.records.size(), recs.size());
  EXPECT_EQ(r.records[0].type, "warcinfo");
  EXPECT_EQ(r.records[0].offset, 0u);
  EXPECT_EQ(r.records[1].offset, recs[0].size());
  EXPECT_EQ(r.records[2].type, "response");
  EXPECT_EQ(r.records[2].target_uri, "https://a.example/1");
  EXPECT_EQ(r.records[2].date, "2023-06-20T10:00:00Z");
  EXPECT_EQ(r.records[2].block, Http(kPage));
}

TEST(WarcReaderTest, ReadsGzipMemberPerRecordAndWholeFileGzip) {
  auto recs = SampleRecords();
  std::string members;
  for (const auto& r : recs) members += Gzip(r);
  for (const std::string& bytes : {members, Gzip(Join(recs))}) {
    Read r = ReadAll(WarcReader::FromBytes("t.warc.gz", bytes, Limits{}));
    ASSERT_TRUE(r.error.ok()) << r.error.message();
    ASSERT_EQ(r.records.size(), recs.size());
    EXPECT_EQ(r.records[5].block, "Japan and South Korea held talks.");
  }
}

TEST(WarcReaderTest, StreamsFromAFileInBlocks) {
  // More than the reader's 1 MiB read size, so records cross block boundaries.
  std::string big_page = "<html><body>" + std::string(300000, 'x') + "<p>end</p></body></html>";
  std::string data;
  for (int i = 0; i < 8; ++i)
    data += Gzip(Record("response", "https://a.example/" + std::to_string(i), Http(big_page),
                        "application/http; msgtype=response"));
  auto path = std::filesystem::temp_directory_path() / "detente_warc_test.warc.gz";
  std::ofstream(path, std::ios::binary) << data;
  EXPECT_TRUE(FileLooksLikeWarc(path.string()));
  auto reader = WarcReader::Open(path.string(), Limits{});
  ASSERT_TRUE(reader.ok());
  Read r = ReadAll(std::move(reader).value());
  ASSERT_TRUE(r.error.ok()) << r.error.message();
  ASSERT_EQ(r.records.size(), 8u);
  EXPECT_EQ(r.records[7].target_uri, "https://a.example/7");
  EXPECT_EQ(r.records[7].block, Http(big_page));
  std::filesystem::remove(path);
}

TEST(WarcReaderTest, TruncatedGzipKeepsEarlierRecordsAndNamesTheOffset) {
  auto recs = SampleRecords();
  std::string members;
  for (const auto& r : recs) members += Gzip(r);
  std::size_t three = Gzip(recs[0]).size() + Gzip(recs[1]).size() + Gzip(recs[2]).size();
  Read r = ReadAll(WarcReader::FromBytes("cut.warc.gz", members.substr(0, three + 10), Limits{}));
  EXPECT_EQ(r.records.size(), 3u);
  ASSERT_FALSE(r.error.ok());
  EXPECT_NE(r.error.message().find("cut.warc.gz"), std::string::npos);
  EXPECT_NE(r.error.message().find("truncated"), std::string::npos) << r.error.message();
}

TEST(WarcReaderTest, TruncatedRecordAndGarbageAreErrors) {
  auto recs = SampleRecords();
  std::string plain = Join(recs);
  Read r = ReadAll(WarcReader::FromBytes("t.warc", plain.substr(0, plain.size() - 40), Limits{}));
  EXPECT_EQ(r.records.size(), recs.size() - 1);
  ASSERT_FALSE(r.error.ok());
  EXPECT_NE(r.error.message().find("truncated"), std::string::npos) << r.error.message();

  r = ReadAll(WarcReader::FromBytes("t.warc", recs[0] + "HELLO there\r\n\r\nxx", Limits{}));
  EXPECT_EQ(r.records.size(), 1u);
  ASSERT_FALSE(r.error.ok());
  EXPECT_NE(r.error.message().find("no WARC record at byte " + std::to_string(recs[0].size())),
            std::string::npos)
      << r.error.message();

  r = ReadAll(
      WarcReader::FromBytes("t.warc", "WARC/1.0\r\nWARC-Type: response\r\n\r\nbody", Limits{}));
  ASSERT_FALSE(r.error.ok());
  EXPECT_NE(r.error.message().find("Content-Length"), std::string::npos);
}

TEST(WarcReaderTest, AcceptsBareLineFeeds) {
  std::string rec = Record("resource", "https://a.example/n", "Some text.", "text/plain", "\n");
  Read r = ReadAll(WarcReader::FromBytes("lf.warc", rec + rec, Limits{}));
  ASSERT_TRUE(r.error.ok()) << r.error.message();
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[1].block, "Some text.");
}

TEST(WarcReaderTest, SkipsOversizedRecordsWithoutBufferingThem) {
  Limits limits;
  limits.max_file_bytes = 1000;
  std::string big = Record("response", "https://a.example/big", Http(std::string(5000, 'x')),
                           "application/http; msgtype=response");
  std::string small = Record("resource", "https://a.example/n", "Some text.", "text/plain");
  Read r = ReadAll(WarcReader::FromBytes("t.warc", big + small, limits));
  ASSERT_TRUE(r.error.ok()) << r.error.message();
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_TRUE(r.records[0].oversized);
  EXPECT_TRUE(r.records[0].block.empty());
  WarcPage page;
  auto is_page = ExtractWarcPage(r.records[0], limits, &page);
  ASSERT_TRUE(is_page.ok());
  EXPECT_FALSE(*is_page);
  EXPECT_EQ(r.records[1].block, "Some text.");
}

TEST(ExtractWarcPageTest, PagesAreHtmlOrTextResponsesWith2xx) {
  auto recs = SampleRecords();
  Read r = ReadAll(WarcReader::FromBytes("t.warc", Join(recs), Limits{}));
  ASSERT_EQ(r.records.size(), recs.size());
  std::vector<bool> expected = {false, false, true, false, false, true};
  for (std::size_t i = 0; i < recs.size(); ++i) {
    WarcPage page;
    auto is_page = ExtractWarcPage(r.records[i], Limits{}, &page);
    ASSERT_TRUE(is_page.ok()) << i;
    EXPECT_EQ(*is_page, expected[i]) << "record " << i << " (" << r.records[i].type << ")";
  }
  WarcPage page;
  ASSERT_TRUE(*ExtractWarcPage(r.records[2], Limits{}, &page));
  EXPECT_TRUE(page.html);
  EXPECT_EQ(page.content_type, "text/html");
  EXPECT_EQ(page.body, kPage);
  ASSERT_TRUE(*ExtractWarcPage(r.records[5], Limits{}, &page));
  EXPECT_FALSE(page.html);
}

TEST(ExtractWarcPageTest, UndoesChunkedTransferAndGzipContentCoding) {
  std::string gz = Gzip(kPage);
  std::string chunked = "10\r\n" + gz.substr(0, 16) + "\r\n" + fmt::format("{:x}", gz.size() - 16) +
                        "\r\n" + gz.substr(16) + "\r\n0\r\n\r\n";
  WarcRecord rec;
  rec.type = "response";
  rec.content_type = "application/http; msgtype=response";
  rec.block = Http(chunked, "200 OK", "text/html",
                   "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n");
  WarcPage page;
  auto is_page = ExtractWarcPage(rec, Limits{}, &page);
  ASSERT_TRUE(is_page.ok()) << is_page.status().message();
  ASSERT_TRUE(*is_page);
  EXPECT_EQ(page.body, kPage);
  // Crawlers that stored the payload decoded but kept the headers.
  rec.block = Http(kPage, "200 OK", "text/html",
                   "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n");
  is_page = ExtractWarcPage(rec, Limits{}, &page);
  ASSERT_TRUE(is_page.ok());
  EXPECT_EQ(page.body, kPage);
}

TEST(WarcDetectionTest, LooksLikeWarc) {
  EXPECT_TRUE(LooksLikeWarc("WARC/1.0\r\n"));
  EXPECT_TRUE(LooksLikeWarc("\r\nWARC/1.1\r\n"));
  EXPECT_FALSE(LooksLikeWarc("{\"id\":1}"));
  EXPECT_FALSE(LooksLikeWarc("<html>"));
}

}  // namespace
}  // namespace detente
