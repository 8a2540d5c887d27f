// UTF-8 helpers over byte buffers. Invalid bytes are never fatal: callers
// learn where they are and skip them, so offsets into the original input stay
// exact.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace detente {

// Length of the valid UTF-8 sequence starting at s[i], or 0 if the bytes there
// are not valid UTF-8 (overlong forms, surrogates and truncation included).
std::size_t Utf8SequenceLength(std::string_view s, std::size_t i);

// Decodes the code point at s[i] (which must start a valid sequence of length
// `len`).
char32_t Utf8Decode(std::string_view s, std::size_t i, std::size_t len);

struct Utf8Check {
  std::size_t invalid_sequences = 0;
  std::size_t first_invalid_offset = 0;  // meaningful when invalid_sequences > 0
};
Utf8Check CheckUtf8(std::string_view s);

// True if the buffer looks like binary data rather than text: NUL bytes or a
// high share of control characters in its first 8 KiB.
bool LooksBinary(std::string_view s);

}  // namespace detente
