"""Questions whose answer is a named thing or a term: "What is <definition> called?", "What
<predicate>?" for a named subject, and appositions ("X, launched in 2006, …")."""

from __future__ import annotations

import re

from ..model import Card, Episode, Fact
from .cloze import topic_names
from .lexicon import IRREGULAR_PAST, PRESENT_VERBS, STOP_WORDS, words, zipf
from .qa_rules import PRONOUN_START
from .wh_grammar import SPEECH_VERBS, TERM_VERBS, finite_verb_at, names_a_class

MAX_DEFINITION_WORDS = 13
IS_DEFINED = re.compile(
    r"^(?:The\s+)?(?P<term>(?:[A-Z][\w\-]*|[a-z][\w\-]*)(?:[’']s?)?(?:\s[a-z][\w\-]+){0,3})"
    r"(?:,\s[^,;:]{3,60},)?\s+(?P<verb>is|are)\s+(?P<definition>(?:an?|the|[A-Z][\w\-]*(?:’s|'s))\s[^;:]+)"
)


def called_cards(fact: Fact, text: str) -> list[Card]:
    """ "Kolmogorov complexity is the length of the shortest program …" → "What is the length of the
    shortest program … called?" → "Kolmogorov complexity": a term and its definition, asked backwards.

    Only a short term (at most 4 words, not a pronoun) and a definition that starts like a noun
    phrase ("a", "the", "Marcus's"); never "X is so compact …" or "X is one that …".
    """
    match = IS_DEFINED.match(text)
    if not match or PRONOUN_START.match(match["term"]) or len(words(match["term"])) > 4:
        return []
    term = match["term"]
    if re.match(r"the\s+[A-Z]", match["definition"]) and not re.match(
        r"the\s+[A-Z][\w\-]*\s+(?!(?:in|of|at|on|from|by|for|near|and)\b)[a-z]", match["definition"]
    ):
        return []  # "Iris's favourite museum is the Prado in Madrid": a name, not a definition
    if term.split()[0].endswith("ing"):
        return []  # "Reducing existential risk is a public good": an action, not a term
    if term.split()[0][1:].islower() and zipf(term.split()[0].lower()) > 5.0 and " " not in term:
        return []  # "Humanity is a …": an everyday word, not a term
    definition = re.sub(r"\s*\([^)]*\)", "", match["definition"]).strip().rstrip(".")
    definition = re.split(
        r"\s+(?:and|but|so|while)\s+(?:it|he|she|they|[A-Z][a-z]+)\s"
        r"|,\s+(?=(?:which|who|where|and|but|so|such|a|an|the|[a-z]+ing)\b)",
        definition,
    )[0]
    definition = re.split(r",\s+of\s+which\b", definition)[0].rstrip(",")
    if len(words(definition)) > MAX_DEFINITION_WORDS:  # "a state of … focus that lets …": the relative clause goes
        relative = re.search(r"(?<=\w)\s+(?:that|which|who|where|with)\s", definition)
        definition = definition[: relative.start()] if relative else definition
    if len(words(definition)) > MAX_DEFINITION_WORDS:
        return []
    if len(words(definition)) < 4:
        return []
    answer = ("The " if text.startswith("The ") else "") + term
    return [Card("qa", "qa-called", fact, question=f"What {match['verb']} {definition} called?", answer=answer)]


SUBJECT_THING = re.compile(
    # an acronym or inner capital ("DeOldify", "H100"), "Swift for TensorFlow", or a plain title-case word
    # (asked "Who" when it does what people do; else nothing: "Crews welded …" is no "What")
    r"^(?P<name>[A-Z][\w\-]*[A-Z0-9][\w\-]*|[a-z]+[A-Z][\w\-]*|[A-Z][a-z]+(?:\s(?:for|of)\s[A-Z][\w\-]+)?"
    r"|[A-Z][a-z]+(?:’s|'s)\s[a-z]{3,})"  # "Occam's razor says …"
    r"(?:\s\([^)]*\))?\s+(?P<predicate>(?P<verb>[a-z]{2,}(?:s|ed)|began|built|made|grew|became|won|took|wrote|"
    r"is\s+the|was\s+the|was\s+(?:[a-z]+ed|built|made|written|known|born|given))\b[^;:]*)"
)


def named_subject_cards(
    fact: Fact, text: str, episode: Episode | None, context: frozenset[str] | None = None
) -> list[Card]:
    """ "Clang was built as a … front end" → "What was built as a … front end?" → "Clang".

    Only a named thing (an acronym, a CamelCase or rare name, "Swift for TensorFlow") that starts
    the bullet and is followed by its verb; never a person of the episode or the episode's topic,
    never "X is a …" (that asks for a definition, not a name). ``context`` holds the episode's topics
    and people when the caller has them already (``topic_names`` is not cheap).
    """
    match = SUBJECT_THING.match(text)
    if (
        not match
        or match["verb"].endswith("ss")
        or match["verb"] == "has"
        or match["verb"] in TERM_VERBS
        or match["verb"] in SPEECH_VERBS - {"says", "said"}
    ):  # "OpenAI suggested …": the claim is the fact
        return []
    if re.match(r"\S+\s+(?:is|are|was|were|have|has)\b", match["predicate"]) and match["verb"] not in ("is", "was"):
        return []  # "Adversarial examples are …": the "verb" was a plural noun
    if match["verb"] in ("is", "was") and not re.match(
        r"(?:is|was)\s+(?:the|[a-z]+ed|built|made|written|known|born|given)\b", match["predicate"]
    ):
        return []  # "X is a …" asks for a definition, not a name
    name = match["name"]
    if episode is not None and name in (topic_names(episode) if context is None else context):
        return []  # "DeepSeek trained on …" in an episode about DeepSeek asks nothing
    if episode is not None and any(
        part in {*episode.guest_names, episode.host, episode.podcast}
        or any(part in person.split() for person in (*episode.guest_names, episode.host))
        for part in (name, name.split()[0])
    ):
        return []
    if " " not in name and name[1:].islower() and (zipf(name.lower()) > 3.9 or name.endswith(("ed", "ing"))):
        return []  # "Humanity spends …", "Engineered pandemics …": an ordinary word, not a name
    predicate = re.sub(r"\s*\([^)]*\)", "", match["predicate"])
    predicate = re.split(
        r",\s+(?=[a-z]+ing\b|which\b|who\b|and\b|but\b|while\b|so\b|the\b|a\b)"
        r"|\s+(?:and|but|while|so|which|because)\s+(?=[a-z]+(?:s|ed)\s|(?:"
        + "|".join(sorted(IRREGULAR_PAST))
        + r")\s)",
        predicate,
    )[0]
    predicate = predicate.strip().rstrip(".")
    if len(words(predicate)) < 3:
        return []
    person = match["verb"] in PERSON_VERBS  # "his" in the predicate may be someone else's ("… out of his lectures")
    wh = "Who" if " " not in name and person else "What"
    if wh == "What" and re.fullmatch(r"[A-Z][a-z]+", name):
        return []  # "Crews welded …", "Carlsen became …": a plain capitalised word may be a person or a noun
    return [Card("qa", "qa-what" if wh == "What" else "qa-who", fact, question=f"{wh} {predicate}?", answer=name)]


# What a one-word name does when it names a person ("Knuth received …"), not a thing ("Slack launched …").
PERSON_VERBS = frozenset(
    "received won wrote married studied taught coined invented discovered proposed earned died "
    "retired resigned argued believed".split()
)
NAMED = r"(?:[A-Z][\w\-]*|\d+)(?:\s(?:[A-Z][\w\-]*|\d+|of|for|and|the))*"
APPOSITIVE = re.compile(
    r"(?:^|\s)(?P<subject>(?:The\s(?:[a-z]+\s){0,2})?"
    + NAMED
    + r"|^The\s(?:[a-z][\w\-]*\s){0,2}[a-z][\w\-]*),\s+"  # "The brigade system, devised by …"
    r"(?:(?:\d+\s+|an?\s+)?[a-z][\w\-]*\s+(?=[a-z]+\s+by\s))?"  # "X, 19 aphorisms written by Y"
    r"(?P<adverb>first\s+)?"
    r"(?P<part>[a-z]+ed|built|written|made|begun|founded|held|found|known|run|given|taken|sold|won|"
    r"lost|seen|drawn|shown|chosen|grown|led|fought|bought|brought|taught|kept|left|set)\s+"
    r"(?P<agent>by\s+(?:[A-Za-z][\w’'\-]*\s){0,2}[a-z]+\s+)?(?:(?:in\s+(?P<year>(?:1[5-9]|20)\d\d))"
    r"|by\s+(?P<name>[A-Z][\w\-]+(?:\s[A-Z][\w\-]+){1,2}))\b(?!\s+and\s+[A-Z])"
)


def appositive_cards(fact: Fact, text: str) -> list[Card]:
    """ "The original Hutter Prize, launched in 2006, …" → "In what year was the original Hutter Prize
    launched?"; "The Zen of Python, (19 aphorisms) written by Tim Peters, …" → "By whom was the Zen of
    Python written?"."""
    match = APPOSITIVE.search(text)
    if not match:
        return []
    subject = match["subject"]
    if re.match(r"The [a-z]", subject) or re.fullmatch(r"The(?: [A-Z][\w\-]*){1,2}", subject):
        subject = (
            "t" + subject[1:]
        )  # "the original Hutter Prize", "the Rosetta Stone", but "The Art of Learning" is a title
    verb = f"{match['adverb'] or ''}{match['part']}" + (f" {match['agent'].strip()}" if match["agent"] else "")
    if match["year"]:
        return [Card("qa", "qa-when", fact, question=f"In what year was {subject} {verb}?", answer=match["year"])]
    return [Card("qa", "qa-by-whom", fact, question=f"By whom was {subject} {verb}?", answer=match["name"])]


ASIDE_TERM = re.compile(
    r"^(?P<term>[A-Z][a-z\-]+(?:\s[a-z][\w\-]*){0,3}),\s+(?P<definition>(?:[A-Z][\w\-]+(?:’s|'s)\s)?"
    r"[a-z][^,;:()]{8,100}),\s+(?P<rest>[a-z][^;]*)"
)
# The head nouns of a definition ("the tendency to …", "invisible mass that …"); "the main tool of the plan" is a
# role, not a definition, and "the former capital of Japan" a description of a name.
DEFINITION_HEADS = frozenset(
    (
        "tendency ability capacity practice process idea concept notion state stage phase effect "
        "phenomenon method technique approach principle property habit belief theory study field "
        "branch art science condition disorder strategy rule mass form kind type act feeling sense "
        "fear bias illusion error fallacy law pattern cycle loop mechanism simulation simulations "
        "copies copy combination mix blend set system systems measure quantity amount rate ratio "
        "skill trait instinct urge drive mindset practice exercise"
    ).split()
)
TERM_WORDS = frozenset("term word name phrase label".split())


def aside_called_cards(fact: Fact, text: str) -> list[Card]:
    """ "Digital people, detailed simulations of human minds running on computers, could be copied …" → "What are
    detailed simulations of human minds running on computers called?" → "Digital people".

    Only a term of two to four words whose first alone is capitalised (a term, not a name), an aside that
    defines it ("the …" or a bare noun phrase; "a …" only names a class it belongs to, not a time, not a
    pointer back), and a finite verb after it (an apposition, not a list).
    """
    match = ASIDE_TERM.match(text)
    if not match:
        return []
    term, definition = match["term"], match["definition"].strip()
    first = term.split()[0].lower()
    if (
        first in STOP_WORDS
        or first in ("most", "many", "some", "every", "each", "last", "next", "both", "all")
        or first.endswith(("ly", "er", "est"))
    ):
        return []  # "Most people, the ones who vote, …", "Higher taxes, …": a quantifier or a comparison, not a term
    owner = re.match(r"[A-Z][\w\-]+(?:’s|'s)\s", definition)
    head = re.split(r"\s(?:of|that|which|who|whose|where|when|in|on|for|with|from|by|to|at|[a-z]+ing)\b", definition)[
        0
    ].split()[-1]
    if owner:  # "Growth mindset, Dweck's term for believing ability can grow, …" → "What is Dweck's term for …?"
        if head not in TERM_WORDS or len(words(definition)) > MAX_DEFINITION_WORDS or not finite_verb_at(match["rest"]):
            return []
        return [Card("qa", "qa-called", fact, question=f"What is {definition}?", answer=term)]
    if head not in DEFINITION_HEADS:
        return []
    lead = definition.split()[0]
    if (
        lead in STOP_WORDS - {"the"}
        or lead.endswith(("ing", "ly"))
        or lead in ("including", "like", "such", "especially")
    ):
        return []  # "Five states, including New York …", "X, at about 5 grams a day, …": an example or a measure
    if re.match(r"an?\s", definition):
        return []  # "Apple pie, a dessert Americans love, …": a class it belongs to, not what it is
    if (
        definition.startswith("the ")
        and not names_a_class(definition)
        or PRONOUN_START.search(definition)
        or re.search(r"\b(?:he|she|they|his|her|their|its)\b", definition)
    ):
        return []
    plain = term.endswith("s") and match["rest"].split()[0] in PRESENT_VERBS  # "Digital twins, …, let engineers …"
    if not (finite_verb_at(match["rest"]) or plain) or not 3 <= len(words(definition)) <= MAX_DEFINITION_WORDS:
        return []
    verb = "is" if not head.endswith("s") or head.endswith(("ss", "us", "is")) or head == "people" else "are"
    verb = "are" if head in ("people", "children", "men", "women") else verb
    return [Card("qa", "qa-called", fact, question=f"What {verb} {definition} called?", answer=term)]
