"""The review page in a real browser: headless Chromium (Debian's package) driven through the DevTools
protocol with real key presses and mouse drags, against the real server on 127.0.0.1.

Drop a card, edit a question, change a cloze's deletions (merge two, add one by clicking a word),
reload: the page and the overrides file hold the choices, and a rebuild shows them. Skipped when
Chromium is not installed, except in CI, where that fails (.ci/run installs it).
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from cdp import Page, chromium_page
from conftest import SAMPLE
from notecards import build
from notecards.build import plan
from notecards.overrides import read_overrides
from notecards.review import ReviewSession
from notecards.review_server import ReviewServer

T1 = 1_600_000_000
NEW_QUESTION = "Which <b>language</b> did Jeremy call the future?"


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / SAMPLE.name)
    build([folder], tmp_path / "dist", lock=folder / "notecards.lock", now=T1)
    return folder


@pytest.fixture
def server(notes: Path) -> Iterator[ReviewServer]:
    session = ReviewSession([notes], notes / "notecards.overrides.yaml", lock=notes / "notecards.lock")
    served = ReviewServer(session)
    thread = threading.Thread(target=served.serve_forever, daemon=True)
    thread.start()
    yield served
    served.shutdown()
    served.close()
    thread.join(timeout=10)


@pytest.fixture
def page(chromium: str, tmp_path: Path, server: ReviewServer) -> Iterator[Page]:
    with chromium_page(chromium, tmp_path / "profile") as opened:
        opened.navigate(server.url)
        opened.wait_for("document.querySelectorAll('.rv-note').length > 0")
        yield opened


def counter(page: Page) -> str:
    return page.evaluate("document.getElementById('rv-left').textContent")


def current(page: Page) -> str:
    return page.evaluate("document.querySelector('.rv-current').dataset.guid")


def verdict(page: Page, guid: str) -> str:
    return page.evaluate(
        f"document.querySelector('.rv-note[data-guid=\"' + CSS.escape({json.dumps(guid)}) + '\"]').dataset.verdict"
    )


def go_to(page: Page, guid: str) -> None:
    """Move with j/k, as a user does, until ``guid`` is the current note."""
    order = page.evaluate("Array.from(document.querySelectorAll('.rv-note')).map(n => n.dataset.guid)")
    steps = order.index(guid) - order.index(current(page))
    for _ in range(abs(steps)):
        page.press("j" if steps > 0 else "k")
    assert current(page) == guid


def test_drop_edit_and_rechoose_deletions_then_reload_and_rebuild(
    page: Page, server: ReviewServer, notes: Path
) -> None:
    session = server.session
    total = len(session.items)
    assert counter(page) == f"{total} of {total} cards left"
    states = page.evaluate("JSON.parse(document.getElementById('rv-states').textContent)")
    order = page.evaluate("Array.from(document.querySelectorAll('.rv-note')).map(n => n.dataset.guid)")
    dropped = order[0]
    qa = next(g for g in order[1:] if states[g]["kind"] == "qa" and states[g]["role"].startswith("qa-"))
    cloze = next(g for g in order[1:] if states[g]["kind"] == "cloze" and len(states[g]["deletions"]) >= 2)

    # d drops the current (first) card; the counter goes down.
    assert current(page) == dropped
    page.press("d")
    page.wait_for(f"document.getElementById('rv-left').textContent.startsWith('{total - 1} of')")
    assert verdict(page, dropped) == "dropped"

    # e edits a Q/A card: the question field has the focus; Enter saves.
    go_to(page, qa)
    page.press("e")
    page.wait_for("document.activeElement && document.activeElement.classList.contains('rv-q')")
    page.evaluate("document.activeElement.select()")
    page.type_text(NEW_QUESTION)
    page.press("Enter")
    page.wait_for(f"document.getElementById('rv-left').textContent.startsWith('{total - 2} of')")
    assert verdict(page, qa) == "edited"
    shown = page.evaluate(
        f"document.querySelector('.rv-note[data-guid=\"' + CSS.escape({json.dumps(qa)}) + '\"] .rv-front').innerHTML"
    )
    assert "&lt;b&gt;language&lt;/b&gt;" in shown and "<b>language" not in shown

    # A cloze card: drag across its first two deletions (they merge into one), click two visible
    # words (two new deletions), then click the first of them again (it shows again).
    go_to(page, cloze)
    page.press("e")
    first, second, *rest = states[cloze]["deletions"]
    text = states[cloze]["text"]
    view = ".rv-current .rv-text"
    page.wait_for(f"!!document.querySelector('{view}')")
    page.drag(
        page.center(f'{view} .rv-w[data-start="{first[0]}"]'), page.center(f'{view} .rv-w[data-end="{second[1]}"]')
    )
    assert page.evaluate(f"document.querySelectorAll('{view} .rv-n').length") == len(rest) + 1
    visible = page.evaluate(
        f"Array.from(document.querySelectorAll('{view} .rv-w:not(.rv-hid)'))"
        ".map(w => [Number(w.dataset.start), Number(w.dataset.end)])"
    )
    assert len(visible) >= 3, text
    added, removed = visible[-1], visible[-3]
    page.click(page.center(f'{view} .rv-w[data-start="{removed[0]}"]'))
    page.click(page.center(f'{view} .rv-w[data-start="{added[0]}"]'))
    assert page.evaluate(f"document.querySelectorAll('{view} .rv-n').length") == len(rest) + 3
    page.click(page.center(f'{view} .rv-w.rv-hid[data-start="{removed[0]}"]'))
    assert page.evaluate(f"document.querySelectorAll('{view} .rv-n').length") == len(rest) + 2
    page.press("Enter")
    page.wait_for(f"document.getElementById('rv-left').textContent.startsWith('{total - 3} of')")
    assert verdict(page, cloze) == "edited"
    spans = sorted([(first[0], second[1]), *((d[0], d[1]) for d in rest), (added[0], added[1])])

    # The file holds the three choices, as soon as they were made.
    chosen = read_overrides(notes / "notecards.overrides.yaml")
    assert [e.guid for e in chosen.entries] == [dropped, qa, cloze]
    assert chosen.get(dropped).skip and chosen.get(qa).question == NEW_QUESTION
    assert sorted((d.start, d.end) for d in chosen.get(cloze).deletions) == spans
    assert chosen.get(cloze).text == text

    # Reload: the page shows what the file says.
    page.reload()
    page.wait_for("document.querySelectorAll('.rv-note').length > 0")
    assert counter(page) == f"{total - 3} of {total} cards left"
    assert [verdict(page, g) for g in (dropped, qa, cloze)] == ["dropped", "edited", "edited"]

    # A rebuild shows them: the dropped card is absent, the edits are there under their GUIDs.
    notes_now = {
        n.guid: n for n in plan([notes], lock=notes / "notecards.lock", overrides=notes / "notecards.overrides.yaml")[0]
    }
    assert dropped in notes_now and "notecards::removed" in notes_now[dropped].tags  # it was built once before
    assert notes_now[qa].card.question == NEW_QUESTION
    assert sorted((d.start, d.end) for d in notes_now[cloze].card.deletions) == spans

    # Undo the drop with d again; keep another card with Enter (the next one becomes current).
    go_to(page, dropped)
    page.press("d")
    page.wait_for(f"document.getElementById('rv-left').textContent.startsWith('{total - 2} of')")
    page.press("Enter")
    page.wait_for(f"document.getElementById('rv-left').textContent.startsWith('{total - 3} of')")
    assert verdict(page, dropped) == "kept" and current(page) == order[1]
    assert read_overrides(notes / "notecards.overrides.yaml").get(dropped).reviewed

    keep = os.environ.get("NOTECARDS_KEEP_SCREENSHOTS")
    if keep:
        import base64

        Path(keep).mkdir(parents=True, exist_ok=True)
        shot = page.send("Page.captureScreenshot", format="png")["data"]
        (Path(keep) / "review.png").write_bytes(base64.b64decode(shot))
