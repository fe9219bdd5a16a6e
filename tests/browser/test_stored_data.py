"""Stored or imported data never breaks a page (issue 14, points 18-20), in Chromium.

Every attempt a page reads, from storage on a quiz page, on My results or from an imported file,
goes through one schema (quiz.js `invalid`). What it refuses is set aside and counted in a notice;
attempts on older versions, or of quizzes the handbook no longer has, are kept and shown as such.
The last test throws random records at a chapter with two quizzes and at My results.
"""

from __future__ import annotations

import json
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from playwright.sync_api import Page, expect

from .quizdata import (
    correct_indices,
    finish_self,
    knowledge_attempt,
    quiz,
    self_attempt,
    wrong_index,
)

pytestmark = pytest.mark.browser

STORE = "the-alliance-handbook"
KNOWLEDGE, SELF, GONE = "rapport-check", "rapport-self", "retired-quiz"
CHAPTER = "rapport/"
OLD_HASH = "0123456789ab"


def key(quiz_id: str) -> str:
    return f"hq:{STORE}:quiz:{quiz_id}"


def put(page: Page, items: dict[str, str]) -> None:
    """Write raw values into this tab's sessionStorage (the reader's default area)."""
    page.evaluate(
        "(items) => { sessionStorage.clear(); "
        "for (const [k, v] of Object.entries(items)) sessionStorage.setItem(k, v); }",
        items,
    )


def stored(page: Page) -> dict[str, str]:
    return page.evaluate(
        "() => Object.fromEntries(Object.entries(sessionStorage)"
        ".filter(([k]) => k.startsWith('hq:')))"
    )


def open_chapter(page: Page, site) -> None:  # noqa: ANN001
    page.goto(site.url + CHAPTER)
    for quiz_id in (KNOWLEDGE, SELF):
        expect(page.locator(f"#hq-{quiz_id}")).to_have_attribute("data-hq-ready", "")


def notice(page: Page, quiz_id: str):  # noqa: ANN201
    return page.locator(f"#hq-{quiz_id} .hq-notice")


def test_a_selector_in_stored_checked_breaks_no_quiz(page: Page, site, guard) -> None:  # noqa: ANN001
    """Point 18: `checked: ['x"]']` used to break querySelector and every later quiz on the page."""
    data = quiz(KNOWLEDGE)
    first = data.questions[0]
    hostile = knowledge_attempt(data, {first.id: correct_indices(first)}, finished=False)
    hostile["checked"] = ['x"]']
    hostile["answers"]['x"]'] = [0]
    valid = knowledge_attempt(
        data, {first.id: [wrong_index(first)]}, finished=False, started="2024-05-02T09:00:00.000Z"
    )
    page.goto(site.url)
    put(page, {key(KNOWLEDGE): json.dumps({"v": 1, "attempts": [hostile, valid]})})
    open_chapter(page, site)
    expect(notice(page, KNOWLEDGE)).to_contain_text("records skipped: 1")
    box = page.locator(f'#hq-{KNOWLEDGE} .hq-question[data-hq-qid="{first.id}"]')
    expect(
        box.locator(f'input[value="{wrong_index(first)}"]')
    ).to_be_checked()  # the valid attempt is restored
    finish_self(
        page.locator(f"#hq-{SELF}"), {item.id: 3 for item in quiz(SELF).items}
    )  # the later quiz works
    aside = json.loads(stored(page)[f"hq:{STORE}:aside:{key(KNOWLEDGE)}"])
    assert [a["checked"] for a in aside] == [['x"]']]


def test_null_attempts_and_null_answers_are_skipped_on_quiz_pages_and_my_results(
    page: Page, site, guard
) -> None:  # noqa: ANN001
    """Point 19: `{"v":1,"attempts":[null, ...]}` and `answers: null` used to throw on the
    chapter."""
    data = quiz(SELF)
    good = self_attempt(data, {item.id: 4 for item in data.items})
    no_answers = {**self_attempt(data, {}, finished=False), "answers": None}
    page.goto(site.url)
    put(
        page,
        {
            key(SELF): json.dumps({"v": 1, "attempts": [None, good, no_answers]}),
            key(KNOWLEDGE): json.dumps({"v": 1, "attempts": [None]}),
        },
    )
    open_chapter(page, site)
    expect(notice(page, SELF)).to_contain_text("records skipped: 2")
    expect(notice(page, KNOWLEDGE)).to_contain_text("records skipped: 1")
    expect(page.locator(f"#hq-{SELF} .hq-results")).to_be_visible()  # the good attempt is shown
    question = quiz(KNOWLEDGE).questions[0]
    box = page.locator(f'#hq-{KNOWLEDGE} .hq-question[data-hq-qid="{question.id}"]')
    box.locator(f'input[value="{correct_indices(question)[0]}"]').check()
    box.locator(".hq-check").click()
    expect(box.locator(".hq-verdict")).not_to_be_empty()
    page.goto(site.url + "my-results/")
    root = page.locator(".hq-rp")
    expect(root).to_have_attribute("data-hq-ready", "")
    expect(root.locator(".hq-rp-storage .hq-rp-note")).to_contain_text("(records: 3)")
    expect(root.locator(".hq-rp-attempt")).to_have_count(1)
    with page.expect_download():  # the tools still work
        root.get_by_role("button", name="Export JSON").first.click()


def test_older_versions_and_retired_quizzes_are_kept_and_marked(page: Page, site, guard) -> None:  # noqa: ANN001
    """Point 20: attempts for ids or items that no longer exist are kept, shown as from an older
    version."""
    data = quiz(SELF)
    older = self_attempt(
        data, {"an-old-statement": 2, data.items[0].id: 5}, finished=False, hash_=OLD_HASH
    )
    older.update(
        finished="2023-03-01T10:00:00.000Z",
        scores=[{"id": "", "title": "Overall", "score": 3.5, "band": None}],
    )
    retired = {
        **older,
        "quiz": GONE,
        "title": "A retired quiz",
        "type": "knowledge",
        "checked": ["q1"],
        "answers": {"q1": [1]},
        "score": {"right": 0, "total": 1},
    }
    del retired["scores"]
    page.goto(site.url)
    put(
        page,
        {
            key(SELF): json.dumps({"v": 1, "attempts": [older]}),
            key(GONE): json.dumps({"v": 1, "attempts": [retired]}),
        },
    )
    open_chapter(page, site)
    expect(notice(page, SELF)).to_have_text(
        "Your earlier attempts here were made on an older version of this quiz. "
        "They are kept as they were scored then, on My results; this quiz starts afresh."
    )
    expect(page.locator(f"#hq-{SELF} .hq-results")).to_be_hidden()
    expect(page.locator(f"#hq-{SELF} .hq-item input:checked")).to_have_count(0)
    page.goto(site.url + "my-results/")
    root = page.locator(".hq-rp")
    expect(root).to_have_attribute("data-hq-ready", "")
    expect(root.locator(".hq-rp-note")).to_have_count(0)  # nothing was set aside
    own = root.locator(".hq-rp-quiz", has=page.locator(f'a[href$="/{SELF}/"]'))
    expect(own.locator(".hq-rp-old")).to_contain_text("earlier version of this quiz")
    expect(own.locator("tbody td").first).to_have_text("3.5")
    gone = root.locator(".hq-rp-quiz", has_text="A retired quiz")
    expect(gone.locator(".hq-rp-old")).to_contain_text("From an older version of the handbook")
    assert json.loads(stored(page)[key(GONE)])["attempts"] == [retired]
    # ... and the same records, exported and imported into an empty tab, come back the same.
    with page.expect_download() as info:
        root.get_by_role("button", name="Export JSON").click()
    text = info.value.path().read_text(encoding="utf-8")
    put(page, {})
    page.reload()
    expect(root).to_have_attribute("data-hq-ready", "")
    root.get_by_label("Import a JSON export").set_input_files(
        files=[{"name": "r.json", "mimeType": "application/json", "buffer": text.encode()}]
    )
    expect(root.locator(".hq-rp-status")).to_have_text(
        "Import done. New attempts: 2; already here: 0."
    )
    expect(root.locator(".hq-rp-quiz", has_text="A retired quiz")).to_have_count(1)


# ---------- random records ----------

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-10, 1000)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(string.printable, max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(string.ascii_lowercase + '"]-_', max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)

MUTATIONS = {
    "null": lambda a: None,
    "answers null": lambda a: {**a, "answers": None},
    "answers list": lambda a: {**a, "answers": []},
    "selector id": lambda a: {
        **a,
        "answers": {**a["answers"], 'x"]': a["answers"] and next(iter(a["answers"].values()))},
    },
    "other quiz": lambda a: {
        **a,
        "quiz": "rapport-self" if a["type"] == "knowledge" else "rapport-check",
    },
    "newer schema": lambda a: {**a, "v": 2},
    "bad date": lambda a: {**a, "started": "soon"},
    "bad finish": lambda a: {**a, "finished": 12},
    "no title": lambda a: {k: v for k, v in a.items() if k != "title"},
    "hash not hex": lambda a: {**a, "hash": "zz"},
    "hash a number": lambda a: {**a, "hash": 123},
    "wrong type": lambda a: {
        **a,
        "type": "knowledge" if a["type"] == "self-assessment" else "self-assessment",
    },
    "long reflection": lambda a: {**a, "reflection": ["x" * 100_001]},
    "reflection object": lambda a: {**a, "reflection": {"0": "x"}},
}


def valid_knowledge(draw, older: bool) -> dict:
    data = quiz(KNOWLEDGE)
    picked = draw(st.lists(st.sampled_from(data.questions), unique_by=lambda q: q.id))
    finished = not older and draw(st.booleans())
    questions = data.questions if finished else picked
    answers = {
        q.id: sorted(draw(st.sets(st.integers(0, len(q.choices) - 1), min_size=1)))
        for q in questions
    }
    record = knowledge_attempt(data, answers, finished=finished, hash_=OLD_HASH if older else None)
    if draw(st.booleans()):
        record["order"] = {q.id: draw(st.permutations(range(len(q.choices)))) for q in questions}
    return record


def valid_self(draw, older: bool) -> dict:
    data = quiz(SELF)
    finished = draw(st.booleans())
    items = (
        data.items
        if finished
        else draw(st.lists(st.sampled_from(data.items), unique_by=lambda i: i.id))
    )
    answers = {item.id: draw(st.integers(data.scale.minimum, data.scale.maximum)) for item in items}
    return self_attempt(data, answers, finished=finished, hash_=OLD_HASH if older else None)


@st.composite
def record(draw, quiz_id: str) -> tuple[bool, object]:
    """(kept?, record): a valid attempt (current or older version), a broken one, or random JSON."""
    kind = draw(st.sampled_from(["current", "older", "mutated", "random"]))
    if kind == "random":
        return False, draw(JSON_VALUES)
    build = valid_knowledge if quiz_id == KNOWLEDGE else valid_self
    attempt = build(draw, older=kind == "older")
    if quiz_id == GONE:
        attempt["quiz"] = GONE
    if kind == "mutated":
        return False, MUTATIONS[draw(st.sampled_from(sorted(MUTATIONS)))](attempt)
    return True, attempt


@st.composite
def stored_quiz(draw, quiz_id: str) -> tuple[list, int, str | None]:
    """(attempts kept, records skipped, raw value) for one quiz's key; sometimes a broken
    envelope."""
    envelope = draw(st.sampled_from(["good"] * 6 + ["absent", "not json", "newer", "not a list"]))
    records = draw(st.lists(record(quiz_id), min_size=2, max_size=8))
    if envelope == "absent":
        return [], 0, None
    if envelope != "good":
        raw = {
            "not json": "{oops",
            "newer": json.dumps({"v": 2, "attempts": []}),
            "not a list": json.dumps({"v": 1, "attempts": {"0": None}}),
        }[envelope]
        return [], 1, raw
    kept = [r for ok, r in records if ok]
    return kept, len(records) - len(kept), json.dumps({"v": 1, "attempts": [r for _, r in records]})


def test_every_kind_of_broken_record_is_skipped_and_counted(page: Page, site, guard) -> None:  # noqa: ANN001
    """Each mutation of a valid attempt, once, for both quizzes of the chapter: all skipped, all
    counted, the valid attempt among them kept and restored."""
    page.goto(site.url)
    data = {KNOWLEDGE: quiz(KNOWLEDGE), SELF: quiz(SELF)}
    valid = {
        KNOWLEDGE: knowledge_attempt(
            data[KNOWLEDGE], {q.id: correct_indices(q) for q in data[KNOWLEDGE].questions}
        ),
        SELF: self_attempt(data[SELF], {item.id: 2 for item in data[SELF].items}),
    }
    put(
        page,
        {
            key(q): json.dumps(
                {"v": 1, "attempts": [change(a) for change in MUTATIONS.values()] + [a]}
            )
            for q, a in valid.items()
        },
    )
    open_chapter(page, site)
    for quiz_id, attempt in valid.items():
        expect(notice(page, quiz_id)).to_contain_text(f"records skipped: {len(MUTATIONS)}")
        expect(page.locator(f"#hq-{quiz_id} .hq-results")).to_be_visible()
        assert json.loads(stored(page)[key(quiz_id)])["attempts"] == [attempt]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(knowledge=stored_quiz(KNOWLEDGE), self_=stored_quiz(SELF), gone=stored_quiz(GONE))
def test_random_records_never_break_a_page_and_are_counted(
    page: Page, site, guard, knowledge, self_, gone
) -> None:  # noqa: ANN001
    """Whatever storage holds: no error, every quiz starts, exactly the invalid records are set
    aside (the notice gives their number), the valid ones stay as they were, and My results
    agrees."""
    page.goto(site.url)
    items = {
        key(q): raw
        for q, (_, _, raw) in ((KNOWLEDGE, knowledge), (SELF, self_), (GONE, gone))
        if raw is not None
    }
    put(page, items)
    open_chapter(page, site)
    after = stored(page)
    for quiz_id, (kept, skipped, _) in ((KNOWLEDGE, knowledge), (SELF, self_)):
        if skipped:
            expect(notice(page, quiz_id).filter(has_text="could not be read")).to_contain_text(
                f"records skipped: {skipped}"
            )
        else:
            expect(notice(page, quiz_id).filter(has_text="could not be read")).to_have_count(0)
        assert json.loads(after.get(key(quiz_id), '{"attempts": []}'))["attempts"] == kept, quiz_id
    root = page.locator(f"#hq-{KNOWLEDGE}")
    if root.locator(".hq-results").is_visible():
        root.locator(".hq-retry").click()
    question = quiz(KNOWLEDGE).questions[0]
    box = root.locator(f'.hq-question[data-hq-qid="{question.id}"]')
    if box.locator(".hq-check").is_visible():
        box.locator("input").first.check()
        box.locator(".hq-check").click()
        expect(box.locator(".hq-verdict")).not_to_be_empty()
    page.goto(site.url + "my-results/")
    results = page.locator(".hq-rp")
    expect(results).to_have_attribute("data-hq-ready", "")
    total_skipped = knowledge[1] + self_[1] + gone[1]
    if total_skipped:
        expect(results.locator(".hq-rp-storage .hq-rp-note").first).to_contain_text(
            f"(records: {total_skipped})"
        )
    finished_gone = [a for a in gone[0] if a["finished"]]
    expect(
        results.locator(".hq-rp-quiz", has_text="From an older version of the handbook")
    ).to_have_count(1 if finished_gone else 0)
    assert page.locator(".hq-rp-tools button").count() >= 4
