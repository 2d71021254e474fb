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

from ..model import Card
from .cloze import answer_stems
from .lexicon import AUXILIARIES, IRREGULAR_PAST, STOP_WORDS, content_words, zipf
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
    r"(?<![A-Z][\w’']\s)\b(?i:the|this|that|these|those)\s+(?:building|tower|table|bridge|company|firm|project|book|paper|"
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
    question, answer = card.question, card.answer
    if title and given_by_title(title, answer):
        return False
    if TIME_RELATIVE.search(question) or not _pronoun_resolved(question):
        return False  # "… how many years ago?", "Micrograd is his …": true only from where the speaker stood
    in_place = not WH_START.match(question)
    if in_place and not reads_as_sentence(question) or ":" in question or ANSWER_NOT_A_THING.search(answer):
        return False  # "Who made the same argument …: a powerful government?", "→ CRISPR-based"
    stem = content_words(WH_PHRASE.sub(" ", question))
    after_wh = re.search(r"\b(?:what|which|how\s+many)\s+([a-z][\w\-]*)", question, re.IGNORECASE)
    noun_after_wh = after_wh is not None and after_wh[1].lower() not in STOP_WORDS | AUXILIARIES
    typed = noun_after_wh or re.search(r"\bwhom\b", question) is not None  # "what chips", "under whom": typed
    needed = (MIN_STEM_WORDS - (1 if typed else 0)) if in_place else MIN_FRONTED_STEM_WORDS
    if len(stem) < needed:
        return False
    pointer = POINTER_SUBJECT.match(question)
    if pointer and pointer["head"].lower() in POINTER_HEADS or POINTER_THING.search(question):
        return False
    if card.role == "qa-how-many" and not _count_worth_asking(question, answer):
        return False
    wh_at = IN_PLACE_WH.search(question)
    if in_place and (
        len(question.split()) > MAX_IN_PLACE_WORDS
        or re.search(r",\s+and\b|\band later\b|\(|\bwhere\?$", question)
        or wh_at is not None
        and SECOND_PREDICATE.search(question[wh_at.end() :])
    ):
        return False  # overloaded ("… how many years and stayed heavy?"), an aside left inside, a bare "where?"
    if card.role == "qa-what-is" and len(content_words(re.sub(r"^\w+\s+is\s+\S+?[’']s\s+", "", question))) < 2:
        return False  # "What is Claudia Goldin's fix?": one vague noun; "… biggest single risk?" says what it asks
    if card.role == "qa-whose" and not re.fullmatch(r"[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2}", answer):
        return False  # "… calls whose early customers …? — CUDA": "whose" asks for a person or a people
    if card.role == "qa-what" and _looks_like_a_person(answer):
        return False  # "What first learned chess …? — Ada Smith": a person is no "what"
    if card.role == "qa-called" and "term for" in question and question.endswith("called?"):
        return False  # "What is Munger's term for … called?": asked twice over
    if card.role == "qa-called" and re.search(r",\s+(?:since|because|while|although|when|which|who|so)\b", question):
        return False  # "What is a consequence of progress, since some escape first called?": a cut clause
    return card.role != "qa-key" or _specific(answer) and not PLACE_WORDS.search(question)


def reads_as_sentence(question: str) -> bool:
    """An in-place question is a clause with its wh-phrase standing for one of its parts: a subject and
    a finite verb before the wh-word, no relative or example aside between them ("The cult Aum
    Shinrikyo, which released sarin on what subway …?", "Commitment devices, such as what …?"), no
    article before it ("crossed a how much market value?"), and never "where"/"whose" left in place."""
    wh = IN_PLACE_WH.search(question)
    if wh is None or wh.group().lower().startswith("where"):
        return False
    prefix = question[: wh.start()]
    if re.search(r"\b(?:a|an|the)\s+$", prefix, re.IGNORECASE) or ASIDE.search(prefix):
        return False
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
