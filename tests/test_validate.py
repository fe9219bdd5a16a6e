"""Validation rules, each shown by a golden quiz and the exact issue lines it must produce.

``tests/golden/validate/<rule>.yml`` is a small quiz whose first comment says what it tests;
``<rule>.expected`` holds the issue lines, ``quizzes/<file>:<line>:<col>: <path>: <message>``.
Files named ``valid-*`` must produce none. ``UPDATE_GOLDENS=1`` rewrites the ``.expected`` files.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook_quiz.errors import QuizValidationError, format_issues
from handbook_quiz.registry import QuizRegistry
from unit_helpers import GOLDEN, GOLDEN_DOCS, check_golden, check_path, check_text, write_tree

CASES = sorted((GOLDEN / "validate").glob("*.yml"))

RULES = [
    # one invalid case for every rule of quiz-format.md
    "unknown-key", "wrong-type", "missing-required-key", "bad-type-enum", "bad-id-pattern",
    "duplicate-question-id", "duplicate-default-question-id", "duplicate-item-id", "duplicate-subscale-id",
    "unknown-subscale", "unknown-subscale-without-subscales", "item-without-subscale", "subscale-without-items",
    "no-correct-choice", "fewer-than-two-choices", "no-questions", "no-items",
    "bands-not-ascending", "band-outside-range", "first-band-not-lowest", "first-band-below-range",
    "sum-subscale-band-range", "scale-one-label", "scale-twelve-labels", "perspectives-one", "perspectives-three",
    "wording-keys-mismatch", "wording-without-perspectives", "chapter-missing", "chapter-missing-far",
    "chapter-not-markdown", "File_Name_Id", "out-of-range-numbers", "empty-value", "several-problems",
    "yaml-syntax-error", "duplicate-key", "broken-entries-hide-nothing", "broken-questions-hide-nothing",
    "no-valid-type", "missing-type",
    # and the valid cases
    "valid-knowledge-all-keys", "valid-self-assessment-all-keys", "valid-perspectives", "valid-sum-subscale-bands",
]


def test_every_rule_has_a_golden_case() -> None:
    assert sorted(RULES) == sorted(path.stem for path in CASES)
    for path in CASES:
        assert path.read_text(encoding="utf-8").startswith("# "), f"{path.name}: start with a comment saying what it tests"


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_golden(path: Path) -> None:
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


# ---------- focused checks beyond the goldens ----------


def test_issue_format_names_file_line_column_path_and_message() -> None:
    _, issues = check_text(
        """
        type: self-assessment
        title: Rapport
        scale:
          labels: [Never, Always]
        subscales:
          - id: attunement
            title: Attunement
        items:
          - text: I summarise.
            subscale: attunement
          - text: I follow.
            subscale: attunement
          - text: I notice.
            subscale: atunement
        """,
        name="rapport",
    )
    assert [str(i) for i in issues] == [
        "quizzes/rapport.yml:14:15: items[3].subscale: unknown subscale 'atunement' (did you mean 'attunement'?)"
    ]


def test_issues_are_sorted_by_position_and_unique() -> None:
    quiz, issues = check_path(GOLDEN / "validate" / "several-problems.yml")
    assert quiz is None
    positions = [(i.line, i.column) for i in issues]
    assert positions == sorted(positions)
    assert len(set(issues)) == len(issues)


def test_explicit_id_overrides_an_invalid_file_name() -> None:
    quiz, issues = check_text(
        """
        id: rapport-check
        type: knowledge
        title: Rapport
        questions:
          - text: What builds rapport?
            choices:
              - text: Listening
                correct: true
              - text: Rushing
        """,
        name="Rapport Check",
    )
    assert issues == []
    assert quiz is not None and quiz.id == "rapport-check"


def test_default_ids_by_position() -> None:
    quiz, issues = check_path(GOLDEN / "validate" / "valid-knowledge-all-keys.yml")
    assert quiz is not None
    assert [q.id for q in quiz.questions] == ["withdrawal", "q2"]
    quiz, _ = check_path(GOLDEN / "validate" / "valid-self-assessment-all-keys.yml")
    assert quiz is not None
    assert [i.id for i in quiz.items] == ["summarise", "rushing", "i3"]


def test_chapter_is_not_checked_without_a_docs_dir() -> None:
    quiz, issues = check_path(GOLDEN / "validate" / "chapter-missing.yml", docs_dir=None)
    assert issues == []
    assert quiz is not None and quiz.chapter == "skills/empaty.md"


def test_chapter_in_a_subfolder_is_found() -> None:
    quiz, issues = check_text(
        """
        type: knowledge
        title: Empathy
        chapter: skills/empathy.md
        questions:
          - text: What is empathy?
            choices:
              - text: Understanding
                correct: true
              - text: Agreement
        """,
        docs_dir=GOLDEN_DOCS,
    )
    assert issues == []


@pytest.mark.parametrize("labels", [2, 11])
def test_scale_label_count_limits_are_inclusive(labels: int) -> None:
    names = ", ".join(f'"{n}"' for n in range(labels))
    _, issues = check_text(f"type: self-assessment\ntitle: T\nscale:\n  labels: [{names}]\nitems:\n  - text: I listen.\n")
    assert issues == []


def test_a_file_that_is_not_a_mapping() -> None:
    _, issues = check_text("- type: knowledge\n- title: Rapport\n")
    assert [str(i) for i in issues] == [
        "quizzes/x.yml:1:1: a quiz file must be a mapping of keys, starting with 'type:' and 'title:'"
    ]


def test_empty_file() -> None:
    _, issues = check_text("# nothing yet\n")
    assert [str(i) for i in issues] == ["quizzes/x.yml:1:1: the file is empty: start with 'type:' and 'title:'"]


# ---------- the registry: a whole quizzes/ folder ----------


def test_registry_reports_every_file_and_keeps_the_good_ones(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        "docs/rapport.md": "# Rapport\n",
        "quizzes/good.yml": (GOLDEN / "validate" / "valid-perspectives.yml").read_text(encoding="utf-8"),
        "quizzes/nested/bad.yaml": (GOLDEN / "validate" / "no-questions.yml").read_text(encoding="utf-8"),
        "quizzes/worse.yml": (GOLDEN / "validate" / "unknown-key.yml").read_text(encoding="utf-8"),
        "quizzes/notes.txt": "not a quiz",
    })
    registry = QuizRegistry.load(tmp_path / "quizzes", tmp_path, tmp_path / "docs")
    assert list(registry.quizzes) == ["good"]
    assert sorted(registry.broken) == ["bad", "worse"]
    assert {i.file for i in registry.issues} == {"quizzes/nested/bad.yaml", "quizzes/worse.yml"}
    assert "quizzes/nested/bad.yaml:4:12: questions: " in format_issues(registry.issues)
    assert format_issues(registry.issues).splitlines()[0] == "handbook-quiz: 6 problems in 2 files:"


def test_registry_rejects_a_duplicate_quiz_id_naming_both_places(tmp_path: Path) -> None:
    quiz = (GOLDEN / "validate" / "valid-knowledge-all-keys.yml").read_text(encoding="utf-8")
    write_tree(tmp_path, {
        "docs/repairing-ruptures.md": "# Ruptures\n",
        "quizzes/a.yml": quiz,
        "quizzes/b.yml": quiz,
        "quizzes/ruptures-check.yaml": quiz.replace("id: ruptures-check\n", ""),
    })
    registry = QuizRegistry.load(tmp_path / "quizzes", tmp_path, tmp_path / "docs")
    assert list(registry.quizzes) == ["ruptures-check"]
    assert registry.quizzes["ruptures-check"].source == "quizzes/a.yml"
    assert [str(i) for i in registry.issues] == [
        "quizzes/b.yml:2:5: id: duplicate quiz id 'ruptures-check', also used by quizzes/a.yml:2:5: give one of them another id",
        "quizzes/ruptures-check.yaml:2:1: id: duplicate quiz id 'ruptures-check' (from the file name), also used by quizzes/a.yml:2:5: give one of them another id",
    ]


def test_registry_suggests_close_ids() -> None:
    registry = QuizRegistry()
    registry.quizzes["rapport-check"] = None  # type: ignore[assignment]
    assert registry.suggest("rapport-chek") == " (did you mean 'rapport-check'?)"
    assert registry.suggest("zzz") == ""


def test_validation_error_lists_every_issue() -> None:
    _, issues = check_path(GOLDEN / "validate" / "several-problems.yml")
    error = QuizValidationError(list(reversed(issues)))
    text = str(error)
    assert text.splitlines()[0] == f"handbook-quiz: {len(issues)} problems in 1 file:"
    assert text.splitlines()[1:] == [str(i) for i in issues]


def test_registry_survives_an_id_that_is_not_text(tmp_path: Path) -> None:
    write_tree(tmp_path, {"quizzes/odd.yml": "id: [a, b]\ntype: knowledge\ntitle: T\nquestions: []\n"})
    registry = QuizRegistry.load(tmp_path / "quizzes", tmp_path)
    assert list(registry.broken) == ["odd"]
    assert [str(i) for i in registry.issues] == [
        "quizzes/odd.yml:1:5: id: expected text, got a list",
        "quizzes/odd.yml:4:12: questions: needs at least one question (found none)",
    ]
