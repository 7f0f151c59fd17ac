# Two commands: `make brief` (a brief of the embedded sample in reports/) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: brief test lint bench chromium clean check-wheel

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q -e ".[report,scale,test,lab]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	@# an editable install skips data-files: point nbconvert at the template (a wheel installs it)
	mkdir -p $(VENV)/share/jupyter/nbconvert/templates
	ln -sfn ../../../../../toolkit/reports/templates/antk $(VENV)/share/jupyter/nbconvert/templates/antk
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

# A headless Chromium for PDF briefs: the system one if present, else Debian's
# package when we are root on a Debian-like system.
chromium:
	@sh tools/ensure_chromium.sh

test: $(STAMP) chromium
	$(BIN)/python -m ruff check toolkit tests bench
	$(BIN)/python -m pytest -n 2 --timeout=900 tests
	$(MAKE) --no-print-directory check-wheel

# The wheel in a fresh venv briefs the sample in an empty folder (tools/check_wheel.sh).
check-wheel: $(STAMP) chromium
	sh tools/check_wheel.sh $(PYTHON)

brief: $(STAMP) chromium
	$(BIN)/antk brief --out reports --force

lint: $(STAMP)
	$(BIN)/python -m ruff check toolkit tests bench

bench: $(STAMP)
	$(BIN)/python -m pip install -q -e ".[bench]"
	$(BIN)/python -m pip install -q --no-deps camel-tools
	for b in bench_tokenize bench_corpus_load bench_frequency bench_actors bench_brief bench_scale; do \
		$(BIN)/python bench/$$b.py || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info
