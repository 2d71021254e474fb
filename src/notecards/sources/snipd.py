"""Reader for Snipd exports: the Markdown the Snipd Obsidian plugin writes (its default template and
custom ones), the app's Markdown export (one file, or one file of every episode), and the same in a
Logseq outline.

An episode: ``# title``, an ``## Episode metadata`` list (show, host, guests, publish date, AI
description, mentioned books, duration, link), then ``## Snips``: one ``###`` heading per snip (its
title, a start time), the snip's note or AI takeaways (bullets, or ``### ✨ Key takeaways``), a
``💬 Quote`` and a ``📚 Transcript``. Takeaways and notes are facts, with the snip's title as context
and its start as their moment; quotes are quotes; mentioned books are recommendations; the AI
description is the gist; transcripts are skipped. A file of several episodes gives one each.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..model import WORTH_REMEMBERING, Episode, Fact, Guest, Location, Recommendation
from .checks import MAX_FACT_WORDS, card_sized
from .format import SourceFormat
from .front_matter import unwrap
from .logseq import markdown_lines
from .markdown_text import HEADING, MOMENT, SENTENCE, heading_name, moment, outline, paragraphs, plain, with_context
from .properties import Properties, iso_date, loose_front_matter, metadata, names
from .titles import parse_title, podcast_from_folder

MARKERS = re.compile(
    r"share\.snipd\.com|Created with \[Snipd\]|^#{1,3}\s+Episode metadata\s*$|^\s*-\s*#{1,3}\s+Episode metadata"
    r"|^(?:snips_count|show_title|episode_export_date):",
    re.MULTILINE,
)
SNIP_PARTS = {"key takeaways", "takeaways", "quote", "transcript", "summary", "note", "notes", "my note", "my notes"}
SNIP_PARTS |= {"ai notes", "snip note", "snip notes"}
SKIPPED_SECTIONS = {"full episode transcript", "transcript", "show notes"}
NOISE = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:<(?:/?audio|/?iframe|/?details|summary|source|/?blockquote)\b.*|click to expand|---+|"
    r">\s*\[!\w+\][-+]?.*|created with \[snipd\].*|\[?🎧.*|\[[^\]]*\]\([^)]*\))$",
    re.IGNORECASE,
)
SNIP_HEADING = re.compile(
    r"^(?:[⭐★]\ufe0f?\s*)?(?:\[(?P<time>\d{1,2}:\d{2}(?::\d{2})?)\]\s*)?(?P<title>.*?)"
    r"(?:\s*\((?P<after>\d{1,2}:\d{2}(?::\d{2})?)\))?\s*(?P<tags>(?:\[\[[^\]]*\]\]\s*)*)$"
)
ATTRIBUTION = re.compile(r"^[—–-]\s*(?P<speaker>[^\d].*?)\s*(?:(?P<time>\d{1,2}:\d{2}(?::\d{2})?))?$")


def claims(text: str) -> bool:
    return bool(MARKERS.search(text[:20000]))


def read_snipd(path: Path, text: str) -> tuple[Episode, ...]:
    where = str(path)
    properties, lines = markdown_lines(text)
    front, start = loose_front_matter(lines)
    properties = {**front, **properties}
    parts = _episodes(lines, start)
    return tuple(
        _episode(path, where, lines, begin, end, properties if i == 0 else {}) for i, (begin, end) in enumerate(parts)
    )


def _episodes(lines: list[str], start: int) -> list[tuple[int, int]]:
    """Each episode's lines ``[begin, end)``: one per ``Episode metadata`` section, each starting at the
    ``# title`` before it; the whole file when it has one section or none."""
    metadata_at = [i for i in range(start, len(lines)) if _heading(lines[i]) == (2, "episode metadata")]
    if len(metadata_at) < 2:
        return [(start, len(lines))]
    begins = []
    for index, at in enumerate(metadata_at):
        floor = metadata_at[index - 1] + 1 if index else start
        title = next((i for i in range(at - 1, floor - 1, -1) if _heading(lines[i])[0] == 1), at)
        begins.append(title if index else start)
    return [(begin, begins[i + 1] if i + 1 < len(begins) else len(lines)) for i, begin in enumerate(begins)]


def _heading_text(line: str) -> str:
    match = HEADING.match(line)
    return match["text"] if match else ""


def _heading(line: str) -> tuple[int, str]:
    match = HEADING.match(line)
    return (len(match["level"]), heading_name(match["text"])) if match else (0, "")


def _episode(path: Path, where: str, lines: list[str], begin: int, end: int, front: Properties) -> Episode:
    title, title_line = "", begin + 1
    sections: dict[str, list[tuple[int, str]]] = {}
    target = sections.setdefault("intro", [])
    for index in range(begin, end):
        level, name = _heading(lines[index])
        if level == 1 and not title:
            title, title_line = plain(_heading_text(lines[index])), index + 1
            continue
        if level in (1, 2):
            target = sections.setdefault(name, [])
            continue
        target.append((index + 1, lines[index]))
    meta = {**_front(front), **metadata(sections.get("episode metadata", []))}
    warnings: list[str] = []
    title = _value(meta, "episode title") or title or path.stem
    parts = parse_title(title)
    podcast = _value(meta, "show") or parts.podcast
    if not podcast:
        podcast = podcast_from_folder(path)
        warnings.append(
            f"{where}:{title_line}: warning: no 'Show:' line: the podcast is taken from the folder, {podcast!r}"
        )
    snips = sections.get("snips") or [
        line
        for name, part in sections.items()
        if name not in SKIPPED_SECTIONS and name != "episode metadata"
        for line in part
    ]
    facts = card_sized(_snip_facts(where, snips), warnings)
    guests = names(_value(meta, "guests", raw=True)) or list(parts.guests)
    return Episode(
        podcast=podcast,
        title=parts.title,
        source=Location(where, title_line),
        number=parts.number,
        host=_value(meta, "owner / host") or _value(meta, "host") or _value(meta, "show author"),
        date=iso_date(_value(meta, "episode publish date") or _value(meta, "publish date")),
        duration=_value(meta, "duration") or _minutes(_value(meta, "episode duration minutes")),
        summary=_show_notes(sections.get("episode metadata", []) + sections.get("show notes", [])),
        url=_link(_value(meta, "episode url", raw=True) or _value(meta, "episode link", raw=True)),
        guests=tuple(Guest(name, "", Location(where, title_line)) for name in guests),
        gist=_value(meta, "episode ai description"),
        facts=tuple(facts),
        recommendations=_books(where, meta),
        warnings=tuple(warnings),
    )


# front-matter keys (the plugin's properties, a user's own) under the names of the metadata list
FRONT_NAMES = {"show title": "show", "show author": "owner / host", "author": "owner / host", "podcast": "show"}
FRONT_NAMES |= {
    "title": "episode title",
    "snipd": "episode url",
    "url": "episode url",
    "published": "episode publish date",
}


def _front(front: Properties) -> Properties:
    """Front matter under the names of the metadata list (``show_title`` is ``Show``)."""
    return {FRONT_NAMES.get(key, key): value for key, value in front.items() if value[1]}


def _value(meta: Properties, key: str, *, raw: bool = False) -> str:
    if key not in meta:
        return ""
    return meta[key][1] if raw else unwrap(meta[key][1])


def _link(text: str) -> str:
    match = re.search(r"\((https?://[^)\s]+)\)|(https?://\S+)", text)
    return (match[1] or match[2]) if match else ""


def _minutes(text: str) -> str:
    return f"{text}m" if text.isdigit() else ""


def _show_notes(lines: list[tuple[int, str]]) -> str:
    """The first paragraph of the show notes (``> …`` lines inside ``<details>``)."""
    quoted = [(n, re.sub(r"<br\s*/?>\s*>?", "\n", text.lstrip("> "))) for n, text in lines if text.startswith(">")]
    for _, text in paragraphs(quoted):
        words = plain(text.split("\n")[0])
        if words:
            return words
    return ""


def _books(where: str, meta: Properties) -> tuple[Recommendation, ...]:
    """``Mentioned books: [Title](…) by [Author](…), [Title 2](…)`` (or a front-matter list of titles)."""
    if "mentioned books" not in meta:
        return ()
    number, text = meta["mentioned books"]
    books = []
    for part in re.split(r",\s*(?![^\[]*\])", text):
        match = re.match(
            r"^\s*(?P<name>\[[^\]]*\]\([^)]*\)|\[\[[^\]]*\]\]|[^\[]+?)(?:\s+by\s+(?P<maker>.+))?\s*$", part
        )
        if match and plain(unwrap(match["name"])):
            maker = ", ".join(names(match["maker"] or ""))
            books.append(
                Recommendation(plain(unwrap(match["name"])), maker, False, "", "", "", Location(where, number))
            )
    return tuple(books)


def _snip_facts(where: str, lines: list[tuple[int, str]]) -> list[Fact]:
    """Each snip's takeaways, notes and quotes: a snip starts at a ``###`` heading that is not one of a
    snip's own parts (``Key takeaways``, ``Quote``, ``Transcript``…)."""
    facts: list[Fact] = []
    snip: list[tuple[int, str]] = []
    heading = ""
    for number, line in [*lines, (0, "### end")]:
        level, name = _heading(line)
        if level == 3 and name not in SNIP_PARTS:
            if heading or snip:
                facts.extend(_one_snip(where, heading, snip))
            heading, snip = _heading_text(line), []
            continue
        snip.append((number, line))
    return facts


def _one_snip(where: str, heading: str, lines: list[tuple[int, str]]) -> list[Fact]:
    heading = re.sub(r"(?:\s*\[\[[^\]]*\]\])+\s*$", "", heading.replace("⭐", "")).strip()  # its tags
    match = SNIP_HEADING.match(plain(heading))
    title = match["title"].strip() if match else plain(heading)
    start = next((MOMENT.search(line) for _, line in lines if "🎧" in line and MOMENT.search(line)), None)
    said = (match["time"] or match["after"]) if match else None
    timestamp = moment(start["time"]) if start else (moment(said) if said else "")
    context = "" if title.lower() == "untitled" else title
    part = "note"
    parts: dict[str, list[tuple[int, str]]] = {"note": [], "quote": []}
    for number, line in lines:
        level, name = _heading(line)
        if level:
            part = "quote" if "quote" in name else "skip" if name == "transcript" else "note"
            continue
        if part == "skip" or NOISE.match(line) or (line.strip().startswith(">") and part != "quote"):
            continue
        parts.setdefault(part, []).append((number, line))
    facts = [
        Fact(
            WORTH_REMEMBERING, with_context(context, text, MAX_FACT_WORDS), Location(where, number), timestamp=timestamp
        )
        for number, text in _notes(parts["note"])
        if plain(text).strip("* ").lower() != title.lower()
    ]
    return facts + _quotes(where, parts["quote"], timestamp)


def _notes(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Bullets (nested ones with their parent's words), else paragraphs, each long one by sentence."""
    found = []
    for item in outline(lines):
        for child in (item, *item.children):
            text = plain(child.text.replace("\n", " "))
            if text and not re.fullmatch(r"\*\*.*\*\*", child.text.strip()):
                found.append((child.line, text))
    if found:
        return found
    for number, text in paragraphs(lines):
        if re.fullmatch(r"\s*(?:\*\*|__).+(?:\*\*|__)\s*", text):
            continue  # the snip's title, set bold above its takeaways
        words = plain(text.replace("\n", " "))
        pieces = SENTENCE.split(words) if len(words.split()) > MAX_FACT_WORDS else [words]
        found.extend((number, piece) for piece in pieces if piece)
    return found


def _quotes(where: str, lines: list[tuple[int, str]], timestamp: str) -> list[Fact]:
    """``> quote`` lines with a ``> — Speaker`` line: one quote."""
    quote: list[str] = []
    speaker, first = "", 0
    for number, line in lines:
        text = plain(re.sub(r"^\s*(?:[-*+]\s+)?(?:>\s?)*", "", line).strip())
        attribution = ATTRIBUTION.match(text)
        if attribution and quote:
            speaker = attribution["speaker"].strip()
        elif text:
            quote.append(text.strip('“”"'))
            first = first or number
    if not quote:
        return []
    return [Fact(WORTH_REMEMBERING, " ".join(quote), Location(where, first), speaker=speaker, timestamp=timestamp)]


SNIPD = SourceFormat("Snipd export", (".md", ".markdown"), read_snipd, claims)
