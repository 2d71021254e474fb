"""A recommendation as a Markdown bullet, however it is written: ``**Make It Stick** — Peter Brown``,
``*Make It Stick* by Peter Brown``, ``Make It Stick — Peter Brown``, ``[[Make It Stick]]``, with or
without a quote (``“…” — Speaker 00:41:10``) after it or on the next line. A bold, italic or linked
title stays whole, commas and all."""

from __future__ import annotations

import re

from ..model import Location, Recommendation
from .markdown_text import plain
from .notes_page import NOISE, QUOTE_LINE

WRAPPED_NAME = re.compile(
    r"^\s*(?:(?P<strong>\*\*|__)(?P<bold>.+?)(?P=strong)"
    r"|(?P<em>[*_])(?P<italic>[^*_]+?)(?P=em)(?![*_])"
    r"|\[\[(?:[^\]|]*\|)?(?P<wiki>[^\]|]*)\]\]"
    r"|\[(?P<link>[^\]]+)\]\([^)]*\))"
    r"(?P<rest>.*)$",
    re.DOTALL,
)
DASH = re.compile(r"\s+[—–]\s*|\s*[—–]\s+|\s+-{1,2}\s+")
BY_MAKER = re.compile(r"^(?P<name>.+?)\s+by\s+(?P<maker>(?:[A-Z][\w.'’-]*\s*){2,5})$")
LEADING_SEPARATOR = re.compile(r"^\s*(?:[—–:·,]|-{1,2}|\bby\b)*\s*", re.IGNORECASE)


def read_recommendation(where: str, number: int, text: str) -> Recommendation | None:
    """``- <name> <separator> <maker> (inferred)`` then, inline or on the next line, a quote with
    its speaker and moment; None when the bullet names nothing."""
    head, _, rest = text.partition("\n")
    quote_at = min((head.find(mark) for mark in '“"«„' if head.find(mark) > 0), default=-1)
    if quote_at > 0:
        head, rest = head[:quote_at], f"{head[quote_at:]}\n{rest}"
    name, maker = _name_and_maker(head)
    if not name:
        return None
    maker, comment = _maker_and_comment(maker)
    inferred = maker.endswith("(inferred)")
    maker = maker.removesuffix("(inferred)").strip()
    quote, speaker, timestamp = "", "", ""
    for line in (plain(line) for line in rest.split("\n")):
        quoted = QUOTE_LINE.match(line)
        if quoted and not quote:
            quote, speaker, timestamp = plain(quoted["quote"]), quoted["speaker"] or "", quoted["timestamp"] or ""
        elif line and not NOISE.match(line) and not quote:
            quote = line
    quote = quote or comment  # ``— cited on why founders work in the business``
    return Recommendation(name, maker, inferred, quote, speaker, timestamp, Location(where, number))


def _maker_and_comment(maker: str) -> tuple[str, str]:
    """``Michael Gerber — cited on why founders work in the business``: the maker, and what follows."""
    parts = DASH.split(maker, maxsplit=1)
    return (parts[0].strip(), parts[1].strip()) if len(parts) == 2 else (maker, "")


def _name_and_maker(head: str) -> tuple[str, str]:
    wrapped = WRAPPED_NAME.match(head)
    if wrapped:
        name = next(wrapped[group] for group in ("bold", "italic", "wiki", "link") if wrapped[group] is not None)
        maker = LEADING_SEPARATOR.sub("", wrapped["rest"], count=1)
    else:
        parts = DASH.split(head, maxsplit=1)
        name, maker = (parts[0], parts[1]) if len(parts) == 2 else (head, "")
        by = BY_MAKER.match(plain(name)) if not maker else None
        if by:
            name, maker = by["name"], by["maker"]
    name = plain(name).strip(" *_~—–-:,")
    maker = plain(maker).rstrip(":—–- ").strip()
    return name, maker
