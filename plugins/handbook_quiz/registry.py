"""All quizzes of a site, loaded and validated together, indexed by id."""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path

from .errors import QuizIssue
from .lint import lint_quizzes
from .loader import LoadedFile, load_file
from .model import Quiz
from .validate import validate

QUIZ_SUFFIXES = (".yml", ".yaml")


@dataclass
class QuizRegistry:
    """Valid quizzes by id, plus every issue and the ids of files that failed."""

    quizzes: dict[str, Quiz] = field(default_factory=dict)
    issues: list[QuizIssue] = field(default_factory=list)
    broken: dict[str, list[QuizIssue]] = field(default_factory=dict)
    """Ids (from the file name) of quiz files with issues, so a chapter embedding one can say so."""
    loaded: dict[str, LoadedFile] = field(default_factory=dict)
    """The file each valid quiz was read from, by id: where the linter's warnings point."""

    @classmethod
    def load(
        cls, quizzes_dir: Path, project_dir: Path, docs_dir: Path | None = None
    ) -> QuizRegistry:
        """Load every ``*.yml``/``*.yaml`` under ``quizzes_dir``, in a stable order, collecting all issues."""
        registry = cls()
        first_place: dict[str, QuizIssue] = {}
        for path in sorted(
            p for p in quizzes_dir.rglob("*") if p.suffix in QUIZ_SUFFIXES and p.is_file()
        ):
            shown = Path(os.path.relpath(path, project_dir)).as_posix()
            loaded = load_file(path, shown)
            quiz, issues = validate(loaded, path.stem, docs_dir)
            if quiz is not None and quiz.id in first_place:
                here = loaded.position(("id",))
                first = first_place[quiz.id]
                origin = (
                    "" if "id" in loaded.data else " (from the file name)"
                )  # no `id:` line to point at
                issues = [
                    QuizIssue(
                        shown,
                        *here,
                        "id",
                        f"duplicate quiz id '{quiz.id}'{origin}, also used by {first.file}:{first.line}:{first.column}: give one of them another id",
                    )
                ]
            if issues:
                registry.issues += issues
                given = loaded.data.get("id") if isinstance(loaded.data, dict) else None
                registry.broken[given if isinstance(given, str) else path.stem] = (
                    issues  # `id: [a]` is no key
                )
                continue
            assert quiz is not None
            first_place[quiz.id] = QuizIssue(shown, *loaded.position(("id",)), "", "")
            registry.quizzes[quiz.id] = quiz
            registry.loaded[quiz.id] = loaded
        return registry

    def lint(self) -> list[QuizIssue]:
        """Item-writing warnings for every valid quiz (``warning[code]`` messages), silenced codes left out."""
        return lint_quizzes((quiz, self.loaded[quiz_id]) for quiz_id, quiz in self.quizzes.items())

    def suggest(self, quiz_id: str) -> str:
        """A ' (did you mean ...?)' hint for a mistyped id, or ''."""
        close = difflib.get_close_matches(quiz_id, [*self.quizzes, *self.broken], n=1)
        return f" (did you mean '{close[0]}'?)" if close else ""
