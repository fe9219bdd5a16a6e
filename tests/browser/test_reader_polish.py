"""The reader's side, polished (issue 14), in Chromium at a laptop's 1280 px and a phone's 390 px.

One test (or a few) per numbered point of the issue; the docstring of each names its point. Items
are found by role, label or the ids the built page carries, never by ids hard-coded here, so the
handbook's quizzes may be rewritten without touching these tests.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from .quizdata import quiz

pytestmark = pytest.mark.browser

KNOWLEDGE, SELF, CHECK_IN = "rapport-check", "rapport-self", "alliance-check-in"
WIDTHS = {"laptop": 1280, "phone": 390}
VERDICTS = ("Correct.", "Not quite.")


# ---------- helpers ----------


def context(
    browser: Browser, width: str = "laptop", palette: str = "light", **options: object
) -> BrowserContext:
    return browser.new_context(
        viewport={"width": WIDTHS[width], "height": 800}, color_scheme=palette, **options
    )


def guarded(ctx: BrowserContext) -> tuple[Page, list[str]]:
    """A page that fails on requests to other hosts and records console errors."""
    page, problems = ctx.new_page(), []

    def route(route):  # noqa: ANN001, ANN202
        if not route.request.url.startswith("http://127.0.0.1"):
            problems.append("request " + route.request.url)
            return route.abort()
        return route.continue_()

    page.route("**/*", route)
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    return page, problems


def open_quiz(page: Page, site, quiz_id: str) -> Locator:  # noqa: ANN001
    page.goto(f"{site.url}quizzes/{quiz_id}/")
    root = page.locator(f"#hq-{quiz_id}")
    expect(root).to_have_attribute("data-hq-ready", "")
    return root


def questions(root: Locator) -> list[Locator]:
    """The questions of a knowledge check in page order, found by their fieldsets."""
    return [
        root.locator(".hq-question").nth(i) for i in range(root.locator(".hq-question").count())
    ]


def source_index_of(box: Locator, correct: bool) -> list[int]:
    """Choice indices (as the YAML numbers them) of the correct or the wrong choices, read from the
    page."""
    options = box.locator(".hq-option")
    return [
        int(options.nth(i).get_attribute("data-hq-choice"))
        for i in range(options.count())
        if (options.nth(i).get_attribute("data-hq-correct") is not None) == correct
    ]


def answer(box: Locator, right: bool) -> None:
    """Pick the correct choice(s) or one wrong one in a question and press Check."""
    chosen = source_index_of(box, True) if right else source_index_of(box, False)[:1]
    for index in chosen:
        box.locator(f'input[value="{index}"]').check()
    box.get_by_role("button", name="Check").click()


def record_status(page: Page, root: Locator) -> None:
    """Keep every text the quiz's live region is given, in order, in window.__said."""
    root.locator(".hq-status").evaluate("""(node) => { window.__said = [];
        new MutationObserver(() => { if (node.textContent) window.__said.push(node.textContent); })
            .observe(node, {childList: true, characterData: true, subtree: true}); }""")


def said(page: Page) -> list[str]:
    return page.evaluate("() => window.__said")


def finish_self(root: Locator, value: int | None = None) -> None:
    """Rate every statement of a self-assessment (by the radios' own values) and see the results."""
    items = root.locator(".hq-item")
    for i in range(items.count()):
        radios = items.nth(i).locator("input")
        (radios.nth(value) if value is not None else radios.nth(i % radios.count())).check()
    root.get_by_role("button", name="See my results").click()
    expect(root.locator(".hq-results")).to_be_visible()


# ---------- 5: one verdict word ----------


@pytest.mark.parametrize("width", WIDTHS)
def test_5_one_verdict_word_then_the_choice_feedback(browser: Browser, site, width: str) -> None:  # noqa: ANN001
    """Point 5: 'Correct.' or 'Not quite.' once, never 'Correct. Correct.' nor
    'Not quite. Correct.'; then the chosen choice's own feedback; the verdict announced once in the
    live region."""
    ctx = context(browser, width)
    page, problems = guarded(ctx)
    root = open_quiz(page, site, KNOWLEDGE)
    record_status(page, root)
    boxes = questions(root)
    for n, box in enumerate(boxes[:-1]):
        right = n % 2 == 0
        answer(box, right)
        verdict = box.locator(".hq-verdict")
        expect(verdict).not_to_be_empty()
        text = verdict.inner_text()
        assert text.startswith(VERDICTS[0] if right else VERDICTS[1]), text
        words = re.findall(
            r"(?:^|(?<=[.!?] ))(Correct|Not quite|Yes|No|Right|Wrong|Incorrect|True|False)[.!]",
            text,
        )
        assert len(words) == 1, f"question {n + 1}: {text!r}"
        assert verdict.locator("strong").count() == 1
        expect(box.locator(".hq-explanation")).to_be_visible()
        page.wait_for_timeout(80)
        assert said(page).count(text) == 1 or said(page)[-1].startswith(text), said(page)
    announced = said(page)
    assert sum(1 for s in announced if s.startswith(VERDICTS)) == len(boxes) - 1, announced
    assert problems == []
    ctx.close()


# ---------- 6: the empty-Check message sits at the question ----------


@pytest.mark.parametrize("width", WIDTHS)
def test_6_empty_check_message_is_at_the_question(browser: Browser, site, width: str) -> None:  # noqa: ANN001
    """Point 6: Check with nothing chosen: the message appears inside the question, near its Check
    button, tied to the first input with aria-describedby, and goes once a choice is made."""
    ctx = context(browser, width)
    page, problems = guarded(ctx)
    root = open_quiz(page, site, KNOWLEDGE)
    box = questions(root)[1]
    button = box.get_by_role("button", name="Check")
    button.click()
    first = box.locator("input").first
    expect(first).to_be_focused()
    message = box.locator(".hq-ask")
    expect(message).to_have_text("Choose an answer first.")
    expect(message).to_be_visible()
    described = first.get_attribute("aria-describedby") or ""
    assert message.get_attribute("id") in described.split()
    expect(first).to_have_accessible_description(re.compile("Choose an answer first"))
    gap = abs(message.bounding_box()["y"] - button.bounding_box()["y"])
    assert gap < 120, f"message {gap:.0f} px from the Check button"
    expect(root.locator(".hq-status")).not_to_contain_text("Choose an answer first")
    first.check()
    expect(message).to_be_hidden()
    assert "hq-ask" not in (first.get_attribute("aria-describedby") or "")
    assert problems == []
    ctx.close()


# ---------- 3: knowledge checks say where results are kept ----------


def test_3_knowledge_checks_have_the_storage_line_and_choice(browser: Browser, site) -> None:  # noqa: ANN001
    """Point 3: the same storage line as the self-assessments; after the results the same choice;
    'Keep on this device' keeps the attempt for a new tab."""
    ctx = context(browser)
    page, problems = guarded(ctx)
    root = open_quiz(page, site, KNOWLEDGE)
    expect(root.locator(".hq-mode")).to_have_text(
        re.compile("kept in this tab until you choose otherwise")
    )
    expect(root.locator(".hq-consent")).to_be_hidden()
    for box in questions(root):
        answer(box, True)
    expect(root.locator(".hq-results")).to_be_visible()
    consent = root.locator(".hq-consent")
    expect(consent).to_contain_text(
        "Keep your results on this device, or only until this tab is closed?"
    )
    consent.get_by_role("button", name="Keep on this device").click()
    expect(root.locator(".hq-mode")).to_contain_text("saved on this device only")
    other, _ = guarded(ctx)
    again = open_quiz(other, site, KNOWLEDGE)
    expect(again.locator(".hq-results")).to_be_visible()
    expect(again.locator(".hq-score-line")).to_contain_text("correct")
    assert problems == []
    ctx.close()


# ---------- 7: a progress line, announced politely ----------


@pytest.mark.parametrize("quiz_id", [KNOWLEDGE, SELF])
def test_7_progress_line_updates_and_is_announced_politely(
    browser: Browser, site, quiz_id: str
) -> None:  # noqa: ANN001
    """Point 7: 'n of N answered' follows the reader; the live region (polite) says it after a
    pause, not on every click."""
    ctx = context(browser, "phone")
    page, problems = guarded(ctx)
    root = open_quiz(page, site, quiz_id)
    knowledge = quiz_id == KNOWLEDGE
    total = root.locator(".hq-question" if knowledge else ".hq-item").count()
    line = root.locator(".hq-progress")
    expect(line).to_have_text(f"0 of {total} answered")
    expect(root.locator(".hq-status")).to_have_attribute("aria-live", "polite")
    record_status(page, root)
    if knowledge:
        for box in questions(root)[:2]:
            answer(box, True)
        expect(line).to_have_text(f"2 of {total} answered")
        expect(root.locator(".hq-status")).to_contain_text(f"2 of {total} answered")
    else:
        for i in range(3):
            root.locator(".hq-item").nth(i).locator("input").nth(1).check()
        expect(line).to_have_text(f"3 of {total} answered")
        page.wait_for_timeout(2500)
        progress = [s for s in said(page) if "answered" in s]
        assert progress == [f"3 of {total} answered."], said(page)
    assert problems == []
    ctx.close()


# ---------- 9: Keep on this device does not move the page ----------


@pytest.mark.parametrize("quiz_id", [SELF, KNOWLEDGE])
def test_9_keep_on_this_device_keeps_the_reader_in_place(
    browser: Browser, site, quiz_id: str
) -> None:  # noqa: ANN001
    """Point 9: choosing where to keep results leaves the page where it was, focus beside the
    choice."""
    ctx = context(browser, "phone")
    page, problems = guarded(ctx)
    root = open_quiz(page, site, quiz_id)
    if quiz_id == SELF:
        finish_self(root)
    else:
        for box in questions(root):
            answer(box, False)
    button = root.locator(".hq-consent").get_by_role("button", name="Keep on this device")
    button.scroll_into_view_if_needed()
    before = page.evaluate("() => window.scrollY")
    where = button.bounding_box()["y"]
    button.click()
    expect(root.locator(".hq-saved-where")).to_have_text(
        "Saved on this device only. Nothing is sent anywhere."
    )
    expect(button).to_have_attribute(
        "aria-pressed", "true"
    )  # the choice stays where it was, now pressed
    expect(button).to_be_focused()
    page.wait_for_timeout(200)
    moved = button.bounding_box()["y"] - where
    assert abs(moved) < 2, (
        f"the button moved {moved:.0f} px on screen (page scrolled from {before})"
    )
    assert problems == []
    ctx.close()


# ---------- 10: the 'not a validated instrument' note once ----------


@pytest.mark.parametrize("quiz_id", [SELF, CHECK_IN])
def test_10_the_note_is_shown_once_in_a_finished_self_assessment(
    browser: Browser, site, quiz_id: str
) -> None:  # noqa: ANN001
    """Point 10: the template's one note above the items; not again in the results or the bands."""
    ctx = context(browser)
    page, problems = guarded(ctx)
    root = open_quiz(page, site, quiz_id)
    if root.locator(".hq-perspective").count():
        root.locator(".hq-perspective input").first.check()
    for value in (0, 4):
        finish_self(root, value)
        text = root.inner_text().lower()
        assert text.count("not a validated") + text.count("not validated") == 1, text
        assert text.count("diagnostic") == 1, text
        root.get_by_role("button", name="Try again").click()
        if root.locator(".hq-perspective").count():
            root.locator(".hq-perspective input").first.check()
    assert problems == []
    ctx.close()


# ---------- 11: a locked answer stays readable in dark mode and in print ----------

CONTRAST_JS = """async ([png, bg]) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + png;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    const lum = (r, g_, b) => [r, g_, b]
        .map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
        .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
    const back = lum(...bg);
    let best = 1, dark = 0;
    for (let i = 0; i < d.length; i += 4) {
        const l = lum(d[i], d[i + 1], d[i + 2]);
        const ratio = (Math.max(l, back) + 0.05) / (Math.min(l, back) + 0.05);
        if (ratio > best) best = ratio;
        if (ratio >= 3) dark++;
    }
    return [best, dark / (d.length / 4)];
}"""


def pixel_contrast(page: Page, target: Locator) -> tuple[float, float]:
    """The highest contrast of any pixel of ``target`` against the page background, and the share of
    its pixels at 3:1 or more (what is actually painted, not what CSS says)."""
    import base64

    bg = page.evaluate("""() => { const c = getComputedStyle(document.body).backgroundColor
        .match(/[\\d.]+/g).map(Number);
        return c.slice(0, 3); }""")
    png = base64.b64encode(target.screenshot(animations="disabled")).decode()
    best, share = page.evaluate(CONTRAST_JS, [png, bg])
    return best, share


@pytest.mark.parametrize(
    "palette,media", [("dark", "screen"), ("light", "print"), ("dark", "print")]
)
def test_11_locked_answers_stay_readable(browser: Browser, site, palette: str, media: str) -> None:  # noqa: ANN001
    """Point 11: after Check, the disabled radios (chosen and not) are drawn at 3:1 or more against
    the page, in the dark palette and in print; the chosen one is told apart from the others."""
    ctx = context(browser, "laptop", palette)
    page, problems = guarded(ctx)
    root = open_quiz(page, site, KNOWLEDGE)
    box = questions(root)[0]
    answer(box, False)
    expect(box.locator("input").first).to_be_disabled()
    page.emulate_media(media=media)
    chosen = box.locator("input:checked")
    other = box.locator("input:not(:checked)").first
    for name, radio in (("chosen", chosen), ("other", other)):
        best, _ = pixel_contrast(page, radio)
        assert best >= 3, f"{name} disabled radio at {best:.2f}:1 in {palette}/{media}"
        if media == "print":
            adjust = radio.evaluate(
                "(n) => getComputedStyle(n).printColorAdjust"
                " || getComputedStyle(n).webkitPrintColorAdjust"
            )
            assert adjust == "exact"
    assert pixel_contrast(page, chosen)[1] > pixel_contrast(page, other)[1] + 0.1, (
        "the chosen radio looks like the others"
    )
    label = chosen.locator("xpath=following-sibling::label")
    assert pixel_contrast(page, label)[0] >= 4.5
    assert problems == []
    ctx.close()


# ---------- 8 and 21: Likert layout, target size, focus not obscured ----------


def axe_violations(page: Page, scope: str, tags: list[str]) -> list[str]:
    from pathlib import Path

    import axe_playwright_python

    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(Path(axe_playwright_python.__file__).parent / "axe.min.js"))
    found = page.evaluate(
        """async ([scope, tags]) => (await axe.run({include: [scope]},
        {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})).violations
        .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id} ${n.target.join(' ')}`))""",
        [scope, tags],
    )
    for line in found:
        print(line)
    return found


AXE_22 = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def rects(locator: Locator) -> list[dict]:
    return locator.evaluate_all(
        "(ns) => ns.map((n) => { const r = n.getBoundingClientRect(); "
        "return {x: r.left, y: r.top, w: r.width, h: r.height, r: r.right, b: r.bottom}; })"
    )


@pytest.mark.parametrize("palette", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
def test_8_likert_options_one_row_on_a_laptop_a_list_on_a_phone(
    browser: Browser, site, width: str, palette: str
) -> None:  # noqa: ANN001
    """Point 8: five options in one row at 1280 px; at 390 px one option a line, the label beside
    its radio; every radio at least 24x24 px (WCAG 2.5.8); axe with the 2.2 rules finds nothing."""
    ctx = context(browser, width, palette)
    page, problems = guarded(ctx)
    root = open_quiz(page, site, SELF)
    items = root.locator(".hq-item")
    for i in range(items.count()):
        radios, labels = (
            rects(items.nth(i).locator("input")),
            rects(items.nth(i).locator(".hq-option label")),
        )
        tops = [round(r["y"]) for r in radios]
        if width == "laptop":
            assert len(set(tops)) == 1, f"statement {i + 1}: options on {len(set(tops))} rows"
        else:
            assert tops == sorted(tops) and len(set(tops)) == len(tops), (
                f"statement {i + 1}: not one per line"
            )
            for radio, label in zip(radios, labels, strict=False):
                assert (
                    label["x"] >= radio["r"] and label["y"] < radio["b"] and label["b"] > radio["y"]
                ), "label not beside"
        assert all(r["w"] >= 24 and r["h"] >= 24 for r in radios), radios
    heights = [r["h"] for r in rects(items)]
    assert max(heights) < (300 if width == "phone" else 160), heights  # was about 450 on a phone
    assert axe_violations(page, f"#hq-{SELF}", AXE_22) == []
    assert problems == []
    ctx.close()


def visible_controls(page: Page, scope: str) -> list[dict]:
    return page.evaluate(
        """(scope) => [...document.querySelectorAll(scope)].flatMap((root) =>
        [...root.querySelectorAll('input, button, select, textarea, summary, a[href]')])
        .filter((n) => n.getClientRects().length && getComputedStyle(n).visibility !== 'hidden')
        .filter((n) => !(n.matches('a') && n.closest('p, li, td, h1, h2, h3, h4, legend')))
        .map((n) => { const r = n.getBoundingClientRect();
            return {what: n.outerHTML.slice(0, 80), w: r.width, h: r.height}; })""",
        scope,
    )


def small(page: Page, scope: str) -> list[dict]:
    return [c for c in visible_controls(page, scope) if c["w"] < 24 or c["h"] < 24]


@pytest.mark.parametrize("width", WIDTHS)
def test_21_target_size_on_quiz_results_and_comparison_pages(
    browser: Browser, site, width: str
) -> None:  # noqa: ANN001
    """Point 21 (2.5.8): every control of a knowledge check (answered), a self-assessment with its
    results, the check-in's comparison and My results is at least 24x24 px (inline links excepted),
    and axe's 2.2 rules agree."""
    ctx = context(browser, width)
    page, problems = guarded(ctx)
    root = open_quiz(page, site, KNOWLEDGE)
    assert small(page, ".hq-quiz") == []
    for box in questions(root):
        answer(box, True)
    assert small(page, ".hq-quiz") == []
    assert axe_violations(page, f"#hq-{KNOWLEDGE}", AXE_22) == []
    root = open_quiz(page, site, CHECK_IN)
    root.locator(".hq-perspective input").first.check()
    finish_self(root)
    code = root.locator(".hq-code").input_value()
    assert code
    root.locator(".hq-paste").fill(code)
    root.get_by_role("button", name="Compare").click()
    assert small(page, ".hq-quiz") == []
    assert axe_violations(page, f"#hq-{CHECK_IN}", AXE_22) == []
    page.goto(f"{site.url}my-results/")
    expect(page.locator(".hq-rp")).to_have_attribute("data-hq-ready", "")
    assert small(page, ".hq-rp") == []
    assert axe_violations(page, ".hq-rp", AXE_22) == []
    assert problems == []
    ctx.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_21_focus_is_not_hidden_under_the_sticky_header(browser: Browser, site, width: str) -> None:  # noqa: ANN001
    """Point 21 (2.4.11): tabbing backwards up a quiz, each focused control shows below Material's
    sticky header (scroll-padding-top)."""
    ctx = context(browser, width)
    page, problems = guarded(ctx)
    root = open_quiz(page, site, SELF)
    root.get_by_role("button", name="See my results").focus()
    hidden = []
    for _ in range(25):
        page.keyboard.press("Shift+Tab")
        top, bottom, header = (
            page.evaluate("""() => { const r = document.activeElement.getBoundingClientRect();
            return [r.top, r.bottom,
                document.querySelector('.md-header').getBoundingClientRect().bottom]; }""")
        )
        if top < header:
            hidden.append((top, header))
    assert hidden == [], f"focused controls under the header: {hidden}"
    assert problems == []
    ctx.close()


# ---------- issue 12, section 2: choices shuffled once per attempt ----------


def shown_order(root: Locator) -> dict[str, list[int]]:
    """Each question's choices as the page shows them, by source index."""
    return root.evaluate("""(r) => Object.fromEntries([...r.querySelectorAll('.hq-question')]
        .map((q) => [q.getAttribute('data-hq-qid'), [...q.querySelectorAll('.hq-option')]
            .map((o) => +o.getAttribute('data-hq-choice'))]))""")


def attempts(page: Page, quiz_id: str) -> list[dict]:
    raw = page.evaluate(
        "(id) => Object.entries(sessionStorage).filter(([k]) => k.endsWith(':quiz:' + id))"
        ".map(([, v]) => v)[0]",
        quiz_id,
    )
    return json.loads(raw)["attempts"] if raw else []


def test_choices_are_shuffled_once_per_attempt_and_the_order_is_stored(
    browser: Browser, site
) -> None:  # noqa: ANN001
    """Issue 12 section 2: a knowledge check (shuffle by default) shows its choices in an order
    drawn once per attempt, stored in the attempt as `order`, kept on reload; answers stay source
    indices; a new attempt draws again; self-assessment options keep their order."""
    ctx = context(browser)
    page, problems = guarded(ctx)
    root = open_quiz(page, site, KNOWLEDGE)
    assert root.get_attribute("data-hq-shuffle") is not None
    first = shown_order(root)
    source = {qid: sorted(order) for qid, order in first.items()}
    box = questions(root)[0]
    qid = box.get_attribute("data-hq-qid")
    answer(box, True)
    stored = attempts(page, KNOWLEDGE)[-1]
    assert stored["order"] == first
    assert stored["answers"][qid] == source_index_of(box, True)
    page.reload()
    expect(root).to_have_attribute("data-hq-ready", "")
    assert shown_order(root) == first, "the order changed within one attempt"
    expect(root.locator(f'.hq-question[data-hq-qid="{qid}"] .hq-verdict')).to_contain_text(
        "Correct."
    )
    orders = [first]
    for box in questions(root)[1:]:
        answer(box, False)
    for _ in range(3):
        root.get_by_role("button", name="Try again").click()
        orders.append(shown_order(root))
        for box in questions(root):
            answer(box, True)
        assert attempts(page, KNOWLEDGE)[-1]["order"] == orders[-1]
    assert any(order != source for order in orders), "never shuffled"
    assert len({json.dumps(o, sort_keys=True) for o in orders}) > 1, (
        "the same order for every attempt"
    )
    root = open_quiz(page, site, SELF)
    assert root.get_attribute("data-hq-shuffle") is None
    values = (
        root.locator(".hq-item")
        .first.locator("input")
        .evaluate_all("(ns) => ns.map((n) => +n.value)")
    )
    assert values == sorted(values)
    finish_self(root)
    assert "order" not in attempts(page, SELF)[-1]
    assert problems == []
    ctx.close()


@pytest.fixture(scope="module")
def unshuffled_site(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    """A small site whose knowledge check says `shuffle: false`."""
    from unit_helpers import KNOWLEDGE as KNOWLEDGE_YML
    from unit_helpers import MKDOCS_YML, make_site

    from tests.conftest import SiteServer, build_site

    project = tmp_path_factory.mktemp("unshuffled")
    make_site(
        project,
        {
            "docs/index.md": "# Ruptures\n\n/// quiz | ruptures\n///\n",
            "quizzes/ruptures.yml": "shuffle: false\n" + KNOWLEDGE_YML,
        },
        MKDOCS_YML + "theme:\n  name: material\n  font: false\n",
    )
    server = SiteServer(project / "site")
    build_site(project, project / "site", server.url)
    server.start()
    yield server
    server.httpd.shutdown()


def test_shuffle_false_keeps_the_source_order(browser: Browser, unshuffled_site) -> None:  # noqa: ANN001
    """Issue 12 section 2: `shuffle: false` keeps every attempt in source order, and stores no
    order."""
    ctx = context(browser)
    page, problems = guarded(ctx)
    for _ in range(3):
        page.goto(unshuffled_site.url)
        root = page.locator(".hq-quiz")
        expect(root).to_have_attribute("data-hq-ready", "")
        assert root.get_attribute("data-hq-shuffle") is None
        assert all(order == sorted(order) for order in shown_order(root).values())
    answer(questions(root)[0], True)
    assert "order" not in attempts(page, "ruptures")[-1]
    assert problems == []
    ctx.close()


# ---------- issue 12, section 5: instructor demos are not the reader's progress ----------


def test_instructor_demos_are_flagged_and_left_out_of_progress(browser: Browser, site) -> None:  # noqa: ANN001
    """Issue 12 section 5: quizzes with `audience: instructors` are flagged in the results catalog
    and left out of the progress counts, even once taken; their attempts still show and export."""
    ctx = context(browser)
    page, problems = guarded(ctx)
    page.goto(f"{site.url}my-results/")
    rp = page.locator(".hq-rp")
    expect(rp).to_have_attribute("data-hq-ready", "")
    demos = rp.locator('.hq-catalog li[data-hq-audience="instructors"]')
    assert demos.count() >= 1
    expect(demos.first).to_contain_text("for instructors")
    readers = rp.locator(".hq-catalog li:not([data-hq-audience='instructors'])")
    knowledge = rp.locator(
        ".hq-catalog li[data-hq-type='knowledge']:not([data-hq-audience='instructors'])"
    ).count()
    selfs = readers.count() - knowledge
    counts = rp.locator(".hq-rp-count")
    expect(counts.first).to_have_text(f"Knowledge checks: 0 of {knowledge} done, {knowledge} left.")
    expect(counts.nth(1)).to_have_text(f"Self-assessments: 0 of {selfs} done, {selfs} left.")
    demo_id, demo_type = (
        demos.first.get_attribute("data-hq-quiz"),
        demos.first.get_attribute("data-hq-type"),
    )
    root = open_quiz(page, site, demo_id)
    if demo_type == "knowledge":
        for box in questions(root):
            if root.locator(".hq-check-all").count():
                for index in source_index_of(box, True):
                    box.locator(f'input[value="{index}"]').check()
            else:
                answer(box, True)
        if root.locator(".hq-check-all").count():
            root.locator(".hq-check-all").click()
    else:
        if root.locator(".hq-perspective").count():
            root.locator(".hq-perspective input").first.check()
        finish_self(root)
    expect(root.locator(".hq-results")).to_be_visible()
    page.goto(f"{site.url}my-results/")
    expect(rp).to_have_attribute("data-hq-ready", "")
    expect(counts.first).to_have_text(f"Knowledge checks: 0 of {knowledge} done, {knowledge} left.")
    expect(counts.nth(1)).to_have_text(f"Self-assessments: 0 of {selfs} done, {selfs} left.")
    expect(rp.locator(".hq-rp-attempts .hq-rp-quiz")).to_have_count(1)
    assert problems == []
    ctx.close()


# ---------- 1: the comparison shows what each person chose ----------


def take_check_in(
    browser: Browser, site, perspective: str, pick
) -> tuple[BrowserContext, Page, Locator, str]:  # noqa: ANN001
    """One person's check-in in their own browser: answers by radio position, returns their share
    code."""
    ctx = context(browser, "phone")
    page, _ = guarded(ctx)
    root = open_quiz(page, site, CHECK_IN)
    root.locator(f'.hq-perspective input[value="{perspective}"]').check()
    items = root.locator(".hq-item")
    for i in range(items.count()):
        items.nth(i).locator("input").nth(pick(i)).check()
    root.get_by_role("button", name="See my results").click()
    expect(root.locator(".hq-results")).to_be_visible()
    return ctx, page, root, root.locator(".hq-code").input_value()


def test_1_comparison_shows_chosen_answers_scored_values_and_the_difference_in_words(
    browser: Browser, site
) -> None:  # noqa: ANN001
    """Point 1: each statement shows the answer each person chose (label and value), separately the
    scored value used in the means (reverse items differ), and the difference as a sentence."""
    data = quiz(CHECK_IN)
    labels = data.scale.labels
    low, high = data.scale.minimum, data.scale.maximum
    c_ctx, _, _, client_code = take_check_in(browser, site, "client", lambda i: i % len(labels))
    t_ctx, page, root, _ = take_check_in(browser, site, "therapist", lambda i: len(labels) - 1)
    root.locator(".hq-paste").fill(client_code)
    root.get_by_role("button", name="Compare").click()
    table = root.locator(".hq-comparison table").last
    heads = table.locator("thead th").all_inner_texts()
    assert heads == ["Statement", "You chose", "They chose", "Scored (you / them)", "Difference"], (
        heads
    )
    rows = table.locator("tbody tr")
    assert rows.count() == len(data.items)
    reversed_seen = 0
    for i, item in enumerate(data.items):
        cells = (
            table.locator(f'tbody tr[data-hq-item="{item.id}"]').locator("th, td").all_inner_texts()
        )
        mine, theirs = high, low + i % len(labels)
        assert cells[1] == f"{labels[-1]} ({mine})", cells
        assert cells[2] == f"{labels[theirs - low]} ({theirs})", cells
        scored = (low + high - mine, low + high - theirs) if item.reverse else (mine, theirs)
        assert cells[3] == f"{scored[0]} / {scored[1]}", cells
        reversed_seen += item.reverse
        gap = theirs - mine
        if gap == 0:
            assert cells[4] == "You both chose the same answer.", cells
        else:
            n = abs(gap)
            unit = "point" if n == 1 else "points"
            side = "higher" if gap > 0 else "lower"
            assert cells[4] == f"They rated this {n} {unit} {side} than you.", cells
        assert not re.search(r"[+\u2212-]\d", cells[4])
    assert reversed_seen, "the check-in has no reverse-keyed statement to test"
    means = root.locator(".hq-comparison table").first
    assert not [
        t
        for t in means.locator("tbody td:last-child").all_inner_texts()
        if re.fullmatch(r"[+\u2212-]?[\d.]+", t)
    ]
    c_ctx.close()
    t_ctx.close()


# ---------- 14: after any delete, nothing of it remains ----------


def all_hq(page: Page) -> dict[str, str]:
    return page.evaluate("""() => Object.fromEntries(
        [['local', localStorage], ['session', sessionStorage]].flatMap(([n, a]) =>
            Object.keys(a).filter((k) => k.startsWith('hq:'))
                .map((k) => [n + ' ' + k, a.getItem(k)])))""")


def test_14_forget_now_is_not_undone_by_another_quiz_on_the_page(browser: Browser, site) -> None:  # noqa: ANN001
    """Point 14: on a chapter with a knowledge check and a self-assessment, 'Forget now' in one quiz
    clears the other's attempt in memory too: the next answer there does not save the old one
    again."""
    ctx = context(browser)
    page, problems = guarded(ctx)
    page.goto(f"{site.url}rapport/")
    knowledge, self_ = page.locator(f"#hq-{KNOWLEDGE}"), page.locator(f"#hq-{SELF}")
    expect(knowledge).to_have_attribute("data-hq-ready", "")
    answer(questions(knowledge)[0], True)
    finish_self(self_)
    page.once("dialog", lambda d: d.accept())
    self_.locator(".hq-forget").click()
    assert all_hq(page) == {}
    expect(questions(knowledge)[0].locator(".hq-verdict")).to_be_empty()
    answer(questions(knowledge)[1], True)
    stored = [json.loads(v) for k, v in all_hq(page).items() if k.endswith(f"quiz:{KNOWLEDGE}")]
    assert len(stored) == 1 and len(stored[0]["attempts"]) == 1
    assert list(stored[0]["attempts"][0]["answers"]) == [
        questions(knowledge)[1].get_attribute("data-hq-qid")
    ]
    assert not any(k.endswith(f"quiz:{SELF}") for k in all_hq(page))
    assert problems == []
    ctx.close()


def test_14_deleting_leaves_nothing_in_storage_or_exports(browser: Browser, site) -> None:  # noqa: ANN001
    """Point 14: deleting an attempt also removes a copy set aside by an older runtime (whose
    reflection reached exports); 'Delete all' leaves no key at all, the storage choice included."""
    ctx = context(browser)
    page, problems = guarded(ctx)
    root = open_quiz(page, site, SELF)
    finish_self(root)
    root.locator("textarea").first.fill("a private reflection")
    root.locator(".hq-consent").get_by_role("button", name="Keep on this device").click()
    page.evaluate("""() => {
        const k = Object.keys(localStorage).find((k) => k.endsWith(':quiz:rapport-self'));
        const p = k.slice(0, k.indexOf('quiz:'));
        localStorage.setItem(p + 'aside:' + k, JSON.stringify([localStorage.getItem(k)])); }""")
    page.goto(f"{site.url}my-results/")
    rp = page.locator(".hq-rp")
    expect(rp).to_have_attribute("data-hq-ready", "")
    page.on("dialog", lambda d: d.accept())
    rp.locator(".hq-rp-attempt").get_by_role("button", name=re.compile("Delete")).first.click()
    expect(rp.locator(".hq-rp-attempt")).to_have_count(0)
    assert not any("a private reflection" in v for v in all_hq(page).values()), all_hq(page)
    with page.expect_download() as info:
        rp.locator(".hq-rp-tools").get_by_role("button", name="Export JSON").click()
    assert "a private reflection" not in info.value.path().read_text(encoding="utf-8")
    rp.get_by_role("button", name="Delete all results").click()
    expect(rp.locator(".hq-rp-attempts")).to_contain_text("No results in this browser yet")
    assert all_hq(page) == {}
    assert problems == []
    ctx.close()


def test_14_the_privacy_page_tells_the_truth_about_the_palette_key(browser: Browser, site) -> None:  # noqa: ANN001
    """Point 14: Material writes its palette to localStorage before any choice; the privacy page
    says so."""
    ctx = context(browser)
    page, problems = guarded(ctx)
    page.goto(f"{site.url}privacy/")
    keys = page.evaluate("() => Object.keys(localStorage)")
    assert [k for k in keys if not k.startswith("hq:")] in (
        [],
        [k for k in keys if k.endswith("__palette")],
    )
    palette = [k for k in keys if k.endswith("__palette")]
    if palette:
        assert "hq" not in page.evaluate("(k) => localStorage.getItem(k)", palette[0])
    expect(page.locator("#palette")).to_be_visible()
    expect(page.locator(".md-content")).to_contain_text("__palette")
    assert problems == []
    ctx.close()


# ---------- 16: a quiz's search snippet is its description ----------


def test_16_search_snippet_of_a_quiz_page_is_its_description(browser: Browser, site) -> None:  # noqa: ANN001
    """Point 16: the quiz page's entry in the search index starts with the quiz's description, not
    with its size line or the 'not a validated instrument' note."""
    ctx = context(browser)
    page, problems = guarded(ctx)
    for quiz_id in (SELF, KNOWLEDGE):
        root = open_quiz(page, site, quiz_id)
        description = " ".join(root.locator(".hq-description").inner_text().split())
        index = page.evaluate(
            "async (u) => (await (await fetch(u)).json()).docs",
            f"{site.url}search/search_index.json",
        )
        entry = next(d for d in index if d["location"] == f"quizzes/{quiz_id}/")
        text = " ".join(re.sub(r"<[^>]+>", " ", entry["text"]).split())
        assert text.startswith(description[:60]), text[:200]
        assert "not a validated" not in text
    assert problems == []
    ctx.close()


# ---------- 13: destructive buttons look it; the file input is a button ----------


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_13_destructive_buttons_look_dangerous_and_import_is_a_button(
    browser: Browser, site, palette: str
) -> None:  # noqa: ANN001
    """Point 13: Forget now, Delete this attempt and Delete all results are red with a warning sign
    (not colour alone), unlike the harmless buttons; the import is a button showing the file's
    name."""
    ctx = context(browser, "laptop", palette)
    page, problems = guarded(ctx)
    root = open_quiz(page, site, SELF)
    expect(root.locator(".hq-forget")).to_have_css(
        "color", re.compile(r"rgb\((198, 40, 40|229, 115, 115)\)")
    )
    finish_self(root)
    page.goto(f"{site.url}my-results/")
    rp = page.locator(".hq-rp")
    expect(rp).to_have_attribute("data-hq-ready", "")
    harmless = rp.get_by_role("button", name="Export JSON").last.evaluate(
        "(n) => getComputedStyle(n).color"
    )
    for name in ("Forget now", "Delete this attempt", "Delete all results"):
        button = rp.get_by_role("button", name=re.compile(name)).first
        expect(button).to_have_class(re.compile("hq-danger"))
        style = button.evaluate(
            "(n) => [getComputedStyle(n).color, getComputedStyle(n, '::before').content]"
        )
        assert style[0] != harmless and "\u26a0" in style[1], (name, style)
    pick = rp.locator("label.hq-rp-pick")
    expect(pick).to_have_class(re.compile("md-button"))
    expect(rp.locator(".hq-rp-file")).to_have_text("No file chosen.")
    box = pick.bounding_box()
    assert box["height"] >= 24 and box["width"] >= 24
    rp.get_by_label("Import a JSON export").set_input_files(
        files=[{"name": "my-backup.json", "mimeType": "application/json", "buffer": b"{}"}]
    )
    expect(rp.locator(".hq-rp-file")).to_have_text("File: my-backup.json")
    assert problems == []
    ctx.close()


# ---------- 4: practise the ones I missed ----------


def test_4_practise_the_missed_questions_as_a_practice_attempt(browser: Browser, site) -> None:  # noqa: ANN001
    """Point 4: after a completed attempt, 'Practise the ones I missed' starts a new attempt with
    just those questions, recorded as practice: My results shows it but counts only the full
    attempt."""
    ctx = context(browser)
    page, problems = guarded(ctx)
    root = open_quiz(page, site, KNOWLEDGE)
    boxes = questions(root)
    missed = []
    for n, box in enumerate(boxes):
        answer(box, n not in (1, 3))
        if n in (1, 3):
            missed.append(box.get_attribute("data-hq-qid"))
    expect(root.locator(".hq-results")).to_be_visible()
    root.get_by_role("button", name="Practise the ones I missed").click()
    expect(root.locator(".hq-question:visible")).to_have_count(2)
    assert [
        q.get_attribute("data-hq-qid") for q in root.locator(".hq-question:visible").all()
    ] == missed
    expect(root.locator(".hq-progress")).to_have_text("0 of 2 answered")
    for box in root.locator(".hq-question:visible").all():
        answer(box, True)
    expect(root.locator(".hq-score-line")).to_have_text("2 of 2 correct")
    expect(root.get_by_role("button", name="Practise the ones I missed")).to_be_hidden()
    practice = attempts(page, KNOWLEDGE)[-1]
    assert (
        practice["practice"] is True
        and practice["only"] == missed
        and "passed" not in practice["score"]
    )
    assert sorted(practice["answers"]) == sorted(missed)
    page.reload()
    expect(root).to_have_attribute("data-hq-ready", "")
    expect(root.locator(".hq-question:visible")).to_have_count(2)
    root.get_by_role("button", name="Try again").click()
    expect(root.locator(".hq-question:visible")).to_have_count(len(boxes))
    page.goto(f"{site.url}my-results/")
    rp = page.locator(".hq-rp")
    expect(rp).to_have_attribute("data-hq-ready", "")
    expect(rp.locator(".hq-rp-count").first).to_contain_text("Knowledge checks: 1 of ")
    expect(rp.locator(".hq-rp-attempt")).to_have_count(2)
    expect(rp.locator(".hq-rp-attempt").nth(1)).to_contain_text(
        "Practice on the questions missed before"
    )
    assert problems == []
    ctx.close()


# ---------- 17: tooltips at the body size ----------


def test_17_glossary_tooltips_use_the_body_text_size(browser: Browser, site) -> None:  # noqa: ANN001
    """Point 17 (size): a glossary abbreviation's tooltip is set at the body text size, not 10
    px."""
    ctx = context(browser)
    page, problems = guarded(ctx)
    page.goto(f"{site.url}rapport/")
    body = page.locator(".md-typeset p").first.evaluate(
        "(n) => parseFloat(getComputedStyle(n).fontSize)"
    )
    abbr = page.locator(".md-typeset abbr").first
    abbr.scroll_into_view_if_needed()
    abbr.hover()
    tip = page.locator(
        ".md-tooltip2--active .md-tooltip2__inner, .md-tooltip--active .md-tooltip__inner"
    ).first
    expect(tip).to_be_visible()
    size = tip.evaluate("(n) => parseFloat(getComputedStyle(n).fontSize)")
    assert size >= body - 0.5, f"tooltip {size} px, body {body} px"
    assert problems == []
    ctx.close()


# ---------- 15: one rounding rule for every number ----------


def test_15_every_score_is_shown_with_at_most_two_decimals_and_no_trailing_zero(
    browser: Browser, site
) -> None:  # noqa: ANN001
    """Point 15: a stored score with many decimals (a hand-edited export) shows as at most 2
    decimals, the same way in the attempts, the profile table and the CSV; never '3.50' beside
    '3.5'."""
    from .quizdata import self_attempt

    ctx = context(browser)
    page, problems = guarded(ctx)
    data = quiz(SELF)
    record = self_attempt(data, {item.id: 3 for item in data.items})
    record["scores"][0]["score"] = 3.456789
    page.goto(f"{site.url}my-results/")
    rp = page.locator(".hq-rp")
    expect(rp).to_have_attribute("data-hq-ready", "")
    store = rp.get_attribute("data-hq-store")
    payload = {
        "format": "alliance-handbook-results",
        "v": 1,
        "store": store,
        "exported": "2024-05-01T10:00:00.000Z",
        "quizzes": {SELF: {"attempts": [record]}},
    }
    rp.get_by_label("Import a JSON export").set_input_files(
        files=[
            {
                "name": "r.json",
                "mimeType": "application/json",
                "buffer": json.dumps(payload).encode(),
            }
        ]
    )
    expect(rp.locator(".hq-rp-attempt")).to_contain_text("3.46")
    text = rp.inner_text()
    assert "3.456" not in text and not re.search(r"\d\.\d*0\b", text), text
    with page.expect_download() as info:
        rp.locator(".hq-rp-tools").get_by_role("button", name="Export CSV").click()
    csv = info.value.path().read_text(encoding="utf-8-sig")
    assert "3.46" in csv and "3.456" not in csv
    assert problems == []
    ctx.close()


# ---------- 17: tooltips reachable by keyboard ----------


@pytest.mark.parametrize("width", WIDTHS)
def test_17_glossary_tooltips_are_reachable_by_keyboard(browser: Browser, site, width: str) -> None:  # noqa: ANN001
    """Point 17 (keyboard): Tab reaches a glossary abbreviation in a chapter, arriving by instant
    navigation at 1280 px, and Material shows its tooltip on focus, inside the viewport; the
    tooltip goes when focus moves away."""
    ctx = context(browser, width)
    page, problems = guarded(ctx)
    page.goto(site.url)
    page.evaluate("window.__marker = 1")
    page.goto(f"{site.url}rapport/") if width == "phone" else page.locator(
        '.md-nav a[href$="rapport/"]'
    ).first.click()
    expect(page).to_have_url(re.compile(r"/rapport/$"))
    if width == "laptop":
        assert page.evaluate("window.__marker") == 1, (
            "the chapter was not reached by instant navigation"
        )
    abbrs = page.locator(".md-content abbr:not(a abbr, button abbr, summary abbr, label abbr)")
    assert abbrs.count() > 0
    expect(abbrs.first).to_have_attribute("tabindex", "0")
    assert abbrs.evaluate_all("(all) => all.every((a) => a.tabIndex === 0)")
    inside = page.locator(".md-content a abbr, .md-content button abbr, .md-content summary abbr")
    assert inside.evaluate_all("(all) => all.every((a) => !a.hasAttribute('tabindex'))"), (
        "a second tab stop inside a control"
    )
    first = abbrs.first
    # Start from the focusable element just before the first abbreviation and press Tab.
    before = page.evaluate(
        """(abbr) => {
        const all = [...document.querySelectorAll('a[href], button, input, [tabindex="0"]')]
            .filter((n) => n === abbr || (n.tabIndex >= 0 && n.getClientRects().length > 0
                && getComputedStyle(n).visibility !== 'hidden'));
        const at = all.indexOf(abbr);
        if (at < 1) return 'abbr at ' + at + ' of ' + all.length;
        all[at - 1].focus();
        return document.activeElement === all[at - 1]
            ? '' : 'could not focus ' + all[at - 1].outerHTML;
    }""",
        first.element_handle(),
    )
    assert before == "", before
    page.keyboard.press("Tab")
    assert first.evaluate("(n) => document.activeElement === n"), (
        "Tab did not reach the abbreviation"
    )
    tip = page.locator(".md-tooltip2--active").first
    expect(tip).to_be_visible()
    text = first.evaluate("(n) => n.textContent")
    said = tip.inner_text().strip()
    assert said and said != text, f"tooltip {said!r} for {text!r}"
    box = tip.locator(".md-tooltip2__inner").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= WIDTHS[width] + 1, box
    page.keyboard.press("Shift+Tab")  # back to the link before it: the tooltip goes
    assert not first.evaluate("(n) => document.activeElement === n")
    expect(page.locator(".md-tooltip2--active", has_text=said)).to_have_count(0)
    assert problems == []
    ctx.close()


# ---------- 12: My results in navigation order, the quiz index knows what was done ----------


@pytest.mark.parametrize("width", WIDTHS)
def test_12_results_in_nav_order_with_last_score_and_the_index_marks_done_quizzes(
    browser: Browser, site, width: str
) -> None:  # noqa: ANN001
    """Point 12: My results lists quizzes in the order of the site's navigation (by their chapter's
    place in it), each done one with its last date and score; the quiz index marks the quizzes
    done (a full, finished attempt) and links each chapter by its name, not 'Back to the chapter'.
    At 1280 px the index is reached by instant navigation, at 390 px loaded directly."""
    from .quizdata import correct_indices, knowledge_attempt, self_attempt

    ctx = context(browser, width)
    page, problems = guarded(ctx)
    page.goto(f"{site.url}my-results/")
    rp = page.locator(".hq-rp")
    expect(rp).to_have_attribute("data-hq-ready", "")
    nav = page.locator("nav.md-nav--primary a.md-nav__link[href]").evaluate_all(
        "(all) => all.map((a) => new URL(a.href).pathname)"
    )
    ids = rp.locator(".hq-catalog li").evaluate_all("(all) => all.map((li) => li.dataset.hqQuiz)")

    def place(quiz_id: str) -> int:
        chapter = quiz(quiz_id).chapter
        path = (
            "/"
            + chapter.removesuffix(".md").removesuffix("index")
            + ("" if chapter.endswith("index.md") else "/")
        )
        return nav.index(path) if chapter and path in nav else len(nav)

    places = [place(quiz_id) for quiz_id in ids]
    assert places == sorted(places), list(zip(ids, places, strict=True))
    assert ids != sorted(ids), "still in file-name order"

    know, self_ = quiz(KNOWLEDGE), quiz(SELF)
    answers = {q.id: correct_indices(q) for q in know.questions}
    answers[know.questions[0].id] = [
        i
        for i in range(len(know.questions[0].choices))
        if i not in correct_indices(know.questions[0])
    ][:1]
    records = {
        KNOWLEDGE: [knowledge_attempt(know, answers)],
        SELF: [self_attempt(self_, {item.id: 3 for item in self_.items})],
    }
    payload = {
        "format": "alliance-handbook-results",
        "v": 1,
        "store": rp.get_attribute("data-hq-store"),
        "exported": "2024-05-01T10:00:00.000Z",
        "quizzes": {k: {"attempts": v} for k, v in records.items()},
    }
    rp.get_by_label("Import a JSON export").set_input_files(
        files=[
            {
                "name": "r.json",
                "mimeType": "application/json",
                "buffer": json.dumps(payload).encode(),
            }
        ]
    )
    right, total = records[KNOWLEDGE][0]["score"]["right"], records[KNOWLEDGE][0]["score"]["total"]
    know_li = rp.locator(f'.hq-catalog li[data-hq-quiz="{KNOWLEDGE}"]')
    expect(know_li).to_contain_text(f"{right} of {total} correct")
    expect(know_li).to_contain_text("2024")
    overall = records[SELF][0]["scores"][0]
    expect(rp.locator(f'.hq-catalog li[data-hq-quiz="{SELF}"]')).to_contain_text(
        f"Overall: {overall['score']:g}"
    )

    if width == "laptop":  # by instant navigation: the index's scripts run on arrival too
        page.evaluate("window.__marker = 1")
        page.locator('.md-nav--primary a.md-nav__link[href$="quizzes/"]').first.click()
        expect(page).to_have_url(re.compile(r"/quizzes/$"))
        assert page.evaluate("window.__marker") == 1
    else:
        page.goto(f"{site.url}quizzes/")
    index = page.locator(".hq-index")
    expect(index).to_have_attribute("data-hq-ready", "")
    expect(index.locator(f'li:has(a[data-hq-quiz="{KNOWLEDGE}"])')).to_contain_text("(done ")
    expect(index.locator(f'li:has(a[data-hq-quiz="{SELF}"])')).to_contain_text("(done ")
    assert index.locator(".hq-ix-done").count() == 2
    expect(
        index.locator(f'li:has(a[data-hq-quiz="{KNOWLEDGE}"])').get_by_role(
            "link", name="Rapport", exact=True
        )
    ).to_have_count(1)
    assert "Back to the chapter" not in index.inner_text()
    index_ids = index.locator("a[data-hq-quiz]").evaluate_all(
        "(all) => all.map((a) => a.dataset.hqQuiz)"
    )
    for kind in ("knowledge", "self-assessment"):
        chosen = [place(q) for q in index_ids if quiz(q).type == kind]
        assert chosen == sorted(chosen), kind
    box = index.locator(".hq-ix-st").first.bounding_box()
    assert box is not None and box["x"] + box["width"] <= WIDTHS[width] + 1, box
    assert problems == []
    ctx.close()
