"""Quiz HTML: deterministic, escaped, Markdown rendered, and the right input for each question
kind."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from handbook_quiz.labels import QUIZ_GROUPS, labels_for, runtime_labels
from handbook_quiz.render import SUFFIX_TOKEN
from handbook_quiz.scoring import content_hash
from handbook_quiz.timing import reading_minutes
from unit_helpers import EXTENSIONS, GOLDEN, KNOWLEDGE, SELF, golden_quiz, make_renderer, quiz_from

CASES = sorted((GOLDEN / "render").glob("*.yml"))


class Elements(HTMLParser):
    """Start tags with their attributes, in order."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def find(self, tag: str, css_class: str | None = None) -> list[dict[str, str | None]]:
        """Attributes of every ``tag`` element; with ``css_class``, of those whose class is exactly
        that."""
        return [
            a
            for t, a in self.tags
            if t == tag and (css_class is None or a.get("class") == css_class)
        ]


# ---------- golden HTML and determinism ----------


def test_labels_reach_the_runtime_as_json() -> None:
    element = Elements(make_renderer("es").labels_element()).find("div", css_class="hq-labels")[0]
    # Only the strings the runtime reads (tests/unit/test_labels.py checks which page gets which).
    sent = runtime_labels(labels_for("es"), QUIZ_GROUPS)
    assert json.loads(element["data-hq-labels"] or "") == sent
    assert "hidden" in element


def test_place_fills_in_what_differs_between_pages() -> None:
    renderer = make_renderer()
    html = renderer.render(golden_quiz(GOLDEN / "render" / "self-assessment.yml"))
    in_chapter = renderer.place(html)
    own_page = renderer.place(html, copy=2, level=2, back_link="rapport.md")
    assert "\x00" not in in_chapter + own_page
    assert 'id="hq-rapport-self"' in in_chapter and 'id="hq-rapport-self-2"' in own_page
    assert (
        '<h3 class="hq-results-title">' in in_chapter
        and '<h2 class="hq-results-title">' in own_page
    )
    assert "hq-back" not in in_chapter
    assert '<p class="hq-back"><a href="rapport.md">Back to the chapter</a></p>' in own_page
    assert '<h6 class="hq-results-title">' in renderer.place(html, level=9)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_rendering_is_deterministic(path: Path) -> None:
    quiz = golden_quiz(path)
    renderer = make_renderer()
    first = renderer.render(quiz)
    assert renderer.render(quiz) == first
    assert make_renderer().render(golden_quiz(path)) == first  # a fresh renderer and a fresh load


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_ids_are_unique_and_every_label_points_at_an_input(path: Path) -> None:
    html = make_renderer().render(golden_quiz(path))
    elements = Elements(html)
    ids = [a["id"] for _, a in elements.tags if "id" in a]
    assert len(ids) == len(set(ids))
    assert all(
        i is not None and i.startswith(f"hq-{golden_quiz(path).id}{SUFFIX_TOKEN}") for i in ids
    )
    inputs = {a["id"] for t, a in elements.tags if t in ("input", "textarea")}
    assert {a["for"] for a in elements.find("label")} <= inputs
    assert "uuid" not in html and not re.search(r"[0-9a-f]{32}", html)


def test_root_carries_id_type_hash_and_storage() -> None:
    quiz = golden_quiz(GOLDEN / "render" / "knowledge.yml")
    root = Elements(make_renderer().render(quiz)).find("div", css_class="hq-quiz")
    assert len(root) == 1
    assert root[0]["id"] == f"hq-ruptures-check{SUFFIX_TOKEN}"
    assert root[0]["data-hq-quiz"] == "ruptures-check"
    assert root[0]["data-hq-type"] == "knowledge"
    assert root[0]["data-hq-hash"] == content_hash(quiz)
    assert root[0]["data-hq-store"] == "test-handbook"
    assert root[0]["data-hq-pass"] == "0.5"


# ---------- Markdown and escaping ----------


def test_markdown_in_text_fields_is_rendered() -> None:
    html = make_renderer().render(golden_quiz(GOLDEN / "render" / "knowledge.yml"))
    assert (
        '<div class="hq-description"><p>Two questions on <strong>ruptures</strong>.</p></div>'
        in html
    )
    assert (
        '<div class="hq-vignette"><p>Your client answers in <em>single words</em>.</p></div>'
        in html
    )
    assert "<p>See <code>markers</code>.</p>" in html
    self_html = make_renderer().render(golden_quiz(GOLDEN / "render" / "self-assessment.yml"))
    assert "I greet clients <strong>warmly</strong>." in self_html
    assert "<p>Being <em>there</em>.</p>" in self_html


def test_short_fields_are_unwrapped_but_several_paragraphs_are_kept() -> None:
    renderer = make_renderer()
    assert renderer.inline("A *short* answer") == "A <em>short</em> answer"
    assert renderer.inline("One.\n\nTwo.") == "<p>One.</p>\n<p>Two.</p>"


HOSTILE = """\
type: knowledge
title: 'Ruptures <script>alert("title")</script> & "quotes"'
questions:
  - text: 'Is <b>this</b> bold?'
    choices:
      - text: Yes, <em>it is</em>
        correct: true
      - text: Not really
"""


def test_title_html_is_escaped_in_every_attribute() -> None:
    html = make_renderer().render(quiz_from(HOSTILE))
    assert "<script>" not in html
    escaped = "Ruptures &lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; &amp; &#34;quotes&#34;"
    assert f'data-hq-title="{escaped}"' in html
    assert f'aria-label="{escaped}"' in html
    root = Elements(html).find("div", css_class="hq-quiz")[0]
    assert root["data-hq-title"] == 'Ruptures <script>alert("title")</script> & "quotes"'


def test_html_in_markdown_fields_passes_through_as_in_a_chapter() -> None:
    """Text fields are Markdown like chapters: raw inline HTML is kept, as Markdown keeps it."""
    html = make_renderer().render(quiz_from(HOSTILE))
    converter = markdown.Markdown(extensions=EXTENSIONS)
    assert converter.convert("Is <b>this</b> bold?") == "<p>Is <b>this</b> bold?</p>"
    assert "Is <b>this</b> bold?</legend>" in html
    assert "Yes, <em>it is</em></label>" in html


@pytest.mark.parametrize(
    "yaml_text",
    [
        "labels: ['<i>Never</i>', \"Always & ever\"]",
        "labels: [Never, Always]\nsubscales:\n  - id: s\n    title: '<i>Warmth</i> & co'",
    ],
    ids=["scale-labels", "subscale-title"],
)
def test_plain_text_fields_are_escaped(yaml_text: str) -> None:
    scale, _, subscales = yaml_text.partition("\n")
    text = (
        f"type: self-assessment\ntitle: T\nscale:\n  {scale}\n{subscales}\n"
        "items:\n  - text: I listen.\n"
    )
    if "subscales" in text:
        text += "    subscale: s\nscoring:\n  bands:\n    - from: 1\n      label: '<b>Low</b>'\n"
    html = make_renderer().render(quiz_from(text))
    assert "<i>" not in html and "<b>Low" not in html
    assert "&lt;i&gt;" in html
    if "subscales" in text:
        assert 'data-hq-title="&lt;i&gt;Warmth&lt;/i&gt; &amp; co"' in html
        assert 'data-hq-label="&lt;b&gt;Low&lt;/b&gt;"' in html
        assert "<strong>Overall: &lt;b&gt;Low&lt;/b&gt;</strong>" in html
    else:
        assert ">&lt;i&gt;Never&lt;/i&gt;</label>" in html
        assert ">Always &amp; ever</label>" in html


def test_perspective_labels_are_escaped() -> None:
    text = (
        (GOLDEN / "render" / "perspectives.yml")
        .read_text(encoding="utf-8")
        .replace("client: I am the client", "client: I am the <u>client</u>", 1)
    )
    html = make_renderer().render(quiz_from(text, name="check-in"))
    assert ">I am the &lt;u&gt;client&lt;/u&gt;</label>" in html


# ---------- question kinds, perspectives, labels ----------


def test_radio_for_one_correct_choice_checkbox_for_several() -> None:
    elements = Elements(make_renderer().render(quiz_from(KNOWLEDGE)))
    kind = [a for a in elements.find("input") if a["name"] == f"hq-x{SUFFIX_TOKEN}-kind"]
    signs = [a for a in elements.find("input") if a["name"] == f"hq-x{SUFFIX_TOKEN}-signs"]
    assert [a["type"] for a in kind] == ["radio", "radio"]
    assert [a["type"] for a in signs] == ["checkbox", "checkbox", "checkbox"]
    assert [a["value"] for a in signs] == ["0", "1", "2"]
    fieldsets = elements.find("fieldset", css_class="hq-question")
    assert ["data-hq-multiple" in f for f in fieldsets] == [False, True]
    html = make_renderer().render(quiz_from(KNOWLEDGE))
    assert html.count("(select all that apply)") == 1


def test_scale_inputs_carry_the_scale_values() -> None:
    quiz = quiz_from(
        SELF.replace(
            "labels: [Never, Rarely, Sometimes, Often, Always]",
            "labels: [Never, Rarely, Sometimes, Often, Always]\n  start: 0",
        ).replace("from: 1\n", "from: 0\n")
    )
    elements = Elements(make_renderer().render(quiz))
    listen = [a for a in elements.find("input") if a["name"] == f"hq-x{SUFFIX_TOKEN}-listen"]
    assert [(a["type"], a["value"]) for a in listen] == [("radio", str(v)) for v in range(5)]
    root = elements.find("div", css_class="hq-quiz")[0]
    assert (root["data-hq-min"], root["data-hq-max"], root["data-hq-method"]) == ("0", "4", "mean")
    assert ["data-hq-reverse" in f for f in elements.find("fieldset", css_class="hq-item")] == [
        False,
        True,
        False,
    ]


def test_only_self_assessments_carry_the_not_diagnostic_note() -> None:
    note = f'<p class="hq-note" data-search-exclude>{labels_for("en")["not_diagnostic"]}</p>'
    assert note in make_renderer().render(quiz_from(SELF))
    assert 'class="hq-note"' not in make_renderer().render(quiz_from(KNOWLEDGE))


def test_perspective_wordings_differ_only_where_they_differ() -> None:
    html = make_renderer().render(golden_quiz(GOLDEN / "render" / "perspectives.yml"))
    assert '<span data-hq-perspective="client">We agree on my goals.</span>' in html
    assert '<span data-hq-perspective="therapist">We agree on my client\'s goals.</span>' in html
    assert '<div data-hq-perspective="client"><p>Tell your therapist.</p></div>' in html
    assert html.count("Compare your answers.") == 1
    assert html.count("data-hq-hash=") == 1


def test_meta_line_gives_the_size_and_time() -> None:
    assert (
        '<p class="hq-meta" data-search-exclude>2 questions, about 1 min</p>'
        in make_renderer().render(quiz_from(KNOWLEDGE))
    )
    assert (
        '<p class="hq-meta" data-search-exclude>3 statements, about 1 min</p>'
        in make_renderer().render(quiz_from(SELF))
    )


def test_meta_line_is_singular_for_one_question() -> None:
    quiz = quiz_from(
        "type: knowledge\ntitle: T\nquestions:\n  - text: Q\n    choices:\n"
        "      - text: a\n        correct: true\n      - text: b\n"
    )
    assert (
        '<p class="hq-meta" data-search-exclude>1 question, about 1 min</p>'
        in make_renderer().render(quiz)
    )


def test_reading_time_grows_with_size_and_vignettes() -> None:
    questions = "".join(
        f"  - text: Q{n}\n    choices:\n      - text: a\n        correct: true\n      - text: b\n"
        for n in range(5)
    )
    five = quiz_from(f"type: knowledge\ntitle: T\nquestions:\n{questions}")
    assert reading_minutes(five) == 3  # 5 x 30 s, rounded up
    with_vignettes = quiz_from(
        "type: knowledge\ntitle: T\nquestions:\n"
        + re.sub(r"(?m)^  - text:", "  - vignette: A case.\n    text:", questions)
    )
    assert reading_minutes(with_vignettes) == 5


def test_spanish_labels() -> None:
    html = make_renderer("es").render(quiz_from(KNOWLEDGE))
    assert '<p class="hq-meta" data-search-exclude>2 preguntas, aprox. 1 min</p>' in html
    assert ">Comprobar</button>" in html


def test_custom_templates_override_the_package_template(tmp_path: Path) -> None:
    (tmp_path / "quiz.html.jinja").write_text(
        '<div class="mine">{{ quiz.title }} {{ hash }}</div>\n', encoding="utf-8"
    )
    quiz = quiz_from(KNOWLEDGE)
    assert (
        make_renderer(custom_templates=tmp_path).render(quiz)
        == f'<div class="mine">Ruptures {content_hash(quiz)}</div>\n'
    )


# --- render tokens: one render per quiz, placed at every spot ------------------------------------

SPOTS = [
    {"copy": 1, "level": 3, "back_link": ""},
    {"copy": 2, "level": 4, "back_link": "../rapport/"},
    {"copy": 3, "level": 6, "back_link": "a&b/"},  # headings stop at h6
    {"copy": 1, "level": 1, "back_link": ""},
]


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_placing_the_one_render_equals_rendering_at_each_spot(path: Path) -> None:
    """The render-token trick (render.py) must give exactly what a render per spot gives: if a
    template starts using a per-page value in a way plain replacement cannot follow (a filter on
    the suffix, arithmetic on the level), this fails, naming the spot."""
    renderer, quiz = make_renderer(), golden_quiz(path)
    rendered = renderer.render(quiz)
    for spot in SPOTS:
        placed = renderer.place(rendered, **spot)
        assert placed == renderer.render_placed(quiz, **spot), spot
        assert "\x00" not in placed, spot
