# The two commands of the README: `make run` and `make test`. Everything else is for developers.
#
# The interpreter: the distribution's python3 when it is 3.11 or newer and can make a virtual
# environment, else the python3 on PATH. Distributions build Python with profile-guided and
# link-time optimisation and a statically linked interpreter; pyenv's default build has none of
# these. On this project's 2-core machine Debian's 3.11.2 ran the scheduler benchmark 13 %
# faster than pyenv's 3.11.7 (interleaved runs), and the whole test suite in 1 min 49 s instead
# of 2 min 15 s. After `make clean`, `make PYTHON=...` chooses another.
SYSTEM_PYTHON := /usr/bin/python3
ifeq ($(origin PYTHON),undefined)
PYTHON := $(shell $(SYSTEM_PYTHON) -c 'import sys, ensurepip, venv; sys.exit(sys.version_info < (3, 11))' \
	>/dev/null 2>&1 && echo $(SYSTEM_PYTHON) || echo python3)
endif
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
REAL   := import os, sys; print(os.path.realpath(getattr(sys, "_base_executable", sys.executable)))

.PHONY: run test bench demo clean compile

# Also remade when the Makefile changes, so that a virtual environment made from another
# interpreter than the one chosen above is made again.
$(STAMP): pyproject.toml Makefile
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "pmtui needs Python 3.11 or newer")'
	@if test -x $(BIN)/python && test "$$($(BIN)/python -c '$(REAL)')" != "$$($(PYTHON) -c '$(REAL)')"; then \
		echo "$(VENV) was made with $$($(BIN)/python -c '$(REAL)'); making it again with $(PYTHON)"; \
		rm -rf $(VENV); fi
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Opens the app on the demo plan, kept in a demo database of its own under .demo/ so that
# trying pmtui never touches the user's real plans.
# Byte-compiled once here: where PYTHONDONTWRITEBYTECODE is set (as on CI images), Python would
# otherwise compile every pmtui module again at each start (about 0.15 s of it).
compile: $(STAMP)
	@$(BIN)/python -m compileall -q src/pmtui >/dev/null

run: $(STAMP) compile
	@mkdir -p .demo
	@PMTUI_DB=.demo/demo.db $(BIN)/pmtui demo --if-missing
	PMTUI_DB=.demo/demo.db $(BIN)/pmtui

# Compiled first for the same reason: the suite starts pmtui in fresh processes (one or more in each
# of test_cli_startup.py's 149 tests), and where bytecode is not written each compiles what it
# imports again (that file alone took 1 min 43 s instead of 1 min 25 s).
# Three workers on this project's two cores: a quarter of a two-worker run was idle, its tests
# waiting on processes they start, on the terminal or on a timer (CPU 13.9 min over 2 x 9.5).
test: $(STAMP) compile
	$(BIN)/python -m pytest -n 3 -q

bench: $(STAMP) compile
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .demo .pytest_cache .hypothesis build src/*.egg-info
