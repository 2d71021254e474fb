"""Benchmark `notecards sync`: the sample decks and a synthetic back catalogue synced into a fresh real
Anki collection through the AnkiConnect test server (tests/ankiconnect_server.py), each sync run as
the CLI, in its own process, as a user runs it.

Also how soon `build --watch` picks up a save: the time from writing a file to the watch's
"changed:" line, and to the end of the rebuild it starts (the median of --repeat saves).

For each set: the first sync (every note added), a sync with nothing changed (the median of
--repeat runs) and a sync after a one-bullet edit; with what Anki read back (added / updated /
unchanged) and the number of HTTP requests. The test server answers at once; the real add-on
answers from Anki's main thread on a timer (25 ms by default), so add about 25 ms per request.

    .venv/bin/python bench/sync.py                 # decks/ and 100 synthetic episodes
    .venv/bin/python bench/sync.py -n 300 --repeat 5
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "bench")]

from ankiconnect_server import AnkiConnectServer, collection_at  # noqa: E402 - the tests' helper
from batch import edit_one, make_catalogue  # noqa: E402 - the back catalogue of bench/batch.py

NOTECARDS = str(Path(sys.executable).with_name("notecards"))
SUMMARY = re.compile(r"^Anki: .*$", re.M)


def sync_once(server: AnkiConnectServer, notes: Path, out: Path) -> tuple[float, str, int]:
    """One `notecards sync` in a fresh process: wall seconds, its Anki summary line, requests made."""
    requests = server.requests
    started = time.perf_counter()
    done = subprocess.run(
        [NOTECARDS, "sync", str(notes), "--out", str(out), "--anki-url", server.url, "--jobs", "2"],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"sync failed ({done.returncode}): {done.stderr.strip()}")
    found = SUMMARY.findall(done.stdout)
    return seconds, found[-1] if found else done.stdout.strip(), server.requests - requests


def build_once(notes: Path, out: Path) -> float:
    started = time.perf_counter()
    subprocess.run([NOTECARDS, "build", str(notes), "--out", str(out), "--jobs", "2"], capture_output=True, check=True)
    return time.perf_counter() - started


def bench(label: str, notes: Path, work: Path, repeat: int) -> None:
    out = work / "dist"
    collection = collection_at(work)
    with AnkiConnectServer(collection) as server:
        seconds, summary, requests = sync_once(server, notes, out)
        print(f"{label}: first sync {seconds:.2f}s, {requests} requests — {summary}")
        runs, builds = [], []
        for _ in range(repeat):  # alternating, so both see the same machine
            runs.append(sync_once(server, notes, out))
            builds.append(build_once(notes, out))
        middle = statistics.median(run[0] for run in runs)
        print(
            f"{label}: no change, median of {repeat}: {middle:.2f}s (an unchanged build: "
            f"{statistics.median(builds):.2f}s), {runs[-1][2]} requests — {runs[-1][1]}"
        )
        edit_one(notes) if any(notes.glob("ep-*.txt")) else edit_sample(notes)
        seconds, summary, requests = sync_once(server, notes, out)
        print(f"{label}: one edit {seconds:.2f}s, {requests} requests — {summary}")
    collection.close()


def bench_watch(notes: Path, work: Path, repeat: int) -> None:
    watch = subprocess.Popen(
        [NOTECARDS, "build", str(notes), "--out", str(work / "watch-dist"), "--jobs", "1", "--watch"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert watch.stdout is not None
    lines = iter(watch.stdout)

    def until(text: str) -> float:
        for line in lines:
            if text in line:
                return time.perf_counter()
        raise SystemExit(f"the watch ended before {text!r}")

    until("watching for changes")
    seen, rebuilt = [], []
    page = notes / "lex-fridman-035-jeremy-howard.txt"
    for index in range(repeat):
        text = page.read_text(encoding="utf-8")
        saved = time.perf_counter()
        page.write_text(text.replace("  • ", f"  • ({index}) ", 1), encoding="utf-8")
        seen.append(until("changed:") - saved)
        rebuilt.append(until(" in ") - saved)  # the summary line: "N decks (…), … in 0.4s"
    watch.terminate()
    watch.wait()
    print(
        f"build --watch: a save is seen after {statistics.median(seen):.2f}s and rebuilt after "
        f"{statistics.median(rebuilt):.2f}s (medians of {repeat}; max {max(seen):.2f}s / {max(rebuilt):.2f}s)"
    )


def edit_sample(notes: Path) -> None:
    page = notes / "lex-fridman-035-jeremy-howard.txt"
    page.write_text(page.read_text(encoding="utf-8").replace("  • ", "  • Notably, ", 1), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=100, help="synthetic episodes (default 100)")
    parser.add_argument("--repeat", type=int, default=5, help="no-change syncs to take the median of")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        shutil.copytree(ROOT / "decks", work / "samples" / "notes", ignore=shutil.ignore_patterns("notecards.lock"))
        bench("decks/", work / "samples" / "notes", work / "samples", options.repeat)
        bench_watch(work / "samples" / "notes", work / "samples", options.repeat)
        make_catalogue(work / "catalogue" / "notes", options.n)
        bench(f"{options.n} episodes", work / "catalogue" / "notes", work / "catalogue", options.repeat)


if __name__ == "__main__":
    main()
