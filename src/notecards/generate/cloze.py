"""Cloze cards: choose up to three key spans of a fact and hide them, under the card rules."""

from __future__ import annotations

import re

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
    groups: list[list[Span]] = []  # one group per cloze number: a span and its repeats
    hidden_words = 0
    for span in sorted(candidate_spans(sentence, context), key=lambda s: (-s.score, s.start)):
        answer = span.text(sentence)
        answer_words = len(words(answer))
        if not answer_words or answer_words > MAX_ANSWER_WORDS:
            continue
        group = _occurrences(sentence, span)
        chosen = [s for g in groups for s in g]
        if any(s.start < other.end and other.start < s.end for s in group for other in chosen):
            continue
        if (hidden_words + answer_words * len(group)) / total_words > MAX_HIDDEN_SHARE:
            continue
        if _leaks(sentence, group, chosen):
            continue
        groups.append(group)
        hidden_words += answer_words * len(group)
        if len(groups) == MAX_DELETIONS:
            break
    groups.sort(key=lambda g: g[0].start)
    return tuple(sorted((Deletion(span.start, span.end, number)
                         for number, group in enumerate(groups, start=1) for span in group),
                        key=lambda d: d.start))


def _occurrences(sentence: str, span: Span) -> list[Span]:
    """The span and every other whole-word occurrence of its text: repeats are hidden together."""
    pattern = r"(?<!\w)" + re.escape(span.text(sentence)) + r"(?!\w)"
    return [Span(m.start(), m.end(), span.kind, span.score) for m in re.finditer(pattern, sentence)]


def _leaks(sentence: str, group: list[Span], chosen: list[Span]) -> bool:
    """True when a word left visible shares its first five letters with a word of the answer."""
    span = group[0]
    hidden = [*group, *chosen]
    visible = "".join(ch if not any(s.start <= i < s.end for s in hidden) else " "
                      for i, ch in enumerate(sentence))
    answer = span.text(sentence)
    if span.kind == "number":  # the counted noun may stay visible elsewhere ("64x64 images … 224x224 images")
        answer = answer.split()[0]
    stems = {_stem(w) for w in content_words(answer)}
    return any(_stem(w) in stems for w in content_words(visible))


def _stem(word: str) -> str:
    """First five letters, plural "s" dropped: "African" ~ "Africa", "GPUs" ~ "GPU"."""
    if len(word) > 3 and word.endswith("s"):
        word = word[:-1]
    return word[:5]
