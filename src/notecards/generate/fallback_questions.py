"""The last resort for a fact no other pattern asks: its direct object or its copula complement,
asked in place, so most facts get one short card.

* direct object: "Swift uses value semantics for arrays and strings, so …" → "Swift uses what for
  arrays and strings?" → "value semantics";
* complement of "is": "Across …, the single differentiator between success and failure is tenacity,
  not talent" → "Across …, what is the single differentiator between success and failure?" →
  "tenacity".

Only a salient answer is asked (a rare word in it, by wordfreq), never a pronoun, an adjective or a
gerund, and only where the words before it are a subject and its verb.
"""

from __future__ import annotations

import re

from ..model import Card, Fact
from .lexicon import ADJECTIVE_ENDINGS, IRREGULAR_PAST, STOP_WORDS, words, zipf
from .wh_grammar import PLAIN_VERBS, SPEECH_VERBS, finite_verb_at, main_clauses, re_match

DEFINING_VERBS = frozenset("describes described means meant refers referred denotes denoted defines defined".split())
CLAUSE_WORDS = frozenset("is are was were has have had that which who whom".split())
SALIENT = 4.3  # a word at most this common (zipf) makes an answer worth recalling: "semantics", "tenacity"
DETERMINER = r"(?:(?:a|an|the|his|her|its|their|our)\s)?"
NOUN_PHRASE = r"(?P<np>(?:[a-z][\w\-]*\s){0,3}[a-z][\w\-]*)"
PHRASE_END = re.compile(
    r"\s*(?:[,;:.]|$)|\s(?:for|in|on|at|to|with|from|by|into|as|of|that|which|and|but|so|"
    r"because|while|before|after|until|than|without|better|worse|faster|slower)\b|\s(?=[a-z]+ly\b)"
)
SUBJECT = r"(?P<subject>(?:[A-Z][\w’'\-]*|[Tt]he|[Aa]n?)(?:\s[\w’'\-]+){0,5}?)"
VERB = r"(?P<verb>[a-z]{3,}(?:s|ed)|" + "|".join(sorted(IRREGULAR_PAST)) + r")"


def fallback_cards(fact: Fact, text: str) -> list[Card]:
    """At most one card: the first clause's direct object, else a complement of "is"."""
    for make in (_object, _complement):
        card = make(fact, text)
        if card:
            return [card]
    return []


def _answer(np: str) -> str | None:
    """The noun phrase when it is worth recalling: content words only, one of them rare, no verb form."""
    tokens = np.split()
    if not tokens or any(t in STOP_WORDS for t in tokens) or tokens[-1].endswith(("ing", "ed", "ly")):
        return None
    if tokens[0].endswith("ing") or len(tokens) == 1 and tokens[0].endswith(ADJECTIVE_ENDINGS):
        return None  # "training on …", "incomputable": an action or a property, not a thing
    if not any(zipf(t) <= SALIENT for t in tokens):
        return None  # "a question", "the world": nothing to recall
    return np


def _object(fact: Fact, text: str, embedded: bool = False) -> Card | None:
    """``embedded``: a reported clause, whose subject may be a bare noun ("grip strength predicts …")."""
    subject = SUBJECT if not embedded else r"(?P<subject>(?:[A-Za-z][\w’'\-]*)(?:\s[\w’'\-]+){0,3}?)"
    for _, clause in main_clauses(text)[:1]:
        reported = not embedded and re_match(
            SUBJECT + r"\s(?P<verb>" + "|".join(sorted(SPEECH_VERBS)) + r")\s(?:that\s)?", clause
        )
        if reported:  # "Peter argues that grip strength predicts …": ask inside the reported clause
            card = _object(fact, clause[reported.end() :], embedded=True)
            if card is None:
                return None
            question = clause[: reported.end()] + card.question[0].lower() + card.question[1:]
            return (
                Card("qa", "qa-object", fact, question=question, answer=card.answer)
                if len(words(question)) <= 24
                else None
            )
        match = re_match(subject + r"\s" + VERB + r"\s" + DETERMINER + NOUN_PHRASE, clause)
        if (
            not match
            or match["verb"] in SPEECH_VERBS | DEFINING_VERBS
            or "," in match["subject"]
            or set(match["subject"].lower().split()) & CLAUSE_WORDS
        ):
            continue  # "X describes …" defines X; "… is one that destroys …": the subject holds a clause
        if not finite_verb_at(clause[match.start("verb") :]) or match["verb"] in ("has", "was", "is"):
            continue
        np = match["np"]
        end = PHRASE_END.search(clause, match.start("np"))
        if end is None or end.start() < match.start("np") + 1:
            continue
        np = clause[match.start("np") : end.start()]
        answer = _answer(np)
        if not answer or np.split()[0] in IRREGULAR_PAST | PLAIN_VERBS | {"cut", "put", "set", "hit", "let"}:
            continue  # "Hand hygiene checklists cut …": the "verb" was a noun
        rest = clause[end.start() :]
        if re.match(r"\sto\s[a-z]+", rest) and not re.match(r"\sto\s(?:the|a|an)\s", rest):
            continue  # "Dan tells runners to build …": the object's infinitive is the fact
        if re.match(r",\s[A-Z]", rest):
            continue  # "credits his sous-chef, Elena Ruiz, …": the name that follows is the answer
        tail = re.match(
            r"\s(?:for|in|on|at|to|with|from|into|as)\s[^,;:.]{3,40}?(?=[,;:.]|$|\s(?:but|so|which)\s)", rest
        )
        question = f"{clause[: match.start('np')]}what{tail.group() if tail else ''}"
        question = re.sub(r"\s(?:a|an|the|his|her|its|their|our)\swhat", " what", question)
        if len(words(question)) > 20:
            continue
        return Card("qa", "qa-object", fact, question=question[0].upper() + question[1:] + "?", answer=answer)
    return None


def _complement(fact: Fact, text: str) -> Card | None:
    match = re.search(
        r"(?:^|,\s)(?P<subject>(?:[Tt]he|[Aa]n?)\s[^,;:]{3,60}?)\s(?P<verb>is|was)\s" + DETERMINER + NOUN_PHRASE, text
    )
    if not match:
        return None
    end = PHRASE_END.search(text, match.start("np"))
    np = text[match.start("np") : end.start() if end else len(text)]
    answer = _answer(np)
    if end and text[end.start() :].lstrip().startswith(":"):
        return None  # "The data engine is a loop: deploy, find failures, …": the colon says what it really is
    if not answer or re.search(r"\s(?:is|was|are|were|has|had)\s", match["subject"]):
        return None
    prefix = text[: match.start("subject")]
    subject = match["subject"][0].lower() + match["subject"][1:]
    question = f"{prefix}what {match['verb']} {subject}" if prefix else f"What {match['verb']} {subject}"
    if len(words(question)) > 22:
        return None
    return Card("qa", "qa-what-is", fact, question=question + "?", answer=answer)
