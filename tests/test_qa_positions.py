"""Q/A cards on wordings the patterns were not written from: the wh-word follows the answer's position
and class (which <class>, where, whom, how much of), and the fragments these wordings used to give
are gone. Each card must also pass the Q/A rules."""

from __future__ import annotations

import pytest

from conftest import clean_qa_cards


def pairs(text: str) -> list[tuple[str, str]]:
    return [(c.question, c.answer) for c in clean_qa_cards(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The wreck was found in 1985 off Newfoundland by the research ship Knorr.",
            ("The wreck was found in 1985 off Newfoundland by which research ship?", "Knorr"),
        ),
        (
            "Ada thanks her doctoral adviser, Maria Lopez, for teaching her to read ledgers.",
            ("Ada thanks which doctoral adviser for teaching her to read ledgers?", "Maria Lopez"),
        ),
        (
            "The Colosseum was completed under Titus I in the first century.",
            ("The Colosseum was completed under whom in the first century?", "Titus I"),
        ),
        (
            "Google was founded by the Stanford students Larry Page and Sergey Brin.",
            ("Which Stanford students founded Google?", "Larry Page and Sergey Brin"),
        ),
        (
            "The Amazon absorbs about a quarter of the carbon that people emit.",
            ("The Amazon absorbs how much of the carbon that people emit?", "About a quarter"),
        ),
        (
            "A teaspoon of seawater can hold up to a million bacteria.",
            ("A teaspoon of seawater can hold how many bacteria?", "Up to a million"),
        ),
        (
            "Arthur Wellesley broke the French army at Waterloo in 1815.",
            ("Who broke the French army at Waterloo in 1815?", "Arthur Wellesley"),
        ),
    ],
)
def test_position_decides_the_wh_word(text: str, expected: tuple[str, str]) -> None:
    assert expected in pairs(text)


@pytest.mark.parametrize(
    "text, bad",
    [
        (
            "The Dead Sea Scrolls, found by shepherds in 1947, changed biblical scholarship.",
            "The Dead Sea Scrolls, found by shepherds in what year?",
        ),
        ("The Peace of Augsburg ended the Schmalkaldic League's War in 1555.", "what' War"),
        ("The Swiss watchmakers Patek Philippe sold the first wristwatch.", "Which the"),
        ("The Hudson's Bay Company traded the first furs in 1670.", "Which traded"),
        ("Mosquito nets cut malaria deaths by half in the trial villages.", "Mosquito nets what?"),
        ("Coaches tell sprinters to relax their faces at top speed.", "Coaches tell what?"),
        ("Lactate threshold is the pace above which lactate accumulates.", "what which"),
        ("The Olympic Games of 1936 were held at the 1936 Berlin Olympic Stadium.", "what year Berlin"),
    ],
)
def test_no_fragment_from_these_wordings(text: str, bad: str) -> None:
    assert not any(bad in question for question, _ in pairs(text))


def test_whole_predicate_kept_when_cut_before_after() -> None:
    assert ("Who converted to Buddhism?", "Emperor Ashoka") not in pairs(
        "Emperor Ashoka converted to Buddhism after the Kalinga war."
    )


def test_one_card_per_answer_even_with_an_article() -> None:
    answers = [
        a.lower().removeprefix("the ")
        for _, a in pairs("The Hanseatic League dominated trade in the Baltic and the North Sea for three centuries.")
    ]
    assert len(answers) == len(set(answers))
