"""Consent, forgetting, share codes between two people, hostile data and disabled storage, in Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from handbook_quiz.scoring import round_half_away, self_scores

from .quizdata import finish_self, quiz

pytestmark = pytest.mark.browser

SELF = "rapport-self"
CHECK_IN = "alliance-check-in"


def hq_keys(page: Page, area: str) -> list[str]:
    return page.evaluate(f"() => Object.keys({area}).filter((k) => k.startsWith('hq:')).sort()")


def finish_self_assessment(page: Page, quiz_id: str, answers: dict[str, int], perspective: str = "") -> None:
    finish_self(page.locator(f"#hq-{quiz_id}"), answers, perspective)


def test_consent_moves_results_between_tab_and_device_and_forget_deletes_all(page: Page, site, guard) -> None:  # noqa: ANN001
    data = quiz(SELF)
    page.goto(f"{site.url}quizzes/{SELF}/")
    root = page.locator(f"#hq-{SELF}")
    expect(root.locator(".hq-mode")).to_contain_text("kept in this tab until you choose")
    expect(root.locator(".hq-consent")).to_be_hidden()
    finish_self_assessment(page, SELF, {item.id: data.scale.minimum for item in data.items})
    consent = root.locator(".hq-consent")
    expect(consent).to_be_visible()
    expect(consent).to_contain_text("Keep your results on this device, or only until this tab is closed?")
    assert hq_keys(page, "localStorage") == []
    consent.get_by_role("button", name="Keep on this device").click()
    expect(consent).to_be_hidden()
    expect(root.locator(".hq-mode")).to_contain_text("saved on this device only")
    expect(root.locator(".hq-saved-where")).to_have_text("Saved on this device only. Nothing is sent anywhere.")
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


def fnv_checksum(text: str) -> str:
    """The share code's checksum, written from its definition (FNV-1a, base 36, last 4)."""
    h = 2166136261
    for ch in text:
        h = ((h ^ ord(ch)) * 16777619) & 0xFFFFFFFF
    digits, out = "0123456789abcdefghijklmnopqrstuvwxyz", ""
    while h:
        h, r = divmod(h, 36)
        out = digits[r] + out
    return ("0000" + out)[-4:]


def test_share_code_compares_client_and_therapist_in_two_browsers(browser: Browser, site) -> None:  # noqa: ANN001
    data = quiz(CHECK_IN)
    low, high = data.scale.minimum, data.scale.maximum
    client_answers = {item.id: low + i % (high - low + 1) for i, item in enumerate(data.items)}
    therapist_answers = {item.id: high for item in data.items}
    client = browser.new_context().new_page()
    client.goto(f"{site.url}quizzes/{CHECK_IN}/")
    expect(client.locator(f"#hq-{CHECK_IN} .hq-item").first).to_be_hidden()
    finish_self_assessment(client, CHECK_IN, client_answers, "client")
    expect(client.locator(f"#hq-{CHECK_IN} .hq-share")).to_contain_text("No names and nothing you wrote")
    code = client.locator(f"#hq-{CHECK_IN}-code").input_value()
    assert code.startswith(f"{CHECK_IN}.") and ".client." in code and len(code) < 60
    therapist = browser.new_context().new_page()
    therapist.goto(f"{site.url}quizzes/{CHECK_IN}/")
    root = therapist.locator(f"#hq-{CHECK_IN}")
    first = data.items[0]
    finish_self_assessment(therapist, CHECK_IN, therapist_answers, "therapist")
    expect(root.locator(f'.hq-item[data-hq-item="{first.id}"] legend')).to_contain_text(first.text["therapist"])
    root.locator(".hq-paste").fill(code)
    root.locator(".hq-compare").click()
    tables = root.locator(".hq-comparison table")
    expect(tables).to_have_count(2)
    mine, theirs = self_scores(data, therapist_answers), self_scores(data, client_answers)
    overall = tables.nth(0).locator("tbody tr").last.locator("td")
    expect(overall).to_have_text([f"{round_half_away(mine['']):g}", f"{round_half_away(theirs['']):g}",
                                  f"{round_half_away(theirs[''] - mine['']):g}"])
    differences = [abs(int(t)) for t in tables.nth(1).locator("tbody tr td:last-child").all_inner_texts()]
    assert differences == sorted(differences, reverse=True) and len(differences) == len(data.items)
    client.context.close()
    therapist.context.close()


@pytest.mark.parametrize(
    ("mangle", "message"),
    [
        (lambda c: c[:-1] + ("0" if c[-1] != "0" else "1"), "typo or is incomplete"),
        (lambda c: "hello there", "does not look like a share code"),
        (lambda c: reseal(c, 0, "rapport-self"), "different quiz"),
        (lambda c: reseal(c, 1, "ffffff"), "another version"),
        (lambda c: reseal(reseal(c, 2, "therapist"), 3, "9" * len(c.split(".")[3])), "outside the scale"),
        (lambda c: c, "same perspective"),
    ],
)
def test_bad_share_codes_are_refused_with_a_clear_message(page: Page, site, guard, mangle, message) -> None:  # noqa: ANN001
    data = quiz(CHECK_IN)
    page.goto(f"{site.url}quizzes/{CHECK_IN}/")
    finish_self_assessment(page, CHECK_IN, {item.id: data.scale.minimum for item in data.items}, "client")
    root = page.locator(f"#hq-{CHECK_IN}")
    code = root.locator(".hq-code").input_value()
    root.locator(".hq-paste").fill(mangle(code))
    root.locator(".hq-compare").click()
    expect(root.locator(".hq-comparison [role=alert]")).to_contain_text(message)
    expect(root.locator(".hq-comparison table")).to_have_count(0)


def reseal(code: str, index: int, value: str) -> str:
    parts = code.split(".")[:4]
    parts[index] = value
    body = ".".join(parts)
    return f"{body}.{fnv_checksum(body)}"


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
        "Some saved answers for this quiz could not be read, so they were set aside (records skipped: 1). "
        "My results can export them.")
    assert page.evaluate(f"() => sessionStorage.getItem('hq:{store}:aside:hq:{store}:quiz:{SELF}')") == '["{not json"]'
    expect(root.locator(".hq-item").first).to_be_visible()


def test_quiz_works_with_storage_disabled(browser: Browser, site) -> None:  # noqa: ANN001
    context = browser.new_context()
    context.add_init_script("""
        for (const name of ['localStorage', 'sessionStorage']) {
            Object.defineProperty(window, name, { get() { throw new DOMException('denied', 'SecurityError'); } });
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
