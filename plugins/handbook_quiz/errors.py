"""Problems found in quiz files, in one compiler-style format that editors make clickable."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

_LINE_BREAKS = {ord(c): repr(c)[1:-1] for c in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"}
"""Every character ``str.splitlines`` breaks at, written as its escape (``\\n``)."""


@dataclass(frozen=True, order=True)
class QuizIssue:
    """One problem, located in a source file: ``file:line:col: path: message``."""

    file: str
    """Path as the instructor sees it, e.g. ``quizzes/rapport.yml``."""
    line: int
    column: int
    path: str
    """Data path inside the quiz, 1-based, e.g. ``items[3] (id: rushing).subscale``; empty for whole-file problems."""
    message: str

    def __str__(self) -> str:
        # One issue, one line: editors and CI parsers read `file:line:col:` line by line, so a key or
        # value quoted in the message with a line break in it is shown escaped.
        where = f"{self.file}:{self.line}:{self.column}"
        text = f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        return text.translate(_LINE_BREAKS)


class QuizValidationError(Exception):
    """Raised with every issue found, so that instructors can fix them all in one pass."""

    def __init__(self, issues: list[QuizIssue]) -> None:
        self.issues = sorted(issues)
        super().__init__(format_issues(self.issues))


def format_issues(issues: list[QuizIssue], page_errors: list[str] | None = None) -> str:
    """Summarise quiz-file issues and chapter-embed errors as a headline plus one line each."""
    page_errors = page_errors or []
    lines = [str(issue) for issue in sorted(issues)] + page_errors
    files = {issue.file for issue in issues} | {e.split(":", 1)[0] for e in page_errors}
    noun = "problem" if len(lines) == 1 else "problems"
    places = "file" if len(files) == 1 else "files"
    return "\n".join([f"handbook-quiz: {len(lines)} {noun} in {len(files)} {places}:", *lines])


def format_path(path: tuple[str | int, ...], data: Any = None) -> str:
    """Render a data path the way an instructor counts: ``questions[3] (id: withdrawal).choices[2].text``.

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


def page_problems(embed_errors: list[str], broken_ids: Iterable[str]) -> list[str]:
    """Embed errors to report, sorted and unique, as the build and ``handbook check`` both report them.

    A chapter embedding a broken quiz adds nothing to the quiz file's own issues, so it is left out.
    """
    broken = tuple(f"quiz '{quiz_id}' has errors" for quiz_id in broken_ids)
    return sorted({error for error in embed_errors if not any(b in error for b in broken)})


def unused_quiz_message(source: str, quiz_id: str) -> str:
    """The warning for a quiz no hand-written page embeds (it fails ``mkdocs build --strict``)."""
    return f"{source}: quiz '{quiz_id}' is not embedded in any page: add '/// quiz | {quiz_id}' and '///' to a chapter"


class HandbookError(Exception):
    """A problem an instructor can fix, already phrased for them; the CLI prints it without a traceback."""
