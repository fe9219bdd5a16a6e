"""Export quizzes for other tools: LMS question banks, a JSON copy, printable handouts, answer keys.

Every exporter is a pure function from a validated ``Quiz`` to ``{relative path: bytes}``, so the
CLI writes nothing until every file is made, and two runs give byte-identical files. Identifiers
come from the quiz id, question id and choice position only, so the same question has the same
name and ID number in every export. That does not make a second import an update: Moodle's
importer always adds new questions, and drops an ID number already used in the category.
"""

from __future__ import annotations

import io
import zipfile

from ..model import Question, Quiz

Files = dict[str, bytes]
"""Exported files by path relative to the output folder (always ``/``-separated)."""

KNOWLEDGE_FORMATS = ("gift", "moodle-xml", "qti")
SELF_ASSESSMENT_FORMATS = ("json", "handout")
FORMATS = (*KNOWLEDGE_FORMATS, *SELF_ASSESSMENT_FORMATS)

PARTIAL_CREDIT_NOTE = (
    "Select-all questions: the handbook scores a question right only when exactly the correct "
    "choices are picked. Moodle (GIFT and XML) gives partial credit instead: each correct choice "
    "earns an equal share of the mark and each wrong choice takes off an equal share, so picking "
    "every choice earns 0 (Moodle never goes below 0). QTI keeps the handbook's all-or-nothing "
    "rule."
)

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""Fixed timestamp of every zip entry: the earliest a zip can hold, so packages never vary."""


def question_key(quiz: Quiz, question: Question) -> str:
    """The stable id of a question everywhere it is exported, e.g. ``rapport-check.affirmation``."""
    return f"{quiz.id}.{question.id}"


def category(site_name: str, quiz: Quiz) -> str:
    """Moodle question-bank category of a quiz; a ``/`` inside a name is doubled, as Moodle
    expects."""
    parts = [name.replace("/", "//") for name in (site_name, quiz.title) if name]
    return "/".join(["$course$", "top", *parts])


def choice_fractions(question: Question) -> list[float]:
    """Moodle grade fractions in percent: all-or-nothing for one correct choice, else shared out.

    Correct choices share +100 equally; wrong choices share -100 equally, so selecting every
    choice scores 0, the same as selecting none.
    """
    correct = sum(choice.correct for choice in question.choices)
    wrong = len(question.choices) - correct
    if correct == 1:
        return [100.0 if choice.correct else 0.0 for choice in question.choices]
    return [100 / correct if choice.correct else -100 / wrong for choice in question.choices]


def percent(value: float) -> str:
    """A fraction as Moodle writes it: at most 5 decimals, no trailing zeros (33.33333, -50)."""
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def zip_bytes(files: Files) -> bytes:
    """A zip with sorted entries, a fixed timestamp and fixed permissions: the same every run."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name], compresslevel=9)
    return buffer.getvalue()
