"""Card generation: pure functions from an ``Episode`` to ``Card`` values, no I/O."""

from __future__ import annotations

import re
from functools import partial

from ..model import Card, Episode
from .cloze import (
    MAX_DELETIONS,
    MIN_SCORE,
    MIN_SCORE_FALLBACK,
    MIN_SCORE_FIRST,
    answer_stems,
    cloze_cards,
    number_core,
    topic_names,
)
from .hand import apply_hand_cards
from .lexicon import STOP_WORDS
from .qa import qa_cards
from .questions import resolve_pronoun
from .recommendation_questions import recommendation_cards

__all__ = ["generate"]

MAX_CARDS_PER_FACT = MAX_DELETIONS  # cloze cards (one per number) and Q/A cards together (R11)


def generate(episode: Episode) -> tuple[Card, ...]:
    """Every card the episode gives: each fact's cloze and Q/A cards, then its recommendations'.

    Guest and host names are context, not answers: "Jeremy's small team" hides the team, not Jeremy.
    The guest's bio makes no card: the episode title, shown on every card, already names the guest.
    """
    names = frozenset(episode.guest_names) | {episode.host, episode.podcast} | topic_names(episode)
    titles = frozenset(recommendation.name for recommendation in episode.recommendations)
    cards: list[Card] = []
    texts = frozenset(fact.text for fact in episode.facts)
    for fact in episode.facts:
        lead_in = lead_in_text(fact.text, texts)
        shown = answer_stems(lead_in)
        questions = [q for q in qa_cards(fact, episode, names) if not (lead_in and answer_stems(q.answer) <= shown)]
        asked = frozenset(stem for card in questions for stem in answer_stems(number_core(card.answer)))
        text = resolve_pronoun(fact.text, episode)  # "He began …" → "Donald Knuth began …"
        make_cloze = partial(cloze_cards, fact, names, text=text, titles=titles, title=episode.title, lead_in=lead_in)
        if questions:  # beside a Q/A card, a cloze only of two strong deletions more: no leftover detail
            budget = MAX_CARDS_PER_FACT - len(questions)
            cloze = make_cloze(asked=asked, budget=budget, first_slot=MIN_SCORE, least=2)
        else:
            cloze = make_cloze(first_slot=MIN_SCORE_FIRST)
        if not cloze and not questions:  # every fact gets a card: its best candidate, if it has one
            cloze = make_cloze(first_slot=MIN_SCORE_FALLBACK)
        cards.extend(cloze)
        cards.extend(questions)
    for recommendation in episode.recommendations:
        cards.extend(recommendation_cards(recommendation, episode))
    return apply_hand_cards(episode, tuple(cards))


def lead_in_text(text: str, facts: frozenset[str]) -> str:
    """The words readers write in front of a fact as its context, which its cards do not ask: another
    fact's text (a nested bullet keeps its short parent bullet: ``Parent. Child``) or a heading in
    Title Case (a Snipd snip's title, a ``###`` topic: ``Sleep Replays the Day: During deep sleep …``);
    "" when there is none."""
    for end in reversed([m.start() for m in re.finditer(r"(?<=[.?!…]) |: ", text)]):
        if text[:end] in facts:
            return text[:end]
    heading = re.match(r"([^:.?!]{3,100}): ", text)
    if heading and _title_case(heading[1]):
        return heading[1]
    return ""


def _title_case(words: str) -> bool:
    """ "The Slot Machine in Your Pocket", not "Sleep stages" or "Jeremy's rule": two words or more,
    every one but the small words capitalized."""
    parts = words.split()
    return len(parts) >= 2 and all(p[0].isupper() or p.lower() in STOP_WORDS for p in parts) and parts[-1][0].isupper()
