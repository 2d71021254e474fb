"""Episode titles as people write them, and where the podcast's name comes from when they don't say.

A title may carry the podcast (``Topic | Podcast #35``, ``Topic // Podcast #79``), a number
(``#12: Topic``, ``Ep. 7 – Topic``, ``Episode 20 — Topic``, ``Topic - #619``) and its guests
(``Maya Okafor & Leo Brandt - Topic``). Every character of a title is text: nothing here is a path.
The podcast comes from the title, else from what the format says (a site line, a ``Show:`` line),
else from the folder the file is in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# ``Topic | Podcast #35``: the shape of the notes site's pages (the title is kept whole, as it always was);
# ``Topic // Guest // Podcast #79`` (the title is what comes before the podcast).
NUMBERED = r"(?:\s+(?:#|Ep\.?\s*|Episode\s+)(?P<number>\d{1,6}))?\s*$"
PODCAST_SUFFIXES = (
    re.compile(r"^(?P<topic>.+?)\s+\|\s+(?P<podcast>.+?)" + NUMBERED),
    re.compile(r"^(?P<topic>.+)\s+//\s+(?P<podcast>(?:(?!\s//\s).)+?)" + NUMBERED),
)
# ``#12: Topic``, ``Ep. 7 – Topic``, ``Episode 20 — Topic``, ``E12 - Topic``, ``144 — Topic``, ``579: Topic``.
NUMBER_PREFIX = re.compile(
    r"^(?:(?:#|Ep\.?\s*|Episode\s+|E)(?P<marked>\d{1,6})|(?P<bare>\d{1,5}))\s*(?:[:.]|\s[-–—])\s*(?P<rest>\S.*)$",
    re.IGNORECASE,
)
# ``Topic - #619``, ``Topic (#619)``, ``Topic #619``.
NUMBER_SUFFIX = re.compile(r"^(?P<rest>.+?)\s*(?:[-–—|]\s*)?\(?#(?P<number>\d{1,6})\)?\s*$")
# ``Guest: Topic``, ``Guest - Topic``, ``Guest — Topic``.
GUEST_PREFIX = re.compile(r"^(?P<guests>[^:|]{3,120}?)(?::\s+|\s+[-–—]{1,2}\s+)(?P<topic>\S.*)$")
GUEST_JOINERS = re.compile(r"\s*(?:&|,|\band\b|\bwith\b|\+)\s*")
NAME_PARTICLES = {"van", "von", "de", "da", "del", "der", "di", "du", "la", "le", "bin", "al", "ibn", "st."}
YEARS = range(1900, 2101)
COMMON_WORD = 4.4  # wordfreq zipf: a name has at least one word rarer than this ("Okafor" 2.6, "Gates" 4.3)


@dataclass(frozen=True, slots=True)
class TitleParts:
    """What a title line says: the title as the episode keeps it, and what it names."""

    title: str
    podcast: str = ""
    number: int | None = None
    guests: tuple[str, ...] = ()


def collapse(text: str) -> str:
    return " ".join(text.split())


def parse_title(text: str) -> TitleParts:
    """Read a title line: podcast, number and guests where it gives them, the rest as the title."""
    title = collapse(text)
    number: int | None = None
    prefix = NUMBER_PREFIX.match(title)
    if prefix and not (prefix["bare"] and int(prefix["bare"]) in YEARS):
        number, title = int(prefix["marked"] or prefix["bare"]), prefix["rest"]
    podcast = ""
    suffix = next((match for pattern in PODCAST_SUFFIXES if (match := pattern.match(title))), None)
    numbered = re.fullmatch(r"(?:#|E|Ep\.?\s*|Episode\s+)(\d{1,6})", suffix["podcast"].strip()) if suffix else None
    if suffix and numbered and number is None:  # ``Topic | E92``: the number, not a podcast
        number, title, suffix = int(numbered[1]), suffix["topic"], None
    if suffix and not suffix["podcast"].lstrip().startswith("#"):
        podcast = suffix["podcast"].strip()
        if suffix["number"] and number is None:
            number = int(suffix["number"])
        topic = suffix["topic"]
        if " | " not in title:
            title = topic
    else:
        trailing = NUMBER_SUFFIX.match(title)
        if trailing and number is None and not re.search(r"\w#\d", title):
            number, title = int(trailing["number"]), trailing["rest"].rstrip(" -–—|(")
        topic = title
    return TitleParts(title, podcast, number, title_guests(topic))


def title_guests(topic: str) -> tuple[str, ...]:
    """The guests a ``Guest: Topic`` or ``Guest & Guest - Topic`` title names, when what comes before
    the separator reads as people's names; none otherwise (``Deep Learning - A Primer`` names nobody)."""
    match = GUEST_PREFIX.match(topic)
    if not match:
        return ()
    names = [name.strip() for name in GUEST_JOINERS.split(match["guests"]) if name.strip()]
    if not 1 <= len(names) <= 4 or not all(_reads_as_a_name(name) for name in names):
        return ()
    return tuple(names)


def _reads_as_a_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 4 or any(any(char.isdigit() for char in word) for word in words):
        return False
    named = [word for word in words if word.lower() not in NAME_PARTICLES]
    if not named or not all(word[0].isupper() or not word[0].isalpha() for word in named):
        return False
    if not all(re.fullmatch(r"[\w.'’-]+", word) for word in named):
        return False
    return any(_word_frequency(word.strip(".'’-").lower()) < COMMON_WORD for word in named)


@lru_cache(maxsize=4096)
def _word_frequency(word: str) -> float:
    """How common a word is in English (wordfreq's zipf scale); its word list loads on first use."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def podcast_from_folder(path: Path) -> str:
    """The folder's name as a podcast's name: ``memory-lane`` and ``memory_lane`` read ``Memory Lane``;
    a name with spaces or capitals is kept as written."""
    name = path.resolve().parent.name
    if " " in name or name != name.lower():
        return collapse(name)
    return collapse(name.replace("_", " ").replace("-", " ")).title()
