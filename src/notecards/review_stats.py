"""The creator's verdicts counted per card role (``notecards review --stats``): which generated roles
they drop, edit or keep, the measure that says where generation misses."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .overrides import Override, Overrides


@dataclass(frozen=True, slots=True)
class RoleStats:
    """The creator's verdicts on the notes of one card role."""

    role: str
    notes: int = 0
    dropped: int = 0
    edited: int = 0
    kept: int = 0

    @property
    def left(self) -> int:
        return self.notes - self.dropped - self.edited - self.kept


def verdict(entry: Override | None) -> str:
    """``dropped``, ``edited``, ``kept`` or ``left`` (not looked at yet): a drop outweighs an edit."""
    if entry is None:
        return "left"
    return "dropped" if entry.skip else "edited" if entry.edited else "kept" if entry.reviewed else "left"


def stats_role(role: str) -> str:
    """A card role as counted: the clauses of one bullet (``cloze-2``, ``cloze-3``) count as ``cloze``,
    and hand-written cards (``hand``, ``hand-<id>``) as ``hand``."""
    head, _, tail = role.rpartition("-")
    if role.startswith("hand-"):
        return "hand"
    return head if head and tail.isdigit() else role


def review_stats(roles: Iterable[tuple[str, str]], overrides: Overrides) -> tuple[RoleStats, ...]:
    """Per card role (sorted), how many of the notes ``roles`` names (GUID, role) were dropped,
    edited, kept, and how many are left."""
    counts: dict[str, dict[str, int]] = {}
    for guid, role in roles:
        numbers = counts.setdefault(stats_role(role), {"notes": 0})
        numbers["notes"] += 1
        choice = verdict(overrides.get(guid))
        if choice != "left":
            numbers[choice] = numbers.get(choice, 0) + 1
    return tuple(RoleStats(role, **numbers) for role, numbers in sorted(counts.items()))
