"""The seam for question kinds: a kind added from outside the package, in one module.

tests/kinds/truefalse.py (a true/false question in a knowledge check) is registered with the
public ``register_kind`` and then validated, rendered, scored, exported, linted and timed like the
built-in kinds, with no edit anywhere in the plugin: the kind is that file, and this test. The
built-in kinds' schema parts are the shipped schema's.
"""

from __future__ import annotations

import io
import re
import sys
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from handbook_quiz import assets, kinds
from handbook_quiz.export.answers import export_answers
from handbook_quiz.export.cli import _summary
from handbook_quiz.export.gift import export_gift
from handbook_quiz.export.moodle_xml import export_moodle_xml
from handbook_quiz.export.qti import export_qti
from handbook_quiz.export.text import Site, Text
from handbook_quiz.lint import CODES, lint_quizzes
from handbook_quiz.loader import load_text
from handbook_quiz.model import Question
from handbook_quiz.schema import effective_schema, quiz_schema
from handbook_quiz.scoring import content_hash, knowledge_score
from handbook_quiz.timing import reading_minutes
from handbook_quiz.validate import validate
from unit_helpers import SELF, check_text, dedent, make_renderer, quiz_from

sys.path.insert(0, str(Path(__file__).parents[1]))
import qti_reader  # noqa: E402
from kinds.truefalse import TrueFalseKind, TrueFalseQuestion  # noqa: E402

QUIZ = dedent("""
    type: knowledge
    title: True or false
    questions:
      - id: offline
        kind: true-false
        text: The quiz pages work without a server.
        answer: true
        explanation: Answers stay in the browser.
      - id: pick
        text: Which one is a vegetable?
        choices:
          - text: A carrot
            correct: true
          - text: A stone
      - id: sent
        kind: true-false
        text: Answers are sent to the instructor.
        answer: false
""")


@pytest.fixture
def true_false() -> Iterator[TrueFalseKind]:
    kind = TrueFalseKind()
    kinds.register_kind(kind)
    yield kind
    kinds.unregister_kind(kind.name)


def test_a_kind_is_registered_and_selected_by_its_key(true_false: TrueFalseKind) -> None:
    assert kinds.kind_for_entry("knowledge", {"kind": "true-false"}) is true_false
    assert kinds.kind_for_entry("knowledge", {"text": "x"}) is kinds.default_kind("knowledge")
    assert kinds.kind_for_entry("knowledge", {"kind": "nope"}) is None
    with pytest.raises(ValueError, match="already registered"):
        kinds.register_kind(TrueFalseKind())


def test_it_is_validated_into_its_own_model(true_false: TrueFalseKind) -> None:
    quiz = quiz_from(QUIZ)
    first, second, third = quiz.questions
    assert isinstance(first, TrueFalseQuestion) and first.answer is True
    assert isinstance(third, TrueFalseQuestion) and third.answer is False
    assert kinds.question_kind(second).name == "choice"
    assert [c.correct for c in third.choices] == [False, True]


@pytest.mark.parametrize(
    ("line", "replacement", "message"),
    [
        (
            "    answer: true",
            "    answer: maybe",
            "quizzes/x.yml:7:13: questions[1] (id: offline).answer: "
            "expected true or false, got text",
        ),
        (
            "    answer: true",
            "    answer: yes",
            "quizzes/x.yml:7:13: questions[1] (id: offline).answer: 'yes' is not allowed here: "
            "write true or false (YAML reads 'yes' as true, but this format takes only the words "
            "true and false)",
        ),
        (
            "    kind: true-false\n    text: The quiz",
            "    kind: true-fals\n    text: The quiz",
            "quizzes/x.yml:5:11: questions[1] (id: offline).kind: 'true-fals' is not allowed: "
            "use one of true-false (did you mean 'true-false'?)",
        ),
        (
            "without a server.",
            "without a server?",
            "quizzes/x.yml:6:11: questions[1] (id: offline).text: a true/false question is a "
            "statement to judge, not a question: end it with a full stop, e.g. 'Ruptures are "
            "rare.'",
        ),
        (
            "    answer: true\n",
            "",
            "quizzes/x.yml:4:5: questions[1] (id: offline): missing required key 'answer'",
        ),
    ],
    ids=["not-a-boolean", "yes-word", "unknown-kind", "a-question", "no-answer"],
)
def test_a_bad_value_is_a_clear_file_line_error(
    true_false: TrueFalseKind, line: str, replacement: str, message: str
) -> None:
    assert QUIZ.count(line) == 1
    quiz, issues = check_text(QUIZ.replace(line, replacement))
    assert quiz is None
    assert [str(issue) for issue in issues] == [message]


def test_unregistered_the_plugin_does_not_know_it() -> None:
    quiz, issues = check_text(QUIZ)
    assert quiz is None
    assert any(
        str(issue).startswith(
            "quizzes/x.yml:5:5: questions[1] (id: offline).kind: unknown key 'kind'"
        )
        for issue in issues
    )


def test_it_is_rendered_by_its_own_partial(true_false: TrueFalseKind) -> None:
    html = make_renderer().render(quiz_from(QUIZ))
    questions = re.findall(r'<fieldset class="hq-question[^"]*" id="[^"]*-(\w+)"', html)
    assert questions == ["offline", "pick", "sent"]
    offline = html[html.index('data-hq-qid="offline"') : html.index('data-hq-qid="pick"')]
    assert 'class="hq-question hq-true-false"' in html
    assert re.findall(r'data-hq-choice="(\d)"( data-hq-correct)?><input type="radio"', offline) == [
        ("0", " data-hq-correct"),
        ("1", ""),
    ]
    assert "<label" in offline and ">True</label>" in offline and ">False</label>" in offline
    assert '<p class="hq-true-false-key">True</p>' in offline
    assert "Answers stay in the browser." in offline
    assert 'data-hq-questions="offline:2 pick:2 sent:2"' in html  # the runtime's record check


def test_a_box_names_its_browser_behaviour_unless_it_is_the_default() -> None:
    """The runtime (``HandbookQuiz.kinds.of``) takes a question box without ``data-hq-kind``
    for a choice question: a kind with its own behaviour says so on its box."""

    class OwnBehaviour(TrueFalseKind):
        name: ClassVar[str] = "true-false-own"
        key: ClassVar[str | None] = "true-false-own"
        js_behaviour: ClassVar[str] = "truefalse"

    kinds.register_kind(OwnBehaviour())
    try:
        html = make_renderer().render(
            quiz_from(QUIZ.replace("kind: true-false", "kind: true-false-own"))
        )
    finally:
        kinds.unregister_kind(OwnBehaviour.name)
    assert re.findall(r'data-hq-qid="(\w+)"( data-hq-kind="\w+")?', html) == [
        ("offline", ' data-hq-kind="truefalse"'),
        ("pick", ""),
        ("sent", ' data-hq-kind="truefalse"'),
    ]
    assert "data-hq-kind" not in make_renderer().render(quiz_from(SELF))


def test_it_is_scored_and_hashed_by_its_kind(true_false: TrueFalseKind) -> None:
    quiz = quiz_from(QUIZ)
    assert knowledge_score(quiz, {"offline": [0], "pick": [0], "sent": [1]}) == (3, 3, None)
    assert knowledge_score(quiz, {"offline": [1], "pick": [0], "sent": [0]}) == (1, 3, None)
    assert knowledge_score(quiz, {}) == (0, 3, None)
    flipped = quiz_from(QUIZ.replace("answer: false", "answer: true"))
    assert content_hash(flipped) != content_hash(quiz)
    reworded = quiz_from(QUIZ.replace("Answers are sent", "Your answers are sent"))
    assert content_hash(reworded) == content_hash(quiz)


def test_it_is_exported_in_every_knowledge_format(true_false: TrueFalseKind) -> None:
    quiz, text = quiz_from(QUIZ), Text(Site())
    gift = export_gift(quiz, text)["gift/x.gift.txt"].decode()
    assert "::x.offline::[html]<p>The quiz pages work without a server.</p>{TRUE\n" in gift
    assert "\t####<p>Answers stay in the browser.</p>\n}" in gift
    assert "::x.sent::[html]<p>Answers are sent to the instructor.</p>{FALSE\n}" in gift
    assert "::x.pick::[html]" in gift

    root = ET.fromstring(export_moodle_xml(quiz, text)["moodle-xml/x.xml"])
    types = [(q.get("type"), q.findtext("idnumber")) for q in root.iter("question")]
    assert types == [
        ("category", "x"),
        ("truefalse", "x.offline"),
        ("multichoice", "x.pick"),
        ("truefalse", "x.sent"),
    ]
    sent = root.findall("question")[3]
    assert [(a.findtext("text"), a.get("fraction")) for a in sent.iter("answer")] == [
        ("true", "0"),
        ("false", "100"),
    ]

    problems, items = qti_reader.read_package(export_qti(quiz, text)["qti/x.zip"])
    assert problems == []
    assert [(i.identifier, [c.text for c in i.choices], i.correct) for i in items] == [
        ("item.x.offline", ["True", "False"], ["C1"]),
        ("item.x.pick", ["A carrot", "A stone"], ["C1"]),
        ("item.x.sent", ["True", "False"], ["C2"]),
    ]
    assert zipfile.ZipFile(io.BytesIO(export_qti(quiz, text)["qti/x.zip"])).testzip() is None

    key = export_answers(quiz, text)["answers/x.html"].decode()
    assert "<tr><td>1</td><td>offline</td><td>True</td></tr>" in key
    assert "<tr><td>3</td><td>sent</td><td>False</td></tr>" in key
    assert "<tr><td>2</td><td>pick</td><td>a</td></tr>" in key
    assert "<p><strong>False.</strong></p>" in key


def test_every_kind_names_its_parts(true_false: TrueFalseKind) -> None:
    for kind in kinds.registered():
        assert kind.name and kind.js_behaviour and kind.template.startswith("kinds/")
        assert kind.quiz_type in kinds.ENTRY_LISTS
    assert [k.name for k in kinds.kinds_for("knowledge")] == ["choice", "true-false"]
    assert [k.name for k in kinds.kinds_for("self-assessment")] == ["scale"]


def test_each_built_in_kind_has_its_browser_behaviour() -> None:
    """``js_behaviour`` names an object of the runtime: assets/js/kinds/<name>.js defines
    ``HandbookQuiz.kinds.<name>``, and the shipped quiz.js is built with it."""
    shipped = (assets.ASSETS / "quiz.js").read_text(encoding="utf-8")
    sources = {f.name: f.read_text(encoding="utf-8") for f in assets.source_files("kinds/*")}
    for kind in kinds.registered():
        source = sources.get(f"{kind.js_behaviour}.js", "")
        assert f"HQ.kinds.{kind.js_behaviour} = " in source, kind.name
        assert f"HQ.kinds.{kind.js_behaviour} = " in shipped, kind.name


def test_the_built_in_kinds_schema_parts_are_the_shipped_schema() -> None:
    shipped = quiz_schema()
    assert effective_schema() is shipped  # only built-in kinds: the published schema, unchanged
    for kind in kinds.registered():
        for name, definition in kind.definitions().items():
            assert shipped["$defs"][name] == definition, f"{kind.name}: $defs/{name}"
        definition, list_key = kinds.ENTRY_LISTS[kind.quiz_type]
        entries = shipped["$defs"][definition]["properties"][list_key]["items"]
        if kind.key is None and len(kinds.kinds_for(kind.quiz_type)) == 1:
            assert entries == kind.schema()  # the type's only kind: its entries are this kind's


def test_a_registered_kind_joins_the_schema_of_its_type_only(true_false: TrueFalseKind) -> None:
    schema = effective_schema()
    questions = schema["$defs"]["knowledge"]["properties"]["questions"]["items"]
    assert [branch["then"] for branch in questions["allOf"][:2]] == [
        {"$ref": "#/$defs/question"},
        true_false.schema(),
    ]
    assert schema["$defs"]["selfAssessment"] == quiz_schema()["$defs"]["selfAssessment"]
    assert "allOf" not in quiz_schema()["$defs"]["knowledge"]["properties"]["questions"]["items"]


def _warnings(text: str) -> list[str]:
    """The item-writing warnings for one quiz file, as ``handbook check --lint`` prints them."""
    loaded = load_text(dedent(text), "quizzes/x.yml")
    quiz, issues = validate(loaded, "x")
    assert quiz is not None and issues == [], issues
    return [str(warning) for warning in lint_quizzes([(quiz, loaded)])]


TRUE_FALSE_LINT = dedent("""
    type: knowledge
    title: Statements
    questions:
""") + "".join(
    f"  - id: s{n}\n    kind: true-false\n    text: Statement {n} is true.\n    answer: true\n"
    f"    explanation: Because.\n"
    for n in range(1, 7)
)


def test_a_true_false_question_gets_no_two_choices_warning(true_false: TrueFalseKind) -> None:
    """Six statements, all true, each with two choices and the key first: no warning about
    choices (two-choices, key-position, key-longest) fits a question whose choices are fixed."""
    assert _warnings(TRUE_FALSE_LINT) == []
    two_choices = TRUE_FALSE_LINT + (
        "  - id: pick\n"
        "    text: Which one is a vegetable?\n"
        "    choices:\n"
        "      - text: A carrot\n"
        "        correct: true\n"
        "        feedback: It is.\n"
        "      - text: A stone\n"
        "        feedback: It is not.\n"
        "    explanation: Carrots are vegetables.\n"
    )
    assert [re.sub(r"^.*warning\[([a-z-]+)\].*$", r"\1", w) for w in _warnings(two_choices)] == [
        "two-choices"
    ]
    assert all("(id: pick)" in w for w in _warnings(two_choices))


def test_a_true_false_question_still_needs_its_explanation(true_false: TrueFalseKind) -> None:
    """``missing-feedback`` applies, but only to the explanation: its choices have no
    ``feedback:`` to ask for."""
    without = TRUE_FALSE_LINT.replace("    explanation: Because.\n", "", 1)
    assert _warnings(without) == [
        "quizzes/x.yml:4:5: questions[1] (id: s1): warning[missing-feedback]: the question has "
        "no 'explanation': say why the key is right"
    ]


def test_every_kind_names_codes_of_its_quiz_type(true_false: TrueFalseKind) -> None:
    for kind in kinds.registered():
        own = {code for code, c in CODES.items() if kind.quiz_type in c.types}
        assert kind.lint_codes is None or kind.lint_codes <= own, kind.name
    assert not true_false.lints("two-choices") and true_false.lints("missing-feedback")
    assert kinds.default_kind("knowledge").lints("two-choices")


def test_reading_time_comes_from_each_kind(true_false: TrueFalseKind) -> None:
    """20 s a true/false statement, 30 s a choice question: 2 x 20 + 30 = 70 s, about 2 min."""
    assert [kinds.kind_of(q).seconds(q) for q in quiz_from(QUIZ).questions] == [20, 30, 20]
    assert reading_minutes(quiz_from(QUIZ)) == 2
    assert reading_minutes(quiz_from(TRUE_FALSE_LINT)) == 2  # 6 x 20 s
    assert reading_minutes(quiz_from(SELF)) == 1  # 3 x 10 s


def test_the_export_note_on_partial_credit_asks_each_kind(
    true_false: TrueFalseKind, capsys: pytest.CaptureFixture[str]
) -> None:
    """``handbook export`` notes Moodle's partial credit only for a quiz with a question whose
    kind gives it (``QuestionKind.multiple``), whatever its choices look like."""

    class Partial(TrueFalseKind):
        name: ClassVar[str] = "true-false-partial"
        key: ClassVar[str | None] = "true-false-partial"

        def multiple(self, question: Question) -> bool:
            return True

    files = {"gift/x.gift.txt": b""}
    _summary(files, [quiz_from(QUIZ)], Path("out"))
    assert "Note:" not in capsys.readouterr().out
    kinds.register_kind(Partial())
    try:
        partial = quiz_from(QUIZ.replace("kind: true-false\n", "kind: true-false-partial\n", 1))
        _summary(files, [partial], Path("out"))
    finally:
        kinds.unregister_kind(Partial.name)
    assert "Note: " in capsys.readouterr().out
