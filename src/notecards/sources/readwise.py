"""Reader for Readwise exports of podcast highlights: the Obsidian export (``# Title``, a ``Metadata``
list of Author, Full Title, Category, URL, then ``Highlights`` bullets) and the Logseq export (page
properties ``author::``, ``full-title::``, ``category::``, ``url::``, then a block of highlights).

Each highlight is a fact, at its moment (``([Time 0:11:42](…))``); the reader's own note under it
is a fact too. Highlights that came from Snipd carry the snip's title, then ``Key takeaways:`` (each
a fact, with the title as context) or ``Summary:`` (its sentences), then ``Transcript:`` (skipped);
``Episode AI notes`` are a numbered list of facts. The podcast is the Author; where the highlights
came through a summary page (an article whose author is a website), it comes from the title.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import NotEpisodeNotes
from ..model import WORTH_REMEMBERING, Episode, Fact, Guest, Location
from .checks import MAX_FACT_WORDS, card_sized
from .format import SourceFormat
from .front_matter import unwrap
from .logseq import markdown_lines
from .markdown_text import HEADING, SENTENCE, Item, heading_name, moment, outline, plain, with_context
from .properties import Properties, iso_date, key_of, loose_front_matter, metadata
from .titles import parse_title, podcast_from_folder

MARKERS = re.compile(
    r"^\s*(?:[-*]\s+)?(?:\*\*)?Full Title(?:\*\*)?::?\s|^full-title::|Highlights first synced by \[\[Readwise\]\]"
    r"|!\[rw-book-cover\]|read\.readwise\.io|readwise\.io/bookreview",
    re.MULTILINE | re.IGNORECASE,
)
LOCATION = re.compile(
    r"\s*\(\[(?P<kind>Time|Location|Page|View Highlight|View Tweet)\s*(?P<where>[\d:]*)\]\([^)]*\)\)\s*$"
    r"|\s*\((?P<plain_kind>Time|Location|Page)\s+(?P<plain_where>[\d:]+)\)\s*$",
    re.IGNORECASE,
)
SNIP_LABELS = {"key takeaways": "takeaways", "summary": "summary", "transcript": "transcript"}
NOTE = re.compile(r"^(?:\*\*|__)?(?:Note|\[note\])(?:\*\*|__)?\s*:?(?:\*\*|__)?\s*(?P<text>.*)$", re.IGNORECASE)
TAGS = re.compile(r"^(?:\*\*|__)?Tags(?:\*\*|__)?\s*:", re.IGNORECASE)
MARK = "\x00"  # a sub-heading inside a highlights section
WEBSITE = re.compile(r"^[\w-]+(?:\.[\w-]+)+$")  # ``podnotes.example``, ``MLOps.community``: a site


def claims(text: str) -> bool:
    return bool(MARKERS.search(text[:20000]))


def read_readwise(path: Path, text: str) -> tuple[Episode, ...]:
    where = str(path)
    properties, lines = markdown_lines(text)
    front, start = loose_front_matter(lines)
    title, title_line, level = "", 1, 0
    groups: list[list[tuple[int, str]]] = []
    meta_lines: list[tuple[int, str]] = []
    current: list[tuple[int, str]] | None = None
    for index in range(start, len(lines)):
        heading = HEADING.match(lines[index])
        if heading and len(heading["level"]) == 1 and not title:
            title, title_line = plain(heading["text"]), index + 1
        elif heading and current is not None and len(heading["level"]) > level:
            current.append((index + 1, f"{MARK}{heading['text']}"))  # ``### Time 0:07:22``: one highlight
        elif heading:
            name, level = heading_name(heading["text"]), len(heading["level"])
            current = [] if name.startswith(("highlights", "new highlights")) else None
            if current is not None:
                groups.append(current)
        elif current is not None:
            current.append((index + 1, lines[index]))
        else:
            meta_lines.append((index + 1, lines[index]))
    meta = {**{key_of(k): v for k, v in properties.items()}, **front, **metadata(meta_lines)}
    highlights = [item for group in groups for item in _group_items(group)]
    if not groups:  # Logseq: the highlights are the children of "Highlights first synced by …" blocks
        highlights = [child for item in outline(meta_lines) if _is_sync_block(item.text) for child in item.children]
    return (_episode(path, where, meta, title, title_line, highlights),)


def _group_items(lines: list[tuple[int, str]]) -> list[Item]:
    """A group's highlights: bullets (the default template), or ``> `` quoted paragraphs, each under a
    ``### Time 0:07:22`` heading whose moment it takes (templates of people's own)."""
    items: list[Item] = []
    moment_there = ""
    quoted: list[tuple[int, str]] = []
    for number, text in [*lines, (0, MARK)]:
        if text.startswith(MARK) or not text.startswith(">"):
            if quoted:
                joined = "\n".join(line for _, line in quoted)
                items.append(Item(quoted[0][0], 0, f"{joined} ([{moment_there}](x))" if moment_there else joined))
                quoted = []
            if text.startswith(MARK):
                said = re.search(r"\bTime\s+(\d{1,2}:\d{2}(?::\d{2})?)", text)
                moment_there = f"Time {said[1]}" if said else ""
            continue
        quoted.append((number, re.sub(r"^>\s?", "", text)))
    bullets = outline([(number, text) for number, text in lines if not text.startswith((MARK, ">"))])
    for bullet in [b for b in bullets if items and (NOTE.match(plain(b.text)) or TAGS.match(plain(b.text)))]:
        before = [i for i, item in enumerate(items) if item.line < bullet.line]
        if before:  # ``> highlight`` then ``- Note: …`` at the same level: the note is the highlight's
            owner = items[before[-1]]
            items[before[-1]] = Item(owner.line, owner.depth, owner.text, (*owner.children, bullet))
            bullets.remove(bullet)
    return bullets + items


def _is_sync_block(text: str) -> bool:
    return bool(re.match(r"^(?:Highlights first synced by|New highlights added)\b", plain(text), re.IGNORECASE))


def _episode(path: Path, where: str, meta: Properties, heading: str, line: int, items: list[Item]) -> Episode:
    warnings: list[str] = []
    title = _text(meta, "full title") or _text(meta, "title").removesuffix(" (highlights)") or heading or path.stem
    title = title.replace("\\#", "#")
    parts = parse_title(title)
    author, category = _text(meta, "author"), _text(meta, "category").lstrip("#").lower()
    if category and "podcast" not in category and not parts.podcast:
        raise NotEpisodeNotes(f"not episode notes: Readwise highlights of {category}, not of a podcast", where, line)
    via_a_page = "podcast" not in category or bool(WEBSITE.match(author))
    podcast = (parts.podcast or author) if via_a_page else (author or parts.podcast)
    if not podcast:
        podcast = podcast_from_folder(path)
        warnings.append(f"{where}:{line}: warning: no Author: the podcast is taken from the folder, {podcast!r}")
    facts = card_sized([fact for item in items for fact in _highlight(where, item)], warnings)
    url = _text(meta, "url", raw=True)
    return Episode(
        podcast=podcast,
        title=parts.title,
        source=Location(where, line),
        number=parts.number,
        date=iso_date(_text(meta, "published date") or _text(meta, "published")),
        url=(re.search(r"https?://[^)\s]+", url) or [""])[0],
        gist="" if _text(meta, "summary") in ("", "None") else _text(meta, "summary"),
        guests=tuple(Guest(name, "", Location(where, line)) for name in parts.guests),
        facts=tuple(facts),
        warnings=tuple(warnings),
    )


def _text(meta: Properties, key: str, *, raw: bool = False) -> str:
    if key not in meta:
        return ""
    value = meta[key][1].strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1]
    return value if raw else unwrap(value)


def _highlight(where: str, item: Item) -> list[Fact]:
    """One highlight: its facts (and the reader's note), at its moment."""
    notes: list[tuple[int, str]] = []
    others: list[Item] = []
    for child in _descendants(item):
        note = NOTE.match(plain(child.text))
        if note and note["text"]:
            notes.append((child.line, note["text"]))
        elif not TAGS.match(plain(child.text)):
            others.append(child)
    text, timestamp = _without_location(item.text)
    for index, child in enumerate(others):
        rest, moment_there = _without_location(child.text)
        others[index] = Item(child.line, child.depth, rest)
        timestamp = timestamp or moment_there
    location = Location(where, item.line)
    facts, context = _snip_parts(text, others, location, timestamp)
    if facts is None:  # an ordinary highlight: the words as highlighted
        words = plain(" ".join(line.strip() for line in text.split("\n")))
        facts = [Fact(WORTH_REMEMBERING, words, location, timestamp=timestamp)] if words else []
    for number, written in notes:
        facts.append(
            Fact(
                WORTH_REMEMBERING,
                with_context(context, plain(written.replace("\n", " ")), MAX_FACT_WORDS),
                Location(where, number),
                timestamp=timestamp,
            )
        )
    return facts


def _descendants(item: Item) -> list[Item]:
    found = []
    for child in item.children:
        found.append(child)
        found.extend(_descendants(child))
    return found


def _without_location(text: str) -> tuple[str, str]:
    """A highlight's text without its ``([Time 0:11:42](…))``, and that moment."""
    located = LOCATION.search(text)
    if not located:
        return text, ""
    kind = (located["kind"] or located["plain_kind"] or "").lower()
    spot = located["where"] or located["plain_where"] or ""
    said = moment(spot) if kind == "time" and spot else ""
    return text[: located.start()], "" if said == "00:00:00" else said  # 0:00:00: the episode's AI notes


def _snip_parts(text: str, children: list[Item], location: Location, timestamp: str) -> tuple[list[Fact] | None, str]:
    """A highlight Snipd made: its title, then ``Key takeaways:``/``Summary:``/``Transcript:`` parts, or
    ``Episode AI notes`` and a numbered list. None for an ordinary highlight."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    labels = {
        index: SNIP_LABELS[key]
        for index, line in enumerate(lines)
        if (key := line.lower().rstrip(":")) in SNIP_LABELS and line.endswith(":")
    }
    ai_notes = bool(lines) and lines[0].lower().rstrip(":") == "episode ai notes"
    if not labels and not ai_notes:
        return None, ""
    title = "" if ai_notes else plain(lines[0]) if 0 not in labels else ""
    found: list[tuple[int, str]] = []
    part = "title"
    for index, line in enumerate(lines[1:], start=1):
        part = labels.get(index, part)
        if index in labels or part == "transcript":
            continue
        if ai_notes or part == "takeaways":
            item = re.sub(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+", "", line)
            found.append((location.line, plain(item)))
        elif part == "summary":
            found.extend((location.line, sentence) for sentence in SENTENCE.split(plain(line)))
    for child in children:  # takeaways or numbered notes written as nested bullets
        found.append((child.line, plain(child.text.replace("\n", " "))))
    facts = [
        Fact(
            WORTH_REMEMBERING,
            with_context(title, words, MAX_FACT_WORDS),
            Location(location.path, line),
            timestamp=timestamp,
        )
        for line, words in found
        if words
    ]
    return facts, title


READWISE = SourceFormat("Readwise export", (".md", ".markdown"), read_readwise, claims)
