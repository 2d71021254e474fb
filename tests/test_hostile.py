"""The broken and hostile corpora (tests/data/broken, tests/data/hostile), file by file, through the CLI.

Broken files: one line ``file:line: message`` on stderr, exit 1, no traceback, nothing written.
Hostile and messy files: a clean deck that real Anki imports, with no executable HTML in any field
and no cloze card that the source text did not ask for.
"""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from anki_real import find_executable_html, import_package, notes_by_guid, rendered_cards
from notecards.build import build, deck_file_name, plan
from notecards.cli import app

CACHE = ".notecards-cache"  # the build cache beside the decks (see cache.py), not a deck
runner = CliRunner()
BROKEN = Path("tests/data/broken")
HOSTILE = Path("tests/data/hostile")
SKIPPED = Path("tests/data/skipped")  # not episode notes: a build skips them with a notice

# file -> (line, what the one-line message must say)
EXPECTED_ERRORS = {
    "bad-date.md": (4, "'date' should be a date like 2019-08-27"),
    "billion-laughs.yaml": (5, "anchors and aliases"),
    "binary.txt": (1, "binary file"),
    "cloze-nested.yaml": (6, "clozes cannot be nested"),
    "cloze-none.yaml": (6, "needs at least one '{{c1::…}}'"),
    "cloze-unclosed.yaml": (6, 'cloze "{{c1::" is never closed'),
    "deck-nul.yaml": (5, "control character"),
    "deck-traversal.yaml": (5, "'..' or '.' path part"),
    "empty.txt": (1, "empty file"),
    "fact-id-path.yaml": (6, "id '../../secret' is not a valid id"),
    "front-matter-syntax.md": (3, "YAML syntax error"),
    "front-matter-unclosed.md": (1, "front matter is never closed"),
    "guests-not-a-list.yaml": (5, "'guests' should be a list"),
    "latin1.txt": (2, "not valid UTF-8 text"),
    "no-takeaways.md": (None, "no takeaways found"),
    "no-takeaways.txt": (None, "no takeaways found"),
    "two-documents.yaml": (5, "another document"),
    "unknown-fact.yaml": (9, "no fact has the id 'boilng' (did you mean 'boiling'?)"),
    "unknown-key.yaml": (5, "unknown key 'guest' (did you mean 'guests'?)"),
    "whitespace-only.md": (1, "empty file"),
    "wrong-type.yaml": (3, "'episode' should be a whole number"),
    "yaml-syntax.yaml": (6, "YAML syntax error"),
}


def test_the_corpus_covers_every_file_and_is_large_enough() -> None:
    assert sorted(p.name for p in BROKEN.iterdir()) == sorted(EXPECTED_ERRORS)
    assert len(EXPECTED_ERRORS) + len(list(HOSTILE.iterdir())) >= 15


@pytest.mark.parametrize("name", sorted(EXPECTED_ERRORS))
def test_a_broken_file_is_one_line_with_its_line_and_exit_1(name: str, tmp_path: Path) -> None:
    source = BROKEN / name
    result = runner.invoke(app, ["build", str(source), "--out", str(tmp_path / "out")])
    line, message = EXPECTED_ERRORS[name]
    assert result.exit_code == 1
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
    errors = [text for text in result.stderr.splitlines() if text.startswith(str(source))]
    assert len(errors) == 1, result.stderr
    assert errors[0].startswith(f"{source}:{line}: " if line else f"{source}: ") and message in errors[0], errors[0]
    written = (tmp_path / "out").iterdir() if (tmp_path / "out").exists() else ()
    assert [p.name for p in written if p.name != CACHE] == []


@pytest.mark.parametrize("name", sorted(EXPECTED_ERRORS))
def test_ingest_of_a_broken_file_writes_nothing(name: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(BROKEN / name), "-o", str(tmp_path / "out.yaml")])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_a_folder_build_builds_the_good_files_and_reports_every_bad_one(tmp_path: Path) -> None:
    lock = tmp_path.with_name(f"{tmp_path.name}.lock")  # beside the output folder, which must hold only decks
    args = ["build", str(BROKEN), str(HOSTILE), str(SKIPPED), "--out", str(tmp_path), "--lock", str(lock), "--quiet"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    reported = {line.split(":")[0] for line in result.stderr.splitlines() if ": warning: " not in line}
    assert reported == {str(BROKEN / name) for name in EXPECTED_ERRORS}
    built = {p.name for p in tmp_path.iterdir() if p.name != CACHE}
    notes, errors = plan([HOSTILE])
    assert errors == () and built == {deck_file_name(note.deck) for note in notes}
    assert result.stdout == ""  # --quiet: nothing but the errors, on stderr


@pytest.fixture(scope="module")
def hostile_decks(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("hostile")
    report = build([HOSTILE], out)
    assert report.errors == ()
    return [Path(deck.path) for deck in report.decks]


def test_every_hostile_file_builds_a_deck_inside_out(hostile_decks: list[Path]) -> None:
    assert len(hostile_decks) == len(list(HOSTILE.iterdir()))
    out = hostile_decks[0].parent
    for deck in hostile_decks:
        # letters and digits of any script (Hebrew stays Hebrew), dashes, nothing a path could use
        assert deck.parent == out and deck.suffix == ".apkg"
        assert all(c == "-" or c.isalnum() or unicodedata.category(c)[0] == "M" for c in deck.stem), deck.name
    assert sorted(p.name for p in out.iterdir() if p.name != CACHE) == sorted(d.name for d in hostile_decks)


def test_real_anki_finds_nothing_executable_and_no_extra_cloze(collection, hostile_decks: list[Path]) -> None:
    notes = {note.guid: note for note in plan([HOSTILE])[0]}
    for deck in hostile_decks:
        summary = import_package(collection, deck)
        assert summary.counts() == {"new": summary.found_notes}
    views = notes_by_guid(collection)
    assert set(views) == set(notes)
    for view in views.values():
        for value in view.fields.values():
            assert find_executable_html(value) == [], value
    cards = rendered_cards(collection)
    for card in cards:
        assert find_executable_html(card.question) == [] and find_executable_html(card.answer) == []
    for guid, note in notes.items():
        if note.kind == "cloze":
            expected = len({d.number for d in note.card.deletions})
            assert sum(card.guid == guid for card in cards) == expected, note.card.text


def test_hostile_text_is_shown_literally_by_anki(collection, hostile_decks: list[Path]) -> None:
    for deck in hostile_decks:
        import_package(collection, deck)
    shown = " ".join(f"{card.question_text} {card.answer_text}" for card in rendered_cards(collection))
    for literal in (
        "<script>alert(1)</script>",
        '<a href="javascript:alert(4)">here</a>',
        "<img src=x onerror=alert(5)>",
        "{{c1::this}}",
        "{{c2::that::hint}}",
        "a::b",
        "closes with }}",
        "{{type:Text}}",
        "$2.5 billion & closed",
        "10–20% when x < y",
        "Zoë says “crème brûlée”",
        "{{c1::Play it}} loud :: always }}",
    ):
        assert literal in shown, literal


def test_hostile_deck_names_cannot_leave_the_out_folder() -> None:
    for name in ("../../etc/passwd", "/abs/path", "..\\..\\win", "a/../../b", "\x00", "::", "..", "CON", ""):
        file_name = deck_file_name(name)
        assert "/" not in file_name and "\\" not in file_name and not file_name.startswith(".")
        assert re.fullmatch(r"[a-z0-9-]+\.apkg", file_name)


def test_a_failed_write_leaves_no_apkg_and_no_part_file(tmp_path: Path) -> None:
    notes, _ = plan([HOSTILE / "symbols.txt"])
    blocker = tmp_path / deck_file_name(notes[0].deck)
    blocker.mkdir()  # the final rename onto a folder fails, as a full disk or a dead process would
    (blocker / "keep").write_text("x")
    lock = tmp_path.with_name(f"{tmp_path.name}.lock")  # beside the output folder, which must hold only the blocker
    result = runner.invoke(app, ["build", str(HOSTILE / "symbols.txt"), "--out", str(tmp_path), "--lock", str(lock)])
    assert result.exit_code == 1 and "cannot write deck" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != CACHE) == [blocker.name]


def test_the_too_long_bullet_is_skipped_with_a_warning_and_the_rest_built(tmp_path: Path) -> None:
    lock = tmp_path / "notecards.lock"
    result = runner.invoke(
        app, ["build", str(HOSTILE / "too-long-bullet.txt"), "--out", str(tmp_path), "--lock", str(lock)]
    )
    assert result.exit_code == 0
    assert "too-long-bullet.txt:11: warning: bullet of 92 words is too long" in result.stderr
    notes, _ = plan([HOSTILE / "too-long-bullet.txt"])
    assert notes and all("Eiffel" in html.unescape(note.field("Fact")) for note in notes)
