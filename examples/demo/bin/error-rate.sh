#!/bin/sh
# error_rate_command: one number, percent of failing requests.
"$EXAMPLE_SERVICE" get "$DEPLOY_URL/metrics/error-rate"
