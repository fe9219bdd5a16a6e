"""Validation rules beyond the golden files (tests/golden/test_golden.py runs those): issue
format and order, default ids, the registry across files, booleans and defaults."""

from __future__ import annotations

from pathlib import Path

import pytest
from handbook_quiz.errors import QuizValidationError, format_issues
from handbook_quiz.loader import load_file
from handbook_quiz.registry import QuizRegistry
from handbook_quiz.schema import _leaf_errors, _validator, quiz_schema
from jsonschema import Draft202012Validator
from unit_helpers import GOLDEN, GOLDEN_DOCS, TESTS, check_path, check_text, write_tree

ROOT = TESTS.parent

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
        "quizzes/rapport.yml:14:15: items[3].subscale: unknown subscale 'atunement' "
        "(did you mean 'attunement'?)"
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
    _, issues = check_text(
        f"type: self-assessment\ntitle: T\nscale:\n  labels: [{names}]\n"
        "items:\n  - text: I listen.\n"
    )
    assert issues == []


def test_a_file_that_is_not_a_mapping() -> None:
    _, issues = check_text("- type: knowledge\n- title: Rapport\n")
    assert [str(i) for i in issues] == [
        "quizzes/x.yml:1:1: a quiz file must be a mapping of keys, "
        "starting with 'type:' and 'title:'"
    ]


def test_empty_file() -> None:
    _, issues = check_text("# nothing yet\n")
    assert [str(i) for i in issues] == [
        "quizzes/x.yml:1:1: the file is empty: start with 'type:' and 'title:'"
    ]


# ---------- the registry: a whole quizzes/ folder ----------


def test_registry_reports_every_file_and_keeps_the_good_ones(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "docs/rapport.md": "# Rapport\n",
            "quizzes/good.yml": (GOLDEN / "validate" / "valid-perspectives.yml").read_text(
                encoding="utf-8"
            ),
            "quizzes/nested/bad.yaml": (GOLDEN / "validate" / "no-questions.yml").read_text(
                encoding="utf-8"
            ),
            "quizzes/worse.yml": (GOLDEN / "validate" / "unknown-key.yml").read_text(
                encoding="utf-8"
            ),
            "quizzes/notes.txt": "not a quiz",
        },
    )
    registry = QuizRegistry.load(tmp_path / "quizzes", tmp_path, tmp_path / "docs")
    assert list(registry.quizzes) == ["good"]
    assert sorted(registry.broken) == ["bad", "worse"]
    assert {i.file for i in registry.issues} == {"quizzes/nested/bad.yaml", "quizzes/worse.yml"}
    assert "quizzes/nested/bad.yaml:4:12: questions: " in format_issues(registry.issues)
    assert format_issues(registry.issues).splitlines()[0] == "handbook-quiz: 6 problems in 2 files:"


def test_registry_rejects_a_duplicate_quiz_id_naming_both_places(tmp_path: Path) -> None:
    quiz = (GOLDEN / "validate" / "valid-knowledge-all-keys.yml").read_text(encoding="utf-8")
    write_tree(
        tmp_path,
        {
            "docs/repairing-ruptures.md": "# Ruptures\n",
            "quizzes/a.yml": quiz,
            "quizzes/b.yml": quiz,
            "quizzes/ruptures-check.yaml": quiz.replace("id: ruptures-check\n", ""),
        },
    )
    registry = QuizRegistry.load(tmp_path / "quizzes", tmp_path, tmp_path / "docs")
    assert list(registry.quizzes) == ["ruptures-check"]
    assert registry.quizzes["ruptures-check"].source == "quizzes/a.yml"
    assert [str(i) for i in registry.issues] == [
        "quizzes/b.yml:2:5: id: duplicate quiz id 'ruptures-check', "
        "also used by quizzes/a.yml:2:5: give one of them another id",
        "quizzes/ruptures-check.yaml:2:1: id: duplicate quiz id 'ruptures-check' "
        "(from the file name), also used by quizzes/a.yml:2:5: give one of them another id",
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
    write_tree(
        tmp_path, {"quizzes/odd.yml": "id: [a, b]\ntype: knowledge\ntitle: T\nquestions: []\n"}
    )
    registry = QuizRegistry.load(tmp_path / "quizzes", tmp_path)
    assert list(registry.broken) == ["odd"]
    assert [str(i) for i in registry.issues] == [
        "quizzes/odd.yml:1:5: id: expected text, got a list",
        "quizzes/odd.yml:4:12: questions: needs at least one question (found none)",
    ]


# ---------- issue 12 s.2 and s.5, issue 16 points 5-7 ----------

KNOW = """\
type: knowledge
title: T
{top}questions:
  - text: Which?
    choices:
      - text: A
        correct: {correct}
      - text: B
"""
SELF_ASSESSMENT = """\
type: self-assessment
title: T
{top}scale: {{labels: [Never, Always]}}
items:
  - text: I listen.
    reverse: {reverse}
"""


@pytest.mark.parametrize("word", ["yes", "Yes", "on", "ON", "y", "no", "off", "n"])
def test_boolean_keys_take_only_true_and_false(word: str) -> None:
    """YAML 1.1 reads yes/no/on/off as true/false; the format takes only the two words (issue 16,
    point 5)."""
    value = "true" if word.lower() in ("yes", "on", "y") else "false"
    cases = [
        (KNOW.format(top="", correct=word), "questions[1].choices[1].correct"),
        (KNOW.format(top=f"shuffle: {word}\n", correct="true"), "shuffle"),
        (SELF_ASSESSMENT.format(top="", reverse=word), "items[1].reverse"),
    ]
    for text, path in cases:
        quiz, issues = check_text(text)
        if word in ("y", "n") and quiz is not None:
            continue  # PyYAML reads y/n as text, and then the schema says "expected true or false"
        messages = [f"{i.path}: {i.message}" for i in issues]
        expected = (
            f"{path}: '{word}' is not allowed here: write true or false "
            f"(YAML reads '{word}' as {value}, but this format takes only the words true and false)"
        )
        assert expected in messages or any(
            m.startswith(f"{path}: expected true or false") for m in messages
        ), messages


def test_true_and_false_in_any_case_are_fine() -> None:
    for word in ("true", "True", "false", "FALSE"):
        assert (
            check_text(
                KNOW.format(top="", correct=word).replace(
                    "      - text: B\n", "      - text: B\n        correct: true\n"
                )
            )[1]
            == []
        )


def test_shuffle_defaults_to_true_and_may_be_turned_off() -> None:
    assert check_text(KNOW.format(top="", correct="true"))[0].shuffle is True
    assert check_text(KNOW.format(top="shuffle: false\n", correct="true"))[0].shuffle is False


def test_a_self_assessment_is_never_shuffled() -> None:
    quiz, issues = check_text(SELF_ASSESSMENT.format(top="shuffle: true\n", reverse="false"))
    assert quiz is None
    assert [f"{i.path}: {i.message}" for i in issues] == [
        "shuffle: a self-assessment's items are never shuffled (their order is part of the scale): "
        "remove 'shuffle'"
    ]


@pytest.mark.parametrize("template", [KNOW, SELF_ASSESSMENT], ids=["knowledge", "self-assessment"])
def test_audience_defaults_to_readers(template: str) -> None:
    fill = {"correct": "true", "reverse": "false"}
    assert check_text(template.format(top="", **fill))[0].audience == "readers"
    assert (
        check_text(template.format(top="audience: instructors\n", **fill))[0].audience
        == "instructors"
    )
    issues = check_text(template.format(top="audience: instructor\n", **fill))[1]
    assert [i.message for i in issues] == [
        "'instructor' is not allowed: use one of readers, instructors (did you mean 'instructors'?)"
    ]


def test_the_guide_demos_are_for_instructors() -> None:
    root = Path(__file__).parents[2] / "quizzes"
    for path in sorted(root.glob("guide-*.yml")):
        quiz, issues = check_path(path, root.parent / "docs")
        assert issues == [] and quiz is not None and quiz.audience == "instructors", path.name


def test_a_first_band_out_of_range_is_one_message() -> None:
    """Issue 16, point 6: the root cause (where the first band must start), once."""
    text = (
        SELF_ASSESSMENT.format(top="", reverse="false")
        + "scoring:\n  bands:\n    - {from: 0, label: Low}\n    - {from: 1.5, label: High}\n"
    )
    issues = check_text(text)[1]
    assert [f"{i.path}: {i.message}" for i in issues] == [
        "scoring.bands[1].from: the first band must start at the lowest possible score, 1 "
        "(found 0; 'scale.start' is 1 when not written; 'scoring.method' is mean when not written)"
    ]


def test_an_id_the_instructor_never_wrote_says_where_it_comes_from() -> None:
    """Issue 16, point 7: 'i2' is not in the file, so the message says it is the default id, by
    position."""
    text = (
        "type: self-assessment\ntitle: T\nscale: {labels: [Never, Always]}\n"
        "subscales: [{id: warmth, title: W}]\n"
        "items:\n  - {text: I listen., subscale: warmth}\n  - text: I greet.\n"
    )
    issues = check_text(text)[1]
    assert [f"{i.path}: {i.message}" for i in issues] == [
        "items[2]: item 2 (default id 'i2', from its position) has no 'subscale': add one of warmth"
    ]


# --- the $ref inliner (schema.py) ------------------------------------------------------------


def _references(node: object) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if "$ref" in node else []
        return own + [ref for value in node.values() for ref in _references(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in _references(value)]
    return []


def test_the_inlined_schema_has_no_reference_left() -> None:
    """A ``$ref`` with siblings, or one outside ``#/``, would survive inlining while ``$defs`` are
    dropped, and every check would then fail to resolve it."""
    assert _references(quiz_schema())  # the shipped schema does share definitions
    assert _references(_validator().schema) == []


def test_the_inlined_schema_reports_exactly_what_the_shipped_one_does() -> None:
    """Same errors, at the same places, naming the same allowed keys, for every golden case
    and every quiz of the handbook: the inliner only saves the resolving (bench/speed_tricks.py)."""
    shipped = Draft202012Validator(quiz_schema())
    paths = [*(GOLDEN / "validate").glob("*.yml"), *(ROOT / "quizzes").glob("*.yml")]
    compared = 0
    for path in sorted(paths):
        data = load_file(path, path.name).data
        if data is None:
            continue

        def seen(validator: Draft202012Validator, data: object = data) -> list[tuple[object, ...]]:
            return sorted(
                (
                    list(e.absolute_path),
                    e.validator,
                    e.message,
                    sorted(e.schema.get("properties", {})),
                )
                for e in _leaf_errors(validator.iter_errors(data))
            )

        assert seen(_validator()) == seen(shipped), path.name
        compared += 1
    assert compared > 60
