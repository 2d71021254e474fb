"""User templates (--templates DIR or the config file): override, extend, and reach real Anki."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
import time
import zipfile
from contextlib import closing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from anki_real import import_package, rendered_cards
from conftest import ROOT, SAMPLE
from notecards.cli import app
from notecards.render import Renderer, builtin_templates_dir

runner = CliRunner()
MARK = ".nc-prompt { color: rebeccapurple; }"


def cli(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def copied_templates(tmp_path: Path) -> Path:
    """What a user does: copy card_templates/ and change the CSS (saved now, after the built-ins)."""
    folder = tmp_path / "my_templates"
    shutil.copytree(builtin_templates_dir(), folder)
    css = folder / "style.css"
    css.write_text(css.read_text() + "\n" + MARK + "\n")
    builtin_newest = max(int(p.stat().st_mtime) for p in builtin_templates_dir().iterdir())
    now = int(time.time())
    assert now > builtin_newest, "the built-in templates must be older than the user's edit"
    os.utime(css, (now, now))
    return folder


def note_type(col, name: str) -> dict:
    """The note type as Anki stores it now (the Python side caches note types; an import bypasses it)."""
    col.models._clear_cache()
    return col.models.by_name(name)


def test_changed_css_reaches_anki_and_updates_the_note_type_on_reimport(collection, tmp_path: Path) -> None:
    cli("build", str(SAMPLE), "--out", str(tmp_path / "plain"), "--lock", str(tmp_path / "notecards.lock"))
    first = import_package(collection, next((tmp_path / "plain").glob("*.apkg")))
    fields_before = {
        name: [f["name"] for f in note_type(collection, name)["flds"]] for name in ("notecards cloze", "notecards Q/A")
    }
    templates_before = {name: [t["name"] for t in note_type(collection, name)["tmpls"]] for name in fields_before}
    assert MARK not in note_type(collection, "notecards cloze")["css"]

    folder = copied_templates(tmp_path)
    cli(
        "build",
        str(SAMPLE),
        "--out",
        str(tmp_path / "mine"),
        "--templates",
        str(folder),
        "--lock",
        str(tmp_path / "notecards.lock"),
    )
    second = import_package(collection, next((tmp_path / "mine").glob("*.apkg")))

    assert second.new_notetypes == () and "conflicting" not in second.counts()
    for name in fields_before:
        model = note_type(collection, name)
        assert MARK in model["css"] and ".nightMode .card" in model["css"] and ".night_mode .card" in model["css"]
        assert [f["name"] for f in model["flds"]] == fields_before[name]
        assert [t["name"] for t in model["tmpls"]] == templates_before[name]
    assert collection.note_count() == len(first.new)
    assert all(MARK in card.question for card in rendered_cards(collection))


def test_same_build_twice_keeps_the_note_type_mtime(tmp_path: Path) -> None:
    folder = copied_templates(tmp_path)
    assert Renderer(folder).templates_mtime() == Renderer(folder).templates_mtime() >= Renderer().templates_mtime()
    assert Renderer(folder).template_fingerprint() != Renderer().template_fingerprint()
    assert Renderer(folder).templates_mtime() <= time.time()


def test_a_user_template_can_extend_a_built_in_one(collection, tmp_path: Path) -> None:
    folder = tmp_path / "extending"
    folder.mkdir()
    (folder / "qa_back.html").write_text(
        '[% extends "builtin/qa_back.html" %]\n'
        '[% block extra %]<div class="my-tags">Tags: {{Tags}}</div>[% endblock %]\n'
    )
    html = Renderer(folder).note_type_html("qa")
    assert html.back.startswith(Renderer().note_type_html("qa").back.removesuffix("</div>").rstrip())
    assert '<div class="my-tags">Tags: {{Tags}}</div>' in html.back
    assert html.front == Renderer().note_type_html("qa").front  # not overridden: the built-in one

    cli(
        "build",
        str(SAMPLE),
        "--out",
        str(tmp_path / "out"),
        "--templates",
        str(folder),
        "--lock",
        str(tmp_path / "n.lock"),
    )
    import_package(collection, next((tmp_path / "out").glob("*.apkg")))
    qa_cards = [card for card in rendered_cards(collection) if card.notetype == "notecards Q/A"]
    assert qa_cards and all("Tags: notecards notecards::" in card.answer_text for card in qa_cards)
    assert not any("Tags:" in card.question_text for card in qa_cards)


def test_a_same_named_field_template_wins(tmp_path: Path) -> None:
    folder = tmp_path / "fields"
    folder.mkdir()
    (folder / "source.html").write_text("From [[ episode.podcast ]], episode [[ episode.number ]]")
    notes = json.loads(cli("cards", str(SAMPLE), "--json", "--templates", str(folder)))
    assert {note["fields"]["Source"] for note in notes} == {"From Lex Fridman Podcast, episode 35"}


def write_source_template(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "source.html").write_text(text)
    return folder


def sources_seen(*args: str) -> set[str]:
    return {note["fields"]["Source"] for note in json.loads(cli("cards", str(ROOT / SAMPLE), "--json", *args))}


def test_templates_come_from_notecards_toml_and_the_option_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_source_template(tmp_path / "cfg" / "templates", "SOURCE FROM CONFIG")
    write_source_template(tmp_path / "option", "SOURCE FROM OPTION")
    (tmp_path / "cfg" / "notecards.toml").write_text('templates = "templates"\n')
    monkeypatch.chdir(tmp_path / "cfg")
    assert sources_seen() == {"SOURCE FROM CONFIG"}
    assert sources_seen("--templates", str(tmp_path / "option")) == {"SOURCE FROM OPTION"}


def test_templates_come_from_the_pyproject_tool_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_source_template(tmp_path / "cards", "SOURCE FROM PYPROJECT")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.notecards]\ntemplates = "cards"\n')
    monkeypatch.chdir(tmp_path)
    assert sources_seen() == {"SOURCE FROM PYPROJECT"}


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('templates = "t"\ncolour = "red"\n', "notecards.toml:2: unknown setting colour"),
        ("templates = \n", "notecards.toml:1: invalid TOML"),
        ("templates = 3\n", "notecards.toml:1: templates must be a folder path"),
    ],
)
def test_a_bad_config_is_one_error_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config: str, message: str
) -> None:
    (tmp_path / "notecards.toml").write_text(config)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["cards", str(ROOT / SAMPLE), "--json"])
    assert result.exit_code == 1 and result.stderr.startswith(message), result.output
    assert "Traceback" not in result.output


def test_a_broken_user_template_names_its_file_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "qa_back.html").write_text("<div>\n[% if %]\n</div>\n")
    lock = tmp_path / "notecards.lock"
    result = runner.invoke(
        app, ["build", str(SAMPLE), "--out", str(tmp_path / "o"), "--templates", str(folder), "--lock", str(lock)]
    )
    assert result.exit_code == 1
    assert "qa_back.html:2: template error" in result.stderr and "Traceback" not in result.output


def test_notes_are_unchanged_by_a_css_only_change(tmp_path: Path) -> None:
    folder = copied_templates(tmp_path)
    plain = json.loads(cli("cards", str(SAMPLE), "--json"))
    mine = json.loads(cli("cards", str(SAMPLE), "--json", "--templates", str(folder)))
    assert [note["fields"] for note in plain] == [note["fields"] for note in mine]


def test_a_user_css_can_include_the_built_in_css(tmp_path: Path) -> None:
    folder = tmp_path / "include"
    folder.mkdir()
    (folder / "style.css").write_text('[% include "builtin/style.css" %]\n' + MARK + "\n")
    css = Renderer(folder).note_type_html("cloze").css
    assert css.startswith(Renderer().note_type_html("cloze").css) and css.endswith(MARK)


def note_type_mtimes(apkg: Path) -> dict[str, int]:
    """Each note type's modification time as the package carries it (what Anki compares on import)."""
    with zipfile.ZipFile(apkg) as package, tempfile.TemporaryDirectory() as scratch:
        database = Path(scratch) / "collection.anki2"
        database.write_bytes(package.read("collection.anki2"))
        with closing(sqlite3.connect(database)) as db:
            models = json.loads(db.execute("select models from col").fetchone()[0])
    return {model["name"]: model["mod"] for model in models.values()}


def build_decks(decks: Path, out: Path, *options: str) -> dict[str, bytes]:
    cli("build", str(decks), "--out", str(out), *options)
    return {path.name: path.read_bytes() for path in sorted(out.glob("*.apkg"))}


def test_a_scratch_build_with_other_templates_leaves_the_next_ordinary_build_byte_identical(tmp_path: Path) -> None:
    decks = tmp_path / "decks"
    shutil.copytree(ROOT / "decks", decks, ignore=shutil.ignore_patterns("notecards.lock"))
    ordinary = build_decks(decks, tmp_path / "dist")
    notes_in_lock = (decks / "notecards.lock").read_text().split('"notes": [', 1)[1]

    scratch = build_decks(decks, tmp_path / "scratch", "--templates", str(copied_templates(tmp_path)))
    assert scratch.keys() == ordinary.keys() and scratch != ordinary
    scratch_times = note_type_mtimes(tmp_path / "scratch" / next(iter(scratch)))
    ordinary_times = note_type_mtimes(tmp_path / "dist" / next(iter(ordinary)))
    assert all(scratch_times[name] > ordinary_times[name] for name in ordinary_times)  # Anki would update to it

    assert build_decks(decks, tmp_path / "dist") == ordinary
    shutil.rmtree(tmp_path / "dist")  # from nothing (no build cache): the same bytes again
    assert build_decks(decks, tmp_path / "dist") == ordinary
    assert (decks / "notecards.lock").read_text().split('"notes": [', 1)[1] == notes_in_lock


def test_an_output_folder_built_with_other_templates_and_back_gets_a_newer_note_type_time(tmp_path: Path) -> None:
    """Going back to the earlier templates in the same folder must update Anki's note type again."""
    decks = tmp_path / "decks"
    shutil.copytree(ROOT / "decks", decks, ignore=shutil.ignore_patterns("notecards.lock"))
    first = build_decks(decks, tmp_path / "dist")
    name = next(iter(first))
    plain_times = note_type_mtimes(tmp_path / "dist" / name)
    build_decks(decks, tmp_path / "dist", "--templates", str(copied_templates(tmp_path)))
    mine_times = note_type_mtimes(tmp_path / "dist" / name)
    build_decks(decks, tmp_path / "dist")
    back_times = note_type_mtimes(tmp_path / "dist" / name)
    assert all(plain_times[n] < mine_times[n] < back_times[n] for n in plain_times)
