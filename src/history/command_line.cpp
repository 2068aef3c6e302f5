#include "history/command_line.hpp"

#include <charconv>

#include "core/target.hpp"

namespace fd {

namespace {

Result<int> wholeNumber(const std::string& flag, const std::string& value, int min, int max) {
  int number = 0;
  const char* end = value.data() + value.size();
  const auto [ptr, ec] = std::from_chars(value.data(), end, number);
  if (ec != std::errc() || ptr != end || number < min || number > max) {
    return makeError(ErrorCode::InvalidArgument, "flag \"" + flag + "\": invalid value \"" + value +
                                                     "\"; expected a whole number from " +
                                                     std::to_string(min) + " to " +
                                                     std::to_string(max));
  }
  return number;
}

// Splits "--name=value" / "--name value" for the flags this command owns.
struct Flag {
  std::string name;
  std::string value;
  bool hasValue = false;
};

Flag splitFlag(const std::vector<std::string>& args, std::size_t& i, bool takesValue) {
  Flag flag;
  const std::string& arg = args[i];
  const std::size_t equals = arg.find('=');
  flag.name = arg.substr(0, equals);
  if (equals != std::string::npos) {
    flag.value = arg.substr(equals + 1);
    flag.hasValue = true;
  } else if (takesValue && i + 1 < args.size()) {
    flag.value = args[++i];
    flag.hasValue = true;
  }
  return flag;
}

Status applyOwn(const std::string& command, const Flag& flag, HistoryOptions& options) {
  if (flag.name == "--json") {
    options.json = true;
    return okStatus();
  }
  if (flag.name == "--metrics" && command == "history") {
    options.metrics = true;
    return okStatus();
  }
  if (!flag.hasValue) {
    return makeError(ErrorCode::InvalidArgument, "flag \"" + flag.name + "\" needs a value");
  }
  if (flag.name == "--environment") {
    if (!parseTarget(flag.value)) {
      return makeError(ErrorCode::InvalidArgument, "flag \"--environment\": invalid value \"" +
                                                       flag.value + "\"; expected " +
                                                       std::string(targetChoices()));
    }
    options.environment = flag.value;
    return okStatus();
  }
  if (flag.name == "--limit") {
    const Result<int> limit = wholeNumber(flag.name, flag.value, 0, 100000);
    if (!limit) return limit.error();
    options.limit = static_cast<std::size_t>(*limit);
    return okStatus();
  }
  const Result<int> days = wholeNumber(flag.name, flag.value, 1, 3650);  // --window-days
  if (!days) return days.error();
  options.windowDays = *days;
  return okStatus();
}

bool ownsFlag(const std::string& command, const std::string& name) {
  if (name == "--json") return true;
  if (command == "status") return false;
  return name == "--environment" || name == "--limit" || name == "--metrics" ||
         name == "--window-days";
}

}  // namespace

Result<HistoryOptions> parseHistoryOptions(const std::string& command,
                                           const std::vector<std::string>& args,
                                           const Environment& env) {
  HistoryOptions options;
  std::vector<std::string> shared;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string name = args[i].substr(0, args[i].find('='));
    if (name == "--help" || name == "-h") {
      options.help = true;
      return options;
    }
    if (!ownsFlag(command, name)) {
      shared.push_back(args[i]);
      continue;
    }
    const bool takesValue = name != "--json" && name != "--metrics";
    Status applied = applyOwn(command, splitFlag(args, i, takesValue), options);
    if (!applied) return applied.error();
  }
  Result<ParsedCommand> parsed = parseCommand(shared, env);
  if (!parsed) return parsed.error();
  options.inputs = parsed->inputs;
  return options;
}

std::string historyHelp(const std::string& command) {
  if (command == "status") {
    return "usage: factory-deploy status [--json] [--working-directory DIR] [--config FILE]\n"
           "\n"
           "Per environment of the manifest: the live version (tag and short SHA), when and by\n"
           "whom it was deployed, its receipt or run, its health now (one GET of the health URL),\n"
           "and how many commits it is ahead of the next environment. See docs/HISTORY.md.\n";
  }
  return "usage: factory-deploy history [--environment ENV] [--limit N] [--json]\n"
         "                              [--metrics [--window-days N]]\n"
         "\n"
         "The deployment ledger newest first (.factory/deployments.jsonl locally, the GitHub\n"
         "Deployments this action recorded on a runner): status, version, previous version,\n"
         "who, when, duration, receipt. --limit 0 shows all (default 20).\n"
         "--metrics: the four DORA keys for prod over the last --window-days (default 30).\n"
         "See docs/HISTORY.md.\n";
}

}  // namespace fd
