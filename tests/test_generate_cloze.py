"""Cloze selection: what is hidden, what stays visible, and how long bullets become atomic cards."""

from __future__ import annotations

from notecards.generate import generate
from notecards.generate.clauses import atomic_clauses
from notecards.generate.cloze import choose_deletions, cloze_cards
from notecards.model import BIG_REVEALS, Episode, Fact, Guest, Location

WHERE = Location("decks/ep.txt", 3)


def answers(sentence: str, context: frozenset[str] = frozenset()) -> list[str]:
    return [sentence[d.start : d.end] for d in choose_deletions(sentence, context)]


def test_numbers_keep_their_unit_and_leave_the_hedge_visible() -> None:
    sentence = "Outside South Africa, the entire African continent has only five pediatric radiologists."
    assert "five pediatric radiologists" in answers(sentence)
    sentence = "Training enough doctors the traditional way would take about 300 years."
    chosen = answers(sentence)
    assert "300 years" in chosen and not any(a.startswith("about") for a in chosen)


def test_money_percent_and_odds_are_whole_answers() -> None:
    assert "$5.5 million" in answers("The widely quoted training cost of about $5.5 million covers only the final run.")
    assert "17%" in answers("NVIDIA's stock fell about 17% in a single day after the R1 release.")
    assert "one in six" in answers("Toby puts the total existential risk this century at about one in six.")


def test_guest_names_are_context_not_answers() -> None:
    sentence = "Jeremy's small team of about four students beat Google and Intel on the Stanford DAWNBench competition."
    chosen = answers(sentence, frozenset({"Jeremy Howard"}))
    assert not any("Jeremy" in a for a in chosen)
    assert "Google and Intel" in chosen


def test_an_acronym_and_its_expansion_side_by_side_are_never_hidden_quoted_terms_are() -> None:
    """Each gives the other away; a "What does LLVM stand for?" card asks it instead."""
    hidden = answers("The name LLVM originally stood for Low Level Virtual Machine, but the project outgrew it.")
    assert "Low Level Virtual Machine" not in hidden and "LLVM" not in hidden
    hidden = answers("A TPU (Tensor Processing Unit) is Google's custom chip for machine learning.")
    assert "TPU" not in hidden and "Tensor Processing Unit" not in hidden
    assert "Hell yeah or no" in answers("His rule for decisions is “Hell yeah or no”: anything else is a no.")


def test_at_most_three_deletions_of_at_most_four_words_and_a_third_of_the_sentence() -> None:
    sentence = (
        "In 1962, Soviet officer Vasili Arkhipov refused to approve launching a nuclear torpedo "
        "during the Cuban Missile Crisis, one of several near misses."
    )
    deletions = choose_deletions(sentence)
    assert 1 <= len({d.number for d in deletions}) <= 3
    hidden = [sentence[d.start : d.end] for d in deletions]
    assert all(len(a.split()) <= 4 for a in hidden)
    assert sum(len(a.split()) for a in hidden) <= 0.35 * len(sentence.split())


def test_repeated_strings_are_hidden_together_under_one_number() -> None:
    sentence = "Leslie Smith found training 10x faster with 10x higher learning rates."
    deletions = [d for d in choose_deletions(sentence) if sentence[d.start : d.end] == "10x"]
    assert len(deletions) == 2 and len({d.number for d in deletions}) == 1


def test_no_visible_word_gives_the_answer_away() -> None:
    sentence = "Outside South Africa, the entire African continent has only five pediatric radiologists."
    assert "South Africa" not in answers(sentence)


def test_verbs_and_gerunds_are_not_answers() -> None:
    chosen = answers("Jason Antic's DeOldify colorizes whole movies on a single home GPU.")
    assert "colorizes" not in chosen and "DeOldify" in chosen


def test_three_coordinated_predicates_become_atomic_statements() -> None:
    bullet = (
        "The K programming language (from the APL family) is so compact it fits inside the L3 cache "
        "of a CPU, wins data-processing benchmarks, and costs about $100,000 per CPU, used by elite hedge funds."
    )
    assert atomic_clauses(bullet) == [
        "The K programming language (from the APL family) is so compact it fits inside the L3 cache of a CPU.",
        "The K programming language wins data-processing benchmarks.",
        "The K programming language costs about $100,000 per CPU.",
        "The K programming language is used by elite hedge funds.",
    ]


def test_a_pronoun_subject_is_replaced_by_the_named_subject() -> None:
    bullet = (
        "Chris briefly ran Autopilot software at Tesla in 2017 before moving to Google Brain, "
        "and he describes Elon Musk as unusually willing to question conventional wisdom."
    )
    assert (
        atomic_clauses(bullet)[1] == "Chris describes Elon Musk as unusually willing to question conventional wisdom."
    )


def test_short_bullets_are_one_fact() -> None:
    bullet = "Google deliberately made TPUs almost entirely unprogrammable."
    assert atomic_clauses(bullet) == [bullet]


def test_each_atomic_clause_is_one_card_with_a_stable_role() -> None:
    bullet = (
        "The K programming language (from the APL family) is so compact it fits inside the L3 cache "
        "of a CPU, wins data-processing benchmarks, and costs about $100,000 per CPU, used by elite hedge funds."
    )
    cards = cloze_cards(Fact(BIG_REVEALS, bullet, WHERE))
    roles = [card.role for card in cards]
    assert roles[0] == "cloze" and all(role.startswith("cloze-") for role in roles[1:])
    assert len(set(roles)) == len(roles)
    answers_by_card = [{c.text[d.start : d.end] for d in c.deletions} for c in cards]
    assert not set.intersection(*answers_by_card)  # the same answer is not asked twice


def test_a_name_in_most_bullets_is_the_topic_not_an_answer() -> None:
    facts = tuple(
        Fact(BIG_REVEALS, text, Location("e.txt", n))
        for n, text in enumerate(
            (
                "DeepSeek trained on H800 chips made for China.",
                "DeepSeek engineers programmed below CUDA in PTX.",
                "DeepSeek released R1 under the permissive MIT license.",
            ),
            start=1,
        )
    )
    episode = Episode("P", "T", WHERE, guests=(Guest("Dylan Patel", "", WHERE),), facts=facts)
    cards = generate(episode)
    asked = {c.text[d.start : d.end] for c in cards if c.kind == "cloze" for d in c.deletions}
    asked |= {c.answer for c in cards if c.kind == "qa"}
    assert "DeepSeek" not in asked and {"H800", "PTX"} <= asked


def test_noun_phrases_after_a_determiner_are_candidates_verbs_end_them() -> None:
    from notecards.generate.phrases import noun_phrases

    def phrases(sentence: str) -> list[str]:
        return [s.text(sentence) for s in noun_phrases(sentence)]

    assert "charitable trust" in phrases("He put the proceeds into a charitable trust for music education.")
    assert "progressive disclosure of complexity" in phrases(
        "Chris designs languages around progressive disclosure of complexity, so beginners start fast."
    )
    assert "interconnect bandwidth" in phrases("NVIDIA complied with export rules by limiting interconnect bandwidth.")
    said = phrases("Swift copies behave like values while the compiler avoids actual copying until needed.")
    assert not any("avoids" in p for p in said)  # "the compiler avoids": a verb ends the phrase
    assert not any("figuring" in p for p in phrases("He spent about a year figuring out how to train it."))


def test_a_capitalised_ordinary_word_is_not_a_subject_to_borrow() -> None:
    bullet = (
        "Engineered pandemics come second at about one in 30, while he puts nuclear war and climate "
        "change at about one in 1,000 each."
    )
    assert not any(clause.startswith("Engineered puts") for clause in atomic_clauses(bullet))


def test_a_semicolon_splits_before_commas_do() -> None:
    bullet = (
        "Knuth plays the pipe organ and has one built into his home; his organ work Fantasia Apocalyptica, "
        "based on the Book of Revelation, premiered in Sweden in 2018."
    )
    assert atomic_clauses(bullet) == [
        "Knuth plays the pipe organ and has one built into his home.",
        "His organ work Fantasia Apocalyptica, based on the Book of Revelation, premiered in Sweden in 2018.",
    ]


def test_a_name_with_its_rare_noun_is_one_term_an_everyday_possessive_is_not() -> None:
    from notecards.generate.spans import candidate_spans

    def texts(sentence: str) -> list[str]:
        return [s.text(sentence) for s in candidate_spans(sentence)]

    assert "Occam's razor" in texts("Occam's razor says to prefer the simplest explanation.")
    assert "Brazilian jiu-jitsu" in texts("He earned a Brazilian jiu-jitsu black belt under Marcelo Garcia.")
    assert "Google's custom" not in texts("The TPU is Google's custom chip for neural networks.")


def test_a_bare_plural_subject_is_a_candidate_a_verb_after_a_mass_noun_is_not() -> None:
    from notecards.generate.phrases import noun_phrases

    def phrases(sentence: str) -> list[str]:
        return [s.text(sentence) for s in noun_phrases(sentence)]

    assert "Export controls" in phrases("Export controls aim less at stopping China from training any model.")
    assert not any("spends" in p for p in phrases("Humanity spends more each year on ice cream."))


def test_units_in_capitals_and_hyphenated_model_names_stay_whole() -> None:
    from notecards.generate.spans import candidate_spans

    sentence = "Jim co-authored the x86-64 instruction set and the prize asks to compress 100 MB of text."
    found = [s.text(sentence) for s in candidate_spans(sentence)]
    assert "x86-64" in found and "100 MB" in found


def test_precision_first_every_deletion_beside_the_first_is_a_strong_candidate() -> None:
    """A weak phrase ("converted granny flat") never fills a second or third slot beside strong names."""
    long = (
        "Pete Worden (now at Google) once spent about a year figuring out how to train ImageNet "
        "in a converted granny flat behind his house."
    )
    assert "converted granny flat" not in answers(long) and "ImageNet" in answers(long)
    assert answers("He lived in a converted granny flat.") == []


def test_a_rare_adjective_does_not_swallow_the_verb_after_it() -> None:
    sentence = "Children who see ability as fixed tend to give up after setbacks, Carol Dweck found."
    assert not any("tend" in a for a in answers(sentence))
