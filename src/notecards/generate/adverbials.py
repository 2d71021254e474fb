"""Negated means: "without investors or advertising", "without using GANs".

A "without" phrase says what a result did *not* need, which is often the surprising half of the
fact; careful annotators hide it whole, "without" included, since the bare noun alone ("investors")
reads as an ordinary word. Selection (``cloze.py``) decides; these are weak candidates.
"""

from __future__ import annotations

import re

from .spans import STOP_WORDS, Span

WITHOUT = re.compile(r"\bwithout\s+((?:[\w\-]+)(?:\s+[\w\-]+){0,3})")
SCORE = 0.62
MAX_WORDS = 3


def negated_means(sentence: str) -> list[Span]:
    """"without" and the 1–3 words of what it negates, cut at the first function word."""
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
            if sentence[match.start(1):end] == " ".join(kept):
                spans.append(Span(match.start(), end, "negated", SCORE))
    return spans
