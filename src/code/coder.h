// The event coder: finds who did what to whom in each sentence of a read
// Document, with modality, date and evidence.
//
// Per sentence: actor mentions (mentions.h) are grouped into compounds
// ("Japan and South Korea") and appositions ("Qin Gang, China's foreign
// minister,"); verb and event-noun patterns (dictionaries.h) are matched at
// their heads; each head's verb chain ("is set to travel", "did not meet",
// "sanctions were imposed") gives voice and modality; the subject is the
// actor group right before the chain (through adverbs, parentheticals and
// coordinated verbs), the target the pattern's {T} slot or the direct
// object. "The two sides" stands for the story's main dyad; pronouns for the
// nearest compatible actor.
//
// Thread-compatible: one EventCoder per thread over shared, immutable
// Dictionaries.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "code/event.h"
#include "code/mentions.h"
#include "match/dictionaries.h"
#include "read/document.h"

namespace detente {

class EventCoder {
 public:
  explicit EventCoder(const Dictionaries& dicts);
  ~EventCoder();
  EventCoder(const EventCoder&) = delete;
  EventCoder& operator=(const EventCoder&) = delete;

  // Appends the events of every coded segment of `doc` to *events.
  void Code(const Document& doc, std::vector<Event>* events);

  // When set, a human-readable trace of each sentence's analysis (actors
  // found, pattern heads tried, subject/target choices) is appended here.
  void set_explain(std::string* out) { explain_ = out; }

  struct Impl;

 private:
  const Dictionaries& dicts_;
  MentionFinder finder_;
  std::string* explain_ = nullptr;
  std::unique_ptr<Impl> impl_;  // per-coder scratch, reused across documents
};

}  // namespace detente
