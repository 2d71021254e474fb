"""Reader for Markdown notes (``.md``), as people keep them in Obsidian, a static site or notecards'
own shape: front matter (optional), a ``# title``, and sections by heading — takeaways (``Big
reveals``, ``Key takeaways``, ``Highlights``, ``Notes``…), the guest, the gist, recommendations,
quotes. Bullets may nest (a child keeps its parent's words as context) and may start with a moment
in the episode (``- [12:34](…) note``, as PodNotes writes them). Inline Markdown becomes plain text;
raw HTML stays literal text, escaped later by ``render`` like everything else.

A note with neither an episode (podcast, guests, an episode number…) nor a takeaways section — a
README, a daily note — is not notes: ``NotEpisodeNotes``.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import NotecardsError, NotEpisodeNotes
from ..model import BIG_REVEALS, WORTH_REMEMBERING, Episode, Fact, Guest, Location
from .canonical import FORMAT_VERSION, merge_guests, read_guest_nodes
from .checks import MAX_FACT_WORDS, card_sized, check_deck_name
from .format import SourceFormat
from .front_matter import FrontMatter, read_front_matter, unwrap
from .logseq import as_markdown, looks_like_logseq
from .markdown_body import GENERIC_TAKEAWAYS, LABELLED, METADATA_LINE, SECTIONS, Body, topics
from .markdown_text import (
    Item,
    leading_moment,
    outline,
    paragraphs,
    plain,
    trailing_moment,
    with_context,
)
from .notes_page import GUEST_PARAGRAPH, QUOTE_LINE
from .properties import iso_date
from .recommendations import read_recommendation
from .titles import parse_title, podcast_from_folder

# heading (as ``heading_name`` gives it) → what its lines are
KIND_LINE = re.compile(r"^\s*(?:[-*]\s+)?(?:type|tags|category|kind)::?\s*.*podcast", re.IGNORECASE)
LABEL_WORDS = 5  # a parent bullet this short, or ending in ':', is a label for its children, not a fact
CONTEXT_WORDS = 12  # a parent longer than this is not repeated in front of its children


def read_markdown(path: Path, text: str) -> tuple[Episode, ...]:
    where = str(path)
    lines = text.split("\n")
    if not any(line.strip() for line in lines):
        raise NotecardsError("empty file: no episode notes", where, 1)
    logseq = looks_like_logseq(text)
    if logseq:  # a Logseq page of one's own notes: its outline read as Markdown
        lines = as_markdown(text, keep_properties=True)[1].split("\n")
    front = read_front_matter(where, lines)
    if front.doc is not None and "notecards" in front.doc and front.doc.number("notecards") != FORMAT_VERSION:
        raise front.doc.error(f"'notecards' is the format version and must be {FORMAT_VERSION}", "notecards")
    body = Body(where, lines, front.body_start)
    _check_is_notes(where, front, body)
    return (_episode(path, front, body, named_by_file=logseq),)


def _check_is_notes(where: str, front: FrontMatter, body: Body) -> None:
    """Notes name an episode (a podcast, guests, a number… in front matter or as ``Podcast:`` lines)
    or have a section of takeaways; a README or a daily note has neither."""
    about_an_episode = (
        bool(front.given & {"podcast", "episode", "guests", "host", "notecards", "gist"})
        or bool(body.metadata.keys() & {"podcast", "guests", "episode"})
        or "podcast" in front.other.lower()  # type: podcastEpisode, category: podcasts, tags: [podcast]
        or any(KIND_LINE.match(line) for _, line in body.intro)  # type:: podcast, as Logseq and Dataview write it
    )
    takeaways = body.headings - GENERIC_TAKEAWAYS - {"the guest", "the guests", "guest", "guests"}
    takeaways = {name for name in takeaways if SECTIONS[name] in (BIG_REVEALS, WORTH_REMEMBERING, "quotes")}
    if not about_an_episode and not takeaways and not body.moments:
        raise NotEpisodeNotes("not episode notes: no podcast or episode details and no takeaways section", where, 1)


def _episode(path: Path, front: FrontMatter, body: Body, *, named_by_file: bool = False) -> Episode:
    where = str(path)
    warnings = [*front.warnings, *body.warnings]
    title = front.text("title") or body.title
    if not title:
        title = path.stem
        if not named_by_file:  # a Logseq page is named by its file
            warnings.append(
                f"{where}:1: warning: no title in front matter and no '# heading': the file name is the title"
            )
    parts = parse_title(title)
    podcast = front.text("podcast") or _meta(body, "podcast") or parts.podcast
    if not podcast:
        podcast = podcast_from_folder(path)
        why = "no front matter" if front.doc is None else "no 'podcast:' in front matter"
        warnings.append(f"{where}:1: warning: {why}: the podcast is taken from the folder, {podcast!r}")
    number = front.number()
    if number is None and _meta(body, "episode").isdigit():
        number = int(_meta(body, "episode"))
    if parts.number is not None:  # ``#12: Topic``: the number said once, in the deck's ``#12``
        title, number = parts.title, parts.number if number is None else number
    facts = _facts(where, body, warnings)
    guests = _guests(where, front, body, parts.guests)
    deck = front.text("deck")
    if deck and front.doc is not None:
        check_deck_name(deck, where, front.doc.line("deck"))
    return Episode(
        podcast=podcast,
        title=title,
        source=Location(where, 1),
        number=number,
        site=front.text("site"),
        host=front.text("host") or _meta(body, "host"),
        date=front.date() or _meta_date(body),
        duration=front.text("duration") or _meta(body, "duration"),
        summary=front.text("summary") or _summary(body.intro),
        url=front.text("url") or _meta(body, "url"),
        guests=guests,
        gist=front.text("gist") or _gist(body),
        facts=tuple(card_sized(facts, warnings)),
        recommendations=tuple(
            rec
            for item in outline(body.lines("recommended"))
            if (rec := read_recommendation(where, item.line, item.text))
        ),
        deck=deck,
        tags=front.tags(warnings),
        warnings=tuple(warnings),
    )


def _meta(body: Body, key: str) -> str:
    return unwrap(body.metadata[key][1]) if key in body.metadata else ""


def _meta_date(body: Body) -> str:
    return iso_date(body.metadata["date"][1]) if "date" in body.metadata else ""


def _summary(intro: list[tuple[int, str]]) -> str:
    """The first paragraph before any section that has words of its own (not an image, a lone link,
    a ``Podcast:`` line or a bullet)."""
    for _, text in paragraphs(intro):
        if all(METADATA_LINE.match(line) or LABELLED.match(line) for line in text.split("\n")):
            continue  # **Podcast:** …, **Status:** …: the note's own metadata
        if re.match(r"^\s*(?:[-*+]|\d+[.)])\s", text):
            continue
        if re.fullmatch(r"\s*(?:!?\[[^\]]*\]\([^)]*\)\s*)+", text):
            continue
        words = plain(text)
        if words:
            return words
    return ""


def _gist(body: Body) -> str:
    """The gist section's paragraphs; else a Summary written as paragraphs, not bullets."""
    gist = " ".join(plain(text) for _, text in paragraphs(body.lines("gist")))
    summary = [lines for name, _, lines in body.parts if name == "summary"]
    if not gist and summary and not outline(summary[0]):
        gist = " ".join(plain(text) for _, text in paragraphs(summary[0]))
    return gist


def _guests(where: str, front: FrontMatter, body: Body, from_title: tuple[str, ...]) -> tuple[Guest, ...]:
    section = tuple(_guest(where, item.line, item.text) for item in _items(body.lines("guest")))
    if front.doc is not None and "guests" in front.doc:
        named = tuple(
            Guest(unwrap(guest.name), guest.bio, guest.location)
            for guest in read_guest_nodes(front.doc, "guests", one_alone=True)
        )
        return merge_guests(named, section) if named else section
    if section:
        return section
    if "guests" in body.metadata:
        number, value = body.metadata["guests"]
        one = GUEST_PARAGRAPH.match(plain(value))
        if one:  # ``Guest: Dr. Tomas Silva — neuroscientist``
            return (Guest(one["name"], one["bio"], Location(where, number)),)
        names = [unwrap(name) for name in re.split(r"\s*(?:,|&|;|\band\b)\s*", value) if name.strip()]
        return tuple(Guest(name, "", Location(where, number)) for name in names if name)
    return tuple(Guest(name, "", Location(where, body.title_line or 1)) for name in from_title)


def _items(lines: list[tuple[int, str]]) -> list[Item]:
    """A section written either as bullets or as paragraphs."""
    if any(re.match(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s", text) for _, text in lines):
        return outline(lines)
    return [Item(number, 0, text) for number, text in paragraphs(lines)]


def _guest(where: str, number: int, text: str) -> Guest:
    text = plain(text)
    match = GUEST_PARAGRAPH.match(text)
    if match:
        return Guest(match["name"], match["bio"], Location(where, number))
    return Guest(text, "", Location(where, number))


def _facts(where: str, body: Body, warnings: list[str]) -> list[Fact]:
    facts: list[Fact] = []
    for section in (BIG_REVEALS, WORTH_REMEMBERING):
        lines = body.lines(section, but="summary")
        if section == WORTH_REMEMBERING:
            facts.extend(_item_facts(where, section, body.moments, ""))
            lines += [line for name, _, part in body.parts if name == "summary" and outline(part) for line in part]
        for topic, group in topics(lines):
            stray: list[tuple[int, str]] = []
            facts.extend(_item_facts(where, section, outline(group, stray), topic))
            warnings.extend(
                f"{where}:{number}: warning: not a '- ' bullet, ignored: {text.strip()[:40]!r}"
                for number, text in stray
            )
    facts.extend(_quotes(where, body.lines("quotes")))
    return facts


def _item_facts(where: str, section: str, items: list[Item] | tuple[Item, ...], context: str) -> list[Fact]:
    """Each bullet a fact; a short or colon-ended parent is only a label: its words go in front of its
    children's (``Sleep stages: REM sleep …``)."""
    facts: list[Fact] = []
    for item in items:
        timestamp, text = leading_moment(item.text)
        if not timestamp:
            timestamp, text = trailing_moment(text)
        words = plain(text)
        if METADATA_LINE.match(text) and not item.children:
            continue  # ``- Guest: Dr. Tomas Silva`` in a Notes section says who, it is no takeaway
        label = bool(item.children) and (words.endswith(":") or len(words.split()) <= LABEL_WORDS)
        if words and not label:
            facts.append(
                Fact(
                    section,
                    with_context(context, words, MAX_FACT_WORDS),
                    Location(where, item.line),
                    timestamp=timestamp,
                )
            )
        if item.children:
            inner = words if len(words.split()) <= CONTEXT_WORDS else ""
            facts.extend(_item_facts(where, section, item.children, inner or context))
    return facts


def _quotes(where: str, lines: list[tuple[int, str]]) -> list[Fact]:
    """``> “…” — Speaker 00:12:34`` or ``- "…" - Speaker``: a quote, said by someone at a moment."""
    facts = []
    for item in _items([(number, re.sub(r"^\s*>\s?", "", text)) for number, text in lines]):
        text = plain(item.text.replace("\n", " "))
        quoted = QUOTE_LINE.match(text)
        if quoted:
            facts.append(
                Fact(
                    WORTH_REMEMBERING,
                    plain(quoted["quote"]),
                    Location(where, item.line),
                    speaker=quoted["speaker"] or "",
                    timestamp=quoted["timestamp"] or "",
                )
            )
        elif text:
            facts.append(Fact(WORTH_REMEMBERING, text, Location(where, item.line)))
    return facts


MARKDOWN = SourceFormat("Markdown notes", (".md", ".markdown"), read_markdown)
