"""Writes tests/data/broken/, tests/data/hostile/ and tests/data/skipped/: messy, broken and hostile
sources, and files that are not episode notes at all.

Run once after editing (``python tests/data/make_corpus.py``); the files are committed. Written by a
script because several must hold exact bytes (BOMs, CRLF, UTF-16, binary, undecodable Latin-1)
that an editor would "fix". ``tests/test_hostile.py`` says what each one must give.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
BROKEN, HOSTILE, SKIPPED = HERE / "broken", HERE / "hostile", HERE / "skipped"


def page(
    title: str,
    *,
    guests: str = "",
    reveals: list[str] = (),
    remember: list[str] = (),
    recommended: str = "",
    meta: str = "Lex Fridman · 2020-01-02 · 1h 2m",
    site: str = "Podcast",
) -> str:
    parts = [f"Home {site} Notes", meta, "", title, "", "A one-line summary.", "", title]
    if guests:
        parts += ["The guests" if "\n\n" in guests else "The guest", "", guests, ""]
    parts += ["Big reveals", ""] + [f"  • {text}" for text in reveals] + [""]
    if remember:
        parts += ["Things worth remembering", ""] + [f"  • {text}" for text in remember] + [""]
    if recommended:
        parts += ["Recommended in this episode", "", recommended]
    return "\n".join(parts) + "\n"


HOSTILE_FILES: dict[str, bytes] = {
    "crlf-bom-nbsp.txt": b"\xef\xbb\xbf"
    + page(
        "Ana Lima: Fast\u00a0Trains | Rail Talk #7",
        guests="Ana Lima \u2014 engineer at CP\u00a0in Lisbon.",
        reveals=["The Alfa\u00a0Pendular reaches 220\u00a0km/h between Lisbon and Porto."],
    )
    .replace("\n", "\r\n")
    .encode("utf-8"),
    "utf16-bom-accents.txt": page(
        "Zoë Ødegård & José Núñez: Café Science | Ciência Podcast #12",
        guests="Zoë Ødegård — chemist at Universität Zürich.\n\nJosé Núñez — physicist in São Paulo.",
        reveals=[
            "Zoë says “crème brûlée” caramelises at about 160 °C.",
            "José’s lab in São Paulo measured a 10–20% gain.",
        ],
        recommended="RecommendedProduct\n\nLe Petit Prince\n\nGallimard\n\n"
        "“C’est une lecture très douce” — Zoë Ødegård 00:12:01\nFind it on Amazon\n",
    ).encode("utf-16"),
    "no-number-empty-sections.txt": page(
        "Mark Chu: On Tides | The Sea Hour",
        reveals=[],
        remember=["The Bay of Fundy has tides of up to 16 metres, the highest in the world."],
    ).encode("utf-8"),
    "symbols.txt": page(
        "Pat Kim: Markets & Money | Cash Flow #101",
        guests="Pat Kim — economist at AT&T Labs <research>.",
        reveals=[
            "The deal was worth $2.5 billion & closed in 2019.",
            "Margins fell 10–20% when x < y and y > z.",
            "AT&T's R&D budget was <$1 billion> that year.",
        ],
    ).encode("utf-8"),
    "too-long-bullet.txt": page(
        "Sam Roe: Long Talk | Words Podcast #3",
        reveals=[
            "This bullet goes on " + "and on " * 40 + "until nobody could learn it from one card.",
            "The Eiffel Tower was completed in 1889 for the World's Fair.",
        ],
    ).encode("utf-8"),
    "html-and-scripts.md": (
        '---\npodcast: "Hack <b>Cast</b>"\nepisode: 9\n'
        "title: \"<script>alert('title')</script> Evil Title\"\n"
        'guests:\n  - name: "Eve <img src=x onerror=alert(1)>"\n    bio: "hacker <svg onload=alert(2)>"\n'
        'url: "https://example.com/ep9\\" onclick=\\"alert(3)"\n---\n\n'
        "## Big reveals\n\n"
        "- The <script>alert(1)</script> tag ran in 1995 on Netscape 2.0.\n"
        '- Click <a href="javascript:alert(4)">here</a> to learn about Ada Lovelace in 1843.\n'
        "- An <img src=x onerror=alert(5)> image broke 42 browsers at once.\n"
        '- <div onmouseover="alert(6)">Hover</div> covered 3 pages of Grace Hopper\'s notes.\n\n'
        "## Recommended\n\n"
        "- **<iframe src=javascript:alert(7)>** — Evil Corp\n"
        "  “Use <script>steal()</script> daily” — Eve 00:01:02\n"
    ).encode(),
    "cloze-syntax.txt": page(
        "Cy Lo: {{c1::Curly}} Braces | Template Talk #4",
        guests="Cy Lo — writes {{Text}} and {{cloze:Text}} templates.",
        reveals=[
            "Anki hides {{c1::this}} and {{c2::that::hint}} in 2006 by Damien Elmes.",
            "A hint looks like a::b and closes with }} in Anki 2.1 since 2018.",
            "Typing {{type:Text}} or {{FrontSide}} in a field does nothing in 2024.",
        ],
    ).encode("utf-8"),
    "hostile.yaml": (
        b'notecards: 1\npodcast: "AC/DC Radio"\nepisode: 1\ntitle: "Live & <Loud>"\n'
        b'url: "javascript:alert(1)"\ntags: [music, "fans::rock"]\n'
        b'guests:\n  - name: "Bo <b>Bold</b>"\n    bio: "drummer since 1973 {{c1::x}}"\n'
        b'big_reveals:\n  - id: amps\n    text: "The band\'s amps went to 11 in 1979 <script>alert(1)</script>."\n'
        b'recommendations:\n  - name: "Highway <i>to</i> Hell"\n    quote: "{{c1::Play it}} loud :: always }}, says the book by Angus Young"\n'
        b'    speaker: "<script>x()</script>"\n    timestamp: "00:01:02"\n'
        b'cards:\n  - cloze: "The {{c1::<b>1979</b> & more}} album and {{c2::a<b}} ratio"\n'
        b'  - question: "What is <script>alert(2)</script>?"\n    answer: "<img src=x onerror=alert(3)>"\n'
        b'  - fact: amps\n    cloze: "Amps went to {{c1::11::a number}} in 1979"\n    replaces: true\n'
    ),
    "podcast-backslash.txt": page(
        "C:\\Users and \\d+ Regexes | ..\\..\\Windows\\System32 #1", reveals=["Water boils at 100 °C."]
    ).encode(),
    "unicode-oddities.md": (
        '---\npodcast: Ünïcödé Hour\nepisode: 0\ntitle: "Emoji 🎉 and RTL עברית"\ndate: 2021-02-28\n---\n\n'
        "## Big reveals\n\n"
        "- The \u200bzero\u200bwidth space and a soft\u00adhyphen appeared in Unicode 1.1 in 1993.\n"
        "- Arabic العربية and Hebrew עברית run right-to-left; 🎉 U+1F389 arrived in 2010.\n"
        "- Combining e\u0301 differs from é in 1 way: normalisation.\n"
        "- A bell\x07 character and an escape\x1b[31m code are control characters since 1963.\n"
    ).encode("utf-8"),
}

FRONT = "---\npodcast: Test Cast\nepisode: 1\ntitle: A Test\n---\n\n## Big reveals\n\n- Water boils at 100 °C.\n"
YAML = "notecards: 1\npodcast: Test Cast\nepisode: 1\ntitle: A Test\n"

BROKEN_FILES: dict[str, bytes] = {
    "empty.txt": b"",
    "whitespace-only.md": b"  \n\n\t\n",
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)),
    "latin1.txt": page("Zoé: Café | Podcast #1", reveals=["Le café coûte 2 €."]).encode("latin-1", "replace"),
    "yaml-syntax.yaml": (YAML + 'guests:\n  - name: "Unclosed\n  bio: x\n').encode(),
    "front-matter-syntax.md": b"---\npodcast: Test Cast\ntitle: [unclosed\n---\n\n## Big reveals\n\n- x\n",
    "front-matter-unclosed.md": b"---\npodcast: Test Cast\ntitle: A Test\n\n## Big reveals\n\n- x\n",
    "unknown-key.yaml": (YAML + "guest:\n  - name: Ann\n").encode(),
    "wrong-type.yaml": YAML.replace("episode: 1", "episode: thirty-five").encode(),
    "guests-not-a-list.yaml": (YAML + "guests: Ann Smith\n").encode(),
    "deck-traversal.yaml": (YAML + "deck: ../../../etc/evil\n").encode(),
    "deck-nul.yaml": (YAML + 'deck: "Evil\\0Deck"\n').encode(),
    "no-takeaways.md": b"---\npodcast: Test Cast\nepisode: 1\ntitle: A Test\n---\n\n## Key takeaways\n\n",
    "no-takeaways.txt": page("Ann Lee: A Test | Test Cast #2", guests="Ann Lee \u2014 a chemist").encode(),
    "fact-id-path.yaml": (YAML + "big_reveals:\n  - id: ../../secret\n    text: Water boils at 100 °C.\n").encode(),
    "cloze-unclosed.yaml": (YAML + 'cards:\n  - cloze: "Water boils at {{c1::100 °C."\n').encode(),
    "cloze-nested.yaml": (YAML + 'cards:\n  - cloze: "{{c1::Water {{c2::boils}} at}} 100 °C"\n').encode(),
    "cloze-none.yaml": (YAML + 'cards:\n  - cloze: "Water boils at 100 °C"\n').encode(),
    "billion-laughs.yaml": (YAML + 'gist: &a "lol"\nsummary: *a\n').encode(),
    "unknown-fact.yaml": (
        YAML + "big_reveals:\n  - id: boiling\n    text: Water boils at 100 °C.\n"
        "cards:\n  - fact: boilng\n    role: cloze\n    skip: true\n"
    ).encode(),
    "two-documents.yaml": (YAML + "---\n" + YAML).encode(),
    "bad-date.md": FRONT.replace("episode: 1", "episode: 1\ndate: 2020-13-45").encode(),
}


SKIPPED_FILES: dict[str, bytes] = {
    "not-notes.txt": b"Shopping list\n- eggs\n- milk\n",
    "no-front-matter.md": b"# Just a heading\n\n- a bullet\n",
    "README.md": b"# Podcast notes\n\nMy notes on episodes, one file each.\n\n## How I take notes\n\n- Listen once.\n",
    "2024-03-05.md": b"---\ndate: 2024-03-05\ntags: [daily]\n---\n\n## Notes\n\n- Call the plumber.\n- Buy milk.\n",
    "mkdocs.yml": b"site_name: My notes\nnav:\n  - Home: index.md\n",
}


def main() -> None:
    for folder, files in ((HOSTILE, HOSTILE_FILES), (BROKEN, BROKEN_FILES), (SKIPPED, SKIPPED_FILES)):
        folder.mkdir(exist_ok=True)
        for old in folder.iterdir():
            old.unlink()
        for name, data in files.items():
            (folder / name).write_bytes(data)


if __name__ == "__main__":
    main()
