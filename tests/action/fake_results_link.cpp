// Compiles the shared fake results service into this test executable until tests/CMakeLists.txt
// lists support/fake_results.cpp in fd_testsupport (then this file can go; both may coexist).
#include "support/fake_results.cpp"  // NOLINT(bugprone-suspicious-include)
