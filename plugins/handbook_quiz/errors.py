"""Problems found in quiz files, in one compiler-style format that editors make clickable."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

_LINE_BREAKS = {ord(c): repr(c)[1:-1] for c in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"}
"""Every character ``str.splitlines`` breaks at, written as its escape (``\\n``)."""


@dataclass(frozen=True, order=True)
class QuizIssue:
    """One problem, located in a source file: ``file:line:col: path: message``.

    Quiz files and pages report alike: a page problem (a mistyped embed, a block never closed) is
    a ``QuizIssue`` in the page's file, with ``line`` and no ``column`` (0) or ``path`` (empty).
    """

    file: str
    """Path as the instructor sees it, e.g. ``quizzes/rapport.yml`` or ``docs/rapport.md``."""
    line: int
    """1-based; 0 when the problem is the whole file's (then the column is 0 too)."""
    column: int
    """1-based; 0 when only the line is known (page problems)."""
    path: str
    """Data path inside the quiz, 1-based, e.g. ``items[3] (id: rushing).subscale``; empty for
    whole-file problems and page problems."""
    message: str
    code: str = ""
    """What kind of problem, for code that must tell them apart (``unknown-quiz``, see
    ``embed.py``); never shown, since the message says it in words."""

    def __str__(self) -> str:
        return format_issue(self)


def format_issue(issue: QuizIssue) -> str:
    """The one way an issue is written, in the terminal, the MkDocs log and the in-page error box.

    One issue, one line: editors and CI parsers read ``file:line:col:`` line by line, so a key or
    value quoted in the message with a line break in it is shown escaped. Positions not known (0)
    are left out: ``docs/rapport.md:12: ...``.
    """
    where = ":".join([issue.file, *(str(n) for n in (issue.line, issue.column)[: _known(issue)])])
    text = f"{where}: {issue.path}: " if issue.path else f"{where}: "
    return (text + issue.message).translate(_LINE_BREAKS)


def _known(issue: QuizIssue) -> int:
    """How many of line and column are known: 2, 1 (line only) or 0."""
    return 0 if issue.line <= 0 else 1 if issue.column <= 0 else 2


class QuizValidationError(Exception):
    """Raised with every issue found, so that instructors can fix them all in one pass."""

    def __init__(self, issues: list[QuizIssue]) -> None:
        self.issues = sorted(issues)
        super().__init__(format_issues(self.issues))


def format_issues(issues: list[QuizIssue], page_issues: list[QuizIssue] | None = None) -> str:
    """Quiz-file issues, then page issues, as a headline plus one line each."""
    page_issues = page_issues or []
    lines = [format_issue(issue) for issue in [*sorted(issues), *sorted(page_issues)]]
    files = {issue.file for issue in [*issues, *page_issues]}
    noun = "problem" if len(lines) == 1 else "problems"
    places = "file" if len(files) == 1 else "files"
    return "\n".join([f"handbook-quiz: {len(lines)} {noun} in {len(files)} {places}:", *lines])


def format_path(path: tuple[str | int, ...], data: Any = None) -> str:
    """A data path the way an instructor counts: ``questions[3] (id: withdrawal).choices[2].text``.

    Positions count from 1, like lines. With the file's ``data``, an entry whose ``id`` the
    instructor wrote is also named by it; a default id (``q3``) is never shown, since it is not
    in the file.
    """
    out = ""
    node = data
    for part in path:
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            out += f"[{part + 1}]" + _written_id(node)
        else:
            node = node.get(part) if isinstance(node, dict) else None
            out += f".{part}" if out else part
    return out


def _written_id(entry: Any) -> str:
    """`` (id: <id>)`` for an entry with an id written in the file, else nothing."""
    written = entry.get("id") if isinstance(entry, dict) else None
    if not isinstance(written, str) or not written:
        return ""
    shown = written if len(written) <= 40 else written[:37] + "..."
    return f" (id: {shown})"


BROKEN_QUIZ = "broken-quiz"
"""Code of a page's embed of a quiz file that has errors: shown in the page, not reported again."""


def page_problems(page_issues: Iterable[QuizIssue]) -> list[QuizIssue]:
    """Page issues to report, sorted and unique, as the build and ``handbook check`` report them.

    A chapter embedding a broken quiz adds nothing to the quiz file's own issues, so it is left out.
    """
    return sorted({issue for issue in page_issues if issue.code != BROKEN_QUIZ})


def unused_quiz_issue(source: str, quiz_id: str) -> QuizIssue:
    """The warning for a quiz no hand-written page embeds (it fails ``mkdocs build --strict``)."""
    message = (
        f"quiz '{quiz_id}' is not embedded in any page: "
        f"add '/// quiz | {quiz_id}' and '///' to a chapter"
    )
    return QuizIssue(source, 0, 0, "", message, "unused-quiz")


class HandbookError(Exception):
    """A problem an instructor can fix, already phrased for them; the CLI prints it without a
    traceback."""
