#!/usr/bin/env bash
# The benchmark, one command: builds Release, then runs bench/run-bench.sh — the whole
# `factory-deploy --environment prod` in GitHub mode against loopback fakes of GitHub and the
# Actions results service with 100, 1,000 and 5,000 check runs, plus a run whose checks stay
# pending for two polls (the ETag/304 path), `factory-deploy --version` start-up (with the dynamic
# loader's share), memory per page, and the same CI gate's reads done by an octokit script (the
# peer, bench/octokit-peer) against the same fakes.
# Figures go to stdout and to <build>/bench/results.md; docs/PERFORMANCE.md explains them.
# Nothing leaves 127.0.0.1. Takes about two minutes after the build.
#
# Environment: FD_BUILD_DIR (build), FD_BENCH_SIZES, FD_BENCH_RUNS, FD_BENCH_PENDING_POLLS,
# FD_BENCH_PROFILE=callgrind (one more 1,000-check run under valgrind, hot spots printed),
# FD_BENCH_KEEP=1 (keep the work directory), FD_BENCH_NO_INSTALL=1 (do not apt-get hyperfine),
# FD_BENCH_PEER=0 (no octokit peer), FD_BENCH_PEER_RUNS (3).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${FD_BUILD_DIR:-$top/build}

# hyperfine times the start-up; without it the driver falls back to a date +%s%N loop.
if ! command -v hyperfine >/dev/null && [ "${FD_BENCH_NO_INSTALL:-0}" != 1 ] &&
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "bench: installing hyperfine (set FD_BENCH_NO_INSTALL=1 to skip)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends hyperfine \
    >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null 2>&1 &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends hyperfine \
        >/dev/null 2>&1; } ||
    echo "bench: hyperfine not installed; timing --version with a shell loop instead"
fi

# The peer: the same CI gate's reads with octokit (bench/octokit-peer), when Node.js is here.
if command -v npm >/dev/null && [ ! -d "$top/bench/octokit-peer/node_modules" ]; then
  npm ci --prefix "$top/bench/octokit-peer" --no-audit --no-fund --loglevel=error ||
    echo "bench: could not install bench/octokit-peer; the peer comparison is skipped"
fi

# glibc's debug symbols name the dynamic loader's functions in the start-up split (callgrind).
if ! dpkg-query -W -f='${Status}' libc6-dbg 2>/dev/null | grep -q 'ok installed' &&
  [ "${FD_BENCH_NO_INSTALL:-0}" != 1 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libc6-dbg \
    >/dev/null 2>&1 || echo "bench: libc6-dbg not installed; the start-up split is left out"
fi

# The fakes live in the test support library, so the tests must be configured (not built).
cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=Release -DFD_BUILD_TESTS=ON -DFD_BUILD_BENCH=ON \
  >/dev/null
cmake --build "$build" --target factory-deploy example-service fake_services measure \
  -j"$(nproc)" >/dev/null
exec "$top/bench/run-bench.sh" "$build"
