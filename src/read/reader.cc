#include "read/reader.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/files.h"
#include "base/utf8.h"
#include "read/dates.h"
#include "read/html.h"
#include "read/input.h"
#include "read/segmenter.h"

namespace detente {
namespace {

void ResetDocument(Document* doc) {
  doc->id.clear();
  doc->source.clear();
  doc->line = 0;
  doc->kind = InputKind::kText;
  doc->text.clear();
  doc->source_offsets.clear();
  doc->meta = Metadata{};
  doc->segments.clear();
  doc->tokens.clear();
  doc->sentences.clear();
  doc->arena.Reset();
}

// Cuts an over-long text at the last paragraph break before the limit.
bool TruncateText(std::string* text, std::size_t limit) {
  if (text->size() <= limit) return false;
  std::size_t cut = text->rfind('\n', limit);
  if (cut == std::string::npos || cut < limit / 2) cut = limit;
  // Never cut inside a UTF-8 sequence.
  while (cut > 0 && (static_cast<unsigned char>((*text)[cut]) & 0xC0) == 0x80) --cut;
  text->resize(cut);
  return true;
}

}  // namespace

void Reader::Finish(Document* doc, const std::vector<Block>& blocks, bool detect_title) {
  SegmentDocument(blocks, SegmenterOptions{detect_title}, doc);
  const auto max_tokens = static_cast<uint32_t>(options_.limits.max_sentence_tokens);
  for (std::size_t s = 0; s < doc->segments.size(); ++s) {
    const Segment& seg = doc->segments[s];
    if (!seg.Coded()) continue;
    for (std::size_t p = 0; p < seg.paragraphs.size(); ++p) {
      const Paragraph& para = seg.paragraphs[p];
      auto first = static_cast<uint32_t>(doc->tokens.size());
      tokenizer_.Tokenize(doc->text, para.span.start, para.span.end, &doc->arena, &doc->tokens);
      auto end = static_cast<uint32_t>(doc->tokens.size());
      std::size_t before = doc->sentences.size();
      SplitSentences(doc->tokens, first, end, max_tokens, &doc->sentences);
      for (std::size_t k = before; k < doc->sentences.size(); ++k) {
        doc->sentences[k].segment = static_cast<uint16_t>(s);
        doc->sentences[k].paragraph = static_cast<uint16_t>(p);
      }
    }
  }
  if (options_.lexicon) {
    for (const Sentence& s : doc->sentences)
      options_.lexicon->Annotate(
          std::span<Token>(doc->tokens.data() + s.first_token, s.end_token - s.first_token));
  }
  // Dates seen in captions and in the article (not in teasers).
  for (const Sentence& s : doc->sentences) {
    const Segment& seg = doc->segments[s.segment];
    if (seg.kind != SegmentKind::kMain && seg.kind != SegmentKind::kCaption) continue;
    FindDates(doc->tokens, s.first_token, s.end_token, seg.kind == SegmentKind::kMain,
              &doc->meta.dates_seen);
  }
}

void Reader::ResolveStoryDate(Document* doc, const std::string& input_date) {
  Metadata& m = doc->meta;
  if (!input_date.empty()) {
    if (auto d = ParseDateString(input_date)) {
      m.story_date = d->date;
      m.story_date_precision = d->precision;
      m.story_date_source = DateSource::kInput;
      return;
    }
  }
  if (options_.date) {
    m.story_date = *options_.date;
    m.story_date_precision = DatePrecision::kDay;
    m.story_date_source = DateSource::kFlag;
    return;
  }
  // Best evidence: the latest full date in the article's captions, unless the
  // text talks about a later year (a file photo on a newer story).
  const DateMention* best_day = nullptr;
  const DateMention* best_year = nullptr;
  for (const auto& dm : m.dates_seen) {
    if (dm.precision == DatePrecision::kDay) {
      if (!best_day || dm.date > best_day->date) best_day = &dm;
    } else if (!best_year || dm.date > best_year->date) {
      best_year = &dm;
    }
  }
  if (best_day && (!best_year || best_year->date.year() <= best_day->date.year())) {
    m.story_date = best_day->date;
    m.story_date_precision = DatePrecision::kDay;
    m.story_date_evidence = fmt::format("latest date in the article: \"{}\"", doc->Text(best_day->span));
  } else if (best_year) {
    m.story_date = best_year->date;
    m.story_date_precision = best_year->precision;
    m.story_date_evidence = fmt::format("latest year or month in the article: \"{}\"", doc->Text(best_year->span));
  } else {
    return;
  }
  m.story_date_source = DateSource::kGuess;
}

void Reader::ReadRecord(const std::string& source, uint64_t line, const ArticleRecord& rec,
                        Document* doc, ReadReport* report) {
  ResetDocument(doc);
  doc->source = source;
  doc->line = line;
  doc->id = rec.id.empty() ? fmt::format("{}:{}", source, line) : rec.id;
  doc->meta.url = rec.url;
  std::vector<Block> blocks;
  if (!rec.title.empty()) {
    doc->text = rec.title;
    Block b;
    b.span = {0, static_cast<uint32_t>(rec.title.size())};
    b.has_hint = true;
    b.hint = Role::kTitle;
    blocks.push_back(b);
    if (!rec.text.empty()) doc->text += "\n\n";
  }
  auto offset = static_cast<uint32_t>(doc->text.size());
  doc->text += rec.text;
  if (TruncateText(&doc->text, options_.limits.max_document_bytes))
    report->warnings.push_back(Status(ErrorCode::kTooLarge,
        fmt::format("{}:{}: article longer than {} bytes was truncated (raise --max-document-bytes)",
                    source, line, options_.limits.max_document_bytes)));
  for (Block b : LineBlocks(std::string_view(doc->text).substr(offset))) {
    b.span.start += offset;
    b.span.end += offset;
    blocks.push_back(b);
  }
  auto check = CheckUtf8(doc->text);
  if (check.invalid_sequences)
    report->warnings.push_back(Status(ErrorCode::kInvalidInput,
        fmt::format("{}:{}: invalid UTF-8 at byte {} of the record's text ({} bad sequence(s) skipped)",
                    source, line, check.first_invalid_offset, check.invalid_sequences)));
  Finish(doc, blocks, /*detect_title=*/false);
  doc->meta.title = rec.title;
  if (!doc->segments.empty()) doc->segments[0].headline = rec.title;
  ResolveStoryDate(doc, rec.date);
}

void Reader::ReadBuffer(const std::string& name, std::string bytes, const DocumentSink& sink,
                        ReadReport* report) {
  ++report->inputs;
  report->bytes += bytes.size();
  if (bytes.empty()) {
    report->errors.push_back(Status(ErrorCode::kEmpty, fmt::format("{}: empty input (0 bytes); nothing to read", name)));
    return;
  }
  Compression c = DetectCompression(bytes);
  if (c != Compression::kNone) {
    auto plain = Decompress(bytes, c, name, options_.limits);
    if (!plain.ok()) {
      report->errors.push_back(plain.status());
      return;
    }
    bytes = std::move(plain).value();
    if (bytes.empty()) {
      report->errors.push_back(Status(ErrorCode::kEmpty, fmt::format("{}: decompresses to nothing", name)));
      return;
    }
  }
  if (LooksBinary(bytes)) {
    report->errors.push_back(Status(ErrorCode::kBinary,
        fmt::format("{}: looks like a binary file, not text (NUL or control bytes near the start); skipped", name)));
    return;
  }
  InputKind kind = DetectKind(bytes, name);
  if (kind == InputKind::kWarc) {
    report->errors.push_back(Status(ErrorCode::kInvalidInput,
        fmt::format("{}: WARC archives are read by `detente ingest`, not yet by this command", name)));
    return;
  }
  if (kind == InputKind::kJsonl || kind == InputKind::kTsv) {
    std::string_view all(bytes);
    std::size_t pos = 0;
    uint64_t line_no = 0;
    TsvRecordParser tsv;
    ArticleRecord rec;
    bool header_done = kind == InputKind::kJsonl;
    while (pos < all.size()) {
      std::size_t nl = all.find('\n', pos);
      if (nl == std::string_view::npos) nl = all.size();
      std::string_view line = all.substr(pos, nl - pos);
      std::size_t line_start = pos;
      pos = nl + 1;
      ++line_no;
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
      if (line.empty()) continue;
      if (!header_done) {
        header_done = true;
        Status st = tsv.SetHeader(line);
        if (!st.ok()) {
          report->errors.push_back(Status(st.code(), fmt::format("{}:1: {}", name, st.message())));
          return;
        }
        continue;
      }
      if (line.size() > options_.limits.max_jsonl_line_bytes) {
        report->errors.push_back(Status(ErrorCode::kTooLarge,
            fmt::format("{}:{}: line of {} bytes (at byte {}) is over the {} byte limit; skipped (raise --max-line-bytes)",
                        name, line_no, line.size(), line_start, options_.limits.max_jsonl_line_bytes)));
        continue;
      }
      Status st = kind == InputKind::kJsonl ? jsonl_.Parse(line, &rec) : tsv.Parse(line, &rec);
      if (!st.ok()) {
        report->errors.push_back(Status(st.code(), fmt::format("{}:{}: {} (line starts at byte {}); line skipped",
                                                               name, line_no, st.message(), line_start)));
        continue;
      }
      ReadRecord(name, line_no, rec, &doc_, report);
      doc_.kind = kind;
      ++report->documents;
      if (!sink(doc_)) return;
    }
    return;
  }

  ResetDocument(&doc_);
  doc_.id = name;
  doc_.source = name;
  doc_.kind = kind;
  std::vector<Block> blocks;
  std::string input_date;
  if (kind == InputKind::kHtml) {
    HtmlExtract ex = ExtractHtml(bytes);
    doc_.text = std::move(ex.text);
    blocks = std::move(ex.blocks);
    doc_.source_offsets = std::move(ex.source_offsets);
    doc_.meta.url = ex.url;
    input_date = ex.published;
    if (doc_.text.empty()) {
      report->errors.push_back(Status(ErrorCode::kEmpty, fmt::format("{}: HTML page has no text", name)));
      return;
    }
    // A page cut short still yields what it has; say so.
    std::string_view tail(bytes);
    if (tail.size() > 64) tail = tail.substr(tail.size() - 64);
    std::string lower(tail);
    for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (lower.find("</html>") == std::string::npos && lower.find("</body>") == std::string::npos)
      report->warnings.push_back(Status(ErrorCode::kInvalidInput,
          fmt::format("{}: HTML ends at byte {} without </body> or </html> (truncated page?); read what is there",
                      name, bytes.size())));
  } else {
    doc_.text = std::move(bytes);
    if (TruncateText(&doc_.text, options_.limits.max_document_bytes))
      report->warnings.push_back(Status(ErrorCode::kTooLarge,
          fmt::format("{}: text longer than {} bytes was truncated at a paragraph break (raise --max-document-bytes)",
                      name, options_.limits.max_document_bytes)));
    blocks = LineBlocks(doc_.text);
  }
  auto check = CheckUtf8(doc_.text);
  if (check.invalid_sequences)
    report->errors.push_back(Status(ErrorCode::kInvalidInput,
        fmt::format("{}: invalid UTF-8 at byte {} ({} bad sequence(s)); those bytes were skipped and the rest was read",
                    name, check.first_invalid_offset, check.invalid_sequences)));
  if (blocks.empty()) {
    report->errors.push_back(Status(ErrorCode::kEmpty, fmt::format("{}: no text (only whitespace)", name)));
    return;
  }
  Finish(&doc_, blocks, /*detect_title=*/true);
  ResolveStoryDate(&doc_, input_date);
  ++report->documents;
  sink(doc_);
}

void Reader::ReadPaths(const std::vector<std::string>& paths, const DocumentSink& sink,
                       ReadReport* report) {
  std::vector<Status> errors;
  std::vector<std::string> inputs = ExpandInputs(paths, options_.limits, &errors);
  for (auto& e : errors) report->errors.push_back(std::move(e));
  bool stop = false;
  DocumentSink guarded = [&](Document& d) {
    if (!sink(d)) stop = true;
    return !stop;
  };
  for (const auto& path : inputs) {
    if (stop) break;
    auto bytes = ReadWholeFile(path, options_.limits);
    if (!bytes.ok()) {
      ++report->inputs;
      report->errors.push_back(bytes.status());
      continue;
    }
    ReadBuffer(path == "-" ? std::string("<stdin>") : path, std::move(bytes).value(), guarded, report);
  }
}

}  // namespace detente
