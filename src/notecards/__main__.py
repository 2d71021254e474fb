"""``python -m notecards``."""

from .cli import main

main()
