// The small "what is live where" table a deploy (or rollback) adds at the end of its job summary
// on a runner (docs/HISTORY.md): the same answer as `factory-deploy status`, read after the run.
#pragma once

#include <string>
#include <vector>

#include "core/inputs.hpp"
#include "core/ports/log.hpp"
#include "core/secret_masker.hpp"
#include "history/environment_status.hpp"
#include "pipeline/world.hpp"

namespace fd {

// "### What is live where", a table (environment, live, deployed, by, health now) and one
// "staging is 3 commits ahead of prod" line per environment that has a next one.
std::string statusSummaryMarkdown(const std::vector<EnvironmentStatus>& statuses,
                                  const std::string& source);

// Reads the ledger, health and git as `status` does and appends the table to
// GITHUB_STEP_SUMMARY (masked). Any problem is a warning: the run's outcome never changes.
void appendStatusSummary(World& world, const Inputs& inputs, Log& log, const SecretMasker& masker,
                         const std::string& root);

}  // namespace fd
