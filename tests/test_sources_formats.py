"""The three formats of one episode — notes page, Markdown, canonical YAML — build the same notes."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import DATA, SAMPLE
from notecards import load
from notecards.build import plan
from notecards.cli import app
from notecards.ingest import canonical_yaml, ingest
from notecards.model import Location

runner = CliRunner()
SAMPLE_MD = DATA / "formats" / "lex-fridman-035-jeremy-howard.md"


def comparable(notes) -> list[tuple]:
    return [(note.guid, note.kind, note.deck, note.fields, note.tags) for note in notes]


@pytest.fixture(scope="module")
def sample_yaml(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ingest") / "lex-035.yaml"
    result = runner.invoke(app, ["ingest", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_page_markdown_and_yaml_build_the_same_notes(sample_yaml: Path, tmp_path: Path) -> None:
    page, page_errors = plan([SAMPLE])
    markdown, md_errors = plan([SAMPLE_MD])
    from_yaml, yaml_errors = plan([sample_yaml])
    from_md_yaml_path = tmp_path / "from-md.yaml"
    ingest(SAMPLE_MD, from_md_yaml_path)
    from_md_yaml, _ = plan([from_md_yaml_path])
    assert page_errors == md_errors == yaml_errors == ()
    assert len(page) >= 15
    assert comparable(page) == comparable(markdown) == comparable(from_yaml) == comparable(from_md_yaml)


def without_locations(episode):
    here = Location("x", 1)
    return replace(
        episode,
        source=here,
        guests=tuple(replace(g, location=here) for g in episode.guests),
        facts=tuple(replace(f, location=here, fact_id=None) for f in episode.facts),
        recommendations=tuple(replace(r, location=here, fact_id=None) for r in episode.recommendations),
        title=episode.topic,
    )


def test_markdown_reads_every_part_of_the_page() -> None:
    assert without_locations(load(SAMPLE_MD)) == without_locations(load(SAMPLE))


def test_ingested_yaml_gives_every_fact_its_key_as_id(sample_yaml: Path) -> None:
    episode = load(sample_yaml)
    assert all(fact.fact_id and fact.fact_id.startswith(fact.section + "/") for fact in episode.facts)
    assert without_locations(episode) == without_locations(load(SAMPLE))


def test_editing_a_fact_in_yaml_keeps_its_guid(sample_yaml: Path, tmp_path: Path) -> None:
    edited = tmp_path / "edited.yaml"
    text = sample_yaml.read_text(encoding="utf-8")
    edited.write_text(text.replace("about four students", "about five students"), encoding="utf-8")
    before = {n.card.fact.fact_id: n.guid for n in plan([sample_yaml])[0] if n.card.role == "cloze"}
    after = {n.card.fact.fact_id: n.guid for n in plan([edited])[0] if n.card.role == "cloze"}
    assert before == after


def test_ingest_prints_yaml_without_output_file() -> None:
    result = runner.invoke(app, ["ingest", str(SAMPLE_MD)])
    assert result.exit_code == 0
    assert result.stdout.startswith("# notecards canonical episode") and "podcast: Lex Fridman Podcast" in result.stdout
    assert result.stdout == canonical_yaml(load(SAMPLE_MD))


def test_ingest_help_shows_an_example() -> None:
    result = runner.invoke(app, ["ingest", "--help"])
    assert result.exit_code == 0 and "Example: notecards ingest" in result.output


@pytest.mark.parametrize("target, message", [("out.txt", "must end in .yaml or .yml")])
def test_ingest_refuses_an_output_build_would_not_read(tmp_path: Path, target: str, message: str) -> None:
    result = runner.invoke(app, ["ingest", str(SAMPLE), "-o", str(tmp_path / target)])
    assert result.exit_code == 1 and message in result.stderr and list(tmp_path.iterdir()) == []


def test_ingest_never_overwrites_its_own_source(tmp_path: Path, sample_yaml: Path) -> None:
    copy = tmp_path / "same.yaml"
    shutil.copy(sample_yaml, copy)
    result = runner.invoke(app, ["ingest", str(copy), "-o", str(copy)])
    assert result.exit_code == 1 and "overwrite the source" in result.stderr
    assert copy.read_bytes() == sample_yaml.read_bytes()


def test_ingest_into_a_folder_path_fails_cleanly(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").mkdir()
    result = runner.invoke(app, ["ingest", str(SAMPLE), "-o", str(tmp_path / "x.yaml")])
    assert result.exit_code == 1 and "cannot write file" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.yaml"]


def test_every_deck_source_builds_cleanly() -> None:
    notes, errors = plan([Path("decks")])
    assert errors == ()
    decks = {note.deck for note in notes}
    sources = [p for p in Path("decks").iterdir() if p.suffix in (".txt", ".md", ".yaml", ".yml")]
    assert len(decks) == len(sources) >= 3  # one deck per source: no two sources of the same episode
    assert {p.suffix for p in sources} >= {".txt", ".md", ".yaml"}


@pytest.mark.parametrize("language, suffix", [("markdown", ".md"), ("yaml", ".yaml")])
def test_the_readme_examples_build(tmp_path: Path, language: str, suffix: str) -> None:
    import re

    readme = Path("README.md").read_text(encoding="utf-8")
    (block,) = [b for b in re.findall(rf"```{language}\n(.*?)```", readme, re.S) if "podcast:" in b]
    source = tmp_path / f"example{suffix}"
    source.write_text(block, encoding="utf-8")
    notes, errors = plan([source])
    assert errors == () and notes
