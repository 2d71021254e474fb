"""Keys, tags and deck files for names in any script: each name its own key, never an empty or a
shared one; and the keys of Latin-script names exactly as they always were (users' locks and Anki
collections hold GUIDs made from them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from anki_real import import_package, notes_by_guid
from notecards import build, plan
from notecards.errors import NotecardsError
from notecards.grouping import MAX_FILE_NAME_BYTES, deck_file_name
from notecards.model import slug
from notecards.sources.checks import check_id

NAMES = {  # script → two different names, written as people write them
    "Chinese": ("中文播客", "张伟"),
    "Japanese": ("ポッドキャスト", "山田太郎"),
    "Korean": ("한국어 팟캐스트", "김민준"),
    "Cyrillic": ("Русский подкаст", "Иван Петров"),
    "Greek": ("Ελληνικό podcast", "Νίκος Παππάς"),
    "Arabic": ("بودكاست عربي", "محمد علي"),
    "Hebrew": ("פודקאסט עברי", "דוד כהן"),
    "Devanagari": ("हिंदी पॉडकास्ट", "नरेंद्र मोदी"),
    "accented Latin": ("Pódcast Español", "José Núñez"),
}


@pytest.mark.parametrize("script", NAMES)
def test_every_script_keeps_its_names_apart(script: str) -> None:
    first, second = NAMES[script]
    assert slug(first) and slug(second) and slug(first) != slug(second)
    assert slug(first) == slug(first.upper()) == slug(f"  {first.lower()}! ")  # case and punctuation aside
    assert all(c == "-" or c.isalnum() or c in "\u0300\u0301\u0303" or not c.isascii() for c in slug(first))


def test_names_differing_in_one_letter_or_mark_differ() -> None:
    assert slug("张伟") != slug("章伟")  # one character
    assert slug("क") != slug("कि")  # one vowel sign
    assert slug("Иван") == slug("ИВАН") != slug("Иваn")


def test_latin_keys_are_as_they_always_were() -> None:
    """Pinned: keys made from these are in users' locks and Anki collections."""
    assert slug("Lex Fridman Podcast") == "lex-fridman-podcast"
    assert slug("Pelé") == "pele" and slug("José Núñez") == "jose-nunez"
    assert slug("Søren Łukasz") == "sren-ukasz"  # letters with no unaccented form were always dropped
    assert slug("AC/DC — Radio") == "ac-dc-radio" and slug("ｆｕｌｌ ｗｉｄｔｈ") == "full-width"


def test_no_name_has_an_empty_key() -> None:
    assert slug("!!!") and slug("Ø") and slug("🎙️") and slug("!!!") != slug("???")
    assert slug("") == "" and slug("   ") == ""  # no name at all


def test_bidi_controls_and_invisible_characters_never_reach_a_key() -> None:
    assert slug("abc\u202edef") == "abcdef" and slug("עב\u200fרית") == "עברית"


def test_long_deck_names_give_bounded_distinct_file_names() -> None:
    long_a, long_b = "Podcast::#1 " + "word " * 60 + "one", "Podcast::#1 " + "word " * 60 + "two"
    cjk = "中文播客::#1 " + "长标题" * 100
    names = [deck_file_name(name) for name in (long_a, long_b, cjk)]
    assert len(set(names)) == 3
    assert all(len(name.encode()) <= MAX_FILE_NAME_BYTES + len(".apkg") for name in names)
    assert deck_file_name("Lex Fridman Podcast::#35 Jeremy Howard") == "lex-fridman-podcast-35-jeremy-howard.apkg"


def episode_yaml(podcast: str, number: int, guests: tuple[str, ...], facts: tuple[str, ...]) -> str:
    guest_lines = "".join(f"  - name: {name}\n    bio: guest\n" for name in guests)
    fact_lines = "".join(f"  - text: {text}\n" for text in facts)
    return (
        f"notecards: 1\npodcast: {podcast}\nepisode: {number}\ntitle: Episode {number}\n"
        f"guests:\n{guest_lines}big_reveals:\n{fact_lines}"
        "recommendations:\n  - name: 記憶の本\n    maker: 山田\n  - name: Книга памяти\n    maker: Петров\n"
    )


FACTS = ("The first Anki release came out in 2006.", "Ebbinghaus published his forgetting curve in 1885.")


def test_two_cjk_podcasts_build_side_by_side_into_real_anki(tmp_path: Path, collection) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "a.yaml").write_text(episode_yaml("ポッドキャスト", 1, ("山田太郎",), FACTS), encoding="utf-8")
    (folder / "b.yaml").write_text(episode_yaml("中文播客", 1, ("张伟",), FACTS), encoding="utf-8")
    report = build([folder], tmp_path / "dist", lock=tmp_path / "notecards.lock")
    assert report.errors == () and len(report.decks) == 2
    first, second = sorted(report.decks, key=lambda deck: deck.name)
    assert Path(first.path).name != Path(second.path).name
    assert set(first.new).isdisjoint(second.new) and len(first.new) == len(second.new) >= len(FACTS)
    for deck in report.decks:
        import_package(collection, Path(deck.path))
    assert len(notes_by_guid(collection)) == len(first.new) + len(second.new)  # nothing overwritten
    tags = {tag for note in plan([folder])[0] for tag in note.tags if tag.startswith("podcast::")}
    assert tags == {"podcast::ポッドキャスト", "podcast::中文播客"}


@pytest.mark.parametrize("script", ["Chinese", "Japanese", "Cyrillic", "Arabic", "Devanagari", "accented Latin"])
def test_two_guests_of_one_script_in_one_episode_and_one_deck_per_guest(tmp_path: Path, script: str) -> None:
    podcast, guest = NAMES[script]
    other = NAMES["Korean"][1] if script != "Korean" else NAMES["Chinese"][1]
    folder = tmp_path / "notes"
    folder.mkdir()
    both = (guest, f"{guest[::-1]}")  # two guests of the same script in one episode
    (folder / "one.yaml").write_text(episode_yaml(podcast, 1, both, FACTS), encoding="utf-8")
    (folder / "two.yaml").write_text(episode_yaml(podcast, 2, (both[1],), FACTS), encoding="utf-8")
    (folder / "three.yaml").write_text(episode_yaml(podcast, 3, (other,), FACTS), encoding="utf-8")
    notes, errors = plan([folder])
    assert errors == ()
    assert len({n.guid for n in notes}) == len(notes) >= len(FACTS)  # the guests' ids did not collide either
    report = build([folder], tmp_path / "dist", by="guest", lock=tmp_path / "notecards.lock")
    assert report.errors == ()
    assert sorted(deck.name for deck in report.decks) == sorted(f"Guests::{name}" for name in (guest, both[1], other))
    assert len({Path(deck.path).name for deck in report.decks}) == 3


def test_ids_in_any_script_are_valid_ids_and_nothing_else_is() -> None:
    """Ingest writes fact keys as ids, and keys keep their script: a YAML id may too."""
    for value in ("rec-記憶の本~2", "guest-иван-петров", "big_reveals/नरेंद्र", "rec-محمد"):
        assert check_id(value, "id", "x.yaml", 1) == value
    for value in ("rec-a\u202eb", "rec a", "rec-★", "../rec", "rec-\u200b"):
        with pytest.raises(NotecardsError):
            check_id(value, "id", "x.yaml", 1)
