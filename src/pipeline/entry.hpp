// The one entry point main() calls: builds the real adapters and runs the pipeline.
#pragma once

namespace fd {

int runMain(int argc, char** argv);

}  // namespace fd
