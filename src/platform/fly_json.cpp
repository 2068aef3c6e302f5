#include "platform/fly_json.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "core/text.hpp"

namespace fd::fly {

namespace {

using Json = rapidjson::Value;

const Json* field(const Json& object, const char* name) {
  if (!object.IsObject()) return nullptr;
  const auto found = object.FindMember(name);
  return found == object.MemberEnd() ? nullptr : &found->value;
}

std::string text(const Json& object, const char* name) {
  const Json* value = field(object, name);
  return value != nullptr && value->IsString() ? value->GetString() : "";
}

int number(const Json& object, const char* name) {
  const Json* value = field(object, name);
  return value != nullptr && value->IsInt() ? value->GetInt() : 0;
}

bool flag(const Json& object, const char* name) {
  const Json* value = field(object, name);
  return value != nullptr && value->IsBool() && value->GetBool();
}

int parsePositive(std::string_view digits) {
  int value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return error == std::errc() && end == digits.data() + digits.size() && value > 0 ? value : 0;
}

bool isFullSha(std::string_view text) {
  return text.size() == 40 && std::all_of(text.begin(), text.end(), [](char c) {
           return std::isdigit(static_cast<unsigned char>(c)) != 0 || (c >= 'a' && c <= 'f');
         });
}

// fly-go's Machine.FullImageRef: registry/repository, then :tag and/or @digest.
std::string fullImageRef(const Json& imageRef) {
  std::string ref = text(imageRef, "registry");
  const std::string repository = text(imageRef, "repository");
  if (repository.empty()) return "";
  ref += (ref.empty() ? "" : "/") + repository;
  const std::string tag = text(imageRef, "tag");
  const std::string digest = text(imageRef, "digest");
  if (!tag.empty()) ref += ":" + tag;
  if (!digest.empty()) ref += "@" + digest;
  return ref;
}

Machine readMachine(const Json& json) {
  Machine machine;
  machine.id = text(json, "id");
  machine.state = text(json, "state");
  static const Json kEmpty(rapidjson::kObjectType);
  const Json* imageRef = field(json, "image_ref");
  const Json& image = imageRef != nullptr ? *imageRef : kEmpty;
  machine.image = fullImageRef(image);
  if (const Json* labels = field(image, "labels")) {
    const std::string sha = text(*labels, "GH_SHA");  // flyctl sets it when run in Actions
    if (isFullSha(sha)) machine.commit = sha;
  }
  // Machines reachable only partly carry "incomplete_config" instead of "config".
  const Json* config = field(json, "config");
  if (config == nullptr) config = field(json, "incomplete_config");
  if (config != nullptr) {
    if (const Json* metadata = field(*config, "metadata")) {
      machine.release = parsePositive(text(*metadata, "fly_release_version"));
    }
  }
  return machine;
}

// Parses the first JSON document that starts a line with `opener` ('{' or '['); text before it
// (update notices) and after it (warnings on stderr) is ignored.
Result<rapidjson::Document> documentIn(std::string_view output, char opener,
                                       const std::string& what) {
  std::size_t start = 0;
  while (start < output.size()) {
    const std::size_t first = output.find_first_not_of(" \t", start);
    if (first != std::string_view::npos && output[first] == opener) {
      rapidjson::Document document;
      const std::string_view json = output.substr(first);
      document.Parse<rapidjson::kParseStopWhenDoneFlag>(json.data(), json.size());
      if (!document.HasParseError()) return document;
      return makeError(ErrorCode::InvalidArgument,
                       what + ": malformed JSON (" +
                           rapidjson::GetParseError_En(document.GetParseError()) + ")");
    }
    const std::size_t newline = output.find('\n', start);
    if (newline == std::string_view::npos) break;
    start = newline + 1;
  }
  return makeError(ErrorCode::InvalidArgument,
                   what + ": no JSON " + (opener == '{' ? "object" : "array") + " in the output");
}

}  // namespace

Result<Status> parseStatus(std::string_view output) {
  Result<rapidjson::Document> document = documentIn(output, '{', "fly status --json");
  if (!document) return document.error();
  const Json& json = *document;
  if (field(json, "Version") == nullptr || field(json, "Machines") == nullptr) {
    return makeError(ErrorCode::InvalidArgument,
                     "fly status --json: expected \"Version\" and \"Machines\"");
  }
  Status status;
  status.name = text(json, "Name");
  status.deployed = flag(json, "Deployed");
  status.version = number(json, "Version");
  const Json* machines = field(json, "Machines");
  if (machines->IsArray()) {
    for (const Json& machine : machines->GetArray())
      status.machines.push_back(readMachine(machine));
  }
  return status;
}

Result<std::vector<Release>> parseReleases(std::string_view output) {
  std::vector<Release> releases;
  // Go renders an app without releases (a nil slice) as `null`.
  if (output.find("\nnull") != std::string_view::npos || output.starts_with("null")) {
    if (output.find('[') == std::string_view::npos) return releases;
  }
  Result<rapidjson::Document> document = documentIn(output, '[', "fly releases --json");
  if (!document) return document.error();
  for (const Json& json : document->GetArray()) {
    if (field(json, "Version") == nullptr) {
      return makeError(ErrorCode::InvalidArgument,
                       "fly releases --json: a release without \"Version\"");
    }
    releases.push_back({number(json, "Version"), text(json, "Status"), flag(json, "Stable"),
                        text(json, "ImageRef"), text(json, "Description"),
                        text(json, "CreatedAt")});
  }
  std::stable_sort(releases.begin(), releases.end(),
                   [](const Release& a, const Release& b) { return a.version > b.version; });
  return releases;
}

Result<std::vector<std::string>> parseSecretNames(std::string_view output) {
  std::vector<std::string> names;
  if (trim(output) == "null") return names;  // Go's nil slice: an app without secrets
  Result<rapidjson::Document> document = documentIn(output, '[', "fly secrets list --json");
  if (!document) return document.error();
  for (const Json& json : document->GetArray()) {
    // fly-go's AppSecret tags it "name"; older GraphQL-era builds printed "Name".
    std::string name = text(json, "name");
    if (name.empty()) name = text(json, "Name");
    if (name.empty()) {
      return makeError(ErrorCode::InvalidArgument,
                       "fly secrets list --json: a secret without \"name\"");
    }
    names.push_back(std::move(name));
  }
  return names;
}

std::string configApp(std::string_view json) {
  rapidjson::Document document;
  document.Parse(json.data(), json.size());
  return document.HasParseError() ? "" : text(document, "app");
}

}  // namespace fd::fly
