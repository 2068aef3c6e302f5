// The promotion chain (INTERFACE §5.5): a target only receives what the environment before it
// in the manifest's chain (alpha → staging → prod) deployed successfully.
#pragma once

#include "core/deploy_context.hpp"
#include "core/deploy_record.hpp"
#include "core/ports/mode.hpp"

namespace fd {

GateResult checkPromotion(const DeployContext& context, DeploymentLedger& ledger);

}  // namespace fd
