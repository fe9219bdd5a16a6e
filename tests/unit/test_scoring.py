"""Scoring and the content hash: the Python reference that the browser's scores and saved
attempts follow."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from importlib.resources import files

import pytest
from handbook_quiz.model import Band
from handbook_quiz.scoring import (
    band_for,
    content_hash,
    knowledge_score,
    round_half_away,
    self_scores,
)
from unit_helpers import GOLDEN, KNOWLEDGE, SELF, dedent, quiz_from

ROUNDING = json.loads((GOLDEN / "rounding.json").read_text(encoding="utf-8"))

KNOWLEDGE_FULL = dedent("""
    type: knowledge
    title: Ruptures
    description: Two questions on ruptures.
    chapter: repairing-ruptures.md
    results: Well done.
    reflection: [What did you notice?]
    questions:
      - id: kind
        vignette: Your client answers in single words.
        text: What kind of rupture is this?
        choices:
          - text: Withdrawal
            correct: true
            feedback: Yes, moving away.
          - text: Confrontation
            feedback: No, that is moving against.
        explanation: Safran and Muran.
      - id: signs
        text: Which are withdrawal markers?
        choices:
          - text: Short answers
            correct: true
          - text: Complaints
          - text: Topic shifts
            correct: true
""")

SELF_FULL = dedent("""
    type: self-assessment
    title: Rapport
    description: Rate yourself.
    scale:
      labels: [Never, Rarely, Sometimes, Often, Always]
    subscales:
      - id: presence
        title: Presence
        description: Being there.
        bands:
          - from: 1
            label: Starting
            text: Practise.
      - id: warmth
        title: Warmth
    items:
      - id: listen
        text: I listen.
        subscale: presence
      - id: rush
        text: I rush.
        subscale: presence
        reverse: true
      - id: greet
        text: I greet warmly.
        subscale: warmth
    scoring:
      bands:
        - from: 1
          label: Emerging
          text: Pick one behaviour.
        - from: 2.5
          label: Developing
    results: Compare with your supervisor.
""")


def hash_of(text: str) -> str:
    return content_hash(quiz_from(text))


def edited(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


# ---------- content hash ----------


def test_content_hash_is_pinned() -> None:
    """Changing how the hash is made orphans every attempt readers have saved: only on purpose."""
    assert hash_of(KNOWLEDGE) == "c494a3e01f7f"
    assert hash_of(SELF) == "c141e3200ba6"
    assert re.fullmatch(r"[0-9a-f]{12}", hash_of(SELF_FULL))


def test_content_hash_is_stable_across_loads() -> None:
    assert hash_of(KNOWLEDGE_FULL) == hash_of(KNOWLEDGE_FULL)
    assert hash_of(SELF_FULL) == hash_of(SELF_FULL)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("title: Ruptures", "title: Rupture check"),
        ("description: Two questions on ruptures.", "description: Two questions about ruptures."),
        ("chapter: repairing-ruptures.md", "chapter: ruptures.md"),
        ("results: Well done.", "results: Well done!"),
        ("reflection: [What did you notice?]", "reflection: [What did you notice first?]"),
        (
            "vignette: Your client answers in single words.",
            "vignette: Your client answers in one word.",
        ),
        ("text: What kind of rupture is this?", "text: Which kind of rupture is this?"),
        ("text: Withdrawal", "text: Withdrawl"),
        ("feedback: Yes, moving away.", "feedback: Yes - moving away."),
        ("explanation: Safran and Muran.", "explanation: Safran & Muran (2000)."),
        ("      - text: Complaints\n", "      - text: Complaints\n        correct: false\n"),
        ("type: knowledge\n", "type: knowledge\nshuffle: true\nfeedback: end\n"),
    ],
    ids=[
        "title",
        "description",
        "chapter",
        "results",
        "reflection",
        "vignette",
        "question-text",
        "choice-text",
        "feedback",
        "explanation",
        "explicit-false",
        "shuffle-and-feedback-mode",
    ],
)
def test_knowledge_hash_ignores_wording(old: str, new: str) -> None:
    assert hash_of(edited(KNOWLEDGE_FULL, old, new)) == hash_of(KNOWLEDGE_FULL)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "        correct: true\n        feedback: Yes",
            "        feedback: Yes",
        ),  # correct choice moves...
        ("      - text: Complaints\n", "      - text: Complaints\n        correct: true\n"),
        ("  - id: kind\n", "  - id: rupture-kind\n"),
        ("      - text: Topic shifts\n        correct: true\n", ""),
        ("type: knowledge\n", "type: knowledge\nversion: 2\n"),
    ],
    ids=["correct-choice", "another-correct-choice", "question-id", "choice-count", "version"],
)
def test_knowledge_hash_follows_what_scoring_depends_on(old: str, new: str) -> None:
    text = edited(KNOWLEDGE_FULL, old, new)
    if "feedback: Yes" in new:  # ...to the other choice
        text = edited(text, "feedback: No, that", "correct: true\n        feedback: No, that")
    assert hash_of(text) != hash_of(KNOWLEDGE_FULL)


def test_knowledge_hash_follows_question_order() -> None:
    quiz = quiz_from(KNOWLEDGE_FULL)
    swapped = type(quiz)(**{**quiz.__dict__, "questions": tuple(reversed(quiz.questions))})
    assert content_hash(swapped) != content_hash(quiz)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("title: Rapport", "title: Rapport check"),
        ("description: Rate yourself.", "description: Rate yourself honestly."),
        (
            "labels: [Never, Rarely, Sometimes, Often, Always]",
            "labels: [Never, Seldom, Sometimes, Often, Always]",
        ),
        ("    title: Presence\n", "    title: Presence and attention\n"),
        ("description: Being there.", "description: Being fully there."),
        ("text: I listen.", "text: I listen closely."),
        ("label: Emerging", "label: Beginning"),
        ("text: Pick one behaviour.", "text: Pick one small behaviour."),
        ("text: Practise.", "text: Practise in role-play."),
        ("results: Compare with your supervisor.", "results: Compare with your supervisor's view."),
        ("    subscale: warmth\n", "    subscale: warmth\n    reverse: false\n"),
        ("scoring:\n", "scoring:\n  method: mean\n"),
        (
            "labels: [Never, Rarely, Sometimes, Often, Always]\n",
            "labels: [Never, Rarely, Sometimes, Often, Always]\n  start: 1\n",
        ),
    ],
    ids=[
        "title",
        "description",
        "scale-labels-text",
        "subscale-title",
        "subscale-description",
        "item-text",
        "band-label",
        "band-text",
        "subscale-band-text",
        "results",
        "explicit-not-reverse",
        "explicit-mean",
        "explicit-default-start",
    ],
)
def test_self_assessment_hash_ignores_wording(old: str, new: str) -> None:
    assert hash_of(edited(SELF_FULL, old, new)) == hash_of(SELF_FULL)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    reverse: true\n", ""),
        ("    subscale: warmth\n", "    subscale: warmth\n    reverse: true\n"),
        ("    - from: 2.5\n", "    - from: 2.75\n"),
        (
            "      - from: 1\n        label: Starting\n",
            "      - from: 1\n        label: Starting\n      - from: 3\n        label: More\n",
        ),
        ("type: self-assessment\n", "type: self-assessment\nversion: 2\n"),
        (
            "labels: [Never, Rarely, Sometimes, Often, Always]",
            "labels: [Never, Rarely, Sometimes, Often, Usually, Always]",
        ),
        ("  - id: rush\n", "  - id: rushing\n"),
        (
            "  - id: rush\n    text: I rush.\n    subscale: presence\n",
            "  - id: rush\n    text: I rush.\n    subscale: warmth\n",
        ),
    ],
    ids=[
        "reverse-removed",
        "reverse-added",
        "band-from",
        "subscale-band-added",
        "version",
        "labels-count",
        "item-id",
        "subscale-membership",
    ],
)
def test_self_assessment_hash_follows_what_scoring_depends_on(old: str, new: str) -> None:
    assert hash_of(edited(SELF_FULL, old, new)) != hash_of(SELF_FULL)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "labels: [Never, Rarely, Sometimes, Often, Always]\n",
            "labels: [Never, Rarely, Sometimes, Often, Always]\n  start: 0\n",
        ),
        (
            "scoring:\n  bands:\n    - from: 1\n      label: Emerging\n"
            "      text: Pick one behaviour.\n    - from: 2.5\n      label: Developing\n",
            "scoring:\n  method: sum\n",
        ),
    ],
    ids=["scale-start", "method"],
)
def test_self_assessment_hash_follows_scale_start_and_method(old: str, new: str) -> None:
    text = edited(SELF_FULL, old, new)
    if "start: 0" in new:  # bands must still start at the lowest score
        text = text.replace("from: 1\n", "from: 0\n")
    if "method: sum" in new:
        text = text.replace(
            "      - from: 1\n        label: Starting\n",
            "      - from: 2\n        label: Starting\n",
        )
    assert hash_of(text) != hash_of(SELF_FULL)


def test_hash_ignores_how_a_band_start_is_written() -> None:
    assert hash_of(SELF.replace("from: 1\n", "from: 1.0\n")) == hash_of(SELF)


def test_self_assessment_hash_follows_item_order() -> None:
    a = SELF.split("items:\n")[1].split("scoring:\n")[0]
    entries = re.split(r"(?m)^(?=  - id:)", a)[1:]
    reordered = SELF.replace(a, "".join([entries[2], entries[0], entries[1]]))
    assert hash_of(reordered) != hash_of(SELF)


PERSPECTIVES = dedent("""
    type: self-assessment
    title: Alliance check-in
    perspectives:
      client: I am the client
      therapist: I am the therapist
    scale:
      labels: [Not at all, A little, Somewhat, Mostly, Completely]
    items:
      - id: goals
        text:
          client: My therapist and I agree on what I am working toward.
          therapist: My client and I agree on what they are working toward.
      - id: pointless
        reverse: true
        text:
          client: Some of what we do feels pointless to me.
          therapist: I suspect some of it feels pointless to my client.
    scoring:
      bands:
        - from: 1
          label: Worth talking about
          text:
            client: Tell your therapist.
            therapist: Ask your client.
""")


def test_hash_is_one_for_both_perspectives_and_ignores_their_wording() -> None:
    base = hash_of(PERSPECTIVES)
    assert (
        hash_of(
            PERSPECTIVES.replace("I am the client", "Client").replace(
                "I am the therapist", "Therapist"
            )
        )
        == base
    )
    assert hash_of(PERSPECTIVES.replace("Tell your therapist.", "Talk to your therapist.")) == base
    assert hash_of(PERSPECTIVES.replace("client: My therapist", "client: My counsellor")) == base
    # The same statements with one wording for everyone score the same way.
    single = re.sub(r"text:\n\s+client: (.*)\n\s+therapist: .*\n", r"text: \1\n", PERSPECTIVES)
    single = single.replace(
        "perspectives:\n  client: I am the client\n  therapist: I am the therapist\n", ""
    )
    assert "client:" not in single
    assert hash_of(single) == base


# ---------- knowledge scores ----------


@pytest.mark.parametrize(
    ("answers", "right"),
    [
        ({"kind": [0], "signs": [0, 2]}, 2),
        ({"kind": [0], "signs": [2, 0]}, 2),  # order does not matter
        ({"kind": [1], "signs": [0, 2]}, 1),
        ({"kind": [0, 1], "signs": [0, 2]}, 1),  # single choice answered with both
        ({"kind": [0], "signs": [0]}, 1),  # a subset of the correct set is wrong
        ({"kind": [0], "signs": [0, 1, 2]}, 1),  # so is a superset
        ({"kind": [0], "signs": [1]}, 1),
        ({"kind": [0]}, 1),  # unanswered counts as wrong
        ({}, 0),
    ],
)
def test_knowledge_score_needs_the_selected_set_to_equal_the_correct_set(
    answers: dict[str, list[int]], right: int
) -> None:
    assert knowledge_score(quiz_from(KNOWLEDGE), answers) == (right, 2, None)


def test_single_and_select_all_questions() -> None:
    quiz = quiz_from(KNOWLEDGE)
    assert [q.multiple for q in quiz.questions] == [False, True]


@pytest.mark.parametrize(
    ("pass_mark", "answers", "passed"),
    [
        (0.5, {"kind": [0]}, True),  # exactly at the pass mark
        (0.75, {"kind": [0]}, False),
        (1, {"kind": [0], "signs": [0, 2]}, True),
        (1, {"kind": [0], "signs": [2]}, False),
        (0, {}, True),
    ],
)
def test_pass_mark(pass_mark: float, answers: dict[str, list[int]], passed: bool) -> None:
    quiz = quiz_from(f"pass: {pass_mark}\n" + KNOWLEDGE)
    assert knowledge_score(quiz, answers)[2] is passed


def test_pass_mark_with_fractions_that_floats_cannot_hold() -> None:
    questions = "".join(
        f"  - text: Q{n}\n    choices:\n      - text: a\n        correct: true\n      - text: b\n"
        for n in range(10)
    )
    quiz = quiz_from(f"type: knowledge\ntitle: T\npass: 0.7\nquestions:\n{questions}")
    seven = {f"q{n}": [0] for n in range(1, 8)}
    assert knowledge_score(quiz, seven) == (7, 10, True)
    assert knowledge_score(quiz, {f"q{n}": [0] for n in range(1, 7)}) == (6, 10, False)


# ---------- self-assessment scores ----------


def test_self_scores_mean_with_reverse_items_and_subscales() -> None:
    quiz = quiz_from(SELF)  # 1..5; rush is reverse: 6 - value
    scores = self_scores(quiz, {"listen": 5, "rush": 2, "greet": 3})
    assert scores == {"presence": (5 + 4) / 2, "warmth": 3.0, "": (5 + 4 + 3) / 3}


def test_self_scores_sum() -> None:
    quiz = quiz_from(
        SELF.replace("scoring:\n  bands:", "scoring:\n  method: sum\n  bands:")
        .replace("from: 1\n", "from: 3\n")
        .replace("from: 2.5", "from: 7")
        .replace("from: 3.75", "from: 11")
    )
    assert self_scores(quiz, {"listen": 5, "rush": 2, "greet": 3}) == {
        "presence": 9.0,
        "warmth": 3.0,
        "": 12.0,
    }


def test_reverse_scoring_uses_the_scale_range_not_its_labels() -> None:
    quiz = quiz_from(
        "type: self-assessment\ntitle: T\nscale:\n  labels: [a, b, c, d]\n  start: 0\n"
        "items:\n  - id: x\n    text: X\n    reverse: true\n  - id: y\n    text: Y\n"
    )
    assert self_scores(quiz, {"x": 0, "y": 0}) == {"": (3 + 0) / 2}
    assert self_scores(quiz, {"x": 3, "y": 1}) == {"": (0 + 1) / 2}
    negative = quiz_from(
        "type: self-assessment\ntitle: T\nscale:\n  labels: [a, b, c, d, e]\n  start: -2\n"
        "items:\n  - id: x\n    text: X\n    reverse: true\n"
    )
    assert self_scores(negative, {"x": -2}) == {"": 2.0}
    assert self_scores(negative, {"x": 1}) == {"": -1.0}


def test_without_subscales_there_is_only_the_overall_score() -> None:
    quiz = quiz_from(
        "type: self-assessment\ntitle: T\nscale:\n  labels: [a, b, c]\n"
        "items:\n  - id: x\n    text: X\n"
    )
    assert self_scores(quiz, {"x": 2}) == {"": 2.0}


def test_every_item_must_be_answered() -> None:
    with pytest.raises(KeyError, match="greet"):
        self_scores(quiz_from(SELF), {"listen": 5, "rush": 2})


@pytest.mark.parametrize(
    ("score", "label"),
    [
        (1, "Emerging"),
        (2.49, "Emerging"),
        (2.5, "Developing"),
        (3.7499, "Developing"),
        (3.75, "Established"),
        (5, "Established"),
    ],
)
def test_bands_use_the_exact_score(score: float, label: str) -> None:
    band = band_for(score, quiz_from(SELF).bands)
    assert band is not None and band.label == label


def test_band_for_below_every_band_and_with_no_bands() -> None:
    assert band_for(0.5, (Band(1, "a"),)) is None
    assert band_for(3, ()) is None


def test_a_score_rounding_up_to_a_band_is_not_in_it() -> None:
    """2.4999 displays as 2.5 but is still below the 2.5 band: bands use the exact score."""
    quiz = quiz_from(SELF)
    assert round_half_away(2.4999) == 2.5
    band = band_for(2.4999, quiz.bands)
    assert band is not None and band.label == "Emerging"


def test_quiz_level_bands_apply_to_subscales_only_with_mean() -> None:
    mean = quiz_from(SELF)
    assert [b.label for b in mean.bands_for(mean.subscales[0])] == [
        "Emerging",
        "Developing",
        "Established",
    ]
    summed = quiz_from(
        SELF.replace("scoring:\n  bands:", "scoring:\n  method: sum\n  bands:")
        .replace("from: 1\n", "from: 3\n")
        .replace("from: 2.5", "from: 7")
        .replace("from: 3.75", "from: 11")
        .replace(
            "    title: Warmth\n",
            "    title: Warmth\n    bands:\n      - from: 1\n        label: Own band\n",
        )
    )
    assert summed.bands_for(summed.subscales[0]) == ()
    assert [b.label for b in summed.bands_for(summed.subscales[1])] == ["Own band"]


# ---------- rounding ----------


@pytest.mark.parametrize(
    ("value", "expected"), ROUNDING["cases"], ids=[repr(c[0]) for c in ROUNDING["cases"]]
)
def test_round_half_away_from_zero(value: float, expected: float) -> None:
    assert round_half_away(value, ROUNDING["places"]) == expected


def test_the_shared_cases_include_those_where_python_round_differs() -> None:
    differ = [value for value, expected in ROUNDING["cases"] if round(value, 2) != expected]
    assert {2.675, 0.125, -1.005} <= set(differ)


@pytest.mark.parametrize(
    ("value", "expected"), [(2.5, 3), (-2.5, -3), (0.5, 1), (1.5, 2), (0.49, 0), (7 / 3, 2)]
)
def test_round_half_away_to_whole_numbers(value: float, expected: int) -> None:
    assert round_half_away(value, 0) == expected


def test_javascript_rounding_agrees_on_the_shared_cases() -> None:
    """The runtime's round2, run by Node on the same values (skipped where Node is missing)."""
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        pytest.skip("node is not installed: the browser tests cover round2 instead")
    source = (files("handbook_quiz") / "assets" / "quiz.js").read_text(encoding="utf-8")
    match = re.search(r"function round2\(x\) \{.*?\}\n", source)
    assert match, "round2 not found in quiz.js"
    script = (
        match.group(0)
        + f"process.stdout.write(JSON.stringify({json.dumps(ROUNDING['cases'])}"
        + ".map(c => round2(c[0]))));"
    )
    result = subprocess.run(
        [node, "-e", script], capture_output=True, text=True, check=True, timeout=30
    )
    assert json.loads(result.stdout) == [expected for _, expected in ROUNDING["cases"]]
