#include "platform/fly_deploy_app.hpp"

#include <optional>

#include "core/fly_commands.hpp"
#include "core/paths.hpp"
#include "core/text.hpp"
#include "platform/fly_json.hpp"

namespace fd {

namespace {

constexpr std::size_t kMaxConfigBytes = std::size_t{1024} * 1024;

bool expands(const std::string& value) { return value.find('$') != std::string::npos; }

std::optional<FlyDeployApp> named(const std::string& app, const std::string& source) {
  if (app.empty() || expands(app)) return std::nullopt;
  return FlyDeployApp{app, source};
}

// The app in the config file at `path` (flyctl follows symbolic links); nullopt when flyctl would
// fail on it itself (missing, a directory) or it is YAML, which is not read here.
std::optional<FlyDeployApp> appOfFile(const FileSystem& fs, const std::string& path,
                                      const std::string& shown) {
  Result<std::string> real = fs.canonical(path);
  if (!real || fs.kindOf(*real) != PathKind::File) return std::nullopt;
  Result<std::string> text = fs.read(*real, kMaxConfigBytes);
  if (!text) return std::nullopt;
  const bool json = shown.ends_with(".json");
  if (!json && !shown.ends_with(".toml")) return std::nullopt;
  return named(json ? fly::configApp(*text) : flyTomlApp(*text), shown + "'s app");
}

std::optional<FlyDeployApp> fromConfig(const fly::DeployInvocation& deploy, const FileSystem& fs,
                                       const std::string& workdir) {
  if (expands(deploy.config) || expands(deploy.directory)) return std::nullopt;
  // `fly deploy DIR`: flyctl changes into DIR, then reads its config there.
  const std::string base =
      deploy.directory.empty() ? workdir : resolvePath(workdir, deploy.directory);
  if (!deploy.directory.empty() && fs.kindOf(base) != PathKind::Directory) return std::nullopt;
  const std::string prefix = deploy.directory.empty() ? "" : deploy.directory + "/";
  if (!deploy.config.empty()) {
    return appOfFile(fs, resolvePath(base, deploy.config), prefix + deploy.config);
  }
  for (const char* name : {"fly.toml", "fly.json"}) {  // flyctl's order (then fly.yaml)
    const std::string path = resolvePath(base, name);
    if (fs.kindOf(path) != PathKind::Missing) return appOfFile(fs, path, prefix + name);
  }
  return std::nullopt;
}

// A TOML key as written: app, "app" or 'app'.
bool isAppKey(const std::string& key) { return key == "app" || key == "\"app\"" || key == "'app'"; }

// The string value that starts `value` ("x", 'x', """x""" or '''x'''); "" when it is not one.
std::string stringValue(const std::string& value) {
  for (const char* quote : {"\"\"\"", "'''", "\"", "'"}) {
    const std::string_view open(quote);
    if (!value.starts_with(open)) continue;
    const std::size_t close = value.find(open, open.size());
    return close == std::string::npos ? "" : value.substr(open.size(), close - open.size());
  }
  return "";
}

// Whether `line` opens a multi-line string that it does not close.
bool opensMultiline(const std::string& line) {
  for (const char* quote : {"\"\"\"", "'''"}) {
    std::size_t count = 0;
    for (std::size_t at = line.find(quote); at != std::string::npos; at = line.find(quote, at + 3))
      ++count;
    if (count % 2 == 1) return true;
  }
  return false;
}

}  // namespace

std::string flyTomlApp(std::string_view toml) {
  bool inMultiline = false;
  for (const std::string& raw : split(toml, '\n')) {
    const std::string line = trim(raw);
    if (inMultiline) {
      inMultiline = !opensMultiline(line);  // its closing quotes end it
      continue;
    }
    if (line.starts_with("[")) return "";  // a table: top-level keys come before it
    const std::size_t equals = line.find('=');
    if (equals != std::string::npos && isAppKey(trim(line.substr(0, equals)))) {
      return stringValue(trim(line.substr(equals + 1)));
    }
    inMultiline = opensMultiline(line);
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
    // flyctl takes the first non-empty of --app, FLY_APP, the config's app.
    const std::string flyApp = deploy.flyApp.value_or(inherited);
    std::optional<FlyDeployApp> app;
    if (!deploy.app.empty()) {
      app = named(deploy.app, "--app");
    } else if (!flyApp.empty()) {
      app = named(flyApp, "FLY_APP");
    } else if (!unclear) {
      app = fromConfig(deploy, fs, workdir);
    }
    if (app) apps.push_back(*app);
  }
  return apps;
}

}  // namespace fd
