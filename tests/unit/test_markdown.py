"""The ``/// quiz | id`` block through Python-Markdown, with the plugin's extension and an Embedder.

No site build: a registry holding one quiz, the site's kind of extensions, and the Embedder the
plugin would use. Each test converts one page and looks at the HTML and at the errors recorded for
it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import markdown
import pytest
from handbook_quiz.embed import Embedder, scan_block_lines
from handbook_quiz.labels import labels_for
from handbook_quiz.markdown import QuizExtension, SiteMarkdown, site_markdown
from handbook_quiz.registry import QuizRegistry
from handbook_quiz.render import Renderer
from mkdocs.config import load_config
from unit_helpers import KNOWLEDGE, SELF, check_text, dedent, quiz_from

EXTENSIONS = [
    "admonition",
    "attr_list",
    "md_in_html",
    "pymdownx.superfences",
    "pymdownx.details",
    "pymdownx.tabbed",
    "pymdownx.blocks.admonition",
    "pymdownx.blocks.tab",
]

ROOT = Path(__file__).resolve().parents[2]
NOT_RECOGNISED = (
    "not recognised: write exactly '/// quiz | <id>' then '///' on its own line; "
    "the block takes no options"
)


@dataclass
class Converted:
    html: str
    errors: list[str]

    @property
    def quiz_ids(self) -> list[str]:
        return re.findall(r'<div class="hq-quiz" id="([^"]+)"', self.html)

    @property
    def all_ids(self) -> list[str]:
        return re.findall(r'\sid="([^"]+)"', self.html)


class Site:
    """One quiz registry, renderer and embedder, and a Markdown converter like the plugin's."""

    def __init__(self) -> None:
        self.registry = QuizRegistry()
        self.registry.quizzes["rapport-check"] = quiz_from(KNOWLEDGE, "rapport-check")
        self.registry.quizzes["rapport-self"] = quiz_from(SELF, "rapport-self")
        _, issues = check_text("type: knowledge\ntitle: Broken\n", "broken-check")
        self.registry.broken["broken-check"] = issues
        inner = markdown.Markdown(extensions=["attr_list"])
        renderer = Renderer(lambda text: inner.reset().convert(text), labels_for("en"), "test")
        self.embedder = Embedder(self.registry, renderer)
        self.md = markdown.Markdown(
            extensions=[*EXTENSIONS, QuizExtension(self.embedder)],
            extension_configs={"pymdownx.tabbed": {"alternate_style": True}},
        )  # as the handbook

    def convert(self, text: str, src: str = "docs/chapter.md") -> Converted:
        text = dedent(text)
        self.md.reset()
        self.embedder.start_page(src, text, lambda path, anchor, source: path + anchor)
        html = self.md.convert(text)
        self.embedder.finish_page(html)
        issues, self.embedder.errors = self.embedder.errors, []
        return Converted(html, [str(issue) for issue in issues])  # as the terminal shows them


@pytest.fixture
def pages() -> Site:
    return Site()


def test_a_block_becomes_the_quiz(pages: Site) -> None:
    page = pages.convert("""
        # Rapport

        /// quiz | rapport-check
        ///
    """)
    assert page.errors == []
    assert page.quiz_ids == ["hq-rapport-check"]
    assert "/// quiz" not in page.html
    assert "__HQ_SUFFIX__" not in page.html
    assert pages.embedder.used_by == {"rapport-check": {"docs/chapter.md"}}


def test_inside_an_admonition(pages: Site) -> None:
    page = pages.convert("""
        !!! note "Check yourself"

            /// quiz | rapport-check
            ///
    """)
    assert page.errors == []
    assert re.search(
        r'<div class="admonition note">\s*<p class="admonition-title">Check yourself</p>\s*'
        r'<div class="hq-embed"><div class="hq-quiz" id="hq-rapport-check"',
        page.html,
    )


def test_inside_a_blocks_admonition_and_details(pages: Site) -> None:
    """pymdownx blocks nest when the outer block has more slashes than the inner one."""
    page = pages.convert("""
        //// admonition | Check yourself
            type: tip

        /// quiz | rapport-check
        ///

        ////

        ??? question "Self-assessment"

            /// quiz | rapport-self
            ///
    """)
    assert page.errors == []
    assert page.quiz_ids == ["hq-rapport-check", "hq-rapport-self"]
    assert re.search(r'<div class="admonition tip">.*?id="hq-rapport-check"', page.html, re.DOTALL)
    assert re.search(
        r"<details class=\"question\">.*?id=\"hq-rapport-self\".*?</details>", page.html, re.DOTALL
    )


def test_inside_pymdownx_tabbed(pages: Site) -> None:
    page = pages.convert("""
        === "Knowledge check"

            /// quiz | rapport-check
            ///

        === "Self-assessment"

            /// quiz | rapport-self
            ///
    """)
    assert page.errors == []
    assert page.quiz_ids == ["hq-rapport-check", "hq-rapport-self"]
    assert re.search(
        r'<div class="tabbed-content">\s*<div class="tabbed-block">\s*<div class="hq-embed">'
        r'<div class="hq-quiz" id="hq-rapport-check"',
        page.html,
    )


def test_inside_a_blocks_tab(pages: Site) -> None:
    page = pages.convert("""
        //// tab | Check
        /// quiz | rapport-check
        ///
        ////
    """)
    assert page.errors == []
    assert page.quiz_ids == ["hq-rapport-check"]


def test_inside_a_list_item_and_a_quote(pages: Site) -> None:
    page = pages.convert("""
        - First, read the chapter.
        - Then check yourself:

            /// quiz | rapport-check
            ///

        > /// quiz | rapport-self
        > ///
    """)
    assert page.errors == []
    assert page.quiz_ids == ["hq-rapport-check", "hq-rapport-self"]


@pytest.mark.parametrize("fence", ["```", "~~~", "````markdown"])
def test_inside_a_fenced_code_block_it_stays_literal(pages: Site, fence: str) -> None:
    page = pages.convert(f"""
        Write this in a chapter:

        {fence}
        /// quiz | no-such-quiz
        ///
        {fence[:4] if fence.startswith("````") else fence}

        /// quiz | rapport-chek
        ///
    """)
    assert "<code" in page.html and "/// quiz | no-such-quiz\n///" in page.html
    assert page.quiz_ids == []
    # The example raises nothing; the real block after it is reported at its own line.
    assert page.errors == [
        "docs/chapter.md:8: no quiz has the id 'rapport-chek' (did you mean 'rapport-check'?)"
    ]


def test_twice_on_one_page_gets_suffixed_ids(pages: Site) -> None:
    page = pages.convert("""
        /// quiz | rapport-check
        ///

        Later, again:

        /// quiz | rapport-check
        ///
    """)
    assert page.errors == []
    assert page.quiz_ids == ["hq-rapport-check", "hq-rapport-check-2"]
    assert 'id="hq-rapport-check-2-kind-c1"' in page.html
    assert 'name="hq-rapport-check-2-kind"' in page.html
    assert 'for="hq-rapport-check-2-kind-c1"' in page.html
    duplicates = [i for i, n in Counter(page.all_ids).items() if n > 1]
    assert duplicates == []


def test_three_times_and_on_the_next_page_again(pages: Site) -> None:
    block = "/// quiz | rapport-self\n///\n\n"
    assert pages.convert(block * 3).quiz_ids == [
        "hq-rapport-self",
        "hq-rapport-self-2",
        "hq-rapport-self-3",
    ]
    assert pages.convert(block, src="docs/other.md").quiz_ids == ["hq-rapport-self"]
    assert pages.embedder.used_by == {"rapport-self": {"docs/chapter.md", "docs/other.md"}}


@pytest.mark.parametrize(
    "options",
    ["    attrs: {class: wide}", "    questions: 1-3", "    shuffle: true", "    bogus"],
    ids=["attrs", "questions", "shuffle", "not-yaml"],
)
def test_any_option_is_an_error_not_literal_text(pages: Site, options: str) -> None:
    page = pages.convert(f"""
        # Rapport

        /// quiz | rapport-check
        {options}
        ///
    """)
    assert page.quiz_ids == []
    assert page.errors == [f"docs/chapter.md:3: quiz block 'rapport-check' {NOT_RECOGNISED}"]


def test_a_block_without_an_id_is_an_error(pages: Site) -> None:
    page = pages.convert("/// quiz\n///\n")
    assert page.errors == [f"docs/chapter.md:1: quiz block '' {NOT_RECOGNISED}"]


def test_a_block_with_content_is_an_error_box(pages: Site) -> None:
    page = pages.convert("""
        /// quiz | rapport-check
        Some text inside.
        ///
    """)
    message = (
        "docs/chapter.md:1: quiz block 'rapport-check' must be empty: "
        "write '/// quiz | rapport-check' and then '///' on the next line"
    )
    assert page.errors == [message]
    assert page.quiz_ids == []
    assert 'class="admonition failure hq-error" role="alert"' in page.html


def test_unknown_id_is_reported_with_a_suggestion_and_the_page_line(pages: Site) -> None:
    page = pages.convert(
        """
        # Rapport

        Some text.

        /// quiz | rapport-chek
        ///
    """,
        src="docs/rapport.md",
    )
    assert page.errors == [
        "docs/rapport.md:5: no quiz has the id 'rapport-chek' (did you mean 'rapport-check'?)"
    ]
    assert page.quiz_ids == []
    assert (
        "<p>docs/rapport.md:5: no quiz has the id &#x27;rapport-chek&#x27; "
        "(did you mean &#x27;rapport-check&#x27;?)</p>"
    ) in page.html


def test_unknown_id_without_a_close_match(pages: Site) -> None:
    assert pages.convert("/// quiz | empathy\n///\n").errors == [
        "docs/chapter.md:1: no quiz has the id 'empathy'"
    ]


def test_embedding_a_quiz_whose_file_has_errors_points_at_them(pages: Site) -> None:
    page = pages.convert("/// quiz | broken-check\n///\n")
    assert page.errors == [
        "docs/chapter.md:1: quiz 'broken-check' has errors, see quizzes/broken-check.yml:1:1: "
        "missing required key 'questions'"
    ]


def test_every_error_on_a_page_is_collected(pages: Site) -> None:
    page = pages.convert("""
        /// quiz | nope
        ///

        /// quiz | rapport-check
        ///

        /// quiz | rapport-chek
        ///
    """)
    assert page.quiz_ids == ["hq-rapport-check"]
    assert page.errors == [
        "docs/chapter.md:1: no quiz has the id 'nope'",
        "docs/chapter.md:7: no quiz has the id 'rapport-chek' (did you mean 'rapport-check'?)",
    ]


def test_scan_block_lines_skips_fences() -> None:
    text = "/// quiz | a\n///\n```\n/// quiz | b\n```\n> /// quiz | c\n    /// quiz |d\n/// quiz\n"
    assert [(b.line, b.argument) for b in scan_block_lines(text)] == [
        (1, "a"),
        (6, "c"),
        (7, "d"),
        (8, ""),
    ]


def test_scan_block_lines_knows_the_section_each_block_sits_in() -> None:
    text = (
        "/// quiz | top\n///\n# Title\n\n## Check\n/// quiz | a\n///\n```\n### not a heading\n```\n"
        "/// quiz | b\n///\nSetext\n------\n\n/// quiz | c\n///\n#### Deep\n/// quiz | d\n///\n"
    )
    assert [(b.argument, b.section_level) for b in scan_block_lines(text)] == [
        ("top", 1),
        ("a", 2),
        ("b", 2),
        ("c", 2),
        ("d", 4),
    ]


# ---------- known gaps in the safety net and the line numbers (embed.py) ----------


def test_an_option_after_a_paragraph_line_is_still_an_error(pages: Site) -> None:
    page = pages.convert("""
        Check yourself:
        /// quiz | rapport-check
            questions: 1-3
        ///
    """)
    assert page.errors == [f"docs/chapter.md:2: quiz block 'rapport-check' {NOT_RECOGNISED}"]


def test_a_header_without_the_bar_is_an_error(pages: Site) -> None:
    page = pages.convert("/// quiz rapport-check\n///\n")
    assert page.errors and "not recognised" in page.errors[0]


def test_line_numbers_after_an_unrecognised_block(pages: Site) -> None:
    page = pages.convert("""
        /// quiz | rapport-check
            questions: 1-3
        ///

        /// quiz | nope
        ///
    """)
    assert sorted(page.errors) == [
        f"docs/chapter.md:1: quiz block 'rapport-check' {NOT_RECOGNISED}",
        "docs/chapter.md:5: no quiz has the id 'nope'",
    ]


def test_line_numbers_after_an_indented_code_example(pages: Site) -> None:
    page = pages.convert("""
        Write this:

            /// quiz | example
            ///

        /// quiz | rapport-chek
        ///
    """)
    assert page.errors == [
        "docs/chapter.md:6: no quiz has the id 'rapport-chek' (did you mean 'rapport-check'?)"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "/// quiz | rapport-check\n\nMore text.\n",
        "/// tab | Check\n\n/// quiz | rapport-check\n///\n\n///\n",
        "/// quiz | nope\n",
    ],
    ids=["unclosed", "same-slashes-as-outer-tab", "unclosed-unknown-id"],
)
def test_a_block_that_never_closes_is_an_error(pages: Site, text: str) -> None:
    page = pages.convert(text)
    assert page.quiz_ids or page.errors  # shown, or reported: never silently dropped


# --- choice texts and feedback are inline Markdown ---------------------------------------------

LOOKALIKES = dedent("""
    type: knowledge
    title: Lookalikes
    questions:
      - id: tags
        text: "Which of these is a #hashtag?"
        choices:
          - text: "#hashtag"
            correct: true
            feedback: "#yes - a hashtag, not a heading"
          - text: "- a dash, not a list"
            feedback: "1. not a numbered list"
          - text: "> not a quote, but *emphasis* and [a link](rapport.md#skills) work"
            feedback: "## not a heading"
        explanation: "# A heading here is fine: the explanation is block Markdown."
""")


def handbook_markdown() -> SiteMarkdown:
    """The site converter for the handbook's own markdown_extensions and their options."""
    config = load_config(str(Path(__file__).resolve().parents[2] / "mkdocs.yml"))
    return site_markdown(config)


def test_choices_and_their_feedback_never_become_headings_lists_or_quotes() -> None:
    renderer = Renderer(handbook_markdown(), labels_for("en"), "test")
    html = renderer.render(quiz_from(LOOKALIKES, "lookalikes"))
    labels = re.findall(r"<label for=\"[^\"]+-c\d\">(.*?)</label>", html, flags=re.DOTALL)
    assert labels[:2] == ["#hashtag", "- a dash, not a list"]
    assert labels[2].startswith("&gt; not a quote, but <em>emphasis</em> and <a href=")
    for feedback in (
        "#yes - a hashtag, not a heading",
        "1. not a numbered list",
        "## not a heading",
    ):
        assert f'<span class="hq-why">{feedback}</span>' in html
    assert "<blockquote" not in html
    assert (
        len(re.findall(r"<h1\b", html)) == 1 and "A heading here is fine" in html
    )  # only the explanation's


def test_inline_rendering_changes_nothing_in_the_handbooks_own_quizzes() -> None:
    """Every choice, feedback and statement of the handbook renders as before: none uses block
    syntax."""
    convert = handbook_markdown()
    registry = QuizRegistry.load(ROOT / "quizzes", ROOT, ROOT / "docs")
    texts = {
        t
        for quiz in registry.quizzes.values()
        for q in quiz.questions
        for t in (q.text, *(c.text for c in q.choices), *(c.feedback for c in q.choices))
        if t
    }
    texts |= {
        t for quiz in registry.quizzes.values() for item in quiz.items for t in item.text.values()
    }
    assert len(texts) > 500
    changed = [t for t in sorted(texts) if convert.inline(t) != convert(t)]
    assert changed == []
