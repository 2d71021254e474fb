"""A build is alone and all-or-nothing: one build at a time on a lock file and an output folder,
and decks put in place only with the lock that describes them.

Two builds sharing a lock file would each read it, settle their own notes and write it back: the
second write drops the first build's notes, and their GUIDs are made afresh next time. So a build
holds an OS lock on ``.<lock name>.busy`` beside the lock file, and on ``.busy`` in the output
folder's cache (two builds into one folder would mix their decks and cache), from before it reads
the lock until the lock and cache are written. A second build stops at once with one line naming
the process that holds it. The OS drops the lock when the process ends, however it ends, so a
killed build never leaves one behind (only its empty ``.busy`` file, reused by the next build).

POSIX record locks (``lockf``) belong to the process: worker processes, forked after the lock was
taken, do not hold it, so a worker outliving its build could not keep the next build out.

Decks are written into ``OUT/.notecards-cache/staged/`` and moved into ``OUT`` by ``commit_decks``
just before the lock is written, so an interrupted build leaves the previous decks, lock and cache
as they were; scratch files a killed build left behind (staged decks, ``*.part`` files of atomic
writes) are removed by the next build, which holds the locks and so knows nobody is writing them.
"""

from __future__ import annotations

import functools
import inspect
import os
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import ParamSpec, TypeVar

from .cache import CACHE_DIR, BuildCache
from .errors import NotecardsError

try:
    import fcntl
except ImportError:  # Windows: no POSIX locks; builds there are not guarded against each other
    fcntl = None  # type: ignore[assignment]

BUSY_SUFFIX = ".busy"
STAGED_DIR = "staged"
P = ParamSpec("P")
R = TypeVar("R")
_held: set[str] = set()  # files this process holds (POSIX locks never conflict within one process)
_held_guard = threading.Lock()


def busy_file(lock: Path) -> Path:
    """The file a build locks for the lock file ``lock``: hidden, beside it."""
    return lock.with_name(f".{lock.name}{BUSY_SUFFIX}")


@contextmanager
def exclusive(*guarded: tuple[Path, str]) -> Iterator[None]:
    """Hold the OS lock of each ``(busy file, what it guards)`` for the block, or stop at once with
    ``<what>: another notecards build (process N) is using it; …``."""
    with ExitStack() as stack:
        for path, what in guarded:
            stack.enter_context(_holding(path, what))
        yield


@contextmanager
def _holding(path: Path, what: str) -> Iterator[None]:
    key = os.path.abspath(path)
    fd = _locked_file(path, what, key)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        path.unlink(missing_ok=True)  # still holding it: a build that opened it now finds it gone
        with _held_guard:
            _held.discard(key)
        os.close(fd)  # closing the file releases the lock


def _locked_file(path: Path, what: str, key: str) -> int:
    """An open descriptor of ``path`` holding its lock, or ``NotecardsError`` when another build
    holds it. A file removed by its last holder between our open and our lock is opened again."""
    while True:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o666)
        except OSError as error:
            raise NotecardsError(f"cannot lock for this build: {error.strerror}", what) from None
        with _held_guard:
            taken = key not in _held and _try_lock(fd)
            if taken:
                _held.add(key)
        if not taken:
            holder = _holder(fd)
            os.close(fd)
            raise NotecardsError(
                f"another notecards build{holder} is using this; wait for it to finish, or build "
                "with another --lock or --out",
                what,
            )
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except OSError:
            same = False
        if same:
            return fd
        with _held_guard:
            _held.discard(key)
        os.close(fd)


def _try_lock(fd: int) -> bool:
    if fcntl is None:
        return True
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # EACCES or EAGAIN: held by another process
        return False
    return True


def _holder(fd: int) -> str:
    """`` (process N)`` from what the holder wrote in the file, when it says."""
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return f" (process {text})" if text.isdigit() else ""


def staged_path(out: Path, final: Path) -> Path:
    """Where a deck bound for ``final`` waits until the build commits."""
    return out / CACHE_DIR / STAGED_DIR / final.name


def commit_decks(out: Path, finals: Iterable[Path]) -> list[str]:
    """Move the staged decks into place; one message per deck that could not be moved."""
    errors = []
    for final in finals:
        try:
            os.replace(staged_path(out, final), final)
        except OSError as error:
            errors.append(f"{final}: cannot write deck: {error.strerror}")
    return errors


def clear_scratch(out: Path, lock: Path | None) -> None:
    """Remove what an interrupted or killed build may have left: staged decks, and the temporary
    ``.<name>.*.part`` files of atomic writes in the output folder, its cache and beside the lock."""
    shutil.rmtree(out / CACHE_DIR / STAGED_DIR, ignore_errors=True)
    places = [(out, "."), (out / CACHE_DIR, "."), (out / CACHE_DIR / "notes", ".")]
    if lock is not None:
        places.append((lock.parent, f".{lock.name}."))
    for folder, prefix in places:
        try:
            leftovers = [p for p in folder.glob("*.part") if p.name.startswith(prefix)]
        except OSError:
            continue
        for path in leftovers:
            path.unlink(missing_ok=True)


def one_build_at_a_time(build: Callable[P, R]) -> Callable[P, R]:
    """Run ``build`` holding the OS locks of its lock file and output folder, with the scratch of
    any earlier interrupted build cleared first and its own cleared if it stops half-way."""
    signature = inspect.signature(build)

    @functools.wraps(build)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        out, lock = Path(bound.arguments["out"]), bound.arguments["lock"]
        made = next((folder for folder in (out, out / CACHE_DIR) if not folder.exists()), None)
        check_output_folder(out)
        held = [(out / CACHE_DIR / BUSY_SUFFIX.lstrip("."), str(out))]
        if lock is not None:
            held.insert(0, (busy_file(Path(lock)), str(lock)))
        with exclusive(*held):
            clear_scratch(out, lock)
            try:
                return build(*bound.args, **bound.kwargs)
            except BaseException:
                BuildCache(out).drop_unused()  # the cache as the last build left it
                shutil.rmtree(out / CACHE_DIR / STAGED_DIR, ignore_errors=True)
                if made is not None:
                    _remove_empty_folders(made)  # a build that stopped early leaves no folder behind
                raise
            finally:
                shutil.rmtree(out / CACHE_DIR / STAGED_DIR, ignore_errors=True)

    return guarded


def check_output_folder(out: Path) -> None:
    """``--out`` must be a folder notecards can create and write in: say so in one line if not."""
    if out.exists() and not out.is_dir():
        raise NotecardsError("the output folder is a file, not a folder", str(out))
    try:
        (out / CACHE_DIR).mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise NotecardsError(f"cannot create the output folder: {error.strerror}", str(out)) from None


def _remove_empty_folders(top: Path) -> None:
    """Remove ``top`` and the folders under it, if no file is left in them (the busy file aside)."""
    for folder, _, files in sorted(os.walk(top), key=lambda item: -len(item[0])):
        if files and files != [BUSY_SUFFIX.lstrip(".")]:
            return
        shutil.rmtree(folder, ignore_errors=True)
