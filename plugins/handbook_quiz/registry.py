"""All quizzes of a site, loaded and validated together, indexed by id."""

from __future__ import annotations

import difflib
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from .errors import QuizIssue
from .lint import lint_quizzes
from .loader import LoadedFile, load_file
from .model import Quiz
from .validate import validate

QUIZ_SUFFIXES = (".yml", ".yaml")

Checked = tuple[LoadedFile, "Quiz | None", list[QuizIssue]]
"""One file as read and validated on its own: what ``QuizCache`` keeps."""


@dataclass
class QuizCache:
    """Each quiz file as read and validated, by its content, kept across ``mkdocs serve`` rebuilds.

    A rebuild after editing one quiz re-reads only that file: the others are found by the hash of
    their bytes. Validation also looks at which pages docs/ holds (a ``chapter:`` or a link must
    name one), so a page added or removed validates every file again. Checks across files
    (duplicate ids) run on every load, cached or not.
    """

    entries: dict[Path, tuple[bytes, Checked]] = field(default_factory=dict)
    """By the file's absolute path: the key it was checked under, and the result."""
    parsed: int = 0
    """Files read and validated through this cache so far (a test counts them)."""

    def check(self, path: Path, shown: str, docs_dir: Path | None, pages: bytes) -> Checked:
        """``path`` read and validated, from the cache when neither it nor docs/ changed."""
        digest = hashlib.blake2b(path.read_bytes(), digest_size=16)
        digest.update(f"\0{shown}\0{docs_dir}\0".encode())
        digest.update(pages)
        key = digest.digest()
        cached = self.entries.get(path)
        if cached is not None and cached[0] == key:
            return cached[1]
        checked = _check_file(path, shown, docs_dir)
        self.parsed += 1
        self.entries[path] = (key, checked)
        return checked

    def keep_only(self, paths: set[Path]) -> None:
        """Forget files that are gone, so a long ``serve`` session holds no more than the site."""
        for gone in set(self.entries) - paths:
            del self.entries[gone]


def _check_file(path: Path, shown: str, docs_dir: Path | None) -> Checked:
    loaded = load_file(path, shown)
    quiz, issues = validate(loaded, path.stem, docs_dir)
    return loaded, quiz, issues


def _docs_pages(docs_dir: Path | None) -> bytes:
    """Which pages docs/ holds, as bytes for a cache key: what validation looks up besides the
    file."""
    if docs_dir is None:
        return b""
    pages = sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))
    return "\0".join(pages).encode()


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
        cls,
        quizzes_dir: Path,
        project_dir: Path,
        docs_dir: Path | None = None,
        cache: QuizCache | None = None,
    ) -> QuizRegistry:
        """Load every ``*.yml``/``*.yaml`` under ``quizzes_dir``, in a stable order, collecting all
        issues; with a ``cache``, files unchanged since the last load are not read again."""
        registry = cls()
        first_place: dict[str, QuizIssue] = {}
        paths = sorted(
            p.absolute()
            for p in quizzes_dir.rglob("*")
            if p.suffix in QUIZ_SUFFIXES and p.is_file()
        )
        pages = _docs_pages(docs_dir) if cache is not None else b""
        for path in paths:
            shown = Path(os.path.relpath(path, project_dir)).as_posix()
            if cache is None:
                loaded, quiz, issues = _check_file(path, shown, docs_dir)
            else:
                loaded, quiz, issues = cache.check(path, shown, docs_dir, pages)
            if quiz is not None and quiz.id in first_place:
                here = loaded.position(("id",))
                first = first_place[quiz.id]
                # No `id:` line to point at when the id comes from the file name.
                origin = "" if "id" in loaded.data else " (from the file name)"
                message = (
                    f"duplicate quiz id '{quiz.id}'{origin}, also used by "
                    f"{first.file}:{first.line}:{first.column}: give one of them another id"
                )
                issues = [QuizIssue(shown, *here, "id", message)]
            if issues:
                registry.issues += issues
                given = loaded.data.get("id") if isinstance(loaded.data, dict) else None
                # `id: [a]` is no key: then the file name names it.
                registry.broken[given if isinstance(given, str) else path.stem] = issues
                continue
            assert quiz is not None
            first_place[quiz.id] = QuizIssue(shown, *loaded.position(("id",)), "", "")
            registry.quizzes[quiz.id] = quiz
            registry.loaded[quiz.id] = loaded
        if cache is not None:
            cache.keep_only(set(paths))
        return registry

    def lint(self) -> list[QuizIssue]:
        """Item-writing warnings for every valid quiz (``warning[code]`` messages), silenced codes
        left out."""
        return lint_quizzes((quiz, self.loaded[quiz_id]) for quiz_id, quiz in self.quizzes.items())

    def suggest(self, quiz_id: str) -> str:
        """A ' (did you mean ...?)' hint for a mistyped id, or ''."""
        close = difflib.get_close_matches(quiz_id, [*self.quizzes, *self.broken], n=1)
        return f" (did you mean '{close[0]}'?)" if close else ""
