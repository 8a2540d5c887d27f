#include "text/lexicon.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "text/word_class.h"

namespace detente {
namespace {

// The Debian data is loaded once for the whole test binary.
const Lexicon* SharedLexicon() {
  static const std::unique_ptr<Lexicon> lexicon = [] {
    auto loaded = Lexicon::Load();
    EXPECT_TRUE(loaded.ok()) << loaded.status().message();
    return loaded.ok() ? std::move(loaded).value() : nullptr;
  }();
  return lexicon.get();
}

// Tokens for a space-separated sentence, with flags set the way the tokenizer
// sets them. Owns the lower-case strings the tokens point at.
class Sentence {
 public:
  explicit Sentence(std::string_view text) : text_(text) {
    std::vector<std::string_view> words;
    size_t pos = 0;
    while (pos < text_.size()) {
      size_t end = text_.find(' ', pos);
      if (end == std::string::npos) end = text_.size();
      if (end > pos) words.push_back(std::string_view(text_).substr(pos, end - pos));
      pos = end + 1;
    }
    lowers_.reserve(words.size());  // no reallocation: tokens point into these
    for (std::string_view w : words) {
      std::string lower(w);
      bool letter = false, digit = false, upper = false, lower_seen = false;
      for (char& c : lower) {
        unsigned char u = static_cast<unsigned char>(c);
        letter |= std::isalpha(u) != 0;
        digit |= std::isdigit(u) != 0;
        upper |= std::isupper(u) != 0;
        lower_seen |= std::islower(u) != 0;
        c = static_cast<char>(std::tolower(u));
      }
      lowers_.push_back(std::move(lower));
      Token t;
      t.start = static_cast<uint32_t>(w.data() - text_.data());
      t.end = t.start + static_cast<uint32_t>(w.size());
      t.norm = w;
      t.lower = lowers_.back();
      if (letter || digit) t.flags |= kTokWord;
      if (digit) t.flags |= kTokHasDigit;
      if (std::isupper(static_cast<unsigned char>(w[0]))) t.flags |= kTokCapitalized;
      if (upper && !lower_seen) t.flags |= kTokAllCaps;
      tokens_.push_back(t);
    }
  }
  Sentence(const Sentence&) = delete;
  Sentence& operator=(const Sentence&) = delete;

  std::vector<Token>& tokens() { return tokens_; }
  const Token& operator[](std::string_view norm) const {
    for (const Token& t : tokens_) {
      if (t.norm == norm) return t;
    }
    ADD_FAILURE() << "no token " << norm;
    static const Token kNone;
    return kNone;
  }

 private:
  std::string text_;
  std::vector<std::string> lowers_;
  std::vector<Token> tokens_;
};

// "word/POS/lemma ..." for failure messages.
std::string Tagged(std::span<const Token> tokens) {
  std::string out;
  for (const Token& t : tokens) {
    out +=
        std::string(t.norm) + "/" + std::string(PosName(t.pos)) + "/" + std::string(t.lemma) + " ";
  }
  return out;
}

#define ANNOTATE(sentence)              \
  const Lexicon* lex = SharedLexicon(); \
  ASSERT_NE(lex, nullptr);              \
  Sentence s(sentence);                 \
  lex->Annotate(s.tokens());            \
  SCOPED_TRACE(Tagged(s.tokens()))

TEST(Lexicon, VerbLemmas) {
  const Lexicon* lex = SharedLexicon();
  ASSERT_NE(lex, nullptr);
  struct Case {
    const char* word;
    const char* lemma;
  };
  const Case cases[] = {
      {"met", "meet"},        {"visited", "visit"},
      {"imposed", "impose"},  {"held", "hold"},
      {"said", "say"},        {"struck", "strike"},
      {"sought", "seek"},     {"fought", "fight"},
      {"accused", "accuse"},  {"threatened", "threaten"},
      {"agreed", "agree"},    {"signed", "sign"},
      {"expelled", "expel"},  {"planned", "plan"},
      {"planning", "plan"},   {"stopped", "stop"},
      {"was", "be"},          {"is", "be"},
      {"has", "have"},        {"did", "do"},
      {"talks", "talk"},      {"visit", "visit"},
      {"meet", "meet"},       {"singing", "sing"},
      {"hoping", "hope"},     {"being", "be"},
      {"feed", "feed"},       {"'s", "be"},
      {"xyzzied", "xyzzied"}, {"", ""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(lex->VerbLemma(c.word), c.lemma) << c.word;
  }
}

TEST(Lexicon, NounLemmas) {
  const Lexicon* lex = SharedLexicon();
  ASSERT_NE(lex, nullptr);
  struct Case {
    const char* word;
    const char* lemma;
  };
  const Case cases[] = {
      {"sanctions", "sanction"}, {"talks", "talk"},      {"countries", "country"},
      {"ties", "tie"},           {"forces", "force"},    {"men", "man"},
      {"classes", "class"},      {"churches", "church"}, {"businessmen", "businessman"},
      {"crisis", "crisis"},      {"gas", "gas"},         {"news", "news"},
      {"country", "country"},    {"qwxzs", "qwxzs"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(lex->NounLemma(c.word), c.lemma) << c.word;
  }
}

TEST(Lexicon, LemmaViewsOutliveTheirInput) {
  const Lexicon* lex = SharedLexicon();
  ASSERT_NE(lex, nullptr);
  std::string word = "planned";
  std::string_view lemma = lex->VerbLemma(word);
  word.assign("xxxxxxx");
  EXPECT_EQ(lemma, "plan");
  word = "countries";
  lemma = lex->NounLemma(word);
  word.assign("xxxxxxxxx");
  EXPECT_EQ(lemma, "country");
}

TEST(Lexicon, MeetingInBeijing) {
  ANNOTATE("Blinken met Wang Yi in Beijing on Monday .");
  EXPECT_EQ(s["Blinken"].pos, Pos::kProperNoun);
  EXPECT_EQ(s["met"].pos, Pos::kVerbPast);
  EXPECT_EQ(s["met"].lemma, "meet");
  EXPECT_EQ(s["Wang"].pos, Pos::kProperNoun);
  EXPECT_EQ(s["Yi"].pos, Pos::kProperNoun);
  EXPECT_EQ(s["in"].pos, Pos::kPreposition);
  EXPECT_EQ(s["Beijing"].pos, Pos::kProperNoun);
  EXPECT_EQ(s["Beijing"].lemma, "beijing");
  EXPECT_EQ(s["Monday"].pos, Pos::kProperNoun);
  EXPECT_EQ(s["."].pos, Pos::kPunct);
}

TEST(Lexicon, TwoFiniteVerbsInARowAreANounAndAVerb) {
  ANNOTATE("Vietnamese-led forces launched artillery fire .");
  EXPECT_EQ(s["forces"].pos, Pos::kNoun);
  EXPECT_EQ(s["launched"].pos, Pos::kVerbPast);
}

TEST(Lexicon, WordClasses) {
  ANNOTATE("Russia would not say whether it also met Ukraine today ;");
  EXPECT_TRUE(s["would"].word_class & kWcAuxiliary);
  EXPECT_FALSE(s["would"].word_class & kWcBeForm);
  EXPECT_TRUE(s["not"].word_class & kWcNegation);
  EXPECT_TRUE(s["whether"].word_class & kWcClauseBoundary);
  EXPECT_TRUE(s["also"].word_class & kWcChainAdverb);
  EXPECT_TRUE(s["today"].word_class & kWcTimeWord);
  EXPECT_TRUE(s[";"].word_class & kWcClauseBoundary);
  EXPECT_EQ(s["Russia"].word_class, 0);
  EXPECT_EQ(s["met"].word_class, 0);
}

TEST(Lexicon, Sanctions) {
  ANNOTATE("The U.S. imposed sanctions on Chinese companies .");
  EXPECT_EQ(s["The"].pos, Pos::kDeterminer);
  EXPECT_EQ(s["The"].lemma, "the");
  EXPECT_EQ(s["U.S."].pos, Pos::kProperNoun);
  EXPECT_EQ(s["imposed"].pos, Pos::kVerbPast);
  EXPECT_EQ(s["imposed"].lemma, "impose");
  EXPECT_EQ(s["sanctions"].pos, Pos::kNoun);
  EXPECT_EQ(s["sanctions"].lemma, "sanction");
  EXPECT_EQ(s["on"].pos, Pos::kPreposition);
  EXPECT_EQ(s["companies"].pos, Pos::kNoun);
  EXPECT_EQ(s["companies"].lemma, "company");
}

TEST(Lexicon, SetToVisit) {
  ANNOTATE("Xi is set to visit the United States .");
  EXPECT_EQ(s["Xi"].pos, Pos::kProperNoun);
  EXPECT_EQ(s["is"].pos, Pos::kVerb);
  EXPECT_EQ(s["is"].lemma, "be");
  EXPECT_EQ(s["to"].pos, Pos::kTo);
  EXPECT_EQ(s["visit"].pos, Pos::kVerb);
  EXPECT_EQ(s["visit"].lemma, "visit");
  EXPECT_EQ(s["United"].pos, Pos::kProperNoun);
  EXPECT_EQ(s["States"].pos, Pos::kProperNoun);
  EXPECT_EQ(s["States"].lemma, "states");
}

TEST(Lexicon, ModalAndNounTalks) {
  ANNOTATE("China will hold talks with Japan .");
  EXPECT_EQ(s["China"].pos, Pos::kProperNoun);
  EXPECT_EQ(s["will"].pos, Pos::kModal);
  EXPECT_EQ(s["hold"].pos, Pos::kVerb);
  EXPECT_EQ(s["talks"].pos, Pos::kNoun);
  EXPECT_EQ(s["talks"].lemma, "talk");
  EXPECT_EQ(s["with"].pos, Pos::kPreposition);
  EXPECT_EQ(s["Japan"].pos, Pos::kProperNoun);
}

TEST(Lexicon, ModalBeforeBaseVerb) {
  ANNOTATE("They should meet .");
  EXPECT_EQ(s["They"].pos, Pos::kPronoun);
  EXPECT_EQ(s["should"].pos, Pos::kModal);
  EXPECT_EQ(s["meet"].pos, Pos::kVerb);
  EXPECT_EQ(s["meet"].lemma, "meet");
}

TEST(Lexicon, PassiveParticiple) {
  ANNOTATE("The talks were held in Geneva .");
  EXPECT_EQ(s["talks"].pos, Pos::kNoun);
  EXPECT_EQ(s["were"].lemma, "be");
  EXPECT_EQ(s["held"].pos, Pos::kVerbPastPart);
  EXPECT_EQ(s["held"].lemma, "hold");
  EXPECT_EQ(s["Geneva"].pos, Pos::kProperNoun);
}

TEST(Lexicon, PossessivesAndClitics) {
  ANNOTATE("Russia 's president did n't sign their deal .");
  EXPECT_EQ(s["'s"].pos, Pos::kPossessive);
  EXPECT_EQ(s["president"].pos, Pos::kNoun);
  EXPECT_EQ(s["did"].lemma, "do");
  EXPECT_EQ(s["n't"].lemma, "not");
  EXPECT_EQ(s["sign"].pos, Pos::kVerb);
  EXPECT_EQ(s["their"].pos, Pos::kPossPronoun);
}

TEST(Lexicon, UnknownWords) {
  ANNOTATE("Zelenskyy praised 1,200 volunteers who were blorfing in Kharkiv on 2023-06-18 .");
  EXPECT_EQ(s["Zelenskyy"].pos, Pos::kProperNoun);
  EXPECT_EQ(s["1,200"].pos, Pos::kNumber);
  EXPECT_EQ(s["blorfing"].pos, Pos::kVerbGerund);
  EXPECT_EQ(s["blorfing"].lemma, "blorfing");
  EXPECT_EQ(s["Kharkiv"].pos, Pos::kProperNoun);
  EXPECT_EQ(s["2023-06-18"].pos, Pos::kNumber);
}

TEST(Lexicon, SymbolsAndPunctuation) {
  ANNOTATE("Prices rose 5 % to $ 3 , he said \" today \" .");
  EXPECT_EQ(s["%"].pos, Pos::kSymbol);
  EXPECT_EQ(s["$"].pos, Pos::kSymbol);
  EXPECT_EQ(s[","].pos, Pos::kPunct);
  EXPECT_EQ(s["\""].pos, Pos::kPunct);
  EXPECT_EQ(s["rose"].pos, Pos::kVerbPast);
  EXPECT_EQ(s["rose"].lemma, "rise");
  EXPECT_EQ(s["said"].lemma, "say");
}

TEST(Lexicon, EveryTokenGetsAPosAndLemma) {
  ANNOTATE("Officials in Kyiv said Russian forces shelled the city overnight , killing three .");
  for (const Token& t : s.tokens()) {
    EXPECT_NE(t.pos, Pos::kUnknown) << t.norm;
    EXPECT_FALSE(t.lemma.empty()) << t.norm;
  }
  EXPECT_EQ(s["forces"].lemma, "force");
  EXPECT_EQ(s["shelled"].pos, Pos::kVerbPast);
  EXPECT_EQ(s["killing"].pos, Pos::kVerbGerund);
  EXPECT_EQ(s["killing"].lemma, "kill");
}

TEST(Lexicon, LongSentenceIsDecodedInWindows) {
  const Lexicon* lex = SharedLexicon();
  ASSERT_NE(lex, nullptr);
  std::string text;
  for (int i = 0; i < 150; ++i) text += "China will hold talks with Japan , ";
  text += "they said .";
  Sentence s(text);
  ASSERT_GT(s.tokens().size(), 1000u);
  lex->Annotate(s.tokens());
  for (size_t i = 0; i + 7 < s.tokens().size(); i += 7) {
    EXPECT_EQ(s.tokens()[i + 1].pos, Pos::kModal) << i;
    EXPECT_EQ(s.tokens()[i + 3].pos, Pos::kNoun) << i;
    EXPECT_EQ(s.tokens()[i + 3].lemma, "talk") << i;
  }
}

TEST(Lexicon, EmptySentence) {
  const Lexicon* lex = SharedLexicon();
  ASSERT_NE(lex, nullptr);
  std::vector<Token> none;
  lex->Annotate(none);
  Sentence one(".");
  lex->Annotate(one.tokens());
  EXPECT_EQ(one.tokens()[0].pos, Pos::kPunct);
}

TEST(Lexicon, MissingWordNetNamesPathAndPackage) {
  LexiconPaths paths;
  paths.wordnet_dir = "/nonexistent/wordnet-dir";
  auto loaded = Lexicon::Load(paths);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(loaded.status().message().find("/nonexistent/wordnet-dir/verb.exc"), std::string::npos)
      << loaded.status().message();
  EXPECT_NE(loaded.status().message().find("wordnet-base"), std::string::npos);
}

TEST(Lexicon, MissingPoslexNamesPathAndPackage) {
  LexiconPaths paths;
  paths.poslex_file = "/nonexistent/dicts/wsj.wp39.poslexR";
  auto loaded = Lexicon::Load(paths);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(loaded.status().message().find("/nonexistent/dicts/wsj.wp39.poslexR"),
            std::string::npos)
      << loaded.status().message();
  EXPECT_NE(loaded.status().message().find("festlex-poslex"), std::string::npos);
}

// A scratch directory holding a copy of the tag trigrams (which Load looks for
// next to the lexicon) and a lexicon file the test writes.
class ScratchDicts {
 public:
  ScratchDicts() {
    char tmpl[] = "/tmp/lexicon_test_XXXXXX";
    const char* made = ::mkdtemp(tmpl);
    EXPECT_NE(made, nullptr);
    dir_ = made ? made : "/tmp";
  }
  ~ScratchDicts() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  void CopyTrigrams() {
    std::filesystem::copy_file(
        LexiconPaths().poslex_file.substr(0, LexiconPaths().poslex_file.rfind('/') + 1) +
            "wsj.wp39.tri.ngrambin",
        dir_ + "/wsj.wp39.tri.ngrambin");
  }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ + "/" + name, std::ios::binary) << text;
  }
  std::string Path(const std::string& name) const { return dir_ + "/" + name; }

 private:
  std::string dir_;
};

TEST(Lexicon, MalformedLexiconLinesAreSkipped) {
  ScratchDicts dicts;
  dicts.CopyTrigrams();
  dicts.Write("poslex",
              "MNCL\n"
              "(\"talks\" ((nns -5.945) (vbz -7.847) ) () )\n"
              "garbage line\n"
              "(\"broken\" ((nn -1.0\n"
              "(\"weird\" ((zz -1.0) ) () )\n"
              "(\"positive\" ((nn 5.0) ) () )\n"
              "(\"\" ((nn -1.0) ) () )\n"
              "\n"
              "(\"the\" ((dt -0.530) ) () )\n"
              "(\"will\" ((md -1.148) (nn -8.379) ) () )\n"
              "(\"hold\" ((vb -5.0) (nn -9.0) ) () )\n"
              "(\"the\" ((nn -1.0) ) () )\n"
              "(\"with\" ((in -2.616) ) () )\n"
              "(\".\" ((punc -1.115) ) () )");
  LexiconPaths paths;
  paths.poslex_file = dicts.Path("poslex");
  auto loaded = Lexicon::Load(paths);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  Sentence s("China will hold the talks with Japan .");
  (*loaded)->Annotate(s.tokens());
  SCOPED_TRACE(Tagged(s.tokens()));
  EXPECT_EQ(s["will"].pos, Pos::kModal);
  EXPECT_EQ(s["the"].pos, Pos::kDeterminer);  // the first of two entries stands
  EXPECT_EQ(s["talks"].pos, Pos::kNoun);
  EXPECT_EQ(s["talks"].lemma, "talk");
}

TEST(Lexicon, LexiconWithoutEntriesIsAnError) {
  ScratchDicts dicts;
  dicts.CopyTrigrams();
  dicts.Write("poslex", "MNCL\nnot a lexicon\n");
  LexiconPaths paths;
  paths.poslex_file = dicts.Path("poslex");
  auto loaded = Lexicon::Load(paths);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(loaded.status().message().find(dicts.Path("poslex")), std::string::npos);
}

TEST(Lexicon, CorruptTrigramsAreAnError) {
  ScratchDicts dicts;
  dicts.Write("wsj.wp39.tri.ngrambin", "NgramBin_2 3\nnn punc\nnn punc\n\x40\x92");
  dicts.Write("poslex", "MNCL\n(\"the\" ((dt -0.530) ) () )\n");
  LexiconPaths paths;
  paths.poslex_file = dicts.Path("poslex");
  auto loaded = Lexicon::Load(paths);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(loaded.status().message().find(dicts.Path("wsj.wp39.tri.ngrambin")), std::string::npos)
      << loaded.status().message();
}

TEST(Lexicon, CaseDecidesProperNounReadings) {
  ANNOTATE("The US and China said the deal would help us .");
  EXPECT_EQ(s["US"].pos, Pos::kProperNoun);
  EXPECT_EQ(s["us"].pos, Pos::kPronoun);
  EXPECT_EQ(s["would"].pos, Pos::kModal);
}

TEST(Lexicon, PastTenseAfterNounSubject) {
  ANNOTATE("Germany 's foreign minister called for an immediate ceasefire .");
  EXPECT_EQ(s["called"].pos, Pos::kVerbPast);
  EXPECT_EQ(s["called"].lemma, "call");
}

TEST(Lexicon, PresentTenseBetweenNounPhrases) {
  ANNOTATE("If Iran attacks Israel , the United States could retaliate .");
  EXPECT_EQ(s["attacks"].pos, Pos::kVerb);
  EXPECT_EQ(s["attacks"].lemma, "attack");
  EXPECT_EQ(s["could"].pos, Pos::kModal);
  EXPECT_EQ(s["retaliate"].pos, Pos::kVerb);
}

TEST(Lexicon, PosNames) {
  EXPECT_EQ(PosName(Pos::kNoun), "NOUN");
  EXPECT_EQ(PosName(Pos::kProperNoun), "PROPN");
  EXPECT_EQ(PosName(Pos::kVerbPast), "VBD");
  EXPECT_EQ(PosName(Pos::kPreposition), "ADP");
  EXPECT_EQ(PosName(Pos::kUnknown), "UNK");
}

}  // namespace
}  // namespace detente
