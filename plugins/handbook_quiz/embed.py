"""Embedding quizzes in pages: per-page ids, links rewritten for the page, errors with chapter lines.

One ``Embedder`` lives for one build. The plugin tells it which page is being rendered; the Markdown
block asks it for HTML. Errors are collected, not raised, so that every page's problems are
reported together before anything is written.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from .registry import QuizRegistry
from .render import SUFFIX_TOKEN, Renderer

BLOCK_HEADER = re.compile(r"^[ \t>]*///\s*quiz\b\s*(?:\|\s*(?P<arg>.*?))?\s*$")
FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
LEFTOVER = re.compile(r"<p>\s*///\s*quiz\b")
LOCAL_LINK = re.compile(r'href="(?P<path>[^":#?]+\.md)(?P<anchor>#[^"]*)?"')

LinkResolver = Callable[[str, str, str], "str | None"]
"""(docs-relative path, anchor, quiz source) -> URL relative to the current page, or None if missing."""


def scan_block_lines(markdown: str) -> list[tuple[int, str]]:
    """(line, argument) of each ``/// quiz`` header outside code fences, in page order."""
    found, fence = [], ""
    for number, line in enumerate(markdown.splitlines(), start=1):
        opener = FENCE.match(line)
        if opener:
            mark = opener.group(1)
            if not fence:
                fence = mark
            elif mark[0] == fence[0] and len(mark) >= len(fence):
                fence = ""
            continue
        match = BLOCK_HEADER.match(line)
        if match and not fence:
            found.append((number, (match.group("arg") or "").strip()))
    return found


@dataclass
class PageState:
    src: str
    resolve: LinkResolver
    generated: bool
    headers: list[tuple[int, str]]
    seen: Counter[str] = field(default_factory=Counter)
    embedded: int = 0


class Embedder:
    """Renders each quiz once per build and adapts it to every page that embeds it."""

    def __init__(self, registry: QuizRegistry, renderer: Renderer, back_links: dict[str, str]) -> None:
        self.registry = registry
        self.renderer = renderer
        self.back_links = back_links
        """Quiz id -> docs-relative chapter path, for quizzes shown on their own generated page."""
        self.cache: dict[str, str] = {}
        """Rendered HTML by quiz id and whether the page is the quiz's own."""
        self.errors: list[str] = []
        self.used_by: dict[str, set[str]] = {}
        self.page: PageState | None = None

    def start_page(self, src: str, markdown: str, resolve: LinkResolver, generated: bool = False) -> None:
        self.page = PageState(src, resolve, generated, scan_block_lines(markdown))

    def embed(self, quiz_id: str, has_content: bool = False) -> str:
        """HTML for one block on the current page, or an error box (the error is also recorded)."""
        page = self.page
        assert page is not None, "embed() called outside a page"
        line = page.headers[page.embedded][0] if page.embedded < len(page.headers) else 0
        page.embedded += 1
        where = f"{page.src}:{line}" if line else page.src
        quiz = self.registry.quizzes.get(quiz_id)
        if has_content:
            return self._error(f"{where}: quiz block '{quiz_id}' must be empty: write '/// quiz | {quiz_id}' and then '///' on the next line")
        if quiz is None:
            if quiz_id in self.registry.broken:
                return self._error(f"{where}: quiz '{quiz_id}' has errors, see {self.registry.broken[quiz_id][0]}")
            return self._error(f"{where}: no quiz has the id '{quiz_id}'{self.registry.suggest(quiz_id)}")
        if not page.generated:
            self.used_by.setdefault(quiz_id, set()).add(page.src)
        key = f"{quiz_id}:{page.generated}"
        if key not in self.cache:
            self.cache[key] = self.renderer.render(quiz, back_link=self.back_links.get(quiz_id, "") if page.generated else "")
        page.seen[quiz_id] += 1
        count = page.seen[quiz_id]
        body = self.cache[key].replace(SUFFIX_TOKEN, "" if count == 1 else f"-{count}")
        return self._relink(body, quiz.source, page)

    def finish_page(self, html_text: str) -> None:
        """Safety net: a ``/// quiz`` left as text is a block the parser did not recognise."""
        page = self.page
        if page is None:
            return
        if LEFTOVER.search(html_text):
            unmatched = page.headers[page.embedded:] or page.headers
            for line, arg in unmatched:
                self.errors.append(f"{page.src}:{line}: quiz block '{arg}' not recognised: write exactly '/// quiz | <id>' "
                                   "then '///' on its own line; the block takes no options")
        self.page = None

    def _relink(self, body: str, source: str, page: PageState) -> str:
        def replace(match: re.Match[str]) -> str:
            path, anchor = match.group("path"), (match.group("anchor") or "")
            url = page.resolve(path, anchor, source)
            if url is None:
                self.errors.append(f"{source}: link to '{path}{anchor}' does not match any page in docs/")
                return match.group(0)
            return f'href="{html.escape(url)}"'
        return LOCAL_LINK.sub(replace, body)

    def _error(self, message: str) -> str:
        self.errors.append(message)
        return f'<div class="admonition failure hq-error" role="alert"><p class="admonition-title">Quiz not shown</p><p>{html.escape(message)}</p></div>'
