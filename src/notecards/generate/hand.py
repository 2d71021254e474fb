"""Hand-written cards from canonical YAML, applied on top of the generated ones.

A user can switch a generated card off (``skip``: fact id and card role), replace all of a fact's
generated cards (``replaces: true``) or add cards of their own. Pure: no I/O.
"""

from __future__ import annotations

from ..model import HAND, Card, Episode, Fact


def apply_hand_cards(episode: Episode, generated: tuple[Card, ...]) -> tuple[Card, ...]:
    """The generated cards the user kept, then the hand-written ones, each on its fact."""
    if not episode.hand_cards and not episode.skipped:
        return generated
    skipped = set(episode.skipped)
    replaced = {hand.fact_id for hand in episode.hand_cards if hand.replaces}
    kept = [
        card
        for card in generated
        if card.fact.section != HAND
        and card.fact.fact_id not in replaced
        and f"{card.fact.fact_id}/{card.role}" not in skipped
    ]
    facts: dict[str, Fact] = {fact.fact_id: fact for fact in _all_facts(episode) if fact.fact_id}
    for hand in episode.hand_cards:
        kept.append(
            Card(
                hand.kind,
                hand.role,
                facts[hand.fact_id],
                text=hand.text,
                deletions=hand.deletions,
                question=hand.question,
                answer=hand.answer,
            )
        )
    return tuple(kept)


def _all_facts(episode: Episode) -> list[Fact]:
    return [*(guest.fact for guest in episode.guests), *episode.facts, *(rec.fact for rec in episode.recommendations)]
