#include "pipeline/entry.hpp"

namespace fd {

int runMain(int /*argc*/, char** /*argv*/) { return 0; }

}  // namespace fd
