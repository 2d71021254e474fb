"""Key-span detection: typed candidates for what a learner should recall in a sentence.

Overgenerate, then let selection (``cloze.py``) filter under the card rules. Each candidate has a
kind (number, year, name, acronym, quoted, term, defined, expansion, rare) and a score whose order
follows docs/card-rules.md: definitions and numbers first, rare lower-case words last.
Word rarity comes from wordfreq (its data ships in the wheel), not from a hand-made list.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .acronyms import PARENTHETICAL, STANDS_FOR, expansion_before, is_expansion
from .adverbials import named_terms, negated_means
from .candidate import Span
from .lexicon import (
    ABSTRACT_ENDINGS,
    ADJECTIVE_ENDINGS,
    DERIVED_ENDINGS,
    HEDGES,
    METALINGUISTIC,
    NUMBER_WORDS,
    STOP_WORDS,
    TOKEN,
    VERBS,
    words,
    zipf,
)
from .phrases import finite_after_noun, looks_like_verb, noun_phrases
from .span_rules import refine, verb_form

SCALE = r"(?:\s(?:thousand|million|billion|trillion))?"
DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
NUMBER = re.compile(
    r"(?<![\w.\-])(?:"
    r"(?:one|a)\s+in\s+(?:" + DIGITS + SCALE + r"|" + "|".join(NUMBER_WORDS) + r")"  # one in six
    r"|(?:hundreds|thousands|millions|billions)(?:\s+of\s+(?:thousands|millions|billions))?(?:\s+of\s+years)?"
    r"|(?:[$€£]\s?)?"
    + DIGITS
    + r"(?:x\d+|x|%|s|k|bn)?"
    + SCALE  # $5.5 million, 64x64, 17%
    + r"(?:\s?(?:[–-]|to)\s?"
    + DIGITS
    + r"%?)?"  # 10–20%, 1 to 10
    r"|(?:" + "|".join(NUMBER_WORDS) + r")(?:\s+and\s+a\s+half)?(?:-[a-z]+)?"  # two and a half, three-year
    r")(?![\w])",
    re.IGNORECASE,
)
YEAR_SCORE = 0.75  # a date is rarely the point of a bullet: reviewers call a hidden year trivia
MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
YEAR = re.compile(r"(?:" + MONTH + r"\s)?\b(?:1[5-9]|20)\d\d\b|\b(?:late|early|mid)[\s-](?:19)?\d0s\b")
NAME_TOKEN = r"(?:[A-Z][\w’'\-.]*[\w]|[A-Z]|[a-z]+[A-Z][\w\-]*|[a-z]\d(?:[\w\-]*\w)?)"
NAME = re.compile(
    NAME_TOKEN + r"(?:\s+(?:(?:of|for|de|van|von|and|the|What|We)\s+)*" + NAME_TOKEN + r")*"
    r"(?:\s\d+[A-Za-z]?\b)?"
)
QUOTED = re.compile(r"[“\"]([^”\"]{1,60})[”\"]")
DEFINITION = re.compile(r"^(?:An?\s+|The\s+)?(?P<term>[\w\- ]{3,40}?)\s+(?:means|refers to|is defined as)\s")


def hedge_before(sentence: str, start: int) -> str:
    """The hedge ("about", "only", "up to"…) right before ``start``, or ""."""
    before = sentence[:start].lower()
    return next((h for h in HEDGES if re.search(r"(?<!\w)" + h + r"\s+$", before)), "")


@lru_cache(maxsize=4096)
def candidate_spans(
    sentence: str, context: frozenset[str] = frozenset(), titles: frozenset[str] = frozenset()
) -> tuple[Span, ...]:
    """Every span worth hiding, scored; overlapping candidates are left for selection to resolve.

    ``context`` names are never answers (guests, host, topics); ``titles`` (the episode's recommended
    books and products) are hidden whole or not at all.

    Cached: cloze selection and the in-place Q/A question both look at the same sentence."""
    spans = [
        *noun_phrases(sentence),
        *negated_means(sentence),
        *named_terms(sentence),
        *_numbers(sentence),
        *_names(sentence, context),
        *_quoted(sentence),
        *_contrasts(sentence),
        *_parentheticals(sentence),
        *_definition(sentence),
        *_rare_terms(sentence),
    ]
    people = {part for name in context for part in name.split()}
    return tuple(
        s
        for s in refine(sentence, spans, titles)
        if s.end > s.start
        and s.text(sentence) not in context
        and not (s.kind == "phrase" and s.text(sentence).split()[0] in people)
    )  # "Chris designs": a person


def _numbers(sentence: str) -> list[Span]:
    spans = []
    for match in YEAR.finditer(sentence):
        spans.append(Span(match.start(), match.end(), "year", YEAR_SCORE))
    for match in NUMBER.finditer(sentence):
        token = match.group()
        if YEAR.fullmatch(token) or _glued_to_name(sentence, match.start()):
            continue
        start, end = match.start(), match.end()
        if token[0].isdigit() or token[0] in "$€£" or token.lower().startswith(("one in", "a in")):
            score = 0.9
        else:
            score = 0.8
        if re.fullmatch(r"(?:hundreds|thousands|millions|billions)", token, re.IGNORECASE):
            score = 0.55
        if not re.search(r"[$€£%]|\d[x]|\s(?:million|billion|thousand|trillion)$", token):
            extended = _unit_after(sentence, end)
            if len(words(sentence[start:extended])) <= 4:
                if re.match(r"\s+[A-Z]", sentence[end:extended]):
                    score = 0.98  # "100,000 H100 GPUs": the count, not just the name, is the fact
                end = extended
        else:
            per = re.match(r"\s+per\s+[A-Za-z]+", sentence[end:])
            end += per.end() if per else 0
        if re.fullmatch(r"(?:19|20)?\d0s", token):
            spans.append(Span(start, match.end(), "year", YEAR_SCORE))  # "the 1990s", "late 90s": a decade is a date
            continue
        spans.append(Span(start, end, "number", score))
    return spans


def _glued_to_name(sentence: str, start: int) -> bool:
    """A number that is part of a name ("IBM 650", "GPT-4", "Volume 4A") is the name's, not a count."""
    return (
        bool(re.search(r"(?:[A-Z][\w]*[\s-]|-)$", sentence[:start]))
        and start > 0
        and not re.search(r"(?:^|[.;:]\s*)(?:In|By|Since|From|After|Before|About|Over|Only)\s$", sentence[:start])
    )


def _unit_after(sentence: str, end: int) -> int:
    """Extend a count over the word that says what it counts ("five pediatric radiologists", "$4 per CD")."""
    match = re.match(
        r"\s+([a-z][a-z\-]*|[A-Z][\w]*-[a-z]+|[A-Z0-9]+s|[A-Z]{2,3}\b)(?:\s+([a-z][a-z\-]*|[A-Z0-9]+s))?",
        sentence[end:],
    )
    if match and _unit_word(match[1]):
        compound = "-" in sentence[:end].split()[-1]  # "five-person steering council": a modifier wants its noun
        end += match.start(1) + len(match[1])
        if (
            match[2]
            and _unit_word(match[2])
            and (match[2].endswith("s") or len(match[1]) <= 2 or compound)
            and not match[1].endswith("s")
        ):
            end = end - len(match[1]) - match.start(1) + match.end(2)
    per = re.match(r"\s+per\s+[A-Za-z]+", sentence[end:])
    return end + per.end() if per else end


def _unit_word(word: str) -> bool:
    if not word[0].islower():
        return True
    return (
        word not in STOP_WORDS
        and not word.endswith(("ly", "ed"))
        and zipf(word) < 6.0
        and word not in ("is", "are", "was", "were", "covers", "says", "said")
    )


def _names(sentence: str, context: frozenset[str], inner: bool = False) -> list[Span]:
    # people's names drop out of a run ("Jeremy's team"); single-word topics only when alone
    excluded = {part for name in context if " " in name for part in (name, *name.split())}
    spans = []
    for match in NAME.finditer(sentence):
        start, end = match.start(), match.end()
        text = sentence[start:end]
        possessive = re.search(r"[’']s\b", text)
        if (
            possessive
            and possessive.end() < len(text)
            and len(text[possessive.end() :].split()) == 1
            and zipf(text[possessive.end() :].split()[0].lower()) > 4
        ):
            possessive = None  # "Moore's Law": one name; "New York's Washington Square Park": two
        if possessive and possessive.end() < len(text):  # "Jason Antic's DeOldify": two names
            spans.extend(_names_in(sentence, start + possessive.end(), end, context))
        if possessive:
            end = start + possessive.start()
        tokens = sentence[start:end].split()
        initial = not inner and (start == 0 or sentence[:start].rstrip().endswith((".", ":", "“")))
        person_part = False  # "The Wolfram Physics Project": a named thing with a person in its name
        while tokens and (
            tokens[0] in excluded
            or initial
            and _ordinary(tokens[0], len(tokens))
            or tokens[0] in ("The", "A", "An", "In")
        ):
            initial = initial and tokens[0] not in ("The", "A", "An")  # "The Stargate project": a name follows
            person_part = person_part or tokens[0] in excluded
            start += len(tokens[0]) + 1
            tokens = tokens[1:]
            while start < end and sentence[start] == " ":
                start += 1
        while tokens and tokens[0] in ("of", "for", "and", "the", "de", "van", "von"):
            start += len(tokens.pop(0)) + 1
        while tokens and tokens[-1] in ("of", "for", "and", "the", "de", "van", "von"):
            end -= len(tokens.pop()) + 1
        if (
            not tokens
            or person_part
            or all(t[0].isdigit() for t in tokens)
            or sentence[start:end] in excluded
            or any(t.rstrip("’'s") in excluded for t in tokens[-1:])
        ):
            continue
        text = sentence[start:end]
        if " and " in text and len(tokens) > 3:
            continue
        acronym = len(tokens) == 1 and sum(c.isupper() for c in text) >= 2 and "-" not in text
        rarity = 7.0 - min(zipf(text.lower()), 7.0)
        if acronym or (len(tokens) == 1 and len(text) <= 2):
            score = 0.55 + rarity / 20 - (0.15 if len(text) == 1 else 0.0) - (0.2 if rarity < 2.5 else 0.0)
            spans.append(Span(start, end, "acronym", score))  # "AI", "US", "PhD": everyday, rarely the fact
            head = re.match(r" ([a-z]{3,}(?:ing [a-z]{3,})?)\b(?![’'])", sentence[end:])
            if (
                head
                and head[1].split()[-1] not in STOP_WORDS
                and _noun_like(head[1].split()[-1])
                and head[1] not in ("itself", "release", "data")
            ):
                spans.append(Span(start, end + head.end(), "acronym", score + 0.01))
        else:
            score = 0.66 + min(rarity, 5.0) / 20 + 0.03 * min(len(tokens), 3)
            if len(tokens) == 1 and rarity < 2.5:
                score -= 0.25  # "China", "Apple", "Greek": an everyday name is the setting, rarely the fact
            spans.append(Span(start, end, "name", score))
            term = _name_with_noun(
                sentence,
                match.end(),
                _adjectival(tokens) or possessive is not None and rarity >= 2.5 and text not in context,
                eponym=len(tokens) == 1 and rarity >= 2.5 and not possessive,
            )
            if term:
                spans.append(Span(start, term, "name", max(score, 0.8) + 0.02))
    return spans


def _adjectival(tokens: list[str]) -> bool:
    """ "Brazilian", "Russian", "Chinese", "Dutch": a proper adjective that names a thing with its noun."""
    return len(tokens) == 1 and tokens[0].endswith(("ian", "an", "ese", "ish", "ch")) and tokens[0][1:].islower()


def _name_with_noun(sentence: str, end: int, allowed: bool, eponym: bool = False) -> int | None:
    """ "Occam's razor", "Brazilian jiu-jitsu", "Russian roulette": the name and a rare noun are one term.

    A rare surname before an abstract noun ("Kolmogorov complexity", "Solomonoff induction") names
    a concept after its author: the pair is the term."""
    noun = re.match(r"\s([a-z][a-z\-]{2,})\b(?![’'])", sentence[end:])
    abstract = eponym and noun is not None and noun[1].endswith(ABSTRACT_ENDINGS)
    if (
        not noun
        or noun[1] in STOP_WORDS
        or noun[1].endswith(("ly", "ed", "ing"))
        or zipf(noun[1]) >= (5.5 if abstract else 4.5)
        or noun[1].endswith(("al", "ic", "ive", "ous", "ful", "less", "able", "ible"))
    ):
        return None  # "Marcus's mathematical model": an adjective starts a longer phrase
    if allowed or abstract:
        return end + noun.end()
    return None


def _names_in(sentence: str, start: int, end: int, context: frozenset[str]) -> list[Span]:
    sub = sentence[start:end]
    offset = len(sub) - len(sub.lstrip())
    inner = _names(sub.strip(), context, inner=True)  # after "New York's", not a sentence start
    return [Span(s.start + start + offset, s.end + start + offset, s.kind, s.score) for s in inner]


def _noun_like(word: str) -> bool:
    """A word that can head a noun phrase: not a verb form or adverb, not too common."""
    return not word.endswith(("ed", "ly", "s")) and word not in VERBS and 2.5 < zipf(word) < 5.6


def _ordinary(token: str, run: int) -> bool:
    """A sentence-initial capitalised token that is just an ordinary English word ("Outside", "Spaced");
    names ("Leslie Smith") stay: in a longer run only very common words are dropped."""
    if not token[1:].islower():
        return False
    if run == 1 and token.lower().endswith(DERIVED_ENDINGS) and zipf(token.lower()) > 2.0:
        return True  # "Adversarial examples", "Distillation means": a derived word, not a name
    return zipf(token.lower()) > (3.0 if run == 1 else 4.5)


def _contrasts(sentence: str) -> list[Span]:
    """ "tenacity, not talent": the word kept against the one denied is the point of the sentence."""
    return [
        Span(m.start(1), m.end(1), "contrast", 0.88)
        for m in re.finditer(r"(?<![\w-])([a-z][\w\-]{3,}),\s+not\s+[a-z]", sentence)
        if m[1] not in STOP_WORDS
    ]


def _quoted(sentence: str) -> list[Span]:
    return [Span(m.start(1), m.end(1), "quoted", 0.95) for m in QUOTED.finditer(sentence) if len(words(m[1])) <= 6]


def _parentheticals(sentence: str) -> list[Span]:
    """ "TERM (expansion)" and "expansion (TERM)": both sides are what the sentence defines."""
    spans = []
    for match in PARENTHETICAL.finditer(sentence):
        inner = match[1].strip()
        if not inner or inner.split()[0].lower() in STOP_WORDS or inner.split()[0] in ("now", "from", "training"):
            continue
        before = re.search(r"([\w\-]+(?:\s[\w\-]+){0,4})\s$", sentence[: match.start()])
        if is_expansion(inner, before[1].split()[-1] if before else ""):
            spans.append(Span(match.start(1), match.end(1), "expansion", 0.95))
        elif before and is_expansion(" ".join(before[1].split()[-len(inner) :]), inner) and " " not in inner:
            spans.append(Span(match.start(1), match.end(1), "acronym", 0.9))
            term = expansion_before(sentence[: match.start()].rstrip(), inner)
            if term:
                spans.append(Span(term[0], term[1], "expansion", 0.95))
        elif len(words(inner)) <= 2:
            spans.append(Span(match.start(1), match.end(1), "term", 0.75))
    return spans


def _definition(sentence: str) -> list[Span]:
    stands = STANDS_FOR.search(sentence)
    if stands:
        return [Span(stands.start("expansion"), stands.end("expansion"), "expansion", 0.97)]
    lower = re.search(
        r"\b([A-Z][A-Za-z0-9]{1,9})\s+(?:originally\s+)?(?:stands|stood)\s+for\s+([a-z][\w\- ]+)", sentence
    )
    if lower:
        tokens = list(re.finditer(r"[\w\-]+", lower[2]))
        for size in range(1, min(len(tokens), 6) + 1):
            if is_expansion(" ".join(t.group() for t in tokens[:size]), lower[1]):
                return [Span(lower.start(2), lower.start(2) + tokens[size - 1].end(), "expansion", 0.97)]
    match = DEFINITION.match(sentence)
    if not match or len(words(match["term"])) > 4:
        return []
    return [Span(match.start("term"), match.end("term"), "defined", 0.97)]


LAST_RESORT_SCORE = 0.3


@lru_cache(maxsize=1024)
def rarest_words(sentence: str) -> tuple[Span, ...]:
    """The sentence's three least common content words ("saints", "taxes"): a last resort, below every
    threshold but the one for a fact that would otherwise have no card at all."""
    found = []
    for token in TOKEN.finditer(sentence):
        word = token.group()
        if (
            word[0].islower()
            and word not in STOP_WORDS
            and len(word) >= 4
            and not word.endswith(("ly", "ed", "ing"))
            and not verb_form(word)
            and not verb_form(word.removesuffix("s"))
        ):
            found.append((zipf(word), token.start(), token.end()))
    return tuple(
        Span(start, end, "rare", LAST_RESORT_SCORE - rank / 100)
        for rank, (_, start, end) in enumerate(sorted(found)[:3])
    )


def _rare_terms(sentence: str) -> list[Span]:
    """Lower-case technical terms: a rare word (zipf < 3.7) or hyphenated compound, with its modifier or head."""
    tokens = list(TOKEN.finditer(sentence))
    spans = []
    for i, token in enumerate(tokens):
        word = token.group()
        if not word[0].islower() or word in STOP_WORDS or word.endswith("ly"):
            continue
        rarity = zipf(word)
        hyphenated = "-" in word and rarity < 5.0
        if not (rarity < 3.7 and len(word) > 4) and not hyphenated:
            continue
        if (not hyphenated or re.match(r"(?:co|re|pre|un|over|under|out)-", word)) and word.endswith(
            ("ing", "izes", "ises", "ed")
        ):  # "co-developed": a prefixed verb
            continue  # verbs and gerunds ("colorizes", "memorizing") are not what a learner recalls
        if (
            word.endswith(("’s", "'s"))
            or _verb_position(sentence, tokens, i)
            or i
            and _finite_verb(sentence, tokens, i)
        ):
            continue  # "it destroys humanity's", "to unify": verbs by position
        start, end = token.start(), token.end()
        left = tokens[i - 1] if i else None
        if (
            left
            and _joins(sentence, left.end(), start)
            and _modifier(left.group())
            and not left.group().endswith(("ed", "ing", "s"))
            and not _verb_position(sentence, tokens, i - 1)
            and left.group() not in METALINGUISTIC
        ):
            start = left.start()
        right = tokens[i + 1] if i + 1 < len(tokens) else None
        if (
            right
            and _joins(sentence, end, right.start())
            and word.endswith(ADJECTIVE_ENDINGS)
            and _modifier(right.group())
            and not right.group().endswith(("ing", "ed"))
            and not _verb_position(sentence, tokens, i + 1)
            and not (i + 2 < len(tokens) and tokens[i + 2].group() == "to")
        ):  # "fixed tend to"
            end = right.end()
        score = 0.5 + (3.7 - min(rarity, 3.7)) / 8 + (0.05 if hyphenated else 0.0)
        spans.append(Span(start, end, "rare", score))
    return spans


def _verb_position(sentence: str, tokens: list[re.Match], i: int) -> bool:
    return looks_like_verb(sentence, tokens, i)


def _finite_verb(sentence: str, tokens: list[re.Match], i: int) -> bool:
    """ "the compiler avoids actual copying": an "-s" word after a singular noun is its verb."""
    return finite_after_noun(tokens[i].group(), tokens[i - 1].group(), sentence, tokens, i)


def _joins(sentence: str, end: int, start: int) -> bool:
    return sentence[end:start] == " "


def _modifier(word: str) -> bool:
    return (
        word[0].islower()
        and word not in STOP_WORDS
        and not word.endswith("ly")
        and zipf(word) < 5.3
        and not word.endswith(("’s", "'s"))
    )
