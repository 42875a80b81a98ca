"""The zh_Hans catalogue is complete: every source string translated, nothing fuzzy or stale."""

import os
import shutil
import subprocess
import sys

import pytest
from django.conf import settings

BASE = settings.BASE_DIR
PO = BASE / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
SOURCES = [
    "manage.py",
    "portal",
    "submissions",
    "judging",
    "reports",
    "website",
    "templates",
    "locale",
]


@pytest.fixture(scope="module")
def fresh_template(tmp_path_factory):
    """A .pot made now from the sources, in a copy of the tree so the repository is untouched."""
    tree = tmp_path_factory.mktemp("tree")
    for name in SOURCES:
        source = BASE / name
        if source.is_dir():
            shutil.copytree(source, tree / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tree / name)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "website.settings", "DJANGO_DEBUG": "1"}
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "zh_Hans",
            "--keep-pot",
            "--no-location",
        ],
        cwd=tree,
        env=env,
        check=True,
        capture_output=True,
    )
    return tree / "locale" / "django.pot"


def test_every_source_string_has_a_translation(fresh_template):
    result = subprocess.run(
        ["msgcmp", str(PO), str(fresh_template)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_no_entry_is_fuzzy_or_untranslated():
    fuzzy = subprocess.run(["msgattrib", "--only-fuzzy", str(PO)], capture_output=True, text=True)
    empty = subprocess.run(["msgattrib", "--untranslated", str(PO)], capture_output=True, text=True)
    assert (fuzzy.stdout, empty.stdout) == ("", "")


def test_catalogue_has_no_stale_entries(fresh_template):
    """An entry whose source string is gone should be removed (makemessages does it)."""
    result = subprocess.run(
        ["msgcomm", "--unique", "--no-location", str(PO), str(fresh_template)],
        capture_output=True,
        text=True,
    )
    stale = [
        line
        for line in result.stdout.splitlines()
        if line.startswith("msgid ") and line != 'msgid ""'
    ]
    assert stale == []


def test_catalogue_compiles_cleanly(tmp_path):
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(PO)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
