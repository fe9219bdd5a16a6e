"""Render a validated quiz to HTML with Jinja2, Markdown text rendered by the site's own converter.

Each quiz is rendered once per build. What differs between the pages that show it (the id suffix
of a second copy, the level of its headings, the back link on its own page) is left as tokens that
``place`` fills in, so a quiz on its own page and in a chapter costs one render, not two. Measured
(bench/speed_tricks.py, CPU time): the handbook's 21 quizzes at their 43 spots take 170-190 ms
rendered once and placed against 345-385 ms rendered per spot. test_render.py checks that placing
gives exactly what rendering at the spot gives (``render_placed``), for several spots.

Converting a text field costs about as much as converting a short page (Python-Markdown runs its
full pipeline each time), so within a render a field shown twice (a choice as a label and in the
answer list) is converted once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from html import escape
from pathlib import Path

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    FunctionLoader,
    PackageLoader,
    select_autoescape,
)
from markupsafe import Markup

from . import kinds
from .labels import QUIZ_GROUPS, quiz_groups, runtime_labels
from .model import Item, Question, Quiz, Wording
from .pages import size_text
from .scoring import content_hash

MarkdownFn = Callable[[str], str]

SUFFIX_TOKEN = "\x00id\x00"
"""Stands for the per-page id suffix ("" or "-2", ...). Control characters never reach quiz text:
the loader refuses them, so the tokens cannot collide with an instructor's words."""
LEVEL_TOKEN = "\x00h\x00"
SUBLEVEL_TOKEN = "\x00h+1\x00"
BACK_TOKEN = "\x00back\x00"

_PARAGRAPH = re.compile(r"^<p>(.*)</p>$", re.DOTALL)
INLINE_KEY = "\x00inline\x00"
"""Prefix of a field's memo key when converted as inline Markdown (the loader refuses control
characters, so no field can start with it)."""


def profile_areas(catalog: list[tuple[Quiz, str]], profile_id: str) -> dict[str, str]:
    """Quiz id -> the profile subscale it is drawn beside on My results.

    The profile has one subscale per topic chapter, named by the chapter's slug, and
    ``handbook new chapter`` names that chapter's self-assessment ``<slug>-self``: the page states
    each pairing (``data-hq-profile-area``) so the runtime needs no naming rule of its own."""
    quizzes = {quiz.id: quiz for quiz, _ in catalog}
    profile = quizzes.get(profile_id)
    if profile is None or profile.is_knowledge:
        return {}
    pairs = {f"{s.id}-self": s.id for s in profile.subscales}
    return {
        quiz_id: area
        for quiz_id, area in pairs.items()
        if quiz_id in quizzes and not quizzes[quiz_id].is_knowledge
    }


def questions_attr(quiz: Quiz) -> str:
    """'id:choices ...' for the runtime's record check: which question ids exist, with how many
    choices."""
    return " ".join(f"{q.id}:{len(q.choices)}" for q in quiz.questions)


def items_attr(quiz: Quiz) -> str:
    """The statement ids, space-separated, for the runtime's record check."""
    return " ".join(item.id for item in quiz.items)


def kind_template(entry: Question | Item) -> str:
    """The template partial of a question's or item's kind (``kinds``)."""
    return kinds.kind_of(entry).template


def kind_attr(entry: Question | Item) -> Markup:
    """`` data-hq-kind="..."``: the browser behaviour of a box, when it is not its quiz type's
    default one (the runtime's ``HandbookQuiz.kinds.of`` takes a box without it for a choice
    question or a scale item), so the built-in kinds' markup stays as it was."""
    kind = kinds.kind_of(entry)
    if kind.js_behaviour == kinds.default_kind(kind.quiz_type).js_behaviour:
        return Markup("")
    return Markup(' data-hq-kind="{}"').format(kind.js_behaviour)


class Renderer:
    """Owns the template environment and the Markdown function; renders each quiz once."""

    def __init__(
        self,
        markdown: MarkdownFn,
        labels: dict[str, str],
        storage_id: str,
        custom_templates: Path | None = None,
    ) -> None:
        loaders = [FileSystemLoader(str(custom_templates))] if custom_templates else []
        self.env = Environment(
            loader=ChoiceLoader(
                [
                    *loaders,
                    PackageLoader("handbook_quiz", "templates"),
                    FunctionLoader(kinds.template_source),  # kinds that bring their own partial
                ]
            ),
            autoescape=select_autoescape(default=True),
            keep_trailing_newline=True,
        )
        self.env.globals.update(
            questions_attr=questions_attr,
            items_attr=items_attr,
            kind_template=kind_template,
            kind_attr=kind_attr,
        )
        self.markdown = markdown
        self.inline_markdown: MarkdownFn | None = getattr(markdown, "inline", None)
        """The site's inline-only Markdown (``SiteMarkdown.inline``), when ``markdown`` has one."""
        self.labels = labels
        self.storage_id = storage_id
        self._runtime_json: dict[frozenset[str], str] = {}
        self._memo: dict[str, str] | None = None
        """Text -> HTML of the fields of the quiz being rendered (None outside ``render``)."""

    def _html(self, text: str, inline: bool = False) -> str:
        """The site's Markdown for one field, converted once per quiz (the converter is
        stateless)."""
        inline_markdown = self.inline_markdown if inline else None
        convert = inline_markdown or self.markdown
        memo = self._memo
        if memo is None:
            return convert(text)
        key = INLINE_KEY + text if inline_markdown else text
        html = memo.get(key)
        if html is None:
            html = memo[key] = convert(text)
        return html

    def md(self, text: str) -> Markup:
        return Markup(self._html(text))

    def inline(self, text: str) -> Markup:
        """Inline Markdown for a short field (a choice, its feedback): no heading, list or block,
        so ``#hashtag`` stays text; the paragraph is unwrapped so it fits in a label."""
        html = self._html(text, inline=True).strip()
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

    def runtime_json(self, groups: Iterable[str]) -> str:
        """The strings the runtime reads for these groups (``labels.RUNTIME_GROUPS``), as JSON."""
        key = frozenset(groups)
        if key not in self._runtime_json:
            strings = runtime_labels(self.labels, key)
            self._runtime_json[key] = json.dumps(strings, ensure_ascii=False, separators=(",", ":"))
        return self._runtime_json[key]

    def labels_element(self, quizzes: Iterable[Quiz] | None = None) -> str:
        """The strings the runtime reads for the page's quizzes (any quiz's when not given), once
        per page however many quizzes it holds."""
        groups: tuple[str, ...] = QUIZ_GROUPS
        if quizzes is not None:
            groups = tuple(g for q in quizzes for g in quiz_groups(q.type, bool(q.perspectives)))
        strings = escape(self.runtime_json(groups))
        return f'<div class="hq-labels" hidden data-hq-labels="{strings}"></div>'

    def render_results(self, catalog: list[tuple[Quiz, str]], profile_id: str) -> str:
        """The My results page body: every quiz with its page URL, for progress and versions."""
        hashes = {quiz.id: content_hash(quiz) for quiz, _ in catalog}
        return self.env.get_template("results.html.jinja").render(
            catalog=catalog,
            hashes=hashes,
            profile_id=profile_id,
            profile_areas=profile_areas(catalog, profile_id),
            storage_id=self.storage_id,
            labels=self.labels,
            labels_json=self.runtime_json(["results"]),
        )

    def render(self, quiz: Quiz) -> str:
        """HTML for one quiz, with tokens where each page differs (see ``place``)."""
        return self._render(quiz, SUFFIX_TOKEN, LEVEL_TOKEN, SUBLEVEL_TOKEN, BACK_TOKEN)

    def render_placed(
        self, quiz: Quiz, *, copy: int = 1, level: int = 3, back_link: str = ""
    ) -> str:
        """HTML for one quiz at one spot, rendered with that spot's values instead of tokens.

        What ``place(render(quiz), ...)`` must give, byte for byte (the tests compare them). The
        build does not call it: rendering once and placing the result costs about half of
        rendering each spot anew (bench/speed_tricks.py)."""
        return self._render(quiz, *self._page_values(copy, level, back_link))

    def _render(self, quiz: Quiz, suffix: str, hx: str, hx_sub: str, back: str) -> str:
        labels = self.labels
        meta = size_text(quiz, labels)
        band_groups = [("", labels["overall"], quiz.bands)] if quiz.bands else []
        band_groups += [
            (s.id, s.title[quiz.perspective_keys[0]], s.bands) for s in quiz.subscales if s.bands
        ]
        template = self.env.get_template("quiz.html.jinja")
        self._memo = {}
        try:
            return template.render(
                quiz=quiz,
                suffix=suffix,
                hx=hx,
                hx_sub=hx_sub,
                back=Markup(back),
                hash=content_hash(quiz),
                storage_id=self.storage_id,
                meta=meta,
                labels=labels,
                md=self.md,
                inline=self.inline,
                worded=self.worded,
                band_groups=band_groups,
            )
        finally:
            self._memo = None

    def _page_values(self, copy: int, level: int, back_link: str) -> tuple[str, str, str, str]:
        """What differs between the spots a quiz is shown at: (id suffix, heading level, the level
        below it, back link HTML)."""
        back = (
            f'<p class="hq-back"><a href="{escape(back_link)}">'
            f"{escape(self.labels['back'])}</a></p>"
            if back_link
            else ""
        )
        suffix = "" if copy == 1 else f"-{copy}"
        return suffix, str(min(level, 6)), str(min(level + 1, 6)), back

    def place(self, html: str, *, copy: int = 1, level: int = 3, back_link: str = "") -> str:
        """A rendered quiz for one spot on a page: its ``copy``-th on the page, headings at
        ``level`` (one below the section that holds it), and a back link to its chapter on its
        own page. Plain string replacement of the tokens ``render`` left."""
        suffix, hx, hx_sub, back = self._page_values(copy, level, back_link)
        return (
            html.replace(SUFFIX_TOKEN, suffix)
            .replace(LEVEL_TOKEN, hx)
            .replace(SUBLEVEL_TOKEN, hx_sub)
            .replace(BACK_TOKEN, back)
        )
