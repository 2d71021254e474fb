"""The card rules of docs/card-rules.md as checks, on sources and on the cards they make.

Each problem has a location (the fact's file and line), a rule id (R1…R12), a message and a
severity: errors are cards that break a rule and should not ship; warnings are sources that make
weak cards (a bullet too long to be one fact, a missing date). ``notecards lint`` prints them;
``bench/quality.py`` counts the errors as rule violations.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Literal

from .errors import NotecardsError, NotEpisodeNotes
from .generate import generate
from .generate.acronyms import is_expansion
from .generate.cloze import answer_length, is_enumeration, leaks, mask
from .generate.lexicon import (
    HEDGES,
    MAX_CLOZE_ANSWER_WORDS,
    MAX_DELETIONS,
    MAX_EXPANSION_WORDS,
    MAX_HIDDEN_SHARE,
    MAX_QA_ANSWER_WORDS,
    MAX_QA_PER_FACT,
    MAX_QUESTION_WORDS,
    SENTENCE_BREAK,
    STATES_A_NUMBER,
    STOP_WORDS,
    words,
)
from .generate.qa import FAMILIES
from .generate.qa_rules import PIECE_START, PRONOUN_START, YES_NO_START, gives_away, self_contained
from .generate.worth import why_not_worth
from .identity import identify
from .lock import Lock
from .lock_file import read_lock
from .model import Card, Episode, Location
from .overrides import Overrides, apply_override, moved_fact_message, read_overrides, stale_message, stale_overrides
from .sources import discover, read_episodes

Severity = Literal["error", "warning"]
GOOD_QA_ANSWER_WORDS = 5
MAX_BULLET_WORDS = 40
NUMERIC_WH = re.compile(r"\b(?:how many|how much|what percentage|what year|what odds)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Problem:
    """One broken rule: where, which rule, what is wrong, and how bad."""

    location: Location
    rule: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        return f"{self.location}: {self.rule}: {self.severity}: {self.message}"


def lint_paths(
    paths: Iterable[Path], *, lock: Path | None = None, overrides: Path | None = None
) -> tuple[Problem, ...]:
    """Every problem in the sources found under ``paths`` and in the cards they make, then in the
    overrides file (``lock`` gives the GUIDs its entries are keyed by)."""
    problems: list[Problem] = []
    chosen = read_overrides(overrides)
    episodes: list[Episode] = []
    paths = list(paths)
    for path in discover(paths):
        try:
            read = read_episodes(path)
        except NotEpisodeNotes:  # a README beside the notes: nothing to lint
            continue
        except NotecardsError as error:
            problems.append(Problem(Location(error.path or str(path), error.line or 1), "source", error.message))
            continue
        for episode in read:
            problems.extend(lint_episode(episode))
            episodes.append(episode)
    if not episodes and not problems:
        raise NotecardsError(f"{', '.join(str(path) for path in paths)}: no episode notes found")
    if chosen:
        problems.extend(check_overrides(chosen, episodes, read_lock(lock)))
    return tuple(problems)


def check_overrides(overrides: Overrides, episodes: Iterable[Episode], previous: Lock) -> list[Problem]:
    """Overrides no card has any more, edits whose fact changed since, and edits that do not fit
    their card (cloze text for a Q/A card): one problem each, at the entry's line."""
    problems: list[Problem] = []
    made: list[str] = []
    episodes = tuple(episodes)
    for episode in episodes:
        entries = previous.episode(episode.key)
        by_guid = {entry.guid: entry for entry in entries}
        for item in identify(episode, generate(episode), entries):
            made.append(item.guid)
            entry = overrides.get(item.guid)
            if entry is None or not entry.edited:
                continue
            where = Location(overrides.path, entry.line)
            try:
                apply_override(item, entry, by_guid.get(item.guid), overrides.path)
            except NotecardsError as error:
                problems.append(Problem(where, "override", error.message))
            if entry.fact_text and entry.fact_text != item.card.fact.text:
                problems.append(Problem(where, "override", moved_fact_message(entry), "warning"))
    for entry in stale_overrides(overrides, made, previous, (episode.key for episode in episodes)):
        problems.append(Problem(Location(overrides.path, entry.line), "override", stale_message(entry), "warning"))
    return problems


def lint_episode(episode: Episode) -> tuple[Problem, ...]:
    """The source's own problems, then its cards' problems, then determinism (R12)."""
    cards = generate(episode)
    problems = [*check_source(episode), *check_cards(cards, episode)]
    if generate(episode) != cards:
        problems.append(Problem(episode.source, "R12", "generating twice gave different cards"))
    return tuple(sorted(problems, key=lambda p: (p.location.path, p.location.line, p.rule)))


def check_source(episode: Episode) -> list[Problem]:
    """Warnings about notes that cannot make good cards."""
    problems = []
    if not episode.date:
        problems.append(Problem(episode.source, "R10", "no episode date: cards cannot be date-stamped", "warning"))
    for fact in episode.facts:
        count = len(words(fact.text))
        if count > MAX_BULLET_WORDS:
            problems.append(
                Problem(
                    fact.location,
                    "R1",
                    f"bullet of {count} words is more than one fact; split it (at most {MAX_BULLET_WORDS})",
                    "warning",
                )
            )
        if SENTENCE_BREAK.search(fact.text.rstrip(".!? ")):
            problems.append(Problem(fact.location, "R1", "bullet has more than one sentence; one fact each", "warning"))
    for recommendation in episode.recommendations:
        if recommendation.quote and not recommendation.speaker:
            problems.append(
                Problem(
                    recommendation.location, "R10", f"quote about {recommendation.name!r} has no speaker", "warning"
                )
            )
    return problems


def check_cards(cards: Iterable[Card], episode: Episode | None = None) -> list[Problem]:
    """Every rule a card breaks; per-fact limits (R11) across the cards of each fact."""
    cards = tuple(cards)
    title = episode.title if episode is not None else ""
    problems = [
        problem
        for card in cards
        for problem in (check_cloze(card) if card.kind == "cloze" else [*check_qa(card), *check_worth(card, title)])
    ]
    cloze_texts = Counter((card.fact, card.text) for card in cards if card.kind == "cloze")
    for (fact, _), count in cloze_texts.items():
        if count > 1:
            problems.append(Problem(fact.location, "R11", f"{count} cloze notes for the same sentence"))
    qa_counts = Counter(card.fact for card in cards if card.kind == "qa")
    for fact, count in qa_counts.items():
        if count > MAX_QA_PER_FACT:
            problems.append(
                Problem(fact.location, "R11", f"{count} Q/A cards for one fact (at most {MAX_QA_PER_FACT})", "warning")
            )
    return problems


def check_cloze(card: Card) -> list[Problem]:
    where, text = card.fact.location, card.text
    problems: list[Problem] = []

    def problem(rule: str, message: str, severity: Severity = "error") -> None:
        problems.append(Problem(where, rule, f"[{card.role}] {message}", severity))

    deletions = sorted(card.deletions, key=lambda d: d.start)
    if not deletions:
        problem("R3", "cloze note hides nothing")
        return problems
    if len({d.number for d in deletions}) > MAX_DELETIONS:
        problem("R3", f"{len({d.number for d in deletions})} deletions (at most {MAX_DELETIONS})")
    if any(a.end > b.start for a, b in pairwise(deletions)):
        problem("R3", "deletions overlap")
        return problems
    breaks = [match.start() + 1 for match in SENTENCE_BREAK.finditer(text.rstrip(".!? "))]
    asked_in = {sum(1 for end in breaks if end <= d.start) for d in deletions}
    if len(asked_in) > 1 or asked_in and max(asked_in) < len(breaks):
        problem("R1", "cloze hides words of more than one sentence, or a sentence follows them")
    by_number: dict[int, list[str]] = {}
    for d in deletions:
        by_number.setdefault(d.number, []).append(text[d.start : d.end])
    hidden = 0
    for number, answers in sorted(by_number.items()):
        answer = answers[0]
        count = answer_length(answer)
        expansion = _is_expansion_in(text, answer)
        if count > (MAX_EXPANSION_WORDS if expansion else MAX_CLOZE_ANSWER_WORDS):
            problem("R2", f"c{number} answer {answer!r} has {count} words (at most {MAX_CLOZE_ANSWER_WORDS})")
        if not expansion:
            hidden += count * len(answers)
        if len(set(answers)) > 1:
            problem("R3", f"c{number} hides different strings {sorted(set(answers))}")
        others = [(d.start, d.end) for d in deletions]
        if re.search(r"(?<!\w)" + re.escape(answer) + r"(?!\w)", mask(text, others)):
            problem("R5", f"c{number} answer {answer!r} also appears unhidden")
        elif leaks(text, others, answer):
            problem("R5", f"c{number} answer {answer!r} is given away by a visible word")
        if is_enumeration(answer):
            problem("R6", f"c{number} answer {answer!r} is a list of three or more")
        if not [w for w in words(answer.lower()) if w not in STOP_WORDS] or re.fullmatch(r"\w+ly", answer):
            problem("R9", f"c{number} answer {answer!r} is not worth recalling (function word or adverb)")
        if answer.lower().startswith(tuple(h + " " for h in HEDGES)):
            problem("R9", f"c{number} answer {answer!r} hides a hedge; keep it visible", "warning")
    total = max(len(words(text)), 1)
    if hidden / total > MAX_HIDDEN_SHARE:
        problem("R4", f"{hidden} of {total} words hidden (at most {MAX_HIDDEN_SHARE:.0%})")
    return problems


def check_qa(card: Card) -> list[Problem]:
    where, question, answer = card.fact.location, card.question.strip(), card.answer.strip()
    problems: list[Problem] = []

    def problem(rule: str, message: str, severity: Severity = "error") -> None:
        problems.append(Problem(where, rule, f"[{card.role}] {message}", severity))

    count = len(words(answer))
    if not count:
        problem("R2", "empty answer")
    elif count > MAX_QA_ANSWER_WORDS:
        problem("R2", f"answer {answer!r} has {count} words (at most {MAX_QA_ANSWER_WORDS})")
    elif count > GOOD_QA_ANSWER_WORDS:
        problem("R2", f"answer {answer!r} has {count} words (ideally at most {GOOD_QA_ANSWER_WORDS})", "warning")
    if gives_away(question, answer):
        problem("R5", f"question gives away the answer {answer!r}")
    if len(words(question)) > MAX_QUESTION_WORDS:
        problem("R7", f"question has {len(words(question))} words (at most {MAX_QUESTION_WORDS})")
    if not question.endswith("?"):
        problem("R7", "question does not end with '?'")
    if PRONOUN_START.match(question):
        problem("R7", "question starts with a pronoun it does not resolve")
    if YES_NO_START.match(question):
        problem("R7", "yes/no question")
    if not self_contained(question):
        problem("R7", "question cannot be read on its own: a fragment, or an 'it' it does not resolve")
    if PIECE_START.match(answer):
        problem("R8", f"the answer {answer!r} is a piece of a clause, not a thing")
    if NUMERIC_WH.search(question) and not STATES_A_NUMBER.search(answer):
        problem("R8", f"question asks for a number but the answer {answer!r} is not one")
    if re.match(r"who\b", question, re.IGNORECASE) and re.search(r"\d", answer):
        problem("R8", f"'who' question with the answer {answer!r}")
    return problems


def check_worth(card: Card, title: str = "") -> list[Problem]:
    """The precision gates a generated Q/A card must pass (R13), for a hand-written or overridden card: a
    warning naming the card's role and the family its pattern is judged in (docs/card-quality.md)."""
    reason = why_not_worth(card, title)
    if not reason:
        return []
    family = FAMILIES.get(card.role, "hand" if card.role.startswith("hand") else "recommendation")
    return [
        Problem(
            card.fact.location, "R13", f"[{card.role}, {family}] a learner would likely delete it: {reason}", "warning"
        )
    ]


def _is_expansion_in(text: str, answer: str) -> bool:
    """The "stands for" expansion or "(expansion)" of an acronym in the sentence: allowed to be longer."""
    acronyms = re.findall(r"\b[A-Za-z]*[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*\b", text)
    return any(is_expansion(answer, acronym) for acronym in acronyms)
