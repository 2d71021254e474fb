"""Facts no name-based pattern asks: a lower-case subject asked by its kind, a plural subject's reason or
means, a plain name after "in"/"at" asked "where", and the wordings that must make no card."""

from __future__ import annotations

import pytest

from conftest import clean_qa_cards


def pairs(text: str) -> list[tuple[str, str]]:
    return [(c.question, c.answer) for c in clean_qa_cards(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Hanover charter was sealed by Duke Otto in 1241.", ("Who sealed the Hanover charter?", "Duke Otto")),
        (
            "The Locarno treaty settled borders in western Europe after the war.",
            ("Which treaty settled borders in western Europe after the war?", "Locarno"),
        ),
    ],
)
def test_a_fact_gets_one_position_based_card(text: str, expected: tuple[str, str]) -> None:
    assert expected in pairs(text)


def test_a_magna_carta_stays_capitalised() -> None:
    assert ("Who sealed Magna Carta?", "King John") in pairs(
        "Magna Carta was sealed by King John at Runnymede in 1215."
    )


@pytest.mark.parametrize(
    "text, bad_answer",
    [
        ("Swift uses value semantics for arrays and strings.", "Swift uses"),  # a name and its verb, not a kind
        ("Modern ships carry most of the world's trade by weight.", "Modern"),  # a vague modifier names no kind
        ("Most Roman roads ran straight across the hills.", "Most Roman"),  # a quantifier, not a name
        ("Keynes and Hayek disagreed about whether governments should spend during slumps.", "whether governments"),
        ("Inflation is the rate at which the general level of prices rises.", "prices rises"),
        ("Earworms are catchy tunes that replay in your head against your will.", "catchy tunes"),
        (
            "Fallingwater was designed by Frank Lloyd Wright for the Kaufmann family.",
            "Frank Lloyd Wright for the Kaufmann",
        ),
        ("Adversarial examples are inputs with tiny changes that fool a network.", "Adversarial"),  # a definition
        ("The Lindy effect says that the longer a book has lasted, the longer it will last.", "Lindy"),
    ],
)
def test_no_card_where_the_question_would_be_wrong(text: str, bad_answer: str) -> None:
    assert not [p for p in pairs(text) if p[1] == bad_answer], pairs(text)


def test_in_what_is_never_used_for_a_place() -> None:
    assert not [p for p in pairs("Lena recorded the score with an orchestra in Prague.") if "in what" in p[0]]


@pytest.mark.parametrize(
    "text, bad_question",
    [
        (
            "Prussian blue was discovered by accident in Berlin around 1706.",
            "Prussian blue was discovered by accident in Berlin what year?",
        ),  # the hedge stays: "around what year?"
        (
            "Iris's favourite museum is the Prado in Madrid.",
            "What is the Prado in Madrid called?",
        ),  # a name, no definition
        (
            "Tomas walked the length of the Portuguese–Spanish border in 2019.",
            "Tomas walked the length of what–Spanish border in 2019?",
        ),  # half of a compound
        (
            "Baarle-Hertog is a Belgian town made of enclaves inside the Netherlands.",
            "Baarle-Hertog is what town made of enclaves inside the Netherlands?",
        ),  # a proper adjective
        (
            "Mangrove forests protect coastlines by absorbing the energy of storm waves.",
            "Mangrove forests what by absorbing the energy of storm waves?",
        ),  # a verb phrase
        (
            "The Sistine Chapel ceiling took Michelangelo about four years to paint.",
            "The Sistine Chapel ceiling took what about four years to paint?",
        ),  # a one-word name: person or thing?
        (
            "Han van Meegeren sold fake Vermeers to Hermann Göring during the war.",
            "What sold fake Vermeers to Hermann Göring during the war?",
        ),  # "van" inside a person's name
    ],
)
def test_wrong_wordings_seen_on_fresh_pages_are_not_made(text: str, bad_question: str) -> None:
    assert bad_question not in [q for q, _ in pairs(text)]


def test_no_year_is_asked_and_a_person_with_a_particle_is_who() -> None:
    assert not [p for p in pairs("Prussian blue was discovered by accident in Berlin around 1706.") if "year" in p[0]]
    assert ("Who sold fake Vermeers to Hermann Göring during the war?", "Han van Meegeren") in pairs(
        "Han van Meegeren sold fake Vermeers to Hermann Göring during the war."
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The Grand Harbour lost about half of its fishing fleet between 1950 and 1970.",
            ("The Grand Harbour lost how much of its fishing fleet between 1950 and 1970?", "About half"),
        ),
        (
            "Lake Ohrid in Macedonia holds about a fifth of the region's fresh water.",
            ("Lake Ohrid in Macedonia holds how much of the region's fresh water?", "About a fifth"),
        ),
        (
            "Pelicans in a V formation save up to 30% of their energy by flying in the wake of others.",
            (
                "Pelicans in a V formation save what percentage of their energy by flying in the wake of others?",
                "Up to 30%",
            ),
        ),
        (
            "The Dead Sea shrank by about 35% after its rivers were diverted.",
            ("The Dead Sea shrank by what percentage after its rivers were diverted?", "About 35%"),
        ),
        (
            "Costco caps its markup on most items at 14 percent.",
            ("Costco caps its markup on most items at what percentage?", "14 percent"),
        ),
    ],
)
def test_numbers_after_a_verb_of_the_closed_list_are_asked(text: str, expected: tuple[str, str]) -> None:
    assert expected in pairs(text)


def test_a_possessor_before_an_ambiguous_past_form_is_not_a_verb() -> None:
    text = "Derek Parfit's thought experiment, comparing peace, a war killing 99% of people, shows a lot."
    assert not [q for q, _ in pairs(text) if "killing what percentage" in q]
