#include "action/inputs.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <optional>

#include "core/text.hpp"

namespace fd {

namespace {

enum class Kind { Text, Boolean, Seconds, Hours, Target, Policy, List, Retention, Secret };

struct InputSpec {
  const char* name;
  Kind kind;
  const char* defaultText;
  const char* help;
};

// The single table behind parsing, validation and --help.
constexpr InputSpec kInputs[] = {
    {"environment", Kind::Target, "prod", "target environment: alpha, staging or prod"},
    {"config", Kind::Text, ".factory/deploy-config.json", "deployment manifest"},
    {"qa-report", Kind::Text, "QA-REPORT.md", "QA gate report"},
    {"security-report", Kind::Text, "SECURITY.md", "security gate report"},
    {"receipt", Kind::Text, "DEPLOY-RECEIPT.md", "where the receipt is written"},
    {"working-directory", Kind::Text, ".", "repository root all relative paths are taken from"},
    {"github-token", Kind::Secret, "",
     "GitHub API token (local mode: GH_TOKEN, GITHUB_TOKEN, or gh auth token)"},
    {"ci-timeout", Kind::Seconds, "900", "seconds to wait for pending CI checks"},
    {"ci-interval", Kind::Seconds, "10", "seconds between polls of pending checks (at least 1)"},
    {"ignore-checks", Kind::List, "", "check names to ignore, comma/newline separated; /regex/"},
    {"required-checks", Kind::List, "", "check names that must exist and pass"},
    {"blocker-label", Kind::Text, "deploy-blocker", "open PRs with this label block prod"},
    {"confirm", Kind::Text, "", "prod confirmation: must equal the prod app_name"},
    {"github-environment", Kind::Text, "",
     "GitHub environment whose approvals confirm prod (default: the target's name)"},
    {"allow-non-main", Kind::Boolean, "false",
     "permit prod from a commit not on the default branch"},
    {"report-commit-policy", Kind::Policy, "content", "exact or content"},
    {"allow-untracked", Kind::List, "",
     "untracked paths that may ship (build outputs): git pathspec-like patterns, recorded"},
    {"dry-run", Kind::Boolean, "false", "check the gates, print the plan, deploy nothing"},
    {"create-deployment", Kind::Boolean, "true", "record the deploy as a GitHub Deployment"},
    {"claim-window", Kind::Hours, "120",
     "hours back the check for another deploy in progress reads, 6-120 (6 covers deploy jobs on "
     "GitHub-hosted runners only)"},
    {"upload-artifact", Kind::Boolean, "true", "upload the receipt as a workflow artifact"},
    {"artifact-name", Kind::Text, "", "default: deploy-receipt-<environment>-<run id>-<attempt>"},
    {"retention-days", Kind::Retention, "", "artifact retention in days, 1-90 (default: repo's)"},
    {"to", Kind::Text, "",
     "rollback: the version to return to, a SHA or tag that was live there (default: the one "
     "before the live one)"},
    {"reason", Kind::Text, "", "rollback: why, recorded in the receipt and the ledger"},
};

const InputSpec* findSpec(std::string_view name) {
  for (const InputSpec& spec : kInputs) {
    if (name == spec.name) return &spec;
  }
  return nullptr;
}

std::string envName(const InputSpec& spec) {
  std::string name = "INPUT_";
  for (const char c : std::string_view(spec.name)) {
    name += c == ' ' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return name;
}

Error inputError(const InputSpec& spec, const std::string& value, std::string_view expected) {
  return makeError(ErrorCode::InvalidArgument, "input \"" + std::string(spec.name) +
                                                   "\": invalid value \"" + value +
                                                   "\"; expected " + std::string(expected));
}

Result<bool> parseBoolean(const InputSpec& spec, const std::string& value) {
  const std::string lower = toLower(value);
  if (lower == "true") return true;
  if (lower == "false") return false;
  return inputError(spec, value, "true or false");
}

Result<int> parseWholeNumber(const InputSpec& spec, const std::string& value, int min, int max) {
  int number = 0;
  const char* end = value.data() + value.size();
  const auto [ptr, ec] = std::from_chars(value.data(), end, number);
  if (ec != std::errc() || ptr != end || number < min || number > max) {
    return inputError(spec, value,
                      "a whole number from " + std::to_string(min) + " to " + std::to_string(max));
  }
  return number;
}

std::vector<std::string> parseList(const std::string& value) {
  std::vector<std::string> items;
  for (const std::string& line : split(value, '\n')) {
    const std::string item = trim(line);
    if (item.size() >= 2 && item.front() == '/' && item.back() == '/') {
      items.push_back(item);  // a regex may contain commas
      continue;
    }
    for (const std::string& part : split(item, ',')) {
      if (!trim(part).empty()) items.push_back(trim(part));
    }
  }
  return items;
}

// Patterns stay inside the working directory: no absolute path, no "..".
Status parseAllowUntracked(const InputSpec& spec, const std::string& value, Inputs& inputs) {
  std::vector<std::string> patterns;
  for (const std::string& line : split(value, '\n')) {
    for (const std::string& part : split(line, ',')) {
      const std::string pattern = trim(part);
      if (pattern.empty()) continue;
      const bool parent = pattern == ".." || startsWith(pattern, "../") ||
                          pattern.find("/../") != std::string::npos ||
                          (pattern.size() >= 3 && pattern.substr(pattern.size() - 3) == "/..");
      if (pattern.front() == '/' || parent) {
        return inputError(spec, pattern, "patterns relative to the working directory, without ..");
      }
      patterns.push_back(startsWith(pattern, "./") ? pattern.substr(2) : pattern);
    }
  }
  inputs.allowUntracked = std::move(patterns);
  return okStatus();
}

bool hasForbiddenArtifactChar(const std::string& name) {
  return name.find_first_of("\":<>|*?\r\n\\/") != std::string::npos;
}

Status apply(const InputSpec& spec, const std::string& value, Inputs& inputs) {
  const std::string name = spec.name;
  switch (spec.kind) {
    case Kind::Target: {
      const auto target = parseTarget(value);
      if (!target) return inputError(spec, value, std::string(targetChoices()));
      inputs.environment = *target;
      return okStatus();
    }
    case Kind::Policy:
      if (value != "exact" && value != "content")
        return inputError(spec, value, "exact or content");
      inputs.reportCommitPolicy = value == "exact" ? ReportPolicy::Exact : ReportPolicy::Content;
      return okStatus();
    case Kind::Boolean: {
      const Result<bool> flag = parseBoolean(spec, value);
      if (!flag) return flag.error();
      if (name == "allow-non-main") inputs.allowNonMain = *flag;
      if (name == "dry-run") inputs.dryRun = *flag;
      if (name == "create-deployment") inputs.createDeployment = *flag;
      if (name == "upload-artifact") inputs.uploadArtifact = *flag;
      return okStatus();
    }
    case Kind::Seconds: {
      const int min = name == "ci-interval" ? 1 : 0;
      const Result<int> seconds = parseWholeNumber(spec, value, min, 24 * 3600);
      if (!seconds) return seconds.error();
      (name == "ci-timeout" ? inputs.ciTimeoutS : inputs.ciIntervalS) = *seconds;
      return okStatus();
    }
    case Kind::Hours: {
      const Result<int> hours = parseWholeNumber(spec, value, 6, 120);
      if (!hours) return hours.error();
      inputs.claimWindowHours = *hours;
      return okStatus();
    }
    case Kind::Retention: {
      const Result<int> days = parseWholeNumber(spec, value, 1, 90);
      if (!days) return days.error();
      inputs.retentionDays = *days;
      return okStatus();
    }
    case Kind::List:
      if (name == "allow-untracked") return parseAllowUntracked(spec, value, inputs);
      (name == "ignore-checks" ? inputs.ignoreChecks : inputs.requiredChecks) = parseList(value);
      return okStatus();
    case Kind::Secret:
      inputs.githubToken = value;
      return okStatus();
    case Kind::Text:
      break;
  }
  if (name == "artifact-name" && hasForbiddenArtifactChar(value)) {
    return makeError(ErrorCode::InvalidArgument,
                     "input \"artifact-name\": \"" + value +
                         "\" contains a character artifacts forbid (\" : < > | * ? \\ / CR LF)");
  }
  if (name != "confirm" && name != "artifact-name" && name != "github-environment" &&
      name != "to" && name != "reason" && value.empty()) {
    return inputError(spec, value, "a non-empty value");
  }
  std::map<std::string, std::string*> fields = {{"config", &inputs.config},
                                                {"qa-report", &inputs.qaReport},
                                                {"security-report", &inputs.securityReport},
                                                {"receipt", &inputs.receipt},
                                                {"working-directory", &inputs.workingDirectory},
                                                {"blocker-label", &inputs.blockerLabel},
                                                {"confirm", &inputs.confirm},
                                                {"github-environment", &inputs.githubEnvironment},
                                                {"artifact-name", &inputs.artifactName},
                                                {"to", &inputs.rollbackTo},
                                                {"reason", &inputs.rollbackReason}};
  *fields.at(name) = value;
  return okStatus();
}

struct FlagScan {
  ParsedCommand::Kind kind = ParsedCommand::Kind::Run;
  std::map<std::string, std::string> values;
};

bool isBooleanWord(const std::string& text) {
  const std::string lower = toLower(text);
  return lower == "true" || lower == "false";
}

Result<FlagScan> scanFlags(const std::vector<std::string>& args) {
  FlagScan scan;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") scan.kind = ParsedCommand::Kind::Help;
    if (arg == "--version") scan.kind = ParsedCommand::Kind::Version;
    if (arg == "--help" || arg == "-h" || arg == "--version") continue;
    if (arg.rfind("--", 0) != 0) {
      return makeError(ErrorCode::InvalidArgument,
                       "unexpected argument \"" + arg + "\"; inputs are given as --name VALUE");
    }
    const std::size_t equals = arg.find('=');
    const std::string name =
        arg.substr(2, equals == std::string::npos ? std::string::npos : equals - 2);
    const InputSpec* spec = findSpec(name);
    if (spec == nullptr) {
      return makeError(ErrorCode::InvalidArgument,
                       "unknown flag \"--" + name + "\"; see --help for the inputs");
    }
    if (equals != std::string::npos) {
      scan.values[name] = arg.substr(equals + 1);
    } else if (spec->kind == Kind::Boolean) {
      const bool explicitValue = i + 1 < args.size() && isBooleanWord(args[i + 1]);
      scan.values[name] = explicitValue ? args[++i] : "true";
    } else if (i + 1 < args.size()) {
      scan.values[name] = args[++i];
    } else {
      return makeError(ErrorCode::InvalidArgument, "flag \"--" + name + "\" needs a value");
    }
  }
  return scan;
}

}  // namespace

Result<ParsedCommand> parseCommand(const std::vector<std::string>& args, const Environment& env) {
  Result<FlagScan> scan = scanFlags(args);
  if (!scan) return scan.error();
  ParsedCommand command;
  command.kind = scan->kind;
  if (command.kind != ParsedCommand::Kind::Run) return command;

  Inputs& inputs = command.inputs;
  inputs.githubMode = env.get("GITHUB_ACTIONS").value_or("") == "true";
  for (const InputSpec& spec : kInputs) {
    std::optional<std::string> value;
    if (const auto flag = scan->values.find(spec.name); flag != scan->values.end()) {
      value = trim(flag->second);
    } else if (const auto fromEnv = env.get(envName(spec)); fromEnv && !trim(*fromEnv).empty()) {
      value = trim(*fromEnv);
    }
    if (!value) continue;  // the default in Inputs stands
    Status applied = apply(spec, *value, inputs);
    if (!applied) return applied.error();
  }
  if (!inputs.githubToken.empty()) inputs.githubTokenSource = "the github-token input";
  // Locally, as the gh CLI does: GH_TOKEN first, then GITHUB_TOKEN.
  for (const char* name : {"GH_TOKEN", "GITHUB_TOKEN"}) {
    if (!inputs.githubToken.empty() || inputs.githubMode) break;
    inputs.githubToken = trim(env.get(name).value_or(""));
    if (!inputs.githubToken.empty()) inputs.githubTokenSource = name;
  }
  return command;
}

std::string helpText() {
  std::string text =
      "usage: factory-deploy [deploy] [--name VALUE | --name=VALUE]...\n"
      "       factory-deploy status [--json]            what is live where (see status --help)\n"
      "       factory-deploy history [--environment ENV] [--limit N] [--json] [--metrics]\n"
      "       factory-deploy rollback --environment staging|prod [--to VERSION] [--reason TEXT]\n"
      "\n"
      "Deploys the commit checked out in --working-directory to alpha, staging or prod when its\n"
      "gates pass, verifies it, rolls prod back when it is unhealthy, and writes "
      "DEPLOY-RECEIPT.md.\n"
      "Every input can also be given as the variable INPUT_<NAME> (upper case, dashes kept);\n"
      "a flag beats the variable. A boolean flag given alone means true.\n"
      "\n"
      "inputs:\n";
  for (const InputSpec& spec : kInputs) {
    std::string line = "  --" + std::string(spec.name);
    line.resize(std::max<std::size_t>(line.size() + 1, 26), ' ');
    line += spec.help;
    if (*spec.defaultText != '\0') line += " (default: " + std::string(spec.defaultText) + ")";
    text += line + "\n";
  }
  text +=
      "\n"
      "  --help                  this text\n"
      "  --version               print the version\n"
      "\n"
      "exit codes: 0 success (dry run: every gate passed), 1 failed, 2 invalid input or manifest,\n"
      "            3 rolled back, 4 rollback failed (prod may be broken: act now)\n"
      "rollback:   0 rolled back and verified, 1 refused or not rolled back, 2 invalid input,\n"
      "            4 rolled back but not verified (act now)\n"
      "In the action, the input `command` (deploy, rollback, status, history) names the command.\n";
  return text;
}

}  // namespace fd
