"""Every way reaching Anki can fail gives one line that says what to do, and loses nothing: the built
decks stay in the output folder, and running the sync again finishes the job without duplicates.
Against tests/ankiconnect_server.py (AnkiConnect's protocol on a REAL Anki collection)."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from anki_real import notes_by_guid
from ankiconnect_server import AnkiConnectServer, collection_at, free_port_url
from notecards import build
from notecards.anki_sync import sync, sync_decks
from notecards.ankiconnect import AnkiConnect, AnkiConnectError
from test_reimport import V1


@pytest.fixture
def built(tmp_path: Path):
    """The re-import episodes built once into tmp/dist: (report, out, bytes of each deck)."""
    shutil.copytree(V1, tmp_path / "notes")
    out = tmp_path / "dist"
    report = build([tmp_path / "notes"], out, lock=tmp_path / "notes" / "notecards.lock")
    return report, out, {path: path.read_bytes() for path in out.glob("*.apkg")}


@pytest.fixture
def server(tmp_path: Path):
    collection = collection_at(tmp_path)
    with AnkiConnectServer(collection) as running:
        yield running
    collection.close()


def failure_of(built, anki: AnkiConnect) -> str:
    report, out, decks = built
    result = sync_decks(report, out, anki)
    assert result.imported == () and "\n" not in result.failure
    assert {path: path.read_bytes() for path in out.glob("*.apkg")} == decks and len(decks) == 3
    assert result.failure.endswith(f"; the decks are in {out}/ for File → Import")
    return result.failure


def test_anki_not_running(built) -> None:
    message = failure_of(built, AnkiConnect(free_port_url()))
    assert message.startswith("cannot reach Anki at http://127.0.0.1:") and "start Anki" in message
    assert "code 2055492159" in message  # how to install AnkiConnect, for when it is what is missing


def test_another_program_on_the_port(built, server) -> None:
    server.impostor = True
    message = failure_of(built, AnkiConnect(server.url))
    assert "it is not AnkiConnect" in message and "code 2055492159" in message and "HTTP 404" in message


def test_ankiconnect_too_old(built, server) -> None:
    server.old = True
    message = failure_of(built, AnkiConnect(server.url))
    assert "is too old" in message and "Check for Updates" in message


def test_api_key(built, server) -> None:
    server.api_key = "s3cret"
    assert "asks for an API key: set NOTECARDS_ANKI_KEY" in failure_of(built, AnkiConnect(server.url))
    message = failure_of(built, AnkiConnect(server.url, key="guess"))
    assert "refused the API key in NOTECARDS_ANKI_KEY" in message
    report, out, _ = built
    assert len(sync_decks(report, out, AnkiConnect(server.url, key="s3cret")).imported) == 3


def test_no_collection_open(built, server) -> None:
    server.busy = True
    assert "Anki has no collection open" in failure_of(built, AnkiConnect(server.url))


def test_timeout_then_run_again(built, server) -> None:
    """Anki stops answering during an import (a dialog, a sync), then finishes it after we gave up."""
    report, out, _ = built
    server.stall["importPackage"] = threading.Event()
    stalled = sync_decks(report, out, AnkiConnect(server.url, timeout=1))
    assert stalled.failure.startswith("Anki did not answer importPackage within 1s")
    server.stall.pop("importPackage").set()
    again = sync_decks(report, out, AnkiConnect(server.url))
    assert again.failure == "" and len(again.imported) == 3
    with server.lock:
        assert len(notes_by_guid(server.collection)) == server.collection.note_count() == report.notes


def test_anki_quits_half_way_then_run_again(built, server) -> None:
    """Anki closes the connection after the second deck's import: running again imports the rest once."""
    report, out, _ = built
    server.drop["importPackage"] = 2
    half = sync_decks(report, out, AnkiConnect(server.url))
    assert half.failure.startswith("Anki closed the connection during importPackage")
    assert "running it again is safe" in half.failure and server.calls["importPackage"] == 2
    again = sync_decks(report, out, AnkiConnect(server.url))
    assert again.failure == "" and again.up_to_date == 1 and server.calls["importPackage"] == 4
    # The second deck reached Anki before it quit: Anki reads it back unchanged, with no copy.
    _, second, third = report.decks
    assert [(d.name, d.added, d.updated, d.unchanged) for d in again.imported] == [
        (second.name, 0, 0, second.notes),
        (third.name, third.notes, 0, 0),
    ]
    with server.lock:
        assert len(notes_by_guid(server.collection)) == server.collection.note_count() == report.notes


def test_bad_address() -> None:
    with pytest.raises(AnkiConnectError, match="is not an http:// address"):
        AnkiConnect("localhost:8765")


def test_one_line_errors_from_actions(server) -> None:
    anki = AnkiConnect(server.url)
    with pytest.raises(AnkiConnectError, match=r"^Anki could not importPackage: .+"):
        anki.call("importPackage", path=str(Path("/no/such/deck.apkg")))
    assert anki.multi([("findNotes", {"query": "deck:nothing"}), ("version", {})]) == [[], 6]


def test_sync_builds_first(tmp_path: Path) -> None:
    """Anki being away never costs the build: the decks are written, the lock too."""
    shutil.copytree(V1, tmp_path / "notes")
    report = sync([tmp_path / "notes"], tmp_path / "dist", anki=AnkiConnect(free_port_url()), lock=None)
    assert report.failure.startswith("cannot reach Anki") and len(list((tmp_path / "dist").glob("*.apkg"))) == 3
