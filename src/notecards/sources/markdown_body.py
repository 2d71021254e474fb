"""The sections of a Markdown note: which headings notecards reads and as what, and the note's body split
into them (each section's lines with their numbers), with its ``Podcast: …`` lines and the bullets
taken while listening (``- [12:34](…) note``)."""

from __future__ import annotations

import difflib
import re

from ..model import BIG_REVEALS, WORTH_REMEMBERING
from .markdown_text import HEADING, heading_name, leading_moment, outline, plain

SECTIONS = {
    **dict.fromkeys(["the guest", "the guests", "guest", "guests", "about the guest", "about the guests"], "guest"),
    **dict.fromkeys(["the gist", "gist", "tl;dr", "tldr", "in short", "overview"], "gist"),
    **dict.fromkeys(["big reveals", "big ideas", "key insights", "key ideas"], BIG_REVEALS),
    **dict.fromkeys(
        [
            "things worth remembering",
            "worth remembering",
            "key takeaways",
            "takeaways",
            "main takeaways",
            "key points",
            "main points",
            "key lessons",
            "lessons",
            "lessons learned",
            "key claims",
            "insights",
            "learnings",
            "highlights",
            "notes",
            "my notes",
            "episode notes",
            "summary",
        ],
        WORTH_REMEMBERING,
    ),
    **dict.fromkeys(["quotes", "key quotes", "favorite quotes", "favourite quotes", "notable quotes"], "quotes"),
    **dict.fromkeys(
        [
            "recommended",
            "recommended in this episode",
            "recommendations",
            "books",
            "books mentioned",
            "mentioned books",
            "resources",
            "resources mentioned",
            "references",
        ],
        "recommended",
    ),
    **dict.fromkeys(["metadata", "episode metadata", "episode info", "details", "info"], "metadata"),
}
# headings that name takeaways only in a note that is clearly about an episode (a daily note has Notes)
GENERIC_TAKEAWAYS = {"notes", "my notes", "summary", "highlights"}
QUIET = {"transcript", "full episode transcript", "show notes", "description", "related", "links", "see also"}
QUIET |= {"thoughts", "my thoughts", "questions", "action items", "todo", "tags", "backlinks", "snips"}
METADATA_LINE = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:\*\*|__)?(?P<key>podcast|show|guests?|hosts?|date|published|episode|ep|url|link|duration)"
    r"(?:\*\*|__)?\s*::?\s*(?:\*\*|__)?\s*(?P<value>\S.*)$",
    re.IGNORECASE,
)
LABELLED = re.compile(r"^\s*(?:(?:\*\*|__)[^*_\n]{1,30}?:?(?:\*\*|__)\s*:?|[A-Za-z][\w ]{0,30}::)\s")
METADATA_KEYS = {"show": "podcast", "guest": "guests", "hosts": "host", "published": "date", "ep": "episode"}
METADATA_KEYS |= {"link": "url"}
TAKEAWAYS = {BIG_REVEALS, WORTH_REMEMBERING, "quotes"}
TOPIC = "\x00"  # marks a sub-heading inside a takeaways section: its words are its bullets' context


class Body:
    """The sections under the front matter: each read heading's kind and lines, in order."""

    def __init__(self, where: str, lines: list[str], start: int) -> None:
        self.where, self.title, self.title_line = where, "", 0
        self.parts: list[tuple[str, str, list[tuple[int, str]]]] = []  # (heading name, kind, lines)
        self.warnings: list[str] = []
        self.intro: list[tuple[int, str]] = []
        target, kind, level = self.intro, "", 0
        for index in range(start, len(lines)):
            number, line = index + 1, lines[index]
            heading = HEADING.match(line)
            if heading and len(heading["level"]) == 1 and not self.title and target is self.intro:
                self.title, self.title_line = plain(heading["text"]), number
                continue
            if heading:
                name = heading_name(heading["text"])
                if name not in SECTIONS and kind in TAKEAWAYS and len(heading["level"]) > level:
                    target.append((number, TOPIC + plain(heading["text"])))  # a topic inside the takeaways
                    continue
                target, kind, level = [], SECTIONS.get(name, ""), len(heading["level"])
                if name in SECTIONS:
                    self.parts.append((name, SECTIONS[name], target))
                elif name and name not in QUIET:
                    self.warnings.append(self._unknown(number, name, heading["text"]))
                continue
            target.append((number, line))
        self.headings = {name for name, _, _ in self.parts}
        every = [line for _, kind, lines in self.parts if kind in TAKEAWAYS for line in lines]
        self.metadata = note_metadata([*self.intro, *self.lines("metadata"), *every])
        self.moments = [item for item in outline(self.intro) if leading_moment(item.text)[0]]

    def lines(self, kind: str, *, but: str = "") -> list[tuple[int, str]]:
        """The lines of every section of one kind (except those headed ``but``), in order."""
        return [line for name, each, lines in self.parts if each == kind and name != but for line in lines]

    def _unknown(self, number: int, name: str, text: str) -> str:
        close = difflib.get_close_matches(name, SECTIONS, n=1, cutoff=0.75)
        hint = f" (did you mean '## {close[0].capitalize()}'?)" if close else ""
        return (
            f"{self.where}:{number}: warning: section '{text[:40]}' is not one notecards reads{hint}; "
            "its lines are ignored"
        )


def note_metadata(lines: list[tuple[int, str]]) -> dict[str, tuple[int, str]]:
    """``Podcast: [[X]]``, ``**Guest:** Y``, ``- Date:: Z`` lines: the first of each key."""
    found: dict[str, tuple[int, str]] = {}
    for number, line in lines:
        match = METADATA_LINE.match(line)
        if match:
            key = match["key"].lower()
            key = METADATA_KEYS.get(key, "guests" if key == "guests" else key)
            found.setdefault(key, (number, match["value"].strip()))
    return found


def topics(lines: list[tuple[int, str]]) -> list[tuple[str, list[tuple[int, str]]]]:
    """A section's lines split at its sub-headings: ``(topic, lines)``, the first topic ""."""
    groups: list[tuple[str, list[tuple[int, str]]]] = [("", [])]
    for number, text in lines:
        if text.startswith(TOPIC):
            groups.append((text[len(TOPIC) :], []))
        else:
            groups[-1][1].append((number, text))
    return [group for group in groups if group[1]]
