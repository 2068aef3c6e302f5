#include "artifact/blob_upload.hpp"

#include <Poco/Base64Encoder.h>
#include <Poco/URI.h>

#include <cstdio>
#include <sstream>

namespace fd {

namespace {

constexpr std::string_view kAzureVersion = "2023-11-03";

std::string base64(std::string_view bytes) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out);
  encoder.rdbuf()->setLineLength(0);
  encoder.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  encoder.close();
  return out.str();
}

std::string withQuery(const std::string& url, const std::string& parameters) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") + parameters;
}

std::optional<std::string> blobRetryReason(const HttpResponse& response) {
  if (response.status == 429 || response.status >= 500) {
    return "http " + std::to_string(response.status);
  }
  return std::nullopt;
}

Status expectCreated(const Result<HttpResponse>& response, const std::string& what) {
  if (!response) return response.error();
  if (response->status == 201) return okStatus();
  std::string detail = response->body.substr(0, 300);
  for (char& c : detail) c = (c == '\n' || c == '\r') ? ' ' : c;
  return makeError(
      ErrorCode::FailedPrecondition,
      what + ": http " + std::to_string(response->status) + (detail.empty() ? "" : ": " + detail));
}

HttpRequest put(const std::string& url, std::string body) {
  HttpRequest request;
  request.method = "PUT";
  request.url = url;
  request.body = std::move(body);
  request.timeout = std::chrono::minutes(5);
  request.headers = {{"x-ms-version", std::string(kAzureVersion)},
                     {"User-Agent", "factory-deploy"}};
  return request;
}

}  // namespace

std::string blockId(std::size_t index) {
  char name[32];
  std::snprintf(name, sizeof name, "fd-block-%06zu", index);
  return base64(name);
}

std::string blockListXml(const std::vector<std::string>& ids) {
  std::string xml = R"(<?xml version="1.0" encoding="utf-8"?><BlockList>)";
  for (const std::string& id : ids) xml += "<Latest>" + id + "</Latest>";
  return xml + "</BlockList>";
}

Status uploadBlockBlob(const RetryingSender& sender, const std::string& signedUrl,
                       std::string_view content, const std::string& contentType,
                       std::size_t chunkBytes) {
  std::vector<std::string> ids;
  std::size_t offset = 0;
  do {
    const std::string_view chunk = content.substr(offset, chunkBytes);
    ids.push_back(blockId(ids.size()));
    std::string encodedId;
    Poco::URI::encode(ids.back(), "+/=", encodedId);
    HttpRequest request =
        put(withQuery(signedUrl, "comp=block&blockid=" + encodedId), std::string(chunk));
    request.headers.emplace_back("Content-Type", "application/octet-stream");
    const std::string what = "blob upload (block " + std::to_string(ids.size()) + ")";
    if (Status staged = expectCreated(sender.send(what, request, blobRetryReason), what); !staged) {
      return staged;
    }
    offset += chunk.size();
  } while (offset < content.size());

  HttpRequest commit = put(withQuery(signedUrl, "comp=blocklist"), blockListXml(ids));
  commit.headers.emplace_back("Content-Type", "application/xml");
  commit.headers.emplace_back("x-ms-blob-content-type", contentType);
  return expectCreated(sender.send("blob upload (block list)", commit, blobRetryReason),
                       "blob upload (block list)");
}

}  // namespace fd
