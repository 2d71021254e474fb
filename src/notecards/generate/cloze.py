"""Cloze cards: choose up to three key spans of a fact and hide them, under the card rules."""

from __future__ import annotations

from ..model import Card, Deletion, Fact
from .spans import Span, candidate_spans, content_words, words

MAX_DELETIONS = 3
MAX_ANSWER_WORDS = 4
MAX_HIDDEN_SHARE = 0.35


def cloze_cards(fact: Fact, context: frozenset[str] = frozenset()) -> list[Card]:
    """One cloze card for the fact, or none when nothing in it is worth hiding."""
    deletions = choose_deletions(fact.text, context)
    if not deletions:
        return []
    return [Card("cloze", "cloze", fact, text=fact.text, deletions=deletions)]


def choose_deletions(sentence: str, context: frozenset[str] = frozenset()) -> tuple[Deletion, ...]:
    """Greedy by score: no overlaps, short answers, enough context left, no answer given away."""
    total_words = max(len(words(sentence)), 1)
    chosen: list[Span] = []
    hidden_words = 0
    for span in sorted(candidate_spans(sentence, context), key=lambda s: (-s.score, s.start)):
        answer = span.text(sentence)
        answer_words = len(words(answer))
        if not answer_words or answer_words > MAX_ANSWER_WORDS:
            continue
        if any(span.start < other.end and other.start < span.end for other in chosen):
            continue
        if (hidden_words + answer_words) / total_words > MAX_HIDDEN_SHARE:
            continue
        if _leaks(sentence, span, chosen):
            continue
        chosen.append(span)
        hidden_words += answer_words
        if len(chosen) == MAX_DELETIONS:
            break
    chosen.sort(key=lambda s: s.start)
    return tuple(Deletion(span.start, span.end, number) for number, span in enumerate(chosen, start=1))


def _leaks(sentence: str, span: Span, chosen: list[Span]) -> bool:
    """True when a word left visible shares its first five letters with a word of the answer."""
    hidden = [span, *chosen]
    visible = "".join(ch if not any(s.start <= i < s.end for s in hidden) else " "
                      for i, ch in enumerate(sentence))
    answer = span.text(sentence)
    if span.kind == "number":  # the counted noun may stay visible elsewhere ("64x64 images … 224x224 images")
        answer = answer.split()[0]
    stems = {w[:5] for w in content_words(answer) if len(w) >= 4}
    return any(w[:5] in stems for w in content_words(visible) if len(w) >= 4)
