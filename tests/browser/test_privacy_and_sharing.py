"""Consent, forgetting, share codes between two people, hostile data and disabled storage, in
Chromium."""

from __future__ import annotations

import re

import pytest
from handbook_quiz.scoring import round_half_away, self_scores
from playwright.sync_api import Browser, Page, expect

from .quizdata import finish_self, quiz

pytestmark = pytest.mark.browser

SELF = "rapport-self"
CHECK_IN = "alliance-check-in"


def hq_keys(page: Page, area: str) -> list[str]:
    return page.evaluate(f"() => Object.keys({area}).filter((k) => k.startsWith('hq:')).sort()")


def finish_self_assessment(
    page: Page, quiz_id: str, answers: dict[str, int], perspective: str = ""
) -> None:
    finish_self(page.locator(f"#hq-{quiz_id}"), answers, perspective)


def test_consent_moves_results_between_tab_and_device_and_forget_deletes_all(
    page: Page, site, guard
) -> None:  # noqa: ANN001
    data = quiz(SELF)
    page.goto(f"{site.url}quizzes/{SELF}/")
    root = page.locator(f"#hq-{SELF}")
    expect(root.locator(".hq-mode")).to_contain_text("kept in this tab until you choose")
    expect(root.locator(".hq-consent")).to_be_hidden()
    finish_self_assessment(page, SELF, {item.id: data.scale.minimum for item in data.items})
    consent = root.locator(".hq-consent")
    expect(consent).to_be_visible()
    expect(consent).to_contain_text(
        "Keep your results on this device, or only until this tab is closed?"
    )
    assert hq_keys(page, "localStorage") == []
    consent.get_by_role("button", name="Keep on this device").click()
    expect(consent.get_by_role("button", name="Keep on this device")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(root.locator(".hq-mode")).to_contain_text("saved on this device only")
    expect(root.locator(".hq-saved-where")).to_have_text(
        "Saved on this device only. Nothing is sent anywhere."
    )
    assert any(k.endswith(f"quiz:{SELF}") for k in hq_keys(page, "localStorage"))
    assert hq_keys(page, "sessionStorage") == []
    page.reload()
    expect(page.locator(f"#hq-{SELF} .hq-mode")).to_contain_text("saved on this device only")
    expect(page.locator(f"#hq-{SELF} .hq-results")).to_be_visible()
    page.locator(f"#hq-{SELF} .hq-switch").click()
    expect(page.locator(f"#hq-{SELF} .hq-mode")).to_contain_text("only until this tab is closed")
    assert hq_keys(page, "localStorage") == []
    assert any(k.endswith(f"quiz:{SELF}") for k in hq_keys(page, "sessionStorage"))
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(f"#hq-{SELF} .hq-forget").click()
    expect(page.locator(f"#hq-{SELF} .hq-results")).to_be_hidden()
    assert hq_keys(page, "localStorage") == [] and hq_keys(page, "sessionStorage") == []


# The share code, written from its definition (quiz.js): Crockford base 32 (no I, L, O, U), groups
# of four; bits: 10 of FNV-1a(quiz id), 10 of FNV-1a(content hash), 3 for the perspective's place,
# each answer minus the scale's minimum in as few bits as the scale needs, padded; then 2 letters
# of FNV-1a over those letters.
B32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def fnv(text: str) -> int:
    h = 2166136261
    for ch in text:
        h = ((h ^ ord(ch)) * 16777619) & 0xFFFFFFFF
    return h


def to_b32(bits: str) -> str:
    bits += "0" * (-len(bits) % 5)
    return "".join(B32[int(bits[i : i + 5], 2)] for i in range(0, len(bits), 5))


def seal(body: str) -> str:
    return to_b32(format(fnv(body) % 1024, "010b"))


def code_bits(code: str) -> str:
    body = code.replace(" ", "")[:-2]
    return "".join(format(B32.index(c), "05b") for c in body)


def reseal(code: str, start: int, width: int, value: int) -> str:
    """The code with one field (bits start..start+width) set to ``value``, its checksum made
    right."""
    bits = code_bits(code)
    body = to_b32(bits[:start] + format(value, f"0{width}b") + bits[start + width :])
    return body + seal(body)


def test_share_code_compares_client_and_therapist_in_two_browsers(browser: Browser, site) -> None:  # noqa: ANN001
    data = quiz(CHECK_IN)
    low, high = data.scale.minimum, data.scale.maximum
    client_answers = {item.id: low + i % (high - low + 1) for i, item in enumerate(data.items)}
    therapist_answers = {item.id: high for item in data.items}
    client = browser.new_context().new_page()
    client.goto(f"{site.url}quizzes/{CHECK_IN}/")
    expect(client.locator(f"#hq-{CHECK_IN} .hq-item").first).to_be_hidden()
    finish_self_assessment(client, CHECK_IN, client_answers, "client")
    expect(client.locator(f"#hq-{CHECK_IN} .hq-share")).to_contain_text(
        "No names and nothing you wrote"
    )
    code = client.locator(f"#hq-{CHECK_IN}-code").input_value()
    plain = code.replace(" ", "")
    assert (
        re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}( [0-9A-HJKMNP-TV-Z]{1,4})*", code) and len(plain) <= 24
    ), code
    assert plain[-2:] == seal(plain[:-2])
    bits, width = code_bits(code), (high - low).bit_length()
    assert (
        int(bits[:10], 2) == fnv(CHECK_IN) % 1024 and int(bits[20:23], 2) == 0
    )  # client: the first perspective
    assert [
        int(bits[23 + i * width : 23 + (i + 1) * width], 2) + low for i in range(len(data.items))
    ] == list(client_answers.values())
    field = client.locator(f"#hq-{CHECK_IN}-code")
    client.set_viewport_size({"width": 390, "height": 800})
    assert field.evaluate("(n) => n.scrollWidth <= n.clientWidth"), "the code is cut off at 390 px"
    therapist = browser.new_context().new_page()
    therapist.goto(f"{site.url}quizzes/{CHECK_IN}/")
    root = therapist.locator(f"#hq-{CHECK_IN}")
    first = data.items[0]
    finish_self_assessment(therapist, CHECK_IN, therapist_answers, "therapist")
    expect(root.locator(f'.hq-item[data-hq-item="{first.id}"] legend')).to_contain_text(
        first.text["therapist"]
    )
    root.locator(".hq-paste").fill(code)
    root.locator(".hq-compare").click()
    tables = root.locator(".hq-comparison table")
    expect(tables).to_have_count(2)
    mine, theirs = self_scores(data, therapist_answers), self_scores(data, client_answers)
    overall = tables.nth(0).locator("tbody tr").last.locator("td")
    gap = round_half_away(theirs[""] - mine[""])
    in_words = (
        f"{gap:g} higher for them"
        if gap > 0
        else f"{-gap:g} higher for you"
        if gap < 0
        else "The same"
    )
    expect(overall).to_have_text(
        [f"{round_half_away(mine['']):g}", f"{round_half_away(theirs['']):g}", in_words]
    )
    words = tables.nth(1).locator("tbody tr td:last-child").all_inner_texts()
    differences = [int(m.group(1)) if (m := re.search(r"(\d+) points?", t)) else 0 for t in words]
    assert differences == sorted(differences, reverse=True) and len(differences) == len(data.items)
    client.context.close()
    therapist.context.close()


@pytest.mark.parametrize(
    ("mangle", "message"),
    [
        (lambda c: c[:-1] + ("0" if c[-1] != "0" else "1"), "typo or is incomplete"),
        (lambda c: c[:-3], "check that you pasted all of it"),
        (lambda c: "hello there", "does not look like a share code"),
        (lambda c: reseal(c, 0, 10, (fnv("rapport-self") + 1) % 1024), "different quiz"),
        (lambda c: reseal(c, 10, 10, (int(code_bits(c)[10:20], 2) + 1) % 1024), "another version"),
        (lambda c: reseal(reseal(c, 20, 3, 1), 23, 3, 7), "outside the scale"),
        (lambda c: reseal(c, 20, 3, 5), "does not look like a share code"),
        (lambda c: c, "same perspective"),
        (
            lambda c: c.lower().replace(" ", "-"),
            "same perspective",
        ),  # typed in lower case, with dashes: still read
        (lambda c: "alliance-check-in.83c865.client.3333333333.11mb", "older, longer format"),
    ],
)
def test_bad_share_codes_are_refused_with_a_clear_message(
    page: Page, site, guard, mangle, message
) -> None:  # noqa: ANN001
    data = quiz(CHECK_IN)
    page.goto(f"{site.url}quizzes/{CHECK_IN}/")
    finish_self_assessment(
        page, CHECK_IN, {item.id: data.scale.minimum for item in data.items}, "client"
    )
    root = page.locator(f"#hq-{CHECK_IN}")
    code = root.locator(".hq-code").input_value()
    root.locator(".hq-paste").fill(mangle(code))
    root.locator(".hq-compare").click()
    expect(root.locator(".hq-comparison [role=alert]")).to_contain_text(message)
    expect(root.locator(".hq-comparison table")).to_have_count(0)


def test_stored_markup_stays_inert_text(page: Page, site, guard) -> None:  # noqa: ANN001
    data = quiz(SELF)
    page.goto(f"{site.url}quizzes/{SELF}/")
    finish_self_assessment(page, SELF, {item.id: data.scale.maximum for item in data.items})
    hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>'
    page.evaluate(
        """([hostile]) => {
            const key = Object.keys(sessionStorage).find((k) => k.endsWith(':quiz:rapport-self'));
            const state = JSON.parse(sessionStorage.getItem(key));
            const attempt = state.attempts[state.attempts.length - 1];
            attempt.reflection = [hostile];
            attempt.scores[0].title = hostile;
            attempt.scores[0].band = hostile;
            sessionStorage.setItem(key, JSON.stringify(state));
        }""",
        [hostile],
    )
    page.reload()
    root = page.locator(f"#hq-{SELF}")
    expect(root.locator(".hq-results")).to_be_visible()
    expect(root.locator("textarea").first).to_have_value(hostile)
    expect(root.locator(".hq-table")).to_contain_text("<script>")
    assert page.evaluate("() => window.__pwned") is None
    assert root.locator(".hq-results img, .hq-results script").count() == 0


def test_corrupt_storage_is_set_aside_with_a_notice(page: Page, site, guard) -> None:  # noqa: ANN001
    page.goto(f"{site.url}quizzes/{SELF}/")
    store = page.locator(f"#hq-{SELF}").get_attribute("data-hq-store")
    page.evaluate(f"() => sessionStorage.setItem('hq:{store}:quiz:{SELF}', '{{not json')")
    page.reload()
    root = page.locator(f"#hq-{SELF}")
    expect(root.locator(".hq-notice")).to_have_text(
        "Some saved answers for this quiz could not be read, so they were set aside "
        "(records skipped: 1). My results can export them."
    )
    assert (
        page.evaluate(f"() => sessionStorage.getItem('hq:{store}:aside:hq:{store}:quiz:{SELF}')")
        == '["{not json"]'
    )
    expect(root.locator(".hq-item").first).to_be_visible()


def test_quiz_works_with_storage_disabled(browser: Browser, site) -> None:  # noqa: ANN001
    context = browser.new_context()
    context.add_init_script("""
        for (const name of ['localStorage', 'sessionStorage']) {
            Object.defineProperty(window, name, {
                get() { throw new DOMException('denied', 'SecurityError'); } });
        }""")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    data = quiz(SELF)
    page.goto(f"{site.url}quizzes/{SELF}/")
    root = page.locator(f"#hq-{SELF}")
    expect(root.locator(".hq-status")).to_contain_text("not keeping data")
    finish_self_assessment(page, SELF, {item.id: data.scale.maximum for item in data.items})
    expect(root.locator(".hq-table tbody tr").last.locator("th")).to_have_text("Overall")
    assert [e for e in errors if "hq" in e or "quiz" in e] == []
    context.close()
