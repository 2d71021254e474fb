"""Wh-questions for a named thing by where it stands in its clause, so most facts with a salient name
get one short card.

Each form replaces the name with the wh-word English uses for that position, and keeps the rest
of the clause as written:

* possessor: "Josh draws on Carol Dweck's research …" → "Josh draws on whose research …?";
  "Epicurus' principle … says …" → "Whose principle … says …?";
* subject: "CD Baby started by accident when …" → "What started by accident when …?";
* apposition: "… from ABC, a teaching language Guido …" → "… from which teaching language Guido …?";
  "DeepSeek's parent, the Chinese quant hedge fund High-Flyer, …" → "Which Chinese quant hedge fund
  is DeepSeek's parent?";
* name before its class noun: "The K programming language is …" → "Which programming language is …?";
* a name in brackets after a lower-case phrase: "… introduced transfer learning to NLP (ULMFiT)" →
  "… introduced transfer learning to NLP under what name?";
* a quoted name before its class noun: "… follows a “batteries included” philosophy" → "… follows what
  philosophy?";
* a possessive subject of "is": "Toby Ord's biggest single risk is unaligned AI, …" → "What is Toby
  Ord's biggest single risk?".

Every card is still checked by ``qa_rules.is_clean``; context names (guests, host, topics) are never
answers.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Card, Fact
from .questions import IRREGULAR_PAST, has_finite_verb
from .spans import STOP_WORDS, expansion_before, words, zipf

NAME_WORD = r"(?:[A-Z][\w\-.]*[\w](?:[’'][A-Z][\w\-]*)?|[a-z]+[A-Z][\w\-]*|[A-Z])"
NAME = NAME_WORD + r"(?:\s(?:(?:of|for|de|van|von)\s)?" + NAME_WORD + r"|\s\d+[A-Za-z]?\b)*"
# One to three lower-case words naming a class ("programming language", "organ work"), never a verb.
KIND = r"(?:(?!(?:is|are|was|were|has|have|had)\b)[a-z][\w\-]*\s){0,2}(?!(?:is|are|was|were|has|have|had)\b)[a-z][\w\-]*"
# A title between commas: "Fire and Smoke", "The Art of Learning".
TITLE = r"[A-Z][\w’'\-]*(?:\s(?:[A-Z][\w’'\-]*|\d+|of|and|the|for|in|a|to|&)){0,6}(?<=[\w])"
CLAUSE_BREAK = re.compile(r";\s+|,\s+(?:and|but|while|yet|so)\s+(?=[A-Z])|:\s+(?=[A-Z])")
PREDICATE_END = re.compile(r"[;:]|,\s+(?:which|who|where|and|but|so|yet|while|such|a|an|the|[a-z]+ing|[a-z]+(?<!s)s|[a-z]+ed)\b"
                           r"|\s+(?:and|but|while|which|because|rather than)\s+(?=[a-z]+(?:s|ed|ing)\s|(?:"
                           + "|".join(sorted(IRREGULAR_PAST)) + r")\s)"
                           r"|\s+\(|[.!?]\s*$")
FINITE_VERB = re.compile(r"(?:(?:once|first|also|still|just|only|never|now|[a-z]+ly)\s+)?"
                         r"(?P<verb>is|are|was|were|has|have|had|can|could|will|would|[a-z]{2,}(?<![su]s)s|[a-z]{2,}ed|"
                         + "|".join(sorted(IRREGULAR_PAST)) + r")\b")
AUXILIARIES = frozenset("is are was were has have had can could will would may might must do did".split())
PLAIN_VERBS = frozenset(("come go make take get give tend seem need want use work run become keep show find help "
                         "aim try let say think know see look").split())
PREPOSITIONS = frozenset("on of by from with to in at for about under like than into over through".split())
NOT_VERBS = frozenset("this his its thus us as yes less news series species lens bias plus".split())
SPEECH_VERBS = frozenset(("said says argues argued thinks thought believes believed suggests suggested claims claimed "
                          "notes noted estimates estimated").split())


@lru_cache(maxsize=None)
def _compiled(pattern: str) -> re.Pattern:
    """Patterns built from ``NAME`` compiled once: the ``re`` module's own cache is shared and churns."""
    return re.compile(pattern)


def _match(pattern: str, text: str) -> re.Match | None:
    return _compiled(pattern).match(text)


def _search(pattern: str, text: str) -> re.Match | None:
    return _compiled(pattern).search(text)


def _finditer(pattern: str, text: str):
    return _compiled(pattern).finditer(text)


def _sub(pattern: str, replacement: str, text: str) -> str:
    return _compiled(pattern).sub(replacement, text)


def wh_cards(fact: Fact, text: str, excluded: frozenset[str], owner: str = "") -> list[Card]:
    """Every wh-question of this module the text gives, in order of how reliably right they are.

    ``owner`` is who "his"/"her" means (the episode's one guest), or "" when that is unclear.
    """
    cards: list[Card] = []
    for make in (_possessive_is, _possessor, _apposition, _name_before_class, _subject_name, _bracketed_name,
                 _quoted_kind):
        cards.extend(c for c in make(fact, text) if not _excluded(c.answer, excluded))
    for make in (_owned_name, _quoted_phrase_of):
        cards.extend(c for c in make(fact, text, owner) if not _excluded(c.answer, excluded))
    return cards


def _excluded(answer: str, excluded: frozenset[str]) -> bool:
    parts = {part for name in excluded for part in name.split()}
    return answer in excluded or any(token in parts for token in answer.replace("’s", "").split())


def _clauses(text: str) -> list[tuple[int, str]]:
    """The text's main clauses with where each starts: split at ";", ": X" and ", and X"."""
    pieces, start = [], 0
    for match in CLAUSE_BREAK.finditer(text):
        pieces.append((start, text[start:match.start()]))
        start = match.end()
    pieces.append((start, text[start:]))
    return [(at, piece.rstrip(" .")) for at, piece in pieces if piece.strip()]


def _predicate(rest: str) -> str:
    """The verb phrase up to where a new clause or an aside starts."""
    end = PREDICATE_END.search(rest)
    return (rest[:end.start()] if end else rest).strip().rstrip(",.")


def _verb_at(rest: str) -> re.Match | None:
    """The finite verb ``rest`` starts with; not a plural noun ("examples are …", "pandemics come …")."""
    match = FINITE_VERB.match(rest)
    if not match or match["verb"] in NOT_VERBS or match["verb"] in STOP_WORDS and match["verb"] not in AUXILIARIES:
        return None
    following = re.match(r"\s+([a-z]+)", rest[match.end():])
    if match["verb"].endswith("s") and match["verb"] not in AUXILIARIES and following and (
            following[1] in AUXILIARIES or _plain_verb(following[1])):
        return None
    return match


def _plain_verb(word: str) -> bool:
    """"come", "tend", "make": a bare verb after a plural noun subject, not a noun or an adverb."""
    return word not in STOP_WORDS and not word.endswith(("s", "ly", "ing", "ed", "al", "ic")) and zipf(word) > 4.5 \
        and word in PLAIN_VERBS


def _is_name(name: str, initial: bool = False) -> bool:
    """A proper name worth asking: not one everyday capitalised word ("China", "Humanity"); at the start
    of a clause, not an ordinary word that is only capitalised there ("Engineered pandemics")."""
    tokens = name.split()
    if not tokens or all(t[0].isdigit() for t in tokens) or tokens[0] in ("The", "A", "An", "In", "I"):
        return False
    if len(tokens) == 1 and tokens[0][1:].islower() and zipf(tokens[0].lower()) > (3.0 if initial else 4.0):
        return False
    return True


def _person(name: str) -> bool:
    tokens = name.split()
    return (2 <= len(tokens) <= 3 and all(re.fullmatch(r"[A-Z][a-zà-ÿ]+", t) for t in tokens)
            and zipf(tokens[-1].lower()) < 4.0)


def _possessor(fact: Fact, text: str) -> list[Card]:
    """"X's N …" → "Whose N …?": a possessor, at the start of a clause or after a verb or preposition."""
    for at, clause in _clauses(text):
        for match in _finditer(r"(?:^|(?<=\s))(?P<name>" + NAME + r")(?:’s|'s|(?<=s)’|(?<=s)')\s+"
                                 r"(?P<noun>[a-z][\w\-]*)", clause):
            name, noun = match["name"], match["noun"]
            if not _is_name(name) or zipf(noun) < 4.0 or noun in STOP_WORDS:
                continue  # "Occam's razor", "Moore's Law": the possessive is part of a term
            before = clause[:match.start()]
            after = clause[match.start("noun"):]
            if not before.strip():
                verb = _search(r"\s(?=" + FINITE_VERB.pattern + r")", after)
                if not verb or not _verb_at(after[verb.end():]) or re.search(r"[,(]", after[:verb.start()]) \
                        or not _is_name(name, initial=True):
                    continue  # the possessor's noun phrase must run straight into its verb
                question = "Whose " + _predicate(after)
            else:
                previous = before.split()[-1].lower()
                if not has_finite_verb(before) or previous.endswith(","):
                    continue
                bare_verb = re.search(r"\bto\s+[a-z]+\s$", before)  # "pushed London to build X's network"
                if previous not in PREPOSITIONS and not _verb_at(previous) and not bare_verb:
                    continue
                question = before + "whose " + _predicate(after)
            return [Card("qa", "qa-whose", fact, question=question[0].upper() + question[1:] + "?", answer=name)]
    return []


def _subject_name(fact: Fact, text: str) -> list[Card]:
    """"CD Baby started by accident when …" → "What started by accident when …?" (or "Who" for a person)."""
    for at, clause in _clauses(text):
        clause = _sub(r"^(?:" + NAME + r")(?:’s|'s)\s+(?=[A-Z])", "", clause)  # "Jason Antic's DeOldify"
        match = _match(r"(?P<name>(?:The\s)?" + NAME + r")(?:\s\([^)]*\))?\s+", clause)
        name = match["name"].removeprefix("The ") if match else ""
        if not match or not _is_name(name, initial=True):
            continue
        if re.fullmatch(r"[A-Z][a-z]+", name):
            continue  # "Semmelweis showed …": one capitalised word may be a person or a thing
        rest = clause[match.end():]
        verb = _verb_at(rest)
        if not verb or verb["verb"] in ("has", "have", "had"):
            continue  # "X has …" asks little
        if re.match(r"(?:is|are|was|were)\s+(?:an?|one)\b", rest) or verb["verb"] in ("stands", "stood", "means"):
            continue  # a definition or an expansion: their own cards
        person = _person(name) and name == match["name"]
        if verb["verb"] in SPEECH_VERBS:
            continue  # "X argues that …": the claim, not the speaker, is the fact
        predicate = _predicate(rest)
        if len(words(predicate)) < 3:
            continue
        wh = "Who" if person else "What"
        return [Card("qa", "qa-what" if wh == "What" else "qa-who", fact, question=f"{wh} {predicate}?",
                     answer=match["name"])]
    return []


def _apposition(fact: Fact, text: str) -> list[Card]:
    """"from ABC, a teaching language …" → "from which teaching language …?";
    "X's parent, the Chinese fund High-Flyer, …" → "Which Chinese fund is X's parent?"."""
    a = _search(r"(?P<name>" + NAME + r"),\s+(?:a|an)\s+(?P<noun>(?:[A-Za-z][\w\-]*\s){0,3}?[a-z][\w\-]*)"
                  r"(?P<rest>(?:(?!\swith\s)[^,;:.])*)", text)
    if a and _is_name(a["name"]):
        before = text[:a.start()]
        previous = before.split()[-1].lower() if before.split() else ""
        if before and has_finite_verb(before) and (previous in PREPOSITIONS or _verb_at(previous)):
            question = f"{before}which {a['noun']}{a['rest']}".strip()
            return [Card("qa", "qa-which", fact, question=question[0].upper() + question[1:] + "?",
                         answer=a["name"])]
    the = _search(r"(?P<head>(?:" + NAME + r")(?:’s|'s)\s+[a-z][\w\-]*),\s+the\s+"
                    r"(?P<kind>(?:[A-Za-z][\w\-]*\s){1,4}?)(?P<name>" + NAME + r"),", text)
    if the and _is_name(the["name"]) and the["kind"].split()[-1][0].islower():
        return [Card("qa", "qa-which", fact, question=f"Which {the['kind'].strip()} is {the['head']}?",
                     answer=the["name"])]
    return []


def _name_before_class(fact: Fact, text: str) -> list[Card]:
    """"The K programming language (…) is so compact …" → "Which programming language is so compact …?"."""
    match = _match(r"The\s+(?P<name>" + NAME + r")\s+(?P<kind>" + KIND + r")"
                     r"(?P<aside>\s\([^)]*\)|,[^,;]+,)?\s+", text)
    if not match or not _is_name(match["name"]):
        return []
    kind = match["kind"]
    if kind.split()[-1] in STOP_WORDS or _verb_at(kind.split()[-1]) or zipf(kind.split()[-1]) < 3.0:
        return []
    rest = text[match.end():]
    if not _verb_at(rest) or re.match(r"(?:is|are|was|were)\s+(?:an?|one)\b", rest):
        return []  # "The X mechanism is an ancient …": a definition, asked by "called" (term_questions)
    predicate = _predicate(rest)
    if len(words(predicate)) < 3:
        return []
    aside = (match["aside"] or "") if (match["aside"] or "").startswith(",") else ""
    return [Card("qa", "qa-which", fact, question=f"Which {kind}{aside} {predicate}?", answer=match["name"])]


def _bracketed_name(fact: Fact, text: str) -> list[Card]:
    """"… introduced transfer learning to NLP (ULMFiT)" → "… introduced transfer learning to NLP under what name?"."""
    match = re.search(r"\s\((?P<name>[A-Z][\w\-]*[A-Z][\w\-]*|[A-Z][a-z]+[A-Z][\w\-]*)\)", text)
    if not match:
        return []
    before = text[:match.start()]
    start = max(before.rfind("; "), before.rfind(": "))
    before = before[start + 2:] if start >= 0 else before
    if not before or not has_finite_verb(before) or len(words(before)) > 20:
        return []
    if expansion_before(before, match["name"]):
        return []  # "Digital Equipment Corporation (DEC)": an expansion, asked as stands-for
    question = f"{before} under what name?"
    return [Card("qa", "qa-called", fact, question=question[0].upper() + question[1:], answer=match["name"])]


def _possessive_is(fact: Fact, text: str) -> list[Card]:
    """"Toby Ord's biggest single risk is unaligned AI, which …" → "What is Toby Ord's biggest single risk?"."""
    match = _match(r"(?P<subject>(?:" + NAME + r")(?:’s|'s)\s+(?:[a-z][\w\-]*\s){0,3}[a-z][\w\-]*)\s+"
                     r"(?P<verb>is|was)\s+(?P<complement>[^,;:.]+)", text)
    if not match:
        return []
    complement = re.split(r"\s+(?:which|that|who|where|when|because|while|and|but|so|after|before|since|to|at|in|"
                          r"on|for|from|with|by|as)\s", match["complement"])[0].strip()
    complement = re.sub(r"^(?:a|an)\s+", "", complement).strip("“”\"")
    if not complement or len(words(complement)) > 5 or complement.split()[0] in STOP_WORDS - {"the"}:
        return []
    if complement.split()[-1].endswith(("ly", "ed")) or complement.split()[0].endswith("ing"):
        return []  # "is closely tied", "is training …": a property or an action, not a thing
    wh = "Who" if _person(complement) else "What"
    return [Card("qa", "qa-what-is", fact, question=f"{wh} {match['verb']} {match['subject']}?", answer=complement)]


def _quoted_kind(fact: Fact, text: str) -> list[Card]:
    """"X follows a “batteries included” philosophy, so …" → "X follows what philosophy?"."""
    match = re.search(r"\b(?:a|an|the)\s+[“\"](?P<quote>[^”\"]{2,40})[”\"]\s+(?P<noun>[a-z][\w\-]+)"
                      r"(?P<rest>[^,;:.]*)", text)
    if not match or match["noun"] in STOP_WORDS or len(words(match["quote"])) > 5:
        return []
    before = text[:match.start()]
    previous = before.split()[-1].lower() if before.split() else ""
    if not has_finite_verb(before) or not (previous in PREPOSITIONS or _verb_at(previous)) or before.rstrip() \
            .endswith(","):
        return []
    rest = re.split(r"\s(?:so|because|while|which|that|and|but)\s", match["rest"])[0]
    question = f"{before}what {match['noun']}{rest}".strip()
    answer = match["quote"][0].upper() + match["quote"][1:]
    return [Card("qa", "qa-which", fact, question=question[0].upper() + question[1:] + "?", answer=answer)]


def _owned(owner_word: str, owner: str) -> str:
    """"his" → "Donald Knuth’s" when the owner is known; "Knuth's" stays; "" when it cannot be said."""
    if owner_word.lower() in ("his", "her", "their"):
        return f"{owner}’s" if owner else ""
    return owner_word


def _owned_name(fact: Fact, text: str, owner: str) -> list[Card]:
    """"his organ work Fantasia Apocalyptica, …, premiered in Sweden" → "Which organ work of Donald Knuth’s
    premiered in Sweden …?": a named work that starts its clause after its owner and class noun."""
    for at, clause in _clauses(text):
        match = _match(r"(?P<owner>[Hh]is|[Hh]er|[Tt]heir|" + NAME + r"(?:’s|'s))\s+"
                         r"(?P<kind>" + KIND + r")\s+(?P<name>" + NAME + r")"
                         r"(?:\s\(\d{4}\))?(?:,[^,;]+,)?\s+", clause) \
            or _match(r"(?P<owner>[Hh]is|[Hh]er|[Tt]heir|" + NAME + r"(?:’s|'s))\s+"
                      r"(?P<kind>" + KIND + r"),\s+(?P<name>" + TITLE + r"),\s+", clause)  # "Her podcast, Footnotes, …"
        if not match or not _is_name(match["name"]):
            continue
        if match["kind"].split()[-1] in STOP_WORDS or _verb_at(match["kind"].split()[-1]):
            continue
        rest = clause[match.end():]
        verb = _verb_at(rest)
        if not verb or verb["verb"] in SPEECH_VERBS:
            continue
        predicate = _predicate(rest)
        owned = _owned(match["owner"], owner)
        if not owned or len(words(predicate)) < 3:
            continue
        return [Card("qa", "qa-which", fact, question=f"Which {match['kind']} of {owned} {predicate}?",
                     answer=match["name"])]
    return []


def _quoted_phrase_of(fact: Fact, text: str, owner: str) -> list[Card]:
    """"“Numbers to leave numbers” is his phrase for studying principles …" → "What is Josh Waitzkin’s
    phrase for studying principles …?"."""
    match = re.match(r"[“\"](?P<quote>[^”\"]{2,50})[”\"]\s+(?P<verb>is|was)\s+(?P<owner>[Hh]is|[Hh]er|[Tt]heir|"
                     + NAME + r"(?:’s|'s))\s+(?P<rest>[a-z][^;:]+)", text)
    if not match or not re.match(r"(?:[a-z][\w\-]*\s){0,2}(?:for|of)\s", match["rest"]):
        return []
    owned = _owned(match["owner"], owner)
    rest = re.split(r",\s|\s(?:and|but|which)\s", match["rest"])[0].rstrip(".")
    if not owned or len(words(rest)) > 16:
        return []
    answer = match["quote"][0].upper() + match["quote"][1:]
    return [Card("qa", "qa-quoted", fact, question=f"What {match['verb']} {owned} {rest}?", answer=answer)]
