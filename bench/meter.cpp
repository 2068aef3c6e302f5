#include "meter.hpp"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <vector>

namespace fd::bench {

namespace {

bool sameName(const std::string& a, const char* b) {
  const std::string other(b);
  return a.size() == other.size() &&
         std::equal(a.begin(), a.end(), other.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// Headers that describe one hop's framing: each side of the meter sets its own.
bool hopHeader(const std::string& name) {
  for (const char* hop : {"Host", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive",
                          "Date", "Server", "Content-Type"}) {
    if (sameName(name, hop)) return true;
  }
  return false;
}

void replaceAll(std::string& text, const std::string& from, const std::string& to) {
  if (from == to) return;
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

bool allDigits(const std::string& text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

bool fullSha(const std::string& text) {
  return text.size() == 40 &&
         std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isxdigit(c); });
}

std::string placeholder(const std::string& segment) {
  if (allDigits(segment)) return "{id}";
  if (fullSha(segment)) return "{sha}";
  if (segment.find("...") != std::string::npos) return "{base}...{head}";
  if (segment.size() > 5 && segment.compare(segment.size() - 5, 5, ".blob") == 0) return "{blob}";
  return segment;
}

std::string queryValue(const std::string& uri, const std::string& key) {
  const auto mark = uri.find('?');
  if (mark == std::string::npos) return "";
  for (const auto& [name, value] : Poco::URI(uri).getQueryParameters()) {
    if (name == key) return value;
  }
  return "";
}

std::int64_t headerBytes(const std::string& name, const std::string& value) {
  return static_cast<std::int64_t>(name.size() + 2 + value.size() + 2);  // "name: value\r\n"
}

}  // namespace

std::string endpointKey(const std::string& method, const std::string& uri) {
  const std::string path = uri.substr(0, uri.find('?'));
  std::vector<std::string> segments;
  std::size_t at = 1;
  while (at <= path.size()) {
    auto end = path.find('/', at);
    if (end == std::string::npos) end = path.size();
    segments.push_back(path.substr(at, end - at));
    at = end + 1;
  }
  std::string key = method + " ";
  for (std::size_t i = 0; i < segments.size(); ++i) {
    std::string part = placeholder(segments[i]);
    // /repos/<owner>/<repo>: the repository is always the fake's; name it generically.
    if (i > 0 && segments[0] == "repos" && (i == 1 || i == 2)) part = i == 1 ? "{o}" : "{r}";
    if (segments[0] == "twirp" && i == 1) part = "…";  // the long Twirp package name
    if (segments[0] == "fake-blob" && i == 1) part = "{container}";
    key += "/" + part;
  }
  if (const std::string comp = queryValue(uri, "comp"); !comp.empty()) key += "?comp=" + comp;
  return key;
}

Meter::Meter(std::string name, const std::string& backendUrl, Observer observer)
    : name_(std::move(name)), observer_(std::move(observer)) {
  const Poco::URI backend(backendUrl);
  backendHost_ = backend.getHost();
  backendPort_ = backend.getPort();
  backendOrigin_ = backendHost_ + ":" + std::to_string(backendPort_);
  server_ = std::make_unique<test::LoopbackServer>(
      [this](const test::ServerRequest& request) { return forward(request); });
  frontOrigin_ = "127.0.0.1:" + std::to_string(server_->port());
}

Meter::~Meter() { server_->stop(); }

std::string Meter::url() const { return server_->url(); }

std::map<std::string, EndpointCount> Meter::counts() const {
  std::lock_guard lock(mutex_);
  return counts_;
}

void Meter::useCache(PageCache& cache, std::string pathContains) {
  cache_ = &cache;
  cachedPath_ = std::move(pathContains);
}

bool Meter::cacheable(const test::ServerRequest& request) const {
  return cache_ != nullptr && request.method == "GET" &&
         request.path().find(cachedPath_) != std::string::npos;
}

test::ServerResponse Meter::warm(const std::string& uri, const test::HeaderList& headers) {
  test::ServerRequest request;
  request.method = "GET";
  request.uri = uri;
  request.headers = headers;
  test::ServerResponse answer = fetch(request);
  if (cacheable(request)) cache_->store(uri, answer);
  return answer;
}

test::ServerResponse Meter::forward(const test::ServerRequest& request) {
  std::optional<test::ServerResponse> cached;
  if (cacheable(request)) cached = cache_->answer(request);
  if (cached) ++cacheHits_;
  test::ServerResponse answer = cached ? *cached : fetch(request);
  if (!cached && cacheable(request)) cache_->store(request.uri, answer);
  record(request, answer);
  if (observer_) observer_(request, answer.status);
  return answer;
}

test::ServerResponse Meter::fetch(const test::ServerRequest& request) const {
  Poco::Net::HTTPClientSession session(backendHost_, static_cast<Poco::UInt16>(backendPort_));
  Poco::Net::HTTPRequest outbound(request.method, request.uri, Poco::Net::HTTPMessage::HTTP_1_1);
  std::string contentType;
  for (const auto& [key, value] : request.headers) {
    if (sameName(key, "Content-Type")) contentType = value;
    if (!hopHeader(key)) outbound.add(key, value);
  }
  if (!contentType.empty()) outbound.setContentType(contentType);
  if (!request.body.empty() || request.method == "POST" || request.method == "PUT") {
    outbound.setContentLength(static_cast<std::streamsize>(request.body.size()));
  }
  session.sendRequest(outbound) << request.body;

  Poco::Net::HTTPResponse inbound;
  std::istream& stream = session.receiveResponse(inbound);
  test::ServerResponse answer;
  answer.status = static_cast<int>(inbound.getStatus());
  Poco::StreamCopier::copyToString(stream, answer.body);
  answer.contentType = inbound.has("Content-Type") ? inbound.getContentType() : "";
  for (const auto& [key, value] : inbound) {
    if (hopHeader(key)) continue;
    std::string rewritten = value;
    replaceAll(rewritten, backendOrigin_, frontOrigin_);
    answer.headers.emplace_back(key, rewritten);
  }
  replaceAll(answer.body, backendOrigin_, frontOrigin_);
  return answer;
}

void Meter::record(const test::ServerRequest& request, const test::ServerResponse& response) {
  std::int64_t in = static_cast<std::int64_t>(request.method.size() + 1 + request.uri.size() +
                                              std::string(" HTTP/1.1\r\n").size() + 2);
  for (const auto& [key, value] : request.headers) in += headerBytes(key, value);
  in += static_cast<std::int64_t>(request.body.size());

  const std::string reason = Poco::Net::HTTPResponse::getReasonForStatus(
      static_cast<Poco::Net::HTTPResponse::HTTPStatus>(response.status));
  std::int64_t out =
      static_cast<std::int64_t>(std::string("HTTP/1.1 200 ").size() + reason.size() + 2 + 2);
  for (const auto& [key, value] : response.headers) out += headerBytes(key, value);
  if (!response.contentType.empty()) out += headerBytes("Content-Type", response.contentType);
  out += headerBytes("Content-Length", std::to_string(response.body.size()));
  out += static_cast<std::int64_t>(response.body.size());

  std::lock_guard lock(mutex_);
  EndpointCount& count = counts_[endpointKey(request.method, request.uri)];
  ++count.requests;
  ++count.statuses[response.status];
  count.requestBytes += in;
  count.responseBytes += out;
}

}  // namespace fd::bench
