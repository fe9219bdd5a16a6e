"""The offline build (mkdocs-offline.yml) opened from file:// in Chromium: quizzes, results, search.

Every page is opened as a file, never served: any request whose scheme is not file: fails the test
(a CDN shim, a web font, an API call), and so does any console error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, build_site
from handbook_quiz.scoring import knowledge_score
from playwright.sync_api import Page, expect

from .quizdata import check_question, correct_indices, quiz, wrong_index

pytestmark = pytest.mark.browser

KNOWLEDGE = "rapport-check"
SELF = "rapport-self"
STORE = "the-alliance-handbook"  # the default storage id: a slug of site_name
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")  # data:/blob:/about: never leave the machine


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site_dir = tmp_path_factory.mktemp("site-offline")
    build_site(ROOT, site_dir, "https://alliance-handbook.example.org/", "-f", "mkdocs-offline.yml")
    return site_dir


class FileGuard:
    def __init__(self) -> None:
        self.foreign: list[str] = []
        self.errors: list[str] = []


@pytest.fixture
def file_guard(page: Page) -> Iterator[FileGuard]:
    """Record (and abort) every request that is not for a local file; record console errors."""
    seen = FileGuard()

    def on_request(request) -> None:
        if not request.url.startswith(LOCAL_SCHEMES):
            seen.foreign.append(request.url)

    def route(route) -> None:
        if route.request.url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            seen.foreign.append(route.request.url)
            route.abort()

    page.context.on("request", on_request)  # every frame, including the search shim's iframe
    page.context.route("**/*", route)
    page.on(
        "console",
        lambda message: seen.errors.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    yield seen
    assert seen.foreign == [], f"requests that are not file: {sorted(set(seen.foreign))}"
    assert seen.errors == [], f"console errors: {seen.errors}"


def test_the_build_needs_no_other_host(offline_site: Path) -> None:
    """Checked in the files too: the shim is the vendored one and links are to .html files."""
    html = (offline_site / "rapport.html").read_text(encoding="utf-8")
    assert '<script src="assets/vendor/iframe-worker-shim.js"></script>' in html
    assert "unpkg.com" not in html and "fonts.googleapis.com" not in html
    assert '"navigation.instant"' not in html, "instant navigation never starts under file://"
    assert (offline_site / "search" / "search_index.js").is_file()
    assert (offline_site / "assets" / "vendor" / "iframe-worker.LICENSE.txt").is_file()
    assert (offline_site / "my-results.html").is_file() and (
        offline_site / f"quizzes/{KNOWLEDGE}.html"
    ).is_file()


def test_knowledge_check_from_file_then_my_results(
    page: Page, offline_site: Path, file_guard
) -> None:
    page.goto((offline_site / "index.html").as_uri())
    expect(page.locator("article h1").first).to_be_visible()
    page.locator('nav.md-nav a.md-nav__link[href="rapport.html"]').first.click()
    expect(page).to_have_url((offline_site / "rapport.html").as_uri())
    data = quiz(KNOWLEDGE)
    root = page.locator(f"#hq-{KNOWLEDGE}")
    expect(root).to_have_attribute(
        "data-hq-ready", ""
    )  # booted by DOMContentLoaded: no instant navigation here
    answers = {}
    for n, question in enumerate(data.questions):
        chosen = [wrong_index(question)] if n == 0 else correct_indices(question)
        answers[question.id] = chosen
        box = check_question(root, question, chosen)
        expect(box.locator(".hq-verdict")).to_contain_text("Not quite." if n == 0 else "Correct.")
    right, total, _ = knowledge_score(data, answers)
    expect(root.locator(".hq-results")).to_be_visible()
    expect(root.locator(".hq-score-line")).to_have_text(f"{right} of {total} correct")

    page.locator('a.md-nav__link[href="my-results.html"]').first.click()
    expect(page).to_have_url((offline_site / "my-results.html").as_uri())
    results = page.locator(".hq-rp")
    expect(results).to_have_attribute("data-hq-store", STORE)
    expect(results.locator(f'.hq-catalog li[data-hq-quiz="{KNOWLEDGE}"] a')).to_have_attribute(
        "href", f"quizzes/{KNOWLEDGE}.html"
    )
    # The same tab keeps its storage across file:// pages, under the site's own prefix.
    keys = page.evaluate("() => Object.keys(sessionStorage)")
    assert f"hq:{STORE}:quiz:{KNOWLEDGE}" in keys, keys
    assert all(k.startswith(f"hq:{STORE}:") for k in keys if k.startswith("hq:")), keys
    attempts = page.evaluate(
        f"() => JSON.parse(sessionStorage.getItem('hq:{STORE}:quiz:{KNOWLEDGE}')).attempts"
    )
    assert attempts[-1]["finished"] and attempts[-1]["score"]["right"] == right
    # ... and the results page (results.js) shows the attempt, with a working link back to the quiz.
    expect(results).to_have_attribute("data-hq-ready", "")
    group = results.locator(".hq-rp-quiz", has=page.locator(f'a[href$="{KNOWLEDGE}.html"]'))
    expect(group.locator(".hq-rp-attempt")).to_have_count(1)
    expect(group.locator(".hq-rp-score")).to_have_text([re.compile(f"^{right} of {total} correct")])
    expect(results.locator(f'.hq-catalog li[data-hq-quiz="{KNOWLEDGE}"]')).to_contain_text("done")
    group.locator(f'a[href$="{KNOWLEDGE}.html"]').first.click()
    expect(page).to_have_url((offline_site / "quizzes" / f"{KNOWLEDGE}.html").as_uri())
    expect(page.locator(f"#hq-{KNOWLEDGE} .hq-score-line")).to_have_text(
        f"{right} of {total} correct"
    )


def test_consent_keeps_results_in_local_storage_under_the_site_prefix(
    page: Page, offline_site: Path, file_guard
) -> None:
    data = quiz(SELF)
    # Another handbook opened from file:// on the same machine shares localStorage with this one.
    other = {
        "hq:other-handbook:meta:mode": "device",
        f"hq:other-handbook:quiz:{SELF}": '{"v": 1, "attempts": [{"finished": "2026-01-01"}]}',
    }
    page.goto((offline_site / "index.html").as_uri())
    page.evaluate(
        "(o) => { for (const [k, v] of Object.entries(o)) localStorage.setItem(k, v); }", other
    )
    page.goto((offline_site / "quizzes" / f"{SELF}.html").as_uri())
    root = page.locator(f"#hq-{SELF}")
    expect(root).to_have_attribute("data-hq-ready", "")
    expect(root.locator(".hq-mode")).to_contain_text("kept in this tab until you choose otherwise")
    expect(root.locator(".hq-results")).to_be_hidden()
    for item in data.items:
        root.locator(
            f'.hq-item[data-hq-item="{item.id}"] input[value="{data.scale.maximum}"]'
        ).check()
    root.locator(".hq-score").click()
    expect(root.locator(".hq-results")).to_be_visible()
    root.locator(".hq-consent").get_by_role("button", name="Keep on this device").click()
    expect(root.locator(".hq-saved-where")).to_have_text(
        "Saved on this device only. Nothing is sent anywhere."
    )
    # localStorage is one area for every file:// page on this machine: only prefixed keys are ours.
    keys = page.evaluate(
        f"() => Object.keys(localStorage).filter((k) => k.startsWith('hq:{STORE}:')).sort()"
    )
    assert keys == [f"hq:{STORE}:meta:mode", f"hq:{STORE}:quiz:{SELF}"], keys
    page.goto((offline_site / "rapport.html").as_uri())  # the same quiz embedded in its chapter
    chapter = page.locator(f"#hq-{SELF}")
    expect(chapter.locator(".hq-mode")).to_contain_text("saved on this device only")
    expect(chapter.locator(".hq-results")).to_be_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    chapter.locator(".hq-forget").click()
    expect(chapter.locator(".hq-results")).to_be_hidden()
    remaining = page.evaluate(
        "() => Object.fromEntries(Object.entries(localStorage)"
        ".filter(([k]) => k.startsWith('hq:')))"
    )
    assert remaining == other, "forgetting this handbook must leave the other one's data alone"


def test_search_works_from_file(page: Page, offline_site: Path, file_guard) -> None:
    page.goto((offline_site / "index.html").as_uri())
    assert page.evaluate("() => window.Worker === window.IFrameWorker"), (
        "the vendored iframe-worker shim is not active"
    )
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("rupture", delay=30)
    hits = page.locator(".md-search-result__item")
    expect(hits.first).to_be_visible()
    expect(page.locator(".md-search-result")).to_contain_text("Repairing ruptures")
    page.locator('.md-search-result__item a[href*="repairing-ruptures.html"]').first.click()
    expect(page).to_have_url(
        re.compile(
            re.escape((offline_site / "repairing-ruptures.html").as_uri())
            + r"(\?h=rupture)?(#.*)?$"
        )
    )
    expect(page.locator("article h1")).to_contain_text("Repairing ruptures")
    expect(page.locator("article h1 mark")).to_have_text(
        "rupture"
    )  # search.highlight, also from file://
