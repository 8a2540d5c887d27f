#include "base/status.h"

namespace detente {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk: return "ok";
    case ErrorCode::kNotFound: return "not found";
    case ErrorCode::kPermissionDenied: return "permission denied";
    case ErrorCode::kInvalidInput: return "invalid input";
    case ErrorCode::kTooLarge: return "too large";
    case ErrorCode::kEmpty: return "empty";
    case ErrorCode::kBinary: return "binary";
    case ErrorCode::kIo: return "i/o error";
    case ErrorCode::kInternal: return "internal error";
  }
  return "unknown";
}

const std::string& Status::message() const {
  static const std::string kEmpty;
  return state_ ? state_->message : kEmpty;
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  return state_->message;
}

}  // namespace detente
