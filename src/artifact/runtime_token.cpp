#include "artifact/runtime_token.hpp"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>  // Poco::BASE64_URL_ENCODING

#include <rapidjson/document.h>

#include <sstream>
#include <vector>

namespace fd {

namespace {

constexpr std::string_view kResultsScope = "Actions.Results";
constexpr std::size_t kMaxTokenBytes = std::size_t{64} << 10;

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

bool isBase64Url(std::string_view text) {
  for (const char c : text) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

Result<std::string> decodeBase64Url(std::string_view text) {
  if (!isBase64Url(text) || text.size() % 4 == 1) {
    return makeError(ErrorCode::InvalidArgument, "not base64url");
  }
  std::string padded(text);
  padded.append((4 - padded.size() % 4) % 4, '=');
  std::istringstream in(padded);
  Poco::Base64Decoder decoder(in, Poco::BASE64_URL_ENCODING);
  std::string decoded;
  try {
    decoded.assign(std::istreambuf_iterator<char>(decoder), std::istreambuf_iterator<char>());
  } catch (const std::exception&) {
    return makeError(ErrorCode::InvalidArgument, "not base64url");
  }
  return decoded;
}

Error invalidToken(const std::string& why) {
  return makeError(ErrorCode::InvalidArgument, "ACTIONS_RUNTIME_TOKEN: " + why);
}

}  // namespace

Result<BackendIds> parseResultsScope(std::string_view scp) {
  for (const std::string_view scope : split(scp, ' ')) {
    const std::vector<std::string_view> parts = split(scope, ':');
    if (parts[0] != kResultsScope) continue;
    if (parts.size() != 3 || parts[1].empty() || parts[2].empty()) {
      return makeError(ErrorCode::InvalidArgument,
                       "the Actions.Results scope does not hold two backend ids");
    }
    return BackendIds{std::string(parts[1]), std::string(parts[2])};
  }
  return makeError(ErrorCode::InvalidArgument, "no Actions.Results scope in the scp claim");
}

Result<BackendIds> backendIdsFromToken(std::string_view token) {
  if (token.size() > kMaxTokenBytes) return invalidToken("too long to be a JWT");
  const std::vector<std::string_view> parts = split(token, '.');
  if (parts.size() != 3) return invalidToken("not a JWT (expected header.payload.signature)");
  const Result<std::string> payload = decodeBase64Url(parts[1]);
  if (!payload) return invalidToken("the payload is not base64url");
  rapidjson::Document json;
  json.Parse(payload->data(), payload->size());
  if (json.HasParseError() || !json.IsObject()) return invalidToken("the payload is not JSON");
  const auto scp = json.FindMember("scp");
  if (scp == json.MemberEnd() || !scp->value.IsString()) {
    return invalidToken("the payload has no scp claim");
  }
  Result<BackendIds> ids =
      parseResultsScope(std::string_view(scp->value.GetString(), scp->value.GetStringLength()));
  if (!ids) return invalidToken(ids.message());
  return ids;
}

}  // namespace fd
