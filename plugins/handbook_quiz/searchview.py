"""What the site search is shown of a page with quizzes: less HTML to parse, the same index.

Material's search plugin parses every page's HTML in Python, tag by tag, and quiz markup has many
tags. Answers and results carry ``data-search-exclude``, so search parses them only to drop them:
they are cut out before it looks (``tests/test_build.py`` checks the index is unchanged). A quiz's
own page, when a chapter already shows the quiz, is shown only down to its questions.
"""

from __future__ import annotations

import re

_EXCLUDED_PARTS = re.compile(
    r'<details class="hq-answer" data-search-exclude>.*?</details>'
    r'|<section class="hq-results" data-search-exclude\b.*?</section>', re.DOTALL)
_QUESTIONS = '<form class="hq-form"'


def without_excluded_parts(html: str) -> str:
    """``html`` minus the quiz parts search would skip anyway (a part with the same tag nested
    inside it is left whole: Material ends an exclusion at the first nested closing tag)."""
    def cut(match: re.Match[str]) -> str:
        tag = "<details" if match.group(0).startswith("<details") else "<section"
        return match.group(0) if tag in match.group(0)[len(tag):] else ""
    return _EXCLUDED_PARTS.sub(cut, html)


def quiz_page_summary(html: str) -> str:
    """A quiz's own page down to its questions: title, size and description."""
    cut = html.find(_QUESTIONS)
    return html[:cut] if cut > 0 else html
