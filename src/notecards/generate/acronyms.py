"""Acronyms and their expansions: "Tensor Processing Unit (TPU)", "XLA stands for Accelerated Linear
Algebra". Span finding, the shape rules and the stands-for questions all need to know where they are."""

from __future__ import annotations

import re

PARENTHETICAL = re.compile(r"\(([^()]{1,80})\)")
STANDS_FOR = re.compile(
    r"\b[A-Z][A-Za-z0-9]{1,9}\s+(?:originally\s+)?(?:stands|stood)\s+for\s+"
    r"(?P<expansion>[A-Z][\w\-]*(?:\s+(?:[A-Z][\w\-]*|of|and|for|the))*[\w])"
)
FUNCTION_WORDS = frozenset(("of", "and", "the", "for", "a", "an", "in", "on", "to", "with"))


def expansion_before(text: str, acronym: str) -> tuple[int, int] | None:
    """The words before "(MoE)" whose initials spell the acronym: "mixture-of-experts"."""
    tokens = list(re.finditer(r"[\w\-]+", text))
    for size in range(1, 7):
        if size > len(tokens):
            break
        chosen = tokens[-size:]
        if is_expansion(" ".join(t.group() for t in chosen), acronym):
            return chosen[0].start(), chosen[-1].end()
    return None


def is_expansion(phrase: str, acronym: str) -> bool:
    """True when the phrase's initials (hyphen parts count) spell the acronym: Tensor Processing Unit → TPU."""
    letters = "".join(c for c in acronym if c.isalpha()).lower()
    if len(letters) < 2 or not any(c.isupper() for c in acronym):
        return False
    if re.fullmatch(r"[A-Z]{2,}s", acronym):
        letters = letters[:-1]  # "RCTs": a plural
    for separators in (r"[\s\-]+", r"\s+"):
        parts = [p for p in re.split(separators, phrase) if p]
        initials = "".join(p[0].lower() for p in parts)
        significant = "".join(p[0].lower() for p in parts if p.lower() not in ("of", "and", "the", "for"))
        if letters in (initials, significant):
            return True
    return False


def spelled_by(expansion: str, acronym: str) -> bool:
    """A mixed-case acronym whose pieces start its expansion's words in order: "VICReg" ~ "variance-invariance-
    covariance regularization" (V|I|C|Reg). Every content word is used, so "HIPAA … portability" is no expansion."""
    if acronym.isupper() or not re.search(r"[a-z]", acronym[1:]):
        return False
    pieces = re.findall(r"[A-Z0-9][a-z]*|^[a-z]+", acronym)
    parts = [p.lower() for p in re.split(r"[\s\-]+", expansion.strip()) if p]
    if len(pieces) < 2 or "".join(pieces) != acronym:
        return False
    at = 0
    for piece in pieces:
        while at < len(parts) and parts[at] in FUNCTION_WORDS and not parts[at].startswith(piece.lower()):
            at += 1
        if at == len(parts) or not parts[at].startswith(piece.lower()):
            return False
        at += 1
    return all(p in FUNCTION_WORDS for p in parts[at:])


def acronym_pairs(sentence: str) -> list[tuple[int, int]]:
    """Character ranges of each acronym that stands beside its expansion, and of the expansion."""
    ranges: list[tuple[int, int]] = []
    for match in PARENTHETICAL.finditer(sentence):
        inner, before = match[1].strip(), sentence[: match.start()].rstrip()
        term = re.search(r"([A-Z][A-Za-z0-9\-]{1,9})$", before)
        if term and is_expansion(inner, term[1]):  # "TPU (Tensor Processing Unit)"
            ranges += [(term.start(1), term.end(1)), (match.start(1), match.end(1))]
        elif re.fullmatch(r"[A-Z][A-Za-z0-9]{1,7}", inner):
            expansion = expansion_before(before, inner)  # "Digital Equipment Corporation (DEC)"
            if expansion:
                ranges += [expansion, (match.start(1), match.end(1))]
    for match in re.finditer(r"\b([A-Z]{3,})\b[,:]?\s+[“\"]([^”\"]{3,80})[”\"]", sentence):
        if is_expansion(match[2], match[1]):  # 'WYSIATI, "what you see is all there is"'
            ranges += [match.span(1), match.span(2)]
    for match in STANDS_FOR.finditer(sentence):  # "XLA stands for Accelerated Linear Algebra"
        ranges += [(match.start(), match.start() + len(match.group().split()[0])), match.span("expansion")]
    lower = re.search(r"\b([A-Z][A-Za-z0-9]{1,9})\s+(?:originally\s+)?(?:stands|stood)\s+for\s+", sentence)
    if lower:
        ranges.append(lower.span(1))
    for acronym in {sentence[a:b] for a, b in ranges if re.fullmatch(r"[A-Z][A-Za-z0-9\-]{1,9}", sentence[a:b])}:
        ranges += [m.span() for m in re.finditer(r"(?<![\w\-])" + re.escape(acronym) + r"(?![\w\-])", sentence)]
    return ranges
