#include "platform/fly_deploy_app.hpp"

#include <optional>

#include "core/fly_commands.hpp"
#include "core/paths.hpp"
#include "core/text.hpp"

namespace fd {

namespace {

constexpr std::size_t kMaxConfigBytes = std::size_t{1024} * 1024;

bool expands(const std::string& value) { return value.find('$') != std::string::npos; }

std::optional<FlyDeployApp> named(const std::string& app, const std::string& source) {
  if (app.empty() || expands(app)) return std::nullopt;
  return FlyDeployApp{app, source};
}

std::optional<FlyDeployApp> fromConfig(const fly::DeployInvocation& deploy, const FileSystem& fs,
                                       const std::string& workdir) {
  if (deploy.config.empty() && deploy.directoryArgument) return std::nullopt;
  const std::string config = deploy.config.empty() ? "fly.toml" : deploy.config;
  if (expands(config)) return std::nullopt;
  // flyctl follows symbolic links, and a directory is read as its fly.toml (its second try).
  Result<std::string> path = fs.canonical(resolvePath(workdir, config));
  if (path && fs.kindOf(*path) == PathKind::Directory) path = fs.canonical(*path + "/fly.toml");
  if (!path || fs.kindOf(*path) != PathKind::File) return std::nullopt;
  Result<std::string> text = fs.read(*path, kMaxConfigBytes);
  if (!text) return std::nullopt;
  return named(flyTomlApp(*text), config + "'s app");
}

}  // namespace

std::string flyTomlApp(std::string_view toml) {
  for (const std::string& raw : split(toml, '\n')) {
    const std::string line = trim(raw);
    if (line.starts_with("[")) return "";  // a table: top-level keys come before it
    if (!line.starts_with("app")) continue;
    std::string rest = trim(line.substr(3));
    if (!rest.starts_with("=")) continue;  // app_name, apps, ...
    rest = trim(rest.substr(1));
    if (rest.empty() || (rest.front() != '"' && rest.front() != '\'')) return "";
    const std::size_t close = rest.find(rest.front(), 1);
    return close == std::string::npos ? "" : rest.substr(1, close - 1);
  }
  return "";
}

std::vector<FlyDeployApp> flyDeployApps(std::string_view command, const Environment& env,
                                        const FileSystem& fs, const std::string& workdir) {
  bool unclear = false;
  const std::vector<fly::DeployInvocation> deploys = fly::deployInvocations(command, unclear);
  const std::string inherited = env.get("FLY_APP").value_or("");
  std::vector<FlyDeployApp> apps;
  for (const fly::DeployInvocation& deploy : deploys) {
    std::optional<FlyDeployApp> app;
    if (!deploy.app.empty()) {
      app = named(deploy.app, "--app");
    } else if (deploy.hasFlyAppPrefix || !inherited.empty()) {
      app = named(deploy.hasFlyAppPrefix ? deploy.flyAppPrefix : inherited, "FLY_APP");
    } else if (!unclear) {
      app = fromConfig(deploy, fs, workdir);
    }
    if (app) apps.push_back(*app);
  }
  return apps;
}

}  // namespace fd
