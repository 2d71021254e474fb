"""Logseq pages read as the Markdown they would be: a Logseq page is an outline (``- `` blocks,
nested by tabs, continuation lines indented two spaces past the dash) that starts with page
properties (``key:: value``); a block that is a heading (``- ## Snips``) is a heading.

``as_markdown`` turns a page into Markdown line for line, so every line keeps its number, and
returns the page properties beside it. Block properties (``id::``, ``collapsed::``) are dropped.
"""

from __future__ import annotations

import re

PROPERTY = re.compile(r"^\s*(?:-\s+)?(?P<key>[A-Za-z][\w-]*)::\s*(?P<value>.*?)\s*$")
BLOCK = re.compile(r"^(?P<indent>[\t ]*)-(?:\s+(?P<text>.*))?$")
HEADING_BLOCK = re.compile(r"^#{1,6}\s")


def looks_like_logseq(text: str) -> bool:
    """A page of page properties and ``- `` blocks, indented by tabs (as Logseq writes them)."""
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return False
    properties = 0
    while properties < len(lines) and PROPERTY.match(lines[properties]) and not lines[properties].startswith("- "):
        properties += 1
    blocks = [line for line in lines[properties:] if BLOCK.match(line)]
    tabbed = any(line.startswith("\t") for line in lines)
    return len(blocks) >= 1 and len(blocks) * 2 >= len(lines) - properties and (properties >= 1 or tabbed)


def _depth(indent: str) -> int:
    return indent.count("\t") + len(indent.replace("\t", "")) // 2


def as_markdown(text: str, *, keep_properties: bool = False) -> tuple[dict[str, tuple[int, str]], str]:
    """The page properties (lower-case key → (line, value)) and the page as Markdown, line for line
    (with ``keep_properties``, the property lines stay, as ``key:: value`` lines Markdown reads)."""
    properties: dict[str, tuple[int, str]] = {}
    out: list[str] = []
    at_top = True
    headings: list[int] = []  # depths of the heading blocks above the current block
    block_depth, relative = 0, 0
    for number, line in enumerate(text.split("\n"), start=1):
        prop = PROPERTY.match(line)
        if at_top and prop and not BLOCK.match(line):
            properties.setdefault(prop["key"].lower(), (number, prop["value"]))
            out.append(line.strip() if keep_properties else "")
            continue
        if not line.strip():
            out.append("")
            continue
        at_top = False
        block = BLOCK.match(line)
        if block:
            block_depth, content = _depth(block["indent"]), (block["text"] or "").strip()
            while headings and headings[-1] >= block_depth:
                headings.pop()
            if HEADING_BLOCK.match(content):
                headings.append(block_depth)
                out.append(content)
                relative = -1
                continue
            relative = block_depth - (headings[-1] + 1 if headings else 0)
            out.append("  " * relative + f"- {content}")
            continue
        if prop:  # a block property under its block (``id:: …``, ``collapsed:: true``)
            out.append("")
            continue
        out.append("  " * (relative + 1) + line.strip() if relative >= 0 else line.strip())
    return properties, "\n".join(out)


def markdown_lines(text: str) -> tuple[dict[str, tuple[int, str]], list[str]]:
    """An export's page properties (none unless it is a Logseq page) and its lines as Markdown: the
    Snipd and Readwise readers take either form the same way."""
    properties, text = as_markdown(text) if looks_like_logseq(text) else ({}, text)
    return properties, text.split("\n")
