#!/usr/bin/env python3
"""Build the edition. Run `python build.py --help` for the targets and options."""

import sys

from edition.cli import main

if __name__ == "__main__":
    sys.exit(main())
