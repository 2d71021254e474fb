"""Canonical YAML: validation with file:line, hand-written cards, skips, and cloze markup."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from notecards import NotecardsError, load
from notecards.build import plan
from notecards.model import Deletion
from notecards.sources.canonical import CARD_KEYS, EPISODE_KEYS, FACT_KEYS, GUEST_KEYS, RECOMMENDATION_KEYS
from notecards.sources.cloze_markup import cloze_source, parse_cloze

HEAD = "notecards: 1\npodcast: Test Cast\nepisode: 1\ntitle: A Test\n"
FACTS = (
    "big_reveals:\n"
    "  - id: boiling\n    text: Water boils at 100 °C at sea level, as Anders Celsius noted in 1742.\n"
    "  - id: freezing\n    text: Water freezes at 0 °C.\n"
)
SCHEMA = Path("schema/notecards-episode.schema.json")


def write(tmp_path: Path, text: str, name: str = "ep.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(NotecardsError) as caught:
        load(path)
    return str(caught.value)


@pytest.mark.parametrize(
    "extra, expected",
    [
        ("podcst: x\n", ":5: the document: unknown key 'podcst' (did you mean 'podcast'?)"),
        ("guests:\n  - name: Ann\n    bioo: x\n", ":7: a guest: unknown key 'bioo' (did you mean 'bio'?)"),
        ("guests:\n  - [Ann]\n", ":6: a guest should be a mapping"),
        ("tags: [a b]\n", ":5: tag 'a b' must be one word"),
        ("tags: learning\n", ":5: 'tags' should be a list"),
        ("date: yesterday\n", ":5: 'date' should be a date like 2019-08-27"),
        ("recommendations:\n  - name: X\n    timestamp: soon\n", ":7: a recommendation: 'timestamp' should be a time"),
        (
            "recommendations:\n  - name: X\n    maker_inferred: maybe\n",
            ":7: a recommendation: 'maker_inferred' should be true or false",
        ),
        ("gist: [a, b]\n", ":5: 'gist' should be text, found a list"),
        ("podcast: again\n", ":5: the document: key 'podcast' is given twice"),
        (FACTS + "  - id: boiling\n    text: again\n", ":10: id 'boiling' is used twice (first on line 6)"),
        (FACTS + "cards:\n  - cloze: x {{c1::y}}\n    replaces: true\n", "'replaces: true' needs 'fact'"),
        (FACTS + "cards:\n  - question: Why?\n", ":11: a card: 'answer' is missing"),
        (FACTS + "cards:\n  - cloze: a {{c1::b}}\n    question: c?\n    answer: d\n", "a card is either"),
        (FACTS + "cards:\n  - fact: boiling\n    skip: true\n", "needs 'fact' (an id) and 'role'"),
        (FACTS + 'cards:\n  - cloze: "{{c0::x}}"\n', ':11: cloze "{{c0::": numbers run from c1'),
        (FACTS + 'cards:\n  - cloze: "{{c1::  }} x"\n', "hides nothing"),
    ],
)
def test_mistakes_are_one_line_with_their_line(tmp_path: Path, extra: str, expected: str) -> None:
    message = error_of(write(tmp_path, HEAD + extra))
    assert expected in message and message.startswith(str(tmp_path / "ep.yaml") + ":") and "\n" not in message


def test_a_newer_format_version_is_refused(tmp_path: Path) -> None:
    assert error_of(write(tmp_path, HEAD.replace("notecards: 1", "notecards: 2"))).endswith(
        "ep.yaml:1: 'notecards' is the format version and must be 1"
    )


def test_timestamps_and_odd_scalars_are_read_as_written(tmp_path: Path) -> None:
    episode = load(
        write(
            tmp_path,
            HEAD.replace("title: A Test", "title: 1984") + "recommendations:\n"
            "  - name: yes\n    timestamp: 1:32:14\n    quote: 3.10\n",
        )
    )
    assert episode.title == "1984"
    rec = episode.recommendations[0]
    assert (rec.name, rec.timestamp, rec.quote) == ("yes", "1:32:14", "3.10")


def test_a_hand_cloze_replaces_the_generated_cards_of_its_fact(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD + FACTS + "cards:\n  - fact: boiling\n    replaces: true\n"
        '    cloze: "Water boils at {{c1::100 °C::temperature}} at <b>sea</b> level"\n',
    )
    notes, errors = plan([path])
    assert errors == ()
    boiling = [n for n in notes if n.card.fact.fact_id == "boiling"]
    assert len(boiling) == 1 and boiling[0].card.role.startswith("hand-")
    assert boiling[0].field("Text") == "Water boils at {{c1::100 °C::temperature}} at &lt;b&gt;sea&lt;/b&gt; level"
    assert any(n.card.fact.fact_id == "freezing" for n in notes)


def test_a_hand_card_adds_to_generated_ones_and_skip_removes_one(tmp_path: Path) -> None:
    base, _ = plan([write(tmp_path, HEAD + FACTS, "base.yaml")])
    roles = {(n.card.fact.fact_id, n.card.role) for n in base}
    skipped = sorted(role for fact, role in roles if fact == "boiling")[0]  # the fact's first generated card
    path = write(
        tmp_path,
        HEAD + FACTS + f"cards:\n  - fact: boiling\n    role: {skipped}\n    skip: true\n"
        "  - fact: boiling\n    id: who\n    question: Who noted the boiling point in 1742?\n"
        "    answer: Anders Celsius\n",
    )
    notes, _ = plan([path])
    after = {(n.card.fact.fact_id, n.card.role) for n in notes}
    assert after == (roles - {("boiling", skipped)}) | {("boiling", "hand-who")}
    unchanged = {n.guid for n in base if (n.card.fact.fact_id, n.card.role) != ("boiling", skipped)}
    assert unchanged <= {n.guid for n in notes}


def test_a_card_of_its_own_gets_a_stable_guid_from_its_id(tmp_path: Path) -> None:
    card = "cards:\n  - id: capital\n    question: What is the capital of {}?\n    answer: Paris\n"
    first, _ = plan([write(tmp_path, HEAD + card.format("France"), "a.yaml")])
    second, _ = plan([write(tmp_path, HEAD + card.format("france"), "b.yaml")])
    assert len(first) == 1 and first[0].guid == second[0].guid
    assert "notecards::hand" in first[0].tags


def test_deck_override_and_tags(tmp_path: Path) -> None:
    notes, _ = plan([write(tmp_path, HEAD + FACTS + 'deck: "Science::Water"\ntags: [physics, "level::easy"]\n')])
    assert {n.deck for n in notes} == {"Science::Water"}
    assert all({"physics", "level::easy"} <= set(n.tags) for n in notes)


@pytest.mark.parametrize(
    "markup, text, deletions",
    [
        (
            "{{c1::Paris}} is in {{c2::France::country}}",
            "Paris is in France",
            (Deletion(0, 5, 1), Deletion(12, 18, 2, "country")),
        ),
        ("a {{c1::b}} c {{c1::d}}", "a b c d", (Deletion(2, 3, 1), Deletion(6, 7, 1))),
        ("x }} and {{ y {{c3::z}}", "x }} and {{ y z", (Deletion(14, 15, 3),)),
    ],
)
def test_cloze_markup_is_parsed_into_text_and_deletions(markup: str, text: str, deletions) -> None:
    assert parse_cloze(markup, "f", 1) == (text, deletions)
    assert parse_cloze(cloze_source(text, deletions), "f", 1) == (text, deletions)


@pytest.mark.parametrize(
    "markup, message",
    [
        ("{{c1::open", "never closed"),
        ("{{c1::a {{c2::b}} c}}", "cannot be nested"),
        ("no cloze", "at least one"),
    ],
)
def test_bad_cloze_markup_is_an_error(markup: str, message: str) -> None:
    with pytest.raises(NotecardsError, match=message):
        parse_cloze(markup, "f", 3)


def test_the_json_schema_names_exactly_the_keys_the_reader_accepts() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    defs = schema["$defs"]
    assert set(schema["properties"]) == set(EPISODE_KEYS)
    assert set(defs["guest"]["oneOf"][1]["properties"]) == set(GUEST_KEYS)
    assert set(defs["fact"]["oneOf"][1]["properties"]) == set(FACT_KEYS)
    assert set(defs["recommendation"]["properties"]) == set(RECOMMENDATION_KEYS)
    assert set().union(*(set(form["properties"]) for form in defs["card"]["oneOf"])) == set(CARD_KEYS)


def test_the_example_decks_and_ingested_yaml_validate_against_the_schema(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from notecards.ingest import ingest

    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    sources = [*Path("decks").glob("*.yaml"), *Path("tests/data/hostile").glob("*.yaml")]
    for source in Path("decks").glob("*.txt"):
        sources.append(Path(ingest(source, tmp_path / f"{source.stem}.yaml").written))
    for source in sources:
        document = json.loads(json.dumps(yaml.safe_load(source.read_text(encoding="utf-8")), default=str))
        assert list(validator.iter_errors(document)) == [], source
    broken = yaml.safe_load(Path("tests/data/broken/unknown-key.yaml").read_text(encoding="utf-8"))
    assert list(validator.iter_errors(broken))
