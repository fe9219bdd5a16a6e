"""A quiz title is text, in Chromium: one small Material site whose quiz titles hold Markdown,
attribute lists and HTML. On the quiz's own page, in the browser tab and in the quiz index the
reader sees each title as written; no attribute, handler or script comes from it.

(``Title { onmouseover=alert(1) }`` used to become ``<h1 onmouseover="alert(1)">`` through
attr_list, and ``</title><script>`` would close Material's ``<title>``: its ``striptags``
unescapes the heading's text.)
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import SiteServer, build_site
from playwright.sync_api import Page, expect
from unit_helpers import make_site

from .pageguard import PageGuard

pytestmark = pytest.mark.browser

SITE_NAME = "Titles"
TITLES = {
    "handler-check": "Title { onmouseover=alert(1) }",
    "script-check": "</title><script>window.hacked = 1</script> & <b>bold</b>",
    "markdown-check": "*Not emphasis* [not a link](index.md) `not code` ends with #",
}

MKDOCS_YML = f"""\
site_name: {SITE_NAME}
site_url: !ENV [SITE_URL, "https://example.org/"]
theme:
  name: material
  font: false
plugins:
  - search
  - handbook-quiz:
      lint: false
markdown_extensions:
  - abbr
  - attr_list
  - md_in_html
  - toc:
      permalink: true
  - pymdownx.superfences
nav:
  - index.md
  - Quizzes: quizzes/index.md
  - my-results.md
"""

QUIZ = """\
type: knowledge
title: {title}
chapter: index.md
questions:
  - text: Ready?
    choices:
      - text: "Yes"
        correct: true
      - text: "No"
"""


def quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@pytest.fixture(scope="module")
def title_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    root = tmp_path_factory.mktemp("titles")
    files = {
        f"quizzes/{quiz_id}.yml": QUIZ.format(title=quoted(t)) for quiz_id, t in TITLES.items()
    }
    files["docs/index.md"] = "# Home\n\n" + "".join(f"/// quiz | {q}\n///\n\n" for q in TITLES)
    make_site(root, files, MKDOCS_YML)
    server = SiteServer(root / "site")
    build_site(root, root / "site", server.url)
    server.start()
    yield server
    server.httpd.shutdown()


@pytest.fixture
def guarded(page: Page) -> Iterator[Page]:
    """The page, failing the test on a dialog (alert), a console error or another host."""
    guard = PageGuard(page)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    guard.check()
    assert dialogs == [], f"a title ran a script: {dialogs}"


@pytest.mark.parametrize("quiz_id", list(TITLES))
def test_the_quiz_page_shows_its_title_as_written_and_runs_nothing_from_it(
    guarded: Page, title_site: SiteServer, quiz_id: str
) -> None:
    page, title = guarded, TITLES[quiz_id]
    page.goto(f"{title_site.url}quizzes/{quiz_id}/")
    heading = page.locator("article h1")
    expect(heading).to_have_count(1)
    shown = heading.evaluate(
        "h => [...h.childNodes].filter(n => !n.matches?.('.headerlink'))"
        ".map(n => n.textContent).join('')"
    )  # the text without the permalink's ¶
    assert shown == title
    heading.hover()  # an onmouseover handler would open a dialog here
    attributes = heading.evaluate("h => h.getAttributeNames()")
    assert attributes == ["id"], attributes
    assert heading.locator("em, strong, code, a:not(.headerlink), b, script").count() == 0
    assert page.title() == f"{title} - {SITE_NAME}"
    header = page.locator(".md-header__topic[data-md-component='header-topic'] .md-ellipsis")
    assert header.text_content().strip() == title  # Material's header prints page.title
    assert page.evaluate("window.hacked") is None
    assert page.locator("script:not([src])", has_text="hacked").count() == 0
    expect(page.locator(f'.hq-quiz[data-hq-quiz="{quiz_id}"]')).to_be_visible()


def test_the_quiz_index_lists_each_title_as_written(guarded: Page, title_site: SiteServer) -> None:
    page = guarded
    page.goto(f"{title_site.url}quizzes/")
    for quiz_id, title in TITLES.items():
        link = page.locator(f'article a[data-hq-quiz="{quiz_id}"]')
        expect(link).to_have_text(title)
        link.hover()
        assert link.evaluate("a => a.getAttributeNames().sort()") == ["data-hq-quiz", "href"]
        assert link.locator("*").count() == 0
    assert page.evaluate("window.hacked") is None
