"""The bullet's key term asked in place: "He earned his black belt under Marcelo Garcia" →
"He earned his black belt under whom?".

The answer is the span cloze selection ranks first, so it is what a careful reader would ask
about; the question is the clause itself with that span replaced by "what" or "whom". It is
made only where that replacement is grammatical: the span is the object of a preposition or a
verb (never a subject, a possessor or an apposition), and a finite verb comes before it.
"""

from __future__ import annotations

import re

from ..model import Card, Fact
from .candidate import Span
from .lexicon import AUXILIARIES, IRREGULAR_PAST, PARTICIPLES, PREPOSITIONS, PRESENT_VERBS, STOP_WORDS, zipf
from .questions import clause_with, has_finite_verb, in_situ_question
from .spans import NUMBER, candidate_spans
from .wh_grammar import ORGANISATION_WORDS, PERSON_WORD, PLAIN_VERBS

ASKED_KINDS = frozenset(("name", "acronym", "phrase", "rare", "quoted", "defined", "expansion", "term"))
PLACE_NOUNS = frozenset(
    (
        "street road avenue square park castle palace cathedral abbey bridge river lake sea ocean bay "
        "gulf strait island islands mountains mountain valley desert forest trench station airport "
        "university college hospital museum stadium"
    ).split()
)
PLACE_PREPOSITIONS = frozenset("in at near to into from across inside outside".split())
CLAUSE_STARTS = frozenset("whether if how why when where what who which that".split())
# After these "in X" is a language, a book or a medium, not a place: "written in Rust", "described in Capital".
NOT_PLACE_VERBS = frozenset(
    (
        "written wrote write writes writing coded implemented programmed published described appeared "
        "appears featured starred rewritten built build builds expressed"
    ).split()
)
# After these a one-word name is a name or an organisation: "a game called Glitch", "joined Intel".
NAMING_VERBS = frozenset("called named dubbed nicknamed titled joined founded co-founded acquired".split())
MIN_SCORE = 0.45  # "a given month" (0.42) is no term
ARTICLES = ("the ", "a ", "an ", "The ", "A ", "An ")
MONTH_OR_YEAR = (
    r"\b(?:1[5-9]|20)\d\d\b|January|February|March|April|June|July|August|September|October|November|December"
)


def key_card(fact: Fact, text: str, context: frozenset[str], titles: frozenset[str] = frozenset()) -> Card | None:
    """A Q/A card asking for the bullet's best non-number span in place, or None (``titles``: the
    episode's recommended works, asked whole, as cloze selection sees them)."""
    spans = sorted(
        (
            s
            for s in candidate_spans(text, context, titles)
            if s.kind in ASKED_KINDS and s.score >= MIN_SCORE and _whole_phrase(s.text(text))
        ),
        key=lambda s: (-s.score, s.start),
    )
    for span in spans[:3]:  # the best span, or the next when the best cannot be asked in place
        card = _asked_in_place(fact, text, span)
        if card:
            return card
    return None


def _asked_in_place(fact: Fact, text: str, span: Span) -> Card | None:
    possessor = re.search(r"(?:[A-Z][\w\-]*\s){0,2}[A-Z][\w\-]*[’']s\s$", text[: span.start])
    if span.kind == "name" and possessor:  # "of New York's Washington Square Park": the possessor belongs to it
        span = Span(possessor.start(), span.end, span.kind, span.score)
    answer = span.text(text)
    clause = clause_with(text, span.start, span.end)
    if clause is None:
        return None
    piece, offset = clause
    start, end = span.start - offset, span.end - offset
    if start < 0 or piece[start:end] != answer:
        return None
    after = piece[end:]
    if re.search(r"\b(?:stands|stood)\s+for\b|\bwhat\b", piece[:start] + " " + piece[end:], re.IGNORECASE):
        return None  # expansions have their own card; a second "what" makes the question ambiguous
    if not answer.split():
        return None
    last = answer.split()[-1].lower()
    if last in PREPOSITIONS:
        return None  # "the pace above which …": the phrase was cut inside a relative clause
    if span.kind in ("rare", "phrase") and (last.endswith("ed") or last in PARTICIPLES or NUMBER.match(answer)):
        return None  # "code woven", "ten years": a participle or a count, not a term
    qualified = re.match(r"\s+([a-z]+)\s+(?:of\b|\d)", after)
    if span.kind in ("name", "acronym") and " " not in answer and qualified and qualified[1] not in STOP_WORDS:
        return None  # "an Elo rating of 2300": the name qualifies the noun after it, "what rating" asks nothing
    noun_then_name = re.match(r"\s+((?:[a-z]+\s+){1,3})[A-Z]", after)
    if re.match(r"\s+[A-Z]", after) or noun_then_name and not set(noun_then_name[1].split()) & STOP_WORDS:
        return None  # "the BBC comedy series Monty Python's …": the name that follows is the real answer
    if (
        re.match(r"\s+(?:that|who)\s", after)
        and re.search(r"\b(?:is|are|was|were)\s+$", piece[:start])
        or re.search(r"\b(?:at|in|on|by|for|of|to|from|with|under|through)\s+(?:which|whom)\s", piece[:start])
    ):
        return None  # "Earworms are what that replay …", "at which the general level of what": not a question
    if re.match(r"(?:[’'](?:s\b)?|\s+(?:of|and|or|to|which|whom)\s)", after) or re.search(MONTH_OR_YEAR, answer):
        return None  # "X's cut", "X of complexity", "X and Y", "from X to Y", dates: the phrase goes on
    following = re.match(r"\s+([a-z][\w\-]*)", after)
    if (
        (span.kind in ("rare", "phrase") or re.fullmatch(r"[a-z]+", answer.split()[-1]))
        and following
        and following[1] not in STOP_WORDS
    ):
        return None  # "what public good", "what set" after "x86-64 instruction": the hidden word was a modifier
    if (
        answer.split()[0].lower() in PLAIN_VERBS
        or answer.split()[0] in PRESENT_VERBS
        and len(answer.split()) > 1
        and not re.search(r"\b(?:the|a|an|its|their|his|her)\s$", piece[:start])
    ):
        return None  # "come second", "protect coastlines": a verb phrase, not a thing
    if re.match(r"[–—\-/]\w", after) or re.search(r"\w[–—\-/]$", piece[:start]):
        return None  # "the Portuguese–Spanish border": half of a compound
    if (
        span.kind == "name"
        and " " not in answer
        and answer.endswith(("an", "ese", "ish", "ic", "i"))
        and following
        and following[1] not in STOP_WORDS
    ):
        return None  # "a Belgian town": a proper adjective, not the thing asked about
    if span.kind == "rare" and re.match(r",\s+[a-z]", text[span.end :]):
        return None  # "from blurry, low-resolution faces": one of a list of modifiers
    if (
        span.kind == "name"
        and " " not in answer
        and zipf(answer.lower()) >= 4.5
        and following
        and following[1] not in STOP_WORDS
    ):
        return None  # "the Greek letter chi": a proper adjective, not the thing asked about
    before = piece[:start]
    article = next((a for a in ARTICLES if before.endswith(a)), "")
    before = before[: len(before) - len(article)]
    if article[:1].isupper() and before.strip() and span.kind == "name":
        answer = article + answer  # "for The Mission": a capitalised article mid-sentence belongs to the title
    previous = before.split()[-1] if before.split() else ""
    if (
        not previous
        or previous.endswith((",", "’s", "'s"))
        or previous.lower() in ("his", "her", "their", "its", "our", "my", "your")
    ):
        return None  # a subject, a possessor's noun or an apposition: "what" would not fit there
    anchor = re.sub(r"(?:\s+(?:just|only|still|also|even|mostly|largely|often|always|[a-z]+ly))+\s*$", " ", before)
    if anchor != before and anchor.split():  # "ideas are just a multiplier of …": the adverb is not the anchor
        previous = anchor.split()[-1]
    if not (previous.lower() in PREPOSITIONS or _verb(anchor)) or not has_finite_verb(anchor):
        return None
    if span.kind == "rare" and previous.lower() in ("is", "are", "was", "were"):
        return None  # "AIXI is incomputable": an adjective, not a thing to ask "what" for
    wh = "what"
    if (
        span.kind == "name"
        and " " not in answer
        and zipf(answer.lower()) >= 5.0
        and previous.lower() in ("on", "in", "at")
    ):
        return None  # "on Earth", "in China": an everyday name is the setting, not the fact
    place = _place_wh(answer, article, previous.lower())
    if place:  # "at Windsor Castle" → "at which castle"; "in the Pacific" → "where"
        cut = len(before) if place != "where" else len(before.rstrip()) - len(previous)
        if place != "where":  # "at which castle?" → "Windsor": the class noun is in the question
            answer = answer.rsplit(" ", 1)[0]
        return Card("qa", "qa-key", fact, question=in_situ_question(piece, cut, end, place), answer=answer)
    if (
        span.kind == "name"
        and previous.lower() in ("in", "at", "near")
        and answer.split()[-1].lower() in ORGANISATION_WORDS
    ):
        return None  # "at Bullfrog Productions": an employer, not a place ("where?"), and "at what?" is not English
    if (
        (
            span.kind == "name"
            and previous.lower() in ("in", "at", "near")
            and not article
            and len(answer.split()) <= 2
            and all(re.fullmatch(r"[A-Z][a-zà-ÿ\-]+", t) for t in answer.split())
        )
        and not {w.lower() for w in before.split()[-4:-1]} & NOT_PLACE_VERBS
        and previous.lower() != "near"
    ):
        # "a mosque in Mali", "sealed at Runnymede": a plain name after "in"/"at" is a place; "in what?" is not English
        cut = len(before.rstrip()) - len(previous)
        return Card("qa", "qa-key", fact, question=in_situ_question(piece, cut, end, "where"), answer=answer)
    if (
        span.kind == "name"
        and re.fullmatch(r"[A-Z][a-zà-ÿ]+", answer)
        and not article
        and (
            previous.lower() not in PREPOSITIONS | NAMING_VERBS
            or previous.lower() == "of"
            and re.search(r"\bthe\s+[a-z]+\s+of\s+$", before)
        )
    ):
        return None  # "took Michelangelo", "the fjords of Norway": a person, a place or a thing, we cannot tell
    if _person(answer, span.kind):
        if previous.lower() in PLACE_PREPOSITIONS:
            return None  # "in Santa Monica": a place or a person, we cannot tell
        wh = "whom"
    question = in_situ_question(piece, len(before), end, wh)
    return Card("qa", "qa-key", fact, question=question, answer=answer)


def _whole_phrase(answer: str) -> bool:
    """A span that is one noun phrase: not "whether governments" (a clause) nor "Frank Lloyd Wright for the
    Kaufmann" (two phrases joined by a lower-case word other than "of")."""
    tokens = answer.split()
    if not tokens or tokens[0].lower() in CLAUSE_STARTS:
        return False
    inner = [t for t in tokens[1:-1] if t[0].islower()]
    return not (
        tokens[0][0].isupper() and any(t not in ("of", "and", "&", "de", "van", "von", "du", "la") for t in inner)
    )


def _place_wh(answer: str, article: str, preposition: str) -> str:
    """The wh-phrase for a place after "in"/"at"/"on": its class noun ("which street"), "where" for
    "in the Pacific", or "" when the name may not be a place."""
    if preposition not in ("in", "at", "on", "near"):
        return ""
    tokens = answer.split()
    if len(tokens) >= 2 and tokens[-1].lower() in PLACE_NOUNS:
        return f"which {tokens[-1].lower()}"
    if article.strip().lower() == "the" and preposition in ("in", "near") and all(t[0].isupper() for t in tokens):
        return "where"
    return ""


def _verb(before: str) -> bool:
    """The last word before the span is a verb: an auxiliary, a past form, or "-s" after a name."""
    tokens = before.split()
    lower = tokens[-1].lower()
    if lower in AUXILIARIES or lower in IRREGULAR_PAST or lower.endswith("ed"):
        return True
    return (
        re.fullmatch(r"[a-z]{3,}[^s]s", lower) is not None
        and len(tokens) >= 2
        and tokens[-2][0].isupper()
        and not tokens[-2].endswith((",", "’s", "'s"))
    )  # "Jim credits"


def _person(answer: str, kind: str) -> bool:
    """ "Marcelo Garcia", "Aaron Courville": two or three capitalised words, the last one rare."""
    tokens = answer.split()
    if (
        kind == "name"
        and len(tokens) == 2
        and re.fullmatch(r"[A-Z][a-z]+", tokens[0])
        and tokens[1] in ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")
    ):
        return True  # "Ptolemy I", "Henry VIII"
    return (
        kind == "name"
        and 2 <= len(tokens) <= 3
        and all(re.fullmatch(PERSON_WORD, t) for t in tokens)
        and tokens[-1].lower() not in ORGANISATION_WORDS
        and (zipf(tokens[-1].lower()) < 4.0 or "-" in tokens[0])
    )
