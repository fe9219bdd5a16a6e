"""Quiz text for other tools: Markdown to HTML, docs-relative links made absolute, XHTML for QTI.

Quiz text is written for the site, with links relative to docs/. An LMS shows it far from the
site, so every such link must point at the published page instead (``rapport.md#skills`` becomes
``https://host/rapport/#skills``). The site's own extensions are not used: an LMS has no
stylesheet for admonitions or tabs, so plain Python-Markdown output travels best.
"""

from __future__ import annotations

import html
import posixpath
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

import markdown

from ..homes import quiz_page_path
from ..markdown import inline_only, one_paragraph
from ..model import Question

EXTENSIONS = ("abbr", "attr_list", "def_list", "fenced_code", "sane_lists", "tables")
"""Python-Markdown's basic extensions: output any LMS can show without site CSS or scripts."""

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_HTML_LINK = re.compile(r"""\b(?P<attr>href|src)=(?P<quote>["'])(?P<url>.*?)(?P=quote)""")
_MD_INLINE_LINK = re.compile(r"(?P<head>!?\[[^\]]*\]\(\s*<?)(?P<url>[^)\s>]+)")
_MD_REFERENCE = re.compile(
    r"^(?P<head> {0,3}\[[^\]]+\]:\s*<?)(?P<url>\S+?)(?=>?(\s|$))", re.MULTILINE
)
_SINGLE_PARAGRAPH = re.compile(r"^<p>(.*)</p>$", re.DOTALL)


@dataclass(frozen=True)
class Site:
    """Where the handbook is published, from mkdocs.yml: what absolute links are made from."""

    url: str = ""
    """``site_url`` with a trailing slash, or ``""`` when mkdocs.yml has none."""
    directory_urls: bool = True
    name: str = ""
    pages_dir: str = "quizzes"
    """URL folder of the generated quiz pages (the plugin's ``pages_dir``)."""
    homes: Mapping[str, str] = field(default_factory=dict, hash=False)
    """With ``quiz_pages: false``: quiz id -> ``chapter.md#hq-<id>``, where the quiz is shown."""

    def quiz_url(self, quiz_id: str) -> str:
        """The published page of one quiz, or the chapter that shows it (``quiz_pages: false``)."""
        return self.absolute(self.homes.get(quiz_id) or quiz_page_path(self.pages_dir, quiz_id))

    def absolute(self, url: str) -> str:
        """A docs-relative link as a full URL; other links (and all, without a site_url) stay."""
        if not self.url or not url or url.startswith(("#", "//")) or _SCHEME.match(url):
            return url
        if url.startswith("/"):
            return urljoin(self.url, url)
        path, hash_mark, fragment = url.partition("#")
        path, question_mark, query = path.partition("?")
        path = posixpath.normpath(path) if path else path
        if path == ".." or path.startswith("../"):
            return url  # outside docs/: not ours to guess
        if path.endswith(".md"):
            path = self._page_path(path[: -len(".md")])
        elif path == ".":
            path = ""
        return f"{self.url}{path}{question_mark}{query}{hash_mark}{fragment}"

    def _page_path(self, stem: str) -> str:
        """MkDocs' URL of a page: ``rapport`` -> ``rapport/`` (or ``rapport.html``), index -> its
        folder."""
        if not self.directory_urls:
            return f"{stem}.html"
        if stem == "index" or stem.endswith("/index"):
            return stem[: -len("index")]
        return f"{stem}/"


class Text:
    """Renders quiz Markdown for export; one converter, reset for each field (fast, no state
    leaks)."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self._converter = markdown.Markdown(extensions=list(EXTENSIONS), output_format="xhtml")
        self._inline = inline_only(
            markdown.Markdown(extensions=list(EXTENSIONS), output_format="xhtml")
        )

    def html(self, source: str) -> str:
        """Block HTML with absolute links; ``""`` for empty text."""
        return self._render(self._converter, source)

    def inline(self, source: str) -> str:
        """HTML for a short field such as a choice or its feedback: inline Markdown only, as on the
        site (``#hashtag`` stays text, ``- x`` is no list), with the lone paragraph unwrapped."""
        rendered = self._render(self._inline, one_paragraph(source))
        match = _SINGLE_PARAGRAPH.match(rendered)
        return match.group(1) if match and "<p>" not in match.group(1) else rendered

    def _render(self, converter: markdown.Markdown, source: str) -> str:
        if not source.strip():
            return ""
        rendered = converter.reset().convert(source)
        return _HTML_LINK.sub(self._absolute_attribute, rendered).strip()

    def markdown(self, source: str) -> str:
        """Markdown source with its docs-relative link targets made absolute (for JSON)."""

        def fix(match: re.Match[str]) -> str:
            return match.group("head") + self.site.absolute(match.group("url"))

        return _MD_REFERENCE.sub(fix, _MD_INLINE_LINK.sub(fix, source))

    def _absolute_attribute(self, match: re.Match[str]) -> str:
        url = html.unescape(match.group("url"))
        quote = match.group("quote")
        absolute = html.escape(self.site.absolute(url), quote=True)
        return f"{match.group('attr')}={quote}{absolute}{quote}"


def question_html(question: Question, text: Text) -> str:
    """Vignette (in its own ``div``, so an LMS theme can style it) followed by the question text."""
    vignette = text.html(question.vignette)
    prefix = f'<div class="hq-vignette">{vignette}</div>\n' if vignette else ""
    return prefix + text.html(question.text)


def plain(fragment: str) -> str:
    """The visible text of an HTML fragment, whitespace collapsed (for titles and comparisons)."""
    root = xhtml(fragment, "")
    return " ".join("".join(root.itertext()).split())


# QTI 2.1 content is XHTML in the QTI namespace, limited to these elements and attributes.
CONTENT_ELEMENTS = frozenset(
    {
        "a",
        "abbr",
        "acronym",
        "address",
        "b",
        "big",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "col",
        "colgroup",
        "dd",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "kbd",
        "li",
        "ol",
        "p",
        "pre",
        "q",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "tt",
        "ul",
        "var",
    }
)
_BLOCK_FALLBACK = frozenset(
    {
        "article",
        "aside",
        "details",
        "figcaption",
        "figure",
        "footer",
        "header",
        "main",
        "nav",
        "section",
        "summary",
    }
)
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)
_ATTRIBUTES = {
    "a": {"href", "type"},
    "img": {"src", "alt", "width", "height", "longdesc"},
    "td": {"colspan", "rowspan", "scope", "headers", "abbr", "axis"},
    "th": {"colspan", "rowspan", "scope", "headers", "abbr", "axis"},
    "col": {"span"},
    "colgroup": {"span"},
    "q": {"cite"},
    "blockquote": {"cite"},
}


def xhtml(fragment: str, namespace: str) -> ET.Element:
    """Parse an HTML fragment into a ``div`` of well-formed elements QTI 2.1 allows.

    Entities become characters, unknown elements become ``div`` or ``span``, attributes outside
    the QTI content model (ids, styles, titles) are dropped, and ``img`` always has an ``alt``.
    """
    builder = _XhtmlBuilder(namespace)
    builder.feed(fragment)
    builder.close()
    return builder.root


class _XhtmlBuilder(HTMLParser):
    def __init__(self, namespace: str) -> None:
        super().__init__(convert_charrefs=True)
        self.prefix = f"{{{namespace}}}" if namespace else ""
        self.root = ET.Element(f"{self.prefix}div")
        self.stack: list[tuple[str, ET.Element]] = [("", self.root)]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        name = tag if tag in CONTENT_ELEMENTS else ("div" if tag in _BLOCK_FALLBACK else "span")
        allowed = _ATTRIBUTES.get(name, set()) | {"class"}
        element = ET.SubElement(
            self.stack[-1][1],
            f"{self.prefix}{name}",
            {key: value or "" for key, value in attrs if key in allowed},
        )
        if name == "img":
            element.set("alt", element.get("alt", ""))
        if tag not in _VOID:
            self.stack.append((tag, element))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        parent = self.stack[-1][1]
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + data
        else:
            parent.text = (parent.text or "") + data
