"""Builds as real processes, for the tests and benches of locking, interrupts and kills: a catalogue
of synthetic episodes, the CLI started with its own $TMPDIR, its workers, and what a build left."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from batch import make_catalogue  # noqa: E402 - the benches' catalogue maker, one copy

__all__ = ["make_catalogue"]


def start_build(folder: Path, out: Path, lock: Path, tmpdir: Path, *extra: str) -> subprocess.Popen[str]:
    """``notecards build`` as a user runs it, in its own process group (a terminal's Ctrl-C goes to
    the whole group: the test sends it to the main process, the harder case for the workers)."""
    env = {**os.environ, "TMPDIR": str(tmpdir), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "notecards", "build", str(folder), "--out", str(out), "--lock", str(lock), "-q", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


def children(pid: int) -> set[int]:
    """The processes ``pid`` started (its workers), from /proc."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.update(int(child) for child in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def running(pid: int) -> bool:
    """Whether ``pid`` still runs (a zombie, already dead and waiting to be reaped, does not)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return False
    return fields[0] not in ("Z", "X")


def wait_gone(pids: set[int], seconds: float) -> set[int]:
    """The processes still running after waiting up to ``seconds`` for them to end."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(running(pid) for pid in pids):
        time.sleep(0.05)
    return {pid for pid in pids if running(pid)}


def deck_notes(path: Path) -> dict[str, tuple[str, str]]:
    """An .apkg's notes: GUID → (fields, tags), times left out (builds at other times differ there)."""
    with zipfile.ZipFile(path) as archive:
        database = archive.read("collection.anki2")
    connection = sqlite3.connect(":memory:")
    try:
        connection.deserialize(database)
        return {guid: (fields, tags) for guid, fields, tags in connection.execute("select guid, flds, tags from notes")}
    finally:
        connection.close()


def output_notes(out: Path) -> dict[str, dict[str, tuple[str, str]]]:
    """Every deck file in ``out`` with its notes."""
    return {path.name: deck_notes(path) for path in sorted(out.glob("*.apkg"))}


def lock_notes(lock: Path) -> dict[str, tuple]:
    """The lock's notes, times left out: GUID → (fact, role, content, removed)."""
    notes = json.loads(lock.read_text(encoding="utf-8"))["notes"]
    return {n["guid"]: (n["fact"], n["role"], n["content"], n.get("removed", False)) for n in notes}


def snapshot(*places: Path) -> dict[str, bytes]:
    """The bytes of every file under ``places`` (what a build must leave as it was)."""
    files: dict[str, bytes] = {}
    for place in places:
        paths = [place] if place.is_file() else sorted(p for p in place.rglob("*") if p.is_file())
        files.update({str(p): p.read_bytes() for p in paths})
    return files
