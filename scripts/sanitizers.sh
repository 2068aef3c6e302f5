#!/usr/bin/env bash
# Builds everything with AddressSanitizer + UndefinedBehaviorSanitizer (the asan-ubsan preset) and
# runs the whole CTest suite; any sanitizer report fails the test it happens in.
# Usage: scripts/sanitizers.sh [ctest arguments, e.g. -R manifest]
# Environment: FD_ASAN_BUILD_DIR (default build-asan).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${FD_ASAN_BUILD_DIR:-$top/build-asan}
jobs=$(nproc)
cd "$top"
start=$(date +%s)

# The fidelity tests run GitHub's OpenAPI description and the real @actions/artifact client.
for dir in tests/openapi tests/artifact-client; do
  if [ -f "$dir/package-lock.json" ] && [ ! -d "$dir/node_modules" ]; then
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
  fi
done

cmake --preset asan-ubsan -B "$build" >/dev/null
# Keep going past a test folder that does not compile (another suite may be mid-edit): every
# suite that builds still runs, and the build failure still fails the script.
keep_going=()
[ -f "$build/Makefile" ] && keep_going=(-- -k)
[ -f "$build/build.ninja" ] && keep_going=(-- -k 0)
build_status=0
cmake --build "$build" -j"$jobs" "${keep_going[@]}" || build_status=$?
built=$(date +%s)

# abort_on_error: a report kills the test (no "continue after error"); detect_leaks: LeakSanitizer
# checks every test process at exit. halt_on_error: the first UB report ends the process.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
(cd "$build" && ctest --output-on-failure -j"$jobs" "$@") || status=$?
end=$(date +%s)

echo "sanitizers: build $((built - start)) s (exit $build_status), tests $((end - built)) s (exit $status)"
[ "$build_status" -eq 0 ] || exit "$build_status"
exit "$status"
