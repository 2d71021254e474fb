"""Markdown as notes apps write it, reduced to what the readers need: plain text of inline markup,
headings, bullets with their nesting, paragraphs, and moments (``01:02:03``) in the episode.

Shared by the Markdown, Snipd and Readwise readers. Everything keeps its line number.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"])")  # where a long highlight or takeaway is split
BULLET = re.compile(r"^(?P<indent>[ \t]*)(?:[-*+]|\d{1,3}[.)])(?:\s+(?:\[[ xX]\]\s+)?(?P<text>.*))?$")
# Each pattern looks a bounded distance ahead, so that reading stays linear in the text's length
# (markup longer than that is left as written).
URL = r"(?:[^()\s]|\([^()\s]{0,100}\)){0,2048}"  # a link's target, one level of brackets allowed
INLINE = [
    (re.compile(r"!\[\[[^\[\]\n]{0,500}\]\]"), ""),  # an embedded file (![[cover.png]]) shows no words
    (re.compile(r"!\[[^\[\]\n]{0,1000}\]\(" + URL + r"\)"), ""),  # nor does an image
    # [[Page]], [[Page|alias]], [[Page\|alias]]
    (re.compile(r"\[\[(?:[^\[\]|\n]{0,500}?(?:\\?\|))?([^\[\]|\n]{0,500})\]\]"), r"\1"),
    (re.compile(r"\[([^\[\]\n]{0,1000})\]\(" + URL + r"\)"), r"\1"),  # [text](url)
    (re.compile(r"`([^`\n]{0,1000})`"), r"\1"),
    (re.compile(r"(\*\*|__|~~|==)(?=\S)(.{1,1000}?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*]{1,1000}?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)([^_]{1,1000}?)(?<=\S)_(?![\w_])"), r"\1"),
]
WIKI_ESCAPED_BAR = re.compile(r"\[\[[^\[\]\n]{0,500}\]\]")
ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~])")
PROTECTED = re.compile("[\ue000-\ue07f]")
# 01:02:03, 1:02, [01:02:03](link), (00:41:10); a moment in the episode.
MOMENT = re.compile(r"(?<![\d:])(?P<time>\d{1,2}:\d{2}(?::\d{2})?)(?![\d:])")
LEADING_MOMENT = re.compile(
    r"^\s*(?:\[(?P<linked>\d{1,2}:\d{2}(?::\d{2})?)\]\([^)]*\)|\(?\[?(?P<plain>\d{1,2}:\d{2}(?::\d{2})?)\]?\)?)"
    r"\s*(?:[-–—:|]\s*)?(?P<rest>.*)$"
)


def plain(text: str) -> str:
    """Inline Markdown reduced to the words a reader sees, whitespace collapsed."""
    text = WIKI_ESCAPED_BAR.sub(lambda m: m[0].replace("\\|", "|"), text)  # [[Page\|alias]], as in a table
    text = ESCAPED.sub(lambda m: chr(0xE000 + ord(m[1])), text)  # \* is a star, never emphasis
    for pattern, replacement in INLINE:
        text = pattern.sub(replacement, text)
    return " ".join(PROTECTED.sub(lambda m: chr(ord(m[0]) - 0xE000), text).split())


def heading_name(text: str) -> str:
    """A heading as a name to look up: markup, emoji, numbering and a trailing colon removed, lower case
    (``### ✨ Key takeaways:`` → ``key takeaways``)."""
    words = "".join(char for char in plain(text) if not _is_symbol(char))
    words = re.sub(r"^\s*(?:\d{1,2}[.)]\s+)?", "", words)
    return " ".join(words.lower().rstrip(":").split())


def _is_symbol(char: str) -> bool:
    return unicodedata.category(char) in ("So", "Sk", "Cs", "Co", "Mn") or char in "\ufe0f\u200d"


def moment(text: str) -> str:
    """A time as ``HH:MM:SS`` (``1:02`` is one minute two seconds: ``00:01:02``)."""
    parts = [int(part) for part in text.split(":")]
    while len(parts) < 3:
        parts.insert(0, 0)
    return "{:02d}:{:02d}:{:02d}".format(*parts)


TRAILING_MOMENT = re.compile(
    r"\s*\(\s*(?:\[(?P<linked>\d{1,2}:\d{2}(?::\d{2})?)\]\([^)]*\)|(?P<plain>\d{1,2}:\d{2}(?::\d{2})?))\s*\)"
    r"(?P<end>[.!?;]?)\s*$"
)


def trailing_moment(text: str) -> tuple[str, str]:
    """A bullet that ends with its moment in brackets (``… (3:49)``, ``… ([14:23](link))``): the moment
    and the rest; ``("", text)`` otherwise."""
    match = TRAILING_MOMENT.search(text)
    if not match or not text[: match.start()].strip():
        return "", text
    return moment(match["linked"] or match["plain"]), text[: match.start()] + match["end"]


def leading_moment(text: str) -> tuple[str, str]:
    """A bullet that starts with a moment (``[00:12:34](link) note``, ``12:34 - note``): the moment
    and the rest; ``("", text)`` when it does not start with one."""
    match = LEADING_MOMENT.match(text)
    if not match or not match["rest"].strip() and not (match["linked"] or match["plain"]):
        return "", text
    return moment(match["linked"] or match["plain"]), match["rest"]


@dataclass(frozen=True, slots=True)
class Item:
    """A bullet with its continuation lines (joined by newlines), its depth and its children."""

    line: int
    depth: int
    text: str
    children: tuple[Item, ...] = ()


def indent_width(text: str) -> int:
    return len(text.expandtabs(4)) - len(text.expandtabs(4).lstrip())


def outline(lines: list[tuple[int, str]], stray: list[tuple[int, str]] | None = None) -> list[Item]:
    """Bullets as a tree by indentation; a line under a bullet continues it (an indented line, the
    latest bullet indented less than it); other lines go to ``stray`` (or are dropped)."""
    flat: list[tuple[int, int, str]] = []  # (line, indent, text)
    previous_blank = True
    for number, text in lines:
        bullet = BULLET.match(text)
        if bullet:
            flat.append((number, indent_width(bullet["indent"]), (bullet["text"] or "").strip()))
        elif not text.strip():
            pass
        elif flat and (not previous_blank or text[:1].isspace()):
            at = _owner(flat, indent_width(text)) if text[:1].isspace() else len(flat) - 1
            line, indent, joined = flat[at]
            flat[at] = (line, indent, f"{joined}\n{text.strip()}")
        elif stray is not None:
            stray.append((number, text))
        previous_blank = not text.strip()
    return _nest(flat, 0, len(flat), 0)[0]


def _owner(flat: list[tuple[int, int, str]], indent: int) -> int:
    """The bullet an indented line continues: the latest one indented less than the line (``  Transcript:``
    under a highlight's nested takeaways continues the highlight, not its last takeaway)."""
    for at in range(len(flat) - 1, -1, -1):
        if flat[at][1] < indent:
            return at
    return len(flat) - 1


def _nest(flat: list[tuple[int, int, str]], start: int, end: int, depth: int) -> tuple[list[Item], int]:
    items: list[Item] = []
    index = start
    while index < end:
        line, indent, text = flat[index]
        child_end = index + 1
        while child_end < end and flat[child_end][1] > indent:
            child_end += 1
        children, _ = _nest(flat, index + 1, child_end, depth + 1)
        items.append(Item(line, depth, text, tuple(children)))
        index = child_end
    return items, index


def paragraphs(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Runs of non-blank lines joined, each with its first line's number."""
    found: list[tuple[int, str]] = []
    previous_blank = True
    for number, text in lines:
        if not text.strip():
            previous_blank = True
            continue
        if previous_blank:
            found.append((number, text.strip()))
        else:
            found[-1] = (found[-1][0], f"{found[-1][1]}\n{text.strip()}")
        previous_blank = False
    return found


def with_context(context: str, text: str, limit: int) -> str:
    """A fact with the words it sits under (a parent bullet, a snip's title) in front, when both fit
    in one card: ``Sleep stages: REM sleep …``; the fact alone otherwise."""
    context = context.strip().rstrip(":").strip()
    if not context or len(context.split()) + len(text.split()) > limit:
        return text
    return f"{context} {text}" if context[-1] in ".?!…" else f"{context}: {text}"
