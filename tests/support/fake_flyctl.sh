#!/bin/sh
# A fake flyctl for tests: the commands factory-deploy and the factory's /setup manifest use, with
# flyctl's flags, messages, exit codes and JSON shapes as its source writes them
# (superfly/flyctl internal/command/{deploy,apps/releases.go,status,image/show.go,secrets/list.go},
# types from superfly/fly-go; JSON rendered like flyctl's render.JSON: 4-space indent).
# POSIX sh and coreutils only, so it runs in the action's slim image as well as on the host.
#
# State lives in $FAKE_FLYCTL_STATE (required: the fake refuses without it):
#   apps/<app>/{releases/<n>,current,machines,secrets}, images/<id>, calls (one line per run)
# A token is required, like flyctl: FLY_ACCESS_TOKEN or FLY_API_TOKEN (and it must equal
# $FAKE_FLYCTL_TOKEN when that is set).
# Deploying from source "builds" an image whose commit is $DEPLOY_SHA (what the app would report);
# in GitHub Actions (GITHUB_ACTIONS truthy) it is labelled GH_SHA=$GITHUB_SHA, as flyctl does.
# Source files steer the "build": `fake-fly-build-fails` makes it fail (no release) for the apps
# it lists (every app when empty);
# `fake-fly-crashes` lists apps the image crashes in (flyctl's smoke checks fail after the first
# machine took it: exit 1, release "failed", the app down); `fake-fly-unhealthy` lists apps where
# it runs but answers its health check with 503 (flyctl succeeds; only the app's own health check
# can tell); `fake-fly-overtaken` makes another run's deploy land right after (see overtake).
# With $FAKE_FLYCTL_APP_DIR set, a deploy writes the live image's commit to
# <dir>/version and creates or removes <dir>/unhealthy, for a fake app to serve.
set -u

state=${FAKE_FLYCTL_STATE:-}
if [ -z "$state" ]; then
  echo "fake flyctl: FAKE_FLYCTL_STATE is not set" >&2
  exit 2
fi
mkdir -p "$state/apps" "$state/images"
printf '%s\n' "$*" >>"$state/calls"

fail() { # fail MESSAGE: flyctl's error line and exit code
  printf 'Error: %s\n' "$1" >&2
  exit 1
}

truthy() {
  case "${1:-}" in 1 | true | TRUE | True | yes | t) return 0 ;; *) return 1 ;; esac
}

now() { date -u +%Y-%m-%dT%H:%M:%SZ; }

# ------------------------------------------------------------------------------ arguments
app='' config='' json=0 image='' show_image=0 words=''
while [ $# -gt 0 ]; do
  case "$1" in
    -a | --app) app=${2:-}; shift 2 ;;
    --app=*) app=${1#--app=}; shift ;;
    -c | --config) config=${2:-}; shift 2 ;;
    --config=*) config=${1#--config=}; shift ;;
    -i | --image)
      if [ "$words" = "releases" ]; then show_image=1; shift; else image=${2:-}; shift 2; fi ;;
    --image=*) image=${1#--image=}; shift ;;
    -j | --json) json=1; shift ;;
    -y | --yes | --auto-confirm | --now | --remote-only | --local-only | --stage) shift ;;
    -t | --access-token) FLY_ACCESS_TOKEN=${2:-}; shift 2 ;;
    --version | -v) words="version"; shift ;;
    -*) fail "unknown flag: $1" ;;
    *) words="${words:+$words }$1"; shift ;;
  esac
done

require_token() {
  token=${FLY_ACCESS_TOKEN:-${FLY_API_TOKEN:-}}
  [ -n "$token" ] || fail "no access token available. Please login with 'flyctl auth login'"
  if [ -n "${FAKE_FLYCTL_TOKEN:-}" ] && [ "$token" != "$FAKE_FLYCTL_TOKEN" ]; then
    fail "You must be authenticated to view this."
  fi
}

# The app: --app, else `app = "name"` from the config file (fly.toml by default).
resolve_app() {
  if [ -z "$app" ]; then
    file=${config:-fly.toml}
    [ -f "$file" ] || fail "the config for your app is missing an app name, add an app field to the fly.toml file or specify with the -a flag"
    app=$(sed -n "s/^app *= *[\"']\\([^\"']*\\)[\"'].*/\\1/p" "$file" | head -n1)
    [ -n "$app" ] || fail "the config for your app is missing an app name, add an app field to the fly.toml file or specify with the -a flag"
  fi
  dir=$state/apps/$app
  [ -d "$dir" ] || fail "failed to get app: Could not find App \"$app\""
}

image_file() { printf '%s/images/%s' "$state" "$(printf '%s' "$1" | tr '/:@' '___')"; }
field() { sed -n "s/^$1=//p" "$2" | head -n1; } # field KEY FILE

# ------------------------------------------------------------------------------ JSON pieces
release_json() { # release_json N LAST
  f=$dir/releases/$1
  comma=','
  [ "$2" = 1 ] && comma=''
  cat <<EOF
    {
        "ID": "$(field id "$f")",
        "Version": $1,
        "Stable": $(field stable "$f"),
        "InProgress": false,
        "Reason": "$(field reason "$f")",
        "Description": "$(field description "$f")",
        "Status": "$(field status "$f")",
        "DeploymentStrategy": "",
        "Metadata": null,
        "User": {
            "ID": "U1",
            "Name": "Deploy Bot",
            "Email": "deployer@example.com",
            "EnablePaidHobby": false
        },
        "EvaluationID": "",
        "CreatedAt": "$(field created "$f")",
        "ImageRef": "$(field image "$f")"
    }$comma
EOF
}

labels_json() { # labels_json IMAGE_FILE: the image's labels as a JSON object, compact
  gh=$(field gh_sha "$1")
  if [ -n "$gh" ]; then
    printf '{"GH_ACTION_NAME":"deploy","GH_EVENT_NAME":"workflow_dispatch","GH_REPO":"%s","GH_SHA":"%s"}' \
      "$(field gh_repo "$1")" "$gh"
  else
    printf 'null'
  fi
}

machine_json() { # machine_json ID RELEASE IMAGE_REF LAST
  img=$(image_file "$3")
  repo=${3#registry.fly.io/}
  tag=${repo#*:}
  repo=${repo%%:*}
  comma=','
  [ "$4" = 1 ] && comma=''
  labels=$(labels_json "$img")
  labels_member=''
  [ "$labels" = null ] || labels_member=",
                \"labels\": $labels"
  cat <<EOF
        {
            "id": "$1",
            "name": "$app-$1",
            "state": "started",
            "region": "iad",
            "image_ref": {
                "registry": "registry.fly.io",
                "repository": "$repo",
                "tag": "$tag",
                "digest": "$(field digest "$img")"$labels_member
            },
            "instance_id": "01FAKEINSTANCE$2",
            "private_ip": "fdaa:0:1::$2",
            "created_at": "$(field created "$dir/releases/1")",
            "updated_at": "$(field created "$dir/releases/$2")",
            "config": {
                "init": {},
                "guest": {
                    "cpu_kind": "shared",
                    "cpus": 1,
                    "memory_mb": 256
                },
                "metadata": {
                    "fly_flyctl_version": "0.4.85",
                    "fly_platform_version": "v2",
                    "fly_process_group": "app",
                    "fly_release_id": "$(field id "$dir/releases/$2")",
                    "fly_release_version": "$2"
                },
                "services": [
                    {
                        "protocol": "tcp",
                        "internal_port": 8080,
                        "ports": [
                            {
                                "port": 443,
                                "handlers": [
                                    "http",
                                    "tls"
                                ]
                            }
                        ]
                    }
                ],
                "image": "$3",
                "restart": {
                    "policy": "on-failure"
                }
            },
            "host_status": "ok",
            "cordoned": false
        }$comma
EOF
}

releases_desc() { find "$dir/releases" -type f 2>/dev/null | sed 's|.*/||' | sort -rn; }

# ------------------------------------------------------------------------------ commands
cmd_version() {
  echo "flyctl v0.4.85 linux/amd64 Commit: fake-flyctl BuildDate: 2026-01-01T00:00:00Z"
}

cmd_apps_create() { # apps create NAME
  require_token
  name=${words#apps create}
  name=${name# }
  [ -n "$name" ] || fail "app name is required"
  [ ! -d "$state/apps/$name" ] || fail "Validation failed: Name has already been taken"
  mkdir -p "$state/apps/$name/releases"
  : >"$state/apps/$name/secrets"
  echo "New app created: $name"
}

cmd_secrets_set() { # secrets set NAME=VALUE... (staged)
  require_token
  resolve_app
  for pair in ${words#secrets set}; do
    name=${pair%%=*}
    digest=$(printf '%s' "${pair#*=}" | sha256sum | cut -c1-16)
    grep -v "^$name " "$dir/secrets" >"$dir/secrets.new" || true
    printf '%s %s\n' "$name" "$digest" >>"$dir/secrets.new"
    mv "$dir/secrets.new" "$dir/secrets"
  done
  echo "Secrets are staged for the first deployment"
}

cmd_secrets_list() {
  require_token
  resolve_app
  if [ "$json" = 1 ]; then
    n=$(wc -l <"$dir/secrets")
    [ "$n" -gt 0 ] || { echo "[]"; return; }
    echo "["
    i=0
    while read -r name digest; do
      i=$((i + 1))
      comma=','
      [ "$i" = "$n" ] && comma=''
      printf '    {\n        "name": "%s",\n        "digest": "%s",\n        "status": "Deployed"\n    }%s\n' \
        "$name" "$digest" "$comma"
    done <"$dir/secrets"
    echo "]"
    return
  fi
  printf 'NAME\tDIGEST\t\t\tSTATUS\n'
  while read -r name digest; do printf '%s\t%s\tDeployed\n' "$name" "$digest"; done <"$dir/secrets"
  echo
}

cmd_releases() {
  case "$words" in
    releases) ;;
    *) fail "unknown command \"$(echo "$words" | cut -d' ' -f2)\" for \"flyctl releases\"" ;;
  esac
  require_token
  resolve_app
  if [ "$json" = 1 ]; then
    list=$(releases_desc)
    [ -n "$list" ] || { echo "null"; return; }
    last=$(printf '%s\n' "$list" | tail -n1)
    echo "["
    for n in $list; do release_json "$n" "$([ "$n" = "$last" ] && echo 1 || echo 0)"; done
    echo "]"
    return
  fi
  printf 'VERSION\tSTATUS\tDESCRIPTION\tUSER\tDATE'
  [ "$show_image" = 1 ] && printf '\tDOCKER IMAGE'
  echo
  for n in $(releases_desc); do
    f=$dir/releases/$n
    printf 'v%s\t%s\t%s\tdeployer@example.com\t%s' "$n" "$(field status "$f")" \
      "$(field description "$f")" "$(field created "$f")"
    [ "$show_image" = 1 ] && printf '\t%s' "$(field image "$f")"
    echo
  done
  echo
}

cmd_status() {
  require_token
  resolve_app
  current=$(cat "$dir/current" 2>/dev/null || echo 0)
  if [ "$json" != 1 ]; then
    echo "App"
    echo "  Name     = $app"
    echo "  Hostname = $app.fly.dev"
    [ "$current" = 0 ] || echo "  Image    = $(field image "$dir/releases/$current")"
    return
  fi
  deployed=false
  [ "$current" = 0 ] || deployed=true
  cat <<EOF
{
    "AppURL": "",
    "Deployed": $deployed,
    "Hostname": "$app.fly.dev",
    "ID": "$app",
EOF
  if [ -s "$dir/machines" ]; then
    echo '    "Machines": ['
    n=$(wc -l <"$dir/machines")
    i=0
    while read -r id release ref; do
      i=$((i + 1))
      machine_json "$id" "$release" "$ref" "$([ "$i" = "$n" ] && echo 1 || echo 0)"
    done <"$dir/machines"
    echo '    ],'
  else
    echo '    "Machines": [],'
  fi
  cat <<EOF
    "Name": "$app",
    "Organization": {
        "ID": "O1",
        "InternalNumericID": "1",
        "Name": "Personal",
        "Slug": "personal",
        "RawSlug": "personal",
        "PaidPlan": false
    },
    "PlatformVersion": "machines",
    "Status": "deployed",
    "Version": $current
}
EOF
}

cmd_image_show() {
  require_token
  resolve_app
  if [ "$json" != 1 ]; then
    printf 'Image Details\nMACHINE ID\tREGISTRY\tREPOSITORY\tTAG\n'
    while read -r id release ref; do printf '%s\t%s\n' "$id" "$ref"; done <"$dir/machines"
    return
  fi
  [ -s "$dir/machines" ] || { echo "null"; return; }
  n=$(wc -l <"$dir/machines")
  i=0
  echo "["
  while read -r id release ref; do
    i=$((i + 1))
    img=$(image_file "$ref")
    repo=${ref#registry.fly.io/}
    labels=$(labels_json "$img")
    [ "$labels" = null ] && labels='' # flyctl leaves "Labels" empty when there are none
    comma=','
    [ "$i" = "$n" ] && comma=''
    cat <<EOF
    {
        "Digest": "$(field digest "$img")",
        "Labels": "$(printf '%s' "$labels" | sed 's/"/\\"/g')",
        "MachineID": "$id",
        "Registry": "registry.fly.io",
        "Repository": "${repo%%:*}",
        "Tag": "${repo#*:}",
        "Version": "N/A"
    }$comma
EOF
  done <"$dir/machines"
  echo "]"
}

breaks() { grep -qx "$app" "$1.$2" 2>/dev/null; } # breaks IMAGE_FILE crashes|unhealthy

# The live image's effect on the fake app: the commit it reports, and whether it is healthy.
apply_to_app() { # apply_to_app IMAGE_REF
  [ -n "${FAKE_FLYCTL_APP_DIR:-}" ] || return 0
  img=$(image_file "$1")
  mkdir -p "$FAKE_FLYCTL_APP_DIR"
  printf '%s' "$(field commit "$img")" >"$FAKE_FLYCTL_APP_DIR/version"
  if breaks "$img" crashes || breaks "$img" unhealthy; then
    echo down >"$FAKE_FLYCTL_APP_DIR/unhealthy"
  else
    rm -f "$FAKE_FLYCTL_APP_DIR/unhealthy"
  fi
}

# `fake-fly-overtaken` lines "APP SHA": right after this deploy succeeds, another run's deploy of
# SHA (its image labelled GH_SHA=SHA, as flyctl labels a build in Actions) becomes the app's
# release on every machine. The fake app keeps serving this deploy's build.
overtake() {
  other=$(sed -n "s/^$app //p" fake-fly-overtaken 2>/dev/null | head -n1)
  [ -n "$other" ] || return 0
  count=$((count + 1))
  echo "$count" >"$state/counter"
  ref=registry.fly.io/$app:deployment-01HFAKE$(printf '%08d' "$count")
  {
    echo "ref=$ref"
    echo "commit=$other"
    echo "digest=sha256:$(printf '%s' "$ref" | sha256sum | cut -d' ' -f1)"
    echo "gh_sha=$other"
    echo "gh_repo=octo/shop"
  } >"$(image_file "$ref")"
  n=$((n + 1))
  {
    echo "id=01FAKERELEASE$n"
    echo "status=complete"
    echo "stable=true"
    echo "reason=deploy"
    echo "description=Deploy image"
    echo "image=$ref"
    echo "created=$(now)"
  } >"$dir/releases/$n"
  echo "$n" >"$dir/current"
  printf 'e784%04d %s %s\nd891%04d %s %s\n' "$n" "$n" "$ref" "$n" "$n" "$ref" >"$dir/machines"
}

cmd_deploy() {
  require_token
  resolve_app
  [ -z "$config" ] || [ -f "$config" ] || fail "app config file '$config' not found"
  echo "==> Verifying app config"
  echo "--> Verified app config"
  echo "==> Building image"
  count=$(($(cat "$state/counter" 2>/dev/null || echo 0) + 1))
  echo "$count" >"$state/counter"
  if [ -n "$image" ]; then
    ref=${image%%@*}
    [ -f "$(image_file "$ref")" ] || fail "failed to fetch an image or build from source: Could not find image \"$image\""
    # A reference pinned by digest (repo:tag@sha256:...) names that image only if the digest is its.
    if [ "$ref" != "$image" ] && [ "${image#*@}" != "$(field digest "$(image_file "$ref")")" ]; then
      fail "failed to fetch an image or build from source: Could not find image \"$image\""
    fi
    echo "Searching for image '$ref' remotely..."
    echo "image found: img_$count"
    description="Deploy image"
  else
    if [ -e fake-fly-build-fails ] && { [ ! -s fake-fly-build-fails ] || grep -qx "$app" fake-fly-build-fails; }; then
      fail "failed to fetch an image or build from source: error building: exit code: 1"
    fi
    ref=registry.fly.io/$app:deployment-01HFAKE$(printf '%08d' "$count")
    img=$(image_file "$ref")
    {
      echo "ref=$ref"
      echo "commit=${DEPLOY_SHA:-unknown}"
      echo "digest=sha256:$(printf '%s' "$ref" | sha256sum | cut -d' ' -f1)"
      if truthy "${GITHUB_ACTIONS:-}"; then
        echo "gh_sha=${GITHUB_SHA:-}"
        echo "gh_repo=${GITHUB_REPOSITORY:-}"
      fi
    } >"$img"
    for kind in crashes unhealthy; do
      if [ -f "fake-fly-$kind" ]; then cp "fake-fly-$kind" "$img.$kind"; else rm -f "$img.$kind"; fi
    done
    echo "--> Building image done"
    echo "image: $ref"
    echo "image size: 42 MB"
    description="Deploy image"
  fi
  echo
  echo "Watch your deployment at https://fly.io/apps/$app/monitoring"
  echo
  n=$(($(releases_desc | head -n1) + 0 + 1))
  previous=$(cat "$dir/current" 2>/dev/null || echo 0)
  crashed=0
  breaks "$(image_file "$ref")" crashes && crashed=1
  status=complete
  [ "$crashed" = 0 ] || status=failed
  {
    echo "id=01FAKERELEASE$n"
    echo "status=$status"
    echo "stable=$([ "$crashed" = 0 ] && echo true || echo false)"
    echo "reason=deploy"
    echo "description=$description"
    echo "image=$ref"
    echo "created=$(now)"
  } >"$dir/releases/$n"
  echo "$n" >"$dir/current"
  echo "-------"
  echo "Updating existing machines in '$app' with rolling strategy"
  echo "-------"
  if [ "$crashed" = 1 ]; then
    # The rolling update stops at the first machine: it runs the new image and crashes.
    old_ref=$(field image "$dir/releases/$previous" 2>/dev/null)
    printf 'e784%04d %s %s\n' "$n" "$n" "$ref" >"$dir/machines"
    [ -z "$old_ref" ] || printf 'd891%04d %s %s\n' "$previous" "$previous" "$old_ref" >>"$dir/machines"
    apply_to_app "$ref"
    echo " ✖ [1/2] Machine e784$(printf '%04d' "$n") [app] update failed: smoke checks failed"
    fail "smoke checks for e784$(printf '%04d' "$n") failed: the app appears to be crashing"
  fi
  printf 'e784%04d %s %s\nd891%04d %s %s\n' "$n" "$n" "$ref" "$n" "$n" "$ref" >"$dir/machines"
  apply_to_app "$ref"
  echo " ✔ [1/2] Machine e784$(printf '%04d' "$n") [app] update succeeded"
  echo " ✔ [2/2] Machine d891$(printf '%04d' "$n") [app] update succeeded"
  echo "-------"
  echo "Visit your newly deployed app at https://$app.fly.dev/"
  overtake
}

case "$words" in
  version) cmd_version ;;
  "apps create"*) cmd_apps_create ;;
  "secrets set"*) cmd_secrets_set ;;
  "secrets list" | "secrets ls") cmd_secrets_list ;;
  releases*) cmd_releases ;;
  status) cmd_status ;;
  "image show") cmd_image_show ;;
  deploy) cmd_deploy ;;
  '') fail "no command given" ;;
  *) fail "unknown command \"${words%% *}\" for \"flyctl\"" ;;
esac
