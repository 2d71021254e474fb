"""An AnkiConnect server for tests: the add-on's protocol, served on 127.0.0.1 (a free port), acting on
a REAL `anki` Collection.

Why: `notecards sync` must be tested against what Anki does, not against what we think it does. The
request handling follows AnkiConnect's own (its web layer and its `handler`): a request without an
Origin header is allowed, the API key is checked for every action but `requestPermission`, unknown
actions answer "unsupported action", a version-6 request gets `{"result", "error"}`, `multi` runs each
inner request through the same handler. `importPackage` calls `anki.importing.AnkiPackageImporter`,
the very call the add-on makes, so the import options are Anki's, not ours.

Switches for the failures `sync` must survive: `api_key`, `busy` (no collection open), `old` (an
add-on from before API version 6), `impostor` (another program on the port), `stall` (a request
that is never answered while the event is clear), `drop` (Anki quits during a request).
Like Anki's main thread, one request is served at a time; hold `lock` to touch `collection`.
"""

from __future__ import annotations

import contextlib
import io
import json
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

from anki.collection import Collection


class ActionError(Exception):
    """An action's failure; AnkiConnect raises plain exceptions and replies with their text."""


class AnkiConnectServer:
    def __init__(self, collection: Collection, *, api_key: str | None = None) -> None:
        self.collection = collection
        self.api_key = api_key
        self.busy = False
        self.old = False
        self.impostor = False
        self.stall: dict[str, threading.Event] = {}  # action -> held until the event is set…
        self.stall_from: dict[str, int] = {}  # …from its n-th call on (default: the first)
        self.holding = threading.Event()  # set while a request is held
        self.drop: dict[str, int] = {}  # action -> the call (1-based) after which the connection drops
        self.calls: Counter[str] = Counter()  # actions performed, inner actions of multi included
        self.requests = 0  # HTTP requests answered or dropped
        self.lock = threading.RLock()
        self._http = HTTPServer(("127.0.0.1", 0), _handler_for(self))
        self.url = f"http://127.0.0.1:{self._http.server_address[1]}"
        self._thread = threading.Thread(target=self._http.serve_forever, daemon=True)

    def __enter__(self) -> AnkiConnectServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        for event in self.stall.values():
            event.set()
        self._http.shutdown()
        self._http.server_close()
        self._thread.join()

    # --- AnkiConnect's handler -------------------------------------------------------------------

    def handle(self, request: dict[str, Any]) -> Any:
        name, version = request.get("action", ""), request.get("version", 4)
        params, key = request.get("params", {}), request.get("key")
        try:
            if key != self.api_key and name != "requestPermission":
                raise ActionError("valid api key must be provided")
            method = getattr(self, "action_" + name, None) if isinstance(name, str) else None
            if method is None or (self.old and name == "requestPermission"):
                raise ActionError("unsupported action")
            self.calls[name] += 1
            result = method(**params)
            return result if version <= 4 else {"result": result, "error": None}
        except Exception as error:  # noqa: BLE001 - AnkiConnect turns every exception into its reply
            return {"result": None, "error": str(error)}

    def col(self) -> Collection:
        if self.busy:
            raise ActionError("collection is not available")
        return self.collection

    # --- the actions notecards uses (same names, parameters and results as AnkiConnect's) ----------

    def action_version(self) -> int:
        return 5 if self.old else 6

    def action_requestPermission(self, origin: str = "", allowed: bool = True) -> dict[str, Any]:
        if not allowed:
            return {"permission": "denied"}
        return {"permission": "granted", "requireApikey": bool(self.api_key), "version": self.action_version()}

    def action_multi(self, actions: list[dict[str, Any]]) -> list[Any]:
        return [self.handle(action) for action in actions]

    def action_deckNames(self) -> list[str]:
        return [deck.name for deck in self.col().decks.all_names_and_ids()]

    def action_findNotes(self, query: str | None = None) -> list[int]:
        return [] if query is None else [int(nid) for nid in self.col().find_notes(query)]

    def action_findCards(self, query: str | None = None) -> list[int]:
        return [] if query is None else [int(cid) for cid in self.col().find_cards(query)]

    def action_notesInfo(self, notes: list[int]) -> list[dict[str, Any]]:
        col, result = self.col(), []
        for nid in notes:
            try:
                note = col.get_note(nid)
            except Exception:  # noqa: BLE001 - AnkiConnect answers {} for a note that is not there
                result.append({})
                continue
            fields = note.note_type()["flds"]
            result.append(
                {
                    "noteId": note.id,
                    "profile": "User 1",
                    "tags": list(note.tags),
                    "fields": {f["name"]: {"value": note.fields[f["ord"]], "order": f["ord"]} for f in fields},
                    "modelName": note.note_type()["name"],
                    "mod": note.mod,
                    "cards": col.db.list("select id from cards where nid = ? order by ord", note.id),
                }
            )
        return result

    def action_suspend(self, cards: list[int], suspend: bool = True) -> bool:
        col = self.col()
        pending = [
            cid for cid in cards if (col.db.scalar("select queue from cards where id = ?", cid) == -1) != suspend
        ]
        if not pending:
            return False
        if suspend:
            col.sched.suspend_cards(pending)
        else:
            col.sched.unsuspend_cards(pending)
        return True

    def action_unsuspend(self, cards: list[int]) -> bool:
        return self.action_suspend(cards, False)

    def action_deleteNotes(self, notes: list[int]) -> None:
        self.col().remove_notes(notes)

    def action_importPackage(self, path: str) -> bool:
        col = self.col()
        with contextlib.redirect_stdout(io.StringIO()):  # the add-on's import, a name Anki calls deprecated
            from anki.importing import AnkiPackageImporter

            AnkiPackageImporter(col, path).run()
        return True


def _handler_for(server: AnkiConnectServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            server.requests += 1
            if server.impostor:
                return self._send(404, b"<html><body>Not Found</body></html>", "text/html")
            try:
                request = json.loads(body)
            except ValueError as error:
                return self._reply({"result": None, "error": str(error)})
            action = request.get("action", "") if isinstance(request, dict) else ""
            inner = [a.get("action") for a in request.get("params", {}).get("actions", [])] if action == "multi" else []
            for name in (action, *inner):
                if name in server.stall and server.calls[name] + 1 >= server.stall_from.get(name, 1):
                    server.holding.set()
                    server.stall[name].wait()
            with server.lock:
                reply = server.handle(request)
            for name in (action, *inner):
                if name in server.drop and server.calls[name] >= server.drop[name]:
                    del server.drop[name]
                    self.close_connection = True
                    return None  # Anki quit after doing the work, before answering
            return self._reply(reply)

        def _reply(self, reply: Any) -> None:
            self._send(200, json.dumps(reply).encode("utf-8"), "application/json")

        def _send(self, status: int, body: bytes, kind: str) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting
                self.close_connection = True

        def log_message(self, format: str, *args: object) -> None:  # quiet, like Anki
            pass

    return Handler


def free_port_url() -> str:
    """An address on 127.0.0.1 where nothing listens: Anki not running."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


def collection_at(directory: Path) -> Collection:
    return Collection(str(directory / "collection.anki2"))
