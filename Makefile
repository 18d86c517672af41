# The two commands of the README: `make run` and `make test`. Everything else is for developers.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test bench demo clean compile

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "pmtui needs Python 3.11 or newer")'
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

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 -q

bench: $(STAMP) compile
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .demo .pytest_cache .hypothesis build src/*.egg-info
