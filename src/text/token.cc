#include "text/token.h"

namespace detente {

std::string_view PosName(Pos pos) {
  switch (pos) {
    case Pos::kUnknown: return "UNK";
    case Pos::kNoun: return "NOUN";
    case Pos::kProperNoun: return "PROPN";
    case Pos::kPronoun: return "PRON";
    case Pos::kPossPronoun: return "PRON$";
    case Pos::kVerb: return "VERB";
    case Pos::kVerbPast: return "VBD";
    case Pos::kVerbPastPart: return "VBN";
    case Pos::kVerbGerund: return "VBG";
    case Pos::kModal: return "MODAL";
    case Pos::kAdjective: return "ADJ";
    case Pos::kAdverb: return "ADV";
    case Pos::kDeterminer: return "DET";
    case Pos::kPreposition: return "ADP";
    case Pos::kTo: return "TO";
    case Pos::kConjunction: return "CCONJ";
    case Pos::kNumber: return "NUM";
    case Pos::kPossessive: return "POS";
    case Pos::kParticle: return "PART";
    case Pos::kPunct: return "PUNCT";
    case Pos::kSymbol: return "SYM";
    case Pos::kOther: return "X";
  }
  return "UNK";
}

}  // namespace detente
