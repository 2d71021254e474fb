"""``python -m notecards`` and the ``notecards`` command.

Ctrl-C and SIGTERM raise ``Interrupted`` from the first instant, before the command line's modules
load (a second or so): an interrupt at any moment is one line and exit 130 or 143, never a traceback.
"""

from __future__ import annotations

import signal
import sys

from .interrupts import SIGNALS, Interrupted, last, raise_interrupted


def run() -> None:
    for signum in SIGNALS:
        signal.signal(signum, raise_interrupted)
    try:
        from .cli import main

        main()
    except Interrupted as interrupted:
        stop(interrupted)
    except SystemExit as done:
        cause = last()
        if cause is not None and done.code in (130, cause.exit_code):
            stop(cause)  # typer ends a KeyboardInterrupt with a silent exit 130
        raise


def stop(interrupted: Interrupted) -> None:
    print(interrupted.message, file=sys.stderr)
    sys.exit(interrupted.exit_code)


if __name__ == "__main__":
    run()
