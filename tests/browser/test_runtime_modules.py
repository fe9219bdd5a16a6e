"""Each module of the browser runtime on its own, in Chromium (plugins/handbook_quiz/assets/js/).

A blank page gets only the module under test and the modules it uses (add_script_tag), and the
test calls its public functions: the record schema, storage, share codes, scoring, the files of
My results. The scoring runs the shared table tests/scoring_cases.json, which
tests/unit/test_scoring_table.py runs against the Python scoring: a difference fails one of them.
The page is served by a route in the test (no server, no other host); its origin gives it storage.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from handbook_quiz.assets import SOURCES, bundle_sources
from playwright.sync_api import Page, Route

pytestmark = pytest.mark.browser

TESTS = Path(__file__).resolve().parents[1]
CASES = json.loads((TESTS / "scoring_cases.json").read_text(encoding="utf-8"))
ROUNDING = json.loads((TESTS / "golden" / "rounding.json").read_text(encoding="utf-8"))
ORIGIN = "http://127.0.0.1:9/"
"""Fulfilled by the route below: nothing listens there and no request leaves the browser."""

USES = {
    "scoring.js": [],
    "text.js": ["scoring.js"],
    "dom.js": [],
    "schema.js": [],
    "storage.js": ["schema.js"],
    "sharecode.js": [],
    "render.js": ["scoring.js", "dom.js"],
    "kinds.js": ["dom.js"],
    "kinds/choice.js": ["scoring.js", "dom.js", "kinds.js"],
    "kinds/scale.js": ["dom.js", "kinds.js"],
    "results/files.js": ["scoring.js", "text.js", "schema.js"],
    "results/profile.js": ["scoring.js", "text.js", "dom.js"],
}
"""What each module uses when it runs (the controller and page modules are tested by the
quiz and results page tests, in the real handbook)."""
ADDS = {
    "scoring.js": "scoring",
    "text.js": "text",
    "dom.js": "dom",
    "schema.js": "schema",
    "storage.js": "storage",
    "sharecode.js": "shareCode",
    "render.js": "render",
    "kinds.js": "kinds",
    "results/files.js": "resultsFiles",
    "results/profile.js": "resultsProfile",
}


@pytest.fixture
def blank(page: Page) -> Iterator[Page]:
    """An empty page on a local origin; any other request fails the test."""
    other: list[str] = []

    def route(r: Route) -> None:
        if r.request.url == ORIGIN:
            r.fulfill(
                body="<!doctype html><html lang='en'><body></body></html>", content_type="text/html"
            )
        else:
            other.append(r.request.url)
            r.abort()

    errors: list[str] = []
    page.route("**/*", route)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(ORIGIN)
    yield page
    assert other == [], f"requests: {other}"
    assert errors == [], f"errors: {errors}"


def load(page: Page, module: str) -> None:
    """The module and what it uses, each as its own classic script."""
    for name in [*USES[module], module]:
        page.add_script_tag(content=(SOURCES / name).read_text(encoding="utf-8"))


def run(page: Page, module: str, script: str, arg: Any = None) -> Any:
    load(page, module)
    return page.evaluate(script, arg)


# ---------- every module alone ----------


@pytest.mark.parametrize("module", sorted(USES))
def test_each_module_runs_with_only_what_it_uses_and_twice_changes_nothing(
    blank: Page, module: str
) -> None:
    load(blank, module)
    names = blank.evaluate("() => Object.keys(window.HandbookQuiz).sort()")
    expected = {ADDS[m] for m in [*USES[module], module] if m in ADDS}
    if module.startswith("kinds/"):
        expected.add("kinds")
        kind = module.removeprefix("kinds/").removesuffix(".js")
        assert blank.evaluate(f"() => typeof HandbookQuiz.kinds.{kind}.read") == "function"
    assert set(names) == expected
    blank.evaluate("() => { window.__objects = Object.values(HandbookQuiz); }")
    blank.add_script_tag(content=(SOURCES / module).read_text(encoding="utf-8"))
    assert blank.evaluate(
        "() => Object.values(HandbookQuiz).every((v, i) => v === window.__objects[i])"
    ), "loading a module again (instant navigation) must keep the objects made the first time"


def test_quiz_js_lists_each_module_after_what_it_uses() -> None:
    order = bundle_sources("quiz.js") + bundle_sources("results.js")
    for module, uses in USES.items():
        for used in uses:
            assert order.index(used) < order.index(module), f"{module} needs {used} first"


# ---------- scoring: the shared table ----------

KNOWLEDGE_JS = """(cases) => cases.map((c) => {
  const S = HandbookQuiz.scoring;
  const right = {};
  c.questions.forEach((q) => { right[q.id] = S.isRight(c.answers[q.id] || [], q.correct); });
  const n = Object.values(right).filter(Boolean).length;
  const score = S.knowledgeScore(n, c.questions.length, c.pass_mark, false);
  const passed = score.passed === undefined ? null : score.passed;
  return { right, score: score.right, total: score.total, passed };
})"""

SELF_JS = """(cases) => cases.map((c) => {
  const S = HandbookQuiz.scoring;
  const max = c.scale.start + c.scale.points - 1;
  const scale = { min: c.scale.start, max, method: c.method, items: c.items };
  const bands = c.bands.map((from) => ({ scope: "", from }))
    .concat(...c.subscales.map((s) => s.bands.map((from) => ({ scope: s.id, from }))));
  const out = {};
  S.scaleScores(scale, c.answers).forEach((s) => {
    const band = S.bandFor(s.id, s.exact, c.method, bands);
    out[s.id] = { score: s.score, band: band ? band.from : null };
  });
  return out;
})"""


def test_knowledge_scoring_matches_the_shared_table(blank: Page) -> None:
    got = run(blank, "scoring.js", KNOWLEDGE_JS, CASES["knowledge"])
    for case, result in zip(CASES["knowledge"], got, strict=True):
        assert result == case["expected"], case["name"]


def test_self_assessment_scoring_matches_the_shared_table(blank: Page) -> None:
    got = run(blank, "scoring.js", SELF_JS, CASES["self_assessment"])
    for case, result in zip(CASES["self_assessment"], got, strict=True):
        assert result == case["expected"], case["name"]


def test_practice_attempts_have_no_pass_verdict(blank: Page) -> None:
    got = run(
        blank,
        "scoring.js",
        "() => [HandbookQuiz.scoring.knowledgeScore(1, 2, 0.5, true), "
        "HandbookQuiz.scoring.knowledgeScore(1, 2, 0.5, false)]",
    )
    assert got == [{"right": 1, "total": 2}, {"right": 1, "total": 2, "passed": True}]


def test_round2_matches_the_rounding_golden(blank: Page) -> None:
    got = run(
        blank,
        "scoring.js",
        "(xs) => xs.map(HandbookQuiz.scoring.round2)",
        [c[0] for c in ROUNDING["cases"]],
    )
    assert got == [expected for _, expected in ROUNDING["cases"]]


def test_text_fills_templates_and_signs_changes(blank: Page) -> None:
    got = run(
        blank,
        "text.js",
        """() => { const T = HandbookQuiz.text;
          return [T.fill("{n} of {total}, {missing}", { n: 3, total: 10 }), T.signed(0.125),
                  T.signed(-1.005), T.signed(0), T.number(2.675), T.number("x")]; }""",
    )
    assert got == ["3 of 10, {missing}", "+0.13", "\u22121.01", "0", 2.68, "x"]


# ---------- the record schema ----------

KNOWLEDGE_ATTEMPT = {
    "v": 1,
    "quiz": "demo-check",
    "title": "Demo",
    "type": "knowledge",
    "hash": "abc123",
    "started": "2026-01-02T10:00:00.000Z",
    "finished": "2026-01-02T10:05:00.000Z",
    "answers": {"q1": [1], "q2": [0, 2]},
    "checked": ["q1", "q2"],
    "score": {"right": 1, "total": 2, "passed": False},
}
SELF_ATTEMPT = {
    "v": 1,
    "quiz": "demo-self",
    "title": "Demo",
    "type": "self-assessment",
    "hash": "def456",
    "started": "2026-01-02T10:00:00.000Z",
    "finished": "2026-01-02T10:05:00.000Z",
    "answers": {"a": 5, "b": 1},
    "scores": [{"id": "", "title": "Overall", "score": 3, "exact": 3, "band": None}],
}
KNOWLEDGE_INFO = {"type": "knowledge", "hash": "abc123", "questions": {"q1": 3, "q2": 3}}
SELF_INFO = {
    "type": "self-assessment",
    "hash": "def456",
    "min": 1,
    "max": 5,
    "sum": False,
    "items": ["a", "b"],
    "perspectives": None,
}

INVALID_JS = """([attempt, quizId, info, change]) => {
  const a = JSON.parse(JSON.stringify(attempt));
  new Function("a", change)(a);
  return HandbookQuiz.schema.invalid(a, quizId, info);
}"""


@pytest.mark.parametrize(
    ("attempt", "info", "change", "verdict"),
    [
        (KNOWLEDGE_ATTEMPT, KNOWLEDGE_INFO, "", ""),
        (KNOWLEDGE_ATTEMPT, None, "", ""),
        (KNOWLEDGE_ATTEMPT, KNOWLEDGE_INFO, "a.v = 2", "bad"),
        (KNOWLEDGE_ATTEMPT, KNOWLEDGE_INFO, "a.quiz = 'other'", "bad"),
        (KNOWLEDGE_ATTEMPT, KNOWLEDGE_INFO, "a.started = 'yesterday'", "bad"),
        (KNOWLEDGE_ATTEMPT, KNOWLEDGE_INFO, "a.answers.q9 = [0]", "bad"),
        (KNOWLEDGE_ATTEMPT, KNOWLEDGE_INFO, "a.answers.q1 = [3]", "range"),
        (KNOWLEDGE_ATTEMPT, KNOWLEDGE_INFO, "a.answers.q1 = [1, 1]", "range"),
        (KNOWLEDGE_ATTEMPT, KNOWLEDGE_INFO, "a.score.total = 5", "range"),
        (KNOWLEDGE_ATTEMPT, KNOWLEDGE_INFO, "a.only = ['q1']", "bad"),
        (
            KNOWLEDGE_ATTEMPT,
            KNOWLEDGE_INFO,
            "a.practice = true; a.only = ['q1']; a.score.total = 1",
            "",
        ),
        (KNOWLEDGE_ATTEMPT, KNOWLEDGE_INFO, "a.finished = null; delete a.score", ""),
        (KNOWLEDGE_ATTEMPT, KNOWLEDGE_INFO, "a.hash = 'fff'; a.answers.q9 = [7]", ""),
        (KNOWLEDGE_ATTEMPT, KNOWLEDGE_INFO, "a.type = 'essay'", "bad"),
        (SELF_ATTEMPT, SELF_INFO, "", ""),
        (SELF_ATTEMPT, SELF_INFO, "a.answers.b = 6", "range"),
        (SELF_ATTEMPT, SELF_INFO, "delete a.answers.b", "bad"),
        (SELF_ATTEMPT, SELF_INFO, "a.scores[0].score = 9", "range"),
        (SELF_ATTEMPT, SELF_INFO, "a.scores[0].id = 'x'", "bad"),
        (SELF_ATTEMPT, SELF_INFO, "a.checked = []", "bad"),
        (SELF_ATTEMPT, SELF_INFO, "a.reflection = ['fine', null]", ""),
        (SELF_ATTEMPT, SELF_INFO, "a.reflection = [42]", "bad"),
    ],
)
def test_the_schema_sorts_records_into_usable_out_of_range_and_bad(
    blank: Page, attempt: dict, info: dict | None, change: str, verdict: str
) -> None:
    assert run(blank, "schema.js", INVALID_JS, [attempt, attempt["quiz"], info, change]) == verdict


def test_quiz_info_reads_the_quiz_from_its_data_attributes(blank: Page) -> None:
    info = run(
        blank,
        "schema.js",
        """() => { const li = document.createElement("li");
          [["type", "self-assessment"], ["hash", "def456"], ["min", "1"], ["max", "5"],
           ["method", "sum"], ["items", "a b"],
           ["perspectives", '{"client": "Client", "therapist": "Therapist"}']]
            .forEach(([k, v]) => li.setAttribute("data-hq-" + k, v));
          const q = document.createElement("li");
          q.setAttribute("data-hq-type", "knowledge");
          q.setAttribute("data-hq-questions", "q1:3 q-2:4");
          const S = HandbookQuiz.schema;
          return [S.quizInfo(li), { ...S.quizInfo(q).questions }]; }""",
    )
    assert info[0] == {
        **SELF_INFO,
        "sum": True,
        "questions": None,
        "perspectives": ["client", "therapist"],
    }
    assert info[1] == {"q1": 3, "q-2": 4}


# ---------- storage ----------


def test_storage_keeps_attempts_under_its_own_keys_and_sets_aside_what_the_schema_refuses(
    blank: Page,
) -> None:
    got = run(
        blank,
        "storage.js",
        """([good, bad]) => {
          const store = new HandbookQuiz.storage.Store("demo");
          const wrote = store.write("demo-check", [good, bad]);
          const read = store.read("demo-check");
          const keys = Object.keys(sessionStorage).sort();
          const again = store.read("demo-check");
          store.markExported("2026-01-03T00:00:00.000Z");
          return { wrote, read, keys, again, ids: store.quizIds(), aside: store.aside(),
                   exported: store.exported(), mode: store.mode(),
                   other: new HandbookQuiz.storage.Store("other").quizIds() };
        }""",
        [KNOWLEDGE_ATTEMPT, {**KNOWLEDGE_ATTEMPT, "v": 9}],
    )
    assert got["wrote"] is True
    assert got["read"] == {"v": 1, "attempts": [KNOWLEDGE_ATTEMPT], "skipped": 1}
    assert got["again"] == {"v": 1, "attempts": [KNOWLEDGE_ATTEMPT], "skipped": 0}
    assert got["keys"] == ["hq:demo:aside:hq:demo:quiz:demo-check", "hq:demo:quiz:demo-check"]
    assert got["aside"] == {"hq:demo:quiz:demo-check": [{**KNOWLEDGE_ATTEMPT, "v": 9}]}
    assert got["ids"] == ["demo-check"] and got["other"] == []
    assert got["exported"] == "2026-01-03T00:00:00.000Z" and got["mode"] is None


def test_storage_sets_aside_unreadable_text_and_drops_every_copy_of_a_deleted_attempt(
    blank: Page,
) -> None:
    got = run(
        blank,
        "storage.js",
        """(a) => {
          const store = new HandbookQuiz.storage.Store("demo");
          sessionStorage.setItem("hq:demo:quiz:demo-check", "{not json");
          const read = store.read("demo-check");
          const before = store.aside();
          store.setAside("hq:demo:quiz:demo-check", [JSON.stringify({ v: 1, attempts: [a] }), a]);
          const middle = Object.values(store.aside())[0].length;
          store.dropAside(a);
          return { read, before, middle, after: store.aside() };
        }""",
        KNOWLEDGE_ATTEMPT,
    )
    assert got["read"] == {"v": 1, "attempts": [], "skipped": 1}
    assert got["before"] == {"hq:demo:quiz:demo-check": ["{not json"]}
    assert got["middle"] == 3
    assert got["after"] == {"hq:demo:quiz:demo-check": ["{not json"]}


def test_storage_moves_everything_when_the_reader_chooses_and_forgets_it_all(blank: Page) -> None:
    got = run(
        blank,
        "storage.js",
        """(a) => {
          const store = new HandbookQuiz.storage.Store("demo");
          store.write("demo-check", [a]);
          localStorage.setItem("unrelated", "kept");
          const moved = store.setMode("device");
          const afterMove = { local: Object.keys(localStorage).sort(),
                              session: Object.keys(sessionStorage) };
          const read = store.read("demo-check").attempts.length;
          store.forget();
          return { moved, afterMove, read, mode: store.mode(), left: Object.keys(localStorage) };
        }""",
        KNOWLEDGE_ATTEMPT,
    )
    assert got["moved"] is True
    assert got["afterMove"] == {
        "local": ["hq:demo:meta:mode", "hq:demo:quiz:demo-check", "unrelated"],
        "session": [],
    }
    assert got["read"] == 1 and got["mode"] is None and got["left"] == ["unrelated"]


# ---------- share codes ----------

CODE_QUIZ = {
    "quizId": "alliance-check-in",
    "hash": "0123456789ab",
    "min": 1,
    "max": 5,
    "perspectives": ["client", "therapist"],
    "items": ["goals-1", "goals-2", "tasks-1", "bond-1", "bond-2", "bond-3"],
}
CODE_JS = """([quiz, attempt, edit]) => {
  const C = HandbookQuiz.shareCode, code = C.encode(quiz, attempt);
  return { code, back: C.decode(quiz, code, "therapist"),
           edited: C.decode(quiz, new Function("c", edit)(code), "therapist"),
           same: C.decode(quiz, code, attempt.perspective),
           otherQuiz: C.decode({ ...quiz, quizId: "other-check-in" }, code, "therapist"),
           otherVersion: C.decode({ ...quiz, hash: "ffffffffffff" }, code, "therapist") };
}"""


def test_a_share_code_round_trips_and_names_each_problem(blank: Page) -> None:
    attempt = {
        "perspective": "client",
        "answers": dict(zip(CODE_QUIZ["items"], [1, 5, 3, 2, 4, 5], strict=True)),
    }
    # One letter changed (the body's first), typed in lower case: a typo, caught by the checksum.
    edit = "return (c[0] === 'A' ? 'B' : 'A') + c.slice(1).toLowerCase();"
    got = run(blank, "sharecode.js", CODE_JS, [CODE_QUIZ, attempt, edit])
    code = got["code"]
    # 23 bits of quiz, version and perspective, 6 answers of 3 bits: 9 letters, then 2 of checksum.
    assert len(code.replace(" ", "")) == 11 and all(len(g) == 4 for g in code.split(" ")[:-1])
    assert got["back"] == attempt
    assert got["edited"] == {"error": "code_typo"}
    assert got["same"] == {"error": "code_same"}
    assert got["otherQuiz"] == {"error": "code_quiz"}
    assert got["otherVersion"] == {"error": "code_version"}


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", "code_bad"),
        ("hello world", "code_bad"),
        ("alliance-check-in.abc123.client.12345.ab12", "code_old"),
        ("0000 000", "code_bad"),
    ],
)
def test_a_share_code_that_is_no_code_is_refused(blank: Page, text: str, error: str) -> None:
    got = run(
        blank,
        "sharecode.js",
        "([quiz, text]) => HandbookQuiz.shareCode.decode(quiz, text, null)",
        [CODE_QUIZ, text],
    )
    assert got == {"error": error}


def test_a_share_code_reads_confusable_letters_and_separators(blank: Page) -> None:
    got = run(
        blank,
        "sharecode.js",
        """([quiz, answers]) => { const C = HandbookQuiz.shareCode;
          const code = C.encode(quiz, { perspective: "therapist", answers });
          const typed = code.replace(/0/g, "o").replace(/1/g, "l").replace(/ /g, "-");
          return C.decode(quiz, typed, "client"); }""",
        [CODE_QUIZ, dict.fromkeys(CODE_QUIZ["items"], 2)],
    )
    assert got == {"perspective": "therapist", "answers": dict.fromkeys(CODE_QUIZ["items"], 2)}


# ---------- question kinds ----------

CHOICE_HTML = """<fieldset class="hq-question" data-hq-qid="q1">
<div class="hq-choices">
<div class="hq-option" data-hq-choice="0" data-hq-correct><input type="checkbox" value="0"></div>
<div class="hq-option" data-hq-choice="1"><input type="checkbox" value="1"></div>
<div class="hq-option" data-hq-choice="2" data-hq-correct><input type="checkbox" value="2"></div>
</div><div class="hq-verdict"></div>
<details class="hq-answer"><ul class="hq-feedback">
<li data-hq-choice="0"><span class="hq-why">Correct. Because.</span></li>
<li data-hq-choice="1"></li><li data-hq-choice="2"></li></ul></details></fieldset>
<fieldset class="hq-item" data-hq-item="s1" data-hq-subscale="bond" data-hq-reverse>
<div class="hq-scale"><input type="radio" name="s1" value="1">
<input type="radio" name="s1" value="2"></div></fieldset>"""


def test_the_kinds_read_restore_and_score_their_questions(blank: Page) -> None:
    load(blank, "kinds/choice.js")
    blank.add_script_tag(content=(SOURCES / "kinds/scale.js").read_text(encoding="utf-8"))
    got = blank.evaluate(
        """(html) => { document.body.innerHTML = html;
          const K = HandbookQuiz.kinds, [q, s] = K.boxes(document.body);
          const choice = K.of(q), scale = K.of(s);
          const labels = { verdict_words: "Correct, No", right: "Right.", wrong: "Not quite.",
                           your_choice: "Your choice" };
          choice.prepare(q, labels);
          const before = [choice.read(q), choice.answered(q), scale.read(s)];
          choice.restore(q, [2, 0]); scale.restore(s, 2);
          const right = choice.feedback(q, choice.read(q), labels);
          return { names: [K.nameOf(q), K.nameOf(s)], before, right,
                   read: [choice.read(q), scale.read(s)],
                   verdict: q.querySelector(".hq-verdict").textContent,
                   subset: choice.isRight(q, [0]), item: scale.scoringItem(s),
                   checked: choice.checked(q), wasRight: choice.wasRight(q) }; }""",
        CHOICE_HTML,
    )
    assert got["names"] == ["choice", "scale"]
    assert got["before"] == [[], False, None]
    assert got["read"] == [[0, 2], 2]
    assert got["right"] is True and got["checked"] is True and got["wasRight"] is True
    assert got["verdict"] == "Right. Because."
    assert got["subset"] is False
    assert got["item"] == {"id": "s1", "subscale": "bond", "reverse": True}


def test_an_unknown_kind_is_named_in_the_error(blank: Page) -> None:
    load(blank, "kinds.js")
    message = blank.evaluate(
        """() => { const box = document.createElement("fieldset");
          box.className = "hq-question"; box.setAttribute("data-hq-kind", "ordering");
          try { HandbookQuiz.kinds.of(box); return ""; } catch (e) { return e.message; } }"""
    )
    assert message == "HandbookQuiz: no question kind ordering"


# ---------- My results' files ----------


def test_results_files_guard_csv_cells_and_refuse_foreign_files(blank: Page) -> None:
    got = run(
        blank,
        "results/files.js",
        """(a) => { const F = HandbookQuiz.resultsFiles;
          const refusal = (d) => {
            try { F.checkFile(d, "demo"); return null; } catch (e) { return [e.why, e.where]; }
          };
          const deep = {}; let n = deep; for (let i = 0; i < 20; i++) { n = n.x = {}; }
          const quizzes = { "demo-check": { attempts: [a, { ...a, v: 3 }] } };
          const file = { format: F.FORMAT, v: 1, store: "demo", quizzes };
          return {
            cells: ["=SUM(A1)", "+1", "plain", 'say "hi"', 3, null].map(F.csvCell),
            refusals: [refusal([]), refusal({ format: F.FORMAT, v: 2 }),
                       refusal({ format: F.FORMAT, v: 1, store: "x", quizzes: {} }),
                       refusal({ format: F.FORMAT, v: 1, store: "demo", quizzes: deep })],
            accepted: refusal(file),
            sorted: F.sortFile(file, () => undefined),
            merged: F.merge([a], [a, { ...a, started: "2026-01-01T00:00:00.000Z" }]),
          }; }""",
        KNOWLEDGE_ATTEMPT,
    )
    assert got["cells"] == ['"\'=SUM(A1)"', '"\'+1"', '"plain"', '"say ""hi"""', 3, '""']
    assert got["refusals"] == [["format", None], ["newer", None], ["store", "x"], ["bad", "depth"]]
    assert got["accepted"] is None
    assert got["sorted"]["skipped"] == 1
    assert got["sorted"]["first"] == {"where": "demo-check #2", "why": "bad"}
    assert got["merged"]["added"] == 1 and got["merged"]["duplicates"] == 1
    assert [x["started"] for x in got["merged"]["attempts"]] == [
        "2026-01-01T00:00:00.000Z",
        KNOWLEDGE_ATTEMPT["started"],
    ]


def test_the_profile_chart_puts_each_chapter_beside_its_profile_area(blank: Page) -> None:
    got = run(
        blank,
        "results/profile.js",
        """() => { const body = document.body;
          const labels = { rp_chart_desc: "From {min} to {max}", rp_chapter_short: "chapter",
                           rp_legend: "Legend", range: "{min} to {max}", subscale: "Area",
                           rp_profile_col: "Profile", band_col: "Band", rp_chapter_col: "Chapter" };
          const profile = { min: 1, max: 5 };
          const rapport = { id: "rapport-self", min: 1, max: 5, sum: false };
          const attempt = { scores: [{ id: "", title: "Overall", score: 3 },
                                     { id: "rapport", title: "Rapport", score: 4 },
                                     { id: "empathy", title: "Empathy", score: 2.5 }] };
          HandbookQuiz.resultsProfile.draw(body, profile, attempt, {
            labels, title: "Profile", width: 600,
            chapterFor: (area) => (area === "rapport" ? rapport : undefined),
            latest: () => ({ scores: [{ id: "", score: 3.5 }] }) });
          return [...body.querySelectorAll("tbody tr")].map((tr) => tr.textContent); }""",
    )
    assert got == ["Rapport4\u20133.5", "Empathy2.5\u2013\u2013", "Overall3\u2013\u2013"]
