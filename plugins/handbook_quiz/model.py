"""The validated quiz, as frozen dataclasses: what the renderer, scorer and exporters read.

Text fields hold Markdown source. Fields that may differ by perspective hold a ``Wording``:
a mapping from perspective key to text, with the single key ``""`` when the quiz has none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Wording = dict[str, str]


@dataclass(frozen=True)
class Choice:
    text: str
    correct: bool = False
    feedback: str = ""


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    choices: tuple[Choice, ...]
    vignette: str = ""
    explanation: str = ""
    kind: str = "choice"
    """The name of its kind in ``kinds`` (which renders, scores and exports it)."""

    @property
    def multiple(self) -> bool:
        """More than one correct choice: rendered as 'select all that apply'."""
        return sum(choice.correct for choice in self.choices) > 1


@dataclass(frozen=True)
class Band:
    start: float
    """The band's ``from``: the lowest score it covers."""
    label: str
    text: Wording = field(default_factory=dict)


@dataclass(frozen=True)
class Subscale:
    id: str
    title: Wording
    description: Wording = field(default_factory=dict)
    bands: tuple[Band, ...] = ()


@dataclass(frozen=True)
class Item:
    id: str
    text: Wording
    subscale: str = ""
    reverse: bool = False
    kind: str = "scale"
    """The name of its kind in ``kinds`` (which renders, scores and exports it)."""


@dataclass(frozen=True)
class Scale:
    labels: tuple[str, ...]
    start: int = 1

    @property
    def minimum(self) -> int:
        return self.start

    @property
    def maximum(self) -> int:
        return self.start + len(self.labels) - 1


@dataclass(frozen=True)
class Quiz:
    """One quiz file, validated. ``source`` is the file as the instructor names it."""

    id: str
    type: Literal["knowledge", "self-assessment"]
    title: str
    source: str
    description: str = ""
    chapter: str = ""
    version: int = 1
    results: Wording = field(default_factory=dict)
    reflection: tuple[Wording, ...] = ()
    audience: Literal["readers", "instructors"] = "readers"
    """``instructors``: a demonstration quiz, left out of a reader's progress, totals and
    profile."""
    lint_ignore: dict[str, str] = field(default_factory=dict)
    """Item-writing warning codes this quiz silences, with the instructor's reason."""
    # knowledge
    pass_mark: float | None = None
    feedback: Literal["immediate", "end"] = "immediate"
    shuffle: bool = True
    """Shuffle the choices once per attempt (knowledge checks only; the default)."""
    questions: tuple[Question, ...] = ()
    # self-assessment
    perspectives: dict[str, str] = field(default_factory=dict)
    scale: Scale | None = None
    subscales: tuple[Subscale, ...] = ()
    items: tuple[Item, ...] = ()
    method: Literal["mean", "sum"] = "mean"
    bands: tuple[Band, ...] = ()

    @property
    def is_knowledge(self) -> bool:
        return self.type == "knowledge"

    @property
    def size(self) -> int:
        """Number of questions or statements."""
        return len(self.questions) if self.is_knowledge else len(self.items)

    @property
    def perspective_keys(self) -> tuple[str, ...]:
        return tuple(self.perspectives) or ("",)

    def bands_for(self, subscale: Subscale) -> tuple[Band, ...]:
        """A subscale's own bands, else (with a mean only) the quiz-level ones."""
        return subscale.bands or (self.bands if self.method == "mean" else ())

    def items_of(self, subscale_id: str) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.subscale == subscale_id)
