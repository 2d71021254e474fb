"""Stable identity: which GUID each card gets, so that re-importing updates notes in place.

A GUID is derived from keys, never from the card's text: the episode key (podcast and number),
the fact's key and the card's role. A fact's key is its explicit id when the YAML gives one;
otherwise a fingerprint of its text *at the time it was first seen* — the lock file (see
``lock.py``) remembers it, so later edits to the text keep the key.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from .model import Card, Episode, Fact

GUID_NAMESPACE = "notecards"
_BASE91 = ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
           "!#$%&()*+,-./:;<=>?@[]^_`{|}~")


def normalise(text: str) -> str:
    """Case, accents, punctuation and spacing removed: what stays the same through a typo-level edit."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(re.findall(r"[a-z0-9]+", text))


def fingerprint(text: str) -> str:
    """A short hash of the normalised text."""
    return hashlib.sha256(normalise(text).encode()).hexdigest()[:12]


def fresh_fact_key(fact: Fact) -> str:
    """The key a fact gets the first time it is seen: its explicit id, or section and fingerprint."""
    return fact.fact_id or f"{fact.section}/{fingerprint(fact.text)}"


def guid_for(*keys: str) -> str:
    """A compact GUID from keys (the same scheme as genanki's, without importing it here)."""
    digest = hashlib.sha256("\x1f".join((GUID_NAMESPACE, *keys)).encode()).digest()
    number = int.from_bytes(digest[:8], "big")
    chars = []
    while number:
        number, rest = divmod(number, len(_BASE91))
        chars.append(_BASE91[rest])
    return "".join(reversed(chars))


def fact_keys(episode: Episode, known: dict[Fact, str] | None = None) -> dict[Fact, str]:
    """A unique key for every fact of the episode; ``known`` (from the lock) wins over fresh keys.

    Two facts with the same fresh key (the same text twice) are told apart by their order.
    """
    facts = [*(guest.fact for guest in episode.guests), *episode.facts,
             *(rec.fact for rec in episode.recommendations)]
    keys: dict[Fact, str] = {}
    taken: set[str] = set()
    for fact in facts:
        key = (known or {}).get(fact) or fresh_fact_key(fact)
        base, n = key, 2
        while key in taken:
            key, n = f"{base}~{n}", n + 1
        keys[fact] = key
        taken.add(key)
    return keys


def card_guid(episode: Episode, key: str, card: Card) -> str:
    return guid_for(episode.key, key, card.role)
