"""Recommendation cards: only what a learner can answer and wants to keep.

A recommendation is a product name, its maker (often only the publisher), a quote and a timestamp.
Asking for the product from the speaker's praise ("What did X describe as “one of my favourite
books”?") or its timestamp was judged not worth keeping, so the one card made is "Who wrote <book>?"
when the quote names the author.
"""

from __future__ import annotations

import re

from ..model import Card, Episode, Recommendation
from .lexicon import zipf
from .qa_rules import is_clean

AUTHOR = r"(?P<author>(?:[A-Z][\w\-.]*\s){0,2}[A-Z][\w\-]+(?:\s(?:and|&)\s(?:[A-Z][\w\-.]*\s){0,2}[A-Z][\w\-]+)?)"
WRITTEN_WORKS = r"(?:book|books|textbook|novel|novels|essays|memoir|trilogy)"


def recommendation_author(recommendation: Recommendation, episode: Episode | None = None) -> str:
    """Who wrote a recommended book, when the speaker's quote says so: "Frank Zimring's The Great American
    Crime Decline", "Brad Schoenfeld's textbook is …", "the Culture novels by Iain Banks", "Andy's book
    Unplugged" (a guest's first name is the guest). Only a written work: "X's essay in Y" is not Y's author."""
    quote, name = recommendation.quote, re.escape(recommendation.name)
    short = re.escape(re.split(r":\s", recommendation.name)[0])  # "Tomorrow 3.0: Transaction Costs …" → "Tomorrow 3.0"
    owned = re.search(
        AUTHOR
        + r"(?:’s|'s)\s+(?:(?:"
        + name
        + "|"
        + short
        + r")\b|"
        + WRITTEN_WORKS
        + r"(?=\s+(?:"
        + name
        + "|"
        + short
        + r"|is|was|are|were|has|had)\b|[,.…]))",
        quote,
    )
    by = re.search(r"(?:\b" + WRITTEN_WORKS + r"|" + name + r")\s+by\s+" + AUTHOR + r"(?![\w’'])", quote)
    match = owned or by
    if not match:
        return ""
    author = match["author"]
    if author.split()[0] in ("The", "A", "An", "I", "If", "My", "Your", "His", "Her") or author == recommendation.name:
        return ""
    people = [*(episode.guest_names if episode else ()), *((episode.host,) if episode else ())]
    full = next((p for p in people if " " not in author and author in p.split()), "")
    if not full and " " not in author and zipf(author.lower()) >= 4.0:
        return ""  # "Mike's book": a first name we cannot resolve, not an author's name
    return full or author


def recommendation_cards(recommendation: Recommendation, episode: Episode | None = None) -> list[Card]:
    """ "Who wrote <book>?" when the speaker's quote names the book's author; otherwise no card."""
    author = recommendation_author(recommendation, episode)
    people = {*episode.guest_names, episode.host} if episode is not None else set()
    if not author or any(author in person or person in author for person in people if person):
        return []  # the guest's own book: the episode title answers it
    card = Card(
        "qa",
        "recommendation-author",
        recommendation.fact,
        question=f"Who wrote {recommendation.name}?",
        answer=author,
    )
    return [card] if is_clean(card) else []
