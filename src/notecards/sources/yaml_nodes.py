"""YAML read as PyYAML's node tree, so that every value keeps its line for ``file:line`` errors.

Shared by the canonical YAML reader and Markdown front matter. Values are checked against the
keys a mapping allows (unknown keys get a "did you mean"), and scalars are taken as written:
``01:32:14`` stays a timestamp, not YAML 1.1's base-60 integer 5534.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import NotecardsError

NULL_TAG = "tag:yaml.org,2002:null"
BOOLEANS = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TIMESTAMP = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?$")


def compose(text: str, where: str, first_line: int = 1) -> Node | None:
    """The document's node tree (None for an empty document); syntax errors carry their line."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "invalid YAML"
        if error.context and error.context_mark and "end of stream" in problem.replace("stream end", "end of stream"):
            mark, problem = error.context_mark, f"{error.context}, {problem}"  # point at what was left open
        raise NotecardsError(f"YAML syntax error: {problem}", where, (mark.line if mark else 0) + first_line) from None
    except yaml.YAMLError as error:
        raise NotecardsError(f"YAML error: {' '.join(str(error).split())}", where, first_line) from None
    except RecursionError:
        raise NotecardsError("YAML nested too deeply", where, first_line) from None
    if node is not None:
        _refuse_aliases(node, where, first_line)
    return node


def _refuse_aliases(root: Node, where: str, first_line: int) -> None:
    """A node reached twice is an alias: refused, so a few lines cannot expand to billions of values."""
    seen: set[int] = set()
    pending = [root]
    while pending:
        node = pending.pop()
        if id(node) in seen:
            raise NotecardsError(
                "YAML anchors and aliases (&name, *name) are not supported here",
                where,
                node.start_mark.line + first_line,
            )
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            pending.extend(node.value)
        elif isinstance(node, MappingNode):
            pending.extend(child for pair in node.value for child in pair)


def kind_of(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return "nothing" if node.tag == NULL_TAG else f"{node.value[:30]!r}"


@dataclass(frozen=True, slots=True)
class Place:
    """Where values of one document come from: the file, and the line its YAML starts on."""

    where: str
    first_line: int = 1

    def line(self, node: Node) -> int:
        return node.start_mark.line + self.first_line

    def error(self, message: str, node: Node) -> NotecardsError:
        return NotecardsError(message, self.where, self.line(node))

    def mapping(self, node: Node, allowed: Iterable[str], what: str) -> YamlMap:
        """``node`` as a mapping whose keys are all in ``allowed``."""
        allowed = tuple(allowed)
        if not isinstance(node, MappingNode):
            raise self.error(f"{what} should be a mapping of keys to values, found {kind_of(node)}", node)
        values: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == NULL_TAG:
                raise self.error(f"{what}: keys should be plain words, found {kind_of(key_node)}", key_node)
            key = key_node.value
            if key in values:
                raise self.error(f"{what}: key '{key}' is given twice", key_node)
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                hint = f" (did you mean '{close[0]}'?)" if close else f" (known keys: {', '.join(allowed)})"
                raise self.error(f"{what}: unknown key '{key}'{hint}", key_node)
            values[key] = value_node
        return YamlMap(self, node, values, what)

    def text(self, node: Node, what: str, *, required: bool = False) -> str:
        """A scalar as written, whitespace collapsed; null is empty."""
        if not isinstance(node, ScalarNode):
            raise self.error(f"{what} should be text, found {kind_of(node)}", node)
        value = "" if node.tag == NULL_TAG else " ".join(node.value.split())
        if required and not value:
            raise self.error(f"{what} must not be empty", node)
        return value

    def items(self, node: Node, what: str) -> list[Node]:
        if isinstance(node, ScalarNode) and node.tag == NULL_TAG:
            return []
        if not isinstance(node, SequenceNode):
            raise self.error(f"{what} should be a list ('- item' lines), found {kind_of(node)}", node)
        return list(node.value)


@dataclass(frozen=True, slots=True)
class YamlMap:
    """A checked mapping: typed access to its values, each error pointing at the value's line."""

    place: Place
    node: MappingNode
    values: dict[str, Node]
    what: str

    def __contains__(self, key: str) -> bool:
        return key in self.values

    def line(self, key: str | None = None) -> int:
        return self.place.line(self.values.get(key, self.node) if key is not None else self.node)

    def error(self, message: str, key: str | None = None) -> NotecardsError:
        return NotecardsError(message, self.place.where, self.line(key))

    def _name(self, key: str) -> str:
        return f"'{key}'" if self.what == "the document" else f"{self.what}: '{key}'"

    def text(self, key: str, *, required: bool = False) -> str:
        if key not in self.values:
            if required:
                raise self.error(f"{self._name(key)} is missing")
            return ""
        return self.place.text(self.values[key], self._name(key), required=required)

    def number(self, key: str) -> int | None:
        value = self.text(key)
        if not value:
            return None
        if not re.fullmatch(r"\d{1,9}", value):
            raise self.error(f"{self._name(key)} should be a whole number, found {value[:30]!r}", key)
        return int(value)

    def flag(self, key: str) -> bool:
        value = self.text(key)
        if not value:
            return False
        if value.lower() not in BOOLEANS:
            raise self.error(f"{self._name(key)} should be true or false, found {value[:30]!r}", key)
        return BOOLEANS[value.lower()]

    def date(self, key: str) -> str:
        value = self.text(key)
        if not value:
            return ""
        try:
            if not DATE.match(value):
                raise ValueError
            datetime.date.fromisoformat(value)
        except ValueError:
            raise self.error(f"{self._name(key)} should be a date like 2019-08-27, found {value[:30]!r}", key) from None
        return value

    def timestamp(self, key: str) -> str:
        value = self.text(key)
        if value and not TIMESTAMP.match(value):
            raise self.error(f"{self._name(key)} should be a time like 01:32:14, found {value[:30]!r}", key)
        return value

    def items(self, key: str) -> list[Node]:
        return self.place.items(self.values[key], self._name(key)) if key in self.values else []
