"""The Q/A card rules every generated card must pass (the same checks ``lint`` reports as errors)."""

from __future__ import annotations

import re

from ..model import Card
from .cloze import answer_stems, number_core
from .lexicon import MAX_QA_ANSWER_WORDS, MAX_QUESTION_WORDS, content_words, words

PRONOUN_START = re.compile(r"^(?:it|its|this|that|these|those|they|them|their|he|she|his|her)\b", re.IGNORECASE)
YES_NO_START = re.compile(r"^(?:is|are|was|were|do|does|did|can|could|will|would|has|have|had|should)\b", re.IGNORECASE)
WH = r"(?:what|whom?|whose|which|where|when|how\s(?:many|much))\b"
SUBORDINATORS = r"(?:if|after|before|when|while|although|though|because|since|until|unless|once)"
LEAD_PREPOSITIONS = (
    r"(?:in|on|at|outside|inside|for|from|by|with|without|during|under|over|across|among|like|"
    r"unlike|despite|as|to|of)"
)  # "Outside South Africa, the continent has …": adverbial, then clause
# No main clause around the wh-word, one shape per line: "After Hurricane Fran hit Raleigh in what year?",
# "Gato, a single DeepMind transformer released in what year?", "…, through what for example?",
# "…, and how many months they …".
FRAGMENT = re.compile(
    "|".join(
        (
            r"^" + SUBORDINATORS + r"\s[^,]*\s" + WH,
            r"^(?!"
            + SUBORDINATORS
            + r"\b|"
            + LEAD_PREPOSITIONS
            + r"\b)[^,\s]+(?:\s[^,\s]+){0,3},\s(?:a|an|the|which|who|from|one)\s"
            r"[^,]*\b" + WH + r"(?:\s[\w’'\-]+){0,2}\?$",
            r",\s(?:through|by|via|like|for example)\s" + WH + r"[^,]*\?$",
            # "…, more than half of the world's population": an apposition to the clause, asked "…, how much of …?"
            (
                r",\s(?:how\s(?:much|many)|what\s(?:percentage|odds))\b(?![^,]*\b(?:is|are|was|were|do|does|did|has|have|had|"
                r"can|could|will|would)\b)[^,]*\?$"
            ),
            # "Digital twins, detailed software copies of what?": a name and its bare aside, no clause after them
            r"^(?!"
            + SUBORDINATORS
            + r"\b|"
            + LEAD_PREPOSITIONS
            + r"\b)[^,\s]+(?:\s[^,\s]+){0,3},\s(?!(?-i:[A-Z])|(?:he|she|they|"
            r"we|it|i|you)\b)[^,]*\b" + WH + r"(?:\s[\w’'\-]+){0,2}\?$",
            r",\s(?:and|but|or)\s" + WH,
        )
    ),
    re.IGNORECASE,
)
# "Google acquired it in 2014 …?", "Marcus sees it as what …?": the object the bullet named stayed behind.
DANGLING_PRONOUN = re.compile(r"^(?:\S+\s){1,3}(?:it|them)\b(?![’'])")
# An answer that starts a clause or a phrase is a piece of the sentence, not a thing: "After Uber", "in the lab"
# ("On Intelligence" is a title).
PIECE_START = re.compile(
    r"^(?:(?i:after|before|when|while|if|because|since|until)|in|on|at|by|from|with|during|"
    r"and|or|but|to|that|which)\s"
)


def is_clean(card: Card) -> bool:
    """The Q/A rules every generated card must pass (the same as ``lint``'s errors)."""
    question, answer = card.question, card.answer
    if not answer.strip() or len(words(answer)) > MAX_QA_ANSWER_WORDS:
        return False
    if len(words(question)) > MAX_QUESTION_WORDS or not question.endswith("?"):
        return False
    if not set(content_words(question)) - {"year", "percentage", "many", "size", "odds", "stand"}:
        return False  # "In what year?": a question about nothing
    if PRONOUN_START.match(question) or YES_NO_START.match(question) or not self_contained(question):
        return False
    return not PIECE_START.match(answer) and not gives_away(question, answer)


def self_contained(question: str) -> bool:
    """False for a question a learner cannot read on its own (R7): a fragment with no main clause around
    its wh-word, or an "it"/"them" whose antecedent stayed in the bullet."""
    unquoted = re.sub(r"“[^”]*”|\"[^\"]*\"", "“”", question)  # a quote's "it" is the speaker's, not ours
    return not FRAGMENT.search(unquoted) and not DANGLING_PRONOUN.search(unquoted)


def gives_away(question: str, answer: str) -> bool:
    """True when a word of the question shares its stem with the answer (rule R5).

    A number answer is its digits: "the one that killed the dinosaurs" does not give away
    "about one in 150 million".
    """
    hedge = (
        r"^(?:about|roughly|around|nearly|almost|up to|at least|over|more than|less than|fewer than|at most|"
        r"approximately|under|as much as|as many as|(?:an?\s+)?(?:estimated|reported))\s+"
    )
    if re.match(r"(?:" + hedge[1:] + r")?(?:[$€£]?\d|one in\b)", answer, re.IGNORECASE):
        answer = number_core(re.sub(hedge, "", answer, flags=re.IGNORECASE))
    return bool(answer_stems(answer) & answer_stems(question))
