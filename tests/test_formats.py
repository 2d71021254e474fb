"""Output formats come from one registry (formats.FORMATS): the CLI offers exactly them, and a build
in each writes its own suffix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SAMPLE
from notecards.build import build
from notecards.cli import app
from notecards.errors import NotecardsError
from notecards.formats import DEFAULT_FORMAT, FORMATS

runner = CliRunner()


def test_the_cli_offers_exactly_the_registered_formats() -> None:
    help_text = re.sub(r"[\s│]+", " ", runner.invoke(app, ["build", "--help"], terminal_width=200).stdout)
    assert "|".join(FORMATS) in help_text and DEFAULT_FORMAT in FORMATS
    for fmt in FORMATS.values():
        assert f"{fmt.name}: {fmt.description}" in help_text


def test_an_unknown_format_is_a_usage_error_in_plain_words() -> None:
    result = runner.invoke(app, ["build", str(SAMPLE), "--format", "xls"])
    assert result.exit_code == 2
    message = re.sub(r"[\s│╭╮╰╯─]+", " ", result.output)
    assert f"'xls' is not a format notecards writes; use one of: {', '.join(FORMATS)}" in message


def test_the_library_names_the_known_formats_too(tmp_path: Path) -> None:
    with pytest.raises(NotecardsError, match="unknown output format 'xls'"):
        build([SAMPLE], tmp_path, format="xls", lock=None)
    assert not any(tmp_path.iterdir())  # nothing read, nothing written


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_each_format_writes_decks_with_its_suffix(name: str, tmp_path: Path) -> None:
    report = build([SAMPLE], tmp_path / "out", format=name, jobs=1, lock=tmp_path / "notecards.lock")
    assert report.errors == () and report.decks
    assert all(Path(deck.path).suffix == FORMATS[name].suffix and Path(deck.path).is_file() for deck in report.decks)
