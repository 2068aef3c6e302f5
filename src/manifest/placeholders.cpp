#include "manifest/placeholders.hpp"

#include <array>
#include <optional>
#include <utility>
#include <vector>

#include "manifest/key_suggestion.hpp"
#include "manifest/quoting.hpp"

namespace fd {
namespace {

struct Placeholder {
  std::string_view word;    // between the braces
  std::string_view source;  // where the value comes from, for the message
  std::string PlaceholderValues::*value;
};

constexpr std::array<Placeholder, 7> kPlaceholders = {{
    {"app", "project_name", &PlaceholderValues::app},
    {"app_name", "app_name", &PlaceholderValues::appName},
    // The seed's receipt template spells it this way (`fly releases rollback --app {app-name}`).
    {"app-name", "app_name", &PlaceholderValues::appName},
    {"region", "region", &PlaceholderValues::region},
    {"url", "url", &PlaceholderValues::url},
    {"environment", "the environment name", &PlaceholderValues::environment},
    {"sha", "the deployed commit", &PlaceholderValues::sha},
}};

// The canonical spellings, for "did you mean".
constexpr std::array<std::string_view, 6> kCanonical = {"app", "app_name",    "region",
                                                        "url", "environment", "sha"};
// Only long names are matched by typo distance: {api}, {uri} or {share} are someone else's words.
constexpr std::array<std::string_view, 3> kLongCanonical = {"app_name", "region", "environment"};
constexpr std::size_t kMinTypoLength = 5;

// Words people reach for that mean one of ours.
constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kSynonyms = {{
    {"project_name", "app"},
    {"project", "app"},
    {"appname", "app_name"},
    {"env", "environment"},
    {"commit", "sha"},
    {"git_sha", "sha"},
    {"commit_sha", "sha"},
    {"base_url", "url"},
}};

constexpr std::size_t kMaxWord = 40;

bool isWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

// Lower case, without `_` and `-`: {App-Name}, {APPNAME} and {app_name} all become "appname".
std::string folded(std::string_view word) {
  std::string out;
  for (const char c : word) {
    if (c == '_' || c == '-') continue;
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return out;
}

bool isSafe(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == ':' || c == '/' || c == '@' || c == '+' || c == '-';
}

// The word of `{word}` at `text[open]` ('{'), or empty when it is not one: `${...}` is the
// shell's, and braces around anything but letters, digits, `_` and `-` are shell or awk syntax.
std::string_view braceWordAt(std::string_view text, std::size_t open) {
  if (open > 0 && text[open - 1] == '$') return {};
  std::size_t end = open + 1;
  while (end < text.size() && end - open <= kMaxWord && isWordChar(text[end])) ++end;
  if (end == open + 1 || end >= text.size() || text[end] != '}') return {};
  return text.substr(open + 1, end - open - 1);
}

const Placeholder* placeholderNamed(std::string_view word) {
  for (const Placeholder& placeholder : kPlaceholders) {
    if (placeholder.word == word) return &placeholder;
  }
  return nullptr;
}

// The placeholder `word` was probably meant to be: same letters in another case or with other
// separators, a common synonym, or a typo (manifest/key_suggestion's distance).
std::optional<std::string_view> nearMiss(std::string_view word) {
  const std::string key = folded(word);
  for (const std::string_view canonical : kCanonical) {
    if (folded(canonical) == key) return canonical;
  }
  for (const auto& [synonym, canonical] : kSynonyms) {
    if (folded(synonym) == key) return canonical;
  }
  if (word.size() < kMinTypoLength) return std::nullopt;
  return manifest::closestName(word, kLongCanonical);
}

Error notAPlaceholder(std::string_view field, std::string_view word, std::string_view meant) {
  return makeError(ErrorCode::InvalidArgument,
                   std::string(field) + ": {" + std::string(word) +
                       "} is not a placeholder (did you mean {" + std::string(meant) +
                       "}?); placeholders are {app} {app_name} {region} {url} {environment} "
                       "{sha} (the seed's {app-name} works too), and a command that needs "
                       "braces like these should move them into a script");
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
    const std::string_view word = text[i] == '{' ? braceWordAt(text, i) : std::string_view();
    const Placeholder* placeholder = word.empty() ? nullptr : placeholderNamed(word);
    if (placeholder == nullptr && !word.empty()) {
      // Left in place, a misspelt placeholder reaches the shell as text: at rollback time that
      // leaves prod broken. Refuse it while nothing has run.
      if (const auto meant = nearMiss(word)) return notAPlaceholder(field, word, *meant);
    }
    if (placeholder == nullptr) {
      out += text[i++];
      continue;
    }
    const std::string& value = values.*(placeholder->value);
    for (const char c : value) {
      if (!isSafe(c)) return unsafeValue(field, *placeholder, value, c);
    }
    out += value;
    i += word.size() + 2;
  }
  return out;
}

PlaceholderValues placeholderValues(const Manifest& manifest, const EnvConfig& env,
                                    const std::string& sha) {
  return PlaceholderValues{manifest.projectName, env.appName, env.region, env.url, env.name, sha};
}

namespace {

// Every command of `env` with its path, e.g. environments.prod.rollback_command.
std::vector<std::pair<std::string*, std::string>> commandFields(EnvConfig& env) {
  const std::string prefix = "environments." + env.name + ".";
  std::vector<std::pair<std::string*, std::string>> fields = {
      {&env.deployCommand, prefix + "deploy_command"},
      {&env.rollbackCommand, prefix + "rollback_command"},
      {&env.secretsCommand, prefix + "secrets_command"},
      {&env.telemetryCheckCommand, prefix + "telemetry_check_command"},
      {&env.errorRateCommand, prefix + "error_rate_command"},
      {&env.currentVersionCommand, prefix + "current_version_command"},
      {&env.ciCheckCommand, prefix + "ci_check_command"},
  };
  for (std::size_t i = 0; i < env.smokeTests.size(); ++i) {
    if (!env.smokeTests[i].isCommand()) continue;
    fields.emplace_back(&env.smokeTests[i].command,
                        prefix + "smoke_tests[" + std::to_string(i) + "].command");
  }
  return fields;
}

}  // namespace

Result<EnvConfig> expandCommands(const EnvConfig& env, const PlaceholderValues& values) {
  EnvConfig out = env;
  for (const auto& [command, field] : commandFields(out)) {
    if (Status status = expandInto(*command, values, field); !status.ok()) return status.error();
  }
  return out;
}

std::vector<std::string> commandProblems(const EnvConfig& env, const PlaceholderValues& values) {
  EnvConfig copy = env;
  std::vector<std::string> problems;
  for (const auto& [command, field] : commandFields(copy)) {
    Result<std::string> expanded = expandPlaceholders(*command, values, field);
    if (!expanded.ok()) problems.push_back(expanded.message());
  }
  return problems;
}

}  // namespace fd
