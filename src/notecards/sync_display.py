"""The command line's side of ``sync`` and ``--watch``: printing what a sync did in Anki, and running a
command again after every change. The library returns reports and yields changes; what prints is
here and in ``cli.py``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from pathlib import Path

import typer

from .anki_sync import SyncReport
from .lock import REMOVED_TAG
from .watch import changes


def print_sync(report: SyncReport, quiet: bool = False) -> None:
    """One line per deck Anki took in, as read back from the collection, then a summary line.
    A failure is printed by the caller, after this."""
    if quiet:
        return
    for deck in report.imported:
        typer.echo(f"Anki: {deck.name}: {deck.added} added, {deck.updated} updated, {deck.unchanged} unchanged")
    if report.imported:
        done = (
            f"{counted(len(report.imported), 'deck')} imported ({counted(report.total('added'), 'note')} added, "
            f"{report.total('updated')} updated, {report.total('unchanged')} unchanged)"
        )
        if report.up_to_date:
            done += f", {report.up_to_date} already up to date"
    elif report.failure:
        return
    else:
        done = f"nothing to import, {counted(report.up_to_date, 'deck')} already up to date"
    typer.echo(f"Anki: {done}{_removed(report)}")


def _removed(report: SyncReport) -> str:
    said = ""
    if report.restored:
        said += f"; {counted(report.restored, 'card')} unsuspended, their facts are back"
    if not report.removed_notes:
        return said
    notes = f"; {counted(report.removed_notes, 'note')} tagged {REMOVED_TAG}"
    if report.removed_mode == "delete":
        return f"{said}{notes}: deleted"
    if report.removed_mode == "keep":
        return f"{said}{notes}: kept (--removed keep)"
    if report.suspended:
        return f"{said}{notes}: {counted(report.suspended, 'card')} suspended now"
    return f"{said}{notes}: suspended"


def keep_watching(
    run: Callable[[], None], paths: Iterable[Path], *, templates: Path | None, ignored: list[Path]
) -> None:
    """Run the command, then again after each change to the notes or templates, until Ctrl-C.
    A run that fails has printed its error; the next save tries again."""
    paths = list(paths)
    try:
        _attempt(run)
        for changed in changes(paths, templates=templates, ignored=ignored):
            if not changed:  # the watch has started
                typer.echo("watching for changes (Ctrl-C stops)", err=True)
                continue
            typer.echo(f"changed: {', '.join(path.name for path in changed)}", err=True)
            _attempt(run)
    except KeyboardInterrupt:
        pass
    typer.echo("stopped watching", err=True)


def _attempt(run: Callable[[], None]) -> None:
    with contextlib.suppress(typer.Exit):  # the command printed what went wrong; wait for the next save
        run()


def counted(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
