"""The review server, over real HTTP on 127.0.0.1: only requests carrying the token are answered,
a choice must be a same-origin JSON POST, bad choices write nothing, hostile text is shown escaped,
and Ctrl-C on `notecards review` leaves the overrides file complete."""

from __future__ import annotations

import http.client
import json
import re
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import DATA, SAMPLE
from notecards.build import plan
from notecards.overrides import read_overrides
from notecards.render import escape_text
from notecards.review import ReviewSession
from notecards.review_server import ReviewServer


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ReviewServer]:
    notes = tmp_path / "notes"
    notes.mkdir()
    shutil.copy(SAMPLE, notes / SAMPLE.name)
    shutil.copy(DATA / "hostile" / "html-and-scripts.md", notes / "html-and-scripts.md")
    served = ReviewServer(ReviewSession([notes], notes / "notecards.overrides.yaml"))
    thread = threading.Thread(target=served.serve_forever, daemon=True)
    thread.start()
    yield served
    served.shutdown()
    served.close()
    thread.join(timeout=10)


def request(
    server: ReviewServer, method: str, path: str, body: object = None, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    sent = {"Content-Type": "application/json"} if data is not None else {}
    connection.request(method, path, body=data, headers={**sent, **(headers or {})})
    response = connection.getresponse()
    result = response.status, dict(response.getheaders()), response.read()
    connection.close()
    return result


def page_path(server: ReviewServer) -> str:
    return urlsplit(server.url).path


def some_guid(server: ReviewServer, kind: str = "qa") -> str:
    return next(guid for guid, item in server.session.items.items() if item.generated.card.kind == kind)


def test_the_server_listens_on_127_0_0_1_only_at_a_free_port(server: ReviewServer) -> None:
    assert server.server_address[0] == "127.0.0.1" and server.port > 0
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/[A-Za-z0-9_-]{32}/", server.url)


def test_requests_without_the_token_are_refused(server: ReviewServer) -> None:
    guid = some_guid(server)
    for method, path in [("GET", "/"), ("GET", "/wrong-token/"), ("GET", "/choice"), ("POST", "/wrong/choice")]:
        status, _, _ = request(server, method, path, {"guid": guid, "action": "drop"} if method == "POST" else None)
        assert status == 404, path
    status, _, _ = request(server, "GET", page_path(server) + "../etc/passwd")
    assert status == 404
    assert not server.session.path.exists()


def test_a_choice_is_a_same_origin_json_post_to_the_right_host(server: ReviewServer) -> None:
    choice = page_path(server) + "choice"
    body = {"guid": some_guid(server), "action": "drop"}
    as_form = request(server, "POST", choice, b"guid=x", {"Content-Type": "application/x-www-form-urlencoded"})
    assert as_form[0] == 415
    assert request(server, "POST", choice, body, {"Origin": "http://evil.example"})[0] == 403
    assert request(server, "POST", choice, body, {"Host": "attacker.example:80"})[0] == 403  # DNS rebinding
    assert not server.session.path.exists()
    status, _, reply = request(server, "POST", choice, body, {"Origin": f"http://127.0.0.1:{server.port}"})
    assert status == 200 and json.loads(reply)["state"]["verdict"] == "dropped"
    assert read_overrides(server.session.path).get(body["guid"]).skip


@pytest.mark.parametrize(
    "change",
    [
        {"guid": "no-such-guid", "action": "drop"},
        {"action": "drop"},
        {"guid": "QA", "action": "delete-everything"},
        {"guid": "QA", "action": "edit", "question": "", "answer": "x"},
        {"guid": "QA", "action": "edit", "question": 3, "answer": "x"},
        {"guid": "QA", "action": "edit", "question": "x" * 2001, "answer": "x"},
        {"guid": "CLOZE", "action": "edit", "deletions": []},
        {"guid": "CLOZE", "action": "edit", "deletions": [[0, 4, 1, ""], [2, 6, 2, ""]]},
        {"guid": "CLOZE", "action": "edit", "deletions": [[0, 100000, 1, ""]]},
        {"guid": "CLOZE", "action": "edit", "deletions": [[0, 4, 100, ""]]},
        {"guid": "CLOZE", "action": "edit", "deletions": [[0, 4, True, ""]]},
        {"guid": "CLOZE", "action": "edit", "deletions": [[0, 4, 1]]},
    ],
)
def test_a_bad_choice_is_refused_and_writes_nothing(server: ReviewServer, change: dict) -> None:
    guids = {"QA": some_guid(server, "qa"), "CLOZE": some_guid(server, "cloze")}
    if "guid" in change:
        change = {**change, "guid": guids.get(change["guid"], change["guid"])}
    status, _, reply = request(server, "POST", page_path(server) + "choice", change)
    assert status == 400 and json.loads(reply)["error"]
    assert not server.session.path.exists()


def test_the_page_escapes_hostile_text_and_runs_only_its_own_script(server: ReviewServer) -> None:
    status, headers, body = request(server, "GET", page_path(server))
    page = body.decode()
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    nonce = re.search(r"script-src 'nonce-([^']+)'", headers["Content-Security-Policy"]).group(1)
    scripts = re.findall(r"<script\b[^>]*>", page, re.IGNORECASE)
    assert scripts == ['<script type="application/json" id="rv-states">', f'<script nonce="{nonce}">']
    assert "&lt;script&gt;" in page  # the hostile source's tags are text
    assert (
        headers["Referrer-Policy"] == "no-referrer" and "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    )
    states = re.search(r'<script type="application/json" id="rv-states">(.*?)</script>', page, re.S).group(1)
    assert "<" not in states and json.loads(states)  # data, not markup
    assert request(server, "GET", page_path(server))[1]["Content-Security-Policy"] != headers["Content-Security-Policy"]


def test_ctrl_c_stops_the_review_and_leaves_the_file_complete(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    shutil.copy(SAMPLE, notes / SAMPLE.name)
    process = subprocess.Popen(
        [sys.executable, "-m", "notecards", "review", str(notes), "--no-open"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = process.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:(\d+)(/[^/]+/)", first)
        assert url, first + process.stderr.read()
        session = ReviewSession([notes], notes / "notecards.overrides.yaml")
        guids = list(session.items)[:5]
        for guid in guids:
            connection = http.client.HTTPConnection("127.0.0.1", int(url.group(1)), timeout=30)
            connection.request(
                "POST",
                url.group(2) + "choice",
                json.dumps({"guid": guid, "action": "keep"}),
                {"Content-Type": "application/json"},
            )
            assert connection.getresponse().status == 200
            connection.close()
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, err
    total = len(plan([SAMPLE])[0])
    assert f"Stopped; {total - len(guids)} of {total} cards left to look at." in out and "Traceback" not in err
    assert [entry.guid for entry in read_overrides(notes / "notecards.overrides.yaml").entries] == guids
    assert sorted(path.name for path in notes.iterdir()) == [SAMPLE.name, "notecards.overrides.yaml"]


def test_a_hand_edit_made_while_the_page_is_open_is_shown_and_kept(server: ReviewServer) -> None:
    path, choice = server.session.path, page_path(server) + "choice"
    qa, cloze = some_guid(server, "qa"), some_guid(server, "cloze")
    assert request(server, "POST", choice, {"guid": qa, "action": "keep"})[0] == 200
    path.write_text(path.read_text(encoding="utf-8") + f'- guid: "{cloze}"\n  skip: true\n', encoding="utf-8")
    page = request(server, "GET", page_path(server))[2].decode()
    assert re.search(rf'data-guid="{re.escape(escape_text(cloze))}"[^>]*data-verdict="dropped"', page)
    # A choice made on the page without reloading it keeps the hand edit too.
    other = next(g for g in server.session.items if g not in (qa, cloze))
    assert request(server, "POST", choice, {"guid": other, "action": "drop"})[0] == 200
    assert [e.guid for e in read_overrides(path).entries] == [qa, cloze, other]


def test_a_file_broken_by_hand_is_never_overwritten(server: ReviewServer) -> None:
    path = server.session.path
    broken = '- guid: "x"\n  skp: true\n'
    path.write_text(broken, encoding="utf-8")
    status, _, body = request(server, "GET", page_path(server))
    assert status == 200 and f"{path}:2: an override: unknown key &#39;skp&#39;" in body.decode()
    status, _, reply = request(
        server, "POST", page_path(server) + "choice", {"guid": some_guid(server), "action": "drop"}
    )
    assert status == 400 and "fix it and reload the page" in json.loads(reply)["error"]
    assert path.read_text(encoding="utf-8") == broken


def test_an_entry_that_does_not_fit_its_card_is_named_on_the_page(server: ReviewServer) -> None:
    qa = some_guid(server, "qa")
    server.session.path.write_text(f'- guid: "{qa}"\n  text: "{{{{c1::cloze}}}} text"\n', encoding="utf-8")
    page = request(server, "GET", page_path(server))[2].decode()
    assert f"override gives cloze text, but card {escape_text(qa)} is a Q/A card" in page
