"""The ``handbook`` command for instructors: parse the arguments, call the modules, print the
outcome.

The work happens in scaffold.py, navedit.py and check.py. Instructors are not programmers, so every
problem is printed as a sentence saying what to do, never as a traceback.

``handbook export`` lives in ``handbook_quiz/export/cli.py`` (a click command named ``export``) and
is loaded only when asked for, so the other commands start fast and work without it.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import HandbookError
from .scaffold import QUIZ_TYPES, slugify

LAZY_COMMANDS = {"export": "handbook_quiz.export.cli"}
"""Commands defined in other modules, by name: module to import, holding a click command of that
name."""


class HandbookGroup(click.Group):
    """The top-level group: adds the lazy commands and turns any failure into a plain message."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        present = [name for name, module in LAZY_COMMANDS.items() if _module_exists(module)]
        return sorted({*super().list_commands(ctx), *present})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if (
            command is None
            and cmd_name in LAZY_COMMANDS
            and _module_exists(LAZY_COMMANDS[cmd_name])
        ):
            try:
                command = getattr(importlib.import_module(LAZY_COMMANDS[cmd_name]), cmd_name)
            except Exception as error:  # a broken optional module must not break the other commands
                raise click.ClickException(
                    f"the '{cmd_name}' command could not be loaded ({error})"
                ) from None
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except HandbookError as error:
            raise click.ClickException(str(error)) from None
        except OSError as error:
            where = f" {error.filename}" if error.filename else ""
            raise click.ClickException(f"could not use{where}: {error.strerror or error}") from None
        except Exception as error:
            if os.environ.get("HANDBOOK_DEBUG"):
                raise
            raise click.ClickException(
                f"something unexpected went wrong ({type(error).__name__}: {error}). "
                "Please report it with the command you ran; HANDBOOK_DEBUG=1 shows the details"
            ) from None


def _module_exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def _config_option(function: Any) -> Any:
    """``-f/--config-file`` (as in ``mkdocs build``; ``--config`` too), the same for every
    command."""
    option = click.option(
        "-f",
        "--config-file",
        "--config",
        "config_file",
        type=click.Path(dir_okay=False, path_type=Path),
        help="The handbook's mkdocs.yml (default: the nearest one here or in a folder above).",
    )
    return option(function)


config_option = _config_option
"""For the commands defined in other modules (``handbook export``)."""


def config_path(config_file: Path | None) -> Path:
    """The mkdocs.yml a command works on: the one given, else the nearest, as every command finds
    it."""
    from .check import find_config

    return config_file or find_config(Path.cwd())


def _site(config_file: Path | None) -> Any:
    """Load the handbook's configuration; MkDocs is imported only here, when a command needs it."""
    from .check import load_site

    return load_site(config_path(config_file))


def _shown(path: Path) -> str:
    """A path as the instructor would type it: relative to the current folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


@click.group(cls=HandbookGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="handbook")
def main() -> None:
    """Write and check the handbook's chapters and quizzes.

    Run a command with --help to see what it does, e.g. handbook new chapter --help.
    """


@main.group()
def new() -> None:
    """Start a new chapter or quiz from a template that already builds."""


@new.command("chapter")
@click.argument("title")
@click.option("--slug", help="File name without .md (default: made from the title).")
@_config_option
def new_chapter(title: str, slug: str | None, config_file: Path | None) -> None:
    """Write docs/<slug>.md with the standard sections, its two quizzes, and a nav entry.

    Example: handbook new chapter "Motivational interviewing"
    """
    from .navedit import add_to_nav
    from .scaffold import check_title
    from .scaffold import new_chapter as write_chapter

    site = _site(config_file)
    title = check_title(title)
    slug = slug or slugify(title)
    if not slug:
        raise HandbookError(
            "no file name can be made from this title: add one, e.g. --slug my-chapter"
        )
    written = write_chapter(title, slug, site.docs_dir, site.quizzes_dir, site.project_dir)
    for item in written:
        click.echo(f"Created {_shown(item.path)}: {item.what}.")
    nav_changed = _report_nav(
        add_to_nav(site.config_file, title, f"{slug}.md"), site.config_file.name
    )
    chapter, *quizzes = (_shown(item.path) for item in written)
    _next_steps(
        [
            f"Preview: {_preview(site, f'{slug}.md')}.",
            f"Write the chapter in {chapter}, and replace the example questions and statements in "
            f"{' and '.join(quizzes)}. The chapter already shows both quizzes.",
            "Run 'handbook check' before you share your work.",
        ]
    )
    if not nav_changed:
        raise click.ClickException(
            f"the chapter was created, but {site.config_file.name} was not changed: "
            "add the nav line shown above by hand"
        )


def _report_nav(result: Any, config_name: str) -> bool:
    """Say what happened to the nav, and whether the chapter is in it (or needs no nav entry).

    When the file had to be left alone, give the exact line to add and where.
    """
    where = f"the '{result.section}' section" if result.section else "the list of chapters"
    if result.added:
        click.echo(
            f"Added it to the nav in {config_name}, at the end of {where}:\n    {result.entry}"
        )
    elif result.reason == "present":
        click.echo(f"{config_name} already lists the page in its nav.")
    elif result.reason == "no-nav":
        click.echo(
            f"{config_name} has no nav, so MkDocs lists every page by itself and the chapter "
            f"already appears. If you add a nav later, include this line:\n    {result.entry}"
        )
    else:
        click.echo(
            f"{config_name} was not changed: {result.reason}. Add this line to its nav by hand, "
            f"in {where}, indented like the entries around it:\n    {result.entry}"
        )
        return False
    return True


def _next_steps(steps: list[str]) -> None:
    click.echo("\nNext:")
    for number, step in enumerate(steps, start=1):
        click.echo(f"  {number}. {step}")


def _preview(site: Any, page: str) -> str:
    """The command that starts the live preview, and the address where it shows ``page``."""
    command = "make serve" if _has_serve_target(site.project_dir / "Makefile") else "mkdocs serve"
    return (
        f"run '{command}' and open {_preview_url(site, page)} "
        "(it reloads each time you save a file)"
    )


def _has_serve_target(makefile: Path) -> bool:
    try:
        return any(
            line.startswith("serve:") for line in makefile.read_text(encoding="utf-8").splitlines()
        )
    except (OSError, UnicodeDecodeError):
        return False


def _preview_url(site: Any, page: str) -> str:
    """Where ``mkdocs serve`` shows a docs page: its address, the site_url's path, the page's
    URL."""
    from urllib.parse import urlsplit

    address = site.config.dev_addr
    mount = urlsplit(site.config.site_url or "/").path.rstrip("/") + "/"
    stem = page.removesuffix(".md")
    path = (
        (f"{stem}/" if stem != "index" else "")
        if site.config.use_directory_urls
        else f"{stem}.html"
    )
    return f"http://{address.host}:{address.port}{mount}{path}"


@new.command("quiz")
@click.option(
    "--type",
    "quiz_type",
    type=click.Choice(QUIZ_TYPES),
    required=True,
    help="knowledge: questions with right answers; self-assessment: statements rated on a scale.",
)
@click.argument("quiz_id", metavar="ID")
@click.option("--title", help="Title shown to readers (default: made from the id).")
@click.option("--chapter", help="The chapter it belongs to, as a file in docs/, e.g. rapport.md.")
@_config_option
def new_quiz(
    quiz_type: str, quiz_id: str, title: str | None, chapter: str | None, config_file: Path | None
) -> None:
    """Write quizzes/<ID>.yml: a commented example of the chosen type that already validates.

    Example: handbook new quiz --type knowledge rapport-scenarios --chapter rapport.md
    """
    from .homes import quiz_page_path
    from .scaffold import new_quiz as write_quiz

    site = _site(config_file)
    if chapter and not (site.docs_dir / chapter).is_file():
        raise HandbookError(
            f"there is no {chapter} in {_shown(site.docs_dir)}: "
            "give the chapter's file inside it, e.g. rapport.md"
        )
    title = title or quiz_id.replace("-", " ").capitalize()
    item = write_quiz(quiz_type, quiz_id, title, chapter or "", site.quizzes_dir, site.project_dir)
    click.echo(f"Created {_shown(item.path)}: {item.what} with examples to replace.")
    page = _shown(site.docs_dir / chapter) if chapter else "the chapter where it belongs"
    own_page = quiz_page_path(site.quiz_config.pages_dir, quiz_id)
    _next_steps(
        [
            f"Show it in {page}: paste these two lines where the quiz should appear:\n\n"
            f"         /// quiz | {quiz_id}\n         ///\n",
            f"Preview: {_preview(site, chapter or own_page)}. "
            f"Replace the examples in {_shown(item.path)}.",
            "Run 'handbook check' before you share your work "
            "(until a page shows the quiz, it says so).",
        ]
    )


@main.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@_config_option
@click.option(
    "--lint",
    "lint",
    flag_value=True,
    default=None,
    help="Report item-writing warnings even when the plugin's 'lint' option is false.",
)
@click.pass_context
def check(
    ctx: click.Context, files: tuple[Path, ...], config_file: Path | None, lint: bool | None
) -> None:
    """Check every quiz and every quiz block in the pages, with the build's messages.

    With FILE... (quiz files, pages or mkdocs.yml), report only the problems in those files or
    involving them: the chapters that embed a quiz, a duplicate id in another file. Everything is
    still checked. Item-writing warnings (warning[code]) are reported too, unless the plugin's
    'lint' option is false and --lint is not given. Exits with status 1 when there is any problem
    or warning, so it can run before each commit.

    Example: handbook check --lint quizzes/rapport-check.yml docs/rapport.md
    """
    from .check import run_check

    report = run_check(_site(config_file), files, lint=lint)
    for line in report.lines():
        click.echo(line)
    if report.problems:
        ctx.exit(1)


if __name__ == "__main__":  # pragma: no cover - `python -m handbook_quiz.cli`
    sys.exit(main())
