"""Wording of questions: in-place wh-questions from a clause, and quote-based recommendation questions.

Kept apart from ``qa.py`` (which decides *which* cards to make) because wording is where the
fiddly string work is; every question it returns is still checked by ``qa.is_clean``.
"""

from __future__ import annotations

import re

from ..model import Episode
from .clauses import atomic_clauses
from .lexicon import (
    AMBIGUOUS_PAST,
    AUXILIARIES,
    IRREGULAR_PAST,
    MAX_QUESTION_WORDS,
    NOT_VERBS,
    PRESENT_VERBS,
    STOP_WORDS,
    words,
)

OPENING_YEAR = re.compile(r"^In (\d{4}),\s+")
# A leading clause whose main clause is asserted on its own, dropped only when the question is too long
# (never "If …" or "When …": their main clause holds only under them).
LEADING_CLAUSE = re.compile(r"^(?:After|Although|Though|Because|Since)\s[^,]{3,60},\s+(?=[A-Za-z])")


def resolve_pronoun(text: str, episode: Episode | None) -> str:
    """ "He …"/"His …" at the start of a bullet, or "he" right after a leading phrase ("For muscle growth, he
    suggests …", "At 17 he co-designed …"), means the guest, when the episode has exactly one."""
    if episode is None or len(episode.guests) != 1:
        return text
    name = episode.guests[0].name
    text = re.sub(r"(?<=,\s)(?:he|she)(?=\s(?:says|said|argues|thinks|believes|notes)\b)", name, text)
    text = re.sub(r"\b[Ii]n (?:his|her) view\b", lambda m: f"{m[0][0]}n {name}’s view", text)
    match = re.match(r"(He|She|His|Her)\s", text)
    if not match:
        lead = re.match(
            r"((?:For|In|On|At|During|After|Before|Since|Over|Across|Outside|Inside|Among|With|Without|Following|"
            r"Like|Unlike|Despite|As|Through|Under)"
            r"\s[^,]{2,60}?(?:,\s|\s(?=(?:he|she)\s)))(he|she)\s",
            text,
        )  # "For muscle growth, he …", "At 17 he …"
        if lead and not re.search(r"\b(?:he|she|his|her|him)\b", lead[1], re.IGNORECASE):
            return lead[1] + name + text[lead.end(2) :]
        return text
    replacement = name if match[1] in ("He", "She") else f"{name}’s"
    return replacement + text[len(match[1]) :]


def clause_with(text: str, start: int, end: int) -> tuple[str, int] | None:
    """The atomic clause holding ``text[start:end]`` and the offset that maps its positions back.

    A rewritten clause (subject borrowed) is returned with a negative-safe offset computed from where
    the span's text occurs in it. Trailing comma segments after the span are dropped, and a
    subordinate clause ("… after a store told him …") when the question would be too long.
    """
    target = text[start:end]
    for clause in atomic_clauses(text):
        base = text.find(clause)  # where the clause stands in the text, when it is a plain piece of it
        if base >= 0:
            if not base <= start < end <= base + len(clause):
                continue
            at = start - base  # the span itself, not an earlier copy of its text ("13 … in 13 weeks")
        else:  # a rewritten clause (subject borrowed): the span's text as it occurs there
            at = clause.find(target)
            if at < 0:
                continue
        offset = start - at
        tail = re.search(r"[,:;]\s", clause[at + len(target) :])
        if tail:
            clause = clause[: at + len(target) + tail.start()]
        tail = re.search(
            r"\s(?:after|when|while|because|before|although|though|thanks|so)\s", clause[at + len(target) :]
        )
        if tail and len(words(clause)) > MAX_QUESTION_WORDS - 2:  # only cut what would not fit
            clause = clause[: at + len(target) + tail.start()]
        return clause.rstrip("."), offset
    return None


def in_situ_question(clause: str, start: int, end: int, wh: str, shorten: bool = False) -> str:
    """The clause with ``clause[start:end]`` replaced by the wh-phrase: "Knuth has not used email since what year?".

    ``shorten`` drops a leading "After …,"/"Because …," clause when the question would be too long (R7)."""
    question = clause[:start] + wh + clause[end:]
    opening = OPENING_YEAR.match(question)
    if opening:
        question = question[opening.end() :] + f" in {opening[1]}"
    question = re.sub(r"^In what year,?\s+(.*)$", r"\1 in what year", question)
    question = re.sub(r"\s+", " ", question).strip().rstrip(".,;:")
    lead = LEADING_CLAUSE.match(question)
    if shorten and lead and len(words(question)) > MAX_QUESTION_WORDS and wh in question[lead.end() :]:
        question = question[
            lead.end() :
        ]  # "After Uber arrived, the price … fell from how much …": the rest still holds
    return question[0].upper() + question[1:] + "?"


QUANTITIES = frozenset("hundreds thousands millions billions dozens years months days".split())
NOUN_STARTERS = frozenset("a an the his her its their our my your of in on at for with from by to and or".split())


def has_finite_verb(prefix: str) -> bool:
    """True when the words before a wh-phrase hold a finite verb, so the in-place question is a
    sentence ("Knuth has not used email since what year?") and not a fragment ("The Zen of Python,
    how many aphorisms …?", "The original prize, launched in 2006 with how many euros?")."""
    tokens = re.findall(r"[\w’'\-]+|,", prefix)
    for i, token in enumerate(tokens):
        lower = token.lower()
        previous = [
            t for t in tokens[:i] if not t.endswith("ly") and t not in ("first", "then", "also", "never", "not")
        ]
        before = previous[-1].lower() if previous else ""
        if lower in AUXILIARIES or lower in IRREGULAR_PAST:
            return True
        if (
            lower in AMBIGUOUS_PAST
            and i > 1
            and tokens[i - 1][:1].isupper()
            and not tokens[i - 1].endswith(("’s", "'s"))
        ):
            return True  # "The Great Barrier Reef lost …": a past form right after a name
        if (
            lower.endswith("s")
            and (lower[:-1] in PRESENT_VERBS or lower.endswith("es") and lower[:-2] in PRESENT_VERBS)
            and before
            and before not in STOP_WORDS
            and before != ","
            and not before.endswith(("’s", "'s"))
        ):
            return True  # "Polarised training puts …", "Lake Baikal in Siberia holds …": a verb of the closed list
        if (
            lower in PRESENT_VERBS
            and before
            and before not in STOP_WORDS
            and before != ","
            and tokens[0].lower().endswith("s")
            and not tokens[0].lower().endswith(("ss", "us", "is"))
            and tokens[0][0].isupper()
        ):
            return True  # "Cyclists in a peloton save …": a plain verb after a plural subject
        if (
            before == ","
            and tokens[:i].count(",") >= 2
            and _closes_aside(tokens[:i])
            and lower.endswith("s")
            and not lower.endswith(("ss", "us"))
            and lower not in NOT_VERBS | QUANTITIES
        ):
            return True  # "The Zen of Python, 19 aphorisms …, sums up": the verb after an aside
        if not before or before == "," or before in NOUN_STARTERS:
            continue  # "…, launched in 2006": a participle; "the results": a noun
        if lower.endswith("ed") or (
            lower.endswith("s")
            and not lower.endswith(("ss", "us", "’s", "'s"))
            and lower not in NOT_VERBS
            and before not in STOP_WORDS
            and not before.endswith("ing")
            and lower not in QUANTITIES
            and not before[0].isdigit()
        ):  # "19 aphorisms": a count, a noun
            return True
    return False


def _closes_aside(tokens: list[str]) -> bool:
    """The last comma closes an aside of two words or more that opened with a comma: "X, the Challenger Deep,"."""
    opening = len(tokens) - 1 - tokens[-2::-1].index(",") - 1
    return len(tokens) - 1 - opening - 1 >= 2


def _first_part(text: str) -> str:
    """Up to the first comma: "a beautiful little book, it's a story…" → "a beautiful little book"."""
    return re.split(r",\s+", text, maxsplit=1)[0]


def _fit(text: str, limit: int) -> str:
    tokens = text.split()
    return " ".join(tokens) if len(tokens) <= limit else " ".join(tokens[:limit]) + "…"
