# khabar — two commands do everything on a fresh machine: `make demo`, `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test lint typecheck unit clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

lint: install
	$(BIN)/ruff check src tests benchmarks scripts

typecheck: install
	$(BIN)/mypy

unit: install browser fonts
	$(BIN)/python -m pytest -q -p no:cacheprovider

test: lint typecheck unit

demo: install fonts
	$(BIN)/khabar demo

clean:
	rm -rf $(VENV) var artifacts .pytest_cache .mypy_cache .ruff_cache

# Web app assets and the browser for its tests (added by the store/API/web owner).
.PHONY: browser fonts
browser:
	sh scripts/install_browser.sh

fonts:
	sh scripts/install_font.sh
