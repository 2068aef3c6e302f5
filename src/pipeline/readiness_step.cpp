// Step 2 of the seed: the environment is ready — secrets present, previous version known,
// error-rate baseline measured — before anything changes.
#include <algorithm>
#include <cctype>

#include "core/text.hpp"
#include "deploy/error_rate.hpp"
#include "pipeline/pipeline.hpp"

namespace fd {

namespace {

// Whether `name` appears as a whole word in the secrets listing (names only are ever compared).
bool listsSecret(const std::string& listing, const std::string& name) {
  std::size_t pos = 0;
  const auto isNameChar = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
  };
  while ((pos = listing.find(name, pos)) != std::string::npos) {
    const bool startOk = pos == 0 || !isNameChar(listing[pos - 1]);
    const std::size_t end = pos + name.size();
    const bool endOk = end >= listing.size() || !isNameChar(listing[end]);
    if (startOk && endOk) return true;
    pos = end;
  }
  return false;
}

// A listing that shows NAME=VALUE lines shows values: mask them wherever else they turn up.
// Only our masker learns them: an ::add-mask:: line would itself print the value to the log.
void registerListedValues(const std::string& listing, SecretMasker& masker) {
  for (const std::string& line : split(listing, '\n')) {
    const std::string entry = trim(line);
    const std::size_t equals = entry.find('=');
    if (equals == std::string::npos || equals == 0) continue;
    const bool isName = std::all_of(
        entry.begin(), entry.begin() + static_cast<long>(equals),
        [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; });
    if (isName) masker.add(trim(entry.substr(equals + 1)));
  }
}

}  // namespace

bool Pipeline::checkReadiness() {
  log_.beginGroup("Readiness");
  const auto timeout = std::chrono::seconds(120);
  if (!env_.secretsCommand.empty()) {
    const CommandResult listed =
        commands_.run("secrets", env_.secretsCommand, timeout, Echo::Silent);
    if (cancelledDuring("readiness")) return log_.endGroup(), false;
    if (!listed.succeeded()) {
      fail("readiness", "secrets_command failed (" + describeCommandEnd(listed) +
                            "); its output is not shown because it lists secrets");
      log_.error(record_.failureReason);
      return log_.endGroup(), false;
    }
    registerListedValues(listed.output, masker_);  // masked by us; never sent to ::add-mask::
    std::vector<std::string> missing;
    for (const std::string& name : env_.requiredSecrets) {
      if (!listsSecret(listed.output, name)) missing.push_back(name);
    }
    if (!missing.empty()) {
      std::string names;
      for (const std::string& name : missing) names += (names.empty() ? "" : ", ") + name;
      fail("readiness", "required secrets missing from the secrets_command listing: " + names);
      log_.error(record_.failureReason);
      return log_.endGroup(), false;
    }
    log_.info("secrets: " + std::to_string(env_.requiredSecrets.size()) +
              " required secret name(s) present");
  } else if (!env_.requiredSecrets.empty()) {
    fail("readiness", "required_secrets is set but there is no secrets_command to list them");
    log_.error(record_.failureReason);
    return log_.endGroup(), false;
  }

  const Result<std::vector<LedgerEntry>> history = mode_.ledger->successful(env_.name);
  if (history && !history->empty()) record_.previousVersion = history->front().sha;
  const LiveVersion live = readLiveVersion("current version");
  if (!live.version.empty()) record_.previousVersion = live.version;
  if (live.askable && live.version.empty()) log_.warning(live.problem);
  firstDeploy_ = record_.previousVersion.empty();  // the receipt says "unknown"; outputs stay empty
  record_.rollback.previousVersion = record_.previousVersion;

  if (inputs_.environment == Target::Prod && !env_.errorRateCommand.empty()) {
    const CommandResult baseline =
        commands_.run("error rate (baseline)", env_.errorRateCommand, timeout);
    if (baseline.succeeded()) baselineErrorRate_ = parseErrorRate(baseline.output);
    baselineDetail_ =
        baseline.succeeded() ? "output was not a number" : describeCommandEnd(baseline);
    record_.telemetry.baseline = baselineErrorRate_ ? formatPercent(*baselineErrorRate_)
                                                    : "no data (" + baselineDetail_ + ")";
  }
  log_.endGroup();
  return !cancelledDuring("readiness");
}

}  // namespace fd
