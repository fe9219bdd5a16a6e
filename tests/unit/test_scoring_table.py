"""The shared table of scoring cases (tests/scoring_cases.json) against the Python scoring.

The browser scores what readers see (answers never leave it); the Python scoring makes exports,
answer keys and test expectations. tests/browser/test_runtime_modules.py runs the same table
against the browser's scoring module, so the two cannot drift apart unnoticed.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from handbook_quiz.model import Band, Choice, Item, Question, Quiz, Scale, Subscale
from handbook_quiz.scoring import band_for, knowledge_score, round_half_away, self_scores

TESTS = Path(__file__).resolve().parents[1]
CASES = json.loads((TESTS / "scoring_cases.json").read_text(encoding="utf-8"))
ROUNDING = json.loads((TESTS / "golden" / "rounding.json").read_text(encoding="utf-8"))


def bands(starts: list[float]) -> tuple[Band, ...]:
    return tuple(Band(start=start, label=f"from {start}") for start in starts)


def knowledge_quiz(case: dict[str, Any]) -> Quiz:
    questions = tuple(
        Question(
            id=q["id"],
            text=q["id"],
            choices=tuple(
                Choice(text=f"choice {i}", correct=i in q["correct"]) for i in range(q["choices"])
            ),
        )
        for q in case["questions"]
    )
    return Quiz(
        id="table",
        type="knowledge",
        title="table",
        source="tests/scoring_cases.json",
        questions=questions,
        pass_mark=case["pass_mark"],
    )


def self_quiz(case: dict[str, Any]) -> Quiz:
    scale = case["scale"]
    return Quiz(
        id="table",
        type="self-assessment",
        title="table",
        source="tests/scoring_cases.json",
        scale=Scale(labels=tuple(f"v{i}" for i in range(scale["points"])), start=scale["start"]),
        method=case["method"],
        items=tuple(
            Item(id=i["id"], text={"": i["id"]}, subscale=i["subscale"], reverse=i["reverse"])
            for i in case["items"]
        ),
        subscales=tuple(
            Subscale(id=s["id"], title={"": s["id"]}, bands=bands(s["bands"]))
            for s in case["subscales"]
        ),
        bands=bands(case["bands"]),
    )


@pytest.mark.parametrize("case", CASES["knowledge"], ids=lambda c: c["name"])
def test_knowledge_cases(case: dict[str, Any]) -> None:
    quiz = knowledge_quiz(case)
    expected = case["expected"]
    for question in quiz.questions:
        right, _, _ = knowledge_score(replace(quiz, questions=(question,)), case["answers"])
        assert bool(right) is expected["right"][question.id], question.id
    assert knowledge_score(quiz, case["answers"]) == (
        expected["score"],
        expected["total"],
        expected["passed"],
    )


@pytest.mark.parametrize("case", CASES["self_assessment"], ids=lambda c: c["name"])
def test_self_assessment_cases(case: dict[str, Any]) -> None:
    quiz = self_quiz(case)
    exact = self_scores(quiz, case["answers"])
    shown = {}
    for scope, value in exact.items():
        subscale = next((s for s in quiz.subscales if s.id == scope), None)
        found = band_for(value, quiz.bands_for(subscale) if subscale else quiz.bands)
        shown[scope] = {
            "score": round_half_away(value),
            "band": None if found is None else found.start,
        }
    assert shown == case["expected"]


def test_the_table_covers_what_the_format_says_about_scoring() -> None:
    """Reverse items, both methods, the band fall-back and half-away rounding are all in it."""
    cases = CASES["self_assessment"]
    assert {c["method"] for c in cases} == {"mean", "sum"}
    assert any(i["reverse"] for c in cases for i in c["items"])
    assert any(c["scale"]["start"] < 0 for c in cases)
    multiple = [q for c in CASES["knowledge"] for q in c["questions"] if len(q["correct"]) > 1]
    assert multiple
    assert {c["pass_mark"] is None for c in CASES["knowledge"]} == {True, False}


@pytest.mark.parametrize(("value", "expected"), ROUNDING["cases"])
def test_rounding_cases(value: float, expected: float) -> None:
    assert round_half_away(value, ROUNDING["places"]) == expected
