"""Benchmark a back-catalogue build: N synthetic episodes made from the sample notes page.

Measures, each build in a fresh subprocess (the CLI, as a user runs it):
  full build (--jobs J); unchanged rebuild and one-edit rebuild (the median of --repeat runs, each
  edit to another page: one run on a shared machine is noise); peak memory (ru_maxrss of the build
  and its workers); and genanki alone writing the same notes into the same decks (the floor).
Peak memory is also measured for a full build of a smaller catalogue, to see how it grows.

    .venv/bin/python bench/batch.py                # 1,000 episodes (and 100 for memory)
    .venv/bin/python bench/batch.py -n 200 --small 50 --jobs 2

Targets (issue 6): full ≤ 2× genanki; unchanged ≤ 10% of full; one edit ≤ 5% of full;
peak memory for N ≤ 1.5× that for the small catalogue.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "decks" / "lex-fridman-035-jeremy-howard.txt"
FIRST = (
    "Ada",
    "Alan",
    "Grace",
    "Claude",
    "Barbara",
    "John",
    "Margaret",
    "Donald",
    "Frances",
    "Edsger",
    "Radia",
    "Ken",
    "Sophie",
    "Tim",
    "Hedy",
    "Linus",
    "Shafi",
    "Yann",
    "Fei-Fei",
    "José",
)
LAST = (
    "Lovelace",
    "Turing",
    "Hopper",
    "Shannon",
    "Liskov",
    "McCarthy",
    "Hamilton",
    "Knuth",
    "Allen",
    "Dijkstra",
    "Perlman",
    "Thompson",
    "Wilson",
    "Berners-Lee",
    "Lamarr",
    "Torvalds",
    "Goldwasser",
    "LeCun",
    "Li",
    "Núñez",
)
PODCASTS = (("Lex Fridman", "Lex Fridman Podcast"), ("Ada Byte", "The Byte Show"), ("Sam Lee", "Deep Dives"))
TOPICS = (
    "Deep Learning",
    "Compilers",
    "Databases",
    "Robotics",
    "Cryptography",
    "Memory",
    "Teaching",
    "Startups",
    "Open Source",
    "Hardware",
)
FILLER = (
    "the team shipped {n} releases in {m} months",
    "about {n}% of the budget went to testing",
    "{n} engineers rewrote the scheduler in {m} weeks",
    "the model used {n} GPUs for {m} days",
    "a {n}-page report was cited {m} times",
)


def synthetic_page(index: int, rng: random.Random, guests: int) -> str:
    """One notes page: the sample with another guest, podcast, number, date and varied facts."""
    text = SAMPLE.read_text(encoding="utf-8")
    guest = f"{FIRST[index * 7 % guests % len(FIRST)]} {LAST[index * 7 % guests // len(FIRST) % len(LAST)]}"
    host, podcast = PODCASTS[index % len(PODCASTS)]
    topic = f"{TOPICS[index % len(TOPICS)]} and {TOPICS[(index // len(TOPICS)) % len(TOPICS)]} {index}"
    date = f"20{10 + index % 14:02d}-{1 + index % 12:02d}-{1 + index % 28:02d}"
    head, rest = text.split("The guest\n", 1)
    head = (
        head.replace("Home Lex Fridman Notes", f"Home {host} Notes")
        .replace("Lex Fridman · 2019-08-27", f"{host} · {date}")
        .replace(
            "Jeremy Howard: fast.ai Deep Learning Courses and Research | Lex Fridman Podcast #35",
            f"{guest}: {topic} | {podcast} #{index + 1}",
        )
    )
    bio, rest = rest.split("The gist\n", 1)
    bio = bio.replace("Jeremy Howard", guest)
    heading = "The guest\n"
    if index % 10 == 3:  # every tenth episode has two guests
        second = f"{FIRST[(index + 3) % len(FIRST)]} {LAST[(index + 5) % len(LAST)]}"
        heading, bio = "The guests\n", f"{bio.rstrip()}\n\n{second} — Co-host of a show about {topic}.\n\n"
    lines = []
    for line in rest.split("\n"):
        if line.lstrip().startswith("•"):
            if rng.random() < 0.25:
                continue  # drop a quarter of the facts
            line = re.sub(r"\d+", lambda _m: str(rng.randint(2, 900)), line)
        lines.append(line)
    extra = "\n".join(
        f"  • In episode {index + 1}, " + rng.choice(FILLER).format(n=rng.randint(2, 99), m=rng.randint(2, 30)) + "."
        for _ in range(rng.randint(1, 3))
    )
    body = "\n".join(lines).replace("Jeremy Howard", guest).replace("Jeremy", guest.split()[0])
    body = body.replace("Things worth remembering\n", f"Things worth remembering\n\n{extra}\n", 1)
    return f"{head}{heading}{bio}The gist\n{body}"


def make_catalogue(folder: Path, episodes: int, seed: int = 6) -> None:
    """``episodes`` pages in ``folder``; about one guest per three episodes, so guests recur."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    guests = max(episodes // 3, 1)
    for index in range(episodes):
        (folder / f"ep-{index + 1:04d}.txt").write_text(synthetic_page(index, rng, guests), encoding="utf-8")


def measured(command: list[str]) -> dict:
    """Run ``command`` in a fresh process; wall time and the peak RSS of it and its workers."""
    probe = (
        "import json, resource, subprocess, sys, time\n"
        "start = time.perf_counter(); rc = subprocess.run(sys.argv[1:]).returncode\n"
        "print(json.dumps({'seconds': time.perf_counter() - start, 'rc': rc,\n"
        "  'peak_mb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))"
    )
    result = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, check=True)
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    if figures["rc"] != 0:
        raise SystemExit(f"build failed: {' '.join(command)}\n{result.stderr}")
    return figures


def middle(runs: list[dict]) -> dict:
    """The median run of several (a shared machine is noisy), with the range of all of them."""
    ordered = sorted(runs, key=lambda run: run["seconds"])
    spread = f"{len(runs)} runs {ordered[0]['seconds']:.2f}-{ordered[-1]['seconds']:.2f}s"
    return {**ordered[len(ordered) // 2], "range": spread}


def notecards_build(source: Path, out: Path, jobs: int, by: str) -> dict:
    return measured(
        [
            sys.executable,
            "-m",
            "notecards",
            "build",
            str(source),
            "--out",
            str(out),
            "--jobs",
            str(jobs),
            "--by",
            by,
            "--quiet",
        ]
    )


GENANKI_FLOOR = r"""
import json, sys, time
from pathlib import Path
import genanki
from notecards.cache import BuildCache, load_notes
from notecards.grouping import deck_file_name, deck_names
from notecards import package
out = Path(sys.argv[1]); floor = Path(sys.argv[2]); floor.mkdir(exist_ok=True)
cache = BuildCache(out)
names = deck_names(list(cache.episodes.items()), sys.argv[3])   # the same decks the build wrote
decks = {}
for path, entry in sorted(cache.episodes.items()):
    decks.setdefault(names[path], []).append(entry.key)
notes = {name: [n for key in keys for n in load_notes(cache.root, key)] for name, keys in decks.items()}
models = {"cloze": genanki.Model(package.CLOZE_MODEL_ID, "cloze", model_type=genanki.Model.CLOZE,
                                 fields=[{"name": "Text"}, {"name": "Fact"}, {"name": "Source"}],
                                 templates=[{"name": "Cloze", "qfmt": "{{cloze:Text}}", "afmt": "{{cloze:Text}}"}]),
          "qa": genanki.Model(package.QA_MODEL_ID, "qa",
                              fields=[{"name": n} for n in ("Question", "Answer", "Fact", "Source")],
                              templates=[{"name": "Card 1", "qfmt": "{{Question}}", "afmt": "{{Answer}}"}])}
start = time.perf_counter()
for name, deck_notes in notes.items():
    deck = genanki.Deck(package.deck_id(name), name)
    for n in deck_notes:
        deck.add_note(genanki.Note(model=models[n.kind], fields=[v for _, v in n.fields], tags=list(n.tags),
                                   guid=n.guid))
    genanki.Package(deck).write_to_file(str(floor / deck_file_name(name)))
print(json.dumps({"seconds": time.perf_counter() - start, "decks": len(notes),
                  "notes": sum(map(len, notes.values()))}))
"""


def genanki_floor(out: Path, floor: Path, by: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", GENANKI_FLOOR, str(out), str(floor), by], capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def edit_one(source: Path, which: int = 0) -> None:
    """A maintainer's typo-level fix to one bullet of one episode (the ``which``-th after the middle one)."""
    pages = sorted(source.glob("*.txt"))
    page = pages[(len(pages) // 2 + which) % len(pages)]
    text = page.read_text(encoding="utf-8")
    page.write_text(
        text.replace("the Stanford DAWNBench", "Stanford's DAWNBench", 1)
        if "the Stanford DAWNBench" in text
        else text.replace("  • ", "  • Notably, ", 1),
        encoding="utf-8",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", "--episodes", type=int, default=1000)
    parser.add_argument("--small", type=int, default=100, help="catalogue size to compare peak memory with")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--by", choices=("episode", "guest"), default="episode")
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="rebuilds measured each way (a different page edited each time); the median is shown",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="notecards-bench-") as tmp:
        work = Path(tmp)
        make_catalogue(work / "small", args.small)
        make_catalogue(work / "src", args.episodes)
        small = notecards_build(work / "small", work / "small-out", args.jobs, args.by)
        full = notecards_build(work / "src", work / "out", args.jobs, args.by)
        unchanged = middle(
            [notecards_build(work / "src", work / "out", args.jobs, args.by) for _ in range(args.repeat)]
        )
        edits = []
        for which in range(args.repeat):
            edit_one(work / "src", which)
            edits.append(notecards_build(work / "src", work / "out", args.jobs, args.by))
        one_edit = middle(edits)
        floor = genanki_floor(work / "out", work / "floor", args.by)
    rows = [
        ("episodes", f"{args.episodes}", f"{floor['decks']} decks (--by {args.by}), {floor['notes']} notes"),
        (
            f"full build --jobs {args.jobs}",
            f"{full['seconds']:.2f}s",
            f"{full['seconds'] / floor['seconds']:.2f}x genanki alone (target <= 2x)",
        ),
        ("genanki alone (floor)", f"{floor['seconds']:.2f}s", "same notes, same decks, no notecards"),
        (
            "unchanged rebuild",
            f"{unchanged['seconds']:.2f}s",
            f"{unchanged['seconds'] / full['seconds']:.1%} of full (target <= 10%); {unchanged['range']}",
        ),
        (
            "one-edit rebuild",
            f"{one_edit['seconds']:.2f}s",
            f"{one_edit['seconds'] / full['seconds']:.1%} of full (target <= 5%); {one_edit['range']}",
        ),
        (
            f"peak memory, {args.episodes} episodes",
            f"{full['peak_mb']:.0f} MB",
            f"{full['peak_mb'] / small['peak_mb']:.2f}x the {args.small}-episode build (target <= 1.5x)",
        ),
        (f"peak memory, {args.small} episodes", f"{small['peak_mb']:.0f} MB", f"full build {small['seconds']:.2f}s"),
    ]
    for name, value, note in rows:
        print(f"{name:<30} {value:>10}   {note}")


if __name__ == "__main__":
    main()
