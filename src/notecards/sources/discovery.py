"""Which files a build, lint or preview reads: the files named, and the sources inside the folders named."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..errors import NotecardsError

# The overrides file (overrides.py) is YAML and often sits beside the lock, among the sources: not a source.
NOT_SOURCES = (".overrides.yaml", ".overrides.yml")


def discover(paths: Iterable[Path], suffixes: Iterable[str]) -> list[Path]:
    """The source files named, with folders searched recursively for files with one of ``suffixes``
    (hidden files and folders, and overrides files, skipped); sorted, so builds are deterministic,
    and each file once."""
    wanted = frozenset(suffixes)
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() in wanted
                    and not p.name.lower().endswith(NOT_SOURCES)
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        elif path.is_file():
            found.append(path)
        else:
            raise NotecardsError("no such file or folder", str(path))
    return list(dict.fromkeys(found))
