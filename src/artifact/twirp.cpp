#include "artifact/twirp.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace fd {

namespace {

constexpr std::string_view kService = "/twirp/github.actions.results.api.v1.ArtifactService/";

bool isJson(const std::string& body) {
  rapidjson::Document json;
  json.Parse(body.data(), body.size());
  return !json.HasParseError();
}

std::optional<std::string> twirpRetryReason(const HttpResponse& response) {
  static constexpr std::array<int, 5> kRetryable = {429, 500, 502, 503, 504};
  const bool retryableStatus =
      std::find(kRetryable.begin(), kRetryable.end(), response.status) != kRetryable.end();
  if (!isJson(response.body)) return "http " + std::to_string(response.status) + ", body not JSON";
  if (retryableStatus) return describeTwirpFailure(response);
  return std::nullopt;
}

const rapidjson::Value* member(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject()) return nullptr;
  const auto found = object.FindMember(name);
  return found == object.MemberEnd() ? nullptr : &found->value;
}

}  // namespace

Result<HttpResponse> callTwirp(const RetryingSender& sender, const std::string& origin,
                               const std::string& token, std::string_view method,
                               std::string body) {
  HttpRequest request;
  request.method = "POST";
  request.url = origin + std::string(kService) + std::string(method);
  request.headers = {{"Authorization", "Bearer " + token},
                     {"Content-Type", "application/json"},
                     {"Accept", "application/json"},
                     {"User-Agent", "factory-deploy"}};
  request.body = std::move(body);
  return sender.send(method, request, twirpRetryReason);
}

std::string describeTwirpFailure(const HttpResponse& response) {
  std::string text = "http " + std::to_string(response.status);
  rapidjson::Document json;
  json.Parse(response.body.data(), response.body.size());
  if (json.HasParseError()) return text;
  const std::string code = jsonString(json, "code", "code");
  const std::string message = jsonString(json, "msg", "msg");
  if (!code.empty()) text += " " + code;
  if (!message.empty()) text += ": " + message;
  return text;
}

std::string jsonString(const rapidjson::Value& object, const char* snake, const char* camel) {
  const rapidjson::Value* value = member(object, snake);
  if (value == nullptr) value = member(object, camel);
  if (value == nullptr) return "";
  if (value->IsString()) return {value->GetString(), value->GetStringLength()};
  if (value->IsUint64()) return std::to_string(value->GetUint64());
  if (value->IsInt64()) return std::to_string(value->GetInt64());
  return "";
}

bool jsonBool(const rapidjson::Value& object, const char* name) {
  const rapidjson::Value* value = member(object, name);
  return value != nullptr && value->IsBool() && value->GetBool();
}

}  // namespace fd
