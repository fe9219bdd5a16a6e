"""Golden files: each input beside the exact output it must give. UPDATE_GOLDENS=1 rewrites them.

- validate/<rule>.yml: a small quiz whose first comment says what it tests; <rule>.expected holds
  its issue lines, `quizzes/<file>:<line>:<col>: <path>: <message>`; valid-* files give none.
- render/<name>.yml: a quiz and the HTML a chapter shows for it (<name>.html).
- lint/<code>-fail.yml must give that code (its .expected holds every warning, exactly) and
  <code>-pass.yml no warning at all; duplicate-question's examples are folders checked together.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from handbook_quiz.lint import CODES
from unit_helpers import GOLDEN, check_golden, check_path, golden_quiz, lint_files, make_renderer

VALIDATE = sorted((GOLDEN / "validate").glob("*.yml"))
RENDER = sorted((GOLDEN / "render").glob("*.yml"))
LINT = sorted(
    [*(GOLDEN / "lint").glob("*.yml"), *(p for p in (GOLDEN / "lint").iterdir() if p.is_dir())]
)

RULES = [
    # one invalid case for every rule of quiz-format.md
    "unknown-key",
    "wrong-type",
    "missing-required-key",
    "bad-type-enum",
    "bad-id-pattern",
    "duplicate-question-id",
    "duplicate-default-question-id",
    "duplicate-item-id",
    "duplicate-subscale-id",
    "unknown-subscale",
    "unknown-subscale-without-subscales",
    "item-without-subscale",
    "subscale-without-items",
    "no-correct-choice",
    "fewer-than-two-choices",
    "no-questions",
    "no-items",
    "bands-not-ascending",
    "band-outside-range",
    "first-band-not-lowest",
    "first-band-below-range",
    "sum-subscale-band-range",
    "scale-one-label",
    "scale-twelve-labels",
    "perspectives-one",
    "perspectives-three",
    "wording-keys-mismatch",
    "wording-without-perspectives",
    "chapter-missing",
    "chapter-missing-far",
    "chapter-not-markdown",
    "File_Name_Id",
    "out-of-range-numbers",
    "empty-value",
    "several-problems",
    "yaml-syntax-error",
    "duplicate-key",
    "broken-entries-hide-nothing",
    "broken-questions-hide-nothing",
    "no-valid-type",
    "missing-type",
    "id-line-break",
    "control-character",
    "text-over-bounds",
    # and the valid cases
    "valid-knowledge-all-keys",
    "valid-self-assessment-all-keys",
    "valid-perspectives",
    "valid-sum-subscale-bands",
]


def test_every_rule_has_a_golden_case() -> None:
    assert sorted(RULES) == sorted(path.stem for path in VALIDATE)
    for path in VALIDATE:
        assert path.read_text(encoding="utf-8").startswith("# "), (
            f"{path.name}: start with a comment saying what it tests"
        )


@pytest.mark.parametrize("path", VALIDATE, ids=lambda p: p.stem)
def test_validation_issues(path: Path) -> None:
    quiz, issues = check_path(path)
    lines = [str(issue) for issue in issues]
    if path.stem.startswith("valid-"):
        assert lines == []
        assert quiz is not None
    else:
        assert lines, f"{path.name} should be invalid"
        assert quiz is None
        assert all(line.startswith(f"quizzes/{path.name}:") for line in lines)
    check_golden(path.with_suffix(".expected"), "".join(f"{line}\n" for line in lines))


@pytest.mark.parametrize("path", RENDER, ids=lambda p: p.stem)
def test_rendered_html(path: Path) -> None:
    renderer = make_renderer()
    check_golden(
        path.with_suffix(".html"), renderer.place(renderer.render(golden_quiz(path)))
    )  # as a chapter shows it


@pytest.mark.parametrize("path", LINT, ids=lambda p: p.stem)
def test_lint_warnings(path: Path) -> None:
    files = sorted(path.glob("*.yml")) if path.is_dir() else [path]
    lines = lint_files(files)
    code, _, outcome = path.stem.rpartition("-")
    if outcome == "pass":
        assert lines == []
    else:
        assert outcome == "fail"
        assert lines and any(f": warning[{code}]: " in line for line in lines)
    check_golden(
        path.with_suffix(".expected") if path.is_file() else path / "expected.txt",
        "".join(f"{line}\n" for line in lines),
    )


def test_every_lint_code_has_a_failing_and_a_passing_example() -> None:
    stems = {p.stem for p in LINT}
    assert sorted(c for c in CODES if {f"{c}-fail", f"{c}-pass"} - stems) == []
