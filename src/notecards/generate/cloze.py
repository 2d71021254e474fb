"""Cloze cards: one note per atomic fact, each hiding up to three key spans under the card rules.

Selection is greedy by score (``spans.py``) and refuses a span when it would break a rule:
more than 3 deletions (R3), an answer over 4 words (6 for an acronym's expansion, R2), more than
35% of the words hidden (R4), a visible word giving the answer away (R5), a list of three or more
(R6). A repeated string is hidden everywhere under one number, or not at all.
"""

from __future__ import annotations

import os
import re
from collections import Counter

from ..model import Card, Deletion, Episode, Fact
from .clauses import atomic_clauses
from .spans import STOP_WORDS, Span, candidate_spans, words, zipf

MAX_DELETIONS = 3
MAX_ANSWER_WORDS = 4
MAX_EXPANSION_WORDS = 6
MAX_HIDDEN_SHARE = 0.35
MIN_SCORE = 0.8
MIN_SCORE_FIRST = 0.55
MIN_SCORE_FILL = 0.5
MIN_SCORE_STRICT_FILL = 0.8
WORDS_PER_SPAN = 12
TOPIC_FACTS = 3  # a name in this many bullets is what the episode is about: context, not an answer


def topic_names(episode: Episode) -> frozenset[str]:
    """Names so frequent in the episode's bullets ("DeepSeek") that hiding them asks nothing."""
    counts = Counter(
        name
        for fact in episode.facts
        for name in set(re.findall(r"\b[A-Z][A-Za-z]+[A-Z][A-Za-z]*\b|\b[A-Z][a-z]+\b|\b[a-z]{5,}\b", fact.text))
        if name[0].isupper() or zipf(name) < 3.7
    )
    return frozenset(name for name, count in counts.items() if count >= TOPIC_FACTS)


def cloze_cards(fact: Fact, context: frozenset[str] = frozenset()) -> list[Card]:
    """One cloze card per atomic clause of the fact that has something worth hiding.

    Roles are ``cloze``, ``cloze-2``, … by clause position, so GUIDs stay stable.
    """
    cards = []
    asked: set[str] = set()  # stems already asked in an earlier clause: not asked again (R11)
    for index, clause in enumerate(atomic_clauses(fact.text), start=1):
        deletions = choose_deletions(clause, context, frozenset(asked), strict=index > 1)
        asked.update(stem for d in deletions for stem in answer_stems(clause[d.start : d.end]))
        if deletions:
            role = "cloze" if index == 1 else f"cloze-{index}"
            cards.append(Card("cloze", role, fact, text=clause, deletions=deletions))
    return cards


def choose_deletions(
    sentence: str, context: frozenset[str] = frozenset(), asked: frozenset[str] = frozenset(), strict: bool = False
) -> tuple[Deletion, ...]:
    """Greedy by score: no overlaps, short answers, enough context left, no answer given away."""
    total_words = max(len(words(sentence)), 1)
    groups: list[list[Span]] = []  # one group per cloze number: a span and its repeats
    hidden_words = 0
    for span in sorted(candidate_spans(sentence, context), key=lambda s: (-s.score, s.start, -s.end)):
        if span.score < _threshold(len(groups), total_words, strict):
            break
        answer = span.text(sentence)
        if asked and answer_stems(answer) <= asked:
            continue
        answer_words = len(words(answer))
        limit = MAX_EXPANSION_WORDS if span.kind == "expansion" else MAX_ANSWER_WORDS
        if not answer_words or answer_words > limit or is_enumeration(answer):
            continue
        group = _occurrences(sentence, span)
        chosen = [s for g in groups for s in g]
        if any(s.start < other.end and other.start < s.end for s in group for other in chosen):
            continue
        counted = 0 if span.kind == "expansion" else answer_words * len(group)
        if (hidden_words + counted) / total_words > MAX_HIDDEN_SHARE:
            continue
        if leaks(sentence, [*group, *chosen], answer):
            continue
        groups.append(group)
        hidden_words += counted
        if len(groups) == MAX_DELETIONS:
            break
    groups.sort(key=lambda g: g[0].start)
    return tuple(
        sorted(
            (Deletion(span.start, span.end, number) for number, group in enumerate(groups, start=1) for span in group),
            key=lambda d: d.start,
        )
    )


def _threshold(chosen: int, total_words: int, strict: bool) -> float:
    """How good the next span must be: a long sentence holds more facts, so its first few slots take
    weaker candidates (a careful human hides about one span per ``WORDS_PER_SPAN`` words)."""
    if 1 <= chosen < min(1 + total_words // WORDS_PER_SPAN, MAX_DELETIONS):
        return MIN_SCORE_STRICT_FILL if strict else MIN_SCORE_FILL
    return MIN_SCORE if chosen >= 2 or strict else MIN_SCORE_FIRST


def is_enumeration(answer: str) -> bool:
    """Three or more coordinated members ("A, B and C"): a set, not one fact (R6)."""
    return answer.count(",") >= 2 or ("," in answer and re.search(r"\b(?:and|or)\b", answer) is not None)


def _occurrences(sentence: str, span: Span) -> list[Span]:
    """The span and every other whole-word occurrence of its text: repeats are hidden together."""
    text = span.text(sentence)
    found = []
    start = sentence.find(text)
    while start >= 0:  # str.find, not a regex per answer: compiling thousands of patterns is slow
        end = start + len(text)
        if not (start and _word_char(sentence[start - 1]) or end < len(sentence) and _word_char(sentence[end])):
            found.append(Span(start, end, span.kind, span.score))
        start = sentence.find(text, end)
    return found or [span]


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def leaks(sentence: str, hidden: list[Span] | list[tuple[int, int]], answer: str) -> bool:
    """True when a word left visible shares its stem with a word of the answer: the first five
    letters, covering at least three quarters of the shorter word ("African" ~ "Africa",
    "values" ~ "value"; "program" does not give away "progressive")."""
    ranges = [(s.start, s.end) if isinstance(s, Span) else s for s in hidden]
    visible = mask(sentence, ranges)
    answer_parts = _stem_parts(number_core(answer))
    if not answer_parts:
        return False
    stems = {part[:5] for part in answer_parts}
    return any(
        _same_stem(seen, part)
        for seen in _stem_parts(visible)
        if seen[:5] in stems
        for part in answer_parts
        if part[:5] == seen[:5]
    )


def _stem_parts(text: str) -> list[str]:
    """Content word parts, plural "s" dropped: the words ``answer_stems`` takes its stems from."""
    parts = []
    for part in re.findall(r"[^\W\d_]{3,}|\d[\d,.]*", text.lower()):
        if part in STOP_WORDS or part.isdigit() and len(part) < 2:
            continue
        parts.append(part[:-1] if len(part) > 3 and part.endswith("s") else part)
    return parts


def _same_stem(a: str, b: str) -> bool:
    shorter = min(len(a), len(b))
    common = len(os.path.commonprefix([a, b]))  # noqa: RUF071 - a prefix of characters (a stem) is meant
    return common >= min(5, shorter) and common >= 0.75 * shorter


def mask(sentence: str, ranges: list[tuple[int, int]]) -> str:
    """The sentence with the given character ranges blanked out: what the learner sees."""
    chars = list(sentence)
    for a, b in ranges:
        chars[a:b] = " " * (b - a)
    return "".join(chars)


def number_core(answer: str) -> str:
    """What a number answer really asks: "671 billion" → "671" (a visible "37 billion" gives nothing away)."""
    if not re.match(r"[$€£]?\d|(?:one|a) in\b", answer):
        return answer
    digits = re.findall(r"\d[\d,.]*", answer)
    return " ".join(digits) if digits else answer.split()[0]


def answer_stems(text: str) -> set[str]:
    """First five letters of each content word part, plural "s" dropped: "African" ~ "Africa"."""
    from .spans import STOP_WORDS

    stems = set()
    for part in re.findall(r"[^\W\d_]{3,}|\d[\d,.]*", text.lower()):
        if part in STOP_WORDS or part.isdigit() and len(part) < 2:
            continue
        if len(part) > 3 and part.endswith("s"):
            part = part[:-1]
        stems.add(part[:5])
    return stems
