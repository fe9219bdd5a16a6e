"""What the site search is shown of a page with quizzes: less HTML to parse, the same index.

Material's search plugin parses every page's HTML in Python, tag by tag, and quiz markup has many
tags. Answers and results carry ``data-search-exclude``, so search would parse them only to drop
them: they are cut out before it looks (``tests/build/test_build.py`` checks that the index is
unchanged). A quiz's own page, when a chapter already shows the quiz, is shown only down to its
questions. Cutting whole elements also keeps an answer out of search when its explanation holds a
collapsible note, which Material's parser would end the exclusion at.

What it saves, measured by ``bench/build_bench.py --ablate`` (the quiz site built with and without
it, CPU time, one run on the shared 2-core machine): at 1,000 quizzes 19.2 s of 97.3 s (20%;
78.2 s with it, at load 1.5); at 100, 3.8 s of 12.3 s (31%, at load 13). It works alike with
``quiz_pages: false``, where every quiz is in a chapter.

It leans on Material's search reading ``page.content`` in ``on_page_context`` between the
plugin's two hooks (priorities 50 and -50), and on the quiz markup's ``hq-answer``,
``hq-results`` and ``hq-form`` elements: ``tests/build/test_speed_tricks.py`` fails when either
changes.
"""

from __future__ import annotations

import re

_EXCLUDED_PART = re.compile(
    r'<(details) class="hq-answer" data-search-exclude>'
    r'|<(section) class="hq-results" data-search-exclude\b'
)
_TAGS = {tag: re.compile(rf"<(/?){tag}\b[^>]*>") for tag in ("details", "section")}
_QUESTIONS = '<form class="hq-form"'


def without_excluded_parts(html: str) -> str:
    """``html`` minus the answers and results of its quizzes, each up to its own closing tag.

    Material's parser would end an exclusion at the first nested closing tag of the same name (an
    explanation holding a collapsible note), and index the rest: cutting whole parts keeps every
    answer out of search, as promised.
    """
    kept, position = [], 0
    while match := _EXCLUDED_PART.search(html, position):
        end = _end_of_element(html, match.start(), match.group(1) or match.group(2))
        if end < 0:  # not closed: leave the rest to the search plugin as it is
            break
        kept.append(html[position : match.start()])
        position = end
    kept.append(html[position:])
    return "".join(kept)


def _end_of_element(html: str, start: int, tag: str) -> int:
    """Index just past the closing tag of the ``tag`` element opened at ``start``, or -1."""
    depth = 0
    for mark in _TAGS[tag].finditer(html, start):
        depth += -1 if mark.group(1) else 1
        if depth == 0:
            return mark.end()
    return -1


def quiz_page_summary(html: str) -> str:
    """A quiz's own page down to its questions: title, size and description."""
    cut = html.find(_QUESTIONS)
    return html[:cut] if cut > 0 else html
