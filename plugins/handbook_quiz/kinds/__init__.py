"""Question kinds: everything the plugin does with one kind of question, in one module per kind.

The format has two quiz types, each listing its entries under one key: a knowledge check's
``questions``, a self-assessment's ``items``. Every entry is of one *kind*: today a knowledge
check holds ``choice`` questions (``kinds/choice.py``) and a self-assessment ``scale`` statements
(``kinds/scale.py``). A kind declares its schema part, how a raw entry is checked and turned into
the model, how it is scored and hashed, its template partial, its exports and the name of its
browser behaviour. ``validate.py``, ``scoring.py``, ``render.py`` and ``export/*`` reach kinds only
through this registry, so a new kind is one module and one ``register_kind`` call (see
CONTRIBUTING.md). What belongs to the quiz type (pass mark, feedback mode, scale, subscales,
bands) stays with the type in ``validate.py`` and ``model.py``.

An entry selects its kind with a ``kind:`` key naming the kind's ``key``; an entry without one is
of its type's default kind (the built-in ones, whose ``key`` is None), so the YAML format of v1 is
unchanged while no other kind is registered.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from ..model import Item, Question, Scale, Wording

if TYPE_CHECKING:
    from ..export.text import Text
    from ..model import Quiz

QuizType = Literal["knowledge", "self-assessment"]

ENTRY_LISTS: dict[str, tuple[str, str]] = {
    "knowledge": ("knowledge", "questions"),
    "self-assessment": ("selfAssessment", "items"),
}
"""Quiz type -> (its definition in the schema's ``$defs``, the key of its list of entries)."""

KIND_KEY = "kind"
"""The entry key that selects a kind other than the type's default."""


@dataclass
class EntryCheck:
    """One raw entry of a quiz's list while it is checked: its data and how to report a problem.

    The data may be structurally wrong (the schema has said where): read it with ``get`` and
    tolerate wrong types, so one broken entry does not hide the problems of the others.
    """

    index: int
    """0-based position in the list."""
    id: str
    """The entry's id: its ``id:``, else the default from its position (``q3``, ``i3``)."""
    data: dict[str, Any]
    """The entry's mapping (empty when it is not one)."""
    path: tuple[Any, ...]
    """Data path of the entry, e.g. ``("questions", 2)``."""
    report: Callable[[tuple[Any, ...], str], None]
    """Record an issue at a data path of the quiz."""
    wording: Callable[[Any, tuple[Any, ...]], Wording]
    """Normalise text that may differ by perspective (see ``validate._CrossChecker.wording``)."""
    subscale_ids: list[str] = field(default_factory=list)
    """Self-assessments: the ids of the quiz's subscales, in order."""

    def fail(self, relative: tuple[Any, ...], message: str) -> None:
        """Report a problem at a path inside this entry (``()`` for the entry itself)."""
        self.report((*self.path, *relative), message)

    @property
    def has_own_id(self) -> bool:
        return "id" in self.data


class Kind:
    """What every kind declares. Subclass ``QuestionKind`` or ``ItemKind``, not this."""

    name: ClassVar[str]
    """Registry name, e.g. ``choice``; entries carry it as their ``kind`` attribute."""
    quiz_type: ClassVar[QuizType]
    key: ClassVar[str | None] = None
    """The ``kind:`` value that selects it; None for its quiz type's default kind."""
    js_behaviour: ClassVar[str]
    """Its browser behaviour: ``HandbookQuiz.kinds[js_behaviour]`` in the runtime."""
    template: ClassVar[str]
    """Name of its template partial, e.g. ``kinds/choice.html.jinja`` (in ``templates/``)."""
    template_source: ClassVar[str | None] = None
    """The partial's Jinja source, for kinds that live outside the package's ``templates/``."""
    boolean_keys: ClassVar[tuple[str, ...]] = ()
    """Keys that take only the words true and false (YAML 1.1 also reads yes/no/on/off)."""
    lint_codes: ClassVar[frozenset[str] | None] = None
    """The item-writing warnings (codes of ``lint.CODES``) that apply to its entries; None for
    every code of its quiz type. ``lint.py`` asks it, entry by entry: a true/false question has
    two fixed choices, so ``two-choices`` says nothing about how it was written."""

    def lints(self, code: str) -> bool:
        """Whether the item-writing warning ``code`` applies to an entry of this kind."""
        return self.lint_codes is None or code in self.lint_codes

    def schema(self) -> dict[str, Any]:
        """JSON Schema of one entry; may ``$ref`` the shipped schema's ``$defs``. A kind with a
        ``key`` must list ``kind: {"const": key}`` among its properties."""
        raise NotImplementedError

    def definitions(self) -> dict[str, Any]:
        """The ``$defs`` of the shipped schema this kind owns (built-in kinds; tests compare)."""
        return {}

    def build(self, entry: EntryCheck) -> Any:
        """Check a raw entry beyond its schema (report with ``entry.fail``) and build its model;
        the model's ``kind`` is this kind's ``name``."""
        raise NotImplementedError

    def hash_key(self, entry: Any) -> Any:
        """What scoring depends on, for the content hash (JSON-serialisable)."""
        raise NotImplementedError

    def seconds(self, entry: Any) -> int:
        """About how long a reader takes over one entry: ``timing.py`` adds them up for the
        quiz's "about N min"."""
        raise NotImplementedError


class QuestionKind(Kind):
    """A kind of knowledge-check question. Its entries are ``Question`` models (a subclass may add
    fields): the runtime and the saved record answer every question with choice positions."""

    quiz_type: ClassVar[QuizType] = "knowledge"

    choice_feedback: ClassVar[bool] = True
    """Its choices are the instructor's, each with its own ``feedback:``: ``missing-feedback``
    then also asks for it on every wrong choice (a kind with fixed choices, such as true/false,
    has only the explanation)."""

    def build(self, entry: EntryCheck) -> Question:
        raise NotImplementedError

    def seconds(self, entry: Question) -> int:
        """30 s a question, 30 s more with a vignette to read first."""
        return 30 + (30 if entry.vignette else 0)

    def right(self, question: Question, chosen: Sequence[int]) -> bool:
        """Whether the chosen choice positions (in the order given) answer the question; by
        default, when the chosen set is the correct set."""
        return set(chosen) == {i for i, c in enumerate(question.choices) if c.correct}

    def key_text(self, question: Question) -> str:
        """The answer as the answer key's table prints it, e.g. ``a, c``."""
        raise NotImplementedError

    def gift(self, quiz: Quiz, question: Question, text: Text) -> list[str]:
        """The question's GIFT block, one line per entry."""
        raise NotImplementedError

    def moodle_xml(self, quiz: Quiz, question: Question, text: Text) -> list[str]:
        """The question's ``<question>`` element for Moodle XML, one line per entry."""
        raise NotImplementedError

    def qti_item(self, quiz: Quiz, question: Question, text: Text) -> ET.Element:
        """The question's QTI 2.1 ``assessmentItem``."""
        raise NotImplementedError

    def answer_key(self, question: Question, text: Text) -> str:
        """The question's entry (an ``<li>``) in the HTML answer key."""
        raise NotImplementedError

    def multiple(self, question: Question) -> bool:
        """Moodle gives partial credit for it (the exports then carry the partial-credit note)."""
        return False


class ItemKind(Kind):
    """A kind of self-assessment statement. Its entries are ``Item`` models."""

    quiz_type: ClassVar[QuizType] = "self-assessment"

    def build(self, entry: EntryCheck) -> Item:
        raise NotImplementedError

    def seconds(self, entry: Item) -> int:
        """10 s a statement."""
        return 10

    def scored(self, item: Item, value: int, scale: Scale) -> int:
        """The value an answer scores."""
        raise NotImplementedError

    def json(self, item: Item, worded: Callable[[Wording], Any]) -> dict[str, Any]:
        """The item in the JSON export."""
        raise NotImplementedError

    def sheet_row(self, item: Item, number: int, perspective: str, scale: Scale, text: Text) -> str:
        """The item's row (``<tr>``) on the printed handout."""
        raise NotImplementedError

    def scoring_text(self, item: Item) -> str:
        """How the handout's scoring key tells to score the item."""
        raise NotImplementedError


# --- the registry ------------------------------------------------------------------------------

_KINDS: dict[str, Kind] = {}
_builtins_loaded = False


def _registry() -> dict[str, Kind]:
    """The registered kinds, built-in ones first (loaded on first use: they import the exporters,
    which import this module)."""
    global _builtins_loaded
    if not _builtins_loaded:
        _builtins_loaded = True
        from .choice import ChoiceKind
        from .scale import ScaleKind

        for builtin in (ChoiceKind(), ScaleKind()):
            _KINDS.setdefault(builtin.name, builtin)
    return _KINDS


def register_kind(kind: Kind) -> Kind:
    """Add a kind. Its ``name`` and, within its quiz type, its ``key`` must be new."""
    registry = _registry()
    if kind.name in registry:
        raise ValueError(f"a kind named '{kind.name}' is already registered")
    if kind.quiz_type not in ENTRY_LISTS:
        raise ValueError(f"kind '{kind.name}': unknown quiz type '{kind.quiz_type}'")
    if kind.key is None:
        raise ValueError(f"kind '{kind.name}' needs a key: the value of 'kind:' that selects it")
    taken = {k.key for k in kinds_for(kind.quiz_type)}
    if kind.key in taken:
        raise ValueError(f"'kind: {kind.key}' already selects another {kind.quiz_type} kind")
    registry[kind.name] = kind
    return kind


def unregister_kind(name: str) -> None:
    """Remove a kind added with ``register_kind`` (tests); the built-in kinds stay."""
    kind = _registry().get(name)
    if kind is not None and kind.key is not None:
        del _KINDS[name]


def registered() -> tuple[Kind, ...]:
    return tuple(_registry().values())


def kinds_for(quiz_type: str) -> tuple[Kind, ...]:
    """The kinds of one quiz type, its default kind first."""
    return tuple(kind for kind in _registry().values() if kind.quiz_type == quiz_type)


def default_kind(quiz_type: str) -> Kind:
    return next(kind for kind in kinds_for(quiz_type) if kind.key is None)


def kind_for_entry(quiz_type: str, data: Any) -> Kind | None:
    """The kind a raw entry selects; None for a ``kind:`` no kind has (the schema says so)."""
    key = data.get(KIND_KEY) if isinstance(data, dict) else None
    if key is None:
        return default_kind(quiz_type)
    return next((k for k in kinds_for(quiz_type) if k.key is not None and k.key == key), None)


def partial_credit(questions: Iterable[Question]) -> bool:
    """Whether Moodle gives partial credit for any of these questions (the exports then say so)."""
    return any(question_kind(q).multiple(q) for q in questions)


def question_kind(question: Question) -> QuestionKind:
    kind = _registry()[question.kind]
    assert isinstance(kind, QuestionKind)
    return kind


def item_kind(item: Item) -> ItemKind:
    kind = _registry()[item.kind]
    assert isinstance(kind, ItemKind)
    return kind


def kind_of(entry: Question | Item) -> Kind:
    """The kind of a built entry (a question or an item)."""
    return _registry()[entry.kind]


def entries_of(quiz: Quiz) -> tuple[Question, ...] | tuple[Item, ...]:
    """The entries of a quiz's list (``ENTRY_LISTS``): a knowledge check's questions, a
    self-assessment's items."""
    return quiz.questions if quiz.is_knowledge else quiz.items


def template_source(name: str) -> str | None:
    """The partial of a kind that brings its own (``Kind.template_source``), by template name."""
    return next((k.template_source for k in _registry().values() if k.template == name), None)
