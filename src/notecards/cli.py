"""The command line: typer only. Each command parses arguments, calls one library function and
prints what it returns. Exit codes: 0 success, 1 a user error, 2 bad usage."""

from __future__ import annotations

import html
import json
import os
import re
import time
import webbrowser
from pathlib import Path
from typing import Annotated, cast

import typer

from .anki_sync import RemovedNotes, sync_decks
from .ankiconnect import DEFAULT_URL, KEY_VARIABLE, AnkiConnect
from .build import DEFAULT_OUT, DEFAULT_SOURCES, build, plan
from .cli_help import at_least, one_of, plain_help, port_number
from .config import load_settings
from .errors import NotecardsError
from .formats import DEFAULT_FORMAT, FORMATS
from .ingest import ingest
from .interrupts import Interrupted, raising_interrupts
from .lock import REMOVED_TAG
from .lock import default_path as default_lock_path
from .model import BuildReport, Note
from .overrides import default_path as default_overrides_path
from .preview import DEFAULT_PREVIEW, write_preview
from .progress_display import progress_display, summary_table
from .sync_display import keep_watching, print_sync
from .version import __version__

plain_help()
app = typer.Typer(
    name="notecards",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    help="Turn podcast episode notes into Anki decks of cloze and Q/A cards that update in place.",
)

Paths = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar="PATH",
        help="Source files or folders (searched recursively for .txt .md .yaml .yml) (default: decks).",
        show_default=False,
    ),
]
LockFile = Annotated[
    Path | None,
    typer.Option(
        "--lock",
        metavar="FILE",
        help="The lock file that keeps GUIDs and note times between builds "
        "(default: notecards.lock in the first PATH folder, or beside the first PATH file).",
        show_default=False,
    ),
]
OverridesFile = Annotated[
    Path | None,
    typer.Option(
        "--overrides",
        metavar="FILE",
        help="Your verdicts on cards (skip, edit, keep), by GUID, as `notecards review` writes them "
        "(default: notecards.overrides.yaml beside the lock file).",
        show_default=False,
    ),
]
Watch = Annotated[
    bool,
    typer.Option("--watch", help="Stay running: build again whenever a source or template changes (Ctrl-C stops)."),
]
OutFolder = Annotated[Path, typer.Option("--out", "-o", metavar="DIR", help="Folder the decks are written to.")]
DeckGrouping = Annotated[
    str,
    typer.Option(
        "--by",
        metavar="episode|guest",
        callback=one_of("episode", "guest"),
        help="One deck per episode, or per guest (an episode goes to its first-listed guest).",
    ),
]
Jobs = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        metavar="N",
        callback=at_least(1, "--jobs"),
        help="Worker processes (default: one per core, and none for a build with little to do).",
        show_default=False,
    ),
]
Templates = Annotated[
    Path | None,
    typer.Option(
        "--templates",
        metavar="DIR",
        help="Folder of card templates that override the built-in ones "
        "(default: `templates` in notecards.toml, or in the tool.notecards table of pyproject.toml).",
        show_default=False,
    ),
]


def known_format(value: str) -> str:
    """``--format``: one of the registered output formats (formats.FORMATS)."""
    if value not in FORMATS:
        raise typer.BadParameter(f"{value!r} is not a format notecards writes; use one of: {', '.join(FORMATS)}")
    return value


def templates_folder(option: Path | None) -> Path | None:
    """The --templates option, else the config file's ``templates`` setting: the option wins."""
    return option if option is not None else load_settings().templates


def overrides_file(option: Path | None, lock: Path) -> Path:
    """The --overrides option, else the file beside the lock."""
    return option if option is not None else default_overrides_path(lock)


def fail(message: str) -> None:
    typer.echo(f"notecards: {message}" if ":" not in message else message, err=True)
    raise typer.Exit(1)


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"notecards {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Turn podcast episode notes into Anki decks of cloze and Q/A cards that update in place."""


@app.command("build")
def build_command(
    paths: Paths = None,
    out: OutFolder = DEFAULT_OUT,
    by: DeckGrouping = "episode",
    jobs: Jobs = None,
    lock: LockFile = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
    templates: Templates = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            metavar="|".join(FORMATS),
            callback=known_format,
            help="; ".join(f"{fmt.name}: {fmt.description}" for fmt in FORMATS.values()) + ".",
        ),
    ] = DEFAULT_FORMAT,
    overrides: OverridesFile = None,
    watch: Watch = False,
) -> None:
    """Build one .apkg (or .csv) per deck and update the lock file; a rebuild skips sources and decks
    that did not change.

    Example: notecards build decks/ --out dist/ --by guest --jobs 4
    """
    paths = paths or [DEFAULT_SOURCES]
    if watch:
        rerun = lambda: build_command(paths, out, by, jobs, lock, quiet, templates, output_format, overrides)  # noqa: E731
        return keep_watching(
            rerun,
            watched(paths, lock, overrides),
            templates=templates_folder(templates),
            ignored=[out, lock_of(paths, lock)],
        )
    started = time.perf_counter()
    try:
        with raising_interrupts(), progress_display(quiet) as progress:
            report = build(
                paths,
                out,
                templates=templates_folder(templates),
                by="guest" if by == "guest" else "episode",
                jobs=jobs,
                progress=progress,
                lock=lock or default_lock_path(paths),
                format=output_format,
                overrides=overrides_file(overrides, lock or default_lock_path(paths)),
            )
    except NotecardsError as error:
        fail(str(error))
    except Interrupted as interrupted:  # its line is printed as the process ends (__main__.run)
        raise typer.Exit(interrupted.exit_code) from None
    print_report(report, time.perf_counter() - started, quiet)
    if report.errors:
        raise typer.Exit(1)


@app.command("sync")
def sync_command(
    paths: Paths = None,
    out: OutFolder = DEFAULT_OUT,
    by: DeckGrouping = "episode",
    jobs: Jobs = None,
    lock: LockFile = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
    templates: Templates = None,
    overrides: OverridesFile = None,
    anki_url: Annotated[
        str,
        typer.Option(
            "--anki-url", metavar="URL", help=f"AnkiConnect's address (an API key comes from ${KEY_VARIABLE})."
        ),
    ] = DEFAULT_URL,
    removed: Annotated[
        str,
        typer.Option(
            "--removed",
            metavar="keep|suspend|delete",
            callback=one_of("keep", "suspend", "delete"),
            help=f"What happens in Anki to notes tagged {REMOVED_TAG}: suspend their cards, keep them, "
            "or delete them with their reviews (needs --yes).",
        ),
    ] = "suspend",
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Confirm --removed delete.")] = False,
    watch: Annotated[
        bool, typer.Option("--watch", help="Stay running: sync again whenever a source or template changes.")
    ] = False,
) -> None:
    """Build as `build` does, then import the changed decks into the running Anki through the AnkiConnect
    add-on (code 2055492159) and report what changed there; removed notes are suspended.

    Example: notecards sync decks/ --removed delete --yes
    """
    if removed == "delete" and not yes:
        raise typer.BadParameter("deletes notes and their review history from Anki: add --yes", param_hint="--removed")
    paths = paths or [DEFAULT_SOURCES]
    if watch:
        rerun = lambda: sync_command(paths, out, by, jobs, lock, quiet, templates, overrides, anki_url, removed, yes)  # noqa: E731 - a one-line closure over the options
        return keep_watching(
            rerun,
            watched(paths, lock, overrides),
            templates=templates_folder(templates),
            ignored=[out, lock_of(paths, lock)],
        )
    started = time.perf_counter()
    try:
        anki = AnkiConnect(anki_url, key=os.environ.get(KEY_VARIABLE))
        with progress_display(quiet) as progress:
            built = build(
                paths,
                out,
                templates=templates_folder(templates),
                by="guest" if by == "guest" else "episode",
                jobs=jobs,
                progress=progress,
                lock=lock_of(paths, lock),
                overrides=overrides_file(overrides, lock_of(paths, lock)),
            )
    except NotecardsError as error:
        fail(str(error))
    print_report(built, time.perf_counter() - started, quiet, import_hint=False)
    with progress_display(quiet) as progress:  # the option's callback checked the choice
        report = sync_decks(built, out, anki, cast(RemovedNotes, removed), progress)
    print_sync(report, quiet)
    if report.failure:
        fail(report.failure)
    if built.errors:
        raise typer.Exit(1)


def lock_of(paths: list[Path], lock: Path | None) -> Path:
    return lock or default_lock_path(paths)


def watched(paths: list[Path], lock: Path | None, overrides: Path | None) -> list[Path]:
    """What --watch follows besides the templates: the sources and the overrides file."""
    return [*paths, overrides_file(overrides, lock_of(paths, lock))]


@app.command("cards")
def cards_command(
    paths: Annotated[
        list[Path], typer.Argument(metavar="PATH...", help="Source files or folders.", show_default=False)
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the notes as a JSON array.")] = False,
    lock: LockFile = None,
    templates: Templates = None,
    overrides: OverridesFile = None,
) -> None:
    """Print the notes a build would make, without writing anything (the lock file is only read).

    Example: notecards cards decks/lex-fridman-035-jeremy-howard.txt --json
    """
    try:
        lock = lock or default_lock_path(paths)
        notes, errors = plan(paths, templates_folder(templates), lock, overrides_file(overrides, lock))
    except NotecardsError as error:
        fail(str(error))
    for message in errors:
        typer.echo(message, err=True)
    if as_json:
        typer.echo(json.dumps([note_as_json(note) for note in notes], ensure_ascii=False, indent=2))
    else:
        for note in notes:
            typer.echo(f"{note.guid}\t{note.kind}\t{note.deck}\t{as_text(note.fields[0][1])}")
    if errors:
        raise typer.Exit(1)


@app.command("lint")
def lint_command(
    paths: Annotated[
        list[Path], typer.Argument(metavar="PATH...", help="Source files or folders.", show_default=False)
    ],
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
    lock: LockFile = None,
    overrides: OverridesFile = None,
) -> None:
    """Check sources and the cards they make against the card rules (R1–R13).

    Prints one line per problem, `file:line: rule: severity: message`; exits 1 on any error.

    Example: notecards lint decks/ --strict
    """
    from .lint import lint_paths  # the generator loads only for the commands that generate

    try:
        lock = lock or default_lock_path(paths)
        problems = lint_paths(paths, lock=lock, overrides=overrides_file(overrides, lock))
    except NotecardsError as error:
        fail(str(error))
    for problem in problems:
        typer.echo(str(problem))
    errors = sum(1 for p in problems if p.severity == "error" or strict)
    typer.echo(f"{counted(len(problems), 'problem')} ({counted(errors, 'error')})", err=True)
    if errors:
        raise typer.Exit(1)


@app.command("ingest")
def ingest_command(
    notes: Annotated[
        Path, typer.Argument(metavar="NOTES", help="A notes page (.txt) or Markdown notes (.md).", show_default=False)
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            "--output",
            metavar="FILE",
            help="Write the YAML to this .yaml file instead of printing it (--output: the same).",
            show_default=False,
        ),
    ] = None,
    lock: LockFile = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the --out file even when it holds something else.")
    ] = False,
) -> None:
    """Convert a notes page or Markdown file to canonical YAML; building the YAML gives the same notes.

    Example: notecards ingest decks/lex-fridman-035-jeremy-howard.txt --out notes/lex-035.yaml
    """
    try:
        report = ingest(notes, output, lock or default_lock_path([notes]), force=force)
    except NotecardsError as error:
        fail(str(error))
    for message in report.warnings:
        typer.echo(message, err=True)
    if report.written is None:
        typer.echo(report.text, nl=False)
    else:
        typer.echo(f"wrote {report.written}", err=True)


@app.command("preview")
def preview_command(
    paths: Annotated[
        list[Path], typer.Argument(metavar="PATH...", help="Source files or folders.", show_default=False)
    ],
    out: Annotated[Path, typer.Option("--out", "-o", metavar="FILE", help="The HTML file to write.")] = DEFAULT_PREVIEW,
    templates: Templates = None,
    lock: LockFile = None,
    overrides: OverridesFile = None,
) -> None:
    """Write one self-contained HTML page showing every card, front and back, as Anki shows it.

    Example: notecards preview decks/ --out dist/preview.html
    """
    try:
        lock = lock or default_lock_path(paths)
        report = write_preview(
            paths, out, templates=templates_folder(templates), lock=lock, overrides=overrides_file(overrides, lock)
        )
    except NotecardsError as error:
        fail(str(error))
    for message in report.errors:
        typer.echo(message, err=True)
    typer.echo(f"{report.path}: {counted(report.cards, 'card')} in {counted(report.decks, 'deck')}")
    if report.errors:
        raise typer.Exit(1)


@app.command("review")
def review_command(
    paths: Paths = None,
    overrides: OverridesFile = None,
    lock: LockFile = None,
    templates: Templates = None,
    stats: Annotated[
        bool, typer.Option("--stats", help="Print how many cards were dropped, edited and kept, per role; no page.")
    ] = False,
    no_open: Annotated[bool, typer.Option("--no-open", help="Print the page's address without opening it.")] = False,
    port: Annotated[
        int, typer.Option("--port", metavar="PORT", callback=port_number, help="Port on 127.0.0.1 (0: a free one).")
    ] = 0,
) -> None:
    """Review every card in a local web page: drop, edit, re-choose a cloze's deletions, keep. Each
    choice is saved at once to the overrides file, which every build applies.

    Example: notecards review decks/   (then: j/k move, d drop, e edit, Enter keep; Ctrl-C stops)
    """
    from .review import ReviewSession  # the page's modules load only for this command
    from .review_server import ReviewServer

    paths = paths or [DEFAULT_SOURCES]
    lock = lock or default_lock_path(paths)
    chosen = overrides_file(overrides, lock)
    try:
        session = ReviewSession(paths, chosen, lock=lock, templates=templates_folder(templates))
    except NotecardsError as error:
        fail(str(error))
    for message in session.errors:
        typer.echo(message, err=True)
    if stats:
        print_review_stats(session.stats())
        return
    try:
        server = ReviewServer(session, port)
    except OSError as error:
        fail(f"cannot listen on 127.0.0.1:{port}: {error.strerror}")
    typer.echo(f"Reviewing {counted(len(session.items), 'card')}: {server.url}")
    typer.echo(f"Choices are saved to {chosen} as you make them. Press Ctrl-C to stop.")
    if not no_open:
        webbrowser.open(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    typer.echo(f"Stopped; {session.left()} of {counted(len(session.items), 'card')} left to look at.")


def print_review_stats(stats: tuple) -> None:
    """One line per card role: the creator's verdicts, for judging which generated roles fail."""
    columns = ("notes", "dropped", "edited", "kept", "left")
    width = max([len("role"), len("all"), *(len(role.role) for role in stats)])
    typer.echo(f"{'role':<{width}}" + "".join(f"{name:>9}" for name in columns))
    for role in stats:
        typer.echo(f"{role.role:<{width}}" + "".join(f"{getattr(role, name):>9}" for name in columns))
    typer.echo(f"{'all':<{width}}" + "".join(f"{sum(getattr(r, name) for r in stats):>9}" for name in columns))


def note_as_json(note: Note) -> dict:
    fact = note.card.fact
    return {
        "guid": note.guid,
        "type": note.kind,
        "deck": note.deck,
        "fields": dict(note.fields),
        "tags": list(note.tags),
        "source": {"path": fact.location.path, "line": fact.location.line, "section": fact.section, "text": fact.text},
    }


IMPORT_SETTINGS = "In Anki: File → Import, with Update notes: If newer, and Merge note types: off."


def print_report(report: BuildReport, seconds: float, quiet: bool = False, import_hint: bool = True) -> None:
    for message in () if quiet else report.notices:
        typer.echo(message, err=True)
    for message in report.warnings:
        typer.echo(message, err=True)
    if quiet:
        for message in report.errors:
            typer.echo(message, err=True)
        return
    for deck in report.decks:  # the decks whose notes changed; the table below counts them all
        if deck.new or deck.changed or deck.removed:
            typer.echo(
                f"{deck.path}: {deck.notes} notes ({len(deck.new)} new, {len(deck.changed)} changed, "
                f"{len(deck.unchanged)} unchanged, {len(deck.removed)} removed)"
            )
        for text in deck.removed_facts:
            typer.echo(f"  removed, tagged notecards::removed: {text if len(text) <= 70 else text[:69] + '…'}")
    for source in report.gone:
        typer.echo(f"{source}: gone since the last build; its notes are tagged {REMOVED_TAG}")
    summary_table(report, seconds)
    typer.echo(
        f"{counted(len(report.decks), 'deck')} ({report.skipped} unchanged, skipped), "
        f"{counted(report.notes, 'note')}, {counted(report.cards, 'card')} in {seconds:.1f}s"
        + (f"; {counted(len(report.errors), 'error')}" if report.errors else "")
    )
    if report.lock and report.decks:
        typer.echo(f"lock file: {report.lock}")
    if report.decks and import_hint:
        typer.echo(IMPORT_SETTINGS)
    if report.errors:  # last, where they are seen, not between the progress lines and the table
        typer.echo(f"{counted(len(report.errors), 'error')}:", err=True)
        for message in report.errors:
            typer.echo(message, err=True)


def as_text(field: str) -> str:
    """A field's HTML as a terminal shows it: tags dropped, entities decoded (``&#x27;`` is ')."""
    return html.unescape(re.sub(r"<[^>]+>", "", field))


def counted(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def main() -> None:
    app(prog_name="notecards")


if __name__ == "__main__":
    main()
