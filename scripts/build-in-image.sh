#!/usr/bin/env bash
# The action image's build steps, as one script that the Dockerfile's builder stage and CI both
# run: a Release build of factory-deploy without tests, stripped, plus the list of Debian
# packages that provide the shared libraries it links or opens with dlopen (the runtime stage
# installs exactly those).
#
# Usage: scripts/build-in-image.sh [--build-dir DIR] [--out DIR]
#   --build-dir  CMake build directory (default: build-release; the Dockerfile uses build)
#   --out        where factory-deploy and runtime-packages.txt are put (default: BUILD_DIR/dist)
# Build dependencies must already be installed (scripts/install-deps.sh).
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
build_dir=$src/build-release
out=
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build_dir=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "build-in-image.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
case "$build_dir" in /*) ;; *) build_dir=$PWD/$build_dir ;; esac
out=${out:-$build_dir/dist}

cmake -S "$src" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DFD_BUILD_TESTS=OFF -DFD_BUILD_BENCH=OFF \
  --no-warn-unused-cli >/dev/null
cmake --build "$build_dir" --target factory-deploy -j "$(nproc)"

mkdir -p "$out"
strip --strip-unneeded -o "$out/factory-deploy" "$build_dir/factory-deploy"

# The Debian package owning each linked library. ldd may print /lib or /usr/lib paths (merged
# /usr) while dpkg records the package's own spelling, so try both spellings.
owning_package() {
  local lib=$1 real candidates=() c
  real=$(readlink -f "$lib")
  for c in "$lib" "$real"; do
    candidates+=("$c")
    case "$c" in
      /usr/*) candidates+=("${c#/usr}") ;;
      *) candidates+=("/usr$c") ;;
    esac
  done
  for c in "${candidates[@]}"; do
    if dpkg -S "$c" >/dev/null 2>&1; then
      dpkg -S "$c" | head -n1 | cut -d: -f1
      return 0
    fi
  done
  echo "build-in-image.sh: no Debian package owns $lib" >&2
  return 1
}

libs=$(ldd "$out/factory-deploy" | awk '$2 == "=>" && $3 ~ /^\// { print $3 }')
# Libraries the binary opens with dlopen (libgit2: src/git/libgit2_api.hpp) are not in ldd's
# list; CMake names the file of each.
while IFS= read -r lib; do
  [ -e "$lib" ] || { echo "build-in-image.sh: $lib (opened with dlopen) is not installed" >&2; exit 1; }
  libs="$libs $lib"
done <"$build_dir/dlopened-libraries.txt"
{
  for lib in $libs; do owning_package "$lib"; done
  echo ca-certificates  # TLS to the GitHub API and to the deployed app
} | sort -u >"$out/runtime-packages.txt"

"$out/factory-deploy" --version >/dev/null || {
  echo "build-in-image.sh: the built binary does not run" >&2
  exit 1
}
# --version does not open libgit2: a directory that is an empty git repository (made by hand, no
# git needed) without a manifest makes the binary open it, then stop at the manifest (exit 2).
smoke=$(mktemp -d)
mkdir -p "$smoke/.git/objects" "$smoke/.git/refs/heads"
echo 'ref: refs/heads/main' >"$smoke/.git/HEAD"
smoke_code=0
smoke_out=$(cd "$smoke" && "$out/factory-deploy" --environment alpha --dry-run 2>&1) || smoke_code=$?
rm -rf "$smoke"
if [ "$smoke_code" != 2 ] || ! grep -q 'deploy-config.json' <<<"$smoke_out"; then
  echo "build-in-image.sh: the built binary cannot read a git repository (exit $smoke_code):" >&2
  echo "$smoke_out" >&2
  exit 1
fi
echo "build-in-image: $out/factory-deploy ($(du -h "$out/factory-deploy" | cut -f1))," \
  "runtime packages: $(tr '\n' ' ' <"$out/runtime-packages.txt")"
