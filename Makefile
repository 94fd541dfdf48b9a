# The two commands: `make` builds the whole edition into dist/; `make test`
# runs the whole test suite, every validator included. Each installs what it
# needs first (tools/setup.sh), once. `python build.py --help` lists the
# build's options for those who want them.

PYTHON := .venv/bin/python

.PHONY: all build test unit new

all: build

build:
	@bash tools/setup.sh build
	@$(PYTHON) build.py

test:
	@bash tools/setup.sh test
	@$(PYTHON) -m pytest

# The fast tests of each stage alone, without a full build, on two processes (pytest-xdist): the machine the
# edition is made on has two cores. Not -n auto: each worker pays the suite's session fixtures (the manuscript
# loaded and composed) again, so workers beyond the cores only add work. --dist loadfile keeps a test module on
# one worker, so that its module fixtures (the golden files' rendering) and the TEI schema (about eleven
# seconds of CPU to compile, once per process) are made by one worker, not by both. `make test` stays on one
# process: its session fixtures are full builds, which every worker would make again.
unit:
	@bash tools/setup.sh build
	@$(PYTHON) -m pytest -n 2 --dist loadfile tests/unit

# A new edition's project in FOLDER (make new FOLDER=../my-edition): see README, "Starting a new edition".
new:
	@test -n "$(FOLDER)" || { echo "usage: make new FOLDER=../my-edition" >&2; exit 2; }
	@$(PYTHON) build.py new "$(FOLDER)"
