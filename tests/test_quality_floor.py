"""The dev split's figures may not slide: every fact carded, no rule violation, and the overlap of what the
cards ask (cloze deletions and Q/A answers) with the labelled key spans above its floor.

The figures themselves are bench/quality.py's; the floors sit a little under today's dev figures (asked
overlap F1 0.57, precision 0.77), so a change that loses coverage or precision fails here first. The
learner's verdict (bench/review.py) is the real measure; this only guards against quiet slides.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import quality  # a bench script, found on the path above

ASKED_F1_FLOOR = 0.53
ASKED_PRECISION_FLOOR = 0.72


@pytest.fixture(scope="module")
def dev() -> quality.Tally:
    splits = yaml.safe_load((quality.PAGES / "splits.yaml").read_text(encoding="utf-8"))
    tally = quality.Tally()
    for stem in splits["dev"]:
        quality.score_page(stem, tally, rounds=0)
    return tally


def test_every_dev_fact_gets_a_card(dev: quality.Tally) -> None:
    assert dev.carded == dev.bullets > 250


def test_no_dev_card_breaks_a_card_rule(dev: quality.Tally) -> None:
    assert dev.violations == 0


def test_what_the_cards_ask_stays_close_to_what_a_labeller_hides(dev: quality.Tally) -> None:
    precision, _, f1 = dev.asked_f1()
    assert f1 >= ASKED_F1_FLOOR and precision >= ASKED_PRECISION_FLOOR, (precision, f1)
