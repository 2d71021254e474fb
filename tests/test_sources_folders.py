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
