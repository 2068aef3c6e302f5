// The adapters that differ between GitHub mode and local mode, chosen once per run.
#pragma once

#include <memory>

#include "core/ports/mode.hpp"

namespace fd {

struct Mode {
  std::unique_ptr<CiGate> ci;
  std::unique_ptr<ConfirmationGate> confirmation;
  std::unique_ptr<ProdPolicyGate> policy;
  std::unique_ptr<DeploymentLedger> ledger;
  std::unique_ptr<Publisher> publisher;
  std::string deployedSha;  // GitHub mode: from the event; empty: HEAD of the working directory
};

}  // namespace fd
