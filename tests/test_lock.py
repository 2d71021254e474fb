"""The lock file: per-note times, removed notes, note-type times, the file itself, --lock."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import DATA, SAMPLE
from notecards import NotecardsError, build
from notecards.build import collect, plan
from notecards.cli import app
from notecards.lock import REMOVED_TAG, Lock, build_time, default_path, settle
from notecards.lock_file import lock_text, read_lock, write_lock
from notecards.model import LockEntry
from notecards.render import Renderer, builtin_templates_dir

V1, V2 = DATA / "reimport" / "v1", DATA / "reimport" / "v2"
ADA = "memory-lab-012-ada-moreau.txt"
T1, T2, T3 = 1_600_000_000, 1_600_000_100, 1_600_000_200
runner = CliRunner()


@pytest.fixture
def notes_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    shutil.copytree(V1, folder)
    return folder


def apkgs(out: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(out.glob("*.apkg"))}


def test_unchanged_notes_keep_their_time_and_changed_ones_get_the_build_time(notes_dir: Path, tmp_path: Path) -> None:
    lock = tmp_path / "notecards.lock"
    first = build([notes_dir], tmp_path / "a", lock=lock, now=T1)
    assert first.notes == sum(len(deck.new) for deck in first.decks) > 20
    before = {e.guid: e for e in read_lock(lock).entries}
    shutil.copy(V2 / ADA, notes_dir / ADA)
    report = build([notes_dir], tmp_path / "b", lock=lock, now=T2)
    after = {e.guid: e for e in read_lock(lock).entries}
    (ada,) = [deck for deck in report.decks if "#12" in deck.name]
    assert len(ada.new) >= 1 and len(ada.changed) >= 1 and len(ada.removed) >= 1 and len(ada.unchanged) >= 3
    for guid in ada.unchanged:
        assert after[guid].mtime == before[guid].mtime == T1
    for guid in (*ada.new, *ada.changed, *ada.removed):
        assert after[guid].mtime == T2
    others = [deck for deck in report.decks if deck is not ada]
    assert all(not d.new and not d.changed and not d.removed and d.unchanged for d in others)


def test_a_removed_note_is_emitted_once_tagged_removed(notes_dir: Path, tmp_path: Path) -> None:
    lock = tmp_path / "notecards.lock"
    build([notes_dir], tmp_path / "a", lock=lock, now=T1)
    shutil.copy(V2 / ADA, notes_dir / ADA)
    removed_text = "During deep sleep the hippocampus replays the day's experiences to the neocortex."
    notes, _ = plan([notes_dir], lock=lock)
    tombstones = [n for n in notes if REMOVED_TAG in n.tags]
    assert tombstones and {n.card.fact.text for n in tombstones} == {removed_text}
    report = build([notes_dir], tmp_path / "b", lock=lock, now=T2)
    (ada,) = [deck for deck in report.decks if "#12" in deck.name]
    assert set(ada.removed) == {n.guid for n in tombstones} and ada.removed_facts == (removed_text,)
    entries = [e for e in read_lock(lock).entries if e.guid in ada.removed]
    assert all(e.removed and REMOVED_TAG in e.tags and e.mtime == T2 for e in entries)
    # The next build emits it no more, and reports nothing removed.
    notes, _ = plan([notes_dir], lock=lock)
    assert not [n for n in notes if REMOVED_TAG in n.tags]
    report = build([notes_dir], tmp_path / "c", lock=lock, now=T3)
    assert all(not deck.removed for deck in report.decks)
    # Go back to v1: the bullet gets its old GUIDs back, untagged, with a new time (and v2's
    # added bullet is the one removed now).
    shutil.copy(V1 / ADA, notes_dir / ADA)
    report = build([notes_dir], tmp_path / "d", lock=lock, now=T3 + 1)
    (ada,) = [deck for deck in report.decks if "#12" in deck.name]
    assert ada.removed_facts == (
        "Handwritten notes are remembered better than typed transcripts because writing forces a summary.",
    )
    assert {e.guid for e in entries} <= set(ada.changed)
    restored = [e for e in read_lock(lock).entries if e.guid in {e.guid for e in entries}]
    assert all(not e.removed and REMOVED_TAG not in e.tags and e.mtime == T3 + 1 for e in restored)


def test_rebuilding_unchanged_sources_later_writes_identical_bytes_and_lock(notes_dir: Path, tmp_path: Path) -> None:
    lock = tmp_path / "notecards.lock"
    build([notes_dir], tmp_path / "a", lock=lock, now=T1)
    text = lock.read_text(encoding="utf-8")
    build([notes_dir], tmp_path / "b", lock=lock, now=T2)
    build([notes_dir], tmp_path / "c", lock=lock)  # the real clock
    assert apkgs(tmp_path / "a") == apkgs(tmp_path / "b") == apkgs(tmp_path / "c")
    assert len(apkgs(tmp_path / "a")) == 3
    assert lock.read_text(encoding="utf-8") == text


def test_the_lock_does_not_depend_on_the_order_or_grouping_of_sources(tmp_path: Path) -> None:
    paths = sorted(V1.glob("*.txt"))
    renderer = Renderer()
    notes, _, episodes, _ = collect(paths, renderer)
    targets = {key: (episode.deck_name, episode.source) for key, episode in episodes.items()}
    forward = settle(Lock(), notes, T1, targets).lock
    regrouped = [
        note.__class__(**{**{f: getattr(note, f) for f in note.__slots__}, "deck": "All"}) for note in reversed(notes)
    ]
    backward = settle(
        Lock(), regrouped, T1, {key: ("All", source) for key, (_, source) in reversed(targets.items())}
    ).lock
    assert lock_text(forward) == lock_text(backward)


def test_a_changed_note_never_gets_a_time_that_is_not_newer(notes_dir: Path, tmp_path: Path) -> None:
    lock = tmp_path / "notecards.lock"
    build([notes_dir], tmp_path / "a", lock=lock, now=T2)
    shutil.copy(V2 / ADA, notes_dir / ADA)
    text = lock.read_text(encoding="utf-8")
    same_second = build([notes_dir], tmp_path / "b", lock=lock, now=T2)  # Anki would skip the update
    (error,) = same_second.errors
    assert error.startswith(f"{lock}: ") and "not before this build's time" in error
    backwards = build([notes_dir], tmp_path / "b", lock=lock, now=T1)  # the clock went backwards
    assert len(backwards.errors) == 1 and "clock" in backwards.errors[0]
    assert "memory-lab-podcast-12" not in {p.name[:21] for p in (tmp_path / "b").glob("*.apkg")}
    assert lock.read_text(encoding="utf-8") == text  # that episode's entries are left as they were
    # Unchanged sources are fine even then: nothing needs a new time.
    shutil.copy(V1 / ADA, notes_dir / ADA)
    build([notes_dir], tmp_path / "c", lock=lock, now=T1)


def test_a_build_in_the_same_second_as_the_last_one_waits_for_the_next_second() -> None:
    now = int(time.time())
    lock = Lock(None, (LockEntry("g", "p/1", "k", "cloze", "cloze", "s", "t", "c", now),))
    assert build_time(lock) > now
    assert build_time(Lock()) <= int(time.time())


def test_note_type_times_move_only_when_templates_or_css_change(notes_dir: Path, tmp_path: Path) -> None:
    lock = tmp_path / "notecards.lock"
    build([notes_dir], tmp_path / "a", lock=lock, now=T1)
    build([notes_dir], tmp_path / "b", lock=lock, now=T2)
    assert {s.mtime for s in read_lock(lock).note_types.values()} == {T1}
    templates = tmp_path / "templates"
    templates.mkdir()
    css = (builtin_templates_dir() / "style.css").read_text(encoding="utf-8")
    (templates / "style.css").write_text(css + "\n.card { letter-spacing: 0.01em; }\n", encoding="utf-8")
    build([notes_dir], tmp_path / "c", lock=lock, now=T3, templates=templates)
    assert {kind: s.mtime for kind, s in read_lock(lock).note_types.items()} == {"cloze": T3, "qa": T3}


def test_the_lock_file_is_sorted_one_note_per_line_and_rewritten_only_on_change(
    notes_dir: Path, tmp_path: Path
) -> None:
    lock = tmp_path / "notecards.lock"
    build([notes_dir], tmp_path / "a", lock=lock, now=T1)
    text = lock.read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["format"] == "notecards.lock" and data["version"] == 1
    note_lines = [line for line in text.splitlines() if line.startswith('{"')]
    assert len(note_lines) == len(data["notes"]) > 20
    order = [(n["episode"], n["fact"], n["role"]) for n in data["notes"]]
    assert order == sorted(order)
    for note in data["notes"]:
        assert list(note) == sorted(note)
        assert {"guid", "episode", "section", "fact", "text", "text_fingerprint", "content", "mtime"} <= set(note)
    stat = lock.stat().st_mtime_ns
    build([notes_dir], tmp_path / "b", lock=lock, now=T2)
    assert lock.stat().st_mtime_ns == stat
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary left


def test_the_lock_round_trips(notes_dir: Path, tmp_path: Path) -> None:
    lock = tmp_path / "notecards.lock"
    build([notes_dir], tmp_path / "a", lock=lock, now=T1)
    once = read_lock(lock)
    write_lock(Lock(tmp_path / "copy.lock", once.entries, once.note_types))
    assert read_lock(tmp_path / "copy.lock").entries == once.entries
    assert (tmp_path / "copy.lock").read_text(encoding="utf-8") == lock.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"format": "notecards.lock", "version": 1, "notes": [\n{"guid": ', "corrupt lock file (not JSON"),
        ('{"name": "my-app", "version": "1.0.0"}', "not a notecards lock file"),
        ("", "corrupt lock file"),
        ('{"format": "notecards.lock", "version": 9, "notes": []}', "lock file version 9"),
        ('{"format": "notecards.lock", "version": 1, "notes": [{"guid": "x"}]}', "missing field 'episode'"),
        ('{"format": "notecards.lock", "version": 1, "notes": [{"guid": 3}]}', "expected a string"),
    ],
)
def test_a_corrupt_or_foreign_lock_is_an_error_and_is_left_alone(tmp_path: Path, content: str, message: str) -> None:
    lock = tmp_path / "notecards.lock"
    lock.write_text(content, encoding="utf-8")
    with pytest.raises(NotecardsError, match=message.replace("(", r"\(")) as error:
        build([SAMPLE], tmp_path / "out", lock=lock, now=T1)
    assert error.value.path == str(lock)
    assert lock.read_text(encoding="utf-8") == content
    result = runner.invoke(app, ["build", str(SAMPLE), "--out", str(tmp_path / "out"), "--lock", str(lock)])
    assert result.exit_code == 1 and result.stderr.startswith(str(lock))
    assert "Traceback" not in result.output


def test_a_failed_source_keeps_its_lock_entries(notes_dir: Path, tmp_path: Path) -> None:
    lock = tmp_path / "notecards.lock"
    build([notes_dir], tmp_path / "a", lock=lock, now=T1)
    before = read_lock(lock).episode("memory-lab-podcast/12")
    (notes_dir / ADA).write_text("Home Memory Lab Notes\nBig reveals\n", encoding="utf-8")  # broken
    report = build([notes_dir], tmp_path / "b", lock=lock, now=T2)
    assert len(report.errors) == 1 and all(not deck.removed for deck in report.decks)
    assert read_lock(lock).episode("memory-lab-podcast/12") == before


def test_the_default_lock_sits_in_the_first_folder_or_beside_the_first_file(tmp_path: Path) -> None:
    assert default_path([tmp_path]) == tmp_path / "notecards.lock"
    assert default_path([tmp_path / "a.txt", Path("elsewhere")]) == tmp_path / "notecards.lock"


def test_cli_build_writes_the_lock_and_prints_the_summary(notes_dir: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(notes_dir), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (notes_dir / "notecards.lock").is_file()
    assert "Update notes: If newer" in result.stdout and "Merge note types: off" in result.stdout
    assert f"lock file: {notes_dir / 'notecards.lock'}" in result.stdout
    shutil.copy(V2 / ADA, notes_dir / ADA)
    result = runner.invoke(app, ["build", str(notes_dir), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    (line,) = [line for line in result.stdout.splitlines() if "memory-lab-podcast-12" in line]
    assert "1 removed" in line and "unchanged" in line and "new" in line
    assert "removed, tagged notecards::removed: During deep sleep the hippocampus" in result.stdout


def test_cli_lock_option_and_cards_only_reads_it(notes_dir: Path, tmp_path: Path) -> None:
    lock = tmp_path / "elsewhere" / "my.lock"
    result = runner.invoke(app, ["build", str(notes_dir), "--out", str(tmp_path / "out"), "--lock", str(lock)])
    assert result.exit_code == 0, result.output
    assert lock.is_file() and not (notes_dir / "notecards.lock").exists()
    shutil.copy(V2 / ADA, notes_dir / ADA)
    text, stat = lock.read_text(encoding="utf-8"), lock.stat().st_mtime_ns
    cards = runner.invoke(app, ["cards", str(notes_dir), "--json", "--lock", str(lock)])
    assert cards.exit_code == 0, cards.output
    printed = json.loads(cards.stdout)
    assert lock.read_text(encoding="utf-8") == text and lock.stat().st_mtime_ns == stat
    assert not (notes_dir / "notecards.lock").exists()
    old_guids = {e.guid for e in read_lock(lock).entries}
    nap = [n for n in printed if n["source"]["text"].startswith("A nap of only 20 minutes")]
    assert nap and {n["guid"] for n in nap} <= old_guids  # moved between sections, same GUIDs
    assert any(REMOVED_TAG in n["tags"] for n in printed)


def test_switching_an_edited_source_from_txt_to_yaml_keeps_every_guid(notes_dir: Path, tmp_path: Path) -> None:
    lock = tmp_path / "notecards.lock"
    build([notes_dir], tmp_path / "a", lock=lock, now=T1)
    shutil.copy(V2 / ADA, notes_dir / ADA)  # typo fixed, sentence reworded, bullet moved: keys kept by the lock
    build([notes_dir], tmp_path / "b", lock=lock, now=T2)
    before = {e.guid for e in read_lock(lock).entries if not e.removed}
    result = runner.invoke(
        app, ["ingest", str(notes_dir / ADA), "-o", str(notes_dir / "ada.yaml"), "--lock", str(lock)]
    )
    assert result.exit_code == 0, result.output
    (notes_dir / ADA).unlink()
    report = build([notes_dir], tmp_path / "c", lock=lock, now=T3)
    assert {e.guid for e in read_lock(lock).entries if not e.removed} == before
    assert all(not deck.new and not deck.removed for deck in report.decks)


def test_two_sources_of_one_episode_are_an_error_not_duplicate_guids(notes_dir: Path, tmp_path: Path) -> None:
    shutil.copy(notes_dir / ADA, notes_dir / "copy-of-ada.txt")
    report = build([notes_dir], tmp_path / "out", lock=tmp_path / "notecards.lock", now=T1)
    assert len(report.errors) == 1 and "the same episode as" in report.errors[0]
    assert len(report.decks) == 3


def test_the_lock_is_the_same_whatever_the_grouping_or_the_jobs(notes_dir: Path, tmp_path: Path) -> None:
    locks = []
    for by, jobs in (("episode", 1), ("guest", 2)):
        lock = tmp_path / f"{by}.lock"
        build([notes_dir], tmp_path / f"{by}-1", lock=lock, now=T1, by=by, jobs=jobs)
        shutil.copy(V2 / ADA, notes_dir / ADA)
        report = build([notes_dir], tmp_path / f"{by}-2", lock=lock, now=T2, by=by, jobs=jobs)
        assert sum(len(deck.removed) for deck in report.decks) >= 1
        shutil.copy(V1 / ADA, notes_dir / ADA)
        locks.append(lock.read_text(encoding="utf-8"))
    assert locks[0] == locks[1]
    assert any(name.startswith("guests-") for name in apkgs(tmp_path / "guest-1"))


def test_with_a_lock_an_unchanged_rebuild_skips_every_deck_and_a_removal_is_written_once(
    notes_dir: Path, tmp_path: Path
) -> None:
    lock, out = tmp_path / "notecards.lock", tmp_path / "out"
    build([notes_dir], out, lock=lock, now=T1)
    assert all(deck.skipped for deck in build([notes_dir], out, lock=lock, now=T2).decks)
    shutil.copy(V2 / ADA, notes_dir / ADA)
    edited = build([notes_dir], out, lock=lock, now=T2)
    assert [deck.skipped for deck in edited.decks].count(False) == 1
    with_tombstones = apkgs(out)
    # Next build: the deck that carried the removed notes is written once more, without them.
    after = build([notes_dir], out, lock=lock, now=T3)
    (rewritten,) = [deck for deck in after.decks if not deck.skipped]
    assert "#12" in rewritten.name and not rewritten.removed and not rewritten.new and not rewritten.changed
    assert apkgs(out) != with_tombstones
    assert all(deck.skipped for deck in build([notes_dir], out, lock=lock, now=T3 + 1).decks)
    # A lock moved away is noticed: the sources' identities are made afresh, nothing is skipped.
    lock.rename(tmp_path / "elsewhere.lock")
    assert not any(deck.skipped for deck in build([notes_dir], out, lock=lock, now=T3 + 2).decks)
