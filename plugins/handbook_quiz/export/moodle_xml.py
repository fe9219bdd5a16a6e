"""Knowledge checks as Moodle XML: the import format that keeps ids, per-choice feedback and
settings.

Written as text rather than through ElementTree because Moodle expects HTML inside CDATA sections
(``format="html"``), which ElementTree cannot write. Field order follows Moodle's own export.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from .. import kinds
from ..model import Quiz
from . import PARTIAL_CREDIT_NOTE, Files, category
from .text import Text

PENALTY = "0.3333333"
"""Moodle's default penalty per extra try (only used in interactive quiz modes)."""


def cdata(html: str) -> str:
    """HTML as a CDATA section; a ``]]>`` inside is split across two sections."""
    return "<![CDATA[" + html.replace("]]>", "]]]]><![CDATA[>") + "]]>" if html else ""


def html_field(tag: str, html: str, indent: str) -> str:
    return f'{indent}<{tag} format="html"><text>{cdata(html)}</text></{tag}>'


def export_moodle_xml(quiz: Quiz, text: Text) -> Files:
    """One Moodle XML file per knowledge check: a category holding one multichoice per question."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    if kinds.partial_credit(quiz.questions):
        lines.append(f"  <!-- {escape(PARTIAL_CREDIT_NOTE).replace('--', '- -')} -->")
    lines += [
        '  <question type="category">',
        f"    <category><text>{escape(category(text.site.name, quiz))}</text></category>",
        html_field("info", _info(quiz, text), "    "),
        f"    <idnumber>{escape(quiz.id)}</idnumber>",
        "  </question>",
    ]
    for question in quiz.questions:
        lines += kinds.question_kind(question).moodle_xml(quiz, question, text)
    lines.append("</quiz>")
    return {f"moodle-xml/{quiz.id}.xml": ("\n".join(lines) + "\n").encode("utf-8")}


def _info(quiz: Quiz, text: Text) -> str:
    """Category description: the quiz's own description and where it lives online."""
    parts = [text.html(quiz.description)]
    if text.site.url:
        url = text.site.quiz_url(quiz.id)
        parts.append(f'<p>Online: <a href="{escape(url)}">{escape(url)}</a></p>')
    return "\n".join(part for part in parts if part)
