"""Card templates and the preview's Anki renderer, checked against what real Anki renders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from anki_real import _strip, import_package, rendered_cards
from conftest import SAMPLE, SAMPLE_CARDS
from notecards import build
from notecards.anki_template import render_cloze, render_note
from notecards.build import plan
from notecards.model import Card, Episode, Fact, Location, Recommendation
from notecards.preview import preview_decks
from notecards.render import Renderer, builtin_templates_dir

HERE = Location("decks/x.md", 3)


@pytest.fixture(scope="module")
def sample_deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    report = build([SAMPLE], tmp_path_factory.mktemp("dist"))
    return Path(report.decks[0].path)


def test_anki_field_markup_passes_through_jinja() -> None:
    renderer = Renderer()
    cloze, qa = renderer.note_type_html("cloze"), renderer.note_type_html("qa")
    assert "{{cloze:Text}}" in cloze.front and "{{cloze:Text}}" in cloze.back
    assert "{{#Fact}}" in qa.back and "{{Answer}}" in qa.back and "{{Answer}}" not in qa.front
    for text in (cloze.front, cloze.back, qa.front, qa.back, cloze.css):
        assert "[[" not in text and "[%" not in text and "[#" not in text


def test_css_has_night_rules_for_every_anki_client() -> None:
    css = Renderer().note_type_html("qa").css
    for selector in (".card.nightMode", ".card.night_mode", ".nightMode .card", ".night_mode .card"):
        assert selector in css
    assert "@media (max-width: 480px)" in css


def quote_episode(url: str) -> tuple[Episode, Card]:
    rec = Recommendation("Anki", "AnkiWeb", True, "it works <incredibly> well", "Lex Fridman", "01:32:14", HERE)
    episode = Episode(
        "Lex & Friends",
        "Jeremy Howard: fast.ai | Lex & Friends #35",
        HERE,
        number=35,
        date="2019-08-27",
        url=url,
        recommendations=(rec,),
    )
    return episode, Card("qa", "rec", rec.fact, question="What does Lex recommend?", answer="Anki")


def test_quote_is_a_blockquote_with_speaker_and_a_link_to_the_moment() -> None:
    episode, card = quote_episode("https://example.com/ep35?src=feed")
    fields = dict(Renderer().fields(card, episode))
    assert fields["Fact"].startswith('<blockquote class="nc-quote">“it works &lt;incredibly&gt; well”')
    link = '<a class="nc-moment" href="https://example.com/ep35?src=feed&amp;t=5534">'
    assert link + "01:32:14</a>" in fields["Fact"] and "Lex Fridman" in fields["Fact"]
    assert link + "▶ 01:32:14</a>" in fields["Source"]
    assert fields["Source"].startswith('<span class="nc-podcast">Lex &amp; Friends #35</span>')
    assert "2019-08-27" in fields["Source"]


def test_no_link_without_a_web_address() -> None:
    episode, card = quote_episode("file:///notes.md")
    fields = dict(Renderer().fields(card, episode))
    assert "<a " not in fields["Fact"] + fields["Source"] and "01:32:14" in fields["Source"]


def test_a_cloze_of_the_whole_fact_marks_the_copy_on_the_back() -> None:
    fact = Fact("big_reveals", "Ebbinghaus found spacing.", HERE)
    episode = Episode("P", "T | P #1", HERE, number=1)
    whole = dict(Renderer().fields(Card("cloze", "cloze", fact, text=fact.text), episode))
    part = dict(Renderer().fields(Card("cloze", "cloze", fact, text="Ebbinghaus found it."), episode))
    assert whole["Fact"] == '<span class="nc-echo">Ebbinghaus found spacing.</span>'
    assert part["Fact"] == "Ebbinghaus found spacing."
    assert ".nc-echo { display: none; }" in (builtin_templates_dir() / "style.css").read_text()


def without_style(html: str) -> str:
    """Anki's card HTML minus its leading <style> and the data-cloze copy of the answer."""
    return re.sub(r' data-cloze="[^"]*"', "", re.sub(r"^<style>.*?</style>", "", html, flags=re.S))


def test_preview_renders_every_card_exactly_as_anki_does(collection, sample_deck: Path) -> None:
    import_package(collection, sample_deck)
    anki = {(card.guid, card.ord): card for card in rendered_cards(collection)}
    notes, _ = plan([SAMPLE])
    ours = {(card.guid, card.ord): card for deck in preview_decks(notes, Renderer()) for card in deck.cards}
    assert set(ours) == set(anki) and len(ours) == SAMPLE_CARDS
    for key, card in ours.items():
        assert _strip(collection, card.front) == anki[key].question_text
        assert _strip(collection, card.back) == anki[key].answer_text
        assert card.front == without_style(anki[key].question)
        assert card.back == without_style(anki[key].answer)


TRICKY = [
    "{{c1::Ebbinghaus::who}} found {{c2::spacing}} and {{c1::Ebbinghaus}} again",
    "outer {{c1::a {{c2::nested}} b}} end",
    "closed by a stray brace: {{c3::three and }} after",
    "never closed {{c1::one}} and {{c2::two <b>and</b> the rest",
    "an {{c2::answer with <b>bold</b>}} &amp; {{c10::ten}}",
]


@pytest.mark.parametrize("text", TRICKY)
def test_cloze_filter_matches_anki_on_hints_nesting_and_odd_markup(collection, sample_deck: Path, text: str) -> None:
    import_package(collection, sample_deck)
    notetype = collection.models.by_name("notecards cloze")
    note = collection.new_note(notetype)
    note["Text"], note["Fact"], note["Source"] = text, "", "src"
    collection.add_note(note, collection.decks.id("Tricky"))
    html = Renderer().note_type_html("cloze")
    ours = {card.ord: card for card in render_note(html.front, html.back, dict(note.items()), cloze=True)}
    anki = {card.ord: card for card in rendered_cards(collection) if card.guid == note.guid}
    assert set(ours) == set(anki) and anki
    for ord_, card in ours.items():
        assert card.front == without_style(anki[ord_].question)
        assert card.back == without_style(anki[ord_].answer)


def test_cloze_front_hides_only_the_active_deletion() -> None:
    text = "{{c1::Google}} and {{c2::Intel::company}}"
    assert render_cloze(text, 2, answer=False) == (
        '<span class="cloze-inactive" data-ordinal="1">Google</span> and '
        '<span class="cloze" data-ordinal="2">[company]</span>'
    )
    assert render_cloze(text, 2, answer=True).endswith('<span class="cloze" data-ordinal="2">Intel</span>')
