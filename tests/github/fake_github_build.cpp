// The fake GitHub server lives in tests/support (shared with other suites); until the support
// library lists it, this suite compiles it.
#include "support/fake_github.cpp"  // NOLINT(bugprone-suspicious-include)
