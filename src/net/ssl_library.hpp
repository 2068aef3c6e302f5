// Poco's process-wide TLS initialisation (OpenSSL), held by whoever needs TLS. Reference counted
// by Poco, so several holders are fine. Taken on the first https request rather than at start-up:
// `--version`, `--help` and local runs that only speak plain HTTP never pay for it.
#pragma once

#include <Poco/Net/SSLManager.h>

namespace fd {

class SslLibrary {
 public:
  SslLibrary() { Poco::Net::initializeSSL(); }
  ~SslLibrary() { Poco::Net::uninitializeSSL(); }
  SslLibrary(const SslLibrary&) = delete;
  SslLibrary& operator=(const SslLibrary&) = delete;
  SslLibrary(SslLibrary&&) = delete;
  SslLibrary& operator=(SslLibrary&&) = delete;
};

}  // namespace fd
