"""Shared helpers for the non-browser tests: golden files, quiz validation and temp-site builds.

Golden files are compared exactly; run with ``UPDATE_GOLDENS=1`` to rewrite them instead, then
review the diff by eye (each message must be correct and helpful).
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Mapping
from pathlib import Path

import markdown
from handbook_quiz.errors import QuizIssue
from handbook_quiz.labels import labels_for
from handbook_quiz.lint import lint_quizzes
from handbook_quiz.loader import load_file, load_text
from handbook_quiz.model import Quiz
from handbook_quiz.render import Renderer
from handbook_quiz.validate import validate

TESTS = Path(__file__).parent
GOLDEN = TESTS / "golden"
GOLDEN_DOCS = GOLDEN / "docs"
"""A tiny docs/ folder that chapter references in golden quizzes are checked against."""
UPDATE_GOLDENS = os.environ.get("UPDATE_GOLDENS") == "1"


def check_golden(path: Path, actual: str) -> None:
    """Compare ``actual`` with the golden file, or (with UPDATE_GOLDENS=1) rewrite the file."""
    if UPDATE_GOLDENS:
        if not path.exists() or path.read_text(encoding="utf-8") != actual:
            path.write_text(
                actual, encoding="utf-8"
            )  # only changed files, so a review sees what moved
        return
    assert path.exists(), f"{path} is missing: run with UPDATE_GOLDENS=1 and review it"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, (
        f"{path.name} differs from the golden file (UPDATE_GOLDENS=1 rewrites it)"
    )


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def check_text(
    text: str, name: str = "x", docs_dir: Path | None = None
) -> tuple[Quiz | None, list[QuizIssue]]:
    """Load and validate YAML text as if it were ``quizzes/<name>.yml``."""
    return validate(load_text(dedent(text), f"quizzes/{name}.yml"), name, docs_dir)


def check_path(
    path: Path, docs_dir: Path | None = GOLDEN_DOCS
) -> tuple[Quiz | None, list[QuizIssue]]:
    """Load and validate a file the way the registry does, shown as ``quizzes/<file name>``."""
    return validate(load_file(path, f"quizzes/{path.name}"), path.stem, docs_dir)


def quiz_from(text: str, name: str = "x") -> Quiz:
    """A valid quiz from YAML text; fails the test with the issues otherwise."""
    quiz, issues = check_text(text, name)
    assert not issues, "\n".join(map(str, issues))
    assert quiz is not None
    return quiz


KNOWLEDGE = dedent("""
    type: knowledge
    title: Ruptures
    questions:
      - id: kind
        text: What kind of rupture is this?
        choices:
          - text: Withdrawal
            correct: true
          - text: Confrontation
      - id: signs
        text: Which are withdrawal markers?
        choices:
          - text: Short answers
            correct: true
          - text: Complaints
          - text: Topic shifts
            correct: true
""")

SELF = dedent("""
    type: self-assessment
    title: Rapport
    scale:
      labels: [Never, Rarely, Sometimes, Often, Always]
    subscales:
      - id: presence
        title: Presence
      - id: warmth
        title: Warmth
    items:
      - id: listen
        text: I listen.
        subscale: presence
      - id: rush
        text: I rush.
        subscale: presence
        reverse: true
      - id: greet
        text: I greet warmly.
        subscale: warmth
    scoring:
      bands:
        - from: 1
          label: Emerging
        - from: 2.5
          label: Developing
        - from: 3.75
          label: Established
""")


# ---------- temp-site builds ----------

MKDOCS_YML = dedent("""
    site_name: Test Handbook
    site_url: https://example.org/handbook/
    plugins:
      - handbook-quiz:
          lint: false    # tiny fixture quizzes; tests/build/test_lint.py tests the warnings
    markdown_extensions:
      - admonition
      - attr_list
      - md_in_html
      - pymdownx.superfences
""")


def write_tree(root: Path, files: Mapping[str, str | bytes]) -> None:
    """Write ``{relative path: text or bytes}`` under ``root`` (text is dedented)."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(dedent(content), encoding="utf-8")


def make_site(root: Path, files: Mapping[str, str | bytes], mkdocs_yml: str = MKDOCS_YML) -> Path:
    """A temp project: ``mkdocs.yml`` plus the given docs/ and quizzes/ files; returns
    mkdocs.yml."""
    write_tree(root, {"mkdocs.yml": mkdocs_yml, **files})
    (root / "quizzes").mkdir(exist_ok=True)
    (root / "docs").mkdir(exist_ok=True)
    return root / "mkdocs.yml"


def build_site(config_file: Path, *, strict: bool = False) -> Path:
    """Build like ``mkdocs build`` (``--strict`` when asked); returns the site directory."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ["NO_MKDOCS_2_WARNING"] = "1"  # Material's "MkDocs 2.0" banner
    config = load_config(str(config_file), strict=strict)
    # As `mkdocs build` does: the plugin learns from on_startup that this is not `serve`.
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return Path(config.site_dir)


def lint_files(paths: list[Path]) -> list[str]:
    """The linter's warnings for these quiz files, checked together; each must be valid."""
    pairs = []
    for path in paths:
        loaded = load_file(path, f"quizzes/{path.name}")
        quiz, issues = validate(loaded, path.stem)
        assert issues == [], f"{path.name} must be a valid quiz: {issues}"
        pairs.append((quiz, loaded))
    return [str(warning) for warning in lint_quizzes(pairs)]


EXTENSIONS = ["admonition", "attr_list", "md_in_html", "pymdownx.superfences"]


def make_renderer(language: str = "en", custom_templates: Path | None = None) -> Renderer:
    """A renderer with the handbook's core Markdown extensions, outside MkDocs."""
    converter = markdown.Markdown(extensions=EXTENSIONS)
    return Renderer(
        lambda text: converter.reset().convert(text),
        labels_for(language),
        "test-handbook",
        custom_templates,
    )


def golden_quiz(path: Path) -> Quiz:
    """The valid quiz in a golden file (no chapter check)."""
    quiz, issues = check_path(path, docs_dir=None)
    assert not issues, "\n".join(map(str, issues))
    assert quiz is not None
    return quiz
