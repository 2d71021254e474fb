"""Shape rules for candidate spans: what a deletion may and may not be, whatever its score.

Each rule is a way generated cloze cards gave their answer away or hid the wrong thing in blind review
(docs/card-quality.md):
- alternatives and ranges are one deletion ("three or four", "60 to 70", "110 over 70"): hiding one
  side leaves the other as its answer;
- an acronym and its expansion side by side ("TPU (Tensor Processing Unit)", "XLA stands for …") are
  not hidden at all: each gives the other away (a "What does X stand for?" card asks it instead);
- a deletion never cuts a term ("[x86]-64", "[Lee Sedol 4]–1", "[law of diminishing] returns") or
  lumps an owner with a year ("[Apple's 2007] launch");
- a number that other visible numbers give away is not hidden ("$30,000 in prizes, $10,000 each, for
  three problems"; "1,000 True Fans … a thousand fans");
- a title is hidden whole ("[The Art of Computer Programming]", not "The [Art of …]"), and the period
  of an abbreviation stays inside its deletion ("[H.M.]", "[Dr.]");
- a generic noun phrase that only points at the point ("the [proposed mechanism]", "[young
  collaborators] Jonathan Gorard …") is a weak candidate.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from .acronyms import acronym_pairs
from .candidate import Span
from .lexicon import (
    IRREGULAR_PAST,
    METALINGUISTIC,
    PARTICIPLES,
    PARTICLES,
    PREPOSITIONS,
    PRESENT_VERBS,
    STOP_WORDS,
    zipf,
)

# Shapes of text
JOINED = re.compile(r"\s*(?:–|—|-|\bor\b|\bto\b|\bover\b|\band\b|\bx\b|\bby\b)\s*$")  # "three or four", "60 to 70"
RANGE_START = re.compile(r"(?:\bbetween|\bfrom)\s+$")
ABBREVIATIONS = frozenset("Dr Mr Mrs Ms St Jr Sr Inc Co Ltd Corp vs Prof Gen Sgt Mt".split())
INITIALS = re.compile(r"(?:[A-Z]\.)+[A-Z]$")
TITLE_INNER = re.compile(r"\s(?:of|and|for|the|in|on|to|a)\s")
SENTENCE_OPENERS = frozenset("The A An In On At By For From With After Before During Since Under Of As To".split())
OPENER_BEFORE = re.compile(r"(?:^|\s)(?:" + "|".join(sorted(SENTENCE_OPENERS)) + r")\s$")
NEXT_FUNCTION_WORD = re.compile(r"\s+(?:" + "|".join(sorted(STOP_WORDS)) + r")\b")
FIRST_NAME_BEFORE = re.compile(r"(?:^|\s)([A-Z][a-z]+)\s$")
CASE_NAME = re.compile(r"[A-Z][\w.’'&]*(?:\s[A-Z][\w.’'&]*)*\svs?\.\s[A-Z][\w.’'&]*(?:\s[A-Z][\w.’'&]*)*")
AFTER_VERB = re.compile(r"\s+(?:in|on|at|for|with|from|by|to|into|across|over|under|through|as)\b|[,.;:]|$")
# A leading adverbial up to its comma: "After Hurricane Fran hit Raleigh in 1996,", "In 2005,", "With Shane Legg,".
SETTING = re.compile(
    r"^(?:After|Before|In|On|At|By|With|Through|During|Since|As|When|While|Following|Outside|Across|Under|From)\s"
    r"[^,;:]{1,80},"
)
ITEM_WORDS = 4  # a list member is short
ROMAN = re.compile(r"^(?:I{1,3}|IV|V|VI{1,3}|IX|X)$")
TWO_WORDS = re.compile(r"\b(?:both|pair|pairs|twin|twins|couple|double|twice|either|neither)\b", re.IGNORECASE)
WORD_VALUES = {
    word: value for value, word in enumerate("zero one two three four five six seven eight nine ten".split())
}
WORD_VALUES |= {"eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100}
WORD_VALUES |= {"thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000, "dozen": 12}

# Words that frame a point rather than make it
GENERIC_HEADS = frozenset(
    (
        "claim mechanism theory idea argument skill collaborators trick point lesson rule insight problem approach "
        "method way reason result finding view goal script system model factor aspect part thing example case "
        "feature version question answer topic field area work process"
    ).split()
)
MODIFIER_ENDINGS = ("ive", "ous", "al", "ic", "able", "ible", "ful", "less", "ary")
COMMON_ACRONYMS = frozenset("UN US USA UK EU AI TV CEO PhD DNA GPS NASA FBI CIA NATO".split())
NOT_TERM_WORDS = STOP_WORDS | PREPOSITIONS | PARTICLES  # never the first word of a compound term

# Scores
TITLE_SCORE = 0.9
FRAME_PENALTY = 0.25
GUESSABLE_ZIPF = 4.0
GUESSABLE_NAME_ZIPF = 4.8  # "Africa", "China", "Earth": a name everyone knows; "Intel", "Harvard" stay
GUESSABLE_SCORE = 0.35


def refine(sentence: str, spans: list[Span], titles: frozenset[str] = frozenset()) -> list[Span]:
    """The candidates after the shape rules: merged ranges, whole titles, no cut terms or pairs, and
    the frame of a sentence (its setting, a list's members, a common-noun subject) weakened."""
    spans = [
        _with_abbreviation_period(sentence, _whole_title(sentence, _with_compound_modifier(sentence, s))) for s in spans
    ]
    spans = _whole_cases(sentence, spans)
    spans = _known_titles(sentence, spans, titles)
    spans = _whole_units(spans)
    spans = _merged_alternatives(sentence, spans)
    paired = acronym_pairs(sentence)
    derived = _derived_numbers(sentence, spans)
    kept = []
    for span in spans:
        text = span.text(sentence)
        if any(span.start < end and start < span.end for start, end in paired):
            continue
        if (
            (span.start, span.end) in derived
            or _cuts_term(sentence, span)
            or span.kind == "name"
            and _lumped(text)
            or ROMAN.match(text)
        ):
            continue
        kept.append(_guessable(sentence, _framed(sentence, _weakened(sentence, span))))
    return kept


def _merged_alternatives(sentence: str, spans: list[Span]) -> list[Span]:
    """ "three or four", "60 to 70", "110 over 70", "<b> and </b>": two spans joined so that one gives
    the other away become one span, and neither stands alone."""
    numbers = sorted((s for s in spans if s.kind in ("number", "year")), key=lambda s: s.start)
    merged, parts = [], set()
    for first, second in pairwise(numbers):
        between = sentence[first.end : second.start]
        if (
            second.start >= first.end
            and len(between) <= 7
            and JOINED.match(between + " ")
            and _same_kind(sentence, first, second)
        ):
            merged.append(Span(first.start, second.end, first.kind, max(first.score, second.score)))
            parts |= {first, second}
    for match in re.finditer(r"<(\w+)>\s*(?:and|or|,)\s*</\1>", sentence):
        merged.append(Span(match.start(), match.end(), "quoted", 0.9))
        parts |= {s for s in spans if match.start() <= s.start and s.end <= match.end()}
    if not merged:
        return spans
    grown = [m for m in merged if not any(o.start <= m.start and m.end <= o.end and o != m for o in merged)]
    return [
        s for s in spans if s not in parts and not any(m.start <= s.start and s.end <= m.end for m in grown)
    ] + grown


def _same_kind(sentence: str, first: Span, second: Span) -> bool:
    """Two numbers that are alternatives or ends of a range, not a date and a count ("in 2014 to 8,000")."""
    a, b = first.text(sentence), second.text(sentence)
    years = [bool(re.fullmatch(r"(?:1[5-9]|20)\d\d", t)) for t in (a, b)]
    if any(years) and not all(years):
        return False
    # "in 2014 and 2015" are two facts, unless "between 2014 and 2015"
    return not re.search(r"\band\b", sentence[first.end : second.start]) or bool(
        RANGE_START.search(sentence[: first.start])
    )


def _known_titles(sentence: str, spans: list[Span], titles: frozenset[str]) -> list[Span]:
    """A recommended book or product named in the sentence is one candidate, whole: "[The Inevitable]",
    "[A New Kind of Science]"; no candidate cuts it."""
    found = [m.span() for title in titles if len(title) > 3 for m in re.finditer(re.escape(title), sentence)]
    if not found:
        return spans
    kept = [s for s in spans if not any(s.start < end and start < s.end for start, end in found)]
    return kept + [Span(start, end, "name", TITLE_SCORE) for start, end in found]


def _with_compound_modifier(sentence: str, span: Span) -> Span:
    """ "Planning [prompts]", "Causal [invariance]", "life [expectancy]": the word right before a rare term
    is part of it when it opens the sentence capitalised, or is a plain noun or adjective before it."""
    if span.kind not in ("phrase", "rare"):
        return span
    opening = re.fullmatch(r"([A-Z][a-z]+)\s", sentence[: span.start])
    if opening and opening[1] not in SENTENCE_OPENERS:
        return Span(0, span.end, span.kind, span.score)
    before = re.search(r"(?:^|\s)([a-z][a-z\-]+)\s$", sentence[: span.start])
    if (
        before
        and " " not in span.text(sentence)
        and before[1] not in NOT_TERM_WORDS
        and before[1] not in METALINGUISTIC
        and not before[1].endswith(("ly", "ed", "ing", "’s", "'s"))
        and not verb_form(before[1])
        and not verb_form(before[1].removesuffix("s"))
    ):
        return Span(span.start - len(before[1]) - 1, span.end, span.kind, span.score)
    return span


def _whole_cases(sentence: str, spans: list[Span]) -> list[Span]:
    """ "United States v. Carolene Products": a case's name is hidden whole, never one party."""
    cases = [m.span() for m in CASE_NAME.finditer(sentence)]
    if not cases:
        return spans
    kept = [s for s in spans if not any(s.start < end and start < s.end for start, end in cases)]
    return kept + [Span(start, end, "name", TITLE_SCORE) for start, end in cases]


def _whole_units(spans: list[Span]) -> list[Span]:
    """A quoted phrase or a named thing ("called [601 Lexington]") is hidden whole: no piece of it alone."""
    units = [s for s in spans if s.kind in ("quoted", "named")]
    return [
        s
        for s in spans
        if not any(
            u.start <= s.start and s.end <= u.end and s != u and (u.start, u.end) != (s.start, s.end) for u in units
        )
    ]


def _whole_title(sentence: str, span: Span) -> Span:
    """ "The [Art of Computer Programming]": a title-shaped name keeps the "The" it starts with."""
    before = sentence[: span.start]
    if span.kind == "name" and before.endswith("The ") and TITLE_INNER.search(" " + span.text(sentence) + " "):
        return Span(span.start - 4, span.end, span.kind, span.score)
    return span


def _with_abbreviation_period(sentence: str, span: Span) -> Span:
    """ "Patient [H.M.]", "[Dr.] Seuss": the period belongs to the abbreviation, inside the deletion."""
    text = span.text(sentence)
    last = text.split()[-1] if text.split() else ""
    if sentence[span.end : span.end + 1] == "." and (INITIALS.search(text) or last in ABBREVIATIONS):
        return Span(span.start, span.end + 1, span.kind, span.score)
    return span


def _cuts_term(sentence: str, span: Span) -> bool:
    """The span ends or starts inside a word or a compound: "[x86]-64", "[32]-bit", "[Lee Sedol 4]–1",
    "[law of diminishing] returns" (a modifier without its noun)."""
    before, after = sentence[: span.start], sentence[span.end :]
    if re.match(r"[\w]|[-–/|]\w", after) or re.search(r"\w[-–/|]$|\w$", before):
        return True
    if span.kind == "rare" and re.search(r"[a-z,]\s[A-Z][a-z]+\s$", before) and not OPENER_BEFORE.search(before):
        return True  # "Yersinia [pestis]": the second half of a two-part name
    words_in = span.text(sentence).split()
    if len(words_in) == 1 and "-" in words_in[0]:
        return False  # "[self-limiting] gene drives", "[fatigue-resistant]": a compound modifier is a term
    if span.kind in ("phrase", "rare") and len(words_in) > 1 and _holds_a_verb(words_in, after):
        return True  # "[synapses sit] on", "[food stews] in", "[concrete block riding]": a noun and its verb
    if span.kind == "name" and _cuts_a_title(sentence, span):
        return True
    if (
        span.kind in ("phrase", "rare")
        and re.fullmatch(r"[A-Z][a-z]+\s", before)
        and before.strip() not in SENTENCE_OPENERS
    ):
        return True  # "Causal [invariance]": the sentence's first word is part of the term
    last = span.text(sentence).split()[-1]
    following = re.match(r" ([a-z][a-z\-]+)\b(?![’'])", after)
    return bool(
        following
        and following[1] not in STOP_WORDS
        and span.kind in ("phrase", "rare")
        and last.endswith(("ing", "al", "ive", "ic", "ous", "ary", "ful"))
        and not following[1].endswith(("ly", "ed"))
    )


def _holds_a_verb(words_in: list[str], after: str) -> bool:
    """A phrase that runs into its own verb: "synapses sit" (before "on"), "Governments reduce" (after a
    plural), "Reasonable beats", "food stews" (third person), "concrete block riding", "suspect class face strict"."""
    last = words_in[-1]
    if last.endswith("ing") or any(verb_form(word) and not word.endswith("s") for word in words_in[1:-1]):
        return True
    if last.endswith("s") and verb_form(last):
        return True  # "Reasonable beats", "hunger switches"
    return verb_form(last) and (AFTER_VERB.match(after) is not None or words_in[-2].endswith("s"))


def _cuts_a_title(sentence: str, span: Span) -> bool:
    """A name that is a piece of a longer title or name: "Invitation to a [Banquet]", "[Licensed] to Ill",
    "[Nantucket and Martha]'s Vineyard", "Amos [Tversky] … [Tversky]" (one copy after a first name)."""
    before, after, text = sentence[: span.start], sentence[span.end :], span.text(sentence)
    if re.search(r"[A-Z][\w’']*\s(?:to|a|an|of|the|in|for|on|at)(?:\s(?:a|an|the))?\s$", before):
        return True
    if (
        " " not in text
        and zipf(text.lower()) >= 4.0
        and re.match(r"\s(?:to|of|the|in|for|on|at)\s(?:a\s|the\s)?[A-Z]", after)
    ):
        return True  # an everyday word capitalised inside a title
    if " and " in text and re.match(r"[’']s\s[A-Z]", after) or re.search(r"[’']s\s.*\s[a-z]+$", text):
        return True  # "[Nantucket and Martha]'s Vineyard", "[Martha's Vineyard immune]"
    if " " not in text and re.search(r"(?:^|\s)[A-Z][a-z]+[’']s\s$", before) and zipf(text.lower()) >= 3.0:
        return True  # "Martha's [Vineyard]": a common word after a one-word owner is part of a place name
    following = re.match(r"\s([a-z]{4,})\b", after)
    if following and zipf(following[1]) < 2.5 and following[1] not in STOP_WORDS:
        return True  # "[Yersinia] pestis": a species name, or a term that goes on
    if " " in text:
        return False
    at = sentence.find(text)
    while at >= 0:  # every copy of the name (copies are hidden together): one after a first name is a surname
        first = FIRST_NAME_BEFORE.search(sentence, 0, at)
        if first and first[1] not in SENTENCE_OPENERS:
            return True
        at = sentence.find(text, at + len(text))
    return False


def verb_form(word: str) -> bool:
    """A plain or third-person present verb, or an irregular past: "sit", "works", "emerge", "woven"."""
    return (
        word in PRESENT_VERBS
        or word.endswith("s")
        and word[:-1] in PRESENT_VERBS
        or word.endswith("es")
        and word[:-2] in PRESENT_VERBS
        or word in IRREGULAR_PAST
        or word in PARTICIPLES
    )


def _lumped(text: str) -> bool:
    """An owner and a year, or a name and a score, in one deletion: "Apple's 2007", "Lee Sedol 4"."""
    return bool(re.search(r"[’']s\s+\d|[A-Za-z]\s\d{1,2}$", text)) and not re.fullmatch(r"[A-Z][\w\-]*\s\d{1,2}", text)


def _weakened(sentence: str, span: Span) -> Span:
    """A generic noun phrase ("the proposed mechanism", "young collaborators" before their names) is the
    frame of the point, not the point: it stays a candidate only below every real term."""
    if span.kind not in ("phrase", "rare"):
        return span
    text = span.text(sentence)
    modifies_next = re.match(r"\s+[A-Za-z]", sentence[span.end :]) and not re.match(
        NEXT_FUNCTION_WORD, sentence[span.end :]
    )
    if " " not in text and text.endswith(MODIFIER_ENDINGS) and modifies_next:
        return Span(span.start, span.end, span.kind, min(span.score, 0.45))  # "the [permissive] MIT license"
    head = text.split()[-1].lower()
    appositive_name = re.match(r"\s+[A-Z][a-z]+\s+[A-Z]", sentence[span.end :])
    if head.rstrip("s") in GENERIC_HEADS or head in GENERIC_HEADS or appositive_name:
        return Span(span.start, span.end, span.kind, min(span.score, 0.45))
    return span


def _framed(sentence: str, span: Span) -> Span:
    """The setting of a sentence ("After [Hurricane Fran] hit [Raleigh] …,", "In [2005], …") or one member
    of a list ("atoms, transistors, [logic gates], processors") frames the point rather than making it:
    a weaker candidate."""
    setting = SETTING.match(sentence)
    if setting and span.end <= setting.end() and span.kind != "quoted":
        return Span(span.start, span.end, span.kind, span.score - FRAME_PENALTY)
    if any(start <= span.start and span.end <= end for start, end in _list_members(sentence)):
        return Span(span.start, span.end, span.kind, span.score - FRAME_PENALTY)
    return span


def _guessable(sentence: str, span: Span) -> Span:
    """One everyday word hidden alone ("[pandemic]", "[instrument]", "[decisions]", "[Africa]") is guessed
    from the sentence or is trivia: a single common word (zipf ≥ 4) was kept by reviewers a fifth of the
    time and dropped a third of it. It stays only a last resort. Acronyms and numbers are not words."""
    text = span.text(sentence)
    if text in COMMON_ACRONYMS:
        return Span(span.start, span.end, span.kind, min(span.score, GUESSABLE_SCORE))
    if " " in text or "-" in text or re.search(r"\d|[A-Z].*[A-Z]", text):
        return span
    if zipf(text.lower()) >= (GUESSABLE_ZIPF if text[:1].islower() else GUESSABLE_NAME_ZIPF):
        return Span(span.start, span.end, span.kind, min(span.score, GUESSABLE_SCORE))
    return span


@lru_cache(maxsize=1024)
def _list_members(sentence: str) -> tuple[tuple[int, int], ...]:
    """The members of each list of three or more ("atoms, transistors, logic gates and processors"):
    short comma-separated items, the last after "and"/"or"/"&". One pass over the commas."""
    members: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    for segment in re.finditer(r"[^,;:()]+", sentence):
        start, text = segment.start(), segment.group()
        words_at = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text)]
        if not words_at:
            continue
        conjunction = next((i for i, (a, b) in enumerate(words_at) if sentence[a:b] in ("and", "or", "&")), None)
        if conjunction is not None and run and 0 < conjunction <= ITEM_WORDS:
            after = words_at[conjunction + 1 :]
            last = [after[0]] if after else []
            for a, b in after[1:ITEM_WORDS]:
                if sentence[a:b].lower() in STOP_WORDS:
                    break
                last.append((a, b))
            items = [*run, (words_at[0][0], words_at[conjunction - 1][1])]
            if last:
                items.append((last[0][0], last[-1][1]))
            if len(items) >= 3:
                members.extend(items)
            run = []
        elif len(words_at) <= ITEM_WORDS and conjunction is None:
            run.append((words_at[0][0], words_at[-1][1]))
        else:  # a long segment: its last word may open a list ("… like impulsivity, procrastination, …")
            run = [words_at[-1]] if conjunction is None else []
        if segment.end() < len(sentence) and sentence[segment.end()] in ";:()":
            run = []
    return tuple(members)


def _derived_numbers(sentence: str, spans: list[Span]) -> set[tuple[int, int]]:
    """Numbers the other numbers of the sentence give away: a product or sum of two others ("$30,000 …
    $10,000 each … three problems"), the same value written twice ("1,000 True Fans … a thousand fans"),
    a two beside "both"; all members of such a relation are left visible."""
    values: list[tuple[float, tuple[int, int]]] = []
    for match in re.finditer(r"(?<![\w.])(?:[$€£])?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w.]*\d)", sentence):
        values.append((float(match[1].replace(",", "")), match.span()))
    for match in re.finditer(
        r"\b(?:a|one)\s+(hundred|thousand|million|billion|dozen)\b|\b(" + "|".join(WORD_VALUES) + r")\b",
        sentence,
        re.IGNORECASE,
    ):
        word = (match[1] or match[2]).lower()
        values.append((float(WORD_VALUES[word]), match.span()))
    related: set[tuple[int, int]] = set()
    for i, (a, span_a) in enumerate(values):
        for j, (b, span_b) in enumerate(values):
            if i == j or _overlap(span_a, span_b):
                continue
            if a == b and a >= 2 and sentence[slice(*span_a)].lower() != sentence[slice(*span_b)].lower():
                related |= {
                    span_a,
                    span_b,
                }  # "1,000 True Fans … a thousand fans"; the same string twice is one deletion
            for k, (c, span_c) in enumerate(values):
                if k in (i, j) or _overlap(span_c, span_a) or _overlap(span_c, span_b) or i > j:
                    continue
                if c >= 10 and a > 1 and b > 1 and (a * b == c or a + b == c):  # not "three or four to one"
                    related |= {span_a, span_b, span_c}
    if TWO_WORDS.search(sentence):
        related |= {span for value, span in values if value == 2}
    return {
        (s.start, s.end)
        for s in spans
        if s.kind in ("number", "year") and any(_overlap((s.start, s.end), r) for r in related)
    }


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
