"""The generated My results page in a real Chromium: attempts, progress, profile chart, export and
import (and what import refuses), print, delete, damaged or missing storage, and axe in both
palettes."""

from __future__ import annotations

import csv
import io
import json
import pathlib
import re

import axe_playwright_python
import pytest
from handbook_quiz.scoring import (
    band_for,
    content_hash,
    knowledge_score,
    round_half_away,
    self_scores,
)
from playwright.sync_api import Page, expect

from .quizdata import check_question, correct_indices, finish_self, quiz, wrong_index

pytestmark = pytest.mark.browser

STORE = "the-alliance-handbook"
KNOWLEDGE = "rapport-check"
SELF = "rapport-self"
PROFILE = "alliance-profile"
AXE = pathlib.Path(axe_playwright_python.__file__).parent / "axe.min.js"
MINUS = "\u2212"
REFLECTION = "=SUM(1) is what I typed.\nI rushed the ending."


# ---------- helpers: take quizzes through the real pages ----------


def open_quiz(page: Page, site, quiz_id: str):
    page.goto(f"{site.url}quizzes/{quiz_id}/")
    root = page.locator(f"#hq-{quiz_id}")
    expect(root).to_have_attribute("data-hq-ready", "")
    return root


def answers_for(data, seed: int) -> dict[str, int]:
    low, high = data.scale.minimum, data.scale.maximum
    return {item.id: low + (i * 7 + seed) % (high - low + 1) for i, item in enumerate(data.items)}


def take_self(
    page: Page, site, quiz_id: str, seed: int, reflection: str | None = None, again: bool = False
) -> dict:
    """Rate every statement; returns the answers. `again` starts a new attempt after a finished
    one."""
    data = quiz(quiz_id)
    answers = answers_for(data, seed)
    root = open_quiz(page, site, quiz_id)
    if again:
        root.locator(".hq-retry").click()
    for item in data.items:
        root.locator(
            f'.hq-item[data-hq-item="{item.id}"] input[value="{answers[item.id]}"]'
        ).check()
    root.locator(".hq-score").click()
    expect(root.locator(".hq-results")).to_be_visible()
    if reflection is not None:
        root.locator('textarea[data-hq-reflection="0"]').fill(reflection)
    return answers


def take_knowledge(page: Page, site, quiz_id: str, wrong: int, again: bool = False) -> dict:
    """Answer every question, the first `wrong` of them wrongly; returns the answers."""
    data = quiz(quiz_id)
    root = open_quiz(page, site, quiz_id)
    if again:
        root.locator(".hq-retry").click()
    answers = {}
    for n, question in enumerate(data.questions):
        chosen = [wrong_index(question)] if n < wrong else correct_indices(question)
        answers[question.id] = chosen
        check_question(root, question, chosen)
    expect(root.locator(".hq-results")).to_be_visible()
    return answers


def open_results(page: Page, site):
    page.goto(f"{site.url}my-results/")
    root = page.locator(".hq-rp")
    expect(root).to_have_attribute("data-hq-ready", "")
    return root


def storage(page: Page) -> dict[str, str]:
    """Every key of the handbook in both storage areas, by area."""
    return page.evaluate("""() => {
        const out = {};
        for (const [name, area] of [['local', localStorage], ['session', sessionStorage]])
            for (let i = 0; i < area.length; i++) {
                const k = area.key(i);
                if (k.startsWith('hq:')) out[name + ' ' + k] = area.getItem(k);
            }
        return out;
    }""")


def status(root):
    return root.locator(".hq-rp-status")


def fmt(value: float) -> str:
    return f"{round_half_away(value):g}"


def change(new: float, old: float) -> str:
    d = round_half_away(round_half_away(new) - round_half_away(old))
    return f"+{d:g}" if d > 0 else f"{MINUS}{-d:g}" if d < 0 else "0"


def axe(page: Page, what: str) -> None:
    """Zero axe-core violations (WCAG 2.0/2.1 A and AA, best practice) in the light and dark
    palettes."""
    if not page.evaluate("() => !!window.axe"):
        page.add_script_tag(path=str(AXE))
    for scheme in ("default", "slate"):
        page.evaluate("(s) => document.body.setAttribute('data-md-color-scheme', s)", scheme)
        page.wait_for_timeout(600)  # Material animates colour changes
        result = page.evaluate("""() => axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})""")
        problems = [
            f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
            for v in result["violations"]
        ]
        assert problems == [], f"{what}, palette {scheme}:\n" + "\n".join(problems)
    page.evaluate("() => document.body.setAttribute('data-md-color-scheme', 'default')")


def export(page: Page, root, kind: str):
    """Click an export button; returns (file name, text)."""
    with page.expect_download() as info:
        root.get_by_role("button", name=re.compile(f"^Export {kind}")).click()
    download = info.value
    return download.suggested_filename, pathlib.Path(download.path()).read_text(encoding="utf-8")


def import_file(root, content: bytes | str, name: str = "results.json") -> None:
    data = content.encode() if isinstance(content, str) else content
    root.get_by_label("Import a JSON export").set_input_files(
        files=[{"name": name, "mimeType": "application/json", "buffer": data}]
    )


class Taken:
    """Attempts taken once per session through the real quiz pages, and the storage they left."""

    def __init__(self, page: Page, site) -> None:
        self.self1 = take_self(page, site, SELF, 3, reflection=REFLECTION)
        self.self2 = take_self(page, site, SELF, 5, again=True)
        self.k1 = take_knowledge(page, site, KNOWLEDGE, wrong=2)
        self.k2 = take_knowledge(page, site, KNOWLEDGE, wrong=0, again=True)
        self.profile = take_self(page, site, PROFILE, 4)
        self.storage = storage(page)


@pytest.fixture(scope="session")
def taken(browser, site) -> Taken:
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    result = Taken(page, site)
    context.close()
    assert errors == []
    assert all(k.startswith("session ") for k in result.storage)
    return result


def open_with(page: Page, site, taken: Taken):
    """The results page of a fresh tab holding the attempts taken in `taken`."""
    open_results(page, site)
    page.evaluate(
        "(items) => Object.entries(items)"
        ".forEach(([k, v]) => sessionStorage.setItem(k.slice(8), v))",
        taken.storage,
    )
    return open_results(page, site)


def accept_dialogs(page: Page) -> list[str]:
    seen: list[str] = []

    def accept(dialog):
        seen.append(dialog.message)
        dialog.accept()

    page.on("dialog", accept)
    return seen


# ---------- tests ----------


def test_empty_page_says_so_and_passes_axe(page: Page, site, guard) -> None:
    root = open_results(page, site)
    expect(root.locator(".hq-rp-attempts")).to_contain_text("No results in this browser yet")
    expect(root.locator(".hq-rp-profile")).to_contain_text("Your alliance profile appears here")
    expect(root.locator(".hq-rp-profile a")).to_have_attribute("href", re.compile(f"/{PROFILE}/$"))
    expect(root.locator(".hq-rp-storage")).to_contain_text(
        "kept in this tab until you choose otherwise"
    )
    expect(root.locator(".hq-rp-tools")).to_contain_text("Not exported yet.")
    expect(root.locator(".hq-rp-count").first).to_contain_text("Knowledge checks: 0 of")
    axe(page, "empty page")


def test_attempts_taken_on_the_quiz_pages_show_dates_scores_and_change(
    page: Page, site, guard, taken
) -> None:
    sdata, kdata = quiz(SELF), quiz(KNOWLEDGE)
    root = open_with(page, site, taken)
    stored = json.loads(taken.storage[f"session hq:{STORE}:quiz:{SELF}"])["attempts"]
    attempts = root.locator(".hq-rp-quiz", has=page.locator(f'a[href$="/{SELF}/"]')).locator(
        ".hq-rp-attempt"
    )
    expect(attempts).to_have_count(2)
    for n, attempt in enumerate(stored):
        expect(attempts.nth(n).locator("h4")).to_contain_text(f"Attempt {n + 1}: ")
        expect(attempts.nth(n).locator("h4 time")).to_have_attribute(
            "datetime", attempt["finished"]
        )
        expect(attempts.nth(n).locator("h4 time")).to_have_text(re.compile(r"\d{4}"))
    s1, s2 = self_scores(sdata, taken.self1), self_scores(sdata, taken.self2)
    ids = [s.id for s in sdata.subscales] + [""]
    for n, (scores, previous) in enumerate(((s1, None), (s2, s1))):
        rows = attempts.nth(n).locator("tbody tr")
        expect(rows).to_have_count(len(ids))
        for row, sid in zip(rows.all(), ids, strict=True):
            sub = next((s for s in sdata.subscales if s.id == sid), None)
            band = band_for(scores[sid], sdata.bands_for(sub) if sub else sdata.bands)
            expected_change = change(scores[sid], previous[sid]) if previous else "–"
            expect(row.locator("td")).to_have_text(
                [fmt(scores[sid]), expected_change, band.label if band else "–"]
            )
    expect(attempts.nth(0)).to_contain_text("First attempt.")
    expect(attempts.nth(0).locator(".hq-rp-refl li")).to_have_text([REFLECTION])

    group = root.locator(".hq-rp-quiz", has=page.locator(f'a[href$="/{KNOWLEDGE}/"]'))
    right1, total, _ = knowledge_score(kdata, taken.k1)
    right2, _, _ = knowledge_score(kdata, taken.k2)
    expect(group.locator(".hq-rp-score")).to_have_text(
        [
            re.compile(f"^{right1} of {total} correct"),
            re.compile(f"^{right2} of {total} correct. Passed"),
        ]
    )
    expect(group.locator(".hq-rp-change")).to_have_text(
        f"Change since the previous attempt: +{right2 - right1} correct."
    )
    axe(page, "page with results")


def test_progress_overview_counts_done_and_left(page: Page, site, guard, taken) -> None:
    root = open_with(page, site, taken)
    # instructor demos (audience: instructors) are listed, flagged, and not counted (issue 12
    # section 5)
    knowledge = page.locator(
        '.hq-catalog li[data-hq-type="knowledge"]:not([data-hq-audience])'
    ).count()
    selfs = page.locator(
        '.hq-catalog li[data-hq-type="self-assessment"]:not([data-hq-audience])'
    ).count()
    expect(root.locator(".hq-rp-count")).to_have_text(
        [
            f"Knowledge checks: 1 of {knowledge} done, {knowledge - 1} left.",
            f"Self-assessments: 2 of {selfs} done, {selfs - 2} left.",
        ]
    )
    for quiz_id in (SELF, KNOWLEDGE, PROFILE):
        expect(root.locator(f'.hq-catalog li[data-hq-quiz="{quiz_id}"] .hq-rp-st')).to_contain_text(
            "done"
        )
    expect(root.locator('.hq-catalog li[data-hq-quiz="empathy-check"] .hq-rp-st')).to_have_text(
        " — not taken yet"
    )
    expect(root.locator(".hq-catalog li.hq-rp-done")).to_have_count(3)


def test_profile_chart_and_table_show_the_profile_scores(page: Page, site, guard, taken) -> None:
    pdata, sdata = quiz(PROFILE), quiz(SELF)
    scores, chapter = self_scores(pdata, taken.profile), self_scores(sdata, taken.self2)
    root = open_with(page, site, taken)
    section = root.locator(".hq-rp-profile")
    chart = section.locator("svg[role=img]")
    expect(chart).to_be_visible()
    name = chart.evaluate(
        "(svg) => svg.getAttribute('aria-labelledby').split(' ')"
        ".map((id) => document.getElementById(id).textContent)"
    )
    assert (
        name[0].startswith("Your latest alliance profile")
        and "table below gives the same numbers" in name[1]
    )
    expect(chart.locator("rect.hq-rp-bar")).to_have_count(len(pdata.subscales))
    expect(chart.locator("rect.hq-rp-bar2")).to_have_count(
        1
    )  # only the rapport chapter's self-assessment was taken
    rows = section.locator("tbody tr")
    expect(rows).to_have_count(len(pdata.subscales) + 1)
    for row, sub in zip(rows.all(), [*pdata.subscales, None], strict=True):
        sid = sub.id if sub else ""
        band = band_for(scores[sid], pdata.bands_for(sub) if sub else pdata.bands)
        chapter_cell = (
            fmt(chapter[""]) if sid == "rapport" else "–"
        )  # the latest rapport-self attempt
        expect(row.locator("th, td")).to_have_text(
            [sub.title[""] if sub else "Overall", fmt(scores[sid]), band.label, chapter_cell]
        )
        if sub:
            expect(
                chart.locator("text", has_text=f"{sub.title['']}: {fmt(scores[sid])}")
            ).to_have_count(1)
    widths = [
        float(w)
        for w in chart.locator("rect.hq-rp-bar").evaluate_all(
            "(rs) => rs.map((r) => r.getAttribute('width'))"
        )
    ]
    full = float(chart.evaluate("(svg) => svg.viewBox.baseVal.width")) - 24
    low, high = pdata.scale.minimum, pdata.scale.maximum
    for width, sub in zip(widths, pdata.subscales, strict=False):
        assert width == pytest.approx(
            max(2, full * (round_half_away(scores[sub.id]) - low) / (high - low)), abs=0.01
        )
    colours = chart.evaluate(
        "(svg) => [...svg.querySelectorAll('rect, text')].map((n) => getComputedStyle(n).fill)"
    )
    assert "rgb(0, 0, 0)" not in colours, "chart colours come from Material's palette variables"
    axe(page, "chart shown")


def test_export_delete_import_gives_back_the_same_results(page: Page, site, guard, taken) -> None:
    dialogs = accept_dialogs(page)
    root = open_with(page, site, taken)
    shown = (
        root.locator(".hq-rp-attempts").inner_text(),
        root.locator(".hq-rp-profile").inner_text(),
    )
    before = {k: v for k, v in storage(page).items() if ":quiz:" in k}
    name, text = export(page, root, "JSON")
    assert re.fullmatch(r"alliance-handbook-results-\d{4}-\d\d-\d\d\.json", name)
    exported = json.loads(text)
    assert (
        exported["format"] == "alliance-handbook-results"
        and exported["v"] == 1
        and exported["store"] == STORE
    )
    assert set(exported["quizzes"]) == {SELF, KNOWLEDGE, PROFILE}
    assert exported["quizzes"][SELF]["attempts"][0]["reflection"][0] == REFLECTION
    expect(root.locator(".hq-rp-exported")).to_contain_text("Last exported:")
    assert storage(page)[f"session hq:{STORE}:meta:exported"] == exported["exported"]

    root.get_by_role("button", name="Delete all results").click()
    expect(root.locator(".hq-rp-attempts")).to_contain_text("No results in this browser yet")
    assert "Delete every result" in dialogs[-1]
    assert not any(":quiz:" in k or ":meta:exported" in k for k in storage(page))

    import_file(root, text)
    expect(status(root)).to_have_text("Import done. New attempts: 5; already here: 0.")
    assert (
        root.locator(".hq-rp-attempts").inner_text(),
        root.locator(".hq-rp-profile").inner_text(),
    ) == shown
    assert {k: v for k, v in storage(page).items() if ":quiz:" in k} == before
    import_file(root, text)  # again: merged, nothing doubled
    expect(status(root)).to_have_text("Import done. New attempts: 0; already here: 5.")
    assert {k: v for k, v in storage(page).items() if ":quiz:" in k} == before
    page.reload()
    expect(page.locator(".hq-rp")).to_have_attribute("data-hq-ready", "")
    assert page.locator(".hq-rp-attempts").inner_text() == shown[0]


def test_csv_has_a_row_per_attempt_and_area_and_neutralises_formulas(
    page: Page, site, guard, taken
) -> None:
    data = quiz(SELF)
    root = open_with(page, site, taken)
    name, text = export(page, root, "CSV")
    assert re.fullmatch(r"alliance-handbook-results-\d{4}-\d\d-\d\d\.csv", name)
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    self_rows = [r for r in rows if r["quiz"] == SELF]
    assert [r["area_id"] for r in self_rows] == ([""] + [s.id for s in data.subscales]) * 2
    assert self_rows[0]["reflection"] == "'" + REFLECTION
    assert self_rows[0]["score"] == fmt(self_scores(data, taken.self1)[""])
    assert [r["version"] for r in rows] == ["current"] * len(rows)
    assert "\n=" not in text and ",=" not in text and '"=' not in text
    assert len([r for r in rows if r["quiz"] == KNOWLEDGE]) == 2
    assert len(rows) == 2 * (len(data.subscales) + 1) + 2 + len(quiz(PROFILE).subscales) + 1
    expect(root.locator(".hq-rp-exported")).to_have_text(
        "Not exported yet."
    )  # a CSV is not a backup


def test_bad_import_files_are_refused_and_change_nothing(page: Page, site, guard, taken) -> None:
    """Point 18-20 (file level): a file that is not an export of this site is refused as a whole."""
    root = open_with(page, site, taken)
    _, text = export(page, root, "JSON")
    good = json.loads(text)
    before = storage(page)
    shown = root.locator(".hq-rp-attempts").inner_text()

    def variant(change) -> str:
        data = json.loads(text)
        data["quizzes"][SELF]["attempts"][0]["started"] = (
            "2020-01-01T00:00:00.000Z"  # would be new if accepted
        )
        change(data)
        return json.dumps(data)

    def first(data: dict, quiz_id: str = SELF) -> dict:
        return data["quizzes"][quiz_id]["attempts"][0]

    proto = variant(lambda d: None).replace(
        '"answers": {', '"answers": {"__proto__": {"polluted": 1}, ', 1
    )
    assert "__proto__" in proto
    cases = [
        ("not JSON", "this is not JSON {", "not valid JSON"),
        (
            "foreign format",
            json.dumps({"format": "something-else", "v": 1, "quizzes": {}}),
            "not an Alliance Handbook results export",
        ),
        ("newer version", json.dumps({**good, "v": 2}), "newer version of the handbook"),
        (
            "other site",
            json.dumps({**good, "store": "another-site"}),
            "another site (another-site)",
        ),
        (
            "oversized",
            '{"format": "alliance-handbook-results", "pad": "' + "x" * 2_100_000 + '"}',
            "too large",
        ),
        ("no quizzes", json.dumps({**good, "quizzes": []}), "cannot (quizzes)"),
        ("__proto__ key", proto, "(__proto__)"),
        ("constructor key", variant(lambda d: first(d).update(constructor=1)), "(constructor)"),
        (
            "too deep",
            variant(lambda d: first(d).update(extra=json.loads("[" * 20 + "]" * 20))),
            "(depth)",
        ),
        (
            "too long a text",
            variant(lambda d: first(d).update(reflection=["x" * 100_001])),
            "cannot",
        ),
        (
            "too many attempts",
            variant(lambda d: d["quizzes"][SELF].update(attempts=[0] * 2001)),
            "(count)",
        ),
    ]
    for what, content, message in cases:
        import_file(root, content)
        expect(status(root), what).to_contain_text(message)
        expect(status(root), what).to_contain_text("Nothing was changed.")
        assert storage(page) == before, what
        assert root.locator(".hq-rp-attempts").inner_text() == shown, what
        assert page.evaluate("() => ({}).polluted") is None
        page.evaluate("() => document.querySelector('.hq-rp-status').textContent = ''")
    expect(root.locator(".hq-rp-tools .hq-rp-msg")).to_contain_text("Nothing was changed.")
    axe(page, "after an import error")


def test_unusable_attempts_in_an_import_are_skipped_and_counted(
    page: Page, site, guard, taken
) -> None:
    """Points 18, 19: each attempt goes through the same schema as storage; the unusable one is
    skipped, the notice says how many and why, and everything else imports."""
    root = open_with(page, site, taken)
    _, text = export(page, root, "JSON")
    before = storage(page)
    shown = root.locator(".hq-rp-attempts").inner_text()

    def variant(quiz_id: str, change) -> str:
        data = json.loads(text)
        attempt = data["quizzes"][quiz_id]["attempts"][0]
        attempt["started"] = "2020-01-01T00:00:00.000Z"  # would be new if accepted
        change(attempt)
        return json.dumps(data)

    def answer(value):
        return lambda a: a["answers"].update({next(iter(a["answers"])): value})

    range_ = "a value outside the quiz's scale"
    bad = "not a complete attempt"
    cases = [
        ("rating above the scale", SELF, answer(9), range_),
        ("rating not a number", SELF, answer("4"), range_),
        ("score above the scale", SELF, lambda a: a["scores"][0].update(score=6), range_),
        ("wrong type", SELF, lambda a: a.update(type="knowledge"), bad),
        ("answers null", SELF, lambda a: a.update(answers=None), bad),
        ("unknown statement", SELF, lambda a: a["answers"].update({"no-such-item": 3}), bad),
        (
            "choice not an index",
            KNOWLEDGE,
            lambda a: a["answers"].update({next(iter(a["answers"])): [-1]}),
            range_,
        ),
        ("right above total", KNOWLEDGE, lambda a: a["score"].update(right=99), range_),
        ("checked holds a selector", KNOWLEDGE, lambda a: a.update(checked=['x"]']), bad),
        ("quiz id holds a selector", KNOWLEDGE, lambda a: a.update(quiz='x"]'), bad),
    ]
    for what, quiz_id, change, why in cases:
        import_file(root, variant(quiz_id, change))
        expect(status(root), what).to_have_text(
            "Import done. New attempts: 0; already here: 4. "
            "Attempts skipped because they could not be used: 1 "
            f"(the first: {quiz_id} #1, {why})."
        )
        assert storage(page) == before, what
        assert root.locator(".hq-rp-attempts").inner_text() == shown, what
        page.evaluate("() => document.querySelector('.hq-rp-status').textContent = ''")
    nulls = json.loads(text)
    nulls["quizzes"][SELF]["attempts"][:0] = [None, 7, "x", []]
    nulls["quizzes"]['x"]'] = {"attempts": [None]}
    import_file(root, json.dumps(nulls))
    expect(status(root)).to_have_text(
        "Import done. New attempts: 0; already here: 5. Attempts skipped because they "
        "could not be used: 5 (the first: rapport-self #1, not a complete attempt)."
    )
    assert storage(page) == before
    axe(page, "after skipping attempts")


def test_an_attempt_on_an_older_version_is_marked_and_not_rescored(
    page: Page, site, guard, taken
) -> None:
    key = f"hq:{STORE}:quiz:{SELF}"
    state = json.loads(taken.storage[f"session {key}"])
    old = json.loads(json.dumps(state["attempts"][0]))
    old.update(
        hash="0123456789ab",
        started="2020-01-01T10:00:00.000Z",
        finished="2020-01-01T10:05:00.000Z",
        scores=[{"id": "", "title": "Overall", "score": 1.23, "exact": 1.2345, "band": "Old band"}],
    )
    assert content_hash(quiz(SELF)) != old["hash"]
    open_with(page, site, taken)
    page.evaluate(
        "([k, v]) => sessionStorage.setItem(k, v)",
        [key, json.dumps({"v": 1, "attempts": [old, *state["attempts"]]})],
    )
    root = open_results(page, site)
    attempts = root.locator(".hq-rp-quiz", has=page.locator(f'a[href$="/{SELF}/"]')).locator(
        ".hq-rp-attempt"
    )
    expect(attempts).to_have_count(3)
    expect(attempts.nth(0).locator(".hq-rp-old")).to_contain_text("earlier version of this quiz")
    expect(attempts.nth(0).locator("tbody tr td")).to_have_text(
        ["1.23", "–", "Old band"]
    )  # as stored, not re-scored
    expect(attempts.nth(1).locator(".hq-rp-old")).to_have_count(0)
    expect(attempts.nth(1)).to_contain_text("Not compared with the previous attempt")
    expect(attempts.nth(1).locator("tbody tr td:nth-child(3)")).to_have_text(
        ["–"] * (len(quiz(SELF).subscales) + 1)
    )
    _, text = export(page, root, "CSV")
    assert [
        r["version"]
        for r in csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
        if r["hash"] == old["hash"]
    ] == ["older"]


def test_damaged_storage_is_set_aside_with_a_notice(page: Page, site, guard, taken) -> None:
    prefix = f"hq:{STORE}:"
    future = json.dumps({"v": 2, "attempts": []})
    open_with(page, site, taken)
    page.evaluate(
        """([p, f]) => {
        sessionStorage.setItem(p + 'quiz:rapport-self', '{not json');
        sessionStorage.setItem(p + 'quiz:empathy-self', f);
        const k = p + 'quiz:rapport-check', s = JSON.parse(sessionStorage.getItem(k));
        s.attempts.push({v: 1, quiz: 'rapport-check', title: 'x', type: 'knowledge', hash: 'zz',
            started: 'soon'});
        sessionStorage.setItem(k, JSON.stringify(s));
    }""",
        [prefix, future],
    )
    root = open_results(page, site)
    expect(root.locator(".hq-rp-storage .hq-rp-note")).to_contain_text("could not be read")
    expect(root.locator(".hq-rp-storage .hq-rp-note")).to_contain_text("(records: 3)")
    expect(root.locator(".hq-rp-quiz")).to_have_count(
        2
    )  # the knowledge check's good attempts and the profile remain
    stored = storage(page)
    assert json.loads(stored[f"session {prefix}aside:{prefix}quiz:rapport-self"]) == ["{not json"]
    assert json.loads(stored[f"session {prefix}aside:{prefix}quiz:empathy-self"]) == [future]
    assert [
        a["hash"] for a in json.loads(stored[f"session {prefix}aside:{prefix}quiz:rapport-check"])
    ] == ["zz"]
    assert len(json.loads(stored[f"session {prefix}quiz:rapport-check"])["attempts"]) == 2
    _, text = export(page, root.locator(".hq-rp-storage"), "JSON")  # offered in the notice itself
    assert json.loads(text)["aside"][f"{prefix}quiz:rapport-self"] == ["{not json"]
    import_file(
        root, text
    )  # an export with data set aside imports again (the aside part is not imported)
    expect(status(root)).to_have_text("Import done. New attempts: 0; already here: 3.")
    page.reload()
    expect(page.locator(".hq-rp-storage .hq-rp-note")).to_contain_text("could not be read")


def test_works_for_the_visit_when_storage_is_disabled(browser, site) -> None:
    context = browser.new_context()
    context.add_init_script("""for (const name of ['localStorage', 'sessionStorage'])
        Object.defineProperty(window, name, {get() {
            throw new DOMException('The operation is insecure.', 'SecurityError'); }});""")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"{error}\n{error.stack}"))
    root = open_results(page, site)
    expect(root.locator(".hq-rp-storage .hq-rp-note")).to_contain_text("not keeping data")
    expect(root.locator(".hq-rp-attempts")).to_contain_text("No results in this browser yet")
    expect(root.get_by_role("button", name="Keep on this device")).to_have_count(0)
    payload = {
        "format": "alliance-handbook-results",
        "v": 1,
        "store": STORE,
        "exported": "2024-05-01T10:00:00.000Z",
        "quizzes": {KNOWLEDGE: {"attempts": [knowledge_attempt()]}},
    }
    import_file(root, json.dumps(payload))
    expect(status(root)).to_contain_text("Import done. New attempts: 1; already here: 0.")
    expect(status(root)).to_contain_text("kept only while this page is open")
    expect(root.locator(".hq-rp-attempt")).to_have_count(1)
    with page.expect_download():
        root.get_by_role("button", name="Export JSON").click()
    expect(root.locator(".hq-rp-exported")).to_contain_text("Last exported:")
    assert [e for e in errors if "handbook-quiz" in e] == [], errors
    context.close()


def test_import_into_full_storage_is_undone_and_says_so(page: Page, site, guard, taken) -> None:
    root = open_with(page, site, taken)
    _, text = export(page, root, "JSON")
    data = json.loads(text)
    for quiz_id in (SELF, KNOWLEDGE):
        data["quizzes"][quiz_id]["attempts"][0]["started"] = "2020-01-01T00:00:00.000Z"
    before = storage(page)
    page.evaluate("""() => {  // room for one quiz to grow, not two; shrinking always fits
        let grown = 0;
        const setItem = Storage.prototype.setItem;
        Storage.prototype.setItem = function (k, v) {
            if (k.includes(':quiz:') && v.length > (this.getItem(k) || '').length && ++grown > 1)
                throw new DOMException('full', 'QuotaExceededError');
            return setItem.call(this, k, v);
        };
    }""")
    import_file(root, json.dumps(data))
    expect(status(root)).to_have_text(
        "There is not enough room in this browser's storage to import this file. "
        "Nothing was changed."
    )
    assert storage(page) == before


def knowledge_attempt(reflection: list[str] | None = None) -> dict:
    data = quiz(KNOWLEDGE)
    answers = {q.id: correct_indices(q) for q in data.questions}
    right, total, passed = knowledge_score(data, answers)
    return {
        "v": 1,
        "quiz": KNOWLEDGE,
        "title": data.title,
        "type": "knowledge",
        "hash": content_hash(data),
        "started": "2024-05-01T09:00:00.000Z",
        "finished": "2024-05-01T09:10:00.000Z",
        "answers": answers,
        "reflection": reflection or [],
        "checked": list(answers),
        "score": {"right": right, "total": total, "passed": passed},
    }


def test_a_two_perspective_attempt_names_the_perspective_as_the_reader_picked_it(
    page: Page, site, guard
) -> None:
    data = quiz("alliance-check-in")
    root = open_quiz(page, site, data.id)
    finish_self(root, answers_for(data, 1), "therapist")
    root = open_results(page, site)
    expect(root.locator(".hq-rp-attempt")).to_contain_text(
        f"Answered as: {data.perspectives['therapist']}"
    )


def test_markup_in_imported_data_stays_inert_text(page: Page, site, guard) -> None:
    nasty = ["<script>window.__pwned = 1</script>", '<img src="x" onerror="window.__pwned = 2">']
    root = open_results(page, site)
    attempt = knowledge_attempt(nasty)
    older = {
        "v": 1,
        "quiz": "alliance-check-in",
        "title": "<b>Check-in</b>",
        "type": "self-assessment",
        "hash": "0ab",
        "started": "2023-01-01T09:00:00.000Z",
        "finished": "2023-01-01T09:05:00.000Z",
        "answers": {"x": 1},
        "perspective": "<img src=y onerror=__pwned=3>",
        "scores": [{"id": "", "title": "<i>All</i>", "score": 1}],
    }
    payload = {
        "format": "alliance-handbook-results",
        "v": 1,
        "store": STORE,
        "exported": "2024-05-01T10:00:00.000Z",
        "quizzes": {KNOWLEDGE: {"attempts": [attempt]}, "alliance-check-in": {"attempts": [older]}},
    }
    import_file(root, json.dumps(payload))
    expect(root.locator(".hq-rp-refl li")).to_have_text(nasty)
    older_shown = root.locator(".hq-rp-attempt").filter(
        has_text="Answered as: "
    )  # groups follow the nav's order
    expect(older_shown).to_contain_text("Answered as: <img src=y onerror=__pwned=3>")
    expect(older_shown).to_contain_text("<i>All</i>")
    expect(root.locator(".hq-rp img, .hq-rp script")).to_have_count(0)
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__pwned") is None


def test_delete_one_attempt_after_confirmation(page: Page, site, guard, taken) -> None:
    dialogs = accept_dialogs(page)
    root = open_with(page, site, taken)
    group = root.locator(".hq-rp-quiz", has=page.locator(f'a[href$="/{KNOWLEDGE}/"]'))
    expect(group.locator(".hq-rp-attempt")).to_have_count(2)
    group.locator(".hq-rp-attempt").first.get_by_role("button", name="Delete this attempt").click()
    expect(group.locator(".hq-rp-attempt")).to_have_count(1)
    assert "Rapport - check your understanding" in dialogs[-1]
    expect(status(root)).to_have_text("The attempt was deleted.")
    expect(group.locator(".hq-rp-score")).to_contain_text("Passed")
    expect(group).to_contain_text("First attempt.")
    stored = json.loads(storage(page)[f"session hq:{STORE}:quiz:{KNOWLEDGE}"])["attempts"]
    assert len(stored) == 1 and stored[0]["score"]["right"] == len(quiz(KNOWLEDGE).questions)


def test_print_one_attempt_or_everything(page: Page, site, guard, taken) -> None:
    root = open_with(page, site, taken)
    page.evaluate(
        "() => { window.print = () => { "
        "window.__printed = document.querySelector('.hq-rp').className; }; }"
    )
    target = (
        root.locator(".hq-rp-quiz", has=page.locator(f'a[href$="/{SELF}/"]'))
        .locator(".hq-rp-attempt")
        .first
    )
    target.get_by_role("button", name="Print this attempt").click()
    assert "hq-print-one" in page.evaluate("() => window.__printed")
    page.emulate_media(media="print")
    expect(target).to_be_visible()
    expect(target).to_contain_text("I rushed the ending.")
    other = root.locator(".hq-rp-quiz").filter(
        has_not=page.locator(f'a[href$="/{SELF}/"]')
    )  # any other quiz's
    expect(other.locator(".hq-rp-attempt").first).to_be_hidden()
    expect(root.locator(".hq-rp-profile")).to_be_hidden()
    expect(root.locator(".hq-rp-tools")).to_be_hidden()
    expect(target.locator("button").first).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    expect(root).not_to_have_class(re.compile("hq-print"))
    page.emulate_media(media="screen")
    root.get_by_role("button", name="Print all my results").click()
    assert "hq-print-all" in page.evaluate("() => window.__printed")
    page.emulate_media(media="print")
    for attempt in root.locator(".hq-rp-attempt").all():
        expect(attempt).to_be_visible()
    expect(root.locator(".hq-rp-profile svg")).to_be_visible()
    expect(root.locator(".hq-rp-progress")).to_be_hidden()
    page.emulate_media(media="screen")


def test_storage_mode_switch_and_forget_now(page: Page, site, guard, taken) -> None:
    dialogs = accept_dialogs(page)
    root = open_with(page, site, taken)
    expect(root.locator(".hq-rp-storage")).to_contain_text(
        "kept in this tab until you choose otherwise"
    )
    root.get_by_role("button", name="Keep on this device").click()
    expect(root.locator(".hq-rp-storage")).to_contain_text("saved on this device only")
    expect(root.locator(".hq-rp-storage .hq-rp-msg")).to_be_focused()
    expect(root.locator(".hq-rp-storage .hq-rp-msg")).to_have_text(
        "Your results are saved on this device only."
    )
    keys = storage(page)
    assert (
        f"local hq:{STORE}:quiz:{KNOWLEDGE}" in keys
        and keys[f"local hq:{STORE}:meta:mode"] == "device"
    )
    assert not any(k.startswith("session ") for k in keys)
    root.get_by_role("button", name="Keep only until this tab is closed").click()
    expect(root.locator(".hq-rp-storage")).to_contain_text("kept only until this tab is closed")
    assert f"session hq:{STORE}:quiz:{KNOWLEDGE}" in storage(page)
    root.get_by_role("button", name="Forget now").click()
    assert "Delete every answer" in dialogs[-1]
    expect(root.locator(".hq-rp-attempts")).to_contain_text("No results in this browser yet")
    expect(status(root)).to_have_text(
        "Everything this handbook kept in this browser has been deleted."
    )
    assert storage(page) == {}


def test_results_page_after_instant_navigation(page: Page, site, guard, taken) -> None:
    open_with(page, site, taken)
    page.goto(f"{site.url}glossary/")
    page.evaluate("() => { window.__marker = 1 }")
    page.locator('a.md-nav__link[href$="my-results/"]').first.click()
    root = page.locator(".hq-rp")
    expect(root).to_have_attribute("data-hq-ready", "")
    assert page.evaluate("() => window.__marker") == 1, "navigation was not instant"
    expect(root.locator(".hq-rp-attempt")).to_have_count(5)
    expect(root.locator(".hq-rp-storage .md-button")).to_have_count(3)  # rendered once, not twice
    page.go_back()
    page.go_forward()
    expect(page.locator(".hq-rp-attempt")).to_have_count(5)


def test_fits_a_360px_screen(page: Page, site, guard, taken) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    open_with(page, site, taken)
    wide = page.evaluate("""() => [...document.querySelectorAll('.hq-rp *')]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth)
        .map((e) => e.tagName + '.' + e.className)""")
    assert wide == []
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
