"""Atomic facts: a long bullet is split into stand-alone statements, one cloze note each (rule R1).

Only splits that keep every piece a grammatical sentence with its own subject are made:
``A; B``, ``A, and <Subject> …`` (a pronoun subject is replaced by the sentence's named subject),
and three or more coordinated predicates sharing one subject
("K is compact, wins benchmarks, and costs $100,000, used by hedge funds").
"""

from __future__ import annotations

import re

from .lexicon import SENTENCE_BREAK, STOP_WORDS, words

MIN_SPLIT_WORDS = 22  # shorter bullets are one fact already
JOINERS = re.compile(r";\s+|,\s+(?:and|but|while|yet)\s+")
SUBJECT_START = re.compile(r"(?:[A-Z][\w’'\-]*|(?:the|his|her|its|their|most|all|many|some)\s)")
PRONOUNS = {"he": "", "she": "", "they": ""}
REFERS_BACK = re.compile(r"(?:It|It’s|It's|Its|This|That|These|Those|They|Their|He|She|His|Her)\b")
FINITE = re.compile(r"\s(is|are|was|were|has|have|had|can|could|will|would|[a-z]+(?:s|ed))\s")
PREDICATE = re.compile(r"(?:is|are|has|have|was|were|[a-z]{3,}(?:s|ed))\b")


def atomic_clauses(sentence: str) -> list[str]:
    """The sentence as one or more atomic statements; the sentence itself when it needs no split.
    Text of several sentences (a highlight, a takeaway of an export) is split into them first, except
    before a sentence that opens with a pronoun ("It's a few thousand cells"): the one before it stays
    in front, as the context that names what it means."""
    ends = [
        match.start() + 1
        for match in SENTENCE_BREAK.finditer(sentence)
        if not REFERS_BACK.match(sentence, match.end() - 1)
    ]
    if ends:
        sentences = [sentence[a:b].strip() for a, b in zip([0, *ends], [*ends, len(sentence)], strict=True)]
        return [clause for one in sentences for clause in atomic_clauses(one)]
    if len(words(sentence)) < MIN_SPLIT_WORDS:
        return [sentence]
    predicates = _coordinated_predicates(sentence)
    if predicates:
        return predicates
    subject = _named_subject(sentence)
    pieces: list[str] = []
    rest = sentence
    for match in JOINERS.finditer(sentence):
        left, right = sentence[len(sentence) - len(rest) : match.start()], sentence[match.end() :]
        first = right.split()[0] if right.split() else ""
        if first.lower() in PRONOUNS and subject:
            right = subject + right[len(first) :]
        elif not SUBJECT_START.match(right) or first in ("I", "It", "This", "That", "These", "They"):
            continue
        if len(words(left)) < 6 or len(words(right)) < 5 or not FINITE.search(" " + right + " "):
            continue
        pieces.append(left)
        rest = right
    if not pieces:
        return [sentence]
    return [_as_sentence(piece) for piece in (*pieces, rest)]


def _named_subject(sentence: str) -> str:
    """The name a sentence starts with, when a verb follows it ("Chris briefly ran …" → "Chris")."""
    match = re.match(r"((?:[A-Z][\w\-]+\s){1,3})(?:[a-z]+ly\s)?[a-z]+(?:s|ed)?\s", sentence)
    if not match or match[1].startswith(("The ", "A ", "An ")):
        return ""
    name = match[1].strip()
    if name.split()[0].lower() in STOP_WORDS:
        return ""  # "When he stepped down": a subordinator, not a subject
    if " " not in name and name.endswith(("ed", "ing", "ly")):
        return ""  # "Engineered pandemics come second": an ordinary word, not a name
    return name


def _coordinated_predicates(sentence: str) -> list[str]:
    """ "S V1 …, V2 …, and V3 …" → "S V1 …", "S V2 …", "S V3 …"; participles become "S is … by …"."""
    if ";" in sentence:
        return []  # "A; B, based on C, …": the semicolon splits first, the commas belong to B
    segments = re.split(r",\s+(?:and\s+)?", sentence.rstrip("."))
    if len(segments) < 3:
        return []
    verb = FINITE.search(" " + segments[0] + " ")
    if not verb:
        return []
    subject = re.sub(r"\s*\([^)]*\)", "", segments[0][: max(verb.start() - 1, 0)]).strip()
    if not subject or len(words(subject)) > 6:
        return []
    pieces = [segments[0]]
    for segment in segments[1:]:
        if re.match(r"[a-z]+ed\s+by\s", segment):
            pieces.append(f"{subject} {'are' if subject.endswith('s') else 'is'} {segment}")
        elif PREDICATE.match(segment):
            pieces.append(f"{subject} {segment}")
        else:
            pieces[-1] += ", " + segment
    if len(pieces) < 3:
        return []
    return [_as_sentence(piece) for piece in pieces]


def _as_sentence(text: str) -> str:
    text = text.strip().rstrip(",;")
    text = text[0].upper() + text[1:] if text else text
    return text if text.endswith((".", "!", "?")) else text + "."
