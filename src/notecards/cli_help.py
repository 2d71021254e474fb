"""How the command line reads: help that names each value (PATH, DIR, N) instead of typer's type
labels (``<bool>``, ``<list[Path]>``, ``<int range>``), and usage errors in plain words instead of a
validation library's ("Input should be greater than or equal to 1", "Value error, …")."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer
from typer import core


def _value_name(param: Any, ctx: Any) -> str | None:
    """The help's value column: the option's metavar; nothing for a flag or an argument (its name
    is already in the first column)."""
    if isinstance(param, core.TyperArgument) or getattr(param, "is_flag", False):
        return None
    return param.metavar


def plain_help() -> None:
    """Replace typer's type labels in help with metavars (typer draws the labels from annotations,
    and an argument's metavar does not replace them)."""
    for cls in (core.TyperArgument, core.TyperOption):
        if hasattr(cls, "display_type_rich"):
            # setattr: assigning a method directly does not type-check (mypy: method-assign)
            setattr(cls, "display_type_rich", _value_name)  # noqa: B010 - see above


def one_of(*choices: str) -> Callable[[str], str]:
    """A callback accepting one of ``choices`` (any case), with a plain error otherwise."""

    def check(value: str) -> str:
        if value.lower() not in choices:
            raise typer.BadParameter(f"{value!r} is not one of the choices: {' or '.join(choices)}")
        return value.lower()

    return check


def at_least(lowest: int, what: str) -> Callable[[int | None], int | None]:
    """A callback accepting a whole number of at least ``lowest`` (or nothing)."""

    def check(value: int | None) -> int | None:
        if value is not None and value < lowest:
            raise typer.BadParameter(f"{what} must be {lowest} or more, not {value}")
        return value

    return check


def port_number(value: int) -> int:
    if not 0 <= value <= 65535:
        raise typer.BadParameter(f"a port is a number from 0 to 65535, not {value}")
    return value
