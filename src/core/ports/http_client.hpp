// HTTP(S) requests. Redirects are never followed: a 3xx is an answer like any other.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace fd {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  Headers headers;
  std::string body;
  std::chrono::milliseconds timeout{std::chrono::seconds(30)};
  std::size_t maxBodyBytes = 16 << 20;  // a larger answer is ResourceExhausted
};

struct HttpResponse {
  int status = 0;
  std::string reason;
  Headers headers;
  std::string body;
  std::chrono::milliseconds elapsed{0};

  // Case-insensitive header lookup.
  std::optional<std::string> header(const std::string& name) const;
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // Errors: Unavailable (refused, reset, DNS), DeadlineExceeded (timeout),
  // FailedPrecondition (TLS verification failed), ResourceExhausted (body too large),
  // InvalidArgument (bad URL).
  virtual Result<HttpResponse> send(const HttpRequest& request) = 0;
};

}  // namespace fd
