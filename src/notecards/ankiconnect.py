"""Talking to the running Anki desktop through its AnkiConnect add-on (add-on code 2055492159).

AnkiConnect is a small HTTP server inside Anki: each request is one JSON object
``{"action", "version", "params", "key"}`` posted to ``http://127.0.0.1:8765``, and each reply is
``{"result": …, "error": null | "message"}``. docs/ankiconnect.md says which actions notecards uses
and what it relies on. Every way this can go wrong is one ``AnkiConnectError`` whose message says
what to do, so the CLI can print it as one line.
"""

from __future__ import annotations

import http.client
import json
import socket
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from .errors import NotecardsError

DEFAULT_URL = "http://127.0.0.1:8765"
API_VERSION = 6  # the protocol version notecards speaks; requestPermission came with it
TIMEOUT = 60.0  # seconds Anki may take to answer one request (an import of a large deck included)
KEY_VARIABLE = "NOTECARDS_ANKI_KEY"  # the environment variable that holds AnkiConnect's apiKey, if set
INSTALL = "in Anki: Tools → Add-ons → Get Add-ons…, code 2055492159, then restart Anki"

# AnkiConnect's own error texts that notecards tells apart.
KEY_REFUSED = "valid api key must be provided"
UNSUPPORTED = "unsupported action"
NO_COLLECTION = "collection is not available"


class AnkiConnectError(NotecardsError):
    """Anki could not be reached, or refused a request; the message says what to do about it."""


class AnkiConnect:
    """A client for one AnkiConnect address. Each request is its own HTTP connection, as
    AnkiConnect closes the connection after every reply."""

    def __init__(self, url: str = DEFAULT_URL, key: str | None = None, timeout: float = TIMEOUT) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise AnkiConnectError(f"--anki-url {url!r} is not an http:// address (the default is {DEFAULT_URL})")
        try:
            port = parts.port
        except ValueError:
            raise AnkiConnectError(f"--anki-url {url!r} has no valid port (the default is {DEFAULT_URL})") from None
        self.url, self.key, self.timeout = url, key or None, timeout
        self._scheme, self._host, self._port = parts.scheme, parts.hostname, port
        self._path = parts.path or "/"

    # --- one request -----------------------------------------------------------------------------

    def call(self, action: str, **params: Any) -> Any:
        """The result of one action, or an ``AnkiConnectError`` saying what to do."""
        return self._result(action, self._post(action, self._request(action, params)))

    def multi(self, calls: Sequence[tuple[str, dict[str, Any]]]) -> list[Any]:
        """The results of several actions sent as one request (AnkiConnect's ``multi``), in order.
        Each inner request carries the version and key, as AnkiConnect checks them per action."""
        if not calls:
            return []
        replies = self.call("multi", actions=[self._request(action, params) for action, params in calls])
        if not isinstance(replies, list) or len(replies) != len(calls):
            raise self._not_ankiconnect("multi")
        return [self._result(action, reply) for (action, _), reply in zip(calls, replies, strict=True)]

    def _request(self, action: str, params: dict[str, Any]) -> dict[str, Any]:
        request: dict[str, Any] = {"action": action, "version": API_VERSION, "params": params}
        if self.key is not None:
            request["key"] = self.key
        return request

    def _post(self, action: str, request: dict[str, Any]) -> Any:
        body = json.dumps(request).encode("utf-8")
        kind = http.client.HTTPSConnection if self._scheme == "https" else http.client.HTTPConnection
        connection = kind(self._host, self._port, timeout=self.timeout)  # never through a proxy: Anki is local
        try:
            connection.request("POST", self._path, body, {"Content-Type": "application/json"})
            response = connection.getresponse()
            status, data = response.status, response.read()
        except TimeoutError:  # socket.timeout is TimeoutError since Python 3.10
            raise AnkiConnectError(
                f"Anki did not answer {action} within {self.timeout:g}s at {self.url} (a dialog waiting, "
                "or a sync running?): finish it in Anki, then run the command again"
            ) from None
        except (ConnectionRefusedError, socket.gaierror):
            raise self._unreachable() from None
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            raise AnkiConnectError(
                f"Anki closed the connection during {action} at {self.url} (did it quit?): "
                "start Anki and run the command again; running it again is safe"
            ) from None
        except (OSError, http.client.HTTPException) as error:
            raise AnkiConnectError(f"cannot reach Anki at {self.url}: {error}") from None
        finally:
            connection.close()
        if status != 200:
            raise self._not_ankiconnect(action, f"HTTP {status}")
        try:
            return json.loads(data)
        except ValueError:
            raise self._not_ankiconnect(action) from None

    def _result(self, action: str, reply: Any) -> Any:
        if not isinstance(reply, dict) or set(reply) != {"result", "error"}:
            raise self._too_old(None) if not isinstance(reply, dict) else self._not_ankiconnect(action)
        error = reply["error"]
        if error is None:
            return reply["result"]
        message = str(error)
        if message == KEY_REFUSED:
            raise self._key_refused()
        if message == UNSUPPORTED:
            raise self._too_old(None, action)
        if NO_COLLECTION in message:
            raise AnkiConnectError(
                "Anki has no collection open (the profile window is showing, or a sync is running): "
                "open your profile in Anki, then run the command again"
            )
        raise AnkiConnectError(f"Anki could not {action}: {message}")

    # --- checks ----------------------------------------------------------------------------------

    def connect(self) -> int:
        """Check that AnkiConnect answers, is recent enough and accepts our key; return its API version.

        ``requestPermission`` needs no key and tells whether one is required; ``version`` then
        proves the key is accepted.
        """
        granted = self.call("requestPermission")
        if not isinstance(granted, dict) or granted.get("permission") != "granted":
            raise AnkiConnectError(
                f"AnkiConnect at {self.url} refused permission: allow it in Anki, "
                "or check webCorsOriginList in AnkiConnect's config (Tools → Add-ons → AnkiConnect → Config)"
            )
        version = granted.get("version")
        if not isinstance(version, int) or version < API_VERSION:
            raise self._too_old(version)
        if granted.get("requireApikey") and self.key is None:
            raise self._key_refused()
        self.call("version")
        return version

    # --- messages --------------------------------------------------------------------------------

    def _unreachable(self) -> AnkiConnectError:
        return AnkiConnectError(
            f"cannot reach Anki at {self.url}: start Anki, with the AnkiConnect add-on installed "
            f"({INSTALL}), then run the command again"
        )

    def _not_ankiconnect(self, action: str, detail: str = "not an AnkiConnect reply") -> AnkiConnectError:
        return AnkiConnectError(
            f"{self.url} answers {action} with {detail}: it is not AnkiConnect (another program on that "
            f"port?); install AnkiConnect ({INSTALL}) or pass --anki-url"
        )

    def _too_old(self, version: object, action: str | None = None) -> AnkiConnectError:
        what = f"does not know {action}" if action else f"speaks API version {version or 'below 6'}"
        return AnkiConnectError(
            f"AnkiConnect at {self.url} is too old ({what}; notecards needs version {API_VERSION}): update it "
            "in Anki (Tools → Add-ons → select AnkiConnect → Check for Updates), then restart Anki"
        )

    def _key_refused(self) -> AnkiConnectError:
        where = "AnkiConnect's config (Tools → Add-ons → AnkiConnect → Config)"
        if self.key is None:
            return AnkiConnectError(f"AnkiConnect asks for an API key: set {KEY_VARIABLE} to the apiKey in {where}")
        return AnkiConnectError(f"AnkiConnect refused the API key in {KEY_VARIABLE}: set it to the apiKey in {where}")
