#include "github/post_lookups.hpp"

#include <unistd.h>

#include <chrono>

#include "github/json_fields.hpp"

namespace fd::github {

namespace {

// The element as a response of its own, as the POST would have answered.
RestResponse answerWith(const rapidjson::Value& element) {
  RestResponse response;
  response.status = 201;
  response.json.CopyFrom(element, response.json.GetAllocator());
  return response;
}

}  // namespace

std::string attemptMarker(const GithubContext& github) {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return github.runId + "." + github.runAttempt + "." + std::to_string(::getpid()) + "." +
         std::to_string(std::chrono::duration_cast<std::chrono::microseconds>(now).count());
}

RestClient::PostLookup findCreatedDeployment(RestClient& client, const std::string& repoPath,
                                             const std::string& sha, const std::string& environment,
                                             const std::string& marker) {
  const std::string target = repoPath + "/deployments?sha=" + urlEncode(sha) +
                             "&environment=" + urlEncode(environment) + "&per_page=100";
  return [&client, target, marker]() -> Result<std::optional<RestResponse>> {
    auto listed = client.get(target);
    if (!listed) return listed.error();
    if (!listed->json.IsArray()) return std::optional<RestResponse>();
    for (const auto& deployment : listed->json.GetArray()) {
      const auto payload = deployment.FindMember("payload");
      if (payload == deployment.MemberEnd() || !payload->value.IsObject()) continue;
      if (stringField(payload->value, kAttemptKey) == marker)
        return std::optional<RestResponse>(answerWith(deployment));
    }
    return std::optional<RestResponse>();
  };
}

RestClient::PostLookup findPostedStatus(RestClient& client, const std::string& statusesPath,
                                        const std::string& state, const std::string& description) {
  const std::string target = statusesPath + "?per_page=100";
  return [&client, target, state, description]() -> Result<std::optional<RestResponse>> {
    auto listed = client.get(target);
    if (!listed) return listed.error();
    if (!listed->json.IsArray() || listed->json.GetArray().Empty()) {
      return std::optional<RestResponse>();
    }
    const auto& newest = listed->json.GetArray()[0];  // newest first
    if (stringField(newest, "state") == state && stringField(newest, "description") == description)
      return std::optional<RestResponse>(answerWith(newest));
    return std::optional<RestResponse>();
  };
}

}  // namespace fd::github
