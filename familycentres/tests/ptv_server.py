"""A local HTTP server that answers like the national service catalogue's open API (v11), from files in
the recorded shape: `<directory>/<municipality code>_<page>.json`. A missing file is a 404, a file
named `<code>_<page>.status` holds an HTTP status to answer instead."""

from __future__ import annotations

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

DATA = Path(__file__).parent / "data" / "ptv"
PATH = re.compile(r"^/api/v11/Service/list/area/Municipality/code/(?P<code>[0-9A-Za-z]+)$")


class PtvServer:
    def __init__(self, directory: Path = DATA):
        self.directory = directory
        self.requests: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (the standard library's name)
                server.requests.append(self.path)
                url = urlparse(self.path)
                match = PATH.match(url.path)
                page = (parse_qs(url.query).get("page") or ["1"])[0]
                if not match or not page.isdigit():
                    self.send_error(404)
                    return
                base = server.directory / f"{match['code']}_{page}"
                status_file = base.with_suffix(".status")
                if status_file.exists():
                    self.send_error(int(status_file.read_text().strip()))
                    return
                json_file = base.with_suffix(".json")
                if not json_file.exists():
                    self.send_error(404)
                    return
                body = json_file.read_bytes()
                self.send_response(200)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/api/v11"

    def __enter__(self) -> PtvServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
