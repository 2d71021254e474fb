"""The command line reads well: help in plain words with an example per command, usage errors in
plain words, one spelling for the output option, plurals right, errors counted and printed last,
and `cards` readable without --json."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT, SAMPLE
from notecards.cli import app

runner = CliRunner()
COMMANDS = sorted(command.name for command in app.registered_commands if command.name)
TYPE_LABELS = re.compile(r"<(?:bool|int|float|text|path|list\[|int range|str)[^>]*>")


def flat(text: str) -> str:
    """Help or an error box as one line of words (rich draws boxes and wraps)."""
    return re.sub(r"[\s│╭╮╰╯─]+", " ", text)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_names_values_in_plain_words_and_gives_an_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"], terminal_width=120)
    assert result.exit_code == 0
    assert TYPE_LABELS.search(result.stdout) is None, result.stdout
    assert "Input should" not in result.stdout and "[x>=" not in result.stdout
    assert "Example: notecards " + command in flat(result.stdout)


def test_the_main_help_lists_every_command() -> None:
    result = runner.invoke(app, ["--help"], terminal_width=120)
    assert result.exit_code == 0 and all(command in result.stdout for command in COMMANDS)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--jobs", "0"], "--jobs must be 1 or more, not 0"),
        (["--by", "guests"], "'guests' is not one of the choices: episode or guest"),
        (["--format", "pdf"], "'pdf' is not a format notecards writes; use one of: apkg, csv"),
    ],
)
def test_usage_errors_are_plain_words(args: list[str], expected: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(SAMPLE), "--out", str(tmp_path), *args])
    assert result.exit_code == 2
    message = flat(result.output)
    assert expected in message
    assert "Value error" not in message and "Input should" not in message


@pytest.mark.parametrize("option", ["--out", "-o", "--output"])
def test_ingest_writes_to_out_and_keeps_its_old_spellings(option: str, tmp_path: Path) -> None:
    target = tmp_path / "episode.yaml"
    result = runner.invoke(app, ["ingest", str(SAMPLE), option, str(target), "--lock", str(tmp_path / "x.lock")])
    assert result.exit_code == 0, result.output
    assert "\nnotecards: 1\n" in target.read_text(encoding="utf-8")


def test_one_deck_is_one_deck(tmp_path: Path) -> None:
    built = runner.invoke(app, ["build", str(SAMPLE), "--out", str(tmp_path), "--lock", str(tmp_path / "n.lock")])
    assert built.exit_code == 0, built.output
    assert "1 deck (0 unchanged, skipped)" in built.stdout and "1 decks" not in built.stdout
    shown = runner.invoke(app, ["preview", str(SAMPLE), "--out", str(tmp_path / "p.html")])
    assert shown.exit_code == 0 and re.search(r"\d+ cards in 1 deck$", shown.stdout.strip())


def test_a_failed_source_is_counted_as_failed_and_its_error_printed_last(tmp_path: Path) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    shutil.copy(ROOT / SAMPLE, folder)
    (folder / "broken.md").write_text("---\npodcast: [unclosed\n---\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(folder), "--out", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == 1
    assert "sources: 1 built, 0 unchanged (skipped), 1 failed" in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith(str(folder / "broken.md"))]
    assert len(errors) == 1 and result.stderr.endswith(f"1 error:\n{errors[0]}\n")
    assert "; 1 error" in result.stdout


def test_cards_without_json_shows_text_not_html(tmp_path: Path) -> None:
    result = runner.invoke(app, ["cards", str(SAMPLE), "--lock", str(tmp_path / "n.lock")])
    assert result.exit_code == 0
    assert "Jeremy's" in result.stdout  # the sample's apostrophe, which the fields hold as &#x27;
    assert not re.search(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+);", result.stdout)
    assert "<span" not in result.stdout
