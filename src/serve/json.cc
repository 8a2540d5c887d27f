#include "serve/json.h"

#include <cmath>

#include "base/json_writer.h"

namespace detente {

void JsonWriter::Value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_.push_back(',');
    first_.back() = false;
  }
}

JsonWriter& JsonWriter::BeginObject() {
  Value();
  out_.push_back('{');
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::EndObject() {
  out_.push_back('}');
  first_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::BeginArray() {
  Value();
  out_.push_back('[');
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::EndArray() {
  out_.push_back(']');
  first_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::Key(std::string_view key) {
  Value();
  AppendJsonString(&out_, key);
  out_.push_back(':');
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::String(std::string_view v) {
  Value();
  AppendJsonString(&out_, v);
  return *this;
}

JsonWriter& JsonWriter::Int(int64_t v) {
  Value();
  fmt::format_to(std::back_inserter(out_), "{}", v);
  return *this;
}

JsonWriter& JsonWriter::Number(double v) {
  Value();
  if (!std::isfinite(v)) {
    out_.append(std::string_view("null"));
    return *this;
  }
  double r = std::round(v * 1e4) / 1e4;
  if (r == 0) r = 0;  // no "-0"
  fmt::format_to(std::back_inserter(out_), "{}", r);
  return *this;
}

JsonWriter& JsonWriter::Bool(bool v) {
  Value();
  out_.append(std::string_view(v ? "true" : "false"));
  return *this;
}

JsonWriter& JsonWriter::Null() {
  Value();
  out_.append(std::string_view("null"));
  return *this;
}

}  // namespace detente
