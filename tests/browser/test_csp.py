"""The quiz runtime under a strict Content-Security-Policy, in Chromium.

The handbook is served with a policy that allows no inline script except Material's own blocks,
each by its sha256 hash (computed from the built pages), no inline style at all, and nothing from
other origins. A second, report-only policy requires Trusted Types: any HTML string a script hands
to innerHTML, outerHTML, insertAdjacentHTML or document.write is reported, so "no runtime data
reaches innerHTML" is checked in the running page, not only by reading the source.
Every `securitypolicyviolation` event is recorded; none may come from assets/handbook-quiz/.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import http.server
import math
import re
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, QuietHandler, build_site
from handbook_quiz.scoring import knowledge_score, round_half_away, self_scores
from playwright.sync_api import Browser, BrowserContext, Page, expect

from .quizdata import check_question, correct_indices, quiz, wrong_index

pytestmark = pytest.mark.browser

KNOWLEDGE = "rapport-check"
SELF = "rapport-self"
CHECK_IN = "alliance-check-in"
QUIZ_ASSETS = "/assets/handbook-quiz/"


class InlineScripts(HTMLParser):
    """The text of every inline <script> that a browser would run (JSON data blocks are not run)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.bodies: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        a = dict(attrs)
        kind = (a.get("type") or "text/javascript").lower()
        runs = kind in ("text/javascript", "application/javascript", "module")
        self._current = [] if "src" not in a and runs else None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.bodies.append("".join(self._current))
        if tag == "script":
            self._current = None


def inline_script_hashes(site_dir: Path) -> set[str]:
    hashes = set()
    for page in site_dir.rglob("*.html"):
        parser = InlineScripts()
        parser.feed(page.read_text(encoding="utf-8"))
        for body in parser.bodies:
            hashes.add(
                "'sha256-"
                + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
                + "'"
            )
    return hashes


def strict_policy(hashes: set[str]) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' " + " ".join(sorted(hashes)),
            "style-src 'self'",  # no 'unsafe-inline', not even for style attributes
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


TRUSTED_TYPES = "require-trusted-types-for 'script'"


class PolicyHandler(QuietHandler):
    policy = ""

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", self.policy)
        self.send_header("Content-Security-Policy-Report-Only", TRUSTED_TYPES)
        super().end_headers()


class CspSite:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.handler = type("Handler", (PolicyHandler,), {})
        self.httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(self.handler, directory=str(directory))
        )
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def start(self, policy: str) -> None:
        self.handler.policy = policy
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture(scope="module")
def csp_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CspSite]:
    site_dir = tmp_path_factory.mktemp("site-csp")
    server = CspSite(site_dir)
    build_site(ROOT, site_dir, server.url)  # site_url = this server, so instant navigation is on
    server.start(strict_policy(inline_script_hashes(site_dir)))
    yield server
    server.httpd.shutdown()


RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push({
  directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber,
  sample: e.sample, disposition: e.disposition, page: location.pathname}));
"""


class Watch:
    """Violations and console errors of every page opened in one browser context."""

    def __init__(self, context: BrowserContext) -> None:
        self.context = context
        self.violations: list[dict] = []
        self.errors: list[str] = []
        self.foreign: list[str] = []
        context.add_init_script(RECORD_VIOLATIONS)
        context.route("**/*", self._route)

    def _route(self, route) -> None:
        if route.request.url.startswith("http://127.0.0.1:"):
            route.continue_()
        else:
            self.foreign.append(route.request.url)
            route.abort()

    def page(self) -> Page:
        page = self.context.new_page()
        page.on(
            "console",
            lambda m: self.errors.append(f"{page.url}: {m.text}") if m.type == "error" else None,
        )
        page.on("pageerror", lambda e: self.errors.append(f"{page.url}: {e}"))
        return page

    def collect(self, page: Page) -> None:
        """Read the page's violations; call before leaving a page (each document has its own
        list)."""
        self.violations += page.evaluate("() => window.__csp || []")

    def check(self) -> None:
        ours = [
            v
            for v in self.violations
            if QUIZ_ASSETS in (v["source"] or "") or QUIZ_ASSETS in (v["blocked"] or "")
        ]
        assert ours == [], f"the quiz runtime broke the policy: {ours}"
        enforced = [v for v in self.violations if v["disposition"] == "enforce"]
        assert enforced == [], (
            f"the strict policy blocked something (Material's or ours): {enforced}"
        )
        assert [
            e for e in self.errors if "Content Security Policy" in e or "Trusted Type" in e
        ] == [], self.errors
        assert self.errors == [], f"console errors: {self.errors}"
        assert self.foreign == [], f"requests to other hosts: {self.foreign}"


@pytest.fixture
def watch(browser: Browser) -> Iterator[Watch]:
    context = browser.new_context()
    yield Watch(context)
    context.close()


def test_every_response_carries_the_policy(csp_site: CspSite, watch: Watch) -> None:
    page = watch.page()
    response = page.goto(f"{csp_site.url}quizzes/{KNOWLEDGE}/")
    assert response is not None
    policy = response.headers["content-security-policy"]
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert re.search(r"script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;", policy), policy
    assert response.headers["content-security-policy-report-only"] == TRUSTED_TYPES
    # Material really runs under it: its inline palette script and its bundle both did their work.
    expect(page.locator("body")).to_have_attribute(
        "data-md-color-scheme", re.compile("default|slate")
    )
    expect(page.locator(f"#hq-{KNOWLEDGE}")).to_have_attribute("data-hq-ready", "")
    search = page.locator(
        "input.md-search__input"
    )  # Material's search worker: worker-src and connect-src
    search.click()
    search.press_sequentially("rupture", delay=30)
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    watch.collect(page)
    watch.check()


def test_the_policy_blocks_and_the_recorder_sees_it(csp_site: CspSite, watch: Watch) -> None:
    """A canary: inline script and style attribute are blocked, an HTML string sink is reported."""
    page = watch.page()
    page.goto(f"{csp_site.url}glossary/")
    page.evaluate("""() => {
        const s = document.createElement('script');
        s.textContent = 'window.__ran = 1';
        document.body.appendChild(s);
        document.body.setAttribute('style', 'outline: 1px solid red');
        document.createElement('div').innerHTML = '<b>x</b>';
    }""")
    page.wait_for_function("() => window.__csp.length >= 3")
    assert page.evaluate("() => window.__ran") is None
    assert page.evaluate("() => getComputedStyle(document.body).outlineStyle") != "solid"
    seen = {(v["directive"], v["disposition"]) for v in page.evaluate("() => window.__csp")}
    assert {
        ("script-src-elem", "enforce"),
        ("style-src-attr", "enforce"),
        ("require-trusted-types-for", "report"),
    } <= seen


def test_knowledge_check_under_the_policy(csp_site: CspSite, watch: Watch) -> None:
    page = watch.page()
    data = quiz(KNOWLEDGE)
    # Arrive by instant navigation: Material re-creates the page's scripts, which the policy must
    # allow.
    page.goto(f"{csp_site.url}glossary/")
    page.evaluate("() => { window.__marker = 1 }")
    page.locator('a.md-nav__link[href$="quizzes/"]').first.click()
    page.locator(f'article a[href$="/{KNOWLEDGE}/"]').first.click()
    root = page.locator(f"#hq-{KNOWLEDGE}")
    expect(root).to_have_attribute("data-hq-ready", "")
    assert page.evaluate("() => window.__marker") == 1, "navigation was not instant"
    answers = {}
    for n, question in enumerate(data.questions):
        chosen = [wrong_index(question)] if n == 1 else correct_indices(question)
        answers[question.id] = chosen
        box = check_question(root, question, chosen)
        expect(box.locator(".hq-verdict")).to_contain_text("Not quite." if n == 1 else "Correct.")
    right, total, _ = knowledge_score(data, answers)
    expect(root.locator(".hq-score-line")).to_have_text(f"{right} of {total} correct")
    root.locator(".hq-retry").click()
    expect(root.locator(".hq-results")).to_be_hidden()
    watch.collect(page)
    watch.check()


def test_self_assessment_results_consent_and_chart_under_the_policy(
    csp_site: CspSite, watch: Watch
) -> None:
    page = watch.page()
    data = quiz(SELF)
    low, high = data.scale.minimum, data.scale.maximum
    answers = {item.id: low + (i * 3 + 1) % (high - low + 1) for i, item in enumerate(data.items)}
    page.goto(f"{csp_site.url}quizzes/{SELF}/")
    root = page.locator(f"#hq-{SELF}")
    expect(root).to_have_attribute("data-hq-ready", "")
    for item in data.items:
        root.locator(
            f'.hq-item[data-hq-item="{item.id}"] input[value="{answers[item.id]}"]'
        ).check()
    root.locator(".hq-score").click()
    expect(root.locator(".hq-results")).to_be_visible()
    # The chart's bar widths are set through the CSSOM (element.style.width), which style-src does
    # not govern: the bars must really have their widths under a policy without 'unsafe-inline'.
    scores = self_scores(data, answers)
    overall = round_half_away(scores[""])
    fills = root.locator(".hq-bars .hq-bar-fill")
    expect(fills).to_have_count(len(data.subscales) + 1)
    # floor(x + 0.5) is JavaScript's Math.round
    expected = f"{max(2, math.floor((overall - low) / (high - low) * 100 + 0.5))}%"
    assert fills.last.evaluate("(e) => e.style.width") == expected
    ratio = fills.last.evaluate(
        "(e) => e.getBoundingClientRect().width / e.parentElement.getBoundingClientRect().width"
    )
    assert ratio == pytest.approx(int(expected[:-1]) / 100, abs=0.02)
    root.locator(".hq-consent").get_by_role("button", name="Keep on this device").click()
    expect(root.locator(".hq-saved-where")).to_have_text(
        "Saved on this device only. Nothing is sent anywhere."
    )
    root.locator('textarea[data-hq-reflection="0"]').fill("<b>not markup</b>")
    watch.collect(page)
    # The results page (results.js) shows the attempt and draws the profile chart under the same
    # policy.
    page.goto(f"{csp_site.url}my-results/")
    results = page.locator(".hq-rp")
    expect(results).to_have_attribute("data-hq-ready", "")
    expect(results.locator(".hq-rp-attempts")).to_contain_text(data.title)
    expect(results.locator(".hq-rp-attempts")).to_contain_text("<b>not markup</b>")
    watch.collect(page)
    watch.check()


def test_share_code_compare_under_the_policy(browser: Browser, csp_site: CspSite) -> None:
    data = quiz(CHECK_IN)
    low, high = data.scale.minimum, data.scale.maximum
    people = {
        "client": {item.id: low + i % (high - low + 1) for i, item in enumerate(data.items)},
        "therapist": {item.id: high for item in data.items},
    }
    watches, codes = [], {}
    for perspective, answers in people.items():
        watch = Watch(browser.new_context())
        watches.append(watch)
        page = watch.page()
        page.goto(f"{csp_site.url}quizzes/{CHECK_IN}/")
        root = page.locator(f"#hq-{CHECK_IN}")
        expect(root).to_have_attribute("data-hq-ready", "")
        root.locator(f'.hq-perspective input[value="{perspective}"]').check()
        for item_id, value in answers.items():
            root.locator(f'.hq-item[data-hq-item="{item_id}"] input[value="{value}"]').check()
        root.locator(".hq-score").click()
        expect(root.locator(".hq-results")).to_be_visible()
        codes[perspective] = root.locator(".hq-code").input_value()
        if perspective == "therapist":
            root.locator(".hq-paste").fill("not a code")
            root.locator(".hq-compare").click()
            expect(root.locator(".hq-comparison [role=alert]")).to_contain_text(
                "does not look like a share code"
            )
            root.locator(".hq-paste").fill(codes["client"])
            root.locator(".hq-compare").click()
            tables = root.locator(".hq-comparison table")
            expect(tables).to_have_count(2)
            expect(tables.nth(1).locator("tbody tr")).to_have_count(len(data.items))
        watch.collect(page)
    for watch in watches:
        watch.check()
        watch.context.close()
