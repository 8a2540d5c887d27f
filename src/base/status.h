// Errors as values. The library never prints, exits or throws on bad input:
// every function that can fail on input returns a Status or a Result<T>, and
// the CLI decides what to tell the user. Success costs one null pointer.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace detente {

enum class ErrorCode {
  kOk = 0,
  kNotFound,          ///< a file or directory does not exist
  kPermissionDenied,  ///< a file exists but cannot be read
  kInvalidInput,      ///< bytes that are not what the format requires
  kTooLarge,          ///< input beyond a configured limit (see base/limits.h)
  kEmpty,             ///< an input with no content
  kBinary,            ///< an input that looks like a binary file, not text
  kIo,                ///< an operating-system read/write failure
  kInternal,          ///< a bug: should never be produced by user input
};

std::string_view ErrorCodeName(ErrorCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(ErrorCode code, std::string message)
      : state_(std::make_unique<State>(State{code, std::move(message)})) {}
  Status(const Status& other)
      : state_(other.state_ ? std::make_unique<State>(*other.state_) : nullptr) {}
  Status& operator=(const Status& other) {
    state_ = other.state_ ? std::make_unique<State>(*other.state_) : nullptr;
    return *this;
  }
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;

  static Status Ok() { return Status(); }
  bool ok() const { return state_ == nullptr; }
  ErrorCode code() const { return state_ ? state_->code : ErrorCode::kOk; }
  // The message names what failed and where (file, line, byte) when known.
  const std::string& message() const;
  std::string ToString() const;

 private:
  struct State {
    ErrorCode code;
    std::string message;
  };
  std::unique_ptr<State> state_;
};

// A value or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}  // NOLINT

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

#define DETENTE_RETURN_IF_ERROR(expr)      \
  do {                                     \
    ::detente::Status _st = (expr);        \
    if (!_st.ok()) return _st;             \
  } while (0)

}  // namespace detente
