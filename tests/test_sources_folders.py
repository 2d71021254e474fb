"""Folders as people keep them: stray files skipped with a notice, empty results an error, the same
bullet once, the same episode in two files one clear error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SAMPLE
from notecards.build import build, plan
from notecards.cli import app
from notecards.lock_file import read_lock
from notecards.sources import read_episodes

runner = CliRunner()
SKIPPED = Path("tests/data/skipped")
MD = "---\npodcast: Memory Lab\nepisode: {n}\ntitle: Forgetting\n---\n\n## Key takeaways\n\n{bullets}\n"


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    """A folder with one notes page and every kind of file that is not notes."""
    folder = tmp_path / "vault"
    shutil.copytree(SKIPPED, folder)
    shutil.copy(SAMPLE, folder / SAMPLE.name)
    (folder / "logseq" / "bak" / "pages").mkdir(parents=True)
    shutil.copy(SAMPLE, folder / "logseq" / "bak" / "pages" / SAMPLE.name)  # Logseq's backup copy: not read
    return folder


def test_stray_files_are_skipped_with_one_notice_each_and_exit_0(vault: Path, tmp_path: Path) -> None:
    strays = sorted(str(p) for p in vault.iterdir() if p.is_file() and p.name != SAMPLE.name)
    result = runner.invoke(app, ["build", str(vault), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    notices = [line for line in result.stderr.splitlines() if line.endswith("; skipped")]
    assert sorted(line.split(":")[0] for line in notices) == strays
    assert all(": not episode notes: " in line for line in notices)
    assert len(list((tmp_path / "out").glob("*.apkg"))) == 1


def test_quiet_skips_without_notices(vault: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(vault), "--out", str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 0 and result.stderr == "" and result.stdout == ""


def test_a_folder_with_no_notes_says_so_and_exits_1(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(SKIPPED), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    count = len(list(SKIPPED.iterdir()))
    assert f"{SKIPPED}: no episode notes found ({count} files skipped: not episode notes)" in result.stderr
    assert not list((tmp_path / "out").glob("*.apkg"))
    empty = tmp_path / "empty"
    empty.mkdir()
    for command in (
        ["build", str(empty), "--out", str(tmp_path / "o2")],
        ["cards", str(empty)],
        ["lint", str(empty)],
        ["preview", str(empty), "--out", str(tmp_path / "p.html")],
    ):
        result = runner.invoke(app, command)
        assert result.exit_code == 1 and f"{empty}: no episode notes found" in result.stderr, command
        assert "Traceback" not in result.output


def test_a_source_with_nothing_to_learn_is_an_error_not_an_empty_deck(tmp_path: Path) -> None:
    source = tmp_path / "ep.md"
    source.write_text(MD.format(n=1, bullets=""), encoding="utf-8")
    result = runner.invoke(app, ["build", str(source), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == f"{source}: no takeaways found"
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.apkg"))


def test_the_same_bullet_twice_makes_one_note(tmp_path: Path) -> None:
    once, twice = tmp_path / "once.md", tmp_path / "twice" / "ep.md"
    bullet = "- Hermann Ebbinghaus published his forgetting curve in 1885."
    once.write_text(MD.format(n=1, bullets=bullet), encoding="utf-8")
    twice.parent.mkdir()
    twice.write_text(
        MD.format(n=1, bullets=f"{bullet}\n{bullet}\n\n## Big reveals\n\n{bullet.replace('1885.', '1885')}"),
        encoding="utf-8",
    )
    notes_once, _ = plan([once])
    notes_twice, errors = plan([twice])
    assert errors == () and len(notes_twice) == len(notes_once) > 0
    (episode,) = read_episodes(twice)
    assert [w.split(": ", 1)[1] for w in episode.warnings] == ["warning: the same bullet as on line 14; read once"] * 2


def test_the_same_episode_in_two_files_is_one_error_naming_both(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    bullets = "- Hermann Ebbinghaus published his forgetting curve in 1885."
    (folder / "a-forgetting.md").write_text(MD.format(n=7, bullets=bullets), encoding="utf-8")
    (folder / "b-forgetting-copy.md").write_text(
        MD.format(n=7, bullets=bullets + "\n- A second bullet: 42."), encoding="utf-8"
    )
    lock = tmp_path / "notecards.lock"
    first = build([folder], tmp_path / "out", lock=lock, jobs=1)
    same = f"{folder / 'b-forgetting-copy.md'}: the same episode as {folder / 'a-forgetting.md'} (#7 Forgetting)"
    assert first.errors == (f"{same}; keep one source per episode",)
    entries = read_lock(lock).episode("memory-lab/7")
    second = build([folder], tmp_path / "out", lock=lock, jobs=2)
    assert second.errors == first.errors and read_lock(lock).episode("memory-lab/7") == entries  # no turns
    _, errors = plan([folder])
    assert errors == first.errors


def test_the_same_episode_by_title_when_one_copy_has_no_number(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(MD.format(n=7, bullets="- Forgetting is fast at first."), encoding="utf-8")
    (tmp_path / "b.md").write_text(
        "---\npodcast: Memory Lab\ntitle: Forgetting\n---\n\n## Key takeaways\n\n- Forgetting is fast at first.\n",
        encoding="utf-8",
    )
    _, errors = plan([tmp_path])
    assert errors == (
        f"{tmp_path / 'b.md'}: the same episode as {tmp_path / 'a.md'} (#7 Forgetting); keep one source per episode",
    )
    (tmp_path / "b.md").write_text(MD.format(n=8, bullets="- Forgetting is fast at first."), encoding="utf-8")
    assert plan([tmp_path])[1] == ()  # two numbered episodes of one title are two episodes


def test_the_same_key_as_the_first_file_read_is_caught(tmp_path: Path) -> None:
    """Episodes without a number are keyed by podcast and date: a later file of the same key is an
    error, even when the first file read is the one it repeats (index 0 once counted as none)."""
    dated = "---\npodcast: Memory Lab\ndate: 2024-03-01\ntitle: {title}\n---\n\n## Key takeaways\n\n- {bullet}\n"
    (tmp_path / "a.md").write_text(dated.format(title="Forgetting", bullet="Forgetting is fast."), encoding="utf-8")
    (tmp_path / "b.md").write_text(dated.format(title="Sleep", bullet="Sleep keeps memories."), encoding="utf-8")
    notes, errors = plan([tmp_path])
    assert errors == (
        f"{tmp_path / 'b.md'}: the same episode as {tmp_path / 'a.md'} (Forgetting); keep one source per episode",
    )
    assert {note.deck for note in notes} == {"Memory Lab::Forgetting"}


SHAPES = Path("tests/data/shapes")


def test_a_snipd_file_and_its_readwise_copy_are_one_episode(tmp_path: Path) -> None:
    """The same episode exported by Snipd and synced through Readwise: one error naming both files
    (they share the episode's Snipd link, though only one has its date)."""
    snipd = SHAPES / "snipd-obsidian" / "Snipd" / "Data" / "Brain Matters" / "How Memories Are Made.md"
    (tmp_path / "Snipd").mkdir()
    shutil.copy(snipd, tmp_path / "Snipd" / "How Memories Are Made.md")
    (tmp_path / "Readwise").mkdir()
    (tmp_path / "Readwise" / "How Memories Are Made.md").write_text(
        "# How Memories Are Made\n\n## Metadata\n- Author: [[Brain Matters]]\n- Full Title: How Memories Are Made\n"
        "- Category: #podcasts\n- URL: https://share.snipd.com/episode/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\n\n"
        "## Highlights\n- Engram cells fire together when a memory forms. ([Time 0:08:12](https://share.snipd.com/snip/x))\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["build", str(tmp_path), "--out", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == 1
    copy, first = tmp_path / "Snipd" / "How Memories Are Made.md", tmp_path / "Readwise" / "How Memories Are Made.md"
    assert f"{copy}: the same episode as {first} (How Memories Are Made); keep one source per episode" in result.stderr
    assert len(list((tmp_path / "out").glob("*.apkg"))) == 1


def test_a_file_of_many_episodes_builds_a_deck_each_and_rebuilds_from_the_cache(tmp_path: Path) -> None:
    export = tmp_path / "export.md"
    shutil.copy(SHAPES / "snipd-export-all" / "snipd_export_2024-12-30.md", export)
    lock = tmp_path / "notecards.lock"
    first = build([export], tmp_path / "out", lock=lock, jobs=1)
    assert first.errors == () and len(first.decks) == 2 and not any(deck.skipped for deck in first.decks)
    again = build([export], tmp_path / "out", lock=lock, jobs=2)
    assert again.errors == () and all(deck.skipped for deck in again.decks)
    assert [deck.notes for deck in again.decks] == [deck.notes for deck in first.decks]
    export.write_text(export.read_text(encoding="utf-8").replace("49 survive today", "48 survive today"), "utf-8")
    edited = build([export], tmp_path / "out", lock=lock, jobs=1)
    changed = {deck.name: bool(deck.changed) for deck in edited.decks}
    assert changed == {
        "Paper Trails::#58 The Invention of the Printing Press": True,
        "Paper Trails::#59 Paper Before Paper": False,
    }
    assert sum(len(deck.new) for deck in edited.decks) == 0  # an edited bullet keeps its GUIDs


def test_commands_that_read_one_episode_say_a_file_holds_several(tmp_path: Path) -> None:
    export = SHAPES / "snipd-export-all" / "snipd_export_2024-12-30.md"
    result = runner.invoke(app, ["ingest", str(export)])
    assert result.exit_code == 1
    assert (
        result.stderr.strip() == f"{export}: holds 2 episodes; this command reads one episode per file "
        "(build, cards, lint and preview read them all)"
    )


def test_a_skipped_file_is_remembered_until_it_changes(vault: Path, tmp_path: Path) -> None:
    """An unchanged build skips the files that are not notes again, from the cache, with the same notice
    (no source job, no word lists loaded); a file that changes into notes is read."""
    first = build([vault], tmp_path / "out", jobs=1)
    again = build([vault], tmp_path / "out", jobs=1)
    assert again.notices == first.notices and len(first.notices) == len(list(SKIPPED.iterdir()))
    assert all(deck.skipped for deck in again.decks)
    (vault / "README.md").write_text(MD.format(n=3, bullets="- Sleep spindles peak late in the night."), "utf-8")
    changed = build([vault], tmp_path / "out", jobs=1)
    assert len(changed.notices) == len(first.notices) - 1 and len(changed.decks) == 2
