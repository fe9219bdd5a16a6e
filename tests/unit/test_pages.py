"""Quiz titles in the generated pages' Markdown are text: whatever Markdown, attribute list or
HTML a title holds, the quiz page's heading, its page title and the index show it as written.
(tests/browser/test_title_is_text.py checks the same in Chromium.)"""

from __future__ import annotations

import json
import re
from html import escape, unescape

import markdown
import pytest
import yaml
from handbook_quiz.labels import labels_for
from handbook_quiz.model import Quiz
from handbook_quiz.pages import index_markdown, literal, quiz_page_markdown
from unit_helpers import KNOWLEDGE, quiz_from

EXTENSIONS = ["abbr", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc"]
TITLES = [
    "Title { onmouseover=alert(1) }",
    "Title {: #id .class onclick=alert(1) }",
    "</title><script>alert(1)</script>",
    "<img src=x onerror=alert(1)> & &amp; &#123;",
    "*emphasis* __strong__ `code` [link](x.md) ![image](x.png) <https://example.org>",
    "Ends with a hash #",
    "Escapes \\* and \\_ stay",
    "Ruptures: a check-in (part 1) - 'why?'",
    "Ünïcode — “quotes” …",
]


def quiz_titled(title: str) -> Quiz:
    return quiz_from(KNOWLEDGE.replace("title: Ruptures", "title: " + json.dumps(title)))


@pytest.mark.parametrize("title", TITLES)
def test_the_quiz_page_heading_is_the_title_as_written(title: str) -> None:
    page = quiz_page_markdown(quiz_titled(title))
    meta, body = page.removeprefix("---\n").split("\n---\n", 1)
    assert yaml.safe_load(meta) == {"title": escape(title)}  # themes print it as HTML
    html = markdown.Markdown(extensions=EXTENSIONS).convert(body.split("\n///", 1)[0])
    heading = re.fullmatch(r'<h1 id="[^"]*">(.*)</h1>\n?(?:<p>/// quiz \| x</p>)?', html)
    assert heading, html
    assert "<" not in heading.group(1), heading.group(1)
    assert unescape(heading.group(1)) == title


def test_a_title_is_one_line_in_the_page() -> None:
    assert literal("One\u2028two  three\n") == "One two three"


@pytest.mark.parametrize("title", TITLES)
def test_the_index_links_each_title_as_written(title: str) -> None:
    text = index_markdown([quiz_titled(title)], "quizzes", labels_for("en"))
    html = markdown.Markdown(extensions=EXTENSIONS).convert(text)
    link = re.search(r'<li><a data-hq-quiz="x" href="x.md">(.*?)</a>:', html)
    assert link, html
    assert "<" not in link.group(1) and unescape(link.group(1)) == title
