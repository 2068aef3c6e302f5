#include "manifest/placeholders.hpp"

#include <array>

#include "manifest/quoting.hpp"

namespace fd {
namespace {

struct Placeholder {
  std::string_view word;    // between the braces
  std::string_view source;  // where the value comes from, for the message
  std::string PlaceholderValues::*value;
};

constexpr std::array<Placeholder, 6> kPlaceholders = {{
    {"app", "project_name", &PlaceholderValues::app},
    {"app_name", "app_name", &PlaceholderValues::appName},
    {"region", "region", &PlaceholderValues::region},
    {"url", "url", &PlaceholderValues::url},
    {"environment", "the environment name", &PlaceholderValues::environment},
    {"sha", "the deployed commit", &PlaceholderValues::sha},
}};

bool isSafe(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == ':' || c == '/' || c == '@' || c == '+' || c == '-';
}

// The placeholder spelled at `text[open]` ('{'), or nullptr. `${...}` is the shell's, never ours.
const Placeholder* placeholderAt(std::string_view text, std::size_t open) {
  if (open > 0 && text[open - 1] == '$') return nullptr;
  const std::string_view rest = text.substr(open + 1);
  for (const Placeholder& placeholder : kPlaceholders) {
    if (rest.starts_with(placeholder.word) &&
        rest.substr(placeholder.word.size()).starts_with('}')) {
      return &placeholder;
    }
  }
  return nullptr;
}

Error unsafeValue(std::string_view field, const Placeholder& placeholder, std::string_view value,
                  char bad) {
  return makeError(ErrorCode::InvalidArgument,
                   std::string(field) + ": {" + std::string(placeholder.word) + "} would insert " +
                       manifest::quoted(value) + ", which contains " + manifest::describeByte(bad) +
                       "; a substituted value may only hold letters, digits and . _ : / @ + - "
                       "(this keeps manifest values from injecting shell syntax); fix " +
                       std::string(placeholder.source));
}

Status expandInto(std::string& command, const PlaceholderValues& values, std::string_view field) {
  Result<std::string> expanded = expandPlaceholders(command, values, field);
  if (!expanded.ok()) return expanded.error();
  command = std::move(*expanded);
  return okStatus();
}

}  // namespace

Result<std::string> expandPlaceholders(std::string_view text, const PlaceholderValues& values,
                                       std::string_view field) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const Placeholder* placeholder = text[i] == '{' ? placeholderAt(text, i) : nullptr;
    if (placeholder == nullptr) {
      out += text[i++];
      continue;
    }
    const std::string& value = values.*(placeholder->value);
    for (const char c : value) {
      if (!isSafe(c)) return unsafeValue(field, *placeholder, value, c);
    }
    out += value;
    i += placeholder->word.size() + 2;
  }
  return out;
}

PlaceholderValues placeholderValues(const Manifest& manifest, const EnvConfig& env,
                                    const std::string& sha) {
  return PlaceholderValues{manifest.projectName, env.appName, env.region, env.url, env.name, sha};
}

Result<EnvConfig> expandCommands(const EnvConfig& env, const PlaceholderValues& values) {
  EnvConfig out = env;
  const std::string prefix = "environments." + env.name + ".";
  const std::array<std::pair<std::string*, const char*>, 7> commands = {{
      {&out.deployCommand, "deploy_command"},
      {&out.rollbackCommand, "rollback_command"},
      {&out.secretsCommand, "secrets_command"},
      {&out.telemetryCheckCommand, "telemetry_check_command"},
      {&out.errorRateCommand, "error_rate_command"},
      {&out.currentVersionCommand, "current_version_command"},
      {&out.ciCheckCommand, "ci_check_command"},
  }};
  for (const auto& [command, name] : commands) {
    if (Status status = expandInto(*command, values, prefix + name); !status.ok()) {
      return status.error();
    }
  }
  for (std::size_t i = 0; i < out.smokeTests.size(); ++i) {
    SmokeTest& test = out.smokeTests[i];
    if (!test.isCommand()) continue;
    const std::string field = prefix + "smoke_tests[" + std::to_string(i) + "].command";
    if (Status status = expandInto(test.command, values, field); !status.ok()) {
      return status.error();
    }
  }
  return out;
}

}  // namespace fd
