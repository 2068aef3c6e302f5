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

# Starts a release in its own session: a service outlives the deploy command's process group.
start_release() {
  sha=$1
  port=$2
  rm -f "$run/pid"
  setsid -f "$EXAMPLE_SERVICE" serve --port "$port" --version "$sha" \
    --config "$run/releases/$sha/service.conf" --pidfile "$run/pid" >"$run/service.log" 2>&1
  # The service writes its pid file once it runs in its own session. Until then it is still in
  # this command's process group, which factory-deploy kills when the command exits: wait.
  i=0
  while [ ! -s "$run/pid" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  echo "$sha" >"$run/current"
}
