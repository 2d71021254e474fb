"""notecards: podcast episode notes to Anki decks of cloze and Q/A cards that update in place."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .build import build, plan
from .errors import NotecardsError
from .sources import read_episode as load

try:
    __version__ = version("notecards")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"



def __getattr__(name: str):
    """``notecards.generate`` on first use: the generator's word-frequency data costs start-up time
    that a rebuild which generates nothing should not pay."""
    if name == "generate":
        from .generate import generate

        return generate
    raise AttributeError(f"module 'notecards' has no attribute {name!r}")


__all__ = ["NotecardsError", "__version__", "build", "generate", "load", "plan"]
