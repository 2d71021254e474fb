"""Time against input size: a bullet holding one long token (1 KB … 5 MB) and pages of many
bullets (100 … 100,000), read and then generated, as a notes page and as Markdown.

Reading is linear in the text's length, and a bullet over the character budget
(``sources.checks.MAX_FACT_CHARS``) is skipped with a warning there, so generation only ever sees
bounded bullets; the last table shows generation time against bullet length up to that budget.

    .venv/bin/python bench/budgets.py            # everything (the 100,000-bullet pages take minutes)
    .venv/bin/python bench/budgets.py --quick    # up to 10,000 bullets
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from notecards import generate, load
from notecards.model import BIG_REVEALS, Episode, Fact, Location
from notecards.sources.checks import MAX_FACT_CHARS

HEAD = (
    "Home Bench Notes\nSam Reyes · 2024-03-05 · 58m\n\n"
    "Ada Stone: Scaling Things | Bench Podcast #1\nA summary.\nAda Stone: Scaling Things | Bench Podcast #1\n\n"
    "The guest\n\nAda Stone — engineer.\n\nBig reveals\n\n"
)
MARKDOWN_HEAD = (
    "---\npodcast: Bench Podcast\nepisode: 1\ntitle: Scaling Things\nguests: [Ada Stone]\n---\n\n## Big reveals\n"
)
BULLETS = (
    "The team shipped {n} releases in {m} months after moving to Rust.",
    "About {n}% of the budget went to testing, according to Grace Hopper.",
    "In {year}, {n} engineers rewrote the scheduler in {m} weeks at Bell Labs.",
    "The model used {n} GPUs for {m} days and cost about ${n} million.",
)


def bullet(rng: random.Random, index: int = 0) -> str:
    text = rng.choice(BULLETS).format(n=rng.randint(2, 900), m=rng.randint(2, 30), year=rng.randint(1950, 2020))
    return f"In part {index}, {text[0].lower()}{text[1:]}" if index else text


def page(bullets: list[str], markdown: bool) -> str:
    if markdown:
        return MARKDOWN_HEAD + "".join(f"- {text}\n" for text in bullets)
    return HEAD + "".join(f"  • {text}\n" for text in bullets)


def timed(source: Path) -> tuple[float, float, int, int]:
    """Seconds to read and to generate, the facts read and the cards made."""
    started = time.perf_counter()
    episode = load(source)
    read = time.perf_counter() - started
    started = time.perf_counter()
    cards = generate(episode)
    return read, time.perf_counter() - started, len(episode.facts), len(cards)


def long_tokens(folder: Path) -> None:
    print("\nOne bullet 'A token: <L characters> is long.' among 20 ordinary ones (seconds):")
    print(f"{'L':>9} | {'format':>8} | {'read':>7} | {'generate':>8} | bullet")
    rng = random.Random(1)
    for size in (1_000, 16_000, 50_000, 1_000_000, 5_000_000):
        token = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(min(size, 10_000)))
        token = (token * (size // len(token) + 1))[:size]
        for markdown in (False, True):
            bullets = [bullet(rng, i + 1) for i in range(20)]
            bullets.insert(10, f"A token: {token} is long.")
            source = folder / f"long-{size}.{'md' if markdown else 'txt'}"
            source.write_text(page(bullets, markdown), encoding="utf-8")
            read, made, facts, _ = timed(source)
            kept = "carded" if facts == 21 else "skipped with a warning"
            print(f"{size:>9,} | {'Markdown' if markdown else 'page':>8} | {read:7.3f} | {made:8.3f} | {kept}")


def page_sizes(folder: Path, largest: int) -> None:
    print("\nPages of N ordinary bullets (seconds; ms per bullet):")
    print(f"{'N':>8} | {'format':>8} | {'read':>7} | {'generate':>8} | {'ms/bullet':>9}")
    rng = random.Random(2)
    size = 100
    while size <= largest:
        for markdown in (False, True):
            source = folder / f"page-{size}.{'md' if markdown else 'txt'}"
            source.write_text(page([bullet(rng, i + 1) for i in range(size)], markdown), encoding="utf-8")
            read, made, facts, _ = timed(source)
            assert facts == size, (facts, size)
            print(
                f"{size:>8,} | {'Markdown' if markdown else 'page':>8} | {read:7.3f} | {made:8.2f} | "
                f"{1000 * (read + made) / size:9.3f}"
            )
        size *= 10


def bounded_bullets() -> None:
    print(f"\nGeneration of one bullet up to the budget ({MAX_FACT_CHARS} characters), median of 5 (ms):")
    print(f"{'chars':>6} | {'words':>8} | {'one long token':>14}")
    rng = random.Random(3)
    where = Location("bench.txt", 1)
    episode = Episode("Bench Podcast", "Ada Stone: Scaling | Bench Podcast #1", where, number=1)
    for length in (100, 200, 300, 400, 500, MAX_FACT_CHARS):
        words = " ".join(bullet(rng) for _ in range(20))[:length].rsplit(" ", 1)[0] + "."
        token = "A token: " + "x" * (length - 20) + " is long."
        row = []
        for text in (words, token):
            fact = Fact(BIG_REVEALS, text, where)
            runs = []
            for _ in range(5):
                started = time.perf_counter()
                generate(
                    Episode(
                        **{
                            **{f: getattr(episode, f) for f in ("podcast", "title", "source", "number")},
                            "facts": (fact,),
                        }
                    )
                )
                runs.append(1000 * (time.perf_counter() - started))
            row.append(statistics.median(runs))
        print(f"{length:>6} | {row[0]:8.2f} | {row[1]:14.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="pages up to 10,000 bullets only")
    options = parser.parse_args()
    generate(load(Path(__file__).resolve().parents[1] / "decks" / "lex-fridman-035-jeremy-howard.txt"))  # warm up
    with tempfile.TemporaryDirectory() as scratch:
        long_tokens(Path(scratch))
        page_sizes(Path(scratch), 10_000 if options.quick else 100_000)
    bounded_bullets()
    sys.stdout.flush()


if __name__ == "__main__":
    main()
