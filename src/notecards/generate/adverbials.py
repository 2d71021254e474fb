"""Phrases that frame a term: negated means ("without investors or advertising") and naming
verbs ("which he calls extremely lucky", "a file called enwik9").

A "without" phrase says what a result did *not* need, which is often the surprising half of the
fact; careful annotators hide it whole, "without" included, since the bare noun alone ("investors")
reads as an ordinary word. Selection (``cloze.py``) decides; these are weak candidates.
"""

from __future__ import annotations

import re

from .candidate import Span
from .lexicon import STOP_WORDS

WITHOUT = re.compile(r"\bwithout\s+((?:[\w\-]+)(?:\s+[\w\-]+){0,3})")
SCORE = 0.62
MAX_WORDS = 3


def negated_means(sentence: str) -> list[Span]:
    """ "without" and the 1–3 words of what it negates, cut at the first function word."""
    spans = []
    for match in WITHOUT.finditer(sentence):
        kept: list[str] = []
        for word in match[1].split():
            if word.lower() in STOP_WORDS and word not in ("or", "and") or word.endswith("ly"):
                break
            kept.append(word)
            if len(kept) == MAX_WORDS:
                break
        while kept and kept[-1] in ("or", "and"):
            kept.pop()
        if kept and any(not w.endswith("ing") for w in kept):  # "without understanding": no object, no fact
            end = match.start(1) + len(" ".join(kept))
            if sentence[match.start(1) : end] == " ".join(kept):
                spans.append(Span(match.start(), end, "negated", SCORE))
    return spans


NAMING = re.compile(
    r"(?<![\w\-])(?:calls?|called|known\s+as|dubbed|coined|(?:the\s+)?term)\s+(?:it\s+|them\s+|this\s+)?"
    r"(?:the\s+)?([“\"]?[\w\-]+(?:\s+[\w\-]+){0,3})"
)
NAMED_SCORE = 0.8


def named_terms(sentence: str) -> list[Span]:
    """ "which he calls extremely lucky", "a file called enwik9", "known as the long reflection":
    what a naming verb introduces is the term the speaker wants remembered. "calls a big deal"
    (an indefinite article) is a judgement, not a name, and is left out."""
    spans = []
    for match in NAMING.finditer(sentence):
        kept: list[str] = []
        for word in match[1].split():
            if (
                word.lower() in STOP_WORDS and kept or word.lower() in ("a", "an") or kept and word.endswith("ed")
            ):  # "lucky compared with": the comparison is not the name
                break
            kept.append(word)
        if kept and kept[0].lower() not in STOP_WORDS:
            text = " ".join(kept)
            if sentence[match.start(1) : match.start(1) + len(text)] == text:
                spans.append(Span(match.start(1), match.start(1) + len(text), "named", NAMED_SCORE))
    return spans
