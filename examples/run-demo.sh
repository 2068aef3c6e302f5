#!/usr/bin/env bash
# The README's main job: builds factory-deploy and walks one commit of a small service through
# alpha → staging → prod, then ships a release with a prod-only config mistake that prod rolls
# back on its own, shows what is live where and how delivery is going (status, history, the
# metrics), and rolls staging back on demand. Everything runs on loopback; no GitHub. The demo repository, receipts,
# archives, state and ledger stay in build/demo/ to look at. Every process it starts is stopped.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
build=${FD_BUILD_DIR:-$top/build}

cmake -S "$top" -B "$build" >/dev/null  # keeps the build type already chosen (default RelWithDebInfo)
cmake --build "$build" --target factory-deploy example-service -j"$(nproc)" >/dev/null
fd="$build/factory-deploy"
export EXAMPLE_SERVICE="$build/example-service"

demo="$build/demo"
rm -rf "$demo"
mkdir -p "$demo/run"
export DEMO_RUN_DIR="$demo/run"
export DEMO_SESSION_KEY="demo-session-key-$RANDOM$RANDOM"  # a secret: masked everywhere
repo="$demo/repo"

stop_all() {
  for pidfile in "$DEMO_RUN_DIR"/*/pid; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
}
trap stop_all EXIT

mkdir -p "$repo/.factory"
cp -r "$here/demo/app" "$here/demo/bin" "$repo/"
sed -e "s/@ALPHA_PORT@/$("$EXAMPLE_SERVICE" free-port)/g" \
    -e "s/@STAGING_PORT@/$("$EXAMPLE_SERVICE" free-port)/g" \
    -e "s/@PROD_PORT@/$("$EXAMPLE_SERVICE" free-port)/g" \
    "$here/demo/deploy-config.json.in" >"$repo/.factory/deploy-config.json"
git() { command git -C "$repo" -c user.name=demo -c user.email=demo@example.invalid "$@"; }
git -c init.defaultBranch=main init -q
git add -A
git commit -qm "release 1: the shop service"

# The factory's /qa and /security write their reports about a commit and commit them after it.
write_reports() {
  local sha qa=${2:-PASS}
  sha=$(git rev-parse --short HEAD)
  printf '# QA Report\n\n## Summary\n- **Overall status**: %s\n- **Tested commit**: %s\n' "$qa" "$sha" \
    >"$repo/QA-REPORT.md"
  printf '# Security Review\n\n## Summary\n- **Overall status**: CLEAR\n- **Tested commit**: %s\n' \
    "$sha" >"$repo/SECURITY.md"
  git add QA-REPORT.md SECURITY.md
  git commit -qm "$1: QA and security reports for $sha"
}

step() { printf '\n\033[1m### %s\033[0m\n' "$*"; }
expect() {  # expect EXIT-CODE DESCRIPTION -- factory-deploy args
  local want=$1 what=$2 got=0
  shift 3
  step "$what (expect exit $want)"
  (cd "$repo" && "$fd" "$@" </dev/null) || got=$?
  if [ "$got" != "$want" ]; then
    echo "run-demo: \"$what\" exited $got, expected $want" >&2
    exit 1
  fi
}

write_reports "release 1"
expect 0 "alpha: no gates" -- --environment alpha
expect 0 "staging: dry run first" -- --environment staging --dry-run
expect 0 "staging: QA, CI and the promotion chain" -- --environment staging
expect 1 "prod without confirmation is refused" -- --environment prod
expect 0 "prod: every gate, confirmed" -- --environment prod --confirm shop

step "release 2: a prod-only config mistake"
sed -i 's/healthy=true/healthy=false/' "$repo/app/config/prod.conf"
git commit -qam "release 2: new prod tuning"
write_reports "release 2"
expect 0 "alpha" -- --environment alpha
expect 0 "staging" -- --environment staging
expect 3 "prod: unhealthy, rolled back automatically" -- --environment prod --confirm shop

step "what the demo left in $repo"
(cd "$repo" && ls -1 DEPLOY-RECEIPT*.md .factory/)
echo
echo "--- .factory/deployments.jsonl"
cat "$repo/.factory/deployments.jsonl"
echo
echo "--- DEPLOY-RECEIPT.md (the rollback)"
cat "$repo/DEPLOY-RECEIPT.md"

step "what is live where, and how delivery is going"
(cd "$repo" && "$fd" status && echo && "$fd" history --environment prod && echo &&
  "$fd" history --metrics)
expect 0 "staging: rolled back on demand to release 1" -- \
  rollback --environment staging --reason "release 2 waits for its prod fix"
(cd "$repo" && "$fd" status)
if grep -rq "$DEMO_SESSION_KEY" "$repo"; then
  echo "run-demo: the demo secret leaked into $repo" >&2
  exit 1
fi
step "demo complete: every exit code was as expected"
