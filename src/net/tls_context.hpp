// The one TLS client configuration: peers verified against a CA bundle, hostnames checked,
// no handler anywhere in the process able to accept an invalid certificate.
#pragma once

#include <Poco/Net/Context.h>

#include <string>

#include "core/result.hpp"

namespace fd {

// Debian/Ubuntu's bundle; also what the action's container image ships.
inline constexpr const char* kSystemCaBundle = "/etc/ssl/certs/ca-certificates.crt";

// `caFile` empty: the system bundle (OpenSSL's default paths if the bundle is absent).
// FailedPrecondition when the CA file cannot be loaded.
Result<Poco::Net::Context::Ptr> makeVerifyingClientContext(const std::string& caFile);

// Why OpenSSL rejected the last certificate on this thread ("certificate has expired"), or "".
// Cleared before each connection with clearVerificationError().
std::string lastVerificationError();
void clearVerificationError();

}  // namespace fd
