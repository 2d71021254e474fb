"""What real Anki sees when it imports a built deck (the `anki` package from PyPI)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from anki_real import find_executable_html, import_package, notes_by_guid, rendered_cards
from conftest import SAMPLE
from notecards import build, load
from notecards.build import plan


@pytest.fixture(scope="module")
def sample_deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    report = build([SAMPLE], out)
    assert report.errors == () and len(report.decks) == 1
    return Path(report.decks[0].path)


def test_every_note_and_card_is_imported(collection, sample_deck: Path) -> None:
    notes, _ = plan([SAMPLE])
    summary = import_package(collection, sample_deck)
    assert len(summary.new) == len(notes) >= len(load(SAMPLE).facts)  # every bullet makes at least one card
    assert summary.counts() == {"new": len(notes)}
    assert collection.card_count() >= 25
    kinds = {view.notetype for view in notes_by_guid(collection).values()}
    assert kinds == {"notecards cloze", "notecards Q/A"}
    assert set(notes_by_guid(collection)) == {note.guid for note in notes}


def test_cards_land_in_the_episode_deck(collection, sample_deck: Path) -> None:
    import_package(collection, sample_deck)
    decks = {deck for view in notes_by_guid(collection).values() for deck in view.decks}
    assert decks == {"Lex Fridman Podcast::#35 Jeremy Howard: fast.ai Deep Learning Courses and Research"}


def test_every_cloze_card_shows_a_gap_and_its_answer(collection, sample_deck: Path) -> None:
    import_package(collection, sample_deck)
    cloze_cards = [card for card in rendered_cards(collection) if card.notetype == "notecards cloze"]
    assert cloze_cards
    for card in cloze_cards:
        assert '<span class="cloze"' in card.question and "[...]" in card.question_text
        hidden = re.findall(r'<span class="cloze"[^>]*>(.*?)</span>', card.answer)
        assert hidden and all(text.strip() and text != "[...]" for text in hidden)
        for text in hidden:
            assert html.unescape(text) not in card.question_text


def test_qa_cards_show_question_then_answer(collection, sample_deck: Path) -> None:
    import_package(collection, sample_deck)
    qa_cards = [card for card in rendered_cards(collection) if card.notetype == "notecards Q/A"]
    assert qa_cards
    notes = notes_by_guid(collection)
    for card in qa_cards:
        answer = html.unescape(notes[card.guid].fields["Answer"])
        assert card.question_text.split("?")[0] and "?" in card.question_text
        assert answer not in card.question_text.split("?")[0]
        assert answer in card.answer_text


def test_every_card_names_its_source(collection, sample_deck: Path) -> None:
    import_package(collection, sample_deck)
    for card in rendered_cards(collection):
        assert "Lex Fridman Podcast #35" in card.answer_text
        assert "Jeremy Howard" in card.answer_text and "2019-08-27" in card.answer_text


def test_quotes_show_speaker_and_timestamp(collection, tmp_path: Path) -> None:
    page = SAMPLE.read_text(encoding="utf-8").replace(
        "“I used Anki quite a lot myself", "“Damien Elmes's book Anki is great, I used Anki quite a lot myself"
    )
    source = tmp_path / SAMPLE.name
    source.write_text(page, encoding="utf-8")
    report = build([source], tmp_path / "dist")
    import_package(collection, Path(report.decks[0].path))
    quotes = [c for c in rendered_cards(collection) if "01:32:14" in c.answer_text]
    assert quotes and "Jeremy Howard" in quotes[0].answer_text


def test_every_bullet_is_on_at_least_one_card(collection, sample_deck: Path) -> None:
    import_package(collection, sample_deck)
    shown = " ".join(html.unescape(view.fields.get("Fact", "")) for view in notes_by_guid(collection).values())
    for fact in load(SAMPLE).facts:
        assert fact.text in shown


def test_nothing_executable_in_any_field(collection, sample_deck: Path) -> None:
    import_package(collection, sample_deck)
    for view in notes_by_guid(collection).values():
        for value in view.fields.values():
            assert find_executable_html(value) == []
