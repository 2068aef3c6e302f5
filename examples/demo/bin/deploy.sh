#!/bin/sh
# deploy_command: installs this commit's config as a release and restarts the service on it.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
port=$1
echo "deploying $DEPLOY_SHA to $DEPLOY_ENVIRONMENT ($DEPLOY_APP_NAME) on port $port"
[ -f "$run/current" ] && cp "$run/current" "$run/previous"
mkdir -p "$run/releases/$DEPLOY_SHA"
cp "app/config/$DEPLOY_ENVIRONMENT.conf" "$run/releases/$DEPLOY_SHA/service.conf"
stop_service
start_release "$DEPLOY_SHA" "$port"
echo "release $DEPLOY_SHA started"
