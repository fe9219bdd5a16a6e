"""Embedding quizzes in pages: per-page ids, links rewritten for the page, errors at chapter lines.

One ``Embedder`` lives for one build (or one ``handbook check``). The site model tells it which page
is being rendered; the Markdown block asks it for HTML. Problems are collected as ``QuizIssue``s
(with a ``code`` each, below), not raised, so that every page's problems are reported together
before anything is written; the page shows an error box with the same line instead of the quiz.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from .errors import BROKEN_QUIZ, QuizIssue, format_issue
from .model import Quiz
from .registry import QuizRegistry
from .render import Renderer

UNKNOWN_QUIZ = "unknown-quiz"
BLOCK_NOT_EMPTY = "block-not-empty"
BLOCK_NOT_CLOSED = "block-not-closed"
BLOCK_NOT_RECOGNISED = "block-not-recognised"
DEAD_LINK = "dead-link"
"""Codes of the page problems found while embedding (``BROKEN_QUIZ`` too, from errors.py)."""

NOT_SHOWN_LABEL = "quiz_not_shown"
"""The label key of the error box's title (``labels.py``)."""

BLOCK_HEADER = re.compile(r"^(?P<indent>[ \t>]*)/{3,}\s*quiz\b(?P<rest>.*)$")
FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
CONTAINER = re.compile(r"^\s*(!!!|\?\?\?|===|///|[-*+]\s|\d+[.)]\s)")
"""Lines that open a block whose indented content is Markdown, not an indented code block."""
CODE = re.compile(r"<pre\b.*?</pre>|<code\b.*?</code>", re.DOTALL)
LEFTOVER = re.compile(r"(?:^|<p>|\n)[ \t]*/{3,}\s*quiz\b")
ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]|$)")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
LOCAL_LINK = re.compile(r'href="(?P<path>[^":#?]+\.md)(?P<anchor>#[^"]*)?"')

LinkResolver = Callable[[str, str, str], "str | None"]
"""(docs-relative path, anchor, quiz source) -> URL relative to the current page, or None if
missing."""


def _in_indented_code(lines: list[str], index: int) -> bool:
    """A line indented 4+ spaces after a blank line is code, unless the line that holds it opens a
    container."""
    indent = len(lines[index]) - len(lines[index].lstrip(" "))
    if indent < 4 or (index > 0 and lines[index - 1].strip()):
        return False
    for previous in reversed(lines[:index]):
        if previous.strip() and len(previous) - len(previous.lstrip(" ")) < indent:
            return not CONTAINER.match(previous)
    return True


def source_offset(source: str, markdown: str) -> int:
    """Lines MkDocs removed above the Markdown (front matter), so reported lines match the file."""
    return source[: len(source) - len(markdown)].count("\n") if source.endswith(markdown) else 0


@dataclass(frozen=True)
class BlockHeader:
    """A ``/// quiz`` line as written: where it is, its argument, the heading level it is under."""

    line: int
    argument: str
    section_level: int = 1


def scan_block_lines(markdown: str, offset: int = 0) -> list[BlockHeader]:
    """Each ``/// quiz`` header outside code, in page order (a page without headings sits under its
    h1)."""
    found: list[BlockHeader] = []
    fence = ""
    level = 1
    lines = markdown.splitlines()
    for number, line in enumerate(lines, start=1):
        opener = FENCE.match(line)
        if opener:
            mark = opener.group(1)
            if not fence:
                fence = mark
            elif mark[0] == fence[0] and len(mark) >= len(fence):
                fence = ""
            continue
        if fence or _in_indented_code(lines, number - 1):
            continue
        heading = ATX_HEADING.match(line)
        underline = SETEXT_UNDERLINE.match(line)
        if heading:
            level = len(heading.group(1))
        elif (
            underline
            and number > 1
            and lines[number - 2].strip()
            and not CONTAINER.match(lines[number - 2])
        ):
            level = 1 if underline.group(1)[0] == "=" else 2
        match = BLOCK_HEADER.match(line)
        if match:
            found.append(
                BlockHeader(number + offset, match.group("rest").strip().lstrip("|").strip(), level)
            )
    return found


@dataclass
class PageState:
    src: str
    resolve: LinkResolver
    generated: bool
    headers: list[BlockHeader]
    seen: Counter[str] = field(default_factory=Counter)
    consumed: set[int] = field(default_factory=set)
    """Indexes into ``headers`` of the blocks the parser recognised."""
    open_blocks: dict[int, str] = field(default_factory=dict)
    """Blocks opened but not (yet) closed, by header index."""

    def claim(self, quiz_id: str) -> int:
        """The first unclaimed header with this argument (else the first unclaimed one), claimed."""
        free = [i for i in range(len(self.headers)) if i not in self.consumed]
        index = next(
            (i for i in free if self.headers[i].argument == quiz_id), free[0] if free else -1
        )
        self.consumed.add(index)
        return index

    def issue(self, index: int, code: str, message: str) -> QuizIssue:
        """A problem of the block whose header is ``index`` (-1: of the page), at its line."""
        line = self.headers[index].line if index >= 0 else 0
        return QuizIssue(self.src, line, 0, "", message, code)

    def level(self, index: int) -> int:
        """Heading level for a quiz's own headings: one below the section holding the block."""
        return (self.headers[index].section_level if index >= 0 else 1) + 1


SNIPPET = "--8<--"
"""pymdownx.snippets' include mark: a quiz whose text has one shows another file's content."""


@dataclass
class RenderCache:
    """Each quiz's HTML as rendered, kept across ``mkdocs serve`` rebuilds.

    A quiz unchanged since the last build is the very same ``Quiz`` object (``QuizCache`` hands it
    out again), so its HTML is reused while everything else rendering reads is the same too: the
    ``inputs`` the site model names (labels, storage prefix, templates, the site's Markdown
    configuration). A quiz including a snippet is rendered anew each time, since the file it
    includes may have changed. Rendering was about half the quizzes' share of a rebuild.
    """

    inputs: object = None
    """What the cached HTML was rendered with; other inputs clear the cache."""
    html: dict[str, tuple[Quiz, str]] = field(default_factory=dict)
    """By quiz id: the quiz rendered, and its HTML with per-page tokens."""
    rendered: int = 0
    """Quizzes rendered through this cache so far (a test counts them)."""

    def use(self, inputs: object) -> None:
        """Start a build rendering with ``inputs``: HTML made with other inputs is dropped."""
        if inputs != self.inputs:
            self.html.clear()
            self.inputs = inputs

    def render(self, renderer: Renderer, quiz: Quiz) -> str:
        """The quiz's HTML, rendered only when the cache holds none for this very quiz."""
        cached = self.html.get(quiz.id)
        if cached is not None and cached[0] is quiz:
            return cached[1]
        html_text = renderer.render(quiz)
        self.rendered += 1
        if SNIPPET not in repr(quiz):  # every text field of the quiz is in its repr
            self.html[quiz.id] = (quiz, html_text)
        else:
            self.html.pop(quiz.id, None)
        return html_text

    def keep_only(self, quiz_ids: set[str]) -> None:
        """Forget quizzes that are gone or broken, so the cache holds no more than the site."""
        for gone in set(self.html) - quiz_ids:
            del self.html[gone]


class Embedder:
    """Renders each quiz once per build and adapts it to every page that embeds it."""

    def __init__(
        self,
        registry: QuizRegistry,
        renderer: Renderer,
        rendered: RenderCache | None = None,
        must_render: Callable[[Quiz], bool] | None = None,
    ) -> None:
        """``rendered`` keeps quizzes' HTML from one build to the next (``mkdocs serve``). With
        ``must_render`` (``handbook check``, which throws the HTML away), a quiz it says no to
        is embedded as nothing instead of being rendered."""
        self.registry = registry
        self.renderer = renderer
        self.rendered = rendered
        self.must_render = must_render
        if rendered is not None:
            rendered.keep_only(set(registry.quizzes))
        self.cache: dict[str, str] = {}
        """Rendered HTML by quiz id, with per-page tokens (``Renderer.place``)."""
        self.errors: list[QuizIssue] = []
        """Every page problem found, in the order found (``errors.page_problems`` sorts them)."""
        self.used_by: dict[str, set[str]] = {}
        self.page: PageState | None = None

    def start_page(
        self,
        src: str,
        markdown: str,
        resolve: LinkResolver,
        generated: bool = False,
        source: str = "",
    ) -> None:
        """Begin a page; ``source`` is the file as written, when it may differ (front matter)."""
        offset = source_offset(source, markdown) if source and "///" in markdown else 0
        self.page = PageState(src, resolve, generated, scan_block_lines(markdown, offset))

    def open_block(self, quiz_id: str) -> tuple[int, str]:
        """A block starts: claim its header line and render it (an unclosed block still shows)."""
        page = self.page
        assert page is not None, "a quiz block outside a page"
        index = page.claim(quiz_id)
        page.open_blocks[index] = quiz_id
        return index, self.embed(quiz_id, index, page.level(index))

    def close_block(self, index: int, has_content: bool) -> str | None:
        """The block ends; returns an error box to show instead of the quiz when it had content."""
        page = self.page
        assert page is not None
        quiz_id = page.open_blocks.pop(index)
        if not has_content:
            return None
        return self._error(
            page.issue(
                index,
                BLOCK_NOT_EMPTY,
                f"quiz block '{quiz_id}' must be empty: write "
                f"'/// quiz | {quiz_id}' and then '///' on the next line",
            )
        )

    def embed(self, quiz_id: str, index: int, level: int) -> str:
        """HTML for one block (header ``index``) on the current page, or an error box (the error
        is also recorded)."""
        page = self.page
        assert page is not None
        quiz = self.registry.quizzes.get(quiz_id)
        if quiz is None:
            if quiz_id in self.registry.broken:
                first = self.registry.broken[quiz_id][0]
                message = f"quiz '{quiz_id}' has errors, see {first}"
                return self._error(page.issue(index, BROKEN_QUIZ, message))
            message = f"no quiz has the id '{quiz_id}'{self.registry.suggest(quiz_id)}"
            return self._error(page.issue(index, UNKNOWN_QUIZ, message))
        if not page.generated:
            self.used_by.setdefault(quiz_id, set()).add(page.src)
        if quiz_id not in self.cache:
            rendered = self.rendered
            if self.must_render is not None and not self.must_render(quiz):
                self.cache[quiz_id] = ""
            elif rendered is None:
                self.cache[quiz_id] = self.renderer.render(quiz)
            else:
                self.cache[quiz_id] = rendered.render(self.renderer, quiz)
        page.seen[quiz_id] += 1
        back_link = (
            quiz.chapter if page.generated else ""
        )  # a quiz's own page links back to its chapter
        body = self.renderer.place(
            self.cache[quiz_id], copy=page.seen[quiz_id], level=level, back_link=back_link
        )
        return self._relink(body, quiz.source, page)

    def finish_page(self, html_text: str) -> None:
        """Safety nets: a block never closed, and a ``/// quiz`` left as text (not recognised)."""
        page = self.page
        if page is None:
            return
        for index, quiz_id in page.open_blocks.items():
            message = (
                f"quiz block '{quiz_id}' is never closed: put '///' on the line after it (inside "
                "tabs or admonitions, give the outer block more slashes, e.g. '////')"
            )
            self.errors.append(page.issue(index, BLOCK_NOT_CLOSED, message))
        # The cheap test first: most pages hold no leftover even with code removed.
        if LEFTOVER.search(html_text) and LEFTOVER.search(CODE.sub("", html_text)):
            for index in sorted(set(range(len(page.headers))) - page.consumed) or [-1]:
                arg = page.headers[index].argument if index >= 0 else "?"
                message = (
                    f"quiz block '{arg}' not recognised: write exactly "
                    "'/// quiz | <id>' then '///' on its own line; the block takes no options"
                )
                self.errors.append(page.issue(index, BLOCK_NOT_RECOGNISED, message))
        self.page = None

    def _relink(self, body: str, source: str, page: PageState) -> str:
        def replace(match: re.Match[str]) -> str:
            path, anchor = match.group("path"), (match.group("anchor") or "")
            url = page.resolve(path, anchor, source)
            if url is None:
                message = f"link to '{path}{anchor}' does not match any page in docs/"
                self.errors.append(QuizIssue(source, 0, 0, "", message, DEAD_LINK))
                return match.group(0)
            return f'href="{html.escape(url)}"'

        return LOCAL_LINK.sub(replace, body)

    def _error(self, issue: QuizIssue) -> str:
        self.errors.append(issue)
        return error_box(issue, self.renderer.labels)


def error_box(issue: QuizIssue, labels: dict[str, str]) -> str:
    """What a page shows instead of a quiz it cannot show (under ``mkdocs serve``): a translated
    title and the issue's line exactly as the terminal shows it."""
    title = labels.get(NOT_SHOWN_LABEL, "Quiz not shown")
    return (
        '<div class="admonition failure hq-error" role="alert">'
        f'<p class="admonition-title">{html.escape(title)}</p>'
        f"<p>{html.escape(format_issue(issue))}</p></div>"
    )
