// The dictionary syntax that TABARI and PETRARCH share (both descend from
// KEDS): "PHRASE [CODE] ; comment" lines, '_'-joined words, synonym lines
// starting with '+', date-restricted code blocks ("[USAGOV 991201-010114]"),
// agents ("[~GOV]"), and verb patterns ("- + WAS_ * BY $ [174]"). This file
// reads actors and agents (the same in both formats) and converts verb
// patterns into our VerbPattern; tabari_format.h and petrarch_format.h read
// the verb files' block structure, discards and issues.
//
// Nothing here stops at a bad line: every entry that is malformed, or that
// our matcher cannot express, becomes a LoadReport problem naming file:line.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "match/dictionaries.h"

namespace detente::keds {

enum class Flavor : uint8_t { kTabari, kPetrarch };

// Where loaded entries go, and where problems are reported.
struct Sink {
  Dictionaries* dicts = nullptr;
  LoadReport* report = nullptr;
  Flavor flavor = Flavor::kPetrarch;
  std::string file;  // label in messages and rules ("TABARI.Demo.actors")

  void Malformed(uint32_t line, std::string_view what);
  void Unsupported(uint32_t line, std::string_view what);
  std::string Rule(uint32_t line) const;
};

// One line of a dictionary file with its comment removed and white space
// trimmed; `indented` when the raw line began with a blank or tab.
struct Line {
  uint32_t number = 0;
  std::string_view text;
  bool indented = false;
};

// Splits `text` into lines, dropping blank lines, whole-line comments ('#',
// TABARI's '/'), "<!-- ... -->" blocks and everything after ~~FINISH;
// trailing comments (';' or '#') are cut.
std::vector<Line> SplitLines(std::string_view text, Flavor flavor);

// "950601" (YYMMDD; years 00-29 are 20xx) or "19950601" to days since
// 1970-01-01.
bool ParseKedsDate(std::string_view s, int32_t* days);

struct CodeBlock {
  std::string code;  // upper case; may be "---", "###", "+++", "A/B"
  int32_t from = INT32_MIN, until = INT32_MAX;
};
// Parses the inside of one "[...]" block; false with *error on failure.
bool ParseCodeBlock(std::string_view inside, CodeBlock* out, std::string* error);

// Splits "PHRASE [A] [B <950101]" into the phrase and the blocks' insides.
// False if a '[' has no ']'.
bool SplitCodeBlocks(std::string_view line, std::string_view* phrase,
                     std::vector<std::string_view>* blocks);

// A dictionary phrase ("AL_GORE", "U.S.", "BARAD-DUR", "ARNOR_") as trie
// keys; *stem says whether its last word is a TABARI stem (no final '_' or
// '='; PETRARCH phrases are never stems).
std::vector<std::string> PhraseKeysOf(std::string_view phrase, Flavor flavor, bool* stem);

// Adds a phrase's keys and registers its stem.
void NotePhraseStem(Dictionaries* d, const std::vector<std::string>& keys, bool stem);

// Actor and agent files (same syntax in both formats).
void LoadActors(std::string_view text, Sink* sink);
void LoadAgents(std::string_view text, Sink* sink);

// Synonym sets: "&NAME" -> alternatives, each a word sequence.
using Synsets = std::map<std::string, std::vector<std::vector<std::string>>, std::less<>>;

// Converts one pattern (the text between '-' and '[' of "- SAID * TO + [082]")
// for verb head `head` with code field `code` into VerbPatterns added to the
// dictionaries. `extra_before` and `extra_after` hold the other words of a
// multi-word verb ("WIRE_+TAP", "BREAK_DOWN"). Reports what cannot be
// expressed.
void AddVerbPattern(std::string_view head, const std::vector<std::string>& extra_before,
                    const std::vector<std::string>& extra_after, std::string_view pattern,
                    std::string_view code, const Synsets& synsets, uint32_t line, Sink* sink);

// Reads a synset member line ("+&TIETYPES_MEMOS", "+AUSTRIAN FLORIN") into a
// word sequence, expanding synsets defined earlier (one sequence per member).
std::vector<std::vector<std::string>> SynsetMember(std::string_view text, const Synsets& synsets);

// Verb entries: "ABANDON", "BREAK_DOWN", "KLM_NOP_+RST" -> head (the word
// marked '+', else the first) and the literal words before and after it;
// false (with *error) when there is no word.
bool SplitVerb(std::string_view verb, Flavor flavor, std::string* head,
               std::vector<std::string>* before, std::vector<std::string>* after,
               std::string* error);

}  // namespace detente::keds
