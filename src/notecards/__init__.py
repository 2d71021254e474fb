"""notecards: podcast episode notes to Anki decks of cloze and Q/A cards that update in place.

The public API is loaded on first use, so that ``import notecards`` is quick and the command line
can set up its Ctrl-C handling before the heavy modules load (a Ctrl-C then is one line, too).
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING

from .errors import NotecardsError
from .version import __version__

if TYPE_CHECKING:
    from .build import build, plan
    from .generate import generate
    from .sources import read_episode as load

__all__ = ["NotecardsError", "__version__", "build", "generate", "load", "plan"]

_PUBLIC = {  # name → (module, attribute)
    "build": (".build", "build"),
    "plan": (".build", "plan"),
    "generate": (".generate", "generate"),
    "load": (".sources", "read_episode"),
}


class _Package(types.ModuleType):
    """The package, whose public functions load when first asked for. ``build`` and ``generate``
    are also submodules' names: importing a submodule would rebind the package's attribute to the
    module, so the functions keep their names whatever is imported."""

    def __getattr__(self, name: str) -> object:
        if name not in _PUBLIC:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        module, attribute = _PUBLIC[name]
        value = getattr(importlib.import_module(module, __name__), attribute)
        self.__dict__[name] = value
        return value

    def __setattr__(self, name: str, value: object) -> None:
        if name in _PUBLIC and isinstance(value, types.ModuleType):
            self.__dict__.pop(name, None)  # the function, not the submodule, on next use
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
