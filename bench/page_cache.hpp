// Pre-composed answers for one list endpoint of the fake GitHub. The fake composes every one of
// the N check runs for each page it serves (O(N) per page), which at 5,000 check runs would make
// the fake, not factory-deploy, dominate the wall time. The benchmark asks the fake for every
// page once before factory-deploy starts and the meter answers from here afterwards, exactly as
// the fake would: the same headers (ETag, Link) and body, or 304 when If-None-Match matches.
// Anything that changes the pages (the pending check finishing) clears the cache.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "support/loopback_server.hpp"

namespace fd::bench {

class PageCache {
 public:
  // "/path?page=1&per_page=100": the query sorted, page 1 when none is given.
  static std::string key(const std::string& uri);

  std::optional<test::ServerResponse> answer(const test::ServerRequest& request) const;
  void store(const std::string& uri, const test::ServerResponse& response);  // 200s only
  void clear();
  std::size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, test::ServerResponse> pages_;
};

}  // namespace fd::bench
