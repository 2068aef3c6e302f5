#!/bin/sh
# telemetry_check_command: exit 0 when traces are flowing (here: the service answers).
"$EXAMPLE_SERVICE" get "$DEPLOY_URL/health" >/dev/null
