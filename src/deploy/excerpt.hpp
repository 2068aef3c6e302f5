// Text from a server or a child process, made safe for a Markdown table cell and a log line.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace fd {

// At most `maxChars` bytes, control characters, '|' and '`' replaced by '?', "…" when cut.
std::string excerpt(std::string_view text, std::size_t maxChars = 80);

}  // namespace fd
