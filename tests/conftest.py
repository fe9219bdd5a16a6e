"""Shared fixtures: the real handbook, built once and served on 127.0.0.1, and a guarded browser
page.

Browser tests drive Debian's Chromium (or Playwright's own, on a laptop that has it) and fail, not
skip, in CI when neither exists. Every page records requests to other hosts and console errors;
a test that produces either fails.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
SYSTEM_CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class SiteServer:
    """A built site served from a daemon thread; bind first so the build knows its URL."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        handler = functools.partial(QuietHandler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def start(self) -> None:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


def build_site(project: Path, site_dir: Path, site_url: str, *extra: str) -> None:
    """`mkdocs build --strict` in a subprocess, as an instructor would run it."""
    env = {**os.environ, "SITE_URL": site_url}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir), *extra]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    """The real handbook, built strictly and served, for the whole session."""
    site_dir = tmp_path_factory.mktemp("site")
    server = SiteServer(site_dir)
    build_site(ROOT, site_dir, server.url)
    server.start()
    yield server
    server.httpd.shutdown()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    args = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--no-default-browser-check",
    ]
    launch = {**browser_type_launch_args, "args": args}
    if SYSTEM_CHROMIUM:
        launch["executable_path"] = SYSTEM_CHROMIUM
    return launch


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Browser tests skip with a clear message only off CI, and only when no Chromium exists."""
    if SYSTEM_CHROMIUM or os.environ.get("CI"):
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        if Path(p.chromium.executable_path).exists():
            return
    skip = pytest.mark.skip(
        reason="no Chromium: apt-get install chromium (Debian) or playwright install chromium"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


class Guard:
    """What a page did that a reader must never see: other hosts contacted, console errors."""

    def __init__(self) -> None:
        self.foreign: list[str] = []
        self.errors: list[str] = []


@pytest.fixture
def guard(page, site: SiteServer) -> Iterator[Guard]:  # noqa: ANN001
    """Abort and record requests to any host but the test server; record console errors."""
    seen = Guard()

    def route(route):  # noqa: ANN001, ANN202
        if urlparse(route.request.url).hostname not in ("127.0.0.1", None, ""):
            seen.foreign.append(route.request.url)
            return route.abort()
        return route.continue_()

    page.route("**/*", route)
    page.on(
        "console",
        lambda message: seen.errors.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    yield seen
    assert seen.foreign == [], f"requests to other hosts: {seen.foreign}"
    assert seen.errors == [], f"console errors: {seen.errors}"
