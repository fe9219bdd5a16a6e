"""Render a validated quiz to HTML with Jinja2, Markdown text rendered by the site's own converter.

Each quiz is rendered once per build; the HTML is reused for every page that embeds it, with only
the DOM id suffix and docs-relative links changed per page.

Converting a text field costs about as much as converting a whole page (Python-Markdown runs its
full pipeline each time), and a quiz has some 200 fields. So each field is converted once per quiz:
a choice shown both as a label and in the answer list, and the quiz's own page (rendered again for
its back link), reuse the first conversion.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, select_autoescape
from markupsafe import Markup

from .model import Quiz, Wording
from .pages import size_text
from .scoring import content_hash

MarkdownFn = Callable[[str], str]

SUFFIX_TOKEN = "__HQ_SUFFIX__"
"""Stands for the per-page id suffix ("" or "-2", ...) in the cached HTML."""

_PARAGRAPH = re.compile(r"^<p>(.*)</p>$", re.DOTALL)


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
        self._memo: dict[str, str] | None = None
        """Text -> HTML of the fields of the quiz being rendered (None outside ``render``)."""
        self._kept: dict[str, dict[str, str]] = {}
        """A quiz's memo after its first render, dropped at the second (chapter, then own page)."""
        self._renders: Counter[str] = Counter()

    def _html(self, text: str) -> str:
        """The site's Markdown for one field, converted once per quiz (the converter is stateless)."""
        memo = self._memo
        if memo is None:
            return self.markdown(text)
        html = memo.get(text)
        if html is None:
            html = memo[text] = self.markdown(text)
        return html

    def md(self, text: str) -> Markup:
        return Markup(self._html(text))

    def inline(self, text: str) -> Markup:
        """Markdown for a short field: a single paragraph is unwrapped so it fits in a label."""
        html = self._html(text).strip()
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
        meta = size_text(quiz, labels)
        band_groups = [("", labels["overall"], quiz.bands)] if quiz.bands else []
        band_groups += [(s.id, s.title[quiz.perspective_keys[0]], s.bands) for s in quiz.subscales if s.bands]
        template = self.env.get_template("quiz.html.jinja")
        self._renders[quiz.id] += 1
        self._memo = self._kept.pop(quiz.id, {})
        try:
            html = template.render(
                quiz=quiz, suffix=SUFFIX_TOKEN, hash=content_hash(quiz), storage_id=self.storage_id, meta=meta,
                labels=labels, labels_json=self.labels_json, md=self.md, inline=self.inline, worded=self.worded,
                band_groups=band_groups, back_link=back_link,
            )
        finally:
            memo, self._memo = self._memo, None
        if self._renders[quiz.id] == 1:
            # Kept for the quiz's own page, which renders it again with a back link; then freed.
            self._kept[quiz.id] = memo
        return html
