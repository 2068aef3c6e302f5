// Step outputs through the GITHUB_OUTPUT file command, in the heredoc form the toolkit writes.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/deploy_record.hpp"
#include "core/ports/file_system.hpp"
#include "core/ports/random.hpp"
#include "core/result.hpp"
#include "core/secret_masker.hpp"

namespace fd {

using OutputList = std::vector<std::pair<std::string, std::string>>;

// `name<<ghadelimiter_<uuid>` / value / delimiter, each line ended by "\n". A delimiter found in
// the name or the value is drawn again; FailedPrecondition when every draw collides.
Result<std::string> formatOutput(std::string_view name, std::string_view value, Random& random);

// Appends every output (masked) to `outputFile` in one write. An output that cannot be
// written is left out and its error returned; the others are written.
Status writeOutputs(FileSystem& fs, const std::string& outputFile, const OutputList& outputs,
                    Random& random, const SecretMasker& masker);

// INTERFACE §7, in its order: status, environment, version, previous-version, url, receipt,
// failed-step, deployment-id, artifact-id, artifact-url.
OutputList actionOutputs(const DeployRecord& record);

}  // namespace fd
