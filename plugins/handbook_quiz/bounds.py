"""What one text value of a quiz may hold, checked before any of it reaches Python-Markdown.

Python-Markdown is superlinear on some input and recursive on nesting: 12,000 '[' in one field
took 58 s to render, 600 nested '**' or '- ' raise RecursionError. ``handbook check`` renders no
Markdown, so the build and the check both call ``text_issues`` (from ``validate``) and agree on
every input. The limits are far above any real quiz text (the handbook's longest field is 618
characters; no text has more than 3 '[' or nests more than one level), and within them the cost
of rendering grows with the length of the text, never faster (``bench/hostile.py`` measures it).

It also refuses what would break the page rather than Markdown: control characters, which the
renderer and Python-Markdown use as placeholders (``\\x00id\\x00``, ``\\x02...\\x03``), ids
that end in a line break (``$`` in the schema's id pattern matches before one), and a title of
more than one line (the rest would become Markdown of its page, and new lines of exports).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .errors import QuizIssue
from .loader import LoadedFile, Path_

MAX_LENGTH = 5_000
"""Characters in one text value; a long vignette is about 1,500. Rendering cost grows with
length times the limits below, so this bounds them all."""
MAX_BRACKETS = 20
"""'[' in one text value (each link, image, footnote and abbreviation has one). Each
abbreviation definition costs a pass over the text: 50 of them took 0.26 s in one field."""
MAX_BRACKET_NESTING = 4
"""'[' (and link targets '](') open at once, counting those never closed: each one open makes
Python-Markdown scan the rest of the text again (an image inside a link is 2)."""
MAX_NESTING = 8
"""Emphasis markers open at once, list, quote and indentation levels on a line, HTML tags open
at once (Python-Markdown recurses on each level; the stack runs out at a few hundred)."""

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
"""Control characters (tab, line breaks and NEL aside): YAML lets them in only through escapes."""
_LINE_BREAK = re.compile("[\n\r\x85\u2028\u2029]")
_MARKER_RUN = re.compile(r"[*_]+")
_NOT_AN_OPENING = frozenset(".,;:!?)]}")
"""What may follow a run of '*' or '_' that opens nothing (``____.`` is a blank to fill in)."""
_BLOCK_PREFIX = re.compile(r"(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*")
"""A line's quote and list markers and indentation: the containers it opens."""
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^<>]*?(/?)>")
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
"""HTML elements without an end tag."""
_ID_KEYS = frozenset({"id"})


def text_issues(loaded: LoadedFile) -> list[QuizIssue]:
    """An issue for each text value over a limit, each id with a line break, each control
    character; positioned at the value. Linear in the file's size: no Markdown is rendered."""
    issues = []
    for path, text in _texts(loaded.data, ()):
        message = _id_problem(path, text) or _title_problem(path, text) or text_problem(text)
        if message:
            issues.append(loaded.issue(path, message))
    for key in _dict(_dict(loaded.data).get("perspectives")):
        if isinstance(key, str) and key.endswith("\n"):
            shown = key.rstrip("\n")
            message = _line_break(shown, f"write the key on one line, e.g. {shown or 'client'}:")
            issues.append(loaded.issue(("perspectives", key), message, at_key=True))
    return issues


def text_problem(text: str) -> str | None:
    """What is wrong with one text value, phrased as the fix; None when it is within bounds."""
    control = _CONTROL.search(text)
    if control:
        code = ord(control.group())
        return (
            f"holds the invisible control character U+{code:04X} (written as an escape such as "
            "'\\0' or '\\x02' in double quotes): remove it; pages use such characters as "
            "placeholders"
        )
    if len(text) > MAX_LENGTH:
        return (
            f"is {len(text):,} characters long, over the limit of {MAX_LENGTH:,} for one text: "
            "shorten it or split it over several questions"
        )
    brackets = _BRACKETS.findall(text).count("[")
    if brackets > MAX_BRACKETS:
        return (
            f"holds {brackets:,} '[', over the limit of {MAX_BRACKETS} for one text (each link, "
            "footnote and abbreviation has one): remove some, or write '\\[' for a bracket "
            "that is only text"
        )
    depth = bracket_nesting(text)
    if depth > MAX_BRACKET_NESTING:
        return (
            f"has {depth} '[' or '](' open at once, over the limit of {MAX_BRACKET_NESTING}: "
            "close each '[' with ']' and each '](' with ')', or write '\\[' for a bracket "
            "that is only text"
        )
    for measure, what, fix in _NESTINGS:
        depth = measure(text)
        if depth > MAX_NESTING:
            return f"nests {what} {depth} levels deep, over the limit of {MAX_NESTING}: {fix}"
    return None


def bracket_nesting(text: str) -> int:
    """Most '[' and link targets ('](' up to its ')') open at once; unclosed ones stay open.

    Escaped brackets (``\\[``) are text to Python-Markdown and are skipped."""
    brackets = targets = deepest = 0
    for token in _BRACKETS.findall(text):
        if token == "[":
            brackets += 1
        elif token == "]":
            brackets = max(brackets - 1, 0)
        elif token == "](":
            brackets = max(brackets - 1, 0)
            targets += 1
        elif token == ")":
            targets = max(targets - 1, 0)
        deepest = max(deepest, brackets + targets)
    return deepest


_BRACKETS = re.compile(r"\\.|\]\(|[\[\])]")
"""An escaped character (skipped), a link target's start, or one bracket."""


def emphasis_nesting(text: str) -> int:
    """Most emphasis markers ('*', '_') open at once: a run opens before a word and closes
    after one; inside a word (``snake_case``, ``a**b**``) it closes what is open, else opens."""
    depth = deepest = 0
    for run in _MARKER_RUN.finditer(text):
        before = text[run.start() - 1] if run.start() else "\n"
        after = text[run.end()] if run.end() < len(text) else " "
        if before == "\n" and after == "[" and run.group() == "*":
            continue  # an abbreviation's definition, *[HTML]: ...
        opens = not after.isspace() and after not in _NOT_AN_OPENING
        closes = not before.isspace()
        size = len(run.group())
        if closes and (depth or not opens):
            depth = max(depth - size, 0)
        elif opens:
            depth += size
            deepest = max(deepest, depth)
    return deepest


def block_nesting(text: str) -> int:
    """Most containers one line opens: each quote or list marker, and each 4 columns of indent."""
    deepest = 0
    for line in text.splitlines():
        prefix = _BLOCK_PREFIX.match(line)
        if prefix is None or not prefix.group():
            continue
        opened = prefix.group()
        markers = len(re.findall(r">|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])", opened))
        leading = opened[: len(opened) - len(opened.lstrip(" \t"))]
        indent = leading.count(" ") + 4 * leading.count("\t")
        deepest = max(deepest, markers + indent // 4)
    return deepest


def html_nesting(text: str) -> int:
    """Most HTML tags open at once (void and self-closed tags open nothing)."""
    depth = deepest = 0
    for closing, name, self_closed in _TAG.findall(text):
        if closing:
            depth = max(depth - 1, 0)
        elif not self_closed and name.lower() not in _VOID:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


_NESTINGS = (
    (emphasis_nesting, "emphasis ('*' or '_')", "close each '*' or '_' before opening more"),
    (block_nesting, "lists, quotes or indentation", "flatten the lists and quotes"),
    (html_nesting, "HTML tags", "close each tag, or leave the HTML out"),
)


def _id_problem(path: Path_, text: str) -> str | None:
    if path and path[-1] in _ID_KEYS and text.endswith("\n"):
        shown = text.rstrip("\n")
        return _line_break(shown, f"write the id on one line, e.g. id: {shown or 'rapport-check'}")
    return None


def _title_problem(path: Path_, text: str) -> str | None:
    """A title is one line: pages show it as a heading, exports as one line of a file."""
    if path == ("title",) and _LINE_BREAK.search(text.strip()):  # '>' ends it with one: fine
        return "a title is one line: remove the line break (written after '|' or '>', or '\\n')"
    return None


def _line_break(shown: str, fix: str) -> str:
    return (
        f"'{shown}' followed by a line break is not a valid id (as written after '|', or with "
        f"'\\n' in quotes): {fix}"
    )


def _texts(value: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    """Every string value in the data, with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _texts(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _texts(child, (*path, index))


def _dict(value: Any) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}
