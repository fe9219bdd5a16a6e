"""A reader's view of ``quiz_pages``, in Chromium: one small site built with quiz pages (the
default) and with ``quiz_pages: false``. In both the quiz index and My results take the reader to
each quiz, wherever it lives, and a quiz answered there shows up on My results, linked back."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SiteServer, build_site
from playwright.sync_api import Page, expect
from unit_helpers import KNOWLEDGE, SELF, make_site

from .pageguard import PageGuard

pytestmark = pytest.mark.browser

CHAPTER = """\
# Rapport

Rapport is the sense that client and therapist can talk to each other.

## Check your understanding {#check}

/// quiz | rapport-check
///

## Reflect {#reflect}

/// quiz | rapport-self
///
"""

MKDOCS_YML = """\
site_name: Quiz pages
site_url: !ENV [SITE_URL, "https://example.org/"]
theme:
  name: material
  font: false
plugins:
  - search
  - handbook-quiz:
      lint: false
      warn_unused: false
{extra}
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - pymdownx.superfences
nav:
  - index.md
  - rapport.md
  - Quizzes: quizzes/index.md
  - my-results.md
"""

FILES = {
    "docs/index.md": "# Home\n\nStart with [the rapport check](quizzes/rapport-check.md).\n",
    "docs/rapport.md": CHAPTER,
    "quizzes/rapport-check.yml": KNOWLEDGE.replace(
        "type: knowledge\n", "type: knowledge\nchapter: rapport.md\n"
    ),
    "quizzes/rapport-self.yml": SELF,
    "quizzes/loose-check.yml": KNOWLEDGE.replace("title: Ruptures", "title: Loose ends"),
}


@pytest.fixture(scope="module", params=["pages", "no-pages"])
def quiz_site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[SiteServer, bool]]:
    """The site built strictly in one mode and served; yields (server, quiz pages on)."""
    own_pages = request.param == "pages"
    root = tmp_path_factory.mktemp(request.param)
    extra = "" if own_pages else "      quiz_pages: false"
    make_site(root, FILES, MKDOCS_YML.format(extra=extra))
    server = SiteServer(root / "site")
    build_site(root, root / "site", server.url)
    server.start()
    yield server, own_pages
    server.httpd.shutdown()


def where(own_pages: bool, quiz_id: str) -> str:
    """The URL path (from the site root) where a reader finds a quiz."""
    if own_pages or quiz_id == "loose-check":  # loose-check is embedded nowhere: keeps its page
        return f"quizzes/{quiz_id}/"
    return f"rapport/#hq-{quiz_id}"


def answer_rapport_check(page: Page) -> None:
    """Both questions right: 'kind' has one correct choice (the first), 'signs' two (1st, 3rd)."""
    root = page.locator("#hq-rapport-check")
    expect(root).to_have_attribute("data-hq-ready", "")
    for qid, chosen in (("kind", [0]), ("signs", [0, 2])):
        box = root.locator(f'.hq-question[data-hq-qid="{qid}"]')
        for index in chosen:
            box.locator(f'input[value="{index}"]').check()
        box.locator(".hq-check").click()
    expect(root.locator(".hq-results")).to_be_visible()


def test_the_quiz_index_takes_the_reader_to_each_quiz(page: Page, quiz_site) -> None:
    server, own_pages = quiz_site
    guard = PageGuard(page)
    page.goto(f"{server.url}quizzes/")
    for quiz_id, title in (("rapport-check", "Ruptures"), ("loose-check", "Loose ends")):
        link = page.locator(f'.md-content a[data-hq-quiz="{quiz_id}"]')
        expect(link).to_have_text(title)
        link.click()
        assert page.url == server.url + where(own_pages, quiz_id)
        expect(page.locator(f"#hq-{quiz_id}")).to_be_visible()
        expect(page.locator(f"#hq-{quiz_id}")).to_have_attribute("data-hq-ready", "")
        page.go_back()
    assert (page.locator(".md-content a[data-hq-quiz]").count()) == 3
    guard.check()


def test_a_quiz_answered_where_it_lives_shows_on_my_results_linked_back(
    page: Page, quiz_site
) -> None:
    server, own_pages = quiz_site
    guard = PageGuard(page)
    page.goto(server.url)
    page.get_by_role("link", name="the rapport check").click()  # a chapter link to quizzes/*.md
    assert page.url == server.url + where(own_pages, "rapport-check")
    answer_rapport_check(page)

    page.goto(f"{server.url}my-results/")
    results = page.locator(".hq-rp")
    expect(results).to_have_attribute("data-hq-ready", "")
    catalog = results.locator(".hq-catalog a")
    expect(catalog).to_have_count(3)  # every quiz, whichever way it is published
    for quiz_id in ("rapport-check", "rapport-self", "loose-check"):
        link = results.locator(f'.hq-catalog li[data-hq-quiz="{quiz_id}"] a')
        href = link.evaluate("a => a.href")
        assert href == server.url + where(own_pages, quiz_id), quiz_id
    group = results.locator(".hq-rp-quiz", has_text="Ruptures")
    expect(group.locator(".hq-rp-score")).to_have_text(re.compile(r"^2 of 2 correct"))
    group.get_by_role("link", name="Ruptures").first.click()
    assert page.url == server.url + where(own_pages, "rapport-check")
    expect(page.locator("#hq-rapport-check")).to_be_visible()
    guard.check()


def test_my_results_imports_attempts_on_quizzes_without_a_page(
    page: Page, quiz_site, tmp_path: Path
) -> None:
    """The import check accepts a quiz only if My results lists it: every quiz must be listed."""
    server, _ = quiz_site
    guard = PageGuard(page)
    page.goto(f"{server.url}rapport/")
    answer_rapport_check(page)
    page.goto(f"{server.url}my-results/")
    results = page.locator(".hq-rp")
    expect(results).to_have_attribute("data-hq-ready", "")
    with page.expect_download() as info:
        results.get_by_role("button", name=re.compile("^Export JSON")).click()
    exported = Path(info.value.path()).read_bytes()
    page.on("dialog", lambda dialog: dialog.accept())
    results.get_by_role("button", name="Delete all results").click()
    expect(results.locator(".hq-rp-attempts")).to_contain_text("No results in this browser yet")
    results.get_by_label("Import a JSON export").set_input_files(
        files=[{"name": "results.json", "mimeType": "application/json", "buffer": exported}]
    )
    expect(results.locator(".hq-rp-status")).to_have_text(
        "Import done. New attempts: 1; already here: 0."
    )
    guard.check()
