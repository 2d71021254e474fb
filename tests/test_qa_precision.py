"""The precision gates for Q/A cards (generate/worth.py), each on made-up questions, and lint's R13
warning for a hand-written card that fails one."""

from __future__ import annotations

import pytest

from notecards.generate import generate
from notecards.generate.worth import why_not_worth
from notecards.lint import check_cards
from notecards.model import BIG_REVEALS, Card, Episode, Fact, HandCard, Location

WHERE = Location("notes.txt", 4)
FACT = Fact(BIG_REVEALS, "a bullet", WHERE)
TITLE = "Ada Smith: Tides, Harbours and the Moon | Sea Stories #12"


def reason(question: str, answer: str, role: str = "qa-key") -> str:
    return why_not_worth(Card("qa", role, FACT, question=question, answer=answer), TITLE)


@pytest.mark.parametrize(
    "question, answer, role, why",
    [
        ("Which force raises the tides twice a day?", "The Moon", "qa-which", "title"),
        ("The harbour was rebuilt how many years ago?", "About 40", "qa-how-many", "speaker stood"),
        ("Micrograd is his tiny engine of how many lines of Python?", "About 100", "qa-how-many", "nobody"),
        ("Gene drives where mosquitoes could suppress malaria?", "Anopheles", "qa-key", "read as a question"),
        ("The cult, which released sarin on what subway in 1995, also tried anthrax?", "Tokyo", "qa-key", "read"),
        ("Who made the same argument: a powerful state?", "Thomas Hobbes", "qa-who", "read as a question"),
        ("Who named the cycle in 2002. Write a failing test first?", "Kent Beck", "qa-who", "sentence's end"),
        ("The oldest clay tablets, from what around 3200 BCE?", "Uruk", "qa-key", "read as a question"),
        ("Kevin conceived what gene drive in 2013?", "CRISPR-based", "qa-key", "modifier"),
        ("Toby favors what?", "long reflection", "qa-key", "vague"),
        ("The tower is how many stories tall above the street?", "59", "qa-how-many", "does not name"),
        ("Levitt credits how many factors for most of the drop?", "Four", "qa-how-many", "list"),
        ("Harbour crews towed how many ships out of the bay?", "Two", "qa-how-many", "list"),
        (
            "Rick stayed a strict vegan for how many years and stayed heavy the whole time?",
            "About 20",
            "qa-how-many",
            "overloaded",
        ),
        ("Jensen Huang calls whose early customers a zero-billion-dollar market?", "CUDA", "qa-whose", "person"),
        ("What first learned chess against the hustlers of the park?", "Ada Lind", "qa-what", "person"),
        ("What is Munger's term for a truly voluntary trade called?", "Euvoluntary exchange", "qa-called", "twice"),
        ("Several dishes on the long banquet table featured what?", "ingredients", "qa-key", "not specific"),
        ("Katy earned her doctorate in economics and business from what?", "Harvard", "qa-key", "not specific"),
    ],
)
def test_each_gate_names_the_reason_a_learner_would_delete_the_card(
    question: str, answer: str, role: str, why: str
) -> None:
    assert why in reason(question, answer, role)


@pytest.mark.parametrize(
    "question, answer, role",
    [
        ("Who discovered super-convergence?", "Leslie Smith", "qa-who"),
        ("What does TPU stand for?", "Tensor Processing Unit", "qa-stands-for"),
        ("David Sinclair skips what on days he exercises hard?", "metformin", "qa-key"),
        ("Sirtuins are a family of how many enzymes in mammals?", "Seven", "qa-how-many"),
        ("Omar did his PhD at Stanford under whom?", "Fei-Fei Li", "qa-key"),
        ("Who finished his last symphony while gravely ill?", "Mahler", "qa-who"),
        ("Josh draws on whose research on theories of intelligence?", "Carol Dweck", "qa-whose"),
        ("Dr. David Sinclair takes what on days he does not exercise?", "metformin", "qa-key"),
    ],
)
def test_clear_questions_pass_every_gate(question: str, answer: str, role: str) -> None:
    assert reason(question, answer, role) == ""


def test_lint_warns_about_a_hand_written_card_a_learner_would_delete() -> None:
    fact = Fact(BIG_REVEALS, "Toby favors a long reflection after humanity is safe.", WHERE, fact_id="reflection")
    hand = HandCard("qa", WHERE, "reflection", "hand-vague", question="Toby favors what?", answer="long reflection")
    episode = Episode("Sea Stories", TITLE, WHERE, facts=(fact,), hand_cards=(hand,))
    problems = [p for p in check_cards(generate(episode), episode) if p.rule == "R13"]
    assert [p.severity for p in problems] == ["warning"]
    assert "[hand-vague, hand]" in problems[0].message and "too vague" in problems[0].message


def test_generated_cards_never_fail_a_gate() -> None:
    facts = tuple(
        Fact(BIG_REVEALS, text, Location("notes.txt", line))
        for line, text in enumerate(
            (
                "Toby favors a long reflection after humanity is safe.",
                "The tower is 59 stories and 915 feet tall.",
                "Levitt credits four factors for most of the 1990s crime drop.",
                "Ada Smith first measured the tides of the Severn in 1998 with a borrowed gauge.",
            ),
            start=1,
        )
    )
    episode = Episode("Sea Stories", TITLE, WHERE, facts=facts)
    assert not [p for p in check_cards(generate(episode), episode) if p.rule == "R13"]


def test_a_wh_word_inside_a_subordinate_clause_or_a_modified_pointer_is_refused() -> None:
    assert "subordinate" in reason(
        "Kevin says he felt dread when he realized what made gene drives possible?", "CRISPR"
    )
    assert "does not name" in reason("Several dishes on the banquet table featured what?", "Amish ingredients")
    assert reason("Chris argues that the slowing of Moore's Law pushes the industry toward what?", "accelerators") == ""
