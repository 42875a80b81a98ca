"""The repository's own promises: migrations in step with models, README and Makefile true."""

import io
import re

import pytest
from django.conf import settings
from django.core.management import call_command

from website.management.commands.seed_demo import DEMO_ACCOUNTS, DEMO_PASSWORD

BASE = settings.BASE_DIR
README = (BASE / "README.md").read_text(encoding="utf-8")


@pytest.mark.django_db
def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", stdout=io.StringIO())


def test_makefile_bootstraps_the_locked_uv():
    locked = re.search(r'name = "uv"\nversion = "([^"]+)"', (BASE / "uv.lock").read_text())
    pinned = re.search(r"^UV_VERSION := (\S+)$", (BASE / "Makefile").read_text(), re.M)
    assert pinned.group(1) == locked.group(1)


def test_readme_names_every_environment_variable_the_settings_read():
    sources = (BASE / "website" / "settings.py").read_text() + (BASE / "Makefile").read_text()
    names = set(re.findall(r'env_\w+\("([A-Z_]+)"', sources)) | {"PORT"}
    assert sorted(name for name in names if f"`{name}`" not in README) == []


def test_readme_lists_the_demo_accounts_and_their_password():
    missing = [username for username, *_ in DEMO_ACCOUNTS if f"`{username}`" not in README]
    assert (missing, f"`{DEMO_PASSWORD}`" in README) == ([], True)
