"""The quiz linter (issue 12): each warning code with a failing and a passing golden example, the
`lint` key that silences a code with a reason, and the warnings in `handbook check` and the build.

Golden files: tests/golden/lint/<code>-fail.yml must give that code (its .expected holds every
warning, exactly), <code>-pass.yml must give no warning at all. duplicate-question is cross-file:
its examples are folders of quizzes checked together. UPDATE_GOLDENS=1 rewrites the .expected files.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from handbook_quiz.cli import main
from handbook_quiz.lint import CODES, code_of, lint_quizzes, tail
from handbook_quiz.loader import load_text
from handbook_quiz.validate import validate
from unit_helpers import build_site, dedent, lint_files, make_site

GOLDEN = Path(__file__).parents[1] / "golden" / "lint"


def test_every_code_is_explained_in_the_quiz_reference() -> None:
    reference = (
        Path(__file__).parents[2] / "docs" / "instructors" / "quiz-reference.md"
    ).read_text(encoding="utf-8")
    table = reference.split("{#lint}", 1)[1].split("\n## ", 1)[0]
    assert [code for code in CODES if f"| `{code}` |" not in table] == []
    assert "Haladyna, T. M., Downing, S. M., & Rodriguez, M. C. (2002)" in table


def test_the_position_test_is_a_binomial_tail() -> None:
    assert tail([0.25] * 4, 0) == pytest.approx(1.0)
    assert tail([0.25] * 4, 4) == pytest.approx(0.25**4)
    assert tail([0.5, 0.5], 1) == pytest.approx(0.75)


def test_a_quiz_placed_at_random_is_rarely_warned_about() -> None:
    """Chance keys: the position warning fires on at most about 5% of quizzes (Bonferroni keeps it
    below)."""
    import random

    rng = random.Random(12)
    warned = 0
    for _ in range(400):
        keys = [rng.randrange(4) for _ in range(10)]
        text = "type: knowledge\ntitle: T\nquestions:\n" + "".join(
            f"  - text: Q{n}?\n    explanation: E.\n    choices:\n"
            + "".join(
                f"      - text: Choice {c}\n"
                + ("        correct: true\n" if c == k else "        feedback: F.\n")
                for c in range(4)
            )
            for n, k in enumerate(keys)
        )
        loaded = load_text(text, "quizzes/t.yml")
        quiz, issues = validate(loaded, "t")
        assert not issues
        warned += any(code_of(w) == "key-position" for w in lint_quizzes([(quiz, loaded)]))
    assert warned / 400 <= 0.05


IGNORED = dedent("""
    type: knowledge
    title: True or false
    lint:
      ignore:
        two-choices: {reason}
    questions:
      - text: Is this a withdrawal rupture?
        explanation: It is.
        choices:
          - text: "Yes"
            correct: true
          - text: "No"
            feedback: Withdrawal moves away from the work.
""")


def test_a_reasoned_ignore_silences_exactly_that_code() -> None:
    loaded = load_text(IGNORED.format(reason="a true/false warm-up on purpose"), "quizzes/tf.yml")
    quiz, issues = validate(loaded, "tf")
    assert (
        issues == []
        and quiz is not None
        and quiz.lint_ignore == {"two-choices": "a true/false warm-up on purpose"}
    )
    assert lint_quizzes([(quiz, loaded)]) == []
    loaded = load_text(
        IGNORED.format(reason="x").replace("two-choices", "missing-feedback"), "quizzes/tf.yml"
    )
    quiz, issues = validate(loaded, "tf")
    assert [code_of(w) for w in lint_quizzes([(quiz, loaded)])] == ["two-choices"]


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        (
            "",
            "lint.ignore.two-choices: silencing 'two-choices' needs a reason: say why the warning "
            'does not apply, e.g. two-choices: "ordered by time"',
        ),
        ("'  '", "lint.ignore.two-choices: silencing 'two-choices' needs a reason"),
        ("''", "lint.ignore.two-choices: silencing 'two-choices' needs a reason"),
    ],
)
def test_an_ignore_needs_a_reason(reason: str, message: str) -> None:
    quiz, issues = validate(load_text(IGNORED.format(reason=reason), "quizzes/tf.yml"), "tf")
    assert (
        quiz is None
        and len(issues) == 1
        and f"{issues[0].path}: {issues[0].message}".startswith(message)
    )


def test_an_unknown_or_misplaced_code_is_an_error() -> None:
    text = IGNORED.format(reason="why").replace("two-choices:", "two-choice:")
    issues = validate(load_text(text, "quizzes/tf.yml"), "tf")[1]
    assert [i.message for i in issues] == [
        "unknown warning code 'two-choice' (did you mean 'two-choices'?)"
    ]
    text = IGNORED.format(reason="why").replace("two-choices:", "reverse-share:")
    issues = validate(load_text(text, "quizzes/tf.yml"), "tf")[1]
    assert [i.message for i in issues] == [
        "'reverse-share' is never reported for a knowledge quiz: remove it"
    ]


# --- handbook check and the build
# -------------------------------------------------------------------

SITE_YML = dedent("""
    site_name: Lint
    plugins:
      - handbook-quiz{options}
""")
TWO = (GOLDEN / "two-choices-fail.yml").read_text(encoding="utf-8")
PAGE = "# Home\n\n/// quiz | two\n///\n"


def lint_site(tmp_path: Path, options: str = "") -> Path:
    return make_site(
        tmp_path, {"docs/index.md": PAGE, "quizzes/two.yml": TWO}, SITE_YML.format(options=options)
    )


def test_check_prints_warnings_one_a_line_and_fails(tmp_path: Path) -> None:
    config = lint_site(tmp_path)
    result = CliRunner().invoke(main, ["check", "-f", str(config)])
    lines = result.output.splitlines()
    assert result.exit_code == 1
    assert (
        "quizzes/two.yml:8:7: questions[1] (id: t1).choices: warning[two-choices]: "
        "a single-answer question with two choices: a guess is right half of the time; "
        "add plausible choices" in lines
    )
    assert lines[-1].startswith("handbook check: 1 problem (1 warning;")


def test_the_lint_option_turns_warnings_off_and_check_lint_turns_them_on(tmp_path: Path) -> None:
    config = lint_site(tmp_path, ":\n          lint: false")
    quiet = CliRunner().invoke(main, ["check", "-f", str(config)])
    assert quiet.exit_code == 0 and "warning" not in quiet.output
    loud = CliRunner().invoke(
        main, ["check", "--lint", "-f", str(config), str(tmp_path / "quizzes" / "two.yml")]
    )
    assert loud.exit_code == 1 and ": warning[two-choices]: " in loud.output
    build_site(config, strict=True)  # lint: false: the strict build passes


def test_the_build_reports_warnings_and_strict_fails(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = lint_site(tmp_path)
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        build_site(config)
    assert any(
        "quizzes/two.yml:8:7: questions[1] (id: t1).choices: warning[two-choices]:"
        in r.getMessage()
        and r.levelno == logging.WARNING
        for r in caplog.records
    )
    with pytest.raises(Exception, match="warnings in strict mode"):
        build_site(config, strict=True)


def test_the_handbook_itself_can_be_linted_on_request() -> None:
    """`handbook check --lint` works on the real handbook (its quizzes are being reworked, so lint
    is off)."""
    root = Path(__file__).parents[2]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "handbook_quiz.cli",
            "check",
            "--lint",
            "-f",
            str(root / "mkdocs.yml"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in result.stderr
    warnings = [line for line in result.stdout.splitlines() if ": warning[" in line]
    assert all(line.startswith("quizzes/") for line in warnings)


def test_check_file_shows_a_duplicate_question_from_either_side(tmp_path: Path) -> None:
    """duplicate-question is cross-file: reported in the later file, naming the first, and shown for
    both."""
    folder = GOLDEN / "duplicate-question-fail"
    files = {f"quizzes/{p.name}": p.read_text(encoding="utf-8") for p in folder.glob("*.yml")}
    config = make_site(
        tmp_path,
        {
            **files,
            "docs/index.md": "# Home\n\n/// quiz | a-check\n///\n\n/// quiz | b-check\n///\n",
        },
        SITE_YML.format(options=""),
    )
    for name in ("a-check.yml", "b-check.yml"):
        result = CliRunner().invoke(
            main, ["check", "-f", str(config), str(tmp_path / "quizzes" / name)]
        )
        assert result.exit_code == 1
        assert (
            "quizzes/b-check.yml:4:11: questions[1].text: warning[duplicate-question]: "
            "the same or nearly the same question as "
            "quizzes/a-check.yml:5:5 questions[1] (id: bond)" in result.output
        )


def test_an_ignore_in_either_quiz_silences_a_duplicate(tmp_path: Path) -> None:
    folder = GOLDEN / "duplicate-question-fail"
    first = (
        (folder / "a-check.yml")
        .read_text(encoding="utf-8")
        .replace(
            "title: First\n",
            "title: First\nlint:\n  ignore:\n"
            "    duplicate-question: the review quiz repeats it on purpose\n",
        )
    )
    (tmp_path / "a-check.yml").write_text(first, encoding="utf-8")
    (tmp_path / "b-check.yml").write_text(
        (folder / "b-check.yml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert lint_files(sorted(tmp_path.glob("*.yml"))) == []


def test_serve_logs_the_warnings_and_keeps_serving(tmp_path: Path) -> None:
    import os

    from .test_serve import free_port, wait_for

    lint_site(tmp_path)
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        page = wait_for(f"http://127.0.0.1:{port}/", 'class="hq-quiz"')
        assert "hq-error" not in page and process.poll() is None
    finally:
        process.terminate()
        log = process.communicate(timeout=10)[0]
    assert (
        "WARNING -  handbook-quiz: quizzes/two.yml:8:7: questions[1] (id: t1).choices: "
        "warning[two-choices]:" in log
    )


def test_reverse_share_needs_five_statements() -> None:
    text = "type: self-assessment\ntitle: T\nscale: {labels: [Never, Always]}\nitems:\n" + "".join(
        f"  - text: I listen, part {n}.\n" for n in range(4)
    )
    loaded = load_text(text, "quizzes/t.yml")
    quiz, issues = validate(loaded, "t")
    assert not issues and lint_quizzes([(quiz, loaded)]) == []
    loaded = load_text(text + "  - text: I wait.\n", "quizzes/t.yml")
    quiz, _ = validate(loaded, "t")
    assert [str(w).split(": ", 2)[2] for w in lint_quizzes([(quiz, loaded)])] == [
        "warning[reverse-share]: 0 of 5 statements are reverse-scored (0%); aim for 20% to 60%, "
        "each describing a practice the chapter advises against"
    ]


def test_the_schema_lists_every_code_for_editors() -> None:
    from handbook_quiz.schema import quiz_schema

    description = quiz_schema()["$defs"]["common"]["lint"]["properties"]["ignore"]["description"]
    assert description.endswith("Codes: " + ", ".join(CODES) + ".")
