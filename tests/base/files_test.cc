#include "base/files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace detente {
namespace {

namespace fs = std::filesystem;

class FilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("detente_files_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "sub" / ".hidden");
    Write(dir_ / "b.txt", "bee");
    Write(dir_ / "a.txt", "ay");
    Write(dir_ / "sub" / "c.txt", "see");
    Write(dir_ / "sub" / ".hidden" / "x.txt", "hidden");
  }
  void TearDown() override { fs::remove_all(dir_); }
  static void Write(const fs::path& p, const std::string& s) { std::ofstream(p) << s; }
  fs::path dir_;
};

TEST_F(FilesTest, MissingFileNamesThePath) {
  auto r = ReadWholeFile((dir_ / "nope.txt").string(), Limits{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(r.status().message().find("nope.txt"), std::string::npos);
}

TEST_F(FilesTest, LimitIsEnforcedAndNamed) {
  Limits small;
  small.max_file_bytes = 2;
  auto r = ReadWholeFile((dir_ / "b.txt").string(), small);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kTooLarge);
  EXPECT_NE(r.status().message().find("--max-file-bytes"), std::string::npos);
  auto ok = ReadWholeFile((dir_ / "b.txt").string(), Limits{});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok.value(), "bee");
}

TEST_F(FilesTest, DirectoryIsNotAFile) {
  auto r = ReadWholeFile(dir_.string(), Limits{});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("directory"), std::string::npos);
}

TEST_F(FilesTest, ExpandWalksSortedAndSkipsHidden) {
  std::vector<Status> errors;
  auto files = ExpandInputs({dir_.string(), (dir_ / "missing").string()}, Limits{}, &errors);
  ASSERT_EQ(files.size(), 3u);
  EXPECT_TRUE(files[0].ends_with("a.txt"));
  EXPECT_TRUE(files[1].ends_with("b.txt"));
  EXPECT_TRUE(files[2].ends_with("sub/c.txt"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message().find("missing"), std::string::npos);
}

TEST_F(FilesTest, UnreadableFileInFolderIsReportedNotFatal) {
  fs::create_symlink(dir_ / "does-not-exist", dir_ / "sub" / "broken.txt");
  std::vector<Status> errors;
  auto files = ExpandInputs({dir_.string()}, Limits{}, &errors);
  EXPECT_EQ(files.size(), 3u);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message().find("broken.txt"), std::string::npos);
  if (::geteuid() != 0) {
    Write(dir_ / "locked.txt", "secret");
    fs::permissions(dir_ / "locked.txt", fs::perms::none);
    errors.clear();
    files = ExpandInputs({dir_.string()}, Limits{}, &errors);
    EXPECT_EQ(files.size(), 3u);
    ASSERT_FALSE(errors.empty());
    EXPECT_NE(errors[0].message().find("locked.txt"), std::string::npos);
  }
}

}  // namespace
}  // namespace detente
