// A counting reverse proxy on 127.0.0.1 in front of one loopback fake. factory-deploy talks to
// the meter; the meter forwards each request to the fake unchanged and counts, per endpoint,
// the requests, their answers' status codes and the HTTP bytes each way. The fakes' own origin
// in answers (Link headers, signed upload URLs) is rewritten to the meter's, so pagination and
// blob uploads keep going through it.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "page_cache.hpp"
#include "support/loopback_server.hpp"

namespace fd::bench {

struct EndpointCount {
  std::int64_t requests = 0;
  std::map<int, std::int64_t> statuses;  // status code -> answers
  std::int64_t requestBytes = 0;         // start line + headers + body, as received
  std::int64_t responseBytes = 0;        // status line + headers + body, as composed
};

// "GET /repos/{o}/{r}/commits/{sha}/check-runs": ids, SHAs and blob names become placeholders so
// every page and every poll of one endpoint lands in one row.
std::string endpointKey(const std::string& method, const std::string& uri);

class Meter {
 public:
  // Called after each forwarded answer, before the client sees it.
  using Observer = std::function<void(const test::ServerRequest&, int status)>;

  Meter(std::string name, const std::string& backendUrl, Observer observer = nullptr);
  ~Meter();
  Meter(const Meter&) = delete;
  Meter& operator=(const Meter&) = delete;

  const std::string& name() const { return name_; }
  std::string url() const;  // http://127.0.0.1:<port>
  std::map<std::string, EndpointCount> counts() const;

  // GETs whose path contains `pathContains` are answered from `cache` once it holds their page.
  void useCache(PageCache& cache, std::string pathContains);
  std::int64_t cacheHits() const { return cacheHits_.load(); }
  // Asks the fake for `uri` (not counted) and keeps a 200 in the cache; returns the answer.
  test::ServerResponse warm(const std::string& uri, const test::HeaderList& headers);

 private:
  test::ServerResponse forward(const test::ServerRequest& request);
  test::ServerResponse fetch(const test::ServerRequest& request) const;  // from the fake
  bool cacheable(const test::ServerRequest& request) const;
  void record(const test::ServerRequest& request, const test::ServerResponse& response);

  std::string name_;
  std::string backendHost_;
  int backendPort_ = 0;
  std::string backendOrigin_;  // 127.0.0.1:<backend port>
  Observer observer_;
  PageCache* cache_ = nullptr;
  std::string cachedPath_;
  std::atomic<std::int64_t> cacheHits_{0};
  mutable std::mutex mutex_;
  std::map<std::string, EndpointCount> counts_;
  std::string frontOrigin_;                       // 127.0.0.1:<meter port>
  std::unique_ptr<test::LoopbackServer> server_;  // last: stopped before what it uses goes away
};

}  // namespace fd::bench
