"""A small GIFT reader for the export tests, written from Moodle's GIFT documentation and importer.

It follows ``qformat_gift::readquestion`` step by step (escapes swapped for placeholders first,
blank lines between questions, ``//`` comments, ``$CATEGORY:``, ``::name::``, ``[format]``
prefixes, ``=``/``~``/``~%weight%`` answers, ``#`` feedback, ``####`` general feedback, and the
``// [id:...]`` comment), for multiple choice only: anything else is an error, not a guess.
It exists because pygiftparser (2017) cannot be installed next to Markdown 3.6+: its dependency
MarkdownSuperscript pulls Markdown back to 3.0, and it leaves GIFT escapes in the text it returns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Moodle swaps escaped characters for placeholders before parsing and back afterwards.
_ESCAPES = {"\\:": ":", "\\#": "#", "\\=": "=", "\\{": "{", "\\}": "}", "\\~": "~", "\\n": "\n"}
_PLACEHOLDER = {escaped: chr(0xE000 + i) for i, escaped in enumerate(_ESCAPES)}
_BACKSLASH = chr(0xE0FF)
_WEIGHT = re.compile(r"^%(-?[0-9]+(?:\.[0-9]*)?)%")
_ID = re.compile(r"\[id:((?:\\]|[^\]\x00-\x1f])+)\]")
_FORMATS = {"html", "moodle", "plain", "markdown"}


@dataclass
class GiftAnswer:
    text: str
    fraction: float
    """Percent, as written: 100 for ``=``, the weight for ``~%w%``, 0 for a bare ``~``."""
    feedback: str
    format: str


@dataclass
class GiftQuestion:
    name: str
    text: str
    format: str
    single: bool
    answers: list[GiftAnswer] = field(default_factory=list)
    general_feedback: str = ""
    idnumber: str = ""
    category: str = ""


def _pre(text: str) -> str:
    text = text.replace("\\\\", _BACKSLASH)
    for escaped, placeholder in _PLACEHOLDER.items():
        text = text.replace(escaped, placeholder)
    return text.replace(_BACKSLASH, "\\")


def _post(text: str) -> str:
    for escaped, placeholder in _PLACEHOLDER.items():
        text = text.replace(placeholder, _ESCAPES[escaped])
    return text


def _with_format(text: str, default: str) -> tuple[str, str]:
    """``[html]text`` -> (text, 'html'); an unknown or missing prefix keeps the default format."""
    fmt = default
    if text.startswith("["):
        end = text.find("]")
        if text[1:end] in _FORMATS:
            fmt, text = text[1:end], text[end + 1 :]
    return _post(text).strip(), fmt


def _blocks(source: str) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in source.splitlines():
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def parse(source: str) -> list[GiftQuestion]:
    """Every question in a GIFT file, each tagged with the category in force where it appears."""
    category, questions = "", []
    for lines in _blocks(source):
        comments = "\n".join(line for line in lines if line.strip().startswith("//"))
        text = "\n".join(" " if line.strip().startswith("//") else line for line in lines).strip()
        if not text:
            continue
        text = _pre(text)
        if text.startswith("$CATEGORY:"):
            category = text[len("$CATEGORY:") :].strip()
            continue
        question = _question(text)
        id_match = _ID.search(comments)
        question.idnumber = id_match.group(1).replace("\\]", "]") if id_match else ""
        question.category = category
        questions.append(question)
    return questions


def _question(text: str) -> GiftQuestion:
    name = ""
    if text.startswith("::"):
        end = text.index("::", 2)
        name, text = _post(text[2:end]).strip(), text[end + 2 :].strip()
    start, finish = text.find("{"), text.find("}")
    if start < 0 or finish < start or not text.endswith("}"):
        raise ValueError(f"not a question with its answers at the end: {text[:80]!r}")
    answer_text = text[start + 1 : finish].strip()
    body, fmt = _with_format(text[:start], "moodle")
    general = ""
    separator = answer_text.rfind("####")
    if separator >= 0:
        general = _with_format(answer_text[separator + 4 :].strip(), fmt)[0]
        answer_text = answer_text[:separator].strip()
    if "~" not in answer_text:
        raise ValueError(f"only multiple choice is read here: {answer_text[:80]!r}")
    question = GiftQuestion(name, body, fmt, single="=" in answer_text, general_feedback=general)
    parts = answer_text.replace("=", "~=").split("~")
    for part in (p.strip() for p in parts if p.strip()):
        if part.startswith("="):
            fraction, part = 100.0, part[1:]
        elif match := _WEIGHT.match(part):
            fraction, part = float(match.group(1)), part[match.end() :]
        else:
            fraction = 0.0
        answer, _, feedback = part.partition("#")
        answer_body, answer_format = _with_format(answer.strip(), fmt)
        question.answers.append(
            GiftAnswer(answer_body, fraction, _with_format(feedback.strip(), fmt)[0], answer_format)
        )
    return question
