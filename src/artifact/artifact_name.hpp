// Artifact names: the results service refuses some characters, and a name is unique per run.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace fd {

// InvalidArgument naming the first forbidden character (" : < > | * ? \r \n \ /) or the emptiness.
Status validateArtifactName(std::string_view name);

// deploy-receipt-<environment>-<run id>-<run attempt>: the attempt keeps re-runs from colliding.
std::string defaultArtifactName(std::string_view environment, std::string_view runId,
                                std::string_view runAttempt);

}  // namespace fd
