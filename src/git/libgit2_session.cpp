#include "git/libgit2_session.hpp"

#include <atomic>

#include "git/libgit2_api.hpp"

namespace {

std::atomic<int> refusedLoads{0};

}  // namespace

// Debian's libgit2 1.5 is built with mbedTLS, and git_libgit2_init() has mbedTLS parse the whole
// CA bundle (/etc/ssl/certs/ca-certificates.crt) for libgit2's HTTPS transport: 56 M
// instructions, a quarter of a gated deploy (docs/PERFORMANCE.md). factory-deploy only reads
// local repositories, never fetches with libgit2, and does its own HTTPS with OpenSSL (Poco);
// nothing else in the process uses mbedTLS. The executable's symbols come first in the dynamic
// linker's search, so this definition takes the place of mbedTLS's: the bundle is not read,
// libgit2 carries on without CA certificates (it tolerates a failed load), and any HTTPS libgit2
// were ever asked to do would fail certificate verification: closed, not open. libgit2 is opened
// with dlopen (libgit2_api.hpp), so the linker exports this symbol by name (CMakeLists.txt) for
// the dynamic linker to find it from there.
extern "C" __attribute__((visibility("default"))) int mbedtls_x509_crt_parse_file(
    void* /*chain*/, const char* /*path*/) {
  refusedLoads.fetch_add(1, std::memory_order_relaxed);
  constexpr int kFileIoError = -0x2900;  // MBEDTLS_ERR_X509_FILE_IO_ERROR
  return kFileIoError;
}

namespace fd {

Libgit2Session::Libgit2Session() {
  git::lg2().git_libgit2_init();
  // The refused CA bundle leaves "failed to load CA certificates" as libgit2's last error; a
  // later failure that sets none must not be reported with it.
  git::lg2().git_error_clear();
  // In the Action's container we run as root while actions/checkout left the workspace owned by
  // the runner user. libgit2 (like git >= 2.35.2, "safe.directory") refuses to open a repository
  // owned by someone else, so every run would fail with "repository path is not owned by current
  // user". We only read the repository we were asked to deploy, so the check protects nothing here.
  git::lg2().git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
}

Libgit2Session::~Libgit2Session() { git::lg2().git_libgit2_shutdown(); }

int Libgit2Session::caBundleLoadsRefused() { return refusedLoads.load(); }

}  // namespace fd
