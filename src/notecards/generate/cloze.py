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
from .candidate import Span
from .clauses import atomic_clauses
from .lexicon import (
    MAX_CLOZE_ANSWER_WORDS,
    MAX_DELETIONS,
    MAX_EXPANSION_WORDS,
    MAX_HIDDEN_SHARE,
    SENTENCE_BREAK,
    STOP_WORDS,
    words,
    zipf,
)
from .spans import YEAR, candidate_spans, rarest_words

MIN_SCORE = 0.8  # a strong candidate: the first deletion beside a Q/A card, and a later clause's
MIN_SCORE_FIRST = 0.65  # the first deletion of a fact that no Q/A card asks
MIN_SCORE_NEXT = 0.75  # a second deletion beside it
MAX_NOTE_DELETIONS = 2  # three deletions in one note were kept one time in ten in review (R3 allows three)
MIN_SCORE_FALLBACK = 0.25  # the first deletion of a fact nothing else would card at all (its rarest word at worst)
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


def cloze_cards(
    fact: Fact,
    context: frozenset[str] = frozenset(),
    *,
    text: str = "",
    titles: frozenset[str] = frozenset(),
    asked: frozenset[str] = frozenset(),
    budget: int = MAX_DELETIONS,
    first_slot: float = MIN_SCORE_FIRST,
    least: int = 1,
    title: str = "",
    lead_in: str = "",
) -> list[Card]:
    """One cloze card per atomic clause of the fact that has something worth hiding.

    ``text`` is the fact's text as the cards show it (a leading "He" resolved to the guest's name);
    ``titles`` are hidden whole or not at all; ``asked`` holds the stems of answers another card of the
    fact already asks (its Q/A cards), which no deletion repeats; ``budget`` caps the cards all its
    notes make together (one per cloze number); ``first_slot`` is how good the first deletion of the
    first clause must be (a later clause's needs ``MIN_SCORE``): precision first. A note needs at
    least ``least`` deletions; nothing the episode's ``title`` shows is hidden, nor what only repeats
    the ``lead_in`` a reader wrote in front of the fact as its context (a parent bullet, a heading).
    Roles are ``cloze``, ``cloze-2``, … by clause position, so GUIDs stay stable.
    """
    cards = []
    known = set(asked)  # stems already asked, here or in an earlier clause: not asked again (R11)
    shown = frozenset(answer_stems(title) | answer_stems(lead_in))
    prefix, body = _split_lead_in(text or fact.text, lead_in)
    for index, statement in enumerate(atomic_clauses(body), start=1):
        if budget <= 0:
            break
        clause = prefix + statement  # the lead-in stays in front of each statement, as context
        minimum = first_slot if index == 1 else MIN_SCORE
        deletions = choose_deletions(
            clause,
            context,
            frozenset(known),
            numbers=budget,
            first_slot=minimum,
            titles=titles,
            shown=shown,
            after=_context_end(clause, len(prefix)),
        )
        if (
            len({d.number for d in deletions}) < least
            or first_slot > MIN_SCORE_FALLBACK
            and _only_dates(clause, deletions)
        ):
            continue  # a hidden year alone was judged trivia (14% kept): only a fact's last resort
        known.update(stem for d in deletions for stem in answer_stems(clause[d.start : d.end]))
        if deletions:
            role = "cloze" if index == 1 else f"cloze-{index}"
            cards.append(Card("cloze", role, fact, text=clause, deletions=deletions))
            budget -= len({d.number for d in deletions})
    return cards


def _split_lead_in(text: str, lead_in: str) -> tuple[str, str]:
    """``("Parent. ", "Child")`` or ``("Heading: ", "Fact")``: the lead-in with its joint, and the rest."""
    if not lead_in or not text.startswith(lead_in):
        return "", text
    rest = text[len(lead_in) :]
    joint = rest[: len(rest) - len(rest.lstrip(": "))]
    return lead_in + joint, rest[len(joint) :]


def _context_end(clause: str, after: int) -> int:
    """Where the statement a cloze asks about starts: after its lead-in and after any sentence kept in
    front of it as context (``atomic_clauses``). A note hides words of one sentence (R1)."""
    breaks = [match.start() + 1 for match in SENTENCE_BREAK.finditer(clause, after)]
    return breaks[-1] if breaks else after


def choose_deletions(
    sentence: str,
    context: frozenset[str] = frozenset(),
    asked: frozenset[str] = frozenset(),
    *,
    numbers: int = MAX_DELETIONS,
    first_slot: float = MIN_SCORE_FIRST,
    titles: frozenset[str] = frozenset(),
    shown: frozenset[str] = frozenset(),
    after: int = 0,
) -> tuple[Deletion, ...]:
    """Greedy by score: no overlaps, short answers, enough context left, no answer given away.

    The first deletion needs ``first_slot``, a second ``MIN_SCORE_NEXT``, and a note has at most
    ``MAX_NOTE_DELETIONS``; an answer whose stems are all
    ``shown`` (the episode title's) is given away; nothing before ``after`` (a lead-in) is hidden."""
    total_words = max(len(words(sentence)), 1)
    groups: list[list[Span]] = []  # one group per cloze number: a span and its repeats
    hidden_words = 0
    candidates = candidate_spans(sentence, context, titles)
    if first_slot <= MIN_SCORE_FALLBACK:  # a fact nothing else cards: its rarest words, at worst
        candidates = (*candidates, *rarest_words(sentence))
    for span in sorted(candidates, key=lambda s: (-s.score, s.start, -s.end)):
        if span.score < (first_slot if not groups else MIN_SCORE_NEXT):
            break
        if span.start < after:
            continue
        answer = span.text(sentence)
        if asked and answer_stems(number_core(answer)) & asked:
            continue  # another card of the fact asks this already
        if shown and answer_stems(answer) and answer_stems(answer) <= shown:
            continue  # the episode title, on every card, gives it away
        answer_words = answer_length(answer)
        limit = MAX_EXPANSION_WORDS if span.kind == "expansion" else MAX_CLOZE_ANSWER_WORDS
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
        if len(groups) == min(numbers, MAX_NOTE_DELETIONS):
            break
    groups.sort(key=lambda g: g[0].start)
    return tuple(
        sorted(
            (Deletion(span.start, span.end, number) for number, group in enumerate(groups, start=1) for span in group),
            key=lambda d: d.start,
        )
    )


def _only_dates(sentence: str, deletions: tuple[Deletion, ...]) -> bool:
    return bool(deletions) and all(YEAR.fullmatch(sentence[d.start : d.end]) for d in deletions)


def answer_length(answer: str) -> int:
    """Words a deletion hides, as R2 counts them: a title's leading "The"/"A" is no word of its own."""
    return len(words(re.sub(r"^(?:The|A|An)\s+", "", answer)))


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

    stems = set()
    for part in re.findall(r"[^\W\d_]{3,}|\d[\d,.]*", text.lower()):
        if part in STOP_WORDS or part.isdigit() and len(part) < 2:
            continue
        if len(part) > 3 and part.endswith("s"):
            part = part[:-1]
        stems.add(part[:5])
    return stems
