// Twirp calls to the results service's ArtifactService: JSON in, JSON out, bearer token.
#pragma once

#include <string>
#include <string_view>

#include <rapidjson/document.h>

#include "artifact/retry.hpp"
#include "core/ports/http_client.hpp"
#include "core/result.hpp"

namespace fd {

// POST <origin>/twirp/github.actions.results.api.v1.ArtifactService/<method>. Retries like the
// toolkit (429/500/502/503/504 and bodies that are not JSON); any other answer is returned as is.
Result<HttpResponse> callTwirp(const RetryingSender& sender, const std::string& origin,
                               const std::string& token, std::string_view method, std::string body);

// "http 409 already_exists: <msg>" from a Twirp error body (or just the status).
std::string describeTwirpFailure(const HttpResponse& response);

// Protobuf-JSON fields, snake_case or camelCase: a string (int64 may come as a number), a bool.
std::string jsonString(const rapidjson::Value& object, const char* snake, const char* camel);
bool jsonBool(const rapidjson::Value& object, const char* name);

}  // namespace fd
