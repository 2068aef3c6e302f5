#include "page_cache.hpp"

#include <Poco/URI.h>

#include <algorithm>
#include <cctype>

namespace fd::bench {

namespace {

bool sameName(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string headerValue(const test::HeaderList& headers, const std::string& name) {
  for (const auto& [key, value] : headers) {
    if (sameName(key, name)) return value;
  }
  return "";
}

}  // namespace

std::string PageCache::key(const std::string& uri) {
  const Poco::URI parsed(uri);
  std::map<std::string, std::string> query;
  for (const auto& [name, value] : parsed.getQueryParameters()) query[name] = value;
  query.emplace("page", "1");
  std::string normalized = parsed.getPath();
  char separator = '?';
  for (const auto& [name, value] : query) {
    normalized.append(1, separator).append(name).append("=").append(value);
    separator = '&';
  }
  return normalized;
}

std::optional<test::ServerResponse> PageCache::answer(const test::ServerRequest& request) const {
  std::lock_guard lock(mutex_);
  const auto found = pages_.find(key(request.uri));
  if (found == pages_.end()) return std::nullopt;
  test::ServerResponse response = found->second;
  const std::string etag = headerValue(response.headers, "ETag");
  if (!etag.empty() && request.header("If-None-Match").value_or("") == etag) {
    response.status = 304;  // what the fake answers: same headers, no body
    response.body.clear();
  }
  return response;
}

void PageCache::store(const std::string& uri, const test::ServerResponse& response) {
  if (response.status != 200) return;
  std::lock_guard lock(mutex_);
  pages_[key(uri)] = response;
}

void PageCache::clear() {
  std::lock_guard lock(mutex_);
  pages_.clear();
}

std::size_t PageCache::size() const {
  std::lock_guard lock(mutex_);
  return pages_.size();
}

}  // namespace fd::bench
