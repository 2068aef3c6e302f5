#!/usr/bin/env bash
# The container-action test: builds the action's image from the Dockerfile without a Docker
# daemon and runs it exactly the way the GitHub runner runs a Docker action (workdir, mounts,
# every declared INPUT_* with its dashes, GITHUB_*/ACTIONS_*/RUNNER_* variables, event.json),
# against loopback fakes of the deployed app and of GitHub (REST, results service, blob store).
# The same scenarios also run build/factory-deploy outside the container (the quick path).
#
# Usage: tests/container/run.sh [--mode container|native|both] [--image IMAGE] [--engine podman|docker]
#                               [--binary PATH] [--fakes PATH] [--context DIR] [--skip-setup] [--keep]
#   --mode     container: the image only; native: the binary only; both (default)
#   --image    use this image instead of building factory-deploy:test from the Dockerfile
#   --engine   the container CLI (default podman; docker takes the same flags)
#   --binary   the binary for the native mode (default build/factory-deploy)
#   --fakes    the project's fake services program (default build/bench/fake_services); the
#              prod scenario against it is skipped when it is not built
#   --context  image build context (default: the repository)
#   --skip-setup  do not run scripts/container-setup.sh (toolchain and base images already there)
#   --keep     keep the temporary directory with every workspace, log and output
# Ends with "N passed, N failed"; exits non-zero when a check failed.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
mode=both image='' engine=podman binary=$repo/build/factory-deploy context='' setup=1 keep=0
fakes_binary=$repo/build/bench/fake_services
while [ $# -gt 0 ]; do
  case "$1" in
    --mode) mode=$2; shift 2 ;;
    --image) image=$2; shift 2 ;;
    --engine) engine=$2; shift 2 ;;
    --binary) binary=$2; shift 2 ;;
    --fakes) fakes_binary=$2; shift 2 ;;
    --context) context=$2; shift 2 ;;
    --skip-setup) setup=0; shift ;;
    --keep) keep=1; shift ;;
    -h | --help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
case "$mode" in container | native | both) ;; *) echo "run.sh: bad --mode $mode" >&2; exit 2 ;; esac
# Root, like the runner's container: the workspaces are chowned to another uid, and the checks
# are that what the program writes ends up owned by that uid rather than by root.
[ "$(id -u)" = 0 ] || { echo "run.sh: run as root (sudo)" >&2; exit 2; }

owner_uid=1001  # the workspace owner, as on a runner: not root
run_id=4242     # every GitHub-mode run is an attempt of this run (artifact names stay unique)
tmp=$(mktemp -d /tmp/fd-container-test.XXXXXX)
chmod 755 "$tmp"
passed=0 failed=0 skipped=0 built_here=0
pids=()
containers=()

cleanup() {
  local c p
  for c in "${containers[@]+"${containers[@]}"}"; do "$engine" rm -f "$c" >/dev/null 2>&1; done
  for p in "${pids[@]+"${pids[@]}"}"; do kill "$p" 2>/dev/null; done
  if [ "$keep" = 1 ]; then echo "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

say() { printf '\n== %s\n' "$*"; }
pass() { passed=$((passed + 1)); printf '  ok    %s\n' "$1"; }
fail() { failed=$((failed + 1)); printf '  FAIL  %s\n' "$1"; [ -z "${2:-}" ] || printf '        %s\n' "$2"; }
skip() { skipped=$((skipped + 1)); printf '  skip  %s\n' "$1"; }
# check DESCRIPTION COMMAND...: passes when the command succeeds.
check() { local d=$1; shift; if "$@" >/dev/null 2>&1; then pass "$d"; else fail "$d"; fi; }
# expect_eq DESCRIPTION EXPECTED ACTUAL
expect_eq() {
  if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "expected '$2', got '$3'"; fi
}
owner_of() { stat -c %u "$1" 2>/dev/null || echo missing; }
inspect() { python3 "$here/inspect.py" "$@"; }
output() { inspect output "$1" "$2" 2>/dev/null; }
now_ms() { date +%s%3N; }

# wait_for FILE SECONDS: true once FILE exists.
wait_for() {
  local i
  for ((i = 0; i < $2 * 10; i++)); do [ -s "$1" ] && return 0; sleep 0.1; done
  return 1
}

# start_app WS: the fake deployed app serving WS/.app; sets app_url.
start_app() {
  python3 "$here/fake_app.py" --state-dir "$1/.app" --port-file "$1.port" >"$1.app.log" 2>&1 &
  pids+=($!)
  wait_for "$1.port" 10 || { echo "fake app did not start" >&2; return 1; }
  app_url="http://127.0.0.1:$(cat "$1.port")"
}

# new_workspace NAME [MAKE-WORKSPACE OPTIONS]: a demo repo owned by $owner_uid with its own app;
# sets ws, app_url, sha.
new_workspace() {
  ws=$tmp/$1/workspace
  mkdir -p "$ws"
  start_app "$ws" || return 1
  sha=$("$here/make-workspace.sh" --dir "$ws" --url "$app_url" --owner "$owner_uid" "${@:2}") ||
    return 1
  mkdir -p "$tmp/$1/file_commands" "$tmp/$1/workflow" "$tmp/$1/home" "$tmp/$1/runner_temp"
}

# ---------------------------------------------------------------------------------------------
# Running one deploy. run_deploy MODE KIND NAME [ARGS...] with KIND local (command-line mode) or
# github (runner-style environment built from action.yml plus the inputs in the array `inputs`).
# Leaves: rc, out (combined stdout+stderr file), outputs_file and summary_file (host paths).
# With `signal` set (TERM/INT) the run is interrupted once .app/deploy-started appears.
# ---------------------------------------------------------------------------------------------
declare -A inputs=()
extra_envs=()  # NAME=VALUE pairs a scenario adds to the step's environment (as a step's env:)
extra_run_args=()  # more container-engine options (a mount the runner adds, such as its socket)
signal=
attempt=0

runner_environment() {  # runner_environment MODE DIR: fills the array `envs` (NAME=VALUE)
  local m=$1 d=$2 root name default value id
  if [ "$m" = container ]; then root=/github; else root=$d; fi
  local wsp=$root/workspace
  [ "$m" = container ] || wsp=$ws
  id=$(cat /proc/sys/kernel/random/uuid)
  outputs_file=$d/file_commands/set_output_$id
  summary_file=$d/file_commands/step_summary_$id
  : >"$outputs_file"
  : >"$summary_file"
  : >"$d/file_commands/save_state_$id"
  : >"$d/file_commands/set_env_$id"
  : >"$d/file_commands/add_path_$id"
  attempt=$((attempt + 1))
  envs=()
  while IFS=$'\t' read -r name default; do
    value=${inputs[$name]-$default}
    # shellcheck disable=SC2016 # the literal default the runner evaluates
    [ "$value" = '${{ github.token }}' ] && value=$gh_token
    envs+=("INPUT_$(echo "$name" | tr '[:lower:] ' '[:upper:]_')=$value")
  done < <(inspect inputs "$repo/action.yml")
  envs+=(
    "HOME=$root/home" "CI=true" "GITHUB_ACTIONS=true"
    "GITHUB_WORKSPACE=$wsp" "GITHUB_EVENT_PATH=$root/workflow/event.json"
    "GITHUB_OUTPUT=$root/file_commands/set_output_$id"
    "GITHUB_STEP_SUMMARY=$root/file_commands/step_summary_$id"
    "GITHUB_STATE=$root/file_commands/save_state_$id" "GITHUB_ENV=$root/file_commands/set_env_$id"
    "GITHUB_PATH=$root/file_commands/add_path_$id"
    "GITHUB_REPOSITORY=$gh_repo" "GITHUB_REPOSITORY_OWNER=${gh_repo%%/*}"
    "GITHUB_REPOSITORY_ID=101" "GITHUB_REPOSITORY_OWNER_ID=100"
    "GITHUB_SHA=$sha" "GITHUB_REF=refs/heads/main" "GITHUB_REF_NAME=main" "GITHUB_REF_TYPE=branch"
    "GITHUB_BASE_REF=" "GITHUB_HEAD_REF="
    "GITHUB_EVENT_NAME=workflow_dispatch" "GITHUB_RUN_ID=$run_id" "GITHUB_RUN_NUMBER=7"
    "GITHUB_RUN_ATTEMPT=$attempt" "GITHUB_ACTOR=octocat" "GITHUB_ACTOR_ID=1"
    "GITHUB_TRIGGERING_ACTOR=octocat" "GITHUB_JOB=deploy" "GITHUB_WORKFLOW=Deploy"
    "GITHUB_WORKFLOW_REF=$gh_repo/.github/workflows/deploy.yml@refs/heads/main"
    "GITHUB_ACTION=__factory_deploy" "GITHUB_ACTION_REPOSITORY=factory/deploy"
    "GITHUB_API_URL=$gh_api_url" "GITHUB_GRAPHQL_URL=$gh_api_url/graphql"
    "GITHUB_SERVER_URL=https://github.com" "GITHUB_RETENTION_DAYS=90"
    "ACTIONS_RUNTIME_TOKEN=$gh_runtime_token" "ACTIONS_RUNTIME_URL=$gh_results_url"
    "ACTIONS_RESULTS_URL=$gh_results_url" "ACTIONS_CACHE_URL=$gh_results_url"
    "RUNNER_OS=Linux" "RUNNER_ARCH=X64" "RUNNER_NAME=GitHub Actions 2"
    "RUNNER_ENVIRONMENT=github-hosted" "RUNNER_TEMP=$root/runner_temp"
    "RUNNER_TOOL_CACHE=/opt/hostedtoolcache" "RUNNER_WORKSPACE=$root"
  )
}

write_event() {  # write_event DIR ENVIRONMENT
  cat >"$1/workflow/event.json" <<EOF
{"inputs": {"environment": "$2", "confirm": ""}, "ref": "refs/heads/main",
 "repository": {"full_name": "$gh_repo", "name": "${gh_repo#*/}", "owner": {"login": "${gh_repo%%/*}"},
                "default_branch": "main"},
 "sender": {"login": "octocat"}, "workflow": ".github/workflows/deploy.yml"}
EOF
}

run_deploy() {
  local m=$1 kind=$2 name=$3 d
  shift 3
  d=$(dirname "$ws")
  out=$d/$name.out
  outputs_file='' summary_file=''
  envs=()
  [ "$kind" = github ] && runner_environment "$m" "$d"
  envs+=("${extra_envs[@]+"${extra_envs[@]}"}")
  local cmd=()
  if [ "$m" = container ]; then
    local cname="fd-ctest-$$-$name" e
    containers+=("$cname")
    # The hostname is the container's own name, as on a runner (where it is the container id):
    # `docker run --volumes-from "$HOSTNAME"` from inside then finds this container.
    cmd=("$engine" run --rm --name "$cname" --hostname "$cname" --network host
      --workdir /github/workspace
      -v "$ws:/github/workspace" -v "$d/file_commands:/github/file_commands"
      -v "$d/workflow:/github/workflow" -v "$d/home:/github/home"
      -v "$d/runner_temp:/github/runner_temp" "${extra_run_args[@]+"${extra_run_args[@]}"}")
    for e in "${envs[@]+"${envs[@]}"}"; do cmd+=(-e "${e%%=*}"); done
    cmd+=("$image" "$@")
  else
    cmd=("$binary" "$@")
  fi
  # -e NAME copies the value from the caller's environment, exactly as the runner does; the
  # native run gets a clean environment with the same variables.
  local base_env=(PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)
  [ "$m" = native ] && [ "$kind" = local ] && base_env+=("HOME=$d/home")
  local start
  start=$(now_ms)
  if [ -z "$signal" ]; then
    (cd "$ws" && env -i "${base_env[@]}" "${envs[@]+"${envs[@]}"}" timeout -k 5 180 "${cmd[@]}") \
      >"$out" 2>&1 </dev/null
    rc=$?
  else
    (cd "$ws" && exec env -i "${base_env[@]}" "${envs[@]+"${envs[@]}"}" "${cmd[@]}") \
      >"$out" 2>&1 </dev/null &
    local pid=$!
    if wait_for "$ws/.app/deploy-started" 60; then
      if [ "$m" = container ] && [ "$signal" = TERM ]; then
        "$engine" kill --signal TERM "$cname" >/dev/null 2>&1  # to the container's PID 1
      else
        kill "-$signal" "$pid"  # to podman (sig-proxy forwards it) or to the binary itself
      fi
    else
      echo "run.sh: the deploy command never started" >>"$out"
    fi
    local i
    for ((i = 0; i < 600 && $(kill -0 "$pid" 2>/dev/null && echo 1 || echo 0); i++)); do sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
    wait "$pid"
    rc=$?
  fi
  elapsed_ms=$(($(now_ms) - start))
  printf '  ..    %s: exit %s in %s ms (log %s)\n' "$name" "$rc" "$elapsed_ms" "${out#"$tmp"/}"
}

# ---------------------------------------------------------------------------------------------
# Checks shared by the scenarios.
# ---------------------------------------------------------------------------------------------
receipt_status() { sed -n 's/^- \*\*Status\*\*: *//p' "$ws/DEPLOY-RECEIPT.md" 2>/dev/null | head -n1; }

check_receipt() {  # check_receipt LABEL STATUS
  check "$1: receipt written" test -s "$ws/DEPLOY-RECEIPT.md"
  expect_eq "$1: receipt status" "$2" "$(receipt_status)"
  check "$1: receipt names the deployed commit" grep -q "$sha" "$ws/DEPLOY-RECEIPT.md"
  expect_eq "$1: receipt owned by the workspace owner (uid $owner_uid)" "$owner_uid" \
    "$(owner_of "$ws/DEPLOY-RECEIPT.md")"
}

check_no_root_files() {  # nothing the program wrote into the workspace is left owned by root
  local label=$1 found
  found=$(find "$ws" -path "$ws/.git" -prune -o -path "$ws/.app" -prune -o -uid 0 -print | head -n3)
  expect_eq "$label: no root-owned files in the workspace" "" "$found"
}

check_outputs() {  # check_outputs LABEL STATUS ENVIRONMENT
  check "$1: GITHUB_OUTPUT is well formed" inspect outputs-valid "$outputs_file"
  expect_eq "$1: output status" "$2" "$(output "$outputs_file" status)"
  expect_eq "$1: output environment" "$3" "$(output "$outputs_file" environment)"
  expect_eq "$1: output version" "$sha" "$(output "$outputs_file" version)"
  expect_eq "$1: output url" "$app_url" "$(output "$outputs_file" url)"
  check "$1: output receipt names DEPLOY-RECEIPT.md" \
    bash -c "python3 '$here/inspect.py' output '$outputs_file' receipt | grep -q DEPLOY-RECEIPT.md"
  local k
  for k in previous-version failed-step deployment-id artifact-id artifact-url; do
    check "$1: output $k present" inspect output "$outputs_file" "$k"
  done
}

check_summary() {  # check_summary LABEL
  check "$1: step summary has the receipt" grep -q "^# Deployment Receipt" "$summary_file"
  check "$1: step summary starts with a verdict line" \
    bash -c "head -n1 '$summary_file' | grep -qiE 'success|failed|rolled back'"
}

check_no_token() {  # check_no_token LABEL FILES...
  local label=$1 f leaked=
  shift
  for f in "$@"; do  # ::add-mask:: lines are how the runner learns what to mask: allowed
    [ -f "$f" ] && grep -v '^::add-mask::' "$f" | grep -qF -e "$gh_token" -e "$gh_runtime_token" &&
      leaked+=" ${f#"$tmp"/}"
  done
  expect_eq "$label: no token in log, outputs, summary or receipt" "" "$leaked"
}

# ---------------------------------------------------------------------------------------------
# Scenarios
# ---------------------------------------------------------------------------------------------
local_mode_scenarios() {  # the CLI front door, in MODE
  local m=$1
  say "$m: local mode (command line), alpha then staging"
  new_workspace "$m-local" || { fail "$m: workspace"; return; }
  run_deploy "$m" local local-alpha --environment alpha
  expect_eq "$m local alpha: exit code" 0 "$rc"
  check_receipt "$m local alpha" SUCCESS
  expect_eq "$m local alpha: the app runs the deployed commit" "$sha" "$(cat "$ws/.app/version" 2>/dev/null)"
  check "$m local alpha: ledger .factory/deployments.jsonl written" test -s "$ws/.factory/deployments.jsonl"
  check "$m local alpha: state.json deploy phase completed" \
    grep -q '"completed"' "$ws/.factory/state.json"
  check "$m local alpha: no workflow commands in local mode" bash -c "! grep -q '^::' '$out'"

  run_deploy "$m" local local-staging --environment staging
  expect_eq "$m local staging: exit code" 0 "$rc"
  check_receipt "$m local staging" SUCCESS
  check "$m local staging: receipt has the health check" grep -q "/health" "$ws/DEPLOY-RECEIPT.md"
  local archive
  archive=$(find "$ws" -maxdepth 1 -name 'DEPLOY-RECEIPT-*.md' | head -n1)
  check "$m local staging: previous receipt archived" test -n "$archive"
  expect_eq "$m local staging: archive owned by uid $owner_uid" "$owner_uid" "$(owner_of "$archive")"
  check_no_root_files "$m local"

  # Version 2 on alpha and staging, then staging rolled back on demand to the first version
  # (docs/HISTORY.md#rollback): verified by health (expect_version) and recorded in the ledger.
  local first=$sha
  echo 2 >"$ws/version-2"
  git -C "$ws" -c safe.directory='*' add version-2
  git -C "$ws" -c safe.directory='*' -c user.name=Dev -c user.email=dev@example.invalid \
    commit -q -m "version 2"
  sha=$(git -C "$ws" -c safe.directory='*' rev-parse HEAD)
  sed -i "s/$first/$sha/" "$ws/QA-REPORT.md" "$ws/SECURITY.md"
  chown -R "$owner_uid:$owner_uid" "$ws"
  run_deploy "$m" local local-alpha-2 --environment alpha
  expect_eq "$m local alpha version 2: exit code" 0 "$rc"
  run_deploy "$m" local local-staging-2 --environment staging
  expect_eq "$m local staging version 2: exit code" 0 "$rc"
  run_deploy "$m" local local-rollback rollback --environment staging \
    --config .factory/deploy-config-named-rollback.json --reason "version 2 misbehaves"
  expect_eq "$m local rollback: exit code 0 (verified)" 0 "$rc"
  sha=$first
  check_receipt "$m local rollback" "ROLLED BACK (manual, verified)"
  expect_eq "$m local rollback: the app runs the first version again" "$first" \
    "$(cat "$ws/.app/version" 2>/dev/null)"
  check "$m local rollback: recorded in the ledger as a rollback to the first version" \
    bash -c "tail -n1 '$ws/.factory/deployments.jsonl' | grep '\"kind\":\"rollback\"' | grep -q '\"sha\":\"$first\"'"
  check "$m local rollback: the reason is in the receipt" \
    grep -q '^- \*\*Rollback reason\*\*: version 2 misbehaves' "$ws/DEPLOY-RECEIPT.md"
  check_no_root_files "$m local rollback"

  run_deploy "$m" local local-bad-input --environment qa
  expect_eq "$m local: unknown environment is an input error (exit 2)" 2 "$rc"
}

github_mode_scenarios() {  # the Action front door, in MODE, against the fake GitHub
  local m=$1
  say "$m: GitHub mode (runner-style), alpha then staging"
  new_workspace "$m-github" || { fail "$m: workspace"; return; }
  local d
  d=$(dirname "$ws")
  start_fake_github "$d" || { fail "$m: fake GitHub did not start"; return; }

  inputs=([environment]=alpha)
  write_event "$d" alpha
  run_deploy "$m" github gh-alpha
  expect_eq "$m gh alpha: exit code" 0 "$rc"
  check_receipt "$m gh alpha" SUCCESS
  check_outputs "$m gh alpha" SUCCESS alpha
  check "$m gh alpha: workflow commands used (::group::)" grep -q '^::group::' "$out"
  check "$m gh alpha: a GitHub Deployment was created" grep -q '"note": "deployment [0-9]* alpha"' "$gh_log"

  inputs=([environment]=staging)
  write_event "$d" staging
  run_deploy "$m" github gh-staging
  expect_eq "$m gh staging: exit code" 0 "$rc"
  check_receipt "$m gh staging" SUCCESS
  check_outputs "$m gh staging" SUCCESS staging
  check_summary "$m gh staging"
  check "$m gh staging: CI checks were read from the fake" grep -q 'check-runs' "$gh_log"
  check "$m gh staging: every GitHub call was authenticated" bash -c "! grep -q '\"auth\": \"wrong\"' '$gh_log'"
  local unhandled
  unhandled=$(grep '"note": "unhandled"' "$gh_log" | python3 -c \
    'import json,sys; print(" ".join(sorted({json.loads(l)["method"]+" "+json.loads(l)["path"] for l in sys.stdin})))')
  expect_eq "$m gh: every API call is one the fake knows" "" "$unhandled"
  local dep_id
  dep_id=$(output "$outputs_file" deployment-id)
  check "$m gh staging: deployment-id output is the fake's deployment" \
    grep -q "\"note\": \"deployment $dep_id status success\"" "$gh_log"
  local art_name="deploy-receipt-staging-$run_id-$attempt" art_id
  art_id=$(output "$outputs_file" artifact-id)
  check "$m gh staging: artifact finalized as $art_name with the output's id" \
    grep -q "\"note\": \"finalize $art_name id $art_id " "$gh_log"
  check "$m gh staging: artifact-url points at the run's artifact" bash -c \
    "python3 '$here/inspect.py' output '$outputs_file' artifact-url | grep -q '/$gh_repo/actions/runs/$run_id/artifacts/$art_id'"
  local zipped
  zipped=$(inspect zip-member "$d/artifacts/$art_name" DEPLOY-RECEIPT.md 2>/dev/null)
  expect_eq "$m gh staging: artifact zip holds the receipt" "$(cat "$ws/DEPLOY-RECEIPT.md" 2>/dev/null)" "$zipped"
  check_no_token "$m gh staging" "$out" "$outputs_file" "$summary_file" "$ws/DEPLOY-RECEIPT.md"

  # A re-run that reuses the artifact name: the results service answers 409. The upload fails,
  # the deploy does not: a warning and a line in the receipt, which is rewritten (and re-owned).
  inputs=([environment]=staging [artifact-name]=$art_name)
  run_deploy "$m" github gh-staging-artifact-conflict
  expect_eq "$m gh artifact conflict: the deploy still succeeds" 0 "$rc"
  check "$m gh artifact conflict: the results service answered 409" \
    grep -q '"status": 409' "$gh_log"
  check "$m gh artifact conflict: reported as a warning" grep -q '^::warning' "$out"
  expect_eq "$m gh artifact conflict: receipt still owned by uid $owner_uid" "$owner_uid" \
    "$(owner_of "$ws/DEPLOY-RECEIPT.md")"

  inputs=([environment]=prod [confirm]=shop)
  write_event "$d" prod
  run_deploy "$m" github gh-prod
  expect_eq "$m gh prod: exit code" 0 "$rc"
  check_receipt "$m gh prod" SUCCESS
  check_outputs "$m gh prod" SUCCESS prod
  check "$m gh prod: blocker pull requests were looked up" grep -q "\"path\": \"/repos/$gh_repo/issues\"" "$gh_log"

  inputs=([environment]=prod [confirm]=shop [config]=.factory/deploy-config-unhealthy.json)
  run_deploy "$m" github gh-prod-rollback
  expect_eq "$m gh prod unhealthy: exit code 3 (rolled back)" 3 "$rc"
  check_receipt "$m gh prod unhealthy" "ROLLED BACK"
  expect_eq "$m gh prod unhealthy: output status" "ROLLED BACK" "$(output "$outputs_file" status)"
  check "$m gh prod unhealthy: the rollback command ran" test -e "$ws/.app/rolled-back"
  check "$m gh prod unhealthy: the app is healthy again" test ! -e "$ws/.app/unhealthy"
  check_no_root_files "$m gh"

  inputs=([environment]=staging [config]=.factory/deploy-config-broken.json)
  run_deploy "$m" github gh-broken-manifest
  expect_eq "$m gh: malformed manifest exits 2" 2 "$rc"
  check "$m gh: malformed manifest reported as ::error" grep -q '^::error' "$out"
}

cancellation_scenarios() {  # SIGTERM (and, through podman's sig-proxy, SIGINT) mid-deploy
  local m=$1 sig
  say "$m: cancellation while the deploy command runs"
  for sig in TERM INT; do
    new_workspace "$m-cancel-$sig" || { fail "$m: workspace"; return; }
    start_fake_github "$(dirname "$ws")" || { fail "$m: fake GitHub did not start"; return; }
    inputs=([environment]=alpha [config]=.factory/deploy-config-slow.json)
    write_event "$(dirname "$ws")" alpha
    signal=$sig
    run_deploy "$m" github "cancel-$sig"
    signal=
    check "$m SIG$sig: the run stopped with a failure exit code" test "$rc" -ne 0 -a "$rc" -lt 128
    check "$m SIG$sig: stopped well before the 30 s deploy command ends" test "$elapsed_ms" -lt 25000
    check "$m SIG$sig: the deploy command was stopped" test ! -e "$ws/.app/deploy-finished"
    check_receipt "$m SIG$sig" "FAILED (cancelled: SIG$sig arrived during deploy)"
    expect_eq "$m SIG$sig: output status" FAILED "$(output "$outputs_file" status)"
  done
}

# start_fake_github DIR: sets gh_api_url, gh_results_url, gh_repo, gh_token, gh_runtime_token, gh_log
start_fake_github() {
  local d=$1
  gh_log=$d/github-requests.jsonl
  python3 "$here/fake_github.py" --info-file "$d/github.json" --log "$gh_log" \
    --artifacts-dir "$d/artifacts" --run-id "$run_id" >"$d/github.log" 2>&1 &
  pids+=($!)
  wait_for "$d/github.json" 10 || return 1
  local port
  read -r port gh_token gh_runtime_token < <(python3 -c \
    'import json,sys; i=json.load(open(sys.argv[1])); print(i["port"], i["token"], i["runtime_token"])' \
    "$d/github.json")
  gh_api_url=http://127.0.0.1:$port
  gh_results_url=http://127.0.0.1:$port/
  gh_repo=factory/shop
}

# A prod deploy against the project's own fakes (bench/fake_services: the OpenAPI-checked fake
# GitHub of tests/support, the results service proven with @actions/artifact, and an app), when
# that program is built. Its scenario: green checks, an approved review for prod, staging
# already deployed, the commit on the default branch.
project_fakes_scenario() {
  local m=$1 d
  say "$m: GitHub mode prod against the project's own fakes ($fakes_binary)"
  if [ ! -x "$fakes_binary" ]; then
    skip "$m: $fakes_binary not built (cmake --build build --target fake_services)"
    return
  fi
  new_workspace "$m-project-fakes" || { fail "$m: workspace"; return; }
  d=$(dirname "$ws")
  gh_token=ghs_containerTest0123456789abcdef
  "$fakes_binary" --dir "$d/fakes" --sha "$sha" --previous-sha "$(printf '1%.0s' {1..40})" \
    --check-runs 5 --run-id "$run_id" --token "$gh_token" >"$d/fakes.log" 2>&1 &
  local fakes_pid=$!
  pids+=("$fakes_pid")
  wait_for "$d/fakes/ready.env" 20 || { fail "$m: project fakes did not start" "$(cat "$d/fakes.log")"; return; }
  local key value app
  while IFS='=' read -r key value; do
    case "$key" in
      FD_BENCH_API_URL) gh_api_url=$value ;;
      FD_BENCH_RESULTS_URL) gh_results_url=$value ;;
      FD_BENCH_RUNTIME_TOKEN) gh_runtime_token=$value ;;
      FD_BENCH_APP_URL) app=$value ;;
    esac
  done <"$d/fakes/ready.env"
  gh_repo=octo/shop
  # A manifest pointed at the fakes' app, generated beside the committed one: the Checkout gate
  # lets an uncommitted manifest through only when allow-untracked names it (recorded).
  # That app answers every path with its health JSON, so the smoke test looks for "ok".
  local fakes_manifest=.factory/deploy-config-fakes.json
  sed -e "s|$app_url|$app|g" -e 's|"expect_body_contains": "shop"|"expect_body_contains": "ok"|' \
    "$ws/.factory/deploy-config.json" >"$ws/$fakes_manifest"
  chown "$owner_uid:$owner_uid" "$ws/$fakes_manifest"
  app_url=$app
  inputs=([environment]=prod [config]=$fakes_manifest [allow-untracked]=$fakes_manifest)
  write_event "$d" prod
  local saved_attempt=$attempt
  attempt=0  # the fake knows this run's first attempt
  run_deploy "$m" github project-fakes-prod
  attempt=$saved_attempt
  expect_eq "$m project fakes prod: exit code" 0 "$rc"
  check_receipt "$m project fakes prod" SUCCESS
  check_outputs "$m project fakes prod" SUCCESS prod
  check "$m project fakes prod: confirmed by the approved review" grep -qi alice "$ws/DEPLOY-RECEIPT.md"
  check "$m project fakes prod: an artifact id came back" test -n "$(output "$outputs_file" artifact-id)"
  check_no_token "$m project fakes prod" "$out" "$outputs_file" "$summary_file" "$ws/DEPLOY-RECEIPT.md"
  check_no_root_files "$m project fakes"
  kill -TERM "$fakes_pid"
  wait "$fakes_pid"
  expect_eq "$m project fakes: the results service refused nothing" 0 "$?"
}

# ---------------------------------------------------------------------------------------------
# Fly.io: the manifest exactly as /setup writes it, `fly` supplied the way the action supplies it
# (the pinned flyctl downloaded at start-up and checked against its SHA-256), here from a loopback
# release server that serves the fake flyctl (tests/support/fake_flyctl.sh) as flyctl's asset.
# ---------------------------------------------------------------------------------------------
fly_token=fly-token-containerTest0123456789
fly_asset=flyctl_0.4.85_Linux_x86_64.tar.gz

# start_release_server DIR: sets release_url, release_log, fly_asset_sha
start_release_server() {
  local d=$1
  mkdir -p "$d/assets/stage"
  install -m 755 "$repo/tests/support/fake_flyctl.sh" "$d/assets/stage/flyctl"
  tar -czf "$d/assets/$fly_asset" -C "$d/assets/stage" flyctl
  fly_asset_sha=$(sha256sum "$d/assets/$fly_asset" | cut -d' ' -f1)
  release_log=$d/releases.jsonl
  : >"$release_log"
  python3 "$here/release_server.py" --dir "$d/assets" --port-file "$d/releases.port" \
    --log "$release_log" >"$d/releases.log" 2>&1 &
  pids+=($!)
  wait_for "$d/releases.port" 10 || return 1
  release_url=http://127.0.0.1:$(cat "$d/releases.port")
}

receipt_bullet() { sed -n "s/^- \*\*$1\*\*: *//p" "$ws/DEPLOY-RECEIPT.md" 2>/dev/null | head -n1; }

fly_scenarios() {
  local m=$1 d wsroot=/github/workspace started=$SECONDS
  say "$m: Fly.io — the /setup manifest unedited, fly downloaded (pinned, SHA-256 checked)"
  new_workspace "$m-fly" --fly || { fail "$m: workspace"; return; }
  d=$(dirname "$ws")
  [ "$m" = container ] || wsroot=$ws
  start_fake_github "$d" || { fail "$m: fake GitHub did not start"; return; }
  start_release_server "$d" || { fail "$m: release server did not start"; return; }
  local app
  for app in shop-alpha shop-staging shop; do
    FAKE_FLYCTL_STATE=$ws/.app/fly FLY_API_TOKEN=$fly_token sh "$repo/tests/support/fake_flyctl.sh" \
      apps create "$app" >/dev/null
  done
  check "$m fly: no fly on the PATH the deploy starts with" \
    env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin sh -c '! command -v fly'
  extra_envs=("FLY_API_TOKEN=$fly_token" "FAKE_FLYCTL_TOKEN=$fly_token"
    "FAKE_FLYCTL_STATE=$wsroot/.app/fly" "FAKE_FLYCTL_APP_DIR=$wsroot/.app"
    "FACTORY_DEPLOY_TOOLS_MIRROR=$release_url")

  # With the built-in pin, the fake asset is refused: it is not flyctl 0.4.85's real one.
  inputs=([environment]=alpha)
  write_event "$d" alpha
  run_deploy "$m" github fly-pinned
  expect_eq "$m fly pinned: a download that is not the pinned flyctl fails the deploy (exit 1)" 1 "$rc"
  check "$m fly pinned: the receipt says the SHA-256 is not the pinned one" \
    grep -q "SHA-256 $fly_asset_sha is not the pinned c3b5ed05319adf8a" "$ws/DEPLOY-RECEIPT.md"
  check "$m fly pinned: nothing was deployed" test ! -e "$ws/.app/version"

  # Pinned to the fake asset's checksum (FACTORY_DEPLOY_FLYCTL_VERSION/_SHA256): alpha → staging → prod.
  extra_envs+=("FACTORY_DEPLOY_FLYCTL_VERSION=0.4.85" "FACTORY_DEPLOY_FLYCTL_SHA256=$fly_asset_sha")
  local downloads_before environment
  downloads_before=$(grep -c '"status": 200' "$release_log")
  for environment in alpha staging prod; do
    inputs=([environment]=$environment)
    [ "$environment" = prod ] && inputs[confirm]=shop
    write_event "$d" "$environment"
    run_deploy "$m" github "fly-$environment"
    expect_eq "$m fly $environment: exit code" 0 "$rc"
    check_receipt "$m fly $environment" SUCCESS
    expect_eq "$m fly $environment: the app runs the deployed commit" "$sha" "$(cat "$ws/.app/version" 2>/dev/null)"
  done
  expect_eq "$m fly: flyctl downloaded once for the job (then reused from RUNNER_TEMP)" 1 \
    "$(($(grep -c '"status": 200' "$release_log") - downloads_before))"
  check "$m fly: the download was verified" grep -q "flyctl 0.4.85: SHA-256 verified ($fly_asset_sha)" "$tmp/$m-fly/fly-alpha.out"
  check "$m fly: the /setup rollback_command is reported as replaced" \
    grep -q '^::warning.*fly releases rollback --app shop.*cannot work' "$out"
  check "$m fly: prod's live release was read with fly status" grep -q 'status --app shop --json' "$ws/.app/fly/calls"

  # Version 2 crashes in prod (flyctl's smoke checks fail); alpha and staging take it fine.
  local previous=$sha
  echo shop >"$ws/fake-fly-crashes"
  git -C "$ws" -c safe.directory='*' add fake-fly-crashes
  git -C "$ws" -c safe.directory='*' -c user.name=Dev -c user.email=dev@example.invalid \
    commit -q -m "version 2"
  sha=$(git -C "$ws" -c safe.directory='*' rev-parse HEAD)
  sed -i "s/$previous/$sha/" "$ws/QA-REPORT.md" "$ws/SECURITY.md"
  chown -R "$owner_uid:$owner_uid" "$ws"
  for environment in alpha staging prod; do
    inputs=([environment]=$environment)
    [ "$environment" = prod ] && inputs[confirm]=shop
    write_event "$d" "$environment"
    run_deploy "$m" github "fly-v2-$environment"
    [ "$environment" = prod ] || expect_eq "$m fly v2 $environment: exit code" 0 "$rc"
  done
  expect_eq "$m fly v2 prod: the crashing release is rolled back (exit 3)" 3 "$rc"
  check_receipt "$m fly v2 prod" "ROLLED BACK"
  expect_eq "$m fly v2 prod: output status" "ROLLED BACK" "$(output "$outputs_file" status)"
  expect_eq "$m fly v2 prod: rolled back by the Fly.io built-in" \
    "Fly.io built-in: redeploy release v1's image with fly deploy --image" \
    "$(receipt_bullet 'Rollback mechanism')"
  check "$m fly v2 prod: the live version after the rollback is the previous commit" \
    bash -c "sed -n 's/^- \*\*Live version now\*\*: //p' '$ws/DEPLOY-RECEIPT.md' | grep -q '^$previous (Fly.io release v3, '"
  expect_eq "$m fly v2 prod: the app runs the previous commit again" "$previous" "$(cat "$ws/.app/version" 2>/dev/null)"
  check "$m fly v2 prod: the app is healthy again" test ! -e "$ws/.app/unhealthy"
  check "$m fly v2 prod: flyctl was never asked for 'releases rollback'" \
    bash -c "! grep -q 'releases rollback' '$ws/.app/fly/calls'"
  local leaked=
  for f in "$out" "$outputs_file" "$summary_file" "$ws/DEPLOY-RECEIPT.md"; do
    # ::add-mask:: is how the runner learns what to mask: the one place the token may appear.
    grep -v '^::add-mask::' "$f" | grep -qF "$fly_token" && leaked+=" ${f#"$tmp"/}"
  done
  expect_eq "$m fly: FLY_API_TOKEN in no log, output, summary or receipt" "" "$leaked"
  check_no_root_files "$m fly"
  extra_envs=()
  echo "  ..    fly scenario ($m): $((SECONDS - started)) s"
}

# ---------------------------------------------------------------------------------------------
# Any other platform: its CLI image run through the Docker socket the runner mounts into container
# actions. The docker CLI itself comes in through the manifest's `tools` (pinned by SHA-256); the
# deploy command runs a sibling container that shares this one's mounts (--volumes-from
# "$HOSTNAME"). debian:bookworm-slim stands in for a platform's CLI image. Container mode only;
# needs a statically linked docker CLI on this machine to serve as the release asset.
# ---------------------------------------------------------------------------------------------
docker_socket_scenario() {
  local m=$1 d host_docker socket service_pid=''
  say "$m: any platform's CLI image through the Docker socket (docker CLI from 'tools')"
  host_docker=$(command -v docker || true)
  if [ -z "$host_docker" ] || ldd "$host_docker" >/dev/null 2>&1; then
    skip "$m docker socket: no statically linked docker CLI here to serve as the release asset"
    return
  fi
  new_workspace "$m-docker-socket" || { fail "$m: workspace"; return; }
  d=$(dirname "$ws")
  if [ "$engine" = podman ]; then
    socket=$d/engine.sock
    podman system service --time=0 "unix://$socket" >"$d/engine.log" 2>&1 &
    service_pid=$!
    pids+=("$service_pid")
    wait_for "$socket" 10 || [ -S "$socket" ] || { fail "$m: podman API socket"; return; }
  else
    socket=/var/run/docker.sock
  fi
  mkdir -p "$d/assets/stage/docker"
  install -m 755 "$host_docker" "$d/assets/stage/docker/docker"
  tar -czf "$d/assets/docker.tgz" -C "$d/assets/stage" docker/docker
  local asset_sha
  asset_sha=$(sha256sum "$d/assets/docker.tgz" | cut -d' ' -f1)
  release_log=$d/releases.jsonl
  python3 "$here/release_server.py" --dir "$d/assets" --port-file "$d/releases.port" \
    --log "$release_log" >"$d/releases.log" 2>&1 &
  pids+=($!)
  wait_for "$d/releases.port" 10 || { fail "$m: release server"; return; }
  python3 - "$ws/.factory/deploy-config.json" \
    "http://127.0.0.1:$(cat "$d/releases.port")/docker/cli/releases/download/v28/docker.tgz" \
    "$asset_sha" <<'PY'
import json, sys
path, url, sha = sys.argv[1:]
with open(path, encoding="utf-8") as f:
    manifest = json.load(f)
manifest["platform"] = "any (a CLI image through the Docker socket)"
manifest["environments"]["alpha"]["deploy_command"] = (
    'docker run --rm --volumes-from "$HOSTNAME" -w /github/workspace -e DEPLOY_SHA '
    "docker.io/library/debian:bookworm-slim sh -c 'printf %s \"$DEPLOY_SHA\" > .app/version'")
manifest["tools"] = [{"name": "docker", "url": url, "sha256": sha, "binary": "docker/docker"}]
with open(path, "w", encoding="utf-8") as f:
    json.dump(manifest, f, indent=2)
PY
  # Committed: the Checkout gate refuses a manifest that differs from the commit that ships.
  git -C "$ws" -c safe.directory='*' -c user.name=Dev -c user.email=dev@example.invalid \
    commit -q -am "deploy through the Docker socket"
  sha=$(git -C "$ws" -c safe.directory='*' rev-parse HEAD)
  chown -R "$owner_uid:$owner_uid" "$ws"
  extra_run_args=(-v "$socket:/var/run/docker.sock")
  run_deploy "$m" local docker-socket-alpha --environment alpha
  extra_run_args=()
  expect_eq "$m docker socket: exit code" 0 "$rc"
  check_receipt "$m docker socket" SUCCESS
  expect_eq "$m docker socket: the sibling CLI container wrote the deployed commit" "$sha" \
    "$(cat "$ws/.app/version" 2>/dev/null)"
  check "$m docker socket: the docker CLI came from 'tools', SHA-256 verified" \
    grep -q "docker pinned: SHA-256 verified ($asset_sha)" "$out"
  [ -z "$service_pid" ] || kill "$service_pid" 2>/dev/null
}

all_scenarios() {
  local_mode_scenarios "$1"
  github_mode_scenarios "$1"
  project_fakes_scenario "$1"
  fly_scenarios "$1"
  [ "$1" != container ] || docker_socket_scenario "$1"
  cancellation_scenarios "$1"
}

# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------
total_start=$SECONDS
if [ "$mode" != native ]; then
  if [ -z "$image" ]; then
    image=factory-deploy:test
    built_here=1
    if [ "$setup" = 1 ]; then
      say "container toolchain and base images (scripts/container-setup.sh)"
      "$repo/scripts/container-setup.sh" || { echo "container setup failed" >&2; exit 1; }
    fi
    say "image build (scripts/build-image.sh)"
    build_args=(--tag "$image")
    [ -z "$context" ] || build_args+=(--context "$context")
    if "$repo/scripts/build-image.sh" "${build_args[@]}" >"$tmp/image-build.log" 2>&1; then
      pass "image builds from the Dockerfile"
      tail -n1 "$tmp/image-build.log"
    else
      fail "image builds from the Dockerfile" "see the log below"
      tail -n 40 "$tmp/image-build.log"
      echo "$passed passed, $failed failed"
      exit 1
    fi
  fi
  say "image facts"
  size=$("$engine" image inspect --format '{{.Size}}' "$image")
  start=$(now_ms)
  version=$("$engine" run --rm "$image" --version 2>&1)
  cold_ms=$(($(now_ms) - start))
  echo "  image $image: $((size / 1000 / 1000)) MB; cold start ($engine run --rm IMAGE --version): $cold_ms ms"
  check "image: --version answers" test -n "$version"
  entrypoint=$("$engine" image inspect --format '{{json .Config.Entrypoint}}' "$image")
  expect_eq "image: exec-form absolute ENTRYPOINT" '["/usr/local/bin/factory-deploy"]' "$entrypoint"
  expect_eq "image: no USER" "" "$("$engine" image inspect --format '{{.Config.User}}' "$image")"
  check "image: CA certificates present" "$engine" run --rm --entrypoint /bin/sh "$image" -c \
    'test -s /etc/ssl/certs/ca-certificates.crt'
  check "image: every linked library resolves" "$engine" run --rm --entrypoint /bin/sh "$image" -c \
    '! ldd /usr/local/bin/factory-deploy | grep -q "not found"'
  check "image: no compiler or headers in the runtime" "$engine" run --rm --entrypoint /bin/sh "$image" -c \
    '! command -v c++ && ! test -d /usr/include/Poco'
  # Issue 13: at most 80 MB, with the shell and tools the manifest's commands run with.
  check "image: at most 80 MB ($((size / 1000 / 1000)) MB)" test "$size" -le 80000000
  check "image: the tools deploy commands use are there" "$engine" run --rm --entrypoint /bin/bash \
    "$image" -c 'for t in sh bash env sed grep awk find xargs tar gzip setsid flock sleep date \
      mktemp sha256sum nohup timeout getent; do
      command -v "$t" >/dev/null || { echo "missing $t"; exit 1; }; done'
  check "image: dpkg still lists what is installed (for image scanners)" "$engine" run --rm \
    --entrypoint /bin/sh "$image" -c 'dpkg-query -W libgit2-1.5 libssl3 coreutils >/dev/null'
  if [ "${built_here:-0}" = 1 ]; then
    # The image to build on (:v1-debian): the same binary with apt-get; its layers are cached.
    if "$repo/scripts/build-image.sh" --tag "$image-debian" --target debian \
      >"$tmp/image-debian-build.log" 2>&1; then
      pass "the debian stage builds (:v1-debian)"
      check "debian stage: apt-get is there to build on" "$engine" run --rm --entrypoint /bin/sh \
        "$image-debian" -c 'apt-get --version && dpkg-query -W perl-base'
      expect_eq "debian stage: the same binary" "$version" \
        "$("$engine" run --rm "$image-debian" --version 2>&1)"
    else
      fail "the debian stage builds (:v1-debian)" "see $tmp/image-debian-build.log"
    fi
  fi
  all_scenarios container
fi

if [ "$mode" != container ]; then
  if [ -x "$binary" ]; then
    all_scenarios native
  else
    skip "native mode: $binary not built"
  fi
fi

if [ "$mode" != native ] && [ "$built_here" = 1 ]; then
  # Layers of earlier builds pile up (about 1 GB each); keep a day's worth for the build cache.
  "$engine" image prune -f --filter until=24h >/dev/null 2>&1 || true
fi

printf '\ncontainer test finished in %s s\n' "$((SECONDS - total_start))"
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
