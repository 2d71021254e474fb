"""Anki's card template language and cloze filter, re-implemented for the preview.

Why: the preview must show each card the way Anki shows it, without Anki installed. This covers
what note types use: ``{{Field}}``, ``{{#Field}}…{{/Field}}``, ``{{^Field}}…{{/Field}}``,
``{{FrontSide}}``, ``{{Tags}}``/``{{Deck}}``, and the ``cloze:`` and ``text:`` filters; other filters
leave the field as it is. The cloze markup it emits is Anki 2.1.50+'s: on the front the active
deletion is ``<span class="cloze" data-ordinal="N">[...]</span>`` (or ``[hint]``), the others show
their text in ``span.cloze-inactive``; on the back the active deletion is revealed in ``span.cloze``.
tests/test_render.py checks the output against real Anki's rendering of the same cards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import NotecardsError

_TAG = re.compile(r"\{\{(.*?)\}\}", re.S)
_CLOZE_TOKEN = re.compile(r"\{\{c(\d+)::|\}\}")
_HTML_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True, slots=True)
class CardSides:
    """One card of a note: Anki's card ordinal (cloze number - 1 for a cloze note) and its two sides."""

    ord: int
    front: str
    back: str


def render_note(
    front: str, back: str, fields: dict[str, str], *, cloze: bool, tags: tuple[str, ...] = (), deck: str = ""
) -> tuple[CardSides, ...]:
    """Every card Anki makes of a note, front and back, as Anki renders them."""
    special = {"Tags": " ".join(tags), "Deck": deck, "Subdeck": deck.split("::")[-1]}
    values = {**special, **fields}
    if cloze:
        numbers: set[int] = set()
        for name in _cloze_fields(front):
            numbers |= cloze_numbers(values.get(name, ""))
        ords = sorted(n - 1 for n in numbers) or [0]
    else:
        ords = [0]
    cards = []
    for ord_ in ords:
        question = _render(_parse(front), values, ord_, answer=False)
        answer = _render(_parse(back), {**values, "FrontSide": question}, ord_, answer=True)
        cards.append(CardSides(ord_, question, answer))
    return tuple(cards)


def cloze_numbers(text: str) -> set[int]:
    """The distinct numbers of the (closed) deletions in a field: one card each."""
    numbers: set[int] = set()
    pending = _cloze_tree(text)
    while pending:
        node = pending.pop()
        if not isinstance(node, str):
            numbers.add(node[0])
            pending.extend(node[1])
    return numbers


def _cloze_fields(template: str) -> list[str]:
    return [
        inner.split(":")[-1].strip()
        for inner in _TAG.findall(template)
        if "cloze:" in inner and not inner.strip().startswith(("#", "^", "/"))
    ]


# A parsed template: text, ("field", filters, name) or ("section", negated, name, children).
def _parse(template: str) -> list:
    root: list = []
    stack: list[tuple[str, list]] = [("", root)]
    position = 0
    for match in _TAG.finditer(template):
        stack[-1][1].append(template[position : match.start()])
        position = match.end()
        inner = match.group(1).strip()
        if inner and inner[0] in "#^":
            children: list = []
            stack[-1][1].append(("section", inner[0] == "^", inner[1:].strip(), children))
            stack.append((inner[1:].strip(), children))
        elif inner.startswith("/"):
            if len(stack) == 1 or stack[-1][0] != inner[1:].strip():
                raise NotecardsError(f"card template: {{{{{inner}}}}} does not close an open section")
            stack.pop()
        else:
            *filters, name = inner.split(":")
            stack[-1][1].append(("field", tuple(f.strip() for f in filters), name.strip()))
    if len(stack) > 1:
        raise NotecardsError(f"card template: {{{{#{stack[-1][0]}}}}} is never closed")
    stack[-1][1].append(template[position:])
    return root


def _render(nodes: list, values: dict[str, str], ord_: int, *, answer: bool) -> str:
    out = []
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
        elif node[0] == "section":
            _, negated, name, children = node
            if field_is_empty(values.get(name, "")) == negated:
                out.append(_render(children, values, ord_, answer=answer))
        else:
            _, filters, name = node
            text = values.get(name, "")
            for name_of_filter in reversed(filters):
                if name_of_filter == "cloze":
                    text = render_cloze(text, ord_ + 1, answer=answer)
                elif name_of_filter == "text":
                    text = _HTML_TAG.sub("", text)
            out.append(text)
    return "".join(out)


def field_is_empty(text: str) -> bool:
    """Anki treats a field holding only tags and whitespace as empty."""
    return not _HTML_TAG.sub("", text).strip()


def render_cloze(text: str, active: int, *, answer: bool) -> str:
    """A cloze field for card ``active``: that deletion hidden (front) or revealed (back)."""
    if active not in cloze_numbers(text):
        return ""  # as Anki: a card whose deletion is gone shows no text
    return "".join(_cloze_html(node, active, answer) for node in _cloze_tree(text))


def _cloze_tree(text: str) -> list:
    """Text and nested ``(number, children)`` deletions; a stray ``}}`` stays text, as in Anki."""
    root: list = []
    stack: list[tuple[int, list]] = []
    position = 0
    for match in _CLOZE_TOKEN.finditer(text):
        target = stack[-1][1] if stack else root
        if match.group(1):
            target.append(text[position : match.start()])
            stack.append((int(match.group(1)), []))
        elif stack:
            target.append(text[position : match.start()])
            number, children = stack.pop()
            (stack[-1][1] if stack else root).append((number, children))
        else:
            target.append(text[position : match.end()])
        position = match.end()
    if stack:  # an unclosed deletion: Anki drops it and everything after it
        return root
    root.append(text[position:])
    return root


def _cloze_html(node, active: int, answer: bool) -> str:
    if isinstance(node, str):
        return node
    number, children = node
    inner = "".join(_cloze_html(child, active, answer) for child in children)
    content, hint = _split_hint(inner)
    if number != active:
        return f'<span class="cloze-inactive" data-ordinal="{number}">{content}</span>'
    if answer:
        return f'<span class="cloze" data-ordinal="{number}">{content}</span>'
    return f'<span class="cloze" data-ordinal="{number}">[{hint or "..."}]</span>'


def _split_hint(content: str) -> tuple[str, str]:
    text, _, hint = content.partition("::")
    return text, hint
