"""The site model: every quiz of a handbook and every embed of its pages, with every problem found.

The MkDocs plugin and ``handbook check`` are thin callers of ``QuizSite``, so the two cannot
disagree: both load and validate the quizzes here, give it each page (its path and Markdown) to
scan, and report what it collected, in the same words. It knows no MkDocs: what it needs from
mkdocs.yml comes in as ``SiteSettings`` (``sitesettings.py`` reads them), and the caller converts
pages with Python-Markdown (MkDocs does it in a build) or asks ``check_page`` to.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown as markdown_lib

from .embed import Embedder, LinkResolver, RenderCache
from .errors import QuizIssue, format_issues, page_problems, unused_quiz_issue
from .homes import quiz_page_path
from .labels import labels_for
from .markdown import QuizExtension
from .model import Quiz
from .pages import index_markdown, quiz_page_markdown, results_page_markdown
from .registry import QuizCache, QuizRegistry
from .render import MarkdownFn, Renderer

PAGE_NOT_UTF8 = "page-not-utf8"
PAGE_UNREADABLE = "page-unreadable"
PAGE_NOT_CONVERTED = "page-not-converted"
UNKNOWN_LABEL = "unknown-label"
"""Codes of the problems found here rather than while embedding (those are in ``embed.py``)."""


@dataclass(frozen=True)
class SiteSettings:
    """What the site model needs to know of the handbook: its folders and the plugin's options."""

    project_dir: Path
    """The folder of mkdocs.yml: quiz and page paths in messages are relative to it."""
    docs_dir: Path
    quizzes_dir: Path
    storage_id: str
    """Prefix of the browser storage keys."""
    language: str = "en"
    labels: dict[str, str] = field(default_factory=dict)
    """Overrides of interface strings, by key, as written in mkdocs.yml."""
    custom_templates: Path | None = None
    pages_dir: str = "quizzes"
    results_page: str = "my-results.md"
    warn_unused: bool = True
    lint: bool = True
    config_name: str = "mkdocs.yml"
    """How messages about the plugin's options name the configuration file."""
    plugin_name: str = "handbook-quiz"

    @property
    def docs_prefix(self) -> str:
        """``docs/``: how page paths start in messages, so they are relative to mkdocs.yml too."""
        return Path(os.path.relpath(self.docs_dir, self.project_dir)).as_posix() + "/"


@dataclass
class SiteCache:
    """What one site leaves for the next under ``mkdocs serve``: quiz files as read and validated,
    and quizzes as rendered. A rebuild after editing one quiz file reads and renders only it."""

    quizzes: QuizCache = field(default_factory=QuizCache)
    renders: RenderCache = field(default_factory=RenderCache)


PACKAGE_TEMPLATES = Path(__file__).parent / "templates"


def _files_signature(folder: Path | None) -> tuple[tuple[str, int, int], ...]:
    """Name, size and modification time of every file under ``folder``: edited templates show."""
    if folder is None or not folder.is_dir():
        return ()
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            stat = path.stat()
            found.append((path.relative_to(folder).as_posix(), stat.st_size, stat.st_mtime_ns))
    return tuple(found)


@dataclass(frozen=True)
class GeneratedPage:
    """A page the site adds to the handbook's own: a quiz's page, My results, the quiz index."""

    src_uri: str
    """Its path as if it were in docs/, e.g. ``quizzes/rapport-check.md``."""
    content: str
    in_nav: bool = True
    """False for quiz pages: reached from the quiz index, not listed in the nav one by one."""


class QuizSite:
    """Loads every quiz, renders each once, scans the pages it is given, collects every issue."""

    def __init__(
        self,
        settings: SiteSettings,
        markdown: MarkdownFn,
        cache: SiteCache | None = None,
        markdown_inputs: object = None,
        *,
        messages_only: bool = False,
    ) -> None:
        """``markdown`` converts quiz text with the site's extensions. With a ``cache`` from the
        last site (``mkdocs serve``), quiz files unchanged since are not read again, and, when
        ``markdown_inputs`` says what ``markdown`` is made of (``sitesettings.markdown_inputs``),
        quizzes unchanged are not rendered again either. ``messages_only`` (``handbook check``,
        nothing shown): a quiz is rendered only when its HTML could hold a problem
        (``could_hold_a_problem``)."""
        self.settings = settings
        self.registry = QuizRegistry.load(
            settings.quizzes_dir,
            settings.project_dir,
            settings.docs_dir,
            cache.quizzes if cache is not None else None,
        )
        self.renderer = Renderer(
            markdown,
            labels_for(settings.language, settings.labels),
            settings.storage_id,
            settings.custom_templates,
        )
        renders = None
        if cache is not None and markdown_inputs is not None:
            renders = cache.renders
            renders.use(self._render_inputs(markdown_inputs))
        must_render = self.could_hold_a_problem if messages_only else None
        self.embedder = Embedder(self.registry, self.renderer, renders, must_render)

    def could_hold_a_problem(self, quiz: Quiz) -> bool:
        """Whether rendering the quiz could report anything: a link to a page (``.md``), a
        snippet, a ``///`` line the page's safety net would catch, or custom templates (which may
        link anywhere). The other quizzes render to HTML no message can come from; skipping them
        saves ``handbook check`` about a fifth of its time (1,000 quizzes, cProfile)."""
        if self.settings.custom_templates is not None:
            return True
        text = repr(quiz)  # every text field of the quiz is in its repr, and so is its chapter
        links = text.count(".md") - repr(quiz.chapter).count(".md")  # validation checked that
        return links > 0 or "--8<--" in text or "///" in text

    def _render_inputs(self, markdown_inputs: object) -> object:
        """Everything a quiz's HTML depends on besides the quiz itself."""
        return (
            markdown_inputs,
            tuple(sorted(self.renderer.labels.items())),
            self.renderer.storage_id,
            _files_signature(self.settings.custom_templates),
            _files_signature(PACKAGE_TEMPLATES),
        )

    @property
    def labels(self) -> dict[str, str]:
        return self.renderer.labels

    @property
    def used_by(self) -> dict[str, set[str]]:
        """Quiz id -> the hand-written pages (as messages name them) that embed it, so far."""
        return self.embedder.used_by

    # --- the pages the site adds -------------------------------------------------------------

    @property
    def pages_dir(self) -> str:
        return self.settings.pages_dir.strip("/")

    def quiz_pages(self, homes: Mapping[str, str] | None = None) -> dict[str, str]:
        """The own page of each quiz (docs path -> quiz id), but for those with a home in a
        chapter (``quiz_pages: false``, ``homes.py``)."""
        return {
            quiz_page_path(self.pages_dir, quiz_id): quiz_id
            for quiz_id in self.registry.quizzes
            if quiz_id not in (homes or {})
        }

    def index_markdown(
        self,
        nav_order: dict[str, int] | None = None,
        titles: dict[str, str] | None = None,
        homes: Mapping[str, str] | None = None,
    ) -> str:
        """The quiz index, in the nav's order and naming chapters by their nav titles once known."""
        quizzes = list(self.registry.quizzes.values())
        return index_markdown(quizzes, self.pages_dir, self.labels, nav_order, titles, homes)

    @property
    def index_page(self) -> str:
        return f"{self.pages_dir}/index.md"

    def generated_pages(self, homes: Mapping[str, str] | None = None) -> list[GeneratedPage]:
        """Every page the site adds, so that links to them resolve alike in build and check."""
        quizzes = self.registry.quizzes
        pages = [
            GeneratedPage(src_uri, quiz_page_markdown(quizzes[quiz_id]), in_nav=False)
            for src_uri, quiz_id in self.quiz_pages(homes).items()
        ]
        pages.append(GeneratedPage(self.settings.results_page, results_page_markdown(self.labels)))
        pages.append(GeneratedPage(self.index_page, self.index_markdown(homes=homes)))
        return pages

    # --- scanning pages ----------------------------------------------------------------------

    def page_path(self, src_uri: str) -> str:
        """A page as messages name it: ``docs/rapport.md`` for ``rapport.md``."""
        return f"{self.settings.docs_prefix}{src_uri}"

    def extension(self) -> QuizExtension:
        """The ``/// quiz | id`` block for Python-Markdown, bound to this site's pages."""
        return QuizExtension(self.embedder)

    def start_page(
        self,
        src_uri: str,
        markdown: str,
        resolve: LinkResolver,
        *,
        generated: bool = False,
        source: str = "",
    ) -> None:
        """A page is about to be converted; ``source`` is its file as written, when front matter
        was taken off ``markdown`` (reported lines are the file's)."""
        if "///" not in markdown:
            source = ""  # no block to locate, so no need to count the front matter's lines
        self.embedder.start_page(
            self.page_path(src_uri), markdown, resolve, generated=generated, source=source
        )

    def finish_page(self, html: str) -> None:
        """The page's HTML: catches blocks never closed and ``/// quiz`` lines left as text."""
        self.embedder.finish_page(html)

    def page_converter(
        self, extensions: Sequence[Any], configs: dict[str, dict[str, Any]] | None = None
    ) -> Callable[[str], str]:
        """A Markdown converter with the site's ``extensions`` and the quiz block, for
        ``check_page`` (in a build, MkDocs converts the pages)."""
        converter = markdown_lib.Markdown(
            extensions=[*extensions, self.extension()], extension_configs=configs or {}
        )
        return lambda text: converter.reset().convert(text)

    def check_page(
        self,
        src_uri: str,
        markdown: str,
        resolve: LinkResolver,
        convert: Callable[[str], str],
        *,
        generated: bool = False,
        source: str = "",
    ) -> None:
        """One page converted as the build converts it, its problems recorded (nothing shown)."""
        self.start_page(src_uri, markdown, resolve, generated=generated, source=source)
        try:
            html = convert(markdown)
        except Exception as error:  # an extension failing (e.g. a missing snippet) stops a build
            self.page_issue(src_uri, PAGE_NOT_CONVERTED, f"could not be converted: {error}")
            self.embedder.page = None
            return
        self.finish_page(html)

    def page_issue(self, src_uri: str, code: str, message: str) -> None:
        """A problem with a whole page that the caller found (e.g. it could not be read)."""
        self.embedder.errors.append(QuizIssue(self.page_path(src_uri), 0, 0, "", message, code))

    # --- what was found ----------------------------------------------------------------------

    @property
    def quiz_issues(self) -> list[QuizIssue]:
        """Problems in quiz files, sorted."""
        return sorted(self.registry.issues)

    @property
    def page_issues(self) -> list[QuizIssue]:
        """Problems in the pages scanned so far, sorted and unique, none repeating a quiz file's."""
        return page_problems(self.embedder.errors)

    def error_report(self) -> str | None:
        """Every error, quiz files first, as the build stops with and the check prints; None when
        there is none."""
        quiz_issues, page_issues = self.quiz_issues, self.page_issues
        return format_issues(quiz_issues, page_issues) if quiz_issues or page_issues else None

    def unused(self) -> list[str]:
        """Ids of the valid quizzes no hand-written page scanned so far embeds, sorted."""
        return sorted(set(self.registry.quizzes) - set(self.embedder.used_by))

    def unused_quiz_pages(self) -> list[str]:
        """The own pages of the unused quizzes: checked too, so the links in their text are."""
        return [quiz_page_path(self.pages_dir, quiz_id) for quiz_id in self.unused()]

    def warnings(self) -> list[QuizIssue]:
        """What fails ``mkdocs build --strict``, in the build's order: label overrides no language
        has (known from the start), then the unused quizzes (known once every page is scanned)."""
        return [*self.label_warnings(), *self.unused_warnings()]

    def label_warnings(self) -> list[QuizIssue]:
        """Label overrides in mkdocs.yml that name no interface string: ignored, and said so."""
        settings = self.settings
        where = f"plugins.{settings.plugin_name}.labels"
        message = "unknown label '{}' is ignored (the instructor guide lists the keys)"
        unknown = sorted(set(settings.labels) - set(labels_for(settings.language)))
        return [
            QuizIssue(settings.config_name, 0, 0, where, message.format(key), UNKNOWN_LABEL)
            for key in unknown
        ]

    def unused_warnings(self) -> list[QuizIssue]:
        """With ``warn_unused``, one warning per quiz no hand-written page embeds."""
        if not self.settings.warn_unused:
            return []
        quizzes = self.registry.quizzes
        return [unused_quiz_issue(quizzes[quiz_id].source, quiz_id) for quiz_id in self.unused()]

    def lint(self, enabled: bool | None = None) -> list[QuizIssue]:
        """Item-writing warnings for every valid quiz, when ``enabled`` (default: the ``lint``
        option)."""
        return self.registry.lint() if (self.settings.lint if enabled is None else enabled) else []
