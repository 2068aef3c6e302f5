#include "github/rest_client.hpp"

#include <rapidjson/error/en.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "core/version.hpp"
#include "github/json_fields.hpp"
#include "github/link_header.hpp"
#include "github/rate_limit.hpp"

namespace fd::github {

namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr milliseconds kMaxBackoff{seconds(30)};
constexpr std::size_t kMaxMessageChars = 300;
constexpr std::size_t kMaxPages = 100;  // 10,000 items: far beyond any real commit

// A reduced answer is cached under its URL and its reduction's kind, a whole body under the URL:
// a reduction never shares a plain read's entry, even with an empty kind.
std::string cacheKeyFor(const std::string& url, const Reduction* reduction) {
  return reduction == nullptr ? url : url + "\n" + reduction->kind;
}

std::string withPerPage(const std::string& path) {
  if (path.find("per_page=") != std::string::npos) return path;
  return path + (path.find('?') == std::string::npos ? "?" : "&") + "per_page=100";
}

// scheme://host[:port] of a URL, or empty.
std::string originOf(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return "";
  const auto pathStart = url.find('/', scheme + 3);
  return pathStart == std::string::npos ? url : url.substr(0, pathStart);
}

// The standard phrase: HTTP/2 sends none, and some servers send a wrong one ("404 OK").
std::string reasonFor(const HttpResponse& response) {
  switch (response.status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 409:
      return "Conflict";
    case 422:
      return "Unprocessable Entity";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return response.reason.empty() ? "HTTP " + std::to_string(response.status) : response.reason;
  }
}

// GitHub's {"message": ...}, or the start of whatever else the body holds.
std::string messageOf(const std::string& body) {
  rapidjson::Document json;
  json.Parse(body.c_str(), body.size());
  std::string message = json.HasParseError() ? body : stringField(json, "message");
  if (message.size() > kMaxMessageChars) message = message.substr(0, kMaxMessageChars) + "…";
  std::replace(message.begin(), message.end(), '\n', ' ');
  return message;
}

ErrorCode codeForStatus(int status) {
  if (status == 401 || status == 403) return ErrorCode::PermissionDenied;
  if (status == 404 || status == 410) return ErrorCode::NotFound;
  if (status == 400 || status == 422) return ErrorCode::InvalidArgument;
  if (status >= 500) return ErrorCode::Unavailable;
  return ErrorCode::FailedPrecondition;
}

std::string hintForStatus(int status, const std::string& message) {
  if (status == 401) return " (check the github-token input)";
  if (status == 403 && message.find("not accessible") != std::string::npos) {
    return " (the token lacks a permission: see the permissions block in docs/GITHUB.md)";
  }
  return "";
}

bool retryableTransport(ErrorCode code) {
  return code == ErrorCode::Unavailable || code == ErrorCode::DeadlineExceeded;
}

std::string describeWait(milliseconds wait) {
  const long long totalSeconds = (wait.count() + 999) / 1000;
  if (totalSeconds < 120) return std::to_string(totalSeconds) + "s";
  const long long minutes = totalSeconds / 60;
  if (minutes < 120) return std::to_string(minutes) + "m";
  return std::to_string(minutes / 60) + "h " + std::to_string(minutes % 60) + "m";
}

}  // namespace

std::string urlEncode(const std::string& value, std::string_view keep) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '_' || c == '.' || c == '~' ||
        keep.find(c) != std::string_view::npos) {
      encoded += c;
      continue;
    }
    encoded += '%';
    encoded += kHex[byte >> 4];
    encoded += kHex[byte & 15];
  }
  return encoded;
}

RestClient::RestClient(RestOptions options, HttpClient& http, Clock& clock, Random& random,
                       Log& log)
    : options_(std::move(options)), http_(http), clock_(clock), random_(random), log_(log) {
  while (!options_.baseUrl.empty() && options_.baseUrl.back() == '/') options_.baseUrl.pop_back();
  if (options_.userAgent.empty()) options_.userAgent = std::string("factory-deploy/") + kVersion;
  if (!options_.token.empty()) log_.addSecret(options_.token);  // before anything is printed
}

void RestClient::setDeadline(std::optional<std::chrono::steady_clock::time_point> deadline) {
  deadline_ = deadline;
}

Result<std::string> RestClient::absoluteUrl(const std::string& target) const {
  if (target.rfind("http://", 0) != 0 && target.rfind("https://", 0) != 0) {
    return options_.baseUrl + (target.empty() || target[0] != '/' ? "/" : "") + target;
  }
  // The token goes only to the API's own origin, whatever a Link header says.
  if (originOf(target) != originOf(options_.baseUrl)) {
    return makeError(ErrorCode::FailedPrecondition, "refusing to follow " + originOf(target) +
                                                        ": not the GitHub API at " +
                                                        originOf(options_.baseUrl));
  }
  return target;
}

std::string RestClient::endpoint(const std::string& method, const std::string& url) const {
  std::string path = url.substr(0, url.find('?'));
  if (path.rfind(options_.baseUrl, 0) == 0) {
    path = path.substr(options_.baseUrl.size());
  } else {
    const std::string origin = originOf(path);
    path = path.substr(origin.size());
  }
  return method + " " + (path.empty() ? "/" : path);
}

HttpRequest RestClient::buildRequest(const std::string& method, const std::string& url,
                                     const std::string& body, const std::string& cacheKey) const {
  HttpRequest request;
  request.method = method;
  request.url = url;
  request.body = body;
  request.timeout = options_.requestTimeout;
  request.maxBodyBytes = options_.maxBodyBytes;
  request.headers = {{"Accept", "application/vnd.github+json"},
                     {"X-GitHub-Api-Version", "2022-11-28"},
                     {"User-Agent", options_.userAgent}};
  if (!options_.token.empty())
    request.headers.emplace_back("Authorization", "Bearer " + options_.token);
  if (!body.empty()) request.headers.emplace_back("Content-Type", "application/json");
  if (method == "GET") {
    const auto cached = cache_.find(cacheKey);
    if (cached != cache_.end()) request.headers.emplace_back("If-None-Match", cached->second.etag);
  }
  return request;
}

Status RestClient::waitFor(milliseconds wait, std::chrono::steady_clock::time_point deadline,
                           const std::string& what, const std::string& failure) {
  const auto left = std::chrono::duration_cast<milliseconds>(deadline - clock_.steady());
  if (wait > left) {
    return makeError(ErrorCode::ResourceExhausted,
                     failure + "; waiting " + describeWait(wait) + " does not fit the time left (" +
                         describeWait(std::max(left, milliseconds(0))) + ")");
  }
  log_.info("GitHub API: " + what + ": waiting " + describeWait(wait) + " before retrying");
  if (!clock_.sleepFor(wait))
    return makeError(ErrorCode::Cancelled, what + ": cancelled while waiting");
  return okStatus();
}

void RestClient::remember(const std::string& cacheKey, const HttpResponse& response,
                          const RestResponse& result, const Reduction* reduction) {
  const auto etag = response.header("etag");
  if (!etag || etag->empty()) return;
  CacheEntry entry{*etag, result.nextUrl, "", {}, 0};
  if (reduction != nullptr)
    entry.part = result.part;  // the part, never the body: what a 304 needs and no more
  else
    entry.body = response.body;
  entry.bytes = cacheKey.size() + entry.etag.size() + entry.nextUrl.size() + entry.body.size() +
                entry.part.bytes;
  if (entry.bytes > options_.maxCacheBytes) return;
  const auto old = cache_.find(cacheKey);
  if (old != cache_.end()) {
    cacheBytes_ -= old->second.bytes;
    cache_.erase(old);
  }
  if (cacheBytes_ + entry.bytes > options_.maxCacheBytes) {  // simple and bounded: start over
    cache_.clear();
    cacheBytes_ = 0;
  }
  cacheBytes_ += entry.bytes;
  cache_[cacheKey] = std::move(entry);
}

Result<RestResponse> RestClient::finish(const std::string& where, const std::string& cacheKey,
                                        const HttpResponse& response, const Reduction* reduction) {
  RestResponse result;
  result.status = response.status;
  const std::string* body = &response.body;
  if (response.status == 304) {
    const auto cached = cache_.find(cacheKey);
    if (cached == cache_.end()) {
      return makeError(ErrorCode::Internal, where + ": 304 Not Modified without a cached answer");
    }
    ++stats_.notModified;
    result.status = 200;
    result.fromCache = true;
    result.nextUrl = cached->second.nextUrl;
    if (reduction != nullptr) {
      result.part = cached->second.part;
      return result;
    }
    body = &cached->second.body;
  } else {
    if (const auto link = response.header("link")) result.nextUrl = findLink(*link).value_or("");
  }
  if (!body->empty()) {
    result.json.Parse(body->c_str(), body->size());
    if (result.json.HasParseError()) {
      // A body cut off or garbled on the way is a transport fault: asking again may succeed.
      return makeError(
          ErrorCode::Unavailable,
          where + ": " + std::to_string(response.status) + " " + reasonFor(response) +
              " with malformed JSON: " + rapidjson::GetParseError_En(result.json.GetParseError()) +
              " at offset " + std::to_string(result.json.GetErrorOffset()));
    }
  }
  if (reduction != nullptr) {
    auto part = reduction->reduce(result.json);
    if (!part) return makeError(part.code(), where + ": " + part.message());
    result.part = std::move(part).value();
    result.json = rapidjson::Document();  // the page is done with: free it now
  }
  if (response.status != 304 && response.status >= 200 && response.status < 300) {
    remember(cacheKey, response, result, reduction);
  }
  return result;
}

Result<std::optional<RestResponse>> RestClient::recoverPost(
    const std::string& where, const Error& failure, const PostLookup& lookup, bool lastAttempt,
    std::chrono::steady_clock::time_point deadline, int attempt) {
  if (!lookup) {
    return makeError(failure.code,
                     failure.message + " (not sent again: the request may have been applied)");
  }
  if (lastAttempt) return failure;
  if (auto waited =
          waitFor(backoff(attempt), deadline, where + ": the answer was lost", failure.message);
      !waited) {
    return waited.error();
  }
  log_.info("GitHub API: " + where + ": looking for what the lost request may have created");
  Result<std::optional<RestResponse>> found = lookup();
  if (!found) {
    // Cannot tell whether it was applied: sending it again could make a second one.
    return makeError(failure.code, failure.message +
                                       "; not sent again: could not tell whether it was applied (" +
                                       found.message() + ")");
  }
  if (*found) log_.info("GitHub API: " + where + ": it was applied; using what it created");
  return found;
}

Result<RestResponse> RestClient::exchange(const std::string& method, const std::string& target,
                                          const std::string& body, const PostLookup& lookup,
                                          const Reduction* reduction) {
  auto url = absoluteUrl(target);
  if (!url) return url.error();
  const std::string cacheKey = cacheKeyFor(*url, reduction);
  const std::string where = endpoint(method, *url);
  const bool post = method == "POST";
  const auto deadline = deadline_.value_or(clock_.steady() + options_.defaultBudget);
  int secondaryHits = 0;
  for (int attempt = 1;; ++attempt) {
    const bool lastAttempt = attempt >= options_.maxAttempts;
    ++stats_.requests;
    const auto sent = http_.send(buildRequest(method, *url, body, cacheKey));
    // A lost or broken answer to a POST: look before sending it again.
    const auto recover = [&](const Error& failure) -> std::optional<Result<RestResponse>> {
      Result<std::optional<RestResponse>> found =
          recoverPost(where, failure, lookup, lastAttempt, deadline, attempt);
      if (!found) return Result<RestResponse>(found.error());
      if (*found) return Result<RestResponse>(std::move(**found));
      ++stats_.retries;
      return std::nullopt;
    };
    if (!sent) {
      const std::string failure = where + ": " + sent.message();
      if (!retryableTransport(sent.code()) || (lastAttempt && !post))
        return makeError(sent.code(), failure);
      if (post) {
        if (auto answer = recover(makeError(sent.code(), failure))) return std::move(*answer);
        continue;
      }
      if (auto waited = waitFor(backoff(attempt), deadline, where, failure); !waited)
        return waited.error();
      ++stats_.retries;
      continue;
    }
    const HttpResponse& response = *sent;
    log_.debug(where + " -> " + std::to_string(response.status));
    if (response.status == 304 || (response.status >= 200 && response.status < 300)) {
      Result<RestResponse> done = finish(where, cacheKey, response, reduction);
      if (done || done.code() != ErrorCode::Unavailable) return done;
      if (post) {
        if (auto answer = recover(done.error())) return std::move(*answer);
        continue;
      }
      if (lastAttempt) return done;
      if (auto waited =
              waitFor(backoff(attempt), deadline, where + ": malformed JSON", done.message());
          !waited)
        return waited.error();
      ++stats_.retries;
      continue;
    }
    const std::string message = messageOf(response.body);
    std::string failure = where + ": " + std::to_string(response.status) + " " +
                          reasonFor(response) + (message.empty() ? "" : ": " + message);
    const RateLimitVerdict limit =
        classifyRateLimit(response, clock_.now(), secondaryHits, random_.unit());
    if (limit.kind != LimitKind::None) {
      if (limit.kind == LimitKind::Secondary) ++secondaryHits;
      if (limit.resetAt)
        failure += " (" + limit.why + "; it resets at " + isoTime(*limit.resetAt) + ")";
      else
        failure += " (" + limit.why + ")";
      if (lastAttempt) return makeError(ErrorCode::ResourceExhausted, failure);
      if (auto waited = waitFor(limit.wait, deadline, where + ": " + limit.why, failure); !waited) {
        return waited.error();
      }
      ++stats_.retries;
      continue;
    }
    const bool retryable = response.status >= 500 || response.status == 429;
    if (!retryable || (lastAttempt && !post)) {
      return makeError(codeForStatus(response.status),
                       failure + hintForStatus(response.status, message));
    }
    if (post && response.status >= 500) {
      if (auto answer = recover(makeError(codeForStatus(response.status), failure)))
        return std::move(*answer);
      continue;
    }
    if (lastAttempt) return makeError(codeForStatus(response.status), failure);
    if (auto waited = waitFor(backoff(attempt), deadline, where, failure); !waited)
      return waited.error();
    ++stats_.retries;
  }
}

milliseconds RestClient::backoff(int attempt) {
  const int doublings = std::clamp(attempt - 1, 0, 10);
  const milliseconds base =
      std::min<milliseconds>(milliseconds(1000) * (1 << doublings), kMaxBackoff);
  return milliseconds(
      static_cast<long long>(static_cast<double>(base.count()) * (0.5 + random_.unit())));
}

Result<RestResponse> RestClient::get(const std::string& target) {
  return exchange("GET", target, "", {});
}

Result<RestResponse> RestClient::get(const std::string& target, const Reduction& reduction) {
  return exchange("GET", target, "", {}, &reduction);
}

Status RestClient::forEachPage(const std::string& path, const Reduction& reduction,
                               const PageVisitor& visit) {
  std::string target = withPerPage(path);
  for (std::size_t pages = 0; !target.empty(); ++pages) {
    if (pages >= kMaxPages) {
      return makeError(ErrorCode::ResourceExhausted, endpoint("GET", target) + ": more than " +
                                                         std::to_string(kMaxPages) + " pages");
    }
    auto page = get(target, reduction);
    if (!page) return page.error();
    if (auto visited = visit(page->part); !visited) return visited;
    target = std::move(page->nextUrl);
  }
  return okStatus();
}

Result<RestResponse> RestClient::post(const std::string& path, const std::string& jsonBody,
                                      const PostLookup& lookup) {
  return exchange("POST", path, jsonBody, lookup);
}

Result<std::vector<rapidjson::Document>> RestClient::getAll(const std::string& path) {
  std::string target = withPerPage(path);
  std::vector<rapidjson::Document> pages;
  while (!target.empty()) {
    if (pages.size() >= kMaxPages) {
      return makeError(ErrorCode::ResourceExhausted, endpoint("GET", target) + ": more than " +
                                                         std::to_string(kMaxPages) + " pages");
    }
    auto page = get(target);
    if (!page) return page.error();
    target = page->nextUrl;
    pages.push_back(std::move(page->json));
  }
  return pages;
}

DeadlineScope::DeadlineScope(RestClient& client, std::chrono::steady_clock::time_point deadline)
    : client_(client), previous_(client.deadline()) {
  client_.setDeadline(deadline);
}

DeadlineScope::~DeadlineScope() { client_.setDeadline(previous_); }

}  // namespace fd::github
