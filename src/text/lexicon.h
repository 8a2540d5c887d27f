// Lexicon: lemmas and part-of-speech guesses for English tokens, from data
// that Debian ships (WordNet exception lists and index files from
// wordnet-base; the WSJ part-of-speech lexicon from festlex-poslex). The data
// is loaded once into hash maps; a loaded Lexicon is immutable and may be
// shared by any number of threads.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "base/status.h"
#include "text/token.h"

namespace detente {

struct LexiconPaths {
  std::string wordnet_dir = "/usr/share/wordnet";
  std::string poslex_file = "/usr/share/festival/dicts/wsj.wp39.poslexR";
};

class Lexicon {
 public:
  // Loads the data files. Errors name the file (and line) that failed.
  static Result<std::unique_ptr<Lexicon>> Load(const LexiconPaths& paths = {});
  ~Lexicon();
  Lexicon(const Lexicon&) = delete;
  Lexicon& operator=(const Lexicon&) = delete;

  // Sets Token::pos and Token::lemma for every token of one sentence, using
  // the tokens' `lower`, `norm` and flags, and the neighbouring tokens as
  // context. Lemma views point into the Lexicon's storage or into the
  // token's own `lower`; they stay valid while the Lexicon lives.
  void Annotate(std::span<Token> sentence) const;

  // Lemma of a lower-case word read as a verb ("met" -> "meet", "imposed" ->
  // "impose") or as a noun ("sanctions" -> "sanction", "talks" -> "talk").
  // Returns `lower` itself when it is already a lemma or unknown.
  std::string_view VerbLemma(std::string_view lower) const;
  std::string_view NounLemma(std::string_view lower) const;

  struct Impl;

 private:
  explicit Lexicon(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace detente
