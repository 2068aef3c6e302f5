#!/usr/bin/env bash
# Prints the pin for a flyctl release, read from the release's own checksums file on GitHub:
# the two variables that make factory-deploy fetch that release instead of its built-in one,
# and the line to paste into src/platform/tool_pin.cpp when the built-in pin moves.
# Usage: scripts/pin-flyctl.sh VERSION [x86_64|arm64]     (needs network access to github.com)
set -euo pipefail
version=${1:?usage: pin-flyctl.sh VERSION [x86_64|arm64]}
arch=${2:-x86_64}
version=${version#v}
base=https://github.com/superfly/flyctl/releases/download/v$version
asset=flyctl_${version}_Linux_${arch}.tar.gz
sums=$(curl --proto '=https' --tlsv1.2 -fsSL "$base/flyctl_${version}_checksums.txt" ||
  curl --proto '=https' --tlsv1.2 -fsSL "$base/checksums.txt")
sha=$(printf '%s\n' "$sums" | awk -v a="$asset" '$2 == a { print $1 }')
[ -n "$sha" ] || { echo "pin-flyctl: no line for $asset in the release's checksums" >&2; exit 1; }
echo "FACTORY_DEPLOY_FLYCTL_VERSION=$version"
echo "FACTORY_DEPLOY_FLYCTL_SHA256=$sha"
echo "# src/platform/tool_pin.cpp: kFlyctlVersion = \"$version\", Linux $arch: \"$sha\""
