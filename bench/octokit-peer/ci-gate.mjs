// The benchmark's peer (bench/run-bench.sh): the CI gate's reads written the way a GitHub
// Actions user would write them with octokit, against the same fake GitHub, so factory-deploy's
// CPU and peak memory can be compared with a common alternative in the same run.
//
//   node ci-gate.mjs API_URL TOKEN OWNER/REPO SHA [SHA...]
//
// For every SHA: every page of check runs (octokit's paginate), then the combined status of the
// last one; the latest check run per (app, name) must be completed and successful. Prints one
// line, "ci: green N checks" or "ci: not green ...", and exits 0 or 1.
import { Octokit } from "@octokit/core";
import { paginateRest } from "@octokit/plugin-paginate-rest";

const [apiUrl, token, fullName, ...shas] = process.argv.slice(2);
if (!apiUrl || !token || !fullName || shas.length === 0) {
  console.error("usage: node ci-gate.mjs API_URL TOKEN OWNER/REPO SHA [SHA...]");
  process.exit(2);
}
const [owner, repo] = fullName.split("/");
const octokit = new (Octokit.plugin(paginateRest))({ auth: token, baseUrl: apiUrl });

const latest = new Map();
for (const ref of shas) {
  const runs = await octokit.paginate("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", {
    owner, repo, ref, per_page: 100,
  });
  for (const run of runs) {
    const key = `${run.app?.id ?? ""}/${run.name}`;
    const seen = latest.get(key);
    if (!seen || (run.started_at ?? "") > (seen.started_at ?? "")) latest.set(key, run);
  }
}
const { data: status } = await octokit.request("GET /repos/{owner}/{repo}/commits/{ref}/status", {
  owner, repo, ref: shas[shas.length - 1], per_page: 100,
});

const bad = [...latest.values()].filter(
  (run) => run.name !== "deploy" &&
    (run.status !== "completed" || !["success", "neutral", "skipped"].includes(run.conclusion)));
const badStatuses = status.statuses.filter((s) => s.state !== "success");
if (bad.length > 0 || badStatuses.length > 0) {
  console.log(`ci: not green: ${bad.map((r) => r.name).concat(badStatuses.map((s) => s.context))
    .join(", ")}`);
  process.exit(1);
}
console.log(`ci: green ${latest.size} checks, ${status.statuses.length} statuses`);
