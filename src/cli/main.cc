// detente: political event data from news text. This file only parses the
// command line and hands over to the commands in cli/.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/measure_commands.h"
#include "cli/serve_command.h"
#include "cli/store_commands.h"

namespace {

void AddCommon(CLI::App* cmd, detente::CommonArgs* args) {
  cmd->add_option("inputs", args->inputs,
                  "Files or folders to read (plain text, HTML, JSONL, TSV; .gz/.zst too); - for stdin")
      ->required();
  cmd->add_option("--date", args->date,
                  "Story date (YYYY-MM-DD) for inputs whose metadata has none");
  cmd->add_option("--max-file-bytes", args->limits.max_file_bytes, "Largest input file read")
      ->capture_default_str();
  cmd->add_option("--max-document-bytes", args->limits.max_document_bytes,
                  "Longer articles are truncated at a paragraph break")
      ->capture_default_str();
  cmd->add_option("--max-line-bytes", args->limits.max_jsonl_line_bytes,
                  "Longest JSONL/TSV line accepted")
      ->capture_default_str();
  cmd->add_flag("-q,--quiet", args->quiet, "Only print errors on stderr");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"detente: political event data and relationship barometers from news text"};
  app.set_version_flag("--version", std::string("detente ") + DETENTE_VERSION);
  app.require_subcommand(1);

  detente::ReadArgs read_args;
  auto* read = app.add_subcommand(
      "read", "Show what detente reads: segments, metadata, sentences and tokens as JSONL "
              "(schema: docs/READ_FORMAT.md)");
  AddCommon(read, &read_args.common);
  bool no_tokens = false, no_boiler = false;
  read->add_flag("--no-tokens", no_tokens, "Leave tokens out of sentence lines");
  read->add_flag("--no-boilerplate", no_boiler, "Leave dropped boilerplate segments out");

  detente::CodeArgs code_args;
  auto* code = app.add_subcommand(
      "code", "Code political events (who did what to whom, CAMEO) as JSONL or TSV "
              "(schema: docs/EVENT_FORMAT.md)");
  AddCommon(code, &code_args.common);
  code->add_option(
      "--dict-dir", code_args.dict_dir,
      "Dictionary folder (default: the shipped dict/); none: only the --dict dictionaries");
  code->add_option(
      "--dict", code_args.dicts,
      "TABARI or PETRARCH dictionary, .project or .ini on top of ours (repeatable; "
      "[tabari:|petrarch:][actors:|agents:|verbs:|discards:|issues:]PATH; default: $DETENTE_DICT)");
  code->add_option("--format", code_args.format, "json (one object per line) or tsv")->capture_default_str();
  code->add_flag("--all-segments", code_args.all_segments,
                 "Also print events from teasers of other articles (marked teaser:N)");
  code->add_flag("--explain", code_args.explain,
                 "Trace each sentence on stderr: actors found, patterns tried, subject and target");

  int store_exit = -1;
  detente::RegisterStoreCommands(&app, &store_exit);
  detente::RegisterMeasureCommands(&app, &store_exit);
  detente::RegisterServeCommand(&app, &store_exit);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  if (read->parsed()) {
    read_args.tokens = !no_tokens;
    read_args.boilerplate = !no_boiler;
    return detente::RunRead(read_args);
  }
  if (code->parsed()) return detente::RunCode(code_args);
  if (store_exit >= 0) return store_exit;
  return 2;
}
