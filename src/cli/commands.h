// The CLI's commands. main.cc parses flags into these argument structs; each
// command wires library objects together and reports problems on stderr.
// Exit status: 0 everything read; 1 some input failed (the rest was
// processed); 2 bad usage or set-up.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/limits.h"

namespace detente {

struct CommonArgs {
  std::vector<std::string> inputs;
  std::string date;  // --date YYYY-MM-DD
  Limits limits;
  bool quiet = false;
};

struct ReadArgs {
  CommonArgs common;
  bool tokens = true;
  bool boilerplate = true;  // print dropped boilerplate segments too
};

int RunRead(const ReadArgs& args);

struct CodeArgs {
  CommonArgs common;
  std::string dict_dir;      // --dict-dir; default: the shipped dictionaries
  std::vector<std::string>
      dicts;  // --dict: TABARI/PETRARCH dictionaries on top (match/dict_sources.h)
  std::string format = "json";
  bool all_segments = false;  // include teasers of other articles
  bool explain = false;       // trace each sentence's analysis on stderr
};

int RunCode(const CodeArgs& args);

}  // namespace detente
