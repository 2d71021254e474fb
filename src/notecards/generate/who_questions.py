"""Who-questions for a person named at the start of a bullet: "Leslie Smith discovered super-convergence"
→ "Who discovered super-convergence?"; "X was first described by Y" → "Who described X?"."""

from __future__ import annotations

import re

from ..model import Card, Fact
from .lexicon import STOP_WORDS, words, zipf
from .owned_questions import THING_KINDS

# What people do and things don't: "Leslie Smith discovered …", never "Hurricane Ella headed …".
PERSON_ACTIONS = frozenset(
    (
        "built wrote made ran won sold founded co-founded refused invented created discovered began started taught "
        "gave designed proposed coined developed pioneered introduced composed directed painted led predicted proved "
        "showed argued warned devised conceived co-wrote co-authored authored published recorded married studied "
        "trained coached played beat defeated named described broke fought commanded ruled conquered sang starred "
        "climbed sailed explored cured treated operated sued governed hired recruited mentored funded financed "
        "patented engineered programmed coded translated edited filmed photographed interviewed hosted"
    ).split()
)
WHO_STARTS = re.compile(
    r"^(?!The\s|A\s|An\s)(?P<name>(?:[A-Z][a-z][\w’'\-]*\s){1,2}[A-Z][a-z][\w’'\-]*)\s+(?:\([^)]*\)\s+)?"
    r"(?P<predicate>(?:once\s+|first\s+|briefly\s+)?(?:" + "|".join(sorted(PERSON_ACTIONS)) + r")\b[^;,.]*?)"
    r"(?=\s+(?:but|and|because|while|which|so|after|before)\b|[;,.](?!\d)|$)"
)

ROLE_NAME = re.compile(
    r"(?P<before>^|^In \d{4},\s+)(?P<role>(?:(?:[A-Z][\w’']+\s)?[A-Z][\w’']+(?:’s|'s)\s+|[A-Z][a-z]+\s+)?"
    r"(?:[a-z]+\s|[A-Z][a-zA-Z]?[A-Z]\w?\s){0,2}[a-z]+)\s+"
    r"(?P<name>[A-Z][a-z]+(?:\s[A-Z][a-z]+){1,2})\s+(?P<predicate>(?:[a-z]+ed|taught|built|wrote|made|ran|won|"
    r"went|began|gave|led|found|became)"
    r"\b[^;,]*?)(?=\s+(?:and|but|because|while)\s+(?:[a-z]+ed|he|she|they|it|so|then)\b|[;,.]|$)"
)

PASSIVE_BY = re.compile(
    r"^(?P<thing>[A-Z][\w\- ]{2,40}?)\s+was\s+(?:first\s+)?(?P<verb>[a-z]+ed)\s+by\s+(?:the\s+)?"
    r"(?:(?P<role>(?:[A-Z][a-z]+\s)?(?!the\b|a\b|an\b|his\b|her\b|their\b)[a-z]+)\s+)?"
    r"(?P<name>[A-Z][\w\-]+(?:\s(?:and\s)?[A-Z][\w\-]+){0,3})\b"
)


def who_cards(fact: Fact, text: str) -> list[Card]:
    passive = PASSIVE_BY.match(text)
    if passive:
        thing = passive["thing"]
        thing = thing[0].lower() + thing[1:] if _ordinary_start(thing) else thing
        lead = f"Which {passive['role']}" if passive["role"] else "Who"
        return [Card("qa", "qa-who", fact, question=f"{lead} {passive['verb']} {thing}?", answer=passive["name"])]
    match = WHO_STARTS.match(text)
    if match and episode_guest(fact, text):
        return []
    if match:
        predicate = re.sub(r"\s*\([^)]*\)", "", match["predicate"]).strip()
        if len(words(predicate)) < 4 and re.match(r"\s+(?:after|before)\b", text[match.end() :]):
            return []  # "Who converted to Buddhism?" cut before "after …": the wh-question keeps the rest
        return [Card("qa", "qa-who", fact, question=f"Who {predicate}?", answer=match["name"])]
    match = ROLE_NAME.match(text)
    if match and match["role"].split()[-1].lower() in STOP_WORDS:
        match = None  # "Holden and Elie Hassenfeld founded …": two people, no role
    if match and match["role"].split()[-1] in THING_KINDS:
        match = None  # "Ada’s podcast Deep Dive reached …": a made thing, not a person
    if match and re.search(r"[’']s\s", match["role"]):
        predicate = match["predicate"].strip()
        return [Card("qa", "qa-who", fact, question=f"Who, as {match['role']}, {predicate}?", answer=match["name"])]
    if match:
        lead = match["before"].strip()
        question = (
            f"{lead} which {match['role']} {match['predicate'].strip()}?"
            if lead
            else f"Which {match['role']} {match['predicate'].strip()}?"
        )
        return [Card("qa", "qa-who", fact, question=question[0].upper() + question[1:], answer=match["name"])]
    return []


def _ordinary_start(phrase: str) -> bool:
    first = phrase.split()[0]
    if all(t[0].isupper() for t in phrase.split()):
        return False  # "Magna Carta": every word capitalised, a name
    return first[1:].islower() and len(phrase.split()) > 1 and zipf(first.lower()) > 3.0  # one word: a name


def episode_guest(fact: Fact, text: str) -> bool:
    """True when the Who-answer would be the guest, put there by pronoun resolution: asks nothing."""
    return text != fact.text
