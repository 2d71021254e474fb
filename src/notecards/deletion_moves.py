"""Where the deletions of a cloze card's last build are in its text now, so that an edited
deletion keeps its number (and its card's review history) even when its words changed entirely:
"300 years" → "three hundred years", "10x" → "tenfold". Pure functions, no I/O.

The old text (the fact as the lock remembers it) is aligned with the new one character by
character: an unchanged stretch maps one to one, and a stretch rewritten in place maps onto the
whole of what replaced it. A new deletion then keeps the number of the old deletion whose mapped
characters it overlaps most.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from difflib import SequenceMatcher

Span = tuple[int, int]


def old_spans(text: str, answers: Mapping[int, str]) -> dict[int, Span]:
    """Each old deletion's place in the old text: its answer's first occurrence not taken by another."""
    taken: list[Span] = []
    spans: dict[int, Span] = {}
    for number, answer in sorted(answers.items(), key=lambda item: -len(item[1])):
        start = text.find(answer) if answer else -1
        while start >= 0 and any(start < end and begin < start + len(answer) for begin, end in taken):
            start = text.find(answer, start + 1)
        if start >= 0:
            spans[number] = (start, start + len(answer))
            taken.append(spans[number])
    return spans


def moved(old_text: str, new_text: str, spans: Mapping[int, Span]) -> dict[int, set[int]]:
    """The characters of ``new_text`` each old span now covers."""
    matcher = SequenceMatcher(None, old_text, new_text, autojunk=False)
    covered: dict[int, set[int]] = {number: set() for number in spans}
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for number, (start, end) in spans.items():
            low, high = max(start, i1), min(end, i2)
            if low >= high:
                continue
            if tag == "equal":
                covered[number].update(range(j1 + low - i1, j1 + high - i1))
            elif tag == "replace":
                covered[number].update(range(j1, j2))  # rewritten in place: all of what replaced it
    return covered


def overlap_pairs(
    new_spans: Mapping[int, Iterable[Span]], covered: Mapping[int, set[int]]
) -> list[tuple[float, int, int]]:
    """(share, new number, old number) for every new deletion and old one that overlap, the largest
    share first: the overlap over the larger of the two."""
    pairs = []
    for new, spans in new_spans.items():
        chars = {index for start, end in spans for index in range(start, end)}
        for old, places in covered.items():
            common = len(chars & places)
            if common:
                pairs.append((common / max(len(chars), len(places)), new, old))
    return sorted(pairs, key=lambda pair: (-pair[0], pair[1], pair[2]))
