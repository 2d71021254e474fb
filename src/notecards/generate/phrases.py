"""Lower-case noun phrases: the multi-word terms a learner should recall ("transfer learning",
"granny flat", "charitable trust", "progressive disclosure of complexity").

No tagger ships its model in a wheel small and fast enough, so phrases are found by position: a
run of content words right after a determiner, possessive or preposition (where English puts a
noun phrase) that stops before anything that looks like a verb. Their score rises with rarity
(wordfreq), so "granny flat" outranks "side project"; selection (``cloze.py``) decides.
"""

from __future__ import annotations

import re
from itertools import pairwise

from .candidate import Span
from .lexicon import (
    AUXILIARIES,
    DERIVED_ENDINGS,
    DETERMINERS,
    METALINGUISTIC,
    PARTICLES,
    PREPOSITIONS,
    STOP_WORDS,
    TOKEN,
    VERBS,
    zipf,
)

# After these a word is a verb: "to unify", "it destroys", "can compute".
VERB_BEFORE = frozenset(
    (
        "to that which who it he she they we i you can could will would should may might must "
        "cannot also not never often always"
    ).split()
)
PRONOUNS = frozenset("itself himself herself themselves it him them me us one ones".split())
COMMON_LEAD = 5.2  # zipf of everyday leading words: "single", "new", "word", "vast"
MAX_WORDS = 4
MIN_WORDS = 2


def noun_phrases(sentence: str) -> list[Span]:
    """Runs of 2–4 lower-case content words that start a noun phrase, scored by rarity."""
    tokens = list(TOKEN.finditer(sentence))
    spans = _bare_subject(sentence, tokens)
    for i, token in enumerate(tokens):
        if not token.group()[0].islower() or not _starts_phrase(sentence, tokens, i):
            continue
        if tokens[i].group().endswith("ly") and i + 1 < len(tokens) and sentence[tokens[i].end()] == " ":
            run = _run(sentence, tokens, i + 1)[1:]  # "a fully open post-training recipe": the adverb and
        else:  # the adjective it grades are not the term
            run = _run(sentence, tokens, i)
        while len(run) > 1 and (_evaluative(run[0].group()) or run[0].group() in METALINGUISTIC):
            run = run[1:]  # "the key trick": a judgement; "the word anki": the word is named, not the term
        if run and run[0].group().endswith("ing") and "-" not in run[0].group():
            run = run[1:]  # "limiting interconnect bandwidth": the gerund is the verb, the rest the term
        while len(run) > 2 and "-" not in run[0].group() and zipf(run[0].group().lower()) > COMMON_LEAD:
            run = run[1:]  # "the single biggest risk": the everyday word is not the term
        if len(run) == 2 and "-" not in run[0].group() and zipf(run[0].group().lower()) > COMMON_LEAD:
            # "front end", "long reflection", "black belt": an everyday modifier may make a fixed term;
            # "the single differentiator" may not: kept as a weak candidate, its head must carry it
            spans.append(
                Span(run[0].start(), run[-1].end(), "phrase", _score(sentence[run[0].start() : run[-1].end()]) - 0.05)
            )
            continue
        if len(run) < MIN_WORDS and not (run and "-" in run[0].group() and len(run[0].group()) > 8):
            continue
        start, end = run[0].start(), run[-1].end()
        if run[-1].group() not in PARTITIVES or not _followed_by(tokens, tokens.index(run[-1]), "of"):
            spans.append(Span(start, end, "phrase", _score(sentence[start:end])))  # not "huge amounts" of X
        of = _of_phrase(sentence, tokens, tokens.index(run[-1]))
        if of and len(run) + 2 <= MAX_WORDS:
            spans.append(Span(start, of, "phrase", _score(sentence[start:of]) - 0.02))
    return spans


# Nouns of quantity or kind: "amounts of X", "a range of X" name X, not themselves.
PARTITIVES = frozenset(
    "amount amounts number numbers lot lots majority kind kinds type types range variety sort".split()
)
EVALUATIVE = frozenset(
    "key main major real true whole entire single sole biggest famous classic important great".split()
)
NOUN_ENDINGS = ("ion", "ity", "ment", "ness", "ory", "ism", "ics", "ers", "ors", "ance", "ence")
SUBJECT_PRONOUNS = frozenset("He She They We It he she they we it".split())
OBJECT_PRONOUNS = frozenset("him her them us".split())
DEGREE = frozenset("almost nothing only more less much no also even still never just".split())
NOT_LETTERS = str.maketrans("", "", "-'’_")  # what is left of a token once only letters count
COPULAS = frozenset("is are was were".split())


def _bare_subject(sentence: str, tokens: list[re.Match]) -> list[Span]:
    """ "Export controls aim …", "Adversarial examples are …": two words before the verb, no determiner.

    A bare subject is plural or mass, so its second word is the head noun when the third is the verb
    (an auxiliary or a content word); "Humanity spends more" (a stop word third) is a verb second.
    """
    if len(tokens) < 3 or any(sentence[a.end() : b.start()] != " " for a, b in pairwise(tokens[:3])):
        return []
    first, second, third = (t.group() for t in tokens[:3])
    if (
        not first[1:].islower()
        or first.lower() in STOP_WORDS
        or first.lower() in DETERMINERS
        or first.endswith(("ly", "ing"))
        or zipf(first.lower()) < (2.0 if first.lower().endswith(DERIVED_ENDINGS) else 3.0)
    ):
        return []  # a name ("Knuth"), handled as a name
    if not second[0].islower() or second in STOP_WORDS or second.endswith(("ly", "ed", "ing")):
        return []
    if not (third in AUXILIARIES or third[0].islower() and third not in STOP_WORDS and not third.endswith("ly")):
        return []
    return [Span(tokens[0].start(), tokens[1].end(), "phrase", _score(sentence[tokens[0].start() : tokens[1].end()]))]


def looks_like_verb(sentence: str, tokens: list[re.Match], i: int) -> bool:
    """A verb by position: after "to"/a pronoun/a modal, or directly followed by a determiner."""
    before = tokens[i - 1].group().lower() if i else ""
    after = tokens[i + 1].group().lower() if i + 1 < len(tokens) else ""
    if before in VERB_BEFORE and sentence[tokens[i - 1].end() : tokens[i].start()] == " ":
        return True
    joined = i + 1 < len(tokens) and sentence[tokens[i].end() : tokens[i + 1].start()] == " "
    return (
        joined
        and (after in DETERMINERS or after in ("him", "them", "it", "us", "me"))
        and not tokens[i].group().endswith(NOUN_ENDINGS)
    )  # "makes automatic differentiation a feature"


def _starts_phrase(sentence: str, tokens: list[re.Match], i: int) -> bool:
    word = tokens[i].group()
    if not word[0].islower() or word in STOP_WORDS and not word.endswith("ly") or i == 0:
        return False
    gap = sentence[tokens[i - 1].end() : tokens[i].start()]
    previous = tokens[i - 1].group()
    if gap == " " and previous.lower() == "for" and word in ("instance", "example"):
        return False  # "for instance": a discourse marker, not a noun phrase
    if gap == " " and (previous.lower() in DETERMINERS or previous.lower() in PREPOSITIONS):
        return True
    if gap == " " and _after_verb(sentence, tokens, i - 1):
        return True  # "Swift uses value semantics", "taught him music theory": the object of a named subject
    if (
        gap == " "
        and previous in COPULAS
        and not word.endswith("ing")
        and (not word.endswith("ed") or word.startswith("un"))
    ):  # "unaligned": an adjective, not a passive
        return True  # "is unaligned artificial intelligence": a bare complement names the thing
    return gap == " " and previous.endswith(("’s", "'s"))  # "Chris's new project", "humanity's long-term potential"


def _after_verb(sentence: str, tokens: list[re.Match], v: int) -> bool:
    """Token ``v`` is a verb right after its subject: a name or a subject pronoun, then an "-s"/"-ed"
    form or a common irregular past; an object pronoun ("taught him") may follow the verb."""
    if v >= 1 and tokens[v].group() in OBJECT_PRONOUNS:
        v -= 1
    if v < 1:
        return False
    verb, subject = tokens[v].group(), tokens[v - 1].group()
    if not verb[0].islower() or verb in STOP_WORDS or not (verb.endswith(("s", "ed")) or verb in VERBS):
        return False
    if verb.endswith(("ss", "us", "is", "’s", "'s")) or sentence[tokens[v - 1].end() : tokens[v].start()] != " ":
        return False
    return (
        subject in SUBJECT_PRONOUNS
        or subject[0].isupper()
        and subject.lower() not in STOP_WORDS
        and (v > 1 or zipf(subject.lower()) < 4.5)
    )  # sentence-initial "Outside" is not a subject


def _run(sentence: str, tokens: list[re.Match], i: int) -> list[re.Match]:
    run: list[re.Match] = []
    j = i
    while j < len(tokens) and len(run) < MAX_WORDS:
        word = tokens[j].group()
        if run and sentence[tokens[j - 1].end() : tokens[j].start()] != " ":
            break
        lower = word.lower()
        if (
            not word[0].islower()
            or lower in STOP_WORDS
            or lower in PRONOUNS
            or word.endswith(("ly", "’s", "'s"))
            or not word.translate(NOT_LETTERS).isalpha()
        ):
            break
        if lower in DETERMINERS or lower in PREPOSITIONS or lower in PARTICLES or lower in DEGREE:
            break  # "the time never used": an adverb ends the phrase
        if run and (
            word in VERBS
            or looks_like_verb(sentence, tokens, j)
            or finite_after_noun(word, run[-1].group(), sentence, tokens, j)
            or _participle(word)
            or word.endswith("er")
            and _followed_by(tokens, j, "than")
            or _infinitive_after(sentence, tokens, j)
            or _followed_by_particle(sentence, tokens, j)
        ):
            break
        run.append(tokens[j])
        j += 1
    if run and j < len(tokens) and tokens[j].group() in ("one", "ones") and run[-1].end() + 1 == tokens[j].start():
        return []  # "a mediocre new one": the modifiers of a head that is a pronoun name nothing
    while run and run[-1].group().endswith(("ed", "ing")) and len(run) > 1 and not _compound_head(run[-1].group()):
        run.pop()  # "the code woven", "a program running": the participle is not part of the term
    return run


def _followed_by_particle(sentence: str, tokens: list[re.Match], j: int) -> bool:
    """ "the bad feelings a task brings up": a word right before "up"/"out"/… is a phrasal verb."""
    return j + 1 < len(tokens) and tokens[j + 1].group() in PARTICLES and tokens[j].end() + 1 == tokens[j + 1].start()


def _evaluative(word: str) -> bool:
    """Ranking words ("key", "main", "single") judge a thing rather than name it."""
    return word in EVALUATIVE


def _participle(word: str) -> bool:
    """After a noun, "-ed" and most "-ing" words are verbs ("the dog looked", "a year figuring")."""
    return "-" not in word and (word.endswith("ed") or word.endswith("ing") and not _compound_head(word))


def _infinitive_after(sentence: str, tokens: list[re.Match], j: int) -> bool:
    """ "fixed tend to give up": a word followed by "to" and a bare verb is a verb itself."""
    if j + 2 >= len(tokens) or tokens[j + 1].group() != "to" or tokens[j].group().endswith(NOUN_ENDINGS):
        return False  # "decision theory to maximize", "developers to pick": a noun then its purpose
    verb = tokens[j + 2].group()
    return (
        verb[0].islower()
        and verb not in STOP_WORDS
        and verb not in DETERMINERS
        and not verb.endswith(("s", "ing", "ed", "ion", "ity", "ness", "ment"))
    )


def _followed_by(tokens: list[re.Match], j: int, word: str) -> bool:
    return j + 1 < len(tokens) and tokens[j + 1].group() == word


def _compound_head(word: str) -> bool:
    """ "-ing" nouns that head compounds: "transfer learning", "machine learning"."""
    return word.endswith("ing") and zipf(word) > 4.0


def finite_after_noun(word: str, previous: str, sentence: str, tokens: list[re.Match], j: int) -> bool:
    """ "the compiler avoids actual copying": a singular noun then an -s word followed by more words."""
    if not word.endswith("s") or word.endswith(("ss", "us", "is")) or previous.endswith("s"):
        return False
    nxt = tokens[j + 1] if j + 1 < len(tokens) else None
    return bool(
        nxt
        and sentence[tokens[j].end() : nxt.start()] == " "
        and nxt.group()[0].islower()
        and (nxt.group() not in STOP_WORDS or nxt.group() in DETERMINERS or nxt.group() in DEGREE)
    )  # "developers to pick": a noun


def _of_phrase(sentence: str, tokens: list[re.Match], last: int) -> int | None:
    """ "disclosure" + "of complexity": one content word after "of" completes the term."""
    if last + 2 >= len(tokens) or tokens[last + 1].group() != "of":
        return None
    noun = tokens[last + 2]
    if (
        sentence[tokens[last].end() : noun.start()] != " of "
        or not noun.group()[0].islower()
        or noun.group() in STOP_WORDS
        or noun.group().endswith(("ly", "ing"))
    ):
        return None
    after = sentence[noun.end() : noun.end() + 2]
    if after[:1] == " " and after[1:2].isalpha() and after[1:2].islower():
        following = sentence[noun.end() + 1 :].split()[0].strip(",.;:")
        if following not in STOP_WORDS:
            return None  # "of wanting more money": a longer phrase, not a term
    return noun.end()


def _score(phrase: str) -> float:
    """0.45 for everyday phrases ("side project") up to ~0.8 for rare ones ("granny flat").

    A very common first word ("single book", "vast majority") was dropped before scoring.
    """
    parts = [p for p in re.split(r"[\s\-]+", phrase) if p and p not in STOP_WORDS]
    rarity = sum(min(zipf(p), 6.0) for p in parts) / max(len(parts), 1)
    hyphen = 0.04 if "-" in phrase else 0.0
    return round(min(0.45 + max(0.0, 5.4 - rarity) / 4 + hyphen, 0.95), 3)
