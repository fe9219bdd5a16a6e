"""``quiz_pages: false``: a quiz lives where a chapter embeds it, and every link follows it there.

One small site built both ways. With pages (the default) nothing changes; without, a quiz that a
chapter embeds has no page of its own and the quiz index, My results, links in chapters and the
exports all point at ``chapter/#hq-<id>``; a quiz no chapter embeds keeps its
page, and so does a quiz page that mkdocs.yml's ``nav`` lists.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from handbook_quiz.export.cli import export
from handbook_quiz.homes import QuizHomes, embedding_pages, nav_paths, quiz_homes
from unit_helpers import KNOWLEDGE, MKDOCS_YML, SELF, build_site, make_site

CHAPTER = """\
# Rapport

## Check your understanding {#check}

/// quiz | rapport-check
///

## Reflect {#reflect}

!!! note "A reflective aid"

    /// quiz | rapport-self
    ///
"""

ABOUT = """\
# About

Try [the rapport check](quizzes/rapport-check.md), its
[quiz box](quizzes/rapport-check.md#hq-rapport-check), the
[self-assessment](quizzes/rapport-self.md), the [loose one](quizzes/loose-check.md) and
[every quiz](quizzes/index.md).

```markdown
/// quiz | loose-check
///
```
"""

LOOSE = KNOWLEDGE.replace("title: Ruptures", "title: Loose ends")


def config_for(quiz_pages: bool) -> str:
    options = "      warn_unused: false\n" + ("" if quiz_pages else "      quiz_pages: false\n")
    return (
        MKDOCS_YML.replace("plugins:\n", "plugins:\n  - search\n")
        .replace("      lint: false", "      lint: false\n" + options.rstrip("\n"))
        .replace("markdown_extensions:\n", "markdown_extensions:\n  - toc\n")
        + "theme:\n  name: material\n  font: false\nvalidation:\n  anchors: warn\n"
    )


FILES = {
    "docs/index.md": "# Home\n",
    "docs/rapport.md": CHAPTER,
    "docs/about.md": ABOUT,
    "quizzes/rapport-check.yml": KNOWLEDGE.replace(
        "type: knowledge\n", "type: knowledge\nchapter: rapport.md\n"
    ),
    "quizzes/rapport-self.yml": SELF.replace("type: self-assessment\n", "type: self-assessment\n"),
    "quizzes/loose-check.yml": LOOSE,
}


@pytest.fixture(scope="module", params=[True, False], ids=["pages", "no-pages"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built with ``--strict`` (every link and anchor must resolve)."""
    root = tmp_path_factory.mktemp("pages" if request.param else "nopages")
    config = make_site(root, FILES, config_for(request.param))
    build_site(config, strict=True)
    return root


def quiz_pages_on(root: Path) -> bool:
    return "quiz_pages: false" not in (root / "mkdocs.yml").read_text()


def read(root: Path, page: str) -> str:
    return (root / "site" / page).read_text(encoding="utf-8")


def quiz_links(html: str, base: str) -> dict[str, str]:
    """Quiz id -> docs-root URL of each index link or My results catalog item in ``html``."""
    pairs = re.findall(r'<a data-hq-quiz="([^"]+)" href="([^"]*)"', html)
    pairs += re.findall(r'<li data-hq-quiz="([^"]+)"[^>]*><a href="([^"]*)"', html)
    return {quiz_id: from_root(base, href) for quiz_id, href in pairs}


def from_root(base: str, href: str) -> str:
    """``href`` written on the page at folder ``base``, as a URL from the site root."""
    path, _, anchor = href.partition("#")
    joined = posixpath.normpath(posixpath.join(base, path)) + "/"
    return joined + (f"#{anchor}" if anchor else "")


def test_which_quiz_pages_are_built(built: Path) -> None:
    pages = sorted(p.parent.name for p in (built / "site" / "quizzes").glob("*/index.html"))
    if quiz_pages_on(built):
        assert pages == ["loose-check", "rapport-check", "rapport-self"]
    else:
        assert pages == ["loose-check"]  # embedded nowhere (a code sample is no embed): kept
    chapter = read(built, "rapport/index.html")
    assert 'id="hq-rapport-check"' in chapter and 'id="hq-rapport-self"' in chapter


def test_the_index_and_my_results_link_each_quiz_where_it_lives(built: Path) -> None:
    own = quiz_pages_on(built)
    expected = {
        "rapport-check": "quizzes/rapport-check/" if own else "rapport/#hq-rapport-check",
        "rapport-self": "quizzes/rapport-self/" if own else "rapport/#hq-rapport-self",
        "loose-check": "quizzes/loose-check/",
    }
    assert quiz_links(read(built, "quizzes/index.html"), "quizzes") == expected
    assert quiz_links(read(built, "my-results/index.html"), "my-results") == expected


def test_chapter_links_to_a_quiz_page_follow_the_quiz(built: Path) -> None:
    about = re.findall(r'<a href="([^"]*)"', read(built, "about/index.html"))
    if quiz_pages_on(built):
        wanted = [
            "../quizzes/rapport-check/",
            "../quizzes/rapport-check/#hq-rapport-check",
            "../quizzes/rapport-self/",
        ]
    else:
        wanted = [
            "../rapport/#hq-rapport-check",
            "../rapport/#hq-rapport-check",  # the link's own anchor is kept
            "../rapport/#hq-rapport-self",
        ]
    assert [href for href in about if "rapport-" in href or "#hq-" in href] == wanted
    assert "../quizzes/loose-check/" in about and "../quizzes/" in about


def test_a_quiz_page_listed_in_the_nav_is_kept(tmp_path: Path) -> None:
    config = make_site(
        tmp_path,
        FILES,
        config_for(False)
        + "nav:\n  - index.md\n  - rapport.md\n  - about.md\n  - quizzes/rapport-self.md\n",
    )
    site = build_site(config, strict=True)
    assert (site / "quizzes/rapport-self/index.html").is_file()
    assert not (site / "quizzes/rapport-check/index.html").exists()
    about = (site / "about/index.html").read_text(encoding="utf-8")
    assert 'href="../quizzes/rapport-self/"' in about


def test_exports_point_at_the_embedding(tmp_path: Path) -> None:
    config = make_site(tmp_path, FILES, config_for(False))
    result = CliRunner().invoke(export, ["--config", str(config), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    url = "https://example.org/handbook/rapport/#hq-rapport-check"
    assert f"Online: {url}" in (out / "gift/rapport-check.gift.txt").read_text(encoding="utf-8")
    assert f'href="{url}"' in (out / "moodle-xml/rapport-check.xml").read_text(encoding="utf-8")
    data = json.loads((out / "json/rapport-self.json").read_text(encoding="utf-8"))
    assert data["url"] == "https://example.org/handbook/rapport/#hq-rapport-self"
    loose = (out / "gift/loose-check.gift.txt").read_text(encoding="utf-8")
    assert "Online: https://example.org/handbook/quizzes/loose-check/" in loose


# ---------- the pieces ----------


def test_embedding_pages_skips_code_and_keeps_page_order() -> None:
    found = embedding_pages(
        [
            ("b.md", "/// quiz | x\n///\n"),
            ("a.md", "```\n/// quiz | y\n///\n```\n\n/// quiz | x\n///\n/// quiz | x\n///\n"),
            ("c.md", "no quiz here"),
        ]
    )
    assert found == {"x": ["b.md", "a.md"]}


def test_a_quiz_lives_on_the_first_embedding_page_in_the_nav() -> None:
    embedded = {"x": ["b.md", "a.md"], "y": ["c.md"]}
    assert quiz_homes(embedded) == {"x": "b.md#hq-x", "y": "c.md#hq-y"}  # file order
    assert quiz_homes(embedded, ["a.md", "b.md"]) == {"x": "a.md#hq-x", "y": "c.md#hq-y"}
    assert nav_paths([{"Home": "index.md"}, {"Part": ["a.md", {"B": "b.md"}]}, "c.md"]) == [
        "index.md",
        "a.md",
        "b.md",
        "c.md",
    ]


def test_relink_rewrites_only_links_to_quiz_pages_not_built() -> None:
    homes = QuizHomes("quizzes", {"x": "part/ch.md#hq-x"}, page="part/other.md")
    assert homes.relink("../quizzes/x.md") == "ch.md#hq-x"
    assert homes.relink("../quizzes/x.md#hq-x-q-2") == "ch.md#hq-x-q-2"
    for kept in ("../quizzes/y.md", "../quizzes/index.md", "https://e.org/quizzes/x.md", "#top"):
        assert homes.relink(kept) is None
    homes.page = "index.md"
    assert homes.relink("quizzes/x.md") == "part/ch.md#hq-x"
