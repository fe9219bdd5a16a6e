"""Render a validated quiz to HTML with Jinja2, Markdown text rendered by the site's own converter.

Each quiz is rendered once per build; the HTML is reused for every page that embeds it, with only
the DOM id suffix and docs-relative links changed per page.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, select_autoescape
from markupsafe import Markup

from .model import Quiz, Wording
from .scoring import content_hash

MarkdownFn = Callable[[str], str]

SUFFIX_TOKEN = "__HQ_SUFFIX__"
"""Stands for the per-page id suffix ("" or "-2", ...) in the cached HTML."""

_PARAGRAPH = re.compile(r"^<p>(.*)</p>$", re.DOTALL)


def reading_minutes(quiz: Quiz) -> int:
    """Rough time to complete: 30 s a knowledge question (more with a vignette), 10 s a statement."""
    if quiz.is_knowledge:
        seconds = sum(30 + (30 if q.vignette else 0) for q in quiz.questions)
    else:
        seconds = 10 * len(quiz.items)
    return max(1, math.ceil(seconds / 60))


class Renderer:
    """Owns the template environment and the Markdown function; renders each quiz once."""

    def __init__(self, markdown: MarkdownFn, labels: dict[str, str], storage_id: str,
                 custom_templates: Path | None = None) -> None:
        loaders = [FileSystemLoader(str(custom_templates))] if custom_templates else []
        self.env = Environment(loader=ChoiceLoader([*loaders, PackageLoader("handbook_quiz", "templates")]),
                               autoescape=select_autoescape(default=True), keep_trailing_newline=True)
        self.markdown = markdown
        self.labels = labels
        self.storage_id = storage_id
        self.labels_json = json.dumps(labels, ensure_ascii=False, separators=(",", ":"))

    def md(self, text: str) -> Markup:
        return Markup(self.markdown(text))

    def inline(self, text: str) -> Markup:
        """Markdown for a short field: a single paragraph is unwrapped so it fits in a label."""
        html = self.markdown(text).strip()
        match = _PARAGRAPH.match(html)
        return Markup(match.group(1) if match and "<p>" not in match.group(1) else html)

    def worded(self, wording: Wording, block: bool = False) -> Markup:
        """Text that may differ by perspective: one element per wording, shown by the runtime."""
        render = self.md if block else self.inline
        if len(set(wording.values())) <= 1:
            return render(next(iter(wording.values()), ""))
        tag = "div" if block else "span"
        return Markup("").join(
            Markup(f'<{tag} data-hq-perspective="{key}">') + render(text) + Markup(f"</{tag}>")
            for key, text in wording.items()
        )

    def render_results(self, catalog: list[tuple[Quiz, str]], profile_id: str) -> str:
        """The My results page body: every quiz with its page URL, for progress and versions."""
        hashes = {quiz.id: content_hash(quiz) for quiz, _ in catalog}
        return self.env.get_template("results.html.jinja").render(
            catalog=catalog, hashes=hashes, profile_id=profile_id, storage_id=self.storage_id,
            labels=self.labels, labels_json=self.labels_json)

    def render(self, quiz: Quiz, back_link: str = "") -> str:
        """HTML for one quiz with the id-suffix token in place of the per-page suffix."""
        labels = self.labels
        size_text = labels["questions" if quiz.is_knowledge else "statements"]
        meta = size_text.format(n=quiz.size, minutes=reading_minutes(quiz))
        band_groups = [("", labels["overall"], quiz.bands)] if quiz.bands else []
        band_groups += [(s.id, s.title[quiz.perspective_keys[0]], s.bands) for s in quiz.subscales if s.bands]
        template = self.env.get_template("quiz.html.jinja")
        return template.render(
            quiz=quiz, suffix=SUFFIX_TOKEN, hash=content_hash(quiz), storage_id=self.storage_id, meta=meta,
            labels=labels, labels_json=self.labels_json, md=self.md, inline=self.inline, worded=self.worded,
            band_groups=band_groups, back_link=back_link,
        )
