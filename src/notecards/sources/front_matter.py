"""YAML front matter as vaults hold it: notecards' own keys checked as strictly as ever, the words
vaults use for them (``show``, ``episode_title``, ``guest``, ``published``…) understood, every other
key (``aliases``, ``cssclasses``, ``dg-publish``…) one warning, and wiki links unwrapped.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass, field

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import NotecardsError
from .checks import check_tag
from .markdown_text import plain
from .yaml_nodes import NULL_TAG, Place, YamlMap, compose

# notecards' own front-matter keys (canonical YAML's, without the fact lists and cards)
OWN_KEYS = (
    *("podcast", "episode", "title", "site", "host", "date", "duration", "summary", "url", "deck", "tags"),
    *("guests", "gist", "notecards"),
)
# what vaults and apps call them (looked up ignoring case, ``-`` and ``_``)
ALIASES = {
    "show": "podcast",
    "showtitle": "podcast",
    "podcastname": "podcast",
    "series": "podcast",
    "episodetitle": "title",
    "episodenumber": "episode",
    "number": "episode",
    "ep": "episode",
    "guest": "guests",
    "hosts": "host",
    "showauthor": "host",
    "published": "date",
    "publishdate": "date",
    "publisheddate": "date",
    "episodepublishdate": "date",
    "releasedate": "date",
    "pubdate": "date",
    "episodeurl": "url",
    "link": "url",
    "episodelink": "url",
    "description": "summary",
    "length": "duration",
    "episodeduration": "duration",
}
SLUG = re.compile(r"^(?=[a-z0-9-]*[a-z])[a-z0-9]+(?:-[a-z0-9]+)+$")  # ``holly-tucker``, not ``2024-02-06``
WIKI_LINK = re.compile(r"^\s*\[\[(?:[^\]|]*?(?:\\?\|))?(?P<name>[^\]|]*)\]\]\s*$")
DATETIME = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})(?:[T ]\d{1,2}:\d{2}.*)?$")
EPISODE_NUMBER = re.compile(r"^\s*(?:#|Ep\.?\s*|Episode\s+)?(?P<number>\d{1,9})\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The front matter's values under notecards' key names, and the line after its closing ``---``."""

    doc: YamlMap | None
    body_start: int  # index (0-based) of the first line after the front matter
    warnings: tuple[str, ...] = ()
    given: frozenset[str] = field(default_factory=frozenset)  # the notecards keys it sets
    other: str = ""  # the words of the keys it does not read, and of its tags (``type: podcastEpisode``)

    def text(self, key: str) -> str:
        """A value as plain text: wiki links unwrapped (``[[Shows/Lex|Lex]]`` → ``Lex``)."""
        if self.doc is None or key not in self.doc:
            return ""
        node = self.doc.values[key]
        if _is_wiki_list(node):  # ``podcast: [[Lex Fridman Podcast]]`` unquoted is a list in a list
            return unwrap(node.value[0].value[0].value)
        if isinstance(node, SequenceNode) and node.value and all(isinstance(i, ScalarNode) for i in node.value):
            return unwrap(node.value[0].value)  # ``podcast: [Lex]``: the first
        return unwrap(self.doc.text(key))

    def date(self) -> str:
        """An ISO date; a date-time (``2023-03-25T10:00``, as Obsidian writes) gives its date."""
        value = self.text("date")
        if not value or self.doc is None:
            return ""
        match = DATETIME.match(value)
        try:
            return datetime.date.fromisoformat(match["date"]).isoformat() if match else _bad_date()
        except ValueError:
            raise self.doc.error(f"'date' should be a date like 2019-08-27, found {value[:30]!r}", "date") from None

    def tags(self, warnings: list[str]) -> tuple[str, ...]:
        """``tags:`` as a vault writes them (a list, or ``a, b``; ``#podcast``; ``Sleep Diaries``), as Anki
        tags: the ``#`` dropped, spaces made ``_``; one that still is no tag is left out with a warning."""
        if self.doc is None or "tags" not in self.doc:
            return ()
        node = self.doc.values["tags"]
        items = node.value if isinstance(node, SequenceNode) else [node]
        found = []
        for item in items:
            if not isinstance(item, ScalarNode) or item.tag == NULL_TAG:
                continue
            for tag in re.split(r",\s*", item.value) if item is node else [item.value]:
                tag = re.sub(r"\s+", "_", tag.strip().lstrip("#"))
                if not tag:
                    continue
                try:
                    found.append(check_tag(tag, self.doc.place.where, self.doc.place.line(item)))
                except NotecardsError as error:
                    warnings.append(f"{error.path}:{error.line}: warning: {error.message}; left out")
        return tuple(found)

    def number(self) -> int | None:
        value = self.text("episode")
        if not value or self.doc is None:
            return None
        match = EPISODE_NUMBER.match(value)
        if not match:
            raise self.doc.error(f"'episode' should be a whole number, found {value[:30]!r}", "episode")
        return int(match["number"])


def unwrap(text: str) -> str:
    """``[[Folder/Page|Alias]]`` → ``Alias``; ``[[people/ada-smith]]`` → ``Ada Smith`` (a page named by a
    slug reads as words); other markup plain."""
    match = WIKI_LINK.match(text)
    if not match:
        return plain(text)
    name = match["name"].rsplit("/", 1)[-1].strip()
    aliased = "|" in text
    return name.replace("-", " ").title() if not aliased and SLUG.match(name) else name


def _is_wiki_list(node: Node) -> bool:
    return (
        isinstance(node, SequenceNode)
        and len(node.value) == 1
        and isinstance(node.value[0], SequenceNode)
        and len(node.value[0].value) == 1
        and isinstance(node.value[0].value[0], ScalarNode)
    )


def _bad_date() -> str:
    raise ValueError


def find_front_matter(lines: list[str]) -> tuple[int, int] | None:
    """``(first, close)``: the indexes of the opening and closing ``---`` lines, if the text starts
    with front matter (blank lines before it are allowed)."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or lines[first].strip() != "---":
        return None
    close = next((i for i in range(first + 1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    return (first, -1) if close is None else (first, close)


def read_front_matter(where: str, lines: list[str]) -> FrontMatter:
    """The front matter at the top of ``lines``, if any; its own keys typed, its other keys warned about."""
    found = find_front_matter(lines)
    if found is None:
        return FrontMatter(None, 0)
    first, close = found
    if close < 0:
        raise NotecardsError("front matter is never closed: add a '---' line after it", where, first + 1)
    place = Place(where, first + 2)
    root = compose("\n".join(lines[first + 1 : close]), where, first + 2)
    if root is None or (isinstance(root, ScalarNode) and root.tag == NULL_TAG):
        return FrontMatter(None, close + 1)
    if not isinstance(root, MappingNode):
        warning = f"{where}:{first + 1}: warning: front matter is not a list of 'key: value' lines; ignored"
        return FrontMatter(None, close + 1, (warning,))
    other: list[str] = []
    chosen: dict[str, tuple[Node, Node, bool]] = {}  # notecards key → (key, value, written as that key)
    ignored: list[str] = []
    for key_node, value_node in root.value:
        name = _own_name(key_node.value) if isinstance(key_node, ScalarNode) and key_node.tag != NULL_TAG else None
        if name is None or name == "tags":
            other.append(_words(value_node))
        if name is None:
            ignored.append(str(getattr(key_node, "value", "?"))[:30])
            continue
        exact = key_node.value.strip().lower() == name
        if name in chosen and (not exact or not chosen[name][2]):
            if not exact:
                continue  # ``show`` beside ``podcast`` (or a second alias): the key itself, or the first, wins
        elif name in chosen:
            raise place.error(f"front matter: key '{name}' is given twice", key_node)
        chosen[name] = (ScalarNode(key_node.tag, name, key_node.start_mark, key_node.end_mark), value_node, exact)
    kept = [(key, value) for key, value, _ in chosen.values()]
    given = set(chosen)
    warnings = []
    if ignored:
        hints = [
            f"{key} (did you mean '{close_key[0]}'?)"
            if (close_key := difflib.get_close_matches(key, OWN_KEYS, 1, 0.8))
            else key
            for key in ignored
        ]
        warnings.append(f"{where}:{first + 1}: warning: front matter keys not read by notecards: {', '.join(hints)}")
    doc = place.mapping(MappingNode(root.tag, kept, root.start_mark, root.end_mark), OWN_KEYS, "front matter")
    return FrontMatter(doc, close + 1, tuple(warnings), frozenset(given), " ".join(other))


def _words(node: Node) -> str:
    if isinstance(node, ScalarNode):
        return str(node.value)[:200]
    if isinstance(node, SequenceNode):
        return " ".join(_words(item) for item in node.value[:20])
    return ""


def _own_name(key: str) -> str | None:
    lowered = key.strip().lower()
    if lowered in OWN_KEYS:
        return lowered
    return ALIASES.get(re.sub(r"[\s_-]", "", lowered))
