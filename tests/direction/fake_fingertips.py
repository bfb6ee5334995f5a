"""A fake Fingertips on loopback that answers every request with a recorded answer (no network in tests)."""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class FakeFingertips:
    def __init__(self) -> None:
        self.body = ""
        self.status = 200
        self.content_type = "text/csv"
        self.requests: list[tuple[str, str]] = []  # (path and query, user agent)
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the standard library's name
                fake.requests.append((self.path, self.headers.get("User-Agent", "")))
                data = fake.body.encode()
                self.send_response(fake.status)
                self.send_header("Content-Type", fake.content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.api = f"http://127.0.0.1:{self.server.server_address[1]}/api"

    def answer(self, body: str, *, status: int = 200, content_type: str = "text/csv") -> None:
        self.body, self.status, self.content_type = body, status, content_type

    def start(self) -> FakeFingertips:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def closed_api() -> str:
    """An address on loopback where nothing listens: connecting is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/api"
