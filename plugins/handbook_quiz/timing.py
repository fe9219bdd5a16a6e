"""How long a quiz takes, for the line above its first question and the quiz index."""

from __future__ import annotations

import math

from . import kinds
from .model import Quiz


def reading_minutes(quiz: Quiz) -> int:
    """Rough time to complete: each entry's kind says how long it takes (``Kind.seconds``: 30 s a
    choice question, more with a vignette, 10 s a statement), rounded up to whole minutes."""
    seconds = sum(kinds.kind_of(entry).seconds(entry) for entry in kinds.entries_of(quiz))
    return max(1, math.ceil(seconds / 60))
