"""Time to read notes, by shape and against input size: every reader should stay linear in the text's
length, whatever it holds (a 600 KB token, 100,000 opening brackets, a Snipd heading the size of a book).

    .venv/bin/python bench/reading.py            # the shapes in tests/data/shapes, then the long inputs
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from notecards.errors import NotEpisodeNotes  # noqa: E402
from notecards.sources import read_episodes, supported_suffixes  # noqa: E402

LONG = {
    "Markdown bullet of one token": lambda n: f"---\npodcast: P\ntitle: T\n---\n## Key takeaways\n- {'a' * n}\n",
    "Markdown bullet of '([1:2](' …": lambda n: (
        "---\npodcast: P\ntitle: T\n---\n## Key takeaways\n- " + "([1:2](" * (n // 7) + "\n"
    ),
    "Markdown bullet of '[[' …": lambda n: (
        "---\npodcast: P\ntitle: T\n---\n## Key takeaways\n- " + "[[" * (n // 2) + "\n"
    ),
    "Snipd snip heading and guests": lambda n: (
        f"## Episode metadata\n- Show: S\n- Guests: {'[' * n}\n## Snips\n### [{'a' * n}\n🎧 {'a' * n}\n- {'a' * n}\n"
    ),
    "Readwise title and highlight": lambda n: (
        f"# T\n## Metadata\n- Full Title: {'a' * n}\n- Author: A\n"
        f"## Highlights\n- {'a' * n} ([Time 0:1](x)\n> {'a' * n}\n"
    ),
    "notes page title of names": lambda n: (
        "Home X Notes\n" + "Ann Lee & " * (n // 10) + "- Topic\nBig reveals\n  • a fact\n"
    ),
}


def seconds(path: Path) -> float:
    started = time.perf_counter()
    with contextlib.suppress(NotEpisodeNotes):
        read_episodes(path)
    return time.perf_counter() - started


def main() -> None:
    shapes = ROOT / "tests" / "data" / "shapes"
    for shape in sorted(p for p in shapes.iterdir() if p.is_dir()):
        files = [p for p in shape.rglob("*") if p.suffix in supported_suffixes()]
        total = sum(seconds(path) for path in files)
        print(f"{shape.name:18s} {len(files):2d} files  {1000 * total / len(files):6.1f} ms per file")
    print()
    print(f"{'long input':32s}" + "".join(f"{size // 1000:>9d} KB" for size in (100_000, 300_000, 900_000)))
    with tempfile.TemporaryDirectory() as folder:
        for name, make in LONG.items():
            row = []
            for size in (100_000, 300_000, 900_000):
                path = Path(folder) / ("notes.txt" if "page" in name else "notes.md")
                path.write_text(make(size), encoding="utf-8")
                row.append(seconds(path))
            print(f"{name:32s}" + "".join(f"{value:11.2f}s" for value in row))


if __name__ == "__main__":
    main()
