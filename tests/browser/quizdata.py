"""Read the handbook's own quiz files so browser tests compute expected scores independently of the
page."""

from __future__ import annotations

from pathlib import Path

from handbook_quiz.loader import load_file
from handbook_quiz.model import Quiz
from handbook_quiz.validate import validate
from playwright.sync_api import Locator, expect

ROOT = Path(__file__).resolve().parents[2]


def quiz(quiz_id: str) -> Quiz:
    loaded = load_file(ROOT / "quizzes" / f"{quiz_id}.yml", f"quizzes/{quiz_id}.yml")
    result, issues = validate(loaded, quiz_id, ROOT / "docs")
    assert result is not None, issues
    return result


def correct_indices(question) -> list[int]:  # noqa: ANN001
    return [i for i, c in enumerate(question.choices) if c.correct]


def wrong_index(question) -> int:  # noqa: ANN001
    return next(i for i, c in enumerate(question.choices) if not c.correct)


def finish_self(root: Locator, answers: dict[str, int], perspective: str = "") -> None:
    """Rate every statement (after choosing a perspective, if any) and see the results."""
    if perspective:
        root.locator(f'.hq-perspective input[value="{perspective}"]').check()
    for item_id, value in answers.items():
        root.locator(f'.hq-item[data-hq-item="{item_id}"] input[value="{value}"]').check()
    root.locator(".hq-score").click()
    expect(root.locator(".hq-results")).to_be_visible()


def check_question(root: Locator, question, chosen: list[int]) -> Locator:  # noqa: ANN001
    """Pick ``chosen`` (choice indices) in one knowledge question and press its Check button."""
    box = root.locator(f'.hq-question[data-hq-qid="{question.id}"]')
    for index in chosen:
        box.locator(f'input[value="{index}"]').check()
    box.locator(".hq-check").click()
    return box


def knowledge_attempt(
    data: Quiz,
    answers: dict[str, list[int]],
    *,
    finished: bool = True,
    started: str = "2024-05-01T09:00:00.000Z",
    hash_: str | None = None,
) -> dict:
    """An attempt record as the runtime stores it (the format's storage section), built from the
    YAML."""
    from handbook_quiz.scoring import content_hash, knowledge_score

    record = {
        "v": 1,
        "quiz": data.id,
        "title": data.title,
        "type": "knowledge",
        "hash": hash_ or content_hash(data),
        "started": started,
        "finished": None,
        "answers": answers,
        "reflection": [],
        "checked": list(answers),
    }
    if finished:
        right, total, passed = knowledge_score(data, answers)
        record["finished"] = started.replace("09:00", "09:10")
        record["score"] = {
            "right": right,
            "total": total,
            **({} if passed is None else {"passed": passed}),
        }
    return record


def self_attempt(
    data: Quiz,
    answers: dict[str, int],
    *,
    finished: bool = True,
    started: str = "2024-05-01T09:00:00.000Z",
    hash_: str | None = None,
) -> dict:
    """A self-assessment attempt record; finished ones carry their scores as the runtime computes
    them."""
    from handbook_quiz.scoring import band_for, content_hash, round_half_away, self_scores

    record = {
        "v": 1,
        "quiz": data.id,
        "title": data.title,
        "type": "self-assessment",
        "hash": hash_ or content_hash(data),
        "started": started,
        "finished": None,
        "answers": answers,
        "reflection": [],
    }
    if finished:
        scores = self_scores(data, answers)
        rows = [("", "Overall", data.bands)] + [
            (s.id, s.title[""], data.bands_for(s)) for s in data.subscales
        ]
        record["finished"] = started.replace("09:00", "09:10")
        record["scores"] = [
            {
                "id": sid,
                "title": title,
                "score": round_half_away(scores[sid]),
                "exact": scores[sid],
                "band": (
                    band_for(scores[sid], bands).label if band_for(scores[sid], bands) else None
                ),
            }
            for sid, title, bands in rows
        ]
    return record
