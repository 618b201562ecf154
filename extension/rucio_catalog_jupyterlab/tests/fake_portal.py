"""Real HTTP servers standing in for the portal's endpoints the Jupyter server calls."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable


class _LocalServer:
    """Serves `handler` on a free loopback port in a thread, for the length of a `with` block."""

    def _serve(self, handler: type[BaseHTTPRequestHandler]) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):  # noqa: ANN204 - the subclass
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


class _QuietHandler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


class ProgressPortal(_LocalServer):
    """Accepts progress reports carrying `Authorization: Bearer <token>`; 401 for any other token.

    `hold` (a predicate on the report body) makes the server keep a matching request open until
    `release()` — how a test freezes a worker at a known point of its download.
    """

    def __init__(self, token: str, status: int = 204) -> None:
        self.token = token
        self.status = status
        self.reports: list[dict] = []
        self.refused: list[dict] = []
        self.hold: Callable[[dict], bool] | None = None
        self.holding = threading.Event()
        self._released = threading.Event()
        portal = self

        class Handler(_QuietHandler):
            def do_PATCH(self) -> None:  # noqa: N802 - http.server naming
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"null")
                if self.headers.get("Authorization") != f"Bearer {portal.token}":
                    portal.refused.append({"path": self.path, "body": body})
                    self.send_response(401)
                    self.end_headers()
                    return
                portal.reports.append({"path": self.path, "body": body})
                if portal.hold is not None and portal.hold(body):
                    portal.holding.set()
                    portal._released.wait(60)
                self.send_response(portal.status)
                self.end_headers()

        self._serve(Handler)

    def url(self, request_id: str) -> str:
        return f"{self.origin}/api/stagings/{request_id}/progress"

    def release(self) -> None:
        self.hold = None
        self._released.set()

    def __exit__(self, *exc: object) -> None:
        self.release()
        super().__exit__(*exc)


class SignInPortal(_LocalServer):
    """Stands in for the portal's POST /api/embed/sign-ins: records what the Jupyter server sends and
    answers a one-time code, or `refusal` (status, message) when set."""

    CODE = "c" * 43

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.refusal: tuple[int, str] | None = None
        portal = self

        class Handler(_QuietHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server naming
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"null")
                portal.requests.append({"path": self.path, "body": body})
                status, answer = (
                    (portal.refusal[0], {"error": {"message": portal.refusal[1]}})
                    if portal.refusal
                    else (201, {"code": portal.CODE, "startPath": f"/embed/start?code={portal.CODE}&next=%2F"})
                )
                payload = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self._serve(Handler)
