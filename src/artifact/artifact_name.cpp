#include "artifact/artifact_name.hpp"

#include <array>
#include <utility>

namespace fd {

namespace {

constexpr std::array<std::pair<char, std::string_view>, 11> kForbidden = {{
    {'"', "a double quote (\")"},
    {':', "a colon (:)"},
    {'<', "a less-than sign (<)"},
    {'>', "a greater-than sign (>)"},
    {'|', "a vertical bar (|)"},
    {'*', "an asterisk (*)"},
    {'?', "a question mark (?)"},
    {'\r', "a carriage return (\\r)"},
    {'\n', "a line feed (\\n)"},
    {'\\', "a backslash (\\)"},
    {'/', "a forward slash (/)"},
}};

}  // namespace

Status validateArtifactName(std::string_view name) {
  if (name.empty()) return makeError(ErrorCode::InvalidArgument, "artifact-name: empty");
  for (const auto& [character, description] : kForbidden) {
    if (name.find(character) == std::string_view::npos) continue;
    std::string shown(name.substr(0, 100));
    for (char& c : shown) c = (c == '\r' || c == '\n') ? ' ' : c;
    return makeError(ErrorCode::InvalidArgument,
                     "artifact-name \"" + shown + "\": contains " + std::string(description) +
                         "; names may not contain \" : < > | * ? \\r \\n \\ /");
  }
  return okStatus();
}

std::string defaultArtifactName(std::string_view environment, std::string_view runId,
                                std::string_view runAttempt) {
  std::string name = "deploy-receipt-";
  name += environment;
  name += "-";
  name += runId.empty() ? "local" : runId;
  name += "-";
  name += runAttempt.empty() ? "1" : runAttempt;
  return name;
}

}  // namespace fd
