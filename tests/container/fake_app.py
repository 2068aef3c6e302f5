#!/usr/bin/env python3
"""A tiny deployable app for the container-action test (127.0.0.1 unless --host says otherwise).

It plays the deployed service: the manifest's deploy_command "deploys" by writing the commit to
<state-dir>/version, and this server reports it, so a health check with expect_version proves
the deploy really happened. GET /health answers {"status": "ok", "version": "<commit>"} (503
while <state-dir>/unhealthy exists); GET / answers a page containing the project name.
The chosen port is written to --port-file once the server listens.
"""
import argparse
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--state-dir", required=True)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--name", default="shop")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=0, help="0: any free port")
    args = parser.parse_args()

    def read_version():
        try:
            with open(os.path.join(args.state_dir, "version"), encoding="utf-8") as f:
                return f.read().strip()
        except OSError:
            return "none"

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, fmt, *values):  # keep the test's output readable
            pass

        def send(self, code, body, content_type):
            data = body.encode("utf-8")
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            path = self.path.split("?", 1)[0]
            if path == "/health":
                unhealthy = os.path.exists(os.path.join(args.state_dir, "unhealthy"))
                body = {"status": "down" if unhealthy else "ok", "version": read_version()}
                self.send(503 if unhealthy else 200, json.dumps(body), "application/json")
            elif path == "/":
                self.send(200, f"<h1>{args.name}</h1> running {read_version()}\n", "text/html")
            else:
                self.send(404, "not found\n", "text/plain")

    server = ThreadingHTTPServer((args.host, args.port), Handler)
    tmp = args.port_file + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(str(server.server_address[1]))
    os.replace(tmp, args.port_file)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
