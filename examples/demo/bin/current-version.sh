#!/bin/sh
# current_version_command: the release live before this deploy (empty on the first deploy).
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
cat "$run/current" 2>/dev/null || true
