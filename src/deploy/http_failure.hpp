// Short words for a request that got no HTTP answer, for table cells and notes.
#pragma once

#include <string>

#include "core/result.hpp"

namespace fd {

// "connection refused", "timeout", "TLS error", "connection reset", "no response",
// "host not found", "body too large", "invalid URL" or "unavailable".
std::string httpFailureStatus(const Error& error);

// The part of the message after the URL ("certificate has expired"), or "" when the status
// already says it all.
std::string httpFailureDetail(const Error& error);

}  // namespace fd
