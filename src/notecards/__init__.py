"""notecards: podcast episode notes to Anki decks of cloze and Q/A cards that update in place."""

from __future__ import annotations

from .build import build, plan
from .errors import NotecardsError
from .generate import generate
from .sources import read_episode as load
from .version import __version__

__all__ = ["NotecardsError", "__version__", "build", "generate", "load", "plan"]
