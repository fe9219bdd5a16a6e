"""Knowledge checks as Moodle GIFT: a text format instructors can read, edit and import.

Text goes in as HTML (the ``[html]`` prefix) rendered from the Markdown here, so a question looks
the same whether it came through GIFT, Moodle XML or QTI; Moodle's own Markdown dialect differs.
Escaping follows Moodle's importer: ``\\ ~ = # { } :`` take a backslash and line breaks are
written ``\\n``, so each question stays one block (a blank line would end it).
"""

from __future__ import annotations

import textwrap

from .. import kinds
from ..model import Quiz
from . import PARTIAL_CREDIT_NOTE, Files, category
from .text import Text

_SPECIAL = str.maketrans({c: "\\" + c for c in "~=#{}:"} | {"\r": ""})


def escape(text: str) -> str:
    """GIFT escaping; a leading ``%`` or ``[`` becomes an entity (not read as weight or format)."""
    if text[:1] in ("%", "["):
        text = f"&#{ord(text[0])};{text[1:]}"
    return text.replace("\\", "\\\\").translate(_SPECIAL).replace("\n", "\\n")


def export_gift(quiz: Quiz, text: Text) -> Files:
    """One ``.gift.txt`` file per knowledge check: a category line and one block per question."""
    header = [
        f"{quiz.title} ({quiz.id}), from {text.site.name or 'the handbook'}",
        f"Online: {text.site.quiz_url(quiz.id)}" if text.site.url else "",
        "Import in Moodle: Question bank > Import > GIFT format. Texts are HTML.",
        "GIFT cannot say whether to shuffle choices: Moodle applies its own default.",
        ""
        if getattr(quiz, "shuffle", True)
        else "This quiz keeps its choices in order (shuffle: false): import the Moodle XML file "
        "instead, or untick 'Shuffle the choices?' in each question after importing.",
        PARTIAL_CREDIT_NOTE if kinds.partial_credit(quiz.questions) else "",
    ]
    lines = [f"// {line}" for entry in header if entry for line in textwrap.wrap(entry, 96)]
    lines += ["", f"$CATEGORY: {category(text.site.name, quiz)}", ""]
    for question in quiz.questions:
        lines += kinds.question_kind(question).gift(quiz, question, text)
        lines.append("")
    return {f"gift/{quiz.id}.gift.txt": "\n".join(lines).encode("utf-8")}
