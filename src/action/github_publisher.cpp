// makeGithubPublisher: the artifact first (its id and URL are outputs), then the job summary,
// then every §7 output. A failure here is a warning and a note; the deploy's status stands.
#include "action/action_mode.hpp"
#include "action/outputs.hpp"
#include "action/summary.hpp"
#include "artifact/artifact_name.hpp"
#include "artifact/artifact_runtime.hpp"
#include "artifact/artifact_uploader.hpp"
#include "core/target.hpp"

namespace fd {

namespace {

std::string baseName(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Later steps run outside the container: a path under GITHUB_WORKSPACE is given relative to it
// (the workspace is the same directory on both sides); anything else as it is.
std::string workspaceRelative(const std::string& path, std::string workspace) {
  while (workspace.size() > 1 && workspace.back() == '/') workspace.pop_back();
  if (workspace.empty() || path.rfind(workspace + "/", 0) != 0) return path;
  return path.substr(workspace.size() + 1);
}

class GithubPublisher : public Publisher {
 public:
  GithubPublisher(FileSystem& fs, HttpClient& http, Clock& clock, Random& random, Log& log,
                  SecretMasker& masker, const Environment& env, const Inputs& inputs)
      : fs_(fs),
        http_(http),
        clock_(clock),
        random_(random),
        log_(log),
        masker_(masker),
        env_(env),
        inputs_(inputs) {
    // The runtime token is a credential like the GitHub token: masked before anything runs.
    if (const auto token = env_.get("ACTIONS_RUNTIME_TOKEN"); token && !token->empty()) {
      log_.addSecret(*token);
    }
  }

  void publish(DeployRecord& record, const std::string& receiptMarkdown,
               const std::string& receiptPath) override {
    if (record.receiptPath.empty()) record.receiptPath = receiptPath;
    const std::string receipt = masker_.mask(receiptMarkdown);
    std::vector<std::string> notes;
    uploadArtifact(record, receipt, notes);
    writeSummary(record, receipt, notes);
    writeOutputs(record, receiptPath.empty() ? record.receiptPath : receiptPath);
  }

  // The runner keeps the last value written for an output: publish() later replaces these.
  void publishProgress(const DeployRecord& record, const std::string& receiptPath) override {
    writeOutputs(record, receiptPath.empty() ? record.receiptPath : receiptPath);
  }

 private:
  void uploadArtifact(DeployRecord& record, const std::string& receipt,
                      std::vector<std::string>& notes) {
    if (!inputs_.uploadArtifact) return log_.info("artifact upload: off (upload-artifact: false)");
    if (record.dryRun) return log_.info("artifact upload: skipped (dry run: no new receipt)");
    Result<ArtifactRuntime> runtime = readArtifactRuntime(env_);
    if (!runtime) return log_.notice("artifact upload skipped: " + runtime.message());

    ArtifactFile file;
    file.name = inputs_.artifactName;
    if (file.name.empty()) {
      const std::string environment = record.environment.empty()
                                          ? std::string(targetName(inputs_.environment))
                                          : record.environment;
      file.name = defaultArtifactName(environment, runtime->runId, runtime->runAttempt);
    }
    file.fileName = baseName(record.receiptPath.empty() ? inputs_.receipt : record.receiptPath);
    if (file.fileName.empty()) file.fileName = "DEPLOY-RECEIPT.md";
    file.content = receipt;
    file.retentionDays = inputs_.retentionDays;

    const ArtifactUploader uploader{http_, clock_, random_, log_, {}};
    Result<UploadedArtifact> uploaded = uploader.upload(*runtime, file);
    if (!uploaded) {
      const std::string note = "artifact upload failed: " + masker_.mask(uploaded.message());
      log_.warning(note, Annotation{"Artifact upload", "", 0});
      record.notes.push_back(note);
      notes.push_back(note);
      return;
    }
    record.artifactId = uploaded->id;
    record.artifactUrl = uploaded->url;
    log_.info("artifact " + file.name + " uploaded (" + std::to_string(uploaded->size) +
              " bytes, sha256:" + uploaded->sha256 + "): " + uploaded->url);
  }

  void writeSummary(const DeployRecord& record, const std::string& receipt,
                    const std::vector<std::string>& notes) {
    const std::string path = env_.get("GITHUB_STEP_SUMMARY").value_or("");
    if (path.empty()) return log_.warning("GITHUB_STEP_SUMMARY is not set: no job summary written");
    // The limit is for the step's whole summary file, including anything already in it.
    std::size_t used = 0;
    if (fs_.exists(path)) {
      const Result<std::string> existing = fs_.read(path, kSummaryLimitBytes);
      used = existing ? existing->size() : kSummaryLimitBytes;
    }
    if (used >= kSummaryLimitBytes) {
      return log_.warning("the job summary already holds 1 MiB: the receipt is not added");
    }
    const std::string summary =
        masker_.mask(renderSummary(record, receipt, notes, kSummaryLimitBytes - used));
    if (Status appended = fs_.append(path, summary); !appended) {
      log_.warning("job summary (" + path + "): " + appended.message());
    }
  }

  void writeOutputs(const DeployRecord& record, const std::string& receiptPath) {
    const std::string path = env_.get("GITHUB_OUTPUT").value_or("");
    if (path.empty()) return log_.warning("GITHUB_OUTPUT is not set: step outputs not written");
    OutputList outputs = actionOutputs(record);
    for (auto& [name, value] : outputs) {
      if (name == "receipt")
        value = workspaceRelative(receiptPath, env_.get("GITHUB_WORKSPACE").value_or(""));
    }
    if (Status written = fd::writeOutputs(fs_, path, outputs, random_, masker_); !written) {
      log_.warning("step outputs: " + written.message());
    }
  }

  FileSystem& fs_;
  HttpClient& http_;
  Clock& clock_;
  Random& random_;
  Log& log_;
  SecretMasker& masker_;
  const Environment& env_;
  const Inputs& inputs_;
};

}  // namespace

std::unique_ptr<Publisher> makeGithubPublisher(FileSystem& fs, HttpClient& http, Clock& clock,
                                               Random& random, Log& log, SecretMasker& masker,
                                               const Environment& env, const Inputs& inputs) {
  return std::make_unique<GithubPublisher>(fs, http, clock, random, log, masker, env, inputs);
}

}  // namespace fd
