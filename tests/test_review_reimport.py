"""Curating with the review page's choices, in a REAL Anki collection: build, import, study every card,
then drop one card, edit a Q/A card and re-choose a cloze's deletions (through ``ReviewSession``,
what the page's requests call), rebuild and re-import: the dropped card is tagged removed, both
edits arrive under their old GUIDs, and every review is kept. The same choices written by hand into
the overrides file build byte-identical decks."""

from __future__ import annotations

import html
import re
import shutil
import time
from pathlib import Path

from anki_real import answer_all_cards, card_states, import_package, notes_by_guid, rendered_cards
from notecards import build
from notecards.lock import REMOVED_TAG
from notecards.lock_file import read_lock
from notecards.overrides import read_overrides
from notecards.review import ReviewSession

QUESTION = "Which language did <Jeremy> see as the future of deep-learning code?"
ANSWER = "Swift & friends"


def import_all(collection, report) -> dict[str, set[str]]:
    outcomes: dict[str, set[str]] = {}
    for deck in report.decks:
        summary = import_package(collection, Path(deck.path))
        assert not summary.new_notetypes or all(not name.endswith("+") for name in summary.new_notetypes)
        for outcome in summary.counts():
            outcomes.setdefault(outcome, set()).update(summary.guids(outcome))
    return outcomes


def choose(session: ReviewSession) -> tuple[str, str, str, list[list]]:
    """Drop a cloze note, edit a Q/A note, and move a cloze note's first deletion to its last word."""
    items = list(session.items.values())
    qa = next(i for i in items if i.generated.card.kind == "qa" and i.generated.card.role.startswith("qa-"))
    cloze = next(i for i in items if i.generated.card.kind == "cloze" and len(i.generated.card.deletions) >= 2)
    dropped = next(i for i in items if i.generated.card.kind == "cloze" and i.guid != cloze.guid)
    session.choose(dropped.guid, "drop")
    session.choose(qa.guid, "edit", {"question": QUESTION, "answer": ANSWER})
    state = session.state(cloze.guid)
    text, deletions = state["text"], state["deletions"]
    last_word = text.rstrip(".!?").rsplit(" ", 1)
    start = len(last_word[0]) + 1
    chosen = [*deletions[1:], [start, start + len(last_word[1]), state["next"], ""]]
    assert all(d[1] <= start for d in deletions[1:]), "the last word is not hidden already"
    session.choose(cloze.guid, "edit", {"deletions": chosen})
    return dropped.guid, qa.guid, cloze.guid, chosen


def test_choices_survive_a_rebuild_and_anki_keeps_every_review(tmp_path: Path, collection) -> None:
    notes, out = tmp_path / "notes", tmp_path / "dist"
    shutil.copytree(Path("decks"), notes)
    lock, overrides = notes / "notecards.lock", notes / "notecards.overrides.yaml"
    now = int(time.time())
    first = build([notes], out, lock=lock, now=now - 4000)
    import_all(collection, first)
    assert answer_all_cards(collection) == collection.card_count() > 25
    before_states, before_notes = card_states(collection), notes_by_guid(collection)
    shutil.copytree(notes, tmp_path / "by-hand")  # the same lock, for the hand-written overrides below

    session = ReviewSession([notes], overrides, lock=lock)
    dropped, qa, cloze, chosen = choose(session)
    assert session.left() == len(session.items) - 3
    second = build([notes], out, lock=lock, now=now - 3000, overrides=overrides)
    assert second.warnings == () and second.errors == ()
    shutil.copytree(out, tmp_path / "dist-second", ignore=shutil.ignore_patterns(".*"))
    shutil.copy(lock, tmp_path / "lock-second")
    outcomes = import_all(collection, second)
    after = notes_by_guid(collection)

    assert outcomes["updated"] == {dropped, qa, cloze} and not outcomes.get("new")
    assert REMOVED_TAG in after[dropped].tags and {g for g, n in after.items() if REMOVED_TAG in n.tags} == {dropped}
    assert (
        html.unescape(after[qa].fields["Question"]) == QUESTION and html.unescape(after[qa].fields["Answer"]) == ANSWER
    )
    text = session.state(cloze)["text"]
    hidden = [
        html.unescape(answer)
        for card in rendered_cards(collection)
        if card.guid == cloze
        for answer in re.findall(r'<span class="cloze"[^>]*>(.*?)</span>', card.answer)
    ]
    assert sorted(hidden) == sorted(text[d[0] : d[1]] for d in chosen)
    after_states = card_states(collection)
    for card_id, state in before_states.items():  # every card and every review is kept
        assert after_states[card_id] == state
    assert len(after_states) == len(before_states) + 1  # the new deletion's card
    assert set(after) == set(before_notes)

    # Rebuilding with the same choices changes nothing: Anki finds every note up to date.
    third = build([notes], out, lock=lock, now=now - 2000, overrides=overrides)
    assert all(not d.new and not d.changed and not d.removed for d in third.decks)
    assert import_all(collection, third).keys() == {"duplicate"}
    assert read_lock(lock).episode(read_lock(lock).keys()[0])  # (the lock is still whole and readable)

    # The same choices written by hand (no comments, no fact_text) build the same decks and lock.
    hand = tmp_path / "by-hand"
    assert read_overrides(overrides).get(cloze) is not None
    markup = overrides.read_text(encoding="utf-8").split(f'- guid: "{cloze}"\n', 1)[1].split("\n")[0]
    assert markup.startswith("  text: ")
    (hand / "notecards.overrides.yaml").write_text(
        f'- guid: "{qa}"\n  question: "{QUESTION}"\n  answer: {ANSWER}\n'
        f'- guid: "{dropped}"\n  skip: true\n'
        f'- guid: "{cloze}"\n{markup}\n',
        encoding="utf-8",
    )
    by_hand = build(
        [hand], tmp_path / "dist-hand", lock=hand / "notecards.lock", now=now - 3000, overrides=hand / overrides.name
    )
    assert by_hand.warnings == () and len(by_hand.decks) == len(second.decks) == 3
    for deck in second.decks:
        name = Path(deck.path).name
        assert (tmp_path / "dist-hand" / name).read_bytes() == (tmp_path / "dist-second" / name).read_bytes()
    assert (hand / "notecards.lock").read_bytes() == (tmp_path / "lock-second").read_bytes()


def test_sync_applies_the_overrides_through_ankiconnect(tmp_path: Path) -> None:
    """The same choices reach a running Anki through `sync`: the dropped card's cards are suspended
    (as a removed note's), the edit arrives under its GUID, and the reviews stay."""
    from ankiconnect_server import AnkiConnectServer, collection_at
    from notecards.anki_sync import sync
    from notecards.ankiconnect import AnkiConnect

    notes, out = tmp_path / "notes", tmp_path / "dist"
    notes.mkdir()
    shutil.copy(Path("decks") / "lex-fridman-035-jeremy-howard.txt", notes)
    lock, overrides = notes / "notecards.lock", notes / "notecards.overrides.yaml"
    collection = collection_at(tmp_path)
    now = int(time.time())
    with AnkiConnectServer(collection) as server:
        client = AnkiConnect(server.url)
        sync([notes], out, anki=client, lock=lock, now=now - 4000, overrides=overrides)
        with server.lock:
            answer_all_cards(collection)
            before = card_states(collection)
        dropped, qa, _, _ = choose(ReviewSession([notes], overrides, lock=lock))
        report = sync([notes], out, anki=client, lock=lock, now=now - 3000, overrides=overrides)
        assert report.failure == "" and report.removed_notes == 1 and report.suspended >= 1
        with server.lock:
            after, states = notes_by_guid(collection), card_states(collection)
        assert html.unescape(after[qa].fields["Question"]) == QUESTION and REMOVED_TAG in after[dropped].tags
        assert {s.queue for s in states.values() if s.guid == dropped} == {-1}  # suspended
        assert all(states[cid].reps == state.reps for cid, state in before.items())
    collection.close()
