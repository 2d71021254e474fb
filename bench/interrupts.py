"""Ctrl-C at random moments of a 300-file build: how fast it stops, what it leaves.

A catalogue of N synthetic episodes is built (version 1), edited (a new bullet in every episode,
one episode deleted: version 2) and built again without interruption: the reference. Then, T
times, version 2's build is started from a copy of version 1's output and lock, and sent SIGINT
after a random delay. Each try checks: exit within 2 s with code 130 and the one line; its
workers gone within 1 s; the previous decks, lock and cache byte for byte as they were (unless
the signal came while the build was being recorded, when it says so); $TMPDIR as it was; and a
rerun gives the reference's decks and lock (times aside).

    .venv/bin/python bench/interrupts.py               # 300 files, 20 tries (about 20 minutes)
    .venv/bin/python bench/interrupts.py -n 60 -t 5
"""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from build_processes import (  # noqa: E402 - the tests' helpers for real build processes
    children,
    lock_notes,
    make_catalogue,
    output_notes,
    snapshot,
    start_build,
    wait_gone,
)
from notecards.interrupts import ALL_RECORDED, NOTHING_RECORDED  # noqa: E402
from test_interrupts import edit_everything  # noqa: E402


def timed_build(notes: Path, out: Path, lock: Path, tmpdir: Path, jobs: int) -> float:
    started = time.monotonic()
    process = start_build(notes, out, lock, tmpdir, "--jobs", str(jobs))
    assert process.wait(3600) == 0, process.communicate()
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=300, help="episodes (default 300)")
    parser.add_argument("-t", type=int, default=20, help="tries (default 20)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=14)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        tmpdir = root / "tmp"
        tmpdir.mkdir()
        make_catalogue(root / "v1", options.n)
        shutil.copytree(root / "v1", root / "base-notes")
        first = timed_build(root / "base-notes", root / "base-out", root / "base.lock", tmpdir, options.jobs)
        shutil.copytree(root / "base-notes", root / "ref-notes")
        shutil.copytree(root / "base-out", root / "ref-out")
        shutil.copy(root / "base.lock", root / "ref.lock")
        edit_everything(root / "ref-notes")
        full = timed_build(root / "ref-notes", root / "ref-out", root / "ref.lock", tmpdir, options.jobs)
        reference = output_notes(root / "ref-out"), lock_notes(root / "ref.lock")
        print(f"{options.n} episodes: version 1 built in {first:.1f}s, version 2 (every source edited) in {full:.1f}s")
        print(f"{'try':>3} | {'after':>6} | {'stopped in':>10} | code | workers | {'left as it was':>14} | rerun")
        stops, problems = [], 0
        for attempt in range(1, options.t + 1):
            notes, out, lock = root / f"notes-{attempt}", root / f"out-{attempt}", root / f"try-{attempt}.lock"
            shutil.copytree(root / "ref-notes", notes)
            shutil.copytree(root / "base-out", out)
            shutil.copy(root / "base.lock", lock)
            before = snapshot(out, lock)
            after = rng.uniform(0.2, 0.9 * full)
            process = start_build(notes, out, lock, tmpdir, "--jobs", str(options.jobs))
            time.sleep(after)
            workers = children(process.pid)
            process.send_signal(signal.SIGINT)
            sent = time.monotonic()
            try:
                code = process.wait(timeout=10)
            except Exception:  # noqa: BLE001 - a hang: report it, then end it
                process.kill()
                code = None
            stopped = time.monotonic() - sent
            _, stderr = process.communicate()
            left = wait_gone(workers, 1.0)
            recorded = stderr == f"{ALL_RECORDED}\n"
            untouched = recorded or snapshot(out, lock) == before
            rerun_ok = start_build(notes, out, lock, tmpdir, "--jobs", str(options.jobs)).wait(3600) == 0
            same = rerun_ok and (output_notes(out), lock_notes(lock)) == reference
            fine = (
                code == 130
                and stopped < 2
                and stderr in (f"{NOTHING_RECORDED}\n", f"{ALL_RECORDED}\n")
                and not left
                and untouched
                and same
                and not list(tmpdir.iterdir())
            )
            if code in (0, -signal.SIGINT) and stderr == "":  # it finished before the signal (or as it exited)
                fine, untouched = True, True
            problems += not fine
            stops.append(stopped)
            state = "recorded (said so)" if recorded else ("yes" if untouched else "NO")
            state = "finished first" if code in (0, -signal.SIGINT) else state
            print(
                f"{attempt:>3} | {after:5.1f}s | {stopped:9.2f}s | {code!s:>4} | {len(workers)} → {len(left)} | "
                f"{state:>14} | {'same as reference' if same else 'DIFFERENT'}" + ("" if fine else f"  <-- {stderr!r}")
            )
            shutil.rmtree(notes)
            shutil.rmtree(out)
        print(
            f"\n{options.t} tries: {problems} with a problem; stopped in {min(stops):.2f}–{max(stops):.2f}s "
            f"(median {statistics.median(stops):.2f}s); $TMPDIR left {'empty' if not list(tmpdir.iterdir()) else 'NOT empty'}"
        )


if __name__ == "__main__":
    main()
