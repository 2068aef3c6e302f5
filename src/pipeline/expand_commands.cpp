#include "pipeline/expand_commands.hpp"

#include "manifest/placeholders.hpp"

namespace fd {

namespace {

Status expandField(std::string& command, const PlaceholderValues& values, const std::string& env,
                   const std::string& field) {
  if (command.empty()) return okStatus();
  Result<std::string> expanded =
      expandPlaceholders(command, values, "environments." + env + "." + field);
  if (!expanded) return expanded.error();
  command = std::move(expanded).value();
  return okStatus();
}

}  // namespace

Result<EnvConfig> expandCommands(const EnvConfig& env, const Manifest& manifest,
                                 const std::string& sha) {
  EnvConfig expanded = env;
  const PlaceholderValues values{
      manifest.projectName, env.appName, env.region, env.url, env.name, sha};
  const std::pair<std::string*, const char*> fields[] = {
      {&expanded.deployCommand, "deploy_command"},
      {&expanded.rollbackCommand, "rollback_command"},
      {&expanded.secretsCommand, "secrets_command"},
      {&expanded.telemetryCheckCommand, "telemetry_check_command"},
      {&expanded.errorRateCommand, "error_rate_command"},
      {&expanded.currentVersionCommand, "current_version_command"},
      {&expanded.ciCheckCommand, "ci_check_command"},
  };
  for (const auto& [field, name] : fields) {
    Status status = expandField(*field, values, env.name, name);
    if (!status) return status.error();
  }
  for (std::size_t i = 0; i < expanded.smokeTests.size(); ++i) {
    Status status = expandField(expanded.smokeTests[i].command, values, env.name,
                                "smoke_tests[" + std::to_string(i) + "].command");
    if (!status) return status.error();
  }
  return expanded;
}

}  // namespace fd
