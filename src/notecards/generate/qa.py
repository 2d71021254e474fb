"""Question/answer cards: a registry of patterns, each kept only where blind review showed learners
keep its cards (docs/review-rubric.md, the figures in docs/card-quality.md).

Each pattern is one ``QaPattern``: the roles it makes (roles make GUIDs, so they name the pattern,
never the wording), the family it is judged in, and one ``make(context) -> cards`` function. The
registry's order is the preference order: when more cards fit a fact than ``MAX_QA_PER_FACT``, the
earlier patterns win. Every card must pass the card rules (``qa_rules.is_clean``) and the precision
gates (``worth.worth_asking``): a card that is not clearly good is not made.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Card, Episode, Fact
from .class_questions import class_cards
from .cloze import answer_stems, number_core
from .defining_questions import defines_cards, quoted_cards, stands_for_cards
from .key_question import key_card
from .lexicon import MAX_QA_PER_FACT
from .number_questions import number_cards
from .qa_rules import is_clean
from .questions import resolve_pronoun
from .term_questions import (
    appositive_cards,
    aside_called_cards,
    called_cards,
    named_subject_cards,
)
from .wh_questions import wh_cards
from .who_questions import who_cards
from .worth import worth_asking


@dataclass(frozen=True, slots=True)
class QaContext:
    """What a pattern sees: the fact, its text with a leading "He"/"She" resolved to the guest, the
    episode, the names that are never answers (guests, host, podcast, the episode's topics) and who
    "his"/"her" means (the episode's one guest, or ""); ``titles`` are the episode's recommended works."""

    fact: Fact
    text: str
    episode: Episode | None
    names: frozenset[str]
    owner: str
    titles: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class QaPattern:
    """One way of asking: the roles it makes, its family (the unit blind review judges), and ``make``."""

    family: str
    roles: tuple[str, ...]
    make: Callable[[QaContext], list[Card]]


def _key(context: QaContext) -> list[Card]:
    card = key_card(context.fact, context.text, context.names, context.titles)
    return [card] if card else []


# In preference order. Families: "definition" (what a term means or stands for), "name" (who or what a
# bullet is about, asked by position), "number" (how many, how much, what share), "object" (the
# bullet's key term asked in place).
PATTERNS: tuple[QaPattern, ...] = (
    QaPattern("definition", ("qa-stands-for",), lambda c: stands_for_cards(c.fact, c.text)),
    QaPattern("definition", ("qa-term",), lambda c: defines_cards(c.fact, c.text)),
    QaPattern(
        "definition", ("qa-called",), lambda c: [*called_cards(c.fact, c.text), *aside_called_cards(c.fact, c.text)]
    ),
    QaPattern("definition", ("qa-quoted",), lambda c: quoted_cards(c.fact, c.text)),
    QaPattern("name", ("qa-who",), lambda c: who_cards(c.fact, c.text)),
    QaPattern("name", ("qa-by-whom",), lambda c: appositive_cards(c.fact, c.text)),
    QaPattern("name", ("qa-what", "qa-who"), lambda c: named_subject_cards(c.fact, c.text, c.episode, c.names)),
    QaPattern(
        "name",
        ("qa-whose", "qa-which", "qa-owned-called", "qa-called", "qa-quoted", "qa-what", "qa-who"),
        lambda c: wh_cards(c.fact, c.text, c.names, c.owner),
    ),
    QaPattern(
        "name",
        ("qa-which-class",),
        lambda c: [card for card in class_cards(c.fact, c.text) if card.answer not in c.names],
    ),
    QaPattern(
        "number",
        ("qa-how-much", "qa-what-percentage", "qa-what-age", "qa-how-many"),
        lambda c: number_cards(c.fact, c.text),
    ),
    QaPattern("object", ("qa-key",), _key),
)
PREFERENCE = {role: rank for rank, role in enumerate(dict.fromkeys(r for p in PATTERNS for r in p.roles))}
FAMILIES = {role: pattern.family for pattern in reversed(PATTERNS) for role in pattern.roles}


def qa_cards(
    fact: Fact, episode: Episode | None = None, names: frozenset[str] = frozenset(), avoid: frozenset[str] = frozenset()
) -> list[Card]:
    """The fact's Q/A cards, best first, at most ``MAX_QA_PER_FACT``: one per answer and one per role.

    ``names`` are never answers (guests, host, podcast, topics); ``avoid`` holds answers another card
    of the fact already asks (a cloze deletion), so no card asks the same thing twice.
    """
    owner = episode.guests[0].name if episode is not None and len(episode.guests) == 1 else ""
    titles = frozenset(r.name for r in episode.recommendations) if episode is not None else frozenset()
    context = QaContext(fact, resolve_pronoun(fact.text, episode), episode, names, owner, titles)
    title = episode.title if episode is not None else ""
    cards = [
        card
        for pattern in PATTERNS
        for card in pattern.make(context)
        if card.role in pattern.roles and is_clean(card) and worth_asking(card, title)
    ]
    cards.sort(key=lambda c: PREFERENCE[c.role])  # stable: a pattern's own order stays
    asked = list(avoid)
    kept: list[Card] = []
    roles: set[str] = set()
    for card in cards:
        if card.role in roles or any(same_answer(card.answer, other) for other in asked):
            continue
        asked.append(card.answer)
        roles.add(card.role)
        kept.append(card)
    return kept[:MAX_QA_PER_FACT]


def same_answer(a: str, b: str) -> bool:
    """Two answers that ask for the same thing: "About 300" and "300 years", "the TPU" and "TPUs"."""
    stems_a, stems_b = answer_stems(number_core(_unhedged(a))), answer_stems(number_core(_unhedged(b)))
    if not stems_a or not stems_b:
        return a.strip().lower() == b.strip().lower()
    return len(stems_a & stems_b) / min(len(stems_a), len(stems_b)) >= 0.5


def _unhedged(answer: str) -> str:
    return re.sub(
        r"^(?:about|roughly|around|nearly|almost|over|under|more than|at least|up to|only)\s+",
        "",
        answer,
        flags=re.IGNORECASE,
    )
