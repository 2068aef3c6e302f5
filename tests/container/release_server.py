#!/usr/bin/env python3
"""A loopback stand-in for GitHub's release downloads, for the container-action test.
GET /<owner>/<repo>/releases/download/<tag>/<asset> answers 302 to /storage/<asset> (as
github.com redirects to its asset storage), which serves the file <dir>/<asset>; anything else is
404. Every request is appended to --log as one JSON line. The chosen port is written to
--port-file once the server listens.
"""
import argparse
import json
import os
import re
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True, help="directory holding the release assets")
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--log", required=True)
    args = parser.parse_args()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, fmt, *values):
            pass

        def record(self, status):
            with open(args.log, "a", encoding="utf-8") as f:
                f.write(json.dumps({"path": self.path, "status": status}) + "\n")

        def do_GET(self):
            path = self.path.split("?", 1)[0]
            if m := re.fullmatch(r"/[^/]+/[^/]+/releases/download/[^/]+/([^/]+)", path):
                self.record(302)
                self.send_response(302)
                self.send_header("Location", f"/storage/{m.group(1)}?sig=loopback")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            m = re.fullmatch(r"/storage/([^/]+)", path)
            asset = os.path.join(args.dir, m.group(1)) if m else ""
            if not m or not os.path.isfile(asset):
                self.record(404)
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            with open(asset, "rb") as f:
                data = f.read()
            self.record(200)
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
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
