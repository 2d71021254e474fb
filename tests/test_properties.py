"""Property-based tests (hypothesis): every reader meets arbitrary input with an Episode or a
NotecardsError — nothing else escapes — and no source text reaches a field as HTML or cloze syntax."""

from __future__ import annotations

import html
import re
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anki_real import find_executable_html
from notecards import NotecardsError
from notecards.build import deck_file_name
from notecards.model import Card, Deletion, Episode, Fact, Location
from notecards.render import Renderer, cloze_markup, escape_cloze_answer, escape_text
from notecards.sources import read_episode
from notecards.sources.cloze_markup import cloze_source, parse_cloze

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
RENDERER = Renderer()
NASTY = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "{{c1::x}}",
        "::",
        "}}",
        "{{",
        "&amp;",
        '"',
        "'",
        "<",
        ">",
        "&",
        "javascript:alert(1)",
        "\r\n",
        "\u00a0",
        "\u2028",
        "\x00",
        "\x1b",
        "—",
        "•",
        "- ",
        "## ",
        "---",
        ": ",
        "*",
        "`",
        "[a](b)",
    ]
)
TEXT = st.lists(st.one_of(st.text(max_size=20), NASTY), max_size=12).map("".join)
LINES = st.lists(
    st.one_of(
        TEXT,
        st.sampled_from(
            [
                "Home X Notes",
                "Big reveals",
                "  • ",
                "RecommendedProduct",
                "The guest",
                "---",
                "## Big reveals",
                "- ",
                "cards:",
                "podcast: P",
                "title: T",
                "  - cloze: {{c1::a",
            ]
        ),
    ),
    max_size=25,
).map("\n".join)


def read_bytes(data: bytes, suffix: str):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        try:
            return read_episode(path)
        except NotecardsError as error:
            assert "\n" not in str(error) and str(error).startswith(str(path))
            return None


@SETTINGS
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".txt", ".md", ".yaml", ".yml"]))
def test_any_bytes_give_an_episode_or_a_notecards_error(data: bytes, suffix: str) -> None:
    read_bytes(data, suffix)


@SETTINGS
@given(
    text=LINES,
    suffix=st.sampled_from([".txt", ".md", ".yaml"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_any_text_gives_an_episode_or_a_notecards_error(text: str, suffix: str, encoding: str) -> None:
    read_bytes(text.encode(encoding, errors="replace"), suffix)


def _field_is_inert(value: str, deletions: int = 0) -> None:
    assert find_executable_html(value) == []
    outside = re.sub(r"\{\{c\d+::[^{}]*\}\}", "", value)  # the clozes notecards itself wrote
    assert "<" not in re.sub(r"</?(?:span|a|blockquote|div|br)\b[^<>]*>", "", outside) or "&lt;" in outside
    assert len(re.findall(r"\{\{c\d+::", value)) == deletions and "{{" not in outside and "}}" not in outside


@SETTINGS
@given(bullets=st.lists(TEXT.filter(lambda t: t.strip()), min_size=1, max_size=4), podcast=TEXT, guest=TEXT)
def test_page_text_reaches_fields_only_as_visible_text(bullets: list[str], podcast: str, guest: str) -> None:
    page = "\n".join(
        [
            "Home Fuzz Notes",
            f"{guest}: Topic | Pod{podcast} #3",
            "The guest",
            f"{guest} — bio {podcast}",
            "Big reveals",
            *(f"  • {b}" for b in bullets),
        ]
    )
    episode = read_bytes(page.encode("utf-8", "replace"), ".txt")
    if episode is not None:
        _every_field_is_inert(episode)


def _every_field_is_inert(episode: Episode) -> None:
    """Render a cloze and a Q/A card of every fact (cards made here, so that this tests the readers and
    the renderer, not the choices of the generator) and check every field."""
    for fact in [*episode.facts, *(guest.fact for guest in episode.guests)]:
        cloze = Card(
            "cloze",
            "cloze",
            fact,
            text=fact.text,
            deletions=(Deletion(0, max(1, len(fact.text) // 2), 1, hint=fact.text[:5]),),
        )
        qa = Card("qa", "qa", fact, question=fact.text, answer=episode.podcast)
        for card in (cloze, qa):
            for name, value in RENDERER.fields(card, episode):
                _field_is_inert(value, 1 if name == "Text" else 0)


@SETTINGS
@given(text=TEXT)
def test_escaped_text_has_no_markup_and_unescapes_to_itself(text: str) -> None:
    escaped = escape_text(text)
    assert not set("<>{}\"'") & set(escaped) and html.unescape(escaped) == text
    answer = escape_cloze_answer(text)
    assert "::" not in answer and "}}" not in answer and html.unescape(answer) == text


@SETTINGS
@given(text=TEXT.filter(lambda t: len(t) >= 2), cut=st.integers(0, 50), size=st.integers(1, 10))
def test_a_cloze_field_hides_exactly_its_deletions(text: str, cut: int, size: int) -> None:
    start = cut % (len(text) - 1)
    deletion = Deletion(start, min(len(text), start + size), 1, hint="h<i>")
    field = cloze_markup(text, (deletion,))
    answers = re.findall(r"\{\{c1::([^{}]*?)::([^{}]*)\}\}", field)
    assert len(answers) == 1 and html.unescape(answers[0][0]) == text[deletion.start : deletion.end]
    assert html.unescape(re.sub(r"\{\{c1::[^{}]*\}\}", "", field)) == text[: deletion.start] + text[deletion.end :]


@SETTINGS
@given(
    parts=st.lists(
        st.tuples(
            TEXT.filter(lambda t: "{{" not in t and "}}" not in t and not t.endswith("}")),
            st.text(st.characters(blacklist_characters="{}:"), min_size=1, max_size=8).filter(lambda t: t.strip()),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_cloze_markup_round_trips(parts: list[tuple[str, str]]) -> None:
    text, deletions = "", []
    for number, (before, answer) in enumerate(parts, start=1):
        before = " ".join(before.split()) + " "
        answer = " ".join(answer.split())
        text += before
        deletions.append(Deletion(len(text), len(text) + len(answer), number))
        text += answer
    try:
        parsed = parse_cloze(cloze_source(text, tuple(deletions)), "f", 1)
    except NotecardsError:
        return
    assert parsed[1] and all(parsed[0][d.start : d.end].strip() for d in parsed[1])


@SETTINGS
@given(name=TEXT)
def test_a_deck_file_name_never_leaves_its_folder(name: str) -> None:
    """Letters and digits of any script (with their marks) and dashes: no path syntax, no control,
    space or format character, and short enough for any file system."""
    file_name = deck_file_name(name)
    stem, suffix = file_name[: -len(".apkg")], file_name[-len(".apkg") :]
    assert suffix == ".apkg" and stem and len(file_name.encode()) <= 130
    assert all(c == "-" or c.isalnum() or unicodedata.category(c)[0] == "M" for c in stem), file_name


@SETTINGS
@given(fact_text=TEXT.filter(lambda t: t.strip()), quote=TEXT, speaker=TEXT, url=TEXT)
def test_fields_of_any_fact_are_inert(fact_text: str, quote: str, speaker: str, url: str) -> None:
    where = Location("f", 1)
    episode = Episode(
        podcast=speaker or "P",
        title=quote or "T",
        source=where,
        url="https://x/" + url,
        facts=(Fact("big_reveals", " ".join(fact_text.split()) or "x", where),),
    )
    _every_field_is_inert(episode)


KEYS = st.sampled_from(
    [
        "notecards",
        "podcast",
        "episode",
        "title",
        "date",
        "deck",
        "tags",
        "guests",
        "name",
        "bio",
        "big_reveals",
        "text",
        "id",
        "recommendations",
        "timestamp",
        "maker_inferred",
        "cards",
        "cloze",
        "question",
        "answer",
        "fact",
        "role",
        "skip",
        "replaces",
        "bogus",
    ]
)
VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-5, 10**12), TEXT),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=12,
)


@SETTINGS
@given(document=st.dictionaries(KEYS, VALUES, max_size=8), as_front_matter=st.booleans())
def test_any_yaml_structure_gives_an_episode_or_a_notecards_error(document: dict, as_front_matter: bool) -> None:
    import yaml

    document = {"podcast": "P", "title": "T", **document}
    text = yaml.safe_dump(document, allow_unicode=True)
    source = f"---\n{text}---\n\n## Big reveals\n\n- A fact.\n" if as_front_matter else text
    episode = read_bytes(source.encode("utf-8", "replace"), ".md" if as_front_matter else ".yaml")
    if episode is not None:
        _every_field_is_inert(episode)
