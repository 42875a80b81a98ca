"""Settings for the test suite: the production settings, with a test key and fast hashing."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-" + "secret-key-for-the-test-suite-" * 2)

from website.settings import *  # noqa: E402, F403

# Argon2 is deliberately slow; tests that need it use the production list (tests/website/test_settings.py).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
# Serve static files from the finders, as in development: the suite never runs collectstatic.
WHITENOISE_AUTOREFRESH = WHITENOISE_USE_FINDERS = True

# Uploaded materials of the suite go to a throwaway folder.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="qc-portal-media-"))
STORAGES["private"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": MEDIA_ROOT / "private", "base_url": "/no-public-url/"},
}

# Background tasks run at once, inside the request that enqueues them.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
