// A 64-bit content hash (the XXH64 algorithm, written from its public
// specification). Documents are identified by the hash of their text, so the
// same article read twice, from any file, is stored once.
#pragma once

#include <cstdint>
#include <string_view>

namespace detente {

uint64_t Hash64(std::string_view bytes, uint64_t seed = 0);

}  // namespace detente
