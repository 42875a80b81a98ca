import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

import website.settings as production
from portal.env import env_bool

BASE = settings.BASE_DIR
KEY = "a-long-random-production-key-" + "Zx81Qw" * 6


def run_manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.update(DJANGO_SETTINGS_MODULE="website.settings", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_starting_without_a_secret_key_fails_with_a_clear_message():
    result = run_manage("check", DJANGO_DEBUG="0")
    assert result.returncode != 0 and "DJANGO_SECRET_KEY is not set" in result.stderr


def test_check_deploy_leaves_only_what_the_reverse_proxy_does():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "ERROR",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=KEY,
        DJANGO_ALLOWED_HOSTS="qc.example.org",
        DJANGO_BEHIND_PROXY="1",
    )
    warnings = set(re.findall(r"\((security\.W\d+)\)", result.stderr + result.stdout))
    # W004: HSTS and W008: redirect to HTTPS are the proxy's job (see README, Deploy).
    assert (result.returncode, warnings) == (0, {"security.W004", "security.W008"})


def test_production_hashes_passwords_with_argon2():
    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_chinese_and_shanghai_by_default():
    assert (settings.LANGUAGE_CODE, settings.TIME_ZONE, settings.USE_TZ) == (
        "zh-hans",
        "Asia/Shanghai",
        True,
    )


def test_database_follows_database_url():
    expected = (
        "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    )
    assert connection.vendor == expected


@pytest.mark.django_db
def test_database_answers():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_a_bad_boolean_in_the_environment_is_refused(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setenv("DJANGO_DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DJANGO_DEBUG"):
        env_bool("DJANGO_DEBUG")


def test_client_ip_behind_the_proxy_is_the_last_forwarded_address(rf, settings):
    from portal.network import client_ip

    settings.BEHIND_PROXY = True
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 10.0.0.7", REMOTE_ADDR="127.0.0.1")
    assert client_ip(request) == "10.0.0.7"


def test_client_ip_without_proxy_ignores_forwarded_headers(rf, settings):
    from portal.network import client_ip

    settings.BEHIND_PROXY = False
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6", REMOTE_ADDR="192.0.2.1")
    assert client_ip(request) == "192.0.2.1"


def test_migrations_can_be_checked_without_a_key():
    result = run_manage("makemigrations", "--check", "--dry-run", DJANGO_DEBUG="0")
    assert (result.returncode, result.stdout.strip()) == (0, "No changes detected")


def test_migrate_without_a_key_is_refused():
    result = run_manage("migrate", "--plan", DJANGO_DEBUG="0")
    assert result.returncode != 0 and "DJANGO_SECRET_KEY is not set" in result.stderr
