"""A name after its class noun, asked by the class: "… by the submersible Alvin" → "… by which
submersible?"; "Dan credits his college coach, Frank Ellis, with …" → "Dan credits which college
coach with …?".

The class noun is what makes "which" right on wordings no pattern was written from: the sentence
already says what kind of thing the answer is, so the question keeps the sentence and only swaps
the name for "which <class>". Made only after a verb or a preposition of a clause that has a finite
verb before it, so the question stays a sentence.
"""

from __future__ import annotations

import re

from ..model import Card, Fact
from .lexicon import MAX_QUESTION_WORDS, PREPOSITIONS, STOP_WORDS, words, zipf
from .questions import has_finite_verb
from .wh_grammar import KIND, NAME, finite_verb_at, is_asked_name, re_finditer

NOT_CLASSES = frozenset(
    (
        "first second third fourth fifth last next same new old other century centuries decade year "
        "years era age day week month time"
    ).split()
)
CLASS_THEN_NAME = (
    r"(?<![\w’'])(?P<det>the|his|her|their|its)\s+(?P<kind>" + KIND + r")(?P<comma>,)?\s+"
    r"(?P<name>" + NAME + r")(?(comma),)(?![’'\w])"
)


def class_cards(fact: Fact, text: str) -> list[Card]:
    """At most one card: the first name in the text that follows its class noun in an object position."""
    for match in re_finditer(CLASS_THEN_NAME, text):
        kind, name = match["kind"], match["name"]
        kind_words = kind.split()
        if any(w in STOP_WORDS or w in NOT_CLASSES or finite_verb_at(w) or w.endswith("ly") for w in kind_words):
            continue  # "the first publicly …": no class noun
        if zipf(kind_words[-1]) < 2.5 or not is_asked_name(name) or len(words(name)) > 5:
            continue
        if re.match(r"\.\s?[A-Z]", text[match.end() :]):
            continue  # "P.A. Semi", "J.R.R. Tolkien": the name goes on past its initials
        before = text[: match.start()]
        previous = before.split()[-1].lower() if before.split() else ""
        if not previous or previous.endswith(",") or not has_finite_verb(before):
            continue  # a subject or an aside: "which" would not fit there
        if previous in ("calls", "called", "call", "named", "names", "dubbed", "nicknamed", "renamed"):
            continue  # "Google calls the project Loon": the name is given to the thing, not a thing of that class
        if (
            previous not in PREPOSITIONS
            and not (finite_verb_at(previous) or previous.endswith("ed"))
            and previous not in ("aboard", "credits", "joined", "beat", "met")
        ):
            continue
        start = max(before.rfind("; "), before.rfind(": "))
        head = before[start + 2 :] if start >= 0 else before
        rest = re.split(
            r"[;:.]|,\s+(?:which|who|where|and|but|so|while|though|although)\b|\s+(?:because|though)\s",
            text[match.end() :],
        )[0].rstrip(" ,")
        question = f"{head}which {kind}{rest}"
        if len(words(question)) > MAX_QUESTION_WORDS:
            question = f"{head}which {kind}"
        return [Card("qa", "qa-which-class", fact, question=question[0].upper() + question[1:] + "?", answer=name)]
    return []
