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
        where = one_line(self.path or "")
        if where and self.line:
            where = f"{where}:{self.line}"
        return f"{where}: {one_line(self.message)}" if where else one_line(self.message)


def one_line(text: str) -> str:
    """Text with its line breaks and other control characters written as escapes (a file name
    holding a newline), so that a message stays one line."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() or char == " " else repr(char)[1:-1] for char in text)


class NotEpisodeNotes(NotecardsError):
    """A file that is not episode notes at all (a README, a daily note, a shopping list): a build
    skips it with a one-line notice; a command given only that file says why it read nothing."""
