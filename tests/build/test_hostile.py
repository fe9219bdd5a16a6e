"""Hostile input: whatever a quiz file or a chapter holds, the result is a quiz or clean errors.

- Property-based (hypothesis): arbitrary text, arbitrary data written as YAML, and valid quizzes
  with random damage, through the loader and the validator. Each ends as a quiz with no issues or
  as no quiz with issues in the ``file:line:col: ...`` format; never an exception, never slow.
- Explicit limits: file size, nesting depth (also at depths where libyaml's composer would crash
  the interpreter), alias expansion ("billion laughs"), each failing fast, in bounded memory.
- Chapter embeds through real builds: unknown ids, odd whitespace, tabs, nesting, CRLF line ends.
  Each renders the quiz or stops the build with ``docs/page.md:LINE: ...``, never a traceback.
- Markdown that Python-Markdown renders in minutes or not at all (12,000 '[', 1,000 nested '**'):
  refused at its field by validation, the same in a build and in ``handbook check``.
- 1,000 quizzes with the same title build into 1,000 distinct pages.
"""

from __future__ import annotations

import copy
import logging
import os
import re
import subprocess
import sys
import tracemalloc
from pathlib import Path

import markdown
import pytest
import yaml
from handbook_quiz.embed import Embedder
from handbook_quiz.errors import QuizIssue
from handbook_quiz.labels import labels_for
from handbook_quiz.loader import MAX_BYTES, MAX_DEPTH, MAX_NODES, load_file, load_text
from handbook_quiz.markdown import QuizExtension
from handbook_quiz.registry import QuizRegistry
from handbook_quiz.render import Renderer
from handbook_quiz.validate import validate
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import Abort
from unit_helpers import KNOWLEDGE, SELF, build_site, make_site

FILE = "quizzes/x.yml"
ISSUE = re.compile(r"quizzes/x\.yml:(\d+):(\d+): .+", re.DOTALL)
"""``file:line:col: [path: ]message`` (one line: see
test_an_issue_is_one_line_whatever_the_keys_and_values_hold)."""
LINE_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")

HOSTILE = settings(
    deadline=500,  # ms per example: a hang or a quadratic blow-up fails here
    max_examples=int(
        os.environ.get("HOSTILE_EXAMPLES", "150")
    ),  # e.g. HOSTILE_EXAMPLES=5000 for a long hunt
    database=None,  # no .hypothesis/ folder in the work tree
    derandomize=bool(os.environ.get("CI")),  # the same examples on every CI run
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)

TOO_MANY = (
    f"too many values (over {MAX_NODES:,}) once the aliases (*name) are expanded: "
    "remove the aliases"
)
TOO_DEEP = f"nested deeper than {MAX_DEPTH} levels: the quiz format needs far fewer"


def assert_clean(issues: list[QuizIssue], text: str) -> None:
    """Every issue names a line and column inside the file and says something."""
    lines = len(LINE_BREAKS.split(text))
    for issue in issues:
        shown = str(issue)
        assert ISSUE.fullmatch(shown), shown
        assert 1 <= issue.line <= lines + 1, shown
        assert issue.column >= 1, shown
        assert issue.message.strip(), shown


def _warm_up() -> None:
    """Build the schema validator once, so the first example's time is not the validator's."""
    validate(load_text(KNOWLEDGE, FILE), "x")


_warm_up()


def check(text: str) -> tuple[object, list[QuizIssue]]:
    """Load and validate; a quiz comes with no issues, and no quiz with at least one."""
    quiz, issues = validate(load_text(text, FILE), "x")
    assert (quiz is None) == bool(issues), (quiz, issues)
    assert_clean(issues, text)
    return quiz, issues


# ---------- arbitrary text ----------

YAML_PIECES = [
    *"ab1 :-[]{}&*!|>'\"#?,\n\t%@`\\.~=<",
    "\r\n",
    "  ",
    "- ",
    ": ",
    "? ",
    "&a ",
    "*a",
    "&b ",
    "*b",
    "!!str ",
    "!!int ",
    "!!float ",
    "!!bool ",
    "!!binary ",
    "!!timestamp ",
    "!!set ",
    "!!omap ",
    "!!python/object ",
    "!x ",
    "<<: ",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "%TAG ! !x\n",
    "\x00",
    "\x0b",
    "\ufeff",
    "\x85",
    "\u2028",
    "\u00e9",
    "0x",
    "0o",
    "1e3",
    ".inf",
    ".nan",
    "2001-12-14",
    "2024-02-30",
    "12:30",
    "null",
    "yes",
    "type: ",
    "knowledge",
    "title: ",
    "questions:\n",
    "  - text: ",
    "    choices:\n",
    "      - text: ",
    "        correct: true\n",
]
yamlish = st.lists(st.sampled_from(YAML_PIECES), max_size=80).map("".join)


@HOSTILE
@given(st.one_of(st.text(max_size=300), yamlish))
def test_any_text_loads_and_validates_to_a_quiz_or_clean_issues(text: str) -> None:
    loaded = load_text(text, FILE)
    assert_clean(loaded.issues, text)
    check(text)


@HOSTILE
@given(st.binary(max_size=300))
def test_any_bytes_on_disk_load_to_clean_issues(
    tmp_path_factory: pytest.TempPathFactory, raw: bytes
) -> None:
    path = tmp_path_factory.mktemp("bytes") / "x.yml"
    path.write_bytes(raw)
    loaded = load_file(path, FILE)
    quiz, issues = validate(loaded, "x")
    assert (quiz is None) == bool(issues)
    for issue in issues:
        assert ISSUE.fullmatch(str(issue)) and issue.line >= 1 and issue.column >= 1, str(issue)


# ---------- arbitrary data, written as YAML ----------

KEYS = [
    "id",
    "type",
    "title",
    "description",
    "chapter",
    "version",
    "results",
    "reflection",
    "pass",
    "feedback",
    "shuffle",
    "questions",
    "text",
    "choices",
    "correct",
    "explanation",
    "vignette",
    "perspectives",
    "scale",
    "labels",
    "start",
    "subscales",
    "subscale",
    "items",
    "reverse",
    "scoring",
    "method",
    "bands",
    "from",
    "label",
    "client",
    "therapist",
]
WORDS = [
    "knowledge",
    "self-assessment",
    "mean",
    "sum",
    "immediate",
    "end",
    "rapport.md",
    "x#y.md",
    "a b",
    "",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(KEYS + WORDS),
    st.dates(),
    st.binary(max_size=5),
)
data = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), inner, max_size=5),
    ),
    max_leaves=15,
)


def dump(value: object) -> str:
    try:
        return yaml.safe_dump(value, sort_keys=False, allow_unicode=True)
    except yaml.YAMLError:  # e.g. keys PyYAML cannot write
        assume(False)
        raise


@HOSTILE
@given(st.one_of(data, st.dictionaries(st.sampled_from(KEYS), data, max_size=8)))
def test_any_structure_validates_to_a_quiz_or_clean_issues(value: object) -> None:
    check(dump(value))


@pytest.mark.parametrize(
    "text",
    [
        "type: |\n  knowledge\ntitle: T\nquestions: []\n",
        '"ti\\ntle": T\ntype: knowledge\n',
        '"ti\\Ltle": T\ntype: knowledge\n',
    ],
    ids=["value", "key", "key-with-unicode-line-separator"],
)
def test_an_issue_is_one_line_whatever_the_keys_and_values_hold(text: str) -> None:
    _, issues = check(text)
    assert issues and all(len(str(issue).splitlines()) == 1 for issue in issues), [
        str(issue) for issue in issues
    ]


# ---------- valid quizzes with random damage ----------

PERSPECTIVES = """\
type: self-assessment
title: Check-in
perspectives: {client: I am the client, therapist: I am the therapist}
scale: {labels: [Rarely, Sometimes, Often], start: 0}
subscales:
  - id: goals
    title: {client: Goals, therapist: Goals}
items:
  - id: a
    subscale: goals
    text: {client: I agree., therapist: We agree.}
  - id: b
    subscale: goals
    reverse: true
    text: {client: I doubt., therapist: They doubt.}
scoring:
  method: sum
  bands:
    - {from: 0, label: Low, text: {client: Talk., therapist: Ask.}}
    - {from: 2, label: High}
results: {client: Thanks., therapist: Compare.}
reflection: ["Why?", {client: "What?", therapist: "How?"}]
"""
VALID = {"knowledge": KNOWLEDGE, "self-assessment": SELF, "two-perspectives": PERSPECTIVES}


@pytest.mark.parametrize("name", VALID)
def test_the_starting_points_are_valid(name: str) -> None:
    quiz, issues = check(VALID[name])
    assert quiz is not None and issues == []


def _paths(node: object, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(node, dict):
        for key, child in node.items():
            out += _paths(child, (*prefix, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            out += _paths(child, (*prefix, index))
    return out


def _at(node: object, path: tuple) -> object:
    for part in path:
        node = node[part]  # type: ignore[index]
    return node


@st.composite
def damaged(draw: st.DrawFn) -> dict:
    """A valid quiz after 1-4 edits: delete, retype, add an unknown or known key, duplicate an id,
    reorder."""
    quiz = copy.deepcopy(yaml.safe_load(VALID[draw(st.sampled_from(sorted(VALID)))]))
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from([p for p in _paths(quiz) if p] or [()]))
        if not path:
            break
        parent, key = _at(quiz, path[:-1]), path[-1]
        edit = draw(st.sampled_from(["delete", "retype", "add", "duplicate-id", "reverse", "null"]))
        if edit == "delete":
            del parent[key]  # type: ignore[index,union-attr]
        elif edit == "retype":
            parent[key] = draw(data)  # type: ignore[index]
        elif edit == "null":
            parent[key] = None  # type: ignore[index]
        elif edit == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from([*KEYS, "titel", "Title", "extra", "correct "]))] = draw(
                data
            )
        elif edit == "add" and isinstance(parent, list):
            parent.append(draw(data))
        elif (
            edit == "duplicate-id"
            and isinstance(parent, list)
            and len(parent) > 1
            and all(isinstance(entry, dict) for entry in parent)
        ):
            parent[-1]["id"] = parent[0].get("id", "q1")
        elif edit == "reverse" and isinstance(parent, list):
            parent.reverse()  # bands out of order, choices moved, items reordered
    return quiz


@HOSTILE
@given(damaged())
def test_a_damaged_quiz_gives_a_quiz_or_clean_issues(quiz: dict) -> None:
    check(dump(quiz))


@st.composite
def damaged_text(draw: st.DrawFn) -> str:
    """A valid quiz file after 1-3 edits of its text: lines dropped, doubled, re-indented, cut."""
    lines = VALID[draw(st.sampled_from(sorted(VALID)))].splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        edit = draw(
            st.sampled_from(
                [
                    "drop",
                    "double",
                    "indent",
                    "dedent",
                    "tab",
                    "colon",
                    "alias",
                    "cut",
                    "crlf",
                    "bom",
                ]
            )
        )
        if edit == "drop":
            del lines[i]
        elif edit == "double":
            lines.insert(i, lines[i])
        elif edit == "indent":
            lines[i] = " " * draw(st.integers(1, 3)) + lines[i]
        elif edit == "dedent":
            lines[i] = lines[i][
                min(len(lines[i]) - len(lines[i].lstrip(" ")), draw(st.integers(1, 4))) :
            ]
        elif edit == "tab":
            lines[i] = "\t" + lines[i].lstrip(" ")
        elif edit == "colon":
            lines[i] = (
                lines[i].replace(": ", ":", 1)
                if ": " in lines[i]
                else lines[i].replace(":", ": :", 1)
            )
        elif edit == "alias":
            lines[i] = lines[i].replace(": ", ": &a ", 1) + "extra: *a\n"
        elif edit == "cut":
            lines = lines[:i] + [lines[i][: draw(st.integers(0, len(lines[i])))]]
        elif edit == "crlf":
            lines = [line.replace("\n", "\r\n") for line in lines]
        elif edit == "bom":
            lines[i] = "\ufeff" + lines[i]
        if not lines:
            break
    return "".join(lines)


@HOSTILE
@given(damaged_text())
def test_a_damaged_quiz_file_gives_a_quiz_or_clean_issues(text: str) -> None:
    check(text)


# ---------- limits: size, depth, aliases ----------


def billion_laughs(levels: int, width: int = 9) -> str:
    """``levels`` anchors, each a list of ``width`` aliases to the one before: width**levels
    values."""
    lines = [f"a0: &a0 [{', '.join(['lol'] * width)}]"]
    lines += [f"a{k}: &a{k} [{', '.join([f'*a{k - 1}'] * width)}]" for k in range(1, levels)]
    return "\n".join(lines) + "\n"


def with_peak(function, *args):
    """(result, peak bytes allocated) of one call. Times are measured in bench/hostile.py."""
    tracemalloc.start()
    try:
        result = function(*args)
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return result, peak


PARSERS = {"libyaml": getattr(yaml, "CSafeLoader", None), "pure-python": yaml.SafeLoader}
"""The limits must give the same answer whichever parser PyYAML has (and whatever libyaml
version)."""


@pytest.fixture(params=list(PARSERS))
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test with the loader using one of PyYAML's two parsers."""
    loader = PARSERS[request.param]
    if loader is None:
        pytest.skip("this PyYAML was built without libyaml")
    monkeypatch.setattr("handbook_quiz.loader.Loader", loader)
    return loader.__name__


@pytest.mark.parametrize("levels", [5, 7, 9, 30], ids=lambda n: f"9^{n}")
def test_billion_laughs_fails_in_bounded_memory(levels: int, parser: str) -> None:
    text = billion_laughs(levels)
    loaded, peak = with_peak(load_text, text, FILE)
    assert loaded.data is None
    assert [issue.message for issue in loaded.issues] == [TOO_MANY]
    assert peak < 32 * 1024 * 1024  # 20,000 values at most, never 9**levels
    quiz, issues = validate(loaded, "x")
    assert quiz is None and [issue.message for issue in issues] == [TOO_MANY]


def test_billion_laughs_of_mappings_and_in_a_quiz_field_fails_the_same_way(parser: str) -> None:
    keys = ", ".join(f"k{i}: *m{{}}" for i in range(9))
    text = "type: knowledge\ntitle: T\nm0: &m0 {a: lol, b: lol}\n"
    text += "".join(f"m{k}: &m{k} {{{keys.format(*[k - 1] * 9)}}}\n" for k in range(1, 8))
    text += "questions: [*m7, *m7]\n"
    quiz, issues = check(text)
    assert quiz is None and [issue.message for issue in issues] == [TOO_MANY]


def test_a_small_alias_expansion_is_fine() -> None:
    loaded = load_text(billion_laughs(4), FILE)  # 9**4 = 6,561 values: under the limit
    assert loaded.issues == []


@pytest.mark.parametrize("shape", ["flow-list", "flow-map", "block-list", "block-map", "key"])
def test_nesting_1000_levels_fails_cleanly(shape: str, parser: str) -> None:
    depth = 1000
    text = {
        "flow-list": "[" * depth + "]" * depth,
        "flow-map": "{a: " * depth + "1" + "}" * depth,
        "block-list": "- " * depth + "x",
        "block-map": "".join(" " * i + "a:\n" for i in range(depth)),
        "key": "? " * depth + "x",
    }[shape]
    loaded, peak = with_peak(load_text, text, FILE)
    assert peak < 32 * 1024 * 1024
    assert loaded.data is None
    assert [issue.message for issue in loaded.issues] == [TOO_DEEP]
    assert_clean(loaded.issues, text)


def test_the_depth_message_is_the_same_above_and_below_the_prescan(parser: str) -> None:
    """Text nesting past SCAN_DEPTH is never composed; the message and place do not change."""
    for depth in (199, 201, 5000):
        assert [str(i) for i in load_text("{a: " * depth + "1" + "}" * depth, FILE).issues] == [
            f"{FILE}:1:85: {TOO_DEEP}"
        ]
        text = "".join(" " * i + "a:\n" for i in range(min(depth, 600)))
        assert [str(i) for i in load_text(text, FILE).issues] == [f"{FILE}:22:22: {TOO_DEEP}"]


def test_nesting_that_crashed_libyaml_fails_cleanly_in_a_fresh_interpreter(
    tmp_path: Path, parser: str
) -> None:
    """30,000 '[' (60 KB) made PyYAML's C composer recurse until the interpreter died (SIGSEGV);
    libyaml 0.2.6 stops it at 1,000 levels with its own words, which the instructor must not get
    instead of ours."""
    path = tmp_path / "deep.yml"
    path.write_text("[" * 30_000 + "]" * 30_000, encoding="utf-8")
    big = tmp_path / "deepest.yml"
    big.write_text(
        "[" * (MAX_BYTES // 2) + "]" * (MAX_BYTES // 2), encoding="utf-8"
    )  # exactly the size limit
    code = (
        "import sys, yaml; from pathlib import Path; from handbook_quiz import loader\n"
        f"loader.Loader = yaml.{parser}\n"
        "for name in sys.argv[1:]:\n    print(*loader.load_file(Path(name), "
        "'quizzes/x.yml').issues, sep='\\n')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(path), str(big)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )  # only against a hang: bench/hostile.py measures the time
    assert result.returncode == 0, f"exit {result.returncode}: {result.stderr[-2000:]}"
    assert result.stdout.splitlines() == [f"quizzes/x.yml:1:22: {TOO_DEEP}"] * 2


def test_a_300_kb_file_is_refused_before_parsing(tmp_path: Path, parser: str) -> None:
    path = tmp_path / "x.yml"
    path.write_bytes(b"title: " + b"x" * (300 * 1024) + b"\n")
    loaded = load_file(path, FILE)
    assert [str(issue) for issue in loaded.issues] == [
        f"{FILE}:1:1: file is 301 KB, over the 256 KB limit: split it into smaller quizzes"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "title: 2024-02-30\n",
            "1:8: title: value cannot be read: '2024-02-30' is not a valid date",
        ),
        (
            "title: !!timestamp soon\n",
            "1:8: title: value cannot be read: 'soon' is not a valid date",
        ),
        ("title: !!int ''\n", "1:8: title: value cannot be read: '' is not a valid whole number"),
        (
            "title: !!bool maybe\n",
            "1:8: title: value cannot be read: 'maybe' is not a valid true/false value",
        ),
        (
            "title: " + "1" * 5000 + "\n",
            "1:8: title: value cannot be read: '1111111111111111111111111111111111111...' is not "
            "a valid whole number",
        ),
        (
            "title: 0x" + "F" * 5000 + "\n",
            "1:8: title: value cannot be read: '0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF...' is too "
            "large a number",
        ),
        (
            "title: a\x0bb\n",
            "1:9: the file contains a character that YAML does not allow (U+000B, invisible in "
            "most editors): delete it",
        ),
    ],
    ids=[
        "impossible-date",
        "timestamp-tag",
        "empty-int",
        "bool-tag",
        "5000-digits",
        "huge-hex",
        "vertical-tab",
    ],
)
def test_values_python_cannot_build_are_issues_not_exceptions(text: str, expected: str) -> None:
    """Each of these raised from PyYAML's constructors (AttributeError, ValueError, KeyError...)."""
    assert str(load_text(text, FILE).issues[0]).startswith(f"{FILE}:{expected}")


def test_a_nan_pass_mark_is_refused() -> None:
    """`.nan` passes both `minimum: 0` and `maximum: 1` in the schema."""
    quiz, issues = check(KNOWLEDGE + "pass: .nan\n")
    assert quiz is None
    assert [str(issue) for issue in issues] == [
        f"{FILE}:18:7: pass: must be a fraction from 0 to 1, e.g. 0.75 (found .nan)"
    ]


# ---------- chapter embeds, through real builds ----------

QUIZZES = {"quizzes/rapport-check.yml": KNOWLEDGE, "quizzes/rapport-self.yml": SELF}
EMBED_SITE = """\
site_name: Embeds
theme:
  name: mkdocs
plugins:
  - handbook-quiz: {lint: false}
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
"""
HEADER = re.compile(r"^[ \t>]*(?:[-*+][ \t]+)?/{3,}[ \t]*quiz\b", re.MULTILINE)
EMBEDS = {
    # name: (page, quizzes shown when the build passes)
    "plain": ("# Page\n\n/// quiz | rapport-check\n///\n", 1),
    "odd-spaces": ("# Page\n\n///   quiz   |    rapport-check    \n///   \n", 1),
    "no-spaces": ("# Page\n\n///quiz|rapport-check\n///\n", 1),
    "tabs": ("# Page\n\n///\tquiz\t|\trapport-check\t\n///\n", 1),
    "nbsp-in-id": ("# Page\n\n/// quiz |\u00a0rapport-check\u00a0\n///\n", 1),
    "unknown-id": ("# Page\n\nText.\n\n/// quiz | no-such-quiz\n///\n", 1),
    "unknown-id-odd-spaces": ("# Page\n\n/// quiz |  rapport-chek \t\n///\n", 1),
    "uppercase-id": ("# Page\n\n/// quiz | Rapport-Check\n///\n", 1),
    "html-in-id": ("# Page\n\n/// quiz | <b>x</b>&amp;\n///\n", 1),
    "empty-id": ("# Page\n\n/// quiz |\n///\n", 1),
    "two-blocks-second-unknown": (
        "# Page\n\n/// quiz | rapport-check\n///\n\nMore.\n\n/// quiz | rapport-chek\n///\n",
        2,
    ),
    "same-quiz-twice": (
        "# Page\n\n/// quiz | rapport-self\n///\n\n/// quiz | rapport-self\n///\n",
        2,
    ),
    "admonition": ('# Page\n\n!!! note "Check"\n\n    /// quiz | rapport-check\n    ///\n', 1),
    "admonition-unknown": (
        '# Page\n\n!!! note "Check"\n\n    /// quiz | rapport-chek\n    ///\n',
        1,
    ),
    "details": ('# Page\n\n??? question "Check"\n\n    /// quiz | rapport-self\n    ///\n', 1),
    "content-tabs": (
        '# Page\n\n=== "One"\n\n    /// quiz | rapport-check\n    ///\n\n=== "Two"\n\n    /// '
        "quiz | rapport-self\n    ///\n",
        2,
    ),
    "list-item": ("# Page\n\n- Item\n\n    /// quiz | rapport-check\n    ///\n", 1),
    "blockquote": ("# Page\n\n> /// quiz | rapport-check\n> ///\n", 1),
    "blockquote-unknown": ("# Page\n\n> Quote.\n>\n> /// quiz | rapport-chek\n> ///\n", 1),
    "block-inside-block": (
        "# Page\n\n//// quiz | rapport-check\n/// quiz | rapport-self\n///\n////\n",
        1,
    ),
    "with-content": ("# Page\n\n/// quiz | rapport-check\nSome text.\n///\n", 1),
    "indented-code-example": ("# Page\n\n    /// quiz | no-such-quiz\n    ///\n", 0),
    "fenced-example": (
        "# Page\n\n```markdown\n/// quiz | no-such-quiz\n///\n```\n\n/// quiz | "
        "rapport-check\n///\n",
        1,
    ),
    "bom": ("\ufeff# Page\n\n/// quiz | rapport-check\n///\n", 1),
}
EMBED_CASES = [
    pytest.param(name, crlf, id=f"{name}{'-crlf' if crlf else ''}")
    for name in EMBEDS
    for crlf in (False, True)
    if not crlf
    or name in ("plain", "unknown-id", "admonition-unknown", "two-blocks-second-unknown", "tabs")
]


def header_lines(text: str) -> dict[int, str]:
    """Line -> id of each line that starts a quiz block (outside fences), lines counted as an
    editor counts them."""
    lines, fence = {}, False
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if line.lstrip(" >").startswith("```"):
            fence = not fence
        elif not fence and HEADER.match(line):
            lines[number] = line.partition("|")[2].strip()
    return lines


@pytest.mark.parametrize(("name", "crlf"), EMBED_CASES)
def test_an_embed_renders_the_quiz_or_stops_the_build_with_page_and_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, name: str, crlf: bool
) -> None:
    text, quizzes = EMBEDS[name]
    raw = (text.replace("\n", "\r\n") if crlf else text).encode("utf-8")
    config = make_site(
        tmp_path,
        {"docs/index.md": "# Home\n", "docs/page.md": raw, **QUIZZES},
        mkdocs_yml=EMBED_SITE,
    )
    headers = header_lines(text)
    try:
        with caplog.at_level(logging.WARNING):
            site = build_site(config)
    except Abort:  # any other exception is a traceback for the instructor: the test fails with it
        errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
        assert len(errors) == 1, errors
        headline, *lines = errors[0].split("\n")
        assert re.fullmatch(r"handbook-quiz: \d+ problems? in (?:\d+ files?|pages):", headline), (
            headline
        )
        assert lines, errors[0]
        for line in lines:
            match = re.fullmatch(
                r"docs/page\.md:(\d+): (?:quiz block|no quiz has the id) '([^']*)'.*", line
            )
            assert match, line
            number, quiz_id = int(match.group(1)), match.group(2)
            assert number in headers, f"{line} (blocks start at lines {sorted(headers)})"
            assert headers[number] == quiz_id, (
                f"{line} (line {number} holds the block for '{headers[number]}')"
            )
        return
    html = (site / "page" / "index.html").read_text(encoding="utf-8")
    shown = re.sub(r"<pre.*?</pre>|<code.*?</code>|<script.*?</script>", "", html, flags=re.DOTALL)
    assert not re.search(r"///\s*quiz", shown), (
        "a quiz block reached readers as text, with no error"
    )
    assert "hq-error" not in html
    assert len(re.findall(r'<div class="hq-quiz" id="', html)) == quizzes


class Pages:
    """The plugin's Markdown path without a build: a registry, the quiz extension, a converter."""

    def __init__(self) -> None:
        registry = QuizRegistry()
        for quiz_id, text in (("rapport-check", KNOWLEDGE), ("rapport-self", SELF)):
            quiz, _ = validate(load_text(text, f"quizzes/{quiz_id}.yml"), quiz_id)
            registry.quizzes[quiz_id] = quiz
        inner = markdown.Markdown(extensions=["attr_list"])
        self.embedder = Embedder(
            registry, Renderer(lambda text: inner.reset().convert(text), labels_for("en"), "t")
        )
        self.md = markdown.Markdown(
            extensions=[
                "admonition",
                "attr_list",
                "md_in_html",
                "pymdownx.details",
                "pymdownx.superfences",
                "pymdownx.tabbed",
                QuizExtension(self.embedder),
            ],
            extension_configs={"pymdownx.tabbed": {"alternate_style": True}},
        )

    def convert(self, text: str) -> tuple[str, list[str]]:
        self.embedder.start_page("docs/page.md", text, lambda path, anchor, source: path + anchor)
        html = self.md.reset().convert(text)
        self.embedder.finish_page(html)
        issues, self.embedder.errors = self.embedder.errors, []
        return html, [str(issue) for issue in issues]  # as the terminal shows them


PAGES = Pages()
PAGES.convert(
    "/// quiz | rapport-check\n///\n"
)  # templates compiled and extensions loaded before any timing
SPACE = st.sampled_from(["", " ", "  ", "\t", " \t ", "\u00a0"])
CONTAINERS = {  # how the block is wrapped, and on which line of the page its header then is
    "top": (lambda block: block, 3),
    "admonition": (
        lambda block: (
            '!!! note "Check"\n\n' + "".join(f"    {line}\n" for line in block.splitlines())
        ),
        5,
    ),
    "details": (
        lambda block: (
            '??? question "Check"\n\n' + "".join(f"    {line}\n" for line in block.splitlines())
        ),
        5,
    ),
    "blockquote": (lambda block: "".join(f"> {line}\n" for line in block.splitlines()), 3),
    "list": (
        lambda block: "- Item\n\n" + "".join(f"    {line}\n" for line in block.splitlines()),
        5,
    ),
}


@HOSTILE
@given(
    before=SPACE,
    between=SPACE,
    after_bar=SPACE,
    after_id=SPACE,
    quiz_id=st.one_of(
        st.sampled_from(
            ["rapport-check", "rapport-self", "rapport-chek", "", "Rapport-Check", "x y", "<b>"]
        ),
        st.text(st.characters(blacklist_categories=["Cs", "Cc", "Zl", "Zp"]), max_size=12),
    ),
    container=st.sampled_from(sorted(CONTAINERS)),
    crlf=st.booleans(),
)
def test_any_block_header_renders_or_names_its_line(
    before: str,
    between: str,
    after_bar: str,
    after_id: str,
    quiz_id: str,
    container: str,
    crlf: bool,
) -> None:
    """Odd whitespace, ids and wrappers: the quiz, or an error at the block's own line, never
    silence.

    (A header without the '|' is a known bug, tested in test_markdown.py.)
    """
    wrap, line = CONTAINERS[container]
    block = f"///{before}quiz{between}|{after_bar}{quiz_id}{after_id}\n///\n"
    page = "# Page\n\n" + wrap(block)
    if crlf:
        page = page.replace("\n", "\r\n")
    html, errors = PAGES.convert(page)
    quizzes = re.findall(r'<div class="hq-quiz" id="hq-([^"]+)"', html)
    if errors:
        assert quizzes == []
        assert all(str(error).startswith(f"docs/page.md:{line}:") for error in errors), errors
    else:
        assert quizzes in (["rapport-check"], ["rapport-self"]), html
        assert quiz_id.strip() == quizzes[0]


# ---------- Markdown that Python-Markdown cannot render fast or at all ----------

HOSTILE_MARKDOWN = {
    # name: (text, field, what the message says); bench/hostile.py times each
    "12,000 '['": ("[" * 12_000, "text", "is 12,000 characters long"),
    "5 unclosed '[a]('": ("[a](" * 5, "text", "open at once"),
    "21 '['": ("[a] " * 21, "text", "holds 21 '['"),
    "1,000 nested '**'": ("**" * 1_000 + "x" + "**" * 1_000, "text", "nests emphasis"),
    "600 nested '- '": ("- " * 600 + "x", "vignette", "nests lists"),
    "100 nested divs": ('<div markdown="1">\n' * 100, "vignette", "nests HTML tags"),
    "render token": ("a \x00id\x00 b", "explanation", "control character U+0000"),
}


def hostile_quiz(text: str, field: str) -> str:
    """A one-question quiz whose ``field`` (the question's text, vignette...) holds ``text``."""
    quoted = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    quoted = quoted.replace("\x00", "\\0")  # YAML lets a control character in only escaped
    fields = {"text": "Q", field: f'"{quoted}"'}
    entry = "\n    ".join(f"{key}: {value}" for key, value in fields.items())
    return (
        f"type: knowledge\ntitle: T\nchapter: index.md\nquestions:\n  - {entry}\n"
        "    choices:\n      - text: a\n        correct: true\n      - text: b\n"
    )


@pytest.mark.parametrize("name", HOSTILE_MARKDOWN)
def test_hostile_markdown_is_refused_at_its_field(name: str) -> None:
    text, field, says = HOSTILE_MARKDOWN[name]
    quiz, issues = check(hostile_quiz(text, field))
    assert quiz is None and len(issues) == 1, issues
    path = "questions[1].text" if field == "text" else f"questions[1].{field}"
    assert issues[0].path == path and says in issues[0].message, str(issues[0])


def test_a_build_and_handbook_check_stop_at_the_same_hostile_field(tmp_path: Path) -> None:
    """The same message from both, before any Markdown is rendered (the build took minutes)."""
    files = {
        "docs/index.md": "# Home\n\n/// quiz | x\n///\n",
        "quizzes/x.yml": hostile_quiz("[" * 12_000, "text"),
    }
    config = make_site(tmp_path, files)
    expected = (
        "quizzes/x.yml:5:11: questions[1].text: is 12,000 characters long, over the limit of "
        "5,000 for one text: shorten it or split it over several questions"
    )
    with pytest.raises(Abort):
        build_site(config)
    check = subprocess.run(
        [sys.executable, "-m", "handbook_quiz.cli", "check"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 1 and expected in check.stdout + check.stderr, check


# ---------- 1,000 quizzes with one title ----------

SAME_TITLE = """\
type: knowledge
title: Check your understanding
chapter: index.md
questions:
  - text: Ready?
    choices:
      - text: "Yes"
        correct: true
      - text: "No"
"""


def test_a_thousand_quizzes_with_one_title_build_into_distinct_pages(tmp_path: Path) -> None:
    count = 1000
    ids = [f"check-{n:04d}" for n in range(count)]
    files = {f"quizzes/{quiz_id}.yml": SAME_TITLE for quiz_id in ids}
    files["docs/index.md"] = "# Home\n\n" + "\n".join(
        f"/// quiz | {quiz_id}\n///\n" for quiz_id in ids
    )
    light = (
        "site_name: Many\ntheme:\n  name: mkdocs\nplugins:\n  - handbook-quiz: {lint: false}\n"
        "markdown_extensions:\n  - attr_list\n"
    )
    config = make_site(tmp_path, files, mkdocs_yml=light)
    site = build_site(config, strict=True)

    home = (site / "index.html").read_text(encoding="utf-8")
    roots = re.findall(r'<div class="hq-quiz" id="([^"]+)" data-hq-quiz="([^"]+)"', home)
    assert [quiz_id for _, quiz_id in roots] == ids
    assert len({dom_id for dom_id, _ in roots}) == count
    all_ids = re.findall(r'\sid="([^"]+)"', home)
    assert len(all_ids) == len(set(all_ids)), "DOM ids collide"

    pages = sorted(p.parent.name for p in (site / "quizzes").glob("*/index.html"))
    assert pages == ids
    for quiz_id in ids[::97]:
        page = (site / "quizzes" / quiz_id / "index.html").read_text(encoding="utf-8")
        assert f'data-hq-quiz="{quiz_id}"' in page and "Check your understanding" in page

    index = (site / "quizzes" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a [^>]*href="([^"]+)"[^>]*>Check your understanding</a>', index)
    assert len(links) == count and len(set(links)) == count
