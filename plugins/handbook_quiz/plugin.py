"""MkDocs event handlers: orchestration only; the work happens in the modules they call.

The quizzes, the pages' embeds and every problem found live in the site model (``site.py``),
which ``handbook check`` uses too; the hooks below hand it what MkDocs knows and put what it
renders where MkDocs expects it.
"""

from __future__ import annotations

import re
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
from .homes import QuizHomeLinks, QuizHomes
from .markdown import site_markdown
from .navcache import share_navigation
from .pages import nav_sorted
from .searchview import quiz_page_summary, without_excluded_parts
from .site import QuizSite, SiteCache
from .sitesettings import markdown_inputs, site_settings

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


class QuizPlugin(BasePlugin[QuizConfig]):
    """Loads every quiz before any page is built, embeds them, and reports all problems at once."""

    site: QuizSite
    """This build's quizzes, embeds and problems (made in ``on_config``)."""

    def __init__(self) -> None:
        super().__init__()
        self.serving = False
        self.cache = SiteCache()
        """Quiz files as read, validated and rendered. MkDocs keeps a plugin with ``on_startup``
        for the whole ``mkdocs serve``, so a rebuild reads and renders only the quiz files edited
        since."""

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Under `serve` a raised error on the first build kills the server: errors are shown.
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        # Quiz-file issues are raised in on_env with the pages' issues: one report, before any
        # page is written.
        self.site = QuizSite(
            site_settings(config, self.config),
            site_markdown(config),
            self.cache,
            markdown_inputs(config),
        )
        for warning in self.site.label_warnings():
            log.warning(str(warning))
        self.anchor_links: list[tuple[File, str, str]] = []
        config.markdown_extensions.append(self.site.extension())
        # quiz_pages: false: links to a quiz page not built go to its embedding (homes.py).
        self.homes = QuizHomes(self.config.pages_dir)
        # MkDocs takes Extension instances here too, though its type says names only.
        config.markdown_extensions.append(QuizHomeLinks(self.homes))  # type: ignore[arg-type]
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
        if not self.config.quiz_pages:
            self.homes.scan(files, config.nav)
        self.generated_quiz_pages = self.site.quiz_pages(self.homes.homes)
        for generated in self.site.generated_pages(self.homes.homes):
            inclusion = InclusionLevel.UNDEFINED if generated.in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(
                config, generated.src_uri, content=generated.content, inclusion=inclusion
            )
            files.append(file)
            if generated.src_uri == self.site.index_page:
                self.index_file = file
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

        self.homes.page = page.file.src_uri
        generated = page.file.generated_by is not None
        source = page.file.content_string if "///" in markdown and not generated else ""
        self.site.start_page(
            page.file.src_uri, markdown, resolve, generated=generated, source=source
        )
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
        state = self.site.embedder.page
        self.site.finish_page(html)
        if page.file.src_uri == self.config.results_page:
            # Each quiz where it is linked: its own page, or its embedding (quiz_pages: false).
            catalog = [
                (quiz, files.get_file_from_path(path), anchor)
                for quiz in nav_sorted(list(self.site.registry.quizzes.values()), self.nav_order)
                for path, anchor in [self.homes.link(quiz.id)]
            ]
            links = [
                (quiz, file.url_relative_to(page.file) + (f"#{anchor}" if anchor else ""))
                for quiz, file, anchor in catalog
                if file is not None
            ]
            html += self.site.renderer.render_results(links, self.config.profile_quiz)
            return self._with_assets(html, page, (*ASSETS, *RESULTS_ASSETS))
        if page.file is getattr(self, "index_file", None):
            renderer = self.site.renderer
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
            valid = self.site.registry.quizzes
            quizzes = [valid[quiz_id] for quiz_id in state.seen if quiz_id in valid]
            labels = self.site.renderer.labels_element(quizzes)  # only what they read
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
        if self.generated_quiz_pages.get(page.file.src_uri) in self.site.used_by:
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
            self.index_file.content_string = self.site.index_markdown(
                self.nav_order, titles, self.homes.homes
            )
        return nav

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        if not self.config.enabled:
            return env
        share_navigation(env, self.unlisted_quiz_pages)
        message = self.site.error_report()
        if message is not None:
            if not self.serving:
                raise PluginError(message)
            log.error(message.removeprefix("handbook-quiz: "))  # the plugin logger adds the prefix
        for warning in [*self.site.unused_warnings(), *self.site.lint()]:
            log.warning(str(warning))
        return env

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        if self.config.enabled:
            server.watch(self.config.quizzes_dir)
        server.builder = config_errors_in_one_line(server.builder, config.config_file_path)
        return server
