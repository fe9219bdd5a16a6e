"""The instructor guide (docs/instructors/) against the code it documents.

The guide's quiz reference shows three example quizzes as source and as embedded quizzes; these
tests keep the examples valid and complete, keep every key of the JSON Schema, every plugin option
and every interface label documented, and keep the error table in step with the messages the
loader, the validator, the registry and the embedder really produce.
"""

from __future__ import annotations

import html
import logging
import re
from functools import cache
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from handbook_quiz.config import QuizConfig
from handbook_quiz.embed import scan_block_lines
from handbook_quiz.errors import QuizIssue
from handbook_quiz.labels import ENGLISH
from handbook_quiz.loader import MAX_BYTES, load_file, load_text
from handbook_quiz.schema import quiz_schema
from handbook_quiz.validate import validate
from unit_helpers import GOLDEN, KNOWLEDGE, check_path, dedent, make_site

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
GUIDE = DOCS / "instructors"
REFERENCE = GUIDE / "quiz-reference.md"
ERRORS = GUIDE / "errors.md"
TRANSLATING = GUIDE / "translating.md"

GUIDE_PAGES = (
    "index.md",
    "adding-a-chapter.md",
    "quiz-reference.md",
    "errors.md",
    "publishing.md",
    "translating.md",
    "lms-export.md",
)
EXAMPLES = ("guide-knowledge", "guide-self-assessment", "guide-two-perspectives")
SCHEMA_LINE = "# yaml-language-server: $schema=../plugins/handbook_quiz/schema/quiz.schema.json\n"


@cache
def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def example_data(quiz_id: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(read(ROOT / "quizzes" / f"{quiz_id}.yml"))
    return data


def keys_of(entries: list[dict[str, Any]]) -> set[str]:
    return {key for entry in entries for key in entry}


def schema_properties() -> dict[str, set[str]]:
    """The keys the schema allows at each place an instructor writes one."""
    defs = quiz_schema()["$defs"]
    sa = defs["selfAssessment"]["properties"]
    return {
        "knowledge": set(defs["knowledge"]["properties"]),
        "selfAssessment": set(sa),
        "question": set(defs["question"]["properties"]),
        "choice": set(defs["choice"]["properties"]),
        "item": set(defs["item"]["properties"]),
        "subscale": set(defs["subscale"]["properties"]),
        "band": set(defs["bands"]["items"]["properties"]),
        "scale": set(sa["scale"]["properties"]),
        "scoring": set(sa["scoring"]["properties"]),
    }


# ---------- the example quizzes ----------


@pytest.mark.parametrize("quiz_id", EXAMPLES)
def test_example_quiz_loads_and_validates(quiz_id: str) -> None:
    path = ROOT / "quizzes" / f"{quiz_id}.yml"
    quiz, issues = validate(load_file(path, f"quizzes/{quiz_id}.yml"), quiz_id, DOCS)
    assert issues == [], "\n".join(map(str, issues))
    assert quiz is not None and quiz.id == quiz_id
    assert quiz.chapter == "instructors/quiz-reference.md"
    assert read(path).startswith(SCHEMA_LINE), (
        f"{path.name} must start with the editor's schema line"
    )


def test_knowledge_example_uses_every_knowledge_key() -> None:
    data, keys = example_data("guide-knowledge"), schema_properties()
    assert set(data) == keys["knowledge"]
    assert keys_of(data["questions"]) == keys["question"]
    assert keys_of([c for q in data["questions"] for c in q["choices"]]) == keys["choice"]
    assert any(sum(bool(c.get("correct")) for c in q["choices"]) > 1 for q in data["questions"]), (
        "the knowledge example needs a select-all question"
    )


def test_self_assessment_example_uses_every_self_assessment_key() -> None:
    data, keys = example_data("guide-self-assessment"), schema_properties()
    assert set(data) == keys["selfAssessment"] - {"perspectives"}  # perspectives: the third example
    assert set(data["scale"]) == keys["scale"]
    assert keys_of(data["subscales"]) == keys["subscale"]
    assert keys_of(data["items"]) == keys["item"]
    assert set(data["scoring"]) == keys["scoring"]
    bands = data["scoring"]["bands"] + [b for s in data["subscales"] for b in s.get("bands", [])]
    assert keys_of(bands) == keys["band"]
    assert any("bands" in s for s in data["subscales"]) and any(
        "bands" not in s for s in data["subscales"]
    )
    assert any(item.get("reverse") for item in data["items"])


def test_two_perspectives_example_words_everything_per_perspective() -> None:
    data = example_data("guide-two-perspectives")
    perspectives = set(data["perspectives"])
    assert len(perspectives) == 2
    assert all(set(item["text"]) == perspectives for item in data["items"])
    assert any(
        isinstance(s["title"], dict) and set(s["title"]) == perspectives for s in data["subscales"]
    )
    assert any(
        isinstance(b.get("text"), dict) and set(b["text"]) == perspectives
        for b in data["scoring"]["bands"]
    )
    assert isinstance(data["results"], dict) and set(data["results"]) == perspectives


def test_quiz_reference_shows_each_example_as_source_and_embeds_it() -> None:
    text = read(REFERENCE)
    embedded = [block.argument for block in scan_block_lines(text)]
    for quiz_id in EXAMPLES:
        assert embedded.count(quiz_id) == 1, (
            f"quiz-reference.md must embed '/// quiz | {quiz_id}' once"
        )
        source = f'```yaml\n--8<-- "{quiz_id}.yml"\n```\n\n'
        assert source in text, (
            f"quiz-reference.md must include quizzes/{quiz_id}.yml in a yaml fence"
        )
        # the live quiz follows its source, so readers see what the YAML gives
        after = text.index(source) + len(source)
        assert text.find(f"/// quiz | {quiz_id}\n///", after) > 0
        assert text.find("```yaml\n--8<--", after, text.find(f"/// quiz | {quiz_id}", after)) == -1


def test_mkdocs_yml_reads_snippets_from_quizzes_and_lists_the_guide() -> None:
    config = read(ROOT / "mkdocs.yml")
    assert re.search(r"pymdownx\.snippets:\s*\n\s+base_path: \[includes, quizzes\]", config)
    nav = config[config.index("\nnav:") :]
    assert nav.index("- About: about.md") < nav.index("- Instructor guide:")
    for page in GUIDE_PAGES:
        assert f"instructors/{page}" in nav, f"the nav must list instructors/{page}"


# ---------- the reference is complete ----------


@pytest.mark.parametrize("place", sorted(schema_properties()))
def test_every_schema_key_is_in_the_quiz_reference(place: str) -> None:
    text = read(REFERENCE)
    missing = sorted(key for key in schema_properties()[place] if f"`{key}`" not in text)
    assert missing == [], (
        f"quiz-reference.md does not mention these {place} keys in backticks: {missing}"
    )


def test_every_plugin_option_is_in_the_guide() -> None:
    options = [
        name
        for name, value in vars(QuizConfig).items()
        if not name.startswith("_") and hasattr(value, "default")
    ]
    assert "storage_id" in options and "labels" in options  # the discovery itself works
    guide = "".join(read(GUIDE / page) for page in GUIDE_PAGES)
    assert [name for name in options if f"`{name}`" not in guide] == []
    table = read(REFERENCE).split("{#plugin-options}", 1)[1]
    assert sorted(re.findall(r"^\| `(\w+)` \|", table, re.MULTILINE)) == sorted(options), (
        "the plugin options table must list exactly the options of QuizConfig"
    )


def test_every_interface_label_is_in_translating() -> None:
    text = read(TRANSLATING)
    assert [key for key in ENGLISH if f"| `{key}` | `{ENGLISH[key]}` |" not in text] == []


@pytest.mark.parametrize("page", GUIDE_PAGES)
def test_every_h2_has_an_explicit_id(page: str) -> None:
    text = re.sub(r"```.*?```", "", read(GUIDE / page), flags=re.DOTALL)
    headings = re.findall(r"^## .*$", text, re.MULTILINE)
    assert headings, f"{page} has no H2"
    assert [h for h in headings if not re.search(r"\{#[a-z0-9-]+\}$", h)] == []


# ---------- the error table matches the real messages ----------


@cache
def documented_patterns() -> list[re.Pattern[str]]:
    """Each message in the first column of errors.md's tables, with `<...>` standing for any
    text."""
    messages = re.findall(r"^\| `(.+?)` \|", read(ERRORS), re.MULTILINE)
    assert len(messages) > 40
    return [re.compile(re.sub(r"<[^<>]+>", ".+?", re.escape(message))) for message in messages]


def assert_documented(message: str) -> None:
    assert any(p.fullmatch(message) for p in documented_patterns()), (
        f"errors.md does not list: {message}"
    )


def test_the_error_table_renders_messages_with_pipes_intact() -> None:
    html = markdown.markdown(read(ERRORS), extensions=["tables", "admonition"])
    assert (
        "<code>quiz block '&lt;id&gt;' must be empty: write '/// quiz | &lt;id&gt;' "
        "and then '///' on the next line</code>" in html
    )


GOLDEN_CASES = sorted((GOLDEN / "validate").glob("*.yml"))


@pytest.mark.parametrize("path", GOLDEN_CASES, ids=lambda p: p.stem)
def test_every_validation_message_is_in_the_error_table(path: Path) -> None:
    for issue in check_path(path)[1]:
        assert_documented(issue.message)


LOADER_CASES = {
    "empty": "# only a comment\n",
    "not a mapping": "- type: knowledge\n",
    "merge key": "base: &b {title: x}\nquiz:\n  <<: *b\n",
    "number key": "1: x\n",
    "list key": "[a, b]: x\n",
    "unknown tag": "title: !foo x\n",
    "self alias": "a: &a [*a]\n",
    "too deep": "a: " + "[" * 25 + "]" * 25 + "\n",
    "alias bomb": "a: &a ["
    + ",".join(["x"] * 30)
    + "]\n"
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 30) + "]\n"
        for i in range(3)
    ),
    "tab": "title: a\n\tx: 1\n",
    "open quote": 'title: "abc\nx: 1\n',
    "duplicate key": "title: a\ntitle: b\n",
}


@pytest.mark.parametrize("text", LOADER_CASES.values(), ids=LOADER_CASES.keys())
def test_every_loader_message_is_in_the_error_table(text: str) -> None:
    issues = validate(load_text(text, "quizzes/x.yml"), "x")[1]
    assert issues
    for issue in issues:
        assert_documented(issue.message)


def test_file_level_messages_are_in_the_error_table(tmp_path: Path) -> None:
    (tmp_path / "big.yml").write_bytes(b"#" * (MAX_BYTES + 1))
    (tmp_path / "latin.yml").write_bytes("title: Caf\u00e9\n".encode("latin-1"))
    (tmp_path / "Bad Name.yml").write_text(
        "type: knowledge\ntitle: x\nquestions: []\n", encoding="utf-8"
    )
    for path in tmp_path.iterdir():
        for issue in validate(load_file(path, path.name), path.stem)[1]:
            assert_documented(issue.message)


PLUGIN_PREFIX = re.compile(r"^(?:handbook-quiz: )+")
PAGE_PREFIX = re.compile(r"^docs/page\.md:\d+: |^quizzes/[\w.-]+:\d+:\d+: (?:[\w.\[\]]+: )?")


def serve_build(config_file: Path, caplog: pytest.LogCaptureFixture) -> tuple[list[str], str]:
    """Build as ``mkdocs serve`` does (problems logged and shown on pages, not raised).

    Returns each logged problem line, without headlines, and the built ``page.md`` as HTML.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(config_file))
    config.plugins.on_startup(command="serve", dirty=False)
    with caplog.at_level(logging.WARNING):
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    lines = [
        PLUGIN_PREFIX.sub("", line)
        for record in caplog.records
        if record.levelno >= logging.WARNING
        for line in record.getMessage().splitlines()
    ]
    problems = [line for line in lines if not re.match(r"\d+ problems? in ", line)]
    return problems, (Path(config.site_dir) / "page" / "index.html").read_text(encoding="utf-8")


def test_build_and_page_messages_are_in_the_error_table(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with_id = KNOWLEDGE.replace("type: knowledge", "type: knowledge\nid: same")
    config = make_site(
        tmp_path,
        {
            "quizzes/one.yml": with_id,
            "quizzes/two.yml": with_id,
            "quizzes/broken.yml": "type: knowledge\ntitle: x\nquestions: []\n",
            "quizzes/linked.yml": KNOWLEDGE + "description: See [gone](gone.md).\n",
            "quizzes/unused.yml": KNOWLEDGE,
            "docs/index.md": "# Home\n\n/// quiz | same\n///\n",
            "docs/page.md": "# Page\n\n/// quiz | nope\n///\n\n/// quiz | broken\n///\n\n"
            "/// quiz | linked\n///\n\n/// quiz | linked\ntext\n///\n\n"
            "/// quiz | linked\n    attrs: {class: x}\n///\n\n/// quiz | linked\n",
        },
    )
    logged, page = serve_build(config, caplog)
    # The error boxes shown in place of the quizzes hold the same messages (and the follow-on one).
    boxed = re.findall(r"docs/page\.md:\d+: ([^<]+)", html.unescape(page))
    messages = [PAGE_PREFIX.sub("", line) for line in logged] + boxed
    for expected in (
        "duplicate quiz id",
        "no quiz has the id",
        "has errors, see",
        "must be empty",
        "not recognised",
        "is never closed",
        "does not match any page",
        "is not embedded",
    ):
        assert any(expected in message for message in messages), (
            f"no '{expected}' message in {messages}"
        )
    for message in messages:
        assert_documented(message)


def test_error_examples_in_the_guide_are_real_messages() -> None:
    """The message the guide dissects, and the one in the knowledge example, come from the
    validator."""
    text = dedent("""
        type: knowledge
        title: MI
        questions:
          - text: One
            choices: [{text: a, correct: true}, {text: b}]
          - text: Two
            choices: [{text: a, correct: true}, {text: b}]
          - id: open-questions
            text: Three
            choices:
              - text: a
              - text: b
    """)
    issues = validate(load_text(text, "quizzes/mi-check.yml"), "mi-check")[1]
    assert [f"{i.path}: {i.message}" for i in issues] == [
        "questions[3] (id: open-questions).choices: no choice is marked 'correct: true': "
        "mark at least one"
    ]
    assert isinstance(issues[0], QuizIssue)
    for page in ("errors.md", "adding-a-chapter.md"):
        assert (
            "questions[3] (id: open-questions).choices: no choice is marked 'correct: true': "
            "mark at least one" in read(GUIDE / page)
        )
