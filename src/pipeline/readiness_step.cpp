// Step 2 of the seed: the environment is ready — secrets present, previous version known,
// error-rate baseline measured — before anything changes.
#include <algorithm>
#include <cctype>

#include "core/text.hpp"
#include "deploy/error_rate.hpp"
#include "pipeline/pipeline.hpp"
#include "receipt/receipt_renderer.hpp"

namespace fd {

namespace {

constexpr auto kReadinessTimeout = std::chrono::seconds(120);  // each command of the step

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

// A commit in the same form as the Version bullet ("v1.1.0 (9f8e7d6)" or "9f8e7d6"); any other
// version string (a platform's release name) as it is.
std::string labelOf(const std::string& version, GitRepository* git) {
  const bool commit =
      version.size() == 40 && std::all_of(version.begin(), version.end(), [](char c) {
        return std::isxdigit(static_cast<unsigned char>(c)) != 0;
      });
  if (!commit) return version;
  const Result<std::vector<std::string>> tags =
      git != nullptr ? git->tagsAt(version)
                     : Result<std::vector<std::string>>(std::vector<std::string>{});
  return versionLabel(version, tags ? *tags : std::vector<std::string>{});
}

}  // namespace

// The required secret names, listed by the manifest's secrets_command or the platform's built-in.
bool Pipeline::checkSecrets() {
  const SecretsListing listing = platform().listSecrets(kReadinessTimeout);
  if (!listing.askable) {
    if (env_.requiredSecrets.empty()) return true;
    fail("readiness", "required_secrets is set but there is no secrets_command to list them");
    log_.error(record_.failureReason);
    return false;
  }
  if (cancelledDuring("readiness")) return false;
  if (!listing.ran.succeeded() || !listing.problem.empty()) {
    fail("readiness",
         listing.source + " failed (" +
             (listing.problem.empty() ? describeCommandEnd(listing.ran) : listing.problem) +
             "); its output is not shown because it lists secrets");
    log_.error(record_.failureReason);
    return false;
  }
  registerListedValues(listing.ran.output, masker_);  // masked by us; never sent to ::add-mask::
  std::vector<std::string> missing;
  for (const std::string& name : env_.requiredSecrets) {
    const bool listed = listing.names ? std::find(listing.names->begin(), listing.names->end(),
                                                  name) != listing.names->end()
                                      : listsSecret(listing.ran.output, name);
    if (!listed) missing.push_back(name);
  }
  if (!missing.empty()) {
    fail("readiness", "required secrets missing from the " + listing.source +
                          " listing: " + join(missing, ", "));
    log_.error(record_.failureReason);
    return false;
  }
  log_.info("secrets: " + std::to_string(env_.requiredSecrets.size()) +
            " required secret name(s) present (" + listing.source + ")");
  return true;
}

bool Pipeline::checkReadiness() {
  log_.beginGroup("Readiness");
  if (!checkSecrets()) return log_.endGroup(), false;

  const Result<std::vector<LedgerEntry>> history = mode_.ledger->successful(env_.name);
  if (history && !history->empty()) record_.previousVersion = history->front().sha;
  if (!history) {  // unknown is not "none": never judged as a first deploy
    const std::string why =
        "could not read " + env_.name + "'s deployment history: " + history.message();
    log_.warning(why);
    record_.notes.push_back(why + "; the previous version is unknown");
  }
  liveBefore_ = readLiveVersion("current version");
  if (!liveBefore_.version.empty()) record_.previousVersion = liveBefore_.version;
  if (liveBefore_.askable && liveBefore_.version.empty()) log_.warning(liveBefore_.problem);
  // The receipt says "unknown"; outputs stay empty. Only a history read that found nothing makes
  // this a first deploy: a failed read would otherwise drop the error-rate baseline's check.
  firstDeploy_ = history.ok() && record_.previousVersion.empty();
  record_.previousVersionLabel = labelOf(record_.previousVersion, git_.get());
  record_.rollback.previousVersion = record_.previousVersion;

  if (inputs_.environment == Target::Prod && !env_.errorRateCommand.empty()) {
    const CommandResult baseline = commands_.run("error rate (baseline)", env_.errorRateCommand,
                                                 kReadinessTimeout, Echo::Answer);
    if (baseline.succeeded()) baselineErrorRate_ = parseErrorRate(baseline.output);
    baselineDetail_ =
        baseline.succeeded() ? "output was not a number" : describeCommandEnd(baseline);
    record_.telemetry.baseline = baselineErrorRate_ ? formatPercent(*baselineErrorRate_)
                                                    : "no data (" + baselineDetail_ + ")";
    if (cancelledDuring("readiness")) return log_.endGroup(), false;
    // The increase is judged against what runs now: without a baseline, a healthy release would
    // fail verification and be rolled back. Refuse before anything changes.
    if (env_.maxErrorRateIncrease && !firstDeploy_ && !baselineErrorRate_) {
      record_.telemetry.notes = "baseline: no data, so max_error_rate_increase cannot be judged";
      fail("readiness", "error-rate baseline: no data (" + baselineDetail_ +
                            ") from error_rate_command while " +
                            (record_.previousVersionLabel.empty()
                                 ? std::string("an unknown version (see the notes)")
                                 : record_.previousVersionLabel) +
                            " is live; max_error_rate_increase needs that baseline, so nothing "
                            "was deployed. Make error_rate_command print the current rate (a "
                            "number from 0 to 100), or remove max_error_rate_increase");
      log_.error(record_.failureReason, {"Error-rate baseline", inputs_.config, 0});
      return log_.endGroup(), false;
    }
  }
  log_.endGroup();
  return !cancelledDuring("readiness");
}

}  // namespace fd
