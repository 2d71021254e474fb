"""Every text the generator sees is bounded: a bullet over the character budget (a long token in a
few words) is skipped with a warning, a title longer than a name is one error, a long title still
gets a deck file. (bench/budgets.py measures time against bullet length and page size.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from notecards import build, load
from notecards.cli import app
from notecards.sources.checks import MAX_FACT_CHARS, MAX_NAME_CHARS

HEAD = (
    "Home Bench Notes\nSam Reyes · 2024-03-05 · 58m\n\n"
    "{title} | Bench Podcast #1\nA summary.\n{title} | Bench Podcast #1\n\n"
    "The guest\n\nAda Stone — {bio}\n\nBig reveals\n\n"
    "  • The team shipped 12 releases in 9 months after moving to Rust.\n"
    "  • A token: {token} is long.\n"
    "  • About 40% of the budget went to testing, according to Grace Hopper.\n"
)


def page(tmp_path: Path, token: str, title: str = "Ada Stone: Scaling Things", bio: str = "engineer.") -> Path:
    source = tmp_path / "ep.txt"
    source.write_text(HEAD.format(token=token, title=title, bio=bio), encoding="utf-8")
    return source


@pytest.mark.parametrize("size", [50_000, 5_000_000])
def test_a_long_token_in_a_short_bullet_is_skipped_with_a_warning(tmp_path: Path, size: int) -> None:
    source = page(tmp_path, "x" * size)
    episode = load(source)
    assert [f.text[:8] for f in episode.facts] == ["The team", "About 40"]
    assert episode.warnings == (
        f"{source}:15: warning: bullet of {size + 18:,} characters is too long for one card "
        f"(at most {MAX_FACT_CHARS}); skipped — split it into single facts".replace(f"{size + 18:,}", str(size + 18)),
    )
    report = build([source], tmp_path / "dist", lock=tmp_path / "x.lock")
    assert report.errors == () and report.notes >= 2 and len(report.warnings) == 1


def test_the_same_in_markdown(tmp_path: Path) -> None:
    source = tmp_path / "ep.md"
    source.write_text(
        "---\npodcast: Bench\nepisode: 2\ntitle: Long\n---\n\n## Big reveals\n"
        f"- The team shipped 12 releases in 9 months.\n- A token: {'y' * 50_000} is long.\n",
        encoding="utf-8",
    )
    episode = load(source)
    assert len(episode.facts) == 1 and "too long for one card" in episode.warnings[-1]


def test_a_bullet_within_the_budget_is_carded(tmp_path: Path) -> None:
    token = "z" * (MAX_FACT_CHARS - len("A token:  is long."))
    episode = load(page(tmp_path, token))
    assert len(episode.facts) == 3 and episode.warnings == ()


def test_long_bios_and_quotes_are_left_out_too(tmp_path: Path) -> None:
    episode = load(page(tmp_path, "short", bio="engineer " * 100))
    assert episode.guests[0].bio == "" and "guest's bio of" in episode.warnings[0]


def test_a_title_longer_than_a_name_is_one_error(tmp_path: Path) -> None:
    source = page(tmp_path, "short", title="Ada Stone: " + "Topic " * 100)
    result = CliRunner().invoke(app, ["build", str(source), "--out", str(tmp_path / "dist")])
    assert result.exit_code == 1
    assert f"{source}:1: title of " in result.stderr and f"is too long (at most {MAX_NAME_CHARS})" in result.stderr
    assert "Traceback" not in result.output


def test_a_265_character_title_builds_with_a_bounded_file_name(tmp_path: Path) -> None:
    title = "Ada Stone: " + ("Scaling Things " * 20)[:254]
    report = build([page(tmp_path, "short", title=title)], tmp_path / "dist", lock=tmp_path / "x.lock")
    assert report.errors == () and len(Path(report.decks[0].path).name.encode()) <= 130
