"""The review page's local web server: the standard library's, bound to 127.0.0.1 only.

Why so guarded, for a page on one's own machine: any web page the user has open can send requests
to 127.0.0.1. So every address carries a random token (``/TOKEN/``) that only the printed URL knows,
and a request without it gets 404; a choice must be a same-origin JSON POST (which another page
cannot send without a CORS preflight this server never answers) to the right Host (against DNS
rebinding). The only file it writes is the overrides file, through ``ReviewSession``; everything it
shows is escaped by ``render``, and a Content-Security-Policy lets only the page's own script run.
"""

from __future__ import annotations

import hmac
import json
import secrets
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .errors import NotecardsError
from .review import ReviewSession

HOST = "127.0.0.1"
MAX_REQUEST_BYTES = 64 * 1024
TOKEN_BYTES = 24


class ReviewServer(ThreadingHTTPServer):
    """Serves one ``ReviewSession`` at ``url`` until ``close``; port 0 takes a free port."""

    daemon_threads = True

    def __init__(self, session: ReviewSession, port: int = 0) -> None:
        super().__init__((HOST, port), _Handler)
        self.session = session
        self.token = secrets.token_urlsafe(TOKEN_BYTES)
        self.closed = threading.Event()

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/{self.token}/"

    def close(self) -> None:
        """Stop answering, and wait for a choice being written: the file is left complete."""
        self.closed.set()
        with self.session.lock:
            self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: ReviewServer
    server_version = "notecards-review"
    sys_version = ""
    timeout = 30  # an idle connection (a browser's preconnect) never holds a thread for long

    def log_message(self, format: str, *args: object) -> None:
        """Silent: the library never prints (the CLI says where the page is)."""

    def do_GET(self) -> None:
        route = self._route()
        if route == "":
            self.server.session.refresh()  # a reload shows what the file says, hand edits included
            nonce = secrets.token_urlsafe(16)
            self._send(HTTPStatus.OK, self.server.session.page(nonce).encode(), "text/html; charset=utf-8", nonce)
        elif route is not None:
            self._refuse(HTTPStatus.NOT_FOUND)

    def do_POST(self) -> None:
        route = self._route()
        if route is None:
            return
        if route != "choice":
            self._refuse(HTTPStatus.NOT_FOUND)
            return
        origin = self.headers.get("Origin")
        if origin is not None and origin != f"http://{HOST}:{self.server.port}":
            self._refuse(HTTPStatus.FORBIDDEN, "cross-origin request")
            return
        if (self.headers.get("Content-Type") or "").split(";")[0].strip() != "application/json":
            self._refuse(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "a choice is sent as JSON")
            return
        try:
            length = int(self.headers.get("Content-Length") or "")
        except ValueError:
            self._refuse(HTTPStatus.LENGTH_REQUIRED, "Content-Length is required")
            return
        if not 0 < length <= MAX_REQUEST_BYTES:
            self._refuse(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "request too large")
            return
        try:
            body = json.loads(self.rfile.read(length))
            if not isinstance(body, dict) or not isinstance(body.get("guid"), str):
                raise NotecardsError("a choice is a JSON object with a guid")
            result = self.server.session.choose(body["guid"], str(body.get("action")), body)
        except (ValueError, NotecardsError) as error:
            self._refuse(HTTPStatus.BAD_REQUEST, str(error))
            return
        self._send(HTTPStatus.OK, json.dumps(result).encode(), "application/json")

    def _route(self) -> str | None:
        """The path after ``/TOKEN/``; None (after answering) when the request is refused."""
        if self.server.closed.is_set():
            self._refuse(HTTPStatus.SERVICE_UNAVAILABLE, "the review has stopped")
            return None
        if self.headers.get("Host") not in (f"{HOST}:{self.server.port}", f"localhost:{self.server.port}"):
            self._refuse(HTTPStatus.FORBIDDEN, "wrong Host")
            return None
        token, slash, rest = self.path.lstrip("/").partition("/")
        if not slash or not hmac.compare_digest(token.encode(), self.server.token.encode()):
            self._refuse(HTTPStatus.NOT_FOUND)
            return None
        return rest.split("?")[0]

    def _refuse(self, status: HTTPStatus, message: str = "") -> None:
        self._send(status, json.dumps({"error": message or status.phrase}).encode(), "application/json")

    def _send(self, status: HTTPStatus, body: bytes, kind: str, nonce: str = "") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Referrer-Policy", "no-referrer")  # links on cards never carry the token away
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header(
            "Content-Security-Policy",
            f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'unsafe-inline'; connect-src 'self'; "
            "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        )
        self.end_headers()
        self.wfile.write(body)
