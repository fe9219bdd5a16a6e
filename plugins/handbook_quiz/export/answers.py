"""Answer keys for instructors: a separate file, so an export handed to learners never contains one.

Shows what the LMS exports cannot show at a glance: the letter key for marking paper copies, every
choice with its feedback, the explanation, and what each select-all choice is worth in Moodle.
"""

from __future__ import annotations

from html import escape
from string import ascii_lowercase

from .. import kinds
from ..model import Quiz
from . import PARTIAL_CREDIT_NOTE, Files, percent
from .page import page
from .text import Text

SHUFFLED_NOTE = (
    "Letters follow the order in the quiz file. This quiz shuffles its choices "
    "(<code>shuffle</code>), so the site, Moodle XML and QTI show them in another order: "
    "match a choice by its text there."
)


def letter(index: int) -> str:
    """a, b, ... z, then aa, ab, ...: choice letters as printed (never shuffled on paper)."""
    return (
        ascii_lowercase[index]
        if index < 26
        else letter(index // 26 - 1) + ascii_lowercase[index % 26]
    )


def export_answers(quiz: Quiz, text: Text) -> Files:
    """One HTML answer key per knowledge check."""
    out = [
        f"<h1>Answer key: {escape(quiz.title)}</h1>",
        '<p class="note">For instructors. Keep this file out of learners\' hands.</p>',
        f"<p>{len(quiz.questions)} questions. "
        "A question is right only when exactly the correct choices are picked."
        + (
            f" Pass mark: {percent(quiz.pass_mark * 100)}% of questions right."
            if quiz.pass_mark is not None
            else ""
        )
        + "</p>",
    ]
    if getattr(quiz, "shuffle", True):
        out.append(f"<p>{SHUFFLED_NOTE}</p>")
    if kinds.partial_credit(quiz.questions):
        out.append(f"<p>{escape(PARTIAL_CREDIT_NOTE)}</p>")
    out += [
        "<h2>Key</h2>",
        "<table><thead><tr><th>Question</th><th>Id</th><th>Correct</th></tr></thead><tbody>",
    ]
    for number, question in enumerate(quiz.questions, start=1):
        right = kinds.question_kind(question).key_text(question)
        out.append(f"<tr><td>{number}</td><td>{escape(question.id)}</td><td>{right}</td></tr>")
    out += ["</tbody></table>", "<h2>Questions</h2>", "<ol>"]
    out += [kinds.question_kind(q).answer_key(q, text) for q in quiz.questions]
    out.append("</ol>")
    return {f"answers/{quiz.id}.html": page(f"Answer key: {quiz.title}", "\n".join(out))}
