"""Real page variety in the notes-page and Markdown readers: encodings, line ends, odd sections."""

from __future__ import annotations

from pathlib import Path

import pytest

from notecards import load
from notecards.sources.markdown import plain

HOSTILE = Path("tests/data/hostile")


def test_crlf_bom_and_no_break_spaces_read_like_clean_text(tmp_path: Path) -> None:
    messy = HOSTILE / "crlf-bom-nbsp.txt"
    clean = tmp_path / "clean.txt"
    clean.write_text(
        messy.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\u00a0", " "), encoding="utf-8"
    )
    a, b = load(messy), load(clean)
    assert (
        [f.text for f in a.facts]
        == [f.text for f in b.facts]
        == ["The Alfa Pendular reaches 220 km/h between Lisbon and Porto."]
    )
    assert (a.podcast, a.number, a.guests[0].bio) == (b.podcast, b.number, "engineer at CP in Lisbon.")


def test_utf16_two_guests_accents_and_curly_quotes() -> None:
    episode = load(HOSTILE / "utf16-bom-accents.txt")
    assert episode.guest_names == ("Zoë Ødegård", "José Núñez")
    assert episode.podcast == "Ciência Podcast" and episode.number == 12
    assert episode.facts[0].text == "Zoë says “crème brûlée” caramelises at about 160 °C."
    rec = episode.recommendations[0]
    assert (rec.name, rec.quote, rec.speaker, rec.timestamp) == (
        "Le Petit Prince",
        "C’est une lecture très douce",
        "Zoë Ødegård",
        "00:12:01",
    )


def test_no_number_and_missing_or_empty_sections_are_left_empty() -> None:
    episode = load(HOSTILE / "no-number-empty-sections.txt")
    assert episode.number is None and episode.recommendations == ()
    assert episode.guest_names == ("Mark Chu",)  # no guest section: the title's "Mark Chu: On Tides" names him
    assert episode.deck_name == "The Sea Hour::Mark Chu: On Tides"
    assert [f.section for f in episode.facts] == ["things_worth_remembering"]


def test_symbols_are_kept_as_written() -> None:
    texts = [f.text for f in load(HOSTILE / "symbols.txt").facts]
    assert "The deal was worth $2.5 billion & closed in 2019." in texts
    assert "Margins fell 10–20% when x < y and y > z." in texts


def test_a_stray_line_in_a_section_is_a_warning_not_a_failure(tmp_path: Path) -> None:
    text = (
        (HOSTILE / "symbols.txt")
        .read_text(encoding="utf-8")
        .replace("Big reveals\n\n", "Big reveals\n\nSome intro the site put here.\n", 1)
    )
    path = tmp_path / "intro.txt"
    path.write_text(text, encoding="utf-8")
    episode = load(path)
    assert len(episode.facts) == 3
    assert episode.warnings == (
        f"{path}:15: warning: not a bullet ('• text'), ignored: 'Some intro the site put here.'",
    )


def test_markdown_unknown_sections_are_warned_about_with_a_suggestion(tmp_path: Path) -> None:
    path = tmp_path / "ep.md"
    path.write_text(
        "---\npodcast: P\ntitle: T\n---\n\n## Big revelas\n\n- lost\n\n## Things worth remembering\n\n"
        "- Kept with **bold**, `code`, [a link](https://x.y) and [[Wiki|alias]].\n",
        encoding="utf-8",
    )
    episode = load(path)
    assert [f.text for f in episode.facts] == ["Kept with bold, code, a link and alias."]
    assert episode.facts[0].location.line == 12
    assert episode.warnings == (
        (
            f"{path}:6: warning: section 'Big revelas' is not one notecards reads "
            "(did you mean '## Big reveals'?); its lines are ignored"
        ),
    )


@pytest.mark.parametrize(
    "markdown, text",
    [
        ("snake_case_name and 2*3*4", "snake_case_name and 2*3*4"),
        ("*em* and _em_ and ~~gone~~", "em and em and gone"),
        (r"a \*literal\* star", "a *literal* star"),
        ("<b>raw html</b> stays", "<b>raw html</b> stays"),
    ],
)
def test_inline_markdown_becomes_plain_text(markdown: str, text: str) -> None:
    assert plain(markdown) == text


def test_front_matter_guests_take_their_bio_from_the_guest_section(tmp_path: Path) -> None:
    path = tmp_path / "ep.md"
    path.write_text(
        "---\npodcast: P\ntitle: T\nguests: [Ann Lee, Bo Park]\n---\n\n## The guests\n\n"
        "- Ann Lee — a chemist\n- Bo Park — a poet\n\n## Big reveals\n\n- Ann Lee made 12 new dyes.\n",
        encoding="utf-8",
    )
    assert [(g.name, g.bio) for g in load(path).guests] == [("Ann Lee", "a chemist"), ("Bo Park", "a poet")]
