"""Cloze selection: what is hidden, what stays visible, and how long bullets become atomic cards."""

from __future__ import annotations

from notecards.generate import generate
from notecards.generate.clauses import atomic_clauses
from notecards.generate.cloze import choose_deletions, cloze_cards
from notecards.model import BIG_REVEALS, Episode, Fact, Guest, Location

WHERE = Location("decks/ep.txt", 3)


def answers(sentence: str, context: frozenset[str] = frozenset()) -> list[str]:
    return [sentence[d.start:d.end] for d in choose_deletions(sentence, context)]


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


def test_acronym_expansions_and_quoted_terms_are_chosen() -> None:
    assert "Low Level Virtual Machine" in answers(
        "The name LLVM originally stood for Low Level Virtual Machine, but the project outgrew it.")
    assert "Hell yeah or no" in answers("His rule for decisions is “Hell yeah or no”: anything else is a no.")


def test_at_most_three_deletions_of_at_most_four_words_and_a_third_of_the_sentence() -> None:
    sentence = ("In 1962, Soviet officer Vasili Arkhipov refused to approve launching a nuclear torpedo "
                "during the Cuban Missile Crisis, one of several near misses.")
    deletions = choose_deletions(sentence)
    assert 1 <= len({d.number for d in deletions}) <= 3
    hidden = [sentence[d.start:d.end] for d in deletions]
    assert all(len(a.split()) <= 4 for a in hidden)
    assert sum(len(a.split()) for a in hidden) <= 0.35 * len(sentence.split())


def test_repeated_strings_are_hidden_together_under_one_number() -> None:
    sentence = "Leslie Smith found training 10x faster with 10x higher learning rates."
    deletions = [d for d in choose_deletions(sentence) if sentence[d.start:d.end] == "10x"]
    assert len(deletions) == 2 and len({d.number for d in deletions}) == 1


def test_no_visible_word_gives_the_answer_away() -> None:
    sentence = "Outside South Africa, the entire African continent has only five pediatric radiologists."
    assert "South Africa" not in answers(sentence)


def test_verbs_and_gerunds_are_not_answers() -> None:
    chosen = answers("Jason Antic's DeOldify colorizes whole movies on a single home GPU.")
    assert "colorizes" not in chosen and "DeOldify" in chosen


def test_three_coordinated_predicates_become_atomic_statements() -> None:
    bullet = ("The K programming language (from the APL family) is so compact it fits inside the L3 cache "
              "of a CPU, wins data-processing benchmarks, and costs about $100,000 per CPU, used by elite hedge funds.")
    assert atomic_clauses(bullet) == [
        "The K programming language (from the APL family) is so compact it fits inside the L3 cache of a CPU.",
        "The K programming language wins data-processing benchmarks.",
        "The K programming language costs about $100,000 per CPU.",
        "The K programming language is used by elite hedge funds.",
    ]


def test_a_pronoun_subject_is_replaced_by_the_named_subject() -> None:
    bullet = ("Chris briefly ran Autopilot software at Tesla in 2017 before moving to Google Brain, "
              "and he describes Elon Musk as unusually willing to question conventional wisdom.")
    assert atomic_clauses(bullet)[1] == "Chris describes Elon Musk as unusually willing to question conventional wisdom."


def test_short_bullets_are_one_fact() -> None:
    bullet = "Google deliberately made TPUs almost entirely unprogrammable."
    assert atomic_clauses(bullet) == [bullet]


def test_each_atomic_clause_is_one_card_with_a_stable_role() -> None:
    bullet = ("The K programming language (from the APL family) is so compact it fits inside the L3 cache "
              "of a CPU, wins data-processing benchmarks, and costs about $100,000 per CPU, used by elite hedge funds.")
    cards = cloze_cards(Fact(BIG_REVEALS, bullet, WHERE))
    roles = [card.role for card in cards]
    assert roles[0] == "cloze" and all(role.startswith("cloze-") for role in roles[1:])
    assert len(set(roles)) == len(roles)
    answers_by_card = [{c.text[d.start:d.end] for d in c.deletions} for c in cards]
    assert not set.intersection(*answers_by_card)  # the same answer is not asked twice


def test_a_name_in_most_bullets_is_the_topic_not_an_answer() -> None:
    facts = tuple(Fact(BIG_REVEALS, text, Location("e.txt", n)) for n, text in enumerate((
        "DeepSeek trained on H800 chips made for China.",
        "DeepSeek engineers programmed below CUDA in PTX.",
        "DeepSeek released R1 under the permissive MIT license.",
    ), start=1))
    episode = Episode("P", "T", WHERE, guests=(Guest("Dylan Patel", "", WHERE),), facts=facts)
    hidden = {c.text[d.start:d.end] for c in generate(episode) if c.kind == "cloze" for d in c.deletions}
    assert "DeepSeek" not in hidden and {"H800", "PTX"} <= hidden
