// A trie over token sequences, for multi-word dictionary names ("Secretary
// of State", "People's Republic of China"). Keys are lower-cased token forms;
// a key that must match in capitals (short all-caps names such as "US",
// "UN") is stored with a leading '^' and matched against Token::norm.
//
// Built once at load time; lookups are read-only and thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/token.h"

namespace detente {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

class PhraseTrie {
 public:
  PhraseTrie() { nodes_.emplace_back(); }

  // Adds a phrase given as keys; returns false if it is empty.
  bool Add(const std::vector<std::string>& keys, uint32_t payload);

  // The longest phrase that starts at tokens[i] (i < end); sets *length to
  // its number of tokens and returns its payloads (empty if none).
  std::span<const uint32_t> LongestMatch(std::span<const Token> tokens, uint32_t i, uint32_t end,
                                         uint32_t* length) const;

  // Exact lookup of a one-token phrase by key.
  std::span<const uint32_t> Find(std::string_view key) const;

  std::size_t phrases() const { return phrases_; }

 private:
  struct Node {
    std::vector<uint32_t> payloads;
  };
  uint32_t Intern(const std::string& key);
  uint32_t WordId(std::string_view key) const;
  uint32_t Child(uint32_t node, uint32_t word) const;

  std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>> vocab_;
  std::unordered_map<uint64_t, uint32_t> edges_;
  std::vector<Node> nodes_;
  std::size_t phrases_ = 0;
};

// Lower-cases ASCII letters (dictionary keys are ASCII or already lower).
std::string LowerAscii(std::string_view s);

// Splits a dictionary name into trie keys with the text tokenizer, so that a
// name and the same words in text always give the same keys. A leading "the"
// is dropped. Short all-caps words become case-sensitive '^' keys.
std::vector<std::string> PhraseKeys(std::string_view name);

}  // namespace detente
