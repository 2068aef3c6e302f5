#include "support/fake_fly.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "support/child_process.hpp"

namespace fd::test {

namespace {

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace

FakeFly::FakeFly() {
  namespace fs = std::filesystem;
  fs::create_directories(binDir());
  fs::create_directories(stateDir());
  fs::create_directories(appDir());
  for (const char* name : {"fly", "flyctl"}) {
    const std::string target = binDir() + "/" + name;
    fs::copy_file(script(), target, fs::copy_options::overwrite_existing);
    fs::permissions(target, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                fs::perms::others_read | fs::perms::others_exec);
  }
}

std::string FakeFly::script() const { return FD_SOURCE_DIR "/tests/support/fake_flyctl.sh"; }

std::map<std::string, std::string> FakeFly::env(bool onPath) const {
  std::map<std::string, std::string> vars = {{"FLY_API_TOKEN", kToken},
                                             {"FAKE_FLYCTL_TOKEN", kToken},
                                             {"FAKE_FLYCTL_STATE", stateDir()},
                                             {"FAKE_FLYCTL_APP_DIR", appDir()}};
  const std::string path = baseEnvironment("/").at("PATH");
  if (onPath) vars["PATH"] = binDir() + ":" + path;
  return vars;
}

FakeFly::Answer FakeFly::run(const std::vector<std::string>& args, const std::string& cwd,
                             const std::map<std::string, std::string>& extraEnv) const {
  ChildSpec spec;
  spec.argv = {"/bin/sh", script()};
  spec.argv.insert(spec.argv.end(), args.begin(), args.end());
  spec.workingDirectory = cwd;
  spec.env = baseEnvironment(temp_.path());
  for (const auto& [name, value] : env()) spec.env[name] = value;
  for (const auto& [name, value] : extraEnv) spec.env[name] = value;
  const ChildRun ran = runChild(spec);
  return {ran.exitCode, ran.out, ran.err};
}

void FakeFly::createApps(const std::vector<std::string>& apps) const {
  for (const std::string& app : apps) {
    const Answer created = run({"apps", "create", app});
    if (created.exitCode != 0) throw std::runtime_error("fake fly: " + created.err);
  }
}

std::vector<std::string> FakeFly::calls() const {
  std::vector<std::string> lines;
  std::istringstream in(readFile(stateDir() + "/calls"));
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool FakeFly::called(const std::string& needle) const {
  for (const std::string& line : calls()) {
    if (line.find(needle) != std::string::npos) return true;
  }
  return false;
}

std::string FakeFly::releaseTarball() const {
  const std::string stage = temp_.path() + "/release";
  std::filesystem::create_directories(stage);
  std::filesystem::copy_file(script(), stage + "/flyctl",
                             std::filesystem::copy_options::overwrite_existing);
  const std::string tarball = temp_.path() + "/flyctl_0.4.85_Linux_x86_64.tar.gz";
  shell("chmod 755 '" + stage + "/flyctl' && tar -czf '" + tarball + "' -C '" + stage + "' flyctl");
  return readFile(tarball);
}

ServerHandler FakeFly::appHandler() const {
  const std::string dir = appDir();
  return [dir](const ServerRequest& request) {
    ServerResponse response;
    if (request.path() != "/health") {
      response.contentType = "text/html";
      response.body = "<h1>shop</h1>";
      return response;
    }
    const bool broken = std::filesystem::exists(dir + "/unhealthy");
    response.status = broken ? 503 : 200;
    response.body =
        broken ? R"({"status":"down"})"
               : R"({"status":"ok","version":")" + trimmed(readFile(dir + "/version")) + "\"}";
    return response;
  };
}

}  // namespace fd::test
