"""``handbook export``: write quizzes for an LMS, as data, as handouts and as answer keys.

Everything is made in memory first and written only when all of it succeeded, so a quiz problem
never leaves a half-updated export folder. Messages are for instructors: no tracebacks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .. import kinds
from ..cli import config_option, config_path
from ..errors import HandbookError, format_issues
from ..model import Quiz
from ..registry import QuizRegistry
from . import FORMATS, KNOWLEDGE_FORMATS, PARTIAL_CREDIT_NOTE, SELF_ASSESSMENT_FORMATS, Files
from .answers import export_answers
from .gift import export_gift
from .moodle_xml import export_moodle_xml
from .qti import export_qti
from .selfassessment import export_handout, export_json
from .text import Site, Text

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from ..config import QuizConfig

Exporter = Callable[[Quiz, Text], Files]
EXPORTERS: dict[str, Exporter] = {
    "gift": export_gift,
    "moodle-xml": export_moodle_xml,
    "qti": export_qti,
    "json": export_json,
    "handout": export_handout,
}


class ExportError(Exception):
    """A problem an instructor can fix; shown as one message, never as a traceback."""


@dataclass(frozen=True)
class Project:
    """What the export needs from mkdocs.yml."""

    site: Site
    root: Path
    docs_dir: Path
    quizzes_dir: Path


def load_project(config_file: Path) -> Project:
    """mkdocs.yml read as ``handbook check`` reads it (``!ENV``, defaults, the plugin's options)."""
    from ..check import load_site

    try:
        handbook = load_site(config_file)
    except HandbookError as error:
        raise ExportError(str(error)) from None
    url = handbook.config.site_url or ""
    site = Site(
        url if not url or url.endswith("/") else url + "/",
        bool(handbook.config.use_directory_urls),
        handbook.config.site_name,
        handbook.quiz_config.pages_dir,
        {} if handbook.quiz_config.quiz_pages else _homes(handbook.config, handbook.quiz_config),
    )
    return Project(site, handbook.project_dir, handbook.docs_dir, handbook.quizzes_dir)


def _homes(config: MkDocsConfig, options: QuizConfig) -> dict[str, str]:
    """Where each embedded quiz is shown with ``quiz_pages: false``, found as the build finds it."""
    from mkdocs.structure.files import get_files

    from ..homes import QuizHomes

    homes = QuizHomes(options.pages_dir)
    homes.scan(get_files(config), config.nav)
    return homes.homes


def _config_path(config_file: Path | None) -> Path:
    """The given mkdocs.yml, else the nearest one: found as every other command finds it."""
    try:
        return config_path(config_file)
    except HandbookError as error:
        raise ExportError(str(error)) from None


def formats_for(quiz: Quiz, requested: str) -> tuple[str, ...]:
    """The requested formats that fit this quiz's type (``all`` means every format that fits)."""
    fitting = KNOWLEDGE_FORMATS if quiz.is_knowledge else SELF_ASSESSMENT_FORMATS
    return fitting if requested == "all" else tuple(f for f in (requested,) if f in fitting)


def export_quizzes(
    quizzes: Iterable[Quiz], requested: str, text: Text, answers: bool = False
) -> Files:
    """Every file for these quizzes, in memory, keyed by path under the output folder."""
    files: Files = {}
    for quiz in quizzes:
        chosen = formats_for(quiz, requested)
        for name in chosen:
            files.update(EXPORTERS[name](quiz, text))
        if answers and quiz.is_knowledge and chosen:
            files.update(export_answers(quiz, text))
    return files


def select(registry: QuizRegistry, quiz_ids: tuple[str, ...], requested: str) -> list[Quiz]:
    """The quizzes to export; an unknown id, or an id the format cannot export, is an error."""
    if not quiz_ids:
        return [
            registry.quizzes[qid]
            for qid in sorted(registry.quizzes)
            if formats_for(registry.quizzes[qid], requested)
        ]
    problems = []
    for qid in quiz_ids:
        quiz = registry.quizzes.get(qid)
        if quiz is None:
            problems.append(f"no quiz has the id '{qid}'{registry.suggest(qid)}")
        elif not formats_for(quiz, requested):
            fitting = (
                "json or handout: no LMS quiz engine can score a self-assessment"
                if not quiz.is_knowledge
                else "gift, moodle-xml or qti"
            )
            kind = "knowledge check" if quiz.is_knowledge else "self-assessment"
            problems.append(
                f"'{qid}' is a {kind} and cannot be exported as {requested}: use --format {fitting}"
            )
    if problems:
        raise ExportError("\n".join(problems))
    return [registry.quizzes[qid] for qid in dict.fromkeys(quiz_ids)]


def write(files: Files, out: Path) -> None:
    try:
        for relative, content in sorted(files.items()):
            target = out / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
    except OSError as error:
        raise ExportError(f"could not write to {out}: {error.strerror or error}") from None


@click.command("export")
@click.argument("quiz_ids", nargs=-1, metavar="[QUIZ_ID]...")
@click.option(
    "--format",
    "requested",
    type=click.Choice([*FORMATS, "all"]),
    default="all",
    show_default=True,
    help="gift, moodle-xml and qti export knowledge checks; "
    "json and handout export self-assessments; "
    "all exports each quiz in every format that fits it.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write into (one sub-folder per format); files already there are overwritten. "
    "Default: export/ next to mkdocs.yml, never inside docs/.",
)
@click.option(
    "--answers",
    is_flag=True,
    help="Also write an answer key for each exported knowledge check "
    "(answers/<id>.html). For instructors only.",
)
@config_option
def export(
    quiz_ids: tuple[str, ...],
    requested: str,
    out: Path | None,
    answers: bool,
    config_file: Path | None,
) -> None:
    """Export quizzes (default: all) for an LMS, as data, or for print.

    Knowledge checks go to Moodle GIFT (gift/), Moodle XML (moodle-xml/) and IMS QTI 2.1 zip
    packages (qti/; Moodle core cannot import QTI: use moodle-xml there); self-assessments go to
    JSON (json/) and a printable HTML handout with a scoring key (handout/). Two runs give identical
    files, and every question is named by its quiz and question id.

    Importing again does not update questions: Moodle adds a copy of each (without its ID number,
    already taken). To replace questions, see "Importing again" in the LMS export guide.

    Select-all questions: the handbook scores them all-or-nothing; Moodle (GIFT and XML) gives
    partial credit, +100% shared by the correct choices and -100% shared by the wrong ones (never
    below 0); QTI keeps all-or-nothing.
    """
    try:
        project = load_project(_config_path(config_file))
        registry = QuizRegistry.load(project.quizzes_dir, project.root, project.docs_dir)
        if registry.issues:
            click.echo(format_issues(registry.issues), err=True)
            raise ExportError("nothing was exported: fix the problems above first")
        quizzes = select(registry, quiz_ids, requested)
        if not quizzes:
            raise ExportError(f"no quiz can be exported as {requested}")
        files = export_quizzes(quizzes, requested, Text(project.site), answers)
        out = out or project.root / "export"
        write(files, out)
    except ExportError as error:
        click.echo(f"handbook export: {error}", err=True)
        raise SystemExit(1) from None
    if not project.site.url:
        click.echo(
            "Warning: mkdocs.yml has no site_url, so links to chapters stay relative "
            "and will not work from an LMS. Set site_url and export again.",
            err=True,
        )
    _summary(files, quizzes, out)


def _summary(files: Files, quizzes: list[Quiz], out: Path) -> None:
    folders: dict[str, int] = {}
    for path in files:
        folder = path.split("/", 1)[0]
        folders[folder] = folders.get(folder, 0) + 1
    listed = ", ".join(f"{folder}/ ({count})" for folder, count in sorted(folders.items()))
    click.echo(
        f"Exported {len(quizzes)} quiz{'zes' if len(quizzes) != 1 else ''} to {out}: {listed}"
    )
    if any(p.startswith(("gift/", "moodle-xml/")) for p in files) and any(
        kinds.partial_credit(quiz.questions) for quiz in quizzes
    ):
        click.echo(f"Note: {PARTIAL_CREDIT_NOTE}")
