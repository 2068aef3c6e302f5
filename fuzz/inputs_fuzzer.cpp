// The inputs parser: the bytes are lines; `NAME=value` lines (NAME without a leading dash) are
// environment variables, every other line is a command-line argument. `\n` in a line is a newline
// (multi-line list inputs).
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "action/inputs.hpp"
#include "fuzz_check.hpp"

namespace {

class BytesEnvironment : public fd::Environment {
 public:
  std::map<std::string, std::string> values;
  std::optional<std::string> get(const std::string& name) const override {
    const auto found = values.find(name);
    if (found == values.end()) return std::nullopt;
    return found->second;
  }
  std::vector<std::pair<std::string, std::string>> all() const override {
    return {values.begin(), values.end()};
  }
};

std::string unescapeNewlines(std::string_view line) {
  std::string text;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == 'n') {
      text += '\n';
      ++i;
      continue;
    }
    text += line[i];
  }
  return text;
}

bool isVariable(std::string_view line) {
  const std::size_t equals = line.find('=');
  return equals != std::string_view::npos && equals > 0 && line.front() != '-';
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = fd::fuzz::asText(data, size);
  BytesEnvironment env;
  std::vector<std::string> args;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (isVariable(line)) {
      const std::size_t equals = line.find('=');
      env.values[std::string(line.substr(0, equals))] = unescapeNewlines(line.substr(equals + 1));
    } else {
      args.push_back(unescapeNewlines(line));
    }
  }
  const fd::Result<fd::ParsedCommand> command = fd::parseCommand(args, env);
  if (!command.ok()) {
    FD_FUZZ_CHECK(!command.message().empty());
    return 0;
  }
  const fd::Inputs& inputs = command->inputs;
  FD_FUZZ_CHECK(inputs.ciIntervalS >= 1 && inputs.ciTimeoutS >= 0);
  FD_FUZZ_CHECK(!inputs.retentionDays ||
                (*inputs.retentionDays >= 1 && *inputs.retentionDays <= 90));
  for (const auto* list : {&inputs.ignoreChecks, &inputs.requiredChecks}) {
    for (const std::string& item : *list) FD_FUZZ_CHECK(!item.empty());
  }
  return 0;
}
