"""``handbook check``: every quiz file and every chapter embed, checked with the build's own code.

A build stops at its first failing stage (quiz files in ``on_config``, pages in ``on_env``). This
runs both stages in one go, so an instructor sees every problem at once, in the build's own words:
mkdocs.yml is read by MkDocs itself (``!ENV``, ``INHERIT`` and defaults work as in a build), and
the quizzes and pages go through the same site model as the build (``site.py``): each page
through Python-Markdown with the site's extensions plus the same quiz block. Nothing is written.
"""

from __future__ import annotations

import gc
import logging
import os
import re
import textwrap
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.structure.files import File, Files, InclusionLevel, get_files
from mkdocs.utils.meta import get_data

from .config import QuizConfig
from .embed import scan_block_lines
from .errors import HandbookError, QuizIssue, format_issues
from .markdown import site_markdown
from .registry import QUIZ_SUFFIXES
from .site import PAGE_NOT_UTF8, PAGE_UNREADABLE, QuizSite
from .sitesettings import site_settings

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


@dataclass
class Site:
    """The handbook as MkDocs sees it, plus what the quiz plugin was configured with."""

    config: MkDocsConfig
    quiz_config: QuizConfig
    plugin_name: str
    config_file: Path
    warnings: list[str] = field(default_factory=list)
    """Warnings MkDocs gave while reading mkdocs.yml (they fail ``mkdocs build --strict``)."""

    @property
    def project_dir(self) -> Path:
        return self.config_file.parent

    @property
    def docs_dir(self) -> Path:
        return Path(self.config.docs_dir)

    @property
    def quizzes_dir(self) -> Path:
        return Path(self.quiz_config.quizzes_dir)


def find_config(start: Path) -> Path:
    """The nearest mkdocs.yml in ``start`` or a folder above it, so the CLI works from docs/ too."""
    for folder in (start, *start.parents):
        for name in ("mkdocs.yml", "mkdocs.yaml"):
            if (folder / name).is_file():
                return folder / name
    raise HandbookError(
        f"no mkdocs.yml in {start} or any folder above it: run this inside the handbook's "
        "folder (the one with mkdocs.yml), or name the file with --config-file"
    )


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _mkdocs_messages() -> Iterator[list[logging.LogRecord]]:
    """Collect what MkDocs logs instead of letting it print, so the CLI can explain it."""
    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    records = handler.records
    propagate, logger.propagate = logger.propagate, False
    logger.addHandler(handler)
    try:
        yield records
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def load_site(config_file: Path) -> Site:
    """Read mkdocs.yml with MkDocs; any problem becomes a ``HandbookError`` in plain words."""
    if not config_file.is_file():
        raise HandbookError(
            f"{config_file} does not exist: run this inside the handbook's folder "
            "(the one with mkdocs.yml), or name the file with --config-file"
        )
    with _mkdocs_messages() as records:
        try:
            config = load_config(str(config_file))
        except (MkDocsException, OSError) as error:
            details = "\n".join(record.getMessage() for record in records) or str(error)
            raise HandbookError(
                f"{config_file.name} could not be read:\n" + textwrap.indent(details, "  ")
            ) from None
    # The plugin is known by its options' class: this module never imports the plugin itself.
    name, plugin = next(
        ((n, p) for n, p in config.plugins.items() if isinstance(p.config, QuizConfig)),
        ("", None),
    )
    if plugin is None:
        raise HandbookError(
            f"{config_file.name} does not use the quiz plugin: "
            "add '- handbook-quiz' under 'plugins:'"
        )
    warnings = [f"{config_file.name}: {record.getMessage()}" for record in records]
    options = plugin.config
    assert isinstance(options, QuizConfig)
    return Site(config, options, name, config_file.resolve(), warnings)


@dataclass
class CheckReport:
    """Everything ``handbook check`` found, and how much it looked at."""

    quiz_issues: list[QuizIssue]
    page_errors: list[QuizIssue]
    warnings: list[str]
    quizzes: int
    pages: int
    lint_warnings: list[QuizIssue] = field(default_factory=list)
    """Item-writing warnings (``warning[code]`` in the message), printed as they are."""
    seconds: float = 0.0
    scope: str = ""
    """What was asked about, for the summary: "" (the whole site) or the files named."""

    @property
    def problems(self) -> int:
        return (
            len(self.quiz_issues)
            + len(self.page_errors)
            + len(self.warnings)
            + len(self.lint_warnings)
        )

    def lines(self) -> list[str]:
        """The output: the build's messages, grouped as the build groups them, then one summary
        line."""
        out: list[str] = []
        if self.quiz_issues or self.page_errors:
            out += format_issues(self.quiz_issues, self.page_errors).splitlines()
        out += [f"warning: {warning}" for warning in self.warnings]
        out += [str(warning) for warning in self.lint_warnings]
        return [*out, self.summary()]

    def summary(self) -> str:
        """One line: how much was checked, and how many problems of each kind were found."""
        quizzes, pages = _count(self.quizzes, "quiz", "quizzes"), _count(self.pages, "page")
        looked = f"{quizzes} and {pages} in {self.seconds:.1f} s"
        if self.scope:
            looked = f"in or involving {self.scope}; {looked}"
        if not self.problems:
            return f"handbook check: no problems ({looked})."
        warnings = len(self.warnings) + len(self.lint_warnings)
        kinds = [
            (len(self.quiz_issues), "in quiz files"),
            (len(self.page_errors), "in pages"),
            (warnings, "warnings" if warnings > 1 else "warning"),
        ]
        parts = ", ".join(f"{number} {kind}" for number, kind in kinds if number)
        problems = _count(self.problems, "problem")
        return f"handbook check: {problems} ({parts}; {looked}): fix them and run it again."


def _count(number: int, one: str, many: str = "") -> str:
    return f"{number} {one if number == 1 else many or one + 's'}"


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while the site is checked, restored after.

    Every quiz read stays alive until the end, and the collector walks all of them again and
    again as the heap grows: at 1,000 quizzes that was about a quarter of loading and validating
    (bench/check_bench.py). The check makes few cycles; they are freed once it is restored.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def run_check(site: Site, files: tuple[Path, ...] = (), *, lint: bool | None = None) -> CheckReport:
    """Check every quiz file and every page, collecting all problems (nothing is written).

    With ``files``, only the problems in or involving them are reported; everything is still
    checked, since duplicate ids and questions span files and chapters embed quizzes. Item-writing
    warnings are reported when ``lint`` is true, or (``None``) when the plugin's ``lint`` option is.
    """
    with _no_cycle_collection():
        return _checked(site, files, lint)


def _checked(site: Site, files: tuple[Path, ...], lint: bool | None) -> CheckReport:
    started = time.perf_counter()
    settings = site_settings(site.config, site.quiz_config, site.plugin_name)
    # Quiz text is converted for its links only: the check throws the HTML away.
    quiz_site = QuizSite(settings, _links_only(site_markdown(site.config)), messages_only=True)
    scope = Scope.of(site, quiz_site, files) if files else None
    with _mkdocs_messages():
        pages = _check_pages(site, quiz_site, _site_files(site, quiz_site))
    warnings = [*site.warnings, *map(str, quiz_site.warnings())]
    registry = quiz_site.registry
    report = CheckReport(
        quiz_site.quiz_issues,
        quiz_site.page_issues,
        warnings,
        len(registry.quizzes) + len(registry.broken),
        pages,
        quiz_site.lint(lint),
        time.perf_counter() - started,
    )
    return scope.filter(report) if scope else report


@dataclass(frozen=True)
class Scope:
    """The files ``handbook check FILE...`` names: what a message must be in, or involve, to be
    shown.

    A message involves a file when it is located in it or names it (a duplicate id names both
    files), or names the id of a quiz file named (a chapter's block for it, a mistyped embed). A
    page brings the files of the quizzes it embeds into scope, so a broken quiz on it is not hidden.
    """

    named: tuple[str, ...]
    """The files named, as messages name them (``quizzes/x.yml``, ``docs/x.md``,
    ``mkdocs.yml``)."""
    shown: tuple[str, ...]
    """Those, plus the quiz files of the quizzes the named pages embed."""
    quiz_ids: frozenset[str]
    """Ids of the quizzes in the quiz files named."""

    @classmethod
    def of(cls, site: Site, quiz_site: QuizSite, files: tuple[Path, ...]) -> Scope:
        registry = quiz_site.registry
        shown = tuple(dict.fromkeys(_shown_in_site(site, path) for path in files))
        sources = {quiz_id: quiz.source for quiz_id, quiz in registry.quizzes.items()}
        sources |= {quiz_id: issues[0].file for quiz_id, issues in registry.broken.items()}
        ids = {quiz_id for quiz_id, source in sources.items() if source in shown}
        embedded = {
            block.argument
            for name in shown
            if name.endswith(".md")
            for block in scan_block_lines(
                (site.project_dir / name).read_text(encoding="utf-8", errors="replace")
            )
        }
        their_files = sorted(
            {sources[quiz_id] for quiz_id in embedded if quiz_id in sources} - set(shown)
        )
        return cls(shown, (*shown, *their_files), frozenset(ids))

    def pattern(self) -> re.Pattern[str]:
        """What a message involving these files contains: one of their names, or a quiz id of
        theirs."""
        names = "|".join(re.escape(name) for name in self.shown)
        ids = "|".join(re.escape(f"'{quiz_id}'") for quiz_id in self.quiz_ids)
        return re.compile(rf"(?<![\w./-])(?:{names})(?::|$)" + (f"|{ids}" if ids else ""))

    def filter(self, report: CheckReport) -> CheckReport:
        """The report with only the messages that involve these files, in every list it holds."""
        involves = self.pattern().search
        scope = ", ".join(self.named[:3]) + (
            f" and {len(self.named) - 3} more" if len(self.named) > 3 else ""
        )
        return replace(
            report,
            quiz_issues=[m for m in report.quiz_issues if involves(str(m))],
            page_errors=[m for m in report.page_errors if involves(str(m))],
            warnings=[m for m in report.warnings if involves(m)],
            lint_warnings=[m for m in report.lint_warnings if involves(str(m))],
            scope=scope,
        )


def _shown_in_site(site: Site, path: Path) -> str:
    """A file named on the command line as messages name it; refused when it is not part of the
    site."""
    resolved = path.resolve()
    if not resolved.is_file():
        raise HandbookError(
            f"{path} does not exist: name quiz files (quizzes/*.yml) or pages (docs/*.md)"
        )
    if not _belongs_to_site(site, resolved):
        raise HandbookError(
            f"{path} is not a quiz file ({_relative(site, site.quizzes_dir)}/*.yml), a page "
            f"({_relative(site, site.docs_dir)}/*.md) "
            f"or the {site.config_file.name} of this handbook"
        )
    return _relative(site, resolved)


def _belongs_to_site(site: Site, resolved: Path) -> bool:
    """A quiz file, a page, or the site's configuration."""
    if resolved == site.config_file:
        return True
    if resolved.is_relative_to(site.quizzes_dir.resolve()) and resolved.suffix in QUIZ_SUFFIXES:
        return True
    return resolved.is_relative_to(site.docs_dir.resolve()) and resolved.suffix == ".md"


def _relative(site: Site, path: Path) -> str:
    return Path(os.path.relpath(path.resolve(), site.project_dir)).as_posix()


def _links_only(convert: Callable[[str], str]) -> Callable[[str], str]:
    """The site's converter, skipped for text that cannot yield a page link or a snippet.

    The check throws the quiz HTML away: only links to ``.md`` pages (and snippet includes, which
    may fail) can produce a message, and converting every other text field dominated the run time.
    """

    def convert_if_needed(text: str) -> str:
        return convert(text) if ".md" in text or "--8<--" in text else ""

    return convert_if_needed


def _site_files(site: Site, quiz_site: QuizSite) -> Files:
    """The build's pages: docs/ plus the pages the site model adds, so quiz links resolve alike."""
    files = get_files(site.config)
    plugins = site.config.plugins
    plugins._current_plugin = site.plugin_name  # what run_event sets; File.generated reads it
    try:
        for page in quiz_site.generated_pages():
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(
                File.generated(site.config, page.src_uri, content=page.content, inclusion=inclusion)
            )
    finally:
        plugins._current_plugin = None
    return files


def _check_pages(site: Site, quiz_site: QuizSite, files: Files) -> int:
    """Every hand-written page, then the own page of each quiz that no page embeds, through
    Markdown.

    The own pages come last and only for unused quizzes: each quiz is then rendered once, and a
    quiz no chapter shows still has the links in its text checked, as its page is in the build.
    """
    config = site.config
    convert = quiz_site.page_converter(config.markdown_extensions, config.mdx_configs)
    pages = [file for file in files.documentation_pages() if file.generated_by is None]
    for file in pages:
        _check_page(quiz_site, convert, files, file)
    for src_uri in quiz_site.unused_quiz_pages():
        own_page = files.get_file_from_path(src_uri)
        if own_page is not None:
            _check_page(quiz_site, convert, files, own_page)
    return len(pages)


def _check_page(
    quiz_site: QuizSite, convert: Callable[[str], str], files: Files, file: File
) -> None:
    """One page, as the build reads it: front matter stripped, then the site model scans it."""
    try:
        markdown, _meta = get_data(file.content_string)
    except UnicodeDecodeError:
        message = "the file is not UTF-8 text: save it as UTF-8 in your editor"
        quiz_site.page_issue(file.src_uri, PAGE_NOT_UTF8, message)
        return
    except OSError as error:
        message = f"could not be read ({error.strerror or error})"
        quiz_site.page_issue(file.src_uri, PAGE_UNREADABLE, message)
        return

    def resolve(path: str, anchor: str, source: str) -> str | None:
        target = files.get_file_from_path(path)
        return None if target is None else target.url_relative_to(file) + anchor

    quiz_site.check_page(
        file.src_uri,
        markdown,
        resolve,
        convert,
        generated=file.generated_by is not None,
        source=file.content_string,
    )
