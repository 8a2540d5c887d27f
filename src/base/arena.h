// A bump allocator for short strings that live as long as one document
// (normalised and lower-cased token forms). Blocks never move, so views into
// the arena stay valid until Reset(); Reset() keeps the first block so a
// reused arena does not allocate in steady state.
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace detente {

class StringArena {
 public:
  explicit StringArena(std::size_t block_size = 64 * 1024) : block_size_(block_size) {}
  StringArena(const StringArena&) = delete;
  StringArena& operator=(const StringArena&) = delete;
  StringArena(StringArena&&) = default;
  StringArena& operator=(StringArena&&) = default;

  char* Allocate(std::size_t n) {
    if (used_ + n > capacity_) NewBlock(n);
    char* p = current_ + used_;
    used_ += n;
    return p;
  }
  std::string_view Copy(std::string_view s) {
    char* p = Allocate(s.size());
    if (!s.empty()) std::memcpy(p, s.data(), s.size());
    return {p, s.size()};
  }
  void Reset() {
    if (blocks_.size() > 1) blocks_.resize(1);
    if (!blocks_.empty()) {
      current_ = blocks_[0].get();
      capacity_ = block_size_;
    }
    used_ = 0;
  }

 private:
  void NewBlock(std::size_t n) {
    std::size_t size = n > block_size_ ? n : block_size_;
    // Oversized requests get their own block; it is dropped at Reset().
    // Not value-initialised: zeroing 64 KiB per document showed up in profiles.
    blocks_.push_back(std::unique_ptr<char[]>(new char[size]));
    current_ = blocks_.back().get();
    capacity_ = size;
    used_ = 0;
  }

  std::size_t block_size_;
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* current_ = nullptr;
  std::size_t used_ = 0;
  std::size_t capacity_ = 0;
};

}  // namespace detente
