"""Write a new chapter and its quiz stubs from the package's templates, never overwriting a file.

The stubs are valid as written (a site with them builds with ``--strict``), so an instructor starts
from something that works and changes it step by step, checking with ``handbook check``.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from importlib.resources import files as package_files
from pathlib import Path

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined

from .errors import HandbookError
from .validate import ID_PATTERN

QUIZ_TYPES = ("knowledge", "self-assessment")
SCHEMA_IN_PROJECT = Path("plugins/handbook_quiz/schema/quiz.schema.json")


@dataclass(frozen=True)
class Written:
    """One file the scaffold created, and what it is, for the CLI to report."""

    path: Path
    what: str


NOT_IN_A_TITLE = frozenset({"Cc", "Cs", "Zl", "Zp"})
"""Unicode categories a one-line title cannot hold: control characters (tab, line breaks), line and
paragraph separators, and the lone surrogates an undecodable command-line argument becomes."""


def check_title(title: str) -> str:
    """The title without surrounding spaces; refused when it is empty or cannot stay on one line."""
    title = title.strip()
    if not title:
        raise HandbookError(
            'the title is empty: give the chapter a title, e.g. handbook new chapter "Empathy"'
        )
    odd = sorted({f"U+{ord(c):04X}" for c in title if unicodedata.category(c) in NOT_IN_A_TITLE})
    if odd:
        raise HandbookError(
            f"the title holds a line break, tab or other control character ({', '.join(odd)}): "
            "write it on one line, with plain spaces"
        )
    return title


_CLOSING = re.compile(r"(#+|\{[^{}]*\})$")


def heading_text(title: str) -> str:
    """The title as the text of a Markdown heading, so it shows as typed.

    A heading drops a trailing run of ``#`` (its closing sequence: ``C#`` would become ``C``), and
    the site's ``attr_list`` reads a trailing ``{...}`` as attributes; both get a backslash.
    """
    match = _CLOSING.search(title)
    if not match:
        return title
    tail = match.group(1)
    escaped = "".join("\\" + c for c in tail) if tail.startswith("#") else "\\" + tail
    return title[: match.start()] + escaped


def slugify(title: str) -> str:
    """File name from a title: "Motivational interviewing" -> "motivational-interviewing"."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")


def _environment() -> Environment:
    # Comments use {## ##} so that heading ids such as {#objectives} stay literal text.
    env = Environment(
        loader=PackageLoader("handbook_quiz", "templates/scaffold"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.filters["yaml"] = yaml_scalar
    env.filters["heading"] = heading_text
    return env


def yaml_scalar(value: str) -> str:
    """``value`` as a one-line YAML scalar: plain when that is safe, quoted only when needed."""
    dumped = yaml.safe_dump(str(value), allow_unicode=True, width=1_000_000)
    return dumped.removesuffix("\n...\n").rstrip("\n")


def schema_reference(quiz_dir: Path, project_dir: Path) -> str:
    """Where the quiz's first-line comment points editors for the JSON Schema, relative to the
    quiz."""
    schema = project_dir / SCHEMA_IN_PROJECT
    if not schema.is_file():
        schema = Path(str(package_files("handbook_quiz") / "schema" / "quiz.schema.json"))
    try:
        return Path(os.path.relpath(schema.resolve(), quiz_dir.resolve())).as_posix()
    except ValueError:  # another drive on Windows: no relative path exists
        return schema.resolve().as_uri()


def quiz_text(quiz_type: str, title: str, chapter: str, schema: str) -> str:
    """A commented, valid stub of the given type; ``chapter`` may be empty."""
    template = _environment().get_template(f"{quiz_type}.yml.jinja")
    return template.render(title=title, chapter=chapter, schema=schema)


def chapter_text(title: str, slug: str, references: str) -> str:
    """A chapter with the handbook's standard sections and its two quizzes embedded."""
    return (
        _environment()
        .get_template("chapter.md.jinja")
        .render(title=title, slug=slug, references=references)
    )


def new_chapter(
    title: str, slug: str, docs_dir: Path, quizzes_dir: Path, project_dir: Path
) -> list[Written]:
    """Write ``<slug>.md`` and its two quiz stubs, or nothing at all if any of them exists."""
    if not ID_PATTERN.match(slug):
        raise HandbookError(
            f"'{slug}' cannot be used as a file name: use lowercase letters, digits and hyphens, "
            "e.g. --slug motivational-interviewing"
        )
    chapter = docs_dir / f"{slug}.md"
    references = "references.md" if (docs_dir / "references.md").is_file() else ""
    schema = schema_reference(quizzes_dir, project_dir)
    check = quiz_text("knowledge", f"{title} - check your understanding", chapter.name, schema)
    self_assessment = quiz_text(
        "self-assessment", f"{title} - reflect on your practice", chapter.name, schema
    )
    planned = {
        chapter: ("the chapter, with the standard sections", chapter_text(title, slug, references)),
        quizzes_dir / f"{slug}-check.yml": (
            "its knowledge check, embedded under 'Check your understanding'",
            check,
        ),
        quizzes_dir / f"{slug}-self.yml": (
            "its self-assessment, embedded under 'Reflect on your practice'",
            self_assessment,
        ),
    }
    return _write_all(planned, project_dir)


def new_quiz(
    quiz_type: str, quiz_id: str, title: str, chapter: str, quizzes_dir: Path, project_dir: Path
) -> Written:
    """Write ``<id>.yml``, a commented stub of the given type, unless the file exists."""
    if not ID_PATTERN.match(quiz_id):
        raise HandbookError(
            f"'{quiz_id}' is not a valid quiz id: use lowercase letters, digits and hyphens, "
            "e.g. rapport-check"
        )
    what = "a knowledge check" if quiz_type == "knowledge" else "a self-assessment"
    text = quiz_text(quiz_type, title, chapter, schema_reference(quizzes_dir, project_dir))
    return _write_all({quizzes_dir / f"{quiz_id}.yml": (what, text)}, project_dir)[0]


def _write_all(planned: dict[Path, tuple[str, str]], project_dir: Path) -> list[Written]:
    """Create every file or none: refuse if one exists, and remove what was made if a write
    fails."""
    taken = [path for path in planned if _exists(path)]
    if taken:
        names = ", ".join(Path(os.path.relpath(path, project_dir)).as_posix() for path in taken)
        raise HandbookError(
            f"{names} already exist{'s' if len(taken) == 1 else ''}: nothing was written. "
            "Choose another name, or rename or remove the existing file first"
        )
    written: list[Written] = []
    try:
        for path, (what, text) in planned.items():
            with path.open(
                "x", encoding="utf-8", newline="\n"
            ) as handle:  # "x": never overwrite, even in a race
                written.append(Written(path, what))
                handle.write(text)
    except OSError as error:
        for done in written:
            done.path.unlink(missing_ok=True)
        reason = error.strerror or str(error)
        raise HandbookError(
            f"could not write {error.filename or path} ({reason}): nothing was written"
        ) from None
    return written


def _exists(path: Path) -> bool:
    """A file there, or a quiz of the same id under the other YAML suffix."""
    twins = {path, path.with_suffix(".yaml")} if path.suffix == ".yml" else {path}
    return any(twin.exists() for twin in twins)
