"""Every shape of notes notecards reads, checked file by file against what it must read, against a
golden record of everything it reads, and built into decks that real Anki imports.

A shape is a folder of ``tests/data/shapes/`` (``tests/data/shapes/README.md`` says where each
shape's structure comes from). ``<shape>.expected.yaml`` says, by hand, what each file must give
(only the fields it names are checked; ``skipped:`` for a file that is not notes);
``<shape>.golden.json`` records every field read, regenerated on purpose with
``NOTECARDS_UPDATE_GOLDEN=1`` and reviewed like code.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from anki_real import import_package, notes_by_guid
from notecards.build import build, plan
from notecards.cli import app
from notecards.errors import NotEpisodeNotes
from notecards.generate import generate
from notecards.lint import check_cards
from notecards.model import Episode
from notecards.sources import read_episodes, supported_suffixes

SHAPES = Path("tests/data/shapes")
NAMES = sorted(p.name for p in SHAPES.iterdir() if p.is_dir())
runner = CliRunner()


def sources(shape: str) -> list[Path]:
    return sorted(p for p in (SHAPES / shape).rglob("*") if p.is_file() and p.suffix in supported_suffixes())


def expected(shape: str) -> dict[str, list[dict]]:
    data = yaml.safe_load((SHAPES / f"{shape}.expected.yaml").read_text(encoding="utf-8"))
    return {name: value if isinstance(value, list) else [value] for name, value in data.items()}


def test_every_shape_has_three_files_or_more_each_with_what_it_must_read() -> None:
    assert {"titles"} <= set(NAMES)
    for shape in NAMES:
        files = {str(p.relative_to(SHAPES / shape)) for p in sources(shape)}
        notes = [name for name, episodes in expected(shape).items() if "skipped" not in episodes[0]]
        assert len(notes) >= 3, shape
        assert files == set(expected(shape)), shape


def cases() -> list[tuple[str, str]]:
    return [(shape, name) for shape in NAMES for name in expected(shape)]


@pytest.mark.parametrize(("shape", "name"), cases(), ids=lambda value: value)
def test_a_file_reads_what_it_must(shape: str, name: str) -> None:
    wanted = expected(shape)[name]
    path = SHAPES / shape / name
    if "skipped" in wanted[0]:
        with pytest.raises(NotEpisodeNotes) as skipped:
            read_episodes(path)
        assert wanted[0]["skipped"] in str(skipped.value)
        return
    episodes = read_episodes(path)
    assert len(episodes) == len(wanted)
    for episode, fields in zip(episodes, wanted, strict=True):
        check(episode, fields)


def check(episode: Episode, fields: dict) -> None:
    facts = episode.facts
    simple = ("podcast", "number", "title", "deck", "date", "host", "url", "duration", "site")
    for field in simple:
        if field in fields:
            actual = episode.deck_name if field == "deck" else getattr(episode, field)
            assert actual == (str(fields[field]) if field == "date" else fields[field]), field
    if "guests" in fields:
        assert list(episode.guest_names) == fields["guests"]
    if "bios" in fields:
        assert [guest.bio for guest in episode.guests] == fields["bios"]
    for field in ("gist", "summary"):
        if field in fields:
            assert getattr(episode, field).startswith(fields[field]), (field, getattr(episode, field))
    if "facts" in fields:
        assert len(facts) == fields["facts"], [f.text for f in facts]
    for text in fields.get("fact_texts", ()):
        assert text in [fact.text for fact in facts], (text, [f.text for f in facts])
    for text in fields.get("not_read", ()):
        assert all(text not in fact.text for fact in facts), text
    if "timestamps" in fields:
        assert [fact.timestamp for fact in facts if fact.timestamp] == fields["timestamps"]
    if "speakers" in fields:
        assert [fact.speaker for fact in facts if fact.speaker] == fields["speakers"]
    if "recommendations" in fields:
        assert [[rec.name, rec.maker] for rec in episode.recommendations] == fields["recommendations"]
    for text in fields.get("warnings", ()):
        assert any(text in warning for warning in episode.warnings), (text, episode.warnings)
    if "no_warnings" in fields:
        assert episode.warnings == ()


def as_record(episode: Episode) -> dict:
    return {
        "podcast": episode.podcast,
        "title": episode.title,
        "number": episode.number,
        "deck": episode.deck_name,
        "key": episode.key,
        "date": episode.date,
        "host": episode.host,
        "duration": episode.duration,
        "url": episode.url,
        "site": episode.site,
        "summary": episode.summary,
        "gist": episode.gist,
        "guests": [[g.name, g.bio] for g in episode.guests],
        "facts": [[f.section, f.location.line, f.timestamp, f.speaker, f.text] for f in episode.facts],
        "recommendations": [
            [r.name, r.maker, r.maker_inferred, r.quote, r.speaker, r.timestamp] for r in episode.recommendations
        ],
        "tags": list(episode.tags),
        "warnings": [w.replace(str(SHAPES), "<shapes>") for w in episode.warnings],
    }


@pytest.mark.parametrize("shape", NAMES)
def test_the_shape_reads_as_its_golden_record(shape: str) -> None:
    record: dict[str, object] = {}
    for path in sources(shape):
        try:
            record[str(path.relative_to(SHAPES / shape))] = [as_record(e) for e in read_episodes(path)]
        except NotEpisodeNotes as skipped:
            record[str(path.relative_to(SHAPES / shape))] = f"skipped: {skipped.message}"
    golden = SHAPES / f"{shape}.golden.json"
    if os.environ.get("NOTECARDS_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert record == json.loads(golden.read_text(encoding="utf-8"))


@pytest.mark.parametrize("shape", NAMES)
def test_the_cards_of_every_shape_break_no_card_rule(shape: str) -> None:
    """Exported notes hold what notes pages do not (several sentences, headings and parent bullets in
    front): the cards made of them still pass every rule lint holds as an error."""
    for path in sources(shape):
        try:
            episodes = read_episodes(path)
        except NotEpisodeNotes:
            continue
        for episode in episodes:
            errors = [p for p in check_cards(generate(episode), episode) if p.severity == "error"]
            assert errors == [], (path, errors)


@pytest.mark.parametrize("shape", NAMES)
def test_the_shape_builds_decks_real_anki_imports(shape: str, tmp_path: Path, collection) -> None:
    notes, errors = plan([SHAPES / shape])
    assert errors == ()
    report = build([SHAPES / shape], tmp_path / "out", lock=tmp_path / "notecards.lock", jobs=1)
    assert report.errors == () and report.decks
    skipped = [name for name, episodes in expected(shape).items() if "skipped" in episodes[0]]
    assert len(report.notices) == len(skipped)
    for deck in report.decks:
        summary = import_package(collection, Path(deck.path))
        assert summary.counts() == {"new": summary.found_notes}
    assert set(notes_by_guid(collection)) == {note.guid for note in notes}


def test_the_cli_names_each_skipped_file_once_and_exits_0(tmp_path: Path) -> None:
    folders = [str(SHAPES / shape) for shape in NAMES]  # every shape at once: their episodes are all distinct
    args = [
        "build",
        *folders,
        "--out",
        str(tmp_path / "out"),
        "--lock",
        str(tmp_path / "notecards.lock"),
        "--jobs",
        "1",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    skipped = [name for shape in NAMES for name, eps in expected(shape).items() if "skipped" in eps[0]]
    notices = [line for line in result.stderr.splitlines() if "not episode notes" in line and "skipped" in line]
    assert len(notices) == len(skipped)
