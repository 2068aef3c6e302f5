// What every gate and adapter may know about the run in progress.
#pragma once

#include <string>

#include "core/gate_files.hpp"
#include "core/inputs.hpp"
#include "core/manifest.hpp"

namespace fd {

class GitRepository;

struct DeployContext {
  const Inputs& inputs;
  const Manifest& manifest;
  const EnvConfig& env;
  std::string sha;               // full SHA being deployed
  std::string root;              // absolute working directory
  GitRepository* git = nullptr;  // may be null when the directory is not a repository
  GateFiles gateFiles;           // what may differ from the gated commit (INTERFACE §5.1, §9)
  std::string versionLabel;      // "v1.4.0 (a1b2c3d)" or "a1b2c3d", as the receipt shows it
  std::string kind = "deploy";   // what the ledger records: deploy | rollback
};

}  // namespace fd
