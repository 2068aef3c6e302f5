#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) in build-fuzz, replays every input that once
# crashed (fuzz/regressions/<target>/), then fuzzes each target for a bounded time on a copy of
# its seed corpus (the committed corpus never grows). Fails on any crash, leak, timeout or OOM.
# Usage: scripts/fuzz.sh [seconds-per-target (default 30)] [target...]
# Environment: FD_FUZZ_BUILD_DIR (default build-fuzz); FD_FUZZ_SEED (default 1: CI runs the same
# inputs every time, so a red run is reproducible; set another seed to explore). Needs
# scripts/install-deps.sh --fuzz.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${FD_FUZZ_BUILD_DIR:-$top/build-fuzz}
seconds=${1:-30}
shift || true
all_targets=(report manifest state settings link_header jwt_scope inputs)
if [ $# -gt 0 ]; then targets=("$@"); else targets=("${all_targets[@]}"); fi

if ! command -v clang++ >/dev/null; then
  echo "fuzz.sh: clang++ not found; run scripts/install-deps.sh --fuzz" >&2
  exit 2
fi
dictionary_for() {
  case "$1" in
    report) echo "$top/fuzz/dicts/report.dict" ;;
    manifest | state | settings | jwt_scope) echo "$top/fuzz/dicts/json.dict" ;;
  esac
}

cmake -S "$top" -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DFD_FUZZ=ON -DFD_BUILD_TESTS=OFF >/dev/null
build_start=$(date +%s)
cmake --build "$build" --target fd_fuzzers -j"$(nproc)"
echo "fuzz.sh: built in $(($(date +%s) - build_start)) s"

mkdir -p "$build/logs"
failed=0
rows=()
replay_failures=()
for target in "${targets[@]}"; do
  binary="$build/fuzz/fuzz_$target"
  log="$build/logs/$target.log"
  : >"$log"
  # 1. Every input that once crashed must now pass (the binary run on a file only executes it).
  replayed=0
  still_failing=()
  for input in "$top/fuzz/regressions/$target"/*; do
    [ -f "$input" ] || continue
    replayed=$((replayed + 1))
    "$binary" "$input" >>"$log" 2>&1 || still_failing+=("${input#"$top"/}")
  done
  if [ ${#still_failing[@]} -gt 0 ]; then
    rows+=("$target|-|-|REGRESSION FAILED: ${still_failing[*]}")
    replay_failures+=("$target")
    failed=1
    continue
  fi
  # 2. Fuzz a fresh copy of the seed corpus for a bounded time.
  corpus="$build/corpus/$target"
  artifacts="$build/artifacts/$target"
  rm -rf "$corpus" "$artifacts"
  mkdir -p "$corpus" "$artifacts"
  cp -r "$top/fuzz/corpus/$target/." "$corpus/"
  options=(-max_total_time="$seconds" -seed="${FD_FUZZ_SEED:-1}" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
           -artifact_prefix="$artifacts/")
  dictionary=$(dictionary_for "$target")
  [ -n "$dictionary" ] && options+=(-dict="$dictionary")
  start=$(date +%s)
  result=ok
  "$binary" "${options[@]}" "$corpus" >>"$log" 2>&1 || result=failed
  elapsed=$(($(date +%s) - start))
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if [ "$result" != ok ]; then
    found=$(find "$artifacts" -type f | head -1)
    result="CRASH ${found:-see $log}"
    failed=1
    echo "---- fuzz_$target failed; the end of $log:" >&2
    tail -40 "$log" >&2
  fi
  [ "$replayed" -gt 0 ] && result="$result (+$replayed regression inputs ok)"
  rows+=("$target|${runs:-?}|${elapsed}s|$result")
done

printf '\n%-12s %12s %6s  %s\n' target runs time result
for row in "${rows[@]}"; do
  IFS='|' read -r name runs time result <<<"$row"
  printf '%-12s %12s %6s  %s\n' "$name" "$runs" "$time" "$result"
done
for target in "${replay_failures[@]+"${replay_failures[@]}"}"; do
  echo "---- fuzz_$target: an input of fuzz/regressions/$target fails again:" >&2
  grep -m3 -E 'runtime error|ERROR: |property failed|^Running: ' "$build/logs/$target.log" >&2 || true
done
exit "$failed"
