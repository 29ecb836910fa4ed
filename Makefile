# Two commands matter: `make run` and `make test`. Everything else is what they call.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
PORT ?= 8501
DEMO_ARGS ?= --cities 150 --years 15 --seed 7

.PHONY: run test test-fast setup setup-dev build demo chromium axe haproxy serve data bench bench-imports bench-files bench-visits loadtest coordinator-password clean gallery

# Chromium too: chart images, the factsheet and the visit pack are rendered with it, offline.
run: setup build demo chromium
	$(PY) -m streamlit run server.py --server.port $(PORT)

test: setup setup-dev build chromium haproxy axe
	$(PY) -m pytest

# The fast tier: unit and AppTest tests on both cores, no subprocess, no browser (about 50 s here);
# `make test` runs every tier.
test-fast: setup setup-dev build demo
	$(PY) -m pytest -q -n 2 -m "not e2e and not integration"

setup: $(VENV)/.runtime.stamp static/vendor/plotly.min.js
setup-dev: $(VENV)/.dev.stamp

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(UV): $(VENV)/bin/python
	$(PY) -m pip install --quiet uv==0.13.8

$(VENV)/.runtime.stamp: requirements.txt $(UV)
	$(UV) pip install --quiet --python $(PY) -r requirements.txt
	touch $@

# plotly.js for the presentation mode's slides, served by the app itself (no CDN), from the installed plotly.
static/vendor/plotly.min.js: $(VENV)/.runtime.stamp
	mkdir -p static/vendor
	cp "$$($(PY) -c 'import plotly, pathlib; print(pathlib.Path(plotly.__file__).parent / "package_data" / "plotly.min.js")')" $@

$(VENV)/.dev.stamp: requirements-dev.txt $(VENV)/.runtime.stamp
	$(UV) pip install --quiet --python $(PY) -r requirements-dev.txt
	touch $@

# Rebuilds only when a data file or the schema changed (content hash stored in the database).
build: setup
	$(PY) -m icc build --if-stale

# Regenerated when the schema, the views or the generator change (otherwise kept: it takes a few seconds).
demo: data/demo.duckdb
data/demo.duckdb: queries/schema.sql queries/views.sql icc/store/demo_network.py data/curation/demo_real_place_names.txt $(wildcard data/*.csv) | setup
	$(PY) -m icc demo $(DEMO_ARGS)

# Browser tests and image export drive Debian's Chromium; install it when missing.
chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; }

# axe-core from the npm registry: the accessibility tests run its WCAG 2.1 A/AA rules on every page in Chromium.
AXE := .axe/node_modules/axe-core/axe.min.js
axe: $(AXE)
$(AXE):
	npm install --silent --no-audit --no-fund --prefix .axe axe-core@4.14.1

# `make serve` puts Debian's HAProxy in front of the workers; install it when missing.
haproxy:
	@command -v haproxy >/dev/null || [ -x /usr/sbin/haproxy ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null; }

# A room or the network: WORKERS Streamlit workers on loopback behind HAProxy on ADDRESS:PORT (sticky sessions,
# websockets, health checks, access log in run/serve-PORT/). Stop with Ctrl-C. See README, "Serving".
WORKERS ?= 2
ADDRESS ?= 0.0.0.0
serve: setup build demo chromium haproxy
	$(PY) -m icc serve --workers $(WORKERS) --port $(PORT) --address $(ADDRESS)

# Regenerate the derived files in data/ from ../shared/data (needs the 179 MB gazetteer and npm).
data: setup
	$(UV) pip install --quiet --python $(PY) -r requirements-prep.txt
	PYTHONPATH=. $(PY) scripts/prepare_data.py

clean:
	rm -rf $(VENV) data/icc.duckdb data/demo.duckdb

# Store the coordinator password as a salted hash in .streamlit/secrets.toml (git-ignored).
coordinator-password: setup
	PYTHONPATH=. $(PY) scripts/set_password.py

# Benchmarks at three demo scales (figures printed and written to bench/results/).
bench: setup-dev build demo chromium
	PYTHONPATH=. $(PY) bench/run.py

# The hardest round files the upload limit allows (5.5 million shared strings, 1.2 million rows, 20 MB of blank
# lines ...), each checked by `python -m icc import --dry-run`: answer, CPU seconds and peak memory.
bench-imports: setup build
	PYTHONPATH=. $(PY) bench/import_files.py

# Click to file: a chart's PNG/SVG, the factsheet, the pack PDF and a city report with the warm renderer,
# beside one image made the old way (a renderer started for it). Results in bench/results/files-<time>.json.
bench-files: setup-dev build demo chromium
	PYTHONPATH=. $(PY) bench/files.py

# First and repeat visit of every page beside a bare Streamlit page served in the same run, bytes on the
# wire and the layout shift (the median of three rounds). Results in bench/results/visits-<time>.json.
bench-visits: setup-dev build demo chromium
	PYTHONPATH=. $(PY) bench/visits.py

# SESSIONS simulated sessions speaking Streamlit's websocket protocol tour the pages through the proxy of
# `make serve` (WORKERS workers), THINK s between views, for SECONDS; an import half-way; then one Chromium
# as a check, and the saturation throughput of 1 and 2 workers (RAMP=0 skips it). Writes
# bench/results/loadtest-<time>.json; non-zero exit on any error. Loopback only.
SESSIONS ?= 60
THINK ?= 5
SECONDS ?= 60
RAMP ?= 20
loadtest: setup-dev build demo chromium haproxy
	PYTHONPATH=. $(PY) bench/loadtest.py --sessions $(SESSIONS) --think $(THINK) --seconds $(SECONDS) \
		--workers $(WORKERS) --ramp-seconds $(RAMP)

# Every chart as PNG and SVG, the factsheet and the visit pack, for both datasets and languages, with a
# contact sheet per folder (gallery/<dataset>-<lang>/index.html); exit 1 if any label does not read.
GALLERY ?= gallery
gallery: setup build demo chromium
	@for dataset in published demo; do for lang in en fr; do \
		$(PY) -m icc gallery --out $(GALLERY)/$$dataset-$$lang --dataset $$dataset --lang $$lang --force || exit 1; \
	done; done
