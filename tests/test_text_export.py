"""`notecards build --format csv`: Anki's text-import format, round-tripped through real Anki."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import pytest
from typer.testing import CliRunner

from anki_real import import_csv, import_package, notes_by_guid
from conftest import SAMPLE, SAMPLE_CARDS
from notecards import build
from notecards.build import plan
from notecards.cli import app
from notecards.text_export import HEADER, text_export

DECK = "Lex Fridman Podcast::#35 Jeremy Howard: fast.ai Deep Learning Courses and Research"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("csv")
    result = CliRunner().invoke(app, ["build", str(SAMPLE), "--format", "csv", "--out", str(out)])
    assert result.exit_code == 0, result.output
    files = [f for f in out.iterdir() if f.name != ".notecards-cache"]
    assert [f.suffix for f in files] == [".csv"]
    return files[0]


@pytest.fixture
def note_types_only(collection, tmp_path: Path):
    """A collection that has notecards' note types (from an .apkg) but none of its notes."""
    report = build([SAMPLE], tmp_path / "apkg")
    import_package(collection, Path(report.decks[0].path))
    collection.remove_notes(collection.find_notes(""))
    assert collection.note_count() == 0
    return collection


def rows(path: Path) -> list[list[str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines(keepends=True) if not line.startswith("#")]
    return list(csv.reader(lines))


def test_header_lines_and_every_field_quoted(exported: Path) -> None:
    text = exported.read_text(encoding="utf-8")
    assert text.splitlines()[: len(HEADER)] == list(HEADER)
    for header in ("#separator:", "#html:true", "#notetype column:", "#deck column:", "#guid column:", "#tags column:"):
        assert any(line.startswith(header) for line in HEADER)
    data = text.splitlines()[len(HEADER) :]
    notes, _ = plan([SAMPLE])
    assert len(data) == len(notes)
    for line in data:
        assert line.startswith('"') and line.endswith('"')
    assert {row[0] for row in rows(exported)} == {note.guid for note in notes}


def test_import_creates_every_note_with_its_guid_deck_tags_and_fields(note_types_only, exported: Path) -> None:
    summary = import_csv(note_types_only, exported)
    notes, _ = plan([SAMPLE])
    assert summary.counts() == {"new": len(notes)}
    seen = notes_by_guid(note_types_only)
    assert set(seen) == {note.guid for note in notes}
    for note in notes:
        view = seen[note.guid]
        assert view.fields == dict(note.fields)
        assert view.tags == note.tags and view.decks == (DECK,)
        assert view.notetype == {"cloze": "notecards cloze", "qa": "notecards Q/A"}[note.kind]
    assert note_types_only.card_count() == SAMPLE_CARDS


def test_reimporting_an_edited_export_updates_the_same_notes(note_types_only, exported: Path, tmp_path: Path) -> None:
    import_csv(note_types_only, exported)
    before = notes_by_guid(note_types_only)
    edited = tmp_path / "edited.csv"
    text = exported.read_text(encoding="utf-8")
    assert text.count("five pediatric radiologists") >= 1
    edited.write_text(text.replace("five pediatric radiologists", "five paediatric radiologists"), encoding="utf-8")
    summary = import_csv(note_types_only, edited)
    after = notes_by_guid(note_types_only)
    changed = {guid for guid in after if after[guid].fields != before[guid].fields}
    assert changed and summary.guids("updated") == changed
    assert "new" not in summary.counts() and set(after) == set(before)
    assert note_types_only.note_count() == len(before)
    assert all("paediatric" in " ".join(after[guid].fields.values()) for guid in changed)


def test_csv_over_an_apkg_import_adds_no_duplicates(collection, exported: Path, tmp_path: Path) -> None:
    report = build([SAMPLE], tmp_path / "apkg")
    import_package(collection, Path(report.decks[0].path))
    count = collection.note_count()
    summary = import_csv(collection, exported)
    assert "new" not in summary.counts() and collection.note_count() == count


def test_a_guid_starting_with_hash_is_a_row_not_a_comment(note_types_only, tmp_path: Path) -> None:
    notes, _ = plan([SAMPLE])
    odd = [dataclasses.replace(notes[0], guid="#starts-like-a-comment"), *notes[1:3]]
    path = tmp_path / "hash.csv"
    path.write_text(text_export(odd), encoding="utf-8")
    assert path.read_text(encoding="utf-8").splitlines()[len(HEADER)].startswith('"#starts-like-a-comment"')
    summary = import_csv(note_types_only, path)
    assert summary.counts() == {"new": 3}
    assert "#starts-like-a-comment" in notes_by_guid(note_types_only)
