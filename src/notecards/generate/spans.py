"""Key-span detection: where in a sentence the facts a learner should recall are."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from wordfreq import zipf_frequency

NUMBER_WORDS = ("one two three four five six seven eight nine ten eleven twelve twenty thirty forty "
                "fifty hundred thousand million billion dozen couple")
STOP_WORDS = frozenset((
    "a an the and or but nor of to in on at by for with from into onto over under as is are was were be been "
    "being it its it's this that these those their there they them he him his she her we our you your i my "
    "not no so than then too very can could would should will may might must do does did has have had "
    "all any both each few more most other some such only own same just also about roughly around nearly "
    "almost per if when while because since until who whom whose which what where why how yet still").split())
WORD = re.compile(r"[\w][\w'’.\-]*[\w]|[\w]")
NUMBER = re.compile(
    r"(?<![\w.\-])(?:[$€£]\s?)?\d[\d,]*(?:\.\d+)?(?:\s?(?:[–-]|to)\s?\d[\d,]*(?:\.\d+)?)?"
    r"(?:x\d+|x|%|s|k|m|bn)?(?:\s(?:million|billion|trillion|thousand|hundred)\b)?(?![\w])"
    r"|\b(?:" + "|".join(NUMBER_WORDS.split()) + r")\b(?:-\w+)?",
    re.IGNORECASE)
CAPITALISED = re.compile(r"\b[A-Z][\w’'\-]*(?:\s+(?:of\s+|de\s+|van\s+)?[A-Z][\w’'\-]*)*")
PARENTHETICAL = re.compile(r"\(([^()]{1,40})\)")


@dataclass(frozen=True, slots=True)
class Span:
    """A candidate cloze answer: characters ``start:end`` of the sentence, its type and a score."""

    start: int
    end: int
    kind: str
    score: float

    def text(self, sentence: str) -> str:
        return sentence[self.start:self.end]


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """How common a word is in English (0 = unseen, 7 = "the"); rare words make good cloze answers."""
    return zipf_frequency(word, "en")


def words(text: str) -> list[str]:
    return WORD.findall(text)


def content_words(text: str) -> list[str]:
    return [w for w in words(text.lower()) if w not in STOP_WORDS]


def _trim(sentence: str, start: int, end: int) -> tuple[int, int]:
    while start < end and sentence[start] in " ,;:.(\"“'’":
        start += 1
    while end > start and sentence[end - 1] in " ,;:.)\"”'’":
        end -= 1
    if sentence[start:end].endswith(("’s", "'s")):
        end -= 2
    return start, end


def _unit_after(sentence: str, end: int) -> int:
    """Extend a number over the lower-case word that says what it counts (and a "per X" after it)."""
    match = re.match(r"\s+([a-z][a-z\-]*)(?:\s+per\s+[A-Za-z]+)?", sentence[end:])
    if not match or match[1] in STOP_WORDS or match[1].endswith("ly"):
        return end
    return end + match.end()


def candidate_spans(sentence: str, context: frozenset[str] = frozenset()) -> list[Span]:
    """Every span worth hiding, scored; overlapping candidates are left for selection to resolve."""
    spans: list[Span] = []
    for match in NUMBER.finditer(sentence):
        token = match.group()
        if token.lower() in ("one", "couple"):
            continue
        start, end = match.start(), _unit_after(sentence, match.end())
        if re.fullmatch(r"(1[5-9]|20)\d\ds?", token):
            spans.append(Span(match.start(), match.end(), "year", 0.9))
        else:
            spans.append(Span(start, end, "number", 0.85 if token[0].isdigit() or token[0] in "$€£" else 0.7))
    for match in CAPITALISED.finditer(sentence):
        start, end = _trim(sentence, match.start(), match.end())
        text = sentence[start:end]
        if not text or text in context or any(text == name.split()[0] for name in context if name):
            continue
        first = text.split()[0]
        if start == 0 and zipf(first.lower()) > 4.0 and " " not in text:
            continue  # a sentence-initial ordinary word ("Outside", "The")
        if start == 0 and zipf(first.lower()) > 4.0:
            start += len(first) + 1
            text = sentence[start:end]
        acronym = any(c.isupper() for c in text[1:]) and " " not in text
        rarity = 7.0 - min(zipf(text.lower()), 7.0)
        spans.append(Span(start, end, "acronym" if acronym else "name", 0.6 + rarity / 20))
    for match in WORD.finditer(sentence):
        word = match.group()
        if word[0].islower() and len(word) > 5 and zipf(word.lower()) < 3.3 and word.lower() not in STOP_WORDS:
            spans.append(Span(match.start(), match.end(), "rare", 0.5 + (3.3 - zipf(word.lower())) / 10))
    return spans
