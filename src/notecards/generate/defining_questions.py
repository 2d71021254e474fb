"""Questions a bullet answers by defining something: an acronym's expansion ("What does TPU stand
for?"), a term and its meaning ("What term means …?"), a quoted phrase ("What does Josh call …?")."""

from __future__ import annotations

import re

from ..model import Card, Fact
from .acronyms import PARENTHETICAL, expansion_before, is_expansion, spelled_by
from .lexicon import words
from .term_questions import MAX_DEFINITION_WORDS

STANDS_FOR = re.compile(
    r"\b(?P<term>[A-Z][A-Za-z0-9]{1,9})\s+(?P<adverb>originally\s+)?"
    r"(?P<verb>stands|stood)\s+for\s+(?P<expansion>[^,;.]+)"
)

DEFINES = re.compile(r"^(?P<quote>“?)(?P<term>[A-Z][\w\- ]{2,40}?)”?\s+means\s+(?P<meaning>[^,;:]+)")

QUOTED_TERM = re.compile(
    r"^(?P<who>[A-Z][\w’'\-]+(?:\s[A-Z][\w’'\-]+)?)\s+(?:teaches|calls|coined|named|describes)\s+"
    r"“(?P<term>[^”]{2,40})”\s*[:—–]\s*(?P<definition>[a-z][^,;.:]+)"
)

QUOTED_IS = re.compile(r"^(?P<subject>[A-Z][^“”,;:]{2,60}?)\s+(?P<verb>is|was)\s+(?:called\s+)?“(?P<quote>[^”]{1,50})”")


def stands_for_cards(fact: Fact, text: str) -> list[Card]:
    match = STANDS_FOR.search(text)
    if match:
        tense = "did" if match["verb"] == "stood" else "does"
        adverb = "originally " if match["adverb"] else ""
        whole = match["expansion"].strip()
        expansion = re.split(r"\s+(?:and|but|which|so)\s+", whole)[0]
        if is_expansion(whole, match["term"]) and not is_expansion(expansion, match["term"]):
            expansion = whole  # "Process for Automating Scientific and Technological Advancement": "and" is inside
        if (
            not is_expansion(expansion, match["term"])
            and sum(w[0].isupper() for w in expansion.split()) < 2
            and not spelled_by(expansion, match["term"])
        ):
            return []  # "HIPAA stands for portability, not privacy": a claim, not an expansion
        return [
            Card(
                "qa",
                "qa-stands-for",
                fact,
                question=f"What {tense} {match['term']} {adverb}stand for?",
                answer=expansion,
            )
        ]
    for paren in PARENTHETICAL.finditer(text):
        inner = paren[1].strip()
        before = text[: paren.start()].rstrip()
        term = re.search(r"([A-Z][A-Za-z0-9]{1,9})$", before)
        if term and is_expansion(inner, term[1]):
            return [Card("qa", "qa-stands-for", fact, question=f"What does {term[1]} stand for?", answer=inner)]
        expansion = expansion_before(before, inner) if re.fullmatch(r"[A-Z][A-Za-z]{1,7}", inner) else None
        if expansion:  # "Digital Equipment Corporation (DEC)"
            answer = before[expansion[0] : expansion[1]]
            if answer[0].isupper():
                return [Card("qa", "qa-stands-for", fact, question=f"What does {inner} stand for?", answer=answer)]
    return []


def defines_cards(fact: Fact, text: str) -> list[Card]:
    match = DEFINES.match(text)
    if not match or len(words(match["term"])) > 4:
        return []
    meaning = re.split(r"\s+(?:with|and|so|which)\s+", match["meaning"].strip())[0]
    return [Card("qa", "qa-term", fact, question=f"What term means {meaning}?", answer=match["term"])]


def quoted_cards(fact: Fact, text: str) -> list[Card]:
    """ "His rule for decisions is “Hell yeah or no”" → "What is Derek Sivers’s rule for decisions?";
    "Josh teaches “making smaller circles”: drilling …" → "What does Josh call drilling …?"."""
    coined = QUOTED_TERM.match(text)
    if coined and 3 <= len(words(coined["definition"])) <= MAX_DEFINITION_WORDS:
        term = coined["term"][0].upper() + coined["term"][1:]
        return [
            Card(
                "qa",
                "qa-quoted",
                fact,
                question=f"What does {coined['who']} call {coined['definition'].strip()}?",
                answer=term,
            )
        ]
    match = QUOTED_IS.match(text)
    if not match:
        return []
    subject = match["subject"]
    subject = subject[0].lower() + subject[1:] if subject.split()[0] in ("The", "A", "An") else subject
    return [Card("qa", "qa-quoted", fact, question=f"What {match['verb']} {subject}?", answer=match["quote"])]
