"""Card generation: pure functions from an ``Episode`` to ``Card`` values, no I/O."""

from __future__ import annotations

from ..model import Card, Episode
from .cloze import cloze_cards, topic_names
from .hand import apply_hand_cards
from .qa import guest_cards, qa_cards, recommendation_cards

__all__ = ["generate"]


def generate(episode: Episode) -> tuple[Card, ...]:
    """Every card the episode gives: guests first, then each fact's cloze and Q/A cards, then quotes.

    Guest and host names are context, not answers: "Jeremy's small team" hides the team, not Jeremy.
    """
    context = frozenset(episode.guest_names) | {episode.host, episode.podcast} | topic_names(episode)
    cards: list[Card] = []
    for guest in episode.guests:
        cards.extend(guest_cards(guest, episode))
    for fact in episode.facts:
        cards.extend(cloze_cards(fact, context))
        cards.extend(qa_cards(fact, episode))
    for recommendation in episode.recommendations:
        cards.extend(recommendation_cards(recommendation, episode))
    return apply_hand_cards(episode, tuple(cards))
