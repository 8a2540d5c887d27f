#include "match/phrase_trie.h"

#include <cstring>
#include "base/arena.h"

#include "text/tokenizer.h"

namespace detente {

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c | 0x20);
  return out;
}

namespace {
bool IsShortAllCaps(std::string_view s) {
  int letters = 0;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++letters;
  }
  return letters > 0 && letters <= 4;
}
}  // namespace

std::vector<std::string> PhraseKeys(std::string_view name) {
  StringArena arena(1024);
  std::vector<Token> toks;
  Tokenizer().Tokenize(name, 0, static_cast<uint32_t>(name.size()), &arena, &toks);
  std::vector<std::string> keys;
  for (std::size_t i = 0; i < toks.size(); ++i) {
    if (i == 0 && toks.size() > 1 && toks[i].lower == "the") continue;
    if (toks[i].Is(kTokAllCaps) && IsShortAllCaps(toks[i].norm))
      keys.push_back("^" + std::string(toks[i].norm));
    else
      keys.emplace_back(toks[i].lower);
  }
  return keys;
}

void ComputeKeys(const Vocabulary& vocab, std::span<const Token> tokens, uint32_t first,
                 uint32_t end, std::vector<TokenKeys>* out) {
  out->resize(end - first);
  char caps_buf[8];
  for (uint32_t i = first; i < end; ++i) {
    const Token& t = tokens[i];
    TokenKeys& k = (*out)[i - first];
    k = TokenKeys{};
    k.lower = vocab.Lookup(t.lower);
    k.lemma = t.lemma == t.lower ? k.lower : vocab.Lookup(t.lemma);
    if (!k.lower && vocab.has_stems()) {
      k.lower = vocab.LookupStem(t.lower);
      if (!k.lemma) k.lemma = k.lower;
    }
    if (t.Is(kTokAllCaps) && t.norm.size() < sizeof(caps_buf)) {
      caps_buf[0] = '^';
      std::memcpy(caps_buf + 1, t.norm.data(), t.norm.size());
      k.caps = vocab.Lookup(std::string_view(caps_buf, t.norm.size() + 1));
    }
    std::string_view l = t.lower;
    if (l.size() > 3 && l.back() == 's') {
      k.stem = vocab.Lookup(l.substr(0, l.size() - 1));
      if (l.ends_with("es")) k.stem2 = vocab.Lookup(l.substr(0, l.size() - 2));
    }
  }
}

uint32_t PhraseTrie::Child(uint32_t node, uint32_t word) const {
  if (word == 0) return 0;
  // The root's children by word id: most tokens start no phrase, and a
  // direct array read is cheaper than a hash probe in a large edge table.
  if (node == 0) return word < root_.size() ? root_[word] : 0;
  return edges_.Find((static_cast<uint64_t>(node) << 32) | word);
}

bool PhraseTrie::Add(const std::vector<std::string>& keys, uint32_t payload,
                     uint32_t replace_below) {
  if (keys.empty()) return false;
  uint32_t node = 0;
  for (const auto& k : keys) {
    uint32_t w = vocab_->Intern(k);
    uint64_t edge = (static_cast<uint64_t>(node) << 32) | w;
    uint32_t& slot = edges_[edge];
    if (!slot) {
      slot = static_cast<uint32_t>(nodes_.size());
      nodes_.emplace_back();
    }
    if (node == 0) {
      if (root_.size() <= w) root_.resize(w + 1, 0);
      root_[w] = slot;
    }
    node = slot;
  }
  auto& p = nodes_[node].payloads;
  if (replace_below) {
    bool had = !p.empty();
    std::erase_if(p, [&](uint32_t x) { return x < replace_below; });
    if (had && p.empty()) --phrases_;
  }
  for (auto x : p)
    if (x == payload) return true;
  if (p.empty()) ++phrases_;
  p.push_back(payload);
  return true;
}

std::span<const uint32_t> PhraseTrie::LongestMatch(std::span<const Token> tokens, uint32_t i,
                                                   uint32_t end, uint32_t* length) const {
  uint32_t node = 0;
  uint32_t best_node = 0, best_len = 0;
  char caps_buf[8];
  for (uint32_t j = i; j < end; ++j) {
    const Token& t = tokens[j];
    uint32_t next = 0;
    if (t.Is(kTokAllCaps) && t.norm.size() < sizeof(caps_buf)) {
      caps_buf[0] = '^';
      std::memcpy(caps_buf + 1, t.norm.data(), t.norm.size());
      next = Child(node, WordId(std::string_view(caps_buf, t.norm.size() + 1)));
    }
    if (!next) next = Child(node, WordId(t.lower));
    if (!next) break;
    node = next;
    if (!nodes_[node].payloads.empty()) {
      best_node = node;
      best_len = j - i + 1;
    }
  }
  *length = best_len;
  if (!best_len) return {};
  return nodes_[best_node].payloads;
}

std::span<const uint32_t> PhraseTrie::LongestMatch(const KeysView& keys, uint32_t i, uint32_t end,
                                                   uint32_t* length) const {
  uint32_t node = 0;
  uint32_t best_node = 0, best_len = 0;
  for (uint32_t j = i; j < end; ++j) {
    const TokenKeys& k = keys[j];
    uint32_t next = k.caps ? Child(node, k.caps) : 0;
    if (!next) next = Child(node, k.lower);
    if (!next) break;
    node = next;
    if (!nodes_[node].payloads.empty()) {
      best_node = node;
      best_len = j - i + 1;
    }
  }
  *length = best_len;
  if (!best_len) return {};
  return nodes_[best_node].payloads;
}

std::span<const uint32_t> PhraseTrie::Find(std::string_view key) const {
  uint32_t n = Child(0, WordId(key));
  if (!n) return {};
  return nodes_[n].payloads;
}

}  // namespace detente
