"""Q/A cards: only reliable patterns, questions that read well and never contain their answers."""

from __future__ import annotations

import pytest

from conftest import SAMPLE
from notecards import load
from notecards.generate import generate
from notecards.generate.qa import qa_cards, recommendation_cards
from notecards.lint import check_cards
from notecards.model import BIG_REVEALS, Episode, Fact, Guest, Location, Recommendation

WHERE = Location("decks/ep.txt", 3)
EPISODE = Episode("Lex Fridman Podcast", "Donald Knuth: TeX | Lex Fridman Podcast #62", WHERE, number=62,
                  guests=(Guest("Donald Knuth", "Professor emeritus at Stanford", WHERE),))


def pairs(text: str) -> list[tuple[str, str, str]]:
    return [(c.role, c.question, c.answer) for c in qa_cards(Fact(BIG_REVEALS, text, WHERE), EPISODE)]


@pytest.mark.parametrize("text, expected", [
    ("XLA stands for Accelerated Linear Algebra, the TensorFlow compiler for TPUs.",
     ("qa-stands-for", "What does XLA stand for?", "Accelerated Linear Algebra")),
    ("The name LLVM originally stood for Low Level Virtual Machine, but the project outgrew that.",
     ("qa-stands-for", "What did LLVM originally stand for?", "Low Level Virtual Machine")),
    ("A TPU (Tensor Processing Unit) is Google's custom chip for machine learning.",
     ("qa-stands-for", "What does TPU stand for?", "Tensor Processing Unit")),
    ("Distillation means training a smaller model on the outputs of a larger one, as some suspect.",
     ("qa-term", "What term means training a smaller model on the outputs of a larger one?", "Distillation")),
    ("Spaced repetition was discovered by psychologist Ebbinghaus roughly 150 years ago.",
     ("qa-who", "Which psychologist discovered spaced repetition?", "Ebbinghaus")),
    ("Leslie Smith discovered super-convergence (training 10x faster) but couldn't publish.",
     ("qa-who", "Who discovered super-convergence?", "Leslie Smith")),
    ("Knuth has not used email since 1990, explaining that email suits people on top of things.",
     ("qa-what-year", "Knuth has not used email since what year?", "1990")),
    ("Outside South Africa, the entire African continent has only five pediatric radiologists.",
     ("qa-how-many", "Outside South Africa, the entire African continent has how many pediatric radiologists?",
      "Five")),
    ("Toby co-founded Giving What We Can in 2009, whose members pledge at least 10% of their income.",
     ("qa-what-percentage", "Toby co-founded Giving What We Can in 2009, whose members pledge what percentage "
      "of their income?", "At least 10%")),
])
def test_patterns_give_the_expected_card(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in pairs(text)


def test_money_keeps_the_hedge_in_the_answer_not_the_question() -> None:
    [(role, question, answer)] = [p for p in pairs(
        "The K programming language costs about $100,000 per CPU.") if p[0] == "qa-how-much"]
    assert question == "The K programming language costs how much per CPU?" and answer == "About $100,000"


def test_why_because_inverts_the_auxiliary() -> None:
    assert ("qa-why", "Why couldn't Leslie Smith publish?", "reviewers demanded an explanation") in pairs(
        "Leslie Smith discovered super-convergence but couldn't publish because reviewers demanded an explanation.")


def test_a_claim_after_stands_for_is_not_an_expansion() -> None:
    assert not [p for p in pairs("HIPAA stands for portability, not privacy, say the lawyers.")
                if p[0] == "qa-stands-for"]


def test_the_guest_is_not_the_answer_to_a_who_question_about_himself() -> None:
    assert not [p for p in pairs("He began The Art of Computer Programming in 1962 as a single book.")
                if p[0] == "qa-who"]


def test_sentences_without_a_reliable_pattern_get_no_qa_card() -> None:
    assert pairs("Knuth says the best test of understanding is teaching it to a computer.") == []


@pytest.mark.parametrize("name, quote, question", [
    ("Microsoft Access", "my favorite programming environment almost certainly was Microsoft Access back then",
     "What did Jeremy Howard call “my favorite programming environment”?"),
    ("Surreal Numbers", "Surreal Numbers is a beautiful little book, it's a story",
     "What did Jeremy Howard describe as “a beautiful little book”?"),
    ("Anki", "I used Anki quite a lot myself... but it works incredibly well for me",
     "What did Jeremy Howard recommend, saying “I used it quite a lot myself”?"),
])
def test_recommendation_questions_read_well_and_hide_the_name(name: str, quote: str, question: str) -> None:
    rec = Recommendation(name, "", False, quote, "Jeremy Howard", "00:01:00", WHERE)
    [card] = recommendation_cards(rec)
    assert (card.role, card.question, card.answer) == ("recommendation", question, name)
    assert name.lower() not in card.question.lower() and len(card.question.split()) <= 25


def test_sample_qa_cards_are_clean_bounded_and_have_stable_roles() -> None:
    episode = load(SAMPLE)
    cards = generate(episode)
    qa = [c for c in cards if c.kind == "qa"]
    assert not [p for p in check_cards(qa) if p.severity == "error"]
    facts = len(episode.facts) + len(episode.recommendations) + len(episode.guests)
    assert len(qa) <= 1.5 * facts
    assert {c.role for c in qa} <= {"guest", "recommendation", "qa-stands-for", "qa-term", "qa-quoted", "qa-who",
                                    "qa-why", "qa-how-many", "qa-how-much", "qa-what-percentage",
                                    "qa-what-year", "qa-what-size"}
    assert {c.answer for c in qa if c.role == "recommendation"} == {"Anki", "Microsoft Access", "Delphi"}
