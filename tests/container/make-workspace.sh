#!/usr/bin/env bash
# Creates a demo repository to deploy: a git repo with one commit, a deployment manifest whose
# deploy command "deploys" the commit to the fake app (tests/container/fake_app.py reads
# .app/version), and passing QA and security reports naming HEAD.
# Usage: make-workspace.sh --dir DIR --url APP_URL [--owner UID] [--envs "alpha staging prod"]
#                          [--existing]
#   --owner     chown the whole workspace to this uid:gid (as a runner's workspace is not root's)
#   --existing  DIR is already a checkout: add the manifests (untracked) and reports about its
#               HEAD, commit nothing (CI's self-test of the action on this repository)
# Also writes .factory/deploy-config-slow.json: the same, but alpha's deploy command waits 30 s
# (for the cancellation tests), and .factory/deploy-config-broken.json with invalid JSON.
set -euo pipefail

dir='' url='' owner='' envs="alpha staging prod" existing=0
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir=$2; shift 2 ;;
    --url) url=$2; shift 2 ;;
    --owner) owner=$2; shift 2 ;;
    --envs) envs=$2; shift 2 ;;
    --existing) existing=1; shift ;;
    *) echo "make-workspace.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
if [ -z "$dir" ] || [ -z "$url" ]; then echo "usage: make-workspace.sh --dir DIR --url URL" >&2; exit 2; fi

mkdir -p "$dir/.factory" "$dir/.app"
cd "$dir"
if [ "$existing" = 0 ]; then
  git init -q -b main .
  git config user.email demo@example.invalid
  git config user.name "Demo Developer"
fi
printf '.app/\n' >>"$(git rev-parse --git-dir)/info/exclude"

# env_json NAME APP_NAME DEPLOY_COMMAND
env_json() {
  printf '"%s": {"app_name": "%s", "region": "iad", "config_file": "fly.%s.toml",\n' "$1" "$2" "$1"
  printf '      "deploy_command": "%s", "url": "%s"}' "$3" "$url"
}

manifest() {  # manifest ALPHA_DEPLOY_COMMAND
  local deploy='printf %s {sha} > .app/version' entries=() e
  for e in $envs; do
    case "$e" in
      alpha) entries+=("$(env_json alpha shop-alpha "$1")") ;;
      staging) entries+=("$(env_json staging shop-staging "$deploy")") ;;
      prod) entries+=("$(env_json prod shop "$deploy")") ;;
    esac
  done
  local joined
  joined=$(printf '    %s,\n' "${entries[@]}")
  cat <<EOF
{
  "platform": "fly.io",
  "project_name": "shop",
  "internal_port": 8080,
  "health_check_path": "/health",
  "health_check": {"expected_status": 200, "timeout_s": 20, "interval_s": 1, "expect_version": true},
  "smoke_tests": [{"name": "home page", "path": "/", "expect_status": 200, "expect_body_contains": "shop"}],
  "environments": {
${joined%,}
  },
  "rollback_command": "printf rolled-back > .app/rolled-back",
  "secrets_command": "printf 'DATABASE_URL\\\\nSESSION_KEY\\\\n'",
  "required_secrets": ["DATABASE_URL"],
  "ci_check_command": "true"
}
EOF
}

manifest 'printf %s {sha} > .app/version' >.factory/deploy-config.json
manifest 'echo started > .app/deploy-started && sleep 30 && touch .app/deploy-finished' \
  >.factory/deploy-config-slow.json
printf '{"platform": "fly.io", "environments": {' >.factory/deploy-config-broken.json
if [ "$existing" = 0 ]; then
  printf 'shop\n' >app.txt
  git add app.txt .factory
  git commit -q -m "shop: first version"
fi
sha=$(git rev-parse HEAD)

cat >QA-REPORT.md <<EOF
# QA Report

## Summary
- **Overall status**: PASS
- **Tested commit**: $sha
EOF
cat >SECURITY.md <<EOF
# Security Review

## Summary
- **Overall status**: CLEAR
- **Tested commit**: $sha
EOF

[ -z "$owner" ] || chown -R "$owner:$owner" "$dir"
echo "$sha"
