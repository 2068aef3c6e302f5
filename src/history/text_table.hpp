// Left-aligned columns for the text output of `history` and `status`.
#pragma once

#include <string>
#include <vector>

namespace fd {

// Each row padded to its columns' widest cell, two spaces apart, trailing spaces trimmed.
std::string textTable(const std::vector<std::vector<std::string>>& rows);

}  // namespace fd
