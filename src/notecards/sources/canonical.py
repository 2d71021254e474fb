"""Reader for canonical YAML (``.yaml``/``.yml``): the whole model, hand-editable, what ``ingest`` writes.

Besides what a notes page says it carries explicit fact ids, hand-written cards that add to or
replace generated ones, ``skip: true`` on a generated card, extra tags and a deck-name override.
``schema/notecards-episode.schema.json`` describes the same keys; tests keep the two in step.
"""

from __future__ import annotations

import difflib
from dataclasses import replace
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode

from ..errors import NotecardsError, NotEpisodeNotes
from ..identity import fingerprint
from ..model import (
    BIG_REVEALS,
    HAND,
    WORTH_REMEMBERING,
    CardKind,
    Episode,
    Fact,
    Guest,
    HandCard,
    Location,
    Recommendation,
)
from .checks import card_sized, check_deck_name, check_id, check_tag
from .cloze_markup import parse_cloze
from .format import SourceFormat
from .yaml_nodes import Place, YamlMap, compose

FORMAT_VERSION = 1
EPISODE_KEYS = (
    "notecards",
    "podcast",
    "episode",
    "title",
    "site",
    "host",
    "date",
    "duration",
    "summary",
    "url",
    "deck",
    "tags",
    "guests",
    "gist",
    BIG_REVEALS,
    WORTH_REMEMBERING,
    "recommendations",
    "cards",
)
GUEST_KEYS = ("name", "bio")
FACT_KEYS = ("text", "id")
RECOMMENDATION_KEYS = ("name", "maker", "maker_inferred", "quote", "speaker", "timestamp", "id")
CARD_KEYS = ("cloze", "question", "answer", "fact", "id", "replaces", "skip", "role")


def read_canonical(path: Path, text: str) -> tuple[Episode, ...]:
    """Parse and validate canonical YAML; every problem is one ``file:line`` error. A YAML file that
    names none of the episode's keys (a CI or site config beside the notes) is not notes."""
    place = Place(str(path))
    root = compose(text, place.where)
    if root is None:
        raise NotecardsError("empty file: no episode notes", place.where, 1)
    if not isinstance(root, MappingNode) or not any(
        isinstance(key, ScalarNode) and key.value in EPISODE_KEYS for key, _ in root.value
    ):
        raise NotEpisodeNotes(
            "not episode notes: a YAML file without 'podcast', 'title' or any other episode key",
            place.where,
            place.line(root),
        )
    doc = place.mapping(root, EPISODE_KEYS, "the document")
    return (read_episode_mapping(doc, Location(place.where, place.line(root))),)


def read_episode_mapping(doc: YamlMap, source: Location, body: Episode | None = None) -> Episode:
    """An ``Episode`` from a checked top-level mapping (canonical YAML, or Markdown front matter
    whose ``body`` supplies the sections)."""
    if "notecards" in doc and doc.number("notecards") != FORMAT_VERSION:
        raise doc.error(f"'notecards' is the format version and must be {FORMAT_VERSION}", "notecards")
    where = doc.place.where
    warnings: list[str] = list(body.warnings) if body else []
    title = doc.text("title") or (body.title if body else "")
    if not title:
        raise doc.error("'title' is missing: every episode needs a title")
    tags = read_tags(doc)
    deck = doc.text("deck")
    if "deck" in doc:
        check_deck_name(deck, where, doc.line("deck"))
    guests = read_guest_nodes(doc, "guests")
    if body:
        guests = merge_guests(guests, body.guests) if guests else body.guests
    facts = [fact for section in (BIG_REVEALS, WORTH_REMEMBERING) for fact in _facts(doc, section)] or (
        list(body.facts) if body else []
    )
    facts = card_sized(facts, warnings)
    recommendations = tuple(_recommendation(doc.place, node) for node in doc.items("recommendations")) or (
        body.recommendations if body else ()
    )
    episode = Episode(
        podcast=doc.text("podcast", required=True),
        title=title,
        source=source,
        number=doc.number("episode"),
        site=doc.text("site"),
        host=doc.text("host"),
        date=doc.date("date"),
        duration=doc.text("duration"),
        summary=doc.text("summary") or (body.summary if body else ""),
        url=doc.text("url"),
        guests=guests,
        gist=doc.text("gist") or (body.gist if body else ""),
        facts=tuple(facts),
        recommendations=recommendations,
        deck=deck,
        tags=tags,
        warnings=tuple(warnings),
    )
    check_unique_ids(episode)
    return _with_cards(episode, doc) if "cards" in doc else episode


def read_tags(doc: YamlMap) -> tuple[str, ...]:
    """``tags:``, a list of Anki tags."""
    return tuple(
        check_tag(doc.place.text(node, "a tag", required=True), doc.place.where, doc.place.line(node))
        for node in doc.items("tags")
    )


def read_guest_nodes(doc: YamlMap, key: str, one_alone: bool = False) -> tuple[Guest, ...]:
    """Guests as names, or as ``name:``/``bio:`` mappings (with ``one_alone``, one name alone too)."""
    if one_alone and key in doc and isinstance(doc.values[key], ScalarNode) and doc.text(key):
        return (Guest(doc.text(key), "", Location(doc.place.where, doc.line(key))),)
    return tuple(_guest(doc.place, node) for node in doc.items(key))


def merge_guests(front: tuple[Guest, ...], body: tuple[Guest, ...]) -> tuple[Guest, ...]:
    """Guests named in front matter without a bio take it from the Markdown guest section."""
    bios = {guest.name: guest.bio for guest in body}
    return tuple(
        replace(guest, bio=bios[guest.name]) if not guest.bio and guest.name in bios else guest for guest in front
    )


def _guest(place: Place, node: Node) -> Guest:
    location = Location(place.where, place.line(node))
    if isinstance(node, ScalarNode):
        return Guest(place.text(node, "a guest", required=True), "", location)
    guest = place.mapping(node, GUEST_KEYS, "a guest")
    return Guest(guest.text("name", required=True), guest.text("bio"), location)


def _facts(doc: YamlMap, section: str) -> list[Fact]:
    facts = []
    for node in doc.items(section):
        location = Location(doc.place.where, doc.place.line(node))
        if isinstance(node, ScalarNode):
            facts.append(Fact(section, doc.place.text(node, f"a fact in '{section}'", required=True), location))
            continue
        fact = doc.place.mapping(node, FACT_KEYS, f"a fact in '{section}'")
        fact_id = _id(fact, "id")
        facts.append(Fact(section, fact.text("text", required=True), location, fact_id=fact_id))
    return facts


def _recommendation(place: Place, node: Node) -> Recommendation:
    rec = place.mapping(node, RECOMMENDATION_KEYS, "a recommendation")
    return Recommendation(
        name=rec.text("name", required=True),
        maker=rec.text("maker"),
        maker_inferred=rec.flag("maker_inferred"),
        quote=rec.text("quote"),
        speaker=rec.text("speaker"),
        timestamp=rec.timestamp("timestamp"),
        location=Location(place.where, place.line(node)),
        fact_id=_id(rec, "id"),
    )


def _id(mapping: YamlMap, key: str) -> str | None:
    value = mapping.text(key)
    return check_id(value, key, mapping.place.where, mapping.line(key)) if value else None


def _all_facts(episode: Episode) -> list[Fact]:
    return [*(guest.fact for guest in episode.guests), *episode.facts, *(rec.fact for rec in episode.recommendations)]


def check_unique_ids(episode: Episode) -> None:
    seen: dict[str, Location] = {}
    for fact in _all_facts(episode):
        if fact.fact_id and fact.fact_id in seen:
            raise NotecardsError(
                f"id '{fact.fact_id}' is used twice (first on line {seen[fact.fact_id].line})",
                fact.location.path,
                fact.location.line,
            )
        if fact.fact_id:
            seen[fact.fact_id] = fact.location


def _with_cards(episode: Episode, doc: YamlMap) -> Episode:
    """Hand-written cards and skips from ``cards:``; a card with no ``fact`` gets a ``HAND`` fact."""
    known = {fact.fact_id: fact for fact in _all_facts(episode) if fact.fact_id}
    hand_cards: list[HandCard] = []
    hand_facts: list[Fact] = []
    skipped: list[str] = []
    for node in doc.items("cards"):
        card = doc.place.mapping(node, CARD_KEYS, "a card")
        line = doc.place.line(node)
        fact_id = _id(card, "fact")
        if fact_id and fact_id not in known:
            close = difflib.get_close_matches(fact_id, known, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else " (give the fact an 'id:' to refer to it)"
            raise card.error(f"a card: no fact has the id '{fact_id}'{hint}", "fact")
        forms = [key for key in ("cloze", "question", "skip") if key in card]
        if forms == ["skip"]:
            role = card.text("role")
            if not fact_id or not role:
                raise card.error("a card with 'skip: true' needs 'fact' (an id) and 'role' (e.g. cloze)", "skip")
            if card.flag("skip"):
                skipped.append(f"{fact_id}/{role}")
            continue
        if forms not in (["cloze"], ["question"]) or "role" in card:
            raise card.error(
                "a card is either 'cloze: …', or 'question: …' with 'answer: …', or 'skip: true' with 'fact' and 'role'"
            )
        if card.flag("replaces") and not fact_id:
            raise card.error("'replaces: true' needs 'fact': the id of the fact whose cards it replaces", "replaces")
        own_id = _id(card, "id")
        kind: CardKind
        if "cloze" in card:
            text, deletions = parse_cloze(card.text("cloze", required=True), doc.place.where, card.line("cloze"))
            kind, question, answer, label = "cloze", "", "", text
        else:
            text, deletions, kind = "", (), "qa"
            question, answer = card.text("question", required=True), card.text("answer", required=True)
            label = f"{question} — {answer}"
        if not fact_id:
            fact_id, role = own_id or f"{HAND}/{fingerprint(label)}", "hand"
            hand_facts.append(Fact(HAND, label, Location(doc.place.where, line), fact_id=fact_id))
        else:
            role = f"hand-{own_id or fingerprint(label)}"
        hand_cards.append(
            HandCard(
                kind,
                Location(doc.place.where, line),
                fact_id,
                role,
                text=text,
                deletions=deletions,
                question=question,
                answer=answer,
                replaces=card.flag("replaces"),
            )
        )
    episode = replace(
        episode, facts=(*episode.facts, *hand_facts), hand_cards=tuple(hand_cards), skipped=tuple(skipped)
    )
    check_unique_ids(episode)
    return episode


FORMAT = SourceFormat("canonical YAML", (".yaml", ".yml"), read_canonical)
