#include "deploy/http_failure.hpp"

namespace fd {

namespace {

bool mentions(const std::string& text, const char* part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

std::string httpFailureStatus(const Error& error) {
  switch (error.code) {
    case ErrorCode::DeadlineExceeded:
      return "timeout";
    case ErrorCode::FailedPrecondition:
      return "TLS error";
    case ErrorCode::ResourceExhausted:
      return "body too large";
    case ErrorCode::InvalidArgument:
      return "invalid URL";
    default:
      break;
  }
  if (mentions(error.message, "connection refused")) return "connection refused";
  if (mentions(error.message, "connection reset")) return "connection reset";
  if (mentions(error.message, "without a response")) return "no response";
  if (mentions(error.message, "not found")) return "host not found";
  if (mentions(error.message, "TLS")) return "TLS error";
  return "unavailable";
}

std::string httpFailureDetail(const Error& error) {
  // Messages read "<url>: <what happened>"; the URL is already in the table.
  const auto colon = error.message.rfind(": ");
  std::string detail = colon == std::string::npos ? error.message : error.message.substr(colon + 2);
  return detail == httpFailureStatus(error) ? "" : detail;
}

}  // namespace fd
