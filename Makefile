# The course's entry points. Each target creates the virtual environment in .venv if it is missing
# and installs requirements.txt into it, so on a fresh machine one command does everything.
#
#   make book    build the website into _build/html (open _build/html/index.html)
#   make test    run every test: nnlib's unit tests and every chapter under nbval; beside them, in
#                two more pytest processes, the site build with warnings as errors and the checks on
#                the built pages (tests/site), and the chapters in JupyterLab and Notebook 7
#                (tests/jupyter/test_frontends.py), whose reports follow the first one's
#   make unit    nnlib's unit tests and docstring examples alone (no notebooks, no site): seconds
#   make lint    ruff over the code, the tests and the notebooks (settings in pyproject.toml)
#   make lab     open the chapters in JupyterLab (with jupyterlab-myst, which renders their MyST)
#   make strip   remove outputs from the chapter notebooks before committing
#   make colab-cell  write the Colab install cell, from _config.yml, into every chapter
#   make numbers write the numbers the chapters' code computes into their text (tools/text_numbers.py)
#   make lock    regenerate the pinned requirements.txt from requirements.in, and binder/requirements.txt
#                (the readers' environment) from binder/requirements.in with the same pins
#   make test-binder  install binder/requirements.txt into a fresh environment and run every chapter
#                there (slow: a full install; CI runs it after `make test`)
#   make bench   set up benchmarks/.venv (the course's requirements plus PyTorch: benchmarks/README.md),
#                run every benchmark, print one table and record it in benchmarks/README.md.
#                `make bench ONLY=step` (or matmul, widgets, course; comma-separated) runs a part;
#                `make bench RECORD=0` only prints. Never part of `make test`.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup book test unit lint lab strip colab-cell numbers lock test-binder bench clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

setup: $(STAMP)

book: setup
	rm -rf _build/html _build/jupyter_execute
	$(BIN)/jupyter-book build . --warningiserror --keep-going
	@echo "The site is built: open _build/html/index.html in a browser."

FRONTENDS := tests/jupyter/test_frontends.py
SITE      := tests/site

# Three pytest processes side by side, since each waits on a browser, a kernel or the book build much
# of the time: the built website's tests (they build the book first), the chapters in JupyterLab and
# Notebook 7, and everything else. The first two write to logs under _build, printed after the
# third's report; any one failing fails `make test`.
test: setup
	@mkdir -p _build; status=0; \
	$(BIN)/python -m pytest --durations=10 $(FRONTENDS) > _build/test-frontends.log 2>&1 & frontends=$$!; \
	$(BIN)/python -m pytest --durations=10 $(SITE) > _build/test-site.log 2>&1 & site=$$!; \
	$(BIN)/python -m pytest --durations=10 --ignore=$(FRONTENDS) --ignore=$(SITE) || status=1; \
	wait $$site || status=1; \
	echo; echo "=== $(SITE) (ran beside the tests above) ==="; cat _build/test-site.log; \
	wait $$frontends || status=1; \
	echo; echo "=== $(FRONTENDS) (ran beside the tests above) ==="; cat _build/test-frontends.log; \
	exit $$status

unit: setup
	$(BIN)/python -m pytest nnlib tests --ignore=tests/site --ignore=tests/test_notebooks.py --ignore=$(FRONTENDS)

lint: setup
	$(BIN)/ruff check .

lab: setup
	$(BIN)/jupyter lab chapters

strip: setup
	$(BIN)/python tools/strip_notebooks.py chapters/*.ipynb

colab-cell: setup
	$(BIN)/python tools/colab_cell.py

numbers: setup
	$(BIN)/python tools/text_numbers.py

lock:
	PYTHON=$(PYTHON) bash tools/lock.sh

test-binder:
	PYTHON=$(PYTHON) bash tools/test_binder.sh

# Inside benchmarks/, which _config.yml already keeps out of the book build (Sphinx would otherwise
# read the Markdown files of the installed packages); .gitignore's `.venv/` covers it.
BENCH_VENV  := benchmarks/.venv
BENCH_STAMP := $(BENCH_VENV)/.installed
ONLY   ?=
RECORD ?= 1

$(BENCH_STAMP): requirements.txt benchmarks/requirements.txt pyproject.toml
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BENCH_VENV)/bin/python -m pip install --quiet -r requirements.txt -r benchmarks/requirements.txt
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BENCH_VENV)/bin/python benchmarks/run.py $(if $(ONLY),--only $(ONLY)) $(if $(filter 1,$(RECORD)),--record)

clean:
	rm -rf _build
