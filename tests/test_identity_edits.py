"""Edits that must keep a card's identity: a deletion whose words were reworded keeps its cloze
number (the deletion overlapping it most), and a corrected guest's or product's name keeps its
GUIDs (matched by similarity, as facts are)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DATA
from notecards import build, plan
from notecards.identity import fact_keys, keep_cloze_numbers
from notecards.ingest import ingest
from notecards.lock_file import read_lock
from notecards.model import BIG_REVEALS, GUEST, Card, Deletion, Episode, Fact, Guest, Location, LockEntry

WHERE = Location("ep.txt", 3)


def card(text: str, *answers: str) -> Card:
    deletions = tuple(
        Deletion(text.index(answer), text.index(answer) + len(answer), number)
        for number, answer in enumerate(answers, 1)
    )
    return Card("cloze", "cloze", Fact(BIG_REVEALS, text, WHERE), text=text, deletions=deletions)


def numbers(old_text: str, old: dict[int, str], new: Card) -> dict[str, int]:
    entry = LockEntry("g", "p/1", "k", "cloze", "cloze", BIG_REVEALS, old_text, "c", 1, clozes=tuple(old.items()))
    kept = keep_cloze_numbers(new, entry)
    return {kept.text[d.start : d.end]: d.number for d in kept.deletions}


SHORTAGE = "There is roughly a 10x global shortage of doctors, and training would take about 300 years."


@pytest.mark.parametrize(
    ("new_text", "answers", "expected"),
    [
        (  # a number written out in words, in either deletion's place
            "There is roughly a 10x global shortage of doctors, and training would take about three hundred years.",
            ("10x", "three hundred years"),
            {"10x": 1, "three hundred years": 2},
        ),
        (  # a term rephrased, and the new deletions in the other order
            "There is roughly a tenfold global shortage of doctors, and training would take about 300 years.",
            ("300 years", "tenfold global shortage"),
            {"tenfold global shortage": 1, "300 years": 2},
        ),
        (  # both at once
            "There is roughly a tenfold global shortage of doctors, and training would take about three centuries.",
            ("tenfold", "three centuries"),
            {"tenfold": 1, "three centuries": 2},
        ),
    ],
)
def test_a_reworded_deletion_keeps_its_number(new_text: str, answers: tuple[str, ...], expected: dict) -> None:
    assert numbers(SHORTAGE, {1: "10x", 2: "300 years"}, card(new_text, *answers)) == expected


def test_a_deletion_elsewhere_gets_a_new_number() -> None:
    new = "In 2020 there was roughly a 10x global shortage of doctors, and training would take about 300 years."
    got = numbers(SHORTAGE, {1: "10x", 2: "300 years"}, card(new, "2020", "10x", "300 years"))
    assert got == {"10x": 1, "300 years": 2, "2020": 3}
    # and an old number whose deletion is gone is never given to an unrelated new span
    got = numbers(SHORTAGE, {1: "10x", 2: "300 years"}, card("Doctors train for 7 years in Lyon.", "7 years", "Lyon"))
    assert set(got.values()).isdisjoint({1}) or got.get("7 years") == 2


LEX = DATA / "reimport" / "v1" / "lex-fridman-035-jeremy-howard.txt"


@pytest.mark.parametrize("new_name", ["Delphi 7", "Borland Delphi", "Delphy"])
def test_a_corrected_product_name_keeps_its_guids(tmp_path: Path, new_name: str) -> None:
    """The product is renamed where it is listed and in the quote that names it."""
    source, lock = tmp_path / "ep.txt", tmp_path / "notecards.lock"
    shutil.copy(LEX, source)
    build([source], tmp_path / "dist", lock=lock, now=1_600_000_000)
    before = {e.role: e.guid for e in read_lock(lock).entries if e.section == "recommendations"}
    text = source.read_text(encoding="utf-8").replace("\nDelphi\n", f"\n{new_name}\n")
    source.write_text(text.replace("Hejlsberg's Delphi", f"Hejlsberg's {new_name}"), encoding="utf-8")
    report = build([source], tmp_path / "dist", lock=lock, now=1_600_000_100)
    after = {e.role: e.guid for e in read_lock(lock).entries if e.section == "recommendations" and not e.removed}
    assert before and after == before and not any(deck.removed or deck.new for deck in report.decks)


def guest_key(name: str, bio: str, previous: tuple[LockEntry, ...]) -> str:
    episode = Episode("P", "Topic | P #1", WHERE, number=1, guests=(Guest(name, bio, WHERE),))
    (key,) = [key for fact, key in fact_keys(episode, previous).items() if fact.section == GUEST]
    return key


def test_a_corrected_guest_name_keeps_its_key() -> None:
    """(Guests rarely make a card today, but hand-written cards and overrides hang on the key.)"""
    bio = "Cognitive scientist at the University of Lyon who studies long-term memory and sleep."
    old = guest_key("Ada Moreau", bio, ())
    entry = LockEntry("g", "p/1", old, "guest", "qa", GUEST, f"Ada Moreau — {bio}", "c", 1)
    assert old == "guest-ada-moreau"
    assert guest_key("Ada Moreau-Lenoir", bio, (entry,)) == old  # the name corrected
    bare = LockEntry("g", "p/1", old, "guest", "qa", GUEST, "Ada Moreau", "c", 1)
    assert guest_key("Ada Moureau", "", (bare,)) == old  # a typo in a name without a bio
    assert guest_key("Bruno Keller", "Marine biologist who tracks whale songs.", (entry,)) == "guest-bruno-keller"


def test_ingest_keeps_a_corrected_key_in_any_script(tmp_path: Path) -> None:
    page = tmp_path / "ep.md"
    page.write_text(
        "---\npodcast: 中文播客\nepisode: 3\ntitle: 记忆\nguests: [张伟]\n---\n\n"
        "## Big reveals\n- The first Anki release came out in 2006.\n\n"
        "## Recommended\n- **記憶の本** — Anders Hejlsberg\n"
        "  “Anders Hejlsberg's 記憶の本 was amazing because it was like a compiled fast language” — 张伟 00:41:10\n",
        encoding="utf-8",
    )
    lock = tmp_path / "notecards.lock"
    build([page], tmp_path / "dist", lock=lock)
    page.write_text(page.read_text(encoding="utf-8").replace("記憶の本", "記憶の本 改訂版"), encoding="utf-8")
    report = ingest(page, tmp_path / "ep.yaml", lock)
    assert "id: rec-記憶の本\n" in report.text  # the corrected name keeps its key, written as an id
    from_yaml, errors = plan([tmp_path / "ep.yaml"], lock=lock)
    from_md, _ = plan([page], lock=lock)
    assert errors == () and [n.guid for n in from_yaml] == [n.guid for n in from_md]
