"""Accessibility audit in Chromium: axe-core over every built page in both palettes and over every
interactive quiz state, keyboard-only completion, 320 px reflow, reduced motion and visible focus.

axe runs with the WCAG 2.0/2.1 A and AA rules plus axe's best practices; every violation is printed
(impact, rule, target) and any one fails the test. The axe bundle is the one shipped inside the
`axe-playwright-python` package, read from disk (nothing is fetched) and added to each document
before the page's own scripts (`add_init_script`; `add_script_tag` for pages opened otherwise).
Palettes: a context with `color_scheme="dark"` opens every page in Material's slate scheme, as a
reader whose system is dark sees it; each test checks the scheme it got.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlparse

import axe_playwright_python
import pytest
from handbook_quiz.scoring import band_for, round_half_away, self_scores
from playwright.sync_api import Browser, BrowserContext, Page, expect

from .quizdata import check_question, correct_indices, finish_self, quiz, wrong_index

pytestmark = pytest.mark.browser

AXE_JS = Path(axe_playwright_python.__file__).parent / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
SCHEMES = {"light": "default", "dark": "slate"}  # palette -> Material's data-md-color-scheme
KNOWLEDGE, SELF, CHECK_IN = "rapport-check", "rapport-self", "alliance-check-in"


# ---------- helpers ----------


class Watched:
    """A page that records requests to other hosts (aborted) and console errors."""

    def __init__(self, page: Page, search_index: str | None = None) -> None:
        self.page = page
        self.foreign: list[str] = []
        self.errors: list[str] = []

        def route(route):  # noqa: ANN001, ANN202
            url = urlparse(route.request.url)
            if url.hostname not in ("127.0.0.1", None, ""):
                self.foreign.append(route.request.url)
                return route.abort()
            if search_index is not None and url.path.endswith("/search/search_index.json"):
                return route.fulfill(body=search_index, content_type="application/json")
            return route.continue_()

        page.route("**/*", route)
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def assert_clean(self) -> None:
        assert self.foreign == [], f"requests to other hosts: {self.foreign}"
        assert self.errors == [], f"console errors: {self.errors}"


def open_context(browser: Browser, palette: str, **options: object) -> BrowserContext:
    """A fresh context in one palette (Material follows prefers-color-scheme on a first visit), with
    axe loaded into every document before the page's own scripts, as `add_script_tag` would."""
    context = browser.new_context(color_scheme=palette, **options)
    context.add_init_script(path=str(AXE_JS))
    return context


def settle(page: Page) -> None:
    """Wait until no CSS transition or animation runs, so colours are measured at rest."""
    page.wait_for_function(
        "() => document.getAnimations().every((a) => a.playState !== 'running')", timeout=5000
    )


def start_axe(page: Page, scope: str | None = None) -> None:
    """Start axe without waiting for it, so two pages (two renderer processes) can audit at once."""
    settle(page)
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_JS))
    page.evaluate(
        """([scope, tags]) => { window.__axeRun = axe.run(scope ? {include: [scope]} : document,
            {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}); }""",
        [scope, AXE_TAGS],
    )


def axe_result(page: Page, where: str) -> list[str]:
    """Wait for the audit started by `start_axe`; print and return one line per failing node."""
    violations = page.evaluate(
        """async () => (await window.__axeRun).violations.map((v) => ({id: v.id, impact: v.impact,
            help: v.help, nodes: v.nodes.map((n) =>
                ({target: n.target.join(' '), summary: n.failureSummary || ''}))}))"""
    )
    lines = []
    for v in violations:
        for node in v["nodes"]:
            detail = " ".join(node["summary"].split())
            lines.append(
                f"[{where}] {v['impact']} {v['id']} {node['target']} -- {v['help']}. {detail}"
            )
    for line in lines:
        print(line)
    return lines


def assert_axe_clean(page: Page, where: str, scope: str | None = None) -> None:
    start_axe(page, scope)
    found = axe_result(page, where)
    assert found == [], f"{len(found)} axe violation(s):\n" + "\n".join(found)


def expect_scheme(page: Page, palette: str) -> None:
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[palette])


def open_quiz(page: Page, site, quiz_id: str):  # noqa: ANN001, ANN201
    page.goto(f"{site.url}quizzes/{quiz_id}/")
    root = page.locator(f"#hq-{quiz_id}")
    expect(root).to_have_attribute("data-hq-ready", "")
    return root


def built_pages(site_dir: Path) -> list[str]:
    """Every page of the built site, as a path relative to its root ('' is home)."""
    pages = []
    for html in sorted(site_dir.rglob("*.html")):
        rel = html.relative_to(site_dir).as_posix()
        pages.append(rel.removesuffix("index.html"))
    return pages


def varied_answers(data) -> dict[str, int]:  # noqa: ANN001
    low, high = data.scale.minimum, data.scale.maximum
    return {item.id: low + (i * 7 + 3) % (high - low + 1) for i, item in enumerate(data.items)}


# ---------- axe over every built page, one browser page per palette ----------


def test_every_page_passes_axe_in_both_palettes(browser: Browser, site) -> None:  # noqa: ANN001
    """Each built page, loaded directly, in the light and the dark palette. The two palettes are
    audited side by side in two contexts (two renderer processes), and the search index is served
    empty: every page load would otherwise rebuild the whole index in Material's search worker,
    about a third of this test's CPU, and nothing here searches."""
    pages = built_pages(site.directory)
    assert {"", "rapport/", f"quizzes/{KNOWLEDGE}/", "my-results/", "404.html"} <= set(pages), pages
    index = json.loads(
        (site.directory / "search" / "search_index.json").read_text(encoding="utf-8")
    )
    empty_index = json.dumps({**index, "docs": []})
    tabs = {}
    for palette in SCHEMES:
        page = open_context(browser, palette).new_page()
        tabs[palette] = (page, Watched(page, empty_index))
    found: list[str] = []
    for path in pages:
        for palette, (page, _) in tabs.items():
            page.goto(site.url + path)
            expect_scheme(page, palette)
            for root in page.locator(".hq-quiz").all():
                expect(root).to_have_attribute("data-hq-ready", "")
            start_axe(page)
        for palette, (page, _) in tabs.items():
            found += axe_result(page, f"{palette} /{path}")
    for page, watched in tabs.values():
        page.context.close()
        watched.assert_clean()
    assert found == [], (
        f"{len(found)} axe violation(s) on {len(pages)} pages x 2 palettes:\n" + "\n".join(found)
    )


# ---------- axe over the interactive states of quizzes ----------


@pytest.mark.parametrize("palette", list(SCHEMES))
def test_knowledge_check_states_pass_axe(browser: Browser, site, palette: str) -> None:  # noqa: ANN001
    data = quiz(KNOWLEDGE)
    context = open_context(browser, palette)
    page = context.new_page()
    watched = Watched(page)
    root = open_quiz(page, site, KNOWLEDGE)
    expect_scheme(page, palette)
    expect(root.locator(".hq-answer").first).to_be_hidden()  # no answers before "Check"
    for n, question in enumerate(data.questions):
        chosen = [wrong_index(question)] if n == 0 else correct_indices(question)
        box = check_question(root, question, chosen)
        if n == 0:
            expect(box.locator(".hq-verdict")).to_contain_text("Not quite.")
            assert_axe_clean(
                page, f"{palette} knowledge: wrong answer, feedback shown", f"#hq-{KNOWLEDGE}"
            )
        elif n == 1:
            expect(box.locator(".hq-verdict")).to_contain_text("Correct.")
            assert_axe_clean(
                page, f"{palette} knowledge: right answer, feedback shown", f"#hq-{KNOWLEDGE}"
            )
    expect(root.locator(".hq-results")).to_be_visible()
    assert_axe_clean(page, f"{palette} knowledge: results", f"#hq-{KNOWLEDGE}")
    context.close()
    watched.assert_clean()


@pytest.mark.parametrize("palette", list(SCHEMES))
def test_self_assessment_states_pass_axe(browser: Browser, site, palette: str) -> None:  # noqa: ANN001
    data = quiz(SELF)
    context = open_context(browser, palette)
    page = context.new_page()
    watched = Watched(page)
    root = open_quiz(page, site, SELF)
    expect_scheme(page, palette)
    root.locator(f'.hq-item[data-hq-item="{data.items[0].id}"] input').first.check()
    root.locator(".hq-score").click()
    expect(root.locator(".hq-status")).to_contain_text("still open")
    assert_axe_clean(
        page, f"{palette} self-assessment: unrated statements pointed out", f"#hq-{SELF}"
    )
    finish_self(root, varied_answers(data))
    expect(root.locator(".hq-table")).to_be_visible()
    expect(root.locator(".hq-bars")).to_be_visible()
    expect(root.locator(".hq-band-shown").first).to_be_visible()
    expect(root.locator(".hq-consent")).to_be_visible()
    root.locator("textarea").first.fill("Something I noticed.")
    assert_axe_clean(
        page, f"{palette} self-assessment: results, bands, consent prompt", f"#hq-{SELF}"
    )
    root.locator(".hq-consent").get_by_role("button", name="Keep on this device").click()
    expect(
        root.locator(".hq-consent").get_by_role("button", name="Keep on this device")
    ).to_have_attribute("aria-pressed", "true")
    expect(root.locator(".hq-mode")).to_contain_text("saved on this device only")
    assert_axe_clean(page, f"{palette} self-assessment: storage mode chosen", f"#hq-{SELF}")
    page.goto(f"{site.url}profile/")  # device storage already chosen: the profile is kept too
    finish_self(page.locator("#hq-alliance-profile"), varied_answers(quiz("alliance-profile")))
    page.goto(f"{site.url}my-results/")
    expect_scheme(page, palette)
    results = page.locator(".hq-rp")
    expect(results).to_have_attribute("data-hq-ready", "")
    expect(results.locator(".hq-rp-chart")).to_be_visible()
    expect(results.locator(".hq-rp-attempt")).to_have_count(2)
    assert_axe_clean(page, f"{palette} my-results with a self-assessment and the profile chart")
    context.close()
    watched.assert_clean()


@pytest.mark.parametrize("palette", list(SCHEMES))
def test_check_in_comparison_and_bad_code_pass_axe(browser: Browser, site, palette: str) -> None:  # noqa: ANN001
    data = quiz(CHECK_IN)
    low, high = data.scale.minimum, data.scale.maximum
    client = open_context(browser, palette).new_page()
    client_watch = Watched(client)
    mixed = {it.id: low + i % (high - low + 1) for i, it in enumerate(data.items)}
    finish_self(open_quiz(client, site, CHECK_IN), mixed, "client")
    expect_scheme(client, palette)
    code = client.locator(f"#hq-{CHECK_IN} .hq-code").input_value()
    assert_axe_clean(
        client, f"{palette} check-in: client results with share code", f"#hq-{CHECK_IN}"
    )
    therapist = open_context(browser, palette).new_page()
    therapist_watch = Watched(therapist)
    root = open_quiz(therapist, site, CHECK_IN)
    expect_scheme(therapist, palette)
    finish_self(root, {it.id: high for it in data.items}, "therapist")
    root.locator(".hq-paste").fill(code)
    root.locator(".hq-compare").click()
    expect(root.locator(".hq-comparison table")).to_have_count(2)
    assert_axe_clean(
        therapist, f"{palette} check-in: comparison of two perspectives", f"#hq-{CHECK_IN}"
    )
    root.locator(".hq-paste").fill(code[:-1] + ("0" if code[-1] != "0" else "1"))
    root.locator(".hq-compare").click()
    expect(root.locator(".hq-comparison [role=alert]")).to_be_visible()
    assert_axe_clean(therapist, f"{palette} check-in: bad share code alert", f"#hq-{CHECK_IN}")
    client.context.close()
    therapist.context.close()
    client_watch.assert_clean()
    therapist_watch.assert_clean()


def test_profile_results_pass_axe(browser: Browser, site) -> None:  # noqa: ANN001
    data = quiz("alliance-profile")
    context = open_context(browser, "light")
    page = context.new_page()
    watched = Watched(page)
    page.goto(f"{site.url}profile/")
    root = page.locator("#hq-alliance-profile")
    expect(root).to_have_attribute("data-hq-ready", "")
    finish_self(root, varied_answers(data))
    assert_axe_clean(page, "light profile page with results")
    context.close()
    watched.assert_clean()


# ---------- keyboard only ----------


def focused_matches(page: Page, selector: str) -> bool:
    return page.evaluate(
        "(s) => !!document.activeElement && document.activeElement.matches(s)", selector
    )


def test_self_assessment_by_keyboard_alone(page: Page, site, guard) -> None:  # noqa: ANN001
    """Tab into each statement, choose with the arrow keys (Space for the first point), score with
    Enter, keep the results with Space, write a reflection: no mouse, no programmatic focus."""
    data = quiz(SELF)
    answers = varied_answers(data)
    root = open_quiz(page, site, SELF)
    low = data.scale.minimum
    first = f"#hq-{SELF}-{data.items[0].id} input"
    for _ in range(60):
        page.keyboard.press("Tab")
        if focused_matches(page, first):
            break
    else:
        raise AssertionError("Tab never reached the first statement")
    for n, item in enumerate(data.items):
        group = f"#hq-{SELF}-{item.id} input"
        if n:
            page.keyboard.press("Tab")  # one Tab from the previous statement's choice to this one
        assert focused_matches(page, group), f"Tab did not move to statement {n + 1}"
        steps = answers[item.id] - low
        if steps == 0:
            page.keyboard.press("Space")
        for _ in range(steps):
            page.keyboard.press("ArrowRight")
        expect(root.locator(f'{group}[value="{answers[item.id]}"]')).to_be_checked()
    page.keyboard.press("Tab")
    assert focused_matches(page, f"#hq-{SELF} .hq-score"), (
        "the score button does not follow the last statement"
    )
    page.keyboard.press("Enter")
    expect(root.locator(".hq-results")).to_be_focused()
    scores = self_scores(data, answers)
    overall = root.locator(".hq-table tbody tr").last.locator("th, td")
    band = band_for(scores[""], data.bands)
    expect(overall).to_have_text(
        ["Overall", f"{round_half_away(scores['']):g}", band.label if band else "–"]
    )
    for _ in range(30):
        page.keyboard.press("Tab")
        if focused_matches(page, f"#hq-{SELF} textarea"):
            break
    else:
        raise AssertionError("Tab never reached the reflection box")
    page.keyboard.type("Noticed by keyboard.")
    for _ in range(30):
        page.keyboard.press("Tab")
        if focused_matches(page, f"#hq-{SELF} .hq-keep-device"):
            break
    else:
        raise AssertionError("Tab never reached the consent buttons")
    page.keyboard.press("Space")
    expect(root.locator(".hq-mode")).to_contain_text("saved on this device only")
    assert page.evaluate(
        "() => Object.keys(localStorage).some((k) => k.endsWith(':quiz:rapport-self'))"
    )
    page.reload()
    expect(page.locator(f"#hq-{SELF} textarea").first).to_have_value("Noticed by keyboard.")


# ---------- reflow at 320 CSS px (1280 px at 400% zoom) ----------

OVERFLOW = """() => {
    const width = document.documentElement.clientWidth, out = [];
    const scrolls = document.documentElement.scrollWidth > width
        ? [`page scrolls: ${document.documentElement.scrollWidth} > ${width}`] : [];
    for (const node of document.querySelectorAll('.md-content *')) {
        const style = getComputedStyle(node), box = node.getBoundingClientRect();
        if (style.visibility === 'hidden' || box.width === 0 || box.right <= width + 1) continue;
        /* inside its own scroll box (a wide table), it does not move the page */
        let clipped = false;
        for (let up = node.parentElement; up && up !== document.body; up = up.parentElement) {
            if (getComputedStyle(up).overflowX !== 'visible'
                && up.getBoundingClientRect().right <= width + 1) { clipped = true; break; }
        }
        const where = `${node.tagName.toLowerCase()}.${[...node.classList].join('.')}`;
        if (!clipped) out.push(`${where} right=${Math.round(box.right)}`);
    }
    return scrolls.concat(out.slice(0, 10));
}"""


def test_reflows_at_320_css_pixels(browser: Browser, site) -> None:  # noqa: ANN001
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    watched = Watched(page)
    problems = {}
    for path in ("", "rapport/", "my-results/"):
        page.goto(site.url + path)
        problems[path or "home"] = page.evaluate(OVERFLOW)
    data = quiz(SELF)
    finish_self(open_quiz(page, site, SELF), varied_answers(data))
    problems[f"{SELF} with results"] = page.evaluate(OVERFLOW)
    check_in = quiz(CHECK_IN)
    root = open_quiz(page, site, CHECK_IN)
    finish_self(root, {it.id: check_in.scale.minimum for it in check_in.items}, "client")
    code = root.locator(".hq-code").input_value()
    root.get_by_role("button", name="Try again").click()
    finish_self(root, {it.id: check_in.scale.maximum for it in check_in.items}, "therapist")
    root.locator(".hq-paste").fill(code)
    root.locator(".hq-compare").click()
    expect(root.locator(".hq-comparison table")).to_have_count(2)
    problems[f"{CHECK_IN} comparison"] = page.evaluate(OVERFLOW)
    page.goto(f"{site.url}my-results/")
    problems["my-results with stored results"] = page.evaluate(OVERFLOW)
    context.close()
    watched.assert_clean()
    problems = {where: found for where, found in problems.items() if found}
    assert problems == {}, f"horizontal overflow at 320 px: {problems}"


# ---------- reduced motion ----------

MOVING = """() => {
    const out = [];
    for (const node of document.querySelectorAll('.hq-quiz, .hq-quiz *')) {
        for (const pseudo of [null, '::before', '::after']) {
            const s = getComputedStyle(node, pseudo);
            const moves = (v) => v.split(',').some((d) => parseFloat(d) > 0);
            if (moves(s.transitionDuration)
                || (s.animationName !== 'none' && moves(s.animationDuration))) {
                const where = `${node.tagName.toLowerCase()}.${[...node.classList].join('.')}`;
                out.push(`${where}${pseudo || ''}: transition ${s.transitionDuration}, `
                    + `animation ${s.animationName} ${s.animationDuration}`);
            }
        }
    }
    return out;
}"""


def test_reduced_motion_stops_every_quiz_transition(page: Page, site, guard) -> None:  # noqa: ANN001
    page.emulate_media(reduced_motion="reduce")
    data = quiz(KNOWLEDGE)
    root = open_quiz(page, site, KNOWLEDGE)
    question = data.questions[0]
    box = check_question(root, question, [wrong_index(question)])
    expect(box.locator(".hq-verdict")).not_to_be_empty()
    assert page.evaluate(MOVING) == []
    root = open_quiz(page, site, SELF)
    finish_self(root, varied_answers(quiz(SELF)))
    assert page.evaluate(MOVING) == []


# ---------- visible focus ----------

FOCUS_LOOK = """(node) => {
    const s = getComputedStyle(node);
    return {outline: s.outlineStyle === 'none' || parseFloat(s.outlineWidth) === 0 ? 'none'
                     : `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
            shadow: s.boxShadow, background: s.backgroundColor,
            focusVisible: node.matches(':focus-visible')};
}"""


def focus_by_keyboard(page: Page, target) -> None:  # noqa: ANN001
    """Land on the target with the keyboard: from the focusable element before it, press Tab."""
    target.scroll_into_view_if_needed()
    target.evaluate("(n) => n.focus()")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert target.evaluate("(n) => n === document.activeElement"), target


def assert_focus_visible(page: Page, targets: dict[str, object]) -> None:
    failures = []
    for name, target in targets.items():
        page.evaluate("() => document.activeElement && document.activeElement.blur()")
        before = target.evaluate(FOCUS_LOOK)
        focus_by_keyboard(page, target)
        after = target.evaluate(FOCUS_LOOK)
        if not after["focusVisible"]:
            failures.append(f"{name}: :focus-visible does not match after Tab")
        elif after["outline"] == "none" and after["shadow"] in ("none", before["shadow"]):
            failures.append(f"{name}: no outline or box-shadow when focused ({before} -> {after})")
        elif after["outline"] == before["outline"] and after["shadow"] == before["shadow"]:
            failures.append(f"{name}: looks the same focused and unfocused ({after})")
    assert failures == [], "\n".join(failures)


def test_every_quiz_control_shows_focus(page: Page, site, guard) -> None:  # noqa: ANN001
    data = quiz(KNOWLEDGE)
    root = open_quiz(page, site, KNOWLEDGE)
    single = next(q for q in data.questions if not q.multiple)
    multiple = next(q for q in data.questions if q.multiple)
    one = root.locator(f'.hq-question[data-hq-qid="{single.id}"]')
    many = root.locator(f'.hq-question[data-hq-qid="{multiple.id}"]')
    assert_focus_visible(
        page,
        {
            "radio": one.locator("input").first,
            "checkbox": many.locator("input").nth(1),
            "check button": one.locator(".hq-check"),
        },
    )
    one.locator(f'input[value="{wrong_index(single)}"]').check()
    one.locator(".hq-check").click()
    expect(one.locator(".hq-answer")).to_be_visible()
    assert_focus_visible(page, {"answer summary": one.locator(".hq-answer summary")})

    check_in = quiz(CHECK_IN)
    root = open_quiz(page, site, CHECK_IN)
    assert_focus_visible(
        page,
        {
            "perspective radio": root.locator(".hq-perspective input").first,
            "storage switch button": root.locator(".hq-switch"),
            "forget button": root.locator(".hq-forget"),
        },
    )
    root.locator('.hq-perspective input[value="client"]').check()
    assert_focus_visible(page, {"scale radio": root.locator(".hq-item input").first})
    finish_self(root, {it.id: check_in.scale.minimum for it in check_in.items})
    assert_focus_visible(
        page,
        {
            "reflection textarea": root.locator("textarea").first,
            "keep on device button": root.locator(".hq-keep-device"),
            "keep in tab button": root.locator(".hq-keep-tab"),
            "share code field": root.locator(".hq-code"),
            "copy button": root.locator(".hq-copy"),
            "paste field": root.locator(".hq-paste"),
            "compare button": root.locator(".hq-compare"),
            "try again button": root.locator(".hq-retry"),
        },
    )
