#!/usr/bin/env bash
# Style and static checks: clang-format (the repo's .clang-format) on every C++ file of src/,
# tests/, examples/ and fuzz/, and clang-tidy (the repo's .clang-tidy) over src/ with the
# compile_commands.json of a configured build dir. Prints the findings per file; fails on any.
# Usage: scripts/lint.sh. Environment: FD_LINT_BUILD_DIR (default build-lint, configured here
# when it has no compile_commands.json), FD_LINT_JOBS (default 2). Needs install-deps.sh --lint.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${FD_LINT_BUILD_DIR:-$top/build-lint}
jobs=${FD_LINT_JOBS:-2}
cd "$top"
for tool in clang-format clang-tidy; do
  command -v "$tool" >/dev/null || { echo "lint.sh: $tool not found; run scripts/install-deps.sh --lint" >&2; exit 2; }
done
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
status=0

# 1. clang-format: what would change, per file.
find src tests examples fuzz -path '*/node_modules' -prune -o \
  -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' -o -name '*.cc' \) -print |
  sort >"$out/format-files"
xargs -a "$out/format-files" clang-format --dry-run --Werror 2>"$out/format.log" || true
grep -oE '^[^:]+:[0-9]+:[0-9]+: (warning|error)' "$out/format.log" | cut -d: -f1 | sort | uniq -c |
  awk '{print $2 ": " $1 " place(s) not clang-formatted"}' >"$out/format-findings" || true
echo "clang-format: $(wc -l <"$out/format-files") files, $(wc -l <"$out/format-findings") not formatted"
if [ -s "$out/format-findings" ]; then
  sed 's/^/  /' "$out/format-findings"
  echo "  (fix: clang-format -i <file>)"
  status=1
fi

# 2. clang-tidy over src/, one process per translation unit, $jobs at a time.
if [ ! -f "$build/compile_commands.json" ]; then
  cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DFD_BUILD_TESTS=OFF >/dev/null
fi
find src -type f -name '*.cpp' | sort >"$out/tidy-files"
mkdir -p "$out/tidy"
xargs -P "$jobs" -I{} sh -c 'clang-tidy --quiet -p "$1" "$2" >"$3/$(echo "$2" | tr / _).log" 2>&1 || true' \
  _ "$build" {} "$out/tidy" <"$out/tidy-files"
# A header's finding shows once per file that includes it: keep each finding once.
cat "$out/tidy"/*.log | grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error): ' |
  sed "s|^$top/||" | sort -u >"$out/tidy-findings" || true
echo "clang-tidy: $(wc -l <"$out/tidy-files") translation units, $(wc -l <"$out/tidy-findings") findings"
if [ -s "$out/tidy-findings" ]; then
  cut -d: -f1 "$out/tidy-findings" | uniq -c | awk '{print "  " $2 ": " $1}'
  echo "  details:"
  sed 's/^/    /' "$out/tidy-findings"
  status=1
fi
exit "$status"
