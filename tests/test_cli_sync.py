"""`notecards sync` on the command line, against the AnkiConnect test server on a real collection:
what it prints, and one line and exit 1 for each failure, with the decks left in --out."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ankiconnect_server import AnkiConnectServer, collection_at, free_port_url
from notecards.cli import app

runner = CliRunner()


@pytest.fixture
def server(tmp_path: Path):
    collection = collection_at(tmp_path)
    with AnkiConnectServer(collection) as running:
        yield running
    collection.close()


def sync(tmp_path: Path, url: str, *options: str, env: dict[str, str] | None = None):
    notes = tmp_path / "notes"
    if not notes.exists():
        shutil.copytree(Path("decks"), notes, ignore=shutil.ignore_patterns("notecards.lock"))
    arguments = ["sync", str(notes), "--out", str(tmp_path / "dist"), "--anki-url", url, "--jobs", "1", *options]
    return runner.invoke(app, arguments, env=env)


def test_sync_prints_what_anki_read_back(tmp_path: Path, server) -> None:
    first = sync(tmp_path, server.url)
    assert first.exit_code == 0, first.output
    with server.lock:
        notes = server.collection.note_count()
    assert f"Anki: 3 decks imported ({notes} notes added, 0 updated, 0 unchanged)" in first.stdout
    assert "File → Import" not in first.stdout  # no import instructions: sync did it
    again = sync(tmp_path, server.url)
    assert again.exit_code == 0 and "Anki: nothing to import, 3 decks already up to date" in again.stdout


@pytest.mark.parametrize(
    ("setup", "start"),
    [
        ("not running", "cannot reach Anki at "),
        ("busy", "Anki has no collection open"),
        ("old", "AnkiConnect at http://127.0.0.1:"),
        ("key", "AnkiConnect asks for an API key"),
        ("wrong key", "AnkiConnect refused the API key"),
        ("impostor", "http://127.0.0.1:"),
    ],
)
def test_each_failure_is_one_line_and_exit_1(tmp_path: Path, server, setup: str, start: str) -> None:
    url = free_port_url() if setup == "not running" else server.url
    server.busy, server.old, server.impostor = setup == "busy", setup == "old", setup == "impostor"
    server.api_key = "s3cret" if "key" in setup else None
    result = sync(tmp_path, url, env={"NOTECARDS_ANKI_KEY": "guess"} if setup == "wrong key" else {})
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith(start) and lines[-1].endswith(
        f"the decks are in {tmp_path / 'dist'}/ for File → Import"
    )
    assert "Traceback" not in result.output and len(list((tmp_path / "dist").glob("*.apkg"))) == 3
    with server.lock:
        assert server.collection.note_count() == 0


def test_api_key_from_the_environment(tmp_path: Path, server) -> None:
    server.api_key = "s3cret"
    result = sync(tmp_path, server.url, env={"NOTECARDS_ANKI_KEY": "s3cret"})
    assert result.exit_code == 0, result.output
    assert "Anki: 3 decks imported" in result.stdout


def test_delete_asks_for_yes(tmp_path: Path, server) -> None:
    refused = sync(tmp_path, server.url, "--removed", "delete")
    assert refused.exit_code == 2 and "--yes" in refused.stderr
    assert not (tmp_path / "dist").exists()  # nothing built, nothing sent
    assert sync(tmp_path, server.url, "--removed", "delete", "--yes").exit_code == 0


def test_bad_anki_url_is_one_line(tmp_path: Path) -> None:
    result = sync(tmp_path, "localhost:8765")
    assert result.exit_code == 1
    assert (
        result.stderr.strip()
        == "--anki-url 'localhost:8765' is not an http:// address (the default is http://127.0.0.1:8765)"
    )


def test_a_broken_source_does_not_stop_the_others(tmp_path: Path, server) -> None:
    notes = tmp_path / "notes"
    shutil.copytree(Path("decks"), notes, ignore=shutil.ignore_patterns("notecards.lock"))
    (notes / "broken.yaml").write_text("podcast: [unclosed\n", encoding="utf-8")
    result = sync(tmp_path, server.url)
    assert result.exit_code == 1
    assert f"{notes / 'broken.yaml'}:" in result.stderr and "Traceback" not in result.output
    assert "Anki: 3 decks imported" in result.stdout
