#!/usr/bin/env bash
# Installs everything factory-deploy needs to build and test on a fresh Debian 12 machine (as root).
# Extra groups: --lint (clang-format, clang-tidy), --fuzz (clang + libFuzzer runtime),
# --container (buildah, podman, runc, mmdebstrap). --build-only: just what building the binary
# needs (the image's builder stage): no test framework, no Node.js.
set -euo pipefail
want_lint=0 want_fuzz=0 want_container=0 build_only=0
for arg in "$@"; do
  case "$arg" in
    --lint) want_lint=1 ;;
    --fuzz) want_fuzz=1 ;;
    --container) want_container=1 ;;
    --all) want_lint=1 want_fuzz=1 want_container=1 ;;
    --build-only) build_only=1 ;;
    *) echo "install-deps.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

packages=(build-essential cmake pkg-config ca-certificates libpoco-dev rapidjson-dev libgit2-dev)
[ "$build_only" = 1 ] || packages+=(git openssl ccache libboost-test-dev nodejs npm python3 shellcheck)
[ "$want_lint" = 1 ] && packages+=(clang-format clang-tidy)
[ "$want_fuzz" = 1 ] && packages+=(clang libclang-rt-14-dev)
[ "$want_container" = 1 ] && packages+=(buildah podman runc mmdebstrap uidmap fuse-overlayfs)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# node and npm may come from outside Debian on a developer machine; accept them when on PATH.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
echo "install-deps: ok (${#missing[@]} package(s) installed)"
