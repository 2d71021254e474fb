"""Experiment: does a part-of-speech tagger and chunker help the learned span ranker?

    .venv/bin/pip install textblob       # not a notecards dependency: only this experiment uses it
    .venv/bin/python bench/ranking_with_tagger.py

textblob's wheel carries Pattern's Brill tagger and chunker (pure Python, its lexicon inside the
wheel; importing it costs ~0.6 s, mostly nltk). This runs ``ranking_experiment.py`` with two
changes: every noun-phrase chunk (and its last two words) joins the candidates, and each candidate
gets 15 more signals from the tags (its head's tag, a verb inside it, the tag before and after,
whether it is a whole noun phrase or the sentence's first one).

Result on the 21 dev pages (2026-11-28): 2,719 candidates instead of 1,320; cross-validated
overlap F1 0.657, exact 0.523, against 0.656 / 0.523 for the hand scores. No gain: not adopted.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ranking_experiment as experiment
from notecards.generate.spans import Span

try:
    from textblob.en.parsers import PatternParser
except ImportError:
    sys.exit("this experiment needs textblob: .venv/bin/pip install textblob")

PARSER = PatternParser()
LEADING = frozenset(("DT", "PRP$", "POS", "CC", "PDT", "WDT"))
Token = tuple[int, int, str, str]  # start, end, tag, chunk (B-NP, I-NP, B-VP, O…)
without_tagger = experiment.candidate_spans
plain_features = experiment.all_features


@lru_cache(maxsize=4096)
def tokens(sentence: str) -> tuple[Token, ...]:
    """The tagger's tokens with their character offsets in the sentence."""
    found, position = [], 0
    for word, tag, chunk, *_ in (t for parsed in PARSER.parse(sentence).split() for t in parsed):
        word = word.replace("&slash;", "/")
        start = sentence.find(word, position)
        if start >= 0:
            found.append((start, start + len(word), tag, chunk))
            position = start + len(word)
    return tuple(found)


def noun_phrases(sentence: str) -> list[tuple[Token, ...]]:
    """The chunker's noun phrases, determiners and possessives dropped from their front."""
    phrases: list[list[Token]] = []
    for token in tokens(sentence):
        if token[3] == "B-NP" or token[3] == "I-NP" and not phrases:
            phrases.append([token])
        elif token[3] == "I-NP":
            phrases[-1].append(token)
        else:
            phrases.append([])
    trimmed = []
    for phrase in phrases:
        while phrase and phrase[0][2] in LEADING:
            phrase = phrase[1:]
        if phrase and not all(t[2] in ("PRP", "EX", "WP") for t in phrase):
            trimmed.append(tuple(phrase))
    return trimmed


def candidate_spans(sentence: str, context: frozenset[str] = frozenset()) -> list[Span]:
    """The generator's candidates plus each noun phrase of at most five words and its last two words."""
    spans = list(without_tagger(sentence, context))
    seen = {(s.start, s.end) for s in spans}
    for phrase in noun_phrases(sentence):
        if len(phrase) > 5:
            continue
        for first in {phrase[0], phrase[-2] if len(phrase) >= 2 else phrase[0]}:
            span = Span(first[0], phrase[-1][1], "chunk", 0.5)
            if (span.start, span.end) not in seen and span.text(sentence) not in context:
                seen.add((span.start, span.end))
                spans.append(span)
    return spans


def tag_features(sentence: str, span: Span) -> tuple[float, ...]:
    inside = [t for t in tokens(sentence) if t[0] >= span.start and t[1] <= span.end]
    before = [t for t in tokens(sentence) if t[1] <= span.start]
    after = [t for t in tokens(sentence) if t[0] >= span.end]
    head = inside[-1][2] if inside else "X"
    previous = before[-1][2] if before else "START"
    following = after[0][2] if after else "END"
    phrases = [(p[0][0], p[-1][1]) for p in noun_phrases(sentence)]
    return tuple(
        float(x)
        for x in (
            head.startswith("NN"),
            head in ("NNP", "NNPS"),
            head == "CD",
            head.startswith("JJ"),
            head.startswith("VB"),
            any(t[2].startswith("VB") for t in inside),
            previous.startswith("VB"),
            previous == "IN",
            previous == "START",
            following.startswith("VB"),
            (span.start, span.end) in phrases,
            any(a <= span.start and span.end <= b for a, b in phrases),
            bool(phrases) and phrases[0][0] <= span.start < phrases[0][1],
            not any(t[2].startswith("VB") for t in before),
            span.kind == "chunk",
        )
    )


def all_features(sentence: str, spans: list[Span]) -> list[tuple[float, ...]]:
    return [
        (*row, *tag_features(sentence, span)) for row, span in zip(plain_features(sentence, spans), spans, strict=True)
    ]


if __name__ == "__main__":
    experiment.candidate_spans = candidate_spans
    experiment.all_features = all_features
    experiment.main()
