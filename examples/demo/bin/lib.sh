# shellcheck shell=sh
# Shared by the demo's manifest commands. DEMO_RUN_DIR and EXAMPLE_SERVICE come from run-demo.sh;
# DEPLOY_ENVIRONMENT, DEPLOY_SHA and DEPLOY_URL from factory-deploy.
set -eu
run="$DEMO_RUN_DIR/$DEPLOY_ENVIRONMENT"
mkdir -p "$run/releases"

stop_service() {
  [ -f "$run/pid" ] || return 0
  pid=$(cat "$run/pid")
  kill "$pid" 2>/dev/null || true
  i=0
  while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
  rm -f "$run/pid"
}

# Starts a release in the background. factory-deploy leaves a command's background processes
# running when it exits normally (docs/MANIFEST.md); the service logs to its own file, since
# nobody reads the command's output once it has exited.
start_release() {
  sha=$1
  port=$2
  rm -f "$run/pid"
  "$EXAMPLE_SERVICE" serve --port "$port" --version "$sha" \
    --config "$run/releases/$sha/service.conf" --pidfile "$run/pid" >"$run/service.log" 2>&1 &
  # Wait for its pid file, so that the next deploy (or the rollback) can stop it.
  i=0
  while [ ! -s "$run/pid" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  echo "$sha" >"$run/current"
}
