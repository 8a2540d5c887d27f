// What kind of input a buffer holds, decided from its content (the file name
// is only a tie-breaker), and transparent decompression of gzip and zstd.
#pragma once

#include <string>
#include <string_view>

#include "base/limits.h"
#include "base/status.h"
#include "read/document.h"

namespace detente {

enum class Compression { kNone, kGzip, kZstd };
Compression DetectCompression(std::string_view bytes);

// Decompresses a whole gzip or zstd buffer, bounded by limits.max_file_bytes.
// A truncated or corrupt stream is an error naming the byte offset reached.
Result<std::string> Decompress(std::string_view bytes, Compression c, const std::string& name,
                               const Limits& limits);

InputKind DetectKind(std::string_view bytes, std::string_view path);

}  // namespace detente
