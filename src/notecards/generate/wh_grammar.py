"""The small grammar the wh-questions share: what a name, a title and a class noun look like, where a
clause's verb is, and where its verb phrase ends. No tagger: positions and closed word classes only,
so every check is cheap and can be read."""

from __future__ import annotations

import re
from functools import cache

from .lexicon import AUXILIARIES, IRREGULAR_PAST, NOT_VERBS, PRESENT_VERBS, STOP_WORDS, zipf

NAME_WORD = r"(?:[A-Z][\w\-.]*[\w](?:[’'][A-Z][\w\-]*)?|[a-z]+[A-Z][\w\-]*|[A-Z])"
NAME = NAME_WORD + r"(?:\s(?:(?:of|for|de|van|von)\s)?" + NAME_WORD + r"|\s\d+[A-Za-z]?\b)*"
# One to three lower-case words naming a class ("programming language", "organ work"), never a verb.
KIND = (
    r"(?:(?!(?:is|are|was|were|has|have|had)\b)[a-z][\w\-]*\s){0,2}(?!(?:is|are|was|were|has|have|had)\b)[a-z][\w\-]*"
)
# A title between commas: "Fire and Smoke", "The Art of Learning".
TITLE = r"[A-Z][\w’'\-]*(?:\s(?:[A-Z][\w’'\-]*|\d+|of|and|the|for|in|a|to|&)){0,6}(?<=[\w])"
CLAUSE_BREAK = re.compile(r";\s+|,\s+(?:and|but|while|yet|so)\s+(?=[A-Z])|:\s+(?=[A-Z])")
PREDICATE_END = re.compile(
    r"[;:]|,\s+(?:which|who|where|and|but|so|yet|while|such|a|an|the|[a-z]+ing|[a-z]+(?<!s)s|[a-z]+ed)\b"
    r"|\s+(?:and|but|while|which|because|rather than)\s+(?=[a-z]+(?:s|ed|ing)\s|(?:"
    + "|".join(sorted(IRREGULAR_PAST))
    + r")\s)"
    r"|\s+\(|[.!?]\s*$"
)
FINITE_VERB = re.compile(
    r"(?:(?:once|first|also|still|just|only|never|now|[a-z]+ly)\s+)?"
    r"(?P<verb>is|are|was|were|has|have|had|can|could|will|would|[a-z]{2,}(?<![su]s)s|[a-z]{2,}ed|"
    + "|".join(sorted(IRREGULAR_PAST))
    + r")\b"
)
PLAIN_VERBS = frozenset(
    (
        "come go make take get give tend seem need want use work run become keep show find help "
        "aim try let say think know see look"
    ).split()
)
# Verbs whose sentence defines or names its subject ("X stands for …", "X calls Y Z"): own patterns ask those.
TERM_VERBS = frozenset("stands stood means calls called".split())
SPEECH_VERBS = frozenset(
    (
        "said says argues argued thinks thought believes believed suggests suggested claims claimed "
        "notes noted estimates estimated"
    ).split()
)


@cache
def compiled(pattern: str) -> re.Pattern:
    """Patterns built from ``NAME`` compiled once: the ``re`` module's own cache is shared and churns."""
    return re.compile(pattern)


def re_match(pattern: str, text: str) -> re.Match | None:
    return compiled(pattern).match(text)


def re_search(pattern: str, text: str) -> re.Match | None:
    return compiled(pattern).search(text)


def re_finditer(pattern: str, text: str):
    return compiled(pattern).finditer(text)


def re_sub(pattern: str, replacement: str, text: str) -> str:
    return compiled(pattern).sub(replacement, text)


def main_clauses(text: str) -> list[tuple[int, str]]:
    """The text's main clauses with where each starts: split at ";", ": X" and ", and X"."""
    pieces, start = [], 0
    for match in CLAUSE_BREAK.finditer(text):
        pieces.append((start, text[start : match.start()]))
        start = match.end()
    pieces.append((start, text[start:]))
    return [(at, piece.rstrip(" .")) for at, piece in pieces if piece.strip()]


def verb_phrase(rest: str) -> str:
    """The verb phrase up to where a new clause or an aside starts."""
    end = PREDICATE_END.search(rest)
    return (rest[: end.start()] if end else rest).strip().rstrip(",.")


def finite_verb_at(rest: str) -> re.Match | None:
    """The finite verb ``rest`` starts with; not a plural noun ("examples are …", "pandemics come …")."""
    match = FINITE_VERB.match(rest)
    if not match or match["verb"] in NOT_VERBS or match["verb"] in STOP_WORDS and match["verb"] not in AUXILIARIES:
        return None
    following = re.match(r"\s+([a-z]+)", rest[match.end() :])
    if (
        match["verb"].endswith("s")
        and match["verb"] not in AUXILIARIES
        and following
        and (following[1] in AUXILIARIES or following[1] in PRESENT_VERBS or _plain_verb(following[1]))
    ):
        return None
    return match


def _plain_verb(word: str) -> bool:
    """ "come", "tend", "make": a bare verb after a plural noun subject, not a noun or an adverb."""
    return (
        word not in STOP_WORDS
        and not word.endswith(("s", "ly", "ing", "ed", "al", "ic"))
        and zipf(word) > 4.5
        and word in PLAIN_VERBS
    )


def is_asked_name(name: str, initial: bool = False) -> bool:
    """A proper name worth asking: not one everyday capitalised word ("China", "Humanity"); at the start
    of a clause, not an ordinary word that is only capitalised there ("Engineered pandemics")."""
    tokens = name.split()
    if not tokens or all(t[0].isdigit() for t in tokens) or tokens[0] in ("The", "A", "An", "In", "I"):
        return False
    if initial and len(tokens) > 1 and tokens[0].lower() in STOP_WORDS:
        return False  # "Most Roman aqueducts": a quantifier capitalised at the start, not a name
    return not (len(tokens) == 1 and tokens[0][1:].islower() and zipf(tokens[0].lower()) > (3.0 if initial else 4.0))


# The last word of an organisation's or a project's name, never of a person's: "Open Philanthropy", "GiveWell Labs".
ORGANISATION_WORDS = frozenset(
    (
        "philanthropy labs lab foundation institute university college ventures capital partners "
        "research systems technologies technology group fund trust society association council "
        "project network media press records studios studio games company corporation bank "
        "agency school academy museum library center centre initiative alliance robotics "
        "therapeutics pharmaceuticals industries holdings productions entertainment pictures "
        "publishing"
    ).split()
)
PERSON_WORD = r"[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?"  # "Fei-Fei", "Jean-Paul"


def names_a_class(aside: str) -> bool:
    """ "a Hungarian doctor", "the fifth basic taste": an aside that says what its head is; never a time
    ("a year later") or a pointer back ("the one he built", "the company she joined")."""
    return (
        re.match(r"(?:an?|the)\s", aside) is not None
        and not re.search(r"\b(?:later|ago|earlier|before|after|again)$", aside)
        and not re.match(r"(?:an?|the)\s(?:few|year|decade|day|week|month|time|same|other|one)(?![\w\-])", aside)
        and not re.search(r"\b(?:he|she|they|his|her|their|it|its|him|them)\b", aside)
    )


def looks_like_person(name: str) -> bool:
    tokens = [t for t in name.split() if t not in ("van", "von", "de", "da", "di", "du", "der", "den", "la", "le")]
    if len(tokens) != len(name.split()) and (
        name.split()[0] in ("van", "von", "de", "da", "di", "du") or name.split()[-1][0].islower()
    ):
        return False
    return (
        2 <= len(tokens) <= 3
        and all(re.fullmatch(PERSON_WORD, t) for t in tokens)
        and tokens[-1].lower() not in ORGANISATION_WORDS
        and (zipf(tokens[-1].lower()) < 4.0 or "-" in tokens[0])
    )
