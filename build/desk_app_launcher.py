"""Entry of the bundled executables: ``desk-app`` (console, the whole command line) and, on Windows,
``desk-app-gui`` (windowed, no console; without a command it opens the window)."""

import os
import sys

if __name__ == "__main__":
    # The windowed executable has no console: sys.stdout/stderr are None there, and a stray write (the
    # smoke test's "ok", a warning) must go nowhere instead of failing.
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 — for the whole run
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    from desk_app.cli import main  # main() calls multiprocessing.freeze_support() first: consolidation workers

    sys.exit(main())
