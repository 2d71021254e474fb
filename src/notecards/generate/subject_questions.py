"""Questions about a bullet's lower-case subject, by where it stands, for facts no name-based pattern asks:

* a modifier before its head noun: "Kelp forests store carbon …" → "Which forests store carbon …?" →
  "Kelp" (the head noun is in the question, so only the modifier is the answer, as "at which castle?");
  inside a reported claim: "Maria argues that kelp forests …" → "According to Maria, which forests …?";
* a term with an aside naming its class: "The axolotl, a Mexican salamander, can regrow …" → "Which
  Mexican salamander can regrow …?" → "The axolotl";
* a plural subject in the present with a reason or a means: "Orchestras tune to an A … because its
  pitch is steady" → "Why do orchestras tune to an A …?"; "Statins lower cholesterol by blocking an
  enzyme …" → "How do statins lower cholesterol?" → "Blocking an enzyme in the liver".

Positions and closed word lists only; every card is still checked by ``qa_rules.is_clean``.
"""

from __future__ import annotations

import re

from ..model import Card, Fact
from .lexicon import IRREGULAR_PAST, PRESENT_VERBS, STOP_WORDS, words, zipf
from .wh_grammar import SPEECH_VERBS, finite_verb_at, names_a_class, verb_phrase

# Modifiers that do not name a kind ("Modern CPUs", "Most people"): asking "Which CPUs …?" has no one answer.
VAGUE_MODIFIERS = frozenset(
    (
        "modern new old many most some good best better big bigger small smaller large larger "
        "other such certain several early recent first last young older younger great high low "
        "long short simple real true important major common typical average rich poor local "
        "different similar same whole entire main key top huge tiny few more less"
    ).split()
)
MODIFIER = r"[A-Za-z][a-z\-]+"
HEAD = r"[a-z][a-z\-]+"
COPULA_DEFINITION = re.compile(r"(?:is|are|was|were)\s+(?:an?|one|the)\b")


def subject_cards(fact: Fact, text: str) -> list[Card]:
    """At most one card: the first of the forms above that fits."""
    for make in (_modifier_subject, _aside_subject, _plural_reason):
        cards = make(fact, text)
        if cards:
            return cards
    return []


def _modifier_subject(fact: Fact, text: str) -> list[Card]:
    """ "Passive houses use thick insulation …" → "Which houses use thick insulation …?" → "Passive"."""
    lead, body = "", text
    reported = re.match(r"(?P<who>[A-Z][\w\-]+(?:\s[A-Z][\w\-]+)?)\s+(?P<verb>\w+)\s+that\s+", text)
    if reported and reported["verb"] in SPEECH_VERBS:
        lead, body = f"According to {reported['who']}, ", text[reported.end() :]
    tokens = re.findall(r"\S+", body)
    for size in (1, 2):  # "Kelp forests store", "Hand hygiene checklists cut"
        if len(tokens) < size + 3:
            break
        modifier, head, verb = tokens[:size], tokens[size], tokens[size + 1]
        if not all(re.fullmatch(r"[A-Za-z][a-z\-]+", t) for t in modifier) or not re.fullmatch(r"[a-z][a-z\-]+", head):
            continue
        if (
            any(t.lower() in STOP_WORDS or t.lower() in VAGUE_MODIFIERS or t.endswith(("ly", "s")) for t in modifier)
            or head in STOP_WORDS
            or head.endswith(("ly", "ed", "ss", "us", "is"))
            or not lead
            and modifier[0][0].islower()
        ):
            continue  # "Modern CPUs", "Swift uses": not a kind of the head noun
        if not _agrees(head, verb):
            continue
        rest = body[len(" ".join(tokens[: size + 1])) :].strip()
        if (
            COPULA_DEFINITION.match(rest)
            or verb in ("is", "are", "was", "were")
            and not re.match(
                r"\S+\s+(?:[a-z]+ed|" + "|".join(sorted(IRREGULAR_PAST)) + r"|made|built|written|known|found|used)\b",
                rest,
            )
        ):
            return []  # "Adversarial examples are inputs …": a definition has its own card
        predicate = verb_phrase(rest)
        if len(words(predicate)) < 3:
            return []
        answer = " ".join(modifier)
        answer = answer[0].upper() + answer[1:]
        question = f"{lead}{'which' if lead else 'Which'} {head} {predicate}?"
        return [Card("qa", "qa-which-kind", fact, question=question, answer=answer)]
    return []


def _agrees(head: str, verb: str) -> bool:
    """``verb`` is the finite verb of ``head``: a plain verb after a plural, "-s" after a singular, a past or modal after either."""
    if (
        verb in ("can", "could", "will", "would", "may", "might", "must")
        or verb in IRREGULAR_PAST
        or verb.endswith("ed")
        and verb[:-2] in PRESENT_VERBS | {v[:-1] for v in PRESENT_VERBS if v.endswith("e")}
    ):
        return True
    if head.endswith("s"):
        return verb in PRESENT_VERBS or verb in ("are", "were")
    return (
        verb in ("is", "was")
        or verb.endswith("s")
        and (
            verb[:-1] in PRESENT_VERBS
            or verb[:-2] in PRESENT_VERBS
            or verb.endswith("ies")
            and verb[:-3] + "y" in PRESENT_VERBS
        )
    )


def _aside_subject(fact: Fact, text: str) -> list[Card]:
    """ "The theremin, an early electronic instrument, is played …" → "Which early electronic instrument is played …?"."""
    match = re.match(
        r"(?P<term>(?:The\s)?[A-Za-z][a-z\-]+(?:\s[a-z][a-z\-]+){0,2}),\s+(?:an?|the)\s+"
        r"(?P<kind>[A-Za-z][\w\-]*(?:\s[\w\-]+(?:,\d{3})?){0,5}),\s+",
        text,
    )
    if not match or match["term"].split()[-1] in STOP_WORDS:
        return []
    if not names_a_class(text[match.end("term") + 2 : match.end("kind")]):
        return []  # "Voyager, a year later, flew …": a time, not the term's class
    if match["term"].split()[0] not in ("The",) and match["term"][0].isupper() and " " in match["term"]:
        return []  # "Most Roman aqueducts, …": only "The X" or one rare word
    rest = text[match.end() :]
    verb = finite_verb_at(rest)
    if not verb or COPULA_DEFINITION.match(rest) or verb["verb"] in ("has", "have", "had"):
        return []
    predicate = verb_phrase(rest)
    if len(words(predicate)) < 3:
        return []
    return [Card("qa", "qa-which-kind", fact, question=f"Which {match['kind']} {predicate}?", answer=match["term"])]


def _plural_reason(fact: Fact, text: str) -> list[Card]:
    """ "Orchestras tune to an A … because …" → "Why do orchestras tune to an A …?"; "… by blocking …" → "How do …?"."""
    match = re.match(
        r"(?P<subject>[A-Z][a-z\-]+(?:\s[a-z][a-z\-]+)?s)\s(?P<verb>[a-z]+)\s(?P<rest>[^,;:]+?)\s+"
        r"(?:(?P<because>because)\s+(?P<reason>[^,;.]+)|by\s+(?P<means>[a-z]+ing\b[^,;:.]*))",
        text,
    )
    if not match:
        return []
    subject, verb = match["subject"], match["verb"]
    if subject.lower().endswith(("ss", "us", "is")) or subject.split()[0].lower() in STOP_WORDS | VAGUE_MODIFIERS:
        return []
    if verb not in PRESENT_VERBS or " " in subject and subject.split()[0].lower() in VAGUE_MODIFIERS:
        return []  # only a bare present verb after a plural subject: "do" takes it as it is
    first = subject.split()[0]
    if zipf(first.lower()) > 2.5 or " " in subject:  # an ordinary word capitalised at the start, not a name
        subject = first.lower() + subject[len(first) :]
    rest = match["rest"].strip()
    if match["because"]:
        return [Card("qa", "qa-why", fact, question=f"Why do {subject} {verb} {rest}?", answer=match["reason"].strip())]
    means = match["means"].strip()
    if len(words(means)) > 6:
        return []
    return [
        Card("qa", "qa-how", fact, question=f"How do {subject} {verb} {rest}?", answer=means[0].upper() + means[1:])
    ]
