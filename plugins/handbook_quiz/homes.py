"""Where each quiz lives: its own generated page, or (``quiz_pages: false``) the chapter showing it.

With ``quiz_pages: false`` a quiz that some chapter embeds gets no page of its own, so every link
that would go to ``quizzes/<id>.md`` goes to ``chapter.md#hq-<id>`` instead: the quiz index, My
results, the exports, links in quiz text and links in chapters. Which chapter embeds a quiz is
known only once pages are rendered, and pages are chosen before that, so the chapters' sources are
scanned for ``/// quiz | <id>`` lines first (the embedder's own line scan; cheap next to a render).
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from .embed import scan_block_lines

if TYPE_CHECKING:
    from mkdocs.structure.files import Files

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def quiz_page_path(pages_dir: str, quiz_id: str) -> str:
    """The docs path of a quiz's own generated page, e.g. ``quizzes/rapport-check.md``."""
    return f"{pages_dir.strip('/')}/{quiz_id}.md"


def quiz_anchor(quiz_id: str) -> str:
    """The id of a quiz's first copy on a page (``hq-<id>``), which MkDocs knows as an anchor."""
    return f"hq-{quiz_id}"


def embedding_pages(sources: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """Quiz id -> the pages whose source has a ``/// quiz | id`` block, from (docs path, Markdown).

    Blocks in code do not count, as in the embedder; a page that never mentions ``quiz`` after
    ``///`` is skipped without a scan.
    """
    found: dict[str, list[str]] = {}
    for page, markdown in sources:
        if "///" not in markdown or "quiz" not in markdown:
            continue
        for block in scan_block_lines(markdown):
            pages = found.setdefault(block.argument, [])
            if page not in pages:
                pages.append(page)
    return found


def nav_paths(nav: Any) -> list[str]:
    """Every docs path named in mkdocs.yml's ``nav``, in order (nested sections included)."""
    if isinstance(nav, str):
        return [nav]
    values = nav.values() if isinstance(nav, dict) else nav if isinstance(nav, list) else []
    return [path for value in values for path in nav_paths(value)]


def quiz_homes(embedded: Mapping[str, list[str]], nav: list[str] | None = None) -> dict[str, str]:
    """Quiz id -> ``page.md#hq-<id>`` (docs-relative) for each quiz that some page embeds.

    A quiz embedded on several pages lives on the first in the navigation: in the order of
    mkdocs.yml's ``nav`` when it lists the page, else in the order of ``embedded`` (MkDocs' file
    order, which its automatic navigation follows). The build and ``handbook export`` agree.
    """
    order = {path: i for i, path in reversed(list(enumerate(nav or [])))}
    return {
        quiz_id: f"{min(pages, key=lambda p: order.get(p, len(order)))}#{quiz_anchor(quiz_id)}"
        for quiz_id, pages in embedded.items()
        if pages
    }


@dataclass
class QuizHomes:
    """Links to quiz pages that are not built, and where they go instead."""

    pages_dir: str
    homes: dict[str, str] = field(default_factory=dict)
    """Quiz id -> ``chapter.md#hq-<id>``; empty when every quiz has its own page."""
    page: str = ""
    """Docs path of the page being rendered, which relative links in chapters start from."""

    def scan(self, files: Files, nav: Any) -> None:
        """Find each embedded quiz's home, before any page is built: from the hand-written pages'
        sources; a quiz whose own page mkdocs.yml's ``nav`` lists keeps that page."""

        def sources() -> Iterable[tuple[str, str]]:
            for file in files.documentation_pages():
                if file.generated_by is None:
                    try:
                        yield file.src_uri, file.content_string
                    except (OSError, UnicodeDecodeError):  # MkDocs reports it when it reads it
                        continue

        listed = nav_paths(nav)
        self.homes = {
            quiz_id: home
            for quiz_id, home in quiz_homes(embedding_pages(sources()), listed).items()
            if self.own_page(quiz_id) not in listed
        }

    def own_page(self, quiz_id: str) -> str:
        return quiz_page_path(self.pages_dir, quiz_id)

    def link(self, quiz_id: str) -> tuple[str, str]:
        """(docs path, anchor or "") of where a quiz is linked: its home, else its own page."""
        path, _, anchor = self.homes.get(quiz_id, self.own_page(quiz_id)).partition("#")
        return path, anchor

    def instead_of(self, path: str, anchor: str = "") -> str | None:
        """For a docs-relative ``path`` to a quiz page that is not built: ``chapter.md#anchor``
        (the link's own anchor, else ``hq-<id>``); ``None`` for any other path."""
        folder, _, name = path.rpartition("/")
        if folder != self.pages_dir.strip("/") or not name.endswith(".md"):
            return None
        quiz_id = name[: -len(".md")]
        home = self.homes.get(quiz_id)
        if home is None:
            return None
        page, _, default = home.partition("#")
        return f"{page}#{anchor.lstrip('#') or default}"

    def relink(self, href: str) -> str | None:
        """A link written in the current page, rewritten when it points at a quiz page not built."""
        if not self.homes or not href or href.startswith(("#", "/")) or _SCHEME.match(href):
            return None
        path, _, anchor = href.partition("#")
        if "?" in path or not path.endswith(".md"):
            return None
        here = posixpath.dirname(self.page)
        target = self.instead_of(posixpath.normpath(posixpath.join(here, path)), anchor)
        if target is None:
            return None
        page, _, anchor = target.partition("#")
        return f"{posixpath.relpath(page, here or '.')}#{anchor}"


class _RelinkQuizPages(Treeprocessor):
    def __init__(self, md: Markdown, homes: QuizHomes) -> None:
        super().__init__(md)
        self.homes = homes

    def run(self, root: ET.Element) -> None:
        for link in root.iter("a"):
            new = self.homes.relink(link.get("href", ""))
            if new is not None:
                link.set("href", new)


class QuizHomeLinks(Extension):
    """Chapter links to a quiz page that is not built go to the quiz's embedding instead.

    Runs before MkDocs resolves and checks links (its treeprocessor has priority 0), so MkDocs
    validates the new link, anchor included, as if the instructor had written it.
    """

    def __init__(self, homes: QuizHomes) -> None:
        super().__init__()
        self.homes = homes

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(_RelinkQuizPages(md, self.homes), "handbook_quiz_homes", 5)
