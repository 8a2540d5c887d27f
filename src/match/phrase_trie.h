// A trie over token sequences, for multi-word dictionary names ("Secretary
// of State", "People's Republic of China"). Keys are lower-cased token forms;
// a key that must match in capitals (short all-caps names such as "US",
// "UN") is stored with a leading '^' and matched against Token::norm.
//
// Built once at load time; lookups are read-only and thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "match/flat_map.h"
#include "text/token.h"

namespace detente {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// One vocabulary for every dictionary word (names, titles, nouns, pattern
// literals and heads), so a token is looked up once per sentence and all
// matching compares integers.
class Vocabulary {
 public:
  uint32_t Intern(std::string_view key) { return map_.Intern(key); }
  // 0 when the key is not a dictionary word.
  uint32_t Lookup(std::string_view key) const { return map_.Lookup(key); }
  std::size_t size() const { return map_.size() + 1; }

  // Stems (TABARI): a stem also stands for any longer word it begins.
  void MarkStem(uint32_t id) {
    if (stems_.size() <= id) stems_.resize(id + 1, 0);
    stems_[id] = 1;
  }
  bool has_stems() const { return !stems_.empty(); }
  // The id of the longest stem that is a proper prefix of `word`; 0 if none.
  uint32_t LookupStem(std::string_view word) const {
    for (std::size_t n = word.size(); n-- > 2;) {
      uint32_t id = map_.Lookup(word.substr(0, n));
      if (id && id < stems_.size() && stems_[id]) return id;
    }
    return 0;
  }

 private:
  FlatStringIds map_;
  std::vector<uint8_t> stems_;
};

// A token's dictionary ids, computed once per sentence.
struct TokenKeys {
  uint32_t lower = 0;  // Token::lower
  uint32_t caps = 0;   // '^' + norm, for short all-caps tokens
  uint32_t lemma = 0;  // Token::lemma
  uint32_t stem = 0;   // lower without a final "s" (untagged plurals, 3rd person)
  uint32_t stem2 = 0;  // lower without a final "es"
};

// TokenKeys for absolute token indexes [first, end).
class KeysView {
 public:
  KeysView() = default;
  KeysView(const TokenKeys* data, uint32_t first) : data_(data), first_(first) {}
  const TokenKeys& operator[](uint32_t token) const { return data_[token - first_]; }

 private:
  const TokenKeys* data_ = nullptr;
  uint32_t first_ = 0;
};

void ComputeKeys(const Vocabulary& vocab, std::span<const Token> tokens, uint32_t first,
                 uint32_t end, std::vector<TokenKeys>* out);

class PhraseTrie {
 public:
  explicit PhraseTrie(Vocabulary* vocab) : vocab_(vocab) { nodes_.emplace_back(); }

  // Adds a phrase given as keys; returns false if it is empty. Payloads
  // below `replace_below` that the phrase already had are removed first
  // (a later dictionary layer overrides an earlier one).
  bool Add(const std::vector<std::string>& keys, uint32_t payload, uint32_t replace_below = 0);

  // The longest phrase that starts at tokens[i] (i < end); sets *length to
  // its number of tokens and returns its payloads (empty if none).
  std::span<const uint32_t> LongestMatch(std::span<const Token> tokens, uint32_t i, uint32_t end,
                                         uint32_t* length) const;
  // The same over precomputed keys (the fast path used by the coder).
  std::span<const uint32_t> LongestMatch(const KeysView& keys, uint32_t i, uint32_t end,
                                         uint32_t* length) const;

  // Exact lookup of a one-token phrase by key.
  std::span<const uint32_t> Find(std::string_view key) const;

  std::size_t phrases() const { return phrases_; }

 private:
  struct Node {
    std::vector<uint32_t> payloads;
  };
  uint32_t WordId(std::string_view key) const { return vocab_->Lookup(key); }
  uint32_t Child(uint32_t node, uint32_t word) const;

  Vocabulary* vocab_;
  FlatU64Map edges_;
  std::vector<uint32_t> root_;  // the root's child per word id (0: none)
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
