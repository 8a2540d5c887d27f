#include "base/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

namespace detente {
namespace {

Status ErrnoStatus(const std::string& path, int err) {
  ErrorCode code = ErrorCode::kIo;
  std::string hint;
  if (err == ENOENT) {
    code = ErrorCode::kNotFound;
    hint = " (check the path)";
  } else if (err == EACCES || err == EPERM) {
    code = ErrorCode::kPermissionDenied;
    hint = " (check the file's permissions)";
  }
  return Status(code, fmt::format("{}: {}{}", path, std::strerror(err), hint));
}

Result<std::string> ReadFd(int fd, const std::string& name, const Limits& limits) {
  std::string data;
  std::size_t chunk = 1 << 16;
  for (;;) {
    std::size_t old = data.size();
    if (old >= limits.max_file_bytes) {
      // One more byte tells us the input is really over the limit.
      char probe;
      ssize_t r = ::read(fd, &probe, 1);
      if (r > 0) {
        return Status(ErrorCode::kTooLarge,
                      fmt::format("{}: larger than the {} byte input limit (raise --max-file-bytes)",
                                  name, limits.max_file_bytes));
      }
      break;
    }
    std::size_t want = std::min(chunk, limits.max_file_bytes - old);
    data.resize(old + want);
    ssize_t r = ::read(fd, data.data() + old, want);
    if (r < 0) {
      if (errno == EINTR) {
        data.resize(old);
        continue;
      }
      int err = errno;
      return ErrnoStatus(name, err);
    }
    data.resize(old + static_cast<std::size_t>(r));
    if (r == 0) break;
    if (chunk < (1u << 24)) chunk *= 2;
  }
  return data;
}

}  // namespace

Result<std::string> ReadWholeFile(const std::string& path, const Limits& limits) {
  if (path == "-") return ReadFd(0, "<stdin>", limits);
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus(path, errno);
  struct stat st;
  if (::fstat(fd, &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      ::close(fd);
      return Status(ErrorCode::kInvalidInput, fmt::format("{}: is a directory", path));
    }
    if (S_ISREG(st.st_mode) && static_cast<std::size_t>(st.st_size) > limits.max_file_bytes) {
      ::close(fd);
      return Status(ErrorCode::kTooLarge,
                    fmt::format("{}: {} bytes is over the {} byte input limit (raise --max-file-bytes)",
                                path, st.st_size, limits.max_file_bytes));
    }
  }
  auto result = ReadFd(fd, path, limits);
  ::close(fd);
  return result;
}

std::vector<std::string> ExpandInputs(const std::vector<std::string>& paths, const Limits& limits,
                                      std::vector<Status>* errors) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const auto& path : paths) {
    if (path == "-") {
      out.push_back(path);
      continue;
    }
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      errors->push_back(ErrnoStatus(path, ec ? ec.value() : ENOENT));
      continue;
    }
    if (!fs::is_directory(status)) {
      out.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
    if (ec) {
      errors->push_back(ErrnoStatus(path, ec.value()));
      continue;
    }
    for (; it != end; it.increment(ec)) {
      if (ec) {
        errors->push_back(Status(ErrorCode::kIo, fmt::format("{}: {}", path, ec.message())));
        ec.clear();
        break;
      }
      const auto name = it->path().filename().string();
      if (!name.empty() && name[0] == '.') {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_symlink(ec) && !fs::exists(it->path(), ec)) {
        errors->push_back(Status(ErrorCode::kNotFound,
                                 fmt::format("{}: broken symbolic link; skipped", it->path().string())));
        ec.clear();
        continue;
      }
      if (it->is_regular_file(ec)) {
        // A file we cannot read is reported now, so it is not silently lost.
        if (::access(it->path().c_str(), R_OK) != 0) {
          errors->push_back(ErrnoStatus(it->path().string(), errno));
          continue;
        }
        found.push_back(it->path().string());
        if (found.size() > limits.max_files) break;
      } else if (it->is_directory(ec) && ::access(it->path().c_str(), R_OK | X_OK) != 0) {
        errors->push_back(ErrnoStatus(it->path().string(), errno));
      }
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace detente
