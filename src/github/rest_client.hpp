// GitHub's REST API over the HttpClient port: auth and API headers, pagination, retries with
// jittered back-off, rate limits, ETag conditional requests and errors that name the endpoint.
#pragma once

#include <rapidjson/document.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <typeinfo>
#include <vector>

#include "core/ports/clock.hpp"
#include "core/ports/http_client.hpp"
#include "core/ports/log.hpp"
#include "core/ports/random.hpp"
#include "core/result.hpp"

namespace fd::github {

struct RestOptions {
  std::string baseUrl = "https://api.github.com";  // GHES: https://HOST/api/v3
  std::string token;      // a secret: registered with the log, never printed
  std::string userAgent;  // default: factory-deploy/<version>
  int maxAttempts = 5;    // per request, retries included
  std::size_t maxBodyBytes = 8 << 20;
  std::size_t maxCacheBytes = 64 << 20;
  std::chrono::milliseconds requestTimeout{std::chrono::seconds(30)};
  // The time a call may spend waiting (back-off, rate limits) when no deadline is set.
  std::chrono::milliseconds defaultBudget{std::chrono::minutes(2)};
};

// What one answer contributes once reduced: all that a later 304 needs besides the ETag.
struct PagePart {
  std::shared_ptr<const void> value;
  std::size_t bytes = 0;                 // what it holds, counted against maxCacheBytes
  const std::type_info* type = nullptr;  // set by the typed helpers, checked when read back
};

// The typed helpers' Part out of a PagePart, or an error when the cache handed back something
// else (two consumers sharing a URL and a kind) or nothing.
template <class Part>
Result<std::shared_ptr<const Part>> partOf(const PagePart& part, const std::string& where) {
  if (part.value == nullptr || part.type == nullptr || *part.type != typeid(Part)) {
    return makeError(ErrorCode::Internal,
                     where + ": the cached answer is not the reduction asked for");
  }
  return std::static_pointer_cast<const Part>(part.value);
}

// Reduces one answer's JSON (one page of a list) to its part. `kind` names the reduction: the
// cache keeps one part per URL and kind, so two consumers of one URL never get each other's.
struct Reduction {
  std::string kind;
  std::function<Result<PagePart>(const rapidjson::Value& json)> reduce;
};

struct RestResponse {
  int status = 0;
  rapidjson::Document json;  // null for an empty body, and null when reduced
  bool fromCache = false;    // a 304 answered from the ETag cache
  std::string nextUrl;       // Link rel="next", empty on the last page
  PagePart part;             // with a Reduction: the answer reduced (from the cache on a 304)
};

class RestClient {
 public:
  struct Stats {
    int requests = 0;     // sent over the wire, retries included
    int notModified = 0;  // 304s
    int retries = 0;
  };

  RestClient(RestOptions options, HttpClient& http, Clock& clock, Random& random, Log& log);

  // Waits for back-off and rate limits must end before `deadline` (nullopt: defaultBudget per
  // call). A wait that does not fit fails the call instead, saying until when GitHub said to wait.
  void setDeadline(std::optional<std::chrono::steady_clock::time_point> deadline);

  // `target` is a path below the base URL ("/repos/o/r") or an absolute URL on the same origin.
  // GETs are conditional when an earlier answer carried an ETag: a 304 is answered from the cache.
  Result<RestResponse> get(const std::string& target);
  // One answer reduced as it arrives: the cache keeps its ETag and the part, never the body, and
  // a 304 hands back the part without parsing anything.
  Result<RestResponse> get(const std::string& target, const Reduction& reduction);
  // Every page, with per_page=100, following Link rel="next": each page is reduced as it arrives
  // and its part handed to `visit` before the next page is asked for. Memory stays that of one
  // page plus the parts, whatever the number of pages.
  using PageVisitor = std::function<Status(const PagePart& part)>;
  Status forEachPage(const std::string& path, const Reduction& reduction, const PageVisitor& visit);
  // Typed forEachPage: `reduce` turns a page's JSON into a Part, `heldBytes(const Part&)` (found
  // by argument-dependent lookup) says how big it is, `visit` gets each page's Part (shared with
  // the cache: keeping it costs nothing more).
  template <class Part, class Reduce, class Visit>
  Status forEachPageOf(const std::string& path, const std::string& kind, Reduce reduce,
                       Visit visit);
  // Typed get with a reduction: `reduce` turns the answer's JSON into a Part, `heldBytes(const
  // Part&)` says how big it is; the Part is shared with the cache.
  template <class Part, class Reduce>
  Result<std::shared_ptr<const Part>> getOf(const std::string& target, const std::string& kind,
                                            Reduce reduce);
  // Every page as a whole JSON document, kept in memory together and cached as bodies: a
  // convenience for short lists (a handful of pages at most). Long lists use forEachPage.
  Result<std::vector<rapidjson::Document>> getAll(const std::string& path);
  // A POST is not idempotent: after an answer that may hide an applied request (a timeout, a
  // reset, a 5xx, a 2xx with a broken body) it is sent again only once `lookup` (given) found
  // nothing it created; what lookup finds is returned as the answer. Without a lookup such a
  // POST is not retried. Rate limits (nothing applied) are waited out and retried as for a GET.
  using PostLookup = std::function<Result<std::optional<RestResponse>>()>;
  Result<RestResponse> post(const std::string& path, const std::string& jsonBody,
                            const PostLookup& lookup = {});

  const std::string& baseUrl() const { return options_.baseUrl; }
  std::optional<std::chrono::steady_clock::time_point> deadline() const { return deadline_; }
  const Stats& stats() const { return stats_; }
  // What the ETag cache holds: its entries, and their bytes (URLs, ETags, bodies or parts).
  std::size_t cachedEntries() const { return cache_.size(); }
  std::size_t cachedBytes() const { return cacheBytes_; }

 private:
  struct CacheEntry {
    std::string etag;
    std::string nextUrl;
    std::string body;  // unreduced answers only
    PagePart part;     // reduced answers only
    std::size_t bytes = 0;
  };
  Result<RestResponse> exchange(const std::string& method, const std::string& target,
                                const std::string& body, const PostLookup& lookup,
                                const Reduction* reduction = nullptr);
  // After a POST that may have been applied: Unit to send it again, or the answer to return.
  Result<std::optional<RestResponse>> recoverPost(const std::string& where, const Error& failure,
                                                  const PostLookup& lookup, bool lastAttempt,
                                                  std::chrono::steady_clock::time_point deadline,
                                                  int attempt);
  Result<std::string> absoluteUrl(const std::string& target) const;
  HttpRequest buildRequest(const std::string& method, const std::string& url,
                           const std::string& body, const std::string& cacheKey) const;
  std::string endpoint(const std::string& method, const std::string& url) const;
  Status waitFor(std::chrono::milliseconds wait, std::chrono::steady_clock::time_point deadline,
                 const std::string& what, const std::string& failure);
  Result<RestResponse> finish(const std::string& where, const std::string& cacheKey,
                              const HttpResponse& response, const Reduction* reduction);
  std::chrono::milliseconds backoff(int attempt);
  void remember(const std::string& cacheKey, const HttpResponse& response,
                const RestResponse& result, const Reduction* reduction);

  RestOptions options_;
  HttpClient& http_;
  Clock& clock_;
  Random& random_;
  Log& log_;
  std::optional<std::chrono::steady_clock::time_point> deadline_;
  std::map<std::string, CacheEntry> cache_;
  std::size_t cacheBytes_ = 0;
  Stats stats_;
};

// The Reduction behind the typed helpers: `reduce`'s Part, its size and its type. `reduce` must
// outlive the Reduction.
template <class Part, class Reduce>
Reduction typedReduction(const std::string& kind, Reduce& reduce) {
  return {kind, [&reduce](const rapidjson::Value& json) -> Result<PagePart> {
            auto part = std::make_shared<const Part>(reduce(json));
            const std::size_t bytes = heldBytes(*part);
            return PagePart{std::move(part), bytes, &typeid(Part)};
          }};
}

template <class Part, class Reduce, class Visit>
Status RestClient::forEachPageOf(const std::string& path, const std::string& kind, Reduce reduce,
                                 Visit visit) {
  const Reduction reduction = typedReduction<Part>(kind, reduce);
  return forEachPage(path, reduction, [&visit, &path](const PagePart& part) -> Status {
    auto typed = partOf<Part>(part, path);
    if (!typed) return typed.error();
    return visit(std::move(typed).value());
  });
}

template <class Part, class Reduce>
Result<std::shared_ptr<const Part>> RestClient::getOf(const std::string& target,
                                                      const std::string& kind, Reduce reduce) {
  auto answer = get(target, typedReduction<Part>(kind, reduce));
  if (!answer) return answer.error();
  return partOf<Part>(answer->part, target);
}

// Sets a client's deadline for the life of a scope (a gate's check), then restores the old one.
class DeadlineScope {
 public:
  DeadlineScope(RestClient& client, std::chrono::steady_clock::time_point deadline);
  ~DeadlineScope();
  DeadlineScope(const DeadlineScope&) = delete;
  DeadlineScope& operator=(const DeadlineScope&) = delete;

 private:
  RestClient& client_;
  std::optional<std::chrono::steady_clock::time_point> previous_;
};

// "a b" -> "a%20b": for query values such as labels; characters in `keep` stay as they are.
std::string urlEncode(const std::string& value, std::string_view keep = "");

}  // namespace fd::github
