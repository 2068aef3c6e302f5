#!/usr/bin/env bash
# The README's test command: builds everything and runs the whole suite with CTest.
# Assumes scripts/install-deps.sh has run (it is idempotent; run it first on a fresh machine).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${FD_BUILD_DIR:-$top/build}
cd "$top"
# The fidelity tests run GitHub's OpenAPI description and the real @actions/artifact client.
for dir in tests/openapi tests/artifact-client; do
  if [ -f "$dir/package-lock.json" ] && [ ! -d "$dir/node_modules" ]; then
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
  fi
done
cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo ${FD_CMAKE_ARGS:-}
cmake --build "$build" -j"$(nproc)"
cd "$build"
ctest --output-on-failure -j"$(nproc)" "$@"
