// `factory-deploy history` and `factory-deploy status`: read-only answers from the ledger.
#pragma once

#include <string>
#include <vector>

#include "pipeline/world.hpp"

namespace fd {

// `args` follow the subcommand. Exit 0 with the answer on stdout, 1 when the ledger cannot be
// read, 2 on invalid input.
int runHistoryCommand(World& world, const std::vector<std::string>& args);

}  // namespace fd
