#include "store/byte_stream.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace detente {

struct ByteStream::Decoder {
  z_stream zs{};
  bool z_ready = false;
  ZSTD_DStream* zstd = nullptr;
  ~Decoder() {
    if (z_ready) inflateEnd(&zs);
    if (zstd) ZSTD_freeDStream(zstd);
  }
};

ByteStream::ByteStream(std::string name) : name_(std::move(name)) {}

Result<std::unique_ptr<ByteStream>> ByteStream::Open(const std::string& path) {
  std::unique_ptr<ByteStream> s(new ByteStream(path == "-" ? "<stdin>" : path));
  if (path == "-") {
    s->fd_ = 0;
  } else {
    s->fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (s->fd_ < 0) {
      int err = errno;
      return Status(err == ENOENT ? ErrorCode::kNotFound
                                  : (err == EACCES ? ErrorCode::kPermissionDenied : ErrorCode::kIo),
                    fmt::format("{}: {}", path, std::strerror(err)));
    }
    s->own_fd_ = true;
    struct stat st;
    if (::fstat(s->fd_, &st) == 0 && S_ISDIR(st.st_mode))
      return Status(ErrorCode::kInvalidInput, fmt::format("{}: is a directory", path));
  }
  // Read until the magic bytes are known (or the input ends).
  while (s->raw_.size() < 4 && !s->raw_eof_) DETENTE_RETURN_IF_ERROR(s->ReadRaw());
  s->compression_ = DetectCompression(s->raw_);
  if (s->compression_ != Compression::kNone) s->decoder_ = std::make_unique<Decoder>();
  return s;
}

ByteStream::~ByteStream() {
  if (own_fd_) ::close(fd_);
}

Status ByteStream::ReadRaw() {
  if (raw_eof_) return Status::Ok();
  if (raw_pos_ > 0) {
    raw_.erase(0, raw_pos_);
    raw_pos_ = 0;
  }
  constexpr std::size_t kChunk = 1 << 20;
  std::size_t old = raw_.size();
  raw_.resize(old + kChunk);
  ssize_t n;
  do {
    n = ::read(fd_, raw_.data() + old, kChunk);
  } while (n < 0 && errno == EINTR);
  if (n < 0) {
    raw_.resize(old);
    return Status(ErrorCode::kIo, fmt::format("{}: read error at byte {}: {}", name_,
                                              raw_consumed_ + old, std::strerror(errno)));
  }
  raw_.resize(old + static_cast<std::size_t>(n));
  if (n == 0) raw_eof_ = true;
  return Status::Ok();
}

Result<std::size_t> ByteStream::Read(std::size_t n, std::string* out) {
  std::size_t produced = 0;
  while (produced < n) {
    if (raw_pos_ == raw_.size()) {
      DETENTE_RETURN_IF_ERROR(ReadRaw());
      // At the end of the input a zstd frame may still hold decoded bytes;
      // the decoder below drains them.
      bool zstd_drain = in_frame_ && compression_ == Compression::kZstd;
      if (raw_pos_ == raw_.size() && !zstd_drain) {  // end of input
        if (in_frame_)
          return Status(
              ErrorCode::kInvalidInput,
              fmt::format("{}: truncated {} stream (ended at byte {}); the data before it was read",
                          name_, compression_ == Compression::kGzip ? "gzip" : "zstd",
                          raw_consumed_));
        break;
      }
    }
    std::size_t avail = raw_.size() - raw_pos_;
    if (compression_ == Compression::kNone) {
      std::size_t take = std::min(avail, n - produced);
      out->append(raw_, raw_pos_, take);
      raw_pos_ += take;
      raw_consumed_ += take;
      produced += take;
      continue;
    }
    std::size_t old = out->size();
    std::size_t room = std::min<std::size_t>(n - produced, 1 << 18);
    out->resize(old + room);
    std::size_t made = 0, used = 0;
    if (compression_ == Compression::kGzip) {
      if (!in_frame_) {
        // Concatenated members continue; anything else after a member is an error.
        if (DetectCompression(std::string_view(raw_).substr(raw_pos_)) != Compression::kGzip) {
          if (avail < 2 && !raw_eof_) {
            out->resize(old);
            DETENTE_RETURN_IF_ERROR(ReadRaw());
            continue;
          }
          out->resize(old);
          return Status(ErrorCode::kInvalidInput,
                        fmt::format("{}: bytes at offset {} are not gzip data (trailing garbage?)",
                                    name_, raw_consumed_));
        }
        if (!decoder_->z_ready) {
          if (inflateInit2(&decoder_->zs, 15 + 32) != Z_OK)
            return Status(ErrorCode::kInternal,
                          fmt::format("{}: cannot start the gzip decoder", name_));
          decoder_->z_ready = true;
        } else {
          inflateReset(&decoder_->zs);
        }
        in_frame_ = true;
      }
      z_stream& zs = decoder_->zs;
      zs.next_in = reinterpret_cast<Bytef*>(raw_.data() + raw_pos_);
      zs.avail_in = static_cast<uInt>(std::min<std::size_t>(avail, 1u << 30));
      zs.next_out = reinterpret_cast<Bytef*>(out->data() + old);
      zs.avail_out = static_cast<uInt>(room);
      uInt in_before = zs.avail_in;
      int rc = inflate(&zs, Z_NO_FLUSH);
      used = in_before - zs.avail_in;
      made = room - zs.avail_out;
      if (rc == Z_STREAM_END) {
        in_frame_ = false;
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        out->resize(old);
        return Status(ErrorCode::kInvalidInput,
                      fmt::format("{}: corrupt gzip data at byte {} ({})", name_,
                                  raw_consumed_ + used, zs.msg ? zs.msg : "error"));
      }
    } else {
      if (!decoder_->zstd) {
        decoder_->zstd = ZSTD_createDStream();
        ZSTD_initDStream(decoder_->zstd);
      }
      ZSTD_inBuffer ib{raw_.data() + raw_pos_, avail, 0};
      ZSTD_outBuffer ob{out->data() + old, room, 0};
      std::size_t rc = ZSTD_decompressStream(decoder_->zstd, &ob, &ib);
      if (ZSTD_isError(rc)) {
        out->resize(old);
        return Status(ErrorCode::kInvalidInput,
                      fmt::format("{}: corrupt zstd data at byte {} ({})", name_,
                                  raw_consumed_ + ib.pos, ZSTD_getErrorName(rc)));
      }
      in_frame_ = rc != 0;
      used = ib.pos;
      made = ob.pos;
      if (avail == 0 && made == 0) {
        out->resize(old);
        return Status(
            ErrorCode::kInvalidInput,
            fmt::format("{}: truncated zstd stream (ended at byte {}); the data before it was read",
                        name_, raw_consumed_));
      }
    }
    out->resize(old + made);
    raw_pos_ += used;
    raw_consumed_ += used;
    produced += made;
  }
  return produced;
}

}  // namespace detente
