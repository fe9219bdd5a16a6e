"""The conftest `guard`, for pages of sites other than the session's handbook (temp sites, other
builds).

Records (and aborts) requests to any host but 127.0.0.1 and records console errors; `check()`
fails the test on either.
"""

from __future__ import annotations

from urllib.parse import urlparse

from playwright.sync_api import Page


class PageGuard:
    def __init__(self, page: Page) -> None:
        self.foreign: list[str] = []
        self.errors: list[str] = []
        page.route("**/*", self._route)
        page.on(
            "console",
            lambda message: self.errors.append(message.text) if message.type == "error" else None,
        )
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _route(self, route) -> None:
        if urlparse(route.request.url).hostname not in ("127.0.0.1", None, ""):
            self.foreign.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    def check(self) -> None:
        assert self.foreign == [], f"requests to other hosts: {self.foreign}"
        assert self.errors == [], f"console errors: {self.errors}"
