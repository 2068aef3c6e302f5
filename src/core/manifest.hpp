// The deployment manifest `.factory/deploy-config.json` (INTERFACE §3), resolved per environment.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace fd {

struct HealthCheckConfig {
  int expectedStatus = 200;
  int timeoutS = 120;
  int intervalS = 5;
  int initialDelayS = 0;
  int successes = 1;  // consecutive passes needed
  bool expectVersion = false;
};

struct SmokeTest {
  std::string name;
  // HTTP form
  std::string path;
  std::string method = "GET";
  int expectStatus = 200;
  std::string expectBodyContains;
  // command form
  std::string command;

  bool isCommand() const { return !command.empty(); }
};

// One environment with the top-level defaults already applied. Commands are still templates:
// placeholders are expanded by expandPlaceholders() once the deployed SHA is known.
struct EnvConfig {
  std::string name;  // alpha, staging or prod
  std::string appName;
  std::string region;
  std::string configFile;
  std::string deployCommand;
  std::string url;
  std::string healthCheckPath;
  std::string rollbackCommand;
  std::string secretsCommand;
  HealthCheckConfig healthCheck;
  std::string healthCheckNote;  // "health_check": "<free text>": shown in the receipt, never run
  std::vector<SmokeTest> smokeTests;
  std::string telemetryCheckCommand;
  std::string errorRateCommand;
  std::optional<double> maxErrorRate;          // percent
  std::optional<double> maxErrorRateIncrease;  // percentage points over the baseline
  std::string currentVersionCommand;
  std::vector<std::string> requiredSecrets;
  std::string ciCheckCommand;
  int deployTimeoutS = 1800;
  int rollbackTimeoutS = 600;
};

// A platform CLI the manifest's commands need, fetched and checked before they run (`tools`):
// the general way to bring a platform's single-binary CLI into the action (docs/PLATFORMS.md).
struct ToolSpec {
  std::string name;    // the command it is run as; also the default `binary`
  std::string url;     // the release asset: .tar.gz/.tgz, .zip, or the program itself
  std::string sha256;  // of the asset, lower-case hex
  std::string binary;  // its path inside an archive
};

struct Manifest {
  std::string path;  // where it was read from, for messages
  std::string platform;
  std::string projectName;
  std::optional<int> internalPort;
  std::vector<EnvConfig> environments;  // in chain order: alpha, staging, prod (those present)
  std::vector<ToolSpec> tools;
  std::vector<std::string> warnings;  // unknown keys and the like

  const EnvConfig* find(const std::string& environment) const;
  // The environment before `environment` in the chain, or nullptr for the first.
  const EnvConfig* previous(const std::string& environment) const;
};

}  // namespace fd
