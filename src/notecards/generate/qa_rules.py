"""The Q/A card rules every generated card must pass (the same checks ``lint`` reports as errors)."""

from __future__ import annotations

import re

from ..model import Card
from .cloze import number_core, answer_stems
from .spans import content_words, words

MAX_QUESTION_WORDS = 25
MAX_ANSWER_WORDS = 8
PRONOUN_START = re.compile(r"^(?:it|its|this|that|these|those|they|them|their|he|she|his|her)\b", re.IGNORECASE)
YES_NO_START = re.compile(r"^(?:is|are|was|were|do|does|did|can|could|will|would|has|have|had|should)\b",
                          re.IGNORECASE)


def is_clean(card: Card) -> bool:
    """The Q/A rules every generated card must pass (the same as ``lint``'s errors)."""
    question, answer = card.question, card.answer
    if not answer.strip() or len(words(answer)) > MAX_ANSWER_WORDS:
        return False
    if len(words(question)) > MAX_QUESTION_WORDS or not question.endswith("?"):
        return False
    if not set(content_words(question)) - {"year", "percentage", "many", "size", "odds", "stand"}:
        return False  # "In what year?": a question about nothing
    if PRONOUN_START.match(question) or YES_NO_START.match(question):
        return False
    return not gives_away(question, answer)


def gives_away(question: str, answer: str) -> bool:
    """True when a word of the question shares its stem with the answer (rule R5).

    A number answer is its digits: "the one that killed the dinosaurs" does not give away
    "about one in 150 million".
    """
    hedge = r"^(?:about|roughly|around|nearly|almost|up to|at least|over)\s+"
    if re.match(r"(?:" + hedge[1:] + r")?(?:[$€£]?\d|one in\b)", answer, re.IGNORECASE):
        answer = number_core(re.sub(hedge, "", answer, flags=re.IGNORECASE))
    return bool(answer_stems(answer) & answer_stems(question))
