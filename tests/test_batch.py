"""Batch builds: --by guest, --jobs, the incremental cache, progress and --quiet (issue 6)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from anki_real import import_package, notes_by_guid
from conftest import SAMPLE
from notecards import build, plan
from notecards.cache import CACHE_DIR
from notecards.cli import app

NOW = 1_700_000_000
SAMPLE_TITLE = "Jeremy Howard: fast.ai Deep Learning Courses and Research | Lex Fridman Podcast #35"
GUEST_SECTION = re.compile(r"The guest\n\nJeremy Howard — [^\n]*\n\n")


def page(guests: tuple[str, ...], podcast: str, number: int, date: str = "2019-08-27") -> str:
    """The sample page as another episode: other guests (or none), podcast, number and date."""
    text = SAMPLE.read_text(encoding="utf-8")
    lead = f"{guests[0]}: " if guests else ""
    text = text.replace(SAMPLE_TITLE, f"{lead}Topic {number} | {podcast} #{number}")
    text = text.replace("2019-08-27", date)
    heading = "The guests" if len(guests) > 1 else "The guest"
    section = f"{heading}\n\n" + "".join(f"{name} — A guest of {podcast}.\n\n" for name in guests)
    return GUEST_SECTION.sub(lambda _m: section if guests else "", text, count=1)


EPISODES = {  # file → (guests, podcast, number, date); Ada recurs across podcasts and folders
    "first/ada-1.txt": (("Ada Lovelace",), "Lex Fridman Podcast", 1, "2019-01-01"),
    "first/alan-2.txt": (("Alan Turing",), "Lex Fridman Podcast", 2, "2019-02-01"),
    "second/ada-7.txt": (("Ada Lovelace",), "The Byte Show", 7, "2020-01-01"),
    "second/alan-ada-8.txt": (("Alan Turing", "Ada Lovelace"), "The Byte Show", 8, "2020-02-01"),
    "second/nobody-9.txt": ((), "The Byte Show", 9, "2020-03-01"),
}
EXPECTED_GUEST_DECKS = {  # the README's rule: an episode goes to its first-listed guest's deck
    "Guests::Ada Lovelace": ("first/ada-1.txt", "second/ada-7.txt"),
    "Guests::Alan Turing": ("first/alan-2.txt", "second/alan-ada-8.txt"),
    "The Byte Show::#9 Topic 9": ("second/nobody-9.txt",),
}


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    folder = tmp_path / "src"
    for name, (guests, podcast, number, date) in EPISODES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(page(guests, podcast, number, date), encoding="utf-8")
    return folder


def apkg_bytes(out: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(out.glob("*.apkg"))}


def test_by_guest_makes_one_deck_per_guest_and_anki_imports_every_note_once(
    catalogue: Path, tmp_path: Path, collection
) -> None:
    report = build([catalogue], tmp_path / "out", by="guest", jobs=2)
    assert report.errors == ()
    assert {deck.name for deck in report.decks} == set(EXPECTED_GUEST_DECKS)
    notes, _ = plan([catalogue])
    expected_deck = {
        note.guid: deck
        for deck, files in EXPECTED_GUEST_DECKS.items()
        for note in notes
        if Path(note.card.fact.location.path).relative_to(catalogue).as_posix() in files
    }
    assert len(expected_deck) == len(notes) > 0
    imported = 0
    for deck in report.decks:
        imported += len(import_package(collection, Path(deck.path)).new)
    in_anki = notes_by_guid(collection)
    assert imported == len(in_anki) == len(notes) == report.notes
    assert {guid: view.decks for guid, view in in_anki.items()} == {
        guid: (deck,) for guid, deck in expected_deck.items()
    }


def test_switching_the_grouping_never_duplicates_a_note_in_anki(catalogue: Path, tmp_path: Path, collection) -> None:
    by_episode = build([catalogue], tmp_path / "episode", by="episode", jobs=1, now=NOW)
    assert len(by_episode.decks) == len(EPISODES)
    for deck in by_episode.decks:
        import_package(collection, Path(deck.path))
    before = notes_by_guid(collection)
    by_guest = build([catalogue], tmp_path / "guest", by="guest", jobs=1, now=NOW + 60)
    for deck in by_guest.decks:
        summary = import_package(collection, Path(deck.path))
        assert summary.new == ()
    assert set(notes_by_guid(collection)) == set(before)


def test_guest_deck_names_stay_put_when_a_later_episode_spells_the_guest_differently(
    catalogue: Path, tmp_path: Path
) -> None:
    first = build([catalogue], tmp_path / "out", by="guest", now=NOW)
    (catalogue / "third").mkdir()
    (catalogue / "third" / "a-0.txt").write_text(
        page(("ADA LOVELACE",), "Deep Dives", 3, "2021-05-05"), encoding="utf-8"
    )
    second = build([catalogue], tmp_path / "out", by="guest", now=NOW)
    assert {deck.name for deck in second.decks} == {deck.name for deck in first.decks}
    ada = next(deck for deck in second.decks if deck.name == "Guests::Ada Lovelace")
    assert not ada.skipped and ada.notes > next(d for d in first.decks if d.name == ada.name).notes


@pytest.mark.parametrize("by", ["episode", "guest"])
def test_output_is_byte_identical_whatever_the_number_of_jobs(catalogue: Path, tmp_path: Path, by: str) -> None:
    one = build([catalogue], tmp_path / "one", by=by, jobs=1, now=NOW)
    two = build([catalogue], tmp_path / "two", by=by, jobs=2, now=NOW)
    assert [(d.name, d.notes, d.cards) for d in one.decks] == [(d.name, d.notes, d.cards) for d in two.decks]
    assert apkg_bytes(tmp_path / "one") == apkg_bytes(tmp_path / "two")
    assert len(apkg_bytes(tmp_path / "one")) == len(one.decks) >= 3


def test_an_unchanged_rebuild_skips_every_deck(catalogue: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = build([catalogue], out, jobs=2, now=NOW)
    assert not any(deck.skipped for deck in first.decks)
    written = apkg_bytes(out)
    events = []
    again = build([catalogue], out, jobs=2, now=NOW + 3600, progress=events.append)
    assert all(deck.skipped for deck in again.decks) and again.skipped == len(EPISODES)
    assert again.count("unchanged") == again.notes == first.notes and again.cards == first.cards
    assert apkg_bytes(out) == written
    assert all(event.skipped for event in events)
    assert {(e.stage, e.done, e.total) for e in events if e.done == e.total} == {
        ("sources", len(EPISODES), len(EPISODES)),
        ("decks", len(EPISODES), len(EPISODES)),
    }


def test_one_edit_rebuilds_only_its_deck(catalogue: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([catalogue], out, jobs=2, now=NOW)
    edited = catalogue / "second" / "ada-7.txt"
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("about four students", "about five students"), encoding="utf-8"
    )
    events = []
    report = build([catalogue], out, jobs=2, now=NOW + 60, progress=events.append)
    assert [deck.name for deck in report.decks if not deck.skipped] == ["The Byte Show::#7 Ada Lovelace: Topic 7"]
    assert [e.item for e in events if e.stage == "sources" and not e.skipped] == [str(edited)]


def test_a_deleted_cache_still_builds_the_same_decks(catalogue: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([catalogue], out, by="guest", jobs=2, now=NOW)
    written = apkg_bytes(out)
    shutil.rmtree(out / CACHE_DIR)
    report = build([catalogue], out, by="guest", jobs=2, now=NOW)
    assert report.errors == () and not any(deck.skipped for deck in report.decks)
    assert apkg_bytes(out) == written


def test_a_missing_or_modified_deck_file_is_rebuilt(catalogue: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = build([catalogue], out, jobs=1, now=NOW)
    missing, modified = Path(first.decks[0].path), Path(first.decks[1].path)
    original = modified.read_bytes()
    missing.unlink()
    modified.write_bytes(original[:-10])
    report = build([catalogue], out, jobs=1, now=NOW)
    assert {deck.path for deck in report.decks if not deck.skipped} == {str(missing), str(modified)}
    assert missing.is_file() and modified.read_bytes() == original


def test_changed_templates_rebuild_every_deck(catalogue: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([catalogue], out, jobs=1, now=NOW)
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "style.css").write_text(
        '[% include "builtin/style.css" %]\n.card { color: teal; }\n', encoding="utf-8"
    )
    report = build([catalogue], out, jobs=1, now=NOW, templates=templates)
    assert report.skipped == 0 and len(report.decks) == len(EPISODES)


def test_quiet_prints_nothing_but_errors(catalogue: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["build", str(catalogue), "--out", str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 0 and result.stdout == "" and result.stderr == ""
    (catalogue / "bad.txt").write_text("Home Some Notes\nBig reveals\n", encoding="utf-8")
    (catalogue / "README.md").write_text("# About these notes\n\nKept by hand.\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(catalogue), "--out", str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == f"{catalogue / 'bad.txt'}:1: not a notes page: no episode title before the first section\n"


def test_the_cli_shows_progress_lines_and_a_summary_table(catalogue: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    args = ["build", str(catalogue), "--out", str(tmp_path / "out"), "--by", "guest", "--jobs", "2"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "sources 5/5: " in first.stderr and "decks 3/3: " in first.stderr
    for column in ("decks", "notes", "cards", "new", "changed", "removed", "time"):
        assert column in first.stdout
    again = runner.invoke(app, args)
    assert "decks: 0 built, 3 unchanged (skipped)" in again.stderr
    assert "3 decks (3 unchanged, skipped)" in again.stdout


def test_bad_jobs_and_grouping_are_bad_usage(catalogue: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["build", str(catalogue), "--jobs", "0"]).exit_code == 2
    assert runner.invoke(app, ["build", str(catalogue), "--by", "podcast"]).exit_code == 2


def test_a_corrupt_cache_is_a_miss_not_an_error(catalogue: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([catalogue], out, jobs=1, now=NOW)
    written = apkg_bytes(out)
    (out / CACHE_DIR / "index.json").write_text("{not json", encoding="utf-8")
    for stored in (out / CACHE_DIR / "notes").iterdir():
        stored.write_bytes(b"garbage")
    report = build([catalogue], out, jobs=2, now=NOW)
    assert report.errors == () and apkg_bytes(out) == written
    for deck in list(out.glob("*.apkg"))[:2]:
        deck.unlink()
    for stored in (out / CACHE_DIR / "notes").iterdir():
        stored.write_bytes(b"garbage")
    report = build([catalogue], out, jobs=2, now=NOW)
    assert report.errors == () and apkg_bytes(out) == written
    assert len([deck for deck in report.decks if not deck.skipped]) == 2


def test_a_bug_met_on_one_source_is_reported_against_it_and_the_others_still_build(
    catalogue: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import notecards.jobs

    real_generate = notecards.jobs.generate

    def generate_with_a_bug(episode):  # fault injection: notecards itself fails on one episode
        if episode.number == 7:
            raise IndexError("string index out of range")
        return real_generate(episode)

    monkeypatch.setattr(notecards.jobs, "generate", generate_with_a_bug)
    report = build([catalogue], tmp_path / "out", jobs=1, now=NOW)  # inline: the patch applies
    buggy = catalogue / "second" / "ada-7.txt"
    assert report.errors == (
        (
            f"{buggy}: internal error while making cards (IndexError: string index out "
            "of range); please report this bug with this file"
        ),
    )
    assert len(report.decks) == len(EPISODES) - 1
