"""Identity across edits: which previous fact each new fact is, and cloze numbers that follow spans."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import DATA
from notecards import NotecardsError, load
from notecards.build import collect
from notecards.identity import (
    SAME_FACT,
    episode_facts,
    fact_keys,
    fresh_fact_key,
    identify,
    keep_cloze_numbers,
    similarity,
)
from notecards.lock import Lock, settle
from notecards.model import BIG_REVEALS, WORTH_REMEMBERING, Card, Deletion, Fact, Location, LockEntry
from notecards.render import Renderer

V1, V2 = DATA / "reimport" / "v1", DATA / "reimport" / "v2"
HERE = Location("notes.txt", 1)

# (before, after): every kind of edit a maintainer makes that must keep the fact's identity.
EDITS = [
    (
        "Outside South Africa, the entire African continent has only five pediatric radiologsts.",
        "Outside South Africa, the entire African continent has only five pediatric radiologists.",
    ),  # typo
    (
        "Interleaving diffrent problem types feels harder but improves transfer to new problems.",
        "Interleaving different problem types feels harder but improves transfer to new problems.",
    ),  # typo
    (
        (
            "There is roughly a 10x global shortage of doctors, and training enough the traditional way would "
            "take about 300 years."
        ),
        (
            "There is roughly a tenfold global shortage of doctors, and training enough the traditional way would "
            "take about 400 years."
        ),
    ),  # a changed number, and another written out
    (
        (
            "Google deliberately made TPUs almost entirely unprogrammable because they feared people would "
            "learn their IP secrets."
        ),
        "Google made TPUs nearly impossible to program on purpose, fearing that people would learn its IP secrets.",
    ),  # a rewording
    (
        (
            "Google deliberately made TPUs almost entirely unprogrammable because they feared people would "
            "learn their IP secrets."
        ),
        "Fearing that outsiders would learn its IP secrets, Google deliberately made its TPUs almost unprogrammable.",
    ),  # the sentence turned around
    (
        (
            "Jeremy uses Anki only for Chinese, and after a three-year medical break the characters were still "
            "retained and far faster to relearn."
        ),
        (
            "Jeremy uses Anki only to learn Chinese; after a three-year break for medical reasons he still "
            "remembered the characters and relearned them much faster."
        ),
    ),  # a heavy rewording
    (
        "A nap of only 20 minutes measurably improves recall of word lists.",
        "A 20-minute nap measurably improves how well people recall word lists.",
    ),  # short, reworded
    (
        "Anders Hejlsberg's Delphi was amazing because it was like a compiled fast language that was as easy to use as Visual Basic",
        "Anders Hejlsberg's Delphi was amazing because it was a compiled, fast language that was as easy to use as Visual Basic",
    ),  # a quote edited
]


ADDED = "Handwritten notes are remembered better than typed transcripts because writing forces a summary."


def distinct_facts() -> list[str]:
    """Every fact of the three test episodes, and the one added in v2: no two are the same fact."""
    texts = [fact.text for path in sorted(V1.glob("*.txt")) for fact in episode_facts(load(path))]
    return [*texts, ADDED]


def test_the_threshold_sits_in_the_gap_between_edits_and_distinct_facts() -> None:
    edited = min(similarity(before, after) for before, after in EDITS)
    distinct = max(similarity(a, b) for a, b in itertools.combinations(distinct_facts(), 2))
    assert edited >= SAME_FACT + 0.1, edited
    assert distinct <= SAME_FACT - 0.1, distinct


def lock_after(paths: list[Path], previous: Lock = Lock(), now: int = 1_000) -> Lock:
    """The lock a build of ``paths`` would write: the real pipeline, without packages."""
    notes, errors, episodes, _ = collect(paths, Renderer(), previous)
    assert errors == ()
    return settle(previous, notes, now, {key: (e.deck_name, e.source) for key, e in episodes.items()}).lock


def keys_by_text(lock: Lock) -> dict[str, str]:
    return {entry.text: entry.fact for entry in lock.entries if not entry.removed}


def guids_by_text(lock: Lock) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for entry in lock.entries:
        if not entry.removed:
            found.setdefault(entry.text, set()).add(entry.guid)
    return found


def test_edited_moved_and_renamed_facts_keep_their_guids() -> None:
    before = lock_after(sorted(V1.glob("*.txt")))
    after = lock_after(sorted(V2.glob("*.txt")), before, now=2_000)
    old, new = guids_by_text(before), guids_by_text(after)
    for text_before, text_after in EDITS:
        if text_before in old and text_after in new:
            assert old[text_before] & new[text_after], text_after
    checked = [pair for pair in EDITS if pair[0] in old and pair[1] in new]
    assert len(checked) >= 5  # the edits really are in the test data
    # "A nap …" moved from "Things worth remembering" to "Big reveals": same guids.
    nap = "A nap of only 20 minutes measurably improves recall of word lists."
    assert old[nap] == new[nap]
    # Omar Haddad's file was renamed (memory-lab-013-omar-haddad.txt → omar-haddad.txt): nothing changed.
    omar = [e for e in before.entries if e.episode == "memory-lab-podcast/13"]
    assert omar and omar == [e for e in after.entries if e.episode == "memory-lab-podcast/13"]


def test_a_new_fact_gets_a_new_key_and_does_not_steal_the_removed_one() -> None:
    before = lock_after([V1 / "memory-lab-012-ada-moreau.txt"])
    after = lock_after([V2 / "memory-lab-012-ada-moreau.txt"], before, now=2_000)
    removed = "During deep sleep the hippocampus replays the day's experiences to the neocortex."
    added = ADDED
    old_keys = {entry.fact for entry in before.entries}
    new_key = keys_by_text(after)[added]
    assert new_key not in old_keys
    assert [e.removed for e in after.entries if e.text == removed] and all(
        e.removed for e in after.entries if e.text == removed
    )


def fact(text: str, section: str = BIG_REVEALS, line: int = 1) -> Fact:
    return Fact(section, text, Location("notes.txt", line))


def entry(
    key: str, text: str, section: str = BIG_REVEALS, removed: bool = False, role: str = "cloze", clozes: tuple = ()
) -> LockEntry:
    return LockEntry(
        guid=f"g-{key}-{role}",
        episode="p/1",
        fact=key,
        role=role,
        kind="cloze",
        section=section,
        text=text,
        content="x",
        mtime=1,
        clozes=clozes,
        removed=removed,
    )


def episode_with(*facts: Fact):
    return replace(load(V1 / "memory-lab-013-omar-haddad.txt"), guests=(), recommendations=(), facts=facts)


def test_matching_is_one_to_one_and_prefers_the_closest_text() -> None:
    old_a = "The Major System turns digits into consonant sounds so numbers become words."
    facts = (
        fact("The Major System turns digits into consonant sounds so that numbers become words.", line=1),
        fact("The Major System turns digits into consonant sounds so numbers become words.", line=2),
    )
    keys = fact_keys(episode_with(*facts), [entry("k-a", old_a)])
    assert keys[facts[1]] == "k-a"  # the identical text wins the old key …
    assert keys[facts[0]] not in ("k-a",)  # … and the near-copy gets a key of its own


def test_two_identical_bullets_get_two_keys_and_keep_them() -> None:
    same = "Brain scans of memory champions show ordinary brains."
    facts = (fact(same, line=1), fact(same, WORTH_REMEMBERING, line=2))
    first = fact_keys(episode_with(*facts))
    assert len(set(first.values())) == 2
    previous = [entry(first[f], f.text, f.section) for f in facts]
    assert fact_keys(episode_with(*facts), previous) == first


def test_explicit_ids_win_and_a_restored_fact_gets_its_old_key_back() -> None:
    explicit = Fact(BIG_REVEALS, "Anything at all.", HERE, fact_id="my-id")
    restored = fact("Simonides of Ceos is credited with inventing the method of loci.", line=2)
    previous = [
        entry("old-key", "Simonides of Ceos is credited with inventing the method of loci!", removed=True),
        entry("my-id", "Something else entirely, written long ago."),
    ]
    keys = fact_keys(episode_with(explicit, restored), previous)
    assert keys == {explicit: "my-id", restored: "old-key"}


def test_a_fresh_key_never_reuses_one_the_lock_knows() -> None:
    text = "Top memory athletes memorise a shuffled deck of 52 cards in under 20 seconds."
    new = fact(text)
    # The lock's fact was first seen with this very text, then edited beyond recognition.
    previous = [entry(fresh_fact_key(new), "Something completely different about cooking pasta at home.")]
    key = fact_keys(episode_with(new), previous)[new]
    assert key != fresh_fact_key(new) and key.startswith(fresh_fact_key(new))


SENTENCE = "Ebbinghaus published the forgetting curve in 1885 after memorising 2300 nonsense syllables."


def cloze(*spans: tuple[str, int]) -> Card:
    deletions = tuple(
        Deletion(SENTENCE.index(text), SENTENCE.index(text) + len(text), number) for text, number in spans
    )
    return Card("cloze", "cloze", fact(SENTENCE), text=SENTENCE, deletions=deletions)


def numbers(card: Card) -> dict[str, int]:
    return {card.text[d.start : d.end]: d.number for d in card.deletions}


def test_cloze_numbers_follow_their_spans_when_the_generator_renumbers() -> None:
    # Last build: c1 = 1885, c2 = 2300. Now a span before them is chosen too, and the generator
    # numbers by position: Ebbinghaus c1, 1885 c2, 2300 c3.
    previous = entry("k", SENTENCE, clozes=((1, "1885"), (2, "2300")))
    kept = keep_cloze_numbers(cloze(("Ebbinghaus", 1), ("1885", 2), ("2300", 3)), previous)
    assert numbers(kept) == {"1885": 1, "2300": 2, "Ebbinghaus": 3}


def test_an_edited_answer_keeps_its_number_and_a_retired_number_is_never_reused() -> None:
    # c2 ("2100") was edited to "2300"; c3 was dropped earlier and must not go to a new span.
    previous = entry("k", SENTENCE, clozes=((1, "Ebbinghaus"), (2, "2100"), (3, None)))
    kept = keep_cloze_numbers(cloze(("2300", 1), ("forgetting curve", 2)), previous)
    assert numbers(kept) == {"2300": 2, "forgetting curve": 4}


def test_two_cards_sharing_an_id_is_an_error() -> None:
    twice = Fact(BIG_REVEALS, "A fact.", Location("notes.yaml", 7), fact_id="same")
    card = Card("cloze", "cloze", twice, text="A fact.", deletions=(Deletion(2, 6, 1),))
    with pytest.raises(NotecardsError, match="two cards share the id same/cloze") as error:
        identify(episode_with(twice), [card, card])
    assert str(error.value).startswith("notes.yaml:7: ")
