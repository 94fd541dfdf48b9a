# The two commands: `make` builds the whole edition into dist/; `make test`
# runs the whole test suite, every validator included. Each installs what it
# needs first (tools/setup.sh), once. `python build.py --help` lists the
# build's options for those who want them.

PYTHON := .venv/bin/python

.PHONY: all build test unit

all: build

build:
	@bash tools/setup.sh build
	@$(PYTHON) build.py

test:
	@bash tools/setup.sh test
	@$(PYTHON) -m pytest

# The fast tests of each stage alone, without a full build.
unit:
	@bash tools/setup.sh build
	@$(PYTHON) -m pytest tests/unit
