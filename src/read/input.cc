#include "read/input.h"

#include <zlib.h>
#include <zstd.h>

#include <cctype>

#include <fmt/format.h>

#include "read/html.h"

namespace detente {

Compression DetectCompression(std::string_view b) {
  if (b.size() >= 2 && static_cast<unsigned char>(b[0]) == 0x1f && static_cast<unsigned char>(b[1]) == 0x8b)
    return Compression::kGzip;
  if (b.size() >= 4 && static_cast<unsigned char>(b[0]) == 0x28 && static_cast<unsigned char>(b[1]) == 0xb5 &&
      static_cast<unsigned char>(b[2]) == 0x2f && static_cast<unsigned char>(b[3]) == 0xfd)
    return Compression::kZstd;
  return Compression::kNone;
}

Result<std::string> Decompress(std::string_view in, Compression c, const std::string& name,
                               const Limits& limits) {
  std::string out;
  if (c == Compression::kGzip) {
    z_stream zs{};
    if (inflateInit2(&zs, 15 + 32) != Z_OK)
      return Status(ErrorCode::kInternal, fmt::format("{}: cannot start gzip decoder", name));
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    int rc = Z_OK;
    char buf[1 << 16];
    while (true) {
      zs.next_out = reinterpret_cast<Bytef*>(buf);
      zs.avail_out = sizeof(buf);
      rc = inflate(&zs, Z_NO_FLUSH);
      out.append(buf, sizeof(buf) - zs.avail_out);
      if (out.size() > limits.max_file_bytes) {
        inflateEnd(&zs);
        return Status(ErrorCode::kTooLarge,
                      fmt::format("{}: decompresses to more than {} bytes (raise --max-file-bytes)", name,
                                  limits.max_file_bytes));
      }
      if (rc == Z_STREAM_END) {
        // Concatenated gzip members (as WARC files use) continue.
        if (zs.avail_in > 0) {
          inflateReset(&zs);
          continue;
        }
        break;
      }
      if (rc != Z_OK) {
        std::size_t at = in.size() - zs.avail_in;
        inflateEnd(&zs);
        return Status(ErrorCode::kInvalidInput,
                      fmt::format("{}: corrupt gzip data at byte {} ({})", name, at, zs.msg ? zs.msg : "error"));
      }
      if (zs.avail_in == 0 && zs.avail_out != 0) {
        inflateEnd(&zs);
        return Status(ErrorCode::kInvalidInput,
                      fmt::format("{}: truncated gzip stream (ended at byte {}); the {} bytes decoded so far were not used",
                                  name, in.size(), out.size()));
      }
    }
    inflateEnd(&zs);
    return out;
  }
  if (c == Compression::kZstd) {
    ZSTD_DStream* ds = ZSTD_createDStream();
    ZSTD_initDStream(ds);
    ZSTD_inBuffer ib{in.data(), in.size(), 0};
    std::string buf(ZSTD_DStreamOutSize(), '\0');
    std::size_t last = 1;
    while (ib.pos < ib.size) {
      ZSTD_outBuffer ob{buf.data(), buf.size(), 0};
      last = ZSTD_decompressStream(ds, &ob, &ib);
      if (ZSTD_isError(last)) {
        ZSTD_freeDStream(ds);
        return Status(ErrorCode::kInvalidInput, fmt::format("{}: corrupt zstd data at byte {} ({})", name,
                                                            ib.pos, ZSTD_getErrorName(last)));
      }
      out.append(buf.data(), ob.pos);
      if (out.size() > limits.max_file_bytes) {
        ZSTD_freeDStream(ds);
        return Status(ErrorCode::kTooLarge, fmt::format("{}: decompresses to more than {} bytes", name,
                                                        limits.max_file_bytes));
      }
    }
    // Drain whatever output is still buffered.
    while (last != 0) {
      ZSTD_outBuffer ob{buf.data(), buf.size(), 0};
      last = ZSTD_decompressStream(ds, &ob, &ib);
      if (ZSTD_isError(last) || ob.pos == 0) break;
      out.append(buf.data(), ob.pos);
    }
    ZSTD_freeDStream(ds);
    if (last != 0)
      return Status(ErrorCode::kInvalidInput,
                    fmt::format("{}: truncated zstd stream (ended at byte {})", name, in.size()));
    return out;
  }
  return std::string(in);
}

InputKind DetectKind(std::string_view b, std::string_view path) {
  std::size_t i = 0;
  if (b.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < b.size() && std::isspace(static_cast<unsigned char>(b[i]))) ++i;
  std::string_view rest = b.substr(i);
  if (rest.substr(0, 6) == "WARC/1" || rest.substr(0, 6) == "WARC/0") return InputKind::kWarc;
  if (!rest.empty() && rest[0] == '{') {
    // JSONL if the first line is an object that closes on that line.
    std::size_t nl = rest.find('\n');
    std::string_view first = rest.substr(0, nl);
    while (!first.empty() && std::isspace(static_cast<unsigned char>(first.back()))) first.remove_suffix(1);
    if (!first.empty() && first.back() == '}') return InputKind::kJsonl;
    auto ends_with = [&](std::string_view suffix) {
      return path.size() >= suffix.size() && path.substr(path.size() - suffix.size()) == suffix;
    };
    if (ends_with(".jsonl") || ends_with(".ndjson") || ends_with(".jsonl.gz") || ends_with(".jsonl.zst"))
      return InputKind::kJsonl;
  }
  if (LooksLikeHtml(rest)) return InputKind::kHtml;
  // TSV with a header row naming a text column.
  std::size_t nl = rest.find('\n');
  std::string_view header = rest.substr(0, nl);
  if (header.find('\t') != std::string_view::npos && header.size() < 1000) {
    std::string h(header);
    for (auto& c : h) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool has_text = h.find("title") != std::string::npos || h.find("text") != std::string::npos ||
                    h.find("description") != std::string::npos;
    bool has_meta = h.find("date") != std::string::npos || h.find("id") != std::string::npos;
    if (has_text && has_meta) return InputKind::kTsv;
  }
  return InputKind::kText;
}

}  // namespace detente
