"""The preview page in a real browser: headless Chromium (Debian's `chromium` package), offline.

Skipped when Chromium is not installed, except in CI (the CI variable set), where that fails:
.ci/run installs it. The page's script reads the URL fragment (#q=…&night=1), so the search and
the theme can be checked in the DOM Chromium dumps after the script ran.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cdp import FLAGS
from conftest import SAMPLE, SAMPLE_CARDS
from notecards.build import plan
from notecards.cli import app
from notecards.preview import preview_decks
from notecards.render import Renderer


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("preview") / "preview.html"
    result = CliRunner().invoke(app, ["preview", str(SAMPLE), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def run_chromium(chromium: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True, text=True, timeout=120, check=True
    )


def dump_dom(chromium: str, tmp_path: Path, url: str) -> str:
    return run_chromium(chromium, tmp_path, "--dump-dom", url).stdout


class Cards(HTMLParser):
    """The preview's cards as the browser left them: guid, whether hidden, and the front's HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.cards: list[dict] = []
        self.body_classes = ""
        self.count_text = ""
        self._in_count = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag == "body":
            self.body_classes = attributes.get("class") or ""
        if tag == "article" and "pv-card" in classes:
            self.cards.append({"guid": attributes["data-guid"], "hidden": "hidden" in attributes})
        self._in_count = attributes.get("id") == "pv-count"

    def handle_data(self, data: str) -> None:
        if self._in_count:
            self.count_text += data
            self._in_count = False


def parse(dom: str) -> Cards:
    cards = Cards()
    cards.feed(dom)
    return cards


def expected_cards(word: str = "") -> list:
    notes, _ = plan([SAMPLE])
    cards = [card for deck in preview_decks(notes, Renderer()) for card in deck.cards]
    if word:
        cards = [card for card in cards if word.lower() in re.sub(r"<[^>]+>", "", card.front + " " + card.back).lower()]
    return cards


def test_the_browser_shows_every_card_with_its_cloze_gap(chromium: str, page: Path, tmp_path: Path) -> None:
    dom = dump_dom(chromium, tmp_path, page.as_uri())
    seen = parse(dom)
    assert len(seen.cards) == len(expected_cards()) == SAMPLE_CARDS
    assert not any(card["hidden"] for card in seen.cards)
    assert seen.count_text == f"{SAMPLE_CARDS} of {SAMPLE_CARDS} cards"
    assert re.search(
        r'<div class="card card2 pv-face pv-front">.*?<span class="cloze" data-ordinal="2">'
        r"\[\.\.\.\]</span>",
        dom,
        re.S,
    )
    assert "nightMode" not in seen.body_classes


def test_the_search_in_the_url_filters_the_cards(chromium: str, page: Path, tmp_path: Path) -> None:
    dom = dump_dom(chromium, tmp_path, page.as_uri() + "#q=DAWNBench")
    seen = parse(dom)
    shown = [card["guid"] for card in seen.cards if not card["hidden"]]
    wanted = expected_cards("DAWNBench")
    assert 0 < len(shown) == len(wanted) < SAMPLE_CARDS
    assert shown == [card.guid for card in wanted]
    assert seen.count_text == f"{len(wanted)} of {SAMPLE_CARDS} cards"


def test_a_search_that_matches_nothing_says_so(chromium: str, page: Path, tmp_path: Path) -> None:
    dom = dump_dom(chromium, tmp_path, page.as_uri() + "#q=no%20such%20words%20anywhere")
    seen = parse(dom)
    assert all(card["hidden"] for card in seen.cards) and seen.count_text == f"0 of {SAMPLE_CARDS} cards"
    assert '<p id="pv-none" class="pv-empty">No card matches the search.</p>' in dom


def test_the_night_toggle_state_comes_from_the_url(chromium: str, page: Path, tmp_path: Path) -> None:
    seen = parse(dump_dom(chromium, tmp_path, page.as_uri() + "#night=1"))
    assert {"nightMode", "night_mode"} <= set(seen.body_classes.split())


def test_the_page_loads_nothing_from_the_network(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"<(?:link|img|iframe|script)[^>]+(?:src|href)=", html)
    assert "@import" not in html and "url(" not in html


def test_the_screenshot_shows_cards_in_light_and_night_mode(chromium: str, page: Path, tmp_path: Path) -> None:
    light, night = tmp_path / "light.png", tmp_path / "night.png"
    run_chromium(chromium, tmp_path, f"--screenshot={light}", "--window-size=900,700", page.as_uri())
    run_chromium(chromium, tmp_path, f"--screenshot={night}", "--window-size=900,700", page.as_uri() + "#night=1")
    keep = os.environ.get("NOTECARDS_KEEP_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(light, Path(keep) / "preview-light.png")
        shutil.copy(night, Path(keep) / "preview-night.png")
    light_pixels, night_pixels = png_pixels(light), png_pixels(night)
    assert len(light_pixels) == 900 * 700
    assert len(set(light_pixels)) > 50 and len(set(night_pixels)) > 50  # text, gaps, borders: not blank
    assert brightness(dominant(light_pixels)) > 200 > 60 > brightness(dominant(night_pixels))
    gap_blue = [p for p in set(light_pixels) if p[2] > 150 and p[2] - p[0] > 60]
    assert gap_blue, "no blue cloze gap or answer visible"


def dominant(pixels: list[tuple[int, int, int]]) -> tuple[int, int, int]:
    counts: dict[tuple[int, int, int], int] = {}
    for pixel in pixels:
        counts[pixel] = counts.get(pixel, 0) + 1
    return max(counts, key=counts.__getitem__)


def brightness(pixel: tuple[int, int, int]) -> float:
    return sum(pixel) / 3


def png_pixels(path: Path) -> list[tuple[int, int, int]]:
    """RGB pixels of an 8-bit RGB/RGBA PNG, decoded with zlib alone (no imaging library needed)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks, header = 8, [], None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        position += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    previous = bytearray(stride)
    pixels = []
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        unfilter(kind, line, previous, channels)
        pixels.extend(zip(line[0::channels], line[1::channels], line[2::channels], strict=False))
        previous = line
    return pixels


def unfilter(kind: int, line: bytearray, previous: bytearray, bpp: int) -> None:
    """Undo one PNG row filter in place (PNG spec, section 9)."""
    if kind == 0:
        return
    if kind == 2:
        line[:] = bytes((a + b) & 0xFF for a, b in zip(line, previous, strict=False))
        return
    for i in range(len(line)):
        left = line[i - bpp] if i >= bpp else 0
        up = previous[i]
        if kind == 1:
            line[i] = (line[i] + left) & 0xFF
        elif kind == 3:
            line[i] = (line[i] + ((left + up) >> 1)) & 0xFF
        elif kind == 4:
            corner = previous[i - bpp] if i >= bpp else 0
            estimate = left + up - corner
            pa, pb, pc = abs(estimate - left), abs(estimate - up), abs(estimate - corner)
            predictor = left if pa <= pb and pa <= pc else (up if pb <= pc else corner)
            line[i] = (line[i] + predictor) & 0xFF
        else:
            raise AssertionError(f"unknown PNG filter {kind}")
