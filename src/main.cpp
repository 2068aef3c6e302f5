// factory-deploy: build the real world, run the pipeline, exit with its code.
#include "pipeline/entry.hpp"

int main(int argc, char** argv) { return fd::runMain(argc, argv); }
