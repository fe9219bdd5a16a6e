"""The shared pre-check of quiz text (bounds.py): each limit refuses what is over it, names the
limit and the fix, and lets everything the handbook and the tests' quizzes hold through.

Timings are in bench/hostile.py, not here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from handbook_quiz import bounds
from handbook_quiz.bounds import (
    MAX_BRACKET_NESTING,
    MAX_BRACKETS,
    MAX_LENGTH,
    MAX_NESTING,
    block_nesting,
    bracket_nesting,
    emphasis_nesting,
    html_nesting,
    text_problem,
)
from handbook_quiz.loader import load_file
from unit_helpers import check_text

ROOT = Path(__file__).resolve().parents[2]
QUESTION = """\
type: knowledge
title: T
questions:
  - text: {text}
    choices:
      - text: a
        correct: true
      - text: b
"""


def issues_for(text: str) -> list[str]:
    """The issues of a one-question quiz whose question text is ``text`` (quoted for YAML)."""
    quoted = "'" + text.replace("'", "''") + "'"
    _, issues = check_text(QUESTION.format(text=quoted))
    return [str(issue) for issue in issues]


def test_hostile_text_is_refused_at_the_field_with_the_limit_and_the_fix() -> None:
    assert issues_for("[" * 12_000) == [
        "quizzes/x.yml:4:11: questions[1].text: is 12,000 characters long, over the limit of "
        f"{MAX_LENGTH:,} for one text: shorten it or split it over several questions"
    ]


@pytest.mark.parametrize(
    ("at_limit", "over", "says"),
    [
        ("x" * MAX_LENGTH, "x" * (MAX_LENGTH + 1), "characters long"),
        ("[a] " * MAX_BRACKETS, "[a] " * (MAX_BRACKETS + 1), "'[', over the limit"),
        ("[" * MAX_BRACKET_NESTING, "[" * (MAX_BRACKET_NESTING + 1), "open at once"),
        ("[a](" * MAX_BRACKET_NESTING, "[a](" * (MAX_BRACKET_NESTING + 1), "open at once"),
        ("**a " * (MAX_NESTING // 2), "**a " * (MAX_NESTING // 2) + "*b", "nests emphasis"),
        ("- " * MAX_NESTING + "x", "- " * (MAX_NESTING + 1) + "x", "nests lists"),
        ("> " * MAX_NESTING + "x", "> " * (MAX_NESTING + 1) + "x", "nests lists"),
        ("    " * MAX_NESTING + "x", "    " * (MAX_NESTING + 1) + "x", "nests lists"),
        ("<b>" * MAX_NESTING, "<b>" * (MAX_NESTING + 1), "nests HTML tags"),
    ],
    ids=[
        "length",
        "brackets",
        "bracket-nesting",
        "link-targets",
        "emphasis",
        "lists",
        "quotes",
        "indentation",
        "html",
    ],
)
def test_each_limit_is_exact(at_limit: str, over: str, says: str) -> None:
    assert text_problem(at_limit) is None
    problem = text_problem(over)
    assert problem is not None and says in problem, problem


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("[a](b) and [c](d)", 1),
        ("[![image](i.png)](page.md)", 2),
        ("\\[" * 20, 0),
        ("[" * 3 + "]" * 3, 3),
        ("a) first, b) second", 0),
    ],
)
def test_bracket_nesting(text: str, depth: int) -> None:
    assert bracket_nesting(text) == depth


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("***bold italic***", 3),
        ("**bold with _italic_ inside**", 3),
        ("snake_case_name and a**b**c", 2),
        ("Fill in the blank: the client ____ the therapist.", 0),
        ("Two blanks: ____. And ____, too.", 0),
        ("**" * 1000 + "x" + "**" * 1000, 2000),
        ("**a " * 100 + "x", 200),
    ],
)
def test_emphasis_nesting(text: str, depth: int) -> None:
    assert emphasis_nesting(text) == depth


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("- a\n    - b\n        - c", 3),
        ("> quote\n> - item", 2),
        ("1. first\n2) second", 1),
        ("A sentence - with a dash.", 0),
        ("\tindented by a tab", 1),
    ],
)
def test_block_nesting(text: str, depth: int) -> None:
    assert block_nesting(text) == depth


def test_html_nesting_skips_void_and_self_closed_tags() -> None:
    assert html_nesting("<p>a<br>b<img src='x'/><span>c</span></p>") == 2
    assert html_nesting("<div markdown>\n" * 20) == 20


@pytest.mark.parametrize("escape", ["\\0", "\\x02", "\\x1b", "\\x7f", "\\x9f"])
def test_control_characters_are_refused(escape: str) -> None:
    """The renderer's ``\\0id\\0`` token and Python-Markdown's ``\\x02...\\x03`` stash keys."""
    _, issues = check_text(QUESTION.format(text=f'"a {escape}id{escape} b"'))
    assert [issue.path for issue in issues] == ["questions[1].text"]
    assert "control character" in issues[0].message and "remove it" in issues[0].message


@pytest.mark.parametrize("escape", ["\\t", "\\n", "\\r", "\\x85", "\\u2028"])
def test_tabs_and_line_breaks_are_text(escape: str) -> None:
    _, issues = check_text(QUESTION.format(text=f'"a{escape}b"'))
    assert issues == []


def test_a_perspective_key_with_a_line_break_is_refused_at_the_key() -> None:
    text = (
        "type: self-assessment\ntitle: T\n"
        'perspectives: {"client\\n": I am the client, therapist: I am the therapist}\n'
        "scale: {labels: [Rarely, Often]}\n"
        "items:\n  - text: I listen.\n"
    )
    _, issues = check_text(text)
    assert [str(issue) for issue in issues] == [
        "quizzes/x.yml:3:16: perspectives.client\\n: 'client' followed by a line break is not a "
        "valid id (as written after '|', or with '\\n' in quotes): write the key on one line, "
        "e.g. client:"
    ]


def test_a_file_name_id_with_a_line_break_is_refused() -> None:
    from handbook_quiz.validate import ID_PATTERN

    assert ID_PATTERN.match("rapport-check")
    assert not ID_PATTERN.match("rapport-check\n")


def quiz_files() -> list[Path]:
    """The handbook's quizzes and every YAML fixture under tests/."""
    return sorted([*(ROOT / "quizzes").glob("*.yml"), *(ROOT / "tests").rglob("*.yml")])


def test_no_real_quiz_or_fixture_comes_near_the_limits() -> None:
    """Far from it: the longest text is 618 characters with 3 '[', nested one level at most."""
    over = []
    for path in quiz_files():
        if path.parent.name == "validate" and path.stem in (
            "control-character",
            "text-over-bounds",
        ):
            continue  # the golden cases of these limits
        loaded = load_file(path, path.name)
        for where, text in bounds._texts(loaded.data, ()):
            if (
                len(text) > MAX_LENGTH // 4
                or bracket_nesting(text) > 2
                or max(emphasis_nesting(text), block_nesting(text), html_nesting(text)) > 4
            ):
                over.append(f"{path.name}: {where}")
    assert over == []


def test_a_title_is_one_line() -> None:
    """The rest of a title would become Markdown of its page (and lines of a GIFT export)."""
    broken = QUESTION.format(text="Q").replace(
        "title: T", 'title: "Rapport\\n<script>alert(1)</script>"'
    )
    assert [str(issue) for issue in check_text(broken)[1]] == [
        "quizzes/x.yml:2:8: title: a title is one line: remove the line break (written after "
        "'|' or '>', or '\\n')"
    ]
    folded = QUESTION.format(text="Q").replace(
        "title: T", "title: >\n  A long title\n  folded by YAML"
    )
    assert check_text(folded)[1] == []
