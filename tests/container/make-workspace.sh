#!/usr/bin/env bash
# Creates a demo repository to deploy: a git repo with one commit, a deployment manifest whose
# deploy command "deploys" the commit to the fake app (tests/container/fake_app.py reads
# .app/version), and passing QA and security reports naming HEAD.
# Usage: make-workspace.sh --dir DIR --url APP_URL [--owner UID] [--envs "alpha staging prod"]
#                          [--existing] [--fly]
#   --owner     chown the whole workspace to this uid:gid (as a runner's workspace is not root's)
#   --existing  DIR is already a checkout: add the manifests (untracked) and reports about its
#               HEAD, commit nothing (CI's self-test of the action on this repository)
#   --fly       the manifest is the one the factory's /setup writes for Fly.io, field for field
#               (INTERFACE.md §3: `fly deploy -c fly.<env>.toml`, `fly releases rollback`,
#               `fly secrets list`), with APP_URL as every environment's url; plus the three
#               fly.toml files. Nothing else is added to it.
# Also writes variants: .factory/deploy-config-slow.json (alpha's deploy command waits 30 s, for
# cancellation), -unhealthy.json (prod's deploy leaves the app unhealthy until the rollback
# command runs) and -broken.json (invalid JSON).
set -euo pipefail

dir='' url='' owner='' envs="alpha staging prod" existing=0 fly=0
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir=$2; shift 2 ;;
    --url) url=$2; shift 2 ;;
    --owner) owner=$2; shift 2 ;;
    --envs) envs=$2; shift 2 ;;
    --existing) existing=1; shift ;;
    --fly) fly=1; shift ;;
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

deploy='printf %s {sha} > .app/version'
# manifest: the manifest for $envs with these commands (variables, so that each variant below
# says only what differs).
alpha_cmd=$deploy prod_cmd=$deploy rollback_cmd='printf rolled-back > .app/rolled-back'
health_timeout=20
manifest() {
  local entries=() e
  for e in $envs; do
    case "$e" in
      alpha) entries+=("$(env_json alpha shop-alpha "$alpha_cmd")") ;;
      staging) entries+=("$(env_json staging shop-staging "$deploy")") ;;
      prod) entries+=("$(env_json prod shop "$prod_cmd")") ;;
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
  "health_check": {"expected_status": 200, "timeout_s": $health_timeout, "interval_s": 1, "expect_version": true},
  "smoke_tests": [{"name": "home page", "path": "/", "expect_status": 200, "expect_body_contains": "shop"}],
  "environments": {
${joined%,}
  },
  "rollback_command": "$rollback_cmd",
  "secrets_command": "printf 'DATABASE_URL\\\\nSESSION_KEY\\\\n'",
  "required_secrets": ["DATABASE_URL"],
  "ci_check_command": "true"
}
EOF
}

manifest >.factory/deploy-config.json
# The deploy command runs 30 s: for the cancellation tests.
alpha_cmd='echo started > .app/deploy-started && sleep 30 && touch .app/deploy-finished' \
  manifest >.factory/deploy-config-slow.json
# Prod's new version is unhealthy until rolled back: for the rollback test.
prod_cmd="cp .app/version .app/previous && $deploy && echo down > .app/unhealthy" health_timeout=3 \
  rollback_cmd='cp .app/previous .app/version && rm -f .app/unhealthy && printf rolled-back > .app/rolled-back' \
  manifest >.factory/deploy-config-unhealthy.json
# The rollback command goes to the version factory-deploy names: for the on-demand rollback.
rollback_cmd='printf %s $DEPLOY_ROLLBACK_TO > .app/version && printf rolled-back > .app/rolled-back' \
  manifest >.factory/deploy-config-named-rollback.json
printf '{"platform": "fly.io", "environments": {' >.factory/deploy-config-broken.json
if [ "$fly" = 1 ]; then
  rm -f .factory/deploy-config-*.json
  cat >.factory/deploy-config.json <<EOF
{
  "platform": "fly.io",
  "project_name": "shop",
  "internal_port": 8080,
  "health_check_path": "/health",
  "environments": {
    "alpha":   { "app_name": "shop-alpha",   "region": "iad", "config_file": "fly.alpha.toml",
                 "deploy_command": "fly deploy -c fly.alpha.toml", "url": "$url" },
    "staging": { "app_name": "shop-staging", "region": "iad", "config_file": "fly.staging.toml",
                 "deploy_command": "fly deploy -c fly.staging.toml", "url": "$url" },
    "prod":    { "app_name": "shop",         "region": "iad", "config_file": "fly.toml",
                 "deploy_command": "fly deploy -c fly.toml", "url": "$url" }
  },
  "rollback_command": "fly releases rollback --app {app_name}",
  "secrets_command": "fly secrets list --app {app_name}"
}
EOF
  for e in alpha staging prod; do
    name=shop-$e file=fly.$e.toml
    [ "$e" = prod ] && name=shop file=fly.toml
    printf 'app = "%s"\nprimary_region = "iad"\n\n[http_service]\n  internal_port = 8080\n' \
      "$name" >"$file"
  done
fi
if [ "$existing" = 0 ]; then
  printf 'shop\n' >app.txt
  git add app.txt .factory
  [ "$fly" = 0 ] || git add fly.alpha.toml fly.staging.toml fly.toml
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
