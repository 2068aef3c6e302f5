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

}  // namespace fd::fly
