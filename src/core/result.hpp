// Errors as values. The code says what the caller should do next:
//   InvalidArgument    fix the input (exit 2), never retry
//   NotFound           the thing is absent; the caller decides whether that is fatal
//   FailedPrecondition do not retry until the state changes (stale report, failed gate)
//   Unavailable        transient: retrying the same call may succeed
//   DeadlineExceeded   the time budget ran out
//   ResourceExhausted  too large or rate limited
//   Cancelled          a signal asked us to stop
//   Aborted            someone else holds what we need (another deploy to the environment):
//                      retry once they are done
//   Internal           a bug or an unexpected system failure
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace fd {

enum class ErrorCode {
  InvalidArgument,
  NotFound,
  FailedPrecondition,
  Unavailable,
  DeadlineExceeded,
  ResourceExhausted,
  PermissionDenied,
  Cancelled,
  Aborted,
  Internal,
};

const char* errorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::Internal;
  std::string message;
};

inline Error makeError(ErrorCode code, std::string message) {
  return Error{code, std::move(message)};
}

struct Unit {};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  const T& value() const& { return std::get<0>(v_); }
  T& value() & { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const T* operator->() const { return &std::get<0>(v_); }
  T* operator->() { return &std::get<0>(v_); }
  const T& operator*() const& { return std::get<0>(v_); }
  T& operator*() & { return std::get<0>(v_); }

  const Error& error() const { return std::get<1>(v_); }
  ErrorCode code() const { return error().code; }
  const std::string& message() const { return error().message; }

 private:
  std::variant<T, Error> v_;
};

using Status = Result<Unit>;

inline Status okStatus() { return Status(Unit{}); }

}  // namespace fd
