"""Property-based tests of the generator (hypothesis): whatever a bullet says, generation finishes
and every card it makes is well formed — the deletions lie inside the sentence, do not overlap and
hide something, and a Q/A card has a question and an answer."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from notecards.generate import generate
from notecards.model import BIG_REVEALS, Episode, Fact, Guest, Location, Recommendation

WHERE = Location("fuzz.txt", 1)
PIECES = st.sampled_from(
    [
        "0",
        "b0",
        "10x",
        "$2.5 billion",
        "10–20%",
        "64x64",
        "1985",
        "’s",
        "'s",
        "(",
        ")",
        "“",
        "”",
        '"',
        ",",
        ";",
        ":",
        ".",
        " and ",
        " not ",
        " stands for ",
        " because ",
        "Jeremy",
        "Google",
        "HIPAA",
        "DAWNBench",
        "about",
        "only",
        "the",
        "of",
        "13",
        " engineers ",
        " weeks",
        " in ",
        "GPT-4",
        "x86-64",
        "Dr.",
        "e.g.",
        "—",
        "-",
        "–",
        " ",
        "  ",
        "A",
        "a",
    ]
)
SENTENCE = st.lists(st.one_of(PIECES, st.text(max_size=8)), min_size=1, max_size=30).map("".join)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def episode_with(bullets: list[str], quote: str, product: str) -> Episode:
    facts = tuple(Fact(BIG_REVEALS, " ".join(text.split()), WHERE) for text in bullets if text.strip())
    recommendation = Recommendation(
        product.strip() or "Thing", "Maker", False, quote, "Jeremy Howard", "00:01:02", WHERE
    )
    return Episode(
        podcast="Fuzz Podcast",
        title="Jeremy Howard: Fuzzing | Fuzz Podcast #1",
        source=WHERE,
        number=1,
        guests=(Guest("Jeremy Howard", "Founder of fast.ai", WHERE),),
        facts=facts,
        recommendations=(recommendation,),
    )


@SETTINGS
@given(bullets=st.lists(SENTENCE, min_size=1, max_size=3), quote=SENTENCE, product=SENTENCE)
@example(bullets=["(\r)"], quote="0", product="0")  # empty parentheses (IndexError once)
@example(bullets=["In episode 1, 13 engineers rewrote the scheduler in 13 weeks.", "0 b0"], quote="", product="")
def test_any_bullet_gives_well_formed_cards(bullets: list[str], quote: str, product: str) -> None:
    for card in generate(episode_with(bullets, quote, product)):
        if card.kind == "cloze":
            spans = sorted((d.start, d.end) for d in card.deletions)
            assert spans and all(0 <= start < end <= len(card.text) for start, end in spans)
            assert all(card.text[start:end].strip() for start, end in spans)
            assert all(a_end <= b_start for (_, a_end), (b_start, _) in itertools.pairwise(spans))
            assert 1 <= len({d.number for d in card.deletions}) <= 3
        else:
            assert card.question.strip().endswith("?") and card.answer.strip()
