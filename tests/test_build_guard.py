"""One build at a time on a lock file and an output folder, with real processes; decks staged until
the build is recorded; no temporary file left anywhere."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from build_processes import lock_notes, make_catalogue, output_notes, snapshot, start_build
from notecards import NotecardsError, build
from notecards.build_guard import busy_file, exclusive


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("catalogue") / "notes"
    make_catalogue(folder, 40)
    return folder


def halves(catalogue: Path, tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "a", tmp_path / "b"
    for index, source in enumerate(sorted(catalogue.glob("*.txt"))):
        target = first if index % 2 else second
        target.mkdir(exist_ok=True)
        shutil.copy(source, target / source.name)
    return first, second


def test_two_builds_on_one_lock_never_both_write(catalogue: Path, tmp_path: Path) -> None:
    """The probe's case: two halves of a folder built at once with one --lock. One build runs; the
    other stops at once with one line, or (not overlapping after all) runs after it. Either way the
    lock holds every note of each build that succeeded, and rebuilding changes no GUID."""
    first, second = halves(catalogue, tmp_path)
    lock, tmpdir = tmp_path / "shared.lock", tmp_path / "tmp"
    tmpdir.mkdir()
    builds = [start_build(half, tmp_path / f"out-{half.name}", lock, tmpdir) for half in (first, second)]
    results = [(process.wait(60), *process.communicate()) for process in builds]
    assert any(code == 0 for code, _, _ in results), results
    for (code, _, stderr), half in zip(results, (first, second), strict=True):
        if code != 0:
            assert code == 1 and stderr.count("\n") == 1, stderr
            assert stderr.startswith(f"{lock}: another notecards build (process ") and "wait for it" in stderr
            assert not list((tmp_path / f"out-{half.name}").glob("*.apkg"))  # it wrote nothing
    # Build whatever stopped, then everything again: every note of both halves is in the lock, and
    # the GUIDs are those the halves' decks hold.
    for half in (first, second):
        assert start_build(half, tmp_path / f"out-{half.name}", lock, tmpdir).wait(60) == 0
    held = lock_notes(lock)
    decks = {g for half in (first, second) for d in output_notes(tmp_path / f"out-{half.name}").values() for g in d}
    assert decks == {g for g, note in held.items() if not note[3]}
    assert start_build(first, tmp_path / "out-a", lock, tmpdir).wait(60) == 0
    assert lock_notes(lock) == held
    assert list(tmpdir.iterdir()) == []


def test_a_build_on_a_lock_another_process_holds_stops_at_once(catalogue: Path, tmp_path: Path) -> None:
    lock, out = tmp_path / "notecards.lock", tmp_path / "dist"
    build([catalogue], tmp_path / "first", lock=lock, now=1_600_000_000)
    before = lock.read_bytes()
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    script = (
        "import sys, time; from pathlib import Path; from notecards.build_guard import busy_file, exclusive\n"
        f"with exclusive((busy_file(Path({str(lock)!r})), 'x')):\n"
        "    print('held', flush=True); time.sleep(30)"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        process = start_build(catalogue, out, lock, tmpdir)
        code = process.wait(20)
        _, stderr = process.communicate()
        assert code == 1 and stderr == (
            f"{lock}: another notecards build (process {holder.pid}) is using this; wait for it to finish, "
            "or build with another --lock or --out\n"
        )
        assert lock.read_bytes() == before and not list(out.glob("*.apkg"))
    finally:
        holder.kill()
        holder.wait()
    # The holder is gone, however it ended: its lock went with it.
    assert start_build(catalogue, out, lock, tmpdir).wait(60) == 0
    assert not busy_file(lock).exists() and list(tmpdir.iterdir()) == []


def test_two_builds_into_one_output_folder_do_not_mix(catalogue: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    busy = exclusive((out / ".notecards-cache" / "busy", str(out)))
    with busy, pytest.raises(NotecardsError, match=r"another notecards build .* is using this"):
        build([catalogue], out, lock=tmp_path / "other.lock")


def test_threads_of_one_process_are_kept_apart_too(catalogue: Path, tmp_path: Path) -> None:
    """POSIX locks never conflict within one process: the guard also counts its own builds."""
    lock = tmp_path / "notecards.lock"
    with exclusive((busy_file(lock), str(lock))):
        failures: list[BaseException] = []

        def other() -> None:
            try:
                build([catalogue], tmp_path / "dist", lock=lock)
            except NotecardsError as error:
                failures.append(error)

        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
    assert len(failures) == 1 and "another notecards build" in str(failures[0])


def test_no_temporary_file_is_left_anywhere(catalogue: Path, tmp_path: Path) -> None:
    """$TMPDIR holds the same files before and after a build (genanki's SQLite file included), and
    the output and lock folders hold only decks, the cache and the lock."""
    tmpdir, out, lock = tmp_path / "tmp", tmp_path / "dist", tmp_path / "locks" / "notecards.lock"
    tmpdir.mkdir()
    (tmpdir / "someone-elses-file").write_text("x", encoding="utf-8")
    before = snapshot(tmpdir)
    for extra in ((), ("--jobs", "1"), ("--format", "csv")):
        process = start_build(catalogue, out, lock, tmpdir, *extra)
        assert process.wait(120) == 0, process.communicate()
    assert snapshot(tmpdir) == before
    assert sorted(p.name for p in lock.parent.iterdir()) == ["notecards.lock"]
    assert {p.suffix for p in out.iterdir()} == {".apkg", ".csv", ""}
    assert not [p for p in out.rglob("*") if p.name.endswith((".part", ".busy")) or "staged" in p.parts]


def test_scratch_of_a_killed_build_is_cleared_by_the_next(catalogue: Path, tmp_path: Path) -> None:
    out, lock = tmp_path / "dist", tmp_path / "notecards.lock"
    build([catalogue], out, lock=lock, now=1_600_000_000)
    leftovers = [
        out / ".some-deck.apkg.x1y2z3.part",
        out / ".notecards-cache" / "staged" / "some-deck.apkg",
        out / ".notecards-cache" / ".index.json.abc.part",
        tmp_path / ".notecards.lock.abc123.part",
    ]
    for path in leftovers:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("half written", encoding="utf-8")
    unrelated = tmp_path / ".my-notes.part"
    unrelated.write_text("mine", encoding="utf-8")
    build([catalogue], out, lock=lock, now=1_600_000_100)
    assert not any(path.exists() for path in leftovers) and unrelated.exists()
