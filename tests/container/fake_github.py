#!/usr/bin/env python3
"""Loopback stand-in for the GitHub REST API, the Actions results service (artifact v4 twirp)
and the blob store, for the container-action test. 127.0.0.1 only; nothing leaves the machine.

It answers the calls a deploy makes (check runs, combined status, jobs of the run, repository,
compare, issues, approvals, workflow runs, deployments and their statuses) and accepts artifact
uploads the way the real services do: CreateArtifact -> signed URL -> block upload (comp=block,
comp=blocklist) or a single Put Blob -> FinalizeArtifact, checking size and sha256 hash.
Deployments persist for the server's life, so a promotion chain across runs works.

Every request is appended to --log as one JSON line; each finalized artifact's bytes are saved
as --artifacts-dir/<name>. On start, --info-file receives {"port", "token", "runtime_token",
"run_backend_id", "job_backend_id"} (the runtime token is a JWT with the Actions.Results scope).
Checks are green except that this run's own job is in progress (as a deploy job sees it); the
combined status has zero statuses ("pending", as GitHub reports it).
"""
import argparse
import base64
import datetime
import hashlib
import json
import os
import re
import sys
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def make_runtime_token(run_backend_id, job_backend_id):
    header = {"alg": "RS256", "typ": "JWT"}
    payload = {
        "scp": f"Actions.ExampleScope Actions.Results:{run_backend_id}:{job_backend_id}",
        "iss": "fake-github",
        "exp": 4102444800,
    }
    return ".".join([b64url(json.dumps(header).encode()), b64url(json.dumps(payload).encode()),
                     b64url(b"not-a-real-signature")])


def now_iso():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class State:
    def __init__(self, args):
        self.args = args
        self.lock = threading.RLock()  # replies are recorded under it, also from inside it
        self.deployments = []  # newest last
        self.statuses = {}  # deployment id -> [status], newest last
        self.next_id = 1000
        self.artifacts = {}  # name -> {"id", "upload_key", "run", "job"}
        self.blobs = {}  # upload key -> {"blocks": {id: bytes}, "data": bytes|None}
        self.token = "ghs_" + uuid.uuid4().hex
        self.run_backend_id = str(uuid.uuid4())
        self.job_backend_id = str(uuid.uuid4())
        self.runtime_token = make_runtime_token(self.run_backend_id, self.job_backend_id)
        self.blob_sig = uuid.uuid4().hex  # the signed URL's secret part

    def new_id(self):
        self.next_id += 1
        return self.next_id


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state = None  # set in main()
    port = 0

    def log_message(self, fmt, *values):
        pass

    # --- plumbing -------------------------------------------------------------------------
    def record(self, code, note=""):
        auth = self.headers.get("Authorization", "")
        entry = {
            "method": self.command,
            "path": urlsplit(self.path).path,
            "query": urlsplit(self.path).query,
            "status": code,
            "auth": "bearer-ok" if auth in (f"Bearer {self.state.token}", f"token {self.state.token}",
                                             f"Bearer {self.state.runtime_token}") else
                    ("none" if not auth else "wrong"),
            "accept": self.headers.get("Accept", ""),
            "api_version": self.headers.get("X-GitHub-Api-Version", ""),
            "user_agent": bool(self.headers.get("User-Agent")),
            "note": note,
        }
        with self.state.lock, open(self.state.args.log, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry) + "\n")

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def reply(self, code, payload=None, note="", raw=None, content_type="application/json"):
        data = raw if raw is not None else (b"" if payload is None else json.dumps(payload).encode())
        etag = '"' + hashlib.sha1(data).hexdigest() + '"'
        if self.command == "GET" and code == 200 and self.headers.get("If-None-Match") == etag:
            code, data = 304, b""
        self.record(code, note)
        self.send_response(code)
        if data:
            self.send_header("Content-Type", content_type)
        if self.command == "GET" and code in (200, 304):
            self.send_header("ETag", etag)
        self.send_header("X-RateLimit-Remaining", "999")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def not_found(self, note="unhandled"):
        self.reply(404, {"message": "Not Found",
                         "documentation_url": "https://docs.github.com/rest"}, note=note)

    def rest_authorized(self):
        auth = self.headers.get("Authorization", "")
        if auth in (f"Bearer {self.state.token}", f"token {self.state.token}"):
            return True
        self.reply(401, {"message": "Bad credentials"}, note="bad token")
        return False

    # --- REST ---------------------------------------------------------------------------
    def do_GET(self):
        url = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        m = re.fullmatch(r"/repos/([^/]+)/([^/]+)(/.*)?", url.path)
        if not m:
            return self.not_found()
        if not self.rest_authorized():
            return None
        owner, repo, rest = m.group(1), m.group(2), m.group(3) or ""
        run_id = self.state.args.run_id
        if rest == "":
            return self.reply(200, {"name": repo, "full_name": f"{owner}/{repo}",
                                    "owner": {"login": owner}, "default_branch": "main"})
        if mm := re.fullmatch(r"/commits/([^/]+)/check-runs", rest):
            sha = mm.group(1)
            runs = [
                {"id": 1, "name": "build", "head_sha": sha, "status": "completed",
                 "conclusion": "success", "started_at": now_iso(), "completed_at": now_iso(),
                 "details_url": f"https://github.com/{owner}/{repo}/actions/runs/41/job/1",
                 "app": {"slug": "github-actions"}},
                {"id": 2, "name": "test", "head_sha": sha, "status": "completed",
                 "conclusion": "success", "started_at": now_iso(), "completed_at": now_iso(),
                 "details_url": f"https://github.com/{owner}/{repo}/actions/runs/41/job/3",
                 "app": {"slug": "github-actions"}},
                {"id": 3, "name": "deploy", "head_sha": sha, "status": "in_progress",
                 "conclusion": None, "started_at": now_iso(), "completed_at": None,
                 "details_url": f"https://github.com/{owner}/{repo}/actions/runs/{run_id}/job/9",
                 "app": {"slug": "github-actions"}},
            ]
            return self.reply(200, {"total_count": len(runs), "check_runs": runs})
        if mm := re.fullmatch(r"/commits/([^/]+)/status", rest):
            return self.reply(200, {"state": "pending", "statuses": [], "total_count": 0,
                                    "sha": mm.group(1)})
        if re.fullmatch(r"/commits/([^/]+)/check-suites", rest):
            # Every suite of the commit has finished: nothing queued behind a concurrency group.
            return self.reply(200, {"total_count": 0, "check_suites": []})
        if mm := re.fullmatch(r"/actions/runs/(\d+)(?:/attempts/\d+)?/jobs", rest):
            job = {"id": 9, "run_id": int(mm.group(1)), "name": "deploy", "status": "in_progress",
                   "conclusion": None, "check_run_url":
                   f"http://127.0.0.1:{self.port}/repos/{owner}/{repo}/check-runs/3"}
            return self.reply(200, {"total_count": 1, "jobs": [job]})
        if re.fullmatch(r"/actions/runs/\d+/approvals", rest):
            return self.reply(200, [])
        if rest == "/actions/runs":
            sha = query.get("head_sha", "")
            run = {"id": 41, "name": "CI", "head_sha": sha, "status": "completed",
                   "conclusion": "success", "event": "push"}
            return self.reply(200, {"total_count": 1, "workflow_runs": [run]})
        if re.fullmatch(r"/compare/.+", rest):
            return self.reply(200, {"status": "identical", "ahead_by": 0, "behind_by": 0})
        if rest in ("/issues", "/pulls"):
            return self.reply(200, [])
        if rest == "/deployments":
            with self.state.lock:
                found = [d for d in reversed(self.state.deployments)
                         if all(not query.get(k) or d[k] == query[k]
                                for k in ("environment", "sha", "ref"))]
            return self.reply(200, found[: int(query.get("per_page", 30))])
        if mm := re.fullmatch(r"/deployments/(\d+)/statuses", rest):
            with self.state.lock:
                found = list(reversed(self.state.statuses.get(int(mm.group(1)), [])))
            return self.reply(200, found)
        if mm := re.fullmatch(r"/deployments/(\d+)", rest):
            with self.state.lock:
                found = [d for d in self.state.deployments if d["id"] == int(mm.group(1))]
            return self.reply(200, found[0]) if found else self.not_found("no such deployment")
        return self.not_found()

    def do_POST(self):
        url = urlsplit(self.path)
        data = self.body()
        if url.path.startswith("/twirp/github.actions.results.api.v1.ArtifactService/"):
            return self.twirp(url.path.rsplit("/", 1)[1], data)
        m = re.fullmatch(r"/repos/([^/]+)/([^/]+)(/.*)", url.path)
        if not m:
            return self.not_found()
        if not self.rest_authorized():
            return None
        owner, repo, rest = m.groups()
        try:
            body = json.loads(data or b"{}")
        except ValueError:
            return self.reply(400, {"message": "Problems parsing JSON"})
        base = f"http://127.0.0.1:{self.port}/repos/{owner}/{repo}"
        if rest == "/deployments":
            for key in ("ref", "environment"):
                if not isinstance(body.get(key), str) or not body[key]:
                    return self.reply(422, {"message": f"Invalid request: {key} missing"})
            with self.state.lock:
                dep_id = self.state.new_id()
                dep = {"id": dep_id, "sha": body.get("sha") or body["ref"], "ref": body["ref"],
                       "environment": body["environment"], "task": body.get("task", "deploy"),
                       "description": body.get("description"), "payload": body.get("payload", {}),
                       "production_environment": body.get("production_environment", False),
                       "transient_environment": body.get("transient_environment", False),
                       "creator": {"login": "github-actions[bot]"}, "created_at": now_iso(),
                       "updated_at": now_iso(), "url": f"{base}/deployments/{dep_id}",
                       "statuses_url": f"{base}/deployments/{dep_id}/statuses"}
                self.state.deployments.append(dep)
            return self.reply(201, dep, note=f"deployment {dep_id} {dep['environment']}")
        if mm := re.fullmatch(r"/deployments/(\d+)/statuses", rest):
            dep_id = int(mm.group(1))
            allowed = {"error", "failure", "inactive", "in_progress", "queued", "pending", "success"}
            if body.get("state") not in allowed:
                return self.reply(422, {"message": "Invalid request: state"})
            if len(body.get("description") or "") > 140:
                return self.reply(422, {"message": "description is too long (maximum is 140)"})
            with self.state.lock:
                if not any(d["id"] == dep_id for d in self.state.deployments):
                    return self.not_found("no such deployment")
                status = {"id": self.state.new_id(), "state": body["state"],
                          "description": body.get("description", ""),
                          "environment_url": body.get("environment_url", ""),
                          "log_url": body.get("log_url", ""), "created_at": now_iso(),
                          "deployment_url": f"{base}/deployments/{dep_id}"}
                self.state.statuses.setdefault(dep_id, []).append(status)
            return self.reply(201, status, note=f"deployment {dep_id} status {body['state']}")
        return self.not_found()

    # --- results service (twirp) -----------------------------------------------------------
    def twirp_error(self, code, kind, msg):
        return self.reply(code, {"code": kind, "msg": msg}, note=f"twirp {kind}: {msg}")

    def twirp(self, method, data):
        if self.headers.get("Authorization") != f"Bearer {self.state.runtime_token}":
            return self.twirp_error(401, "unauthenticated", "bad runtime token")
        try:
            body = json.loads(data or b"{}")
        except ValueError:
            return self.twirp_error(400, "malformed", "body is not JSON")
        run = body.get("workflow_run_backend_id", body.get("workflowRunBackendId"))
        job = body.get("workflow_job_run_backend_id", body.get("workflowJobRunBackendId"))
        if (run, job) != (self.state.run_backend_id, self.state.job_backend_id):
            return self.twirp_error(400, "invalid_argument", "backend ids do not match the token")
        name = body.get("name", "")
        if not name or re.search(r'[":<>|*?\r\n\\/]', name):
            return self.twirp_error(400, "invalid_argument", f"bad artifact name {name!r}")
        if method == "CreateArtifact":
            if str(body.get("version")) not in ("4", "7"):
                return self.twirp_error(400, "invalid_argument", "version must be 4 or 7")
            with self.state.lock:
                if name in self.state.artifacts:
                    return self.twirp_error(409, "already_exists", f"artifact {name} exists")
                key = uuid.uuid4().hex
                self.state.artifacts[name] = {"id": None, "key": key, "body": body}
                self.state.blobs[key] = {"blocks": {}, "data": None}
            url = f"http://127.0.0.1:{self.port}/blob/{key}?sv=2023-11-03&sig={self.state.blob_sig}"
            return self.reply(200, {"ok": True, "signed_upload_url": url},
                              note=f"create {name} version {body.get('version')}")
        if method == "FinalizeArtifact":
            with self.state.lock:
                art = self.state.artifacts.get(name)
                blob = self.state.blobs.get(art["key"]) if art else None
            if not art or blob is None or blob["data"] is None:
                return self.twirp_error(404, "not_found", f"nothing uploaded for {name}")
            size, digest = str(body.get("size")), body.get("hash", "")
            actual = "sha256:" + hashlib.sha256(blob["data"]).hexdigest()
            if size != str(len(blob["data"])):
                return self.twirp_error(400, "invalid_argument",
                                        f"size {size} != uploaded {len(blob['data'])}")
            if digest != actual:
                return self.twirp_error(400, "invalid_argument", f"hash {digest} != {actual}")
            with self.state.lock:
                art["id"] = self.state.new_id()
            os.makedirs(self.state.args.artifacts_dir, exist_ok=True)
            with open(os.path.join(self.state.args.artifacts_dir, name), "wb") as f:
                f.write(blob["data"])
            return self.reply(200, {"ok": True, "artifact_id": str(art["id"])},
                              note=f"finalize {name} id {art['id']} size {size}")
        return self.twirp_error(404, "bad_route", f"no method {method}")

    # --- blob store ---------------------------------------------------------------------
    def do_PUT(self):
        url = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        data = self.body()
        m = re.fullmatch(r"/blob/([0-9a-f]+)", url.path)
        with self.state.lock:
            blob = self.state.blobs.get(m.group(1)) if m else None
        if blob is None or query.get("sig") != self.state.blob_sig:
            return self.reply(403, raw=b"<Error><Code>AuthenticationFailed</Code></Error>",
                              content_type="application/xml", note="bad blob url")
        comp = query.get("comp")
        if comp == "block":
            block_id = query.get("blockid", "")
            if not block_id:
                return self.reply(400, raw=b"<Error><Code>InvalidQueryParameterValue</Code></Error>",
                                  content_type="application/xml", note="block without id")
            blob["blocks"][block_id] = data
            return self.reply(201, note=f"block {block_id} {len(data)} bytes")
        if comp == "blocklist":
            ids = re.findall(r"<(?:Latest|Committed|Uncommitted)>([^<]*)</", data.decode("utf-8"))
            missing = [i for i in ids if i not in blob["blocks"]]
            if not ids or missing:
                return self.reply(400, raw=b"<Error><Code>InvalidBlockList</Code></Error>",
                                  content_type="application/xml", note=f"bad block list {missing}")
            blob["data"] = b"".join(blob["blocks"][i] for i in ids)
            return self.reply(201, note=f"blocklist {len(ids)} blocks {len(blob['data'])} bytes")
        if comp is None and self.headers.get("x-ms-blob-type") == "BlockBlob":
            blob["data"] = data
            return self.reply(201, note=f"put blob {len(data)} bytes")
        return self.reply(400, raw=b"<Error><Code>MissingRequiredHeader</Code></Error>",
                          content_type="application/xml", note="unknown blob operation")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--info-file", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--artifacts-dir", required=True)
    parser.add_argument("--run-id", default="4242", help="the run whose own job is in progress")
    args = parser.parse_args()
    Handler.state = State(args)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    Handler.port = server.server_address[1]
    info = {"port": Handler.port, "token": Handler.state.token,
            "runtime_token": Handler.state.runtime_token,
            "run_backend_id": Handler.state.run_backend_id,
            "job_backend_id": Handler.state.job_backend_id}
    tmp = args.info_file + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(info, f)
    os.replace(tmp, args.info_file)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
