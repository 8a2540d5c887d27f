// A file (or standard input) read block by block, with gzip (one or more
// members) and zstd decompressed on the fly, so a big record file can be
// split and coded while it is still being read, and without holding it all
// in memory.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "base/status.h"
#include "read/input.h"

namespace detente {

class ByteStream {
 public:
  // Opens `path` ("-" for standard input) and detects its compression.
  static Result<std::unique_ptr<ByteStream>> Open(const std::string& path);
  ~ByteStream();
  ByteStream(const ByteStream&) = delete;
  ByteStream& operator=(const ByteStream&) = delete;

  // Appends up to `n` decoded bytes to *out. Returns how many (0 at the
  // end), or an error naming the byte offset for corrupt or truncated data.
  Result<std::size_t> Read(std::size_t n, std::string* out);

  Compression compression() const { return compression_; }
  // Bytes of the file consumed so far (compressed bytes if compressed).
  uint64_t raw_bytes() const { return raw_consumed_; }
  const std::string& name() const { return name_; }

 private:
  explicit ByteStream(std::string name);
  Status ReadRaw();

  std::string name_;
  int fd_ = -1;
  bool own_fd_ = false;
  Compression compression_ = Compression::kNone;
  std::string raw_;
  std::size_t raw_pos_ = 0;
  bool raw_eof_ = false;
  uint64_t raw_consumed_ = 0;
  struct Decoder;
  std::unique_ptr<Decoder> decoder_;
  bool in_frame_ = false;  // inside a gzip member or zstd frame
};

}  // namespace detente
