"""Writing a file so that it is either the old one or the whole new one, never half of each.

Every file notecards writes (decks, exports, the preview, the lock, canonical YAML, the cache)
goes through here: a temporary file beside the target, flushed, then renamed over it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import NotecardsError


def write_atomically(path: Path, data: bytes | str, *, what: str = "file", durable: bool = True) -> None:
    """Write ``data`` to ``path`` atomically, with the permissions a plain ``open`` would give.

    ``durable`` flushes to disk before the rename (skip it only for files that are safe to lose,
    like the build cache).

    An ``OSError`` becomes ``cannot write <what>: <reason>`` naming the path; no temporary file
    is left behind either way.
    """
    content = data.encode("utf-8") if isinstance(data, str) else data
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as error:
        raise NotecardsError(f"cannot write {what}: {error.strerror}", str(path)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise NotecardsError(f"cannot write {what}: {error.strerror}", str(path)) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
