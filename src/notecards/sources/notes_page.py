"""Reader for the plain-text episode page of a podcast notes site: the ``.txt`` shape."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import NotecardsError, NotEpisodeNotes
from ..model import BIG_REVEALS, WORTH_REMEMBERING, Episode, Fact, Guest, Location, Recommendation
from .checks import card_sized
from .format import SourceFormat
from .titles import parse_title, podcast_from_folder

HEADINGS = {
    "the guest": "guest",
    "the guests": "guest",
    "the gist": "gist",
    "big reveals": BIG_REVEALS,
    "things worth remembering": WORTH_REMEMBERING,
    "recommended in this episode": "recommended",
}
NAV_LINE = re.compile(r"^Home\s+(?P<site>.+?)\s*$")
META_LINE = re.compile(r"^(?P<host>.*?)\s*·\s*(?P<date>\d{4}-\d{2}-\d{2})?\s*(?:·\s*(?P<duration>.*?))?\s*$")
BULLET = re.compile(r"^\s*(?:[•◦▪‣●]\s*|[*\-–]\s+)(?P<text>.*)$")
GUEST_PARAGRAPH = re.compile(r"^(?P<name>[^\s—–-][^—–]{0,80}?)\s+[—–-]{1,2}\s+(?P<bio>.+)$")
QUOTE_LINE = re.compile(
    r"^[“\"«„](?P<quote>.*)[”\"»“]\s*(?:[—–-]{1,2}\s*(?P<speaker>.*?)\s*(?P<timestamp>\d{1,2}:\d{2}(?::\d{2})?)?)?\s*$"
)
NOISE = re.compile(
    r"^(find it on amazon|buy on amazon|affiliate link\b.*|books, products and media\b.*)$", re.IGNORECASE
)
RECOMMENDED_MARKER = "RecommendedProduct"


@dataclass(frozen=True, slots=True)
class _Line:
    number: int
    text: str


def _collapse(text: str) -> str:
    return " ".join(text.split())


def read_notes_page(path: Path, text: str) -> tuple[Episode, ...]:
    """Parse a notes page into an ``Episode``; parts that are absent stay empty.

    The navigation line (``Home <Site> Notes``) and the meta line are optional; the title line may be
    any of the shapes ``titles.parse_title`` reads. A text file with neither a navigation line nor any
    of the page's section headings is not a notes page: it is skipped."""
    where = str(path)
    lines = [_Line(i, line.rstrip()) for i, line in enumerate(text.split("\n"), start=1)]
    content = [line for line in lines if line.text.strip()]
    if not content:
        raise NotecardsError("empty file: no episode notes", where, 1)
    nav = NAV_LINE.match(content[0].text.strip())
    head, sections = _split_sections(content[1:] if nav else content)
    if not nav and not sections:
        raise NotEpisodeNotes(
            f"not episode notes: no 'Home <Site> Notes' line and no section such as 'Big reveals' "
            f"(first line {content[0].text.strip()[:40]!r})",
            where,
            content[0].number,
        )
    site = _strip_suffix(nav["site"], " Notes") if nav else ""
    host, date, duration = "", "", ""
    if head and "·" in head[0].text:
        meta = META_LINE.match(head[0].text.strip())
        if meta:
            host, date, duration = meta["host"] or "", meta["date"] or "", meta["duration"] or ""
        head = head[1:]
    if not head:
        raise NotecardsError("not a notes page: no episode title before the first section", where, content[0].number)
    title_line = head[0]
    title = _collapse(title_line.text)
    parts = parse_title(title)
    warnings: list[str] = []
    podcast = parts.podcast or site
    if not podcast:
        podcast = podcast_from_folder(path)
        warnings.append(
            f"{where}:{title_line.number}: warning: the title names no podcast and there is no "
            f"'Home <Site> Notes' line: the podcast is taken from the folder, {podcast!r}"
        )
    summary = next((_collapse(line.text) for line in head[1:] if _collapse(line.text) != title), "")

    guests = tuple(_read_guests(sections.get("guest", []), where))
    if not guests:
        guests = tuple(Guest(name, "", Location(where, title_line.number)) for name in parts.guests)
    gist = " ".join(_collapse(line.text) for line in sections.get("gist", []))
    facts = tuple(
        card_sized(
            [
                fact
                for section in (BIG_REVEALS, WORTH_REMEMBERING)
                for fact in _read_bullets(sections.get(section, []), section, where, warnings)
            ],
            warnings,
        )
    )
    recommendations = tuple(_read_recommendations(sections.get("recommended", []), where))
    return (
        Episode(
            podcast=podcast,
            title=parts.title,
            source=Location(where, content[0].number),
            number=parts.number,
            site=site,
            host=host,
            date=date,
            duration=duration,
            summary=summary,
            guests=guests,
            gist=gist,
            facts=facts,
            recommendations=recommendations,
            warnings=tuple(warnings),
        ),
    )


def _strip_suffix(text: str, suffix: str) -> str:
    return text[: -len(suffix)] if text.endswith(suffix) else text


def _split_sections(lines: list[_Line]) -> tuple[list[_Line], dict[str, list[_Line]]]:
    """Lines before the first heading, and each known section's lines (headings themselves dropped)."""
    head: list[_Line] = []
    sections: dict[str, list[_Line]] = {}
    current: list[_Line] = head
    for line in lines:
        name = HEADINGS.get(_collapse(line.text).lower().rstrip(":").strip())
        if name is not None:
            current = sections.setdefault(name, [])
        else:
            current.append(line)
    return head, sections


def _read_guests(lines: list[_Line], where: str) -> list[Guest]:
    guests = []
    for line in lines:
        text = _collapse(line.text)
        match = GUEST_PARAGRAPH.match(text)
        if match:
            guests.append(Guest(match["name"], match["bio"], Location(where, line.number)))
        elif guests:  # a wrapped bio line belongs to the guest above
            last = guests[-1]
            guests[-1] = Guest(last.name, f"{last.bio} {text}".strip(), last.location)
        else:
            guests.append(Guest(text, "", Location(where, line.number)))
    return guests


def _read_bullets(lines: list[_Line], section: str, where: str, warnings: list[str]) -> list[Fact]:
    facts: list[Fact] = []
    for line in lines:
        bullet = BULLET.match(line.text)
        if bullet:
            facts.append(Fact(section, _collapse(bullet["text"]), Location(where, line.number)))
        elif facts:  # a wrapped bullet continues on the next line
            last = facts[-1]
            facts[-1] = Fact(section, f"{last.text} {_collapse(line.text)}", last.location)
        else:  # an intro line before the first bullet: say so, and read the rest
            warnings.append(
                f"{where}:{line.number}: warning: not a bullet ('• text'), ignored: {_collapse(line.text)[:40]!r}"
            )
    return [fact for fact in facts if fact.text]


def _read_recommendations(lines: list[_Line], where: str) -> list[Recommendation]:
    """``RecommendedProduct`` blocks: name, maker (maybe ``(inferred)``), quote — speaker timestamp."""
    blocks: list[list[_Line]] = []
    for line in lines:
        text = _collapse(line.text)
        if text == RECOMMENDED_MARKER:
            blocks.append([])
        elif blocks and not NOISE.match(text):
            blocks[-1].append(line)
    return [rec for block in blocks if (rec := _read_recommendation(block, where))]


def _read_recommendation(block: list[_Line], where: str) -> Recommendation | None:
    if not block:
        return None
    name_line, rest = block[0], block[1:]
    maker, inferred, quote, speaker, timestamp = "", False, "", "", ""
    for line in rest:
        text = _collapse(line.text)
        quoted = QUOTE_LINE.match(text)
        if quoted and not quote:
            quote = _collapse(quoted["quote"])
            speaker = quoted["speaker"] or ""
            timestamp = quoted["timestamp"] or ""
        elif not maker and not quote:
            inferred = text.endswith("(inferred)")
            maker = _strip_suffix(text, "(inferred)").strip()
    return Recommendation(
        _collapse(name_line.text), maker, inferred, quote, speaker, timestamp, Location(where, name_line.number)
    )


FORMAT = SourceFormat("notes page", (".txt",), read_notes_page)
