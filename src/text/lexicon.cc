#include "text/lexicon.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "text/word_class.h"

namespace detente {
namespace {

// The Penn tags of the festlex-poslex data, in the order its trigram file lists
// them. "of" is the WSJ lexicon's own tag for the word "of"; "1" and "2" are
// artifacts of that data and are never proposed as a word's tag.
enum Tag : uint8_t {
  kNN,
  kPUNC,
  kNNP,
  kDT,
  kIN,
  kJJ,
  kNNS,
  kCD,
  kRB,
  kVBD,
  kVB,
  kPRP,
  kCC,
  kOF,
  kTO,
  kVBZ,
  kVBN,
  kVBG,
  kVBP,
  kMD,
  kPOS,
  kWDT,
  kJJR,
  kWP,
  kNNPS,
  kWRB,
  kJJS,
  kRBR,
  kRP,
  kEX,
  kRBS,
  kPDT,
  kFW,
  kONE,
  kUH,
  kSYM,
  kLS,
  kTWO,
};
constexpr int kNumTags = 38;
constexpr std::array<std::string_view, kNumTags> kTagNames = {
    "nn",  "punc", "nnp", "dt",  "in",  "jj",  "nns", "cd",  "rb",  "vbd", "vb", "prp",  "cc",
    "of",  "to",   "vbz", "vbn", "vbg", "vbp", "md",  "pos", "wdt", "jjr", "wp", "nnps", "wrb",
    "jjs", "rbr",  "rp",  "ex",  "rbs", "pdt", "fw",  "1",   "uh",  "sym", "ls", "2",
};

constexpr std::array<Pos, kNumTags> kTagPos = {
    Pos::kNoun,       Pos::kPunct,        Pos::kProperNoun,  Pos::kDeterminer,  Pos::kPreposition,
    Pos::kAdjective,  Pos::kNoun,         Pos::kNumber,      Pos::kAdverb,      Pos::kVerbPast,
    Pos::kVerb,       Pos::kPronoun,      Pos::kConjunction, Pos::kPreposition, Pos::kTo,
    Pos::kVerb,       Pos::kVerbPastPart, Pos::kVerbGerund,  Pos::kVerb,        Pos::kModal,
    Pos::kPossessive, Pos::kDeterminer,   Pos::kAdjective,   Pos::kPronoun,     Pos::kProperNoun,
    Pos::kAdverb,     Pos::kAdjective,    Pos::kAdverb,      Pos::kParticle,    Pos::kOther,
    Pos::kAdverb,     Pos::kDeterminer,   Pos::kOther,       Pos::kOther,       Pos::kOther,
    Pos::kSymbol,     Pos::kSymbol,       Pos::kOther,
};

int TagIndex(std::string_view name) {
  for (int i = 0; i < kNumTags; ++i) {
    if (kTagNames[i] == name) return i;
  }
  return -1;
}

bool IsVerbTag(uint8_t t) {
  return t == kVB || t == kVBD || t == kVBN || t == kVBG || t == kVBP || t == kVBZ;
}

// Tags an unseen word can take; closed classes are fully listed in the lexicon.
constexpr std::array<uint8_t, 14> kOpenTags = {kNN, kNNS, kNNP, kNNPS, kJJ,  kJJR, kJJS,
                                               kRB, kVB,  kVBD, kVBN,  kVBG, kVBP, kVBZ};
constexpr int kNumOpen = static_cast<int>(kOpenTags.size());
constexpr int kOpenNNP = 2;
constexpr int kOpenNNPS = 3;
constexpr int kOpenJJ = 4;

// Few enough that a trigram Viterbi step costs at most 6^3 additions, and
// enough for every reading of a word that the WSJ counts support.
constexpr int kMaxCand = 6;
// Sentences longer than this are decoded in windows, each window starting
// from the last two tags of the one before.
constexpr size_t kWindow = 400;
// The Debian data needs under 1 MB of pooled strings; far more means the
// files are not what they should be (and offsets must fit in 32 bits).
constexpr size_t kMaxPoolBytes = size_t{256} << 20;
// Longest word the suffix rules rewrite (in a stack buffer).
constexpr size_t kMaxRuleWord = 64;
// Longest suffix the unknown-word model conditions on.
constexpr size_t kMaxSuffix = 4;
// Words seen at most this often in the WSJ data behave like unseen words, so
// their suffixes train the unknown-word model.
constexpr double kRareCount = 10.0;

uint64_t HashBytes(std::string_view s) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ (s.size() * 0xff51afd7ed558ccdull);
  const char* p = s.data();
  size_t n = s.size();
  while (n >= 8) {
    uint64_t x;
    std::memcpy(&x, p, 8);
    h = (h ^ x) * 0xbf58476d1ce4e5b9ull;
    h ^= h >> 31;
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    // The last n bytes, little-endian and zero-extended (as a memcpy of n
    // bytes into a zeroed word), from two overlapping fixed-size loads so
    // that no call to memcpy is made.
    uint64_t x;
    if (n >= 4) {
      uint32_t lo, hi;
      std::memcpy(&lo, p, 4);
      std::memcpy(&hi, p + n - 4, 4);
      x = lo | (static_cast<uint64_t>(hi) << (8 * (n - 4)));
    } else {
      const auto* u = reinterpret_cast<const unsigned char*>(p);
      x = u[0] | (static_cast<uint64_t>(u[n / 2]) << (8 * (n / 2))) |
          (static_cast<uint64_t>(u[n - 1]) << (8 * (n - 1)));
    }
    h = (h ^ x) * 0x94d049bb133111ebull;
  }
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 32;
  return h;
}

// A string stored in Lexicon::Impl::pool, by offset so that it survives the
// pool growing while the data loads.
struct PoolRef {
  uint32_t off = 0;
  uint32_t len = 0;
};

// An open-addressing hash table whose keys live in a string pool the Lexicon
// owns. std::unordered_map costs a heap node per key; with ~150k keys that is
// most of the load-time budget, and its lookups chase three pointers. Here a
// slot is 8 bytes plus the value, and a lookup is one linear probe.
template <typename V>
class StrTable {
 public:
  struct Slot {
    uint32_t off;
    uint16_t len;  // 0 marks an empty slot
    uint16_t tag;  // hash bits not used for the index, compared first
    [[no_unique_address]] V value;
  };

  explicit StrTable(const std::string* pool) : pool_(pool) {}

  void Reserve(size_t n) {
    size_t cap = 16;
    while (cap * 3 < n * 4) cap *= 2;
    if (cap > slots_.size()) Rehash(cap);
  }

  // Inserts the pooled string `ref` -> value unless an equal key is present.
  // Returns the slot and whether it was inserted; keys must be 1..65535 bytes.
  std::pair<Slot*, bool> Emplace(PoolRef ref, V value) {
    if (ref.len == 0 || ref.len > UINT16_MAX) return {nullptr, false};
    if (4 * (size_ + 1) > 3 * slots_.size()) Rehash(std::max<size_t>(16, 2 * slots_.size()));
    std::string_view key(pool_->data() + ref.off, ref.len);
    uint64_t h = HashBytes(key);
    uint16_t tag = static_cast<uint16_t>(h >> 48);
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.len == 0) {
        s = Slot{ref.off, static_cast<uint16_t>(ref.len), tag, std::move(value)};
        ++size_;
        return {&s, true};
      }
      if (s.tag == tag && Key(s) == key) return {&s, false};
    }
  }

  const Slot* Find(std::string_view key) const { return Find(key, HashBytes(key)); }
  // The same with the key's HashBytes already computed.
  const Slot* Find(std::string_view key, uint64_t h) const {
    if (size_ == 0 || key.empty()) return nullptr;
    uint16_t tag = static_cast<uint16_t>(h >> 48);
    const char* base = pool_->data();
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.len == 0) return nullptr;
      if (s.tag == tag && s.len == key.size() && Equal(base + s.off, key.data(), s.len)) {
        return &s;
      }
    }
  }
  bool Contains(std::string_view key) const { return Find(key) != nullptr; }
  std::string_view Key(const Slot& s) const { return {pool_->data() + s.off, s.len}; }

  template <typename Fn>
  void ForEach(Fn&& fn) const {
    for (const Slot& s : slots_) {
      if (s.len != 0) fn(s);
    }
  }

 private:
  void Rehash(size_t cap) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(cap, Slot{});
    mask_ = cap - 1;
    for (const Slot& s : old) {
      if (s.len == 0) continue;
      size_t i = HashBytes(Key(s)) & mask_;
      while (slots_[i].len != 0) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }

  // Keys are a few bytes long: word-sized overlapping loads beat both a
  // byte loop and a call to memcmp.
  static bool Equal(const char* a, const char* b, size_t n) {
    if (n >= 8) {
      uint64_t x, y;
      for (size_t i = 0; i + 8 < n; i += 8) {
        std::memcpy(&x, a + i, 8);
        std::memcpy(&y, b + i, 8);
        if (x != y) return false;
      }
      std::memcpy(&x, a + n - 8, 8);
      std::memcpy(&y, b + n - 8, 8);
      return x == y;
    }
    if (n >= 4) {
      uint32_t x0, y0, x1, y1;
      std::memcpy(&x0, a, 4);
      std::memcpy(&y0, b, 4);
      std::memcpy(&x1, a + n - 4, 4);
      std::memcpy(&y1, b + n - 4, 4);
      return ((x0 ^ y0) | (x1 ^ y1)) == 0;
    }
    for (size_t i = 0; i < n; ++i) {
      if (a[i] != b[i]) return false;
    }
    return true;
  }

  const std::string* pool_;
  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};
struct Empty {};
using StrSet = StrTable<Empty>;

struct Cands {
  uint8_t n;
  uint8_t tag[kMaxCand];
  float emit[kMaxCand];  // log P(word | tag), up to a per-word constant
};

// Viterbi state for one window: candidates (with two context slots in front),
// back pointers and the decoded tags. Trivially constructible, so a
// thread_local instance costs no per-call allocation or init guard.
struct Scratch {
  Cands cand[kWindow + 2];
  uint8_t back[kWindow + 2][kMaxCand][kMaxCand];
  uint8_t tags[kWindow + 2];
  int32_t entry[kWindow];  // lexicon entry of each token, or -1
};
thread_local Scratch tls_scratch;

// Candidates of words the lexicon does not list, per thread: names and
// numbers recur within and across documents, and computing their readings
// (suffix lookups, a logarithm per open tag) costs far more than a probe.
// Direct-mapped; an entry is valid only for the lexicon whose id it holds.
struct UnknownEntry {
  uint64_t lexicon;  // Impl::id, 0 when empty
  uint64_t hash;     // HashBytes of the word
  uint8_t key;       // the token features UnknownCands reads (see AnnotateWindow)
  uint8_t len;
  char word[22];
  Cands cands;
};
constexpr size_t kUnknownCacheSize = 1024;  // a power of two
constexpr size_t kMaxCachedWord = sizeof(UnknownEntry::word);
thread_local UnknownEntry tls_unknown[kUnknownCacheSize];

std::atomic<uint64_t> next_lexicon_id{1};

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

bool IsConsonant(char c) { return c >= 'a' && c <= 'z' && !IsVowel(c); }

// Lemmas of clitics and of the halves of split contractions ("won't" ->
// "wo" "n't"), which WordNet does not list.
struct Override {
  std::string_view word;
  std::string_view lemma;
};
constexpr Override kVerbClitics[] = {
    {"'s", "be"}, {"'re", "be"}, {"'m", "be"}, {"'ve", "have"}, {"'d", "have"},
};
constexpr Override kModalLemmas[] = {
    {"'ll", "will"}, {"wo", "will"}, {"ca", "can"}, {"'d", "would"}, {"sha", "shall"},
};

// Plurals whose singular (by WordNet's rules) is a different word.
constexpr std::string_view kKeepPlural[] = {
    "news",      "species",  "series",      "means",        "physics",
    "economics", "politics", "mathematics", "headquarters", "arms",
    "goods",     "earnings", "savings",     "whereabouts",  "odds",
};

constexpr std::string_view kPossessivePronouns[] = {"my",  "your",  "his",  "its",
                                                    "our", "their", "whose"};

struct Rule {
  std::string_view suffix;
  std::string_view replacement;
};
// WordNet morphy's detachment rules, in morphy's order.
constexpr Rule kVerbRules[] = {{"s", ""},   {"ies", "y"}, {"es", "e"},  {"es", ""},
                               {"ed", "e"}, {"ed", ""},   {"ing", "e"}, {"ing", ""}};
constexpr Rule kNounRules[] = {{"s", ""},      {"ses", "s"},   {"xes", "x"},   {"zes", "z"},
                               {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}};

std::string_view FindOverride(std::span<const Override> table, std::string_view word) {
  for (const Override& o : table) {
    if (o.word == word) return o.lemma;
  }
  return {};
}

Status OpenError(const std::string& path, std::string_view package, int err) {
  ErrorCode code = (err == ENOENT || err == ENOTDIR) ? ErrorCode::kNotFound
                   : err == EACCES                   ? ErrorCode::kPermissionDenied
                                                     : ErrorCode::kIo;
  std::string msg = "cannot read " + path + ": " + std::strerror(err);
  msg += " (this file comes with the Debian package ";
  msg += package;
  msg += ")";
  return Status(code, std::move(msg));
}

// Reads a text file line by line through one fixed buffer. The data files are
// read this way rather than whole because fresh memory is not free (each new
// page faults), and all but the first field of most lines is thrown away.
class LineReader {
 public:
  LineReader() : buf_(new char[kBufSize]) {}
  ~LineReader() {
    if (fd_ >= 0) ::close(fd_);
  }
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  Status Open(const std::string& path, std::string_view package) {
    path_ = path;
    package_ = package;
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) return OpenError(path, package, errno);
    struct stat st;
    if (::fstat(fd_, &st) != 0) return OpenError(path, package, errno);
    if (S_ISDIR(st.st_mode)) return OpenError(path, package, EISDIR);
    size_ = S_ISREG(st.st_mode) ? static_cast<size_t>(st.st_size) : 0;
    return Status::Ok();
  }

  size_t file_size() const { return size_; }

  // The next line without its terminator. A line longer than the buffer is
  // cut to the buffer's size (its rest is skipped), which is harmless for
  // these files whose long lines are only long lists of synset offsets.
  bool Next(std::string_view* line) {
    for (;;) {
      const char* nl =
          static_cast<const char*>(std::memchr(buf_.get() + begin_, '\n', end_ - begin_));
      if (nl != nullptr || (eof_ && begin_ < end_) || end_ - begin_ == kBufSize) {
        size_t stop = nl ? static_cast<size_t>(nl - buf_.get()) : end_;
        *line = std::string_view(buf_.get() + begin_, stop - begin_);
        if (!line->empty() && line->back() == '\r') line->remove_suffix(1);
        begin_ = nl ? stop + 1 : end_;
        if (nl == nullptr && !eof_) skip_ = true;
        return true;
      }
      if (eof_) return false;
      if (!Fill()) return false;
    }
  }

  const Status& status() const { return status_; }

 private:
  static constexpr size_t kBufSize = 64 << 10;

  bool Fill() {
    std::memmove(buf_.get(), buf_.get() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
    while (end_ < kBufSize) {
      ssize_t r = ::read(fd_, buf_.get() + end_, kBufSize - end_);
      if (r < 0 && errno == EINTR) continue;
      if (r < 0) {
        status_ = OpenError(path_, package_, errno);
        eof_ = true;
        return false;
      }
      if (r == 0) {
        eof_ = true;
        break;
      }
      if (skip_) {
        // Drop the rest of an over-long line.
        const char* nl = static_cast<const char*>(std::memchr(buf_.get() + end_, '\n', r));
        if (nl == nullptr) continue;
        size_t keep = static_cast<size_t>(buf_.get() + end_ + r - (nl + 1));
        std::memmove(buf_.get() + end_, nl + 1, keep);
        r = static_cast<ssize_t>(keep);
        skip_ = false;
      }
      end_ += static_cast<size_t>(r);
      if (std::memchr(buf_.get(), '\n', end_) != nullptr) break;
    }
    return true;
  }

  std::unique_ptr<char[]> buf_;
  std::string path_;
  std::string_view package_;
  int fd_ = -1;
  size_t size_ = 0;
  size_t begin_ = 0, end_ = 0;
  bool eof_ = false;
  bool skip_ = false;
  Status status_;
};

Status ReadWholeFile(const std::string& path, std::string_view package, std::string* out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return OpenError(path, package, errno);
  struct stat st;
  if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
    int err = S_ISDIR(st.st_mode) ? EISDIR : errno;
    ::close(fd);
    return OpenError(path, package, err);
  }
  // The real file is 140 KB; anything far larger is not the data we know.
  constexpr size_t kMaxBytes = 64 << 20;
  out->clear();
  char chunk[16384];
  for (;;) {
    ssize_t r = ::read(fd, chunk, sizeof chunk);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) {
      int err = errno;
      ::close(fd);
      return OpenError(path, package, err);
    }
    if (r == 0) break;
    out->append(chunk, static_cast<size_t>(r));
    if (out->size() > kMaxBytes) {
      ::close(fd);
      return Status(ErrorCode::kTooLarge,
                    path + ": larger than 64 MiB, not a " + std::string(package) + " data file");
    }
  }
  ::close(fd);
  return Status::Ok();
}

}  // namespace

struct Lexicon::Impl {
  // Every word, lemma and suffix the tables below refer to, packed. Never
  // modified once Load returns, so views into it stay valid.
  std::string pool;

  StrTable<PoolRef> verb_exc{&pool};  // inflected form -> first lemma
  StrTable<PoolRef> noun_exc{&pool};
  StrTable<PoolRef> adj_exc{&pool};  // irregular comparatives, superlatives ("likelier")
  StrSet verb_index{&pool};
  StrSet noun_index{&pool};

  std::vector<Cands> entries;
  // Per entry, the verb lemma (if it has a verb reading) and the noun lemma
  // (if it has an nns reading), computed once at load; len 0 when unset.
  std::vector<std::array<PoolRef, 2>> lemmas;
  // WordClassOf each entry's word, so that annotating needs no lookup.
  std::vector<uint16_t> word_classes;
  StrTable<uint32_t> words{&pool};  // lower-case word -> index into entries
  // words' entry for each one-byte word (punctuation, "a", "i"), or -1, so
  // that these frequent tokens are looked up without hashing.
  std::array<int32_t, 256> one_byte_entry{};

  // Unknown-word model: P(open tag | suffix), smoothed towards shorter suffixes.
  std::vector<std::array<float, kNumOpen>> suffix_probs;
  StrTable<uint32_t> suffixes{&pool};
  std::array<float, kNumOpen> rare_prior{};  // P(open tag) over rare words

  // log P(t3 | t1, t2) at (t2 * kNumTags + t3) * kNumTags + t1: Viterbi fixes
  // (t2, t3) and maximises over t1, which then reads one contiguous row.
  std::vector<float> trans;
  std::array<double, kNumTags> tag_count{};
  std::array<float, kNumTags> log_prior{};  // log P(t)

  size_t malformed_lines = 0;
  // Distinguishes this lexicon's entries in the per-thread caches.
  const uint64_t id = next_lexicon_id.fetch_add(1, std::memory_order_relaxed);

  Status CheckPool(const std::string& path) const {
    if (pool.size() <= kMaxPoolBytes) return Status::Ok();
    return Status(ErrorCode::kTooLarge,
                  path + ": far more words than the Debian data has; not a lexicon file");
  }
  PoolRef Intern(std::string_view s) {
    PoolRef ref{static_cast<uint32_t>(pool.size()), static_cast<uint32_t>(s.size())};
    pool.append(s);
    return ref;
  }
  std::string_view View(PoolRef ref) const { return {pool.data() + ref.off, ref.len}; }

  Status LoadExceptions(const std::string& path, StrTable<PoolRef>* map);
  Status LoadIndex(const std::string& path, StrSet* set);
  Status LoadNgram(const std::string& path);
  Status LoadPoslex(const std::string& path);
  void FinishSuffixModel(std::vector<std::array<float, kNumOpen>>* counts,
                         const std::array<double, kNumOpen>& prior);
  void SmoothRareEntry(uint32_t index, std::string_view word);
  const float* SuffixDist(std::string_view w) const;

  std::string_view VerbLemma(std::string_view w) const;
  std::string_view NounLemma(std::string_view w) const;
  // A view into the pool as a PoolRef; other views (static strings) are copied in.
  PoolRef ToRef(std::string_view v) {
    if (v.data() >= pool.data() && v.data() + v.size() <= pool.data() + pool.size()) {
      return {static_cast<uint32_t>(v.data() - pool.data()), static_cast<uint32_t>(v.size())};
    }
    return Intern(v);
  }
  void ComputeLemmas();
  void KnownCands(const Cands& e, const Token& tok, bool initial, bool headline, Cands* out) const;
  void UnknownCands(const Token& tok, bool initial, bool headline, Cands* out) const;
  void Decode(Scratch* s, size_t n) const;
  void RepairVerblessClauses(std::span<const Token> window, Scratch* s) const;
  void AnnotateWindow(std::span<Token> sentence, size_t begin, size_t end, bool headline,
                      uint8_t* ctx2, uint8_t* ctx1) const;
};

namespace {

// Keeps the kMaxCand highest-scoring (tag, score) pairs, best first.
void SelectTop(const uint8_t* tags, const float* scores, int n, Cands* out) {
  out->n = 0;
  for (int i = 0; i < n; ++i) {
    float s = scores[i];
    if (!(s > -std::numeric_limits<float>::infinity())) continue;
    int pos = out->n < kMaxCand ? out->n++ : kMaxCand;
    if (pos == kMaxCand) {
      if (s <= out->emit[kMaxCand - 1]) continue;
      pos = kMaxCand - 1;
    }
    while (pos > 0 && out->emit[pos - 1] < s) {
      out->emit[pos] = out->emit[pos - 1];
      out->tag[pos] = out->tag[pos - 1];
      --pos;
    }
    out->emit[pos] = s;
    out->tag[pos] = tags[i];
  }
}

bool IsSymbolToken(std::string_view s) {
  if (s.empty()) return false;
  unsigned char c = static_cast<unsigned char>(s[0]);
  if (c >= 0x80) return s != "\xE2\x80\xA6";  // anything but an ellipsis
  return s.size() == 1 && c != 0 && std::strchr("$%#&@+=*<>^~|\\", c) != nullptr;
}

// Opening punctuation after which a capital letter says nothing about names.
bool OpensClause(std::string_view s) {
  if (s.size() == 2) return s == "``";
  if (s.size() != 1) return false;
  switch (s[0]) {
    case '"':
    case '`':
    case '\'':
    case '(':
    case '[':
    case '{':
    case ':':
      return true;
    default:
      return false;
  }
}

}  // namespace

Status Lexicon::Impl::LoadExceptions(const std::string& path, StrTable<PoolRef>* map) {
  LineReader in;
  DETENTE_RETURN_IF_ERROR(in.Open(path, "wordnet-base"));
  map->Reserve(in.file_size() / 14);
  std::string_view line;
  while (in.Next(&line)) {
    if (line.empty()) continue;
    size_t sp = line.find(' ');
    std::string_view form = line.substr(0, sp);
    std::string_view rest = sp == std::string_view::npos ? "" : line.substr(sp + 1);
    std::string_view lemma = rest.substr(0, rest.find(' '));
    if (form.empty() || lemma.empty() || form.size() > UINT16_MAX) {
      ++malformed_lines;
      continue;
    }
    PoolRef key = Intern(form);
    if (!map->Emplace(key, Intern(lemma)).second) pool.resize(key.off);
    DETENTE_RETURN_IF_ERROR(CheckPool(path));
  }
  return in.status();
}

Status Lexicon::Impl::LoadIndex(const std::string& path, StrSet* set) {
  LineReader in;
  DETENTE_RETURN_IF_ERROR(in.Open(path, "wordnet-base"));
  // About one single-word lemma per 80 bytes of index.noun and index.verb.
  set->Reserve(in.file_size() / 80);
  std::string_view line;
  while (in.Next(&line)) {
    if (line.empty() || line[0] == ' ') continue;  // license header
    std::string_view word = line.substr(0, line.find(' '));
    if (word.find('_') != std::string_view::npos) continue;  // multi-word lemma
    if (word.size() > UINT16_MAX) {
      ++malformed_lines;
      continue;
    }
    PoolRef ref = Intern(word);
    if (!set->Emplace(ref, {}).second) pool.resize(ref.off);
    DETENTE_RETURN_IF_ERROR(CheckPool(path));
  }
  return in.status();
}

Status Lexicon::Impl::LoadNgram(const std::string& path) {
  std::string buf;
  DETENTE_RETURN_IF_ERROR(ReadWholeFile(path, "festlex-poslex", &buf));
  auto bad = [&](std::string_view why) {
    return Status(ErrorCode::kInvalidInput,
                  path + ": not a Festival binary tag trigram file (" + std::string(why) + ")");
  };
  // Layout (Edinburgh Speech Tools, load_ngram_cstr_bin): "NgramBin_2 <order>\n",
  // the context vocabulary, the predicted vocabulary, each on one line, then
  // doubles. The magic "Ngra" is an int written in the writer's byte order,
  // which is also the order of the doubles.
  std::array<std::string_view, 3> lines;
  size_t pos = 0;
  for (auto& line : lines) {
    size_t nl = buf.find('\n', pos);
    if (nl == std::string::npos) return bad("truncated header");
    line = std::string_view(buf).substr(pos, nl - pos);
    pos = nl + 1;
  }
  bool big_endian;
  if (lines[0].starts_with("NgramBin_2 ")) {
    big_endian = true;
  } else if (lines[0].starts_with("argNBin_2 ")) {
    big_endian = false;
  } else {
    return bad("bad magic");
  }
  if (lines[0].substr(lines[0].find(' ') + 1) != "3") return bad("not a trigram model");
  auto split_tags = [&](std::string_view line, std::vector<int>* ids) {
    size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && line[i] == ' ') ++i;
      size_t j = i;
      while (j < line.size() && line[j] != ' ') ++j;
      if (j > i) {
        int id = TagIndex(line.substr(i, j - i));
        if (id < 0) return false;
        ids->push_back(id);
      }
      i = j;
    }
    return !ids->empty();
  };
  std::vector<int> vocab, pred;
  if (!split_tags(lines[1], &vocab) || !split_tags(lines[2], &pred)) {
    return bad("unknown tag in vocabulary");
  }
  size_t data_bytes = buf.size() - pos;
  if (data_bytes % 8 != 0) return bad("data is not a whole number of doubles");
  size_t num = data_bytes / 8;
  std::vector<double> dd(num);
  for (size_t i = 0; i < num; ++i) {
    uint64_t bits = 0;
    const unsigned char* p = reinterpret_cast<const unsigned char*>(buf.data() + pos + 8 * i);
    for (int b = 0; b < 8; ++b) {
      int shift = big_endian ? 8 * (7 - b) : 8 * b;
      bits |= static_cast<uint64_t>(p[b]) << shift;
    }
    std::memcpy(&dd[i], &bits, sizeof bits);
  }

  // Dense states over (t1, t2), t1 most significant; each holds the counts of
  // every predicted tag. A count followed by -k stands for k copies of it.
  const size_t v = vocab.size(), p = pred.size();
  std::vector<double> c3(static_cast<size_t>(kNumTags) * kNumTags * kNumTags, 0.0);
  size_t j = 0;
  for (size_t state = 0; state < v * v; ++state) {
    int t1 = vocab[state / v], t2 = vocab[state % v];
    for (size_t k = 0; k < p; ++k) {
      if (j >= num) return bad("frequency data ends early");
      double f = dd[j];
      if (!(f >= 0) || !std::isfinite(f)) return bad("negative or non-finite count");
      c3[(static_cast<size_t>(t1) * kNumTags + t2) * kNumTags + pred[k]] += f;
      if (j + 1 >= num) {
        ++j;
      } else if (dd[j + 1] < -1) {
        dd[j + 1] += 1;
      } else if (dd[j + 1] == -1) {
        j += 2;
      } else {
        ++j;
      }
    }
  }
  if (j != num) return bad("trailing frequency data");

  std::vector<double> c2(kNumTags * kNumTags, 0.0), c12(kNumTags * kNumTags, 0.0);
  std::array<double, kNumTags> c2_row{};
  double total = 0;
  for (int a = 0; a < kNumTags; ++a) {
    for (int b = 0; b < kNumTags; ++b) {
      for (int c = 0; c < kNumTags; ++c) {
        double x = c3[(a * kNumTags + b) * kNumTags + c];
        c2[b * kNumTags + c] += x;
        c12[a * kNumTags + b] += x;
        tag_count[c] += x;
        c2_row[b] += x;
        total += x;
      }
    }
  }
  if (total <= 0) return bad("no counts");

  // Interpolation weights by deleted interpolation (Brants 2000, TnT).
  std::array<double, 3> lambda{};
  for (int a = 0; a < kNumTags; ++a) {
    for (int b = 0; b < kNumTags; ++b) {
      for (int c = 0; c < kNumTags; ++c) {
        double x = c3[(a * kNumTags + b) * kNumTags + c];
        if (x <= 0) continue;
        double ab = c12[a * kNumTags + b], bc = c2[b * kNumTags + c];
        double tri = ab > 1 ? (x - 1) / (ab - 1) : 0;
        double bi = c2_row[b] > 1 ? (bc - 1) / (c2_row[b] - 1) : 0;
        double uni = (tag_count[c] - 1) / (total - 1);
        if (tri >= bi && tri >= uni) {
          lambda[2] += x;
        } else if (bi >= uni) {
          lambda[1] += x;
        } else {
          lambda[0] += x;
        }
      }
    }
  }
  double lsum = lambda[0] + lambda[1] + lambda[2];
  for (double& l : lambda) l /= lsum;

  trans.resize(c3.size());
  for (int a = 0; a < kNumTags; ++a) {
    for (int b = 0; b < kNumTags; ++b) {
      double ab = c12[a * kNumTags + b];
      for (int c = 0; c < kNumTags; ++c) {
        size_t i = (static_cast<size_t>(a) * kNumTags + b) * kNumTags + c;
        double pr = lambda[0] * tag_count[c] / total;
        if (c2_row[b] > 0) pr += lambda[1] * c2[b * kNumTags + c] / c2_row[b];
        if (ab > 0) pr += lambda[2] * c3[i] / ab;
        trans[(static_cast<size_t>(b) * kNumTags + c) * kNumTags + a] =
            static_cast<float>(std::log(std::max(pr, 1e-12)));
      }
    }
  }
  for (int t = 0; t < kNumTags; ++t) {
    log_prior[t] = static_cast<float>(std::log(std::max(tag_count[t], 0.5) / total));
  }
  return Status::Ok();
}

Status Lexicon::Impl::LoadPoslex(const std::string& path) {
  LineReader in;
  DETENTE_RETURN_IF_ERROR(in.Open(path, "festlex-poslex"));
  // About one entry per 36 bytes in wsj.wp39.poslexR.
  entries.reserve(in.file_size() / 36 + 16);
  words.Reserve(in.file_size() / 36 + 16);
  std::vector<std::array<float, kNumOpen>> suffix_counts;
  suffixes.Reserve(in.file_size() / 128 + 16);
  std::array<double, kNumOpen> rare_counts{};
  std::vector<std::pair<uint32_t, PoolRef>> rare_entries;
  bool first = true;
  std::string_view line;
  while (in.Next(&line)) {
    if (first) {
      first = false;
      if (line == "MNCL") continue;
    }
    if (line.empty()) continue;
    // ("word" ((tag logprob) (tag logprob) ...) () )
    size_t q = line.starts_with("(\"") ? line.find("\" ((", 2) : std::string_view::npos;
    if (q == std::string_view::npos || q == 2 || q - 2 > UINT16_MAX) {
      ++malformed_lines;
      continue;
    }
    std::string_view word = line.substr(2, q - 2);
    size_t i = q + 3;  // at the '(' of the first pair
    std::array<float, kNumTags> lp;
    lp.fill(-std::numeric_limits<float>::infinity());
    bool ok = false;
    while (i < line.size()) {
      if (line[i] == ' ') {
        ++i;
        continue;
      }
      if (line[i] == ')') {
        ok = true;
        break;
      }
      if (line[i] != '(') break;
      size_t sp = line.find(' ', i + 1);
      if (sp == std::string_view::npos) break;
      int tag = TagIndex(line.substr(i + 1, sp - i - 1));
      if (tag < 0) break;
      float value;
      auto [end, ec] = std::from_chars(line.data() + sp + 1, line.data() + line.size(), value);
      if (ec != std::errc() || end >= line.data() + line.size() || *end != ')' ||
          !std::isfinite(value) || value > 0.01f) {
        break;
      }
      lp[tag] = value;
      i = static_cast<size_t>(end - line.data()) + 1;
    }
    if (!ok) {
      ++malformed_lines;
      continue;
    }

    // Prune readings the counts barely support (a handful of annotation
    // noise in a million words) so that Viterbi looks at few candidates.
    std::array<double, kNumTags> count{};
    double best = 0, sum = 0;
    for (int t = 0; t < kNumTags; ++t) {
      if (t == kONE || t == kTWO || !(lp[t] > -std::numeric_limits<float>::infinity())) continue;
      count[t] = std::exp(static_cast<double>(lp[t])) * tag_count[t];
      best = std::max(best, count[t]);
      sum += count[t];
    }
    if (best <= 0) continue;  // only artifact tags
    std::array<uint8_t, kNumTags> tags;
    std::array<float, kNumTags> ranks;
    int n = 0;
    for (int t = 0; t < kNumTags; ++t) {
      if (count[t] < 0.005 * best || count[t] <= 0) continue;
      tags[n] = static_cast<uint8_t>(t);
      ranks[n] = static_cast<float>(count[t]);  // keep the most frequent readings
      ++n;
    }
    Cands c;
    SelectTop(tags.data(), ranks.data(), n, &c);
    for (int k = 0; k < c.n; ++k) c.emit[k] = lp[c.tag[k]];

    PoolRef ref = Intern(word);
    if (!words.Emplace(ref, static_cast<uint32_t>(entries.size())).second) {
      pool.resize(ref.off);  // a repeated word: the first entry stands
      continue;
    }
    entries.push_back(c);
    DETENTE_RETURN_IF_ERROR(CheckPool(path));

    // Rare words stand in for unseen ones: their suffixes train the
    // unknown-word model. Suffix keys are tails of the pooled word.
    if (sum > kRareCount || word.size() < 3) continue;
    bool alpha = true;
    for (char ch : word) alpha &= (ch >= 'a' && ch <= 'z') || ch == '-';
    if (!alpha) continue;
    for (int k = 0; k < kNumOpen; ++k) rare_counts[k] += count[kOpenTags[k]];
    rare_entries.emplace_back(static_cast<uint32_t>(entries.size() - 1), ref);
    for (size_t len = 1; len <= kMaxSuffix && len < word.size(); ++len) {
      PoolRef tail{static_cast<uint32_t>(ref.off + word.size() - len), static_cast<uint32_t>(len)};
      auto [slot, inserted] = suffixes.Emplace(tail, static_cast<uint32_t>(suffix_counts.size()));
      if (inserted) suffix_counts.emplace_back();
      auto& sc = suffix_counts[slot->value];
      for (int k = 0; k < kNumOpen; ++k) sc[k] += static_cast<float>(count[kOpenTags[k]]);
    }
  }
  DETENTE_RETURN_IF_ERROR(in.status());
  if (entries.empty()) {
    return Status(ErrorCode::kInvalidInput,
                  path + ": no lexicon entries (expected lines like (\"word\" ((nn -5.1) ) () ))");
  }
  FinishSuffixModel(&suffix_counts, rare_counts);
  for (auto [index, ref] : rare_entries) SmoothRareEntry(index, View(ref));
  ComputeLemmas();
  for (int c = 0; c < 256; ++c) {
    const char ch = static_cast<char>(c);
    const auto* slot = words.Find(std::string_view(&ch, 1));
    one_byte_entry[c] = slot == nullptr ? -1 : static_cast<int32_t>(slot->value);
  }
  return Status::Ok();
}

void Lexicon::Impl::FinishSuffixModel(std::vector<std::array<float, kNumOpen>>* counts,
                                      const std::array<double, kNumOpen>& prior) {
  double psum = 0;
  for (double x : prior) psum += x;
  for (int k = 0; k < kNumOpen; ++k) {
    rare_prior[k] =
        psum > 0 ? static_cast<float>((prior[k] + 0.1) / (psum + 0.1 * kNumOpen)) : 1.0f / kNumOpen;
  }
  // Each suffix's distribution backs off to that of the suffix one shorter,
  // with a weight worth kAlpha observations (TnT's successive abstraction).
  // Counts turn into probabilities in place, shortest suffixes first, so a
  // parent is always done before its children.
  constexpr float kAlpha = 3.0f;
  suffix_probs = std::move(*counts);
  for (uint32_t len = 1; len <= kMaxSuffix; ++len) {
    suffixes.ForEach([&](const StrTable<uint32_t>::Slot& slot) {
      if (slot.len != len) return;
      const float* parent = rare_prior.data();
      if (len > 1) {
        std::string_view shorter = suffixes.Key(slot).substr(1);
        parent = suffix_probs[suffixes.Find(shorter)->value].data();
      }
      auto& p = suffix_probs[slot.value];
      float c = 0;
      for (float x : p) c += x;
      for (int k = 0; k < kNumOpen; ++k) p[k] = (p[k] + kAlpha * parent[k]) / (c + kAlpha);
    });
  }
}

// Annotate then needs no lemma lookups for listed words, which are most tokens.
void Lexicon::Impl::ComputeLemmas() {
  lemmas.assign(entries.size(), {});
  word_classes.assign(entries.size(), 0);
  words.ForEach([&](const StrTable<uint32_t>::Slot& slot) {
    word_classes[slot.value] = WordClassOf(words.Key(slot));
    const Cands& c = entries[slot.value];
    bool verb = false, plural = false;
    for (int k = 0; k < c.n; ++k) {
      verb |= IsVerbTag(c.tag[k]);
      plural |= c.tag[k] == kNNS;
    }
    if (verb) lemmas[slot.value][0] = ToRef(VerbLemma(words.Key(slot)));
    if (plural) lemmas[slot.value][1] = ToRef(NounLemma(words.Key(slot)));
  });
}

const float* Lexicon::Impl::SuffixDist(std::string_view w) const {
  for (size_t len = std::min(kMaxSuffix, w.size() - 1); len >= 1 && len < w.size(); --len) {
    if (const auto* slot = suffixes.Find(w.substr(w.size() - len))) {
      return suffix_probs[slot->value].data();
    }
  }
  return rare_prior.data();
}

// A word seen once or twice in the WSJ shows only the readings it happened to
// have there ("tear" only as a verb, "test-fired" only as VBN). One pseudo
// observation spread by the suffix model adds the other plausible readings;
// names ("azerbaijan", seen once as NNP) get none.
void Lexicon::Impl::SmoothRareEntry(uint32_t index, std::string_view word) {
  Cands& c = entries[index];
  std::array<double, kNumTags> count{};
  double total = 0, proper = 0;
  for (int k = 0; k < c.n; ++k) {
    count[c.tag[k]] = std::exp(static_cast<double>(c.emit[k])) * tag_count[c.tag[k]];
    total += count[c.tag[k]];
    if (c.tag[k] == kNNP || c.tag[k] == kNNPS) proper += count[c.tag[k]];
  }
  if (total <= 0) return;
  const double pseudo_count = 1.0 - proper / total;
  if (pseudo_count < 0.05) return;
  const float* dist = SuffixDist(word);
  double common = 0;
  for (int k = 0; k < kNumOpen; ++k) {
    if (k != kOpenNNP && k != kOpenNNPS) common += dist[k];
  }
  if (common <= 0) return;
  for (int k = 0; k < kNumOpen; ++k) {
    if (k != kOpenNNP && k != kOpenNNPS) count[kOpenTags[k]] += pseudo_count * dist[k] / common;
  }
  std::array<uint8_t, kNumTags> tags;
  std::array<float, kNumTags> ranks;
  int n = 0;
  for (int t = 0; t < kNumTags; ++t) {
    if (count[t] <= 0 || tag_count[t] <= 0) continue;
    tags[n] = static_cast<uint8_t>(t);
    ranks[n] = static_cast<float>(count[t]);
    ++n;
  }
  SelectTop(tags.data(), ranks.data(), n, &c);
  for (int k = 0; k < c.n; ++k) {
    c.emit[k] = static_cast<float>(std::log(count[c.tag[k]] / tag_count[c.tag[k]]));
  }
}

std::string_view Lexicon::Impl::VerbLemma(std::string_view w) const {
  if (w.empty()) return w;
  if (std::string_view o = FindOverride(kVerbClitics, w); !o.empty()) return o;
  if (const auto* exc = verb_exc.Find(w)) return View(exc->value);
  if (verb_index.Contains(w) || w.size() > kMaxRuleWord) return w;
  char buf[kMaxRuleWord + 8];
  auto lookup = [&](std::string_view stem, std::string_view add) -> std::string_view {
    if (stem.empty()) return {};
    std::memcpy(buf, stem.data(), stem.size());
    std::memcpy(buf + stem.size(), add.data(), add.size());
    const auto* slot = verb_index.Find(std::string_view(buf, stem.size() + add.size()));
    return slot == nullptr ? std::string_view() : verb_index.Key(*slot);
  };
  for (const Rule& r : kVerbRules) {
    if (!w.ends_with(r.suffix)) continue;
    std::string_view stem = w.substr(0, w.size() - r.suffix.size());
    // "singing" is "sing", not "singe": after a consonant cluster the -e
    // reading is the unlikely one.
    if (r.suffix == "ing" && r.replacement == "e" && stem.size() >= 2 &&
        IsConsonant(stem[stem.size() - 1]) && IsConsonant(stem[stem.size() - 2]) &&
        stem[stem.size() - 1] != stem[stem.size() - 2]) {
      if (std::string_view found = lookup(stem, ""); !found.empty()) return found;
    }
    if (std::string_view found = lookup(stem, r.replacement); !found.empty()) return found;
  }
  // Doubled final consonant, which morphy leaves to the exception list:
  // "planning" -> "plan", "stopped" -> "stop".
  for (std::string_view sfx : {std::string_view("ed"), std::string_view("ing")}) {
    if (!w.ends_with(sfx)) continue;
    std::string_view stem = w.substr(0, w.size() - sfx.size());
    if (stem.size() >= 3 && stem.back() == stem[stem.size() - 2] && IsConsonant(stem.back())) {
      if (std::string_view found = lookup(stem.substr(0, stem.size() - 1), ""); !found.empty()) {
        return found;
      }
    }
  }
  return w;
}

std::string_view Lexicon::Impl::NounLemma(std::string_view w) const {
  if (w.empty()) return w;
  if (const auto* exc = noun_exc.Find(w)) return View(exc->value);
  for (std::string_view keep : kKeepPlural) {
    if (w == keep) return w;
  }
  if (w.size() > kMaxRuleWord) return w;
  // Singular nouns that merely end in s ("crisis", "bonus", "class").
  bool listed = noun_index.Contains(w);
  if (listed && (w.ends_with("ss") || w.ends_with("us") || w.ends_with("is"))) return w;
  char buf[kMaxRuleWord + 8];
  for (const Rule& r : kNounRules) {
    if (!w.ends_with(r.suffix)) continue;
    std::string_view stem = w.substr(0, w.size() - r.suffix.size());
    if (stem.empty()) continue;
    std::memcpy(buf, stem.data(), stem.size());
    std::memcpy(buf + stem.size(), r.replacement.data(), r.replacement.size());
    std::string_view cand(buf, stem.size() + r.replacement.size());
    const auto* slot = noun_index.Find(cand);
    if (slot == nullptr) continue;
    // "gas" is not the plural of "ga" (gallium).
    if (listed && cand.size() <= 2) return w;
    return noun_index.Key(*slot);
  }
  return w;
}

void Lexicon::Impl::KnownCands(const Cands& e, const Token& tok, bool initial, bool headline,
                               Cands* out) const {
  *out = e;
  if (headline || initial || !tok.Is(kTokWord)) return;
  // The lexicon is lower-case; case says how likely the proper-noun reading is.
  float bonus;
  if (tok.Is(kTokAllCaps) && tok.lower.size() >= 2) {
    bonus = 3.0f;
  } else if (tok.Is(kTokCapitalized)) {
    bonus = 1.5f;
  } else {
    bonus = -3.0f;
  }
  bool has_nnp = false;
  for (int k = 0; k < out->n; ++k) {
    if (out->tag[k] == kNNP || out->tag[k] == kNNPS) {
      out->emit[k] += bonus;
      has_nnp = true;
    }
  }
  if (has_nnp || bonus < 0) return;
  // A capitalised common word mid-sentence ("Foreign Minister Wang") may be
  // part of a name even if the WSJ never saw it so: add the reading as if
  // seen once.
  uint8_t t0 = out->tag[0];
  bool open = t0 == kNN || t0 == kNNS || t0 == kJJ || IsVerbTag(t0);
  if (!open) return;
  int slot = out->n < kMaxCand ? out->n++ : kMaxCand - 1;
  out->tag[slot] = kNNP;
  out->emit[slot] = static_cast<float>(-std::log(std::max(tag_count[kNNP], 1.0))) + bonus;
}

void Lexicon::Impl::UnknownCands(const Token& tok, bool initial, bool headline, Cands* out) const {
  std::string_view w = tok.lower;
  if (!tok.Is(kTokWord)) {
    out->n = 1;
    out->tag[0] = IsSymbolToken(w) ? kSYM : kPUNC;
    out->emit[0] = 0;
    return;
  }
  bool capital = tok.Is(kTokCapitalized) || tok.Is(kTokAllCaps);
  std::array<float, kNumOpen> p{};
  if (tok.Is(kTokHasDigit)) {
    bool letters = false;
    for (char c : w) letters |= (c >= 'a' && c <= 'z');
    bool digit_first = !w.empty() && w[0] >= '0' && w[0] <= '9';
    uint8_t tags[4];
    float probs[4];
    int n = 0;
    auto add = [&](uint8_t t, float pr) {
      tags[n] = t;
      probs[n] = std::log(pr) - log_prior[t];
      ++n;
    };
    if (!letters) {
      add(kCD, 0.97f);
      add(kJJ, 0.02f);
      add(kNN, 0.01f);
    } else if (digit_first && w.find('-') != std::string_view::npos) {
      add(kJJ, 0.6f);  // "10-year", "five-point"
      add(kNN, 0.2f);
      add(kCD, 0.2f);
    } else if (digit_first && w.back() == 's') {
      add(kCD, 0.5f);  // "1990s"
      add(kNNS, 0.5f);
    } else {
      add(kNNP, capital ? 0.6f : 0.2f);  // "F-16", "G7", "COVID-19"
      add(kNN, capital ? 0.25f : 0.5f);
      add(kCD, 0.15f);
      add(kJJ, 0.05f);
    }
    SelectTop(tags, probs, n, out);
    return;
  }

  // Irregular comparatives WordNet lists ("likelier") that the WSJ never saw.
  if (adj_exc.Contains(w)) {
    out->n = 1;
    out->tag[0] = w.ends_with("st") ? kJJS : kJJR;
    out->emit[0] = 0;
    return;
  }

  const float* dist = SuffixDist(w);
  // Proper-noun readings come from case, the rest from the suffix.
  float common = 0;
  for (int k = 0; k < kNumOpen; ++k) {
    if (k != kOpenNNP && k != kOpenNNPS) common += dist[k];
  }
  float proper;
  if (headline || initial) {
    proper = capital ? 0.7f : 0.05f;
  } else if (tok.Is(kTokAllCaps)) {
    proper = 0.95f;
  } else {
    proper = capital ? 0.9f : 0.02f;
  }
  bool hyphen = w.find('-') != std::string_view::npos;
  for (int k = 0; k < kNumOpen; ++k) {
    if (k == kOpenNNP || k == kOpenNNPS) continue;
    float q = common > 0 ? dist[k] / common : 1.0f / kNumOpen;
    if (hyphen) q = 0.6f * q + (k == kOpenJJ ? 0.4f : 0.0f);
    p[k] = (1 - proper) * q;
  }
  bool plural = w.size() > 3 && w.back() == 's' && w[w.size() - 2] != 's';
  p[kOpenNNP] = proper * (plural ? 0.7f : 0.97f);
  p[kOpenNNPS] = proper * (plural ? 0.3f : 0.03f);
  std::array<float, kNumOpen> scores;
  for (int k = 0; k < kNumOpen; ++k) {
    scores[k] = p[k] > 1e-6f ? std::log(p[k]) - log_prior[kOpenTags[k]]
                             : -std::numeric_limits<float>::infinity();
  }
  SelectTop(kOpenTags.data(), scores.data(), kNumOpen, out);
}

namespace {

// One Viterbi step: for each pair (a, b) of tags at positions p-1 and p, the
// best tag z at p-2. prev_t[a][z] and cur_t[b][a] are scores of (z, a) and
// (a, b). N0 is c0.n when known at compile time (the z loop then unrolls),
// or 0 to read it at run time; either way the same additions and strict
// comparisons in the same order, so ties keep the first z.
template <int N0>
inline void ViterbiStep(const Cands& c0, const Cands& c1, const Cands& c2, const float* trans,
                        const float (*prev_t)[kMaxCand], float (*cur_t)[kMaxCand],
                        uint8_t (*back)[kMaxCand]) {
  constexpr float kNegInf = -std::numeric_limits<float>::infinity();
  const int n0 = N0 > 0 ? N0 : c0.n, n1 = c1.n, n2 = c2.n;
  for (int a = 0; a < n1; ++a) {
    const float* from = prev_t[a];
    const float* rows = trans + static_cast<size_t>(c1.tag[a]) * kNumTags * kNumTags;
    for (int b = 0; b < n2; ++b) {
      const float* row = rows + static_cast<size_t>(c2.tag[b]) * kNumTags;
      float best = kNegInf;
      int arg = 0;
      for (int z = 0; z < n0; ++z) {
        // Branch-free: which z wins is data, not a pattern.
        float v = from[z] + row[c0.tag[z]];
        bool better = v > best;
        arg = better ? z : arg;
        best = better ? v : best;
      }
      cur_t[b][a] = best + c2.emit[b];
      back[a][b] = static_cast<uint8_t>(arg);
    }
  }
}

}  // namespace

// Trigram Viterbi over s->cand[0 .. n+2), where slots 0 and 1 hold the
// context tags. Writes the best tags to s->tags[2 .. n+2).
void Lexicon::Impl::Decode(Scratch* s, size_t n) const {
  constexpr float kNegInf = -std::numeric_limits<float>::infinity();
  // Scores of the previous and the current position, swapped (not copied)
  // after each step; prev[z][a] is read down a column, so it is stored
  // transposed: prev_t[a][z].
  float buf[2][kMaxCand][kMaxCand];
  float(*prev_t)[kMaxCand] = buf[0];
  float(*cur_t)[kMaxCand] = buf[1];
  prev_t[0][0] = 0;
  const float* trans_data = trans.data();
  const size_t last = n + 1;
  for (size_t p = 2; p <= last; ++p) {
    // Copies (32 bytes each): the stores to s->back (bytes) could alias
    // the candidates, which would otherwise be reloaded after every store.
    const Cands c0 = s->cand[p - 2];
    const Cands c1 = s->cand[p - 1];
    const Cands c2 = s->cand[p];
    uint8_t(*back)[kMaxCand] = s->back[p];
    switch (c0.n) {
      case 1:
        ViterbiStep<1>(c0, c1, c2, trans_data, prev_t, cur_t, back);
        break;
      case 2:
        ViterbiStep<2>(c0, c1, c2, trans_data, prev_t, cur_t, back);
        break;
      case 3:
        ViterbiStep<3>(c0, c1, c2, trans_data, prev_t, cur_t, back);
        break;
      case 4:
        ViterbiStep<4>(c0, c1, c2, trans_data, prev_t, cur_t, back);
        break;
      default:
        ViterbiStep<0>(c0, c1, c2, trans_data, prev_t, cur_t, back);
        break;
    }
    std::swap(prev_t, cur_t);
  }
  const Cands& c1 = s->cand[last - 1];
  const Cands& c2 = s->cand[last];
  float best = kNegInf;
  int ba = 0, bb = 0;
  for (int a = 0; a < c1.n; ++a) {
    for (int b = 0; b < c2.n; ++b) {
      if (prev_t[b][a] > best) {
        best = prev_t[b][a];
        ba = a;
        bb = b;
      }
    }
  }
  for (size_t p = last; p >= 2; --p) {
    s->tags[p] = s->cand[p].tag[bb];
    int z = s->back[p][ba][bb];
    bb = ba;
    ba = z;
  }
}

namespace {

bool IsFiniteTag(uint8_t t) { return t == kVBD || t == kVBZ || t == kVBP || t == kMD; }
bool IsNominalTag(uint8_t t) {
  return t == kNN || t == kNNS || t == kNNP || t == kNNPS || t == kPRP;
}
bool IsClauseBoundary(const Token& tok, uint8_t tag) {
  return tag == kCC || tok.lower == "," || tok.lower == ";" || tok.lower == ":" ||
         tok.lower == "--";
}
bool IsAuxiliary(std::string_view w) {
  static constexpr std::string_view kAux[] = {
      "be",   "is",  "are", "was",    "were", "been", "being", "am",   "'s",  "'re",    "'m",
      "have", "has", "had", "having", "'ve",  "'d",   "get",   "gets", "got", "gotten", "getting",
  };
  for (std::string_view a : kAux) {
    if (w == a) return true;
  }
  return false;
}

// Whether the clause around position p (up to commas, semicolons, dashes and
// conjunctions) has a finite verb or an auxiliary other than p itself.
bool ClauseHasVerb(std::span<const Token> window, const uint8_t* tags, size_t p) {
  for (size_t k = p; k-- > 0;) {
    if (IsClauseBoundary(window[k], tags[k])) break;
    if (IsFiniteTag(tags[k]) || (IsVerbTag(tags[k]) && IsAuxiliary(window[k].lower))) return true;
  }
  for (size_t k = p + 1; k < window.size(); ++k) {
    if (IsClauseBoundary(window[k], tags[k])) break;
    if (IsFiniteTag(tags[k])) return true;
  }
  return false;
}

}  // namespace

// A trigram model reads "the minister called for talks" as a reduced relative
// clause ("the minister called for questioning was ..."), because in the WSJ
// VBN -> IN is far likelier than VBD -> IN. When the clause has no auxiliary
// and no other finite verb, that reading leaves it without a verb, so the
// participle is taken as the past tense it can also be. A participle
// conjoined to a verb ("thanked Germany and asked for") takes that verb's tag.
void Lexicon::Impl::RepairVerblessClauses(std::span<const Token> window, Scratch* s) const {
  const size_t n = window.size();
  uint8_t* tags = s->tags + 2;
  for (size_t p = 1; p < n; ++p) {
    if (tags[p] != kVBN) continue;
    const Cands& c = s->cand[p + 2];
    // Regular verbs share the -ed form, whatever the WSJ happened to show.
    bool can_be_past = window[p].lower.ends_with("ed");
    for (int k = 0; k < c.n; ++k) can_be_past |= c.tag[k] == kVBD;
    if (!can_be_past) continue;
    size_t j = p - 1;
    while (j > 0 && tags[j] == kRB) --j;
    if (tags[j] == kCC) {
      size_t k = j;
      while (k > 0 && !IsVerbTag(tags[k - 1]) && !IsFiniteTag(tags[k - 1])) --k;
      if (k > 0 && tags[k - 1] == kVBD) tags[p] = kVBD;
      continue;
    }
    if (!IsNominalTag(tags[j])) continue;
    if (!ClauseHasVerb(window, tags, p)) tags[p] = kVBD;
  }

  // The same holds for the -s form between two noun phrases: "if Iran attacks
  // Israel" is NNP NNS NNP to the trigrams (a compound, as in "Iran attacks
  // continued"), which leaves the clause without a verb.
  for (size_t p = 1; p + 1 < n; ++p) {
    if (tags[p] != kNNS) continue;
    const Cands& c = s->cand[p + 2];
    bool can_be_verb = false;
    for (int k = 0; k < c.n; ++k) can_be_verb |= c.tag[k] == kVBZ;
    if (!can_be_verb) continue;
    uint8_t next = tags[p + 1];
    bool object = next == kNNP || next == kNNPS || next == kDT || next == kPRP || next == kCD ||
                  next == kJJ || next == kPDT;
    if (!object || !IsNominalTag(tags[p - 1])) continue;
    if (!ClauseHasVerb(window, tags, p)) tags[p] = kVBZ;
  }

  // And the other way: two finite verbs in a row cannot both be verbs.
  // "Vietnamese-led forces launched" is NNS VBD, not VBZ VBD.
  auto one_of = [](std::string_view w, std::initializer_list<std::string_view> list) {
    for (std::string_view x : list)
      if (w == x) return true;
    return false;
  };
  // (Nor before a participle, but after has, is or a linking verb: "forces
  // launched" is NNS VBD; "remains closed" stays.)
  for (size_t p = 1; p + 1 < n; ++p) {
    if (tags[p] != kVBZ) continue;
    const uint8_t next = tags[p + 1];
    // (Only inside a noun phrase: "Russia shells flooded Kherson" is a verb
    // before an adjective.)
    const std::string_view prev = window[p - 1].lower;
    const bool in_noun_phrase = tags[p - 1] == kDT || tags[p - 1] == kPRP ||
                                prev.ends_with("-led") || prev.ends_with("-backed") ||
                                prev.ends_with("-allied") || prev.ends_with("-trained") ||
                                prev.ends_with("-armed") || prev.ends_with("-aligned") ||
                                prev.ends_with("-sponsored") || prev.ends_with("-supported");
    const bool participle =
        next == kVBN && in_noun_phrase && !window[p].lower.ends_with("'s") &&
        !one_of(window[p].lower,
                {"has", "is", "does", "gets", "seems", "appears", "remains", "looks", "becomes",
                 "stays", "feels", "sounds", "goes", "comes", "lies", "sits", "stands", "keeps"});
    if (next != kVBD && next != kMD && !participle) continue;
    const Cands& c = s->cand[p + 2];
    bool can_be_plural = false;
    for (int k = 0; k < c.n; ++k) can_be_plural |= c.tag[k] == kNNS;
    if (!can_be_plural) continue;
    tags[p] = kNNS;
    if (participle) tags[p + 1] = kVBD;
  }
}

void Lexicon::Impl::AnnotateWindow(std::span<Token> sentence, size_t begin, size_t end,
                                   bool headline, uint8_t* ctx2, uint8_t* ctx1) const {
  Scratch* s = &tls_scratch;
  const size_t n = end - begin;
  s->cand[0] = Cands{1, {*ctx2}, {0}};
  s->cand[1] = Cands{1, {*ctx1}, {0}};
  for (size_t i = begin; i < end; ++i) {
    const Token& tok = sentence[i];
    bool initial = i == 0 || OpensClause(sentence[i - 1].norm);
    const std::string_view w = tok.lower;
    uint64_t h = 0;
    int64_t e;
    if (w.size() == 1) {
      e = one_byte_entry[static_cast<unsigned char>(w[0])];
    } else {
      h = HashBytes(w);
      const auto* slot = words.Find(w, h);
      e = slot == nullptr ? -1 : static_cast<int64_t>(slot->value);
    }
    s->entry[i - begin] = static_cast<int32_t>(e);
    Cands* c = &s->cand[i - begin + 2];
    if (e >= 0 && entries[e].n > 0) {
      KnownCands(entries[e], tok, initial, headline, c);
    } else if (w.size() <= kMaxCachedWord) {
      // UnknownCands reads the word, these flags and (initial || headline).
      if (w.size() == 1) h = HashBytes(w);
      const uint8_t key = static_cast<uint8_t>(
          (tok.flags & (kTokWord | kTokCapitalized | kTokAllCaps | kTokHasDigit)) |
          ((initial || headline) ? 0x80 : 0));
      UnknownEntry& u = tls_unknown[(h ^ (h >> 32) ^ key) & (kUnknownCacheSize - 1)];
      if (u.lexicon == id && u.hash == h && u.key == key && u.len == w.size() &&
          std::memcmp(u.word, w.data(), w.size()) == 0) {
        *c = u.cands;
      } else {
        UnknownCands(tok, initial, headline, c);
        u.lexicon = id;
        u.hash = h;
        u.key = key;
        u.len = static_cast<uint8_t>(w.size());
        if (!w.empty()) std::memcpy(u.word, w.data(), w.size());
        u.cands = *c;
      }
    } else {
      UnknownCands(tok, initial, headline, c);
    }
    if (c->n == 0) *c = Cands{1, {kNN}, {0}};
  }
  Decode(s, n);
  RepairVerblessClauses(sentence.subspan(begin, n), s);
  *ctx2 = n >= 2 ? s->tags[n] : *ctx1;
  *ctx1 = s->tags[n + 1];

  for (size_t i = begin; i < end; ++i) {
    Token& tok = sentence[i];
    uint8_t tag = s->tags[i - begin + 2];
    Pos pos = kTagPos[tag];
    std::string_view lemma = tok.lower;
    if (!tok.Is(kTokWord)) {
      if (tag == kCC) {
        pos = Pos::kConjunction;
      } else if (tag == kPOS) {
        pos = Pos::kPossessive;
      } else {
        pos = IsSymbolToken(tok.lower) ? Pos::kSymbol : Pos::kPunct;
      }
    } else if (IsVerbTag(tag)) {
      int32_t e = s->entry[i - begin];
      lemma = e >= 0 && lemmas[e][0].len > 0 ? View(lemmas[e][0]) : VerbLemma(tok.lower);
    } else if (tag == kNNS) {
      int32_t e = s->entry[i - begin];
      lemma = e >= 0 && lemmas[e][1].len > 0 ? View(lemmas[e][1]) : NounLemma(tok.lower);
    } else if (tag == kMD) {
      if (std::string_view o = FindOverride(kModalLemmas, tok.lower); !o.empty()) lemma = o;
    } else if (tag == kPRP || tag == kWP) {
      for (std::string_view pp : kPossessivePronouns) {
        if (tok.lower == pp) pos = Pos::kPossPronoun;
      }
      if (tok.lower == "her" && i + 1 < end) {
        uint8_t next = s->tags[i - begin + 3];
        if (next == kNN || next == kNNS || next == kNNP || next == kNNPS || next == kJJ ||
            next == kJJR || next == kJJS || next == kCD || next == kVBG) {
          pos = Pos::kPossPronoun;
        }
      }
    } else if (tok.lower == "n't") {
      lemma = "not";
    }
    tok.pos = pos;
    tok.lemma = lemma;
    const int32_t e = s->entry[i - begin];
    tok.word_class = e >= 0 ? word_classes[e] : WordClassOf(tok.lower);
  }
}

Lexicon::Lexicon(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Lexicon::~Lexicon() = default;

Result<std::unique_ptr<Lexicon>> Lexicon::Load(const LexiconPaths& paths) {
  auto impl = std::make_unique<Impl>();
  const std::string& wn = paths.wordnet_dir;
  // Roughly what the Debian files need, so the pool rarely moves while loading.
  impl->pool.reserve(1200 << 10);
  DETENTE_RETURN_IF_ERROR(impl->LoadExceptions(wn + "/verb.exc", &impl->verb_exc));
  DETENTE_RETURN_IF_ERROR(impl->LoadExceptions(wn + "/noun.exc", &impl->noun_exc));
  DETENTE_RETURN_IF_ERROR(impl->LoadExceptions(wn + "/adj.exc", &impl->adj_exc));
  DETENTE_RETURN_IF_ERROR(impl->LoadIndex(wn + "/index.verb", &impl->verb_index));
  DETENTE_RETURN_IF_ERROR(impl->LoadIndex(wn + "/index.noun", &impl->noun_index));

  // The lexicon is read after the trigrams (it needs their tag counts), but
  // a missing lexicon should be reported by the name the caller gave.
  if (::access(paths.poslex_file.c_str(), R_OK) != 0) {
    return OpenError(paths.poslex_file, "festlex-poslex", errno);
  }
  // The tag trigrams ship next to the lexicon in the same package.
  std::string ngram_path = paths.poslex_file;
  size_t slash = ngram_path.rfind('/');
  ngram_path.resize(slash == std::string::npos ? 0 : slash + 1);
  ngram_path += "wsj.wp39.tri.ngrambin";
  DETENTE_RETURN_IF_ERROR(impl->LoadNgram(ngram_path));
  DETENTE_RETURN_IF_ERROR(impl->LoadPoslex(paths.poslex_file));
  return std::unique_ptr<Lexicon>(new Lexicon(std::move(impl)));
}

void Lexicon::Annotate(std::span<Token> sentence) const {
  if (sentence.empty()) return;
  // Headlines capitalise every word, which then says nothing about names.
  size_t words = 0, capitals = 0;
  for (const Token& t : sentence) {
    if (!t.Is(kTokWord)) continue;
    ++words;
    capitals += t.Is(kTokCapitalized) || t.Is(kTokAllCaps);
  }
  bool headline = words >= 4 && capitals * 5 >= words * 4;
  uint8_t ctx2 = kPUNC, ctx1 = kPUNC;  // as after the previous sentence's full stop
  for (size_t begin = 0; begin < sentence.size(); begin += kWindow) {
    size_t end = std::min(sentence.size(), begin + kWindow);
    impl_->AnnotateWindow(sentence, begin, end, headline, &ctx2, &ctx1);
  }
}

std::string_view Lexicon::VerbLemma(std::string_view lower) const {
  return impl_->VerbLemma(lower);
}

std::string_view Lexicon::NounLemma(std::string_view lower) const {
  return impl_->NounLemma(lower);
}

}  // namespace detente
