"""Frozen dataclasses as JSON data and back, checked against their declared types.

The build cache stores a source's notes between builds. Stored as data, a file replaced by someone
else can at worst describe other notes (which the build would then check like any cache entry);
it can never run code, as a pickle can. Anything that does not fit the types (a truncated file, an
older layout, a hand edit) raises ``ValueError``: the cache treats it as a miss.

Only what the model uses is supported: str, int, bool, None, ``Literal``, unions, ``tuple[X, ...]``,
fixed tuples and nested dataclasses. A decoder is built once per type, so loading tens of
thousands of notes stays quick.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")
Decoder = Callable[[Any], Any]


def dumps(values: tuple[object, ...]) -> str:
    """Dataclass values as one JSON text (each value an object of its fields)."""
    return json.dumps([_encode(value) for value in values], ensure_ascii=False, separators=(",", ":"))


def loads(kind: type[T], text: str | bytes) -> tuple[T, ...]:
    """The values ``dumps`` wrote, each checked to be a ``kind``; ``ValueError`` when they are not."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as error:
        raise ValueError(f"not JSON: {error}") from None
    if type(data) is not list:
        raise ValueError("not a list of values")
    decode = _decoder(typing.cast(Any, kind))
    return tuple(decode(item) for item in data)


def decode(kind: type[T], data: object) -> T:
    """One value from its JSON data (as ``json.loads`` gives it), checked; ``ValueError`` if not a ``kind``."""
    return typing.cast(T, _decoder(typing.cast(Any, kind))(data))


def _encode(value: Any) -> object:
    kind: Any = type(value)
    if kind in _PLAIN:
        return value
    if kind is tuple:
        return [_encode(item) for item in value]
    names = _field_names(kind)
    return {name: _encode(getattr(value, name)) for name in names}


_PLAIN = frozenset((str, int, float, bool, type(None)))


@cache
def _field_names(kind: Any) -> tuple[str, ...]:
    if not dataclasses.is_dataclass(kind):
        raise TypeError(f"cannot store a {kind.__name__}")
    return tuple(field.name for field in dataclasses.fields(kind))


@cache
def _decoder(kind: Any) -> Decoder:
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if kind in (str, int, float, bool):
        return _exactly(kind)
    if kind is None or kind is type(None):
        return _exactly(type(None))
    if origin is typing.Literal:
        allowed = frozenset(args)
        return lambda data: data if type(data) in (str, int, bool) and data in allowed else _bad(data, kind)
    if origin in (typing.Union, types.UnionType):
        return _first_fitting(tuple(_decoder(arg) for arg in args), kind)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _decoder(args[0])
        return lambda data: tuple(map(item, data)) if type(data) is list else _bad(data, kind)
    if origin is tuple:
        items = tuple(_decoder(arg) for arg in args)
        return lambda data: (
            tuple(decode(value) for decode, value in zip(items, data, strict=True))
            if type(data) is list and len(data) == len(items)
            else _bad(data, kind)
        )
    if dataclasses.is_dataclass(kind):
        return _dataclass_decoder(kind)
    raise TypeError(f"no stored form for {kind!r}")


def _dataclass_decoder(kind: Any) -> Decoder:
    hints = typing.get_type_hints(kind)
    names = tuple(field.name for field in dataclasses.fields(kind))
    known = frozenset(names)
    decoders: dict[str, Decoder] = {}

    def decode(data: Any) -> Any:
        if type(data) is not dict or not known.issuperset(data):
            return _bad(data, kind)
        if not decoders:
            decoders.update((name, _decoder(hints[name])) for name in names)
        try:
            return kind(**{name: decoders[name](value) for name, value in data.items()})
        except TypeError as error:  # a field without a default is missing
            raise ValueError(f"{kind.__name__}: {error}") from None

    return decode


def _exactly(kind: type) -> Decoder:
    return lambda data: data if type(data) is kind else _bad(data, kind)


def _first_fitting(decoders: tuple[Decoder, ...], kind: Any) -> Decoder:
    def decode(data: Any) -> Any:
        for attempt in decoders:
            try:
                return attempt(data)
            except ValueError:
                continue
        return _bad(data, kind)

    return decode


def _bad(data: object, kind: object) -> typing.NoReturn:
    raise ValueError(f"expected {getattr(kind, '__name__', kind)}, found {json.dumps(data)[:40]}")
