"""Stable identity: which GUID each card gets, so that re-importing updates notes in place.

A GUID is derived from keys, never from the card's text: the episode key (podcast and number),
the fact's key and the card's role. A fact's key is its explicit id when the source gives one;
otherwise a fingerprint of its text *when it was first seen*. The lock file remembers each key
with the fact's latest text, and the next build matches every fact to the previous build's facts
of the same episode, one to one, by text similarity: a fact that was edited or moved keeps its
key, and so its GUIDs and its review history.

Pure functions, no I/O: the lock's entries come in as ``LockEntry`` values.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from .deletion_moves import moved, old_spans, overlap_pairs
from .errors import NotecardsError
from .model import Card, Episode, Fact, LockEntry

GUID_NAMESPACE = "notecards"
_BASE91 = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~"

# Two texts at least this similar are one fact, edited. In tests/test_identity.py every edit
# (typo fix, changed number, rewording, reordered sentence) scores 0.60 or more, and no two distinct
# facts of the test episodes more than 0.36: the threshold sits in the middle of that gap.
SAME_FACT = 0.48
# A cloze answer whose characters are at least this similar to an old answer keeps its number
# ("300 years" → "400 years", "2100" → "2300"); "Google" and "Intel" score 0.18.
SAME_ANSWER = 0.5


def normalise(text: str) -> str:
    """Case, accents, punctuation and spacing removed: what stays the same through a typo-level edit."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(re.findall(r"[a-z0-9]+", text))


def fingerprint(text: str) -> str:
    """A short hash of the normalised text."""
    return hashlib.sha256(normalise(text).encode()).hexdigest()[:12]


def fresh_fact_key(fact: Fact) -> str:
    """The key a fact gets the first time it is seen: its explicit id, or section and fingerprint."""
    return fact.fact_id or f"{fact.section}/{fingerprint(fact.text)}"


def guid_for(*keys: str) -> str:
    """A compact GUID from keys (the same scheme as genanki's, without importing it here)."""
    digest = hashlib.sha256("\x1f".join((GUID_NAMESPACE, *keys)).encode()).digest()
    number = int.from_bytes(digest[:8], "big")
    chars = []
    while number:
        number, rest = divmod(number, len(_BASE91))
        chars.append(_BASE91[rest])
    return "".join(reversed(chars))


def similarity(a: str, b: str, at_least: float = 0.0) -> float:
    """How alike two texts are, 0..1: the mean of a character-level score (catches typo fixes and
    changed numbers) and a word-level one over content-word stems (catches rewording and reordering).

    When the pair cannot reach ``at_least``, an upper bound below it is returned, cheaply.
    """
    a, b = normalise(a), normalise(b)
    if a == b:
        return 1.0
    stems_a, stems_b = _stems(a), _stems(b)
    total = sum(stems_a.values()) + sum(stems_b.values())
    words = 2 * sum((stems_a & stems_b).values()) / total if total else 0.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if (matcher.quick_ratio() + words) / 2 < at_least:
        return (matcher.quick_ratio() + words) / 2
    return (matcher.ratio() + words) / 2


_STOP_WORDS = frozenset(
    "a an the and or but of to in on at by for with from as is are was were be been it its this that "
    "these those they them their he his she her we our you your i my not no so than then very can "
    "could would should will has have had do does did all any both each more most only also about".split()
)


def _stems(text: str) -> Counter[str]:
    """Content words cut to five letters, so "memorise"/"memorising" and "radiologsts"/"radiologists" agree."""
    return Counter(word[:5] for word in text.split() if word not in _STOP_WORDS)


@dataclass(frozen=True, slots=True)
class KnownFact:
    """A fact of the previous build, as the lock remembers it."""

    key: str
    section: str
    text: str
    removed: bool  # every note of it was removed; matched only after the live facts


def known_facts(entries: Iterable[LockEntry]) -> tuple[KnownFact, ...]:
    """The previous build's facts, one per key, in a stable order."""
    facts: dict[str, KnownFact] = {}
    for entry in sorted(entries, key=lambda e: (e.removed, e.fact, e.role)):
        if entry.fact not in facts:
            facts[entry.fact] = KnownFact(entry.fact, entry.section, entry.text, entry.removed)
    return tuple(sorted(facts.values(), key=lambda f: f.key))


def episode_facts(episode: Episode) -> list[Fact]:
    return [*(guest.fact for guest in episode.guests), *episode.facts, *(rec.fact for rec in episode.recommendations)]


def fact_keys(episode: Episode, previous: Iterable[LockEntry] = ()) -> dict[Fact, str]:
    """A unique key for every fact of the episode, kept from ``previous`` (the lock's entries for
    this episode) wherever a fact matches one of its facts.

    Facts with an explicit id keep that id; one made from a name that the last build did not have
    (a corrected name) is matched to that build's facts of its section first. The others are
    matched one to one: identical text first,
    then the most similar pairs scoring at least ``SAME_FACT``; live facts before removed ones (a
    restored fact gets its old GUIDs back). An unmatched fact gets a fresh key, never one that
    ``previous`` already uses.
    """
    facts = episode_facts(episode)
    known = known_facts(previous)
    known_keys = {old.key for old in known}
    keys: dict[Fact, str] = {}
    for fact in facts:  # explicit ids first; the same id twice (two "Anki" recommendations) gets ~2
        if fact.fact_id and not (fact.named and known and fact.fact_id not in known_keys):
            keys[fact] = _unique(fact.fact_id, set(keys.values()))
    free = [old for old in known if old.key not in set(keys.values())]
    # A name corrected ("Jeremy Howrad" → "Jeremy Howard") makes another id: matched like a fact,
    # by similarity, to a guest or recommendation of the last build, it keeps its key and GUIDs.
    renamed = [fact for fact in facts if fact not in keys and fact.named]
    for section in dict.fromkeys(fact.section for fact in renamed):
        of_section = [fact for fact in renamed if fact.section == section]
        for fact, old in _match(of_section, [old for old in free if not old.removed and old.section == section]):
            keys[fact] = old.key
            free.remove(old)
    for fact in renamed:
        if fact not in keys:
            keys[fact] = _unique(fact.fact_id or fresh_fact_key(fact), set(keys.values()) | known_keys)
    open_facts = [fact for fact in facts if fact not in keys]
    for removed in (False, True):
        for fact, old in _match(open_facts, [old for old in free if old.removed == removed]):
            keys[fact] = old.key
            free.remove(old)
        open_facts = [fact for fact in open_facts if fact not in keys]
    avoid = set(keys.values()) | {old.key for old in known}
    for fact in open_facts:  # source order, so repeated texts are numbered the same way every build
        keys[fact] = _unique(fresh_fact_key(fact), avoid)
        avoid.add(keys[fact])
    return keys


def _unique(key: str, taken: set[str]) -> str:
    candidate, n = key, 2
    while candidate in taken:
        candidate, n = f"{key}~{n}", n + 1
    return candidate


def _match(facts: Sequence[Fact], known: Sequence[KnownFact]) -> list[tuple[Fact, KnownFact]]:
    """One-to-one pairs: identical text first (in order), then the most similar pairs scoring at
    least SAME_FACT; ties go to the same section, then to source order."""
    pairs: list[tuple[Fact, KnownFact]] = []
    by_text: dict[str, list[KnownFact]] = {}
    for old in known:
        by_text.setdefault(normalise(old.text), []).append(old)
    left = []
    for fact in facts:
        same = by_text.get(normalise(fact.text))
        if same:
            pairs.append((fact, same.pop(0)))
        else:
            left.append(fact)
    matched = {id(old) for _, old in pairs}
    rest = [old for old in known if id(old) not in matched]
    scored = []
    for i, fact in enumerate(left):
        for j, old in enumerate(rest):
            score = similarity(fact.text, old.text, at_least=SAME_FACT)
            if score >= SAME_FACT:
                scored.append((-score, fact.section != old.section, i, j))
    used_facts, used_known = set(), set()
    for _, _, i, j in sorted(scored):
        if i not in used_facts and j not in used_known:
            pairs.append((left[i], rest[j]))
            used_facts.add(i)
            used_known.add(j)
    return pairs


def keep_cloze_numbers(card: Card, previous: LockEntry | None) -> Card:
    """Renumber the card's deletions so each keeps the number its answer had in ``previous``.

    Anki schedules a cloze card per number, so progress stays on the right span only if the number
    follows the span. Answers are matched one to one by similarity, then a reworded one by where it
    is (``deletion_moves``); a span with no old counterpart gets a number never used before on
    this note.
    """
    if card.kind != "cloze" or previous is None or not previous.clozes:
        return card
    answers: dict[int, str] = {}
    for deletion in sorted(card.deletions, key=lambda d: d.start):
        answers.setdefault(deletion.number, card.text[deletion.start : deletion.end])
    old = {number: answer for number, answer in previous.clozes if answer is not None}
    scored = sorted(
        (-SequenceMatcher(None, normalise(answer), normalise(old_answer)).ratio(), new, number)
        for new, answer in answers.items()
        for number, old_answer in old.items()
    )
    numbers: dict[int, int] = {}
    for score, new, number in scored:
        if -score >= SAME_ANSWER and new not in numbers and number not in numbers.values():
            numbers[new] = number
    # An answer reworded in place ("300 years" → "three hundred years") keeps the number of the old
    # deletion it overlaps most, once the texts are aligned.
    spans: dict[int, list[tuple[int, int]]] = {}
    for deletion in card.deletions:
        spans.setdefault(deletion.number, []).append((deletion.start, deletion.end))
    left = {number: answer for number, answer in old.items() if number not in numbers.values()}
    if len(numbers) < len(answers) and left:
        covered = moved(previous.text, card.text, old_spans(previous.text, left))
        for _, new, number in overlap_pairs({n: s for n, s in spans.items() if n not in numbers}, covered):
            if new not in numbers and number not in numbers.values():
                numbers[new] = number
    next_number = max(number for number, _ in previous.clozes) + 1
    for new in sorted(answers):
        if new not in numbers:
            numbers[new] = next_number
            next_number += 1
    return replace(card, deletions=tuple(replace(d, number=numbers[d.number]) for d in card.deletions))


@dataclass(frozen=True, slots=True)
class Identified:
    """A card with its GUID and its fact's key; cloze numbers already kept from the lock."""

    guid: str
    fact_key: str
    card: Card


def identify(episode: Episode, cards: Iterable[Card], previous: Sequence[LockEntry] = ()) -> tuple[Identified, ...]:
    """GUIDs for the episode's cards, stable across edits thanks to ``previous`` (the lock's entries
    for this episode; empty on a first build). Two cards never share a GUID."""
    keys = fact_keys(episode, previous)
    by_guid = {entry.guid: entry for entry in previous}
    identified, seen = [], set()
    for card in cards:
        key = keys.get(card.fact) or fresh_fact_key(card.fact)
        guid = guid_for(episode.key, key, card.role)
        if guid in seen:
            raise NotecardsError(
                f"two cards share the id {key}/{card.role}", card.fact.location.path, card.fact.location.line
            )
        seen.add(guid)
        identified.append(Identified(guid, key, keep_cloze_numbers(card, by_guid.get(guid))))
    return tuple(identified)
