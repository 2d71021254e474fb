"""Card quality against the labelled pages: cloze P/R/F1 (overlap and exact), Q/A answer recall,
Q/A cards per fact, rule violations and generation speed, per split of tests/data/pages/splits.yaml.

    .venv/bin/python bench/quality.py                # dev and dev2, the splits tuned on
    .venv/bin/python bench/quality.py dev -v         # dev only, with every miss and false hit
    .venv/bin/python bench/quality.py val test fresh # held-out splits: named, never by default

Scoring follows docs/design.md ("Quality, measured"): a chosen span matches a gold span when they share
at least half the content words of the shorter one; matches are one to one. Only look at the val and
test splits' figures, never at their misses (-v prints dev's only): tuning on them makes every figure a lie.
"""

from __future__ import annotations

import argparse
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from notecards import generate, load
from notecards.generate.lexicon import content_words, zipf
from notecards.generate.spans import candidate_spans, rarest_words
from notecards.lint import check_cards
from notecards.model import RECOMMENDATIONS, Card, Fact

PAGES = Path(__file__).resolve().parents[1] / "tests" / "data" / "pages"
SPEED_ROUNDS = 20


def overlaps(a: str, b: str) -> bool:
    """Overlap coefficient of content words ≥ 0.5 (docs/design.md)."""
    wa, wb = set(content_words(a)), set(content_words(b))
    if not wa or not wb:
        return normal(a) == normal(b)
    return len(wa & wb) / min(len(wa), len(wb)) >= 0.5


def normal(text: str) -> str:
    return " ".join(re.findall(r"[\w$%]+", text.lower()))


def exact(a: str, b: str) -> bool:
    return normal(a) == normal(b)


def one_to_one(chosen: list[str], gold: list[str], same) -> int:
    """Greedy one-to-one matching: how many chosen spans match a distinct gold span."""
    free = list(gold)
    hits = 0
    for answer in chosen:
        match = next((g for g in free if same(answer, g)), None)
        if match is not None:
            free.remove(match)
            hits += 1
    return hits


@dataclass
class Tally:
    chosen: int = 0
    gold: int = 0
    hits: int = 0
    exact_hits: int = 0
    carded: int = 0
    asked: int = 0
    asked_hits: int = 0
    qa_gold: int = 0
    qa_found: int = 0
    qa_cards: int = 0
    facts: int = 0
    violations: int = 0
    bullets: int = 0
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)

    def f1(self, hits: int) -> tuple[float, float, float]:
        p = hits / self.chosen if self.chosen else 0.0
        r = hits / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def asked_f1(self) -> tuple[float, float, float]:
        """P/R/F1 of everything the cards ask (cloze deletions and Q/A answers) against the key spans."""
        p = self.asked_hits / self.asked if self.asked else 0.0
        r = self.asked_hits / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def cloze_answers(cards: list[Card]) -> list[str]:
    answers: dict[str, None] = {}
    for card in cards:
        if card.kind == "cloze":
            for d in card.deletions:
                answers.setdefault(card.text[d.start : d.end])
    return list(answers)


def asked_answers(cards: list[Card]) -> list[str]:
    """What a fact's cards ask the learner to recall: its cloze deletions and its Q/A answers. Since a Q/A
    card asks what no cloze deletion repeats, the span a learner recalls may be either."""
    answers = dict.fromkeys(cloze_answers(cards))
    for card in cards:
        if card.kind == "qa":
            answers.setdefault(
                re.sub(
                    r"^(?:about|roughly|around|nearly|almost|over|more than|up to|only)\s+",
                    "",
                    card.answer,
                    flags=re.IGNORECASE,
                )
            )
    return list(answers)


def score_page(stem: str, tally: Tally, rounds: int = SPEED_ROUNDS) -> None:
    """Add one labelled page to the tally; ``rounds`` times its generation (0: no timing, as in tests)."""
    gold = yaml.safe_load((PAGES / f"{stem}.gold.yaml").read_text(encoding="utf-8"))
    episode = load(PAGES / f"{stem}.txt")
    cards = generate(episode)
    elapsed = 0.0
    for _ in range(rounds):
        zipf.cache_clear()  # honest timing: every round looks its words up and finds its candidates again
        candidate_spans.cache_clear()
        rarest_words.cache_clear()
        start = time.perf_counter()
        generate(episode)
        elapsed += time.perf_counter() - start
    tally.seconds += elapsed / max(rounds, 1)
    tally.bullets += len(episode.facts)
    tally.carded += len({card.fact for card in cards} & set(episode.facts))
    tally.violations += sum(1 for p in check_cards(cards, episode) if p.severity == "error")
    by_fact: dict[Fact, list[Card]] = {}
    for card in cards:
        by_fact.setdefault(card.fact, []).append(card)
    facts_by_text = {normal(f.text): f for f in (*episode.facts, *(r.fact for r in episode.recommendations))}
    tally.facts += len(by_fact) if by_fact else 0
    tally.facts += sum(1 for f in facts_by_text.values() if f not in by_fact)
    tally.qa_cards += sum(1 for c in cards if c.kind == "qa")
    items = [*gold.get("big_reveals", []), *gold.get("things_worth_remembering", [])]
    for item in items:
        fact = facts_by_text.get(normal(item["text"]))
        fact_cards = by_fact.get(fact, []) if fact else []
        chosen = cloze_answers(fact_cards)
        spans = [str(s) for s in item.get("key_spans", [])]
        asked = asked_answers(fact_cards)
        tally.asked += len(asked)
        tally.asked_hits += one_to_one(asked, spans, overlaps)
        tally.chosen += len(chosen)
        tally.gold += len(spans)
        hits = one_to_one(chosen, spans, overlaps)
        tally.hits += hits
        tally.exact_hits += one_to_one(chosen, spans, exact)
        if hits < max(len(chosen), len(spans)):
            tally.misses.append(f"  {stem}: {item['text'][:70]}…\n    chose {chosen}\n    gold  {spans}")
        score_qa(item.get("qa"), fact_cards, tally, stem)
    for rec in gold.get("recommendations", []):
        fact = next(
            (
                f
                for f in by_fact
                if f.section == RECOMMENDATIONS
                and f.fact_id
                and f.fact_id.endswith(re.sub(r"[^a-z0-9]+", "-", rec["name"].lower()).strip("-"))
            ),
            None,
        )
        score_qa(rec.get("qa"), by_fact.get(fact, []), tally, stem)


def score_qa(qa: dict | None, cards: list[Card], tally: Tally, stem: str) -> None:
    if not qa:
        return
    tally.qa_gold += 1
    answers = [c.answer for c in cards if c.kind == "qa"]
    if any(overlaps(a, str(qa["answer"])) for a in answers):
        tally.qa_found += 1
    else:
        tally.misses.append(
            f"  {stem}: Q/A gold {qa['answer']!r}; made {[(c.question, c.answer) for c in cards if c.kind == 'qa']}"
        )


def report(split: str, stems: list[str], verbose: bool) -> None:
    tally = Tally()
    for stem in stems:
        score_page(stem, tally)
    p, r, f = tally.f1(tally.hits)
    ep, er, ef = tally.f1(tally.exact_hits)
    print(f"{split} ({len(stems)} pages, {tally.bullets} bullets)")
    print(f"  cloze overlap  P {p:.2f}  R {r:.2f}  F1 {f:.2f}")
    print(f"  cloze exact    P {ep:.2f}  R {er:.2f}  F1 {ef:.2f}")
    ap, ar, af = tally.asked_f1()
    print(f"  asked overlap  P {ap:.2f}  R {ar:.2f}  F1 {af:.2f}  (cloze deletions and Q/A answers)")
    print(f"  Q/A recall     {tally.qa_found}/{tally.qa_gold} = {tally.qa_found / max(tally.qa_gold, 1):.2f}")
    print(f"  Q/A per fact   {tally.qa_cards / max(tally.facts, 1):.2f}")
    print(f"  violations     {tally.violations}")
    print(f"  facts carded   {tally.carded}/{tally.bullets}")
    print(f"  ms per bullet  {1000 * tally.seconds / max(tally.bullets, 1):.3f}")
    if verbose:
        print("\n".join(tally.misses))


TUNED_ON = ("dev", "dev2")


def main() -> None:
    splits = yaml.safe_load((PAGES / "splits.yaml").read_text(encoding="utf-8"))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("splits", nargs="*", help=f"of {', '.join(splits)}; default: the splits tuned on")
    parser.add_argument("-v", "--verbose", action="store_true", help="every miss of a split tuned on")
    args = parser.parse_args()
    if unknown := set(args.splits) - set(splits):
        parser.error(f"no split {', '.join(sorted(unknown))} in splits.yaml")
    for split in args.splits or TUNED_ON:
        report(split, splits[split], verbose=args.verbose and split in TUNED_ON)  # never the held-out misses


if __name__ == "__main__":
    main()
