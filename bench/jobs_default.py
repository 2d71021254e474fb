"""Is the default --jobs ever slower than one process? Builds N fresh synthetic episodes (bench/batch.py's
pages) from nothing, as a user runs the CLI, with --jobs 1, --jobs 2 and the default, each in a fresh
process and a fresh output folder; prints the median wall time of --repeat runs.

    .venv/bin/python bench/jobs_default.py                 # N = 1 2 3 6 12 24
    .venv/bin/python bench/jobs_default.py -n 3 8 --repeat 5
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from batch import make_catalogue

NOTECARDS = [sys.executable, "-m", "notecards"]


def seconds(source: Path, out: Path, jobs: list[str]) -> tuple[float, float]:
    """Wall time, and CPU time of the build and its workers (steadier when the machine is shared)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [*NOTECARDS, "build", str(source), "--out", str(out), "--lock", str(out / "notecards.lock"), "-q", *jobs],
        check=True,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return time.perf_counter() - started, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, nargs="+", default=[1, 2, 3, 6, 12, 24], help="episodes per build")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    settings = {"--jobs 1": ["--jobs", "1"], "--jobs 2": ["--jobs", "2"], "default": []}
    print("median wall time (CPU time of the build and its workers)")
    print(f"{'episodes':>8}" + "".join(f"{name:>20}" for name in settings))
    with tempfile.TemporaryDirectory() as scratch:
        for count in args.n:
            source = Path(scratch) / f"src-{count}"
            make_catalogue(source, count)
            times: dict[str, list[tuple[float, float]]] = {name: [] for name in settings}
            for run in range(args.repeat):
                for name, jobs in settings.items():  # interleaved, so a busy moment hits every setting
                    times[name].append(seconds(source, Path(scratch) / f"out-{count}-{name}-{run}", jobs))
            print(
                f"{count:>8}"
                + "".join(
                    f"{statistics.median(w for w, _ in t):>11.2f}s ({statistics.median(c for _, c in t):.2f}s)"
                    for t in times.values()
                )
            )


if __name__ == "__main__":
    main()
