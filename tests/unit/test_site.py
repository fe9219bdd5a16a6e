"""The site model (``QuizSite``) without MkDocs: quizzes loaded once, pages scanned, issues kept.

The build and ``handbook check`` are thin callers of it (tests/build/test_cli.py holds them to the
same output); here it is given pages as text, converted by plain Python-Markdown, and its
``SiteCache`` is shown to re-read and re-render only the quiz files that changed, as ``mkdocs
serve`` needs.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import handbook_quiz.registry as registry_module
import markdown
import pytest
from handbook_quiz.embed import BLOCK_NOT_CLOSED, UNKNOWN_QUIZ, error_box
from handbook_quiz.errors import BROKEN_QUIZ, QuizIssue, format_issue
from handbook_quiz.loader import LoadedFile
from handbook_quiz.registry import QuizRegistry
from handbook_quiz.site import QuizSite, SiteCache, SiteSettings
from unit_helpers import KNOWLEDGE, SELF


def write_site(root: Path, pages: dict[str, str], quizzes: dict[str, str]) -> SiteSettings:
    for name, text in {**pages, **quizzes}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "docs").mkdir(exist_ok=True)
    (root / "quizzes").mkdir(exist_ok=True)
    return SiteSettings(root, root / "docs", root / "quizzes", storage_id="test")


def plain_markdown(text: str) -> str:
    return markdown.markdown(text)


def scan(site: QuizSite, pages: dict[str, str]) -> None:
    """Every page through Python-Markdown with the quiz block, as ``handbook check`` does."""
    convert = site.page_converter(["admonition"])
    docs = site.settings.docs_dir

    def resolve(path: str, anchor: str, source: str) -> str | None:
        return path + anchor if (docs / path).is_file() else None

    for src_uri, text in pages.items():
        site.check_page(src_uri, text, resolve, convert)


QUIZZES = {"quizzes/rapport-check.yml": KNOWLEDGE, "quizzes/rapport-self.yml": SELF}


def test_the_site_model_imports_no_mkdocs() -> None:
    code = (
        "import sys, handbook_quiz.site; "
        "found = sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs'); "
        "sys.exit(f'imports {found}' if found else 0)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_page_problems_are_structured_issues_at_the_block_line(tmp_path: Path) -> None:
    pages = {
        "index.md": "# Home\n\n/// quiz | rapport-chek\n///\n\n/// quiz | rapport-self\n",
        "clean.md": "# Clean\n\n/// quiz | rapport-check\n///\n",
    }
    site = QuizSite(write_site(tmp_path, {}, QUIZZES), plain_markdown)
    scan(site, pages)
    assert site.page_issues == [
        QuizIssue(
            "docs/index.md",
            3,
            0,
            "",
            "no quiz has the id 'rapport-chek' (did you mean 'rapport-check'?)",
            UNKNOWN_QUIZ,
        ),
        QuizIssue(
            "docs/index.md",
            6,
            0,
            "",
            "quiz block 'rapport-self' is never closed: put '///' on the line after it (inside "
            "tabs or admonitions, give the outer block more slashes, e.g. '////')",
            BLOCK_NOT_CLOSED,
        ),
    ]
    assert str(site.page_issues[0]) == (
        "docs/index.md:3: no quiz has the id 'rapport-chek' (did you mean 'rapport-check'?)"
    )
    report = site.error_report()
    assert report is not None and report.splitlines()[0] == "handbook-quiz: 2 problems in 1 file:"
    assert site.unused() == []
    assert sorted(site.used_by) == ["rapport-check", "rapport-self"]


def test_page_issues_sort_by_line_number_not_as_text(tmp_path: Path) -> None:
    text = "# Home\n\n" + "".join(f"/// quiz | nope-{n}\n///\n\n" for n in range(6))
    site = QuizSite(write_site(tmp_path, {}, QUIZZES), plain_markdown)
    scan(site, {"index.md": text})
    assert [issue.line for issue in site.page_issues] == [3, 6, 9, 12, 15, 18]


def test_an_embed_of_a_broken_quiz_shows_a_box_but_is_reported_once_in_its_file(
    tmp_path: Path,
) -> None:
    broken = {"quizzes/broken-check.yml": "type: knowledge\ntitle: Broken\n"}
    site = QuizSite(write_site(tmp_path, {}, {**QUIZZES, **broken}), plain_markdown)
    scan(site, {"index.md": "# Home\n\n/// quiz | broken-check\n///\n"})
    assert [issue.code for issue in site.embedder.errors] == [BROKEN_QUIZ]
    assert site.page_issues == []
    assert {issue.file for issue in site.quiz_issues} == {"quizzes/broken-check.yml"}


def test_the_error_box_shows_the_terminal_line_under_a_translated_title(tmp_path: Path) -> None:
    issue = QuizIssue("docs/index.md", 3, 0, "", "no quiz has the id 'a<b'", UNKNOWN_QUIZ)
    for language, title in (("en", "Quiz not shown"), ("es", "Cuestionario no mostrado")):
        settings = write_site(tmp_path, {}, QUIZZES)
        site = QuizSite(replace(settings, language=language), plain_markdown)
        box = error_box(issue, site.labels)
        assert f'<p class="admonition-title">{title}</p>' in box
        assert "<p>docs/index.md:3: no quiz has the id &#x27;a&lt;b&#x27;</p>" in box
    assert format_issue(issue) == "docs/index.md:3: no quiz has the id 'a<b'"


def test_unused_quizzes_and_unknown_labels_are_warnings(tmp_path: Path) -> None:
    settings = write_site(tmp_path, {}, QUIZZES)
    site = QuizSite(replace(settings, labels={"nope": "x"}), plain_markdown)
    scan(site, {"index.md": "# Home\n\n/// quiz | rapport-check\n///\n"})
    assert [str(warning) for warning in site.warnings()] == [
        "mkdocs.yml: plugins.handbook-quiz.labels: unknown label 'nope' is ignored "
        "(the instructor guide lists the keys)",
        "quizzes/rapport-self.yml: quiz 'rapport-self' is not embedded in any page: "
        "add '/// quiz | rapport-self' and '///' to a chapter",
    ]
    assert site.unused_quiz_pages() == ["quizzes/rapport-self.md"]


def test_generated_pages_are_the_quiz_pages_my_results_and_the_index(tmp_path: Path) -> None:
    site = QuizSite(write_site(tmp_path, {}, QUIZZES), plain_markdown)
    pages = {page.src_uri: page for page in site.generated_pages()}
    assert list(pages) == [
        "quizzes/rapport-check.md",
        "quizzes/rapport-self.md",
        "my-results.md",
        "quizzes/index.md",
    ]
    assert "/// quiz | rapport-check\n///" in pages["quizzes/rapport-check.md"].content
    assert not pages["quizzes/rapport-check.md"].in_nav and pages["my-results.md"].in_nav
    homes = {"rapport-check": "index.md#hq-rapport-check"}
    assert list(site.quiz_pages(homes)) == ["quizzes/rapport-self.md"]


# --- the cache `mkdocs serve` keeps -----------------------------------------------------------


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The quiz files read from now on, by the name messages give them."""
    seen: list[str] = []
    real = registry_module.load_file

    def counting(path: Path, shown: str) -> LoadedFile:
        seen.append(shown)
        return real(path, shown)

    monkeypatch.setattr(registry_module, "load_file", counting)
    return seen


def test_a_rebuild_rereads_only_the_quiz_file_edited(tmp_path: Path, loads: list[str]) -> None:
    extra = {f"quizzes/extra-{n}.yml": KNOWLEDGE for n in range(3)}
    settings = write_site(tmp_path, {"docs/index.md": "# Home\n"}, {**QUIZZES, **extra})
    cache = SiteCache()

    def load() -> QuizRegistry:
        return QuizSite(settings, plain_markdown, cache).registry

    first = load()
    assert sorted(loads) == sorted([*QUIZZES, *extra]) and cache.quizzes.parsed == 5
    loads.clear()

    again = load()
    assert loads == []  # nothing changed: nothing read again
    assert again.quizzes["rapport-check"] is first.quizzes["rapport-check"]

    quiz_file = tmp_path / "quizzes/rapport-check.yml"
    quiz_file.write_text(KNOWLEDGE.replace("title: Ruptures", "title: Repairs"), encoding="utf-8")
    edited = load()
    assert loads == ["quizzes/rapport-check.yml"]  # only the file edited
    assert edited.quizzes["rapport-check"].title == "Repairs"
    assert edited.quizzes["rapport-self"] is first.quizzes["rapport-self"]
    assert cache.quizzes.parsed == 6


def test_the_cache_keys_on_content_not_on_the_file_time(tmp_path: Path, loads: list[str]) -> None:
    settings = write_site(tmp_path, {}, QUIZZES)
    cache = SiteCache()
    QuizSite(settings, plain_markdown, cache)
    loads.clear()
    quiz_file = tmp_path / "quizzes/rapport-self.yml"
    quiz_file.write_text(quiz_file.read_text(encoding="utf-8"), encoding="utf-8")  # saved as is
    QuizSite(settings, plain_markdown, cache)
    assert loads == []


def test_issues_come_back_from_the_cache_and_across_files_checks_still_run(
    tmp_path: Path, loads: list[str]
) -> None:
    broken = {"quizzes/broken.yml": "type: knowledge\ntitle: Broken\n"}
    settings = write_site(tmp_path, {}, {**QUIZZES, **broken})
    cache = SiteCache()
    first = QuizSite(settings, plain_markdown, cache).registry
    (tmp_path / "quizzes/zz-copy.yml").write_text(SELF + "id: rapport-self\n", encoding="utf-8")
    loads.clear()
    second = QuizSite(settings, plain_markdown, cache).registry
    assert loads == ["quizzes/zz-copy.yml"]
    assert [i for i in second.issues if i.file == "quizzes/broken.yml"] == [
        i for i in first.issues if i.file == "quizzes/broken.yml"
    ]
    assert any("duplicate quiz id 'rapport-self'" in str(i) for i in second.issues)
    (tmp_path / "quizzes/zz-copy.yml").unlink()
    loads.clear()
    third = QuizSite(settings, plain_markdown, cache).registry
    assert loads == [] and sorted(third.broken) == ["broken"]
    assert len(cache.quizzes.entries) == 3  # the deleted file is forgotten


def test_a_page_added_to_docs_validates_every_quiz_again(tmp_path: Path, loads: list[str]) -> None:
    chaptered = {"quizzes/rapport-check.yml": KNOWLEDGE + "chapter: rapport.md\n"}
    settings = write_site(tmp_path, {}, {**QUIZZES, **chaptered})
    cache = SiteCache()
    first = QuizSite(settings, plain_markdown, cache).registry
    assert "rapport-check" in first.broken  # its chapter does not exist yet
    (tmp_path / "docs/rapport.md").write_text("# Rapport\n", encoding="utf-8")
    loads.clear()
    second = QuizSite(settings, plain_markdown, cache).registry
    assert sorted(loads) == sorted(QUIZZES)  # which pages exist is part of every file's check
    assert "rapport-check" in second.quizzes


def embed_all(site: QuizSite) -> None:
    page = "".join(f"/// quiz | {quiz_id}\n///\n\n" for quiz_id in site.registry.quizzes)
    scan(site, {"index.md": "# Home\n\n" + page})


def test_a_rebuild_renders_only_the_quiz_edited_while_nothing_else_changed(
    tmp_path: Path,
) -> None:
    snippet = {"quizzes/snippet-check.yml": KNOWLEDGE.replace("Withdrawal", "--8<-- 'x.md'")}
    settings = write_site(tmp_path, {}, {**QUIZZES, **snippet})
    cache = SiteCache()

    def build(inputs: object = "site markdown", **changes: object) -> QuizSite:
        site = QuizSite(replace(settings, **changes), plain_markdown, cache, inputs)
        embed_all(site)
        return site

    first = build()
    assert cache.renders.rendered == 3
    html = dict(first.embedder.cache)

    again = build()
    assert cache.renders.rendered == 4  # only the quiz that includes a snippet, every time
    assert again.embedder.cache == html

    quiz_file = tmp_path / "quizzes/rapport-self.yml"
    quiz_file.write_text(SELF.replace("title: Rapport", "title: Presence"), encoding="utf-8")
    edited = build()
    assert cache.renders.rendered == 6  # the snippet quiz and the one edited
    assert "Presence" in edited.embedder.cache["rapport-self"]
    assert edited.embedder.cache["rapport-check"] == html["rapport-check"]

    build(storage_id="other")  # anything else rendering reads: every quiz again
    assert cache.renders.rendered == 9
    build(inputs="other markdown")
    assert cache.renders.rendered == 12

    QuizSite(settings, plain_markdown, cache)  # without inputs to compare, nothing is reused
    quiz_file.unlink()
    build(inputs="other markdown")
    assert sorted(cache.renders.html) == ["rapport-check"]  # gone and snippet quizzes not kept


def test_handbook_check_renders_only_the_quizzes_whose_html_could_hold_a_problem(
    tmp_path: Path,
) -> None:
    linked = KNOWLEDGE.replace("Withdrawal", '<a href="gone.md">Withdrawal</a>')
    quizzes = {
        "quizzes/rapport-check.yml": KNOWLEDGE + "chapter: index.md\n",  # its chapter: checked
        "quizzes/linked-check.yml": linked,  # raw HTML, which validation does not read
        "quizzes/rapport-self.yml": SELF,
    }
    settings = write_site(tmp_path, {"docs/index.md": "# Home\n"}, quizzes)
    site = QuizSite(settings, plain_markdown, messages_only=True)
    embed_all(site)
    assert {quiz_id for quiz_id, html in site.embedder.cache.items() if html} == {"linked-check"}
    assert [str(issue) for issue in site.page_issues] == [
        "quizzes/linked-check.yml: link to 'gone.md' does not match any page in docs/"
    ]
    shown = QuizSite(settings, plain_markdown)  # a build renders every quiz, with the same issues
    embed_all(shown)
    assert all(shown.embedder.cache.values()) and shown.page_issues == site.page_issues
