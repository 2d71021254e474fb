"""The one exception users see: a message with the file and line it is about."""

from __future__ import annotations


class NotecardsError(Exception):
    """A problem with the user's input or setup, shown as ``path:line: message`` and exit code 1.

    Anything else that escapes the library is a bug in notecards, not in the user's notes.
    """

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = self.path or ""
        if where and self.line:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class NotEpisodeNotes(NotecardsError):
    """A file that is not episode notes at all (a README, a daily note, a shopping list): a build
    skips it with a one-line notice; a command given only that file says why it read nothing."""
