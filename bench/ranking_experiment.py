"""Experiment: can a learned model choose cloze spans better than the hand-set scores of spans.py?

    .venv/bin/python bench/ranking_experiment.py

Every cloze candidate of every dev bullet is an example: 1.0 when it is exactly a gold key span,
0.6 when it only overlaps one (the rule in docs/design.md), else 0. An L2-regularised logistic regression
over 41 signals (the hand score, rarity, length, position, neighbours, kind…) is fitted by Newton's
method in plain Python, and the generator's selection thresholds are chosen on the same folds. Pages
are held out four folds at a time, so every figure is for pages the model did not see. val and test
pages are never read.

Result on the 21 dev pages (2026-11-28): cross-validated overlap F1 0.656, exact 0.526; the hand
scores give 0.656 / 0.523 on the same pages. Parity: the model is not shipped (README, Known limits).
A perfect chooser among the same candidates would reach 0.92 on the first 11 dev pages (the ones the
candidates were written from) and 0.84 on the last 10: choice, not proposal, loses most.
"""

from __future__ import annotations

import math
import sys
from itertools import product
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import quality
from notecards import load
from notecards.generate import cloze
from notecards.generate.candidate import Span
from notecards.generate.clauses import atomic_clauses
from notecards.generate.cloze import topic_names
from notecards.generate.lexicon import HEDGES, STOP_WORDS, words, zipf
from notecards.generate.spans import candidate_spans

KINDS = (
    "number",
    "year",
    "name",
    "acronym",
    "quoted",
    "term",
    "defined",
    "expansion",
    "rare",
    "phrase",
    "contrast",
    "negated",
    "named",
)
ARTICLES = frozenset("the a an".split())
PREPOSITIONS = frozenset("of in on for with by from at into".split())
COPULAS = frozenset("is was are were called named as".split())
SINGLE_HEDGES = frozenset(h for h in HEDGES if " " not in h)
FEATURES = (
    "score",
    "words",
    "single_word",
    "rarest",
    "commonest",
    "mean_zipf",
    "capitalised",
    "all_caps",
    "has_digit",
    "hyphenated",
    "position",
    "at_start",
    "after_article",
    "after_preposition",
    "after_possessive",
    "after_copula",
    "in_parentheses",
    "before_parenthesis",
    "before_of",
    "hedged",
    "ends_clause",
    "covers",
    "covered",
    "overlapping",
    "score_rank",
    "top_score",
    "sentence_words",
    "candidates",
    *(f"kind_{kind}" for kind in KINDS),
)


def span_features(sentence: str, span: Span, spans: list[Span], ranks: dict[float, int]) -> tuple[float, ...]:
    """The signals the model weighs for one candidate, in ``FEATURES`` order."""
    text = span.text(sentence)
    span_words = words(text)
    content = [w.lower().strip(".,") for w in span_words if w.lower() not in STOP_WORDS]
    rarity = [min(zipf(w), 7.0) for w in content if w] or [7.0]
    before = sentence[: span.start].split()
    previous = before[-1].lower() if before else ""
    after = sentence[span.end :].lstrip()
    following = after.split()[0].lower() if after.split() else ""
    total = max(len(words(sentence)), 1)
    others = [s for s in spans if s is not span]
    rank = ranks[span.score]
    return (
        span.score,
        min(len(span_words), 6),
        len(span_words) == 1,
        min(rarity),
        max(rarity),
        sum(rarity) / len(rarity),
        text[:1].isupper(),
        len(text) > 1 and text.isupper(),
        any(c.isdigit() for c in text),
        "-" in text,
        len(words(sentence[: span.start])) / total,
        span.start == 0,
        previous in ARTICLES,
        previous in PREPOSITIONS,
        previous.endswith(("'s", "’s")),
        previous in COPULAS,
        sentence[: span.start].endswith("(") and after.startswith(")"),
        after.startswith("("),
        following == "of",
        previous in SINGLE_HEDGES,
        not after or after[0] in ",.;:",
        sum(1 for s in others if s.start >= span.start and s.end <= span.end),
        sum(1 for s in others if s.start <= span.start and s.end >= span.end),
        sum(1 for s in others if s.start < span.end and span.start < s.end),
        min(rank, 5),
        rank == 0,
        total / 30,
        len(spans) / 10,
        *(span.kind == kind for kind in KINDS),
    )


def all_features(sentence: str, spans: list[Span]) -> list[tuple[float, ...]]:
    """``span_features`` for every candidate of a sentence (ranks are shared, so computed once)."""
    ranks = {score: rank for rank, score in enumerate(sorted({s.score for s in spans}, reverse=True))}
    return [span_features(sentence, span, spans, ranks) for span in spans]


PAGES = quality.PAGES
EXACT, OVERLAP = 1.0, 0.6
L2 = 1.0  # on standardised features: keeps ~40 weights sane on ~1,000 examples
FOLDS = 4
GRID = {
    "first": (0.25, 0.3, 0.35, 0.45),
    "next": (0.35, 0.45, 0.55),
    "fill": (0.15, 0.2, 0.3),
    "strict_fill": (0.35, 0.5),
}

Example = tuple[str, tuple[float, ...], float]  # page, features, label


def labelled_bullets(stems: list[str]):
    """(page, gold key spans, the bullet's atomic clauses, the episode's context names) for every bullet."""
    for stem in stems:
        gold = yaml.safe_load((PAGES / f"{stem}.gold.yaml").read_text(encoding="utf-8"))
        episode = load(PAGES / f"{stem}.txt")
        context = frozenset(episode.guest_names) | {episode.host, episode.podcast} | topic_names(episode)
        for item in [*gold.get("big_reveals", []), *gold.get("things_worth_remembering", [])]:
            yield stem, [str(s) for s in item.get("key_spans", [])], atomic_clauses(item["text"]), context


def examples(stems: list[str]) -> list[Example]:
    rows = []
    for stem, spans_gold, clauses, context in labelled_bullets(stems):
        for clause in clauses:
            spans = candidate_spans(clause, context)
            for span, row in zip(spans, all_features(clause, spans), strict=True):
                text = span.text(clause)
                label = (
                    EXACT
                    if any(quality.exact(text, g) for g in spans_gold)
                    else OVERLAP
                    if any(quality.overlaps(text, g) for g in spans_gold)
                    else 0.0
                )
                rows.append((stem, tuple(float(x) for x in row), label))
    return rows


def fit(rows: list[Example]) -> tuple[float, list[float]]:
    """Logistic regression by Newton's method on standardised features; weights returned unstandardised."""
    n = len(rows[0][1])
    means = [sum(r[1][j] for r in rows) / len(rows) for j in range(n)]
    sds = [math.sqrt(sum((r[1][j] - means[j]) ** 2 for r in rows) / len(rows)) or 1.0 for j in range(n)]
    xs = [[1.0, *((x[j] - means[j]) / sds[j] for j in range(n))] for _, x, _ in rows]
    ys = [label for *_, label in rows]
    w = [0.0] * (n + 1)
    for _ in range(12):
        gradient = [0.0] * (n + 1)
        hessian = [[0.0] * (n + 1) for _ in range(n + 1)]
        for x, y in zip(xs, ys, strict=True):
            p = logistic(sum(a * b for a, b in zip(w, x, strict=True)))
            d, curvature = p - y, p * (1 - p)
            for i, xi in enumerate(x):
                gradient[i] += d * xi
                if xi:
                    ci = curvature * xi
                    row = hessian[i]
                    for j in range(i, n + 1):
                        row[j] += ci * x[j]
        for i in range(n + 1):
            for j in range(i):
                hessian[i][j] = hessian[j][i]
            if i:
                gradient[i] += L2 * w[i]
                hessian[i][i] += L2
        step = _solve(hessian, gradient)
        w = [a - b for a, b in zip(w, step, strict=True)]
        if max(abs(s) for s in step) < 1e-6:
            break
    weights = [w[j + 1] / sds[j] for j in range(n)]
    bias = w[0] - sum(weights[j] * means[j] for j in range(n))
    return bias, weights


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the system is small and well conditioned by L2)."""
    n = len(b)
    m = [[*row, b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(col + 1, n):
            factor = m[r][col] / m[col][col]
            if factor:
                for c in range(col, n + 1):
                    m[r][c] -= factor * m[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][c] * x[c] for c in range(r + 1, n))) / m[r][r]
    return x


def logistic(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def scored(stems: list[str], fitted: dict[str, tuple[float, list[float]]], thresholds: dict[str, float]):
    """Overlap and exact F1 of the real generator on ``stems``, each page ranked by its fold's model
    (cloze.py's candidates and thresholds are swapped for the experiment's, then put back)."""
    tally = quality.Tally()
    quality.SPEED_ROUNDS = 1
    saved = (
        cloze.candidate_spans,
        cloze.MIN_SCORE_FIRST,
        cloze.MIN_SCORE,
        cloze.MIN_SCORE_FILL,
        cloze.MIN_SCORE_STRICT_FILL,
    )
    cloze.MIN_SCORE_FIRST, cloze.MIN_SCORE, cloze.MIN_SCORE_FILL, cloze.MIN_SCORE_STRICT_FILL = thresholds.values()
    try:
        for stem in stems:
            bias, weights = fitted[stem]

            def rescored(sentence: str, context: frozenset[str] = frozenset(), b=bias, w=weights) -> list[Span]:
                spans = candidate_spans(sentence, context)
                return [
                    Span(s.start, s.end, s.kind, logistic(b + sum(a * x for a, x in zip(w, row, strict=True))))
                    for s, row in zip(spans, all_features(sentence, spans), strict=True)
                ]

            cloze.candidate_spans = rescored
            quality.score_page(stem, tally)
    finally:
        (
            cloze.candidate_spans,
            cloze.MIN_SCORE_FIRST,
            cloze.MIN_SCORE,
            cloze.MIN_SCORE_FILL,
            cloze.MIN_SCORE_STRICT_FILL,
        ) = saved
    return tally.f1(tally.hits)[2], tally.f1(tally.exact_hits)[2]


def ceiling(stems: list[str]) -> tuple[float, float, float]:
    """P, R and F1 of a perfect chooser: per clause, at most 3 non-overlapping candidates, each hiding a
    gold span not yet matched. What selection could reach with today's candidates."""
    chosen = gold_count = 0
    for _, free, clauses, context in labelled_bullets(stems):
        gold_count += len(free)
        for clause in clauses:
            taken: list[Span] = []
            for span in sorted(candidate_spans(clause, context), key=lambda s: -s.score):
                match = next((g for g in free if quality.overlaps(span.text(clause), g)), None)
                if match and len(taken) < 3 and not any(span.start < t.end and t.start < span.end for t in taken):
                    free.remove(match)
                    taken.append(span)
            chosen += len(taken)
    recall = chosen / gold_count
    return 1.0, recall, 2 * recall / (1 + recall)


def main() -> None:
    stems = yaml.safe_load((PAGES / "splits.yaml").read_text(encoding="utf-8"))["dev"]
    for name, part in (("first 11 dev pages", stems[:11]), ("last 10 dev pages", stems[11:])):
        print(f"a perfect chooser among today's candidates, {name}: overlap F1 {ceiling(part)[2]:.2f}")
    rows = examples(stems)
    print(f"{len(rows)} candidates from {len(stems)} dev pages, {sum(1 for r in rows if r[2])} overlap a gold span")
    fitted = {}
    for fold in (stems[i::FOLDS] for i in range(FOLDS)):
        model = fit([r for r in rows if r[0] not in fold])
        fitted.update(dict.fromkeys(fold, model))
    results = {
        values: scored(stems, fitted, dict(zip(GRID, values, strict=True))) for values in product(*GRID.values())
    }
    best = max(results, key=lambda v: results[v][0] + results[v][1] / 2)
    overlap, exact = results[best]
    print(
        f"cross-validated ({FOLDS} folds of pages): overlap F1 {overlap:.3f}, exact F1 {exact:.3f} "
        f"at thresholds {dict(zip(GRID, best, strict=True))}"
    )
    tally = quality.Tally()
    for stem in stems:
        quality.score_page(stem, tally)
    print(
        f"hand scores on the same pages: overlap F1 {tally.f1(tally.hits)[2]:.3f}, "
        f"exact F1 {tally.f1(tally.exact_hits)[2]:.3f}"
    )


if __name__ == "__main__":
    main()
