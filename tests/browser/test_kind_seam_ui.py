"""The test-only true/false kind (tests/kinds/truefalse.py) in a real build and a real Chromium.

A small site registers the kind from an MkDocs hook (``hooks:`` in its mkdocs.yml), the way a site
would add a kind of its own, and is built by ``mkdocs build --strict`` in a subprocess: the kind
must reach that process, or the build fails on the unknown ``kind:`` key. Item-writing warnings
are on, and under ``--strict`` any would fail the build: true/false questions, whose kind leaves
out ``two-choices`` and the other warnings about written choices, get none. A reader then sees the
statements with True and False, answers them by keyboard alone, checks each one and gets a verdict
and a score that agree with the YAML and with ``scoring.knowledge_score``.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SiteServer, build_site
from handbook_quiz import kinds
from handbook_quiz.scoring import knowledge_score
from playwright.sync_api import Locator, Page, expect
from unit_helpers import check_text, make_site

from .pageguard import PageGuard

pytestmark = pytest.mark.browser

TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TESTS))
from kinds.truefalse import TrueFalseKind  # noqa: E402

QUIZ_ID = "statements-check"

HOOK = f'''"""Registers the test-only true/false kind when MkDocs loads this hook."""

import sys

sys.path.insert(0, {str(TESTS)!r})

from handbook_quiz import kinds  # noqa: E402
from kinds.truefalse import TrueFalseKind  # noqa: E402

if all(kind.name != TrueFalseKind.name for kind in kinds.registered()):
    kinds.register_kind(TrueFalseKind())
'''

MKDOCS_YML = """\
site_name: True or false
site_url: !ENV [SITE_URL, "https://example.org/"]
theme:
  name: material
  font: false
hooks:
  - hooks/truefalse.py
plugins:
  - search
  - handbook-quiz:
      warn_unused: false
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - pymdownx.superfences
nav:
  - index.md
"""

QUIZ = """\
type: knowledge
title: True or false
chapter: index.md
pass: 0.6
questions:
  - id: offline
    kind: true-false
    text: The quiz pages work without a server.
    answer: true
    explanation: Answers stay in the browser.
  - id: sent
    kind: true-false
    text: Answers are sent to the instructor.
    answer: false
    explanation: Nothing leaves the reader's browser.
  - id: pick
    text: Which one is a vegetable?
    choices:
      - text: A carrot
        correct: true
      - text: A stone
        feedback: Stones are minerals.
      - text: A spoon
        feedback: Spoons are made, not grown.
    explanation: Carrots are roots people eat.
"""

FILES = {
    "hooks/truefalse.py": HOOK,
    "docs/index.md": f"# Home\n\nJudge each statement.\n\n/// quiz | {QUIZ_ID}\n///\n",
    f"quizzes/{QUIZ_ID}.yml": QUIZ,
}

ANSWERS = {"offline": [0], "sent": [0], "pick": [0]}
"""What the reader picks, as choice positions: 'offline' True (right), 'sent' True (wrong: it is
false), 'pick' the carrot (right)."""


@pytest.fixture(scope="module")
def tf_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    root = tmp_path_factory.mktemp("true-false")
    make_site(root, FILES, MKDOCS_YML)
    server = SiteServer(root / "site")
    build_site(root, root / "site", server.url)
    server.start()
    yield server
    server.httpd.shutdown()


@pytest.fixture
def true_false() -> Iterator[TrueFalseKind]:
    """The kind in this process too, to read the quiz as the build read it."""
    kind = TrueFalseKind()
    kinds.register_kind(kind)
    yield kind
    kinds.unregister_kind(kind.name)


def test_the_kind_reaches_the_build_only_through_the_hook(tmp_path: Path) -> None:
    """Without the hook the same site does not build: the kind is not built in."""
    make_site(tmp_path, FILES, MKDOCS_YML.replace("hooks:\n  - hooks/truefalse.py\n", ""))
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert f"quizzes/{QUIZ_ID}.yml:7:5: questions[1] (id: offline).kind: unknown key" in (
        result.stdout + result.stderr
    )


def test_the_strict_build_would_fail_on_a_warning(tmp_path: Path) -> None:
    """The site's build passes because its true/false questions get no warning, not because
    warnings go unnoticed: with a two-choice choice question added, the same build aborts."""
    two_choices = QUIZ.replace(
        "      - text: A spoon\n        feedback: Spoons are made, not grown.\n", ""
    )
    make_site(tmp_path, {**FILES, f"quizzes/{QUIZ_ID}.yml": two_choices}, MKDOCS_YML)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "(id: pick).choices: warning[two-choices]" in output
    assert output.count("warning[") == 1


def tab_to(page: Page, selector: str, limit: int = 60) -> None:
    """Press Tab until the focused element matches, as a keyboard-only reader would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            "(s) => document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
    raise AssertionError(f"Tab never reached {selector}")


def choose_by_keyboard(page: Page, box: Locator, selector: str, position: int) -> None:
    """Tab into the question's radio group, arrow to the choice at ``position`` (in the file;
    the page may show the choices shuffled) and select it with Space."""
    tab_to(page, f"{selector} input")
    shown = box.locator("input").evaluate_all("(inputs) => inputs.map((i) => +i.value)")
    focused = page.evaluate("() => +document.activeElement.value")
    for _ in range((shown.index(position) - shown.index(focused)) % len(shown)):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    expect(box.locator(f'input[value="{position}"]')).to_be_checked()


def test_a_true_false_question_is_shown_answered_checked_and_scored(
    page: Page, tf_site: SiteServer, true_false: TrueFalseKind
) -> None:
    guard = PageGuard(page)
    quiz, issues = check_text(QUIZ, QUIZ_ID)
    assert quiz is not None and issues == []
    right, total, passed = knowledge_score(quiz, ANSWERS)
    assert (right, total, passed) == (2, 3, True)

    page.goto(tf_site.url)
    root = page.locator(f"#hq-{QUIZ_ID}")
    expect(root).to_have_attribute("data-hq-ready", "")
    expect(root).to_have_attribute("data-hq-shuffle", "")
    statements = root.locator(".hq-question.hq-true-false")
    expect(statements).to_have_count(2)
    expect(statements.first.locator("legend")).to_contain_text(
        "The quiz pages work without a server."
    )
    for statement in (statements.first, statements.nth(1)):
        # in this order, though the quiz shuffles choices: the runtime shuffles only .hq-choices
        expect(statement.locator("label")).to_have_text(["True", "False"])
        expect(statement.locator(".hq-answer")).to_be_hidden()  # the key waits for Check

    verdicts = {"offline": "Correct.", "sent": "Not quite.", "pick": "Correct."}
    for question in quiz.questions:
        selector = f"#hq-{QUIZ_ID}-{question.id}"
        box = root.locator(selector)
        choose_by_keyboard(page, box, selector, ANSWERS[question.id][0])
        tab_to(page, f"{selector} .hq-check")
        page.keyboard.press("Enter")
        verdict = box.locator(".hq-verdict")
        expect(verdict).to_contain_text(verdicts[question.id])
        expect(box.locator("input").first).to_be_disabled()
        if question.id == "sent":
            expect(box.locator(".hq-answer")).to_be_visible()
            expect(box.locator(".hq-true-false-key")).to_have_text("False")
            expect(box.locator(".hq-explanation")).to_contain_text("Nothing leaves")
            expect(box.locator('.hq-option[data-hq-choice="1"]')).to_have_class(
                "hq-option hq-is-correct"
            )

    expect(root.locator(".hq-results")).to_be_visible()
    expect(root.locator(".hq-score-line")).to_have_text(f"{right} of {total} correct")
    expect(root.locator(".hq-results")).to_contain_text("Passed")
    expect(root.locator(".hq-status")).to_contain_text(f"{right} of {total} correct")
    guard.check()
