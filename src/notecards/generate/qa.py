"""Question/answer cards, made only from patterns that are reliably right (docs/card-rules.md).

Each pattern has a fixed role (``qa-stands-for``, ``qa-who``, ``qa-how-many``…): roles make GUIDs,
so they name the pattern, never the wording. At most ``MAX_PER_FACT`` cards per bullet (R11);
every card is checked against the Q/A rules before it is kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..model import Card, Episode, Fact, Guest, Recommendation
from .class_questions import class_cards
from .cloze import topic_names
from .fallback_questions import fallback_cards
from .key_question import key_card
from .number_questions import number_cards
from .owned_questions import THING_KINDS
from .qa_rules import PRONOUN_START, is_clean
from .questions import resolve_pronoun
from .spans import PARENTHETICAL, STOP_WORDS, expansion_before, is_expansion, words, zipf
from .subject_questions import subject_cards
from .term_questions import (
    MAX_DEFINITION_WORDS,
    appositive_cards,
    aside_called_cards,
    called_cards,
    calls_cards,
    named_subject_cards,
    regards_cards,
)
from .wh_questions import wh_cards

MAX_PER_FACT = 2
# Which cards a fact keeps when more fit than MAX_PER_FACT: what the sentence defines first, then money and
# shares, then the names it is about (asked by position), then counts and dates, reasons, and last the
# generic in-place "what" for its best span.
PREFERENCE = {
    role: rank
    for rank, role in enumerate(
        (
            "qa-stands-for",
            "qa-term",
            "qa-called",
            "qa-quoted",
            "qa-calls",
            "qa-who",
            "qa-when",
            "qa-by-whom",
            "qa-how-much",
            "qa-what-percentage",
            "qa-what-age",
            "qa-whose",
            "qa-which",
            "qa-owned-called",
            "qa-which-class",
            "qa-what-is",
            "qa-what",
            "qa-how-many",
            "qa-what-year",
            "qa-what-size",
            "qa-why",
            "qa-how",
            "qa-regards",
            "qa-calls-back",
            "qa-key",
            "qa-which-kind",
            "qa-object",
        )
    )
}
STANDS_FOR = re.compile(
    r"\b(?P<term>[A-Z][A-Za-z0-9]{1,9})\s+(?P<adverb>originally\s+)?"
    r"(?P<verb>stands|stood)\s+for\s+(?P<expansion>[^,;.]+)"
)
DEFINES = re.compile(r"^(?P<quote>“?)(?P<term>[A-Z][\w\- ]{2,40}?)”?\s+means\s+(?P<meaning>[^,;:]+)")
WHO_STARTS = re.compile(
    r"^(?!The\s|A\s|An\s)(?P<name>(?:[A-Z][a-z][\w’'\-]*\s){1,2}[A-Z][a-z][\w’'\-]*)\s+(?:\([^)]*\)\s+)?"
    r"(?P<predicate>(?:once\s+|first\s+|briefly\s+)?(?:[a-z]+ed|built|wrote|made|ran|won|sold|took|founded|"
    r"co-founded|refused|invented|created|discovered|began|started|taught|gave)\b[^;,.]*?)"
    r"(?=\s+(?:but|and|because|while|which|so|after|before)\b|[;,.](?!\d)|$)"
)
ROLE_NAME = re.compile(
    r"(?P<before>^|^In \d{4},\s+)(?P<role>(?:(?:[A-Z][\w’']+\s)?[A-Z][\w’']+(?:’s|'s)\s+|[A-Z][a-z]+\s+)?"
    r"(?:[a-z]+\s|[A-Z][a-zA-Z]?[A-Z]\w?\s){0,2}[a-z]+)\s+"
    r"(?P<name>[A-Z][a-z]+(?:\s[A-Z][a-z]+){1,2})\s+(?P<predicate>(?:[a-z]+ed|taught|built|wrote|made|ran|won|"
    r"went|began|gave|led|found|became)"
    r"\b[^;,]*?)(?=\s+(?:and|but|because|while)\s+(?:[a-z]+ed|he|she|they|it|so|then)\b|[;,.]|$)"
)
QUOTED_TERM = re.compile(
    r"^(?P<who>[A-Z][\w’'\-]+(?:\s[A-Z][\w’'\-]+)?)\s+(?:teaches|calls|coined|named|describes)\s+"
    r"“(?P<term>[^”]{2,40})”\s*[:—–]\s*(?P<definition>[a-z][^,;.:]+)"
)
QUOTED_IS = re.compile(r"^(?P<subject>[A-Z][^“”,;:]{2,60}?)\s+(?P<verb>is|was)\s+(?:called\s+)?“(?P<quote>[^”]{1,50})”")
PASSIVE_BY = re.compile(
    r"^(?P<thing>[A-Z][\w\- ]{2,40}?)\s+was\s+(?:first\s+)?(?P<verb>[a-z]+ed)\s+by\s+(?:the\s+)?"
    r"(?:(?P<role>(?:[A-Z][a-z]+\s)?(?!the\b|a\b|an\b|his\b|her\b|their\b)[a-z]+)\s+)?"
    r"(?P<name>[A-Z][\w\-]+(?:\s(?:and\s)?[A-Z][\w\-]+){0,3})\b"
)
WHY = re.compile(r"^(?P<head>[^,;]*?)\s+because\s+(?P<reason>[^,;.]+)")
AUX = re.compile(r"\b(is|are|was|were|can|could|couldn’t|couldn't|can’t|can't|would|will|did|does|has|have|had)\b")


def qa_cards(fact: Fact, episode: Episode | None = None, context: frozenset[str] | None = None) -> list[Card]:
    """Q/A cards for the patterns that fit the fact, best first, at most ``MAX_PER_FACT``.

    ``context`` holds the names that are never answers (guests, host, the episode's topics).
    """
    text = resolve_pronoun(fact.text, episode)
    makers = (
        _stands_for,
        _defines,
        called_cards,
        aside_called_cards,
        _quoted,
        calls_cards,
        _who,
        appositive_cards,
        number_cards,
        _why,
        regards_cards,
    )
    cards = [card for make in makers for card in make(fact, text) if is_clean(card)]
    if context is None:
        context = (
            frozenset(episode.guest_names) | {episode.host, episode.podcast} | topic_names(episode)
            if episode
            else frozenset()
        )
    if not any(c.role == "qa-who" for c in cards):
        cards.extend(c for c in named_subject_cards(fact, text, episode, context) if is_clean(c))
    owner = episode.guests[0].name if episode is not None and len(episode.guests) == 1 else ""
    cards.extend(c for c in wh_cards(fact, text, context, owner) if is_clean(c))
    cards.extend(c for c in class_cards(fact, text) if is_clean(c) and c.answer not in context)
    key = key_card(fact, text, context)
    if key and is_clean(key):
        cards.append(key)
    if not cards:  # the last resort: the first clause's object or complement asked in place, or its subject's kind
        cards = [c for c in fallback_cards(fact, text) if is_clean(c)]
        cards = cards or [c for c in subject_cards(fact, text) if is_clean(c) and c.answer not in context]
    cards.sort(key=lambda c: PREFERENCE.get(c.role, len(PREFERENCE)))  # stable: a maker's own order stays
    cards = _first_of_each(cards, lambda c: _bare(c.answer))  # one card per answer
    cards = _first_of_each(cards, lambda c: c.role)  # roles make GUIDs: one card per role
    return cards[:MAX_PER_FACT]


def _first_of_each(cards: list[Card], key: Callable[[Card], str]) -> list[Card]:
    """The first card of each ``key``, in order."""
    seen: set[str] = set()
    kept = []
    for card in cards:
        if key(card) not in seen:
            seen.add(key(card))
            kept.append(card)
    return kept


def _bare(answer: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", answer.lower())


def _stands_for(fact: Fact, text: str) -> list[Card]:
    match = STANDS_FOR.search(text)
    if match:
        tense = "did" if match["verb"] == "stood" else "does"
        adverb = "originally " if match["adverb"] else ""
        whole = match["expansion"].strip()
        expansion = re.split(r"\s+(?:and|but|which|so)\s+", whole)[0]
        if is_expansion(whole, match["term"]) and not is_expansion(expansion, match["term"]):
            expansion = whole  # "Process for Automating Scientific and Technological Advancement": "and" is inside
        if (
            not is_expansion(expansion, match["term"])
            and sum(w[0].isupper() for w in expansion.split()) < 2
            and not spelled_by(expansion, match["term"])
        ):
            return []  # "HIPAA stands for portability, not privacy": a claim, not an expansion
        return [
            Card(
                "qa",
                "qa-stands-for",
                fact,
                question=f"What {tense} {match['term']} {adverb}stand for?",
                answer=expansion,
            )
        ]
    for paren in PARENTHETICAL.finditer(text):
        inner = paren[1].strip()
        before = text[: paren.start()].rstrip()
        term = re.search(r"([A-Z][A-Za-z0-9]{1,9})$", before)
        if term and is_expansion(inner, term[1]):
            return [Card("qa", "qa-stands-for", fact, question=f"What does {term[1]} stand for?", answer=inner)]
        expansion = expansion_before(before, inner) if re.fullmatch(r"[A-Z][A-Za-z]{1,7}", inner) else None
        if expansion:  # "Digital Equipment Corporation (DEC)"
            answer = before[expansion[0] : expansion[1]]
            if answer[0].isupper():
                return [Card("qa", "qa-stands-for", fact, question=f"What does {inner} stand for?", answer=answer)]
    return []


FUNCTION_WORDS = frozenset(("of", "and", "the", "for", "a", "an", "in", "on", "to", "with"))


def spelled_by(expansion: str, acronym: str) -> bool:
    """A mixed-case acronym whose pieces start its expansion's words in order: "VICReg" ~ "variance-invariance-
    covariance regularization" (V|I|C|Reg). Every content word is used, so "HIPAA … portability" is no expansion."""
    if acronym.isupper() or not re.search(r"[a-z]", acronym[1:]):
        return False
    pieces = re.findall(r"[A-Z0-9][a-z]*|^[a-z]+", acronym)
    parts = [p.lower() for p in re.split(r"[\s\-]+", expansion.strip()) if p]
    if len(pieces) < 2 or "".join(pieces) != acronym:
        return False
    at = 0
    for piece in pieces:
        while at < len(parts) and parts[at] in FUNCTION_WORDS and not parts[at].startswith(piece.lower()):
            at += 1
        if at == len(parts) or not parts[at].startswith(piece.lower()):
            return False
        at += 1
    return all(p in FUNCTION_WORDS for p in parts[at:])


def _defines(fact: Fact, text: str) -> list[Card]:
    match = DEFINES.match(text)
    if not match or len(words(match["term"])) > 4:
        return []
    meaning = re.split(r"\s+(?:with|and|so|which)\s+", match["meaning"].strip())[0]
    return [Card("qa", "qa-term", fact, question=f"What term means {meaning}?", answer=match["term"])]


def _quoted(fact: Fact, text: str) -> list[Card]:
    """ "His rule for decisions is “Hell yeah or no”" → "What is Derek Sivers’s rule for decisions?";
    "Josh teaches “making smaller circles”: drilling …" → "What does Josh call drilling …?"."""
    coined = QUOTED_TERM.match(text)
    if coined and 3 <= len(words(coined["definition"])) <= MAX_DEFINITION_WORDS:
        term = coined["term"][0].upper() + coined["term"][1:]
        return [
            Card(
                "qa",
                "qa-quoted",
                fact,
                question=f"What does {coined['who']} call {coined['definition'].strip()}?",
                answer=term,
            )
        ]
    match = QUOTED_IS.match(text)
    if not match:
        return []
    subject = match["subject"]
    subject = subject[0].lower() + subject[1:] if subject.split()[0] in ("The", "A", "An") else subject
    return [Card("qa", "qa-quoted", fact, question=f"What {match['verb']} {subject}?", answer=match["quote"])]


def _who(fact: Fact, text: str) -> list[Card]:
    passive = PASSIVE_BY.match(text)
    if passive:
        thing = passive["thing"]
        thing = thing[0].lower() + thing[1:] if _ordinary_start(thing) else thing
        lead = f"Which {passive['role']}" if passive["role"] else "Who"
        return [Card("qa", "qa-who", fact, question=f"{lead} {passive['verb']} {thing}?", answer=passive["name"])]
    match = WHO_STARTS.match(text)
    if match and episode_guest(fact, text):
        return []
    if match:
        predicate = re.sub(r"\s*\([^)]*\)", "", match["predicate"]).strip()
        if len(words(predicate)) < 4 and re.match(r"\s+(?:after|before)\b", text[match.end() :]):
            return []  # "Who converted to Buddhism?" cut before "after …": the wh-question keeps the rest
        return [Card("qa", "qa-who", fact, question=f"Who {predicate}?", answer=match["name"])]
    match = ROLE_NAME.match(text)
    if match and match["role"].split()[-1].lower() in STOP_WORDS:
        match = None  # "Holden and Elie Hassenfeld founded …": two people, no role
    if match and match["role"].split()[-1] in THING_KINDS:
        match = None  # "Ada’s podcast Deep Dive reached …": a made thing, not a person
    if match and re.search(r"[’']s\s", match["role"]):
        predicate = match["predicate"].strip()
        return [Card("qa", "qa-who", fact, question=f"Who, as {match['role']}, {predicate}?", answer=match["name"])]
    if match:
        lead = match["before"].strip()
        question = (
            f"{lead} which {match['role']} {match['predicate'].strip()}?"
            if lead
            else f"Which {match['role']} {match['predicate'].strip()}?"
        )
        return [Card("qa", "qa-who", fact, question=question[0].upper() + question[1:], answer=match["name"])]
    return []


def _ordinary_start(phrase: str) -> bool:
    first = phrase.split()[0]
    if all(t[0].isupper() for t in phrase.split()):
        return False  # "Magna Carta": every word capitalised, a name
    return first[1:].islower() and len(phrase.split()) > 1 and zipf(first.lower()) > 3.0  # one word: a name


def episode_guest(fact: Fact, text: str) -> bool:
    """True when the Who-answer would be the guest, put there by pronoun resolution: asks nothing."""
    return text != fact.text


def _why(fact: Fact, text: str) -> list[Card]:
    match = WHY.match(text)
    if not match:
        return []
    head = re.sub(r"\s*\([^)]*\)", "", match["head"])
    parts = re.split(r"\s+(?:but|and)\s+", head)
    head = parts[-1]
    aux = AUX.search(head)
    if not aux:
        return []
    subject, rest = head[: aux.start()].strip(), head[aux.end() :].strip()
    if not subject and len(parts) > 1:
        who = re.match(r"((?:[A-Z][\w\-]+\s){0,2}[A-Z][\w\-]+)\s+[a-z]", text)
        subject = who[1] if who else ""
    if not subject or len(words(subject)) > 5 or not rest or PRONOUN_START.match(subject):
        return []
    question = f"Why {aux[1]} {subject} {rest}?"
    return [Card("qa", "qa-why", fact, question=question, answer=match["reason"].strip())]


def guest_cards(guest: Guest, episode: Episode) -> list[Card]:
    """ "Which guest of <podcast> #N is <first clause of bio>?" → the guest's name."""
    if not guest.bio:
        return []
    first_clause = re.split(r",\s+|;\s+|\s+\(", guest.bio, maxsplit=1)[0].rstrip(".")
    role = first_clause[0].lower() + first_clause[1:] if first_clause[:2].istitle() else first_clause
    number = f" #{episode.number}" if episode.number is not None else ""
    question = f"Which guest of {episode.podcast}{number} is {_article(role)}{role}?"
    card = Card("qa", "guest", guest.fact, question=question, answer=guest.name)
    return [card] if is_clean(card) else []


def recommendation_cards(recommendation: Recommendation, episode: Episode | None = None) -> list[Card]:
    """The speaker's words about the product ask for the product; its name never shows."""
    from .questions import recommendation_questions

    cards = []
    for question in recommendation_questions(recommendation, episode):
        card = Card("qa", "recommendation", recommendation.fact, question=question, answer=recommendation.name)
        if is_clean(card):  # the next question when a word of this one gives the name away
            cards.append(card)
            break
    author = recommendation_author(recommendation, episode)
    if author:
        card = Card(
            "qa",
            "recommendation-author",
            recommendation.fact,
            question=f"Who wrote {recommendation.name}?",
            answer=author,
        )
        cards.extend([card] if is_clean(card) else [])
    return cards


AUTHOR = r"(?P<author>(?:[A-Z][\w\-.]*\s){0,2}[A-Z][\w\-]+(?:\s(?:and|&)\s(?:[A-Z][\w\-.]*\s){0,2}[A-Z][\w\-]+)?)"
WRITTEN_WORKS = r"(?:book|books|textbook|novel|novels|essays|memoir|trilogy)"


def recommendation_author(recommendation: Recommendation, episode: Episode | None = None) -> str:
    """Who wrote a recommended book, when the speaker's quote says so: "Frank Zimring's The Great American
    Crime Decline", "Brad Schoenfeld's textbook is …", "the Culture novels by Iain Banks", "Andy's book
    Unplugged" (a guest's first name is the guest). Only a written work: "X's essay in Y" is not Y's author."""
    quote, name = recommendation.quote, re.escape(recommendation.name)
    short = re.escape(re.split(r":\s", recommendation.name)[0])  # "Tomorrow 3.0: Transaction Costs …" → "Tomorrow 3.0"
    owned = re.search(
        AUTHOR
        + r"(?:’s|'s)\s+(?:(?:"
        + name
        + "|"
        + short
        + r")\b|"
        + WRITTEN_WORKS
        + r"(?=\s+(?:"
        + name
        + "|"
        + short
        + r"|is|was|are|were|has|had)\b|[,.…]))",
        quote,
    )
    by = re.search(r"(?:\b" + WRITTEN_WORKS + r"|" + name + r")\s+by\s+" + AUTHOR + r"(?![\w’'])", quote)
    match = owned or by
    if not match:
        return ""
    author = match["author"]
    if author.split()[0] in ("The", "A", "An", "I", "If", "My", "Your", "His", "Her") or author == recommendation.name:
        return ""
    people = [*(episode.guest_names if episode else ()), *((episode.host,) if episode else ())]
    full = next((p for p in people if " " not in author and author in p.split()), "")
    if not full and " " not in author and zipf(author.lower()) >= 4.0:
        return ""  # "Mike's book": a first name we cannot resolve, not an author's name
    return full or author


def _article(phrase: str) -> str:
    first = phrase.split()[0].lower() if phrase.split() else ""
    if first in ("the", "a", "an") or first.endswith(("'s", "’s")) or phrase[:1].isupper():
        return ""
    return "the "
