"""How the command line shows a build: a rich progress bar on a terminal, plain lines otherwise
(logs, CI), nothing with ``--quiet``; then a summary table. The library only calls back with
``Progress`` events; everything that prints lives here and in ``cli.py``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, TaskID, TextColumn, TimeElapsedColumn
from rich.progress import Progress as Bar
from rich.table import Column, Table

from .errors import one_line
from .model import BuildReport, Progress

REFRESH_SECONDS = 0.1


@contextmanager
def progress_display(quiet: bool) -> Iterator[Callable[[Progress], None] | None]:
    """A progress callback for ``build``, or None when nothing should be shown."""
    if quiet:
        yield None
    elif sys.stderr.isatty():
        with _bar() as show:
            yield show
    else:
        yield _plain_lines()


@contextmanager
def _bar() -> Iterator[Callable[[Progress], None]]:
    # auto_refresh=False: no refresh thread, so forking the worker pool stays safe.
    bar = Bar(
        TextColumn("{task.description:>7}"),
        BarColumn(bar_width=30),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn(
            "{task.fields[item]}",
            markup=False,
            style="dim",
            table_column=Column(no_wrap=True, overflow="ellipsis", width=40),
        ),
        console=Console(stderr=True),
        auto_refresh=False,
    )
    tasks: dict[str, TaskID] = {}
    last = [0.0]

    def show(event: Progress) -> None:
        if event.stage not in tasks:
            tasks[event.stage] = bar.add_task(event.stage, total=event.total, item="")
        bar.update(
            tasks[event.stage],
            completed=event.done,
            total=event.total,
            item="" if event.done == event.total else event.item,
        )
        if event.done == event.total or time.monotonic() - last[0] >= REFRESH_SECONDS:
            last[0] = time.monotonic()
            bar.refresh()

    with bar:
        yield show


def _plain_lines() -> Callable[[Progress], None]:
    """One line per item actually built (or failed), and one per stage when it ends: how many were
    built, unchanged (skipped) and failed."""
    skipped: dict[str, int] = {}
    failed: dict[str, int] = {}

    def show(event: Progress) -> None:
        skipped[event.stage] = skipped.get(event.stage, 0) + event.skipped
        failed[event.stage] = failed.get(event.stage, 0) + event.failed
        if not event.skipped:
            status = ": failed" if event.failed else ""
            print(
                f"{event.stage} {event.done}/{event.total}: {one_line(event.item)}{status}", file=sys.stderr, flush=True
            )
        if event.done == event.total:
            built = event.total - skipped[event.stage] - failed[event.stage]
            print(
                f"{event.stage}: {built} built, {skipped[event.stage]} unchanged (skipped)"
                + (f", {failed[event.stage]} failed" if failed[event.stage] else ""),
                file=sys.stderr,
                flush=True,
            )

    return show


def summary_table(report: BuildReport, seconds: float) -> None:
    """The closing summary: decks written and skipped, notes, cards, what changed, time."""
    table = Table(title="notecards build", title_justify="left")
    columns = ("decks", "written", "skipped", "notes", "cards", "new", "changed", "unchanged", "removed", "time")
    for column in columns:
        table.add_column(column, justify="right")
    table.add_row(
        str(len(report.decks)),
        str(len(report.decks) - report.skipped),
        str(report.skipped),
        str(report.notes),
        str(report.cards),
        *(str(report.count(change)) for change in ("new", "changed", "unchanged", "removed")),
        f"{seconds:.1f}s",
    )
    Console(file=sys.stdout, width=max(100, Console(file=sys.stdout).width)).print(table)
