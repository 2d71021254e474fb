"""Number questions asked in place: how many / how much / what percentage / what odds / what year.

One number of the bullet is asked, the most telling first (money > percentage > odds > date >
count); the clause is kept only when it is a sentence, so the question reads as one.
"""

from __future__ import annotations

import re

from ..model import Card, Fact
from .lexicon import IRREGULAR_PAST
from .qa_rules import is_clean
from .questions import clause_with, has_finite_verb, in_situ_question
from .spans import NUMBER, YEAR, hedge_before

FRACTION = re.compile(
    r"(?<![\w\-])(?:(?:a|one|two)\s+(?:third|quarter|fifth|tenth)s?|half|three\s+quarters)(?=\s+(?:of\s|the\s|its\s|their\s|all\s)"
    r"|\s+in\s|[,.;]|$)"
)
# Hedges that change what the number claims, so the answer keeps them: "More than $1 million", "Under 40".
ANSWER_HEDGES = frozenset(
    (
        "about",
        "roughly",
        "around",
        "nearly",
        "almost",
        "up to",
        "at least",
        "over",
        "more than",
        "less than",
        "fewer than",
        "at most",
        "approximately",
        "under",
    )
)
IRREGULAR_PLURALS = frozenset(
    "people children men women bacteria data media criteria phenomena fungi cacti nuclei alumni "
    "feet teeth mice geese sheep fish deer species".split()
)


def number_cards(fact: Fact, text: str) -> list[Card]:
    """One number of the bullet, asked in place: money > percentage > count > year."""
    found = []
    for match in YEAR.finditer(text):
        if re.search(r"(?:\b(?:the|a|an|his|her|its|their|our|my|your)|[’']s)\s$", text[: match.start()]) and re.match(
            r"\s[A-Za-z]", text[match.end() :]
        ):
            continue  # "the 1854 cholera outbreak", "his 1972 book": the year modifies a noun
        if re.fullmatch(r"(?:1[5-9]|20)\d\d", match.group()):
            found.append((2.2, match.start(), match.end(), "year"))  # a date beats "four years later"
    for match in NUMBER.finditer(text):
        token = match.group()
        if YEAR.fullmatch(token) or re.match(r"(?:1[5-9]|20)\d\d\s+to\s+(?!(?:1[5-9]|20)\d\d\b)", token):
            continue  # a year, or "in August 2013 to 8,000 companies": a year then a count, not a range
        if token.startswith(("$", "€", "£")):
            found.append((0, match.start(), match.end(), "money"))
        elif token.endswith("%"):
            found.append((1, match.start(), match.end(), "percent"))
        elif re.match(r"(?:one|a) in\b", token):
            found.append((1.5, match.start(), match.end(), "count"))
        elif _is_age(text, match.start(), match.end()):
            found.append((2.1, match.start(), match.end(), "age"))  # "earned a PhD at 20": a life event's age
        elif re.match(
            r"\d|"
            + "|".join(
                (
                    "two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty "
                    "sixty seventy eighty ninety hundred"
                ).split()
            ),
            token,
        ):
            percent = re.match(r"\s+per\s?cent\b", text[match.end() :])
            if percent and "-" not in token:  # "ten percent": a percentage written out
                found.append((1, match.start(), match.end() + percent.end(), "percent"))
            elif "-" not in token and not re.search(r"[\w-]$", text[: match.start()]):
                found.append((2 if token[0].isdigit() else 2.5, match.start(), match.end(), "count"))
        elif re.fullmatch(r"hundred|thousand|million|billion|dozen", token, re.IGNORECASE) and re.search(
            r"(?<!\w)a\s$", text[: match.start()]
        ):  # "roughly a thousand atoms"
            found.append((2.5, match.start() - 2, match.end(), "count"))
    for match in FRACTION.finditer(text):
        if not re.search(r"\bbetween\s+$|\band\s+(?:a\s+)?$", text[: match.start()]) and not re.match(
            r"\s+and\b", text[match.end() :]
        ):
            found.append((1.2, match.start(), match.end(), "fraction"))  # "between a third and a half": a range
    for _, start, end, kind in sorted(found):
        card = _number_card(fact, text, start, end, kind)
        if card and is_clean(card):
            return [card]
    return []


# What a person does at an age ("became an International Master at 16"), never what a thing does at a
# measure ("water boils at 100", "the index peaked at 20").
AGE_VERBS = frozenset(
    (
        "became earned won left started began wrote published founded co-founded joined graduated "
        "entered died retired married learned moved enrolled received got took discovered invented "
        "created dropped finished completed emigrated quit taught played beat defeated programmed "
        "designed composed reached turned"
    ).split()
)
PERSON_SUBJECT = re.compile(
    r"^(?:[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?\s){0,2}[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?(?=\s[a-z])"
)
NOT_NAME_ENDINGS = ("ment", "tion", "sion", "ity", "ism", "ness", "ance", "ence", "ing", "ics", "ogy", "ers")


def _is_age(text: str, start: int, end: int) -> bool:
    """ "Wolfram earned a PhD … at 20": a person's age, asked "at what age?". Only a one- or two-digit number
    after "at", with no unit after it, in a clause whose subject is a person's name and whose verb is a life event."""
    token = text[start:end]
    if not re.fullmatch(r"\d{1,2}", token) or not re.search(r"\sat\s$", text[:start]):
        return False
    if not re.match(
        r"(?:[,.;)]|$|\s+(?:and|with|in|after|before|while|when|but|so|by|from|as|for)\b(?!\s+\d))", text[end:]
    ):
        return False  # "at 100 degrees", "at 16 to 18": a measure or a range
    subject = PERSON_SUBJECT.match(text)
    if (
        not subject
        or subject.group().split()[0] in ("The", "A", "An", "In", "On", "At", "By", "For", "After")
        or subject.group().lower().endswith(NOT_NAME_ENDINGS)
    ):
        return False
    tail = re.search(r"(?:^|\s)(?P<verb>[a-z\-]+)\s(?:[^,;]*\s)?at\s$", text[subject.end() : start])
    verbs = [w for w in re.findall(r"[a-z\-]+", text[subject.end() : start]) if w in AGE_VERBS]
    return bool(tail and verbs and re.search(r"\b(?:" + "|".join(verbs) + r")\b[^,;]*$", text[:start]))


def _mass_noun(after: str) -> re.Match | None:
    """ "10 billion bacteria", "20,000 people": a plural that does not end in "s"."""
    match = re.match(r"\s+()([a-z]{4,})\b(?!-)", after)
    return match if match and match[2] in IRREGULAR_PLURALS else None


def _number_card(fact: Fact, text: str, start: int, end: int, kind: str) -> Card | None:
    clause = clause_with(text, start, end)
    if clause is None:
        return None
    piece, offset = clause
    start, end = start - offset, end - offset
    hedge = hedge_before(piece, start)
    if kind == "year" and hedge in ("around", "about", "circa"):
        hedge = ""  # "in Berlin around 1706" → "in Berlin around what year?": the hedge stays in the question
    if hedge and re.search(r"\bno\s+$", piece[: start - len(hedge) - 1]):
        hedge = "no " + hedge  # "by no more than ten percent": the "no" belongs to the hedge
    question_start = start - len(hedge) - 1 if hedge else start
    estimate = (
        None
        if hedge
        else re.search(r"(?<!\w)(?:(?:an?\s+)?(?:estimated|reported)|as\s+(?:much|many)\s+as)\s+$", piece[:start])
    )
    if (
        estimate
    ):  # "processing an estimated 10 to 20 percent" → "processing what percentage", "an estimated" in the answer
        hedge, question_start = estimate.group().strip(), estimate.start()
    unit = ""
    unit_match = re.match(r"\s+(?:([a-z]+(?:-[a-z]+)?)\s+)?([a-z]{3,}s)\b", piece[end:]) or _mass_noun(piece[end:])
    if kind == "count" and unit_match and (unit_match[1] is None or unit_match[1] not in ("of", "and")):
        unit = unit_match.group().strip()
        end += unit_match.end()
    if kind == "count" and unit and re.fullmatch(r"\d+x\d+", text[start + offset : end + offset - len(unit)].strip()):
        # "tiny 64x64 images" → "tiny images of what size"
        question = in_situ_question(piece, question_start, end, f"{unit} of what size")
        answer = text[start + offset : end + offset - len(unit)].strip()
        return Card("qa", "qa-what-size", fact, question=question, answer=answer)
    if kind == "fraction":
        wh = "how much of" if re.match(r"\s+(?:the|its|their|all)\s", piece[end:]) else "how much"
    elif kind == "year":
        wh = "what year"
    elif kind == "age":
        wh = "what age"
    elif kind == "money":
        wh = "how much"
    elif kind == "percent":
        wh = "what percentage"
    elif unit:
        wh = f"how many {unit}"
    elif re.match(r"(?:one|a)\s+in", text[start + offset :]):
        wh = "what odds"
    else:
        return None
    answer = (
        text[start + offset : end + offset]
        if kind != "count" or not unit
        else text[start + offset : start + offset + len(text[start + offset : end + offset]) - len(unit)].strip()
    )
    if hedge and hedge in ANSWER_HEDGES or hedge.startswith("no ") or estimate:
        answer = f"{hedge} {answer}"
    answer = answer[0].upper() + answer[1:]
    prefix = piece[:question_start]
    opening_year = kind == "year" and re.fullmatch(
        r"In\s+", prefix
    )  # "In 2006 X showed …" → "X showed … in what year?"
    if prefix and not opening_year and not has_finite_verb(prefix) or prefix.endswith("("):
        return None  # a fragment, not a question
    aside = re.fullmatch(r"[^,]*,\s+(?:first\s+)?(?P<verb>[a-z]+)\s[^,]*", prefix)
    if (
        aside
        and not has_finite_verb(prefix.split(",")[0])
        and (aside["verb"].endswith("ed") or aside["verb"] in IRREGULAR_PAST)
    ):
        return None  # "The Rosetta Stone, found by French soldiers in what year?": only an aside's participle
    if re.search(r"[A-Z][\w\-]*\s\d+\s+(?:and|or)\s+$", piece[:start]):
        return None  # "the Alpha 21164 and 21264 processors": a model number, not a count
    question = in_situ_question(piece, question_start, end, wh, shorten=True)
    role = {
        "age": "qa-what-age",
        "year": "qa-what-year",
        "money": "qa-how-much",
        "fraction": "qa-how-much",
        "percent": "qa-what-percentage",
    }.get(kind, "qa-how-many")
    return Card("qa", role, fact, question=question, answer=answer)
