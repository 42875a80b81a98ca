# The two commands of the README: `make run` and `make test`. Everything else is a step of them.
SHELL := /bin/bash
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
# Keep equal to the version of uv in uv.lock (a test checks it).
UV_VERSION := 0.13.9
MANAGE := $(BIN)/python manage.py
# make run serves a development server; DJANGO_DEBUG=0 in the environment overrides it.
DEV := DJANGO_DEBUG=$${DJANGO_DEBUG:-1}

export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

# $(call ensure,CHECK,PACKAGES): install Debian PACKAGES when CHECK fails, or say how to.
define ensure
	@if ! ( $(1) ) >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing $(2) ..."; \
	    apt-get update -qq >/dev/null 2>&1 || true; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(2) >/dev/null \
	      || { echo "Could not install $(2)."; exit 1; }; \
	  else \
	    echo "Missing $(2). Install it with: sudo apt-get install -y --no-install-recommends $(2)"; \
	  fi; \
	fi
endef

.PHONY: run test setup deps system-packages browser messages database demo lint bench clean gallery

run: setup
	@$(DEV) $(MANAGE) seed_demo
	@echo "Serving the portal on http://127.0.0.1:$(PORT)/ (Ctrl-C stops it and its task worker)"
	@$(DEV) $(MANAGE) db_worker --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEV) $(MANAGE) runserver 127.0.0.1:$(PORT)

test: setup browser lint
	@$(BIN)/python -m pytest; status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests: that is a failure here."; exit 1; fi; \
	exit $$status

setup: system-packages deps messages database

$(BIN)/python:
	$(call ensure,$(PYTHON) -c 'import ensurepip',python3-venv)
	$(PYTHON) -m venv $(VENV)

$(VENV)/.synced: pyproject.toml uv.lock | $(BIN)/python
	@test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	$(BIN)/uv sync --frozen --python $(BIN)/python
	@touch $@

deps: $(VENV)/.synced

system-packages:
	$(call ensure,fc-list :lang=zh | grep -q .,fontconfig fonts-noto-cjk)
	$(call ensure,command -v msgfmt,gettext)

browser:
	$(call ensure,test -x /usr/bin/chromium,chromium)
	$(call ensure,command -v pdftoppm,poppler-utils)
	$(call ensure,command -v soffice,libreoffice-writer-nogui)

messages: deps
	@if command -v msgfmt >/dev/null 2>&1; then \
	  $(DEV) $(MANAGE) compilemessages --ignore=.venv -v0; \
	else echo "gettext is missing: the portal shows English until it is installed."; fi

database: deps
	@$(DEV) $(MANAGE) migrate --noinput -v0
	@$(DEV) $(MANAGE) install_fixtures

demo: database
	@$(DEV) $(MANAGE) seed_demo

# Every document blank, with the demo's data and worst-case data: docs/gallery/index.html.
gallery: setup browser
	@$(DEV) $(MANAGE) render_gallery

bench: setup
	$(BIN)/python bench/documents.py
	$(BIN)/python bench/presentation_day.py

lint: deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

clean:
	rm -rf $(VENV) var
