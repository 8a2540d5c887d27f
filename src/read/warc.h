// WARC files (ISO 28500, WARC/1.0 and 1.1) as news crawls publish them:
// plain, or gzip with one member per record (or one for the whole file).
// Records are streamed: a multi-gigabyte crawl is never held in memory, only
// one record at a time (bounded by Limits::max_file_bytes).
//
// Which records carry a page: `response` records whose HTTP message has a
// 2xx status and an HTML or plain-text payload, and `resource` and
// `conversion` records (WET text) with an HTML or text Content-Type. HTTP
// chunked transfer coding and gzip/deflate content coding are undone.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "base/limits.h"
#include "base/status.h"

namespace detente {

struct WarcRecord {
  uint64_t offset = 0;       // byte offset of the record in the uncompressed stream
  std::string type;          // WARC-Type: response, request, resource, metadata, warcinfo ...
  std::string target_uri;    // WARC-Target-URI
  std::string date;          // WARC-Date (ISO 8601)
  std::string record_id;     // WARC-Record-ID
  std::string content_type;  // the record's Content-Type
  std::string block;         // the content block (for response records: the HTTP message)
  bool oversized = false;    // a page record over Limits::max_file_bytes: block left empty
};

// A page found in a record: the payload, decoded, and what it is.
struct WarcPage {
  std::string body;
  std::string content_type;  // the payload's media type, lower case, without parameters
  bool html = false;
};

class WarcReader {
 public:
  // Opens a file, plain or gzip-compressed.
  static Result<std::unique_ptr<WarcReader>> Open(const std::string& path, const Limits& limits);
  // Reads from bytes already in memory (plain or gzip), e.g. standard input.
  static std::unique_ptr<WarcReader> FromBytes(std::string name, std::string bytes,
                                               const Limits& limits);
  ~WarcReader();
  WarcReader(const WarcReader&) = delete;
  WarcReader& operator=(const WarcReader&) = delete;

  // Reads the next record: true with *record filled, false at the end. An
  // error (truncated or corrupt file, a record that is not WARC) ends the
  // file; records returned before it are good.
  Result<bool> Next(WarcRecord* record);

  // Bytes of the file consumed so far (compressed bytes for gzip files), for
  // progress reports.
  uint64_t file_bytes_read() const { return raw_consumed_; }
  const std::string& name() const { return name_; }

 private:
  WarcReader(std::string name, const Limits& limits);
  // Makes at least `need` bytes available after pos_, unless the stream ends
  // first. Returns false only on errors (status_ set).
  bool Fill(std::size_t need);
  bool ReadRaw();

  std::string name_;
  Limits limits_;
  std::FILE* file_ = nullptr;
  std::string raw_;  // compressed (or plain) input not yet decoded
  std::size_t raw_pos_ = 0;
  bool raw_eof_ = false;
  uint64_t raw_consumed_ = 0;
  bool gzip_ = false;
  struct Inflater;
  std::unique_ptr<Inflater> inflater_;
  bool member_open_ = false;  // inside a gzip member
  std::string buf_;           // decoded bytes
  std::size_t pos_ = 0;
  uint64_t buf_offset_ = 0;  // stream offset of buf_[0]
  bool eof_ = false;         // no more decoded bytes will come
  Status status_;
};

// The page a record carries, if any: nullopt-like false for records that
// are not pages (requests, metadata, redirects, images). An error means the
// record claimed to be a page but its payload could not be decoded.
Result<bool> ExtractWarcPage(const WarcRecord& record, const Limits& limits, WarcPage* page);

// True when the first bytes of a decompressed stream start a WARC record.
bool LooksLikeWarc(std::string_view head);

// Peeks at a file (decompressing the start of a gzip file) and says whether
// it is a WARC file.
bool FileLooksLikeWarc(const std::string& path);

}  // namespace detente
