# The two commands of the README: `make run` (the app on the embedded default) and `make test`.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
# llama-cpp-python compiles from source. Its LLaVA part is not used here and triples the build time.
# A -march=native build crashed with "Illegal instruction" on these VMs (they advertise AVX-512 they do
# not fully run), so build for AVX2, which every x86-64 server of the last decade has.
export CMAKE_ARGS ?= -DLLAVA_BUILD=OFF -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON

.PHONY: run test lint bench install install-dev browser

# This machine only by default. ADDRESS=0.0.0.0 serves the network, and needs a sign-in (README, Security).
ADDRESS ?= 127.0.0.1

run: install
	$(BIN)/python -m governance.exposure $(ADDRESS)
	$(BIN)/python -m connectors.demo
	$(BIN)/streamlit run streamlit_app.py --server.address $(ADDRESS)

test: install-dev browser
	$(BIN)/pytest

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: install-dev
	$(BIN)/python -m bench --dataset ../shared/eval/spider_public --limit 40 --baseline --out bench-results/latest.json

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

$(VENV)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# Browser tests and image export use Debian's Chromium (Playwright's own browser download is not used).
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
