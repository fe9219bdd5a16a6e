"""Content guards for the handbook's own chapters, quizzes, glossary and references.

Pure Python and fast: the Markdown and YAML files are parsed directly (quizzes through the plugin's
own loader and validator); nothing is built. ``mkdocs build --strict`` with the ``validation``
settings checked below is the second line of defence for links and anchors.

The minimums apply only to the chapters listed in ``CHAPTERS``, so that a chapter an instructor has
just scaffolded (``handbook new``) does not turn the suite red until it is added here. The stricter
rules of the content and quiz reworks (discussion questions, 10 questions with 5 scenarios and 2
select-all questions, no repeated disclaimer in a self-assessment) apply to the chapters in
``REWORKED``; a chapter joins that set once it meets them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import markdown
import pytest
import yaml
from handbook_quiz.embed import scan_block_lines
from handbook_quiz.labels import ENGLISH
from handbook_quiz.loader import load_file
from handbook_quiz.model import Band, Quiz
from handbook_quiz.validate import validate

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
QUIZZES = ROOT / "quizzes"
ABBREVIATIONS = ROOT / "includes" / "abbreviations.md"
REFERENCES = DOCS / "references.md"
GLOSSARY = DOCS / "glossary.md"

TOPIC_CHAPTERS = (
    "rapport",
    "goal-setting",
    "empathy",
    "cultural-humility",
    "repairing-ruptures",
    "clients-view",
)
"""The topic chapters: each has a subscale in the alliance profile."""
CHAPTERS = ("foundations", "evidence", *TOPIC_CHAPTERS)
"""Every chapter the minimums apply to (foundations and evidence are chapters but not profile
subscales)."""
REWORKED = frozenset(
    {
        "foundations",
        "evidence",
        "rapport",
        "goal-setting",
        "empathy",
        "cultural-humility",
        "repairing-ruptures",
        "clients-view",
    }
)
"""Chapters that meet the stricter rules (``REWORKED_SECTIONS``, ``MIN_QUESTIONS``,
``MIN_VIGNETTES``, the select-all rule, no repeated disclaimer). Widen it as chapters are reworked;
once it holds every chapter, the ``LEGACY_`` rules can go."""
PROFILE = "alliance-profile"
HANDBOOK_QUIZZES = (
    *(f"{c}-{kind}" for c in CHAPTERS for kind in ("check", "self")),
    PROFILE,
    "alliance-check-in",
)
"""The handbook's own quizzes (other quiz files, such as an instructor guide's examples, are checked
by the build)."""
REWORKED_QUIZZES = frozenset(
    {*(f"{c}-{kind}" for c in REWORKED for kind in ("check", "self")), PROFILE, "alliance-check-in"}
)
"""Quiz files held to the reworked rules; add others here (e.g. a guide example) once they meet
them."""

SECTIONS = (
    "objectives",
    "evidence",
    "core-concepts",
    "skills",
    "case",
    "misconceptions",
    "ethics",
    "check",
    "reflect",
    "prompts",
    "discussion",
    "takeaways",
    "further-reading",
)
"""The standard H2 ids, in the order the content conventions give them."""
LEGACY_SECTIONS = tuple(s for s in SECTIONS if s != "discussion")
"""The sections of a chapter not yet in ``REWORKED`` (no discussion questions yet)."""
MIN_DISCUSSION, MAX_DISCUSSION = 3, 5
"""Open seminar questions under '## Discussion questions {#discussion}'."""

MIN_WORDS, MAX_WORDS = 2_500, 5_000
MIN_QUESTIONS, MIN_VIGNETTES = 10, 5
LEGACY_MIN_QUESTIONS, LEGACY_MIN_VIGNETTES = 8, 3
MIN_SELECT_ALL, SELECT_ALL_KEYS, SELECT_ALL_CHOICES = 2, (2, 3), (4, 5)
"""At least two select-all questions with 2-3 correct choices among 4-5 choices."""
MIN_ITEMS, MIN_SUBSCALES, MIN_REVERSED = 12, 2, 3

GENERATED_PAGES = ("my-results.md", "quizzes/index.md")
"""Pages the quiz plugin adds to the site (plus one ``quizzes/<id>.md`` page per quiz)."""


# --------------------------------------------------------------------------------------------------
# Reading files


@cache
def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


class _LenientLoader(yaml.SafeLoader):
    """mkdocs.yml uses tags such as ``!ENV``; read them as plain values."""


_LenientLoader.add_multi_constructor(
    "",
    lambda loader, suffix, node: (
        None if not isinstance(node, yaml.ScalarNode) else loader.construct_scalar(node)
    ),
)
_LenientLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@cache
def mkdocs_config() -> dict[str, Any]:
    return yaml.load(read(ROOT / "mkdocs.yml"), Loader=_LenientLoader)  # noqa: S506 - safe loader subclass


@cache
def quiz(quiz_id: str) -> Quiz:
    """One quiz, through the plugin's own loader and validator; fails with its issues if invalid."""
    path = QUIZZES / f"{quiz_id}.yml"
    assert path.is_file(), f"quizzes/{quiz_id}.yml is missing"
    loaded = load_file(path, f"quizzes/{quiz_id}.yml")
    result, issues = validate(loaded, quiz_id, DOCS)
    assert result is not None, "\n".join(str(issue) for issue in issues)
    return result


@cache
def quiz_data(path: Path) -> Any:
    return yaml.safe_load(read(path))


def quiz_files() -> list[Path]:
    return sorted(p for p in QUIZZES.rglob("*") if p.suffix in (".yml", ".yaml"))


def strings_in(value: Any, path: str = "") -> list[tuple[str, str]]:
    """Every string in loaded YAML data, with a readable path such as
    ``questions[2].explanation``."""
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        return [
            s
            for key, child in value.items()
            for s in strings_in(child, f"{path}.{key}" if path else str(key))
        ]
    if isinstance(value, list):
        return [s for i, child in enumerate(value) for s in strings_in(child, f"{path}[{i}]")]
    return []


def wording_texts(wording: dict[str, str]) -> list[str]:
    return [text for text in wording.values() if text]


# --------------------------------------------------------------------------------------------------
# Markdown structure: headings, anchors, links, prose words

FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
QUIZ_BLOCK_START = re.compile(r"^[ \t>]*///\s*quiz\b")
BLOCK_END = re.compile(r"^[ \t>]*///\s*$")
H2 = re.compile(r"^##\s+(?P<title>.*?)\s*(?:\{(?P<attrs>[^}]*)\})?\s*$")


def without_code_and_quiz_blocks(text: str) -> str:
    """The page with fenced code and ``/// quiz`` blocks blanked out (line numbers are kept)."""
    out, fence, in_quiz = [], "", False
    for line in text.splitlines():
        opener = FENCE.match(line)
        if fence:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = ""
            out.append("")
            continue
        if opener:
            fence = opener.group(1)
            out.append("")
            continue
        if in_quiz:
            in_quiz = not BLOCK_END.match(line)
            out.append("")
            continue
        if QUIZ_BLOCK_START.match(line):
            in_quiz = True
            out.append("")
            continue
        out.append(line)
    return "\n".join(out)


def h2_ids(text: str) -> list[str]:
    """The explicit ids (``{#id}``) of the page's H2 headings, in order; '' for a heading without
    one."""
    ids = []
    for line in without_code_and_quiz_blocks(text).splitlines():
        match = H2.match(line)
        if match:
            found = re.search(r"#([\w-]+)", match.group("attrs") or "")
            ids.append(found.group(1) if found else "")
    return ids


def section_of(text: str, line_number: int) -> str:
    """The explicit id of the H2 section that contains a line."""
    current = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if number > line_number:
            break
        match = H2.match(line)
        if match:
            found = re.search(r"#([\w-]+)", match.group("attrs") or "")
            current = found.group(1) if found else ""
    return current


def site_extensions() -> tuple[list[Any], dict[str, Any]]:
    """The site's Markdown extensions and their settings, without snippets (no appended
    glossary)."""
    names, configs = [], {}
    for entry in mkdocs_config()["markdown_extensions"]:
        name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        if name == "pymdownx.snippets":
            continue
        names.append(name)
        if settings:
            configs[name] = settings
    return names, configs


@cache
def page_ids(page: str) -> frozenset[str]:
    """Every id the page's HTML will have: headings (explicit or slugged, as the toc makes them) and
    attr_list ids."""
    names, configs = site_extensions()
    html = markdown.Markdown(extensions=names, extension_configs=configs).convert(read(DOCS / page))
    return frozenset(re.findall(r'\sid="([^"]+)"', html))


def docs_pages() -> list[str]:
    return sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))


def generated_pages() -> set[str]:
    return {*GENERATED_PAGES, *(f"quizzes/{p.stem}.md" for p in quiz_files())}


INLINE_LINK = re.compile(
    r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?(?P<target>[^()\s>]*(?:\([^()\s]*\)[^()\s>]*)*)>?(?:\s+\"[^\"]*\")?\s*\)"
)
REF_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(?P<target>\S+?)>?(?:\s|$)", re.MULTILINE)
HREF = re.compile(r"""\b(?:href|src)\s*=\s*["'](?P<target>[^"']+)["']""")
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


def without_code(text: str) -> str:
    """The text without code fences, quiz blocks and code spans (examples, not content); lines are
    kept."""
    return re.sub(r"`[^`\n]+`", lambda m: " " * len(m.group(0)), without_code_and_quiz_blocks(text))


def links_in(text: str) -> list[tuple[int, str]]:
    """(offset, target) of every Markdown or HTML link/image in the text, code excluded."""
    text = without_code(text)
    found = [
        (m.start(), m.group("target"))
        for pattern in (INLINE_LINK, REF_DEFINITION, HREF)
        for m in pattern.finditer(text)
    ]
    return sorted(found)


def link_problem(target: str, from_page: str) -> str | None:
    """Why a docs-relative link from ``from_page`` (docs-relative) does not resolve, or None if it
    does."""
    if not target or EXTERNAL.match(target):
        return None
    path, _, anchor = target.partition("#")
    path = unquote(path.split("?", 1)[0])
    if path.startswith("/"):
        return "absolute link: use a docs-relative path such as rapport.md#skills"
    if path:
        resolved = (Path(from_page).parent / path).as_posix()
        parts: list[str] = []
        for part in resolved.split("/"):
            if part == "..":
                if not parts:
                    return "points outside docs/"
                parts.pop()
            elif part not in ("", "."):
                parts.append(part)
        page = "/".join(parts)
    else:
        page = from_page
    if page in generated_pages():
        return (
            f"#{anchor} cannot be checked on a generated page: link to the page only"
            if anchor
            else None
        )
    if not (DOCS / page).is_file():
        return f"no file docs/{page}"
    if anchor and page.endswith(".md") and anchor not in page_ids(page):
        return f"docs/{page} has no heading or element with id '{anchor}'"
    return None


MARKUP = [
    (re.compile(r"<!--.*?-->", re.DOTALL), " "),
    (re.compile(r"<[^>\n]+>"), " "),  # HTML tags
    (re.compile(r"\{[:#.][^}\n]*\}|\{\s*#[^}\n]*\}"), " "),  # attr_list
    (re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$", re.MULTILINE), " "),  # link definitions
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r" \1 "),  # images: keep alt text
    (re.compile(r"\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)"), r" \1 "),  # links: keep the text
    (
        re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s*[\w-]+(?:\s+inline(?:\s+end)?)?", re.MULTILINE),
        " ",
    ),  # admonition type
    (re.compile(r"^\s*===\s*", re.MULTILINE), " "),  # tabs
    (
        re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$", re.MULTILINE),
        " ",
    ),  # table rules
    (re.compile(r"https?://\S+"), " "),
]
WORD = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*")


def prose_words(text: str) -> int:
    """Words of prose: no code fences, quiz blocks, HTML, attributes, link targets or Markdown
    symbols."""
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.DOTALL)  # YAML front matter
    text = without_code_and_quiz_blocks(text)
    for pattern, replacement in MARKUP:
        text = pattern.sub(replacement, text)
    return len(WORD.findall(text))


# --------------------------------------------------------------------------------------------------
# Citations and references

_UPPER = "A-ZÀ-ÖØ-ÞĀ-ſ"
_PARTICLE = (
    r"(?:(?:[Vv]an|[Vv]on|[Dd]e|[Dd]el|[Dd]er|[Dd]en|[Dd]a|[Dd]i|[Dd]u|[Ll]a|[Ll]e|[Dd]os|[Tt]en|"
    r"[Tt]er)\s+)"
)
NAME = rf"{_PARTICLE}*[{_UPPER}][^\W\d_]*(?:-[^\W\d_]+|['’][{_UPPER}][^\W\d_]*)*"
YEAR = r"(?:\d{4}(?:/\d{4})?[a-z]?|n\.d\.)"
YEARS = rf"(?P<years>{YEAR}(?:,\s*{YEAR})*)"
ET_AL = r",?\s+et\s+al\."
SEPARATOR = r"(?:,?\s+(?:&|and)\s+|,\s+)"
PREFIXES = re.compile(
    r"^\s*(?:(?:e\.g\.|i\.e\.|cf\.|see(?:\s+also)?|as\s+reviewed\s+in|reviewed\s+in|for\s+example|for\s+a\s+review,?\s+see)[,:]?\s+)+",
    re.IGNORECASE,
)


def _org_names() -> list[str]:
    """Organisations that are authors of reference entries (cited by their full name)."""
    return sorted((e.authors for e in reference_entries() if e.organisation), key=len, reverse=True)


@cache
def citation_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    orgs = "|".join(re.escape(name) for name in _org_names())
    org = rf"(?:{orgs})|" if orgs else ""
    authors = rf"(?P<authors>{org}{NAME}(?:{SEPARATOR}{NAME})*(?:{ET_AL})?)"
    parenthetical_part = re.compile(rf"(?<![\w.]){authors},\s+{YEARS}(?![\w/])")
    narrative = re.compile(rf"(?<![\w.-]){authors}(?:'s|’s|'|’)?\s+\({YEARS}(?=\s*[);,])")
    return parenthetical_part, narrative


@dataclass(frozen=True)
class Citation:
    first: str
    second: str | None
    """The second author's surname for a two-author work; '' for three or more ("et al."); None for
    one; '+' and the second surname for "Owen, Leach, et al.", the APA form that tells apart two
    works with the same first author and year but different co-authors."""
    year: str
    text: str
    where: str

    @property
    def key(self) -> tuple[str, str | None, str]:
        return (fold(self.first), fold(self.second) if self.second else self.second, self.year)


def fold(name: str) -> str:
    """Compare surnames case-insensitively, keeping their diacritics (Flückiger is not
    Fluckiger)."""
    return unicodedata.normalize("NFC", name).casefold().replace("’", "'")


def author_readings(authors: str) -> list[tuple[str, str | None]]:
    """Ways to read a cited author string as (first surname, second surname / '' for et al. / None).

    The first reading takes every name; the others drop leading words one by one, for a sentence
    such as "However, Flückiger et al. (2018) found", where "However" is no author.
    """
    if authors in _org_names():
        return [(authors, None)]
    et_al = re.search(rf"{ET_AL}$", authors) is not None
    names = [n.strip() for n in re.split(SEPARATOR, re.sub(rf"{ET_AL}$", "", authors)) if n.strip()]
    readings = []
    for start in range(len(names)):
        rest = names[start:]
        if et_al:
            readings.append((rest[0], f"+{rest[1]}" if len(rest) >= 2 else ""))
        else:
            readings.append(
                (rest[0], "" if len(rest) >= 3 else (rest[1] if len(rest) == 2 else None))
            )
    return readings


LINK_TARGET = re.compile(r"\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)")


def parenthesised(text: str) -> list[tuple[int, str]]:
    """(offset, content) of every balanced parenthesis, nested ones blanked out of their parent."""
    spans, stack = [], []
    for i, char in enumerate(text):
        if char == "(":
            stack.append(i)
        elif char == ")" and stack:
            start = stack.pop()
            spans.append((start + 1, i))
    blanked = []
    for start, end in spans:
        inner = list(text[start:end])
        for other_start, other_end in spans:
            if start < other_start and other_end < end:
                inner[other_start - 1 - start : other_end + 1 - start] = " " * (
                    other_end - other_start + 2
                )
        blanked.append((start, "".join(inner)))
    return sorted(blanked)


def citations_in(
    text: str, where: str, known: set[tuple[str, str | None, str]] | None = None
) -> list[Citation]:
    """Every (Author, Year) and Author (Year) citation in a text; ``where`` names the file, for
    messages.

    Handles several works in one parenthesis, prefixes such as "e.g.," and "see", "et al.", two
    authors with "&" or "and", organisation authors, years with letters (2011a) and non-ASCII
    surnames. ``known`` holds the keys of the reference entries (default: docs/references.md), for
    sentence lead-ins.
    """
    parenthetical_part, narrative = citation_patterns()
    # Same length as the text, so offsets still give line numbers: no newlines, no link targets.
    flat = LINK_TARGET.sub(lambda m: "]" + " " * (len(m.group(0)) - 1), text.replace("\n", " "))
    found: list[tuple[int, str, str]] = []

    for start, inner in parenthesised(flat):
        for part in re.finditer(r"[^;]+", inner):
            body = PREFIXES.sub(lambda m: " " * len(m.group(0)), part.group(0))
            for match in parenthetical_part.finditer(body):
                found.append(
                    (
                        start + part.start() + match.start(),
                        match.group("authors"),
                        match.group("years"),
                    )
                )
    for match in narrative.finditer(flat):
        authors = PREFIXES.sub("", match.group("authors"))
        found.append((match.start(), authors, match.group("years")))

    if known is None:
        known = set(reference_keys())
    citations = []
    for offset, authors, years in sorted(set(found)):
        readings = author_readings(authors)
        for year in re.split(r",\s*", years):
            candidates = [
                Citation(
                    first, second, year, f"{authors}, {year}", f"{where}:{line_of(text, offset)}"
                )
                for first, second in readings
            ]
            citations.append(next((c for c in candidates if c.key in known), candidates[0]))
    return citations


@dataclass(frozen=True)
class Reference:
    authors: str
    surnames: tuple[str, ...]
    year: str
    line: int
    text: str
    organisation: bool

    @property
    def key(self) -> tuple[str, str | None, str]:
        if len(self.surnames) >= 3 or "…" in self.authors:
            second: str | None = ""
        elif len(self.surnames) == 2:
            second = fold(self.surnames[1])
        else:
            second = None
        return (fold(self.surnames[0]), second, self.year)

    @property
    def keys(self) -> tuple[tuple[str, str | None, str], ...]:
        """Every way the entry can be cited: "(Owen et al., 2011)" and, for three or more authors,
        "(Owen, Leach, et al., 2011)"."""
        if self.key[1] == "" and len(self.surnames) >= 2:
            return (self.key, (self.key[0], f"+{fold(self.surnames[1])}", self.year))
        return (self.key,)

    @property
    def cited_as(self) -> str:
        first, second, year = self.surnames[0], self.key[1], self.year
        if second is None:
            return f"({first}, {year})"
        if second == "":
            if len(reference_keys()[self.key]) > 1 and len(self.surnames) >= 2:
                return f"({first}, {self.surnames[1]}, et al., {year})"
            return f"({first} et al., {year})"
        return f"({first} & {self.surnames[1]}, {year})"


ENTRY = re.compile(
    r"^- (?P<authors>.+?)\s+(?:\((?:Eds?)\.\)\.\s+)?"
    r"\((?P<year>\d{4}[a-z]?|n\.d\.)(?:, [^)]*)?\)\.\s"
)
INITIALS = re.compile(rf"^(?:[{_UPPER}][a-z]?\.[\s-]*)+$|^(?:Jr|Sr)\.$|^I{{2,3}}$")


@cache
def reference_entries() -> tuple[Reference, ...]:
    entries = []
    for number, line in enumerate(read(REFERENCES).splitlines(), start=1):
        if not line.startswith("- "):
            continue
        match = ENTRY.match(line)
        assert match, (
            f"docs/references.md:{number}: cannot read the authors and year of this entry: "
            f"{line[:80]}"
        )
        authors = match.group("authors")
        tokens = [re.sub(r"^(?:&|…|\.\.\.)\s*", "", t).strip() for t in re.split(r",\s+", authors)]
        organisation = not any(INITIALS.match(t) for t in tokens)
        if organisation:  # "Substance Abuse and Mental Health Services Administration."
            authors = authors.rstrip(".")
            surnames: tuple[str, ...] = (authors,)
        else:
            surnames = tuple(t for t in tokens if t and not INITIALS.match(t))
        entries.append(
            Reference(authors, surnames, match.group("year"), number, line, organisation)
        )
    return tuple(entries)


@cache
def reference_keys() -> dict[tuple[str, str | None, str], tuple[Reference, ...]]:
    """Every citation key of the reference list, with the entries it could mean."""
    found: dict[tuple[str, str | None, str], list[Reference]] = defaultdict(list)
    for entry in reference_entries():
        for key in entry.keys:
            found[key].append(entry)
    return {key: tuple(entries) for key, entries in found.items()}


def citation_sources() -> list[tuple[str, str]]:
    """(where, text) of every text that may cite: docs pages (but the reference list) and quiz
    strings."""
    sources = [
        (f"docs/{page}", without_code(read(DOCS / page)))
        for page in docs_pages()
        if DOCS / page != REFERENCES
    ]
    for path in quiz_files():
        name = path.relative_to(ROOT).as_posix()
        sources += [(f"{name} ({key})", text) for key, text in strings_in(quiz_data(path))]
    return sources


@cache
def all_citations() -> tuple[Citation, ...]:
    return tuple(c for where, text in citation_sources() for c in citations_in(text, where))


# --------------------------------------------------------------------------------------------------
# The citation parser itself


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("as Bordin argued (Bordin, 1979).", [("Bordin", None, "1979")]),
        ("(Ackerman & Hilsenroth, 2003)", [("Ackerman", "Hilsenroth", "2003")]),
        (
            "(Flückiger et al., 2018; Farber et al., 2018)",
            [("Flückiger", "", "2018"), ("Farber", "", "2018")],
        ),
        ("(e.g., Tryon et al., 2018)", [("Tryon", "", "2018")]),
        ("(see Wampold, 2015)", [("Wampold", None, "2015")]),
        ("(see also Wampold & Imel, 2015)", [("Wampold", "Imel", "2015")]),
        ("Bordin (1979) proposed", [("Bordin", None, "1979")]),
        ("Bordin's (1979) model", [("Bordin", None, "1979")]),
        ("In a meta-analysis, Flückiger et al. (2018) found", [("Flückiger", "", "2018")]),
        ("However, Flückiger et al. (2018) found", [("Flückiger", "", "2018")]),
        ("Later, Horvath and Greenberg (1989) wrote", [("Horvath", "Greenberg", "1989")]),
        ("Lambert & Barley (2001) grouped", [("Lambert", "Barley", "2001")]),
        ("Safran and Muran (2000) describe", [("Safran", "Muran", "2000")]),
        (
            "(Substance Abuse and Mental Health Services Administration, 2019)",
            [("Substance Abuse and Mental Health Services Administration", None, "2019")],
        ),
        ("(Owen et al., 2011a, 2011b)", [("Owen", "", "2011a"), ("Owen", "", "2011b")]),
        ("Owen et al. (2011b) found", [("Owen", "", "2011b")]),
        (
            "(Owen, Leach, et al., 2011; Owen, Tao, et al., 2011)",
            [("Owen", "+Leach", "2011"), ("Owen", "+Tao", "2011")],
        ),
        ("However, Owen, Tao, et al. (2011) found", [("Owen", "+Tao", "2011")]),
        (
            "(Pérez-Rojas et al., 2019; Østergård et al., 2018)",
            [("Pérez-Rojas", "", "2019"), ("Østergård", "", "2018")],
        ),
        ("(Tervalon & Murray-García, 1998)", [("Tervalon", "Murray-García", "1998")]),
        ("(r = .28, 95% CI [.23, .33]; Elliott et al., 2018)", [("Elliott", "", "2018")]),
        ("(Tryon, Birch & Verkuilen, 2018)", [("Tryon", "", "2018")]),
        ("(Bordin, 1979, p. 252)", [("Bordin", None, "1979")]),
        ("(k = 21, N = 1,192) and (1978 to 2017) and (3rd ed., 2019) and (WAI)", []),
        ("Psychotherapy Relationships That Work (3rd ed., 2019)", []),
        ("the studies (1978–2017) in the review", []),
        ("(r = .29 (d = .62); Eubanks et al., 2018)", [("Eubanks", "", "2018")]),
        (
            "(Eubanks et al., 2019; see [Repairing ruptures](repairing-ruptures.md#skills))",
            [("Eubanks", "", "2019")],
        ),
        ("[Bordin (1979)](https://doi.org/10.1037/h0085885)", [("Bordin", None, "1979")]),
        ("The Alliance Handbook contributors. (2026). Repairing ruptures.", []),
    ],
)
def test_citation_parser(text: str, expected: list[tuple[str, str | None, str]]) -> None:
    known = {
        (fold(first), fold(second) if second else second, year) for first, second, year in expected
    }
    found = [(c.first, c.second, c.year) for c in citations_in(text, "example", known)]
    assert found == expected


def test_reference_entries_are_read() -> None:
    by_key = {entry.key: entry for entry in reference_entries()}
    assert ("bordin", None, "1979") in by_key
    assert ("ackerman", "hilsenroth", "2003") in by_key
    assert ("flückiger", "", "2018") in by_key
    assert any(entry.organisation for entry in reference_entries())


# --------------------------------------------------------------------------------------------------
# Citations against the reference list


def test_references_can_be_told_apart() -> None:
    """Two entries cited the same way need telling apart: by the second author when the co-authors
    differ (APA: "Owen, Leach, et al., 2011"), by letters (2011a, 2011b) when the authors are the
    same."""
    keys = reference_keys()
    clashes = sorted(
        {
            f"{e.cited_as}: docs/references.md lines " + ", ".join(str(o.line) for o in keys[e.key])
            for e in reference_entries()
            if all(len(keys[key]) > 1 for key in e.keys)
        }
    )
    assert clashes == [], (
        "entries cited the same way; add letters to their years (2011a, 2011b) in both the entries "
        "and the citations:\n" + "\n".join(clashes)
    )


def test_every_citation_has_a_reference() -> None:
    keys = reference_keys()
    missing = [f"{c.where}: {c.text}" for c in all_citations() if c.key not in keys]
    assert missing == [], (
        "citations without an entry in docs/references.md (match: first author, year, and second "
        "author or 'et al.'):\n" + "\n".join(missing)
    )
    ambiguous = [
        f"{c.where}: {c.text} could be " + " or ".join(e.cited_as for e in keys[c.key])
        for c in all_citations()
        if len(keys.get(c.key, ())) > 1
    ]
    assert ambiguous == [], (
        "citations that match more than one entry; name the second author as APA style does:\n"
        + "\n".join(ambiguous)
    )


def test_every_reference_is_cited() -> None:
    cited = {c.key for c in all_citations()}
    uncited = [
        f"docs/references.md:{e.line}: {e.cited_as}"
        for e in reference_entries()
        if not any(key in cited for key in e.keys)
    ]
    assert uncited == [], "reference entries that no page or quiz cites:\n" + "\n".join(uncited)


# --------------------------------------------------------------------------------------------------
# Chapters


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_has_the_standard_sections_in_order(chapter: str) -> None:
    ids = h2_ids(read(DOCS / f"{chapter}.md"))
    sections = SECTIONS if chapter in REWORKED or "discussion" in ids else LEGACY_SECTIONS
    missing = [s for s in sections if s not in ids]
    assert missing == [], (
        f"docs/{chapter}.md lacks H2 sections with these ids: {missing} "
        "(e.g. '## Skills {#skills}')"
    )
    order = [i for i in ids if i in SECTIONS]
    assert order == list(sections), f"docs/{chapter}.md: standard sections out of order: {order}"
    assert "" not in ids, f"docs/{chapter}.md: every H2 needs an explicit id ({{#id}})"


def section_text(text: str, section: str) -> str:
    """The lines of one H2 section (without its heading), code and quiz blocks blanked."""
    lines, inside = [], False
    for line in without_code_and_quiz_blocks(text).splitlines():
        match = H2.match(line)
        if match:
            found = re.search(r"#([\w-]+)", match.group("attrs") or "")
            inside = bool(found) and found.group(1) == section
            continue
        if inside:
            lines.append(line)
    return "\n".join(lines)


@pytest.mark.parametrize("chapter", sorted(REWORKED))
def test_chapter_has_discussion_questions(chapter: str) -> None:
    body = section_text(read(DOCS / f"{chapter}.md"), "discussion")
    questions = [
        " ".join(item.split())
        for item in re.split(r"^(?=(?:\d+\.|[-*])\s+\S)", body, flags=re.MULTILINE)
        if re.match(r"(?:\d+\.|[-*])\s+\S", item)
    ]
    assert MIN_DISCUSSION <= len(questions) <= MAX_DISCUSSION, (
        f"docs/{chapter}.md: '## Discussion questions {{#discussion}}' needs {MIN_DISCUSSION} to "
        f"{MAX_DISCUSSION} questions as a list, has {len(questions)}"
    )
    prompt = (
        r"\b(?:argue|discuss|explain|compare|suggest|describe|consider|design|propose|debate|"
        r"evaluate|weigh)\b"
    )
    closed = [q for q in questions if "?" not in q and not re.search(prompt, q, re.IGNORECASE)]
    assert closed == [], f"docs/{chapter}.md: discussion items should be open questions: {closed}"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_embeds_its_two_quizzes(chapter: str) -> None:
    text = read(DOCS / f"{chapter}.md")
    blocks = {block.argument: section_of(text, block.line) for block in scan_block_lines(text)}
    assert blocks.get(f"{chapter}-check") == "check", (
        f"docs/{chapter}.md must embed '/// quiz | {chapter}-check' under "
        "'## Check your understanding {#check}'"
    )
    assert blocks.get(f"{chapter}-self") == "reflect", (
        f"docs/{chapter}.md must embed '/// quiz | {chapter}-self' under "
        "'## Reflect on your practice {#reflect}'"
    )


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_length(chapter: str) -> None:
    words = prose_words(read(DOCS / f"{chapter}.md"))
    assert MIN_WORDS <= words <= MAX_WORDS, (
        f"docs/{chapter}.md has {words:,} words of prose; a chapter has "
        f"{MIN_WORDS:,} to {MAX_WORDS:,}"
    )


def test_word_count_ignores_markup_and_blocks() -> None:
    text = (
        "# Title {#t}\n\nOne [two](rapport.md#skills) *three*.\n\n```yaml\nnot: counted\n```\n\n"
        "/// quiz | rapport-check\n///\n\n| a | b |\n|---|---|\n| four | five |\n\n"
        '!!! note "Six"\n    seven <b>eight</b>\n'
    )
    assert prose_words(text) == 11  # Title One two three a b four five Six seven eight


# --------------------------------------------------------------------------------------------------
# Quizzes


@pytest.mark.parametrize("quiz_id", HANDBOOK_QUIZZES)
def test_every_handbook_quiz_is_valid(quiz_id: str) -> None:
    quiz(quiz_id)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_knowledge_check_minimums(chapter: str) -> None:
    check = quiz(f"{chapter}-check")
    assert check.type == "knowledge" and check.chapter == f"{chapter}.md"
    min_questions, min_vignettes = (
        (MIN_QUESTIONS, MIN_VIGNETTES)
        if chapter in REWORKED
        else (LEGACY_MIN_QUESTIONS, LEGACY_MIN_VIGNETTES)
    )
    assert len(check.questions) >= min_questions, (
        f"{chapter}-check has {len(check.questions)} questions, needs {min_questions}"
    )
    vignettes = sum(bool(q.vignette.strip()) for q in check.questions)
    assert vignettes >= min_vignettes, (
        f"{chapter}-check has {vignettes} questions with a vignette, needs {min_vignettes}"
    )
    no_explanation = [q.id for q in check.questions if not q.explanation.strip()]
    assert no_explanation == [], (
        f"{chapter}-check: questions without an explanation: {no_explanation}"
    )
    bare = [
        f"{q.id}: {c.text}"
        for q in check.questions
        for c in q.choices
        if not c.correct and not c.feedback.strip()
    ]
    assert bare == [], f"{chapter}-check: wrong choices without feedback saying why:\n" + "\n".join(
        bare
    )


def select_all_questions(check: Quiz) -> list[str]:
    """Ids of the select-all questions with 2-3 correct choices among 4-5 choices."""
    low, high = SELECT_ALL_KEYS
    return [
        q.id
        for q in check.questions
        if low <= sum(c.correct for c in q.choices) <= high
        and SELECT_ALL_CHOICES[0] <= len(q.choices) <= SELECT_ALL_CHOICES[1]
    ]


@pytest.mark.parametrize("chapter", sorted(REWORKED))
def test_knowledge_check_has_select_all_questions(chapter: str) -> None:
    found = select_all_questions(quiz(f"{chapter}-check"))
    assert len(found) >= MIN_SELECT_ALL, (
        f"{chapter}-check has {len(found)} select-all questions with "
        f"{SELECT_ALL_KEYS[0]}-{SELECT_ALL_KEYS[1]} keys among "
        f"{SELECT_ALL_CHOICES[0]}-{SELECT_ALL_CHOICES[1]} choices ({found}), "
        f"needs {MIN_SELECT_ALL}"
    )


def chapter_links(band: Band, page: str) -> list[str]:
    """Targets of the band's links to sections of ``page`` (``rapport.md#skills``) whose anchor
    exists."""
    return [
        target
        for text in wording_texts(band.text)
        for _, target in links_in(text)
        if target.partition("#")[0] == page and target.partition("#")[2] in page_ids(page)
    ]


DISCLAIMER = re.compile(
    r"\bnot (?:a |an )?(?:validated|diagnostic)\b|\bnor (?:a |an )?diagnostic\b"
)
"""The "not a validated or diagnostic instrument" note, which the quiz template shows once above the
items."""


def assert_reflective_aid(
    name: str, description: Any, *, named: bool = True, reworked: bool = True
) -> None:
    """The description calls the self-assessment a reflective learning aid, without repeating the
    template's note.

    The quiz template shows "not a validated or diagnostic instrument" once above the items, so a
    reworked self-assessment must not say it again; one not yet reworked may still carry the copy.
    """
    text = re.sub(
        r"\s+", " ", re.sub(r"[*_`]", " ", description if isinstance(description, str) else "")
    ).lower()
    if named:
        assert "reflective learning aid" in text, (
            f"{name}: the description must call it a reflective learning aid"
        )
    if reworked:
        assert not DISCLAIMER.search(text), (
            f"{name}: the description repeats the 'not a validated or diagnostic instrument' note "
            f"that the quiz template already shows; remove it from the YAML"
        )


def test_the_template_shows_the_disclaimer_once() -> None:
    """What the self-assessment descriptions no longer repeat is on every self-assessment, from the
    labels."""
    note = ENGLISH["not_diagnostic"].lower()
    assert "reflective learning aid" in note and DISCLAIMER.search(note)
    template = read(ROOT / "plugins" / "handbook_quiz" / "templates" / "quiz.html.jinja")
    assert template.count("labels.not_diagnostic") == 1


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_self_assessment_minimums(chapter: str) -> None:
    assessment = quiz(f"{chapter}-self")
    assert assessment.type == "self-assessment" and assessment.chapter == f"{chapter}.md"
    assert len(assessment.items) >= MIN_ITEMS, (
        f"{chapter}-self has {len(assessment.items)} items, needs {MIN_ITEMS}"
    )
    assert len(assessment.subscales) >= MIN_SUBSCALES, (
        f"{chapter}-self has {len(assessment.subscales)} subscales"
    )
    reversed_items = sum(item.reverse for item in assessment.items)
    assert reversed_items >= MIN_REVERSED, (
        f"{chapter}-self has {reversed_items} reverse-scored items, needs {MIN_REVERSED}"
    )
    assert_reflective_aid(assessment.id, assessment.description, reworked=chapter in REWORKED)
    bands = [*assessment.bands, *(band for s in assessment.subscales for band in s.bands)]
    assert bands, f"{chapter}-self has no bands"
    unlinked = [band.label for band in bands if not chapter_links(band, f"{chapter}.md")]
    assert unlinked == [], (
        f"{chapter}-self: bands whose text does not link to a section of {chapter}.md: {unlinked}"
    )


def test_alliance_profile_has_one_subscale_per_topic_chapter() -> None:
    profile = quiz(PROFILE)
    assert profile.type == "self-assessment"
    assert sorted(s.id for s in profile.subscales) == sorted(TOPIC_CHAPTERS), (
        f"{PROFILE}: subscale ids must be the topic chapters {TOPIC_CHAPTERS}"
    )
    for subscale in profile.subscales:
        assert profile.items_of(subscale.id), f"{PROFILE}: subscale '{subscale.id}' has no items"
        bands = profile.bands_for(subscale)
        unlinked = [
            band.label for band in subscale.bands if not chapter_links(band, f"{subscale.id}.md")
        ]
        assert bands and unlinked == [], (
            f"{PROFILE}: '{subscale.id}' bands must link to a section of {subscale.id}.md"
        )
    unlinked = [
        band.label
        for band in profile.bands
        if not any(chapter_links(band, f"{chapter}.md") for chapter in TOPIC_CHAPTERS)
    ]
    assert unlinked == [], (
        f"{PROFILE}: overall bands must link to a section of a topic chapter: {unlinked}"
    )
    assert len(profile.items) >= MIN_ITEMS and sum(i.reverse for i in profile.items) >= MIN_REVERSED
    assert_reflective_aid(profile.id, profile.description, reworked=PROFILE in REWORKED_QUIZZES)


@pytest.mark.parametrize("path", quiz_files(), ids=lambda p: p.name)
def test_self_assessment_descriptions_do_not_repeat_the_disclaimer(path: Path) -> None:
    """Every self-assessment file, the handbook's own and any other (read as plain YAML)."""
    data = quiz_data(path)
    if isinstance(data, dict) and data.get("type") == "self-assessment":
        own = (
            path.stem in HANDBOOK_QUIZZES and path.stem != "alliance-check-in"
        )  # the check-in is a conversation aid
        assert_reflective_aid(
            path.name, data.get("description"), named=own, reworked=path.stem in REWORKED_QUIZZES
        )


# --------------------------------------------------------------------------------------------------
# Claims the evidence brief marks as unverified

UNVERIFIED = {
    "Martin et al.'s r = .22": re.compile(r"\br\s*=\s*0?\.22\b"),
    "the common-factors pie-chart percentages": re.compile(r"\b(?:40|30|15)\s?(?:%|per\s?cent)"),
    "the element-by-element 2018 task force tiers": re.compile(
        r"\b(?:empathy|positive regard|collaboration|goal consensus|client feedback|congruence|"
        r"real relationship|rupture repair|repairing ruptures|self-disclosure|immediacy)\b"
        r"[^.]{0,80}\b(?:demonstrably|probably) effective|"
        r"\b(?:demonstrably|probably) effective\b[^.]{0,80}"
        r"\b(?:empathy|positive regard|collaboration|goal consensus|"
        r"client feedback|congruence|repairing ruptures|self-disclosure|immediacy)\b",
        re.IGNORECASE,
    ),
    "Owen et al. (2016)": re.compile(r"Owen et al\.,? \(?2016"),
}
HEDGE = re.compile(
    r"\b(?:often|commonly|widely|usually|reported|quoted|rough|estimates?|circulate|could not be|"
    r"not (?:been )?(?:confirmed|verified)|unverified|emerging|misconceptions?|2011)\b",
    re.IGNORECASE,
)
NEVER = {
    "Martin et al. (2000) 'r = .22' as their finding": re.compile(
        r"Martin et al\.[^.]{0,60}r\s*=\s*\.22"
    ),
    "humility 'offsetting' missed opportunities (fact-check addendum)": re.compile(
        r"\boffset", re.IGNORECASE
    ),
    "Kolden et al. (2018)'s unverified DOI": re.compile(r"pst0000162"),
    "Luborsky's unverified 1976 date": re.compile(r"Luborsky[^.]{0,40}1976"),
}


def paragraphs() -> list[tuple[str, str]]:
    """(where, paragraph) for every docs page (but the reference list) and every quiz string."""
    found = []
    for where, text in citation_sources():
        offset = 0
        for block in re.split(r"(\n\s*\n)", text):
            if block.strip():
                found.append(
                    (
                        f"{where}:{line_of(text, offset)}" if where.startswith("docs/") else where,
                        block,
                    )
                )
            offset += len(block)
    return found


def test_unverified_claims_are_hedged() -> None:
    """The brief's [U] claims may appear only hedged ("often reported", "could not be confirmed") or
    not at all."""
    problems = [
        f"{where}: {name} stated without a hedge"
        for where, block in paragraphs()
        for name, pattern in UNVERIFIED.items()
        if pattern.search(block) and not HEDGE.search(block)
    ]
    problems += [
        f"{where}: {name}"
        for where, block in paragraphs()
        for name, pattern in NEVER.items()
        if pattern.search(block)
    ]
    assert problems == [], "\n".join(problems)


# --------------------------------------------------------------------------------------------------
# Links, anchors and build settings


def test_mkdocs_validation_settings_warn() -> None:
    """With --strict, these warnings fail the build: links and anchors are checked on every
    build."""
    validation = mkdocs_config().get("validation", {})
    settings = {
        key: validation.get(key)
        for key in ("omitted_files", "absolute_links", "unrecognized_links", "anchors")
    }
    assert settings == dict.fromkeys(settings, "warn")
    for target in ("build:", "build --strict"):
        assert target in read(ROOT / "Makefile")


def test_every_docs_link_resolves() -> None:
    problems = []
    for page in docs_pages():
        text = read(DOCS / page)
        for offset, target in links_in(text):
            problem = link_problem(target, page)
            if problem:
                problems.append(
                    f"docs/{page}:{line_of(without_code(text), offset)}: {target}: {problem}"
                )
    assert problems == [], "\n".join(problems)


def test_every_quiz_link_resolves() -> None:
    """Quiz text links are docs-relative (the plugin rewrites them for each page)."""
    problems = []
    for path in quiz_files():
        for key, text in strings_in(quiz_data(path)):
            for _, target in links_in(text):
                problem = link_problem(target, "index.md")
                if problem:
                    problems.append(
                        f"{path.relative_to(ROOT).as_posix()} ({key}): {target}: {problem}"
                    )
    assert problems == [], "\n".join(problems)


def test_band_links_point_at_sections() -> None:
    """Band advice sends the reader to a section (rapport.md#skills), not just to a page."""
    problems = []
    for path in quiz_files():
        for key, text in strings_in(quiz_data(path)):
            if ".bands[" not in key or not key.split(".bands[")[1].split("]")[1].startswith(
                ".text"
            ):
                continue
            problems += [
                f"{path.name} ({key}): {target} has no section anchor"
                for _, target in links_in(text)
                if not EXTERNAL.match(target) and "#" not in target
            ]
    assert problems == [], "\n".join(problems)


# --------------------------------------------------------------------------------------------------
# Glossary and tooltips


def abbreviations() -> dict[str, str]:
    found = dict(re.findall(r"^\*\[([^\]]+)\]:\s*(.+?)\s*$", read(ABBREVIATIONS), re.MULTILINE))
    assert found, "includes/abbreviations.md defines no terms"
    return found


GLOSSARY_ID = re.compile(r"\s*\{\s*#[\w-]+\s*\}\s*$")
"""The anchor after a glossary term ('effect size {#effect-size}'), so that chapters can link to the
entry."""


def glossary_slug(term: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", term.lower().replace("'", "")).strip("-")


def glossary() -> dict[str, str]:
    """Definition-list entries of the glossary: term -> the first paragraph of its definition."""
    entries: dict[str, str] = {}
    lines = without_code_and_quiz_blocks(read(GLOSSARY)).splitlines()
    for i, line in enumerate(lines):
        if line.startswith(":   ") and i > 0 and lines[i - 1].strip():
            term, body = GLOSSARY_ID.sub("", lines[i - 1]).strip(), [line[4:].strip()]
            for follow in lines[i + 1 :]:
                if not follow.strip():
                    break
                body.append(follow.strip())
            assert term not in entries, f"docs/glossary.md defines '{term}' twice"
            entries[term] = " ".join(body)
    return entries


def test_glossary_matches_the_tooltips() -> None:
    tips, terms = abbreviations(), glossary()
    assert sorted(terms) == sorted(tips), (
        f"only in the glossary: {sorted(set(terms) - set(tips))}; "
        f"only in includes/abbreviations.md: {sorted(set(tips) - set(terms))}"
    )
    different = [term for term in tips if tips[term] != terms[term]]
    assert different == [], (
        f"definitions that differ between the glossary and the tooltips: {different}"
    )


def test_every_glossary_entry_has_its_anchor() -> None:
    """Each term carries '{#slug}', so chapters can link to the entry (glossary.md#effect-size)."""
    lines = without_code_and_quiz_blocks(read(GLOSSARY)).splitlines()
    terms = [
        lines[i - 1]
        for i, line in enumerate(lines)
        if line.startswith(":   ") and i > 0 and lines[i - 1].strip()
    ]
    wrong = [
        term
        for term in terms
        if (GLOSSARY_ID.search(term) or [""])[0].strip()
        != f"{{#{glossary_slug(GLOSSARY_ID.sub('', term).strip())}}}"
    ]
    assert wrong == [], (
        "glossary terms without their anchor ('effect size {#effect-size}'):\n" + "\n".join(wrong)
    )
