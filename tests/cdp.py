"""A small Chrome DevTools Protocol client: drives Debian's headless Chromium from tests, with real
keyboard and mouse input (``Input.dispatch*``), over the `websockets` package.

Chromium is started with ``--remote-debugging-port=0``; the port it took is read from the
``DevToolsActivePort`` file in its profile folder. One page target, attached in flat mode.
"""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from websockets.sync.client import ClientConnection, connect

# The flags this machine needs for headless Chromium (the preview and review browser tests).
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
]
KEYS = {"Enter": ("Enter", 13, "\r"), "Escape": ("Escape", 27, "")}


class Page:
    """One browser tab: evaluate JavaScript, press keys, move the mouse, wait for conditions."""

    def __init__(self, socket: ClientConnection, session: str) -> None:
        self.socket, self.session, self.next_id = socket, session, 0

    def send(self, method: str, **params: Any) -> dict:
        self.next_id += 1
        ident = self.next_id
        message = {"id": ident, "method": method, "params": params}
        if self.session:  # "" is the browser itself
            message["sessionId"] = self.session
        self.socket.send(json.dumps(message))
        while True:
            reply = json.loads(self.socket.recv(timeout=60))
            if reply.get("id") == ident:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression[:80]}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 20) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {expression}")

    def navigate(self, url: str) -> None:
        self.send("Page.navigate", url=url)
        self.wait_for("document.readyState === 'complete' && !!document.body")

    def reload(self) -> None:
        self.evaluate("window.__before_reload = 1")
        self.send("Page.reload", ignoreCache=True)
        self.wait_for("document.readyState === 'complete' && window.__before_reload === undefined")

    def press(self, key: str) -> None:
        """A key as the user types it: keyDown (with its text) and keyUp."""
        name, code, text = KEYS[key] if key in KEYS else (key, ord(key.upper()), key)
        common = {"key": name, "windowsVirtualKeyCode": code, "code": f"Key{key.upper()}" if len(key) == 1 else name}
        self.send("Input.dispatchKeyEvent", type="keyDown", text=text, **common)
        self.send("Input.dispatchKeyEvent", type="keyUp", **common)

    def type_text(self, text: str) -> None:
        self.send("Input.insertText", text=text)

    def center(self, selector: str) -> tuple[float, float]:
        """The middle of the first element matching ``selector``, scrolled into view."""
        box = self.evaluate(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)}); e.scrollIntoView({{block: 'center'}});"
            " const r = e.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })()"
        )
        return box[0], box[1]

    def drag(self, start: tuple[float, float], end: tuple[float, float]) -> None:
        """Press the mouse at ``start``, move to ``end`` and release: a text selection."""
        self.send("Input.dispatchMouseEvent", type="mousePressed", x=start[0], y=start[1], button="left", clickCount=1)
        for step in range(1, 6):
            x = start[0] + (end[0] - start[0]) * step / 5
            y = start[1] + (end[1] - start[1]) * step / 5
            self.send("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y, button="left", buttons=1)
        self.send("Input.dispatchMouseEvent", type="mouseReleased", x=end[0], y=end[1], button="left", clickCount=1)

    def click(self, point: tuple[float, float]) -> None:
        self.drag(point, point)


@contextmanager
def chromium_page(chromium: str, profile: Path, width: int = 1100, height: int = 900) -> Iterator[Page]:
    """A headless Chromium with one blank page, closed afterwards."""
    profile.mkdir(parents=True, exist_ok=True)
    port_file = profile / "DevToolsActivePort"
    port_file.unlink(missing_ok=True)  # a profile used before holds the port of a browser long gone
    process = subprocess.Popen(
        [
            chromium,
            *FLAGS,
            f"--user-data-dir={profile}",
            "--remote-debugging-port=0",
            f"--window-size={width},{height}",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not (port_file.is_file() and len(port_file.read_text().splitlines()) >= 2):
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("chromium did not open its DevTools port")
            time.sleep(0.05)
        port, path = port_file.read_text().splitlines()[:2]
        with connect(f"ws://127.0.0.1:{port}{path}", max_size=None, open_timeout=30) as socket:
            browser = Page(socket, "")
            target = browser.send("Target.createTarget", url="about:blank")["targetId"]
            session = browser.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
            page = Page(socket, session)
            page.send("Page.enable")
            page.send("Runtime.enable")
            yield page
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
