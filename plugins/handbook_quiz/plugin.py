"""MkDocs event handlers: orchestration only; the work happens in the modules they call."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from html import escape
from importlib.resources import files as package_files
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_relative_url

from .config import QuizConfig
from .configerrors import config_errors_in_one_line
from .embed import Embedder
from .errors import format_issues, page_problems, unused_quiz_message
from .labels import labels_for
from .markdown import QuizExtension, site_markdown
from .navcache import share_navigation
from .pages import index_markdown, nav_sorted, quiz_page_markdown, results_page_markdown
from .registry import QuizRegistry
from .render import Renderer
from .searchview import quiz_page_summary, without_excluded_parts

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = get_plugin_logger("handbook-quiz")

ASSETS = ("quiz.css", "quiz.js")
RESULTS_ASSETS = ("results.css", "results.js")
"""Loaded on the My results page only, after the quiz assets whose storage code they reuse."""
ASSET_DIR = "assets/handbook-quiz"
SCHEMA_URI = "schema/quiz.schema.json"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "handbook"


def interface_language(config: MkDocsConfig, options: QuizConfig) -> str:
    """The plugin's ``language``, else the theme's, else English."""
    return options.language or config.theme.get("language") or "en"


def site_renderer(
    config: MkDocsConfig, options: QuizConfig, markdown: Callable[[str], str]
) -> Renderer:
    """The renderer for this site's labels, storage prefix and templates: the build's and the check's."""
    templates = Path(options.custom_templates) if options.custom_templates else None
    return Renderer(
        markdown,
        labels_for(interface_language(config, options), options.labels),
        options.storage_id or slug(config.site_name),
        templates,
    )


class QuizPlugin(BasePlugin[QuizConfig]):
    """Loads every quiz before any page is built, embeds them, and reports all problems at once."""

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Under `serve` a raised error on the first build kills the server, so errors are shown instead.
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        project_dir = Path(config.config_file_path or ".").resolve().parent
        self.docs_prefix = Path(os.path.relpath(config.docs_dir, project_dir)).as_posix() + "/"
        self.registry = QuizRegistry.load(
            Path(self.config.quizzes_dir), project_dir, Path(config.docs_dir)
        )
        # Quiz-file issues are raised in on_env with the chapters' issues: one report, before any page is written.
        for key in sorted(
            set(self.config.labels) - set(labels_for(interface_language(config, self.config)))
        ):
            log.warning(
                "mkdocs.yml: plugins.handbook-quiz.labels: unknown label '%s' is ignored (the instructor guide lists the keys)",
                key,
            )
        renderer = site_renderer(config, self.config, site_markdown(config))
        self.labels = renderer.labels
        self.embedder = Embedder(self.registry, renderer)
        self.anchor_links: list[tuple[File, str, str]] = []
        config.markdown_extensions.append(QuizExtension(self.embedder))  # type: ignore[arg-type]
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        quizzes_dir = Path(self.config.quizzes_dir).resolve()
        for file in list(files):
            # A quizzes folder inside docs/ must never ship its YAML (answer keys) as files.
            if file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(quizzes_dir):
                files.remove(file)
        package = package_files("handbook_quiz")
        for name in (*ASSETS, *RESULTS_ASSETS):
            files.append(
                File.generated(
                    config, f"{ASSET_DIR}/{name}", abs_src_path=str(package / "assets" / name)
                )
            )
        files.append(
            File.generated(
                config, SCHEMA_URI, abs_src_path=str(package / "schema" / "quiz.schema.json")
            )
        )
        pages_dir = self.config.pages_dir.strip("/")
        self.generated_quiz_pages = {
            f"{pages_dir}/{quiz_id}.md": quiz_id for quiz_id in self.registry.quizzes
        }
        for src_uri, quiz_id in self.generated_quiz_pages.items():
            # Reached from the quiz index, not listed in the nav one by one.
            files.append(
                File.generated(
                    config,
                    src_uri,
                    content=quiz_page_markdown(self.registry.quizzes[quiz_id]),
                    inclusion=InclusionLevel.NOT_IN_NAV,
                )
            )
        results = results_page_markdown(self.labels)
        files.append(File.generated(config, self.config.results_page, content=results))
        content = index_markdown(list(self.registry.quizzes.values()), pages_dir, self.labels)
        self.index_file = File.generated(config, f"{pages_dir}/index.md", content=content)
        files.append(self.index_file)
        self.nav_order: dict[str, int] = {}
        return files

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled:
            return markdown

        def resolve(path: str, anchor: str, source: str) -> str | None:
            target = files.get_file_from_path(path)
            if target is None:
                return None
            if anchor.strip("#"):
                self.anchor_links.append(
                    (target, anchor.strip("#"), f"{path}{anchor} (in {source})")
                )
            return target.url_relative_to(page.file) + anchor

        shown = (
            f"{self.docs_prefix}{page.file.src_uri}"  # e.g. docs/rapport.md, as instructors see it
        )
        generated = page.file.generated_by is not None
        source = page.file.content_string if "///" in markdown and not generated else ""
        self.embedder.start_page(shown, markdown, resolve, generated=generated, source=source)
        return markdown

    def _with_assets(self, html: str, page: Page, names: tuple[str, ...]) -> str:
        """Stylesheets before the content, so it is never painted unstyled and then shifted;
        scripts after it, so that they find the quiz markup already parsed."""
        urls = [get_relative_url(f"{ASSET_DIR}/{name}", page.url) for name in names]
        styles = "".join(
            f'<link rel="stylesheet" href="{url}">' for url in urls if url.endswith(".css")
        )
        scripts = "".join(f'<script src="{url}"></script>' for url in urls if url.endswith(".js"))
        return styles + html + scripts

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled:
            return html
        state = self.embedder.page
        self.embedder.finish_page(html)
        if page.file.src_uri == self.config.results_page:
            catalog = [
                (quiz, files.get_file_from_path(f"{self.config.pages_dir.strip('/')}/{quiz.id}.md"))
                for quiz in nav_sorted(list(self.registry.quizzes.values()), self.nav_order)
            ]
            links = [
                (quiz, file.url_relative_to(page.file))
                for quiz, file in catalog
                if file is not None
            ]
            html += self.embedder.renderer.render_results(links, self.config.profile_quiz)
            return self._with_assets(html, page, (*ASSETS, *RESULTS_ASSETS))
        if page.file is getattr(self, "index_file", None):
            renderer = self.embedder.renderer
            html = (
                f'<div class="hq-index" data-hq-store="{escape(renderer.storage_id)}" '
                f'data-hq-labels="{escape(renderer.runtime_json(["index"]))}">{html}</div>'
            )
            return self._with_assets(html, page, (*ASSETS, *RESULTS_ASSETS))
        if page.present_anchor_ids is not None:
            page.present_anchor_ids |= set(re.findall(r'<div class="hq-quiz" id="([^"]+)"', html))
        if page.links_to_anchors is not None:
            for target, anchor, original in self.anchor_links:
                page.links_to_anchors.setdefault(target, {}).setdefault(anchor, original)
        self.anchor_links = []
        if state is not None and state.seen:
            quizzes = [self.registry.quizzes[i] for i in state.seen if i in self.registry.quizzes]
            labels = self.embedder.renderer.labels_element(quizzes)  # only what they read
            html = self._with_assets(html + labels, page, ASSETS)
        return html

    @event_priority(50)
    def _search_view(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        # Search reads page.content: show it less quiz HTML to parse (searchview.py), then put the
        # whole page back for the template. A quiz's own page is found by its title and
        # description; its questions are indexed once, on the chapter that shows the quiz.
        self.full_content = None
        if not self.config.enabled or not page.content or 'class="hq-quiz"' not in page.content:
            return context
        view = without_excluded_parts(page.content)
        if self.generated_quiz_pages.get(page.file.src_uri) in self.embedder.used_by:
            view = quiz_page_summary(view)
        self.full_content, page.content = page.content, view
        return context

    @event_priority(-50)
    def _whole_page_again(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        if self.full_content is not None:
            page.content, self.full_content = self.full_content, None
        return context

    on_page_context = CombinedEvent(_search_view, _whole_page_again)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        if self.config.enabled:
            listed = {page.file.src_uri for page in nav.pages}
            self.unlisted_quiz_pages = set(self.generated_quiz_pages) - listed
            # The quiz index and My results list quizzes in the nav's order, the index naming
            # each chapter by its nav title. Sources are read after this event, so the index is
            # rewritten here.
            self.nav_order = {page.file.src_uri: i for i, page in enumerate(nav.pages)}
            titles = {page.file.src_uri: page.title for page in nav.pages if page.title}
            self.index_file.content_string = index_markdown(
                list(self.registry.quizzes.values()),
                self.config.pages_dir.strip("/"),
                self.labels,
                self.nav_order,
                titles,
            )
        return nav

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        if not self.config.enabled:
            return env
        share_navigation(env, self.unlisted_quiz_pages)
        page_errors = page_problems(self.embedder.errors, self.registry.broken)
        if self.registry.issues or page_errors:
            message = format_issues(self.registry.issues, page_errors)
            if not getattr(self, "serving", False):
                raise PluginError(message)
            log.error(message.removeprefix("handbook-quiz: "))  # the plugin logger adds the prefix
        if self.config.warn_unused:
            for quiz_id in sorted(set(self.registry.quizzes) - set(self.embedder.used_by)):
                quiz = self.registry.quizzes[quiz_id]
                log.warning(unused_quiz_message(quiz.source, quiz_id))
        if self.config.lint:
            for warning in self.registry.lint():
                log.warning(str(warning))
        return env

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        if self.config.enabled:
            server.watch(self.config.quizzes_dir)
        server.builder = config_errors_in_one_line(server.builder, config.config_file_path)
        return server
