#include "core/fly_commands.hpp"

#include <algorithm>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

namespace fd::fly {

namespace {

bool isSeparator(char c) {
  return c == ';' || c == '&' || c == '|' || c == '\n' || c == '(' || c == ')' || c == '`';
}

bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// The words of each simple command, without the quoting a real shell would honour (comments are
// dropped): enough to recognise a command name and its flags, which is all this is for.
std::vector<std::vector<std::string>> simpleCommands(std::string_view command) {
  std::vector<std::vector<std::string>> commands(1);
  std::string word;
  const auto endWord = [&] {
    if (!word.empty()) commands.back().push_back(word);
    word.clear();
  };
  bool comment = false;  // from a `#` that starts a word to the end of the line
  for (const char c : command) {
    if (comment && c != '\n') continue;
    comment = false;
    if (c == '#' && word.empty()) {
      comment = true;
    } else if (isSeparator(c)) {
      endWord();
      if (!commands.back().empty()) commands.emplace_back();
    } else if (isBlank(c)) {
      endWord();
    } else {
      word += c;
    }
  }
  endWord();
  return commands;
}

bool isAssignment(const std::string& word) {
  const std::size_t equals = word.find('=');
  return equals != std::string::npos && equals > 0 && word.find('/') > equals;
}

std::string baseName(const std::string& word) {
  const std::size_t slash = word.rfind('/');
  return slash == std::string::npos ? word : word.substr(slash + 1);
}

// The position of the command name in `words` (after VAR=value and `exec`/`command`), or npos.
std::size_t flyctlAt(const std::vector<std::string>& words) {
  std::size_t i = 0;
  while (i < words.size() && (isAssignment(words[i]) || words[i] == "exec" ||
                              words[i] == "command" || words[i] == "env")) {
    ++i;
  }
  if (i >= words.size()) return std::string::npos;
  const std::string name = baseName(words[i]);
  return name == "fly" || name == "flyctl" ? i : std::string::npos;
}

// A value as the shell would pass it when it is quoted whole: 'x' or "x" → x.
std::string unquoted(std::string value) {
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
      value.back() == value.front()) {
    return value.substr(1, value.size() - 2);
  }
  return value;
}

// flyctl flags that take a value in the next word (so that word is not `deploy` or a directory).
bool takesValue(std::string_view flag) {
  static constexpr std::string_view kFlags[] = {"--access-token",
                                                "-t",
                                                "--org",
                                                "-o",
                                                "--region",
                                                "-r",
                                                "--image",
                                                "-i",
                                                "--dockerfile",
                                                "--build-arg",
                                                "--build-secret",
                                                "--env",
                                                "-e",
                                                "--strategy",
                                                "--label",
                                                "--build-target",
                                                "--image-label",
                                                "--wait-timeout",
                                                "--vm-size",
                                                "--vm-memory",
                                                "--vm-cpus",
                                                "--vm-cpu-kind",
                                                "--ha",
                                                "--process-groups",
                                                "--file-local",
                                                "--file-literal",
                                                "--file-secret",
                                                "--exclude-regions",
                                                "--only-regions",
                                                "--release-command-timeout",
                                                "--lease-timeout",
                                                "--primary-region",
                                                "--smoke-checks",
                                                "--max-unavailable",
                                                "--depot-scope",
                                                "--deploy-retries"};
  return std::find(std::begin(kFlags), std::end(kFlags), flag) != std::end(kFlags);
}

// One of pflag's spellings of `--name`/`-n` with a value: `--name=v`, `--name v`, `-n v`, `-n=v`,
// `-nv` (advancing `i` past a separate value).
bool flagValue(const std::vector<std::string>& words, std::size_t& i, std::string_view longName,
               std::string_view shortName, std::string& value) {
  const std::string& word = words[i];
  for (const std::string_view name : {longName, shortName}) {
    if (word == name && i + 1 < words.size()) {
      value = unquoted(words[++i]);
      return true;
    }
    const std::string withEquals = std::string(name) + "=";
    if (word.starts_with(withEquals)) {
      value = unquoted(word.substr(withEquals.size()));
      return true;
    }
  }
  if (word.size() > 2 && word.starts_with(shortName) && word[1] != '-') {  // -ashop
    value = unquoted(word.substr(2));
    return true;
  }
  return false;
}

// Whether words[i] is a flag (with its value, advancing `i` past it): --app and --config kept.
bool readFlag(const std::vector<std::string>& words, std::size_t& i, DeployInvocation& deploy) {
  if (flagValue(words, i, "--app", "-a", deploy.app)) return true;
  if (flagValue(words, i, "--config", "-c", deploy.config)) return true;
  if (!words[i].starts_with("-")) return false;
  if (takesValue(words[i])) ++i;
  return true;
}

// The words after `fly` (from `at`): its flags on either side of `deploy`, `deploy` itself and
// the one directory argument. Not a deploy when another subcommand comes first.
std::optional<DeployInvocation> readDeploy(const std::vector<std::string>& words, std::size_t at) {
  DeployInvocation deploy;
  bool sawDeploy = false;
  bool positionalOnly = false;  // after `--`
  for (std::size_t i = at + 1; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (!positionalOnly && word == "--") {
      positionalOnly = true;
      continue;
    }
    if (!positionalOnly && readFlag(words, i, deploy)) continue;
    if (!sawDeploy) {
      if (word != "deploy") return std::nullopt;  // `fly status`, `fly releases`, ...
      sawDeploy = true;
    } else if (deploy.directory.empty()) {
      deploy.directory = unquoted(word);
    }
  }
  if (!sawDeploy) return std::nullopt;
  return deploy;
}

// `FLY_APP=x` or `export FLY_APP=x` standing alone: later commands see it. `unset FLY_APP` ends it.
void trackFlyApp(const std::vector<std::string>& words, std::optional<std::string>& flyApp) {
  std::size_t i = words.empty() ? 0 : (words[0] == "export" || words[0] == "unset" ? 1 : 0);
  if (!words.empty() && words[0] == "unset") {
    for (; i < words.size(); ++i) {
      if (words[i] == "FLY_APP") flyApp.reset();
    }
    return;
  }
  for (; i < words.size() && isAssignment(words[i]); ++i) {
    if (words[i].starts_with("FLY_APP=")) flyApp = unquoted(words[i].substr(8));
  }
}

}  // namespace

bool invokesFlyctl(std::string_view command) {
  for (const auto& words : simpleCommands(command)) {
    if (flyctlAt(words) != std::string::npos) return true;
  }
  return false;
}

bool isReleasesRollback(std::string_view command) {
  for (const auto& words : simpleCommands(command)) {
    const std::size_t at = flyctlAt(words);
    if (at == std::string::npos) continue;
    for (std::size_t i = at + 1; i + 1 < words.size(); ++i) {
      if (words[i] == "releases" && words[i + 1] == "rollback") return true;
    }
  }
  return false;
}

std::vector<DeployInvocation> deployInvocations(std::string_view command, bool& unclear) {
  std::vector<DeployInvocation> found;
  std::optional<std::string> exported;  // FLY_APP set by an earlier simple command
  unclear = false;
  for (const auto& words : simpleCommands(command)) {
    if (!words.empty() && (words[0] == "cd" || words[0] == "pushd")) unclear = true;
    const std::size_t at = flyctlAt(words);
    if (at == std::string::npos) {
      trackFlyApp(words, exported);
      continue;
    }
    std::optional<DeployInvocation> deploy = readDeploy(words, at);
    if (!deploy) continue;
    if (exported) deploy->flyApp = exported;
    for (std::size_t i = 0; i < at; ++i) {  // FLY_APP=x fly deploy, env FLY_APP=x fly deploy
      if (words[i].starts_with("FLY_APP=")) deploy->flyApp = unquoted(words[i].substr(8));
    }
    found.push_back(*deploy);
  }
  return found;
}

}  // namespace fd::fly
