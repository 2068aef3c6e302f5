#include "core/fly_commands.hpp"

#include <string>
#include <vector>

namespace fd::fly {

namespace {

bool isSeparator(char c) {
  return c == ';' || c == '&' || c == '|' || c == '\n' || c == '(' || c == ')' || c == '`';
}

bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// The words of each simple command, without the quoting a real shell would honour: enough to
// recognise a command name, which is all this is for.
std::vector<std::vector<std::string>> simpleCommands(std::string_view command) {
  std::vector<std::vector<std::string>> commands(1);
  std::string word;
  const auto endWord = [&] {
    if (!word.empty()) commands.back().push_back(word);
    word.clear();
  };
  for (const char c : command) {
    if (isSeparator(c)) {
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
  while (i < words.size() &&
         (isAssignment(words[i]) || words[i] == "exec" || words[i] == "command")) {
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

// `--name=value`, or `--name value` / `-n value` (advancing `i` past the value).
bool flagValue(const std::vector<std::string>& words, std::size_t& i, std::string_view longName,
               std::string_view shortName, std::string& value) {
  const std::string& word = words[i];
  const std::string withEquals = std::string(longName) + "=";
  if (word.rfind(withEquals, 0) == 0) {
    value = unquoted(word.substr(withEquals.size()));
    return true;
  }
  if ((word == longName || word == shortName) && i + 1 < words.size()) {
    value = unquoted(words[++i]);
    return true;
  }
  return false;
}

DeployInvocation readDeploy(const std::vector<std::string>& words, std::size_t at) {
  DeployInvocation deploy;
  for (std::size_t i = 0; i < at; ++i) {
    if (words[i].rfind("FLY_APP=", 0) == 0) {
      deploy.flyAppPrefix = unquoted(words[i].substr(8));
      deploy.hasFlyAppPrefix = true;
    }
  }
  // A bare word right after `deploy` is its working directory; later ones may be flags' values.
  deploy.directoryArgument = at + 2 < words.size() && words[at + 2].front() != '-';
  for (std::size_t i = at + 2; i < words.size(); ++i) {
    if (flagValue(words, i, "--app", "-a", deploy.app)) continue;
    flagValue(words, i, "--config", "-c", deploy.config);
  }
  return deploy;
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
  unclear = false;
  for (const auto& words : simpleCommands(command)) {
    if (!words.empty() && (words[0] == "cd" || words[0] == "pushd")) unclear = true;
    const std::size_t at = flyctlAt(words);
    if (at == std::string::npos || at + 1 >= words.size() || words[at + 1] != "deploy") continue;
    found.push_back(readDeploy(words, at));
  }
  return found;
}

}  // namespace fd::fly
