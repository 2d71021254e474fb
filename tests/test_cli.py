"""The command line, through typer's CliRunner: the contract in docs/design.md."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SAMPLE
from notecards.cli import app

runner = CliRunner()


def test_build_writes_one_deck_and_prints_a_summary(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(SAMPLE), "--out", str(tmp_path), "--lock", str(tmp_path / "lock")])
    assert result.exit_code == 0, result.output
    decks = list(tmp_path.glob("*.apkg"))
    assert len(decks) == 1
    assert "1 deck (0 unchanged, skipped)" in result.output and "notes" in result.output and "cards" in result.output


def test_build_defaults_to_the_decks_folder(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", "--out", str(tmp_path), "--lock", str(tmp_path / "lock")])
    assert result.exit_code == 0, result.output
    sources = [p for p in Path("decks").iterdir() if p.suffix in (".txt", ".md", ".yaml", ".yml")]
    assert len(list(tmp_path.glob("*.apkg"))) == len(sources)


def test_cards_json_matches_the_contract() -> None:
    result = runner.invoke(app, ["cards", str(SAMPLE), "--json"])
    assert result.exit_code == 0, result.output
    notes = json.loads(result.stdout)
    assert {note["type"] for note in notes} == {"cloze", "qa"}
    for note in notes:
        assert set(note) == {"guid", "type", "deck", "fields", "tags", "source"}
        assert set(note["source"]) == {"path", "line", "section", "text"}
        assert note["source"]["path"] == str(SAMPLE) and note["source"]["line"] >= 1
        if note["type"] == "cloze":
            assert "{{c1::" in note["fields"]["Text"]
        else:
            assert note["fields"]["Question"].endswith("?") and note["fields"]["Answer"]
    assert len({note["guid"] for note in notes}) == len(notes)


def test_cards_json_prints_the_notes_that_build_writes(tmp_path: Path) -> None:
    import sqlite3
    import zipfile

    lock = ["--lock", str(tmp_path / "notecards.lock")]
    printed = {note["guid"] for note in json.loads(runner.invoke(app, ["cards", str(SAMPLE), "--json", *lock]).stdout)}
    runner.invoke(app, ["build", str(SAMPLE), "--out", str(tmp_path), *lock])
    (deck,) = tmp_path.glob("*.apkg")
    with zipfile.ZipFile(deck) as archive:
        archive.extract("collection.anki2", tmp_path)
    with sqlite3.connect(tmp_path / "collection.anki2") as db:
        written = {guid for (guid,) in db.execute("select guid from notes")}
    assert printed == written


def test_a_missing_path_is_one_line_and_exit_1(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(tmp_path / "nope.txt"), "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"{tmp_path / 'nope.txt'}: no such file or folder"
    assert "Traceback" not in result.output


def test_a_bad_file_is_reported_with_its_line_and_the_rest_still_builds(tmp_path: Path) -> None:
    bad = tmp_path / "src" / "bad.txt"
    bad.parent.mkdir()
    bad.write_text("Home Some Notes\nBig reveals\n", encoding="utf-8")
    (tmp_path / "src" / "good.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, ["build", str(tmp_path / "src"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert f"{bad}:1: not a notes page" in result.stderr
    assert len(list((tmp_path / "out").glob("*.apkg"))) == 1


def test_unknown_option_is_bad_usage() -> None:
    assert runner.invoke(app, ["build", "--nonsense"]).exit_code == 2


@pytest.mark.parametrize("command", ["build", "cards"])
def test_help_shows_an_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example: notecards " + command in result.output


def test_the_public_generate_is_the_function_even_after_its_package_is_imported() -> None:
    import notecards
    import notecards.generate.spans
    from notecards import generate

    assert callable(generate) and notecards.generate is generate
