"""Hand-written cloze markup (``{{c1::answer}}`` or ``{{c1::answer::hint}}``) parsed at read time.

The card keeps plain text plus deletion offsets, exactly like a generated card, so ``render`` is
the only place markup is written back and escaped: a hand-written answer containing ``<`` or ``::``
cannot turn into HTML or a second cloze.
"""

from __future__ import annotations

import re

from ..errors import NotecardsError
from ..model import Deletion

CLOZE_OPEN = re.compile(r"\{\{c(\d+)::")
MAX_CLOZE_NUMBER = 99


def parse_cloze(markup: str, where: str, line: int) -> tuple[str, tuple[Deletion, ...]]:
    """Plain text and its deletions; unclosed, nested, empty or missing clozes are errors."""
    markup = " ".join(markup.split())
    parts: list[str] = []
    length = 0
    deletions: list[Deletion] = []
    position = 0
    while (opening := CLOZE_OPEN.search(markup, position)) is not None:
        before = markup[position : opening.start()]
        parts.append(before)
        length += len(before)
        label = f'"{{{{c{opening[1]}::"'
        number = int(opening[1])
        if not 1 <= number <= MAX_CLOZE_NUMBER:
            raise NotecardsError(f"cloze {label}: numbers run from c1 to c{MAX_CLOZE_NUMBER}", where, line)
        close = markup.find("}}", opening.end())
        if close < 0:
            raise NotecardsError(f"cloze {label} is never closed with '}}}}'", where, line)
        inner = markup[opening.end() : close]
        if "{{" in inner:
            raise NotecardsError(f"cloze {label} contains another '{{{{': clozes cannot be nested", where, line)
        answer, _, hint = inner.partition("::")
        if not answer.strip():
            raise NotecardsError(f"cloze {label} hides nothing: its answer is empty", where, line)
        parts.append(answer)
        deletions.append(Deletion(length, length + len(answer), number, hint.strip()))
        length += len(answer)
        position = close + 2
    parts.append(markup[position:])
    if not deletions:
        raise NotecardsError("a cloze card needs at least one '{{c1::…}}' deletion", where, line)
    return "".join(parts), tuple(deletions)


def cloze_source(text: str, deletions: tuple[Deletion, ...]) -> str:
    """The markup a user would write for ``text`` and ``deletions`` (for the canonical YAML writer)."""
    parts, position = [], 0
    for deletion in sorted(deletions, key=lambda d: d.start):
        parts.append(text[position : deletion.start])
        hint = f"::{deletion.hint}" if deletion.hint else ""
        parts.append(f"{{{{c{deletion.number}::{text[deletion.start : deletion.end]}{hint}}}}}")
        position = deletion.end
    parts.append(text[position:])
    return "".join(parts)
