"""Writing a file so that it is either the old one or the whole new one, never half of each.

Every file notecards writes (decks, exports, the preview, the lock, canonical YAML, the cache)
goes through here: a temporary file beside the target, flushed, then renamed over it.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import NotecardsError


def write_atomically(
    path: Path,
    data: bytes | str | Iterable[str],
    *,
    what: str = "file",
    durable: bool = True,
    keep_if_same: bool = False,
) -> bool:
    """Write ``data`` (or its chunks, so a large file never sits whole in memory) to ``path``
    atomically, with the permissions the file had (a new one: those a plain ``open`` would give);
    return whether it was written. A symlink is followed: the file it points to is replaced.

    ``durable`` flushes to disk before the rename (skip it only for files that are safe to lose,
    like the build cache). ``keep_if_same`` leaves an existing file with the same bytes untouched
    (its modification time too).

    An ``OSError`` becomes ``cannot write <what>: <reason>`` naming the path; no temporary file
    is left behind either way.
    """
    chunks = [data] if isinstance(data, (bytes, str)) else data
    path = _through_links(path)  # a symlink stays a symlink: its target is written
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as error:
        raise NotecardsError(f"cannot write {what}: {error.strerror}", str(path)) from None
    try:
        written = hashlib.sha256()
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                content = chunk.encode("utf-8") if isinstance(chunk, str) else chunk
                written.update(content)
                handle.write(content)
            if keep_if_same and _same_bytes(path, written):
                Path(temporary).unlink()
                return False
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(temporary, _mode_of(path))
        os.replace(temporary, path)
        return True
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise NotecardsError(f"cannot write {what}: {error.strerror}", str(path)) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _same_bytes(path: Path, written: hashlib._Hash) -> bool:
    try:
        with path.open("rb") as existing:
            return hashlib.file_digest(existing, "sha256").digest() == written.digest()
    except OSError:
        return False


def _through_links(path: Path) -> Path:
    """The file a symlink points to (followed all the way), or ``path`` itself."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _mode_of(path: Path) -> int:
    """The permissions the file has now (a replaced file keeps them), else what ``open`` would give."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
