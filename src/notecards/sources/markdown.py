"""Reader for Markdown notes (``.md``), as creators keep them in Obsidian or a static site.

YAML front matter carries the episode's details (podcast, episode, title, date, guests, url…);
``## Big reveals``-style headings carry the sections, with ``-`` bullets. Inline Markdown
(emphasis, code, links, wiki links) is reduced to its text; raw HTML stays literal text, escaped
later by ``render`` like everything else.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from ..errors import NotecardsError
from ..model import BIG_REVEALS, WORTH_REMEMBERING, Episode, Fact, Guest, Location, Recommendation
from .canonical import EPISODE_KEYS, read_episode_mapping
from .notes_page import GUEST_PARAGRAPH, NOISE, QUOTE_LINE
from .yaml_nodes import Place, compose

FRONT_MATTER_KEYS = tuple(
    key for key in EPISODE_KEYS if key not in (BIG_REVEALS, WORTH_REMEMBERING, "recommendations", "cards", "notecards")
)
SECTIONS = {
    "the guest": "guest",
    "the guests": "guest",
    "guest": "guest",
    "guests": "guest",
    "the gist": "gist",
    "gist": "gist",
    "big reveals": BIG_REVEALS,
    "things worth remembering": WORTH_REMEMBERING,
    "worth remembering": WORTH_REMEMBERING,
    "recommended": "recommended",
    "recommended in this episode": "recommended",
    "recommendations": "recommended",
}
HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
BULLET = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+(?P<text>.*)$")
INLINE = [
    (re.compile(r"!?\[\[(?:[^\]|]*\|)?([^\]]*)\]\]"), r"\1"),  # [[Page]], [[Page|alias]]
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # [text](url), ![alt](src)
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"(\*\*|__|~~)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)([^_]+?)(?<=\S)_(?![\w_])"), r"\1"),
]
ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~])")
PROTECTED = re.compile("[\ue000-\ue07f]")


def plain(text: str) -> str:
    """Inline Markdown reduced to the words a reader sees, whitespace collapsed."""
    text = ESCAPED.sub(lambda m: chr(0xE000 + ord(m[1])), text)  # \* is a star, never emphasis
    for pattern, replacement in INLINE:
        text = pattern.sub(replacement, text)
    return " ".join(PROTECTED.sub(lambda m: chr(ord(m[0]) - 0xE000), text).split())


def read_markdown(path: Path, text: str) -> Episode:
    where = str(path)
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise NotecardsError("empty file: no episode notes", where, 1)
    if lines[first].strip() != "---":
        raise NotecardsError(
            "Markdown notes must start with YAML front matter: a '---' line, then "
            "'podcast: …', 'title: …' and a closing '---'",
            where,
            first + 1,
        )
    close = next((i for i in range(first + 1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if close is None:
        raise NotecardsError("front matter is never closed: add a '---' line after it", where, first + 1)
    place = Place(where, first + 2)
    root = compose("\n".join(lines[first + 1 : close]), where, first + 2)
    if root is None:
        raise NotecardsError("front matter is empty: it needs at least 'podcast:'", where, first + 1)
    doc = place.mapping(root, FRONT_MATTER_KEYS, "front matter")
    body = _read_body(where, lines, close + 1)
    return read_episode_mapping(doc, Location(where, first + 1), body)


def _read_body(where: str, lines: list[str], start: int) -> Episode:
    """The sections under the front matter, as an ``Episode`` for the front matter to complete."""
    title, warnings = "", []
    sections: dict[str, list[tuple[int, str]]] = {}
    intro: list[tuple[int, str]] = []
    target: list[tuple[int, str]] = intro  # where the next line goes; an unknown section's are dropped
    for index in range(start, len(lines)):
        number, line = index + 1, lines[index]
        heading = HEADING.match(line)
        if heading and len(heading["level"]) == 1 and not title and target is intro:
            title = plain(heading["text"])
            continue
        if heading:
            name = plain(heading["text"]).lower().rstrip(":").strip()
            section = SECTIONS.get(name)
            if section is None:
                close = difflib.get_close_matches(name, SECTIONS, n=1, cutoff=0.6)
                hint = f" (did you mean '## {close[0].capitalize()}'?)" if close else ""
                warnings.append(
                    f"{where}:{number}: warning: section '{heading['text'][:40]}' is not one "
                    f"notecards reads{hint}; its lines are ignored"
                )
                target = []
            else:
                target = sections.setdefault(section, [])
            continue
        target.append((number, line))
    facts = [
        fact
        for section in (BIG_REVEALS, WORTH_REMEMBERING)
        for fact in _bullets(where, sections.get(section, []), warnings, section)
    ]
    return Episode(
        podcast="",
        title=title,
        source=Location(where, start + 1),
        summary=" ".join(plain(text) for _, text in _paragraphs(intro)[:1]),
        guests=tuple(_guest(where, number, text) for number, text in _items(sections.get("guest", []))),
        gist=" ".join(plain(text) for _, text in _paragraphs(sections.get("gist", []))),
        facts=tuple(facts),
        recommendations=tuple(
            rec
            for number, text in _bullet_items(sections.get("recommended", []))
            if (rec := _recommendation(where, number, text))
        ),
        warnings=tuple(warnings),
    )


def _paragraphs(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Runs of non-blank lines joined, each with its first line's number."""
    paragraphs: list[tuple[int, str]] = []
    previous_blank = True
    for number, text in lines:
        if not text.strip():
            previous_blank = True
            continue
        if previous_blank:
            paragraphs.append((number, text.strip()))
        else:
            paragraphs[-1] = (paragraphs[-1][0], f"{paragraphs[-1][1]}\n{text.strip()}")
        previous_blank = False
    return paragraphs


def _bullet_items(lines: list[tuple[int, str]], stray: list[tuple[int, str]] | None = None) -> list[tuple[int, str]]:
    """Bullets with their continuation lines (joined by newlines); other lines go to ``stray``."""
    items: list[tuple[int, str]] = []
    previous_blank = True
    for number, text in lines:
        bullet = BULLET.match(text)
        if bullet:
            items.append((number, bullet["text"].strip()))
        elif not text.strip():
            pass
        elif items and (not previous_blank or text[:1].isspace()):
            items[-1] = (items[-1][0], f"{items[-1][1]}\n{text.strip()}")
        elif stray is not None:
            stray.append((number, text))
        previous_blank = not text.strip()
    return items


def _items(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A section written either as bullets or as paragraphs."""
    return _bullet_items(lines) if any(BULLET.match(text) for _, text in lines) else _paragraphs(lines)


def _bullets(where: str, lines: list[tuple[int, str]], warnings: list[str], section: str) -> list[Fact]:
    stray: list[tuple[int, str]] = []
    facts = [
        Fact(section, plain(text), Location(where, number))
        for number, text in _bullet_items(lines, stray)
        if plain(text)
    ]
    warnings.extend(
        f"{where}:{number}: warning: not a '- ' bullet, ignored: {text.strip()[:40]!r}" for number, text in stray
    )
    return facts


def _guest(where: str, number: int, text: str) -> Guest:
    text = plain(text)
    match = GUEST_PARAGRAPH.match(text)
    if match:
        return Guest(match["name"], match["bio"], Location(where, number))
    return Guest(text, "", Location(where, number))


def _recommendation(where: str, number: int, text: str) -> Recommendation | None:
    """``- **Name** — Maker (inferred)`` then, on the next line, ``“quote” — Speaker 01:32:14``."""
    head, _, rest = text.partition("\n")
    quote_at = min((head.find(mark) for mark in '“"' if mark in head), default=-1)
    if quote_at > 0:
        head, rest = head[:quote_at], f"{head[quote_at:]}\n{rest}"
    bold = re.match(r"^\s*(\*\*|__)(?P<name>.+?)\1\s*(?:[—–:·,-]+\s*)?(?P<maker>.*)$", head)
    if bold:
        name, maker = plain(bold["name"]), plain(bold["maker"])
    else:
        name, _, maker = (plain(part) for part in re.split(r"\s+[—–-]{1,2}\s+", head + " — ", maxsplit=1))
        maker = maker.rstrip(" —")
    maker = maker.rstrip(":—– ").strip()
    if not name:
        return None
    inferred = maker.endswith("(inferred)")
    maker = maker.removesuffix("(inferred)").strip()
    quote, speaker, timestamp = "", "", ""
    for line in (plain(line) for line in rest.split("\n")):
        quoted = QUOTE_LINE.match(line)
        if quoted and not quote:
            quote, speaker, timestamp = plain(quoted["quote"]), quoted["speaker"] or "", quoted["timestamp"] or ""
        elif line and not NOISE.match(line) and not quote:
            quote = line
    return Recommendation(name, maker, inferred, quote, speaker, timestamp, Location(where, number))
