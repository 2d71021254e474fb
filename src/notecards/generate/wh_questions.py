"""Wh-questions for a named thing by where it stands in its clause, so most facts with a salient name
get one short card.

Each form replaces the name with the wh-word English uses for that position, and keeps the rest
of the clause as written:

* subject: "CD Baby started by accident when …" → "What started by accident when …?"; with an aside
  that names its class, "Umami, the fifth basic taste, was …" → "Which fifth basic taste was …?";
* apposition: "… from ABC, a teaching language Guido …" → "… from which teaching language Guido …?";
  "DeepSeek's parent, the Chinese quant hedge fund High-Flyer, …" → "Which Chinese quant hedge fund
  is DeepSeek's parent?";
* name before its class noun: "The K programming language is …" → "Which programming language is …?";
* a name in brackets after a lower-case phrase: "… introduced transfer learning to NLP (ULMFiT)" →
  "… introduced transfer learning to NLP under what name?";
* a quoted name before its class noun: "… follows a “batteries included” philosophy" → "… follows what
  philosophy?";
* and what somebody owns or is (``owned_questions``).

Every card is still checked by ``qa_rules.is_clean``; context names (guests, host, topics) are never
answers.
"""

from __future__ import annotations

import re

from ..model import Card, Fact
from .acronyms import expansion_before
from .lexicon import PREPOSITIONS, STOP_WORDS, words, zipf
from .owned_questions import owned_cards
from .qa_rules import MAX_QUESTION_WORDS
from .questions import has_finite_verb
from .term_questions import PERSON_VERBS
from .wh_grammar import (
    KIND,
    NAME,
    SPEECH_VERBS,
    TERM_VERBS,
    finite_verb_at,
    is_asked_name,
    looks_like_person,
    main_clauses,
    names_a_class,
    re_match,
    re_search,
    re_sub,
    verb_phrase,
)
from .who_questions import PERSON_ACTIONS


def wh_cards(fact: Fact, text: str, excluded: frozenset[str], owner: str = "") -> list[Card]:
    """Every wh-question of this module the text gives; ``qa.PREFERENCE`` decides which a fact keeps.

    ``owner`` is who "his"/"her" means (the episode's one guest), or "" when that is unclear.
    """
    cards = owned_cards(fact, text, owner)
    for make in (_apposition, _name_before_class, _subject_name, _bracketed_name, _quoted_kind):
        cards.extend(make(fact, text))
    return [c for c in cards if not _excluded(c.answer, excluded)]


def _excluded(answer: str, excluded: frozenset[str]) -> bool:
    parts = {part for name in excluded for part in name.split()} - {"The", "A", "An", "In", "On", "At", "For"}
    return answer in excluded or any(token in parts for token in answer.replace("’s", "").split())


def _subject_name(fact: Fact, text: str) -> list[Card]:
    """ "CD Baby started by accident when …" → "What started by accident when …?" (or "Who" for a person)."""
    for _at, clause in main_clauses(text):
        clause = re_sub(r"^(?:" + NAME + r")(?:’s|'s)\s+(?=[A-Z])", "", clause)  # "Jason Antic's DeOldify"
        match = re_match(
            r"(?P<name>(?:The\s)?" + NAME + r")(?:\s\([^)]*\)|,\s(?P<aside>(?:an?|the)\s[A-Za-z][^,;()]{2,70}"
            r"|" + NAME + r"(?:’s|'s)\s[^,;()]{2,30}),)?\s+",
            clause,
        )
        name = match["name"].removeprefix("The ") if match else ""
        if not match or not is_asked_name(name, initial=True):
            continue
        aside = match["aside"] or ""
        classed = names_a_class(aside)
        if re.match(r"(?:an?|the)\s", aside) and not classed:
            continue  # "X, a year later, …", "X, the one he built, …": a time or a pointer, not X's class
        if re.fullmatch(r"[A-Z][a-zà-ÿ]+", name) and not classed:
            continue  # "Semmelweis showed …": one capitalised word may be a person or a thing; "Gato, a … model, …" is classed
        rest = clause[match.end() :]
        verb = finite_verb_at(rest)
        if not verb or verb["verb"] in ("has", "have", "had"):
            continue  # "X has …" asks little
        if re.match(r"(?:is|are|was|were)\s+(?:an?|one)\b", rest) or verb["verb"] in TERM_VERBS:
            continue  # a definition or an expansion: their own cards
        person = looks_like_person(name) and name == match["name"]
        if verb["verb"] in SPEECH_VERBS:
            continue  # "X argues that …": the claim, not the speaker, is the fact
        predicate = verb_phrase(rest)
        if classed and len(words(aside)) + len(words(predicate)) > MAX_QUESTION_WORDS - 1 and ", " in predicate:
            predicate = predicate.split(", ")[
                0
            ]  # "can play Atari games, caption images, chat …": the list's first item
        if len(words(predicate)) < 3:
            continue
        if person and verb["verb"] not in PERSON_ACTIONS | PERSON_VERBS:
            continue  # "Hurricane Ella headed …", "Fossil Fuels grew …": "Who" only for what people do
        wh = "Who" if person else "What"
        if re.match(
            r"(?:an?|the)\s", aside
        ):  # "Umami, the fifth basic taste, was …" → "Which fifth basic taste was …?"
            wh = "Which " + aside.split(" ", 1)[1]
        elif (
            aside
        ):  # "Kitchen Confidential, Anthony Bourdain's memoir, made …" → "Which memoir by Anthony Bourdain made …?"
            owner, _, kind = aside.partition("’s " if "’s " in aside else "'s ")
            wh = f"Which {kind.split()[-1]} by {owner}"
        return [
            Card(
                "qa",
                "qa-what" if wh == "What" else "qa-who" if wh == "Who" else "qa-which",
                fact,
                question=f"{wh} {predicate}?",
                answer=match["name"],
            )
        ]
    return []


def _apposition(fact: Fact, text: str) -> list[Card]:
    """ "from ABC, a teaching language …" → "from which teaching language …?";
    "X's parent, the Chinese fund High-Flyer, …" → "Which Chinese fund is X's parent?"."""
    a = re_search(
        r"(?P<name>" + NAME + r"),\s+(?:a|an)\s+(?P<noun>(?:[A-Za-z][\w\-]*\s){0,3}?[a-z][\w\-]*)"
        r"(?P<rest>(?:(?!\swith\s)[^,;:.])*)",
        text,
    )
    if a and is_asked_name(a["name"]):
        before = text[: a.start()]
        previous = before.split()[-1].lower() if before.split() else ""
        if before and has_finite_verb(before) and (previous in PREPOSITIONS or finite_verb_at(previous)):
            question = f"{before}which {a['noun']}{a['rest']}".strip()
            return [Card("qa", "qa-which", fact, question=question[0].upper() + question[1:] + "?", answer=a["name"])]
    the = re_search(
        r"(?P<head>(?:" + NAME + r")(?:’s|'s)\s+[a-z][\w\-]*),\s+the\s+"
        r"(?P<kind>(?:[A-Za-z][\w\-]*\s){1,4}?)(?P<name>" + NAME + r"),",
        text,
    )
    if the and is_asked_name(the["name"]) and the["kind"].split()[-1][0].islower():
        return [
            Card("qa", "qa-which", fact, question=f"Which {the['kind'].strip()} is {the['head']}?", answer=the["name"])
        ]
    return []


def _name_before_class(fact: Fact, text: str) -> list[Card]:
    """ "The K programming language (…) is so compact …" → "Which programming language is so compact …?"."""
    match = re_match(
        r"The\s+(?P<name>" + NAME + r")\s+(?P<kind>" + KIND + r")"
        r"(?P<aside>\s\([^)]*\)|,[^,;]+,)?\s+",
        text,
    )
    if not match or not is_asked_name(match["name"]):
        return []
    verb_inside = next((i for i, w in enumerate(match["kind"].split()) if i and finite_verb_at(w)), None)
    if (
        verb_inside and not match["aside"]
    ):  # "The Bretton Woods agreement tied currencies": the kind ends before its verb
        match = re_match(
            r"The\s+(?P<name>"
            + NAME
            + r")\s+(?P<kind>(?:[a-z][\w\-]*\s){"
            + str(verb_inside - 1)
            + r"}[a-z][\w\-]*)(?P<aside>)\s+",
            text,
        )
        if not match:
            return []
    kind = match["kind"]
    if kind.split()[-1] in STOP_WORDS or finite_verb_at(kind.split()[-1]) or zipf(kind.split()[-1]) < 3.0:
        return []
    if any(w in STOP_WORDS or finite_verb_at(w) for w in kind.split()):
        return []  # "The Dutch East India Company issued the first …": a verb phrase, not a class noun
    rest = text[match.end() :]
    verb = finite_verb_at(rest)
    if not verb or verb["verb"] in SPEECH_VERBS:
        return []  # "The Lindy effect says that …": the claim is cut where it goes on
    if re.match(r"(?:is|are|was|were)\s+(?:an?|one)\b", rest):
        return []  # "The X mechanism is an ancient …": a definition, asked by "called" (term_questions)
    predicate = verb_phrase(rest)
    if len(words(predicate)) < 3:
        return []
    aside = (match["aside"] or "") if (match["aside"] or "").startswith(",") else ""
    return [Card("qa", "qa-which", fact, question=f"Which {kind}{aside} {predicate}?", answer=match["name"])]


def _bracketed_name(fact: Fact, text: str) -> list[Card]:
    """ "… introduced transfer learning to NLP (ULMFiT)" → "… introduced transfer learning to NLP under what name?"."""
    match = re.search(r"\s\((?P<name>[A-Z][\w\-]*[A-Z][\w\-]*|[A-Z][a-z]+[A-Z][\w\-]*)\)", text)
    if not match:
        return []
    before = text[: match.start()]
    start = max(before.rfind("; "), before.rfind(": "))
    before = before[start + 2 :] if start >= 0 else before
    if not before or not has_finite_verb(before) or len(words(before)) > 20:
        return []
    if expansion_before(before, match["name"]):
        return []  # "Digital Equipment Corporation (DEC)": an expansion, asked as stands-for
    question = f"{before} under what name?"
    return [Card("qa", "qa-called", fact, question=question[0].upper() + question[1:], answer=match["name"])]


def _quoted_kind(fact: Fact, text: str) -> list[Card]:
    """ "X follows a “batteries included” philosophy, so …" → "X follows what philosophy?"."""
    match = re.search(
        r"\b(?:a|an|the)\s+[“\"](?P<quote>[^”\"]{2,40})[”\"]\s+(?P<noun>[a-z][\w\-]+)"
        r"(?P<rest>[^,;:.]*)",
        text,
    )
    if not match or match["noun"] in STOP_WORDS or len(words(match["quote"])) > 5:
        return []
    before = text[: match.start()]
    previous = before.split()[-1].lower() if before.split() else ""
    if (
        not has_finite_verb(before)
        or not (previous in PREPOSITIONS or finite_verb_at(previous))
        or before.rstrip().endswith(",")
    ):
        return []
    rest = re.split(r"\s(?:so|because|while|which|that|and|but)\s", match["rest"])[0]
    question = f"{before}what {match['noun']}{rest}".strip()
    answer = match["quote"][0].upper() + match["quote"][1:]
    return [Card("qa", "qa-which", fact, question=question[0].upper() + question[1:] + "?", answer=answer)]
