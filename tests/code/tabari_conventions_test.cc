// TABARI's conventions (code/tabari_conventions.h): with TABARI dictionaries
// alone the coder reads a sentence as TABARI does. One behaviour per test,
// on small dictionaries and sentences written here.
#include <gtest/gtest.h>

#include "code/coder.h"
#include "code/discards.h"
#include "match/dict_sources.h"
#include "test_util.h"

namespace detente {
namespace {

using keds::Flavor;

const char* kActors =
    "ZEMBLA [ZEM]\nRURITANIA [RUR]\nFREEDONIA [FRE]\nSYLDAVIA [SYL]\nBORDURIA [BOR]\n"
    "THE_LEAGUE [ZEM/RUR]\nDUKE GRAUSTARK [GRA]\nGHOST_ [### <900101] [GHO]\n"
    "<ADJECTIVE>\nPLUCKY\n</ADJECTIVE>\n<NOUN>\nMULES\nGOATS\n</NOUN>\n";

std::unique_ptr<Dictionaries> Load(const std::string& verbs, const std::string& options = "") {
  auto d = Dictionaries::Create();
  LoadReport report;
  d->BeginLayer();
  LoadDictText(kActors, Flavor::kTabari, "actors", "actors.txt", d.get(), &report);
  LoadDictText(verbs, Flavor::kTabari, "verbs", "verbs.txt", d.get(), &report);
  if (!options.empty())
    LoadDictText(options, Flavor::kTabari, "options", "options.txt", d.get(), &report);
  d->set_conventions(Dictionaries::Conventions::kTabari);
  d->Finalize();
  return d;
}

// "SRC>TGT CODE" for each event, in order.
std::vector<std::string> Code(const Dictionaries& d, const std::string& text,
                              const std::string& date = "2001-03-04") {
  std::string json = "{\"id\":\"t\",\"date\":\"" + date + "\",\"text\":\"" + text + "\"}\n";
  auto r = testing::ReadBytes("t.jsonl", json);
  std::vector<std::string> out;
  if (r.docs.empty()) return out;
  EventCoder coder(d);
  std::vector<Event> events;
  coder.Code(*r.docs[0], &events);
  ApplyDiscardsAndIssues(d, *r.docs[0], &events);
  for (const auto& e : events)
    out.push_back(e.source.code + ">" + e.target.code + " " + e.cameo->code);
  return out;
}

using V = std::vector<std::string>;

TEST(TabariConventions, SourceBeforeVerbTargetAfterIt) {
  auto d = Load("SCOLD [121]\n");
  // Position, not grammar: the first actor before the verb, the first after it.
  EXPECT_EQ(Code(*d, "In Zembla the press said Ruritania scolded Freedonia."), V{"ZEM>FRE 121"});
  // No other actor after the verb: the first one before it with another code.
  EXPECT_EQ(Code(*d, "Zembla and its friend Ruritania scolded the press."), V{"ZEM>RUR 121"});
}

TEST(TabariConventions, DesignatedActorsAndSkips) {
  auto d = Load(
      "WARN [160]\n- * AT ^ + [162]\n- + HAS BEEN * $ [161]\n"
      "TRADE [040]\n- * WITH % [067]\n");
  EXPECT_EQ(Code(*d, "Zembla warned at Ruritania and Syldavia of Freedonia."),
            (V{"ZEM>FRE 162"}));  // ^ skips the whole compound
  EXPECT_EQ(Code(*d, "Zembla has been warned by Ruritania."), V{"RUR>ZEM 161"});
  // % : a compound acting on itself, member on member.
  EXPECT_EQ(Code(*d, "Zembla traded with Ruritania and Freedonia."),
            (V{"RUR>FRE 067", "FRE>RUR 067"}));
}

TEST(TabariConventions, ConnectorsStemsAndSynsets) {
  auto d = Load(
      "<SYNSETS>\n&COIN\n+DUCAT\n+GOLD_CROWNS\n</SYNSETS>\n"
      "PRAISE [050]\n- * REAL~_NICE [051]\n- * { WARMLY | KINDLY }_WELL [052]\n- * TREATY_ [053]\n"
      "PAY [070]\n- * &COIN [071]\n- * DUCAT [072]\n");
  // "REAL~_NICE": a stem, then the next word at once.
  EXPECT_EQ(Code(*d, "Zembla praised Ruritania as a really nice place."), V{"ZEM>RUR 051"});
  EXPECT_EQ(Code(*d, "Zembla praised Ruritania as a really very nice place."), V{"ZEM>RUR 050"});
  EXPECT_EQ(Code(*d, "Zembla praised Ruritania kindly well."), V{"ZEM>RUR 052"});
  // A pattern word ending in "_" matches only itself (no regular endings).
  EXPECT_EQ(Code(*d, "Zembla praised Ruritania for the treaty."), V{"ZEM>RUR 053"});
  EXPECT_EQ(Code(*d, "Zembla praised Ruritania for the treaties."), V{"ZEM>RUR 050"});
  // Synset members keep their connectors; a synset adds nothing to a
  // phrase's length, so the plain word is tried first.
  EXPECT_EQ(Code(*d, "Zembla paid gold crowns to Ruritania."), V{"ZEM>RUR 071"});
  EXPECT_EQ(Code(*d, "Zembla paid gold shiny crowns to Ruritania."), V{"ZEM>RUR 070"});
  EXPECT_EQ(Code(*d, "Zembla paid ducats to Ruritania."), V{"ZEM>RUR 072"});
}

TEST(TabariConventions, ClausesCommasAndPronouns) {
  auto d = Load("SCOLD [121]\nPROMISE [050]\nSAID [023?]\nREGRET [113]\n");
  // Each conjunction-delimited clause codes its first event; the source
  // carries over.
  EXPECT_EQ(Code(*d, "Zembla scolded Ruritania and promised aid to Freedonia."),
            (V{"ZEM>RUR 121", "ZEM>FRE 050"}));
  // "and" inside a compound actor does not split the clause.
  EXPECT_EQ(Code(*d, "Zembla and Syldavia scolded Ruritania."), (V{"ZEM>RUR 121", "SYL>RUR 121"}));
  // A comma-delimited phrase of three to ten words is dropped.
  EXPECT_EQ(Code(*d,
                 "Zembla, a close friend of Freedonia, scolded Ruritania over its policy on "
                 "fishing in the cold northern seas."),
            V{"ZEM>RUR 121"});
  // Chained: after a dropped phrase, the rest is counted from its comma, so
  // a short tail goes with it.
  EXPECT_TRUE(Code(*d, "Zembla, a close friend of Freedonia, scolded Ruritania.").empty());
  // A subordinate code ("[023?]") only when nothing else is coded; HE is
  // the first actor of the sentence.
  EXPECT_EQ(Code(*d, "Zembla said he regretted Syldavia's refusal."), V{"ZEM>SYL 113"});
  EXPECT_EQ(Code(*d, "Zembla said Syldavia was right."), V{"ZEM>SYL 023"});
  // THEY: the first compound actor.
  EXPECT_EQ(Code(*d, "Zembla and Ruritania met and then they scolded Borduria."),
            (V{"ZEM>BOR 121", "RUR>BOR 121"}));
}

TEST(TabariConventions, NounsPassivesAndCompounds) {
  auto d = Load("SCOLD [121]\nSHELL [190]\n");
  // After THE, A, AN or capitalised inside a sentence, a verb word is a noun.
  EXPECT_TRUE(Code(*d, "Zembla ignored the scold from Ruritania.").empty());
  EXPECT_TRUE(Code(*d, "Zembla read The Scold of Ruritania.").empty());
  // Passive voice: WAS/WERE/BEEN before the verb and BY after it (one
  // modifier may come between).
  EXPECT_EQ(Code(*d, "Zembla was shelled by Ruritania."), V{"RUR>ZEM 190"});
  EXPECT_EQ(Code(*d, "Zembla was shelled again by Ruritania."), V{"RUR>ZEM 190"});
  // Adjectives inside a compound ("<ADJECTIVE>" list) and coded compounds.
  EXPECT_EQ(Code(*d, "Zembla and plucky Freedonia scolded Borduria."),
            (V{"ZEM>BOR 121", "FRE>BOR 121"}));
  EXPECT_EQ(Code(*d, "The League scolded Borduria."), (V{"ZEM>BOR 121", "RUR>BOR 121"}));
}

TEST(TabariConventions, CompoundNounsAndAdjectivesDoNotSplitClauses) {
  auto d = Load("SEND [070]\nVISIT [042]\n");
  // "mules and plucky goats" (<NOUN> words): one clause, so Ruritania is
  // still the target of SEND.
  EXPECT_EQ(Code(*d, "Zembla sent mules and plucky goats to Ruritania."), V{"ZEM>RUR 070"});
  // A real conjunction starts a clause: its verb is coded too.
  EXPECT_EQ(Code(*d, "Zembla sent grain to Ruritania and visited Freedonia."),
            (V{"ZEM>RUR 070", "ZEM>FRE 042"}));
}

TEST(TabariConventions, ActorPhraseWordsNeedNotBeAdjacent) {
  auto d = Load("SCOLD [121]\n");
  EXPECT_EQ(Code(*d, "The Duke of Graustark scolded Zembla."), V{"GRA>ZEM 121"});
}

TEST(TabariConventions, RegularEndingsOnExactRoots) {
  auto d = Load("CHEER_ [040]\n");
  EXPECT_EQ(Code(*d, "Zembla cheeren Ruritania."), V{"ZEM>RUR 040"});  // ...EN
  EXPECT_TRUE(Code(*d, "Zembla cheerfully met Ruritania.").empty());   // not a stem
}

TEST(TabariConventions, CompoundSlotsAndLongLists) {
  auto d = Load("HAIL [040]\n- % * [044]\nSCOLD [121]\n");
  // "%" before the verb takes the compound, not the first actor.
  EXPECT_EQ(Code(*d, "Zembla with Ruritania and Freedonia hailed the deal."),
            (V{"RUR>FRE 044", "FRE>RUR 044"}));
  // "A and B, and C and D" is one list.
  EXPECT_EQ(Code(*d, "Zembla scolded Ruritania and Freedonia, and Syldavia and Borduria."),
            (V{"ZEM>RUR 121", "ZEM>FRE 121", "ZEM>SYL 121", "ZEM>BOR 121"}));
}

TEST(TabariConventions, HyphensAreBlanks) {
  auto d = Load("PARADE [017]\n- ANTI- + * [111]\n");
  EXPECT_EQ(Code(*d, "Zembla joined an anti- Ruritania parade."), V{"ZEM>RUR 111"});
}

TEST(TabariConventions, DatedDiscardCodes) {
  auto d = Load("SCOLD [121]\n");
  EXPECT_EQ(Code(*d, "Zembla scolded the Ghost."), V{"ZEM>GHO 121"});
  EXPECT_TRUE(Code(*d, "Zembla scolded the Ghost.", "1985-05-05").empty());  // [###] then
}

TEST(TabariConventions, OptionsFile) {
  const std::string verbs = "SCOLD [121]\nPROMISE [050]\nPRAISE [040]\nHAIL [041]\n";
  auto by_sentence = Load(verbs, "SET: CODE BY SENTENCE\n");
  EXPECT_EQ(Code(*by_sentence, "Zembla scolded Ruritania and promised aid to Freedonia."),
            V{"ZEM>RUR 121"});
  auto complex = Load(verbs, "COMPLEX: VERBS[3] NOACTPRIOR\n");
  EXPECT_TRUE(Code(*complex, "Zembla scolded Ruritania then praised Freedonia and hailed Syldavia.")
                  .empty());
  // NOACTPRIOR: a coded verb with no actor before it makes the sentence complex.
  EXPECT_TRUE(Code(*complex, "Scolded by Zembla, Ruritania promised aid to Freedonia.").empty());
  // The phrase between the commas is dropped, and with it the only target.
  auto commas = Load(verbs);
  EXPECT_TRUE(Code(*commas, "Zembla scolded, in a long letter to Freedonia, the press.").empty());
  auto no_commas = Load(verbs, "COMMA: OFF\n");
  EXPECT_EQ(Code(*no_commas, "Zembla scolded, in a long letter to Freedonia, the press."),
            V{"ZEM>FRE 121"});
}

}  // namespace
}  // namespace detente
