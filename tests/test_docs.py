"""The documentation in the repository: every docs/ file that code, tests, benches or the README
name exists, and nothing sends a reader to a file outside the repository."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS_REFERENCE = re.compile(r"(?<![\w./-])docs/[\w./-]*\w")
OUTSIDE_REFERENCE = re.compile(r"\bresearch/[\w-]+\.md|\bDESIGN\.md|\bshared/(?:samples|research)\b")


def citing_files() -> list[Path]:
    """Source, tests, benches, docs and the README: what a reader follows references from."""
    files = [ROOT / "README.md", ROOT / "CONTRIBUTING.md"]
    for folder, patterns in (
        ("src", ("*.py",)),
        ("tests", ("*.py", "*.md")),
        ("bench", ("*.py",)),
        ("docs", ("*.md",)),
    ):
        for pattern in patterns:
            files.extend(sorted((ROOT / folder).rglob(pattern)))
    return [path for path in files if path.is_file()]


def test_every_docs_reference_names_a_file_that_exists() -> None:
    references = {
        (path.relative_to(ROOT).as_posix(), match.group(0).rstrip("."))
        for path in citing_files()
        for match in DOCS_REFERENCE.finditer(path.read_text(encoding="utf-8"))
    }
    assert references, "no docs/ reference found: the pattern is wrong"
    missing = sorted((where, target) for where, target in references if not (ROOT / target).exists())
    assert not missing, f"references to docs that do not exist: {missing}"


def test_relative_links_inside_docs_resolve() -> None:
    links = [
        (path, target)
        for path in sorted((ROOT / "docs").glob("*.md"))
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", path.read_text(encoding="utf-8"))
    ]
    assert links
    assert [(p.name, t) for p, t in links if not (p.parent / t).exists()] == []


def test_nothing_cites_a_file_outside_the_repository() -> None:
    cited = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in citing_files()
        if path.name != "test_docs.py"
        for match in OUTSIDE_REFERENCE.finditer(path.read_text(encoding="utf-8"))
    ]
    assert cited == []


def test_the_card_rules_page_explains_every_rule_lint_checks() -> None:
    lint_rules = set(re.findall(r'"(R\d+)"', (ROOT / "src/notecards/lint.py").read_text(encoding="utf-8")))
    documented = set(re.findall(r"^## (R\d+) ", (ROOT / "docs/card-rules.md").read_text(encoding="utf-8"), re.M))
    assert lint_rules and lint_rules <= documented
