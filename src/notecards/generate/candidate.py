"""A candidate cloze answer: the one value every span finder returns and selection ranks."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """A candidate cloze answer: characters ``start:end`` of the sentence, its type and a score."""

    start: int
    end: int
    kind: str
    score: float

    def text(self, sentence: str) -> str:
        return sentence[self.start : self.end]
