"""The overrides file: read and written back, checked line by line, and applied by build, cards,
preview and lint — skip, Q/A edits, cloze text, stale GUIDs and edits whose fact changed since."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import SAMPLE
from notecards import NotecardsError, build
from notecards.build import plan
from notecards.cli import app
from notecards.lock_file import read_lock
from notecards.model import Deletion, Note
from notecards.overrides import Override, Overrides, overrides_text, read_overrides, write_overrides
from notecards.render import escape_text

T1, T2, T3 = 1_600_000_000, 1_600_000_100, 1_600_000_200
runner = CliRunner()


@pytest.fixture
def notes_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / SAMPLE.name)
    return folder


def notes_by_guid(folder: Path, overrides: Path | None = None) -> dict[str, Note]:
    notes, errors = plan([folder], lock=folder / "notecards.lock", overrides=overrides)
    assert errors == ()
    return {note.guid: note for note in notes}


def pick(notes: dict[str, Note]) -> tuple[Note, Note, Note]:
    """A Q/A note, a cloze note with two deletions or more, and another note to drop."""
    qa = next(n for n in notes.values() if n.kind == "qa" and n.card.role.startswith("qa-"))
    cloze = next(n for n in notes.values() if n.kind == "cloze" and len(n.card.deletions) >= 2)
    other = next(n for n in notes.values() if n.guid not in (qa.guid, cloze.guid) and n.kind == "cloze")
    return qa, cloze, other


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- the file ---------------------------------------------------------------------------------


def test_the_file_reads_back_what_was_written(tmp_path: Path) -> None:
    path = tmp_path / "notecards.overrides.yaml"
    text = "The key trick was training on tiny 64x64 images first"
    entries = (
        Override("d]r_7}N^&6", skip=True),
        Override("Xy12:#{{c1", question='Which "language" — Swift: yes?', answer="Swift #1 & <b>"),
        Override("Ab34", text=text, deletions=(Deletion(35, 40, 1), Deletion(41, 47, 2, "a hint: yes"))),
        Override("Cd56", reviewed=True, fact_text="It's 'quoted': fine\u00e9"),
    )
    write_overrides(path, Overrides(entries, str(path)), {"Ab34": "a comment\nwith a newline # and hash"})
    read = read_overrides(path)
    assert [e.content() for e in read.entries] == [e.content() for e in entries]
    written = path.read_text(encoding="utf-8")
    assert "tiny {{c1::64x64}} {{c2::images::a hint: yes}} first" in written
    assert '# a comment with a newline # and hash\n- guid: "Ab34"\n' in written
    assert '- guid: "d]r_7}N^&6"\n  skip: true\n' in written
    assert read.get("Cd56").line == written.splitlines().index('- guid: "Cd56"') + 1


@settings(max_examples=60, deadline=None)
@given(
    guid=st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=12),
    question=st.text(min_size=1, max_size=40),
)
def test_any_text_survives_a_write_and_a_read(
    tmp_path_factory: pytest.TempPathFactory, guid: str, question: str
) -> None:
    guid, question = " ".join(guid.split()), " ".join(question.split())
    if not guid or not question:
        return
    path = tmp_path_factory.mktemp("o") / "o.overrides.yaml"
    write_overrides(path, Overrides((Override(guid, question=question, answer="x"),), str(path)))
    (entry,) = read_overrides(path).entries
    assert (entry.guid, entry.question) == (guid, question)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('- guid: "a"\n  skp: true\n', 2, "unknown key 'skp' (did you mean 'skip'?)"),
        ('- guid: "a"\n  skip: true\n- guid: "a"\n  reviewed: true\n', 3, "already has an override on line 1"),
        ('- guid: "a"\n  question: Why?\n  text: "{{c1::x}}"\n', 1, "not both"),
        ('- guid: "a"\n  text: "no deletion here"\n', 2, "needs at least one"),
        ('- guid: "a"\n  text: "{{c1::open"\n', 2, "never closed"),
        ('- guid: "a"\n  skip: maybe\n', 2, "true or false"),
        ("- skip: true\n", 1, "'guid' is missing"),
        ("guid: a\n", 1, "should be a list"),
        ('- guid: "a"\n  question: ""\n', 2, "must not be empty"),
    ],
)
def test_a_bad_entry_is_one_line_naming_file_and_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = write(tmp_path / "notecards.overrides.yaml", text)
    with pytest.raises(NotecardsError) as caught:
        read_overrides(path)
    assert caught.value.path == str(path) and caught.value.line == line
    assert message in caught.value.message


def test_a_bad_overrides_file_stops_the_build_before_anything_is_written(notes_dir: Path, tmp_path: Path) -> None:
    write(notes_dir / "notecards.overrides.yaml", '- guid: "a"\n  text: "{{c1::open"\n')
    out = tmp_path / "dist"
    result = runner.invoke(app, ["build", str(notes_dir), "--out", str(out)])
    assert result.exit_code == 1
    assert (
        result.output.strip()
        == f"{notes_dir / 'notecards.overrides.yaml'}:2: cloze \"{{{{c1::\" is never closed with '}}}}'"
    )
    assert not out.exists() and not (notes_dir / "notecards.lock").exists()


def test_an_overrides_file_among_the_sources_is_not_read_as_an_episode(notes_dir: Path) -> None:
    write(notes_dir / "notecards.overrides.yaml", "[]\n")
    write(notes_dir / "mine.overrides.yaml", "[]\n")
    result = runner.invoke(app, ["cards", str(notes_dir)])
    assert result.exit_code == 0, result.output


# --- applied by a build -------------------------------------------------------------------------


def test_skip_edit_and_cloze_text_apply_under_the_same_guids(notes_dir: Path, tmp_path: Path) -> None:
    lock = notes_dir / "notecards.lock"
    build([notes_dir], tmp_path / "a", lock=lock, now=T1)
    before = notes_by_guid(notes_dir)
    qa, cloze, dropped = pick(before)
    first, second = sorted(cloze.card.deletions, key=lambda d: d.start)[:2]
    merged = cloze.card.text[: first.start] + "{{c9::" + cloze.card.text[first.start : second.end] + "}}"
    merged += cloze.card.text[second.end :]
    overrides = write(
        notes_dir / "notecards.overrides.yaml",
        f'- guid: "{dropped.guid}"\n  skip: true\n'
        f'- guid: "{qa.guid}"\n  question: "Which <script>alert(1)</script> is it?"\n'
        f'- guid: "{cloze.guid}"\n  text: {json.dumps(merged)}\n',
    )
    report = build([notes_dir], tmp_path / "b", lock=lock, now=T2, overrides=overrides)
    (deck,) = report.decks
    assert set(deck.changed) == {qa.guid, cloze.guid} and deck.removed == (dropped.guid,)
    assert report.notes == len(before) - 1 and not deck.new and report.warnings == ()
    after = {note.guid: note for note in plan([notes_dir], lock=lock, overrides=overrides)[0]}
    assert after[qa.guid].field("Question") == escape_text("Which <script>alert(1)</script> is it?")
    assert after[qa.guid].field("Answer") == qa.field("Answer")
    (hidden,) = after[cloze.guid].card.deletions
    assert cloze.card.text[hidden.start : hidden.end] == cloze.card.text[first.start : second.end]
    assert dropped.guid not in after  # emitted once, tagged removed, by build "b"; never again
    # The same override again: nothing changes, every mtime stays; the dropped note is not emitted again.
    again = build([notes_dir], tmp_path / "c", lock=lock, now=T3, overrides=overrides)
    (deck,) = again.decks
    assert not deck.changed and not deck.new and not deck.removed and dropped.guid not in deck.unchanged
    entries = {entry.guid: entry for entry in read_lock(lock).entries}
    assert entries[qa.guid].mtime == entries[cloze.guid].mtime == T2
    assert entries[dropped.guid].removed


def test_a_skipped_card_never_built_is_simply_absent(notes_dir: Path, tmp_path: Path) -> None:
    notes = notes_by_guid(notes_dir)
    _, _, dropped = pick(notes)
    overrides = write(tmp_path / "o.overrides.yaml", f'- guid: "{dropped.guid}"\n  skip: true\n')
    report = build([notes_dir], tmp_path / "a", lock=notes_dir / "notecards.lock", now=T1, overrides=overrides)
    (deck,) = report.decks
    assert dropped.guid not in deck.new and not deck.removed and deck.notes == len(notes) - 1


def test_changing_an_override_changes_only_its_note(notes_dir: Path, tmp_path: Path) -> None:
    lock, out = notes_dir / "notecards.lock", tmp_path / "dist"
    qa, _, _ = pick(notes_by_guid(notes_dir))
    overrides = write(notes_dir / "notecards.overrides.yaml", f'- guid: "{qa.guid}"\n  answer: One\n')
    build([notes_dir], out, lock=lock, now=T1, overrides=overrides)
    unchanged = build([notes_dir], out, lock=lock, now=T2, overrides=overrides)
    assert unchanged.skipped == 1  # the same override: the deck is not even rewritten
    write(overrides, f'- guid: "{qa.guid}"\n  answer: Two\n')
    report = build([notes_dir], out, lock=lock, now=T3, overrides=overrides)
    (deck,) = report.decks
    assert deck.changed == (qa.guid,) and not deck.new and not deck.removed and not deck.skipped
    assert {e.guid: e for e in read_lock(lock).entries}[qa.guid].mtime == T3


def test_a_stale_guid_is_one_warning_never_an_error(notes_dir: Path, tmp_path: Path) -> None:
    overrides = write(
        notes_dir / "notecards.overrides.yaml", '- guid: "gone"\n  skip: true\n- guid: "also"\n  answer: x\n'
    )
    result = runner.invoke(app, ["build", str(notes_dir), "--out", str(tmp_path / "dist")])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "no card has the GUID" in line]
    why = "any more (its fact or its pattern is gone): delete this override"
    assert lines == [
        f"{overrides}:1: warning: no card has the GUID gone {why}",
        f"{overrides}:3: warning: no card has the GUID also {why}",
    ]
    lint = runner.invoke(app, ["lint", str(notes_dir)])
    assert lint.exit_code == 0
    assert [line for line in lint.output.splitlines() if "no card has the GUID" in line] == [
        f"{overrides}:1: override: warning: no card has the GUID gone {why}",
        f"{overrides}:3: override: warning: no card has the GUID also {why}",
    ]


def test_an_override_of_an_episode_not_in_this_build_is_not_stale(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    shutil.copytree(Path("decks"), folder)
    lock = folder / "notecards.lock"
    build([folder], tmp_path / "a", lock=lock, now=T1)
    other = next(e for e in read_lock(lock).entries if not e.episode.startswith("lex-fridman"))
    overrides = write(folder / "notecards.overrides.yaml", f'- guid: "{other.guid}"\n  skip: true\n')
    report = build([folder / SAMPLE.name], tmp_path / "b", lock=lock, now=T2, overrides=overrides)
    assert report.warnings == () and report.errors == ()


def test_lint_says_when_the_fact_changed_under_an_edit(notes_dir: Path) -> None:
    lock = notes_dir / "notecards.lock"
    build([notes_dir], notes_dir.parent / "a", lock=lock, now=T1)
    qa, _, _ = pick(notes_by_guid(notes_dir))
    fact = qa.card.fact.text
    overrides = write(
        notes_dir / "notecards.overrides.yaml",
        f'- guid: "{qa.guid}"\n  answer: Mine\n  fact_text: {json.dumps(fact)}\n',
    )
    clean = runner.invoke(app, ["lint", str(notes_dir)])
    assert "override" not in clean.output
    source = notes_dir / SAMPLE.name
    text = source.read_text(encoding="utf-8")
    assert text.count(fact[:40]) == 1
    source.write_text(text.replace(fact[:40], fact[:40].replace(" ", "  ", 1).replace("a", "the", 1), 1), "utf-8")
    edited = runner.invoke(app, ["lint", str(notes_dir)])
    (line,) = [line for line in edited.output.splitlines() if ": override: " in line]
    assert line.startswith(f"{overrides}:1: override: warning: the fact under this edited card changed since the edit")
    assert notes_by_guid(notes_dir, overrides)[qa.guid].card.answer == "Mine"  # still applied, same GUID


def test_an_edit_that_does_not_fit_its_card_fails_that_source_only(notes_dir: Path, tmp_path: Path) -> None:
    qa, _, _ = pick(notes_by_guid(notes_dir))
    overrides = write(tmp_path / "x.overrides.yaml", f'- guid: "{qa.guid}"\n  text: "{{{{c1::no}}}}"\n')
    report = build([notes_dir], tmp_path / "a", lock=notes_dir / "notecards.lock", overrides=overrides)
    assert report.errors == (f"{overrides}:1: override gives cloze text, but card {qa.guid} is a Q/A card",)


def test_cards_and_preview_apply_the_overrides(notes_dir: Path, tmp_path: Path) -> None:
    qa, _, dropped = pick(notes_by_guid(notes_dir))
    write(
        notes_dir / "notecards.overrides.yaml",
        f'- guid: "{dropped.guid}"\n  skip: true\n- guid: "{qa.guid}"\n  question: Edited & asked?\n',
    )
    cards = runner.invoke(app, ["cards", str(notes_dir), "--json"])
    by_guid = {note["guid"]: note for note in json.loads(cards.stdout)}
    assert dropped.guid not in by_guid and by_guid[qa.guid]["fields"]["Question"] == "Edited &amp; asked?"
    page = tmp_path / "preview.html"
    preview = runner.invoke(app, ["preview", str(notes_dir), "--out", str(page)])
    assert preview.exit_code == 0, preview.output
    html = page.read_text(encoding="utf-8")
    assert f'data-guid="{escape_text(dropped.guid)}"' not in html and "Edited &amp;amp; asked?" not in html
    assert "Edited &amp; asked?" in html


def test_overrides_text_is_stable(tmp_path: Path) -> None:
    """Diff-friendly: writing what was read gives the same bytes."""
    path = write(
        tmp_path / "o.overrides.yaml",
        overrides_text(Overrides((Override("a", skip=True), Override("b", answer="It: is", reviewed=True)))),
    )
    assert overrides_text(read_overrides(path)) == path.read_text(encoding="utf-8")


def test_overrides_option_moves_the_file(notes_dir: Path, tmp_path: Path) -> None:
    qa, _, _ = pick(notes_by_guid(notes_dir))
    write(notes_dir / "notecards.overrides.yaml", f'- guid: "{qa.guid}"\n  answer: Beside the lock\n')
    moved = write(tmp_path / "elsewhere.yaml", f'- guid: "{qa.guid}"\n  answer: Moved\n')
    cards = runner.invoke(app, ["cards", str(notes_dir), "--json", "--overrides", str(moved)])
    by_guid = {note["guid"]: note for note in json.loads(cards.stdout)}
    assert by_guid[qa.guid]["fields"]["Answer"] == "Moved"
    stats = runner.invoke(app, ["review", str(notes_dir), "--stats", "--overrides", str(moved)])
    assert stats.exit_code == 0, stats.output
    lines = stats.output.splitlines()
    assert lines[0].split() == ["role", "notes", "dropped", "edited", "kept", "left"]
    role = qa.card.role
    assert next(line.split() for line in lines if line.split()[0] == role)[3] == "1"  # one edited
    assert lines[-1].split()[:5] == ["all", str(len(by_guid)), "0", "1", "0"]
