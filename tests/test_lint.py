"""Every card rule has a card that breaks it, and the lint command reports it as `file:line: rule: …`."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SAMPLE
from notecards import load
from notecards.cli import app
from notecards.generate import generate
from notecards.lint import check_cards, check_source, lint_paths
from notecards.model import BIG_REVEALS, Card, Deletion, Episode, Fact, Location, Recommendation

runner = CliRunner()
WHERE = Location("decks/ep.txt", 7)
FACT = Fact(BIG_REVEALS, "A fact.", WHERE)


def cloze(text: str, *spans: tuple[str, int]) -> Card:
    """A cloze card hiding each (substring, number); the first occurrence of each substring."""
    deletions = []
    for answer, number in spans:
        start = text.index(answer)
        deletions.append(Deletion(start, start + len(answer), number))
    return Card("cloze", "cloze", FACT, text=text, deletions=tuple(deletions))


def qa(question: str, answer: str) -> Card:
    return Card("qa", "qa-who", FACT, question=question, answer=answer)


def rules(*cards: Card, severity: str = "error") -> set[str]:
    return {p.rule for p in check_cards(cards) if p.severity == severity}


GOOD_CLOZE = cloze(
    "Knuth received the Turing Award in 1974 for his analysis of algorithms.", ("Turing Award", 1), ("1974", 2)
)


def test_a_good_cloze_and_a_good_question_pass() -> None:
    assert check_cards([GOOD_CLOZE, qa("Which psychologist discovered spaced repetition?", "Ebbinghaus")]) == []


def test_r1_more_than_one_sentence() -> None:
    card = cloze("Knuth wrote TeX in 1977. He also wrote the books on algorithms.", ("1977", 1))
    assert "R1" in rules(card)
    two = cloze("Knuth wrote TeX in 1977. He also wrote the books on algorithms.", ("1977", 1), ("algorithms", 2))
    assert "R1" in rules(two)


def test_r1_a_sentence_in_front_is_context() -> None:
    """A sentence before the one a cloze asks about names what its "It" means (a quote, a nested note)."""
    card = cloze("You can point at a memory now. It is a few thousand cells.", ("thousand cells", 1))
    assert "R1" not in rules(card)


@pytest.mark.parametrize(
    "text",
    [
        "Their paper followed Roe v. Wade in 1973 and the drop in crime.",
        "Dr. Walker says sleep is the best legal performance drug.",
    ],
)
def test_r1_an_abbreviation_is_not_a_sentence_break(text: str) -> None:
    answer = "1973" if "1973" in text else "sleep"
    assert "R1" not in rules(cloze(text, (answer, 1)))


def test_r1_long_bullet_in_the_source_is_a_warning() -> None:
    long_fact = Fact(BIG_REVEALS, " ".join(["word"] * 45) + ".", WHERE)
    episode = Episode("P", "T", WHERE, date="2020-01-01", facts=(long_fact,))
    assert [(p.rule, p.severity) for p in check_source(episode)] == [("R1", "warning")]


def test_r2_cloze_answer_too_long() -> None:
    card = cloze(
        "The prize went to the small team from the far north of Norway last year.", ("small team from the far north", 1)
    )
    assert "R2" in rules(card)


def test_r2_acronym_expansion_may_be_longer() -> None:
    card = cloze(
        "TSMC (Taiwan Semiconductor Manufacturing Company) makes most of the world's leading-edge chips.",
        ("Taiwan Semiconductor Manufacturing Company", 1),
    )
    assert "R2" not in rules(card) and "R4" not in rules(card)


def test_r2_qa_answer_too_long() -> None:
    assert "R2" in rules(qa("Who won the prize in 2010?", "the small team from the far north of Norway"))


def test_r3_more_than_three_deletions() -> None:
    card = cloze(
        "Alice met Bob, Carol and Dave in Paris during the long winter of that odd year.",
        ("Alice", 1),
        ("Bob", 2),
        ("Carol", 3),
        ("Dave", 4),
    )
    assert "R3" in rules(card)


def test_r3_no_deletion_at_all() -> None:
    assert "R3" in rules(Card("cloze", "cloze", FACT, text="Nothing hidden here."))


def test_r4_too_much_hidden() -> None:
    card = cloze("Perl powered early FastMail servers.", ("Perl", 1), ("FastMail servers", 2))
    assert "R4" in rules(card)


def test_r5_visible_word_gives_the_answer_away() -> None:
    card = cloze(
        "Outside South Africa, the entire African continent has only five pediatric radiologists.", ("South Africa", 1)
    )
    assert "R5" in rules(card)


def test_r5_repeated_string_not_hidden_together() -> None:
    card = cloze("Training 10x faster with 10x higher learning rates was the finding.", ("10x", 1))
    assert "R5" in rules(card)


def test_r5_question_contains_its_answer() -> None:
    assert "R5" in rules(qa("Who discovered super-convergence, Leslie Smith or someone else?", "Leslie Smith"))


def test_r6_enumeration_as_one_answer() -> None:
    card = cloze(
        "The compiler supports C, C++ and Objective-C through a single modular front end today.",
        ("C, C++ and Objective-C", 1),
    )
    assert "R6" in rules(card)


def test_r7_question_too_long() -> None:
    question = "Which " + " ".join(["very"] * 30) + " long thing is this?"
    assert "R7" in rules(qa(question, "Perl"))


def test_r7_no_question_mark_pronoun_start_and_yes_no() -> None:
    assert "R7" in rules(qa("Name the language Jeremy used for FastMail", "Perl"))
    assert "R7" in rules(qa("It was written in which language?", "Perl"))
    assert "R7" in rules(qa("Did Jeremy write FastMail in Perl?", "Yes"))


@pytest.mark.parametrize(
    "question",
    [
        "After the flood hit the town in what year?",
        "Mosaic, a browser released in what year?",
        "The ledger method, from whose report?",
        "Sailors learned knots by practice, and how many weeks they needed to master them?",
        "The mill bought it in 1999 for how many dollars?",
    ],
)
def test_r7_a_fragment_or_a_dangling_it_cannot_be_read_on_its_own(question: str) -> None:
    assert "R7" in rules(qa(question, "Ledger"))


@pytest.mark.parametrize(
    "question",
    [
        "After the flood hit, how many houses were rebuilt?",
        "Which language is so small it fits in a cache?",
        "Mosaic, a browser, was released by which lab?",
        "What did the host recommend, saying “read it twice”?",
    ],
)
def test_r7_a_question_with_its_own_main_clause_passes(question: str) -> None:
    assert "R7" not in rules(qa(question, "Ledger"))


def test_r8_an_answer_that_starts_a_clause_is_a_piece_not_a_thing() -> None:
    assert "R8" in rules(qa("Who came to town?", "After Uber"))
    assert "R8" not in rules(qa("Which book did the host recommend at 01:20:00?", "On Intelligence"))


def test_r8_wh_word_does_not_match_the_answer() -> None:
    assert "R8" in rules(qa("How many students beat Google and Intel?", "Jeremy's students"))
    assert "R8" in rules(qa("Who was founded in 2009 as a pledge society?", "2009"))


def test_r9_function_word_or_adverb_as_answer() -> None:
    card = cloze("Hospital lawyers interpret the gray areas of the law conservatively today.", ("conservatively", 1))
    assert "R9" in rules(card)
    assert "R9" in rules(cloze("The model was trained on the data of the last year.", ("of the", 1)))


def test_r9_hidden_hedge_is_a_warning() -> None:
    card = cloze("Training enough doctors would take about 300 years in the traditional way.", ("about 300", 1))
    assert "R9" in rules(card, severity="warning")


def test_r10_missing_date_and_speaker_are_warnings() -> None:
    rec = Recommendation("Anki", "", False, "it works incredibly well for me", "", "", WHERE)
    episode = Episode("P", "T", WHERE, recommendations=(rec,))
    assert [(p.rule, p.severity) for p in check_source(episode)] == [("R10", "warning"), ("R10", "warning")]


def test_r11_two_cloze_notes_for_one_sentence() -> None:
    assert "R11" in rules(GOOD_CLOZE, GOOD_CLOZE)


def test_r11_too_many_qa_cards_for_one_fact_is_a_warning() -> None:
    cards = [qa(f"Which thing number {n} is this one?", "Perl") for n in range(3)]
    assert "R11" in rules(*cards, severity="warning")


def test_r12_generation_is_deterministic_on_the_sample() -> None:
    episode = load(SAMPLE)
    assert generate(episode) == generate(episode)
    assert not [p for p in lint_paths([SAMPLE]) if p.rule == "R12"]


def test_generated_sample_cards_break_no_rule() -> None:
    assert [str(p) for p in lint_paths([SAMPLE]) if p.severity == "error"] == []


def test_lint_command_prints_file_line_rule_and_exits_1_on_errors(tmp_path: Path) -> None:
    source = tmp_path / "ep.txt"
    text = SAMPLE.read_text(encoding="utf-8").replace(" · 2019-08-27", "")
    source.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["lint", str(source)])
    assert result.exit_code == 0, result.output  # only a warning: no date
    assert f"{source}:1: R10: warning: no episode date" in result.stdout
    strict = runner.invoke(app, ["lint", str(source), "--strict"])
    assert strict.exit_code == 1


def test_lint_command_reports_unreadable_sources(tmp_path: Path) -> None:
    source = tmp_path / "broken.txt"
    source.write_bytes(b"\x00\x01binary")
    result = runner.invoke(app, ["lint", str(source)])
    assert result.exit_code == 1
    assert f"{source}:1: source: error:" in result.stdout


@pytest.mark.parametrize("args", [["lint", "--help"]])
def test_lint_help_has_an_example(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 0 and "Example: notecards lint" in result.stdout
