// The backend ids the results service wants, read from the runner's ACTIONS_RUNTIME_TOKEN (a JWT
// whose `scp` claim holds `Actions.Results:<workflow run id>:<workflow job run id>`).
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace fd {

struct BackendIds {
  std::string workflowRun;
  std::string workflowJobRun;
};

// Pure, total (fuzzed): the `scp` claim's value, scopes separated by spaces. InvalidArgument when
// no `Actions.Results` scope is present or it does not have exactly two non-empty ids.
Result<BackendIds> parseResultsScope(std::string_view scp);

// The JWT `header.payload.signature`: payload base64url without padding, a JSON object whose `scp`
// is a string. The signature is the service's business. Messages never quote the token.
Result<BackendIds> backendIdsFromToken(std::string_view token);

}  // namespace fd
