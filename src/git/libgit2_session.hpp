// Keeps libgit2 initialised for as long as an instance lives (libgit2 counts init/shutdown pairs).
// Make one only after git::loadLibgit2() succeeded (libgit2_api.hpp).
#pragma once

namespace fd {

class Libgit2Session {
 public:
  Libgit2Session();
  ~Libgit2Session();
  Libgit2Session(const Libgit2Session&) = delete;
  Libgit2Session& operator=(const Libgit2Session&) = delete;

  // How often libgit2 asked mbedTLS to load a CA bundle and was refused (see the .cpp): proof
  // that the refusal is in effect in this process.
  static int caBundleLoadsRefused();
};

}  // namespace fd
