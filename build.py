#!/usr/bin/env python3
"""Build the edition. Run `python build.py --help` for the targets and options.

A Ctrl-C (SIGINT) or a SIGTERM ends the build with one line and exit status
130 from this file's first instruction to its last. The window before the
first cannot be closed from here: the interpreter starts and imports `site`
(the virtual environment's editable-install hook imports pathlib and re, some
20 ms) before it reads this file. A Ctrl-C there ends Python itself: killed by
the signal before it has a handler (a shell reports that as 130 too), or with
Python's own traceback while `site` is imported. An ignored SIGINT inherited
from the parent is kept: it is how a shell without job control keeps the Ctrl-C
meant for its foreground program from its background ones (the tests start
their builds with SIGINT at its default: tests/helpers.py).
"""

# Only as a script: the renderers' processes, started by multiprocessing, import this file as a module
# (__mp_main__) and must not build.
if __name__ == "__main__":
    try:
        import os
        import signal
        import sys

        def _terminate(signum, _frame):
            # SIGTERM as a Ctrl-C, so that the staging folder is cleaned up (edition/cli.py does the same).
            raise KeyboardInterrupt(f"signal {signum}")

        def _late(_signum, _frame):
            # The build has ended: Python's shutdown (multiprocessing's exit handlers) would print a traceback
            # for a Ctrl-C now. The process ends at once instead, with the same status and one line.
            os.write(2, b"interrupted as the build ended\n")
            os._exit(130)

        def _settle() -> None:
            """From here to the process's end, a Ctrl-C or a SIGTERM ends it at once (an ignored Ctrl-C stays so)."""
            if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
                signal.signal(signal.SIGINT, _late)
            signal.signal(signal.SIGTERM, _late)

        # The first thing done: a test sees this handler installed (SigCgt in /proc) and interrupts from then on.
        signal.signal(signal.SIGTERM, _terminate)
        from edition.cli import main

        code = main()
        _settle()
    except KeyboardInterrupt:
        import sys

        if "_settle" in globals():  # defined at once; a Ctrl-C can come earlier still
            _settle()  # first: a second Ctrl-C does not cut the line short
        print("interrupted: dist/ left as it was", file=sys.stderr)
        code = 130
    sys.stdout.flush()
    sys.exit(code)
