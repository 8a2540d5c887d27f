// TABARI and PETRARCH dictionary formats (issue 4): one construct per test,
// on small dictionaries written here; malformed and inexpressible entries
// are reported with file:line; coding with loaded dictionaries end to end.
#include <gtest/gtest.h>

#include "code/coder.h"
#include "code/discards.h"
#include "match/dict_sources.h"
#include "match/keds_format.h"
#include "test_util.h"

namespace detente {
namespace {

using keds::Flavor;

struct Loaded {
  std::unique_ptr<Dictionaries> d;
  LoadReport report;
  bool HasProblem(std::string_view text) const {
    for (const auto& p : report.problems)
      if (p.message().find(text) != std::string::npos) return true;
    return false;
  }
  std::string Problems() const {
    std::string s;
    for (const auto& p : report.problems) s += p.message() + "\n";
    return s;
  }
};

// Loads (kind, text) pairs, each as its own file "KIND.txt", in one layer.
Loaded Load(Flavor flavor, std::vector<std::pair<std::string, std::string>> files) {
  Loaded l;
  l.d = Dictionaries::Create();
  l.d->BeginLayer();
  for (auto& [kind, text] : files)
    LoadDictText(text, flavor, kind, kind + ".txt", l.d.get(), &l.report);
  // As with --dict-dir none: these dictionaries alone, with their conventions.
  l.d->set_conventions(flavor == Flavor::kTabari ? Dictionaries::Conventions::kTabari
                                                 : Dictionaries::Conventions::kPetrarch);
  l.d->Finalize();
  return l;
}

// The codes of the actor entries of a phrase written as text.
std::vector<std::string> ActorCodes(const Dictionaries& d, const std::string& phrase) {
  auto keys = PhraseKeys(LowerAscii(phrase));
  std::vector<TokenKeys> tk;
  for (auto& k : keys) tk.push_back(TokenKeys{d.vocabulary().Lookup(k), 0, 0, 0, 0});
  uint32_t len = 0;
  std::vector<std::string> out;
  for (uint32_t p : d.actor_names().LongestMatch(KeysView(tk.data(), 0), 0,
                                                 static_cast<uint32_t>(tk.size()), &len))
    if (len == keys.size()) out.push_back(d.actors()[p].code);
  return out;
}

struct Coded {
  std::string source, target, cameo;
  std::vector<std::string> issues;
};

std::vector<Coded> Code(const Dictionaries& d, const std::string& text,
                        const std::string& date = "1995-06-15") {
  std::string json = "{\"id\":\"t\",\"date\":\"" + date + "\",\"text\":\"" + text + "\"}\n";
  auto r = testing::ReadBytes("t.jsonl", json);
  std::vector<Coded> out;
  if (r.docs.empty()) return out;
  EventCoder coder(d);
  std::vector<Event> events;
  coder.Code(*r.docs[0], &events);
  ApplyDiscardsAndIssues(d, *r.docs[0], &events);
  for (const auto& e : events)
    out.push_back(Coded{e.source.code, e.target.code, e.cameo->code, e.issues});
  return out;
}

bool Has(const std::vector<Coded>& evs, const std::string& s, const std::string& t,
         const std::string& code) {
  for (const auto& e : evs)
    if (e.source == s && e.target == t && e.cameo == code) return true;
  return false;
}

std::string Dump(const std::vector<Coded>& evs) {
  std::string s;
  for (const auto& e : evs) s += e.source + "->" + e.target + " " + e.cameo + "; ";
  return s;
}

TEST(KedsFormat, Dates) {
  int32_t a = 0, b = 0;
  ASSERT_TRUE(keds::ParseKedsDate("950601", &a));
  ASSERT_TRUE(keds::ParseKedsDate("19950601", &b));
  EXPECT_EQ(a, b);
  ASSERT_TRUE(keds::ParseKedsDate("030101", &a));
  ASSERT_TRUE(keds::ParseKedsDate("20030101", &b));
  EXPECT_EQ(a, b);
  EXPECT_FALSE(keds::ParseKedsDate("9008223", &a));  // 7 digits (a real Phoenix typo)
  EXPECT_FALSE(keds::ParseKedsDate("951301", &a));
}

TEST(KedsFormat, CodeBlocks) {
  keds::CodeBlock b;
  std::string error;
  ASSERT_TRUE(keds::ParseCodeBlock("HOBGOV 950601 - 990815", &b, &error)) << error;
  EXPECT_EQ(b.code, "HOBGOV");
  EXPECT_LT(b.from, b.until);
  ASSERT_TRUE(keds::ParseCodeBlock("HOB < 950601", &b, &error));
  EXPECT_EQ(b.from, INT32_MIN);
  ASSERT_TRUE(keds::ParseCodeBlock("HOBREB >990816", &b, &error));
  EXPECT_EQ(b.until, INT32_MAX);
  ASSERT_TRUE(keds::ParseCodeBlock("###", &b, &error));
  EXPECT_FALSE(keds::ParseCodeBlock("950601-990815", &b, &error));
  EXPECT_FALSE(keds::ParseCodeBlock("AAA950601-990815", &b, &error));
  EXPECT_FALSE(keds::ParseCodeBlock("ABC 990815-950601", &b, &error));
}

TEST(TabariActors, SynonymsDatesStemsAndSpecialCodes) {
  auto l = Load(Flavor::kTabari, {{"actors",
                                   "RIVENDELL_  [RIV] ; comment\n"
                                   "MORIA\n+KHAZAD_DUM\n\t[DWF <950101]\n\t[DWFGOV 950101-990101]\n"
                                   "\t[DWFREB >990102]\n"
                                   "BALROG [###]\nSMAUG [---]\nBREE_  [BRE/SHI]\n"
                                   "<NOUN>\nDRAGON\n</NOUN>\n"
                                   "WEATHERTOP [WTP 9501011-990101]\n"
                                   "~~FINISH\nIGNORED [IGN]\n"}});
  EXPECT_EQ(ActorCodes(*l.d, "Rivendell"), std::vector<std::string>{"RIV"});
  // Synonyms share the group's dated codes, dated roles first.
  EXPECT_EQ(ActorCodes(*l.d, "Khazad Dum"), (std::vector<std::string>{"DWF", "DWFGOV", "DWFREB"}));
  EXPECT_TRUE(ActorCodes(*l.d, "Ignored").empty());
  EXPECT_EQ(l.report.discards, 1u);
  EXPECT_TRUE(l.HasProblem("actors.txt:8: not expressible: null-coded actor")) << l.Problems();
  // Coded compounds and <NOUN>/<ADJECTIVE> hints are kept for TABARI's
  // conventions (tests/code/tabari_conventions_test.cc).
  EXPECT_EQ(ActorCodes(*l.d, "Bree"), std::vector<std::string>{"BRE/SHI"});
  EXPECT_EQ(l.d->TabariWordClass("dragon"), 'N');
  EXPECT_TRUE(l.HasProblem("actors.txt:13: bad date range")) << l.Problems();
  // "MORIA" is a stem: it also matches "Morian".
  EXPECT_NE(l.d->vocabulary().LookupStem("morian"), 0u);
  EXPECT_EQ(l.d->vocabulary().LookupStem("rivendellian"), 0u);  // RIVENDELL_ is exact
}

TEST(PetrarchActors, EightDigitDatesDuplicatesAndBrokenLines) {
  auto l =
      Load(Flavor::kPetrarch, {{"actors",
                                "<!-- header\n# inside\n-->\n<! -- not a section -->\n"
                                "ROHAN_ [ROH] # comment\n+ROHIRRIM\n"
                                "THEODEN_\n\t[ROHGOV 19800101-20190301]\n\t[ROHELI >20190302]\n"
                                "ROHAN [GON]\n"
                                "EDORAS [ROHGOV\n"
                                "HELMS_DEEP [ROHMIL 9008223-911221]\n"
                                "+ORPHAN_SYNONYM\n"}});
  EXPECT_EQ(ActorCodes(*l.d, "Rohirrim"), std::vector<std::string>{"ROH"});
  EXPECT_EQ(ActorCodes(*l.d, "Theoden"), (std::vector<std::string>{"ROHGOV", "ROHELI"}));
  EXPECT_EQ(ActorCodes(*l.d, "Rohan"), std::vector<std::string>{"ROH"});  // the first is kept
  EXPECT_TRUE(l.HasProblem("actors.txt:10: duplicate actor phrase")) << l.Problems();
  EXPECT_TRUE(l.HasProblem("actors.txt:11: '[' without ']'")) << l.Problems();
  EXPECT_TRUE(l.HasProblem("actors.txt:12: bad date range")) << l.Problems();
  EXPECT_FALSE(l.d->vocabulary().has_stems());  // PETRARCH phrases are exact
  EXPECT_EQ(l.report.malformed, 3u)  // duplicate, bracket, date ("+ORPHAN_SYNONYM" is HELMS_DEEP's)
      << l.Problems();
}

TEST(Agents, SectorsPluralsAndSubstitutions) {
  auto l = Load(Flavor::kPetrarch, {{"agents",
                                     "!WARRIOR! = MAN, MEN\n"
                                     "MARSHAL [~MIL]\n"
                                     "HORSE!WARRIOR! {} [~MIL]\n"
                                     "STEWARD {STEWARDS_OF_GONDOR} [~GOV]\n"
                                     "ELF_LORDS [ELF~]\n"
                                     "WIZARD [WIZ]\n"
                                     "HOBBIT!SMALL! [~CVL]\n"}});
  const auto& nouns = l.d->agent_nouns();
  EXPECT_FALSE(nouns.Find("marshal").empty());
  EXPECT_FALSE(nouns.Find("marshals").empty());  // regular plural
  EXPECT_FALSE(nouns.Find("horseman").empty());
  EXPECT_FALSE(nouns.Find("horsemen").empty());  // from the substitution, not a plural rule
  EXPECT_FALSE(nouns.Find("steward").empty());
  EXPECT_TRUE(nouns.Find("stewards").empty());  // explicit plurals replace the regular ones
  EXPECT_FALSE(l.d->titles().Find("marshal").empty());
  EXPECT_TRUE(l.HasProblem("agents.txt:5: not expressible: agent code \"ELF~\"")) << l.Problems();
  EXPECT_TRUE(l.HasProblem("agents.txt:6: agent code \"WIZ\" has no '~'")) << l.Problems();
  EXPECT_TRUE(l.HasProblem("agents.txt:7: unknown substitution !SMALL!")) << l.Problems();
}

const VerbPattern* FindPattern(const Dictionaries& d, const std::string& head,
                               const std::string& code, bool swap = false) {
  if (auto* list = d.VerbHeads(head))
    for (uint32_t i : *list) {
      const auto& p = d.patterns()[i];
      if (p.cameo && p.cameo->code == code && p.swap == swap) return &p;
    }
  return nullptr;
}

std::string Words(const VerbPattern& p);

// The words of every verb pattern of `head` with `code`, most specific first.
std::vector<std::string> PatternWords(const Dictionaries& d, const std::string& head,
                                      const std::string& code) {
  std::vector<std::string> out;
  if (auto* list = d.VerbHeads(head))
    for (uint32_t i : *list)
      if (d.patterns()[i].cameo && d.patterns()[i].cameo->code == code)
        out.push_back(Words(d.patterns()[i]));
  return out;
}

std::string Words(const VerbPattern& p) {
  std::string s;
  for (const auto& e : p.elements) {
    s += s.empty() ? "" : " ";
    if (e.kind == PatternElement::kTarget) {
      s += "{T}";
      continue;
    }
    for (std::size_t i = 0; i < e.words.size(); ++i) s += (i ? "|" : "") + e.words[i];
  }
  return s;
}

TEST(TabariVerbs, SynsetsAlternativesPairsAndMarkers) {
  auto l = Load(Flavor::kTabari, {{"verbs",
                                   "<SYNSETS>\n&COIN\n+GOLD\n+SILVER_PIECES\n</SYNSETS>\n"
                                   "<TIME>\nTOMORROW [+1]\n</TIME>\n"
                                   "BESIEGE  [190]\n"
                                   "{ BESIEGED_ BESIEGING_ }\n"
                                   "- * WITH &COIN [071]\n"
                                   "- + WAS_ * BY $ [195]\n"
                                   "- SAID * [023]\n"
                                   "- * { WALLS | OUTER GATE } [191:192]\n"
                                   "- * NOTHING [---]\n"
                                   "- * ^ NEAR + [193]\n"
                                   "- * BROKEN [abc\n"
                                   "- WITHOUT A VERB [111]\n"
                                   "PARLEY_ [040]\n"}});
  ASSERT_NE(l.d->VerbHeads("besiege"), nullptr);
  ASSERT_NE(l.d->VerbHeads("besieged"), nullptr);  // a form shares the verb's patterns
  EXPECT_EQ(l.report.synsets, 1u);
  auto* p = FindPattern(*l.d, "besiege", "190");
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(p->elements.empty());
  // Single-word members make one alternation; "silver pieces" is its own pattern.
  EXPECT_EQ(PatternWords(*l.d, "besiege", "071"),
            (std::vector<std::string>{"with silver pieces", "with gold"}));
  p = FindPattern(*l.d, "besiege", "195", /*swap=*/true);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(Words(*p), "by {T}");
  p = FindPattern(*l.d, "besiege", "191");
  ASSERT_NE(p, nullptr);
  ASSERT_NE(p->reverse, nullptr);  // "[191:192]": the reverse event too
  EXPECT_EQ(p->reverse->code, "192");
  p = FindPattern(*l.d, "besiege", "193");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(Words(*p), "... near {T}");
  EXPECT_TRUE(l.HasProblem("verbs.txt:7: not expressible: <TIME>")) << l.Problems();
  p = FindPattern(*l.d, "besiege", "023");  // words before the verb
  ASSERT_NE(p, nullptr);
  ASSERT_EQ(p->before.size(), 1u);
  EXPECT_EQ(p->before[0].words, std::vector<std::string>{"said"});
  EXPECT_TRUE(l.HasProblem("verbs.txt:17: expected one [code]")) << l.Problems();
  EXPECT_TRUE(l.HasProblem("verbs.txt:18: pattern \"WITHOUT A VERB\" needs exactly one '*'"))
      << l.Problems();
  // Stems: BESIEGE is one, PARLEY_ is not.
  EXPECT_NE(l.d->vocabulary().LookupStem("besiegement"), 0u);
  EXPECT_EQ(l.d->vocabulary().LookupStem("parleyed"), 0u);
}

TEST(PetrarchVerbs, BlocksFormsAndMultiWordVerbs) {
  auto l = Load(Flavor::kPetrarch, {{"verbs",
                                     "&COIN\n+GOLD\n+&METAL\n\n"
                                     "&METAL\n+IRON\n\n"
                                     "--- BESIEGE [190] ---\n"
                                     "BESIEGE {BESIEGES BESIEGED}\n"
                                     "+CUT_OFF\n"
                                     "SIEGE_+ENGINE [191]\n"
                                     "- * WITH &COIN [071]\n"
                                     "- $ ^ * + [192]\n"
                                     "ORPHAN_OUTSIDE_BLOCK\n"}});
  EXPECT_NE(FindPattern(*l.d, "besieged", "190"), nullptr);
  auto* p = FindPattern(*l.d, "cut", "190");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(Words(*p), "off");
  p = FindPattern(*l.d, "cut", "071");  // block patterns apply to every verb of the block
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(Words(*p), "off with gold");
  EXPECT_TRUE(l.HasProblem("verbs.txt:3: synset member \"+&METAL\""))
      << l.Problems();                     // not yet defined
  p = FindPattern(*l.d, "engine", "191");  // "+" marks the verb of a multi-word verb
  ASSERT_NE(p, nullptr);
  ASSERT_EQ(p->before.size(), 1u);
  EXPECT_EQ(p->before[0].words, std::vector<std::string>{"siege"});
}

TEST(PetrarchDiscardsAndIssues, Load) {
  auto l = Load(Flavor::kPetrarch,
                {{"discards", "# comment\nTOURNAMENT\n+CHESS MATCH\n"},
                 {"issues",
                  "<ISSUE CATEGORY=\"WAR\" TYPE=\"ALL\">\nn:siege [SIEGES]\n"
                  "stone+n:wall [WALLS]\n~a siege mentality\nno code here\n</ISSUE>\n"}});
  EXPECT_EQ(l.report.discards, 2u);
  EXPECT_EQ(l.report.issues, 2u);
  EXPECT_TRUE(l.HasProblem("issues.txt:4: not expressible: issue exclusion")) << l.Problems();
  EXPECT_TRUE(l.HasProblem("issues.txt:5: expected \"phrase [ISSUE]\"")) << l.Problems();
  EXPECT_FALSE(l.d->issue_phrases().Find("sieges").empty());
}

TEST(PetrarchDiscardsAndIssues, ManyJoinsStayBounded) {
  // Each '+' doubles a phrase's spellings (hyphen or blank): 40 of them must
  // not take 2^40 strings (found by the libFuzzer target).
  std::string phrase = "a" + std::string(40, '+') + "b [JOINS]\n";
  auto l =
      Load(Flavor::kPetrarch, {{"issues", "<ISSUE CATEGORY=\"X\">\n" + phrase + "</ISSUE>\n"}});
  EXPECT_EQ(l.report.issues, 1u) << l.Problems();
}

TEST(DictSources, DetectKindAndFlavor) {
  EXPECT_EQ(DetectDictKind("ARNOR [ARN]\nGONDOR [GON]\n"), "actors");
  EXPECT_EQ(DetectDictKind("MINISTER [~GOV]\n"), "agents");
  EXPECT_EQ(DetectDictKind("--- MEET [040] ---\nMEET\n"), "verbs");
  EXPECT_EQ(DetectDictKind("MEET [040]\n- * WITH + [041]\n"), "verbs");
  EXPECT_EQ(DetectDictKind("<ISSUE CATEGORY=\"X\">\n"), "issues");
  EXPECT_EQ(DetectDictKind("FOOTBALL\n+CRICKET\n"), "discards");
  EXPECT_EQ(DetectDictFlavor("X [Y]\n", "a.actors"), Flavor::kTabari);
  EXPECT_EQ(DetectDictFlavor("X [Y]\n~~FINISH\n", "a.txt"), Flavor::kTabari);
  EXPECT_EQ(DetectDictFlavor("X [Y] # c\n", "a.txt"), Flavor::kPetrarch);
}

TEST(DictSources, LaterLayersOverrideEarlierOnes) {
  auto d = Dictionaries::Create();
  LoadReport report;
  ASSERT_TRUE(d->LoadDir(DETENTE_DICT_DIR, &report).ok());
  auto before = ActorCodes(*d, "China");
  ASSERT_FALSE(before.empty());
  d->BeginLayer();
  LoadDictText("CHINA [XYZ]\n", Flavor::kPetrarch, "actors", "a.txt", d.get(), &report);
  LoadDictText("--- VISIT [999] ---\nVISIT\n", Flavor::kPetrarch, "verbs", "v.txt", d.get(),
               &report);
  d->Finalize();
  EXPECT_EQ(ActorCodes(*d, "China"), std::vector<std::string>{"XYZ"});
  auto* visit = d->VerbHeads("visit");
  ASSERT_NE(visit, nullptr);
  ASSERT_EQ(visit->size(), 1u);  // our "visit" patterns are replaced
  EXPECT_EQ(d->patterns()[(*visit)[0]].cameo->code, "999");
  EXPECT_NE(d->VerbHeads("meet"), nullptr);  // heads the layer does not define stay
}

TEST(DictSources, ProjectAndConfigFiles) {
  auto dir =
      std::filesystem::temp_directory_path() / ("detente_dictfmt_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
  };
  write("t.actors", "ARNOR [ARN]\nGONDOR [GON]\n");
  write("t.verbs", "ATTACK [190]\n");
  write("t.project", "A test\n<actorsfile> t.actors\n<verbsfile> t.verbs\n<textfile> none.text\n");
  write("p.actors.txt", "ARNOR_ [ARN]\nGONDOR_ [GON]\n");
  write("p.verbs.txt", "--- ATTACK [190] ---\nATTACK\n");
  write("p.discards.txt", "+CHESS\n");
  write("p.ini",
        "[Dictionaries]\nverbfile_name = p.verbs.txt\nactorfile_list = p.actors.txt\n"
        "discardfile_name = p.discards.txt\n[Options]\nx = 1\n");
  for (const std::string spec : {"t.project", "p.ini"}) {
    LoadReport report;
    auto d = LoadDictionarySources("none", {(dir / spec).string()}, &report);
    ASSERT_TRUE(d.ok()) << d.status().message();
    EXPECT_EQ(report.actors, 2u) << spec;
    auto evs = Code(**d, "Arnor attacked Gondor on Monday.");
    EXPECT_TRUE(Has(evs, "ARN", "GON", "190")) << spec << ": " << Dump(evs);
  }
  LoadReport report;
  auto missing = LoadDictionarySources("none", {(dir / "nope.project").string()}, &report);
  EXPECT_FALSE(missing.ok());
  EXPECT_FALSE(LoadDictionarySources("none", {}, &report).ok());
  std::filesystem::remove_all(dir);
}

TEST(CodingWithOtherFormats, TabariDictionariesEndToEnd) {
  auto l = Load(Flavor::kTabari, {{"actors",
                                   "ARNOR [ARN]\nGONDOR [GON]\nDAGOLATH [DAG]\nBALROG [###]\n"
                                   "GOLLUM\n\t[HOB <950601]\n\t[HOBGOV 950601-990815]\n"},
                                  {"agents", "FOREIGN_MINISTER_ [~GOVFRM]\nTROOP [~MIL]\n"},
                                  {"verbs",
                                   "ACCUSE [112]\nFREE [066]\n- + WAS_ * FROM $ [067]\n"
                                   "MEET [031]\n- * WITH + [032:033]\n"}});
  ASSERT_TRUE(l.report.problems.empty()) << l.Problems();
  auto evs = Code(*l.d, "Arnor accused Gondor of lying.");
  EXPECT_TRUE(Has(evs, "ARN", "GON", "112")) << Dump(evs);
  evs = Code(*l.d, "Arnorian troops accused Gondor of lying.");  // stem + agent
  EXPECT_TRUE(Has(evs, "ARNMIL", "GON", "112")) << Dump(evs);
  evs = Code(*l.d, "Gondor was freed from Dagolath.");  // target before the verb, source after
  EXPECT_TRUE(Has(evs, "DAG", "GON", "067")) << Dump(evs);
  evs = Code(*l.d, "Arnor met with Gondor on Monday.");  // paired codes
  EXPECT_TRUE(Has(evs, "ARN", "GON", "032")) << Dump(evs);
  EXPECT_TRUE(Has(evs, "GON", "ARN", "033")) << Dump(evs);
  evs = Code(*l.d, "Gollum accused Gondor of lying.", "1996-01-01");  // dated role
  EXPECT_TRUE(Has(evs, "HOBGOV", "GON", "112")) << Dump(evs);
  evs = Code(*l.d, "Arnor accused Gondor of hiding the Balrog.");  // [###]: discard the sentence
  EXPECT_TRUE(evs.empty()) << Dump(evs);
}

TEST(CodingWithOtherFormats, PetrarchDiscardsAndIssues) {
  auto l =
      Load(Flavor::kPetrarch,
           {{"actors", "ARNOR_ [ARN]\nGONDOR_ [GON]\n"},
            {"verbs", "--- ACCUSE [112] ---\nACCUSE\n"},
            {"discards", "TOURNAMENT\n+CHESS MATCH\n"},
            {"issues", "<ISSUE CATEGORY=\"WAR\" TYPE=\"ALL\">\nn:siege [SIEGES]\n</ISSUE>\n"}});
  auto evs = Code(*l.d, "Arnor accused Gondor of planning sieges.");
  ASSERT_TRUE(Has(evs, "ARN", "GON", "112")) << Dump(evs);
  EXPECT_EQ(evs[0].issues, std::vector<std::string>{"SIEGES"});
  evs = Code(*l.d, "Arnor accused Gondor of cheating at the tournament.");
  EXPECT_TRUE(evs.empty()) << Dump(evs);
  evs = Code(*l.d, "Arnor accused Gondor of lying. The chess match went on.");
  EXPECT_TRUE(evs.empty()) << Dump(evs);  // story-level discard
}

}  // namespace
}  // namespace detente
