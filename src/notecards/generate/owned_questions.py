"""Wh-questions about what somebody owns or is: "X's N", "his N Title", "“Q” is his phrase for …",
"X's N is Y".

* possessor: "Josh draws on Carol Dweck's research …" → "Josh draws on whose research …?";
  "Epicurus' principle … says …" → "Whose principle … says …?";
* a named work after its owner: "his organ work Fantasia Apocalyptica, …, premiered in Sweden" →
  "Which organ work of Donald Knuth’s premiered in Sweden?";
* a quoted phrase: "“Numbers to leave numbers” is his phrase for …" → "What is Josh Waitzkin’s phrase
  for …?";
* a possessive subject of "is": "Toby Ord's biggest single risk is unaligned AI, …" → "What is Toby
  Ord's biggest single risk?".
"""

from __future__ import annotations

import re

from ..model import Card, Fact
from .lexicon import PREPOSITIONS, STOP_WORDS, words, zipf
from .questions import has_finite_verb
from .wh_grammar import (
    FINITE_VERB,
    KIND,
    NAME,
    SPEECH_VERBS,
    TITLE,
    finite_verb_at,
    is_asked_name,
    main_clauses,
    re_finditer,
    re_match,
    re_search,
    verb_phrase,
)


def owned_cards(fact: Fact, text: str, owner: str) -> list[Card]:
    """The owner-shaped questions the text gives; ``owner`` is who "his"/"her" means, or ""."""
    return [
        *_possessor(fact, text),
        *_owned_name(fact, text, owner),
        *_quoted_phrase_of(fact, text, owner),
        *_owned_kind_called(fact, text, owner),
    ]


def _possessor(fact: Fact, text: str) -> list[Card]:
    """ "X's N …" → "Whose N …?": a possessor, at the start of a clause or after a verb or preposition."""
    for _at, clause in main_clauses(text):
        for match in re_finditer(
            r"(?:^|(?<=\s))(?P<name>" + NAME + r")(?:’s|'s|(?<=s)’|(?<=s)')\s+"
            r"(?P<noun>[a-z][\w\-]*)",
            clause,
        ):
            name, noun = match["name"], match["noun"]
            if not is_asked_name(name) or zipf(noun) < 4.0 or noun in STOP_WORDS:
                continue  # "Occam's razor", "Moore's Law": the possessive is part of a term
            before = clause[: match.start()]
            after = clause[match.start("noun") :]
            if not before.strip():
                verb = re_search(r"\s(?=" + FINITE_VERB.pattern + r")", after)
                if (
                    not verb
                    or not finite_verb_at(after[verb.end() :])
                    or re.search(r"[,(]", after[: verb.start()])
                    or not is_asked_name(name, initial=True)
                ):
                    continue  # the possessor's noun phrase must run straight into its verb
                question = "Whose " + verb_phrase(after)
            else:
                previous = before.split()[-1].lower()
                if not has_finite_verb(before) or previous.endswith(","):
                    continue
                bare_verb = re.search(r"\bto\s+[a-z]+\s$", before)  # "pushed London to build X's network"
                if previous not in PREPOSITIONS and not finite_verb_at(previous) and not bare_verb:
                    continue
                question = before + "whose " + verb_phrase(after)
            return [Card("qa", "qa-whose", fact, question=question[0].upper() + question[1:] + "?", answer=name)]
    return []


def _owned(owner_word: str, owner: str) -> str:
    """ "his" → "Donald Knuth’s" when the owner is known; "Knuth's" stays; "" when it cannot be said."""
    if owner_word.lower() in ("his", "her", "their"):
        return f"{owner}’s" if owner else ""
    return owner_word


def _owned_name(fact: Fact, text: str, owner: str) -> list[Card]:
    """ "his organ work Fantasia Apocalyptica, …, premiered in Sweden" → "Which organ work of Donald Knuth’s
    premiered in Sweden …?": a named work that starts its clause after its owner and class noun."""
    for _at, clause in main_clauses(text):
        match = re_match(
            r"(?P<owner>[Hh]is|[Hh]er|[Tt]heir|" + NAME + r"(?:’s|'s))\s+"
            r"(?P<kind>" + KIND + r")\s+(?P<name>" + NAME + r")"
            r"(?:\s\(\d{4}\))?(?:,[^,;]+,)?\s+",
            clause,
        ) or re_match(
            r"(?P<owner>[Hh]is|[Hh]er|[Tt]heir|" + NAME + r"(?:’s|'s))\s+"
            r"(?P<kind>" + KIND + r"),\s+(?P<name>" + TITLE + r"),\s+",
            clause,
        )  # "Her podcast, Footnotes, …"
        if not match or not is_asked_name(match["name"]):
            continue
        if match["kind"].split()[-1] in STOP_WORDS or finite_verb_at(match["kind"].split()[-1]):
            continue
        rest = clause[match.end() :]
        verb = finite_verb_at(rest)
        if not verb or verb["verb"] in SPEECH_VERBS:
            continue
        predicate = verb_phrase(rest)
        owned = _owned(match["owner"], owner)
        if not owned or len(words(predicate)) < 3:
            continue
        return [
            Card(
                "qa", "qa-which", fact, question=f"Which {match['kind']} of {owned} {predicate}?", answer=match["name"]
            )
        ]
    return []


def _quoted_phrase_of(fact: Fact, text: str, owner: str) -> list[Card]:
    """ "“Numbers to leave numbers” is his phrase for studying principles …" → "What is Josh Waitzkin’s
    phrase for studying principles …?"."""
    match = re.match(
        r"[“\"](?P<quote>[^”\"]{2,50})[”\"]\s+(?P<verb>is|was)\s+(?P<owner>[Hh]is|[Hh]er|[Tt]heir|"
        + NAME
        + r"(?:’s|'s))\s+(?P<rest>[a-z][^;:]+)",
        text,
    )
    if not match or not re.match(r"(?:[a-z][\w\-]*\s){0,2}(?:for|of)\s", match["rest"]):
        return []
    owned = _owned(match["owner"], owner)
    rest = re.split(r",\s|\s(?:and|but|which)\s", match["rest"])[0].rstrip(".")
    if not owned or len(words(rest)) > 16:
        return []
    answer = match["quote"][0].upper() + match["quote"][1:]
    return [Card("qa", "qa-quoted", fact, question=f"What {match['verb']} {owned} {rest}?", answer=answer)]


# Class nouns of a named made thing: "Tesla's humanoid robot Optimus", "Karpathy's 2017 essay Software 2.0".
THING_KINDS = frozenset(
    (
        "robot essay book novel paper company startup lab model app podcast film documentary course "
        "blog newsletter project algorithm chip processor engine framework library tool game album "
        "series language compiler editor website magazine show"
    ).split()
)


def _owned_kind_called(fact: Fact, text: str, owner: str) -> list[Card]:
    """ "Karpathy sees Tesla's humanoid robot Optimus as …" → "What is Tesla's humanoid robot called?" → "Optimus":
    a named thing right after its owner and class noun, wherever it stands in the sentence."""
    match = re_search(
        r"(?:^|(?<=\s))(?P<owner>[Hh]is|[Hh]er|" + NAME + r"(?:’s|'s))\s+(?P<kind>(?:(?:1[5-9]|20)\d\d\s)?"
        r"(?:[a-z][\w\-]*\s){0,2}[a-z][\w\-]*)\s+(?P<name>" + NAME + r"(?:\.\d+)?)(?=[\s,;:.]|$)",
        text,
    )
    if not match or match["kind"].split()[-1] not in THING_KINDS or not is_asked_name(match["name"]):
        return []
    if any(w in STOP_WORDS or finite_verb_at(w) for w in match["kind"].split()):
        return []  # "Tesla's cars see …": a verb, not a class noun
    owned = _owned(match["owner"], owner)
    if not owned or match["name"].split()[0] in ("I", "The", "A", "An"):
        return []
    return [
        Card("qa", "qa-owned-called", fact, question=f"What is {owned} {match['kind']} called?", answer=match["name"])
    ]
