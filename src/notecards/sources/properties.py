"""Metadata as apps write it, read loosely: front matter as ``key: value`` lines (an app's YAML is not
always valid: ``show_author: @Handle``), ``- Key: value`` and ``Key:: value`` lines, names in a list
(``[Ann](…), [[Bo]] & Cy``), and dates in the forms apps print them."""

from __future__ import annotations

import datetime
import re

from .front_matter import find_front_matter, unwrap
from .markdown_text import URL

LINE = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:\*\*|__)?(?P<key>[A-Za-z][\w /&()-]{0,40}?)(?:\*\*|__)?\s*::?\s*(?:\*\*|__)?(?:\s+|$)"
    r"(?P<value>.*?)\s*$"
)
YAML_ITEM = re.compile(r"^\s+-\s+(?P<value>.*?)\s*$")
LINK = re.compile(r"\[\[[^\[\]\n]{0,500}\]\]|\[[^\[\]\n]{0,1000}\]\(" + URL + r"\)")
DATE_FORMATS = ("%Y-%m-%d", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%b %dth, %Y", "%B %dth, %Y")
Properties = dict[str, tuple[int, str]]


def key_of(text: str) -> str:
    """``Owner / Host`` → ``owner / host``; ``episode_title`` and ``Episode title`` → ``episode title``."""
    return " ".join(text.replace("_", " ").replace("-", " ").lower().split())


def loose_front_matter(lines: list[str]) -> tuple[Properties, int]:
    """The front matter's ``key: value`` lines (lists as comma-joined values), and the index of the
    first line after it (0 without front matter); never an error: what does not parse is left out."""
    found = find_front_matter(lines)
    if found is None or found[1] < 0:
        return {}, 0
    first, close = found
    values: Properties = {}
    key = ""
    for index in range(first + 1, close):
        line = lines[index]
        item = YAML_ITEM.match(line)
        if item and key:
            number, value = values.get(key, (index + 1, ""))
            values[key] = (number, f"{value}, {_scalar(item['value'])}" if value else _scalar(item["value"]))
            continue
        match = re.match(r"^(?P<key>[^\s:#][^:]*?):(?:\s+(?P<value>.*?))?\s*$", line)
        if match:
            key = key_of(match["key"])
            values[key] = (index + 1, _scalar(match["value"] or ""))
    return values, close + 1


def _scalar(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        text = text[1:-1]
    if text.startswith("[") and text.endswith("]") and not text.startswith("[["):
        text = ", ".join(_scalar(part) for part in text[1:-1].split(","))
    return text


def metadata(lines: list[tuple[int, str]]) -> Properties:
    """``- Show: X``, ``- Show:: [[X]]``, ``**Show:** X`` lines: the first value of each key."""
    found: Properties = {}
    for number, line in lines:
        match = LINE.match(line)
        if match and match["value"]:
            found.setdefault(key_of(match["key"]), (number, match["value"]))
    return found


def names(text: str) -> list[str]:
    """People in a list: ``[Ann Lee](…), [[Bo Park]] & Cy Diaz`` → three names."""
    links = [unwrap(link) for link in LINK.findall(text)]
    rest = LINK.sub("", text)
    plain = [unwrap(part) for part in re.split(r"\s*(?:,|&|;|\band\b)\s*", rest) if part.strip(" ,&;")]
    return [name for name in (*links, *plain) if name]


def iso_date(text: str) -> str:
    """A date as ``YYYY-MM-DD`` from ``2023-03-06``, ``2023-03-06T23:12``, ``March 6, 2023``,
    ``[[Nov 19th, 2022]]``; "" when it is none of these."""
    text = unwrap(text).strip()
    iso = re.match(r"(\d{4}-\d{2}-\d{2})", text)
    if iso:
        candidates = [iso[1]]
    else:
        candidates = [re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1th", text), re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", text)]
    for candidate in candidates:
        for form in DATE_FORMATS:
            try:
                return datetime.datetime.strptime(candidate, form).date().isoformat()
            except ValueError:
                continue
    return ""
