// The runner's workflow-command syntax: `::name key=value,key=value::data`, escaped exactly as the
// runner unescapes it, so no message can end a command early or forge another one.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fd {

using CommandProperties = std::vector<std::pair<std::string, std::string>>;

// Data: % → %25, CR → %0D, LF → %0A (% first, so an escape is never escaped twice).
std::string escapeCommandData(std::string_view data);
// Property values: as data, and : → %3A, , → %2C.
std::string escapeCommandProperty(std::string_view value);
// One command line without the newline. Properties with empty values are left out.
std::string formatCommand(std::string_view name, const CommandProperties& properties,
                          std::string_view data);
// Whether the runner would try to read the line as a command (`::name::` or the legacy `##[`).
bool looksLikeCommand(std::string_view line);

}  // namespace fd
