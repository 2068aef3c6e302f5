#!/usr/bin/env bash
# Builds the action's image from the Dockerfile without a Docker daemon (buildah), never pulling:
# the base images come from scripts/container-setup.sh. Prints the image size.
# Usage: scripts/build-image.sh [--tag IMAGE] [--context DIR] [--target STAGE]
#   --tag      image name (default factory-deploy:dev)
#   --context  build context (default: the repository root); e.g. a `git archive` export
#   --target   a Dockerfile stage (default: the last, the published :v1); `debian` is :v1-debian
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
tag=factory-deploy:dev
context=$repo
target=()
while [ $# -gt 0 ]; do
  case "$1" in
    --tag) tag=$2; shift 2 ;;
    --context) context=$2; shift 2 ;;
    --target) target=(--target "$2"); shift 2 ;;
    *) echo "build-image.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

start=$SECONDS
# --network host: RUN apt-get reaches the host's Debian mirror exactly as the host does.
buildah bud --layers --pull=never --network host "${target[@]+"${target[@]}"}" -t "$tag" -f "$context/Dockerfile" "$context"
size=$(podman image inspect --format '{{.Size}}' "$tag")
echo "build-image: $tag built in $((SECONDS - start)) s, size $((size / 1000 / 1000)) MB ($size bytes)"
