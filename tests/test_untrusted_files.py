"""Files that only describe looks, or that a build keeps for itself, never run code: templates are
rendered in jinja's sandbox (whether named by --templates or by a notecards.toml in a cloned
notes repository), and the build cache is stored as data, a bad entry being a miss."""

from __future__ import annotations

import json
import os
import pickle
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SAMPLE
from notecards import build
from notecards.cache import CACHE_DIR, INDEX_FILE, NOTES_DIR, NOTES_SUFFIX
from notecards.cli import app

runner = CliRunner()
REACHING_FOR_OS = {
    "through a class's subclasses": "[[ fact.text.__class__.__mro__[1].__subclasses__() ]]",
    "through a helper's globals": "[[ cycler.__init__.__globals__.os.system('touch {marker}') ]]",
    "through the loader": "[[ self._TemplateReference__context.environment.loader ]]",
    "through a format string": "[[ '{{0.__class__}}'.format(fact) ]]",
    "through a mutating method": "[% set x = episode.tags.append('{marker}') %]",
}


@pytest.mark.parametrize("how", REACHING_FOR_OS)
@pytest.mark.parametrize("command", ["cards", "build"])
def test_a_template_reaching_for_os_fails_in_one_line_and_runs_nothing(tmp_path: Path, how: str, command: str) -> None:
    marker = tmp_path / "ran"
    templates = tmp_path / "looks"
    templates.mkdir()
    (templates / "fact.html").write_text(
        "<p>looks</p>\n" + REACHING_FOR_OS[how].format(marker=marker) + "\n", encoding="utf-8"
    )
    args = [command, str(SAMPLE), "--templates", str(templates), "--lock", str(tmp_path / "x.lock")]
    result = runner.invoke(app, [*args, *(["--out", str(tmp_path / "dist")] if command == "build" else [])])
    assert result.exit_code == 1 and not marker.exists()
    errors = [line for line in result.stderr.splitlines() if "template error" in line]
    assert errors and errors[0].startswith(f"{templates / 'fact.html'}:2: template error: ")
    assert "Traceback" not in result.output and not list((tmp_path / "dist").glob("*.apkg"))


def test_the_same_through_a_cloned_repositorys_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A notes repository someone cloned: its notecards.toml names its templates, read by `cards`."""
    repo, marker = tmp_path / "repo", tmp_path / "ran"
    (repo / "looks").mkdir(parents=True)
    (repo / "notecards.toml").write_text('templates = "looks"\n', encoding="utf-8")
    (repo / "looks" / "source.html").write_text(
        "[[ cycler.__init__.__globals__.os.system('touch " + str(marker) + "') ]]\n", encoding="utf-8"
    )
    shutil.copy(SAMPLE, repo / "ep.txt")
    monkeypatch.chdir(repo)
    result = runner.invoke(app, ["cards", "ep.txt"])
    assert result.exit_code == 1 and not marker.exists()
    assert result.stderr.splitlines()[0].startswith("looks/source.html:1: template error: ")


def test_templates_still_do_what_templates_do(tmp_path: Path) -> None:
    templates = tmp_path / "looks"
    templates.mkdir()
    (templates / "fact.html").write_text(
        '[% extends "builtin/fact.html" %][% block extra %]<i>[[ episode.podcast | upper ]] '
        "[% for tag in episode.tags %][[ tag ]][% endfor %] [[ fact.text[:5] ]]</i>[% endblock %]\n",
        encoding="utf-8",
    )
    report = build([SAMPLE], tmp_path / "dist", templates=templates, lock=tmp_path / "x.lock")
    assert report.errors == () and report.notes > 10


def built(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    out, lock = tmp_path / "dist", tmp_path / "x.lock"
    build([SAMPLE], out, lock=lock, now=1_600_000_000)
    return out, lock, {p.name: p.read_bytes() for p in out.glob("*.apkg")}


def test_the_cache_is_data_and_a_replaced_entry_runs_nothing(tmp_path: Path) -> None:
    out, lock, decks = built(tmp_path)
    stored = list((out / CACHE_DIR / NOTES_DIR).iterdir())
    assert stored and all(p.suffix == NOTES_SUFFIX for p in stored)
    assert isinstance(json.loads(stored[0].read_text(encoding="utf-8")), list)
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    for path in stored:
        path.write_bytes(pickle.dumps(Payload()))
    for deck in out.glob("*.apkg"):
        deck.unlink()  # so the deck stage loads the stored notes
    report = build([SAMPLE], out, lock=lock, now=1_600_000_000)
    assert report.errors == () and not marker.exists()
    assert {p.name: p.read_bytes() for p in out.glob("*.apkg")} == decks


@pytest.mark.parametrize(
    "damage",
    [
        "truncated",
        "wrong types",
        "unknown field",
        "not a list",
        "deep nesting",
    ],
)
def test_a_bad_stored_entry_is_a_miss(tmp_path: Path, damage: str) -> None:
    out, lock, decks = built(tmp_path)
    for path in (out / CACHE_DIR / NOTES_DIR).iterdir():
        notes = json.loads(path.read_text(encoding="utf-8"))
        text = {
            "truncated": path.read_text(encoding="utf-8")[:100],
            "wrong types": json.dumps([{**n, "guid": 5} for n in notes]),
            "unknown field": json.dumps([{**n, "extra": 1} for n in notes]),
            "not a list": json.dumps({"notes": notes}),
            "deep nesting": "[" * 100_000 + "]" * 100_000,
        }[damage]
        path.write_text(text, encoding="utf-8")
    for deck in out.glob("*.apkg"):
        deck.unlink()
    report = build([SAMPLE], out, lock=lock, now=1_600_000_000)
    assert report.errors == ()
    assert {p.name: p.read_bytes() for p in out.glob("*.apkg")} == decks


@pytest.mark.parametrize("index", ['{"format": 2, "episodes": {"x": {"notes": "many"}}}', "[1, 2", '"just text"'])
def test_a_bad_cache_index_is_a_miss(tmp_path: Path, index: str) -> None:
    out, lock, decks = built(tmp_path)
    (out / CACHE_DIR / INDEX_FILE).write_text(index, encoding="utf-8")
    report = build([SAMPLE], out, lock=lock, now=1_600_000_000)
    assert report.errors == () and report.skipped == 0
    assert {p.name: p.read_bytes() for p in out.glob("*.apkg")} == decks
