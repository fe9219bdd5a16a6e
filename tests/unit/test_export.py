"""`handbook export`: every format read back by a reader that is not the exporter, and stable runs.

Moodle XML is read by moodle-xml-parser (PyPI), GIFT by tests/gift_reader.py (written from
Moodle's importer, as pygiftparser cannot be installed with Markdown 3.6+), QTI by
tests/qti_reader.py (the package structure the IMS spec gives; PyPI has no QTI 2.1 reader).
Each must give back the questions, choices, correct answers and feedback of the YAML source.
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import click
import markdown
import pytest
from click.testing import CliRunner
from handbook_quiz.export import choice_fractions
from handbook_quiz.export.cli import export, export_quizzes
from handbook_quiz.export.gift import escape as gift_escape
from handbook_quiz.export.moodle_xml import cdata
from handbook_quiz.export.text import EXTENSIONS, Site, Text
from handbook_quiz.loader import load_text
from handbook_quiz.model import Quiz
from handbook_quiz.registry import QuizRegistry
from handbook_quiz.validate import validate
from moodle_xml_parser import parser as moodle_xml_parser

sys.path.insert(0, str(Path(__file__).parents[1]))
import gift_reader  # noqa: E402
import qti_reader  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SITE = Site("https://handbook.example/", True, "The Alliance Handbook", "quizzes")
REGISTRY = QuizRegistry.load(ROOT / "quizzes", ROOT, ROOT / "docs")
KNOWLEDGE = sorted(q for q, quiz in REGISTRY.quizzes.items() if quiz.is_knowledge)
SELF = sorted(q for q, quiz in REGISTRY.quizzes.items() if not quiz.is_knowledge)

TRICKY = """\
type: knowledge
title: "Escapes: ~ = # { } and ]]>"
shuffle: true
questions:
  - id: specials
    vignette: "A client writes `{~=#:}` and says: \\"50% = half\\";
      see [Rapport](rapport.md#skills)."
    text: "Which is right: a \\\\ b, c ~ d, e = f, g # h, {i}, j: k & l?"
    choices:
      - text: "= equals {all} ~ none"
        correct: true
        feedback: "Yes: see [the chapter](rapport.md#skills) and ![a figure](assets/fig.png)."
      - text: "%25% of them"
        feedback: "No ]]> here & there"
      - text: "[html] looks like a format"
    explanation: "Line one: a = b\\n\\nLine two with **bold** and # and \\\\"
  - id: pick-two
    text: Select all that apply.
    choices:
      - {text: A, correct: true, feedback: "a: yes"}
      - {text: B, correct: true}
      - {text: C, feedback: "c: no {really}"}
  - id: lookalikes
    text: "Which of these is a #hashtag?"
    choices:
      - text: "#hashtag"
        correct: true
        feedback: "#yes - a hashtag, not a heading"
      - text: "- a dash, not a list"
        feedback: "1. not a numbered list either"
      - text: "> not a quote"
        feedback: "## not a heading\n\nand one paragraph, not two"
"""

BLOCK_LOOKALIKES = {
    "#hashtag",
    "- a dash, not a list",
    "> not a quote",
    "#yes - a hashtag, not a heading",
    "1. not a numbered list either",
    "## not a heading and one paragraph, not two",
}
"""Choice texts and feedback that block Markdown would turn into a heading, list or quote: inline,
they stay text."""


def tricky_quiz() -> Quiz:
    quiz, issues = validate(load_text(TRICKY, "quizzes/tricky.yml"), "tricky", None)
    assert quiz is not None, issues
    return quiz


def plain(fragment: str) -> str:
    """Visible text: tags dropped, entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def md(source: str) -> str:
    return plain(markdown.markdown(source, extensions=list(EXTENSIONS)))


def md_inline(source: str) -> str:
    """Visible text of an inline field, rendered independently of the exporter: a zero-width space
    in front of each line keeps Python-Markdown from reading '#', '-', '1.' or '>' there as block
    syntax."""
    guarded = "\n".join("\u200b" + line for line in source.replace("\n\n", "\n").splitlines())
    return (
        plain(markdown.markdown(guarded, extensions=list(EXTENSIONS))).replace("\u200b", "").strip()
    )


def expected(quiz: Quiz) -> list[dict[str, Any]]:
    """What any reader must give back, from the YAML source rendered independently."""
    return [
        {
            "key": f"{quiz.id}.{q.id}",
            "text": plain(f"{md(q.vignette)} {md(q.text)}"),
            "choices": [md_inline(c.text) for c in q.choices],
            "correct": [c.correct for c in q.choices],
            "feedback": [md_inline(c.feedback) for c in q.choices],
            "explanation": md(q.explanation),
            "multiple": q.multiple,
        }
        for q in quiz.questions
    ]


def check_moodle_fractions(fractions: list[float], correct: list[bool]) -> None:
    """One correct: 100/0. Select-all: correct share +100, wrong share -100: all picked scores 0."""
    if sum(correct) == 1:
        assert fractions == [100.0 if c else 0.0 for c in correct]
        return
    right = [f for f, c in zip(fractions, correct, strict=True) if c]
    wrong = [f for f, c in zip(fractions, correct, strict=True) if not c]
    assert max(right) - min(right) < 1e-9 and sum(right) == pytest.approx(100, abs=1e-3)
    assert max(wrong) - min(wrong) < 1e-9 and sum(wrong) == pytest.approx(-100, abs=1e-3)
    assert sum(fractions) == pytest.approx(0, abs=1e-3)


def quizzes() -> list[Quiz]:
    return [REGISTRY.quizzes[q] for q in KNOWLEDGE] + [tricky_quiz()]


def test_registry_is_clean() -> None:
    assert REGISTRY.issues == [] and KNOWLEDGE and SELF


@pytest.mark.parametrize("quiz", quizzes(), ids=lambda q: q.id)
def test_gift_round_trip(quiz: Quiz) -> None:
    ((path, data),) = export_quizzes([quiz], "gift", Text(SITE)).items()
    assert path == f"gift/{quiz.id}.gift.txt"
    questions = gift_reader.parse(data.decode("utf-8"))
    got = [
        {
            "key": q.idnumber,
            "text": plain(q.text),
            "choices": [plain(a.text) for a in q.answers],
            "correct": [a.fraction > 0 for a in q.answers],
            "feedback": [plain(a.feedback) for a in q.answers],
            "explanation": plain(q.general_feedback),
            "multiple": not q.single,
        }
        for q in questions
    ]
    assert got == expected(quiz)
    for question, source in zip(questions, quiz.questions, strict=True):
        assert question.name == question.idnumber and question.format == "html"
        assert question.category.endswith(f"/{quiz.title.replace('/', '//')}")
        check_moodle_fractions(
            [a.fraction for a in question.answers], [c.correct for c in source.choices]
        )


@pytest.mark.parametrize("quiz", quizzes(), ids=lambda q: q.id)
def test_moodle_xml_round_trip(quiz: Quiz) -> None:
    ((path, data),) = export_quizzes([quiz], "moodle-xml", Text(SITE)).items()
    assert path == f"moodle-xml/{quiz.id}.xml"
    parsed = moodle_xml_parser.parse_bytes(data)
    questions = parsed["multichoice"]
    got = [
        {
            "key": q.name,
            "text": plain(q.text_pre_parse),
            "choices": [plain(o.answer) for o in q.options],
            "correct": [o.score_fraction > 0 for o in q.options],
            "feedback": [plain(o.feedback or "") for o in q.options],
            "explanation": plain(q.general_feedback or ""),
            "multiple": not q.single,
        }
        for q in questions
    ]
    assert got == expected(quiz)
    for question, source in zip(questions, quiz.questions, strict=True):
        check_moodle_fractions(
            [o.score_fraction for o in question.options], [c.correct for c in source.choices]
        )
        assert question.shuffle_answers is quiz.shuffle
    root = ET.fromstring(data)  # what the library does not read: ids, formats, the category
    assert [
        q.findtext("idnumber") for q in root.iter("question") if q.get("type") == "multichoice"
    ] == [e["key"] for e in expected(quiz)]
    assert {
        el.get("format")
        for el in root.iter()
        if el.find("text") is not None and el.tag not in ("name", "category")
    } == {"html"}
    assert root.find("question[@type='category']/idnumber").text == quiz.id


@pytest.mark.parametrize("quiz", quizzes(), ids=lambda q: q.id)
def test_qti_round_trip_and_structure(quiz: Quiz) -> None:
    ((path, data),) = export_quizzes([quiz], "qti", Text(SITE)).items()
    assert path == f"qti/{quiz.id}.zip"
    problems, items = qti_reader.read_package(data)
    assert problems == []
    got = [
        {
            "key": item.identifier.removeprefix("item."),
            "text": plain(f"{item.vignette} {item.text}"),
            "choices": [plain(c.text) for c in item.choices],
            "correct": [c.identifier in item.correct for c in item.choices],
            "feedback": [plain(c.feedback) for c in item.choices],
            "explanation": plain(item.explanation),
            "multiple": item.cardinality == "multiple",
        }
        for item in items
    ]
    assert got == expected(quiz)
    for item in items:
        assert item.shuffle is quiz.shuffle and item.max_choices == (
            0 if item.cardinality == "multiple" else 1
        )
        assert [c.identifier for c in item.choices] == [
            f"C{i + 1}" for i in range(len(item.choices))
        ]
        # All-or-nothing, as in the handbook: SCORE 1 only when the response is the correct set.
        match = item.processing.find(
            f"{qti_reader.QTI}responseCondition/{qti_reader.QTI}responseIf/{qti_reader.QTI}match"
        )
        assert [qti_reader.local(e.tag) for e in match] == ["variable", "correct"]


def test_tricky_text_survives_every_format() -> None:
    """Escaping is tested above through the readers; here, what an LMS shows for the hard cases."""
    quiz = tricky_quiz()
    gift = export_quizzes([quiz], "gift", Text(SITE))["gift/tricky.gift.txt"].decode()
    assert (
        "\\{i\\}" in gift
        and "\\\\" in gift
        and "&\\#37;25% of them" in gift
        and "&\\#91;html]" in gift
    )
    block = next(
        b for b in gift.split("\n\n") if "::tricky.specials::" in b
    )  # a blank line would end a question
    assert block.rstrip().endswith("}") and "####<p>Line one\\: a \\= b</p>\\n<p>Line two" in block
    assert gift_escape("a\\b~c=d#e{f}g:h\ni") == "a\\\\b\\~c\\=d\\#e\\{f\\}g\\:h\\ni"
    assert (
        cdata("a]]>b") == "<![CDATA[a]]]]><![CDATA[>b]]>"
    )  # Markdown escapes '>' itself; raw HTML may not
    assert ET.fromstring(f"<t>{cdata('a]]>b')}</t>").text == "a]]>b"


@pytest.mark.parametrize("exporter", ["gift", "moodle-xml", "qti"])
def test_choices_and_feedback_are_inline_markdown_in_every_format(exporter: str) -> None:
    """'#hashtag' as a choice is a hashtag in the LMS too, not a heading; '- x' is no list."""
    files = export_quizzes([tricky_quiz()], exporter, Text(SITE))
    data = next(iter(files.values()))
    if exporter == "qti":
        _, items = qti_reader.read_package(data)
        fields = [(c.text, c.feedback) for item in items for c in item.choices]
    elif exporter == "gift":
        fields = [(a.text, a.feedback) for q in gift_reader.parse(data.decode()) for a in q.answers]
    else:
        fields = [
            (o.answer, o.feedback or "")
            for q in moodle_xml_parser.parse_bytes(data)["multichoice"]
            for o in q.options
        ]
    shown = {plain(html) for pair in fields for html in pair}
    assert shown >= BLOCK_LOOKALIKES
    markup = " ".join(html for pair in fields for html in pair)
    assert not re.search(r"<(h[1-6]|ul|ol|li|blockquote|pre|table|p)\b", markup), markup


def test_a_literal_hash_is_escaped_in_gift() -> None:
    gift = export_quizzes([tricky_quiz()], "gift", Text(SITE))["gift/tricky.gift.txt"].decode()
    assert (
        "\t=\\#hashtag#\\#yes - a hashtag, not a heading" in gift
    )  # '\#' in the text, '#' before feedback
    assert "<h1" not in gift and "<ul" not in gift


def test_docs_relative_links_become_absolute() -> None:
    text = Text(SITE)
    assert 'href="https://handbook.example/rapport/#skills"' in text.html("[x](rapport.md#skills)")
    assert 'src="https://handbook.example/assets/fig.png"' in text.html("![f](assets/fig.png)")
    cases = {
        "rapport.md": "https://handbook.example/rapport/",
        "index.md#top": "https://handbook.example/#top",
        "sub/index.md": "https://handbook.example/sub/",
        "sub/page.md?a=1#b": "https://handbook.example/sub/page/?a=1#b",
        "./a/../rapport.md": "https://handbook.example/rapport/",
        "#here": "#here",
        "https://other.org/x.md": "https://other.org/x.md",
        "mailto:a@b.org": "mailto:a@b.org",
        "/abs/path": "https://handbook.example/abs/path",
        "../outside.md": "../outside.md",
    }
    assert {url: SITE.absolute(url) for url in cases} == cases
    flat = Site("https://host.example/sub/", False)
    assert flat.absolute("rapport.md#skills") == "https://host.example/sub/rapport.html#skills"
    assert flat.absolute("index.md") == "https://host.example/sub/index.html"
    assert Site("").absolute("rapport.md") == "rapport.md"
    assert (
        text.markdown("See [R](rapport.md#a) and [E][x].\n\n[x]: empathy.md")
        == "See [R](https://handbook.example/rapport/#a) and [E][x].\n\n[x]: https://handbook.example/empathy/"
    )
    for quiz in map(REGISTRY.quizzes.get, KNOWLEDGE):
        xml = export_quizzes([quiz], "moodle-xml", text)[f"moodle-xml/{quiz.id}.xml"].decode()
        assert not re.search(r'(href|src)="(?!https://|#)', xml), quiz.id


def test_partial_credit_weights() -> None:
    question = tricky_quiz().questions[1]
    assert choice_fractions(question) == [50.0, 50.0, -100.0]
    gift = export_quizzes([tricky_quiz()], "gift", Text(SITE))["gift/tricky.gift.txt"].decode()
    assert "~%50%A#" in gift and "~%-100%C#" in gift


@pytest.mark.parametrize("quiz_id", SELF)
def test_self_assessment_json_is_complete(quiz_id: str) -> None:
    quiz = REGISTRY.quizzes[quiz_id]
    data = json.loads(export_quizzes([quiz], "json", Text(SITE))[f"json/{quiz_id}.json"])
    assert (
        data["id"] == quiz_id
        and data["type"] == "self-assessment"
        and data["scoring"]["method"] == quiz.method
    )
    assert (
        data["scale"]["labels"] == list(quiz.scale.labels)
        and data["scale"]["start"] == quiz.scale.start
    )
    assert [(i["id"], i["subscale"] or "", i["reverse"]) for i in data["items"]] == [
        (i.id, i.subscale, i.reverse) for i in quiz.items
    ]
    assert [(b["from"], b["label"]) for b in data["scoring"]["bands"]] == [
        (b.start, b.label) for b in quiz.bands
    ]
    for entry, subscale in zip(data["subscales"], quiz.subscales, strict=True):
        assert entry["id"] == subscale.id and entry["items"] == [
            i.id for i in quiz.items_of(subscale.id)
        ]
        assert [(b["from"], b["label"]) for b in entry["bands"]] == [
            (b.start, b.label) for b in subscale.bands
        ]
    assert data["perspectives"] == quiz.perspectives
    for entry, item in zip(data["items"], quiz.items, strict=True):
        texts = entry["text"] if quiz.perspectives else {"": entry["text"]}
        assert {k: md(v) for k, v in texts.items()} == {k: md(v) for k, v in item.text.items()}
    assert ".md" not in json.dumps(data).replace(".md)", "")  # no docs-relative link survives
    assert data["url"] == f"https://handbook.example/quizzes/{quiz_id}/"


@pytest.mark.parametrize("quiz_id", SELF)
def test_handout_has_statements_and_scoring_key(quiz_id: str) -> None:
    quiz = REGISTRY.quizzes[quiz_id]
    page = export_quizzes([quiz], "handout", Text(SITE))[f"handout/{quiz_id}.html"].decode()
    visible = plain(page)
    for item in quiz.items:
        for wording in item.text.values():
            assert md(wording) in visible
    assert all(label in html.unescape(page) for label in quiz.scale.labels)
    assert "Scoring key" in page and "not a validated or diagnostic instrument" in page
    assert page.count("R (reverse)") == sum(item.reverse for item in quiz.items)
    assert all(band.label in html.unescape(page) for band in quiz.bands)
    assert page.count('<section class="sheet">') == len(quiz.perspective_keys)


def run(*args: str) -> Any:
    result = CliRunner().invoke(export, list(args))
    assert "Traceback" not in result.output
    return result


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_two_runs_are_byte_identical(tmp_path: Path) -> None:
    """Once in-process and once in a fresh interpreter with another hash seed: same bytes."""
    first = run("--config", str(ROOT / "mkdocs.yml"), "--out", str(tmp_path / "a"), "--answers")
    assert first.exit_code == 0, first.output
    code = "from handbook_quiz.export.cli import export; export()"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    second = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            "--config",
            str(ROOT / "mkdocs.yml"),
            "--out",
            str(tmp_path / "b"),
            "--answers",
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    assert second.returncode == 0, second.stderr
    a, b = tree(tmp_path / "a"), tree(tmp_path / "b")
    assert a == b
    assert {p for p in a if p.startswith("qti/")} == {f"qti/{q}.zip" for q in KNOWLEDGE}
    assert {p for p in a if p.startswith("answers/")} == {f"answers/{q}.html" for q in KNOWLEDGE}
    assert {p for p in a if p.startswith("handout/")} == {f"handout/{q}.html" for q in SELF}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A tiny handbook with flat URLs under a sub-path: one knowledge check, one self-assessment."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    (tmp_path / "docs" / "rapport.md").write_text("# Rapport\n\n## Skills {#skills}\n")
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "quizzes" / "tricky.yml").write_text(TRICKY)
    (tmp_path / "quizzes" / "mini-self.yml").write_text(
        "type: self-assessment\ntitle: Mini\nscale: {labels: [Rarely, Often]}\n"
        "items:\n  - text: I listen.\n"
    )
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Test handbook\nsite_url: https://host.example/sub/\n"
        "use_directory_urls: false\nplugins:\n  - handbook-quiz\n"
    )
    return tmp_path


def test_cli_formats_answers_and_links(project: Path) -> None:
    out = project / "out"
    result = run("--config", str(project / "mkdocs.yml"), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert set(tree(out)) == {
        "gift/tricky.gift.txt",
        "moodle-xml/tricky.xml",
        "qti/tricky.zip",
        "json/mini-self.json",
        "handout/mini-self.html",
    }
    assert (
        "https://host.example/sub/rapport.html#skills"
        in (out / "moodle-xml/tricky.xml").read_text()
    )
    assert "partial credit" in result.output
    result = run(
        "tricky",
        "--format",
        "gift",
        "--answers",
        "--config",
        str(project / "mkdocs.yml"),
        "--out",
        str(project / "o2"),
    )
    assert result.exit_code == 0 and set(tree(project / "o2")) == {
        "gift/tricky.gift.txt",
        "answers/tricky.html",
    }
    assert "a, b" in (project / "o2/answers/tricky.html").read_text()


def test_cli_refuses_without_writing(project: Path) -> None:
    config = ["--config", str(project / "mkdocs.yml"), "--out", str(project / "out")]
    unknown = run("tricki", *config)
    assert (
        unknown.exit_code == 1
        and "no quiz has the id 'tricki' (did you mean 'tricky'?)" in unknown.output
    )
    wrong_format = run("mini-self", "--format", "qti", *config)
    assert (
        wrong_format.exit_code == 1
        and "no LMS quiz engine can score a self-assessment" in wrong_format.output
    )
    (project / "quizzes" / "broken.yml").write_text("type: knowledge\nquestions: []\n")
    broken = run(*config)
    assert (
        broken.exit_code == 1
        and "quizzes/broken.yml:" in broken.output
        and "nothing was exported" in broken.output
    )
    missing = run("--config", str(project / "nope.yml"))
    assert missing.exit_code == 1 and "nope.yml does not exist" in missing.output
    (project / "plain.yml").write_text("site_name: No quizzes here\n")
    no_plugin = run("--config", str(project / "plain.yml"))
    assert no_plugin.exit_code == 1 and "does not use the quiz plugin" in no_plugin.output
    assert not (project / "out").exists()


def test_export_is_a_standalone_click_command() -> None:
    assert isinstance(export, click.Command) and export.name == "export"
    assert "partial credit" in CliRunner().invoke(export, ["--help"]).output


# --- one way to find mkdocs.yml, and where the files go (issue 16, point 11) --------------------


def test_export_finds_the_nearest_mkdocs_yml_and_writes_next_to_it(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project / "docs")  # an instructor working in docs/
    result = run("tricky", "--format", "gift")
    assert result.exit_code == 0, result.output
    assert (project / "export/gift/tricky.gift.txt").is_file()
    assert not (
        project / "docs/export"
    ).exists()  # never inside docs/, where the build would publish it


@pytest.mark.parametrize("option", ["-f", "--config-file", "--config"])
def test_export_takes_the_config_file_option_of_every_command(
    project: Path, tmp_path: Path, option: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(option, str(project / "mkdocs.yml"), "--out", str(tmp_path / "o"), "tricky")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "o/moodle-xml/tricky.xml").is_file()


def test_every_command_names_the_config_file_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from handbook_quiz.cli import main

    for command in (["check"], ["new", "chapter"], ["new", "quiz"], ["export"]):
        help_text = CliRunner().invoke(main, [*command, "--help"]).output
        assert "-f, --config-file, --config FILE" in help_text, command
        assert "nearest one here or in a folder above" in " ".join(help_text.split()), command
    monkeypatch.chdir(tmp_path)  # no mkdocs.yml here or above: the same message as `handbook check`
    outside = run()
    assert (
        outside.exit_code == 1
        and "no mkdocs.yml in" in outside.output
        and "--config-file" in outside.output
    )


# --- what the guide says about LMSs, checked against the exports (points 9, 10, 12) ------------

GUIDE = (ROOT / "docs/instructors/lms-export.md").read_text(encoding="utf-8")


def test_nothing_claims_that_importing_again_updates_questions() -> None:
    help_text = " ".join(CliRunner().invoke(export, ["--help"]).output.split())
    assert "does not update questions: Moodle adds a copy of each" in help_text
    guide = " ".join(GUIDE.split())
    assert "### Importing again {#reimport}" in GUIDE and "**does not update**" in guide
    for text in (help_text, guide):
        assert not re.search(r"re-?import\w* (updates|replaces)", text)
    # What the guide tells instructors to look for: each question's ID number, stable across
    # exports.
    xml = export_quizzes([tricky_quiz()], "moodle-xml", Text(SITE))["moodle-xml/tricky.xml"]
    ids = [
        q.findtext("idnumber")
        for q in ET.fromstring(xml).iter("question")
        if q.get("type") == "multichoice"
    ]
    assert ids == ["tricky.specials", "tricky.pick-two", "tricky.lookalikes"]
    assert xml == export_quizzes([tricky_quiz()], "moodle-xml", Text(SITE))["moodle-xml/tricky.xml"]


@pytest.mark.parametrize("quiz", quizzes(), ids=lambda q: q.id)
def test_the_qti_package_is_what_the_guide_says(quiz: Quiz) -> None:
    """QTI 2.1 (namespace, manifest schema, resource types), with per-item response processing
    rather than a standard template: the guide warns that Blackboard may skip such items."""
    data = export_quizzes([quiz], "qti", Text(SITE))[f"qti/{quiz.id}.zip"]
    problems, items = qti_reader.read_package(data)
    assert problems == [] and len(items) == len(quiz.questions)
    archive = zipfile.ZipFile(io.BytesIO(data))
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    types = {r.get("type") for r in manifest.iter(f"{qti_reader.CP}resource")}
    assert types == {"imsqti_test_xmlv2p1", "imsqti_item_xmlv2p1"}
    for item in items:
        assert item.processing is not None and item.processing.get("template") is None
        assert item.processing.find(f"{qti_reader.QTI}responseCondition") is not None
    guide = " ".join(GUIDE.split())
    assert "**Moodle core cannot import it.**" in guide and "In Moodle, use `moodle-xml`" in guide
    assert (
        "IMS QTI 2.1 content package" in guide
        and "not with one of QTI's standard templates" in guide
    )


@pytest.mark.parametrize("quiz_id", SELF)
def test_self_assessments_give_moodle_nothing_to_import_but_a_link_handout_and_data(
    quiz_id: str,
) -> None:
    quiz = REGISTRY.quizzes[quiz_id]
    for lms_format in ("gift", "moodle-xml", "qti"):
        assert export_quizzes([quiz], lms_format, Text(SITE)) == {}
        with pytest.raises(Exception, match="no LMS quiz engine can score a self-assessment"):
            from handbook_quiz.export.cli import select

            select(REGISTRY, (quiz_id,), lms_format)
    files = export_quizzes([quiz], "all", Text(SITE))
    assert set(files) == {f"json/{quiz_id}.json", f"handout/{quiz_id}.html"}
    assert (
        json.loads(files[f"json/{quiz_id}.json"])["url"]
        == f"https://handbook.example/quizzes/{quiz_id}/"
    )
    guide = " ".join(GUIDE.split())
    assert "### Self-assessments in Moodle {#self-assessments-in-moodle}" in GUIDE
    assert "`--format all` writes only its JSON file and its handout" in guide
    for lost in (
        "reverse-scored statements",
        "the bands",
        "the two perspectives",
        "the share code",
    ):
        assert lost in guide


# --- shuffle (issue 12, section 2) ---------------------------------------------------------------

SHUFFLE_QUIZ = """\
type: knowledge
title: Order
{shuffle}questions:
  - text: Which?
    choices: [{{text: a, correct: true}}, {{text: b}}, {{text: c}}]
  - text: Which ones?
    choices: [{{text: a, correct: true}}, {{text: b, correct: true}}, {{text: c}}]
"""


@pytest.mark.parametrize(
    "line", ["shuffle: true\n", "shuffle: false\n", ""], ids=["true", "false", "default"]
)
def test_the_shuffle_flag_travels_to_moodle_xml_and_qti_but_gift_says_it_cannot(line: str) -> None:
    quiz, issues = validate(
        load_text(SHUFFLE_QUIZ.format(shuffle=line), "quizzes/order.yml"), "order", None
    )
    assert quiz is not None, issues
    wanted = {"shuffle: true\n": True, "shuffle: false\n": False}.get(
        line, True
    )  # quiz-format.md: default true
    if not line and getattr(quiz, "shuffle", True) is False:
        pytest.xfail(
            "the model still defaults to shuffle: false (issue 12, section 2 makes it true)"
        )
    assert getattr(quiz, "shuffle", True) is wanted
    xml = export_quizzes([quiz], "moodle-xml", Text(SITE))["moodle-xml/order.xml"]
    assert [q.shuffle_answers for q in moodle_xml_parser.parse_bytes(xml)["multichoice"]] == [
        wanted,
        wanted,
    ]
    assert xml.decode().count(f"<shuffleanswers>{str(wanted).lower()}</shuffleanswers>") == 2
    _, items = qti_reader.read_package(export_quizzes([quiz], "qti", Text(SITE))["qti/order.zip"])
    assert [item.shuffle for item in items] == [wanted, wanted]
    gift = export_quizzes([quiz], "gift", Text(SITE))["gift/order.gift.txt"].decode()
    assert "// GIFT cannot say whether to shuffle choices: Moodle applies its own default." in gift
    assert "shuffle" not in "\n".join(
        line for line in gift.splitlines() if not line.startswith("//")
    )
    assert "**GIFT has no shuffle flag**" in GUIDE
    in_order = (
        "This quiz keeps its choices in order (shuffle: false): import the Moodle XML file instead"
    )
    assert (in_order in " ".join(line.removeprefix("// ") for line in gift.splitlines())) is (
        not wanted
    )
    assert "For a quiz with `shuffle: false`, import the Moodle XML file" in " ".join(GUIDE.split())


def test_the_answer_key_says_when_its_letters_are_not_the_lms_order() -> None:
    for line, shuffled in (("shuffle: true\n", True), ("shuffle: false\n", False)):
        quiz, issues = validate(
            load_text(SHUFFLE_QUIZ.format(shuffle=line), "quizzes/order.yml"), "order", None
        )
        assert quiz is not None, issues
        key = export_quizzes([quiz], "gift", Text(SITE), answers=True)[
            "answers/order.html"
        ].decode()
        assert ("This quiz shuffles its choices" in key) is shuffled, line


# --- the instructor-only answer key (issue 13, section 4) ----------------------------------------


def answer_key_blocks(page: str) -> dict[str, str]:
    """Each question's part of an answer key, by question id (the '<li id=...>' of the list)."""
    body = page.split("<h2>Questions</h2>", 1)[1]
    parts = re.split(r'\n<li id="([^"]*)">\n', body)
    return {html.unescape(parts[i]): parts[i + 1] for i in range(1, len(parts), 2)}


@pytest.mark.parametrize("quiz", quizzes(), ids=lambda q: q.id)
def test_the_answer_key_holds_each_questions_key_explanation_and_every_choices_feedback(
    quiz: Quiz,
) -> None:
    from handbook_quiz.export.answers import letter

    page = export_quizzes([quiz], "gift", Text(SITE), answers=True)[
        f"answers/{quiz.id}.html"
    ].decode()
    rows = re.findall(r"<tr><td>(\d+)</td><td>([^<]*)</td><td>([^<]*)</td></tr>", page)
    assert rows == [
        (
            str(n),
            html.escape(q.id),
            ", ".join(letter(i) for i, c in enumerate(q.choices) if c.correct),
        )
        for n, q in enumerate(quiz.questions, start=1)
    ]
    blocks = answer_key_blocks(page)
    assert list(blocks) == [q.id for q in quiz.questions]
    for question, source in zip(expected(quiz), quiz.questions, strict=True):
        block = blocks[source.id]
        shown = plain(block)
        assert plain(f"{md(source.vignette)} {md(source.text)}") in shown
        states = re.findall(r'<li class="(correct|wrong)">', block)
        assert states == ["correct" if c else "wrong" for c in question["correct"]]
        choices = re.findall(r'<span class="choice">(.*?)</span>', block)
        assert [plain(c) for c in choices] == [
            f"{letter(i)}. {t}" for i, t in enumerate(question["choices"])
        ]
        feedback = [
            plain(f)
            for f in re.findall(r'<div class="feedback">(.*?)</div>', block, flags=re.DOTALL)
        ]
        assert feedback == [
            f for f in question["feedback"] if f
        ]  # every choice's feedback, in order
        if question["explanation"]:
            assert f"Explanation. {question['explanation']}" in shown


def test_handbook_export_answers_writes_a_key_only_for_knowledge_checks(project: Path) -> None:
    result = run(
        "--answers", "--config-file", str(project / "mkdocs.yml"), "--out", str(project / "out")
    )
    assert result.exit_code == 0, result.output
    assert {p for p in tree(project / "out") if p.startswith("answers/")} == {"answers/tricky.html"}
    key = (project / "out/answers/tricky.html").read_text(encoding="utf-8")
    assert "For instructors. Keep this file out of learners' hands." in key
    assert "No ]]&gt; here &amp; there" in key and "Line two with <strong>bold</strong>" in key


# --- QTI: what the guide says the package keeps (issue 16, point 10) -----------------------------


def qti_outcomes(processing: ET.Element, values: dict[str, Any]) -> dict[str, Any]:
    """Run QTI response or outcome processing for the few rules the export writes, as a QTI player
    would
    (QTI 2.1, section 5: responseCondition, match, isNull, not, multiple, sum, divide, gte)."""
    q = qti_reader.QTI

    def value(expression: ET.Element) -> Any:
        name = qti_reader.local(expression.tag)
        if name == "variable":
            return values[expression.get("identifier")]
        if name == "correct":
            return values["correct:" + expression.get("identifier")]
        if name == "baseValue":
            text = expression.text or ""
            return float(text) if expression.get("baseType") == "float" else text
        if name == "testVariables":
            return values["items:" + expression.get("variableIdentifier")]
        args = [value(child) for child in expression]
        if name == "match":
            return args[0] == args[1]
        if name == "isNull":
            return args[0] is None or args[0] == frozenset()
        if name == "not":
            return not args[0]
        if name == "multiple":
            return frozenset().union(
                *(a if isinstance(a, frozenset) else {a} for a in args if a is not None)
            )
        if name == "sum":
            return sum(args[0])
        if name == "divide":
            return args[0] / args[1]
        if name == "gte":
            return args[0] >= args[1]
        raise AssertionError(f"the export writes <{name}>, which this player does not know")

    def run_rules(rules: list[ET.Element]) -> None:
        for rule in rules:
            name = qti_reader.local(rule.tag)
            if name == "setOutcomeValue":
                values[rule.get("identifier")] = value(rule[0])
            elif name == "responseCondition":
                for branch in rule:
                    kind = qti_reader.local(branch.tag)
                    if kind == "responseElse" or value(branch[0]):
                        run_rules(list(branch)[0 if kind == "responseElse" else 1 :])
                        break
            else:
                raise AssertionError(f"unknown rule <{name}>")

    assert processing.tag in (f"{q}responseProcessing", f"{q}outcomeProcessing")
    run_rules(list(processing))
    return values


@pytest.mark.parametrize("quiz", quizzes(), ids=lambda q: q.id)
def test_qti_scores_all_or_nothing_and_shows_the_feedback_of_each_choice_ticked(quiz: Quiz) -> None:
    """Every possible answer to every item, run through the item's own response processing."""
    import itertools

    _, items = qti_reader.read_package(
        export_quizzes([quiz], "qti", Text(SITE))[f"qti/{quiz.id}.zip"]
    )
    for item in items:
        ids = [c.identifier for c in item.choices]
        with_feedback = {c.identifier for c in item.choices if c.feedback}
        correct = frozenset(item.correct)
        sizes = range(len(ids) + 1) if item.cardinality == "multiple" else (0, 1)
        for size in sizes:
            for ticked in map(frozenset, itertools.combinations(ids, size)):
                response = ticked if item.cardinality == "multiple" else next(iter(ticked), None)
                key = correct if item.cardinality == "multiple" else next(iter(correct))
                out = qti_outcomes(item.processing, {"RESPONSE": response, "correct:RESPONSE": key})
                assert out["SCORE"] == (1.0 if ticked == correct else 0.0), (
                    item.identifier,
                    sorted(ticked),
                )
                shown = out.get("FEEDBACK", frozenset())
                assert (
                    shown & set(ids) >= ticked & with_feedback
                )  # the feedback of every choice ticked
                assert ("EXPLANATION" in shown) is bool(item.explanation)


@pytest.mark.parametrize("pass_line", ["pass: 0.75\n", ""], ids=["pass-mark", "none"])
def test_the_qti_test_carries_the_pass_mark(pass_line: str) -> None:
    source = SHUFFLE_QUIZ.format(shuffle=pass_line)
    quiz, issues = validate(load_text(source, "quizzes/order.yml"), "order", None)
    assert quiz is not None, issues
    archive = zipfile.ZipFile(
        io.BytesIO(export_quizzes([quiz], "qti", Text(SITE))["qti/order.zip"])
    )
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    href = next(
        r.get("href")
        for r in manifest.iter(f"{qti_reader.CP}resource")
        if r.get("type") == "imsqti_test_xmlv2p1"
    )
    test = ET.fromstring(archive.read(href))
    q = qti_reader.QTI
    declared = {d.get("identifier"): d for d in test.iter(f"{q}outcomeDeclaration")}
    assert declared["MAXSCORE"].findtext(f"{q}defaultValue/{q}value") == "2"
    assert ("PASS" in declared) is bool(pass_line)
    processing = test.find(f"{q}outcomeProcessing")
    for right, passed in ((0, False), (1, False), (2, True)):
        scores = [1.0] * right + [0.0] * (2 - right)
        out = qti_outcomes(processing, {"items:SCORE": scores, "MAXSCORE": 2.0})
        assert out["SCORE"] == right
        assert out.get("PASS") == (passed if pass_line else None)


QTI_SOURCES = {
    "OpenOlat": "https://docs.openolat.org/",
    "Blackboard Learn": "https://help.blackboard.com/",
}


def test_the_guide_says_which_systems_take_the_qti_package_only_from_their_own_documentation() -> (
    None
):
    """Each system named with what it takes links its own documentation; nothing is claimed of the
    rest.

    What can be checked here is checked: the package is QTI 2.1
    (test_the_qti_package_is_what_the_guide_says),
    the version OpenOlat's documentation names."""
    section = GUIDE.split("## Other LMSs: QTI {#qti}", 1)[1].split("\n## ", 1)[0]
    rows = [
        line
        for line in section.splitlines()
        if line.startswith("| ") and not line.startswith(("| system", "| ---"))
    ]
    named = {row.split("|")[1].strip(): row for row in rows}
    assert set(named) == {*QTI_SOURCES, "Canvas, D2L Brightspace, ILIAS, Sakai and others"}
    for system, site in QTI_SOURCES.items():
        assert f"]({site}" in named[system], system  # a link to the system's own documentation
    assert "QTI 2.1" in named["OpenOlat"]
    assert "does not name a QTI version" in named["Blackboard Learn"]
    assert "could not confirm" in named["Canvas, D2L Brightspace, ILIAS, Sakai and others"]
    assert "we have not imported the package into any of them" in " ".join(section.split())


# --- quizzes for instructors only (issue 12: audience) -------------------------------------------


def test_a_quiz_for_instructors_exports_like_any_other() -> None:
    source = SHUFFLE_QUIZ.format(shuffle="audience: instructors\n")
    quiz, issues = validate(load_text(source, "quizzes/order.yml"), "order", None)
    if quiz is None and any("audience" in str(issue) for issue in issues):
        pytest.skip("the quiz format does not take 'audience' yet")
    assert quiz is not None, issues
    assert getattr(quiz, "audience", "instructors") == "instructors"
    plain_quiz, _ = validate(
        load_text(SHUFFLE_QUIZ.format(shuffle=""), "quizzes/order.yml"), "order", None
    )
    for exporter in ("gift", "moodle-xml", "qti"):
        assert export_quizzes([quiz], exporter, Text(SITE), answers=True) == export_quizzes(
            [plain_quiz], exporter, Text(SITE), answers=True
        ), exporter
