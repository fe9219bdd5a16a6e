"""The ``/// quiz | id`` block: Python-Markdown glue between a chapter and the quiz registry.

pymdownx blocks already skip code fences and nest inside admonitions and tabs. The block itself
only asks the page's ``Embedder`` for HTML and stashes it, so Markdown never re-parses quiz markup.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import TYPE_CHECKING, Any

import markdown as markdown_lib
from pymdownx.blocks import BlocksExtension  # type: ignore[import-untyped, unused-ignore]
from pymdownx.blocks.block import Block  # type: ignore[import-untyped, unused-ignore]

if TYPE_CHECKING:
    from markdown import Markdown
    from mkdocs.config.defaults import MkDocsConfig
    from pymdownx.blocks import BlocksProcessor

    from .embed import Embedder


class QuizBlock(Block):
    """``/// quiz | <id>`` with no options and no content (format v1)."""

    NAME = "quiz"
    ARGUMENT = True
    embedder: Embedder

    def on_validate(self, parent: etree.Element) -> bool:
        # `attrs` is accepted by every pymdownx block; v1 takes no options at all, so refuse it
        # and let the plugin's safety net report the block as not recognised.
        return not self.options["attrs"]

    def on_markdown(self) -> str:
        return "raw"

    def on_create(self, parent: etree.Element) -> etree.Element:
        # Render now, not in on_end: a block whose closing '///' never comes gets no on_end call.
        self.index, html = self.embedder.open_block(str(self.argument).strip())
        wrapper = etree.SubElement(parent, "div", {"class": "hq-embed"})
        self.stash_index = self.md.htmlStash.html_counter
        wrapper.text = self.md.htmlStash.store(html)
        return etree.SubElement(wrapper, "div", {"class": "hq-embed-content"})

    def on_end(self, block: etree.Element) -> None:
        error_box = self.embedder.close_block(
            self.index, has_content=bool((block.text or "").strip() or len(block))
        )
        if error_box is not None:
            self.md.htmlStash.rawHtmlBlocks[self.stash_index] = error_box
            block.clear()


class QuizExtension(BlocksExtension):
    """Registers the quiz block, bound to the plugin's embedder (no globals)."""

    def __init__(self, embedder: Embedder, **kwargs: Any) -> None:
        self.embedder = embedder
        super().__init__(**kwargs)

    def extendMarkdownBlocks(self, md: Markdown, block_mgr: BlocksProcessor) -> None:
        block_class = type("BoundQuizBlock", (QuizBlock,), {"embedder": self.embedder})
        block_mgr.register(block_class, {})


PLAIN_TEXT = re.compile(r"""(?=[^\W\d_]|["'(“‘])(?:[^\W_]|[ .,;:?!'"()/%’‘“”–—…-])*(?<! )""")
"""One line of prose that starts with a letter and holds only letters, digits and punctuation that
no Markdown syntax of the extensions below starts with (no ``* _ ` [ < & # > | { ~ \\``, no line
break).

The shortcut this enables is kept because it is measured to pay: 1,122 of the handbook's 1,477
quiz text fields are such prose, and wrapping them directly renders all 21 quizzes in 0.20 s of
CPU instead of 0.46 s; a whole handbook build takes 5.6 s of CPU instead of 5.9 s, and the
300-quiz site of bench/build_bench.py 22.5 s instead of 30.8 s (medians of 3 builds, with the
shortcut switched off by setting ``SiteMarkdown._plain_is_inert`` to False)."""

INERT_ON_PLAIN_TEXT = frozenset(
    {
        "abbr",
        "admonition",
        "attr_list",
        "def_list",
        "fenced_code",
        "footnotes",
        "md_in_html",
        "tables",
        "toc",
        "pymdownx.details",
        "pymdownx.superfences",
        "pymdownx.tabbed",
        "pymdownx.snippets",
        "pymdownx.highlight",
        "pymdownx.inlinehilite",
        "pymdownx.blocks.admonition",
        "pymdownx.blocks.details",
        "pymdownx.blocks.tab",
        "pymdownx.blocks.html",
    }
)
"""Extensions that leave PLAIN_TEXT as it is (tests/unit/test_plain_text.py checks each one)."""


def inert_on_plain_text(extension: object) -> bool:
    """Whether a configured extension (a name, or the plugin's block) leaves PLAIN_TEXT alone."""
    if isinstance(extension, QuizExtension):
        return True
    return (
        isinstance(extension, str)
        and extension.removeprefix("markdown.extensions.") in INERT_ON_PLAIN_TEXT
    )


INLINE_BLOCK_PROCESSORS = frozenset({"empty", "paragraph", "reference", "abbr"})
"""The block processors an inline field keeps: a paragraph, and definitions that produce no element
(link references, abbreviations). Headings, lists, quotes, code, tables, admonitions... are gone."""

_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")


def inline_only(converter: markdown_lib.Markdown) -> markdown_lib.Markdown:
    """``converter`` made to read any text as one paragraph of inline Markdown.

    For choice texts, feedback and other short fields shown inside a label or a sentence: Python-
    Markdown needs no space after ``#``, so ``#hashtag`` would otherwise become a heading, and
    ``- x`` a list. Emphasis, code, links, images and inline HTML work as anywhere else.
    """
    # A Registry lists its names in order only in _priority (it has no public way to).
    registered = converter.parser.blockprocessors._priority  # type: ignore[attr-defined]
    for name in [item.name for item in registered]:
        if name not in INLINE_BLOCK_PROCESSORS:
            converter.parser.blockprocessors.deregister(name)
    if "fenced_code_block" in converter.preprocessors:
        converter.preprocessors.deregister("fenced_code_block")
    return converter


def one_paragraph(text: str) -> str:
    """Blank lines joined, so an inline field stays one paragraph."""
    return _BLANK_LINES.sub("\n", text.strip())


class SiteMarkdown:
    """The site's Markdown for quiz text: called for block fields, ``inline`` for short ones."""

    def __init__(self, config: MkDocsConfig) -> None:
        configs = {name: dict(options) for name, options in (config.mdx_configs or {}).items()}
        if "pymdownx.snippets" in configs:
            # Snippets the site appends to every page (e.g. abbreviations) must not land in each
            # field.
            configs["pymdownx.snippets"].pop("auto_append", None)
        extensions = list(config.markdown_extensions)
        self._block = markdown_lib.Markdown(extensions=extensions, extension_configs=configs)
        self._inline = inline_only(
            markdown_lib.Markdown(extensions=extensions, extension_configs=configs)
        )
        self._plain_is_inert = all(inert_on_plain_text(extension) for extension in extensions)

    def __call__(self, text: str) -> str:
        """Block Markdown (paragraphs, lists, headings): descriptions, vignettes, explanations."""
        return self._convert(self._block, text)

    def inline(self, text: str) -> str:
        """One paragraph of inline Markdown, for choices, feedback, question and statement texts."""
        return self._convert(self._inline, one_paragraph(text))

    def _convert(self, converter: markdown_lib.Markdown, text: str) -> str:
        if self._plain_is_inert and PLAIN_TEXT.fullmatch(text):
            return f"<p>{text}</p>"  # what Python-Markdown gives, without its whole pipeline
        return converter.reset().convert(text)


def site_markdown(config: MkDocsConfig) -> SiteMarkdown:
    """One converter with the site's extensions, reused for every quiz text field (fast and
    consistent).

    Shared by the plugin and ``handbook check`` so both render quiz text the same way. Most fields
    are one plain sentence, which Python-Markdown would only wrap in ``<p>``: when none of the
    site's extensions could change such text, it is wrapped directly (see PLAIN_TEXT for what
    that saves).
    """
    return SiteMarkdown(config)
