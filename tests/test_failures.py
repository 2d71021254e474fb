"""Every failure a careless or hostile user can cause is one line (`file:line: message` or
`path: message`), exit 1, no traceback and nothing half-written; and the probe's smaller cases."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import DATA, ROOT, SAMPLE
from notecards import build, load
from notecards.cli import app
from notecards.lock_file import MAX_LINE, read_lock

runner = CliRunner()
V1 = DATA / "reimport" / "v1"


def one_line_failure(result, starts: str, contains: str = "") -> None:
    assert result.exit_code == 1, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith(starts)]
    assert lines and contains in lines[0], result.stderr
    assert "Traceback" not in result.output and "Error:" not in result.output


def test_out_that_is_a_file(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    out.write_text("a file", encoding="utf-8")
    result = runner.invoke(app, ["build", str(SAMPLE), "--out", str(out), "--lock", str(tmp_path / "x.lock")])
    one_line_failure(result, f"{out}: ", "the output folder is a file, not a folder")
    assert out.read_text(encoding="utf-8") == "a file"


def test_out_under_a_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    out = tmp_path / "file" / "dist"
    result = runner.invoke(app, ["build", str(SAMPLE), "--out", str(out), "--lock", str(tmp_path / "x.lock")])
    one_line_failure(result, f"{out}: ", "cannot create the output folder: Not a directory")


def test_a_missing_or_full_tmpdir_does_not_matter(tmp_path: Path) -> None:
    """Nothing is written to $TMPDIR, so one that is missing (or full) changes nothing."""
    env = {**os.environ, "TMPDIR": str(tmp_path / "no-such-folder")}
    command = [sys.executable, "-m", "notecards", "build", str(SAMPLE), "--out", str(tmp_path / "dist")]
    done = subprocess.run([*command, "--lock", str(tmp_path / "x.lock"), "-q"], env=env, cwd=ROOT, capture_output=True)
    assert done.returncode == 0, done.stderr


def lock_with(tmp_path: Path, change) -> Path:
    """A real lock with one note changed by ``change`` (a function of the note's dict)."""
    lock = tmp_path / "notecards.lock"
    build([SAMPLE], tmp_path / "first", lock=lock, now=1_600_000_000)
    lines = lock.read_text(encoding="utf-8").split("\n")
    note = json.loads(lines[5].rstrip(","))
    lines[5] = change(note) + ","
    lock.write_text("\n".join(lines), encoding="utf-8")
    return lock


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda n: json.dumps({**n, "mtime": 10**30}), "is not a time"),
        (lambda n: json.dumps({**n, "mtime": 10**4000}), "is not a time"),
        (lambda n: json.dumps({**n, "mtime": -5}), "is not a time"),
        (lambda n: json.dumps({**n, "guid": ""}), "empty guid"),
        (lambda n: json.dumps({**n, "text": "x" * (MAX_LINE + 10)}), "a line of more than"),
        (lambda n: json.dumps({**n, "tags": "[" * 100_000 + "]" * 100_000}), "corrupt lock file"),
        (lambda n: "[" * 100_000 + "]" * 100_000, "corrupt lock file"),
    ],
    ids=["huge mtime", "4000-digit mtime", "negative mtime", "empty guid", "2 MB line", "nested tags", "nested line"],
)
def test_a_bad_lock_note_is_one_line_naming_its_line(tmp_path: Path, change, message: str) -> None:
    lock = lock_with(tmp_path, change)
    result = runner.invoke(app, ["build", str(SAMPLE), "--out", str(tmp_path / "dist"), "--lock", str(lock)])
    one_line_failure(result, f"{lock}:", message)
    assert "notecards.lock:6: " in result.stderr or "notecards.lock: " in result.stderr


def test_a_lock_nested_100k_deep(tmp_path: Path) -> None:
    lock = tmp_path / "notecards.lock"
    lock.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = runner.invoke(app, ["build", str(SAMPLE), "--out", str(tmp_path / "dist"), "--lock", str(lock)])
    one_line_failure(result, f"{lock}:", "corrupt lock file")


def test_a_symlinked_lock_stays_a_symlink_with_its_mode(tmp_path: Path) -> None:
    real = tmp_path / "shared" / "notecards.lock"
    build([SAMPLE], tmp_path / "first", lock=real, now=1_600_000_000)
    real.chmod(0o600)
    link = tmp_path / "notecards.lock"
    link.symlink_to(real)
    shutil.copy(SAMPLE, tmp_path / "ep.txt")
    with (tmp_path / "ep.txt").open("a", encoding="utf-8") as page:
        page.write("")
    text = (tmp_path / "ep.txt").read_text(encoding="utf-8").replace("fast.ai", "the fast.ai", 1)
    (tmp_path / "ep.txt").write_text(text, encoding="utf-8")
    before = real.read_bytes()
    build([tmp_path / "ep.txt"], tmp_path / "second", lock=link, now=1_600_000_100)
    assert link.is_symlink() and real.read_bytes() != before and (real.stat().st_mode & 0o777) == 0o600
    assert read_lock(link).entries


def test_ingest_never_overwrites_a_hand_edited_yaml_silently(tmp_path: Path) -> None:
    out = tmp_path / "ep.yaml"
    assert runner.invoke(app, ["ingest", str(SAMPLE), "--out", str(out)]).exit_code == 0
    assert runner.invoke(app, ["ingest", str(SAMPLE), "--out", str(out)]).exit_code == 0  # the same text
    out.write_text(out.read_text(encoding="utf-8") + "# my own note\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(SAMPLE), "--out", str(out)])
    one_line_failure(result, f"{out}: ", "--force replaces it")
    assert out.read_text(encoding="utf-8").endswith("# my own note\n")
    assert runner.invoke(app, ["ingest", str(SAMPLE), "--out", str(out), "--force"]).exit_code == 0
    assert not out.read_text(encoding="utf-8").endswith("# my own note\n")


@pytest.mark.parametrize("control", ["\u202e", "\u202d", "\u2066", "\u2067"])
def test_a_deck_name_with_a_direction_override_is_refused(tmp_path: Path, control: str) -> None:
    source = tmp_path / "ep.yaml"
    source.write_text(
        f'notecards: 1\npodcast: Memory Lane\nepisode: 3\ntitle: T\ndeck: "Memory{control}SPAM"\n'
        "big_reveals:\n  - text: Anki was first released in 2006.\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["cards", str(source)])
    one_line_failure(result, f"{source}:", "override")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(tmp_path: Path, encoding: str) -> None:
    source = tmp_path / "ep.txt"
    source.write_bytes(SAMPLE.read_text(encoding="utf-8").encode(encoding))
    assert load(source) == load(SAMPLE).__class__(**{**_fields(load(SAMPLE)), **_where(load(source))})


def _fields(episode) -> dict:
    return {name: getattr(episode, name) for name in episode.__slots__}


def _where(episode) -> dict:
    """What depends on the file's path: its locations (compared apart)."""
    return {name: getattr(episode, name) for name in ("source", "facts", "guests", "recommendations", "warnings")}


def test_a_file_name_with_a_newline_gives_a_one_line_error(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "bad\nname.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    shutil.copy(SAMPLE, folder / "good.txt")
    result = runner.invoke(app, ["build", str(folder), "--out", str(tmp_path / "dist")])
    errors = [line for line in result.stderr.splitlines() if "bad" in line]
    assert errors and all(f"{folder}/bad\\nname.txt" in line for line in errors), result.stderr
    assert f"{folder}/bad\nname" not in result.stderr  # progress lines too


def test_a_full_output_disk_reports_every_failure_in_one_line_each(tmp_path: Path) -> None:
    """A disk that fills up (files beyond 24 KB fail, as with ENOSPC): each deck and the lock say
    so in a line of their own, nothing half-written stays, and the previous lock is as it was."""
    notes = tmp_path / "notes"
    shutil.copytree(V1, notes)
    lock, out = tmp_path / "notecards.lock", tmp_path / "dist"

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (24_000, 24_000))

    command = [sys.executable, "-m", "notecards", "build", str(notes), "--out", str(out), "--lock", str(lock), "-q"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, preexec_fn=small_disk)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    problems = [line for line in done.stderr.splitlines() if "File too large" in line]
    assert problems and all(line.startswith(str(tmp_path)) for line in problems), done.stderr
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith((".part", ".busy")) or p.parent.name == "staged"]
