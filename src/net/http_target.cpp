#include "net/http_target.hpp"

#include <Poco/Exception.h>
#include <Poco/URI.h>

namespace fd {

namespace {

// What we may say about a URL we could not parse: its scheme and host at most.
std::string redacted(const std::string& url) {
  const auto at = url.find('@');
  const auto scheme = url.find("://");
  if (at == std::string::npos || scheme == std::string::npos || at < scheme) return url;
  return url.substr(0, scheme + 3) + "…" + url.substr(at);
}

}  // namespace

Result<HttpTarget> parseHttpTarget(const std::string& url) {
  Poco::URI uri;
  try {
    uri = Poco::URI(url);
  } catch (const Poco::Exception& e) {
    return makeError(ErrorCode::InvalidArgument,
                     "invalid URL " + redacted(url) + ": " + e.message());
  }
  HttpTarget target;
  target.scheme = uri.getScheme();
  if (target.scheme != "http" && target.scheme != "https") {
    return makeError(ErrorCode::InvalidArgument,
                     "invalid URL " + redacted(url) + ": expected http:// or https://");
  }
  target.host = uri.getHost();
  if (target.host.empty()) {
    return makeError(ErrorCode::InvalidArgument, "invalid URL " + redacted(url) + ": no host");
  }
  target.port = uri.getPort();
  target.pathAndQuery = uri.getPathAndQuery();
  if (target.pathAndQuery.empty()) target.pathAndQuery = "/";
  target.userInfo = uri.getUserInfo();
  const bool defaultPort = target.port == (target.https() ? 443 : 80);
  const std::string host =
      target.host.find(':') != std::string::npos ? "[" + target.host + "]" : target.host;
  target.display = target.scheme + "://" + host +
                   (defaultPort ? "" : ":" + std::to_string(target.port)) +
                   (uri.getPath().empty() ? "/" : uri.getPath());
  return target;
}

}  // namespace fd
