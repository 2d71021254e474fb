"""Ctrl-C and ``kill``: a build stops at once, and records all of itself or nothing.

The command line turns SIGINT and SIGTERM into ``Interrupted`` (``raising_interrupts``), a
``KeyboardInterrupt`` and so no ``Exception``: nothing on the way out swallows it, and every
``finally`` on the way (workers terminated, scratch files removed) runs. A build writes nothing
that counts until its last step, which puts the decks in place and writes the lock and the cache:
a signal during that step waits until it is done (``interrupts_deferred``) and then reports that
the build was recorded, so a build is never left half recorded by an interrupt.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

SIGNALS = (signal.SIGINT, signal.SIGTERM)
NOTHING_RECORDED = "interrupted: nothing of this build was recorded; run it again"
ALL_RECORDED = "interrupted just after this build was recorded: its decks, lock and cache are complete"


class Interrupted(KeyboardInterrupt):
    """SIGINT or SIGTERM arrived; ``recorded`` says whether the build had already been recorded.
    A ``KeyboardInterrupt``, so code that stops cleanly on Ctrl-C stops cleanly on SIGTERM too."""

    def __init__(self, signum: int, recorded: bool = False) -> None:
        super().__init__(signum, recorded)
        self.signum, self.recorded = signum, recorded
        _raised[:] = [self]  # typer turns a KeyboardInterrupt into a silent exit 130: see ``last``

    @property
    def exit_code(self) -> int:
        return 128 + self.signum  # 130 for SIGINT, 143 for SIGTERM: as a shell reports them

    @property
    def message(self) -> str:
        return ALL_RECORDED if self.recorded else NOTHING_RECORDED


_raised: list[Interrupted] = []


def last() -> Interrupted | None:
    """The last interrupt raised in this process, if any: the command line reports it even when
    something on the way turned it into a plain exit."""
    return _raised[-1] if _raised else None


def raise_interrupted(signum: int, _frame: FrameType | None) -> None:
    raise Interrupted(signum)


@contextmanager
def raising_interrupts() -> Iterator[None]:
    """SIGINT and SIGTERM raise ``Interrupted`` within the block (main thread only; elsewhere a
    no-op, as Python runs signal handlers in the main thread)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = {signum: signal.signal(signum, raise_interrupted) for signum in SIGNALS}
    try:
        yield
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)


@contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Run the block to its end whatever signal arrives; one that did then raises
    ``Interrupted(recorded=True)`` (SIGINT) or ends as its handler says."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    arrived: list[int] = []
    before = {signum: signal.signal(signum, lambda signum, _frame: arrived.append(signum)) for signum in SIGNALS}
    try:
        yield
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)
    if arrived:
        handler = before[signal.Signals(arrived[0])]
        if handler in (signal.SIG_DFL, None) and arrived[0] == signal.SIGTERM:
            signal.raise_signal(signal.SIGTERM)  # the default: end the process, as it would have
        if handler is not signal.SIG_IGN:
            raise Interrupted(arrived[0], recorded=True)
