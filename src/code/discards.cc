#include "code/discards.h"

#include <algorithm>

namespace detente {
namespace {

// Calls fn(payload) for every phrase of `trie` in tokens [first, end).
template <typename Fn>
void ForEachPhrase(const PhraseTrie& trie, const Document& doc, uint32_t first, uint32_t end,
                   Fn fn) {
  std::span<const Token> toks(doc.tokens);
  for (uint32_t i = first; i < end; ++i) {
    uint32_t len = 0;
    for (uint32_t p : trie.LongestMatch(toks, i, end, &len)) fn(p);
  }
}

// TABARI codes the first verb of a sentence that matches a pattern (with
// all the events its pattern gives), not every verb.
void FirstVerbPerSentence(std::vector<Event>* events) {
  std::vector<std::pair<uint32_t, uint32_t>> first;  // sentence -> earliest trigger start
  for (const auto& e : *events) {
    auto it = std::find_if(first.begin(), first.end(),
                           [&](const auto& f) { return f.first == e.sentence; });
    if (it == first.end())
      first.emplace_back(e.sentence, e.trigger.start);
    else
      it->second = std::min(it->second, e.trigger.start);
  }
  std::erase_if(*events, [&](const Event& e) {
    for (const auto& f : first)
      if (f.first == e.sentence) return e.trigger.start != f.second;
    return false;
  });
}

}  // namespace

void ApplyDiscardsAndIssues(const Dictionaries& dicts, const Document& doc,
                            std::vector<Event>* events) {
  if (dicts.flat_modality())
    for (auto& e : *events) {
      e.modality = Modality::kAsserted;
      e.modality_cue.clear();
    }
  // (With TABARI's conventions the coder itself codes the first event of
  // each clause: code/tabari_conventions.h.)
  if (dicts.conventions() == Dictionaries::Conventions::kPetrarch) FirstVerbPerSentence(events);
  if (events->empty() || (dicts.discards().empty() && dicts.issues().empty())) return;
  std::vector<uint32_t> sentences;
  for (const auto& e : *events) sentences.push_back(e.sentence);
  std::sort(sentences.begin(), sentences.end());
  sentences.erase(std::unique(sentences.begin(), sentences.end()), sentences.end());
  std::vector<uint32_t> dropped;
  if (!dicts.discards().empty()) {
    bool story = false;
    for (const auto& s : doc.sentences)
      ForEachPhrase(dicts.discard_phrases(), doc, s.first_token, s.end_token,
                    [&](uint32_t p) { story = story || dicts.discards()[p].story; });
    if (story) {
      events->clear();
      return;
    }
    for (uint32_t si : sentences) {
      const Sentence& s = doc.sentences[si];
      bool any = false;
      ForEachPhrase(dicts.discard_phrases(), doc, s.first_token, s.end_token,
                    [&](uint32_t) { any = true; });
      if (any) dropped.push_back(si);
    }
    std::erase_if(*events, [&](const Event& e) {
      return std::binary_search(dropped.begin(), dropped.end(), e.sentence);
    });
  }
  if (dicts.issues().empty()) return;
  for (uint32_t si : sentences) {
    if (std::binary_search(dropped.begin(), dropped.end(), si)) continue;
    const Sentence& s = doc.sentences[si];
    std::vector<std::string> issues;
    ForEachPhrase(dicts.issue_phrases(), doc, s.first_token, s.end_token, [&](uint32_t p) {
      const std::string& name = dicts.issues()[p].issue;
      if (std::find(issues.begin(), issues.end(), name) == issues.end()) issues.push_back(name);
    });
    if (issues.empty()) continue;
    for (auto& e : *events)
      if (e.sentence == si) e.issues = issues;
  }
}

}  // namespace detente
