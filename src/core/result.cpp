#include "core/result.hpp"

namespace fd {

const char* errorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidArgument:
      return "invalid argument";
    case ErrorCode::NotFound:
      return "not found";
    case ErrorCode::FailedPrecondition:
      return "failed precondition";
    case ErrorCode::Unavailable:
      return "unavailable";
    case ErrorCode::DeadlineExceeded:
      return "deadline exceeded";
    case ErrorCode::ResourceExhausted:
      return "resource exhausted";
    case ErrorCode::PermissionDenied:
      return "permission denied";
    case ErrorCode::Cancelled:
      return "cancelled";
    case ErrorCode::Aborted:
      return "aborted";
    case ErrorCode::Internal:
      return "internal";
  }
  return "internal";
}

}  // namespace fd
