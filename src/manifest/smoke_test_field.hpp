// The `smoke_tests` array: HTTP checks {name, path, method, expect_status, expect_body_contains}
// or shell checks {name, command}, never both.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/manifest.hpp"
#include "manifest/diagnostics.hpp"
#include "manifest/json_access.hpp"

namespace fd::manifest {

std::optional<std::vector<SmokeTest>> readSmokeTests(const Json& value, std::string_view path,
                                                     Diagnostics& d);

}  // namespace fd::manifest
