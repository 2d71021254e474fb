"""What a cloze deletion may be (generate/span_rules.py), each rule on made-up sentences."""

from __future__ import annotations

from pathlib import Path

from notecards import load
from notecards.generate import generate
from notecards.generate.clauses import atomic_clauses
from notecards.generate.cloze import choose_deletions, cloze_cards
from notecards.generate.spans import candidate_spans
from notecards.model import BIG_REVEALS, Card, Episode, Fact, Location

WHERE = Location("notes.txt", 2)


def candidates(sentence: str) -> set[str]:
    return {span.text(sentence) for span in candidate_spans(sentence)}


def answers(sentence: str) -> list[str]:
    return [sentence[d.start : d.end] for d in choose_deletions(sentence)]


def test_alternatives_and_ranges_are_one_deletion() -> None:
    for sentence, whole in (
        ("Grey wolves outnumber brown bears three or four to one in the northern valleys.", "three or four"),
        ("A healthy adult has a resting pulse of 60 to 70 beats a minute.", "60 to 70"),
        ("Her blood pressure settled at 110 over 70 after the long trial.", "110 over 70"),
    ):
        found = candidates(sentence)
        assert any(whole in c for c in found), found
        assert not any(c in ("three", "four", "60", "70", "110") for c in found), found


def test_an_acronym_beside_its_expansion_is_never_hidden() -> None:
    for sentence in (
        "An SSD (solid-state drive) has no moving parts, so it survives drops far better.",
        "BSP stands for Binary Space Partitioning, which Doom used to draw walls quickly.",
        'Kahneman popularized WYSIATI, "what you see is all there is", in his 2011 book.',
    ):
        hidden = " ".join(answers(sentence))
        assert not any(part in hidden for part in ("SSD", "solid-state", "BSP", "Binary", "WYSIATI", "what you")), (
            sentence,
            hidden,
        )


def test_no_deletion_cuts_a_term_a_title_or_a_name() -> None:
    assert "x86" not in candidates("Jim co-authored the x86-64 instruction set while at the chip maker.")
    assert "Banquet" not in candidates("Invitation to a Banquet tells the story of Chinese cooking through dishes.")
    assert "Tversky" not in candidates("Daniel Kahneman and Amos Tversky published prospect theory in 1979.")
    assert "Carolene Products" not in candidates("United States v. Carolene Products (1938) changed judicial review.")
    assert "United States v. Carolene Products" in candidates(
        "United States v. Carolene Products (1938) changed judicial review."
    )
    assert not any("sit" in c.split() for c in candidates("Most of a neuron's synapses sit on its distal dendrites."))


def test_an_owner_and_a_year_are_never_one_deletion() -> None:
    assert not any(
        "'s 2007" in c or "’s 2007" in c for c in candidates("Apple's 2007 launch of the iPhone changed phones.")
    )


def test_a_number_other_numbers_give_away_stays_visible() -> None:
    sentence = "In 2019 Wolfram offered $30,000 in prizes, $10,000 each, for three open problems about Rule 30."
    assert not {"$30,000", "$10,000"} & set(answers(sentence))
    assert "1,000" not in answers("His essay 1,000 True Fans says a creator can live on about a thousand fans.")
    assert "two" not in answers("Both sensors drift, so the two instruments are recalibrated every week.")


def test_a_title_is_hidden_whole_and_an_abbreviation_keeps_its_period() -> None:
    assert "The Art of Computer Programming" in candidates("He began The Art of Computer Programming in 1962.")
    assert "H.M." in candidates("The surgeon William Scoville operated on patient H.M. in 1953.")


def test_a_hidden_year_alone_is_never_a_note_but_a_fact_still_gets_a_card() -> None:
    fact = Fact(BIG_REVEALS, "The Art of Learning was published in 2007 by Free Press.", WHERE)
    cards = cloze_cards(fact, first_slot=0.65)
    assert (
        all(card.text[d.start : d.end] != "2007" for card in cards for d in card.deletions)
        or len({d.number for card in cards for d in card.deletions}) > 1
    )
    episode = Episode("P", "T", WHERE, facts=(fact,))
    assert [card for card in generate(episode) if card.fact == fact]  # every fact still gets a card


def test_one_everyday_word_is_only_a_last_resort() -> None:
    sentence = "When schools closed in the pandemic, many mothers left paid work for years."
    strong = [s for s in candidate_spans(sentence) if s.text(sentence) == "pandemic"]
    assert strong and all(s.score < 0.5 for s in strong)


def test_the_setting_and_one_member_of_a_list_are_weaker_than_the_point() -> None:
    sentence = "After Hurricane Fran hit Raleigh in 1996, sellers of ice were charged with price gouging."
    scores = {s.text(sentence): s.score for s in candidate_spans(sentence)}
    assert scores["Hurricane Fran"] < 0.8 and scores["Raleigh"] < 0.8
    listed = "Computing is layers of abstraction, from atoms, transistors, logic gates and processors up to programs."
    assert all(s.score < 0.8 for s in candidate_spans(listed) if s.text(listed) == "logic gates")


def test_every_deletion_but_a_lone_facts_first_is_a_strong_candidate() -> None:
    fact = Fact(BIG_REVEALS, "Pete Worden trained ImageNet in a converted granny flat behind his house.", WHERE)
    hidden = [c.text[d.start : d.end] for c in cloze_cards(fact) for d in c.deletions]
    assert "ImageNet" in hidden and "converted granny flat" not in hidden


def asked(card: Card) -> list[str]:
    return [card.text[d.start : d.end] for d in card.deletions] if card.kind == "cloze" else [card.answer]


def test_a_nested_bullet_asks_only_its_own_words(tmp_path: Path) -> None:
    """A child bullet carries its short parent in front (Markdown nesting): its cards never ask again
    what the parent's words say; the parent has its own cards."""
    notes = tmp_path / "sleep.md"
    notes.write_text(
        "---\npodcast: Sleep Talk\nepisode: 3\ntitle: Deep sleep\n---\n\n## Key takeaways\n\n"
        "- Deep sleep moves the day's events from the hippocampus to the cortex.\n"
        "  - It happens mostly in the first hours of the night.\n",
        encoding="utf-8",
    )
    episode = load(notes)
    parent, child = episode.facts
    assert child.text.startswith(parent.text)
    cards = generate(episode)
    parent_answers = {answer for card in cards if card.fact == parent for answer in asked(card)}
    child_answers = {answer for card in cards if card.fact == child for answer in asked(card)}
    assert "hippocampus" in parent_answers
    assert child_answers and not child_answers & parent_answers, child_answers


def test_a_term_never_runs_into_a_verb_an_adverb_or_a_missing_head() -> None:
    for sentence, never in (
        ("Traders at the time never used the name for the whole route.", "time never"),
        ("Re-reading a great book beats reading a mediocre new one.", "mediocre new"),
        ("Procrastination avoids the bad feelings a task brings up at once.", "task brings"),
        ("Turn off pull-to-refresh wherever the app allows it.", "off pull-to-refresh"),
    ):
        assert never not in candidates(sentence), (sentence, candidates(sentence))


def test_text_of_several_sentences_makes_one_statement_per_note() -> None:
    """A highlight or a takeaway of two sentences: each note hides words of one sentence; a sentence
    opening with "It" keeps the one before it in front, to say what "it" is."""
    two = "Kent Beck described the red, green, refactor cycle in 2002. Write a failing test first."
    quote = "You can point at a memory now. It's a few thousand cells, and you can turn them on."
    assert atomic_clauses(two) == [
        "Kent Beck described the red, green, refactor cycle in 2002.",
        "Write a failing test first.",
    ]
    assert atomic_clauses(quote) == [quote]
    [card] = cloze_cards(Fact(BIG_REVEALS, quote, WHERE))
    assert [card.text[d.start : d.end] for d in card.deletions] == ["thousand cells"]
