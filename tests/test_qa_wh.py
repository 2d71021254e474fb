"""Wh-questions for a name by where it stands (generate/wh_questions.py), and the fixes that came with
them: each card reads as English and never contains its answer."""

from __future__ import annotations

import pytest

from conftest import QA_EPISODE as EPISODE
from conftest import QA_WHERE as WHERE
from notecards.generate.qa import qa_cards
from notecards.generate.qa_rules import is_clean
from notecards.generate.recommendation_questions import recommendation_cards
from notecards.model import BIG_REVEALS, Fact, Recommendation


def pairs(text: str) -> list[tuple[str, str, str]]:
    return [(c.role, c.question, c.answer) for c in qa_cards(Fact(BIG_REVEALS, text, WHERE), EPISODE)]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Josh draws on Carol Dweck's research on theories of intelligence: children give up.",
            ("qa-whose", "Josh draws on whose research on theories of intelligence?", "Carol Dweck"),
        ),
        (
            "Epicurus' principle of multiple explanations says to keep every hypothesis.",
            ("qa-whose", "Whose principle of multiple explanations says to keep every hypothesis?", "Epicurus"),
        ),
        (
            "Python borrowed heavily from ABC, a teaching language Guido helped implement, keeping its syntax.",
            ("qa-which", "Python borrowed heavily from which teaching language Guido helped implement?", "ABC"),
        ),
        (
            "Dylan estimates that DeepSeek's parent, the Chinese quant hedge fund High-Flyer, has many GPUs.",
            ("qa-which", "Which Chinese quant hedge fund is DeepSeek's parent?", "High-Flyer"),
        ),
        (
            "The K programming language is so compact it fits inside the L3 cache of a CPU, wins benchmarks.",
            ("qa-which", "Which programming language is so compact it fits inside the L3 cache of a CPU?", "K"),
        ),
        (
            "Jeremy's only paper introduced transfer learning to NLP (ULMFiT) and the prototype took days.",
            ("qa-called", "Jeremy's only paper introduced transfer learning to NLP under what name?", "ULMFiT"),
        ),
        (
            "Python's standard library follows a “batteries included” philosophy, so tasks need no packages.",
            ("qa-which", "Python's standard library follows what philosophy?", "Batteries included"),
        ),
        (
            "Knuth plays the organ; his organ work Fantasia Apocalyptica, based on Revelation, premiered in Sweden.",
            ("qa-which", "Which organ work of Ada Smith’s premiered in Sweden?", "Fantasia Apocalyptica"),
        ),
        (
            "“Numbers to leave numbers” is his phrase for studying principles until they become intuition.",
            (
                "qa-quoted",
                "What is Ada Smith’s phrase for studying principles until they become intuition?",
                "Numbers to leave numbers",
            ),
        ),
        (
            "His team got results without GANs, and Jason Antic's DeOldify colorizes whole movies on one GPU.",
            ("qa-what", "What colorizes whole movies on one GPU?", "DeOldify"),
        ),
        (
            "The Library of Alexandria declined slowly over centuries rather than burning in a single fire.",
            ("qa-what", "What declined slowly over centuries?", "The Library of Alexandria"),
        ),
        (
            "The Zen of Python, 19 aphorisms written by Tim Peters, sums up the language's philosophy.",
            ("qa-by-whom", "By whom was The Zen of Python written?", "Tim Peters"),
        ),
        (
            "He notes a modern transistor is still roughly a thousand atoms across in each dimension.",
            (
                "qa-how-many",
                "Ada Smith notes a modern transistor is still how many atoms across in each dimension?",
                "Roughly a thousand",
            ),
        ),
        (
            "The Marshall Plan sent about $13 billion to rebuild Western Europe.",
            ("qa-how-much", "The Marshall Plan sent how much to rebuild Western Europe?", "About $13 billion"),
        ),
    ],
)
def test_a_name_is_asked_with_the_wh_word_of_its_position(text: str, expected: tuple[str, str, str]) -> None:
    found = pairs(text)
    assert expected in found, found


@pytest.mark.parametrize(
    "text, role",
    [
        ("Engineered pandemics come second at about one in 30.", "qa-what"),  # an ordinary word, capitalised
        ("Adversarial examples are inputs with tiny changes that fool a network.", "qa-what"),  # a plural noun
        ("OpenAI suggested DeepSeek may have used its models' outputs this way.", "qa-what"),  # a claim
        ("Jim started his career at Digital Equipment Corporation (DEC), working on Alpha.", "qa-called"),  # expansion
        ("Occam's razor says to prefer the simplest explanation consistent with the data.", "qa-whose"),  # a term
        ("The Antikythera mechanism is an ancient Greek analog computer.", "qa-which"),  # a definition
    ],
)
def test_no_wh_question_where_the_position_is_not_what_it_seems(text: str, role: str) -> None:
    assert not [p for p in pairs(text) if p[0] == role and p[2] not in ("Occam's razor",)], pairs(text)


def test_a_year_that_modifies_a_noun_is_not_asked_in_place() -> None:
    for text in (
        "John Snow traced the 1854 cholera outbreak in Soho to a pump on Broad Street.",
        "At Apple he worked on chips, after Apple's 2008 acquisition of his employer P.A. Semi.",
    ):
        assert not [p for p in pairs(text) if p[0] == "qa-what-year"], pairs(text)


def test_a_who_question_never_starts_at_the_or_stops_inside_a_number() -> None:
    found = pairs("The Manhattan Project employed about 130,000 people and cost nearly $2 billion.")
    assert not [p for p in found if p[0] == "qa-who"], found
    assert (
        "qa-what",
        "What employed about 130,000 people and cost nearly $2 billion?",
        "The Manhattan Project",
    ) in found


def test_every_wh_card_passes_the_qa_rules_and_stays_within_two_per_fact() -> None:
    texts = [
        "Josh draws on Carol Dweck's research on theories of intelligence.",
        "Python borrowed heavily from ABC, a teaching language Guido helped implement at CWI.",
        "Derek Parfit's thought experiment, comparing peace, a war killing 99% of people, shows a lot.",
    ]
    for text in texts:
        cards = qa_cards(Fact(BIG_REVEALS, text, WHERE), EPISODE)
        assert len(cards) <= 2 and all(is_clean(c) for c in cards)
    assert not [p for p in pairs(texts[2]) if "what percentage" in p[1]]  # "thought" is a noun here


def test_a_recommendation_without_a_named_author_makes_no_card() -> None:
    """Praise ("one of my favorite books") and timestamps ask nothing a learner can answer: no card."""
    for name, quote in (
        ("The Art of Learning", "The Art of Learning is one of my favorite books on learning, period"),
        ("The Nightcap Hour", "The Nightcap Hour is where I test every Nightcap Hour recipe first"),
        ("The Rosa Lind Show", ""),
    ):
        assert recommendation_cards(Recommendation(name, "", False, quote, "Tim Ferriss", "00:12:34", WHERE)) == []


def test_a_subject_with_an_aside_that_names_its_class_is_asked_with_which() -> None:
    assert (
        "qa-which",
        "Which memoir by Anthony Bourdain made line cooking look like rock and roll?",
        "Kitchen Confidential",
    ) in pairs("Kitchen Confidential, Anthony Bourdain's 2000 memoir, made line cooking look like rock and roll.")
    assert ("qa-by-whom", "By whom was the brigade system devised?", "Auguste Escoffier") in pairs(
        "The brigade system, devised by Auguste Escoffier, organizes a kitchen into stations."
    )


@pytest.mark.parametrize(
    "text",
    [
        "She negotiates every contract with a walk-away number written down in advance.",  # nothing rare to recall
        "An existential catastrophe is one that destroys humanity's long-term potential.",  # the subject holds a clause
        "Marco credits his sous-chef, Elena Ruiz, with designing the pastry program.",  # the name after it is the answer
        "The Japanese concept of shokunin describes a craftsman's lifelong pursuit of perfection.",  # a definition
        "AIXI is incomputable, so it can never run on a real computer.",  # a property, not a thing
    ],
)
def test_no_object_or_complement_is_asked_in_place_as_a_last_resort(text: str) -> None:
    """The last-resort questions ("Swift uses what for arrays?") were judged vague: no pattern makes them."""
    assert not [p for p in pairs(text) if p[0] in ("qa-object", "qa-what-is")], pairs(text)
    assert not [p for p in pairs("Swift uses value semantics for arrays and strings.") if p[0] == "qa-object"]


def test_the_key_question_keeps_a_possessor_and_never_cuts_a_compound_or_asks_a_verb() -> None:
    found = pairs("She first learned chess from the hustlers of New York's Washington Square Park, which helped.")
    assert not [p for p in found if p[2] in ("New York", "Washington Square Park")], (
        found
    )  # a place is geography trivia
    found = pairs("Engineered pandemics come second at about one in 30, while nuclear war comes last.")
    assert not [p for p in found if p[2] == "come second"], found


def test_a_one_word_name_that_does_what_people_do_is_asked_who() -> None:
    assert ("qa-who", "Who received the Turing Award in 1974 for his analysis of algorithms?", "Knuth") in pairs(
        "Knuth received the Turing Award in 1974 for his analysis of algorithms."
    )
    # a plain capitalised word doing what things do may be a person or a noun ("Crews welded …"): not asked
    assert not [
        p for p in pairs("Slack launched its public beta in August 2013 to 8,000 companies.") if p[0] == "qa-what"
    ]


def test_a_year_that_modifies_a_noun_or_starts_a_count_is_not_asked_as_a_number() -> None:
    cards = pairs("Slack launched its public beta in August 2013 to 8,000 companies.") + pairs(
        "Sebastian Leitner described the Leitner box in his 1972 book So lernt man lernen."
    )
    assert not [card for card in cards if card[0] in ("qa-how-many", "qa-what-year")]
