"""Span candidates for multiword terms and the choices around them (issue #3, generalisation).

The sentences are made up for these tests, not taken from the labelled pages, so each assertion
checks the linguistic rule rather than one page's bullet.
"""

from __future__ import annotations

from notecards.generate.clauses import atomic_clauses
from notecards.generate.cloze import choose_deletions, leaks
from notecards.generate.spans import candidate_spans


def candidates(sentence: str) -> set[str]:
    return {span.text(sentence) for span in candidate_spans(sentence)}


def answers(sentence: str) -> list[str]:
    return [sentence[d.start : d.end] for d in choose_deletions(sentence)]


def test_the_object_of_a_named_subjects_verb_is_a_term() -> None:
    assert "behavioural economics" in candidates("Marta co-founded behavioural economics research at the institute.")
    assert "music theory" in candidates("Her aunt Rosa Lind taught her music theory every summer in Lisbon.")


def test_a_bare_complement_after_a_copula_is_a_term() -> None:
    sentence = "Their gravest worry is unchecked nuclear proliferation, which they rate at one in twenty."
    assert "unchecked nuclear proliferation" in candidates(sentence)


def test_a_rare_surname_before_an_abstract_noun_is_one_term() -> None:
    assert "Zipf distribution" in candidates("Word counts in most corpora follow a Zipf distribution closely.")
    assert "Zipf" not in answers("Word counts in most corpora follow a Zipf distribution closely.")


def test_an_everyday_modifier_can_make_a_fixed_term() -> None:
    assert "black belt" in candidates("She earned a black belt after nine years of training.")
    assert "front end" in candidates("The parser is a front end that reads the source.")


def test_ranking_and_metalinguistic_words_are_not_part_of_a_term() -> None:
    found = candidates("The key insight was caching the compiled kernels on disk.")
    assert "key insight" not in found
    assert "word hygge" not in candidates("The word hygge is Danish for coziness.")


def test_without_phrases_are_candidates_whole() -> None:
    assert "without venture capital" in candidates("They grew the company for a decade without venture capital.")
    assert not any(c.startswith("without") for c in candidates("It failed without understanding why."))


def test_a_hyphenated_count_keeps_its_whole_noun() -> None:
    sentence = "The startup began with a four-person founding team and grew to forty engineers within two years."
    assert "four-person founding team" in answers(sentence)
    assert "startup began" not in candidates(sentence)


def test_a_finite_verb_after_a_noun_is_not_part_of_a_term() -> None:
    found = candidates("Rust uses ownership rules, so the borrow checker forbids dangling references.")
    assert not any(c.endswith("forbids") for c in found)


def test_a_derived_sentence_initial_word_starts_a_term_not_a_name() -> None:
    found = candidates("Adversarial examples are inputs with tiny changes that fool a classifier.")
    assert "Adversarial examples" in found and "Adversarial" not in found


def test_a_subordinator_is_not_taken_for_a_subject_when_splitting() -> None:
    sentence = (
        "When she retired, Ada left the lab to her former students to run as a cooperative, "
        "and they later renamed it the Lovelace Institute for Computing."
    )
    assert not any(clause.startswith("When renamed") for clause in atomic_clauses(sentence))


def test_leaks_need_a_shared_stem_not_just_five_letters() -> None:
    sentence = "Teams adopt progressive rollout so every program change ships to a few users first."
    start = sentence.index("progressive rollout")
    assert not leaks(sentence, [(start, start + len("progressive rollout"))], "progressive rollout")
    sentence = "Outside South Africa, the entire African continent has only five pediatric radiologists."
    start = sentence.index("South Africa")
    assert leaks(sentence, [(start, start + len("South Africa"))], "South Africa")


def test_a_naming_verb_introduces_a_term_but_a_judgement_is_not_one() -> None:
    assert "random restarts" in candidates("She relies on a trick known as random restarts when the search stalls.")
    assert "enwik9" in candidates("The prize now asks for compressing a 1 GB file called enwik9.")
    sentence = "The license, which Ana calls a big deal, is MIT."
    assert not [s for s in candidate_spans(sentence) if s.kind == "named"]
    assert "trick known" not in candidates("She relies on a trick known as random restarts when the search stalls.")
    assert "potential" not in candidates("It destroys humanity's long-term potential for good.")


def test_a_name_after_a_possessive_name_is_its_own_name() -> None:
    sentence = "He played speed chess against the hustlers of New York's Washington Square Park for years."
    found = candidates(sentence)
    assert "Washington Square Park" in found and "New York's Washington Square Park" not in found
