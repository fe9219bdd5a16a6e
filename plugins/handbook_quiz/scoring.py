"""Scores and the content hash, computed the way the browser computes them.

The browser does the scoring readers see; this module is the reference the tests and exports
compare against, and the place the content hash is made.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

from . import kinds
from .model import Band, Item, Quiz


def round_half_away(value: float, places: int = 2) -> float:
    """Round half away from zero, as the format asks (Python's round() rounds half to even)."""
    factor = 10**places
    scaled = abs(value) * factor
    return math.copysign(math.floor(scaled + 0.5 + 1e-9) / factor, value)


def content_hash(quiz: Quiz) -> str:
    """Hash of what scoring depends on only, so fixing a typo orphans no saved attempt."""
    if quiz.is_knowledge:
        key: Any = [kinds.question_kind(q).hash_key(q) for q in quiz.questions]
    else:
        assert quiz.scale is not None
        key = {
            "items": [kinds.item_kind(i).hash_key(i) for i in quiz.items],
            "scale": [len(quiz.scale.labels), quiz.scale.start],
            "method": quiz.method,
            # from: 1 and from: 1.0 are the same band
            "bands": [float(b.start) for b in quiz.bands],
            "subscales": [[s.id, [float(b.start) for b in s.bands]] for s in quiz.subscales],
        }
    text = json.dumps([quiz.type, quiz.version, key], separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def knowledge_score(
    quiz: Quiz, answers: Mapping[str, Sequence[int]]
) -> tuple[int, int, bool | None]:
    """(right, total, passed); each question's kind says whether its chosen choices are right
    (a choice question: only when the chosen set equals the correct set)."""
    right = sum(kinds.question_kind(q).right(q, answers.get(q.id, ())) for q in quiz.questions)
    total = len(quiz.questions)
    passed = None if quiz.pass_mark is None else right / total >= quiz.pass_mark
    return right, total, passed


def band_for(score: float, bands: Sequence[Band]) -> Band | None:
    """The last band whose ``from`` the exact score reaches."""
    found = None
    for band in bands:
        if score >= band.start:
            found = band
    return found


def self_scores(quiz: Quiz, answers: Mapping[str, int]) -> dict[str, float]:
    """Exact scores by subscale id, plus ``""`` for the overall score (each item scored by its
    kind: a scale item's reverse flag flips its value)."""
    scale = quiz.scale
    assert scale is not None

    def scored(item: Item) -> int:
        return kinds.item_kind(item).scored(item, answers[item.id], scale)

    def combine(values: list[int]) -> float:
        return float(sum(values)) if quiz.method == "sum" else sum(values) / len(values)

    out = {s.id: combine([scored(i) for i in quiz.items_of(s.id)]) for s in quiz.subscales}
    out[""] = combine([scored(i) for i in quiz.items])
    return out
