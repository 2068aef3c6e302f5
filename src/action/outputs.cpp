#include "action/outputs.hpp"

namespace fd {

namespace {

constexpr int kDelimiterDraws = 3;

// ghadelimiter_xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, like the toolkit's uuid-based delimiter.
std::string drawDelimiter(Random& random) {
  const std::string hex = random.hex(32);
  std::string uuid;
  for (std::size_t i = 0; i < hex.size(); ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) uuid += '-';
    uuid += hex[i];
  }
  return "ghadelimiter_" + uuid;
}

}  // namespace

Result<std::string> formatOutput(std::string_view name, std::string_view value, Random& random) {
  if (name.empty()) return makeError(ErrorCode::InvalidArgument, "output: empty name");
  for (int draw = 0; draw < kDelimiterDraws; ++draw) {
    const std::string delimiter = drawDelimiter(random);
    if (name.find(delimiter) != std::string_view::npos) continue;
    if (value.find(delimiter) != std::string_view::npos) continue;
    std::string entry(name);
    entry += "<<" + delimiter + "\n";
    entry += value;
    entry += "\n" + delimiter + "\n";
    return entry;
  }
  return makeError(ErrorCode::FailedPrecondition,
                   "output " + std::string(name) + ": every delimiter drawn (" +
                       std::to_string(kDelimiterDraws) + ") occurs in the value; not written");
}

Status writeOutputs(FileSystem& fs, const std::string& outputFile, const OutputList& outputs,
                    Random& random, const SecretMasker& masker) {
  std::string content;
  Status result = okStatus();
  for (const auto& [name, value] : outputs) {
    Result<std::string> entry = formatOutput(name, masker.mask(value), random);
    if (entry) {
      content += *entry;
    } else if (result) {
      result = entry.error();  // the others are still written
    }
  }
  Status written = fs.append(outputFile, content);
  if (!written) {
    return makeError(written.code(), "GITHUB_OUTPUT (" + outputFile + "): " + written.message());
  }
  return result;
}

OutputList actionOutputs(const DeployRecord& record) {
  return {
      {"status", statusName(record.status)},
      {"environment", record.environment},
      {"version", record.fullSha},
      {"previous-version", record.previousVersion},
      {"url", record.url},
      {"receipt", record.receiptPath},
      {"failed-step", record.failedStep},
      {"deployment-id", record.deploymentId},
      {"artifact-id", record.artifactId},
      {"artifact-url", record.artifactUrl},
  };
}

}  // namespace fd
