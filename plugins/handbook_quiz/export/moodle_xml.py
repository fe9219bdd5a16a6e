"""Knowledge checks as Moodle XML: the import format that keeps ids, per-choice feedback and settings.

Written as text rather than through ElementTree because Moodle expects HTML inside CDATA sections
(``format="html"``), which ElementTree cannot write. Field order follows Moodle's own export.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from ..model import Question, Quiz
from . import PARTIAL_CREDIT_NOTE, Files, category, choice_fractions, percent, question_key
from .text import Text, question_html

PENALTY = "0.3333333"
"""Moodle's default penalty per extra try (only used in interactive quiz modes)."""


def cdata(html: str) -> str:
    """HTML as a CDATA section; a ``]]>`` inside is split across two sections."""
    return "<![CDATA[" + html.replace("]]>", "]]]]><![CDATA[>") + "]]>" if html else ""


def _html_field(tag: str, html: str, indent: str) -> str:
    return f'{indent}<{tag} format="html"><text>{cdata(html)}</text></{tag}>'


def export_moodle_xml(quiz: Quiz, text: Text) -> Files:
    """One Moodle XML file per knowledge check: a category holding one multichoice per question."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    if any(q.multiple for q in quiz.questions):
        lines.append(f"  <!-- {escape(PARTIAL_CREDIT_NOTE).replace('--', '- -')} -->")
    lines += [
        '  <question type="category">',
        f"    <category><text>{escape(category(text.site.name, quiz))}</text></category>",
        _html_field("info", _info(quiz, text), "    "),
        f"    <idnumber>{escape(quiz.id)}</idnumber>",
        "  </question>",
    ]
    for question in quiz.questions:
        lines += _question(quiz, question, text)
    lines.append("</quiz>")
    return {f"moodle-xml/{quiz.id}.xml": ("\n".join(lines) + "\n").encode("utf-8")}


def _info(quiz: Quiz, text: Text) -> str:
    """Category description: the quiz's own description and where it lives online."""
    parts = [text.html(quiz.description)]
    if text.site.url:
        url = text.site.quiz_url(quiz.id)
        parts.append(f'<p>Online: <a href="{escape(url)}">{escape(url)}</a></p>')
    return "\n".join(part for part in parts if part)


def _question(quiz: Quiz, question: Question, text: Text) -> list[str]:
    key = escape(question_key(quiz, question))
    lines = [
        '  <question type="multichoice">',
        f"    <name><text>{key}</text></name>",
        _html_field("questiontext", question_html(question, text), "    "),
        _html_field("generalfeedback", text.html(question.explanation), "    "),
        "    <defaultgrade>1</defaultgrade>",
        f"    <penalty>{PENALTY}</penalty>",
        "    <hidden>0</hidden>",
        f"    <idnumber>{key}</idnumber>",
        f"    <single>{'false' if question.multiple else 'true'}</single>",
        f"    <shuffleanswers>{'true' if quiz.shuffle else 'false'}</shuffleanswers>",
        "    <answernumbering>abc</answernumbering>",
        "    <showstandardinstruction>1</showstandardinstruction>",
        _html_field("correctfeedback", "", "    "),
        _html_field("partiallycorrectfeedback", "", "    "),
        _html_field("incorrectfeedback", "", "    "),
    ]
    if question.multiple:
        lines.append("    <shownumcorrect/>")
    for choice, fraction in zip(question.choices, choice_fractions(question), strict=True):
        lines += [
            f'    <answer fraction={quoteattr(percent(fraction))} format="html">',
            f"      <text>{cdata(text.inline(choice.text))}</text>",
            _html_field("feedback", text.inline(choice.feedback), "      "),
            "    </answer>",
        ]
    lines.append("  </question>")
    return lines
