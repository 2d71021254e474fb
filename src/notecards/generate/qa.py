"""Question/answer cards, made only from patterns that are reliably right (research/card-rules.md).

Each pattern has a fixed role (``qa-stands-for``, ``qa-who``, ``qa-how-many``…): roles make GUIDs,
so they name the pattern, never the wording. At most ``MAX_PER_FACT`` cards per bullet (R11);
every card is checked against the Q/A rules before it is kept.
"""

from __future__ import annotations

import re

from ..model import Card, Episode, Fact, Guest, Recommendation
from .cloze import answer_stems
from .questions import clause_with, in_situ_question, resolve_pronoun
from .spans import NUMBER, PARENTHETICAL, YEAR, content_words, hedge_before, is_expansion, words, zipf

MAX_QUESTION_WORDS = 25
MAX_ANSWER_WORDS = 8
MAX_PER_FACT = 2
STANDS_FOR = re.compile(r"\b(?P<term>[A-Z][A-Za-z0-9]{1,9})\s+(?P<adverb>originally\s+)?"
                        r"(?P<verb>stands|stood)\s+for\s+(?P<expansion>[^,;.]+)")
DEFINES = re.compile(r"^(?P<term>[A-Z][\w\- ]{2,40}?)\s+means\s+(?P<meaning>[^,;:]+)")
WHO_STARTS = re.compile(
    r"^(?P<name>(?:[A-Z][a-z][\w’'\-]*\s){1,2}[A-Z][a-z][\w’'\-]*)\s+(?:\([^)]*\)\s+)?"
    r"(?P<predicate>(?:once\s+|first\s+|briefly\s+)?(?:[a-z]+ed|built|wrote|made|ran|won|sold|took|founded|"
    r"co-founded|refused|invented|created|discovered|began|started|taught|gave)\b[^;,.]*?)"
    r"(?=\s+(?:but|and|because|while|which|so|after|before)\b|[;,.]|$)")
ROLE_NAME = re.compile(
    r"(?P<before>^|^In \d{4},\s+)(?P<role>(?:[A-Z][\w’']+(?:’s|'s)\s+|[A-Z][a-z]+\s+)?[a-z]+)\s+"
    r"(?P<name>[A-Z][a-z]+(?:\s[A-Z][a-z]+){1,2})\s+(?P<predicate>(?:[a-z]+ed|taught|built|wrote|made|ran|won)"
    r"\b[^;,]*?)(?=\s+(?:and|but|because|while)\s|[;,.]|$)")
QUOTED_IS = re.compile(r"^(?P<subject>[A-Z][^“”,;:]{2,60}?)\s+(?P<verb>is|was)\s+(?:called\s+)?“(?P<quote>[^”]{1,50})”")
PASSIVE_BY = re.compile(r"^(?P<thing>[A-Z][\w\- ]{2,40}?)\s+was\s+(?:first\s+)?(?P<verb>[a-z]+ed)\s+by\s+"
                        r"(?:(?P<role>[a-z]+)\s+)?(?P<name>[A-Z][\w\-]+(?:\s[A-Z][\w\-]+){0,2})\b")
WHY = re.compile(r"^(?P<head>[^,;]*?)\s+because\s+(?P<reason>[^,;.]+)")
AUX = re.compile(r"\b(is|are|was|were|can|could|couldn’t|couldn't|can’t|can't|would|will|did|does|has|have|had)\b")
PRONOUN_START = re.compile(r"^(?:it|its|this|that|these|those|they|them|their|he|she|his|her)\b", re.IGNORECASE)
YES_NO_START = re.compile(r"^(?:is|are|was|were|do|does|did|can|could|will|would|has|have|had|should)\b",
                          re.IGNORECASE)


def qa_cards(fact: Fact, episode: Episode | None = None) -> list[Card]:
    """Q/A cards for the patterns that fit the fact, best first, at most ``MAX_PER_FACT``."""
    text = resolve_pronoun(fact.text, episode)
    makers = (_stands_for, _defines, _quoted, _who, _numeric, _why)
    cards = [card for make in makers for card in make(fact, text) if is_clean(card)]
    return cards[:MAX_PER_FACT]


def _stands_for(fact: Fact, text: str) -> list[Card]:
    match = STANDS_FOR.search(text)
    if match:
        tense = "did" if match["verb"] == "stood" else "does"
        adverb = "originally " if match["adverb"] else ""
        expansion = re.split(r"\s+(?:and|but|which|so)\s+", match["expansion"].strip())[0]
        if not is_expansion(expansion, match["term"]) and sum(w[0].isupper() for w in expansion.split()) < 2:
            return []  # "HIPAA stands for portability, not privacy": a claim, not an expansion
        return [Card("qa", "qa-stands-for", fact, question=f"What {tense} {match['term']} {adverb}stand for?",
                     answer=expansion)]
    for paren in PARENTHETICAL.finditer(text):
        inner = paren[1].strip()
        before = text[:paren.start()].rstrip()
        term = re.search(r"([A-Z][A-Za-z0-9]{1,9})$", before)
        if term and is_expansion(inner, term[1]):
            return [Card("qa", "qa-stands-for", fact, question=f"What does {term[1]} stand for?", answer=inner)]
    return []


def _defines(fact: Fact, text: str) -> list[Card]:
    match = DEFINES.match(text)
    if not match or len(words(match["term"])) > 4:
        return []
    meaning = re.split(r"\s+(?:with|and|so|which)\s+", match["meaning"].strip())[0]
    return [Card("qa", "qa-term", fact, question=f"What term means {meaning}?", answer=match["term"])]


def _quoted(fact: Fact, text: str) -> list[Card]:
    """"His rule for decisions is “Hell yeah or no”" → "What is Derek Sivers’s rule for decisions?"."""
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
        return [Card("qa", "qa-who", fact, question=f"Who {predicate}?", answer=match["name"])]
    match = ROLE_NAME.match(text)
    if match and re.search(r"[’']s\s", match["role"]):
        predicate = match["predicate"].strip()
        return [Card("qa", "qa-who", fact, question=f"Who, as {match['role']}, {predicate}?", answer=match["name"])]
    if match:
        lead = match["before"].strip()
        question = f"{lead} which {match['role']} {match['predicate'].strip()}?" if lead else \
            f"Which {match['role']} {match['predicate'].strip()}?"
        return [Card("qa", "qa-who", fact, question=question[0].upper() + question[1:], answer=match["name"])]
    return []


def _ordinary_start(phrase: str) -> bool:
    first = phrase.split()[0]
    return first[1:].islower() and zipf(first.lower()) > 3.0


def episode_guest(fact: Fact, text: str) -> bool:
    """True when the Who-answer would be the guest, put there by pronoun resolution: asks nothing."""
    return text != fact.text


def _numeric(fact: Fact, text: str) -> list[Card]:
    """One number of the bullet, asked in place: money > percentage > count > year."""
    found = []
    for match in YEAR.finditer(text):
        if re.fullmatch(r"(?:1[5-9]|20)\d\d", match.group()):
            found.append((3, match.start(), match.end(), "year"))
    for match in NUMBER.finditer(text):
        token = match.group()
        if YEAR.fullmatch(token):
            continue
        if token.startswith(("$", "€", "£")):
            found.append((0, match.start(), match.end(), "money"))
        elif token.endswith("%"):
            found.append((1, match.start(), match.end(), "percent"))
        elif re.match(r"(?:one|a) in\b", token):
            found.append((1.5, match.start(), match.end(), "count"))
        elif re.match(r"\d|" + "|".join(("two three four five six seven eight nine ten "
                                                       "twenty thirty forty fifty hundred").split()), token):
            if "-" not in token and not re.search(r"[\w-]$", text[:match.start()]):
                found.append((2, match.start(), match.end(), "count"))
    for _, start, end, kind in sorted(found):
        card = _number_card(fact, text, start, end, kind)
        if card and is_clean(card):
            return [card]
    return []


def _number_card(fact: Fact, text: str, start: int, end: int, kind: str) -> Card | None:
    clause = clause_with(text, start, end)
    if clause is None:
        return None
    piece, offset = clause
    start, end = start - offset, end - offset
    hedge = hedge_before(piece, start)
    question_start = start - len(hedge) - 1 if hedge else start
    unit = ""
    unit_match = re.match(r"\s+(?:([a-z]+(?:-[a-z]+)?)\s+)?([a-z]{3,}s)\b", piece[end:])
    if kind == "count" and unit_match and (unit_match[1] is None or unit_match[1] not in ("of", "and")):
        unit = unit_match.group().strip()
        end += unit_match.end()
    if kind == "count" and unit and re.fullmatch(r"\d+x\d+", text[start + offset:end + offset - len(unit)].strip()):
        # "tiny 64x64 images" → "tiny images of what size"
        question = in_situ_question(piece, question_start, end, f"{unit} of what size")
        answer = text[start + offset:end + offset - len(unit)].strip()
        return Card("qa", "qa-what-size", fact, question=question, answer=answer)
    if kind == "year":
        prep = re.search(r"\b(in|since|by|from|until)\s+$", piece[:question_start])
        wh = "what year"
    elif kind == "money":
        wh = "how much"
    elif kind == "percent":
        wh = "what percentage"
    elif unit:
        wh = f"how many {unit}"
    elif re.match(r"(?:one|a)\s+in", text[start + offset:]):
        wh = "what odds"
    else:
        return None
    answer = text[start + offset:end + offset] if kind != "count" or not unit else \
        text[start + offset:start + offset + len(text[start + offset:end + offset]) - len(unit)].strip()
    if hedge and hedge in ("about", "roughly", "around", "nearly", "almost", "up to", "at least", "over"):
        answer = f"{hedge} {answer}"
    answer = answer[0].upper() + answer[1:]
    question = in_situ_question(piece, question_start, end, wh)
    role = {"year": "qa-what-year", "money": "qa-how-much", "percent": "qa-what-percentage"}.get(kind, "qa-how-many")
    return Card("qa", role, fact, question=question, answer=answer)


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
    subject, rest = head[:aux.start()].strip(), head[aux.end():].strip()
    if not subject and len(parts) > 1:
        who = re.match(r"((?:[A-Z][\w\-]+\s){0,2}[A-Z][\w\-]+)\s+[a-z]", text)
        subject = who[1] if who else ""
    if not subject or len(words(subject)) > 5 or not rest or PRONOUN_START.match(subject):
        return []
    question = f"Why {aux[1]} {subject} {rest}?"
    return [Card("qa", "qa-why", fact, question=question, answer=match["reason"].strip())]


def guest_cards(guest: Guest, episode: Episode) -> list[Card]:
    """"Which guest of <podcast> #N is <first clause of bio>?" → the guest's name."""
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
    from .questions import recommendation_question

    question = recommendation_question(recommendation, episode)
    card = Card("qa", "recommendation", recommendation.fact, question=question, answer=recommendation.name)
    return [card] if is_clean(card) else []


def _article(phrase: str) -> str:
    first = phrase.split()[0].lower() if phrase.split() else ""
    if first in ("the", "a", "an") or first.endswith(("'s", "’s")) or phrase[:1].isupper():
        return ""
    return "the "


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
    return not (answer_stems(answer) & answer_stems(question))
