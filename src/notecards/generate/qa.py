"""Question/answer cards, made only from patterns that are reliably right."""

from __future__ import annotations

import re

from ..model import Card, Episode, Fact, Guest, Recommendation
from .spans import words

MAX_QUESTION_WORDS = 25
MAX_ANSWER_WORDS = 5
STANDS_FOR = re.compile(r"\b(?P<term>[A-Z][A-Za-z0-9]{1,9})\s+stands\s+for\s+(?P<expansion>[^,;.]+)")
WHO_DID = re.compile(
    r"^(?P<name>(?:[A-Z][\w’'\-]+\s){1,3}?[A-Z][\w’'\-]+)\s+(?:\([^)]*\)\s+)?"
    r"(?P<predicate>(?:once\s+|first\s+)?[a-z]+ed\b[^;]*?)(?:,?\s+(?:but|and|because|while|which)\b|[;.]|$)")


def qa_cards(fact: Fact) -> list[Card]:
    """Q/A cards for patterns that fit the fact: "X stands for Y", "<Name> <did something>"."""
    cards = []
    stands_for = STANDS_FOR.search(fact.text)
    if stands_for:
        cards.append(Card("qa", "qa-stands-for", fact,
                          question=f"What does {stands_for['term']} stand for?",
                          answer=stands_for["expansion"].strip()))
    who = WHO_DID.match(fact.text)
    if who and len(words(who["name"])) <= 3:
        question = f"Who {who['predicate'].strip()}?"
        if len(words(question)) <= MAX_QUESTION_WORDS:
            cards.append(Card("qa", "qa-who", fact, question=question, answer=who["name"]))
    return [card for card in cards if _is_clean(card)]


def guest_cards(guest: Guest, episode: Episode) -> list[Card]:
    """"Who is <bio>?" → the guest's name."""
    if not guest.bio:
        return []
    first_clause = re.split(r",\s+|;\s+|\s+\(", guest.bio, maxsplit=1)[0].rstrip(".")
    role = first_clause[0].lower() + first_clause[1:] if first_clause[:2].istitle() else first_clause
    question = f"Which guest of {episode.podcast}{_number(episode)} is {_article(role)}{role}?"
    return [Card("qa", "guest", guest.fact, question=question, answer=guest.name)]


def recommendation_cards(recommendation: Recommendation) -> list[Card]:
    """The quote with the product's name blanked out asks for the product."""
    if not recommendation.quote:
        return []
    blanked = re.sub(re.escape(recommendation.name), "___", recommendation.quote, flags=re.IGNORECASE)
    speaker = recommendation.speaker or "the guest"
    quote = _shorten(blanked)
    question = f"What did {speaker} recommend, saying “{quote}”?"
    if "___" not in blanked:
        question = f"What did {speaker} recommend in this episode, saying “{quote}”?"
    card = Card("qa", "recommendation", recommendation.fact, question=question, answer=recommendation.name)
    return [card] if _is_clean(card) else []


def _shorten(quote: str, limit: int = 18) -> str:
    """At most ``limit`` words of the quote, keeping the blank in view."""
    tokens = quote.split()
    if len(tokens) <= limit:
        return quote
    blank = next((i for i, token in enumerate(tokens) if "___" in token), 0)
    start = max(0, min(blank - limit // 2, len(tokens) - limit))
    piece = " ".join(tokens[start:start + limit])
    return ("…" if start else "") + piece + ("…" if start + limit < len(tokens) else "")


def _number(episode: Episode) -> str:
    return f" #{episode.number}" if episode.number is not None else f" “{episode.topic}”"


def _article(phrase: str) -> str:
    first = phrase.split()[0].lower() if phrase.split() else ""
    if first in ("the", "a", "an") or first.endswith("'s") or phrase[:1].isupper():
        return ""
    return "the "


def _is_clean(card: Card) -> bool:
    """The card rules every Q/A card must pass: short answer, question ends with "?", no leaked answer."""
    answer_words = words(card.answer)
    if not answer_words or len(answer_words) > MAX_ANSWER_WORDS + 3:
        return False
    if len(words(card.question)) > MAX_QUESTION_WORDS + 12 or not card.question.endswith("?"):
        return False
    return card.answer.lower() not in card.question.lower()
