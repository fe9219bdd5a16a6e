"""Markdown for the generated pages: one page per quiz and the index of all quizzes."""

from __future__ import annotations

import json
import string
from collections.abc import Mapping
from html import escape

from .model import Quiz
from .timing import reading_minutes

_REFERENCES = {ord(mark): f"&#{ord(mark)};" for mark in string.punctuation}


def literal(text: str) -> str:
    """Text that Markdown shows as written: each ASCII punctuation mark as a character reference,
    so no extension reads syntax in it (``{ onmouseover=... }`` would become attributes through
    attr_list, ``*x*`` emphasis, ``<b>`` HTML, a final ``#`` would be dropped), on one line."""
    return " ".join(text.split()).translate(_REFERENCES)


def quiz_page_markdown(quiz: Quiz) -> str:
    """A quiz's own page: its title and the same embed block chapters use (one rendering path).

    The title is text: shown literally in the heading, and given as the page's title in front
    matter, HTML-escaped, since themes print ``page.title`` as HTML (Material's ``<title>`` would
    otherwise unescape the heading's text with ``striptags``)."""
    title = " ".join(quiz.title.split())
    meta = json.dumps(escape(title), ensure_ascii=False)
    return f"---\ntitle: {meta}\n---\n\n# {literal(title)}\n\n/// quiz | {quiz.id}\n///\n"


def nav_sorted(quizzes: list[Quiz], nav_order: dict[str, int] | None = None) -> list[Quiz]:
    """Quizzes in the order of the site's navigation: by their chapter's place in the nav, quizzes
    whose chapter is not listed (or who have none) after them; ties by title."""
    order = nav_order or {}
    return sorted(quizzes, key=lambda q: (order.get(q.chapter, len(order)), q.title.lower()))


def index_markdown(
    quizzes: list[Quiz],
    pages_dir: str,
    labels: dict[str, str],
    nav_order: dict[str, int] | None = None,
    titles: dict[str, str] | None = None,
    homes: Mapping[str, str] | None = None,
) -> str:
    """The index: knowledge checks, then self-assessments, each in navigation order with size, time
    and its chapter, linked by the chapter's title (from the nav) where it is known. A quiz with a
    home in ``homes`` (``quiz_pages: false``) links there instead of to its own page."""
    lines = [f"# {escape(labels['index_title'])}", ""]
    to_docs = "../" * (pages_dir.count("/") + 1)
    for knowledge in (True, False):
        chosen = nav_sorted([q for q in quizzes if q.is_knowledge == knowledge], nav_order)
        if not chosen:
            continue
        lines += [f"## {labels['index_knowledge' if knowledge else 'index_self']}", ""]
        if not knowledge:
            lines += [labels["not_diagnostic"], ""]
        for quiz in chosen:
            size = size_text(quiz, labels)
            name = (titles or {}).get(quiz.chapter) or labels["back"]
            chapter = f" [{escape(name)}]({to_docs}{quiz.chapter})." if quiz.chapter else ""
            home = (homes or {}).get(quiz.id)
            target = f"{to_docs}{home}" if home else f"{quiz.id}.md"
            link = f'[{literal(quiz.title)}]({target}){{ data-hq-quiz="{quiz.id}" }}'
            lines.append(f"- {link}: {size}.{chapter}")
        lines.append("")
    return "\n".join(lines)


def size_text(quiz: Quiz, labels: dict[str, str]) -> str:
    """'12 statements, about 2 min', in the interface language."""
    key = ("questions" if quiz.is_knowledge else "statements") + ("_one" if quiz.size == 1 else "")
    return labels[key].format(n=quiz.size, minutes=reading_minutes(quiz))


def results_page_markdown(labels: dict[str, str]) -> str:
    """The My results page; its body is added after rendering, when page URLs are known."""
    return f"# {escape(labels['results_title'])}\n\n{labels['results_intro']}\n"
