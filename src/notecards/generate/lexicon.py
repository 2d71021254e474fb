"""The English the generator knows, defined once: function words, verb forms, hedges, number words,
word endings, and word rarity (wordfreq, whose data ships in its wheel).

Every generator module takes its word lists from here, below all of them, so none of them needs
another's vocabulary and no list exists in two copies.
"""

from __future__ import annotations

import re
from functools import lru_cache

STOP_WORDS = frozenset(
    (
        "a an the and or but nor of to in on at by for with from into onto over under as is are was were be been "
        "being it its it's this that these those their there they them he him his she her we our you your i my "
        "not no so than then too very can could would should will may might must do does did has have had "
        "all any both each few more most other some such only own same just also about roughly around nearly "
        "almost per if when while because since until who whom whose which what where why how yet still up "
        "least far much many less even ever instead after before without through between among"
    ).split()
)

HEDGES = (
    "about",
    "roughly",
    "around",
    "nearly",
    "almost",
    "only",
    "just",
    "over",
    "under",
    "up to",
    "at least",
    "at most",
    "more than",
    "less than",
    "fewer than",
    "some",
    "approximately",
)

NUMBER_WORDS = (
    "two three four five six seven eight nine ten eleven twelve thirteen fifteen twenty thirty "
    "forty fifty sixty hundred thousand million billion dozen"
).split()
# Where one sentence ends and the next begins: not after an initial ("B. F. Skinner"), "v."/"vs." or a
# title ("Dr. Walker").
SENTENCE_BREAK = re.compile(r"(?<!\b[A-Z])(?<!\bv)(?<!\bvs)(?<!\b(?:Dr|Mr|Ms|St|Jr|Sr|No))(?<!\bMrs)[.!?]\s+[A-Z]")
# An answer that states a number: digits, a number word or a fraction ("About half", "a third").
STATES_A_NUMBER = re.compile(
    r"\d|\b(?:one|" + "|".join(NUMBER_WORDS) + r"|half|halves|thirds?|quarters?|fifths?|tenths?)\b", re.IGNORECASE
)

TOKEN = re.compile(r"[\w][\w'’\-]*[\w]|[\w]")

WORD = re.compile(r"[\w$%][\w'’.,\-]*[\w%]|[\w$%]")

VERBS = frozenset(
    (
        "began made took built wrote ran won fell grew gave came went said became kept "
        "known shown taken written chosen grown drawn driven seen"
    ).split()
)  # irregular pasts

ABSTRACT_ENDINGS = ("ity", "ion", "ism", "ics", "ment", "ence", "ance", "ness", "ory")

METALINGUISTIC = frozenset("word words name term phrase letter title".split())  # "the word hygge"

DERIVED_ENDINGS = ("ial", "ation", "ive", "ous", "ness", "ity", "ment", "ism", "able", "ible")

ADJECTIVE_ENDINGS = ("al", "ic", "ive", "ary", "ous", "ble", "ful", "ed", "ant", "ent", "less")

# The card rules' limits (docs/card-rules.md), shared by generation and lint.
MAX_DELETIONS = 3  # cloze numbers per note (R3)
MAX_CLOZE_ANSWER_WORDS = 4  # words a deletion hides (R2)
MAX_EXPANSION_WORDS = 6  # an acronym's expansion may be longer (R2)
MAX_HIDDEN_SHARE = 0.35  # of a sentence's words hidden (R4)
MAX_QUESTION_WORDS = 25  # R7
MAX_QA_ANSWER_WORDS = 8  # R2
MAX_QA_PER_FACT = 2  # R11

# Prepositions and determiners, after which English starts a noun phrase.
PREPOSITIONS = frozenset(
    (
        "of on for with into onto from at in by about around like as through over under between among than "
        "without within across behind toward towards to"
    ).split()
)
# Adverb particles of phrasal verbs ("turn off", "a task brings up") and adverbs that end a noun phrase
# ("the team worked together"): never part of a term.
PARTICLES = frozenset("off up out down away back already again together behind".split())
DETERMINERS = frozenset("a an the his her its their our my your this these those every each".split())
# Words ending in -s that are never a third-person verb ("news", "this").
NOT_VERBS = frozenset("this his its thus us as yes less news series species lens bias plus".split())

# Verb forms: without a tagger, a closed list is how a word is known to be a verb.
AUXILIARIES = frozenset("is are was were has have had can could will would does did do may might must should".split())

# Irregular past tenses that are not also everyday nouns or adjectives ("thought", "lost").
IRREGULAR_PAST = frozenset(
    (
        "began made took built wrote ran won fell grew gave came went said became kept led found "
        "spent sold set put paid left taught brought bought told beat sent held met heard stood "
        "understood caught fought sought dealt drove rode rose spoke chose drew flew knew threw "
        "struck sang swam forgot ate shook fled slept wept withdrew overcame undertook broke wore stole froze woke "
        "bled sank rang drank hid slid spun dug swung lent bent meant forbade arose shrank sprang"
    ).split()
)

# Past participles that are not also everyday adjectives: "the code woven into", "a book written by".
PARTICIPLES = frozenset("woven written known given taken shown grown drawn chosen done seen made built".split())
# Past forms that are also everyday adjectives or nouns ("lost", "cut"): a verb only right after a name.
AMBIGUOUS_PAST = frozenset("lost thought cut hit spread cost read split hurt shed let".split())

# Plain present verbs a plural subject takes ("Central banks raise …"): a closed list, because without a tagger
# "Swift uses value semantics" would read as the kind "Swift uses" doing "value".
PRESENT_VERBS = frozenset(
    (
        "let use raise lower store work need make take give keep help cut reduce increase cause produce allow require tend "
        "rely depend grow live feed protect prevent build hold carry form contain include show follow lose save spend play "
        "run move turn create remain become seem appear last survive sit stand lie rise fall drive push pull pay cost earn "
        "sell buy trade eat sleep learn teach change control measure replace support avoid absorb emit release trap block "
        "boost improve affect determine explain share reach exceed cover travel migrate hunt communicate navigate track "
        "detect sense see hear recognise recognize remember compete perform sound look feel spread add combine split "
        "convert mimic offer provide serve fund lend borrow invest charge set tie link connect power burn shine orbit spin "
        "rotate collapse expand shrink cool heat warm melt freeze flow reflect filter digest attack kill infect heal repair "
        "regrow regulate trigger signal bind break split double halve outnumber outlive outlast predict slow speed stop "
        "start begin end open close beat hit win fail succeed choose prefer pick avoid find keep mark tune vary differ "
        "matter count fit suit put happen occur emerge lack face"
    ).split()
)


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """How common a word is in English (0 = unseen, 7 = "the").

    wordfreq loads on the first look-up, so commands and rebuilds that generate nothing do not pay
    for it at start-up."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def words(text: str) -> list[str]:
    return WORD.findall(text)


def content_words(text: str) -> list[str]:
    return [w.strip(".,") for w in words(text.lower()) if w.strip(".,") not in STOP_WORDS]
