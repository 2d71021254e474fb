"""Rendering: Anki note-type templates and note fields, from jinja2 templates in ``card_templates/``.

Jinja and Anki both use ``{{ }}``. notecards' templates therefore use ``[[ … ]]`` for jinja
expressions, ``[% … %]`` for jinja statements and ``[# … #]`` for comments, so ``{{Text}}`` and
``{{cloze:Text}}`` pass through untouched to Anki. All source text is HTML-escaped here, and only here
(the preview page is assembled here too, for that reason).
"""

from __future__ import annotations

import hashlib
import html
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from .errors import NotecardsError
from .model import Card, Deletion, Episode

CLOZE_FIELDS = ("Text", "Fact", "Source")
QA_FIELDS = ("Question", "Answer", "Fact", "Source")
TEMPLATE_FILES = (
    "cloze_front.html",
    "cloze_back.html",
    "qa_front.html",
    "qa_back.html",
    "style.css",
    "fact.html",
    "source.html",
)
PREVIEW_PAGE = "preview.html"  # not part of a note type, so not in the fingerprint
REVIEW_PAGE, REVIEW_NOTE = "review.html", "review_note.html"  # the review page, and one note on it


def builtin_templates_dir() -> Path:
    """``card_templates/`` inside the installed wheel, or at the top of a source checkout."""
    packaged = Path(str(resources.files("notecards"))) / "card_templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "card_templates"


@dataclass(frozen=True, slots=True)
class NoteTypeHtml:
    """What Anki stores for a note type besides its frozen schema: the card HTML and the CSS."""

    front: str
    back: str
    css: str


@dataclass(frozen=True, slots=True)
class PreviewCard:
    """One card as Anki shows it: front and back HTML after Anki's template rules."""

    guid: str
    kind: str
    ord: int
    front: str
    back: str


@dataclass(frozen=True, slots=True)
class PreviewDeck:
    name: str
    cards: tuple[PreviewCard, ...]


def escape_text(text: str) -> str:
    """Plain text to inert HTML: tags, entities and Anki's ``{{`` markup all become visible text."""
    return html.escape(text, quote=True).replace("{", "&#123;").replace("}", "&#125;")


def escape_cloze_answer(text: str) -> str:
    """Inside ``{{cN::…}}`` a ``::`` would start a hint; ``:`` is written as an entity as well."""
    return escape_text(text).replace(":", "&#58;")


def _inert(value: object) -> object:
    """Every ``[[ expression ]]`` escaped like field text, braces included: autoescape alone leaves
    ``{{c1::…}}`` from a source standing in the Fact and Source fields."""
    if isinstance(value, Markup) or value is None or isinstance(value, (int, float)):
        return value
    escaped = str(escape(value))
    return Markup(escaped.replace("{", "&#123;").replace("}", "&#125;"))


def cloze_markup(text: str, deletions: tuple[Deletion, ...]) -> str:
    """The sentence as an escaped HTML field with ``{{cN::answer}}`` (or ``::hint``) deletions."""
    parts, position = [], 0
    for deletion in sorted(deletions, key=lambda d: d.start):
        parts.append(escape_text(text[position : deletion.start]))
        hint = f"::{escape_cloze_answer(deletion.hint)}" if deletion.hint else ""
        parts.append(f"{{{{c{deletion.number}::{escape_cloze_answer(text[deletion.start : deletion.end])}{hint}}}}}")
        position = deletion.end
    parts.append(escape_text(text[position:]))
    return "".join(parts)


def tombstone_fields(kind: str, text: str, clozes: tuple[tuple[int, str | None], ...], source: str) -> tuple[str, ...]:
    """A removed note's field values when the previous build's rendered note is not at hand (the
    lock keeps no rendered fields): its text, with its cloze answers marked again so the note's
    cards still show something in Anki, and its source."""
    fact, where = escape_text(text), escape_text(source)
    if kind != "cloze":
        return fact, fact, fact, where
    deletions: list[Deletion] = []
    for number, answer in clozes:
        if not answer:
            continue
        start = text.find(answer)
        while start >= 0 and any(start < d.end and d.start < start + len(answer) for d in deletions):
            start = text.find(answer, start + 1)
        if start >= 0:
            deletions.append(Deletion(start, start + len(answer), number))
    if not deletions:
        deletions.append(Deletion(0, len(text), clozes[0][0] if clozes else 1))
    return cloze_markup(text, tuple(deletions)), fact, where


class Renderer:
    """Looks templates up in the user's folder first, then in the built-in ``card_templates/``.

    A user template can extend a built-in one as ``[% extends "builtin/qa_back.html" %]``.
    """

    def __init__(self, user_dir: Path | None = None) -> None:
        builtin = jinja2.FileSystemLoader(str(builtin_templates_dir()))
        loaders: list[jinja2.BaseLoader] = []
        if user_dir is not None:
            if not user_dir.is_dir():
                raise NotecardsError("templates folder does not exist", str(user_dir))
            loaders.append(jinja2.FileSystemLoader(str(user_dir)))
        loaders.append(builtin)
        self.loader = jinja2.ChoiceLoader([jinja2.PrefixLoader({"builtin": builtin}), *loaders])
        # Templates describe looks: the sandbox refuses attribute tricks that reach Python's
        # internals (os, subprocess…), so a cloned notes repository's templates can only render.
        self.env = ImmutableSandboxedEnvironment(
            loader=self.loader,
            variable_start_string="[[",
            variable_end_string="]]",
            block_start_string="[%",
            block_end_string="%]",
            comment_start_string="[#",
            comment_end_string="#]",
            autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=False,
            finalize=_inert,
        )

    def _render(self, name: str, **values: object) -> str:
        try:
            return self.env.get_template(name).render(**values).strip()
        except jinja2.TemplateSyntaxError as error:
            raise NotecardsError(f"template error: {error.message}", error.filename or name, error.lineno) from None
        except jinja2.TemplateError as error:
            raise NotecardsError(f"template error: {error}", *_template_place(error, name)) from None
        except (Exception, RecursionError) as error:  # noqa: BLE001 - a template's own bug: one line, not a traceback
            message = f"template error: {type(error).__name__}: {error}"
            raise NotecardsError(message, *_template_place(error, name)) from None

    def note_type_html(self, kind: str) -> NoteTypeHtml:
        css = self._render("style.css")
        return NoteTypeHtml(self._render(f"{kind}_front.html"), self._render(f"{kind}_back.html"), css)

    def fields(self, card: Card, episode: Episode) -> tuple[tuple[str, str], ...]:
        """The note's fields as HTML, in the note type's frozen order."""
        moment = moment_url(episode.url, card.fact.timestamp)
        echo = card.kind == "cloze" and card.text == card.fact.text
        fact = self._render("fact.html", fact=card.fact, episode=episode, moment_url=moment, echo=echo)
        source = self._render("source.html", fact=card.fact, episode=episode, moment_url=moment)
        if card.kind == "cloze":
            return tuple(zip(CLOZE_FIELDS, (cloze_markup(card.text, card.deletions), fact, source), strict=True))
        return tuple(zip(QA_FIELDS, (escape_text(card.question), escape_text(card.answer), fact, source), strict=True))

    def preview_page(self, decks: tuple[PreviewDeck, ...], css: str, cards: int) -> str:
        """The self-contained preview page; card HTML is already rendered by Anki's rules."""
        safe_decks = [
            PreviewDeck(
                deck.name,
                tuple(
                    PreviewCard(card.guid, card.kind, card.ord, Markup(card.front), Markup(card.back))
                    for card in deck.cards
                ),
            )
            for deck in decks
        ]
        return self._render(PREVIEW_PAGE, decks=safe_decks, card_css=Markup(css), cards=cards)

    def review_html(
        self, name: str, sides: Mapping[str, tuple[PreviewCard, ...]], css: str = "", **values: object
    ) -> str:
        """The review page or one note of it: ``sides`` (each note's cards, by GUID) is already HTML,
        rendered by Anki's rules from escaped fields; every other value is escaped here."""
        safe = {
            guid: tuple(PreviewCard(c.guid, c.kind, c.ord, Markup(c.front), Markup(c.back)) for c in cards)
            for guid, cards in sides.items()
        }
        return self._render(name, sides=safe, card_css=Markup(css), **values)

    def _sources(self) -> list[tuple[str, str, str | None]]:
        """(name, text, file) of every template a note type uses, the user's and the built-in one."""
        found = []
        for name in TEMPLATE_FILES:
            for lookup in (name, f"builtin/{name}"):
                source, filename, _ = self.loader.get_source(self.env, lookup)
                found.append((lookup, source, filename))
        return found

    @cache  # noqa: B019 - a renderer lives as long as its build; the cache keeping it alive costs nothing
    def template_fingerprint(self) -> str:
        """Changes whenever any template or the CSS changes: drives note-type mtimes and caches.

        Built-in templates count even when overridden, since a user template may extend them."""
        digest = hashlib.sha256()
        for name, source, _ in self._sources():
            digest.update(name.encode() + b"\0" + source.encode() + b"\0")
        return digest.hexdigest()[:16]

    @cache  # noqa: B019 - as above
    def templates_mtime(self) -> int:
        """When the templates last changed (newest file mtime, never in the future): the note types' mtime.

        Anki updates a note type on re-import only when this is newer than what it has, so editing a
        template (or CSS) updates the note type, while an unchanged rebuild leaves the user's tweaks."""
        newest = max((int(os.stat(filename).st_mtime) for _, _, filename in self._sources() if filename), default=0)
        return min(newest, int(time.time()))


def _template_place(error: BaseException, name: str) -> tuple[str, int | None]:
    """The template file and line an error came from: jinja's tracebacks run through the templates'
    own lines, so the last frame in a template file is where it happened."""
    where: tuple[str, int | None] = (name, None)
    trace = error.__traceback__
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".css", ".txt")) and os.path.isfile(filename):
            where = (filename, trace.tb_lineno)
        trace = trace.tb_next
    return where


def moment_url(url: str, timestamp: str) -> str:
    """A link to the quoted moment, when the episode's URL is a web address and the time is known."""
    if not url.startswith(("https://", "http://")) or not timestamp:
        return ""
    seconds = 0
    for part in timestamp.split(":"):
        seconds = seconds * 60 + int(part)
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}t={seconds}"
