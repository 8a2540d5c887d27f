#include "store/byte_stream.h"

#include <zlib.h>
#include <zstd.h>

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace detente {
namespace {

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

std::string Zstd(const std::string& data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  out.resize(ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3));
  return out;
}

class ByteStreamTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& bytes) {
    std::string path =
        // The pid keeps tests that ctest runs in parallel processes apart.
        (std::filesystem::temp_directory_path() /
         ("detente_bytestream_" + std::to_string(::getpid()) + "_" + std::to_string(++n_)))
            .string();
    std::ofstream(path, std::ios::binary) << bytes;
    paths_.push_back(path);
    return path;
  }
  void TearDown() override {
    for (const auto& p : paths_) std::filesystem::remove(p);
  }
  // Reads everything in small steps; returns the data and the final status.
  std::pair<std::string, Status> ReadAll(const std::string& path, std::size_t step = 7777) {
    auto s = ByteStream::Open(path);
    EXPECT_TRUE(s.ok());
    if (!s.ok()) return {"", s.status()};
    std::string out;
    while (true) {
      auto n = (*s)->Read(step, &out);
      if (!n.ok()) return {out, n.status()};
      if (*n == 0) break;
    }
    return {out, Status::Ok()};
  }
  std::vector<std::string> paths_;
  int n_ = 0;
};

std::string Lines(int n) {
  std::string s;
  for (int i = 0; i < n; ++i)
    s += "{\"id\":\"" + std::to_string(i) + "\",\"text\":\"Some text here.\"}\n";
  return s;
}

TEST_F(ByteStreamTest, PlainGzipAndZstdGiveTheSameBytes) {
  std::string data = Lines(50000);  // a few MB: many reads and decoder calls
  for (const std::string& encoded : {data, Gzip(data), Zstd(data)}) {
    auto [out, st] = ReadAll(Write(encoded));
    ASSERT_TRUE(st.ok()) << st.message();
    EXPECT_EQ(out, data);
  }
}

TEST_F(ByteStreamTest, ConcatenatedMembersAndFramesContinue) {
  std::string a = Lines(100), b = Lines(7);
  auto [g, gst] = ReadAll(Write(Gzip(a) + Gzip(b)));
  ASSERT_TRUE(gst.ok()) << gst.message();
  EXPECT_EQ(g, a + b);
  auto [z, zst] = ReadAll(Write(Zstd(a) + Zstd(b)));
  ASSERT_TRUE(zst.ok()) << zst.message();
  EXPECT_EQ(z, a + b);
}

TEST_F(ByteStreamTest, TruncatedStreamsAreErrorsAfterTheGoodBytes) {
  std::string data = Lines(20000);
  for (const std::string& encoded : {Gzip(data), Zstd(data)}) {
    std::string path = Write(encoded.substr(0, encoded.size() / 2));
    auto [out, st] = ReadAll(path);
    ASSERT_FALSE(st.ok());
    EXPECT_NE(st.message().find("truncated"), std::string::npos) << st.message();
    EXPECT_NE(st.message().find(path), std::string::npos);
    EXPECT_GT(out.size(), 0u);
    EXPECT_EQ(out, data.substr(0, out.size()));  // what came out is right
  }
}

TEST_F(ByteStreamTest, GarbageAfterAGzipMemberIsAnError) {
  auto [out, st] = ReadAll(Write(Gzip(Lines(10)) + "trailing garbage"));
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("not gzip"), std::string::npos) << st.message();
  EXPECT_EQ(out, Lines(10));
}

TEST_F(ByteStreamTest, MissingFileIsNotFound) {
  auto s = ByteStream::Open("/nonexistent/detente/file.jsonl");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace detente
