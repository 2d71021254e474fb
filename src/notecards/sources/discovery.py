"""Which files a build, lint or preview reads: the files named, and the sources inside the folders named."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..errors import NotecardsError

# The overrides file (overrides.py) is YAML and often sits beside the lock, among the sources: not a source.
NOT_SOURCES = (".overrides.yaml", ".overrides.yml")
# An app's backup copies of pages would repeat every episode they hold: Logseq keeps them in logseq/bak.
BACKUP_FOLDERS = {("logseq", "bak"), ("logseq", "version-files")}


def discover(paths: Iterable[Path], suffixes: Iterable[str]) -> list[Path]:
    """The source files named, with folders searched recursively for files with one of ``suffixes``
    (hidden files and folders, overrides files and apps' backups skipped); sorted, so builds are deterministic,
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
                    and may_hold_notes(p.relative_to(path))
                )
            )
        elif path.is_file():
            found.append(path)
        else:
            raise NotecardsError("no such file or folder", str(path))
    return list(dict.fromkeys(found))


def may_hold_notes(relative: Path) -> bool:
    """Whether a file found in a folder may be notes: not hidden (``.obsidian``, ``.trash``, the build
    cache) and not an app's backup copy of a page (Logseq's ``logseq/bak``)."""
    parts = relative.parts
    if any(part.startswith(".") for part in parts):
        return False
    return not any(parts[i : i + 2] in BACKUP_FOLDERS for i in range(len(parts) - 1))
