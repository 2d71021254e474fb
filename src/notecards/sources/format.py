"""What a reader is: one shape of episode notes, the files it can be, how to tell it from the text.

A new input format is one module that defines a ``SourceFormat`` and one line in the registry
(``sources/__init__.py``). Formats sharing a suffix (``.md``: Readwise, Snipd, plain Markdown) are told
apart by their ``claims`` test, tried in registry order; a format without one takes any file left.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..model import Episode

Reader = Callable[[Path, str], tuple[Episode, ...]]


@dataclass(frozen=True, slots=True)
class SourceFormat:
    """One shape of notes: its name (for messages), file suffixes, reader, and content test."""

    name: str
    suffixes: tuple[str, ...]
    read: Reader
    claims: Callable[[str], bool] | None = None  # None: every file with one of the suffixes

    def takes(self, suffix: str, text: str) -> bool:
        return suffix in self.suffixes and (self.claims is None or self.claims(text))
