"""Ctrl-C, SIGTERM and kill -9 of a real build: it stops within 2 s with one line, its workers end
with it, what the previous build wrote stays as it was, and the next build makes what an
uninterrupted one makes. (bench/interrupts.py does the same 20 times on 300 files, with figures.)"""

from __future__ import annotations

import random
import shutil
import signal
import time
from pathlib import Path

import pytest

from build_processes import (
    children,
    lock_notes,
    make_catalogue,
    output_notes,
    snapshot,
    start_build,
    wait_gone,
)
from notecards.interrupts import ALL_RECORDED, NOTHING_RECORDED

EPISODES = 40


def edit_everything(folder: Path) -> None:
    """Version 2 of the catalogue: a new bullet in every episode and one episode deleted, so the
    build regenerates every source and has notes to remove."""
    for index, source in enumerate(sorted(folder.glob("*.txt"))):
        text = source.read_text(encoding="utf-8")
        bullet = f"  • In episode {index + 1}, the crew recorded {index + 3} extra takes over two weeks.\n"
        source.write_text(text.replace("Things worth remembering\n", f"Things worth remembering\n\n{bullet}", 1))
    sorted(folder.glob("*.txt"))[0].unlink()


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path, float]:
    """A catalogue at version 1, and the decks and lock of its version 2 built without interruption
    (after a build of version 1, as the interrupted builds have), with how long that build took: a
    signal is sent within it, whatever the machine's speed."""
    root = tmp_path_factory.mktemp("reference")
    make_catalogue(root / "v1", EPISODES)
    shutil.copytree(root / "v1", root / "v2")
    tmpdir = root / "tmp"
    tmpdir.mkdir()
    assert start_build(root / "v2", root / "out", root / "ref.lock", tmpdir).wait(120) == 0
    edit_everything(root / "v2")
    start = time.monotonic()
    assert start_build(root / "v2", root / "out", root / "ref.lock", tmpdir).wait(120) == 0
    return root / "v1", root / "out", root / "ref.lock", time.monotonic() - start


def interrupted_build(v1: Path, tmp_path: Path, signum: int, after: float) -> tuple[Path, Path, Path, str]:
    """Build version 1, edit it to version 2, start its build and send ``signum`` after ``after`` s.
    Checks what must hold of any interruption; returns the notes folder, out, lock and the message."""
    notes, out, lock, tmpdir = tmp_path / "notes", tmp_path / "out", tmp_path / "notecards.lock", tmp_path / "tmp"
    shutil.copytree(v1, notes)
    tmpdir.mkdir()
    assert start_build(notes, out, lock, tmpdir).wait(120) == 0
    edit_everything(notes)
    before = snapshot(out, lock)
    for _ in range(4):  # a build that finished before the signal is tried again, signalled sooner
        process = start_build(notes, out, lock, tmpdir)
        time.sleep(after)
        workers = children(process.pid)
        process.send_signal(signum)
        sent = time.monotonic()
        code = process.wait(timeout=2)  # a hang fails here
        took = time.monotonic() - sent
        _, stderr = process.communicate()
        if code not in (0, -signum):  # 0, or the signal just as it exited: it finished first
            break
        shutil.rmtree(out)
        lock.unlink()
        shutil.rmtree(notes)
        shutil.copytree(v1, notes)
        assert start_build(notes, out, lock, tmpdir).wait(120) == 0
        edit_everything(notes)
        before, after = snapshot(out, lock), after / 2
    assert took < 2 and code == 128 + signum, (code, took, after, stderr)
    assert stderr in (f"{NOTHING_RECORDED}\n", f"{ALL_RECORDED}\n"), stderr  # one line, no traceback
    assert wait_gone(workers, 1.0) == set()
    if stderr == f"{NOTHING_RECORDED}\n":
        assert snapshot(out, lock) == before  # previous decks, lock and cache as they were
    assert list(tmpdir.iterdir()) == []
    return notes, out, lock, stderr


@pytest.mark.parametrize("attempt", range(3))
def test_ctrl_c_at_a_random_moment(reference: tuple[Path, Path, Path, float], tmp_path: Path, attempt: int) -> None:
    v1, ref_out, ref_lock, took = reference
    after = random.Random(attempt).uniform(0.1, 0.7) * took
    notes, out, lock, _ = interrupted_build(v1, tmp_path, signal.SIGINT, after)
    assert start_build(notes, out, lock, tmp_path / "tmp").wait(120) == 0
    assert output_notes(out) == output_notes(ref_out) and lock_notes(lock) == lock_notes(ref_lock)


def test_sigterm_stops_it_the_same_way(reference: tuple[Path, Path, Path, float], tmp_path: Path) -> None:
    v1, ref_out, ref_lock, took = reference
    notes, out, lock, _ = interrupted_build(v1, tmp_path, signal.SIGTERM, 0.4 * took)
    assert start_build(notes, out, lock, tmp_path / "tmp").wait(120) == 0
    assert output_notes(out) == output_notes(ref_out) and lock_notes(lock) == lock_notes(ref_lock)


def test_workers_die_with_a_killed_build(reference: tuple[Path, Path, Path, float], tmp_path: Path) -> None:
    """kill -9 of the main process: its workers end by themselves at once, and write nothing more."""
    v1, ref_out, ref_lock, _ = reference
    notes, out, lock, tmpdir = tmp_path / "notes", tmp_path / "out", tmp_path / "notecards.lock", tmp_path / "tmp"
    shutil.copytree(v1, notes)
    tmpdir.mkdir()
    process = start_build(notes, out, lock, tmpdir)
    deadline = time.monotonic() + 20
    while len(workers := children(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    assert len(workers) == 2
    process.kill()
    process.wait()
    assert wait_gone(workers, 1.0) == set()
    written = snapshot(out)
    time.sleep(1.0)
    assert snapshot(out) == written  # nothing written after the main process died
    # The killed build recorded nothing: building version 1 and then 2 makes what the reference made.
    assert start_build(notes, out, lock, tmpdir).wait(120) == 0
    edit_everything(notes)
    assert start_build(notes, out, lock, tmpdir).wait(120) == 0
    assert output_notes(out) == output_notes(ref_out) and lock_notes(lock) == lock_notes(ref_lock)
