#include "read/warc.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>

#include <fmt/format.h>

#include "read/html.h"
#include "read/input.h"

namespace detente {
namespace {

constexpr std::size_t kRawChunk = 1 << 20;
constexpr std::size_t kInflateChunk = 256 << 10;
constexpr std::size_t kMaxHeaderBytes = 1 << 20;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// Media type without parameters, lower case: "text/html; charset=utf-8" -> "text/html".
std::string MediaType(std::string_view content_type) {
  std::size_t semi = content_type.find(';');
  return Lower(Trim(content_type.substr(0, semi)));
}

// Calls fn(name_lower, value) for each "Name: value" line of a header block.
template <typename Fn>
void ForEachHeader(std::string_view block, Fn fn) {
  std::size_t pos = 0;
  while (pos < block.size()) {
    std::size_t nl = block.find('\n', pos);
    if (nl == std::string_view::npos) nl = block.size();
    std::string_view line = block.substr(pos, nl - pos);
    pos = nl + 1;
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    fn(Lower(Trim(line.substr(0, colon))), Trim(line.substr(colon + 1)));
  }
}

// End of the header block starting at `from`: the index just past the blank
// line, or npos. Accepts CRLF and bare LF line ends.
std::size_t HeaderEnd(std::string_view s, std::size_t from) {
  std::size_t crlf = s.find("\r\n\r\n", from);
  std::size_t lf = s.find("\n\n", from);
  if (crlf == std::string_view::npos && lf == std::string_view::npos) return std::string_view::npos;
  if (lf == std::string_view::npos || (crlf != std::string_view::npos && crlf + 2 <= lf))
    return crlf + 4;
  return lf + 2;
}

// Undoes HTTP/1.1 chunked transfer coding.
Result<std::string> Dechunk(std::string_view body) {
  std::string out;
  std::size_t pos = 0;
  while (pos < body.size()) {
    std::size_t nl = body.find('\n', pos);
    if (nl == std::string_view::npos) {
      if (pos == 0) return Status(ErrorCode::kInvalidInput, "no HTTP chunk size line");
      break;
    }
    std::string_view line = Trim(body.substr(pos, nl - pos));
    std::size_t semi = line.find(';');
    line = Trim(line.substr(0, semi));
    uint64_t size = 0;
    auto [p, ec] = std::from_chars(line.data(), line.data() + line.size(), size, 16);
    if (ec != std::errc() || p != line.data() + line.size())
      return Status(ErrorCode::kInvalidInput,
                    fmt::format("bad HTTP chunk size \"{}\"", line.substr(0, 20)));
    pos = nl + 1;
    if (size == 0) break;
    if (size > body.size() - pos)
      return Status(ErrorCode::kInvalidInput, "HTTP chunk runs past the end of the record");
    out.append(body.substr(pos, size));
    pos += size;
    if (pos < body.size() && body[pos] == '\r') ++pos;
    if (pos < body.size() && body[pos] == '\n') ++pos;
  }
  return out;
}

bool IsPageType(const std::string& media, bool* html) {
  if (media == "text/html" || media == "application/xhtml+xml") {
    *html = true;
    return true;
  }
  if (media == "text/plain") {
    *html = false;
    return true;
  }
  return false;
}

}  // namespace

struct WarcReader::Inflater {
  z_stream zs{};
  bool ready = false;
  ~Inflater() {
    if (ready) inflateEnd(&zs);
  }
};

WarcReader::WarcReader(std::string name, const Limits& limits)
    : name_(std::move(name)), limits_(limits) {}

Result<std::unique_ptr<WarcReader>> WarcReader::Open(const std::string& path,
                                                     const Limits& limits) {
  std::unique_ptr<WarcReader> r(new WarcReader(path, limits));
  r->file_ = std::fopen(path.c_str(), "rb");
  if (!r->file_)
    return Status(errno == ENOENT ? ErrorCode::kNotFound : ErrorCode::kIo,
                  fmt::format("{}: {}", path, std::strerror(errno)));
  if (!r->ReadRaw()) return r->status_;
  r->gzip_ = DetectCompression(r->raw_) == Compression::kGzip;
  return r;
}

std::unique_ptr<WarcReader> WarcReader::FromBytes(std::string name, std::string bytes,
                                                  const Limits& limits) {
  std::unique_ptr<WarcReader> r(new WarcReader(std::move(name), limits));
  r->raw_ = std::move(bytes);
  r->raw_eof_ = true;
  r->gzip_ = DetectCompression(r->raw_) == Compression::kGzip;
  return r;
}

WarcReader::~WarcReader() {
  if (file_) std::fclose(file_);
}

bool WarcReader::ReadRaw() {
  if (raw_eof_) return true;
  // Keep the unconsumed tail; read the next chunk after it.
  raw_.erase(0, raw_pos_);
  raw_pos_ = 0;
  std::size_t old = raw_.size();
  raw_.resize(old + kRawChunk);
  std::size_t n = std::fread(raw_.data() + old, 1, kRawChunk, file_);
  raw_.resize(old + n);
  if (n == 0) {
    if (std::ferror(file_)) {
      status_ = Status(ErrorCode::kIo, fmt::format("{}: read error after {} bytes: {}", name_,
                                                   raw_consumed_, std::strerror(errno)));
      return false;
    }
    raw_eof_ = true;
  }
  return true;
}

bool WarcReader::Fill(std::size_t need) {
  while (buf_.size() - pos_ < need && !eof_) {
    if (pos_ > 0 && pos_ >= buf_.size() / 2) {
      buf_.erase(0, pos_);
      buf_offset_ += pos_;
      pos_ = 0;
    }
    if (raw_pos_ == raw_.size()) {
      if (!ReadRaw()) return false;
      if (raw_pos_ == raw_.size()) {  // end of input
        if (gzip_ && member_open_) {
          status_ = Status(
              ErrorCode::kInvalidInput,
              fmt::format(
                  "{}: truncated gzip stream (ended at byte {}); the records before it were read",
                  name_, raw_consumed_));
          return false;
        }
        eof_ = true;
        break;
      }
    }
    if (!gzip_) {
      std::size_t n = raw_.size() - raw_pos_;
      buf_.append(raw_, raw_pos_, n);
      raw_pos_ += n;
      raw_consumed_ += n;
      continue;
    }
    if (!member_open_) {
      // A new gzip member starts here, or the file ends with padding.
      if (raw_.size() - raw_pos_ < 2 && !raw_eof_) {
        if (!ReadRaw()) return false;
        continue;
      }
      std::string_view rest(raw_.data() + raw_pos_, raw_.size() - raw_pos_);
      if (DetectCompression(rest) != Compression::kGzip) {
        bool padding = std::all_of(rest.begin(), rest.end(), [](char c) {
          return c == '\0' || std::isspace(static_cast<unsigned char>(c));
        });
        if (padding && raw_eof_) {
          raw_consumed_ += rest.size();
          raw_pos_ = raw_.size();
          eof_ = true;
          break;
        }
        if (padding) {
          raw_consumed_ += rest.size();
          raw_pos_ = raw_.size();
          continue;
        }
        status_ = Status(ErrorCode::kInvalidInput,
                         fmt::format("{}: bytes at offset {} are not gzip data (corrupt file?); "
                                     "the records before it were read",
                                     name_, raw_consumed_));
        return false;
      }
      if (!inflater_) {
        inflater_ = std::make_unique<Inflater>();
        if (inflateInit2(&inflater_->zs, 15 + 32) != Z_OK) {
          status_ =
              Status(ErrorCode::kInternal, fmt::format("{}: cannot start the gzip decoder", name_));
          return false;
        }
        inflater_->ready = true;
      } else {
        inflateReset(&inflater_->zs);
      }
      member_open_ = true;
    }
    z_stream& zs = inflater_->zs;
    std::size_t avail = raw_.size() - raw_pos_;
    zs.next_in = reinterpret_cast<Bytef*>(raw_.data() + raw_pos_);
    zs.avail_in = static_cast<uInt>(std::min<std::size_t>(avail, 1u << 30));
    std::size_t old = buf_.size();
    buf_.resize(old + kInflateChunk);
    zs.next_out = reinterpret_cast<Bytef*>(buf_.data() + old);
    zs.avail_out = static_cast<uInt>(kInflateChunk);
    uInt in_before = zs.avail_in;
    int rc = inflate(&zs, Z_NO_FLUSH);
    buf_.resize(old + kInflateChunk - zs.avail_out);
    std::size_t used = in_before - zs.avail_in;
    raw_pos_ += used;
    raw_consumed_ += used;
    if (rc == Z_STREAM_END) {
      member_open_ = false;
    } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
      status_ = Status(
          ErrorCode::kInvalidInput,
          fmt::format("{}: corrupt gzip data at byte {} ({}); the records before it were read",
                      name_, raw_consumed_, zs.msg ? zs.msg : "error"));
      return false;
    }
  }
  return true;
}

Result<bool> WarcReader::Next(WarcRecord* rec) {
  if (!status_.ok()) return status_;
  // Records end with CRLF CRLF; be lenient about how many.
  while (true) {
    if (!Fill(1)) return status_;
    if (pos_ >= buf_.size()) return false;
    char c = buf_[pos_];
    if (c != '\r' && c != '\n') break;
    ++pos_;
  }
  uint64_t offset = buf_offset_ + pos_;
  std::size_t header_len = std::string_view::npos;
  while (true) {
    std::size_t end = HeaderEnd(buf_, pos_);
    if (end != std::string_view::npos) {
      header_len = end - pos_;
      break;
    }
    std::size_t have = buf_.size() - pos_;
    if (have > kMaxHeaderBytes) {
      status_ = Status(
          ErrorCode::kInvalidInput,
          fmt::format("{}: record at byte {} has no end of headers within 1 MB (not a WARC file?)",
                      name_, offset));
      return status_;
    }
    if (!Fill(have + 4096)) return status_;
    if (buf_.size() - pos_ == have) {
      status_ = Status(
          ErrorCode::kInvalidInput,
          fmt::format("{}: truncated record header at byte {} (file cut short?)", name_, offset));
      return status_;
    }
  }
  std::string_view header(buf_.data() + pos_, header_len);
  if (header.substr(0, 5) != "WARC/") {
    status_ =
        Status(ErrorCode::kInvalidInput,
               fmt::format("{}: no WARC record at byte {} (found \"{}\")", name_, offset,
                           Trim(header.substr(0, std::min<std::size_t>(header.find('\n'), 20)))));
    return status_;
  }
  rec->offset = offset;
  rec->type.clear();
  rec->target_uri.clear();
  rec->date.clear();
  rec->record_id.clear();
  rec->content_type.clear();
  rec->block.clear();
  rec->oversized = false;
  int64_t length = -1;
  ForEachHeader(header, [&](const std::string& name, std::string_view value) {
    if (name == "warc-type")
      rec->type = Lower(value);
    else if (name == "warc-target-uri")
      rec->target_uri = std::string(value);
    else if (name == "warc-date")
      rec->date = std::string(value);
    else if (name == "warc-record-id")
      rec->record_id = std::string(value);
    else if (name == "content-type")
      rec->content_type = std::string(value);
    else if (name == "content-length") {
      uint64_t v = 0;
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
      if (ec == std::errc() && p == value.data() + value.size()) length = static_cast<int64_t>(v);
    }
  });
  // Some writers wrap the target URI in angle brackets (WARC 1.1 drafts).
  if (rec->target_uri.size() >= 2 && rec->target_uri.front() == '<' &&
      rec->target_uri.back() == '>')
    rec->target_uri = rec->target_uri.substr(1, rec->target_uri.size() - 2);
  if (length < 0) {
    status_ =
        Status(ErrorCode::kInvalidInput,
               fmt::format("{}: record at byte {} has no valid Content-Length", name_, offset));
    return status_;
  }
  pos_ += header_len;
  auto size = static_cast<uint64_t>(length);
  bool wanted = rec->type == "response" || rec->type == "resource" || rec->type == "conversion";
  if (wanted && size <= limits_.max_file_bytes) {
    if (!Fill(size)) return status_;
    if (buf_.size() - pos_ < size) {
      status_ = Status(
          ErrorCode::kInvalidInput,
          fmt::format("{}: record at byte {} is truncated (Content-Length {}, {} bytes left)",
                      name_, offset, size, buf_.size() - pos_));
      return status_;
    }
    rec->block.assign(buf_, pos_, size);
    pos_ += size;
    return true;
  }
  // Skip records we do not read (and oversized ones) without buffering them.
  uint64_t remaining = size;
  while (remaining > 0) {
    if (!Fill(1)) return status_;
    std::size_t avail = buf_.size() - pos_;
    if (avail == 0) {
      status_ = Status(ErrorCode::kInvalidInput,
                       fmt::format("{}: record at byte {} is truncated (Content-Length {})", name_,
                                   offset, size));
      return status_;
    }
    std::size_t take = static_cast<std::size_t>(std::min<uint64_t>(avail, remaining));
    pos_ += take;
    remaining -= take;
  }
  rec->oversized = wanted;
  return true;
}

Result<bool> ExtractWarcPage(const WarcRecord& rec, const Limits& limits, WarcPage* page) {
  page->body.clear();
  page->content_type.clear();
  page->html = false;
  if (rec.oversized) return false;
  if (rec.type == "resource" || rec.type == "conversion") {
    std::string media = MediaType(rec.content_type);
    if (!IsPageType(media, &page->html)) return false;
    page->content_type = media;
    page->body = rec.block;
    return true;
  }
  if (rec.type != "response") return false;
  if (rec.content_type.find("application/http") == std::string::npos) return false;
  std::string_view block(rec.block);
  std::size_t end = HeaderEnd(block, 0);
  if (end == std::string_view::npos)
    return Status(ErrorCode::kInvalidInput, "HTTP response without the end of its headers");
  std::string_view head = block.substr(0, end);
  std::string_view body = block.substr(end);
  // Status line: HTTP/1.1 200 OK
  std::size_t nl = head.find('\n');
  std::string_view status_line = Trim(head.substr(0, nl));
  if (status_line.substr(0, 5) != "HTTP/")
    return Status(ErrorCode::kInvalidInput, "HTTP response without a status line");
  std::size_t sp = status_line.find(' ');
  int code = 0;
  if (sp != std::string_view::npos) {
    std::string_view c = status_line.substr(sp + 1, 3);
    std::from_chars(c.data(), c.data() + c.size(), code);
  }
  if (code < 200 || code > 299) return false;  // redirects, errors: no page
  std::string content_type, transfer, encoding;
  ForEachHeader(head.substr(nl == std::string_view::npos ? head.size() : nl + 1),
                [&](const std::string& name, std::string_view value) {
                  if (name == "content-type")
                    content_type = std::string(value);
                  else if (name == "transfer-encoding")
                    transfer = Lower(value);
                  else if (name == "content-encoding")
                    encoding = Lower(value);
                });
  std::string media = MediaType(content_type);
  if (media.empty()) media = LooksLikeHtml(body) ? "text/html" : "";
  if (!IsPageType(media, &page->html)) return false;
  page->content_type = media;
  std::string decoded;
  if (transfer.find("chunked") != std::string::npos) {
    auto d = Dechunk(body);
    // Crawlers often store the payload already de-chunked but keep the
    // header; fall back to the bytes as they are.
    if (d.ok())
      decoded = std::move(d).value();
    else
      decoded = std::string(body);
  } else {
    decoded = std::string(body);
  }
  if ((encoding == "gzip" || encoding == "x-gzip" || encoding == "deflate") &&
      DetectCompression(decoded) == Compression::kGzip) {
    auto plain = Decompress(decoded, Compression::kGzip, rec.target_uri, limits);
    if (!plain.ok()) return plain.status();
    decoded = std::move(plain).value();
  }
  page->body = std::move(decoded);
  return true;
}

bool LooksLikeWarc(std::string_view head) {
  std::size_t i = 0;
  if (head.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < head.size() && std::isspace(static_cast<unsigned char>(head[i]))) ++i;
  std::string_view rest = head.substr(i);
  return rest.substr(0, 6) == "WARC/1" || rest.substr(0, 6) == "WARC/0";
}

bool FileLooksLikeWarc(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  std::string head(4096, '\0');
  head.resize(std::fread(head.data(), 1, head.size(), f));
  std::fclose(f);
  if (DetectCompression(head) != Compression::kGzip) return LooksLikeWarc(head);
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 32) != Z_OK) return false;
  char out[256];
  zs.next_in = reinterpret_cast<Bytef*>(head.data());
  zs.avail_in = static_cast<uInt>(head.size());
  zs.next_out = reinterpret_cast<Bytef*>(out);
  zs.avail_out = sizeof(out);
  inflate(&zs, Z_NO_FLUSH);
  std::size_t n = sizeof(out) - zs.avail_out;
  inflateEnd(&zs);
  return LooksLikeWarc(std::string_view(out, n));
}

}  // namespace detente
