"""Full builds of small temporary sites, as ``mkdocs build`` runs them (with and without
--strict)."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort
from unit_helpers import KNOWLEDGE, MKDOCS_YML, SELF, build_site, dedent, make_site

ROOT = Path(__file__).resolve().parents[2]

CHAPTER = dedent("""
    # Rapport

    ## Skills

    Listen first.

    /// quiz | rapport-check
    ///
""")

QUIZ_WITH_LINKS = KNOWLEDGE.replace(
    "type: knowledge\n",
    "type: knowledge\nchapter: rapport.md\n"
    "description: Revisit [Skills](rapport.md#skills) and [the start](part/intro.md).\n",
)


def site_files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def assert_nothing_written(site: Path) -> None:
    assert not (site / "index.html").exists()
    assert not site.exists() or site_files(site) == []


def hrefs(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]*)"', html)


def quiz_fragment(html: str, dom_id: str) -> str:
    """The HTML of one embedded quiz, from its root div to the end of its results section."""
    start = html.index(f'<div class="hq-quiz" id="{dom_id}"')
    return html[start : html.index("</section>", start)]


# ---------- a good site ----------


@pytest.fixture(scope="module")
def material_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real target: theme material with no web fonts, one chapter embedding both quizzes, one
    built."""
    root = tmp_path_factory.mktemp("material")
    config = make_site(
        root,
        {
            "docs/index.md": "# Home\n\nWelcome.\n",
            "docs/rapport.md": CHAPTER + "\n/// quiz | rapport-self\n///\n",
            "quizzes/rapport-check.yml": KNOWLEDGE.replace(
                "type: knowledge\n", "type: knowledge\nchapter: rapport.md\n"
            ),
            "quizzes/rapport-self.yaml": SELF,
        },
        MKDOCS_YML + "theme:\n  name: material\n  font: false\n",
    )
    return build_site(config, strict=True)


def test_good_site_ships_the_assets(material_site: Path) -> None:
    assert (material_site / "assets/handbook-quiz/quiz.js").is_file()
    assert (material_site / "assets/handbook-quiz/quiz.css").is_file()


def test_good_site_embeds_the_quizzes_in_the_chapter(material_site: Path) -> None:
    html = (material_site / "rapport/index.html").read_text(encoding="utf-8")
    assert html.count('class="hq-quiz"') == 2
    assert '<div class="hq-quiz" id="hq-rapport-check"' in html
    assert '<div class="hq-quiz" id="hq-rapport-self"' in html
    assert '<script src="../assets/handbook-quiz/quiz.js"></script>' in html
    assert "/// quiz" not in html


def test_good_site_generates_a_page_per_quiz_and_an_index(material_site: Path) -> None:
    for quiz_id in ("rapport-check", "rapport-self"):
        page = (material_site / f"quizzes/{quiz_id}/index.html").read_text(encoding="utf-8")
        assert f'<div class="hq-quiz" id="hq-{quiz_id}"' in page
    index = (material_site / "quizzes/index.html").read_text(encoding="utf-8")
    assert 'href="rapport-check/"' in index and 'href="rapport-self/"' in index
    own_page = (material_site / "quizzes/rapport-check/index.html").read_text(encoding="utf-8")
    assert '<p class="hq-back"><a href="../../rapport/">Back to the chapter</a></p>' in own_page


def search_entries(site: Path) -> dict[str, str]:
    """Search index: location -> indexed text, as Material's search sees the site."""
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    return {doc["location"]: doc["title"] + " " + doc["text"] for doc in index["docs"]}


def test_search_finds_questions_once_and_never_shows_answers(tmp_path: Path) -> None:
    quiz = KNOWLEDGE.replace("type: knowledge\n", "type: knowledge\nchapter: rapport.md\n").replace(
        "  - id: signs",
        "    explanation: Silence after a *hard* topic can be a marker.\n  - id: signs",
    )
    config = make_site(
        tmp_path,
        {
            "docs/index.md": "# Home\n",
            "docs/rapport.md": CHAPTER,
            "quizzes/rapport-check.yml": quiz,
            "quizzes/unused.yml": KNOWLEDGE.replace("title: Ruptures", "title: Standalone only"),
        },
        MKDOCS_YML.replace("plugins:\n", "plugins:\n  - search\n")
        + "theme:\n  name: material\n  font: false\n",
    )
    site = build_site(config)
    entries = search_entries(site)

    def where(words: str) -> list[str]:
        return sorted(loc.split("#")[0] for loc, text in entries.items() if words in text)

    # The chapter holds the quiz, so its own page would only repeat it in the results; a quiz no
    # chapter embeds (same question text) is found on its own page.
    assert where("What kind of rupture is this?") == ["quizzes/unused/", "rapport/"]
    # Its own page is still found by its title.
    assert "quizzes/rapport-check/" in where("Ruptures")
    assert "Silence after a <em>hard</em> topic" in (site / "rapport/index.html").read_text(
        encoding="utf-8"
    )
    assert where("Silence after a") == []  # the answer's explanation
    assert not any("Correct:" in text or "Incorrect:" in text for text in entries.values())


def test_a_quiz_s_headings_continue_the_outline_of_the_page_that_holds_it(tmp_path: Path) -> None:
    config = make_site(
        tmp_path,
        {
            "docs/index.md": (
                "# Home\n\n/// quiz | top\n///\n\n## Part\n\n### Deeper\n\n/// quiz | top\n///\n"
            ),
            "quizzes/top.yml": SELF.replace(
                "type: self-assessment\n", "type: self-assessment\nchapter: index.md\n"
            ),
        },
        MKDOCS_YML,
    )
    site = build_site(config, strict=True)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<h(\d) class="hq-results-title">', home) == ["2", "4"]
    assert 'id="hq-top"' in home and 'id="hq-top-2"' in home
    own_page = (site / "quizzes/top/index.html").read_text(encoding="utf-8")
    assert re.findall(r'<h(\d) class="hq-results-title">', own_page) == ["2"]


def test_the_navigation_reaches_the_quiz_index(material_site: Path) -> None:
    home = (material_site / "index.html").read_text(encoding="utf-8")
    assert 'href="quizzes/"' in home


def test_the_yaml_source_never_ships(material_site: Path) -> None:
    files = site_files(material_site)
    assert [f for f in files if f.endswith((".yml", ".yaml"))] == []
    for name in files:
        if name.endswith((".html", ".js", ".json", ".xml", ".css", ".txt")):
            text = (material_site / name).read_text(encoding="utf-8", errors="replace")
            assert "correct: true" not in text, name
            assert "subscale: presence" not in text, name


# ---------- a bad site: every problem at once, nothing written ----------

BROKEN_QUIZZES = {
    "quizzes/bad-one.yml": "type: knowledge\ntitle: Bad one\nquestions: []\n",
    "quizzes/bad-two.yml": "type: knowlege\ntitle: Bad two\ntitel: Typo\n",
}


@pytest.mark.parametrize("strict", [False, True], ids=["plain", "strict"])
def test_errors_in_quiz_files_stop_the_build_before_any_page_is_written(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, strict: bool
) -> None:
    config = make_site(
        tmp_path,
        {
            "docs/index.md": "# Home\n\n/// quiz | rapport-check\n///\n",
            "quizzes/rapport-check.yml": KNOWLEDGE,
            **BROKEN_QUIZZES,
        },
    )
    with caplog.at_level(logging.INFO), pytest.raises(Abort, match="Aborted with a BuildError!"):
        build_site(config, strict=strict)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == [
        "handbook-quiz: 3 problems in 2 files:\n"
        "quizzes/bad-one.yml:3:12: questions: needs at least one question (found none)\n"
        "quizzes/bad-two.yml:1:7: type: 'knowlege' is not allowed: use one of knowledge, "
        "self-assessment (did you mean 'knowledge'?)\n"
        "quizzes/bad-two.yml:3:1: titel: unknown key 'titel' (did you mean 'title'?)"
    ]
    assert_nothing_written(tmp_path / "site")


@pytest.mark.parametrize("strict", [False, True], ids=["plain", "strict"])
def test_unknown_embed_ids_on_several_pages_are_reported_together(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, strict: bool
) -> None:
    config = make_site(
        tmp_path,
        {
            "docs/index.md": (
                "# Home\n\n/// quiz | rapport-check\n///\n\n/// quiz | rapport-chek\n///\n"
            ),
            "docs/part/other.md": "# Other\n\nText.\n\n/// quiz | empathy-check\n///\n",
            "quizzes/rapport-check.yml": KNOWLEDGE,
        },
    )
    with caplog.at_level(logging.INFO), pytest.raises(Abort, match="Aborted with a BuildError!"):
        build_site(config, strict=strict)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == [
        "handbook-quiz: 2 problems in 2 files:\n"
        "docs/index.md:6: no quiz has the id 'rapport-chek' (did you mean 'rapport-check'?)\n"
        # The suggestion rests on the shared '-check' ending: see the report.
        "docs/part/other.md:5: no quiz has the id 'empathy-check' (did you mean 'rapport-check'?)"
    ]
    assert_nothing_written(tmp_path / "site")


@pytest.mark.parametrize("strict", [False, True], ids=["plain", "strict"])
def test_quiz_file_errors_and_chapter_errors_are_reported_in_one_run(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, strict: bool
) -> None:
    config = make_site(
        tmp_path,
        {
            "docs/index.md": "# Home\n\n/// quiz | rapport-chek\n///\n",
            "quizzes/rapport-check.yml": KNOWLEDGE,
            **BROKEN_QUIZZES,
        },
    )
    with caplog.at_level(logging.INFO), pytest.raises(Abort):
        build_site(config, strict=strict)
    assert "quizzes/bad-one.yml:3:12:" in caplog.text
    assert "quizzes/bad-two.yml:1:7:" in caplog.text
    assert "docs/index.md:3: no quiz has the id 'rapport-chek'" in caplog.text
    assert_nothing_written(tmp_path / "site")


def test_a_not_recognised_block_fails_the_build_naming_page_and_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = make_site(
        tmp_path,
        {
            "docs/index.md": (
                "# Home\n\nText.\n\n/// quiz | rapport-check\n    attrs: {class: wide}\n///\n"
            ),
            "quizzes/rapport-check.yml": KNOWLEDGE,
        },
    )
    with caplog.at_level(logging.INFO), pytest.raises(Abort):
        build_site(config)
    assert (
        "docs/index.md:5: quiz block 'rapport-check' not recognised: write exactly "
        "'/// quiz | <id>' then '///' on its own line; the block takes no options"
    ) in caplog.text
    assert_nothing_written(tmp_path / "site")


# ---------- unused quizzes ----------

UNUSED = (
    "handbook-quiz: quizzes/rapport-self.yml: quiz 'rapport-self' is not embedded in any page: "
    "add '/// quiz | rapport-self' and '///' to a chapter"
)


def unused_site(root: Path) -> Path:
    return make_site(
        root,
        {
            "docs/index.md": "# Home\n\n/// quiz | rapport-check\n///\n",
            "quizzes/rapport-check.yml": KNOWLEDGE,
            # only on its own generated page, which does not count
            "quizzes/rapport-self.yml": SELF,
        },
    )


def test_an_unused_quiz_is_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO):
        site = build_site(unused_site(tmp_path))
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == [UNUSED]
    assert (site / "quizzes/rapport-self/index.html").is_file()


def test_an_unused_quiz_fails_strict(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with (
        caplog.at_level(logging.INFO),
        pytest.raises(Abort, match=r"Aborted with 1 warnings in strict mode!"),
    ):
        build_site(unused_site(tmp_path), strict=True)
    assert UNUSED in caplog.text


def test_warn_unused_off(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = unused_site(tmp_path)
    config.write_text(
        MKDOCS_YML.replace(
            "  - handbook-quiz:\n", "  - handbook-quiz:\n      warn_unused: false\n"
        ),
        encoding="utf-8",
    )
    with caplog.at_level(logging.INFO):
        build_site(config, strict=True)
    assert "not embedded" not in caplog.text


# ---------- links in quiz text ----------

LINK_SITE = {
    "docs/index.md": "# Home\n",
    "docs/rapport.md": CHAPTER,
    "docs/part/intro.md": "# Intro\n\n/// quiz | rapport-check\n///\n",
    "quizzes/rapport-check.yml": QUIZ_WITH_LINKS,
}


def test_docs_relative_links_are_rewritten_for_each_page(tmp_path: Path) -> None:
    site = build_site(
        make_site(tmp_path, LINK_SITE, MKDOCS_YML + "validation:\n  anchors: warn\n"), strict=True
    )
    chapter = quiz_fragment(
        (site / "rapport/index.html").read_text(encoding="utf-8"), "hq-rapport-check"
    )
    nested = quiz_fragment(
        (site / "part/intro/index.html").read_text(encoding="utf-8"), "hq-rapport-check"
    )
    own = quiz_fragment(
        (site / "quizzes/rapport-check/index.html").read_text(encoding="utf-8"), "hq-rapport-check"
    )
    assert hrefs(chapter) == ["./#skills", "../part/intro/"]
    assert hrefs(nested) == ["../../rapport/#skills", "./"]
    assert hrefs(own) == ["../../rapport/#skills", "../../part/intro/"]


def test_a_link_to_a_missing_page_fails_the_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    files = {
        **LINK_SITE,
        "quizzes/rapport-check.yml": QUIZ_WITH_LINKS.replace("part/intro.md", "part/gone.md"),
    }
    with caplog.at_level(logging.INFO), pytest.raises(Abort):
        build_site(make_site(tmp_path, files), strict=True)
    assert (
        "quizzes/rapport-check.yml:3:14: description: link to 'part/gone.md' does not match any "
        "page in docs/ (did you mean 'part/intro.md'?)" in caplog.text
    )
    assert_nothing_written(tmp_path / "site")


def test_a_link_to_a_missing_anchor_fails_strict(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    files = {**LINK_SITE, "quizzes/rapport-check.yml": QUIZ_WITH_LINKS.replace("#skills", "#skils")}
    config = make_site(tmp_path, files, MKDOCS_YML + "validation:\n  anchors: warn\n")
    with caplog.at_level(logging.INFO), pytest.raises(Abort, match="in strict mode"):
        build_site(config, strict=True)
    assert (
        "Doc file 'part/intro.md' contains a link "
        "'rapport.md#skils (in quizzes/rapport-check.yml)', "
        "but the doc 'rapport.md' does not contain an anchor '#skils'."
    ) in caplog.text
    assert (
        "Doc file 'quizzes/rapport-check.md' contains a link "
        "'rapport.md#skils (in quizzes/rapport-check.yml)', "
        "but the doc 'rapport.md' does not contain an anchor '#skils'."
    ) in caplog.text


# ---------- snippets appended to every page ----------


def test_snippets_auto_append_does_not_leak_into_quiz_fragments(tmp_path: Path) -> None:
    yml = MKDOCS_YML + (
        "  - abbr\n"
        "  - pymdownx.snippets:\n"
        # snippets resolves relative paths against the cwd
        f"      base_path: ['{tmp_path / 'includes'}']\n"
        "      auto_append: [abbreviations.md]\n"
        "      check_paths: true\n"
    )
    config = make_site(
        tmp_path,
        {
            "includes/abbreviations.md": (
                "*[rupture]: A deterioration in the alliance.\n\nGLOSSARY-FOOTER\n"
            ),
            "docs/index.md": (
                "# Home\n\nA rupture can be repaired.\n\n/// quiz | rapport-check\n///\n"
            ),
            "quizzes/rapport-check.yml": KNOWLEDGE,
        },
        yml,
    )
    site = build_site(config, strict=True)
    for page in ("index.html", "quizzes/rapport-check/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert html.count("GLOSSARY-FOOTER") == 1, page  # the page's own footer, once
        assert "GLOSSARY-FOOTER" not in quiz_fragment(html, "hq-rapport-check")
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<abbr title="A deterioration in the alliance.">rupture</abbr> can be repaired' in home


# ---------- known gaps (plugin.py, pages.py) ----------


def test_yaml_never_ships_even_with_quizzes_inside_docs(tmp_path: Path) -> None:
    config = make_site(
        tmp_path,
        {
            "docs/index.md": "# Home\n\n/// quiz | rapport-check\n///\n",
            "docs/quizzes/rapport-check.yml": KNOWLEDGE,
        },
        MKDOCS_YML.replace(
            "  - handbook-quiz:\n", "  - handbook-quiz:\n      quizzes_dir: docs/quizzes\n"
        ),
    )
    try:
        site = build_site(config)
    except Abort:
        return  # refusing the configuration is fine too
    assert [f for f in site_files(site) if f.endswith(".yml")] == []


def test_a_title_is_text_on_the_generated_pages(tmp_path: Path) -> None:
    title = "Ruptures <script>alert(1)</script>"
    config = make_site(
        tmp_path,
        {
            "docs/index.md": "# Home\n\n/// quiz | rapport-check\n///\n",
            "quizzes/rapport-check.yml": KNOWLEDGE.replace("title: Ruptures", f"title: '{title}'"),
        },
    )
    site = build_site(config)
    for page in ("quizzes/rapport-check/index.html", "quizzes/index.html"):
        assert "<script>alert(1)</script>" not in (site / page).read_text(encoding="utf-8"), page


def build_handbook(site_dir: Path, **overrides: object) -> Path:
    """This repository's handbook, built in-process (so a test can monkeypatch the plugin)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir), **overrides)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return site_dir


def html_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}


@pytest.mark.parametrize("directory_urls", [True, False], ids=["directory-urls", "file-urls"])
def test_quiz_pages_share_one_navigation_without_changing_a_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, directory_urls: bool
) -> None:
    """The real handbook built with the shared navigation and without it: every page is
    identical."""
    import handbook_quiz.plugin as plugin_module

    shared = html_files(build_handbook(tmp_path / "shared", use_directory_urls=directory_urls))
    monkeypatch.setattr(plugin_module, "share_navigation", lambda env, pages: None)
    each_own = html_files(build_handbook(tmp_path / "each-own", use_directory_urls=directory_urls))
    assert shared.keys() == each_own.keys()
    quiz_pages = [
        name
        for name in shared
        if name.startswith("quizzes/") and name.count("/") == (2 if directory_urls else 1)
    ]
    assert len(quiz_pages) > 10 and all(
        'class="md-nav md-nav--primary"' in shared[name].decode() for name in quiz_pages
    )
    assert [name for name in shared if shared[name] != each_own[name]] == []


def test_search_sees_less_quiz_html_but_indexes_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cutting answers and results out before search parses them changes neither index nor pages."""
    import handbook_quiz.plugin as plugin_module

    cut = build_handbook(tmp_path / "cut")
    monkeypatch.setattr(plugin_module, "without_excluded_parts", lambda html: html)
    whole = build_handbook(tmp_path / "whole")
    index = (cut / "search/search_index.json").read_text(encoding="utf-8")
    assert index == (whole / "search/search_index.json").read_text(encoding="utf-8")
    assert html_files(cut) == html_files(whole)
    chapter = (cut / "rapport/index.html").read_text(encoding="utf-8")
    assert (
        chapter.count('<details class="hq-answer" data-search-exclude>') > 5
    )  # readers still get the answers


def test_a_quiz_page_listed_in_the_nav_is_marked_as_the_current_page(tmp_path: Path) -> None:
    config = make_site(
        tmp_path,
        {
            "docs/index.md": (
                "# Home\n\n/// quiz | rapport-check\n///\n\n/// quiz | rapport-self\n///\n"
            ),
            "quizzes/rapport-check.yml": KNOWLEDGE,
            "quizzes/rapport-self.yml": SELF,
        },
        MKDOCS_YML
        + "theme:\n  name: material\n  font: false\n"
        + "nav:\n  - index.md\n  - quizzes/rapport-check.md\n",
    )
    site = build_site(config, strict=True)
    listed = (site / "quizzes/rapport-check/index.html").read_text(encoding="utf-8")
    unlisted = (site / "quizzes/rapport-self/index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="\./" class="md-nav__link md-nav__link--active">', listed)
    assert "md-nav__link--active" not in unlisted


def test_an_answer_with_a_collapsible_note_inside_is_cut_whole() -> None:
    from handbook_quiz.searchview import without_excluded_parts

    simple = (
        '<p>Q</p><details class="hq-answer" data-search-exclude><summary>A</summary>why</details>'
        "<p>next</p>"
    )
    assert without_excluded_parts(simple) == "<p>Q</p><p>next</p>"
    nested = (
        '<details class="hq-answer" data-search-exclude><summary>A</summary><details class="note">'
        "<summary>x</summary>y</details>the answer</details><p>next</p>"
    )
    assert without_excluded_parts(nested) == "<p>next</p>"
    unclosed = '<p>Q</p><details class="hq-answer" data-search-exclude><details>x</details>'
    assert without_excluded_parts(unclosed) == unclosed


def test_search_never_shows_an_answer_explained_with_a_collapsible_note(tmp_path: Path) -> None:
    quiz = KNOWLEDGE.replace("type: knowledge\n", "type: knowledge\nchapter: rapport.md\n").replace(
        "  - id: signs",
        '    explanation: |\n      Before.\n\n      ??? note "More"\n          Inside.\n\n'
        "      Afterwards zebracorn.\n"
        "  - id: signs",
    )
    config = make_site(
        tmp_path,
        {
            "docs/index.md": "# Home\n",
            "docs/rapport.md": CHAPTER,
            "quizzes/rapport-check.yml": quiz,
        },
        MKDOCS_YML.replace("plugins:\n", "plugins:\n  - search\n").replace(
            "markdown_extensions:\n", "markdown_extensions:\n  - pymdownx.details\n"
        )
        + "theme:\n  name: material\n  font: false\n",
    )
    site = build_site(config)
    assert "Afterwards zebracorn." in (site / "rapport/index.html").read_text(encoding="utf-8")
    assert not any("zebracorn" in text for text in search_entries(site).values())
