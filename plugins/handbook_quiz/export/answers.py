"""Answer keys for instructors: a separate file, so an export handed to learners never contains one.

Shows what the LMS exports cannot show at a glance: the letter key for marking paper copies, every
choice with its feedback, the explanation, and what each select-all choice is worth in Moodle.
"""

from __future__ import annotations

from html import escape
from string import ascii_lowercase

from ..model import Question, Quiz
from ..scoring import round_half_away
from . import PARTIAL_CREDIT_NOTE, Files, choice_fractions, percent
from .page import page
from .text import Text


SHUFFLED_NOTE = (
    "Letters follow the order in the quiz file. This quiz shuffles its choices (<code>shuffle</code>), "
    "so the site, Moodle XML and QTI show them in another order: match a choice by its text there."
)


def letter(index: int) -> str:
    """a, b, ... z, then aa, ab, ...: choice letters as printed (choices are never shuffled on paper)."""
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
        f"<p>{len(quiz.questions)} questions. A question is right only when exactly the correct choices are picked."
        + (
            f" Pass mark: {percent(quiz.pass_mark * 100)}% of questions right."
            if quiz.pass_mark is not None
            else ""
        )
        + "</p>",
    ]
    if getattr(quiz, "shuffle", True):
        out.append(f"<p>{SHUFFLED_NOTE}</p>")
    if any(q.multiple for q in quiz.questions):
        out.append(f"<p>{escape(PARTIAL_CREDIT_NOTE)}</p>")
    out += [
        "<h2>Key</h2>",
        "<table><thead><tr><th>Question</th><th>Id</th><th>Correct</th></tr></thead><tbody>",
    ]
    for number, question in enumerate(quiz.questions, start=1):
        right = ", ".join(letter(i) for i, c in enumerate(question.choices) if c.correct)
        out.append(f"<tr><td>{number}</td><td>{escape(question.id)}</td><td>{right}</td></tr>")
    out += ["</tbody></table>", "<h2>Questions</h2>", "<ol>"]
    out += [_question(question, text) for question in quiz.questions]
    out.append("</ol>")
    return {f"answers/{quiz.id}.html": page(f"Answer key: {quiz.title}", "\n".join(out))}


def _question(question: Question, text: Text) -> str:
    vignette = text.html(question.vignette)
    out = [
        f'<li id="{escape(question.id)}">',
        f'<div class="vignette">{vignette}</div>' if vignette else "",
        text.html(question.text),
    ]
    if question.multiple:
        out.append("<p><em>Select all that apply.</em></p>")
    out.append('<ul class="choices">')
    for index, (choice, fraction) in enumerate(
        zip(question.choices, choice_fractions(question), strict=True)
    ):
        mark, state = ("\u2713", "correct") if choice.correct else ("\u2717", "wrong")
        credit = (
            f" <small>(Moodle: {round_half_away(fraction):+g}%)</small>"
            if question.multiple
            else ""
        )
        feedback = text.inline(choice.feedback)
        out.append(
            f'<li class="{state}"><span class="mark">{mark}</span><span class="choice">{letter(index)}. {text.inline(choice.text)}</span>{credit}'
            + (f'<div class="feedback">{feedback}</div>' if feedback else "")
            + "</li>"
        )
    out.append("</ul>")
    explanation = text.html(question.explanation)
    if explanation:
        out.append(f'<div class="explanation"><strong>Explanation.</strong> {explanation}</div>')
    out.append("</li>")
    return "\n".join(part for part in out if part)
