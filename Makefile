# The README's commands. Each target sets up what it needs from nothing (stamps skip repeats).
# npm install (not npm ci): npm 11 writes lock files without other platforms' optional rspack
# bindings, which makes npm ci refuse them; install still follows the lock for everything else.
SHELL := /bin/bash
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
export PATH := $(BIN):$(PATH)
# Tests and demos talk only to loopback; never let a tool fetch a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
export PUPPETEER_SKIP_DOWNLOAD := 1
PY_SOURCES := $(shell find jupyterlab_google_auth testing -name '*.py' -not -path '*/node_modules/*' 2>/dev/null)
TS_SOURCES := $(shell find src schema style -type f 2>/dev/null)

.PHONY: lab demo test setup lint jest pytest galata wheel-check clean

# Root (containers, CI boxes) must say so explicitly to Jupyter.
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

lab: setup
	jupyter lab $(ROOT_FLAG)

demo: setup
	$(BIN)/python -m testing.demo $(ROOT_FLAG)

test: setup chromium lint jest pytest wheel-check galata

setup: $(VENV)/.installed jupyterlab_google_auth/labextension/package.json $(VENV)/.developed

$(VENV)/.created:
	python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	touch $@

node_modules/.installed: package.json package-lock.json
	npm install --no-audit --no-fund
	touch $@

$(VENV)/.installed: $(VENV)/.created pyproject.toml node_modules/.installed
	$(BIN)/pip install -q editables hatchling hatch-nodejs-version hatch-jupyter-builder "jupyter-builder>=1.2,<2"
	$(BIN)/pip install -q --no-build-isolation -e ".[test]"
	touch $@

jupyterlab_google_auth/labextension/package.json: node_modules/.installed $(VENV)/.installed $(TS_SOURCES) package.json
	npm run build

$(VENV)/.developed: $(VENV)/.installed
	jupyter labextension develop --overwrite .
	jupyter server extension enable --sys-prefix jupyterlab_google_auth
	touch $@

chromium:
	@command -v chromium >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium; }

ui-tests/node_modules/.installed: ui-tests/package.json ui-tests/package-lock.json
	cd ui-tests && npm install --no-audit --no-fund
	touch $@

tests/conformance-node: jupyterlab_google_auth/tests/conformance/node/node_modules/.installed

jupyterlab_google_auth/tests/conformance/node/node_modules/.installed: jupyterlab_google_auth/tests/conformance/node/package.json
	cd jupyterlab_google_auth/tests/conformance/node && npm install --no-audit --no-fund
	touch $@

lint: setup ui-tests/node_modules/.installed
	npm run lint:check
	npx tsc --noEmit -p ui-tests
	ruff check jupyterlab_google_auth testing bench scripts ui-tests/*.py
	ruff format --check jupyterlab_google_auth testing bench scripts ui-tests/*.py
	python scripts/check_auth.py

jest: setup
	npx jest

# configurable-http-proxy for the JupyterHub tests (testing/hub), from npm like everything else.
testing/hub/node_modules/.installed: testing/hub/package.json
	cd testing/hub && npm install --no-audit --no-fund
	touch $@

pytest: setup jupyterlab_google_auth/tests/conformance/node/node_modules/.installed testing/hub/node_modules/.installed
	pytest -q -p no:cacheprovider

# A real wheel: the production labextension and the server config must be inside it. Built, as a
# release is, from a copy of the sources without this checkout's development build (the build
# hook skips `npm run build:prod` when a labextension exists), with this checkout's node_modules.
wheel-check: setup
	rm -rf build/wheel build/wheel-src && mkdir -p build/wheel-src
	git ls-files -co --exclude-standard -z | tar --null -T - --ignore-failed-read -cf - | tar -xf - -C build/wheel-src
	ln -s $(CURDIR)/node_modules build/wheel-src/node_modules
	$(BIN)/pip wheel -q --no-build-isolation --no-deps -w build/wheel ./build/wheel-src
	python scripts/check_wheel.py build/wheel/*.whl

galata: setup chromium ui-tests/node_modules/.installed testing/hub/node_modules/.installed
	cd ui-tests && npx playwright test

clean:
	rm -rf $(VENV) node_modules ui-tests/node_modules lib jupyterlab_google_auth/labextension build tsconfig.tsbuildinfo
