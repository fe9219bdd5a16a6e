"""Taking knowledge checks and self-assessments in a real Chromium, by mouse and by keyboard."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest
from handbook_quiz.scoring import band_for, knowledge_score, round_half_away, self_scores
from playwright.sync_api import Page, expect

from .quizdata import ROOT, check_question, correct_indices, quiz, wrong_index

pytestmark = pytest.mark.browser

KNOWLEDGE = "rapport-check"
SELF = "rapport-self"


def open_quiz(page: Page, site, quiz_id: str):  # noqa: ANN001, ANN201
    page.goto(f"{site.url}quizzes/{quiz_id}/")
    root = page.locator(f"#hq-{quiz_id}")
    expect(root).to_have_attribute("data-hq-ready", "")
    return root


def stored_attempts(page: Page, quiz_id: str, area: str = "sessionStorage") -> list[dict]:
    raw = page.evaluate(
        f"() => Object.entries({area}).filter(([k]) => k.endsWith(':{quiz_id}')).map(([k, v]) => v)"
    )
    return json.loads(raw[0])["attempts"] if raw else []


def test_knowledge_check_by_mouse_scores_like_the_yaml(page: Page, site, guard) -> None:  # noqa: ANN001
    data = quiz(KNOWLEDGE)
    root = open_quiz(page, site, KNOWLEDGE)
    answers = {}
    for n, question in enumerate(data.questions):
        chosen = correct_indices(question) if n % 3 else [wrong_index(question)]
        answers[question.id] = chosen
        box = check_question(root, question, chosen)
        verdict = box.locator(".hq-verdict")
        expect(verdict).to_contain_text(
            "Correct." if set(chosen) == set(correct_indices(question)) else "Not quite."
        )
        expect(box.locator("input").first).to_be_disabled()
        if question.explanation:
            expect(box.locator(".hq-explanation")).to_be_visible()
    right, total, passed = knowledge_score(data, answers)
    expect(root.locator(".hq-results")).to_be_visible()
    expect(root.locator(".hq-score-line")).to_have_text(f"{right} of {total} correct")
    expect(root.locator(".hq-results")).to_contain_text("Passed" if passed else "Not passed yet")
    expect(root.locator(".hq-status")).to_contain_text(f"{right} of {total} correct")
    expect(root.locator(".hq-results")).to_be_focused()
    assert stored_attempts(page, KNOWLEDGE)[-1]["score"] == {
        "right": right,
        "total": total,
        "passed": passed,
    }


def test_arrow_keys_only_move_the_selection(page: Page, site, guard) -> None:  # noqa: ANN001
    data = quiz(KNOWLEDGE)
    single = next(q for q in data.questions if not q.multiple)
    root = open_quiz(page, site, KNOWLEDGE)
    box = root.locator(f'.hq-question[data-hq-qid="{single.id}"]')
    box.locator("input").first.focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(box.locator("input").nth(2 % len(single.choices))).to_be_checked()
    expect(box.locator(".hq-verdict")).to_be_empty()
    expect(box.locator("input").first).to_be_enabled()


def tab_to(page: Page, selector: str, limit: int = 80) -> None:
    """Press Tab until the focused element matches, as a keyboard-only reader would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            "(s) => document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_knowledge_check_by_keyboard_alone(page: Page, site, guard) -> None:  # noqa: ANN001
    data = quiz(KNOWLEDGE)
    root = open_quiz(page, site, KNOWLEDGE)
    for question in data.questions:
        qsel = f"#hq-{KNOWLEDGE}-{question.id}"
        tab_to(page, f"{qsel} input")
        if question.multiple:
            for index in correct_indices(question):
                root.locator(
                    f'{qsel} input[value="{index}"]'
                ).focus()  # same as Tab/Shift+Tab through the checkboxes
                page.keyboard.press("Space")
        else:  # choices may be shuffled: arrow down to the correct one's place on the page
            shown = root.locator(f"{qsel} input").evaluate_all("(ns) => ns.map((n) => +n.value)")
            for _ in range(shown.index(correct_indices(question)[0])):
                page.keyboard.press("ArrowDown")
            page.keyboard.press("Space")
        tab_to(page, f"{qsel} .hq-check")
        page.keyboard.press("Enter")
        if question is not data.questions[-1]:
            expect(root.locator(f"{qsel} .hq-verdict")).to_be_focused()
        expect(root.locator(f"{qsel} .hq-verdict")).to_contain_text("Correct.")
    expect(root.locator(".hq-score-line")).to_have_text(
        f"{len(data.questions)} of {len(data.questions)} correct"
    )


def self_answers(data) -> dict[str, int]:  # noqa: ANN001
    low, high = data.scale.minimum, data.scale.maximum
    return {item.id: low + (i * 7 + 3) % (high - low + 1) for i, item in enumerate(data.items)}


def test_self_assessment_scores_and_bands_match_the_yaml(page: Page, site, guard) -> None:  # noqa: ANN001
    data = quiz(SELF)
    answers = self_answers(data)
    root = open_quiz(page, site, SELF)
    expect(root.locator(".hq-note")).to_contain_text("not a validated or diagnostic instrument")
    for item in data.items:
        root.locator(
            f'.hq-item[data-hq-item="{item.id}"] input[value="{answers[item.id]}"]'
        ).check()
    root.locator(".hq-score").click()
    expect(root.locator(".hq-results")).to_be_visible()
    scores = self_scores(data, answers)
    rows = root.locator(".hq-table tbody tr")
    expected = [(s.title[""], scores[s.id], data.bands_for(s)) for s in data.subscales]
    expected.append(("Overall", scores[""], data.bands))
    expect(rows).to_have_count(len(expected))
    for row, (title, score, bands) in zip(rows.all(), expected, strict=True):
        band = band_for(score, bands)
        cells = [title, f"{round_half_away(score):g}", band.label if band else "–"]
        expect(row.locator("th, td")).to_have_text(cells)


def test_unrated_statements_are_pointed_out(page: Page, site, guard) -> None:  # noqa: ANN001
    data = quiz(SELF)
    root = open_quiz(page, site, SELF)
    skipped = {data.items[2].id, data.items[5].id}
    for item in data.items:
        if item.id not in skipped:
            root.locator(f'.hq-item[data-hq-item="{item.id}"] input').first.check()
    root.locator(".hq-score").click()
    expect(root.locator(".hq-status")).to_contain_text("2 still open, starting with statement 3")
    expect(root.locator(f'.hq-item[data-hq-item="{data.items[2].id}"] input').first).to_be_focused()
    expect(root.locator(".hq-results")).to_be_hidden()


def test_answers_survive_reload_and_try_again_keeps_the_old_attempt(
    page: Page, site, guard
) -> None:  # noqa: ANN001
    data = quiz(SELF)
    answers = self_answers(data)
    root = open_quiz(page, site, SELF)
    first = data.items[0]
    root.locator(f'.hq-item[data-hq-item="{first.id}"] input[value="{answers[first.id]}"]').check()
    page.reload()
    root = page.locator(f"#hq-{SELF}")
    expect(
        root.locator(f'.hq-item[data-hq-item="{first.id}"] input[value="{answers[first.id]}"]')
    ).to_be_checked()
    for item in data.items:
        root.locator(
            f'.hq-item[data-hq-item="{item.id}"] input[value="{answers[item.id]}"]'
        ).check()
    root.locator(".hq-score").click()
    page.reload()
    expect(page.locator(f"#hq-{SELF} .hq-results")).to_be_visible()
    page.locator(f"#hq-{SELF} .hq-retry").click()
    expect(page.locator(f"#hq-{SELF} .hq-results")).to_be_hidden()
    expect(page.locator(f"#hq-{SELF} .hq-item input:checked")).to_have_count(0)
    attempts = stored_attempts(page, SELF)
    assert len(attempts) == 2 and attempts[0]["finished"] and not attempts[1]["finished"]
    assert attempts[0]["answers"] == answers
    assert (
        page.evaluate("() => Object.keys(localStorage).filter((k) => k.startsWith('hq:'))") == []
    ), "nothing may reach localStorage before consent"


def test_quiz_works_after_instant_navigation_from_a_page_without_one(
    page: Page, site, guard
) -> None:  # noqa: ANN001
    page.goto(f"{site.url}glossary/")
    assert page.locator(".hq-quiz").count() == 0
    page.evaluate("() => { window.__marker = 1 }")
    page.locator('a.md-nav__link[href$="quizzes/"]').first.click()
    page.locator(f'article a[href$="/{KNOWLEDGE}/"]').first.click()
    root = page.locator(f"#hq-{KNOWLEDGE}")
    expect(root).to_have_attribute("data-hq-ready", "")
    assert page.evaluate("() => window.__marker") == 1, "navigation was not instant"
    data = quiz(KNOWLEDGE)
    question = data.questions[0]
    box = check_question(root, question, [correct_indices(question)[0]])
    expect(box.locator(".hq-verdict")).to_contain_text("Correct.")
    page.go_back()
    page.go_forward()
    expect(
        page.locator(f"#hq-{KNOWLEDGE} .hq-question").first.locator(".hq-verdict")
    ).to_contain_text("Correct.")


def test_readable_without_javascript(browser, site) -> None:  # noqa: ANN001
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    data = quiz(KNOWLEDGE)
    page.goto(f"{site.url}quizzes/{KNOWLEDGE}/")
    question = data.questions[0]
    box = page.locator(f'.hq-question[data-hq-qid="{question.id}"]')
    expect(box.locator("legend")).to_be_visible()
    expect(box.locator(".hq-option")).to_have_count(len(question.choices))
    box.locator(".hq-answer summary").click()
    expect(box.locator(".hq-feedback li").first).to_be_visible()
    context.close()


def test_fits_a_360px_screen(page: Page, site, guard) -> None:  # noqa: ANN001
    page.set_viewport_size({"width": 360, "height": 740})
    for quiz_id in (KNOWLEDGE, SELF):
        open_quiz(page, site, quiz_id)
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"), (
            quiz_id
        )


def test_search_finds_the_chapter_and_the_quiz_page_but_no_answers(page: Page, site, guard) -> None:  # noqa: ANN001
    # The student journey: "rupture" finds the chapter and the quiz's own page; a question's words
    # find the chapter that holds it once (not its own page again); answer feedback is never shown.
    page.goto(site.url)
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("rupture", delay=30)
    results = page.locator(".md-search-result__item > a")
    expect(results.first).to_be_visible()
    targets = {path.rstrip("/").rsplit("/", 1)[-1] for path in result_paths(results)}
    assert {"repairing-ruptures", "repairing-ruptures-check"} <= targets, targets

    assert any("metacommunication" in q.text for q in quiz("repairing-ruptures-check").questions)
    search.fill("")
    search.press_sequentially("metacommunication", delay=10)
    expect(results.first).to_be_visible()
    found = result_paths(results)
    assert any(path.endswith("/repairing-ruptures/") for path in found), found
    assert not any("quizzes/repairing-ruptures-check" in path for path in found), found
    # A word that only an answer's feedback uses: the search finds nothing, rather than the answer.
    word = feedback_only_word()
    search.fill("")
    search.press_sequentially(word, delay=10)
    expect(page.locator(".md-search-result__meta")).to_contain_text("No matching")
    expect(page.locator(".md-search-result__item")).to_have_count(0)


def result_paths(results) -> list[str]:  # noqa: ANN001
    """The page path each shown search result links to."""
    return [
        urlsplit(href).path
        for href in results.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    ]


def feedback_only_word() -> str:
    """A long word found in some choice's feedback and nowhere else in the handbook's sources."""
    sources = [
        p.read_text(encoding="utf-8").lower()
        for p in (*ROOT.glob("docs/**/*.md"), *ROOT.glob("quizzes/*.yml"))
    ]
    for choice in (
        c for q in quiz("repairing-ruptures-check").questions for c in q.choices if c.feedback
    ):
        for word in re.findall(r"[a-z]{8,}", choice.feedback.lower()):
            if sum(text.count(word) for text in sources) == 1:
                return word
    raise AssertionError("no word is used only in feedback")
