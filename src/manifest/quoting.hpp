// Renders text taken from a manifest safely inside an error message.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace fd::manifest {

// "text" in double quotes, control characters escaped, cut after `maxBytes` (at a UTF-8
// boundary) with an ellipsis, so a hostile value cannot forge or flood a log line.
std::string quoted(std::string_view text, std::size_t maxBytes = 60);

// One byte named for a message: ';' or a space, a tab, a newline, byte 0x07.
std::string describeByte(char byte);

}  // namespace fd::manifest
