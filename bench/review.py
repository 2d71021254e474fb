"""Blind review of generated cards, as docs/review-rubric.md describes: packets, keys and scores.

    .venv/bin/python bench/review.py packet NAME --split dev [--generated N|all] [--all-qa] [--seed S]
    .venv/bin/python bench/review.py score NAME

``packet`` writes ``tests/data/reviews/NAME/``: ``packet.md`` (what the judge reads, with the rubric),
``key.json`` (which note came from where: maker, kind, role, page; the judge never opens it). Generated
notes are every note the generator makes for the split's pages (guest, cloze, Q/A and recommendation
cards), sampled with a fixed seed; human-written calibration notes (about half as many) come from the
pages' gold files: a cloze of a bullet's ``key_spans`` (c1, c2, … in order) and a Q/A note of its ``qa``.
Every note shows its episode's title and one neutral form; the order is shuffled.

``score`` reads each judge's ``verdicts/<judge>.jsonl`` (one ``{"id", "verdict", "score", "why"}`` per
line) and prints, per judge, KEEP / EDIT / DROP shares and the mean score per maker × kind and per
generated role, the judge's calibration (KEEP of the human-written notes) and, with two judges, their
agreement. Judge dev pages as often as you like; judge held-out pages only for the figures you report.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

from notecards import generate, load
from notecards.model import Card, Episode

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "tests" / "data" / "pages"
REVIEWS = ROOT / "tests" / "data" / "reviews"
RUBRIC = ROOT / "docs" / "review-rubric.md"
VERDICTS = ("KEEP", "EDIT", "DROP")


@dataclass(frozen=True, slots=True)
class ReviewNote:
    """One note as the judge sees it, and (in the key) where it came from."""

    maker: str  # "generated" or "human"
    kind: str  # "cloze", "qa", "guest", "recommendation"
    role: str
    page: str
    episode: str
    body: str
    fact: str


def neutral_cloze(text: str, spans: list[tuple[int, int, int]]) -> str:
    """``CLOZE (k cards): … [c1: span] …`` from (start, end, number) spans of ``text``."""
    parts, at = [], 0
    for start, end, number in sorted(spans):
        parts.append(text[at:start])
        parts.append(f"[c{number}: {text[start:end]}]")
        at = end
    parts.append(text[at:])
    cards = len({number for _, _, number in spans})
    return f"CLOZE ({cards} card{'s' if cards != 1 else ''}): {''.join(parts)}"


def neutral_qa(question: str, answer: str) -> str:
    return f"Q: {question}\nA: {answer}"


def card_kind(card: Card) -> str:
    if card.kind == "cloze":
        return "cloze"
    if card.role == "guest":
        return "guest"
    if card.role.startswith("recommendation"):
        return "recommendation"
    return "qa"


def generated_notes(stem: str, episode: Episode) -> list[ReviewNote]:
    notes = []
    for card in generate(episode):
        if card.kind == "cloze":
            body = neutral_cloze(card.text, [(d.start, d.end, d.number) for d in card.deletions])
        else:
            body = neutral_qa(card.question, card.answer)
        notes.append(ReviewNote("generated", card_kind(card), card.role, stem, episode.title, body, card.fact.text))
    return notes


def human_notes(stem: str, episode: Episode, gold: dict) -> list[ReviewNote]:
    """Calibration notes a person wrote for the same page: key spans as a cloze, the ideal Q/A pair."""
    notes = []
    for item in [*gold.get("big_reveals", []), *gold.get("things_worth_remembering", [])]:
        text = " ".join(str(item["text"]).split())
        spans: list[tuple[int, int, int]] = []
        for span in (str(s) for s in item.get("key_spans", [])):
            start = text.find(span)
            if start >= 0 and not any(start < e and s < start + len(span) for s, e, _ in spans):
                spans.append((start, start + len(span), len(spans) + 1))
        if spans:
            notes.append(
                ReviewNote("human", "cloze", "human-cloze", stem, episode.title, neutral_cloze(text, spans), text)
            )
        if item.get("qa"):
            notes.append(
                ReviewNote(
                    "human",
                    "qa",
                    "human-qa",
                    stem,
                    episode.title,
                    neutral_qa(str(item["qa"]["question"]), str(item["qa"]["answer"])),
                    text,
                )
            )
    for rec in gold.get("recommendations", []):
        if rec.get("qa"):
            notes.append(
                ReviewNote(
                    "human",
                    "recommendation",
                    "human-recommendation",
                    stem,
                    episode.title,
                    neutral_qa(str(rec["qa"]["question"]), str(rec["qa"]["answer"])),
                    str(rec.get("quote", rec["name"])),
                )
            )
    return notes


def split_pages(split: str) -> list[str]:
    splits = yaml.safe_load((PAGES / "splits.yaml").read_text(encoding="utf-8"))
    return [stem for name in split.split("+") for stem in splits[name]]


def make_packet(
    name: str, split: str, generated: int | None, all_qa: bool, seed: int, human_share: float, parts: int = 1
) -> Path:
    rng = random.Random(seed)
    made: list[ReviewNote] = []
    written: list[ReviewNote] = []
    for stem in split_pages(split):
        episode = load(PAGES / f"{stem}.txt")
        gold = yaml.safe_load((PAGES / f"{stem}.gold.yaml").read_text(encoding="utf-8"))
        made.extend(generated_notes(stem, episode))
        written.extend(human_notes(stem, episode, gold))
    if all_qa:
        picked = [note for note in made if note.kind != "cloze"]
        clozes = [note for note in made if note.kind == "cloze"]
        rest = max((generated or len(made)) - len(picked), 0)
        picked += rng.sample(clozes, min(rest, len(clozes)))
    else:
        picked = made if generated is None else rng.sample(made, min(generated, len(made)))
    humans = rng.sample(written, min(round(len(picked) * human_share), len(written)))
    notes = [*picked, *humans]
    rng.shuffle(notes)
    folder = REVIEWS / name
    (folder / "verdicts").mkdir(parents=True, exist_ok=True)
    size = -(-len(notes) // parts)
    for part in range(parts):
        numbered = list(enumerate(notes, start=1))[part * size : (part + 1) * size]
        label = f"{name}" + (f" part {part + 1} of {parts}" if parts > 1 else "")
        lines = [
            f"# Review packet {label}: {len(numbered)} notes",
            "",
            "Give one verdict line per note, in this order (see the rubric).",
            "",
        ]
        for number, note in numbered:
            lines += [f"## {number}", f"Episode: {note.episode}", note.body, ""]
        file = "packet.md" if parts == 1 else f"packet-{part + 1}.md"
        (folder / file).write_text("\n".join(lines), encoding="utf-8")
    key = [{"id": number, **asdict(note)} for number, note in enumerate(notes, start=1)]
    (folder / "key.json").write_text(
        json.dumps({"split": split, "seed": seed, "notes": key}, indent=1, ensure_ascii=False), encoding="utf-8"
    )
    counts = Counter(f"{n.maker}/{n.kind}" for n in notes)
    print(f"{folder}: {len(notes)} notes ({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))})")
    return folder


def read_verdicts(path: Path) -> dict[int, dict]:
    verdicts = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or not line.startswith("{"):
            continue
        item = json.loads(line)
        if item.get("verdict") not in VERDICTS or not 1 <= int(item.get("score", 0)) <= 5:
            raise SystemExit(f"{path}:{number}: not a verdict: {line[:80]}")
        verdicts[int(item["id"])] = item
    return verdicts


def table(rows: dict[str, list[dict]]) -> list[str]:
    out = [
        f"| {'maker, kind, role':<38} | notes | KEEP | EDIT | DROP | mean |",
        f"|{'-' * 40}|-------|------|------|------|------|",
    ]
    for label, items in rows.items():
        n = len(items)
        share = {v: sum(1 for i in items if i["verdict"] == v) / n for v in VERDICTS}
        mean = sum(int(i["score"]) for i in items) / n
        out.append(
            f"| {label:<38} | {n:>5} | {share['KEEP']:>4.0%} | {share['EDIT']:>4.0%} | "
            f"{share['DROP']:>4.0%} | {mean:>4.2f} |"
        )
    return out


def score(name: str) -> None:
    folder = REVIEWS / name
    key = {note["id"]: note for note in json.loads((folder / "key.json").read_text(encoding="utf-8"))["notes"]}
    judges = sorted((folder / "verdicts").glob("*.jsonl"))
    if not judges:
        raise SystemExit(f"{folder}/verdicts: no verdict files")
    by_judge = {}
    report = [f"# Review {name}", ""]
    for path in judges:
        verdicts = read_verdicts(path)
        missing = sorted(set(key) - set(verdicts))
        by_judge[path.stem] = verdicts
        rows: dict[str, list[dict]] = defaultdict(list)
        for number, item in verdicts.items():
            note = key[number]
            rows[f"{note['maker']}, all"].append(item)
            rows[f"{note['maker']}, {note['kind']}"].append(item)
            if note["maker"] == "generated" and note["kind"] != "cloze":
                rows["generated, Q/A (all roles)"].append(item)
        for number, item in verdicts.items():
            note = key[number]
            if note["maker"] == "generated":
                rows[f"generated role {note['role']}"].append(item)
        ordered = dict(sorted(rows.items(), key=lambda kv: (not kv[0].startswith("human"), "role" in kv[0], kv[0])))
        human = rows.get("human, all", [])
        calibration = sum(1 for i in human if i["verdict"] == "KEEP") / len(human) if human else 0.0
        report += [
            f"## judge {path.stem}: {len(verdicts)} verdicts"
            + (f", {len(missing)} missing ({missing[:10]})" if missing else ""),
            f"calibration: KEEP of human-written notes {calibration:.0%} (needs ≥ 60%)",
            "",
            *table(ordered),
            "",
        ]
    if len(by_judge) >= 2:
        (a, va), (b, vb) = list(by_judge.items())[:2]
        both = sorted(set(va) & set(vb))
        agree = sum(1 for i in both if va[i]["verdict"] == vb[i]["verdict"])
        report.append(f"agreement {a} ~ {b}: {agree}/{len(both)} verdicts, Cohen's kappa {kappa(va, vb, both):.2f}")
    text = "\n".join(report)
    (folder / "results.md").write_text(text + "\n", encoding="utf-8")
    print(text)


def kappa(va: dict[int, dict], vb: dict[int, dict], ids: list[int]) -> float:
    n = len(ids)
    if not n:
        return 0.0
    observed = sum(1 for i in ids if va[i]["verdict"] == vb[i]["verdict"]) / n
    pa = Counter(va[i]["verdict"] for i in ids)
    pb = Counter(vb[i]["verdict"] for i in ids)
    expected = sum(pa[v] * pb[v] for v in VERDICTS) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    packet = commands.add_parser("packet", help="write a packet and its key")
    packet.add_argument("name")
    packet.add_argument("--split", default="dev", help="a split of splits.yaml, or several joined by '+'")
    packet.add_argument("--generated", default="all", help="how many generated notes to sample, or 'all'")
    packet.add_argument("--all-qa", action="store_true", help="every non-cloze note, then clozes up to --generated")
    packet.add_argument("--seed", type=int, default=1)
    packet.add_argument("--human-share", type=float, default=0.5, help="human notes per generated note")
    packet.add_argument("--parts", type=int, default=1, help="split the packet for this many judges")
    scored = commands.add_parser("score", help="score the verdict files of a packet")
    scored.add_argument("name")
    args = parser.parse_args(argv)
    if args.command == "packet":
        generated = None if args.generated == "all" else int(args.generated)
        make_packet(args.name, args.split, generated, args.all_qa, args.seed, args.human_share, args.parts)
    else:
        score(args.name)


if __name__ == "__main__":
    main(sys.argv[1:])
