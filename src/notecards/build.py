"""Orchestration: find sources, make their notes, group them into decks, write the decks.

A build runs in two stages, each a set of independent jobs run in a process pool (``jobs``
workers) or inline, with identical output either way:

1. **sources** — one job per source that changed: read → generate → identify (fact keys and
   cloze numbers kept from the lock) → render. Pure; the notes are stored in the cache
   (``cache.py``) and only a small ``EpisodeEntry`` comes back.
2. **decks** — the main process groups entries into decks (``--by episode|guest``); one job per
   deck whose inputs changed (or whose .apkg is missing or modified) loads its notes, settles
   them against the lock (``lock.settle``: mtimes, new/changed/unchanged, removed notes) and
   writes the .apkg. The main process then writes the lock once, whatever the grouping or jobs.

The main process never holds more than entries and reports, so memory does not grow with the
number of episodes beyond what the largest deck needs.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from . import package
from .build_guard import commit_decks, one_build_at_a_time, staged_path
from .cache import BuildCache, DeckEntry, EpisodeEntry, code_fingerprint, digest, file_digest
from .errors import NotecardsError, NotEpisodeNotes
from .formats import DEFAULT_FORMAT, output_format
from .grouping import Grouping, deck_file_name, group_decks, removed_deck
from .interrupts import interrupts_deferred
from .jobs import DeckJob, SourceJob, deck_job, init_worker, source_job, source_notes, warm_up
from .lock import Lock, NoteTypeStamp, build_time, note_type_stamps, settle
from .lock_file import read_lock, write_lock
from .model import BuildReport, DeckReport, Episode, Location, LockEntry, Note, Progress
from .overrides import Overrides, read_overrides, stale_message, stale_overrides
from .removed_sources import REMOVED_DECK, GoneEpisode, absolute, gone_episodes
from .render import Renderer
from .sources import discover
from .sources.duplicates import repeats, same_as
from .version import __version__
from .workers import Workers

DEFAULT_SOURCES = Path("decks")
DEFAULT_OUT = Path("dist")
# With the default --jobs, a stage with fewer jobs than this runs them in this process: starting
# workers (each imports notecards and loads wordfreq) costs more than they would save
# (bench/jobs_default.py).
INLINE_BELOW = 16
ProgressCallback = Callable[[Progress], None]


@dataclass(frozen=True, slots=True)
class EpisodeNotes:
    """One source file's episode and the notes it makes."""

    path: Path
    episode: Episode
    notes: tuple[Note, ...]


def read_all(
    paths: Iterable[Path], renderer: Renderer, previous: Lock, overrides: Overrides = Overrides()
) -> Iterator[EpisodeNotes | NotecardsError]:
    """Each episode's notes, or the error that stopped its file (``NotEpisodeNotes``: a file skipped);
    one bad file never stops the others."""
    for path in discover(paths):
        try:
            made = source_notes(path, renderer, previous, overrides)
        except NotecardsError as error:
            yield error
            continue
        for episode, notes in made:
            yield EpisodeNotes(path, episode, notes)


def plan(
    paths: Iterable[Path], templates: Path | None = None, lock: Path | None = None, overrides: Path | None = None
) -> tuple[tuple[Note, ...], tuple[str, ...]]:
    """The notes a build would write (notes to be tagged removed included), and the errors met,
    without writing anything; ``lock`` is read, never written; ``overrides`` applied."""
    paths = list(paths)
    previous = read_lock(lock)
    notes, errors, episodes, _ = collect(paths, Renderer(templates), previous, read_overrides(overrides))
    now = max(int(time.time()), previous.newest_mtime() + 1)
    targets = {key: (episode.deck_name, episode.source) for key, episode in episodes.items()}
    problems = list(errors)
    read: dict[str, set[str]] = {}
    for key, episode in episodes.items():
        read.setdefault(absolute(episode.source.path), set()).add(key)
    for gone in gone_episodes(previous, episodes, read, paths, problems):
        targets[gone.key] = (REMOVED_DECK, Location(gone.source, 1))
    return settle(previous, [note for note in notes if not note.dropped], now, targets).notes, tuple(problems)


def collect(
    paths: Iterable[Path], renderer: Renderer, previous: Lock = Lock(), overrides: Overrides = Overrides()
) -> tuple[tuple[Note, ...], tuple[str, ...], dict[str, Episode], tuple[str, ...]]:
    """Every note of every source (those an override drops marked ``dropped``), one message per
    source that failed, the episodes read (by key) and the readers' warnings."""
    notes: list[Note] = []
    errors: list[str] = []
    warnings: list[str] = []
    episodes: dict[str, Episode] = {}
    paths = list(paths)
    read = list(read_all(paths, renderer, previous, overrides))
    repeated = dict(
        repeats((i, r.episode.key, same_as(r.episode)) for i, r in enumerate(read) if isinstance(r, EpisodeNotes))
    )
    for index, result in enumerate(read):
        if isinstance(result, NotEpisodeNotes):
            continue
        if isinstance(result, EpisodeNotes) and index in repeated:
            first = read[repeated[index]]
            assert isinstance(first, EpisodeNotes)
            result = same_episode_error(str(result.path), first.episode.source.path, first.episode.label)
        if isinstance(result, NotecardsError):
            errors.append(str(result))
        else:
            notes.extend(result.notes)
            episodes[result.episode.key] = result.episode
            warnings.extend(result.episode.warnings)
    if not episodes and not errors:
        errors.append(_no_notes(paths, sum(isinstance(r, NotEpisodeNotes) for r in read)))
    return tuple(notes), tuple(errors), episodes, tuple(warnings)


def same_episode_error(path: str, first: str, label: str) -> NotecardsError:
    """Two sources of one episode (a .txt and its .yaml, a Snipd file and its Readwise copy) would
    make the same notes twice (``sources.duplicates`` says when two are one)."""
    return NotecardsError(f"the same episode as {first} ({label}); keep one source per episode", path)


def _no_notes(paths: Iterable[Path], skipped: int) -> str:
    """A build that found no episode notes at all says so (an empty result is never a success)."""
    where = ", ".join(str(path) for path in paths)
    return f"{where}: no episode notes found" + (f" ({skipped} files skipped: not episode notes)" if skipped else "")


@one_build_at_a_time
def build(
    paths: Iterable[Path],
    out: Path = DEFAULT_OUT,
    *,
    templates: Path | None = None,
    by: Grouping = "episode",
    jobs: int | None = None,
    progress: ProgressCallback | None = None,
    lock: Path | None = None,
    now: int | None = None,
    format: str = DEFAULT_FORMAT,
    overrides: Path | None = None,
) -> BuildReport:
    """Build one .apkg (or Anki text-import .csv) per deck into ``out``, skipping what did not
    change since the last build.

    ``jobs`` worker processes (default: the machine's cores, for a stage of at least ``INLINE_BELOW``
    jobs; fewer run in this process); ``progress`` is called in the main
    process after each source and deck. ``lock`` is the lock file read and then rewritten (None:
    keep no lock: every note is new). ``now`` is the time stamped on changed notes (default: the
    clock). ``overrides`` is the overrides file applied to the notes (None or missing: none).
    """
    if by not in ("episode", "guest"):
        raise NotecardsError(f"unknown grouping {by!r} (expected 'episode' or 'guest')")
    output_format(format)  # an unknown format fails before anything is read
    paths = list(paths)
    renderer = Renderer(templates)
    sources = discover(paths)
    cache = BuildCache(out)
    fingerprint = digest(code_fingerprint(__version__), renderer.template_fingerprint())
    keys = {path: _content_key(fingerprint, path) for path in sources}
    report = _Report(progress)
    chosen = read_overrides(overrides)
    inline_below = 2 if jobs else INLINE_BELOW  # an explicit --jobs N always gets its N workers
    with Workers(
        jobs or os.cpu_count() or 1, init_worker, templates, lock, chosen, inline_below=inline_below
    ) as workers:
        generating = sum(
            cache.episode(str(path), key) is None and cache.notice(str(path), key) is None for path, key in keys.items()
        )
        if generating >= workers.inline_below:
            # sources will be generated: their word lists load while the lock is read; never more
            # workers than sources (64 processes for three files would only cost their start)
            workers.start(warm_up, expected=generating)
        previous = read_lock(lock)
        now = build_time(previous) if now is None else now
        stamps, type_mtimes = _note_type_times(renderer, previous, now, lock is not None, cache.note_types)
        entries = _one_source_per_episode(_run_sources(keys, cache, previous, workers, report, chosen), report.errors)
        if not entries and not report.errors:
            report.errors.append(_no_notes(paths, len(report.notices)))
        decks = group_decks(entries, by, report.errors)
        gone = _gone_sources(previous, entries, paths, cache, by, decks, report)
        deck_entries = _run_decks(
            decks,
            gone,
            out,
            cache,
            digest(fingerprint, format, str(type_mtimes)),
            now,
            format,
            previous,
            type_mtimes,
            workers,
            report,
        )
    settled = {entry.episode for entry in report.lock_entries} | report.settled_episodes
    cache_lost: tuple[str, ...] = ()
    with interrupts_deferred():  # the decks, the lock and the cache are recorded together, or none
        try:  # the lock first: when it cannot be written (a full disk), no deck is put in place
            next_lock = _write_next_lock(previous, lock, stamps, settled, report.lock_entries)
        except NotecardsError as error:
            return BuildReport(errors=(*report.errors, str(error)), lock=str(lock) if lock else "")
        report.errors.extend(commit_decks(out, (Path(deck.path) for deck in report.decks if not deck.skipped)))
        try:
            entries = _save_cache(
                cache, sources, entries, settled, next_lock, deck_entries, out, format, stamps, report.skipped_files
            )
        except NotecardsError as error:  # the cache is safe to lose: the decks and lock are recorded
            cache_lost = (f"{error}; warning: the build cache was not saved, the next build does all the work",)
    warnings = (
        *cache_lost,
        *(warning for _, entry in entries for warning in entry.warnings),
        *(
            f"{chosen.path}:{entry.line}: warning: {stale_message(entry)}"
            for entry in stale_overrides(
                chosen, (g for _, e in entries for g in e.guids), previous, (e.episode_key for _, e in entries)
            )
        ),
    )
    return BuildReport(
        decks=tuple(sorted(report.decks, key=lambda deck: deck.name)),
        errors=tuple(report.errors),
        warnings=warnings,
        lock=str(lock) if lock else "",
        gone=tuple(report.gone),
        notices=tuple(report.notices),
    )


def _write_next_lock(
    previous: Lock,
    lock: Path | None,
    stamps: dict[str, NoteTypeStamp],
    settled: set[str],
    lock_entries: list[LockEntry],
) -> Lock:
    """Write the lock the decks' jobs settled (the ``settled`` episodes now hold ``lock_entries``),
    unless it says what the file says; the lock the next build will read (empty without a file)."""
    unchanged = (
        stamps == dict(previous.note_types)
        and lock is not None
        and lock.exists()
        and set(lock_entries) == {e for key in settled for e in previous.episode(key)}
    )
    new_lock = previous if unchanged else previous.replacing(settled, lock_entries, stamps)
    if not unchanged:  # comparing entries is far cheaper than serialising 30,000 notes to compare text
        write_lock(new_lock)
    return new_lock if lock is not None else Lock()


def _save_cache(
    cache: BuildCache,
    sources: list[Path],
    entries: list[tuple[str, EpisodeEntry]],
    settled: set[str],
    next_lock: Lock,
    deck_entries: dict[str, DeckEntry],
    out: Path,
    format: str,
    stamps: dict[str, NoteTypeStamp],
    skipped: dict[str, tuple[str, str]],
) -> list[tuple[str, EpisodeEntry]]:
    """Save the build cache's index for the next build; the sources' entries as saved."""
    # A source from the cache was checked against the lock; only settled episodes' entries moved.
    entries = [
        (
            path,
            entry
            if entry.identity and entry.episode_key not in settled
            else replace(entry, identity=next_lock.digest([entry.episode_key])),
        )
        for path, entry in entries
    ]
    # Sources and decks this build did not touch (another grouping, a subset of the sources) stay
    # known while their files exist, so switching back or building everything again costs nothing.
    built = {str(path) for path in sources}
    episodes = {
        ident: entry
        for ident, entry in cache.episodes.items()
        if entry.path not in built and Path(entry.path).is_file()
    } | dict(entries)
    kept_decks = {name: entry for name, entry in cache.decks.items() if deck_path(out, name, format).is_file()}
    skipped = {
        path: value for path, value in cache.skipped.items() if path not in built and Path(path).is_file()
    } | skipped
    note_types = {kind: stamp.fingerprint for kind, stamp in stamps.items()}
    cache.save(episodes, kept_decks | deck_entries, note_types, skipped)
    return entries


def _note_type_times(
    renderer: Renderer, previous: Lock, now: int, locked: bool, last_built: dict[str, str]
) -> tuple[dict[str, NoteTypeStamp], tuple[tuple[str, int], ...]]:
    """Each note type's stamp for the lock, and the mtime its decks carry. A note type's mtime is the
    time its templates (HTML and CSS) were first built with, kept in the lock by fingerprint, and
    moves when ``out`` is built with other templates than last time (``last_built``); without a
    lock, the template files' newest mtime (``Renderer.templates_mtime``)."""
    stamps = note_type_stamps(
        previous,
        {kind: package.note_type_fingerprint(kind, renderer.note_type_html(kind)) for kind in ("cloze", "qa")},
        now,
        last_built,
    )
    return stamps, tuple(
        (kind, stamp.mtime if locked else renderer.templates_mtime()) for kind, stamp in sorted(stamps.items())
    )


def deck_path(out: Path, deck: str, format: str) -> Path:
    """Where a deck is written: a file named by the deck's slug inside ``out``, with its format's suffix."""
    return (out / deck_file_name(deck)).with_suffix(output_format(format).suffix)


# --- the main process's side of each stage -------------------------------------------------------


class _Report:
    """Collects deck reports and errors, and tells the progress callback."""

    def __init__(self, callback: ProgressCallback | None) -> None:
        self.callback = callback
        self.decks: list[DeckReport] = []
        self.errors: list[str] = []
        self.lock_entries: list[LockEntry] = []  # from the decks written: the lock's new entries
        self.settled_episodes: set[str] = set()  # episodes of the decks written
        self.gone: list[str] = []  # sources gone since the last build, whose notes were removed
        self.notices: list[str] = []  # files skipped: not episode notes
        self.skipped_files: dict[str, tuple[str, str]] = {}  # path → (content key, notice), for the cache

    def step(self, stage: str, done: int, total: int, item: str, skipped: bool, failed: bool = False) -> None:
        if self.callback is not None:
            self.callback(Progress(stage, done, total, item, skipped, failed))


def _content_key(fingerprint: str, path: Path) -> str:
    """What a source's notes depend on besides the lock: the code, the templates and its bytes (a
    file that cannot be read is read again by its job, whose reader says why)."""
    return digest(fingerprint, str(path), file_digest(path) or "unreadable")


def _run_sources(
    keys: dict[Path, str], cache: BuildCache, previous: Lock, workers: Workers, report: _Report, overrides: Overrides
) -> list[tuple[str, EpisodeEntry]]:
    """Each episode's entry (by ``EpisodeEntry.ident``: a file may hold several episodes), from the
    cache when its source's content key is unchanged, the lock still says what it said after that
    build about the episode (its GUIDs and cloze numbers come from it) and the overrides of its notes
    are unchanged, else from a job."""
    found: dict[str, tuple[EpisodeEntry, ...]] = {}
    keys_by_name = {str(path): key for path, key in keys.items()}
    pending: list[SourceJob] = []
    done = 0
    for path, key in keys.items():
        notice = cache.notice(str(path), key)
        if notice is not None:  # unchanged, and not episode notes last time either
            report.notices.append(notice)
            report.skipped_files[str(path)] = (key, notice)
            found[str(path)] = ()
            done += 1
            report.step("sources", done, len(keys), str(path), True)
            continue
        entries = cache.source(str(path), key)
        if entries is not None and any(
            entry.identity != previous.digest([entry.episode_key]) or entry.overrides != overrides.digest(entry.guids)
            for entry in entries
        ):
            entries = None
        found[str(path)] = entries or ()
        if entries is None:
            known = cache.episodes.get(str(path))  # the episode it was: the job needs only its entries
            try:
                hint = (known.episode_key, previous.episode(known.episode_key)) if known else ()
            except NotecardsError as error:  # a bad line in the lock: this source's error, as in a job
                report.errors.append(str(error))
                done += 1
                report.step("sources", done, len(keys), str(path), False, failed=True)
                continue
            pending.append(SourceJob(str(path), key, str(cache.root), *hint))
            continue
        done += 1
        report.step("sources", done, len(keys), str(path), True)
    for result in workers.map(source_job, pending):
        done += 1
        found[result.path] = result.entries
        if result.error:
            report.errors.append(result.error)
        if result.notice:
            report.notices.append(result.notice)
            report.skipped_files[result.path] = (keys_by_name[result.path], result.notice)
        report.step("sources", done, len(keys), result.path, False, failed=bool(result.error))
    return [(entry.ident, entry) for entries in found.values() for entry in entries]


def _one_source_per_episode(
    entries: list[tuple[str, EpisodeEntry]], errors: list[str]
) -> list[tuple[str, EpisodeEntry]]:
    """The first source of each episode (in path order); every other one is an error naming both."""
    repeated = dict(repeats((index, entry.episode_key, entry.same_as) for index, (_, entry) in enumerate(entries)))
    for index, first in repeated.items():
        entry, earlier = entries[index][1], entries[first][1]
        errors.append(str(same_episode_error(entry.path, earlier.path, earlier.deck.split("::")[-1])))
    return [item for index, item in enumerate(entries) if index not in repeated]


def _gone_sources(
    previous: Lock,
    entries: list[tuple[str, EpisodeEntry]],
    paths: list[Path],
    cache: BuildCache,
    by: Grouping,
    decks: dict[str, list[EpisodeEntry]],
    report: _Report,
) -> dict[str, list[tuple[GoneEpisode, str]]]:
    """The episodes whose source is gone, by the deck their removed notes go to (the deck the cache
    remembers for them, else ``REMOVED_DECK``), each with its last build's content key in the cache
    (so its notes are emitted with the fields they had) or ""."""
    gone = gone_episodes(
        previous,
        (entry.episode_key for _, entry in entries),
        _keys_by_file(entry for _, entry in entries),
        paths,
        report.errors,
    )
    known = {(absolute(entry.path), entry.episode_key): entry for entry in cache.episodes.values()}
    files = {deck_file_name(name): name for name in decks}
    by_deck: dict[str, list[tuple[GoneEpisode, str]]] = {}
    for episode in gone:
        entry = known.get((absolute(episode.source), episode.key))
        if entry is None or entry.episode_key != episode.key:
            name, earlier = REMOVED_DECK, ""
        else:
            name, earlier = removed_deck(entry, by, decks), entry.key
        name = files.get(deck_file_name(name), name)  # never a second deck writing one file
        by_deck.setdefault(name, []).append((episode, earlier))
        report.gone.append(episode.source)
    return by_deck


def _keys_by_file(entries: Iterable[EpisodeEntry]) -> dict[str, set[str]]:
    """The episode keys each source file (by absolute path) was read as this build."""
    read: dict[str, set[str]] = {}
    for entry in entries:
        read.setdefault(absolute(entry.path), set()).add(entry.episode_key)
    return read


def _run_decks(
    decks: dict[str, list[EpisodeEntry]],
    gone: dict[str, list[tuple[GoneEpisode, str]]],
    out: Path,
    cache: BuildCache,
    fingerprint: str,
    now: int,
    format: str,
    previous: Lock,
    type_mtimes: tuple[tuple[str, int], ...],
    workers: Workers,
    report: _Report,
) -> dict[str, DeckEntry]:
    """Write every deck whose inputs (sources, and their lock entries) changed or whose .apkg is not
    the one last written."""
    written: dict[str, DeckEntry] = {}
    pending: list[DeckJob] = []
    done = 0
    for name in sorted({*decks, *gone}):
        path = deck_path(out, name, format)
        live, removed = decks.get(name, []), gone.get(name, [])
        base = digest(fingerprint, name, *(entry.key + entry.overrides for entry in live))
        # A deck holding a gone source's notes is always written: it emits them tagged removed.
        entry = None if removed else cache.deck(name, digest(base, previous.digest(e.episode_key for e in live)), path)
        if entry is None:
            keys = [*(entry.episode_key for entry in live), *(episode.key for episode, _ in removed)]
            locked = tuple(e for key in keys for e in previous.episode(key))
            pending.append(
                DeckJob(
                    name,
                    str(staged_path(out, path)),
                    str(cache.root),
                    tuple((entry.key, entry.path, entry.part) for entry in live),
                    base,
                    now,
                    format,
                    locked,
                    (
                        *((entry.episode_key, entry.path) for entry in live),
                        *((episode.key, episode.source) for episode, _ in removed),
                    ),
                    type_mtimes,
                    str(previous.path) if previous.path else None,
                    (
                        *(
                            cache.episodes[e.ident].key
                            for e in live
                            if e.ident in cache.episodes and cache.episodes[e.ident].key != e.key
                        ),
                        *(earlier for _, earlier in removed if earlier),
                    ),
                )
            )
            continue
        written[name] = entry
        report.decks.append(DeckReport(name, str(path), entry.notes, entry.cards, unchanged=entry.guids, skipped=True))
        done += 1
        report.step("decks", done, len({*decks, *gone}), name, True)
    for job, result in zip(pending, workers.map(deck_job, pending), strict=True):
        if isinstance(result, str):
            report.errors.append(result)
        else:
            written[job.name] = result.entry
            report.decks.append(replace(result.report, path=str(deck_path(out, job.name, format))))
            report.lock_entries.extend(result.lock_entries)
            report.settled_episodes.update(key for key, _ in job.episodes)
        done += 1
        report.step("decks", done, len({*decks, *gone}), job.name, False, failed=isinstance(result, str))
    return written
