// A streaming JSON writer for API answers: commas and nesting are tracked so
// handlers write fields in order without building a DOM. Strings go through
// AppendJsonString (RFC 8259 escaping, invalid UTF-8 as U+FFFD).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace detente {

class JsonWriter {
 public:
  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);

  JsonWriter& String(std::string_view v);
  JsonWriter& Int(int64_t v);
  // Rounded to 4 decimals; null when not finite.
  JsonWriter& Number(double v);
  JsonWriter& Bool(bool v);
  JsonWriter& Null();

  // Key and value in one call.
  JsonWriter& Field(std::string_view key, std::string_view v) { return Key(key).String(v); }
  JsonWriter& Field(std::string_view key, const char* v) { return Key(key).String(v); }
  JsonWriter& Field(std::string_view key, const std::string& v) { return Key(key).String(v); }
  JsonWriter& Field(std::string_view key, int64_t v) { return Key(key).Int(v); }
  JsonWriter& Field(std::string_view key, int v) { return Key(key).Int(v); }
  JsonWriter& Field(std::string_view key, double v) { return Key(key).Number(v); }
  JsonWriter& Field(std::string_view key, bool v) { return Key(key).Bool(v); }
  JsonWriter& Field(std::string_view key, const std::optional<double>& v) {
    return v ? Field(key, *v) : Key(key).Null();
  }

  std::string Take() { return std::string(out_.data(), out_.size()); }

 private:
  void Value();  // a comma before a value that is not the first of its container

  fmt::memory_buffer out_;
  std::vector<bool> first_;  // per open container: nothing written yet
  bool after_key_ = false;
};

}  // namespace detente
