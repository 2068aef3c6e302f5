// A request URL taken apart for Poco, plus the form that is safe to print.
#pragma once

#include <cstdint>
#include <string>

#include "core/result.hpp"

namespace fd {

struct HttpTarget {
  std::string scheme;  // http or https
  std::string host;
  std::uint16_t port = 0;
  std::string pathAndQuery;  // "/" at least
  std::string userInfo;      // "user:password" for Basic auth, never printed
  std::string display;       // scheme://host:port/path, no credentials, no query

  bool https() const { return scheme == "https"; }
};

// InvalidArgument for anything but an absolute http(s) URL with a host.
Result<HttpTarget> parseHttpTarget(const std::string& url);

}  // namespace fd
