"""How long a quiz takes, for the line above its first question and the quiz index."""

from __future__ import annotations

import math

from .model import Quiz


def reading_minutes(quiz: Quiz) -> int:
    """Rough time to complete: 30 s a knowledge question (more with a vignette), 10 s a
    statement."""
    if quiz.is_knowledge:
        seconds = sum(30 + (30 if q.vignette else 0) for q in quiz.questions)
    else:
        seconds = 10 * len(quiz.items)
    return max(1, math.ceil(seconds / 60))
