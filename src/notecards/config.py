"""Project settings from a config file, so a project's options need not be retyped on every command.

Read from the current folder: ``notecards.toml`` (top-level keys) if it exists, otherwise the
``[tool.notecards]`` table of ``pyproject.toml``. Relative paths are relative to the file's folder.
A command-line option always wins over the config file.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import NotecardsError

CONFIG_FILE = "notecards.toml"
PYPROJECT = "pyproject.toml"
KNOWN_KEYS = ("templates",)


@dataclass(frozen=True, slots=True)
class Settings:
    templates: Path | None = None
    source: str = ""  # the file the settings came from, "" when none


def load_settings(folder: Path = Path(".")) -> Settings:
    """The settings in ``folder``'s config file; defaults when there is none."""
    own, pyproject = folder / CONFIG_FILE, folder / PYPROJECT
    if own.is_file():
        return _settings(_read_toml(own), own)
    if pyproject.is_file():
        table = _read_toml(pyproject).get("tool", {}).get("notecards")
        if table is not None:
            return _settings(table, pyproject, prefix="tool.notecards.")
    return Settings()


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise NotecardsError(f"cannot read config: {error.strerror}", str(path)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        line = re.search(r"line (\d+)", str(error))
        raise NotecardsError(f"invalid TOML: {error}", str(path), int(line.group(1)) if line else None) from None


def _settings(table: object, path: Path, prefix: str = "") -> Settings:
    if not isinstance(table, dict):
        raise NotecardsError(f"{prefix.rstrip('.') or 'config'} must be a table", str(path))
    unknown = sorted(set(table) - set(KNOWN_KEYS))
    if unknown:
        raise NotecardsError(
            f"unknown setting {prefix}{unknown[0]} (known: {', '.join(KNOWN_KEYS)})",
            str(path),
            _line_of(path, unknown[0]),
        )
    templates = table.get("templates")
    if templates is not None and not isinstance(templates, str):
        raise NotecardsError(
            f"{prefix}templates must be a folder path (a string)", str(path), _line_of(path, "templates")
        )
    return Settings(templates=(path.parent / templates) if templates else None, source=str(path))


def _line_of(path: Path, key: str) -> int | None:
    """The line a key is set on, so the error points at it (tomllib keeps no positions)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if re.match(rf"\s*{re.escape(key)}\s*=", line):
            return number
    return None
