#!/usr/bin/env bash
# The benchmark driver (scripts/bench.sh builds, then runs this): the whole
# `factory-deploy --environment prod` in GitHub mode against loopback fakes of GitHub and the
# results service (bench/fake_services, one fresh instance per run), a no-op deploy command and a
# local health endpoint (example-service). Prints wall time, user+sys CPU, peak RSS, requests and
# bytes per endpoint, and the start-up time of `factory-deploy --version`; writes the same as
# Markdown to <build>/bench/results.md. Nothing leaves 127.0.0.1.
#
#   bench/run-bench.sh BUILD_DIR
# Environment: FD_BENCH_SIZES ("100 1000 5000"), FD_BENCH_RUNS (10; 5 from 5,000 check runs),
# FD_BENCH_PENDING_POLLS (2), FD_BENCH_KEEP=1 keeps the work directory, FD_BENCH_PROFILE=callgrind
# adds a run under callgrind (FD_BENCH_PROFILE_CHECKS check runs, 1000) and prints its hot spots,
# FD_BENCH_PEER=0 skips the octokit peer (bench/octokit-peer, run when its node_modules exist),
# FD_BENCH_PEER_RUNS (3) its runs per size.
set -euo pipefail
build=$(cd "${1:?usage: run-bench.sh BUILD_DIR}" && pwd)
fd="$build/factory-deploy"
fakes="$build/bench/fake_services"
measure="$build/bench/measure"
service="$build/example-service"
for program in "$fd" "$fakes" "$measure" "$service"; do
  [ -x "$program" ] || { echo "run-bench: $program is missing: build it first" >&2; exit 2; }
done
sizes=${FD_BENCH_SIZES:-100 1000 5000}
pending_polls=${FD_BENCH_PENDING_POLLS:-2}
token="ghs_benchToken0123456789abcdef"  # the fake GitHub's; never a real one
run_id=7001
results="$build/bench/results.md"

work=$(mktemp -d "${TMPDIR:-/tmp}/fd-bench.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]+"${pids[@]}"}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "${FD_BENCH_KEEP:-0}" = 1 ]; then echo "run-bench: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

say() { printf '%s\n' "$*" | tee -a "$results"; }
: >"$results"

# --- The machine -----------------------------------------------------------------------------
cpu_model=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
mem_total=$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
# shellcheck disable=SC1091
os_name=$(. /etc/os-release && echo "$PRETTY_NAME")
say "# factory-deploy benchmark ($(date -u +%Y-%m-%dT%H:%M:%SZ))"
say ""
say "- machine: $(nproc) CPUs ($cpu_model), $mem_total RAM, $os_name, Linux $(uname -r)"
say "- binary: $fd ($("$fd" --version 2>&1 | head -1)), $(stat -c %s "$fd") bytes"

# --- The repository: a code commit, then QA and security reports about it ---------------------
app_port=$("$service" free-port)
app_url="http://127.0.0.1:$app_port"
template="$work/template"
mkdir -p "$template/.factory"
git() { command git -C "$template" -c user.name=bench -c user.email=bench@example.invalid "$@"; }
git -c init.defaultBranch=main init -q
echo "release 0" >"$template/app.txt"
git add -A && git commit -qm "release 0"
previous_sha=$(git rev-parse HEAD)
cat >"$template/.factory/deploy-config.json" <<EOF
{
  "platform": "local (benchmark)",
  "project_name": "shop",
  "health_check_path": "/health",
  "environments": {
    "staging": { "app_name": "shop-staging", "deploy_command": "true", "url": "$app_url" },
    "prod": { "app_name": "shop", "deploy_command": "true", "rollback_command": "true",
              "url": "$app_url" }
  },
  "health_check": { "timeout_s": 10, "interval_s": 1, "expect_version": true }
}
EOF
echo "release 1" >"$template/app.txt"
git add -A && git commit -qm "release 1"
tested=$(git rev-parse --short HEAD)
printf '# QA Report\n\n## Summary\n- **Overall status**: PASS\n- **Tested commit**: %s\n' \
  "$tested" >"$template/QA-REPORT.md"
printf '# Security Review\n\n## Summary\n- **Overall status**: CLEAR\n- **Tested commit**: %s\n' \
  "$tested" >"$template/SECURITY.md"
git add -A && git commit -qm "QA and security reports for $tested"
sha=$(git rev-parse HEAD)
code_sha=$(git rev-parse HEAD~1)  # the tested commit: the CI gate judges its checks too
unset -f git

mkdir -p "$work/service"
echo "healthy=true" >"$work/service/service.conf"
"$service" serve --port "$app_port" --version "$sha" --config "$work/service/service.conf" \
  >"$work/service/log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do "$service" get "$app_url/health" >/dev/null 2>&1 && break; sleep 0.05; done

# Every input the runner sets (action.yml defaults), as INPUT_<NAME> with the dashes kept.
inputs=(INPUT_QA-REPORT=QA-REPORT.md INPUT_SECURITY-REPORT=SECURITY.md INPUT_WORKING-DIRECTORY=.
        INPUT_GITHUB-TOKEN="$token" INPUT_CI-TIMEOUT=60 INPUT_CI-INTERVAL=1 INPUT_IGNORE-CHECKS=
        INPUT_REQUIRED-CHECKS= INPUT_BLOCKER-LABEL=deploy-blocker INPUT_ALLOW-NON-MAIN=false
        INPUT_REPORT-COMMIT-POLICY=content INPUT_DRY-RUN=false INPUT_CREATE-DEPLOYMENT=true
        INPUT_UPLOAD-ARTIFACT=true INPUT_ARTIFACT-NAME= INPUT_RETENTION-DAYS=)
fd_command=("$fd")  # FD_BENCH_PROFILE=callgrind wraps one extra run in valgrind

# --- One measured run --------------------------------------------------------------------------
# run_once DIR CHECK_RUNS PENDING_POLLS: fresh repository copy and fakes; appends the measurement
# to DIR/../measure.txt and leaves the fakes' counts in DIR/fakes/requests.tsv.
# start_fakes DIR CHECK_RUNS PENDING_POLLS: a fresh bench/fake_services in DIR/fakes (its errors in
# DIR/fakes.err); sets `server` to its pid and sources its ready.env (FD_BENCH_* URLs).
start_fakes() {
  local dir=$1 checks=$2 pending=$3
  "$fakes" --dir "$dir/fakes" --sha "$sha" --previous-sha "$previous_sha" --code-sha "$code_sha" \
    --check-runs "$checks" --pending-polls "$pending" --run-id "$run_id" --token "$token" \
    2>"$dir/fakes.err" &
  server=$!
  pids+=("$server")
  # Composing 100 pages of 5,000 check runs takes seconds on a slow VM: wait up to a minute, and
  # say why when the fakes died instead.
  for _ in $(seq 3000); do
    [ -f "$dir/fakes/ready.env" ] && break
    kill -0 "$server" 2>/dev/null || { echo "bench: fake_services exited:" >&2; cat "$dir/fakes.err" >&2; exit 1; }
    sleep 0.02
  done
  # shellcheck disable=SC1091
  . "$dir/fakes/ready.env"
}

run_once() {
  local dir=$1 checks=$2 pending=$3
  mkdir -p "$dir/tmp" "$dir/home"
  cp -a "$template" "$dir/repo"
  start_fakes "$dir" "$checks" "$pending"
  cat >"$dir/event.json" <<EOF
{"inputs": {"environment": "prod", "confirm": "shop"}, "ref": "refs/heads/main",
 "repository": {"full_name": "octo/shop", "default_branch": "main"},
 "sender": {"login": "carol"}, "workflow": ".github/workflows/deploy.yml"}
EOF
  local code=0
  (cd "$dir/repo" && env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$dir/home" LANG=C.UTF-8 \
    CI=true GITHUB_ACTIONS=true RUNNER_OS=Linux RUNNER_TEMP="$dir/tmp" \
    GITHUB_API_URL="$FD_BENCH_API_URL" GITHUB_SERVER_URL=https://github.com \
    ACTIONS_RESULTS_URL="$FD_BENCH_RESULTS_URL" ACTIONS_RUNTIME_TOKEN="$FD_BENCH_RUNTIME_TOKEN" \
    GITHUB_REPOSITORY=octo/shop GITHUB_REPOSITORY_OWNER=octo GITHUB_SHA="$sha" \
    GITHUB_REF=refs/heads/main GITHUB_REF_NAME=main GITHUB_EVENT_NAME=workflow_dispatch \
    GITHUB_EVENT_PATH="$dir/event.json" GITHUB_RUN_ID="$run_id" GITHUB_RUN_ATTEMPT=1 \
    GITHUB_ACTOR=carol GITHUB_TRIGGERING_ACTOR=carol GITHUB_JOB=deploy GITHUB_WORKFLOW=deploy \
    GITHUB_WORKSPACE="$dir/repo" GITHUB_OUTPUT="$dir/output" GITHUB_STEP_SUMMARY="$dir/summary" \
    GITHUB_RETENTION_DAYS=90 \
    INPUT_ENVIRONMENT=prod INPUT_CONFIG=.factory/deploy-config.json INPUT_RECEIPT=DEPLOY-RECEIPT.md \
    INPUT_CONFIRM=shop "${inputs[@]}" \
    "$measure" "$dir/../measure.txt" -- "${fd_command[@]}" >"$dir/stdout" 2>"$dir/stderr" </dev/null) ||
    code=$?
  kill "$server"
  wait "$server" || { echo "run-bench: fake services failed: $(cat "$dir/fakes.err")" >&2; exit 1; }
  if [ "$code" != 0 ] || ! grep -qx SUCCESS "$dir/output"; then
    echo "run-bench: factory-deploy exited $code (expected 0, SUCCESS) in $dir:" >&2
    tail -n 30 "$dir/stdout" "$dir/stderr" >&2
    FD_BENCH_KEEP=1
    exit 1
  fi
}

# --- Statistics helpers ------------------------------------------------------------------------
# field NAME FILE: the values of NAME=… on every line of FILE, one per line.
field() { sed -n "s/.*\\b$1=\\([0-9]*\\).*/\\1/p" "$2"; }
cpu_values() { awk '{split($2,u,"="); split($3,s,"="); print u[2] + s[2]}' "$1"; }
# median/min/max of microsecond values, in ms with one decimal.
stats_ms() {
  sort -n | awk '{v[NR]=$1} END {m = NR % 2 ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2;
    printf "%.1f|%.1f|%.1f\n", m / 1000, v[1] / 1000, v[NR] / 1000}'
}
max_mib() { sort -n | tail -1 | awk '{printf "%.1f", $1 / 1024}'; }
median_raw() { sort -n | awk '{v[NR]=$1} END {print NR % 2 ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
# tsv_sum FILE PATTERN COLUMN: the sum of COLUMN over rows whose endpoint matches PATTERN.
tsv_sum() { awk -F'\t' -v p="$2" -v c="$3" '$2 ~ p {s += $c} END {print s + 0}' "$1"; }
tsv_status() {  # tsv_status FILE PATTERN STATUS: answers with that status
  awk -F'\t' -v p="$2" -v st="$3" '$2 ~ p {n = split($4, a, " ");
    for (i = 1; i <= n; i++) { split(a[i], b, "x"); if (b[1] == st) s += b[2] } } END {print s + 0}' "$1"
}

requests_table() {  # requests_table TSV
  say ""
  say "| service | endpoint | requests | answers | bytes sent | bytes received |"
  say "|---|---|---:|---|---:|---:|"
  awk -F'\t' '{printf "| %s | `%s` | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6}' "$1" |
    tee -a "$results"
  awk -F'\t' '{r += $3; i += $5; o += $6} END {printf "| | **total** | **%d** | | **%d** | **%d** |\n", r, i, o}' \
    "$1" | tee -a "$results"
}

# --- The sizes --------------------------------------------------------------------------------
say ""
say "## factory-deploy --environment prod (GitHub mode, all gates, no-op deploy, local health)"
say ""
say "Each run: fresh repository copy and fresh fakes (check-run pages pre-composed, so the wall"
say "time is factory-deploy's, not the fake's); CPU and RSS from wait4 of the child (factory-deploy"
say "plus its one \`sh -c true\`); bytes are HTTP messages (start line, headers, body)."
say ""
say "| check runs | pages | runs | wall ms (median, min–max) | user+sys CPU ms (median, min–max) | peak RSS MiB (max) | requests | bytes (sent + received) |"
say "|---:|---:|---:|---|---|---:|---:|---:|"
declare -A cpu_median pages_of rss_of rss_kib_of peer_rss_of
read -r -a size_list <<<"$sizes"
for checks in "${size_list[@]}"; do
  runs=${FD_BENCH_RUNS:-10}
  [ "$checks" -ge 5000 ] && runs=${FD_BENCH_RUNS:-5}
  label="checks-$checks"
  mkdir -p "$work/$label"
  for i in $(seq "$runs"); do run_once "$work/$label/$i" "$checks" 0; done
  tsv="$work/$label/1/fakes/requests.tsv"
  # The CI gate judges the code commit and the report commit after it (the same code): each
  # commit's check runs are listed, so two listings of the pages.
  pages=$(( 2 * ((checks + 99) / 100) ))
  for i in $(seq "$runs"); do
    got=$(tsv_sum "$work/$label/$i/fakes/requests.tsv" "check-runs" 3)
    if [ "$got" != "$pages" ]; then
      echo "run-bench: $checks check runs: $got check-runs requests in run $i, expected $pages" >&2
      exit 1
    fi
    cached=$(sed -n 's/.*answered_from_cache": *\([0-9]*\).*/\1/p' "$work/$label/$i/fakes/requests.json")
    if [ "$cached" != "$pages" ]; then
      echo "run-bench: warning: only $cached of $pages pages came pre-composed in run $i;" \
        "its wall time includes the fake composing the rest" >&2
    fi
  done
  IFS='|' read -r wall_med wall_min wall_max < <(field wall_us "$work/$label/measure.txt" | stats_ms)
  IFS='|' read -r cpu_med cpu_min cpu_max < <(cpu_values "$work/$label/measure.txt" | stats_ms)
  rss=$(field maxrss_kb "$work/$label/measure.txt" | max_mib)
  total_requests=$(tsv_sum "$tsv" "" 3)
  total_bytes=$(( $(tsv_sum "$tsv" "" 5) + $(tsv_sum "$tsv" "" 6) ))
  cpu_median[$checks]=$(cpu_values "$work/$label/measure.txt" | median_raw)
  pages_of[$checks]=$pages
  cp "$tsv" "$build/bench/requests-$checks.tsv"
  say "| $checks | $pages | $runs | $wall_med ($wall_min–$wall_max) | $cpu_med ($cpu_min–$cpu_max) | $rss | $total_requests | $total_bytes |"
  rss_of[$checks]=$rss
  rss_kib_of[$checks]=$(field maxrss_kb "$work/$label/measure.txt" | sort -n | tail -1)
done

# --- Memory per page --------------------------------------------------------------------------
if [ "${#size_list[@]}" -ge 2 ]; then
  mapfile -t by_size < <(printf '%s\n' "${size_list[@]}" | sort -n)
  small=${by_size[0]} large=${by_size[-1]}
  say ""
  say "- peak RSS per extra page: $(awk -v a="${rss_kib_of[$small]}" -v b="${rss_kib_of[$large]}" \
    -v p=$((pages_of[$large] - pages_of[$small])) 'BEGIN {printf "%.1f KiB", (b - a) / p}') ($small → $large check runs: ${rss_of[$small]} → ${rss_of[$large]} MiB, $((pages_of[$large] - pages_of[$small])) more pages)"
fi

# --- The octokit peer: the same CI gate's reads with @octokit/core, same fakes -----------------
peer_dir="$(cd "$(dirname "$0")" && pwd)/octokit-peer"
if [ "${FD_BENCH_PEER:-1}" = 1 ] && command -v node >/dev/null && [ -d "$peer_dir/node_modules" ]; then
  say ""
  say "## Peer: the CI gate's reads with octokit ($(node --version), @octokit/core $(node -p \
    "require('$peer_dir/node_modules/@octokit/core/package.json').version"))"
  say ""
  say "Same fakes, same pages (both commits' check runs and the status), nothing else: no other"
  say "gate, no deploy, no receipt. CPU and RSS from wait4 of node."
  say ""
  say "| check runs | runs | peer user+sys CPU ms (median) | peer peak RSS MiB (max) | factory-deploy CPU, RSS | factory-deploy's advantage (CPU, RSS) |"
  say "|---:|---:|---:|---:|---|---|"
  for checks in "${size_list[@]}"; do
    runs=${FD_BENCH_PEER_RUNS:-3}
    label="peer-$checks"
    mkdir -p "$work/$label"
    for i in $(seq "$runs"); do
      dir="$work/$label/$i"
      mkdir -p "$dir"
      start_fakes "$dir" "$checks" 0
      "$measure" "$work/$label/measure.txt" -- node "$peer_dir/ci-gate.mjs" "$FD_BENCH_API_URL" \
        "$token" octo/shop "$code_sha" "$sha" >"$dir.out" 2>&1 ||
        { echo "run-bench: the octokit peer failed: $(cat "$dir.out")" >&2; exit 1; }
      # It must have read every check run, as factory-deploy did.
      grep -q "^ci: green $checks checks" "$dir.out" ||
        { echo "run-bench: the octokit peer saw other checks: $(cat "$dir.out")" >&2; exit 1; }
      kill "$server"
      wait "$server" || true
    done
    IFS='|' read -r peer_cpu _ _ < <(cpu_values "$work/$label/measure.txt" | stats_ms)
    peer_rss=$(field maxrss_kb "$work/$label/measure.txt" | max_mib)
    peer_rss_of[$checks]=$peer_rss
    fd_cpu=$(awk -v x="${cpu_median[$checks]}" 'BEGIN {printf "%.1f", x / 1000}')
    say "| $checks | $runs | $peer_cpu | $peer_rss | $fd_cpu ms, ${rss_of[$checks]} MiB | $(awk -v a="$peer_cpu" -v b="$fd_cpu" 'BEGIN {printf "%.1f×", a / b}'), $(awk -v a="$peer_rss" -v b="${rss_of[$checks]}" 'BEGIN {printf "%.1f×", a / b}') |"
  done
fi

# --- Pending checks: the ETag/304 polling path ------------------------------------------------
# FD_BENCH_PENDING_POLLS=0 leaves it out.
if [ "$pending_polls" -gt 0 ]; then
  pending_checks=1000
  # Each poll lists the check runs of both commits (the code commit and the report commit).
  pending_pages=$(( 2 * ((pending_checks + 99) / 100) ))
  polls=$((pending_polls + 1))
  label="pending"
  mkdir -p "$work/$label"
  run_once "$work/$label/1" "$pending_checks" "$pending_polls"
  ptsv="$work/$label/1/fakes/requests.tsv"
  cp "$ptsv" "$build/bench/requests-pending.tsv"
  got_requests=$(tsv_sum "$ptsv" "check-runs" 3)
  got_304=$(tsv_status "$ptsv" "check-runs" 304)
  # Every page after the first poll is 304 except, in the last poll, the one page of each commit
  # that holds the check run that finished.
  want_304=$((pending_pages * pending_polls - 2))
  IFS='|' read -r p_wall _ _ < <(field wall_us "$work/$label/measure.txt" | stats_ms)
  IFS='|' read -r p_cpu _ _ < <(cpu_values "$work/$label/measure.txt" | stats_ms)
  p_rss=$(field maxrss_kb "$work/$label/measure.txt" | max_mib)
  say ""
  say "## Polling: $pending_checks check runs, one pending for $pending_polls polls (ci-interval 1 s)"
  say ""
  say "- $polls polls × $pending_pages pages: $got_requests check-runs requests (expected $((polls * pending_pages))), $got_304 answered 304 (expected $want_304: every unchanged page after the first poll)"
  say "- wall $p_wall ms (includes $pending_polls × 1 s of waiting), user+sys CPU $p_cpu ms, peak RSS $p_rss MiB"
  requests_table "$ptsv"
fi

# --- Requests per endpoint at 1,000 check runs -----------------------------------------------
if [ -f "$build/bench/requests-1000.tsv" ]; then
  say ""
  say "## Requests per endpoint, 1,000 check runs (one run; every run is the same)"
  requests_table "$build/bench/requests-1000.tsv"
fi

# --- Linearity: CPU per page ------------------------------------------------------------------
mapfile -t sorted < <(printf '%s\n' "${size_list[@]}" | sort -n)
if [ "${#sorted[@]}" -ge 3 ]; then
  a=${sorted[0]} b=${sorted[1]} c=${sorted[2]}
  slope() {  # CPU µs per page between two sizes
    echo $(( (${cpu_median[$2]%.*} - ${cpu_median[$1]%.*}) / (${pages_of[$2]} - ${pages_of[$1]}) ))
  }
  say ""
  say "## Growth"
  say ""
  say "- CPU per extra page of 100 check runs: $(slope "$a" "$b") µs ($a → $b), $(slope "$b" "$c") µs ($b → $c)"
fi

# --- Start-up: factory-deploy --version -------------------------------------------------------
say ""
say "## Start-up: factory-deploy --version"
say ""
for _ in $(seq 20); do "$measure" "$work/version.txt" -- "$fd" --version >/dev/null; done
IFS='|' read -r v_cpu _ _ < <(cpu_values "$work/version.txt" | stats_ms)
v_rss=$(field maxrss_kb "$work/version.txt" | max_mib)
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 5 --runs 200 --export-csv "$work/version.csv" "$fd --version" >/dev/null 2>&1
  IFS=, read -r _ v_mean v_sd v_median v_user v_system v_min v_max < <(sed -n 2p "$work/version.csv")
  say "- hyperfine (200 runs): mean $(awk -v x="$v_mean" 'BEGIN {printf "%.2f", x * 1000}') ms ± $(awk -v x="$v_sd" 'BEGIN {printf "%.2f", x * 1000}') ms, median $(awk -v x="$v_median" 'BEGIN {printf "%.2f", x * 1000}') ms (user $(awk -v x="$v_user" 'BEGIN {printf "%.2f", x * 1000}') ms, system $(awk -v x="$v_system" 'BEGIN {printf "%.2f", x * 1000}') ms), min $(awk -v x="$v_min" 'BEGIN {printf "%.2f", x * 1000}') ms, max $(awk -v x="$v_max" 'BEGIN {printf "%.2f", x * 1000}') ms"
else
  for _ in $(seq 100); do
    t0=$(date +%s%N); "$fd" --version >/dev/null; t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000 ))
  done >"$work/version-wall.txt"
  IFS='|' read -r v_med v_min v_max < <(stats_ms <"$work/version-wall.txt")
  say "- 100 runs timed with date +%s%N (hyperfine not installed): median $v_med ms, min $v_min ms, max $v_max ms"
fi
say "- user+sys CPU $v_cpu ms (median of 20), peak RSS $v_rss MiB"
# The split: instructions under callgrind (deterministic, unlike times on a shared machine):
# the dynamic loader before main (loading and relocating the shared libraries) against the rest.
libs=$(ldd "$fd" | grep -c '=> /')
if command -v valgrind >/dev/null && command -v callgrind_annotate >/dev/null; then
  valgrind --tool=callgrind --callgrind-out-file="$work/version.callgrind" "$fd" --version \
    >/dev/null 2>&1
  callgrind_annotate --inclusive=yes "$work/version.callgrind" >"$work/version.annotate" 2>/dev/null
  instr() { awk -v f="$1" '$0 ~ f {gsub(/,/, "", $1); print $1; exit}' "$work/version.annotate"; }
  total=$(instr 'PROGRAM TOTALS')
  loader=$(instr 'rtld.c:_dl_start ')
  reloc=$(instr 'dl-reloc.c:_dl_relocate_object ')
  if [ -z "$loader" ]; then
    say "- instructions (callgrind): $total in all; the loader's share needs glibc's debug symbols (apt-get install libc6-dbg)"
  else
    say "- instructions (callgrind): $total in all; the dynamic loader before main $loader ($(awk -v a="$loader" -v b="$total" 'BEGIN {printf "%.0f", 100 * a / b}') %), of which relocating the $libs shared libraries $reloc; the program itself $((total - loader))"
  fi
fi

# --- sh -c true: what the no-op deploy command itself costs -----------------------------------
for _ in $(seq 20); do "$measure" "$work/sh.txt" -- /bin/sh -c true; done
IFS='|' read -r sh_cpu _ _ < <(cpu_values "$work/sh.txt" | stats_ms)
say "- for comparison, \`/bin/sh -c true\` alone: user+sys CPU $sh_cpu ms (median of 20)"

# --- Runtime closure ---------------------------------------------------------------------------
say ""
say "## Runtime closure (ldd $fd)"
say ""
say "| library | bytes | C/C++ runtime |"
say "|---|---:|---|"
all=0 runtime=0
while read -r name path; do
  size=$(stat -L -c %s "$path")
  rt=""
  case "$name" in
    libc.so.*|libm.so.*|libstdc++.so.*|libgcc_s.so.*|ld-linux*) rt=yes runtime=$((runtime + size)) ;;
  esac
  all=$((all + size))
  say "| $name | $size | $rt |"
done < <(ldd "$fd" | awk '$2 == "=>" && $3 ~ /^\// {print $1, $3} $1 ~ /^\// {n = split($1, p, "/"); print p[n], $1}')
binary=$(stat -c %s "$fd")
say ""
say "- binary $binary bytes; shared libraries $all bytes, of which C/C++ runtime (libc, libm, libstdc++, libgcc_s, ld-linux) $runtime bytes"
say "- closure with the C/C++ runtime: $((binary + all)) bytes ($(awk -v x=$((binary + all)) 'BEGIN {printf "%.1f", x / 1048576}') MiB); without it: $((binary + all - runtime)) bytes ($(awk -v x=$((binary + all - runtime)) 'BEGIN {printf "%.1f", x / 1048576}') MiB)"

# Opened with dlopen when a repository is first read (src/git/libgit2_api.hpp): not in ldd's list,
# not paid by --version, paid by every deploy.
if [ -f "$build/dlopened-libraries.txt" ]; then
  linked=$(ldd "$fd" | awk '$2 == "=>" {print $1}')
  while IFS= read -r lib; do
    [ -e "$lib" ] || continue
    extra=0 count=0
    while read -r name path; do
      grep -qxF "$name" <<<"$linked" && continue
      extra=$((extra + $(stat -L -c %s "$path"))) count=$((count + 1))
    done < <(ldd "$lib" | awk '$2 == "=>" && $3 ~ /^\// {print $1, $3}')
    say "- opened with dlopen on the first repository read: ${lib##*/} ($(stat -L -c %s "$lib") bytes) and the $count libraries it brings that are not above ($extra bytes)"
  done <"$build/dlopened-libraries.txt"
fi

# --- Profile (FD_BENCH_PROFILE=callgrind): one more run under callgrind ------------------------
if [ "${FD_BENCH_PROFILE:-}" = callgrind ]; then
  profile="$build/bench/callgrind.out"
  # valgrind drops variables whose names are not identifiers (INPUT_GITHUB-TOKEN): env puts
  # them back inside the traced process.
  fd_command=(valgrind --tool=callgrind --callgrind-out-file="$profile" --trace-children=yes
              --trace-children-skip='*/sh' /usr/bin/env "${inputs[@]}" "$fd")
  mkdir -p "$work/profile"
  profile_checks=${FD_BENCH_PROFILE_CHECKS:-1000}
  run_once "$work/profile/1" "$profile_checks" 0
  say ""
  say "## Profile: $profile_checks check runs under callgrind (instructions, inclusive)"
  say ""
  say '```'
  callgrind_annotate --inclusive=yes "$profile" 2>/dev/null | grep -E '^ *[0-9,]+ +\(' |
    sed -n '1,40p' | tee -a "$results"
  say '```'
  say "- full profile: $profile (callgrind_annotate, kcachegrind)"
fi

# --- Targets -----------------------------------------------------------------------------------
say ""
say "## Targets"
say ""
at_least() { if awk -v a="$1" -v b="$2" 'BEGIN {exit !(a >= b)}'; then echo met; else echo MISSED; fi; }
at_most() { if awk -v a="$1" -v b="$2" 'BEGIN {exit !(a <= b)}'; then echo met; else echo MISSED; fi; }
if [ -n "${cpu_median[1000]:-}" ]; then
  cpu1000=$(awk -v x="${cpu_median[1000]}" 'BEGIN {printf "%.1f", x / 1000}')
  rss1000=$(field maxrss_kb "$work/checks-1000/measure.txt" | max_mib)
  say "- 1,000 check runs, CPU ≤ 50 ms: $cpu1000 ms (median) — $(at_most "$cpu1000" 50)"
  say "- 1,000 check runs, peak RSS ≤ 25 MiB: $rss1000 MiB (max) — $(at_most "$rss1000" 25)"
fi
if [ -n "${small:-}" ] && [ "$small" != "$large" ]; then
  growth=$(awk -v a="${rss_kib_of[$small]}" -v b="${rss_kib_of[$large]}" 'BEGIN {printf "%.1f", (b - a) * 1024 / 1e6}')
  say "- peak RSS at $large check runs within 2 MB of $small: +$growth MB — $(at_most "$growth" 2)"
  if [ -n "${peer_rss_of[$large]:-}" ]; then
    ratio=$(awk -v a="${peer_rss_of[$large]}" -v b="${rss_of[$large]}" 'BEGIN {printf "%.1f", a / b}')
    say "- peak RSS at $large check runs at least 5× below the octokit peer's: ${ratio}× — $(at_least "$ratio" 5)"
  fi
fi
if [ -n "${v_mean:-}" ]; then
  v_ms=$(awk -v x="$v_mean" 'BEGIN {printf "%.2f", x * 1000}')
  say "- \`--version\` start-up ≤ 10 ms (hyperfine mean): $v_ms ms — $(at_most "$v_ms" 10)"
fi
if [ "$pending_polls" -gt 0 ]; then
  if [ "$got_requests" = $((polls * pending_pages)) ] && [ "$got_304" = "$want_304" ]; then
    say "- one request per page per poll: met ($got_requests = $polls polls × $pending_pages pages; $got_304 × 304)"
  else
    say "- one request per page per poll: MISSED ($got_requests requests, $got_304 × 304)"
  fi
fi
echo
echo "run-bench: results in $results"
