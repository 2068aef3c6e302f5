// Joining the manifest's `url` with a path, and printing a URL without its credentials.
#pragma once

#include <string>

namespace fd {

// "https://app.dev" + "/health" with exactly one slash between them.
std::string joinUrl(const std::string& base, const std::string& path);

// "https://user:pw@host/x" → "https://host/x", for logs and receipts.
std::string withoutCredentials(const std::string& url);

}  // namespace fd
