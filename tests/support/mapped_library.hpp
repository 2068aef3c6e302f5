// Which shared libraries this process has mapped (/proc/self/maps): proof of what the dynamic
// linker loaded, for tests of what is loaded when.
#pragma once

#include <string>

namespace fd::test {

// The file of a mapped shared library whose path contains `name`; "" when none is.
std::string mappedLibrary(const std::string& name);

}  // namespace fd::test
