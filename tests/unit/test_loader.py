"""The YAML loader: positions of keys and values, and every way a file can fail to be read."""

from __future__ import annotations

from pathlib import Path

import pytest
from handbook_quiz.loader import MAX_BYTES, MAX_DEPTH, MAX_NODES, load_file, load_text
from handbook_quiz.validate import validate
from unit_helpers import KNOWLEDGE, check_text

SYNTAX_HINT = " (check the indentation and quote text that contains ': ' or starts with a symbol)"


def issues_of(text: str) -> list[str]:
    return [str(issue) for issue in load_text(text, "quizzes/x.yml").issues]


def file_issues(tmp_path: Path, raw: bytes) -> list[str]:
    path = tmp_path / "x.yml"
    path.write_bytes(raw)
    loaded = load_file(path, "quizzes/x.yml")
    assert loaded.data is None
    return [str(issue) for issue in loaded.issues]


# ---------- positions ----------


def test_positions_of_values_and_keys_are_one_based() -> None:
    loaded = load_text(KNOWLEDGE, "quizzes/x.yml")
    assert loaded.issues == []
    # KNOWLEDGE, line by line:  1 type / 2 title / 3 questions: / 4 "  - id: kind"
    # 5 "    text: ..." / 6 "    choices:" / 7 "      - text: Withdrawal"
    # 8 "        correct: true" / 9 "      - text: Confrontation"
    assert loaded.values[("type",)] == (1, 7)
    assert loaded.keys[("type",)] == (1, 1)
    assert loaded.values[("questions", 0)] == (4, 5)
    assert loaded.keys[("questions", 0, "id")] == (4, 5)
    assert loaded.values[("questions", 0, "id")] == (4, 9)
    assert loaded.values[("questions", 0, "choices", 1, "text")] == (9, 15)
    assert loaded.keys[("questions", 0, "choices", 0, "correct")] == (8, 9)
    assert loaded.values[("questions", 0, "choices", 0, "correct")] == (8, 18)
    assert loaded.values[("questions", 1, "choices", 2)] == (16, 9)
    assert loaded.data["questions"][1]["choices"][2] == {"text": "Topic shifts", "correct": True}


def test_position_falls_back_to_the_nearest_located_parent() -> None:
    loaded = load_text(KNOWLEDGE, "quizzes/x.yml")
    assert loaded.position(("questions", 0, "explanation")) == (4, 5)
    assert loaded.position(("questions", 0, "id"), at_key=True) == (4, 5)
    assert loaded.position(("questions", 0, "id")) == (4, 9)
    assert loaded.position(("nothing", 3)) == (1, 1)
    assert (
        str(loaded.issue(("questions", 1, "vignette"), "a message"))
        == "quizzes/x.yml:10:5: questions[2] (id: signs).vignette: a message"
    )


def test_positions_in_flow_style_and_with_crlf_line_ends() -> None:
    loaded = load_text(
        "type: knowledge\r\ntitle: T\r\nquestions: [{text: Q, choices: [{text: a}, {text: "
        "b}]}]\r\n",
        "q",
    )
    assert loaded.issues == []
    assert loaded.values[("questions", 0, "choices", 1, "text")] == (3, 51)
    assert loaded.keys[("title",)] == (2, 1)


def test_multiline_text_keeps_its_line_breaks_and_position() -> None:
    loaded = load_text("title: T\ndescription: |\n  First line.\n  Second line.\n", "q")
    assert loaded.data["description"] == "First line.\nSecond line.\n"
    assert loaded.values[("description",)] == (2, 14)


def test_a_small_alias_is_allowed_and_located_where_it_is_defined() -> None:
    quiz, issues = check_text(
        """
        type: knowledge
        title: Ruptures
        questions:
          - text: First?
            choices: &two
              - text: Agree
                correct: true
              - text: Disagree
          - text: Second?
            choices: *two
        """
    )
    assert issues == []
    assert quiz is not None and quiz.questions[0].choices == quiz.questions[1].choices


# ---------- YAML syntax errors ----------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "type: knowledge\ntitle: Ruptures: what they are\n",
            "quizzes/x.yml:2:16: YAML syntax error: mapping values are not allowed in this context",
        ),
        (
            "type: knowledge\nquestions: [a, b\ntitle: T\n",
            "quizzes/x.yml:3:6: YAML syntax error: did not find expected ',' or ']'",
        ),
        (
            "type: knowledge\n\ttitle: T\n",
            "quizzes/x.yml:2:1: YAML syntax error: found a tab character that violates indentation",
        ),
        (
            "title: 'unterminated\n",
            "quizzes/x.yml:2:1: YAML syntax error: found unexpected end of stream",
        ),
        ('title: "\\q"\n', "quizzes/x.yml:1:9: YAML syntax error: found unknown escape character"),
        ("title: *nowhere\n", "quizzes/x.yml:1:8: YAML syntax error: found undefined alias"),
        (
            "type: knowledge\n---\ntitle: T\n",
            "quizzes/x.yml:2:1: YAML syntax error: but found another document",
        ),
        (
            "type: knowledge\n  title: T\n",
            "quizzes/x.yml:2:8: YAML syntax error: mapping values are not allowed in this context",
        ),
        (
            "- a\nb: c\n",
            "quizzes/x.yml:2:1: YAML syntax error: did not find expected '-' indicator",
        ),
    ],
    ids=[
        "colon-in-text",
        "unclosed-list",
        "tab",
        "unclosed-quote",
        "bad-escape",
        "undefined-alias",
        "two-documents",
        "bad-indent",
        "list-then-mapping",
    ],
)
def test_syntax_errors_give_line_and_column(text: str, expected: str) -> None:
    loaded = load_text(text, "quizzes/x.yml")
    assert loaded.data is None
    assert [str(issue) for issue in loaded.issues] == [expected + SYNTAX_HINT]


def test_a_syntax_error_stops_validation_with_that_one_issue() -> None:
    _, issues = check_text("type: knowledge\ntitle: Ruptures: what they are\nquestions: []\n")
    assert [str(i) for i in issues] == [
        "quizzes/x.yml:2:16: YAML syntax error: mapping values are not allowed in this context"
        + SYNTAX_HINT
    ]


# ---------- duplicate keys ----------


def test_duplicate_keys_are_reported_at_the_second_naming_the_first() -> None:
    text = (
        "type: knowledge\ntitle: First\nquestions:\n  - text: Q\n    text: Q again\ntitle: Second\n"
    )
    loaded = load_text(text, "quizzes/x.yml")
    assert [str(i) for i in loaded.issues] == [
        "quizzes/x.yml:5:5: questions[1].text: duplicate key 'text' (first at line 4): remove one "
        "of them",
        "quizzes/x.yml:6:1: title: duplicate key 'title' (first at line 2): remove one of them",
    ]


def test_duplicate_keys_in_flow_mappings_are_reported() -> None:
    assert issues_of("choice: {text: a, correct: true, text: b}\n") == [
        "quizzes/x.yml:1:34: choice.text: duplicate key 'text' (first at line 1): remove one of "
        "them"
    ]


def test_a_duplicate_key_fails_validation_even_when_the_rest_is_valid() -> None:
    """PyYAML alone would keep the last title and say nothing: the quiz must not be built."""
    quiz, issues = check_text(KNOWLEDGE + "title: Another title\n")
    assert quiz is None
    assert [str(i) for i in issues] == [
        "quizzes/x.yml:18:1: title: duplicate key 'title' (first at line 2): remove one of them"
    ]


# ---------- encoding and size ----------


def test_non_utf8_file_names_the_line_and_column_of_the_bad_byte(tmp_path: Path) -> None:
    assert file_issues(tmp_path, b"type: knowledge\ntitle: caf\xe9\n") == [
        "quizzes/x.yml:2:11: file is not UTF-8 text: save it as UTF-8 in your editor"
    ]


def test_non_utf8_column_counts_characters_not_bytes(tmp_path: Path) -> None:
    raw = "título: «café»\n".encode() + "x: «ca".encode() + b"\xe9\n"
    assert file_issues(tmp_path, raw) == [
        "quizzes/x.yml:2:7: file is not UTF-8 text: save it as UTF-8 in your editor"
    ]


def test_non_utf8_after_a_byte_order_mark(tmp_path: Path) -> None:
    raw = b"\xef\xbb\xbftype: knowledge\ntitle: caf\xe9\n"
    assert file_issues(tmp_path, raw) == [
        "quizzes/x.yml:2:11: file is not UTF-8 text: save it as UTF-8 in your editor"
    ]
    raw = b"\xef\xbb\xbftitle: caf\xe9\n"
    assert file_issues(tmp_path, raw) == [
        "quizzes/x.yml:1:11: file is not UTF-8 text: save it as UTF-8 in your editor"
    ]


def test_latin1_and_utf16_files_are_refused(tmp_path: Path) -> None:
    assert file_issues(tmp_path, "título: T\n".encode("latin-1")) == [
        "quizzes/x.yml:1:2: file is not UTF-8 text: save it as UTF-8 in your editor"
    ]
    assert file_issues(tmp_path, "title: T\n".encode("utf-16")) == [
        "quizzes/x.yml:1:1: file is not UTF-8 text: save it as UTF-8 in your editor"
    ]


def test_utf8_with_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "rapport.yml"
    path.write_bytes(b"\xef\xbb\xbf" + KNOWLEDGE.encode())
    loaded = load_file(path, "quizzes/rapport.yml")
    assert loaded.issues == []
    assert loaded.values[("type",)] == (1, 7)
    quiz, issues = validate(loaded, "rapport")
    assert issues == [] and quiz is not None and quiz.type == "knowledge"


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    raw = b"title: [" + b"x, " * MAX_BYTES + b"]\n"  # would also be far too many values
    assert file_issues(tmp_path, raw) == [
        f"quizzes/x.yml:1:1: file is {-(-len(raw) // 1024)} KB, over the 256 KB limit: split it "
        "into smaller quizzes"
    ]


def test_size_limit_is_exact(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_bytes(b"#" * (MAX_BYTES - 1) + b"\n")
    assert [str(i) for i in load_file(path, "quizzes/x.yml").issues] == [
        "quizzes/x.yml:1:1: the file is empty: start with 'type:' and 'title:'"
    ]
    path.write_bytes(b"#" * MAX_BYTES + b"\n")
    assert [str(i) for i in load_file(path, "quizzes/x.yml").issues] == [
        "quizzes/x.yml:1:1: file is 257 KB, over the 256 KB limit: split it into smaller quizzes"
    ]


# ---------- aliases and nesting ----------

BILLION_LAUGHS = (
    "\n".join(
        [
            'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
            *(
                f"{k}: &{k} [{', '.join([f'*{p}'] * 9)}]"
                for p, k in zip("abcdefgh", "bcdefghi", strict=True)
            ),
        ]
    )
    + "\n"
)


def test_billion_laughs_fails_fast_with_a_clear_message() -> None:
    # 9**9 values if expanded; stopped after MAX_NODES (bench/hostile.py measures how fast)
    loaded = load_text(BILLION_LAUGHS, "quizzes/x.yml")
    assert loaded.data is None
    assert [str(i) for i in loaded.issues] == [
        f"quizzes/x.yml:1:4: too many values (over {MAX_NODES:,}) once the aliases (*name) are "
        "expanded: remove the aliases"
    ]


def test_a_file_with_too_many_values_and_no_alias_is_told_to_split() -> None:
    """10,000 choices in one question: the limit is named, and aliases are not blamed."""
    choices = "".join(f"      - text: c{i}\n" for i in range(10_000))
    text = "type: knowledge\ntitle: T\nquestions:\n  - text: Q\n    choices:\n" + choices
    loaded = load_text(text, "quizzes/x.yml")
    assert loaded.data is None
    assert [str(i) for i in loaded.issues] == [
        f"quizzes/x.yml:10002:15: too many values (over {MAX_NODES:,}, the most one quiz file "
        "may hold; a 10-question quiz has about 250): split it into smaller quizzes"
    ]


def test_billion_laughs_through_validation_reports_only_that() -> None:
    _, issues = check_text(
        "type: knowledge\ntitle: T\n" + BILLION_LAUGHS.replace("i: &i", "questions: &i")
    )
    assert len(issues) == 1
    assert "too many values" in issues[0].message


@pytest.mark.parametrize(
    "text",
    ["a: &x [*x]\n", "a: &x {b: *x}\n", "a: &x\n  - b: [1, *x]\n"],
    ids=["list-in-itself", "mapping-in-itself", "nested"],
)
def test_recursive_alias_is_refused(text: str) -> None:
    loaded = load_text(text, "quizzes/x.yml")
    assert loaded.data is None
    assert [i.message for i in loaded.issues] == [
        "an alias (*name) refers to the list or mapping that contains it: remove the alias"
    ]
    assert (loaded.issues[0].line, loaded.issues[0].column) == (1, 4)  # where the anchor (&x) is


def test_nesting_deeper_than_the_limit_is_refused() -> None:
    deep = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    assert issues_of(deep) == [
        f"quizzes/x.yml:1:{4 + MAX_DEPTH}: nested deeper than {MAX_DEPTH} levels: the quiz format "
        "needs far fewer"
    ]
    fine = "a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"
    assert issues_of(fine) == []


# ---------- keys and values that are not plain ----------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1: a\n", "quizzes/x.yml:1:1: key '1' is not a name: keys are words like 'title'"),
        ("null: a\n", "quizzes/x.yml:1:1: key 'null' is not a name: keys are words like 'title'"),
        ("yes: a\n", "quizzes/x.yml:1:1: key 'yes' is not a name: keys are words like 'title'"),
        (
            "2024-01-01: a\n",
            "quizzes/x.yml:1:1: key '2024-01-01' is not a name: keys are words like 'title'",
        ),
        (
            "? [a, b]\n: c\n",
            "quizzes/x.yml:1:3: a list or mapping cannot be a key: keys are words like 'title'",
        ),
        (
            "<<: {a: 1}\n",
            "quizzes/x.yml:1:1: merge keys ('<<: *name') are not supported: write the keys out in "
            "full",
        ),
        (
            "q:\n  3.5: x\n",
            "quizzes/x.yml:2:3: q: key '3.5' is not a name: keys are words like 'title'",
        ),
    ],
    ids=["int", "null", "bool", "date", "list", "merge", "nested-float"],
)
def test_non_string_keys_are_reported_not_crashed_on(text: str, expected: str) -> None:
    assert issues_of(text) == [expected]


def test_merge_key_in_a_quiz_is_reported_with_the_keys_it_would_have_given() -> None:
    _, issues = check_text(
        """
        type: knowledge
        title: Ruptures
        questions:
          - text: What kind?
            choices:
              - &right {text: Withdrawal, correct: true}
              - <<: *right
                text: Confrontation
        """
    )
    assert [str(i) for i in issues] == [
        "quizzes/x.yml:7:9: questions[1].choices[2]: merge keys ('<<: *name') are not supported: "
        "write the keys out in full"
    ]


def test_unknown_tags_are_reported_and_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    assert (
        issues_of(f"title: !!python/object/apply:os.system ['touch {marker}']\n") == []
    )  # a plain list, tag ignored
    assert issues_of(f"title: !!python/object/apply:os.system 'touch {marker}'\n") == [
        "quizzes/x.yml:1:8: title: value cannot be read: could not determine a constructor for "
        "the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system'"
    ]
    assert not marker.exists()
    assert issues_of("title: !custom x\n") == [
        "quizzes/x.yml:1:8: title: value cannot be read: could not determine a constructor for "
        "the tag '!custom'"
    ]


def test_dates_and_numbers_stay_typed_for_the_schema_to_report() -> None:
    _, issues = check_text("type: knowledge\ntitle: 2024-05-01\nquestions: []\n")
    assert [str(i) for i in issues][
        0
    ] == "quizzes/x.yml:2:8: title: expected text, got a date (put it in quotes)"


# ---------- empty files ----------


@pytest.mark.parametrize(
    "text",
    ["", "\n\n", "   \n", "# just a comment\n"],
    ids=["empty", "blank-lines", "spaces", "comment"],
)
def test_empty_file(text: str) -> None:
    loaded = load_text(text, "quizzes/x.yml")
    assert loaded.data is None
    assert [str(i) for i in loaded.issues] == [
        "quizzes/x.yml:1:1: the file is empty: start with 'type:' and 'title:'"
    ]


@pytest.mark.parametrize("text", ["---\n", "---\n...\n"], ids=["marker", "marker-and-end"])
def test_a_document_with_nothing_in_it_is_empty(text: str) -> None:
    _, issues = check_text(text)
    assert [str(i) for i in issues] == [
        "quizzes/x.yml:1:1: the file is empty: start with 'type:' and 'title:'"
    ]


@pytest.mark.parametrize(
    "text",
    ["just some text\n", "- type: knowledge\n- title: T\n", "42\n", "~\n"],
    ids=["text", "list", "number", "null"],
)
def test_a_document_that_is_not_a_mapping(text: str) -> None:
    _, issues = check_text(text)
    assert [str(i) for i in issues] == [
        "quizzes/x.yml:1:1: a quiz file must be a mapping of keys, starting with 'type:' and "
        "'title:'"
    ]
