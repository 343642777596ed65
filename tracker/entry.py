"""The `tracker` command's entry point, kept tiny: with no subcommand it starts the window
without importing click and every command module (that is a quarter of a second of the
start-up); anything else goes to the full command line in tracker.cli."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _window_only(args: list[str]) -> Path | bool | None:
    """The database to open when ``args`` only ask for the window (nothing, or just
    --db PATH / --db=PATH); False when the command line is needed."""
    if not args:
        return None
    if len(args) == 2 and args[0] == "--db" and args[1] and not args[1].startswith("-"):
        return Path(args[1]).expanduser()
    if len(args) == 1 and args[0].startswith("--db=") and len(args[0]) > 5:
        return Path(args[0][5:]).expanduser()
    return False


def quiet_blas() -> None:
    """One BLAS thread unless the user asked for more: numpy's OpenBLAS otherwise starts
    a pool of worker threads at import that this app never gives work (it does no
    linear algebra worth threads), which costs the start-up and busy-waits on a core."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def main() -> None:
    quiet_blas()  # before anything imports numpy
    target = _window_only(sys.argv[1:])
    if target is False:
        from tracker.cli import main as cli_main

        cli_main()
        return
    if target is None and os.environ.get("TRACKER_DB"):
        target = Path(os.environ["TRACKER_DB"]).expanduser()
    from tracker.gui.launch import launch

    sys.exit(launch(target))
