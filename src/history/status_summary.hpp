// The small "what is live where" table and the delivery metrics' headlines a deploy (or rollback)
// adds at the end of its job summary on a runner (docs/HISTORY.md): the same answer as
// `factory-deploy status`, read after the run.
#pragma once

#include <string>
#include <vector>

#include "core/inputs.hpp"
#include "core/ports/log.hpp"
#include "core/secret_masker.hpp"
#include "history/delivery_metrics.hpp"
#include "history/environment_status.hpp"
#include "pipeline/world.hpp"

namespace fd {

// "### What is live where", a table (environment, live, deployed, by, health now) and one
// "staging is 3 commits ahead of prod" line per environment that has a next one.
std::string statusSummaryMarkdown(const std::vector<EnvironmentStatus>& statuses,
                                  const std::string& source);

// "### Delivery metrics (prod, last 30 days)" and the four keys' headline figures, computed from
// the `entriesRead` newest prod entries the status read (a summary never reads the whole ledger).
std::string metricsSummaryMarkdown(const DeliveryMetrics& metrics, std::size_t entriesRead);

// Reads the ledger, health and git as `status` does and appends the table to
// GITHUB_STEP_SUMMARY (masked). Any problem is a warning: the run's outcome never changes.
void appendStatusSummary(World& world, const Inputs& inputs, Log& log, const SecretMasker& masker,
                         const std::string& root);

}  // namespace fd
