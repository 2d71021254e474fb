"""Precision gates for Q/A cards: what blind review showed a learner deletes, refused before it is made.

The card rules (``qa_rules``) say whether a card is well formed; these say whether it is worth
keeping. Each gate is a reason reviewers gave for dropping cards (docs/card-quality.md):
- the episode title gives the answer away (a learner sees the episode as the card's source);
- the question is too vague to answer ("Toby favors what?", "Hawkins invented what?");
- its subject is a bare "the proposed mechanism", "the company": the card does not say what;
- it counts a list it does not show ("Levitt credits how many factors …?") or asks a trivial
  count ("… pits how many networks against each other?" — two);
- it is overloaded: a second clause rides along ("…, and later became whose chief AI scientist?").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..model import Card
from .cloze import answer_stems
from .lexicon import AUXILIARIES, IRREGULAR_PAST, SENTENCE_BREAK, STOP_WORDS, content_words, zipf
from .questions import has_finite_verb

WH_START = re.compile(r"^(?:what|who|whom|whose|which|when|where|why|how|in what|by whom)\b", re.IGNORECASE)
WH_PHRASE = re.compile(
    r"\b(?:how\s+(?:many|much)(?:\s+[\w\-]+)?|what(?:\s+(?:percentage|odds|age|size|year))?|whom?|whose|which|where)\b",
    re.IGNORECASE,
)
MIN_STEM_WORDS = 4  # content words an in-place question needs besides its wh-word to say what it asks
MIN_FRONTED_STEM_WORDS = 2  # "Who discovered super-convergence?", "What does TPU stand for?"
MAX_IN_PLACE_WORDS = 18  # longer in-place questions were kept a quarter of the time (dev-r1, dev-r2)
TIME_RELATIVE = re.compile(r"\b(?:years? ago|before the episode|this year|last year|right now)\b", re.IGNORECASE)
PRONOUN = re.compile(r"\b(?:he|him|his|she|her|hers)\b", re.IGNORECASE)
# Heads of noun phrases that only point at something the bullet said before: "the proposed mechanism".
POINTER_HEADS = frozenset(
    (
        "mechanism trick idea claim theory argument point lesson insight problem approach method reason result "
        "finding effect project company firm library paper study team venture plan deal change process work "
        "product tool technique move"
    ).split()
)
# "Which architect designed the building?": a thing the bullet named before, left unnamed.
POINTER_THING = re.compile(
    r"(?<![A-Z][\w’']\s)\b(?i:the|this|that|these|those)\s+(?:[a-z]+\s+)?(?:building|tower|table|bridge|company|firm|project|book|paper|"
    r"study|film|show|album|song|team|lab|device|machine|model|game|episode|model|plan|deal|case|trial|argument|"
    r"point|idea|view|claim|repairs|partnership|run)\b|\bthe same\s"
    r"(?!\s+(?:of|called|named|that|which|who)\b)"
)
POINTER_SUBJECT = re.compile(
    r"^(?:the|this|that|these|those|its|their|a|an)\s+(?:(?-i:[a-z][\w\-]*)\s+){0,2}(?P<head>\w+)\b", re.IGNORECASE
)
# Nouns that count the members of a list: asking the count without the list asks nothing worth knowing.
LIST_NOUNS = frozenset(
    (
        "factors parts adaptations types kinds ways steps principles rules lessons reasons categories pillars "
        "stages phases components elements things ideas habits questions laws levels layers pieces traits "
        "features options strategies forces areas domains networks sides points"
    ).split()
)
# "… for how many years and stayed heavy?", "… at what age and enrolled at …": a second clause rides along.
SECOND_PREDICATE = re.compile(r"\s(?:and|but)\s+(?:[a-z]+ed|" + "|".join(sorted(IRREGULAR_PAST)) + r")\b")
WH_IN_SUBCLAUSE = re.compile(
    r"\b(?:when|while|because|if|after|before|since|until|whether)\s+(?:[\w’'\-]+\s+){1,6}?"
    r"(?:what|whom|which|how\s+(?:many|much))\b",
    re.IGNORECASE,
)
IN_PLACE_WH = re.compile(r"\b(?:what|whom|which|whose|where|how\s+(?:many|much))\b", re.IGNORECASE)
ASIDE = re.compile(r",\s+(?:which|who|whose|such as|like|including|for example|for instance)\b", re.IGNORECASE)
# After these a name is a place: a key question about it is geography trivia ("… sarin on what subway?").
PLACE_WORDS = re.compile(
    r"\b(?:in|at|from|to|near|on)\s+(?:what|which)\s*(?:city|country|subway|town|state)?\?", re.IGNORECASE
)
SMALL_COUNTS = frozenset("one two three 1 2 3".split())
SPECIFIC_NAME_ZIPF = 3.5  # "Nobel" 3.9, "Boston" 4.6: everyday one-word names; "Pandolfini" has no frequency
SPECIFIC_FULL_NAME_ZIPF = 4.0  # "New York" 4.9, "United States" 5.2: places everyone knows; "Titus I" is not
ANSWER_NOT_A_THING = re.compile(r"(?:-based|-like|-driven)$")  # "CRISPR-based": a modifier, not a thing
SPECIFIC_ZIPF = 3.5  # a lower-case answer with a word rarer than this names something specific


def worth_asking(card: Card, title: str = "") -> bool:
    """False for a Q/A card a learner would delete (see the module docstring)."""
    return not why_not_worth(card, title)


def why_not_worth(card: Card, title: str = "") -> str:
    """Why a learner would delete this Q/A card (the gate it fails, in a few words), or "" when it passes.

    ``lint`` reports the reason for a hand-written or overridden card; generation drops the card."""
    question, answer = card.question, card.answer
    in_place = not WH_START.match(question)
    if title and given_by_title(title, answer):
        return "the episode title gives the answer away"
    if TIME_RELATIVE.search(question):
        return "true only from where the speaker stood ('years ago', 'before the episode')"
    if not _pronoun_resolved(question):
        return "'he'/'his' has nobody to refer to"
    if in_place and not reads_as_sentence(question) or ":" in question or SENTENCE_BREAK.search(question):
        return "does not read as a question (a fragment, an aside, a colon or a sentence's end inside)"
    if ANSWER_NOT_A_THING.search(answer):
        return "the answer is a modifier, not a thing"
    if len(content_words(WH_PHRASE.sub(" ", question))) < _words_needed(question, in_place):
        return "too vague: too few words to say what it asks"
    pointer = POINTER_SUBJECT.match(question)
    if pointer and pointer["head"].lower() in POINTER_HEADS or POINTER_THING.search(question):
        return "it points at something it does not name ('the tower', 'the proposed mechanism')"
    if card.role == "qa-how-many" and not _count_worth_asking(question, answer):
        return "a count of a list it does not show, or of two or three"
    if in_place and _overloaded(question):
        return "overloaded: too long, or a second clause rides along"
    if in_place and WH_IN_SUBCLAUSE.search(question):
        return "its wh-word sits in a subordinate clause ('… when he realized what made …?')"
    return ROLE_GATES[card.role](question, answer) if card.role in ROLE_GATES else ""


def _words_needed(question: str, in_place: bool) -> int:
    """Content words a question needs besides its wh-phrase: fewer when the wh-phrase names the answer's
    kind ("what chips", "under whom") or the question is fronted ("Who discovered super-convergence?")."""
    if not in_place:
        return MIN_FRONTED_STEM_WORDS
    after_wh = re.search(r"\b(?:what|which|how\s+many)\s+([a-z][\w\-]*)", question, re.IGNORECASE)
    typed = after_wh is not None and after_wh[1].lower() not in STOP_WORDS | AUXILIARIES
    return MIN_STEM_WORDS - (1 if typed or re.search(r"\bwhom\b", question) else 0)


def _overloaded(question: str) -> bool:
    """Over eighteen words in place, an aside left inside, a bare "where?", or a second clause after the
    wh-phrase ("… for how many years and stayed heavy?")."""
    wh_at = IN_PLACE_WH.search(question)
    return (
        len(question.split()) > MAX_IN_PLACE_WORDS
        or re.search(r",\s+and\b|\band later\b|\(|\bwhere\?$", question) is not None
        or wh_at is not None
        and SECOND_PREDICATE.search(question[wh_at.end() :]) is not None
    )


def _whose_gate(question: str, answer: str) -> str:
    if re.fullmatch(r"[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2}", answer):
        return ""
    return "'whose' asks for a person or a people ('… calls whose early customers …? — CUDA')"


def _what_gate(question: str, answer: str) -> str:
    return "a person is no 'what'" if _looks_like_a_person(answer) else ""


def _called_gate(question: str, answer: str) -> str:
    if "term for" in question and question.endswith("called?"):
        return "asks the term twice over ('What is Munger's term for … called?')"
    if re.search(r",\s+(?:since|because|while|although|when|which|who|so)\b", question):
        return "a clause cut into the definition"
    return ""


def _key_gate(question: str, answer: str) -> str:
    if not _specific(answer):
        return "the answer is not specific (an everyday name or a common phrase)"
    return "geography trivia ('… on what subway?')" if PLACE_WORDS.search(question) else ""


# Gates that only some roles need, by role.
ROLE_GATES: dict[str, Callable[[str, str], str]] = {
    "qa-whose": _whose_gate,
    "qa-what": _what_gate,
    "qa-called": _called_gate,
    "qa-key": _key_gate,
}


def reads_as_sentence(question: str) -> bool:
    """An in-place question is a clause with its wh-phrase standing for one of its parts: a subject and
    a finite verb before the wh-word, no relative or example aside between them ("The cult Aum
    Shinrikyo, which released sarin on what subway …?", "Commitment devices, such as what …?"), no
    article before it ("crossed a how much market value?"), and never "where"/"whose" left in place."""
    wh = IN_PLACE_WH.search(question)
    if wh is None or wh.group().lower().startswith("where"):
        return False
    prefix = question[: wh.start()]
    if re.search(r"\b(?:a|an|the)\s+$|,\s+(?:[a-z]+\s+)?$", prefix, re.IGNORECASE) or ASIDE.search(prefix):
        return False  # "The earliest tablets, from what around 3200 BCE?": the wh-word in an aside
    return has_finite_verb(prefix)


def given_by_title(title: str, answer: str) -> bool:
    """The episode title holds every word of the answer ("Moore's Law" in "Jim Keller: Moore's Law, …",
    "generative adversarial network" in "… Generative Adversarial Networks (GANs)"): a learner sees it."""
    wanted = answer_stems(answer)
    return bool(wanted) and wanted <= answer_stems(title)


def _looks_like_a_person(name: str) -> bool:
    """A given name and a surname: "Ada Smith", "Thomas Hobbes" — not "Open Philanthropy" ("open" is an
    everyday word, not a given name)."""
    parts = name.split()
    return len(parts) == 2 and all(re.fullmatch(r"[A-Z][a-z]+", p) for p in parts) and zipf(parts[0].lower()) < 5.0


def _pronoun_resolved(question: str) -> bool:
    """Every "he"/"his" in the question has someone to refer to: the answer of a "Who …?" question, a
    subject that acts ("Omar did his PhD …", not "Micrograd is his …"), or a full name before it."""
    pronoun = PRONOUN.search(question)
    if pronoun is None or re.match(r"(?:Who|Whom)\b", question):
        return True
    before = question[: pronoun.start()]
    if re.match(r"(?:[A-Z][\w’'\-]*\s){1,3}(?!(?:is|are|was|were)\b)[a-z]", before):
        return True
    return re.search(r"\b[A-Z][a-z]+\s[A-Z][a-z]+\b", before) is not None


def _count_worth_asking(question: str, answer: str) -> bool:
    number = re.sub(r"^(?:about|roughly|around|nearly|almost|over|more than|at least|up to)\s+", "", answer.lower())
    if number in SMALL_COUNTS:
        return False  # "two networks", "three big parts": the bullet's point is elsewhere
    unit = re.search(r"\bhow\s+many\s+(?P<first>[\w\-]+)(?:\s+(?P<second>[\w\-]+))?", question, re.IGNORECASE)
    return not (unit and {unit["first"].lower(), (unit["second"] or "").lower()} & LIST_NOUNS)


def _specific(answer: str) -> bool:
    """An answer only one thing fits: an acronym or a name with digits or inner capitals ("CUDA", "H800",
    "PalmPilot"), an uncommon name ("Bruce Pandolfini", not "New York" or "Nobel"), or a rare word
    ("metformin", "idle capacity") — not "original analysis", "diets"."""
    if re.search(r"\d|\b[A-Z]{2,}|^[A-Z][a-z]*[A-Z]", answer):
        return True
    if answer[:1].isupper():
        limit = SPECIFIC_NAME_ZIPF if " " not in answer else SPECIFIC_FULL_NAME_ZIPF
        return zipf(answer.lower()) < limit
    return any(zipf(word) < SPECIFIC_ZIPF for word in content_words(answer) if word not in STOP_WORDS)
