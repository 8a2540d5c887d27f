// Small open-addressing hash tables for the dictionaries' hot lookups: a
// string -> id table over one owned string pool, and a uint64 -> uint32
// table. Both are filled at load time and then only read (no allocation on
// lookup), which is what the per-token lookups of the coder need;
// std::unordered_map's node chasing showed up as ~15% of coding time.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace detente {

inline uint64_t HashBytes(std::string_view s) {
  // 64-bit FNV-1a over 8-byte words, finished with a murmur-style mix.
  uint64_t h = 0xcbf29ce484222325ull ^ s.size();
  const char* p = s.data();
  std::size_t n = s.size();
  while (n >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0x100000001b3ull;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  uint64_t w = 0;
  std::memcpy(&w, p, n);
  h = (h ^ w) * 0x100000001b3ull;
  h ^= h >> 32;
  h *= 0xd6e8feb86659fd93ull;
  h ^= h >> 32;
  return h;
}

class FlatStringIds {
 public:
  // Returns the id of `key` (1-based), adding it if new.
  uint32_t Intern(std::string_view key) {
    if ((count_ + 1) * 2 > slots_.size()) Grow();
    uint64_t h = HashBytes(key);
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (!s.id) {
        s.hash = h;
        s.offset = static_cast<uint32_t>(pool_.size());
        s.length = static_cast<uint32_t>(key.size());
        pool_.append(key);
        s.id = ++count_;
        return s.id;
      }
      if (s.hash == h && Key(s) == key) return s.id;
    }
  }
  uint32_t Lookup(std::string_view key) const {
    if (slots_.empty()) return 0;
    uint64_t h = HashBytes(key);
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (!s.id) return 0;
      if (s.hash == h && Key(s) == key) return s.id;
    }
  }
  std::size_t size() const { return count_; }

 private:
  struct Slot {
    uint64_t hash = 0;
    uint32_t offset = 0, length = 0, id = 0;
  };
  std::string_view Key(const Slot& s) const {
    return std::string_view(pool_).substr(s.offset, s.length);
  }
  void Grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    std::size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (!s.id) continue;
      std::size_t i = s.hash & mask;
      while (slots_[i].id) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }
  std::vector<Slot> slots_;
  std::string pool_;
  uint32_t count_ = 0;
};

class FlatU64Map {
 public:
  // Inserts or finds `key`; returns a reference to its value.
  uint32_t& operator[](uint64_t key) {
    if ((count_ + 1) * 2 > slots_.size()) Grow();
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = Mix(key) & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (!s.used) {
        s.used = true;
        s.key = key;
        s.value = 0;
        ++count_;
        return s.value;
      }
      if (s.key == key) return s.value;
    }
  }
  // The value for `key`, or 0.
  uint32_t Find(uint64_t key) const {
    if (slots_.empty()) return 0;
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = Mix(key) & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (!s.used) return 0;
      if (s.key == key) return s.value;
    }
  }

 private:
  struct Slot {
    uint64_t key = 0;
    uint32_t value = 0;
    bool used = false;
  };
  static uint64_t Mix(uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    k ^= k >> 33;
    return k;
  }
  void Grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    std::size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (!s.used) continue;
      std::size_t i = Mix(s.key) & mask;
      while (slots_[i].used) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }
  std::vector<Slot> slots_;
  std::size_t count_ = 0;
};

}  // namespace detente
