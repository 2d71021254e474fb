"""Every reader survives every shape of its own format: a recommendation written any way a person
writes one is read (or is one ``file:line`` error), never a traceback; and a reader that fails on a
file fails that file alone, as one line naming it."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from notecards import NotecardsError
from notecards.cli import app
from notecards.sources import read_episode, read_episodes

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
runner = CliRunner()

NAME = st.sampled_from(["Make It Stick", "Gödel, Escher, Bach", "C:\\Users", "1984", "The *Real* Thing", "x", ""])
MAKER = st.sampled_from(["Peter Brown", "Harvard University Press (inferred)", "", "—", "by Peter Brown"])
WRAP = st.sampled_from(["{}", "**{}**", "__{}__", "*{}*", "_{}_", "[[{}]]", "[{}](https://example.com)", "`{}`"])
SEPARATOR = st.sampled_from([" — ", " – ", " - ", " -- ", ": ", ", ", " by ", " ", "—", " — — ", ""])
QUOTE = st.sampled_from(
    [
        "",
        "“The one book I hand to every student” — Maya Okafor 00:41:10",
        '"Read it twice" - Sam 1:02',
        "“unclosed quote — Maya",
        "Find it on Amazon",
        "plain words after the name",
        "— 00:41:10",
    ]
)
BULLET = st.sampled_from(["- ", "* ", "+ ", "1. ", "-  ", "- [ ] "])


@st.composite
def recommendation_lines(draw) -> str:
    head = draw(WRAP).format(draw(NAME)) + draw(SEPARATOR) + draw(MAKER)
    quote = draw(QUOTE)
    inline = draw(st.booleans())
    if quote and inline:
        return f"{draw(BULLET)}{head} {quote}"
    return f"{draw(BULLET)}{head}" + (f"\n  {quote}" if quote else "")


def read_markdown_text(text: str):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "notes.md"
        path.write_text(text, encoding="utf-8")
        try:
            return read_episode(path)
        except NotecardsError as error:
            assert "\n" not in str(error) and str(error).startswith(str(path)), str(error)
            return None


@SETTINGS
@given(lines=st.lists(recommendation_lines(), min_size=1, max_size=5))
def test_any_markdown_recommendation_is_read_or_one_line_error(lines: list[str]) -> None:
    text = "---\npodcast: P\ntitle: T\n---\n\n## Big reveals\n- Water boils at 100 °C.\n\n## Recommended\n"
    episode = read_markdown_text(text + "\n".join(lines) + "\n")
    assert episode is not None
    for rec in episode.recommendations:
        assert rec.name.strip() and "\n" not in rec.name
        assert "**" not in rec.name and "[[" not in rec.name


@pytest.mark.parametrize(
    ("line", "name", "maker"),
    [
        ("- Make It Stick — Peter Brown", "Make It Stick", "Peter Brown"),
        ("- Make It Stick", "Make It Stick", ""),
        ("- **Make It Stick** — Peter Brown", "Make It Stick", "Peter Brown"),
        ("- *Make It Stick* by Peter Brown", "Make It Stick", "Peter Brown"),
        ("- *Gödel, Escher, Bach* — Douglas Hofstadter", "Gödel, Escher, Bach", "Douglas Hofstadter"),
        ("- Make It Stick by Peter Brown", "Make It Stick", "Peter Brown"),
        ("- [[Make It Stick]] - Peter Brown", "Make It Stick", "Peter Brown"),
    ],
)
def test_a_recommendation_without_bold_reads_its_name_and_maker(line: str, name: str, maker: str) -> None:
    text = f"---\npodcast: P\ntitle: T\n---\n\n## Big reveals\n- Water boils at 100 °C.\n\n## Recommended\n{line}\n"
    episode = read_markdown_text(text)
    assert [(rec.name, rec.maker) for rec in episode.recommendations] == [(name, maker)]


def test_a_boldless_recommendation_builds_with_every_command(tmp_path: Path) -> None:
    source = tmp_path / "notes.md"
    source.write_text(
        "---\npodcast: Memory Lane\ntitle: Books\nepisode: 3\n---\n\n## Big reveals\n"
        "- Hermann Ebbinghaus published his forgetting curve in 1885.\n\n"
        "## Recommended\n- Make It Stick — Peter Brown\n",
        encoding="utf-8",
    )
    for command in (
        ["build", str(source), "--out", str(tmp_path / "out")],
        ["cards", str(source), "--json"],
        ["lint", str(source)],
        ["ingest", str(source)],
        ["preview", str(source), "--out", str(tmp_path / "p.html")],
    ):
        result = runner.invoke(app, command)
        assert result.exit_code == 0, (command, result.output)
        assert "Traceback" not in result.output


def test_a_reader_that_fails_fails_its_file_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug in a reader (here: made to raise) is one line naming the file; the other files build."""
    from notecards import sources

    def broken(path: Path, text: str):
        raise ValueError("boom")

    formats = tuple(replace(f, read=broken) if f.name == "Markdown notes" else f for f in sources.FORMATS)
    monkeypatch.setattr(sources, "FORMATS", formats)
    (tmp_path / "good.txt").write_text(
        Path("decks/lex-fridman-035-jeremy-howard.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "bad.md").write_text("---\npodcast: P\ntitle: T\n---\n## Big reveals\n- A fact.\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(tmp_path), "--out", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith(str(tmp_path / "bad.md"))]
    assert len(errors) == 1 and "internal error" in errors[0] and "ValueError: boom" in errors[0], result.stderr
    assert any(p.suffix == ".apkg" for p in (tmp_path / "out").iterdir())


SHAPE_LINES = st.sampled_from(
    [
        "# How Memories Are Made",
        "## Episode metadata",
        "- Episode title: X",
        "- Show:: [[Brain Matters\\|Brain Matters]]",
        "- Guests: [Ann Lee](https://share.snipd.com/person/1), [[Bo]] & Cy",
        "- Mentioned books: [Opticks](https://share.snipd.com/book/1) by [Isaac Newton](https://x)",
        "- Episode publish date: 2024-04-18",
        "## Snips",
        "### ⭐ [Snip](https://share.snipd.com/snip/1) [[tag]]",
        "### [02:56] Title",
        "🎧 08:12 - 09:40 (01:28)",
        "[🎧 Play snip - 1min️ (02:49 - 04:42)](https://share.snipd.com/snip/2)",
        "### ✨ Key takeaways",
        "1. A takeaway with 42 in it.",
        "**Bold title**",
        "#### 💬 Quote",
        "> a quote",
        "> — Speaker",
        "#### 📚 Transcript",
        "<details>",
        "</details>",
        "> [!quote]- Transcript",
        "---",
        "Created with [Snipd](https://www.snipd.com) | Highlight & Take Notes from Podcasts",
        "## Full episode transcript",
        "## Metadata",
        "- Author: [[Acquired]]",
        "- Full Title: Nvidia",
        "- Category: #podcasts",
        "## Highlights",
        "- Episode AI notes",
        "  1. An AI note.",
        "  Key takeaways:",
        "  Summary:",
        "  Transcript:",
        "- A highlight. ([Time 0:11:42](https://share.snipd.com/snip/3))",
        "    - **Note:** a note",
        "    - Tags: [[x]]",
        "title:: T (highlights)",
        "author:: [[P]]",
        'full-title:: "T \\#3"',
        "category:: #podcasts",
        "- Highlights first synced by [[Readwise]] [[Nov 19th, 2022]]",
        "\t- A logseq highlight ([Time 1:02](x))",
        "\t  continued",
        "\t\t- **Note**: n",
        "- ## Snips",
        "\t- ### [12:40] Nap",
        "\t\t- ### ✨ Key takeaways",
        "\t\t\t- Twenty minutes.",
        "  collapsed:: true",
        "---",
        "podcast: P",
        "",
    ]
)


@SETTINGS
@given(lines=st.lists(st.one_of(SHAPE_LINES, st.text(max_size=30)), max_size=30))
def test_any_mix_of_snipd_readwise_and_logseq_lines_reads_or_fails_one_line(lines: list[str]) -> None:
    """Every reader of .md (Readwise, Snipd, Markdown) meets any arrangement of its own format's lines
    with episodes or one ``file:line`` error — never a traceback."""
    text = "\n".join(lines)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "notes.md"
        path.write_text(text, encoding="utf-8", errors="replace")
        try:
            episodes = read_episodes(path)
        except NotecardsError as error:
            assert "\n" not in str(error) and str(error).startswith(str(path)), str(error)
            assert "internal error" not in str(error), str(error)
            return
        assert episodes and all(episode.facts or episode.recommendations for episode in episodes)
