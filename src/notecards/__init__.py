"""notecards: podcast episode notes to Anki decks of cloze and Q/A cards that update in place."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .build import build, plan
from .errors import NotecardsError
from .generate import generate
from .sources import read_episode as load

try:
    __version__ = version("notecards")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

__all__ = ["NotecardsError", "__version__", "build", "generate", "load", "plan"]
