#!/bin/sh
# rollback_command: restarts the previous release, exactly as it ran before.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
port=$1
if [ ! -f "$run/previous" ]; then
  echo "no previous release of $DEPLOY_ENVIRONMENT to roll back to" >&2
  exit 1
fi
previous=$(cat "$run/previous")
# factory-deploy names the version to return to (an on-demand rollback may go further back).
if [ -n "${DEPLOY_ROLLBACK_TO:-}" ] && [ -d "$run/releases/$DEPLOY_ROLLBACK_TO" ]; then
  previous=$DEPLOY_ROLLBACK_TO
fi
echo "rolling $DEPLOY_ENVIRONMENT back from $(cat "$run/current") to $previous"
stop_service
start_release "$previous" "$port"
