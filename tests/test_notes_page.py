"""The notes-page reader, checked against the sample page and its gold annotations."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import SAMPLE, SAMPLE_GOLD
from notecards import load
from notecards.errors import NotEpisodeNotes
from notecards.model import BIG_REVEALS, WORTH_REMEMBERING
from notecards.sources.notes_page import read_notes_page


@pytest.fixture(scope="module")
def gold() -> dict:
    return yaml.safe_load(SAMPLE_GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def episode():
    return load(SAMPLE)


def test_header_fields(episode, gold) -> None:
    assert episode.site == "Lex Fridman"
    assert episode.host == gold["host"]
    assert episode.date == gold["date"]
    assert episode.duration == gold["duration"]
    assert episode.podcast == gold["podcast"]
    assert episode.number == gold["episode_number"]
    assert episode.title == gold["title"]
    assert episode.summary.startswith("fast.ai founder Jeremy Howard on making deep learning accessible")


def test_guest_and_gist(episode, gold) -> None:
    assert episode.guest_names == tuple(gold["guests"])
    assert episode.guests[0].bio.startswith("Founder of fast.ai, distinguished research scientist")
    assert episode.guests[0].location.line == 11
    assert episode.gist.startswith("Jeremy Howard traces his path from programming on a Commodore 64")
    assert episode.gist.endswith("spaced repetition for learning Chinese.")


@pytest.mark.parametrize("section", [BIG_REVEALS, WORTH_REMEMBERING])
def test_every_bullet_is_read_with_its_line(episode, gold, section: str) -> None:
    facts = [fact for fact in episode.facts if fact.section == section]
    assert [fact.text for fact in facts] == [item["text"] for item in gold[section]]
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    for fact in facts:
        assert fact.location.path == str(SAMPLE)
        assert fact.text in " ".join(lines[fact.location.line - 1].split())


def test_every_recommendation_is_read(episode, gold) -> None:
    read = [
        (r.name, r.maker + (" (inferred)" if r.maker_inferred else ""), r.quote, r.speaker, r.timestamp)
        for r in episode.recommendations
    ]
    expected = [(g["name"], g["maker"], g["quote"], g["speaker"], g["timestamp"]) for g in gold["recommendations"]]
    assert read == expected
    assert [r.maker_inferred for r in episode.recommendations] == [True, False, True]


def test_affiliate_boilerplate_is_dropped(episode) -> None:
    everything = " ".join(
        [r.name + r.maker + r.quote for r in episode.recommendations] + [f.text for f in episode.facts]
    )
    assert "Affiliate" not in everything and "Amazon" not in everything and "commission" not in everything


def test_a_text_file_that_is_no_notes_page_is_not_notes(tmp_path: Path) -> None:
    with pytest.raises(NotEpisodeNotes) as raised:
        read_notes_page(tmp_path / "x.txt", "Just some text\nand more\n")
    assert str(raised.value).startswith(f"{tmp_path / 'x.txt'}:1: not episode notes: no 'Home <Site> Notes' line")


def test_missing_sections_stay_empty(tmp_path: Path) -> None:
    text = (
        "Home Some Notes\nHost · 2020-01-02 · 1h\n\nA Guest: A Topic | Some Show\n\n"
        "Big reveals\n\n  • Only one bullet here about 42 things.\n"
    )
    (episode,) = read_notes_page(tmp_path / "y.txt", text)
    assert episode.number is None and episode.podcast == "Some Show"
    assert episode.guests == () and episode.gist == "" and episode.recommendations == ()
    assert [f.text for f in episode.facts] == ["Only one bullet here about 42 things."]


GOLD_FILES = sorted((SAMPLE_GOLD.parent).glob("*.gold.yaml"))


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: p.name.removesuffix(".gold.yaml"))
def test_every_labelled_page_reads_as_its_gold_says(gold_file: Path) -> None:
    gold = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
    episode = load(gold_file.with_name(gold["source_file"]))
    assert (episode.podcast, episode.number, episode.date, episode.host) == (
        gold["podcast"],
        gold["episode_number"],
        gold["date"],
        gold["host"],
    )
    assert episode.guest_names == tuple(gold["guests"])
    assert [fact.text for fact in episode.facts] == [
        item["text"] for item in gold["big_reveals"] + gold["things_worth_remembering"]
    ]
    assert [(r.name, r.quote, r.speaker, r.timestamp) for r in episode.recommendations] == [
        (r["name"], r["quote"], r["speaker"], r["timestamp"]) for r in gold["recommendations"]
    ]
