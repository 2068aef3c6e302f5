#include "history/status_summary.hpp"

#include "core/paths.hpp"
#include "core/text.hpp"
#include "history/delivery_metrics.hpp"
#include "history/history_source.hpp"
#include "history/metrics_render.hpp"
#include "history/status_command.hpp"
#include "history/status_render.hpp"
#include "manifest/manifest_loader.hpp"
#include "receipt/markdown.hpp"

namespace fd {

namespace {

constexpr std::size_t kSummaryLimitBytes = std::size_t{1024} * 1024;  // GitHub's limit per step

std::string liveCell(const EnvironmentStatus& status) {
  if (!status.live) return "nothing deployed";
  const HistoryEntry& live = *status.live;
  return live.version.empty() ? shortSha(live.sha) : live.version;
}

constexpr int kSummaryWindowDays = 30;

}  // namespace

std::string metricsSummaryMarkdown(const DeliveryMetrics& metrics, std::size_t entriesRead) {
  const MetricsHeadlines h = metricsHeadlines(metrics);
  return "\n### Delivery metrics (" + metrics.environment + ", last " +
         std::to_string(metrics.windowDays) + " days)\n\n" +
         markdown::italicRemark("from its newest " + std::to_string(entriesRead) +
                                " ledger entries; every figure and its entries: "
                                "`factory-deploy history --metrics`") +
         "\n\n- " + h.frequency + "\n- " + h.leadTime + "\n- " + h.failureRate + "\n- " +
         h.restore + "\n";
}

std::string statusSummaryMarkdown(const std::vector<EnvironmentStatus>& statuses,
                                  const std::string& source) {
  std::vector<std::vector<std::string>> rows;
  std::string ahead;
  for (const EnvironmentStatus& status : statuses) {
    const bool live = status.live.has_value();
    rows.push_back({status.environment, liveCell(status), live ? status.live->time : "",
                    live ? status.live->actor : "", healthWords(status.health)});
    if (status.ahead) ahead += "- " + aheadSentence(status) + "\n";
  }
  std::string text = "\n### What is live where\n\n" +
                     markdown::italicRemark("from " + source + ", read after this run") + "\n\n" +
                     markdown::table({"Environment", "Live", "Deployed", "By", "Health now"}, rows);
  if (!ahead.empty()) text += "\n" + ahead;
  return text;
}

void appendStatusSummary(World& world, const Inputs& inputs, Log& log, const SecretMasker& masker,
                         const std::string& root) {
  const std::string path = world.env.get("GITHUB_STEP_SUMMARY").value_or("");
  if (path.empty()) return;
  const auto skip = [&log](const std::string& why) {
    log.warning("the job summary has no status table: " + why);
  };
  Result<Manifest> manifest =
      loadManifest(world.fs, resolvePath(root, inputs.config), inputs.config);
  if (!manifest) return skip(manifest.message());
  auto history = makeHistory(world, inputs, log, root);
  if (!history) return skip(history.message());
  std::vector<HistoryEntry> entries;
  for (const EnvConfig& env : manifest->environments) {
    auto some = (*history)->entries(env.name, kStatusDepth);
    if (!some) return skip("cannot read " + (*history)->source() + ": " + some.message());
    entries.insert(entries.end(), some->begin(), some->end());
  }
  auto git = world.openGit(root);
  const std::vector<EnvironmentStatus> statuses =
      environmentStatuses(*manifest, entries, git ? git->get() : nullptr, world.http);
  std::vector<HistoryEntry> prod;
  for (const HistoryEntry& entry : entries) {
    if (entry.environment == "prod") prod.push_back(entry);
  }
  const DeliveryMetrics metrics =
      computeMetrics(prod, git ? git->get() : nullptr, world.clock.now(), kSummaryWindowDays);
  const std::string text = masker.mask(statusSummaryMarkdown(statuses, (*history)->source()) +
                                       metricsSummaryMarkdown(metrics, kStatusDepth));
  const Result<std::string> existing = world.fs.read(path, kSummaryLimitBytes);
  const std::size_t used = existing ? existing->size() : 0;
  if (used + text.size() > kSummaryLimitBytes) return skip("the job summary is full (1 MiB)");
  if (Status appended = world.fs.append(path, text); !appended) skip(appended.message());
}

}  // namespace fd
