#include "store/ingest.h"

#include <sys/stat.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

#include "base/files.h"
#include "base/utf8.h"
#include "code/coder.h"
#include "read/dates.h"
#include "read/input.h"
#include "read/jsonl.h"
#include "read/warc.h"
#include "store/byte_stream.h"
#include "store/event_store.h"
#include "store/hash.h"
#include "store/records.h"

namespace detente {
namespace {

using Clock = std::chrono::steady_clock;

int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A bounded multi-producer, multi-consumer queue. Push blocks while full;
// Pop blocks while empty, and returns nullopt once closed and drained.
template <typename T>
class Queue {
 public:
  explicit Queue(std::size_t capacity) : capacity_(capacity) {}
  void Push(T item) {
    std::unique_lock lock(mu_);
    not_full_.wait(lock, [&] { return items_.size() < capacity_; });
    items_.push_back(std::move(item));
    not_empty_.notify_one();
  }
  std::optional<T> Pop() {
    std::unique_lock lock(mu_);
    not_empty_.wait(lock, [&] { return !items_.empty() || closed_; });
    return TakeLocked();
  }
  // Like Pop, but gives up at `deadline` (returns nullopt; check closed()).
  std::optional<T> PopUntil(Clock::time_point deadline) {
    std::unique_lock lock(mu_);
    not_empty_.wait_until(lock, deadline, [&] { return !items_.empty() || closed_; });
    return TakeLocked();
  }
  void Close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    not_empty_.notify_all();
  }
  bool Drained() {
    std::lock_guard lock(mu_);
    return closed_ && items_.empty();
  }

 private:
  std::optional<T> TakeLocked() {
    if (items_.empty()) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return item;
  }
  std::mutex mu_;
  std::condition_variable not_empty_, not_full_;
  std::deque<T> items_;
  std::size_t capacity_;
  bool closed_ = false;
};

// A set of 64-bit content hashes: open addressing, 16 bytes or less per
// entry (the hashes are uniformly distributed, so they index the table
// directly). 0 marks an empty slot and is kept aside.
class HashSet {
 public:
  bool Insert(uint64_t h) {
    if (h == 0) return !std::exchange(has_zero_, true);
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    if (!Place(&slots_, h)) return false;
    ++size_;
    return true;
  }

 private:
  static bool Place(std::vector<uint64_t>* slots, uint64_t h) {
    std::size_t mask = slots->size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      uint64_t& s = (*slots)[i];
      if (s == h) return false;
      if (s == 0) {
        s = h;
        return true;
      }
    }
  }
  void Grow() {
    std::vector<uint64_t> bigger(std::max<std::size_t>(1024, slots_.size() * 2), 0);
    for (uint64_t h : slots_)
      if (h) Place(&bigger, h);
    slots_.swap(bigger);
  }
  std::vector<uint64_t> slots_;
  std::size_t size_ = 0;
  bool has_zero_ = false;
};

struct InputState {
  std::string path;      // as given (used in messages and document ids)
  std::string abs_path;  // key in the inputs table
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  bool recordable = false;  // a regular file (not stdin) that can be skipped next time
  bool unlisted = false;    // a path that could not be listed: reported, never read
  // Jobs not yet finished, plus one held by the feeder until it has queued
  // them all; the input is complete when this reaches zero.
  std::atomic<int> pending{1};
  std::atomic<uint32_t> errors{0};
  std::atomic<bool> incomplete{false};  // cut short by a stop
  std::atomic<uint64_t> documents{0};
  uint64_t new_documents = 0;   // writer thread only
  std::optional<InputRow> row;  // writer thread only: the input's row in the store
};

struct PageItem {
  std::string name;  // target URI, or file#offset
  std::string body;
  std::string warc_date;
  uint64_t offset = 0;
};

struct Job {
  enum class Kind { kBuffer, kRecords, kPages } kind = Kind::kBuffer;
  uint32_t input = 0;
  std::string name;
  uint64_t weight = 0;  // input file bytes this job stands for
  // kBuffer: a whole decompressed input.
  std::string bytes;
  // kRecords: lines [begin, end) of a shared buffer, the first being line
  // `first_line` of the input, starting at its (decoded) byte `first_byte`.
  std::shared_ptr<const std::string> shared;
  std::size_t begin = 0, end = 0;
  uint64_t first_line = 0;
  uint64_t first_byte = 0;
  InputKind record_kind = InputKind::kJsonl;
  std::shared_ptr<const TsvRecordParser> tsv;
  // kPages: pages from WARC records.
  std::vector<PageItem> pages;
};

struct WriterMsg {
  std::vector<DocRecord> docs;  // the first `count` are filled
  std::size_t count = 0;
  int64_t input = -1;
  bool done = false;       // a job (or the feeder's share) of `input` finished
  uint64_t documents = 0;  // with done: documents read by that job
};

// Errors and warnings from all threads, with per-input error counts.
class ProblemLog {
 public:
  void Error(InputState* in, Status st) {
    if (in) in->errors.fetch_add(1);
    std::lock_guard lock(mu_);
    ++errors_total_;
    if (in) {
      auto& b = bad_[in->path];
      if (b.errors++ == 0) {
        b.path = in->path;
        b.first_error = st.message();
        order_.push_back(in->path);
      }
    }
    if (errors_.size() < IngestReport::kMaxMessages) errors_.push_back(std::move(st));
  }
  void Warning(Status st) {
    std::lock_guard lock(mu_);
    ++warnings_total_;
    if (warnings_.size() < IngestReport::kMaxMessages) warnings_.push_back(std::move(st));
  }
  void MoveTo(IngestReport* r) {
    std::lock_guard lock(mu_);
    r->errors = std::move(errors_);
    r->warnings = std::move(warnings_);
    r->errors_total = errors_total_;
    r->warnings_total = warnings_total_;
    for (const auto& p : order_) r->bad_inputs.push_back(bad_[p]);
  }

 private:
  std::mutex mu_;
  std::vector<Status> errors_, warnings_;
  std::size_t errors_total_ = 0, warnings_total_ = 0;
  std::unordered_map<std::string, BadInput> bad_;
  std::vector<std::string> order_;
};

class Pipeline {
 public:
  Pipeline(const IngestOptions& options, IngestReport* report)
      : opts_(options),
        report_(report),
        threads_(std::max(1, options.threads > 0
                                 ? options.threads
                                 : static_cast<int>(std::thread::hardware_concurrency()))),
        jobs_(static_cast<std::size_t>(threads_) * 2 + 2),
        // Deep enough (up to ~8k documents) that coding goes on while the
        // writer waits for a checkpoint's fsync, whatever the thread count.
        writer_q_(128 + static_cast<std::size_t>(threads_) * 4) {}

  Status Run(const std::function<void(const IngestProgress&)>& on_progress);

 private:
  bool Stopping() const {
    return stop_.load(std::memory_order_relaxed) ||
           (opts_.cancel && opts_.cancel->load(std::memory_order_relaxed));
  }
  IngestProgress Snapshot() const;

  // Feeder.
  void Feed();
  void FeedInput(uint32_t index);
  void FeedBuffer(uint32_t index, std::string bytes);
  void FeedRecords(uint32_t index, ByteStream* stream, std::string head, InputKind kind);
  void FeedWarc(uint32_t index, std::unique_ptr<WarcReader> warc);
  void PushJob(Job job);
  void InputFailed(uint32_t index, Status st);
  void ReleaseFeederHold(uint32_t index);

  // Workers.
  void Work();
  // Writer.
  void Write();
  void Recycle(std::vector<DocRecord> docs);
  std::vector<DocRecord> FreshBatch();

  bool Claim(uint64_t hash);

  const IngestOptions& opts_;
  IngestReport* report_;
  int threads_;
  std::vector<std::unique_ptr<InputState>> inputs_;
  std::unordered_map<std::string, InputRecord> ingested_;  // by absolute path
  std::vector<uint64_t> known_;                            // sorted hashes stored before this run
  std::mutex claim_mu_;
  HashSet claimed_;

  Queue<Job> jobs_;
  Queue<WriterMsg> writer_q_;
  std::mutex free_mu_;
  std::vector<std::vector<DocRecord>> free_batches_;

  std::unique_ptr<EventStore> store_;
  ProblemLog problems_;
  std::atomic<bool> stop_{false};
  std::atomic<uint64_t> documents_{0}, new_documents_{0}, duplicates_{0}, mentions_{0},
      new_events_{0};
  std::atomic<uint64_t> coded_mentions_{0};
  std::atomic<uint64_t> bytes_done_{0}, inputs_done_{0}, warc_records_{0}, warc_pages_{0};
  std::atomic<uint64_t> bytes_total_{0};
  Clock::time_point start_ = Clock::now();
  std::size_t worker_batch_ = 64;
};

IngestProgress Pipeline::Snapshot() const {
  IngestProgress p;
  p.documents = documents_.load();
  p.new_documents = new_documents_.load();
  p.duplicates = duplicates_.load();
  p.mentions = mentions_.load();
  p.coded_mentions = coded_mentions_.load();
  p.new_events = new_events_.load();
  p.bytes_total = bytes_total_.load();
  p.bytes_done = std::min(bytes_done_.load(), p.bytes_total);
  p.inputs_total = inputs_.size();
  p.inputs_done = inputs_done_.load();
  p.seconds = std::chrono::duration<double>(Clock::now() - start_).count();
  return p;
}

bool Pipeline::Claim(uint64_t hash) {
  if (std::binary_search(known_.begin(), known_.end(), hash)) return false;
  std::lock_guard lock(claim_mu_);
  return claimed_.Insert(hash);
}

// ---------------------------------------------------------------- feeder

void Pipeline::PushJob(Job job) {
  inputs_[job.input]->pending.fetch_add(1);
  jobs_.Push(std::move(job));
}

void Pipeline::InputFailed(uint32_t index, Status st) {
  problems_.Error(inputs_[index].get(), std::move(st));
}

void Pipeline::ReleaseFeederHold(uint32_t index) {
  WriterMsg m;
  m.input = index;
  m.done = true;
  writer_q_.Push(std::move(m));
}

void Pipeline::Feed() {
  for (uint32_t i = 0; i < inputs_.size(); ++i) {
    InputState& in = *inputs_[i];
    if (in.unlisted) continue;
    if (Stopping()) {
      in.incomplete = true;
      ReleaseFeederHold(i);
      continue;
    }
    auto it = ingested_.find(in.abs_path);
    if (opts_.skip_ingested_inputs && in.recordable && it != ingested_.end() &&
        it->second.size == in.size && it->second.mtime_ns == in.mtime_ns) {
      ++report_->inputs_skipped;
      in.incomplete = true;  // nothing to record again
      bytes_done_ += in.size;
      ReleaseFeederHold(i);
      continue;
    }
    FeedInput(i);
    ReleaseFeederHold(i);
  }
  jobs_.Close();
}

void Pipeline::FeedInput(uint32_t index) {
  InputState& in = *inputs_[index];
  const Limits& limits = opts_.read.limits;
  if (in.path != "-" && FileLooksLikeWarc(in.path)) {
    auto warc = WarcReader::Open(in.path, limits);
    if (!warc.ok()) {
      InputFailed(index, warc.status());
      bytes_done_ += in.size;
      return;
    }
    FeedWarc(index, std::move(warc).value());
    return;
  }
  auto opened = ByteStream::Open(in.path);
  if (!opened.ok()) {
    InputFailed(index, opened.status());
    bytes_done_ += in.size;
    return;
  }
  ByteStream& stream = **opened;
  const std::string& name = stream.name();
  // The first 64 KiB (decoded) tell what the input is.
  std::string head;
  while (head.size() < (64u << 10)) {
    auto n = stream.Read((64u << 10) - head.size(), &head);
    if (!n.ok()) {
      InputFailed(index, n.status());
      bytes_done_ += in.size;
      return;
    }
    if (*n == 0) break;
  }
  if (head.empty()) {
    InputFailed(index, Status(ErrorCode::kEmpty,
                              stream.compression() == Compression::kNone
                                  ? fmt::format("{}: empty input (0 bytes); nothing to read", name)
                                  : fmt::format("{}: decompresses to nothing", name)));
    bytes_done_ += in.size;
    return;
  }
  if (!LooksLikeWarc(head) && LooksBinary(head)) {
    InputFailed(
        index, Status(ErrorCode::kBinary, fmt::format("{}: looks like a binary file, not text (NUL "
                                                      "or control bytes near the start); skipped",
                                                      name)));
    bytes_done_ += in.size;
    return;
  }
  InputKind kind = LooksLikeWarc(head) ? InputKind::kWarc : DetectKind(head, name);
  if (kind == InputKind::kJsonl || kind == InputKind::kTsv) {
    FeedRecords(index, &stream, std::move(head), kind);
    return;
  }
  // Pages and plain texts are read whole (bounded by --max-file-bytes).
  std::string all = std::move(head);
  while (true) {
    auto n = stream.Read(1 << 20, &all);
    if (!n.ok()) {
      InputFailed(index, n.status());
      bytes_done_ += in.size;
      return;
    }
    if (*n == 0) break;
    if (all.size() > limits.max_file_bytes) {
      InputFailed(
          index,
          Status(ErrorCode::kTooLarge,
                 fmt::format("{}: larger than the {} byte input limit (raise --max-file-bytes)",
                             name, limits.max_file_bytes)));
      bytes_done_ += in.size;
      return;
    }
  }
  if (in.path == "-") {
    in.size = stream.raw_bytes();
    bytes_total_ += in.size;
  }
  if (kind == InputKind::kWarc) {
    FeedWarc(index, WarcReader::FromBytes(name, std::move(all), limits));
    return;
  }
  FeedBuffer(index, std::move(all));
}

void Pipeline::FeedBuffer(uint32_t index, std::string bytes) {
  Job job;
  job.kind = Job::Kind::kBuffer;
  job.input = index;
  job.name = inputs_[index]->path == "-" ? "<stdin>" : inputs_[index]->path;
  job.weight = inputs_[index]->size;
  job.bytes = std::move(bytes);
  PushJob(std::move(job));
}

void Pipeline::FeedRecords(uint32_t index, ByteStream* stream, std::string buf, InputKind kind) {
  InputState& in = *inputs_[index];
  const std::string name = stream->name();
  const Limits& limits = opts_.read.limits;
  const std::size_t chunk = opts_.chunk_bytes;
  uint64_t line = 1;           // number of the first line in buf
  uint64_t buf_offset = 0;     // decoded byte offset of buf[0] in the input
  uint64_t raw_accounted = 0;  // input bytes already attributed to jobs
  bool eof = false, failed = false;
  bool header_done = kind == InputKind::kJsonl;
  std::shared_ptr<TsvRecordParser> tsv;
  bool skipping = false;  // inside an over-long line, dropping bytes until its end
  uint64_t skip_line = 0, skip_bytes = 0;

  while (!Stopping()) {
    while (!eof && buf.size() < chunk) {
      auto n = stream->Read(chunk - buf.size(), &buf);
      if (!n.ok()) {
        // Keep the complete lines read so far; report the rest.
        InputFailed(index, n.status());
        eof = failed = true;
        break;
      }
      if (*n == 0) eof = true;
    }
    if (skipping) {
      std::size_t nl = buf.find('\n');
      skip_bytes += nl == std::string::npos ? buf.size() : nl;
      if (nl == std::string::npos && !eof) {
        buf_offset += buf.size();
        buf.clear();
        continue;
      }
      InputFailed(index,
                  Status(ErrorCode::kTooLarge,
                         fmt::format("{}:{}: line of {} bytes is over the {} byte limit; skipped "
                                     "(raise --max-line-bytes)",
                                     name, skip_line, skip_bytes, limits.max_jsonl_line_bytes)));
      std::size_t drop = nl == std::string::npos ? buf.size() : nl + 1;
      buf.erase(0, drop);
      buf_offset += drop;
      ++line;
      skipping = false;
      if (buf.empty() && eof) break;
      continue;
    }
    if (!header_done) {
      // The TSV header is the first non-blank line, as the Reader takes it.
      std::size_t nl = buf.find('\n');
      if (nl == std::string::npos && !eof && buf.size() < limits.max_jsonl_line_bytes) {
        std::size_t before = buf.size();
        auto n = stream->Read(chunk, &buf);
        if (!n.ok()) {
          InputFailed(index, n.status());
          eof = failed = true;
        } else if (buf.size() == before) {
          eof = true;
        }
        continue;
      }
      std::string_view l(buf.data(), nl == std::string::npos ? buf.size() : nl);
      while (!l.empty() && (l.back() == '\r' || l.back() == ' ')) l.remove_suffix(1);
      uint64_t this_line = line;
      bool blank = l.empty();
      if (!blank) {
        tsv = std::make_shared<TsvRecordParser>();
        Status st = tsv->SetHeader(l);
        if (!st.ok()) {
          InputFailed(index,
                      Status(st.code(), fmt::format("{}:{}: {}", name, this_line, st.message())));
          bytes_done_ += in.size;
          return;
        }
        header_done = true;
      }
      std::size_t drop = nl == std::string::npos ? buf.size() : nl + 1;
      buf.erase(0, drop);
      buf_offset += drop;
      ++line;
      if (buf.empty() && eof) break;
      continue;
    }
    // Cut after the last complete line; at the end, take everything (unless
    // the data ended in an error, when a partial last line is dropped).
    std::size_t cut;
    if (eof && !failed) {
      cut = buf.size();
    } else {
      std::size_t nl = buf.rfind('\n');
      if (nl == std::string::npos) {
        if (eof) break;  // a partial line before a read error
        if (buf.size() > limits.max_jsonl_line_bytes) {
          skipping = true;
          skip_line = line;
          skip_bytes = buf.size();
          buf_offset += buf.size();
          buf.clear();
          continue;
        }
        // A line longer than a chunk: read on until it ends.
        std::size_t before = buf.size();
        auto n = stream->Read(chunk, &buf);
        if (!n.ok()) {
          InputFailed(index, n.status());
          eof = failed = true;
        } else if (buf.size() == before) {
          eof = true;
        }
        continue;
      }
      cut = nl + 1;
    }
    if (cut == 0) break;
    Job job;
    job.kind = Job::Kind::kRecords;
    job.input = index;
    job.name = name;
    job.first_line = line;
    job.first_byte = buf_offset;
    buf_offset += cut;
    job.record_kind = kind;
    job.tsv = tsv;
    line += static_cast<uint64_t>(
        std::count(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(cut), '\n'));
    if (cut == buf.size()) {
      job.shared = std::make_shared<const std::string>(std::move(buf));
      buf = std::string();
    } else {
      job.shared = std::make_shared<const std::string>(buf, 0, cut);
      buf.erase(0, cut);
    }
    job.begin = 0;
    job.end = job.shared->size();
    uint64_t raw = stream->raw_bytes();
    job.weight = raw - raw_accounted;
    raw_accounted = raw;
    PushJob(std::move(job));
    if (eof && buf.empty()) break;
    if (eof && failed) break;
  }
  if (Stopping()) in.incomplete = true;
  if (in.path == "-") {
    in.size = stream->raw_bytes();
    bytes_total_ += in.size;
  }
  if (in.size > raw_accounted) bytes_done_ += in.size - raw_accounted;
}

void Pipeline::FeedWarc(uint32_t index, std::unique_ptr<WarcReader> warc) {
  InputState& in = *inputs_[index];
  const Limits& limits = opts_.read.limits;
  Job job;
  std::size_t job_bytes = 0;
  uint64_t accounted = 0;
  auto flush = [&] {
    if (job.pages.empty()) return;
    job.kind = Job::Kind::kPages;
    job.input = index;
    job.name = warc->name();
    uint64_t read =
        std::min<uint64_t>(warc->file_bytes_read(), in.size ? in.size : warc->file_bytes_read());
    job.weight = read > accounted ? read - accounted : 0;
    accounted += job.weight;
    PushJob(std::move(job));
    job = Job();
    job_bytes = 0;
  };
  WarcRecord rec;
  WarcPage page;
  while (true) {
    if (Stopping()) {
      in.incomplete = true;
      break;
    }
    auto next = warc->Next(&rec);
    if (!next.ok()) {
      InputFailed(index, next.status());
      break;
    }
    if (!*next) break;
    ++warc_records_;
    auto is_page = ExtractWarcPage(rec, limits, &page);
    if (!is_page.ok()) {
      problems_.Warning(
          Status(is_page.status().code(),
                 fmt::format("{}: record at byte {} ({}): {}; skipped", warc->name(), rec.offset,
                             rec.target_uri, is_page.status().message())));
      continue;
    }
    if (rec.oversized)
      problems_.Warning(Status(
          ErrorCode::kTooLarge,
          fmt::format(
              "{}: record at byte {} ({}) is over {} bytes; skipped (raise --max-file-bytes)",
              warc->name(), rec.offset, rec.target_uri, limits.max_file_bytes)));
    if (!*is_page) continue;
    ++warc_pages_;
    PageItem item;
    item.name =
        rec.target_uri.empty() ? fmt::format("{}#{}", warc->name(), rec.offset) : rec.target_uri;
    item.body = std::move(page.body);
    item.warc_date = rec.date;
    item.offset = rec.offset;
    job_bytes += item.body.size();
    job.pages.push_back(std::move(item));
    if (job.pages.size() >= 64 || job_bytes >= opts_.chunk_bytes) flush();
  }
  flush();
  // Whatever was not attributed to a job (skipped records, the tail) is done now.
  if (in.size > accounted) bytes_done_ += in.size - accounted;
}

// ---------------------------------------------------------------- workers

std::vector<DocRecord> Pipeline::FreshBatch() {
  std::lock_guard lock(free_mu_);
  if (free_batches_.empty()) return {};
  auto b = std::move(free_batches_.back());
  free_batches_.pop_back();
  return b;
}

void Pipeline::Recycle(std::vector<DocRecord> docs) {
  std::lock_guard lock(free_mu_);
  if (free_batches_.size() < 64) free_batches_.push_back(std::move(docs));
}

void Pipeline::Work() {
  Reader reader(opts_.read);
  EventCoder coder(*opts_.dicts);
  JsonlRecordParser jsonl;
  std::size_t jsonl_buffer = 0;  // the size of jsonl's buffer (see below)
  ArticleRecord record;
  Document doc;
  std::vector<Event> events;
  WriterMsg msg;
  msg.docs = FreshBatch();

  auto flush = [&] {
    if (msg.count == 0) return;
    writer_q_.Push(std::move(msg));
    msg = WriterMsg();
    msg.docs = FreshBatch();
  };

  while (auto job = jobs_.Pop()) {
    InputState& in = *inputs_[job->input];
    ReadReport report;
    bool complete = true;
    uint64_t job_documents = 0;
    // Progress: credit the job's input bytes as its lines or pages are done.
    uint64_t credited = 0;
    auto credit = [&](double fraction) {
      auto target =
          static_cast<uint64_t>(static_cast<double>(job->weight) * std::min(1.0, fraction));
      if (target > credited) {
        bytes_done_ += target - credited;
        credited = target;
      }
    };
    // Per-page WARC context, applied to each document before coding.
    const PageItem* page = nullptr;

    auto sink = [&](Document& d) -> bool {
      if (Stopping()) {
        complete = false;
        return false;
      }
      ++documents_;
      ++job_documents;
      if (page) {
        // A WARC page: its id is its URL, its source the WARC file, and the
        // crawl date stands in for a publication date the page lacks.
        d.kind = InputKind::kWarc;
        d.source = job->name;
        if (d.meta.url.empty()) d.meta.url = page->name;
        if (d.meta.story_date_source != DateSource::kInput) {
          if (auto date = ParseDateString(page->warc_date)) {
            d.meta.story_date = date->date;
            d.meta.story_date_precision = DatePrecision::kDay;
            d.meta.story_date_source = DateSource::kInput;
            d.meta.story_date_evidence.clear();
          }
        }
      }
      if (!Claim(Hash64(d.text))) {
        ++duplicates_;
        return true;
      }
      events.clear();
      coder.Code(d, &events);
      msg.input = job->input;
      if (msg.docs.size() <= msg.count) msg.docs.emplace_back();
      MakeDocRecord(d, events, &msg.docs[msg.count]);
      coded_mentions_ += msg.docs[msg.count].mentions.size();
      ++msg.count;
      if (msg.count >= worker_batch_) flush();
      return true;
    };

    if (Stopping()) {
      complete = false;
    } else if (job->kind == Job::Kind::kBuffer) {
      reader.ReadBuffer(job->name, std::move(job->bytes), sink, &report);
    } else if (job->kind == Job::Kind::kPages) {
      for (PageItem& p : job->pages) {
        if (!complete) break;
        credit(static_cast<double>(&p - job->pages.data()) /
               static_cast<double>(job->pages.size()));
        page = &p;
        ReadReport page_report;
        reader.ReadBuffer(p.name, std::move(p.body), sink, &page_report);
        // A page without text is normal in a crawl: note it, don't fail the file.
        for (auto& e : page_report.errors)
          report.warnings.push_back(
              Status(e.code(),
                     fmt::format("{} (record at byte {}): {}", job->name, p.offset, e.message())));
        for (auto& w : page_report.warnings) report.warnings.push_back(std::move(w));
      }
      page = nullptr;
    } else {
      std::string_view all(*job->shared);
      std::size_t pos = job->begin;
      uint64_t line_no = job->first_line - 1;
      const Limits& limits = opts_.read.limits;
      while (pos < job->end && complete) {
        std::size_t nl = all.find('\n', pos);
        if (nl == std::string_view::npos || nl > job->end) nl = job->end;
        std::string_view line = all.substr(pos, nl - pos);
        uint64_t line_start = job->first_byte + (pos - job->begin);  // in the input, for messages
        pos = nl + 1;
        ++line_no;
        if ((line_no & 31) == 0)
          credit(static_cast<double>(pos - job->begin) /
                 static_cast<double>(job->end - job->begin));
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
        if (line.empty()) continue;
        if (line.size() > limits.max_jsonl_line_bytes) {
          report.errors.push_back(Status(
              ErrorCode::kTooLarge,
              fmt::format("{}:{}: line of {} bytes (at byte {}) is over the {} byte limit; skipped "
                          "(raise --max-line-bytes)",
                          job->name, line_no, line.size(), line_start,
                          limits.max_jsonl_line_bytes)));
          continue;
        }
        if (job->record_kind == InputKind::kJsonl) {
          // JsonlRecordParser (read/jsonl.cc) hands simdjson its buffer's
          // size as the allocation, which lacks the 64 bytes of padding when
          // a line is at most 64 bytes shorter than the buffer, and the line
          // fails to parse. Mirror its growth rule and start a fresh parser
          // for such a line. Harmless once jsonl.cc pads the allocation.
          if (line.size() <= jsonl_buffer && line.size() + 64 > jsonl_buffer) {
            jsonl = JsonlRecordParser();
            jsonl_buffer = 0;
          }
          if (jsonl_buffer < line.size()) jsonl_buffer = line.size() * 2 + 64;
        }
        Status st = job->record_kind == InputKind::kJsonl ? jsonl.Parse(line, &record)
                                                          : job->tsv->Parse(line, &record);
        if (!st.ok()) {
          report.errors.push_back(
              Status(st.code(), fmt::format("{}:{}: {} (line starts at byte {}); line skipped",
                                            job->name, line_no, st.message(), line_start)));
          continue;
        }
        reader.ReadRecord(job->name, line_no, record, &doc, &report);
        doc.kind = job->record_kind;
        if (!sink(doc)) break;
      }
    }
    for (auto& e : report.errors) problems_.Error(&in, std::move(e));
    for (auto& w : report.warnings) problems_.Warning(std::move(w));
    if (!complete) in.incomplete = true;
    credit(1.0);
    // The job's documents and its end travel together, so the writer records
    // an input as done only in (or after) the transaction with its last documents.
    msg.input = job->input;
    msg.done = true;
    msg.documents = job_documents;
    writer_q_.Push(std::move(msg));
    msg = WriterMsg();
    msg.docs = FreshBatch();
  }
  flush();
}

// ---------------------------------------------------------------- writer

void Pipeline::Write() {
  bool in_txn = false;
  std::size_t docs_in_txn = 0;
  // What the open transaction adds; counted as stored once it commits.
  uint64_t txn_new = 0, txn_mentions = 0, txn_events = 0, txn_dups = 0;
  Clock::time_point txn_start;
  int64_t now = UnixNow();
  auto fail = [&](Status st) {
    if (report_->store_error.ok()) report_->store_error = std::move(st);
    store_->Rollback();
    in_txn = false;
    stop_ = true;
  };
  auto commit = [&] {
    if (!in_txn) return;
    Status st = store_->Commit();
    if (!st.ok()) {
      fail(std::move(st));
      return;
    }
    in_txn = false;
    docs_in_txn = 0;
    new_documents_ += txn_new;
    mentions_ += txn_mentions;
    new_events_ += txn_events;
    duplicates_ += txn_dups;
    txn_new = txn_mentions = txn_events = txn_dups = 0;
  };
  while (true) {
    auto deadline =
        in_txn ? txn_start + opts_.batch_interval : Clock::now() + std::chrono::seconds(1);
    auto msg = writer_q_.PopUntil(deadline);
    if (msg) {
      if (report_->store_error.ok()) {
        if (!in_txn) {
          Status st = store_->Begin();
          if (!st.ok())
            fail(std::move(st));
          else {
            in_txn = true;
            txn_start = Clock::now();
            now = UnixNow();
          }
        }
        InputState* input = msg->input >= 0 ? inputs_[msg->input].get() : nullptr;
        if (input && msg->count > 0 && !input->row && in_txn) {
          auto row = store_->EnsureInput(input->path == "-" ? "<stdin>" : input->abs_path,
                                         input->path == "-" ? "<stdin>" : input->path);
          if (row.ok())
            input->row = std::move(row).value();
          else
            fail(row.status());
        }
        for (std::size_t i = 0; i < msg->count && in_txn && input && input->row; ++i) {
          const DocRecord& d = msg->docs[i];
          auto added = store_->AddDocument(d, *input->row, now);
          if (!added.ok()) {
            fail(Status(added.status().code(),
                        fmt::format("storing {}: {}", d.key, added.status().message())));
            break;
          }
          if (added->inserted) {
            ++txn_new;
            txn_mentions += added->mentions;
            txn_events += added->new_events;
            ++input->new_documents;
          } else {
            ++txn_dups;  // another process stored the same text meanwhile
          }
          ++docs_in_txn;
        }
        if (msg->done && msg->input >= 0) {
          InputState& in = *inputs_[msg->input];
          in.documents += msg->documents;
          if (in.pending.fetch_sub(1) == 1) {
            ++inputs_done_;
            if (in_txn && in.recordable && !in.incomplete && in.errors.load() == 0) {
              Status st;
              if (!in.row) {
                auto row = store_->EnsureInput(in.abs_path, in.path);
                if (row.ok())
                  in.row = std::move(row).value();
                else
                  st = row.status();
              }
              if (st.ok()) {
                InputRecord r{in.abs_path, in.size, in.mtime_ns, in.documents.load(),
                              in.new_documents};
                st = store_->MarkInputDone(in.row->id, r, now);
              }
              if (!st.ok()) fail(std::move(st));
            }
          }
        }
      } else if (msg->done && msg->input >= 0) {
        if (inputs_[msg->input]->pending.fetch_sub(1) == 1) ++inputs_done_;
      }
      Recycle(std::move(msg->docs));
    }
    if (in_txn &&
        (docs_in_txn >= opts_.batch_documents || Clock::now() >= txn_start + opts_.batch_interval))
      commit();
    if (!msg && writer_q_.Drained()) break;
  }
  commit();
}

Status Pipeline::Run(const std::function<void(const IngestProgress&)>& on_progress) {
  auto store = EventStore::Open(opts_.db_path, EventStore::Mode::kWrite);
  if (!store.ok()) return store.status();
  store_ = std::move(store).value();
  DETENTE_RETURN_IF_ERROR(store_->LoadDocumentHashes(&known_));
  std::vector<InputRecord> done;
  DETENTE_RETURN_IF_ERROR(store_->LoadInputs(&done));
  for (auto& r : done) ingested_.emplace(r.abs_path, std::move(r));

  std::vector<Status> expand_errors;
  std::vector<std::string> paths = ExpandInputs(opts_.inputs, opts_.read.limits, &expand_errors);
  for (const auto& p : paths) {
    auto in = std::make_unique<InputState>();
    in->path = p;
    if (p != "-") {
      std::error_code ec;
      auto abs = std::filesystem::absolute(p, ec);
      in->abs_path = ec ? p : abs.lexically_normal().string();
      struct stat st;
      if (::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
        in->size = static_cast<uint64_t>(st.st_size);
        in->mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
        in->recordable = true;
      }
    }
    bytes_total_ += in->size;
    inputs_.push_back(std::move(in));
  }
  // Paths that could not be listed or do not exist are bad inputs too.
  for (auto& e : expand_errors) {
    auto in = std::make_unique<InputState>();
    std::string msg = e.message();
    in->path = msg.substr(0, msg.find(": "));
    in->pending = 0;
    in->unlisted = true;
    problems_.Error(in.get(), std::move(e));
    inputs_.push_back(std::move(in));
    ++inputs_done_;
  }

  report_->threads = threads_;
  // Small batches from workers keep the writer busy without long waits;
  // transactions group many of them.
  worker_batch_ = std::clamp<std::size_t>(opts_.batch_documents / 4, 1, 64);

  std::atomic<bool> finished{false};
  std::thread writer([&] { Write(); });
  std::vector<std::thread> workers;
  for (int i = 0; i < threads_; ++i) workers.emplace_back([&] { Work(); });
  std::thread feeder([&] { Feed(); });
  std::thread closer([&] {
    feeder.join();
    for (auto& w : workers) w.join();
    writer_q_.Close();
    writer.join();
    finished = true;
  });
  while (!finished.load()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (Stopping()) stop_ = true;
    if (on_progress) on_progress(Snapshot());
  }
  closer.join();
  if (report_->store_error.ok())
    store_->Checkpoint().ok();  // best effort; readers may hold it back
  store_.reset();

  report_->totals = Snapshot();
  report_->warc_records = warc_records_;
  report_->warc_pages = warc_pages_;
  report_->cancelled = opts_.cancel && opts_.cancel->load();
  problems_.MoveTo(report_);
  return Status::Ok();
}

}  // namespace

Status Ingest(const IngestOptions& options,
              const std::function<void(const IngestProgress&)>& on_progress, IngestReport* report) {
  if (!options.dicts) return Status(ErrorCode::kInternal, "ingest needs dictionaries");
  Pipeline pipeline(options, report);
  return pipeline.Run(on_progress);
}

}  // namespace detente
