"""Playwright drives Debian's Chromium (make test installs the chromium package)."""

import os

import pytest


@pytest.fixture(scope="session")
def browser_type_launch_args():
    return {
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A Chinese browser, as the units use: dates in the date pickers read 年/月/日."""
    return {**browser_context_args, "locale": "zh-CN", "timezone_id": "Asia/Shanghai"}


@pytest.fixture(scope="session", autouse=True)
def _sync_playwright_beside_the_orm():
    """Playwright's sync API runs an event loop in the test thread; the ORM calls here are safe."""
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
