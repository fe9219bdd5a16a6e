"""The `handbook` command: scaffolding, nav editing, `check` against the build, a newcomer's first
chapter.

Every test works on a temporary copy of tests/small_site, a handbook with two chapters whose
mkdocs.yml carries comments, an `!ENV` tag and uneven spacing that edits must keep.
"""

from __future__ import annotations

import difflib
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import markdown
import pytest
from click.testing import CliRunner, Result
from handbook_quiz.cli import main
from handbook_quiz.loader import load_file
from handbook_quiz.navedit import add_to_nav
from handbook_quiz.scaffold import NOT_IN_A_TITLE
from handbook_quiz.validate import validate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils.yaml import yaml_load
from ruamel.yaml import YAML

SMALL_SITE = Path(__file__).parents[1] / "small_site"
HANDBOOK = Path(sys.executable).parent / "handbook"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
NEW_FILES = (
    "docs/motivational-interviewing.md",
    "quizzes/motivational-interviewing-check.yml",
    "quizzes/motivational-interviewing-self.yml",
)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the small handbook, made the current folder as an instructor's terminal
    would be."""
    root = tmp_path / "handbook"
    shutil.copytree(SMALL_SITE, root)
    monkeypatch.chdir(root)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    return root


def handbook(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def added_lines(before: str, after: str) -> list[str]:
    """Lines ``after`` adds to ``before``; fails if anything was removed or changed."""
    ops = difflib.SequenceMatcher(a=before.splitlines(), b=after.splitlines()).get_opcodes()
    diff = "\n".join(difflib.unified_diff(before.splitlines(), after.splitlines()))
    assert all(tag in ("equal", "insert") for tag, *_ in ops), diff
    return [
        line for tag, _, _, j1, j2 in ops if tag == "insert" for line in after.splitlines()[j1:j2]
    ]


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def mkdocs_build(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mkdocs", "build", "-d", str(root / "site"), *extra]
    return subprocess.run(command, cwd=root, env=ENV, capture_output=True, text=True)


def build_messages(output: str) -> list[str]:
    """The plugin's messages in a build log: the 'handbook-quiz:' headline and the lines below."""
    lines, inside = [], False
    for line in output.splitlines():
        level = re.match(r"^(INFO|WARNING|ERROR|DEBUG)\s+-\s+(.*)$", line)
        if level:
            inside = level.group(2).startswith("handbook-quiz:")
            line = level.group(2)
        if inside:
            lines.append(line)
    return lines


# --- new chapter ---------------------------------------------------------------------------


def test_new_chapter_writes_three_files_and_a_nav_entry_keeping_everything_else(site: Path) -> None:
    before = (site / "mkdocs.yml").read_text(encoding="utf-8")
    result = handbook("new", "chapter", "Motivational interviewing")
    assert result.exit_code == 0, result.output
    for name in NEW_FILES:
        assert (site / name).is_file(), name
        assert f"Created {name}" in result.output
    after = (site / "mkdocs.yml").read_text(encoding="utf-8")
    # Only one line is added, right after the last chapter, at its indentation: comments, the
    # !ENV tag, quoting, spacing and order are untouched.
    assert added_lines(before, after) == [
        "      - Motivational interviewing: motivational-interviewing.md"
    ]
    lines = after.splitlines()
    entry = "      - Motivational interviewing: motivational-interviewing.md"
    assert lines[lines.index('      - "Empathy": empathy.md') + 1] == entry
    assert (
        "Added it to the nav in mkdocs.yml, at the end of the 'Chapters' section" in result.output
    )


def test_new_chapter_has_the_standard_sections_and_embeds_its_quizzes(site: Path) -> None:
    assert handbook("new", "chapter", "Motivational interviewing").exit_code == 0
    chapter = (site / "docs/motivational-interviewing.md").read_text(encoding="utf-8")
    assert chapter.startswith("# Motivational interviewing\n")
    ids = re.findall(r"^## .+ \{#([a-z-]+)\}$", chapter, flags=re.MULTILINE)
    assert ids == [
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
        "takeaways",
        "further-reading",
    ]
    assert "/// quiz | motivational-interviewing-check\n///\n" in chapter
    assert "/// quiz | motivational-interviewing-self\n///\n" in chapter


def test_new_chapter_never_overwrites(site: Path) -> None:
    (site / "quizzes/motivational-interviewing-self.yml").write_text("mine\n", encoding="utf-8")
    before = (site / "mkdocs.yml").read_text(encoding="utf-8")
    result = handbook("new", "chapter", "Motivational interviewing")
    assert result.exit_code == 1
    assert (
        "quizzes/motivational-interviewing-self.yml already exists: nothing was written"
        in result.output
    )
    assert (site / "quizzes/motivational-interviewing-self.yml").read_text(
        encoding="utf-8"
    ) == "mine\n"
    assert not (site / "docs/motivational-interviewing.md").exists()
    assert (site / "mkdocs.yml").read_text(encoding="utf-8") == before


def test_new_chapter_twice_refuses_the_second_time(site: Path) -> None:
    assert handbook("new", "chapter", "Motivational interviewing").exit_code == 0
    chapter = (site / "docs/motivational-interviewing.md").read_text(encoding="utf-8")
    config = (site / "mkdocs.yml").read_text(encoding="utf-8")
    result = handbook("new", "chapter", "Motivational interviewing")
    assert result.exit_code == 1
    assert "already exist: nothing was written" in result.output
    assert (site / "docs/motivational-interviewing.md").read_text(encoding="utf-8") == chapter
    assert (site / "mkdocs.yml").read_text(encoding="utf-8") == config


def test_without_a_nav_no_nav_is_added_and_the_line_is_printed(site: Path) -> None:
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text[: text.index("nav:")], encoding="utf-8")
    before = config.read_text(encoding="utf-8")
    result = handbook("new", "chapter", "Motivational interviewing")
    assert result.exit_code == 0, result.output
    assert config.read_text(encoding="utf-8") == before
    assert "mkdocs.yml has no nav" in result.output
    assert (
        "    - Motivational interviewing: motivational-interviewing.md"
        in result.output.splitlines()
    )


def test_a_nav_that_cannot_be_edited_safely_is_left_alone_with_the_line_printed(site: Path) -> None:
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    flow_nav = "nav: [index.md, rapport.md, empathy.md, about.md]\n"
    config.write_text(text[: text.index("nav:")] + flow_nav, encoding="utf-8")
    before = config.read_text(encoding="utf-8")
    result = handbook("new", "chapter", "Motivational interviewing")
    assert result.exit_code == 1, result.output  # the nav was not changed: a script must notice
    assert config.read_text(encoding="utf-8") == before
    assert "mkdocs.yml was not changed" in result.output
    assert (
        "    - Motivational interviewing: motivational-interviewing.md"
        in result.output.splitlines()
    )
    assert "add the nav line shown above by hand" in result.output
    assert (site / "docs/motivational-interviewing.md").is_file()  # the chapter itself was written


# Titles an instructor may type: long ones (the issue's example wrapped past 80 columns), quotes,
# colons, '#', YAML 1.1 words MkDocs would read as booleans or numbers, and non-Latin scripts.
TITLES = [
    "Working with interpreters in family therapy sessions",
    "X",
    "Rapport, " + "and the working alliance in practice " * 5 + "(200)",
    "Motivational interviewing: an introduction",
    'The "working" alliance',
    "It's about 'trust'",
    "#hashtag therapy",
    "C# for therapists #",
    "Session notes # not a comment",
    "yes",
    "No",
    "1.0",
    # a number in YAML 1.2 only (ruamel), text in YAML 1.1 (MkDocs): found by the property test
    "0E0",
    "0o17",
    "null",
    "- a dash",
    "[Brackets] and {braces}",
    "Title {#custom-id}",
    "Ведение терапевтического альянса",
    "治療同盟の修復",
    "التحالف العلاجي",
    "ברית טיפולית",
    "चिकित्सीय गठबंधन",
    "Ruptures 🤝 repair",
    "Aroha ki te tangata: whānau and therapy",
]


def chapters_nav(config_text: str) -> list[object]:
    """The 'Chapters' section of the nav, as MkDocs reads mkdocs.yml (YAML 1.1, !ENV resolved)."""
    nav = yaml_load(config_text)["nav"]
    return next(
        entry["Chapters"] for entry in nav if isinstance(entry, dict) and "Chapters" in entry
    )


@pytest.mark.parametrize("title", TITLES)
def test_new_chapter_adds_one_nav_line_that_reads_back_as_the_title(site: Path, title: str) -> None:
    before = (site / "mkdocs.yml").read_text(encoding="utf-8")
    result = handbook(
        "new", "chapter", "--slug", "new-chapter", "--", title
    )  # "--": a title may start with "-"
    assert result.exit_code == 0, result.output
    after = (site / "mkdocs.yml").read_text(encoding="utf-8")
    (added,) = added_lines(before, after)
    assert added.startswith("      - ") and added.endswith(": new-chapter.md")
    assert chapters_nav(after)[-1] == {title: "new-chapter.md"}  # as MkDocs reads it
    assert YAML(typ="rt").load(after)["nav"][1]["Chapters"][-1] == {
        title: "new-chapter.md"
    }  # YAML 1.2 too
    assert (
        "Added it to the nav in mkdocs.yml, at the end of the 'Chapters' section:\n"
        f"    {added.strip()}\n" in result.output
    )
    heading = (site / "docs/new-chapter.md").read_text(encoding="utf-8").splitlines()[0]
    converted = markdown.markdown(heading, extensions=["attr_list", "toc"])
    assert (
        html.unescape(re.fullmatch(r"<h1[^>]*>(.*)</h1>", converted).group(1)) == title
    )  # shown as typed


def test_the_issues_long_title_with_its_own_file_name_is_one_nav_line(site: Path) -> None:
    """The command exactly as the instructor typed it (issue 16, point 1): the title and the file
    name made from it give a nav line of over 80 characters, which ruamel's default width used to
    wrap."""
    title = "Working with interpreters in family therapy sessions"
    before = (site / "mkdocs.yml").read_text(encoding="utf-8")
    result = handbook("new", "chapter", title)
    assert result.exit_code == 0, result.output
    after = (site / "mkdocs.yml").read_text(encoding="utf-8")
    (added,) = added_lines(before, after)
    page = "working-with-interpreters-in-family-therapy-sessions.md"
    assert added == f"      - {title}: {page}" and len(added) > 80
    assert chapters_nav(after)[-1] == {title: page}
    assert "could not be read" not in result.output and "was not changed" not in result.output


TITLE_CHARACTERS = st.characters(blacklist_categories=sorted(NOT_IN_A_TITLE))
SMALL_CONFIG = (
    "site_name: X\nsite_url: !ENV [SITE_URL, 'https://x.example/']\nnav:\n  - Home: index.md\n"
    "  - Chapters:\n      - Rapport: rapport.md   # first\n  - About: about.md\n"
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(TITLE_CHARACTERS, min_size=1, max_size=200).filter(lambda t: t.strip() == t and t))
def test_any_one_line_title_of_1_to_200_characters_becomes_one_nav_line(title: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "mkdocs.yml"
        config.write_text(SMALL_CONFIG, encoding="utf-8")
        result = add_to_nav(config, title, "new.md")
        after = config.read_text(encoding="utf-8")
    assert result.added, result.reason
    assert added_lines(SMALL_CONFIG, after) == ["      " + result.entry]
    assert chapters_nav(after) == [{"Rapport": "rapport.md"}, {title: "new.md"}]


@pytest.mark.parametrize(
    "title", ["two\nlines", "a\ttab", "   ", "line\u2028separator", "next\x85line"]
)
def test_a_title_that_cannot_stay_on_one_line_is_refused_before_anything_is_written(
    site: Path, title: str
) -> None:
    before = (site / "mkdocs.yml").read_text(encoding="utf-8")
    result = handbook("new", "chapter", title, "--slug", "odd")
    assert result.exit_code == 1
    assert (
        "write it on one line" in result.output
        if title.strip()
        else "the title is empty" in result.output
    )
    assert "Traceback" not in result.output
    assert not (site / "docs/odd.md").exists()
    assert (site / "mkdocs.yml").read_text(encoding="utf-8") == before


def test_new_chapter_says_what_to_do_next(site: Path) -> None:
    result = handbook("new", "chapter", "Motivational interviewing")
    assert result.exit_code == 0, result.output
    steps = result.output.split("\nNext:\n", 1)[1].splitlines()
    assert steps[0] == (
        "  1. Preview: run 'mkdocs serve' and open "
        "http://127.0.0.1:8000/motivational-interviewing/ (it reloads each time you save a file)."
    )
    assert (
        "docs/motivational-interviewing.md" in steps[1]
        and "quizzes/motivational-interviewing-check.yml" in steps[1]
    )
    assert steps[2] == "  3. Run 'handbook check' before you share your work."


def test_the_preview_command_is_make_serve_where_the_makefile_has_it(site: Path) -> None:
    (site / "Makefile").write_text("serve:\n\tmkdocs serve\n", encoding="utf-8")
    result = handbook("new", "chapter", "Motivational interviewing")
    assert (
        "run 'make serve' and open http://127.0.0.1:8000/motivational-interviewing/"
        in result.output
    )


def test_new_quiz_prints_the_block_to_paste_and_pasting_it_is_enough(site: Path) -> None:
    result = handbook(
        "new", "quiz", "--type", "knowledge", "rapport-extra", "--chapter", "rapport.md"
    )
    assert result.exit_code == 0, result.output
    assert (
        "Created quizzes/rapport-extra.yml: a knowledge check with examples to replace."
        in result.output
    )
    assert (
        "  1. Show it in docs/rapport.md: paste these two lines where the quiz should appear:"
        in result.output
    )
    assert "open http://127.0.0.1:8000/rapport/" in result.output
    printed = re.search(r"\n\n( +/// quiz \| rapport-extra\n +///)\n", result.output).group(1)
    assert handbook("check").exit_code == 1  # not embedded yet
    chapter = site / "docs/rapport.md"
    chapter.write_text(
        chapter.read_text(encoding="utf-8") + "\n" + textwrap.dedent(printed) + "\n",
        encoding="utf-8",
    )
    check = handbook("check")
    assert check.exit_code == 0, check.output
    without_chapter = handbook("new", "quiz", "--type", "self-assessment", "warm-up")
    assert "Show it in the chapter where it belongs" in without_chapter.output
    assert "open http://127.0.0.1:8000/quizzes/warm-up/" in without_chapter.output  # its own page


def test_nav_edit_keeps_other_indentation_styles_tags_and_trailing_comments(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    before = (
        "site_name: X\r\n"
        "markdown_extensions:\r\n"
        "  - pymdownx.emoji:\r\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\r\n"
        "nav:\r\n"
        "- Home: index.md   # home\r\n"
        "- Chapters:\r\n"
        "  - Rapport: rapport.md\r\n"
        "  - Section:\r\n"
        "    - Deep: deep.md\r\n"
        "  # more to come\r\n"
        "- About: about.md\r\n"
        "\r\n"
        "# Plugins below\r\n"
        "plugins:\r\n"
        "  - search\r\n"
    )
    config.write_bytes(before.encode())
    result = add_to_nav(config, "Motivational interviewing: an introduction", "mi.md")
    assert result.added, result.reason
    after = config.read_bytes().decode()
    # quoted, at the section's own indentation
    entry = "  - 'Motivational interviewing: an introduction': mi.md\r\n"
    assert after == before.replace("    - Deep: deep.md\r\n", "    - Deep: deep.md\r\n" + entry)


def test_nav_without_chapters_section_gets_the_entry_at_the_end_of_the_top_level(
    tmp_path: Path,
) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: X\nnav:\n  - index.md\n  - About: about.md\n# The end\n", encoding="utf-8"
    )
    result = add_to_nav(config, "New", "new.md")
    assert result.added
    assert result.section == ""
    expected = "site_name: X\nnav:\n  - index.md\n  - About: about.md\n  - New: new.md\n# The end\n"
    assert config.read_text(encoding="utf-8") == expected


def test_unwritable_files_are_explained_without_a_traceback(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = Path.open

    def refuse(self: Path, mode: str = "r", *args: object, **kwargs: object) -> object:
        if "x" in mode and self.name.endswith("-self.yml"):
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, mode, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", refuse)
    result = handbook("new", "chapter", "Motivational interviewing")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert (
        "motivational-interviewing-self.yml (Permission denied): nothing was written"
        in result.output
    )
    assert not (
        site / "docs/motivational-interviewing.md"
    ).exists()  # the files made before it were removed


def test_missing_mkdocs_yml_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for args in (["check"], ["new", "chapter", "X"], ["new", "quiz", "--type", "knowledge", "x"]):
        result = handbook(*args)
        assert result.exit_code == 1
        assert "no mkdocs.yml in" in result.output
        assert "Traceback" not in result.output


def test_a_broken_mkdocs_yml_is_explained(site: Path) -> None:
    with (site / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("  broken: [unclosed\n")
    result = handbook("check")
    assert result.exit_code == 1
    assert result.output.startswith(
        "Error: mkdocs.yml could not be read:\n  MkDocs encountered an error parsing"
    )
    assert "Traceback" not in result.output


# --- new quiz ------------------------------------------------------------------------------


@pytest.mark.parametrize("quiz_type", ["knowledge", "self-assessment"])
def test_new_quiz_writes_a_commented_stub_that_validates(site: Path, quiz_type: str) -> None:
    result = handbook(
        "new", "quiz", "--type", quiz_type, "rapport-extra", "--chapter", "rapport.md"
    )
    assert result.exit_code == 0, result.output
    path = site / "quizzes/rapport-extra.yml"
    text = path.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    schema = (path.parent / first.split("$schema=", 1)[1]).resolve()
    assert schema.name == "quiz.schema.json"
    assert schema.is_file()
    assert (
        sum(line.lstrip().startswith("#") for line in text.splitlines()) >= 4
    )  # explained for instructors
    quiz, issues = validate(
        load_file(path, "quizzes/rapport-extra.yml"), "rapport-extra", site / "docs"
    )
    assert issues == []
    assert quiz is not None
    assert quiz.type == quiz_type
    assert quiz.chapter == "rapport.md"
    assert "/// quiz | rapport-extra" in result.output


def test_new_quiz_without_chapter_validates_and_refuses_to_overwrite(site: Path) -> None:
    assert handbook("new", "quiz", "--type", "knowledge", "warm-up").exit_code == 0
    path = site / "quizzes/warm-up.yml"
    assert validate(load_file(path, "quizzes/warm-up.yml"), "warm-up", site / "docs")[1] == []
    again = handbook("new", "quiz", "--type", "self-assessment", "warm-up")
    assert again.exit_code == 1
    assert "already exists" in again.output


def test_new_quiz_explains_bad_ids_and_chapters(site: Path) -> None:
    bad_id = handbook("new", "quiz", "--type", "knowledge", "Warm Up")
    assert bad_id.exit_code == 1
    assert "is not a valid quiz id" in bad_id.output
    bad_chapter = handbook("new", "quiz", "--type", "knowledge", "warm-up", "--chapter", "rapport")
    assert bad_chapter.exit_code == 1
    assert "there is no rapport in docs" in bad_chapter.output
    assert not (site / "quizzes/warm-up.yml").exists()


# --- check ---------------------------------------------------------------------------------


def test_check_passes_a_good_site(site: Path) -> None:
    result = handbook("check")
    assert result.exit_code == 0, result.output
    assert re.fullmatch(
        r"handbook check: no problems \(2 quizzes and 4 pages in \d+\.\d s\)\.\n", result.output
    )


def test_check_reports_quiz_file_errors_exactly_as_the_build(site: Path) -> None:
    quiz = site / "quizzes/rapport-self.yml"
    replace_in(quiz, "reverse: true", "reverse: true\n    subscale: warmth")
    check = site / "quizzes/rapport-check.yml"
    replace_in(check, "      - text: Advice", "      - txt: Advice")
    build = mkdocs_build(site)
    assert build.returncode == 1
    expected = build_messages(build.stderr)
    assert expected[0] == "handbook-quiz: 3 problems in 2 files:", build.stderr
    result = handbook("check")
    assert result.exit_code == 1
    assert result.output.splitlines()[:-1] == expected
    summary = "handbook check: 3 problems (3 in quiz files; 2 quizzes and 4 pages in "
    assert result.output.splitlines()[-1].startswith(summary)


def test_check_reports_embed_errors_exactly_as_the_build(site: Path) -> None:
    page = site / "docs/empathy.md"
    blocks = "\n/// quiz | rapport-chek\n///\n\n/// quiz | rapport-check\n    mode: exam\n///\n"
    page.write_text(page.read_text(encoding="utf-8") + blocks, encoding="utf-8")
    build = mkdocs_build(site)
    assert build.returncode == 1
    expected = build_messages(build.stderr)
    assert expected[0] == "handbook-quiz: 2 problems in 1 file:", build.stderr
    assert (
        "docs/empathy.md:9: no quiz has the id 'rapport-chek' (did you mean 'rapport-check'?)"
        in expected
    )
    assert any(
        line.startswith("docs/empathy.md:12: quiz block 'rapport-check' not recognised")
        for line in expected
    )
    result = handbook("check")
    assert result.exit_code == 1
    assert result.output.splitlines()[:-1] == expected
    summary = "handbook check: 2 problems (2 in pages; 2 quizzes and 4 pages in "
    assert result.output.splitlines()[-1].startswith(summary)


def test_check_fails_on_a_quiz_no_page_embeds_as_the_strict_build_does(site: Path) -> None:
    assert handbook("new", "quiz", "--type", "knowledge", "warm-up").exit_code == 0
    build = mkdocs_build(site, "--strict")
    assert build.returncode == 1
    message = (
        "quizzes/warm-up.yml: quiz 'warm-up' is not embedded in any page: "
        "add '/// quiz | warm-up' and '///' to a chapter"
    )
    assert message in build.stderr
    result = handbook("check")
    assert result.exit_code == 1
    assert f"warning: {message}" in result.output.splitlines()


def problems_of(result: Result) -> set[str]:
    """The problem lines of a check's output: no headline, no summary."""
    return {
        line for line in result.output.splitlines()[:-1] if not line.startswith("handbook-quiz: ")
    }


@pytest.fixture
def troubled(site: Path) -> Path:
    """The small site with one problem of each kind: in a quiz, a duplicate id across files, in
    pages."""
    replace_in(site / "quizzes/rapport-check.yml", "      - text: Advice", "      - txt: Advice")
    (site / "quizzes/zz-copy.yml").write_text(
        (site / "quizzes/rapport-self.yml").read_text(encoding="utf-8") + "id: rapport-self\n",
        encoding="utf-8",
    )
    with (site / "docs/empathy.md").open("a", encoding="utf-8") as page:
        page.write(
            "\n/// quiz | rapport-chek\n///\n\n/// quiz | rapport-check\n    mode: exam\n///\n"
        )
    with (site / "docs/about.md").open("a", encoding="utf-8") as page:
        page.write("\n/// quiz | nope\n///\n")
    return site


def test_check_files_reports_only_what_is_in_or_involves_them(troubled: Path) -> None:
    everything = problems_of(handbook("check"))
    by_file = {line.split(":", 1)[0] for line in everything}
    assert by_file == {
        "quizzes/rapport-check.yml",
        "quizzes/zz-copy.yml",
        "docs/empathy.md",
        "docs/about.md",
    }

    quiz = handbook("check", "quizzes/rapport-check.yml")
    assert quiz.exit_code == 1
    assert problems_of(quiz) == {
        line
        for line in everything
        if line.startswith("quizzes/rapport-check.yml") or line.startswith("docs/empathy.md")
    }  # the chapter's block for it, the typo
    assert (
        "in or involving quizzes/rapport-check.yml; 3 quizzes and 4 pages"
        in quiz.output.splitlines()[-1]
    )

    duplicate = problems_of(handbook("check", "quizzes/rapport-self.yml"))
    assert duplicate == {line for line in everything if "duplicate quiz id 'rapport-self'" in line}
    assert all(
        line.startswith("quizzes/zz-copy.yml:") for line in duplicate
    )  # found in the other file

    page = problems_of(
        handbook("check", "docs/rapport.md")
    )  # the quizzes it embeds: a broken one is not hidden
    assert (
        page
        == {line for line in everything if line.startswith("quizzes/rapport-check.yml")} | duplicate
    )
    assert problems_of(handbook("check", "docs/about.md")) == {
        "docs/about.md:5: no quiz has the id 'nope'"
    }
    together = handbook(
        "check", "docs/about.md", "quizzes/rapport-check.yml", "quizzes/zz-copy.yml"
    )
    assert problems_of(together) == everything
    assert (
        together.output.splitlines()[:-1] == handbook("check").output.splitlines()[:-1]
    )  # same order


def test_check_files_passes_a_clean_file_on_a_troubled_site(troubled: Path) -> None:
    (troubled / "docs/clean.md").write_text("# Clean\n\nNo quiz here.\n", encoding="utf-8")
    result = handbook("check", "docs/clean.md")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("handbook check: no problems (in or involving docs/clean.md; ")


def test_check_files_works_from_another_folder_and_refuses_what_is_not_the_sites(
    troubled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(troubled / "docs")
    assert problems_of(handbook("check", "about.md")) == {
        "docs/about.md:5: no quiz has the id 'nope'"
    }
    (troubled / "notes.txt").write_text("x", encoding="utf-8")
    outside = handbook("check", "../notes.txt")
    assert outside.exit_code == 1
    assert (
        "../notes.txt is not a quiz file (quizzes/*.yml), a page (docs/*.md) or the mkdocs.yml"
        in outside.output
    )
    missing = handbook("check", "gone.md")
    assert missing.exit_code == 1 and "gone.md does not exist" in missing.output


def test_check_uses_the_site_model_not_the_plugin() -> None:
    """``handbook check`` and the build share ``site.py``; the check never drives the plugin."""
    code = "import sys, handbook_quiz.check; sys.exit('handbook_quiz.plugin' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], env=ENV).returncode == 0


def test_installed_command_runs_check(site: Path) -> None:
    assert HANDBOOK.is_file(), "install the project first: pip install -e ."
    good = subprocess.run(
        [str(HANDBOOK), "check"], cwd=site, env=ENV, capture_output=True, text=True
    )
    assert good.returncode == 0, good.stdout + good.stderr
    (site / "docs/about.md").write_text("# About\n\n/// quiz | nope\n///\n", encoding="utf-8")
    bad = subprocess.run(
        [str(HANDBOOK), "check"], cwd=site / "docs", env=ENV, capture_output=True, text=True
    )
    assert bad.returncode == 1
    assert "docs/about.md:3: no quiz has the id 'nope'" in bad.stdout
    assert "Traceback" not in bad.stdout + bad.stderr


# --- a newcomer's first chapter ------------------------------------------------------------


def test_newcomer_scaffolds_a_chapter_and_a_quiz_and_the_strict_build_shows_them(
    site: Path,
) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [str(HANDBOOK), *args], cwd=site, env=ENV, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result

    run("new", "chapter", "Motivational interviewing")
    run(
        "new",
        "quiz",
        "--type",
        "knowledge",
        "mi-scenarios",
        "--chapter",
        "motivational-interviewing.md",
    )
    chapter = site / "docs/motivational-interviewing.md"
    chapter.write_text(
        chapter.read_text(encoding="utf-8") + "\n/// quiz | mi-scenarios\n///\n", encoding="utf-8"
    )
    assert run("check").stdout.startswith("handbook check: no problems (5 quizzes")
    build = mkdocs_build(site, "--strict")
    assert build.returncode == 0, build.stderr
    html = (site / "site/motivational-interviewing/index.html").read_text(encoding="utf-8")
    for quiz_id in (
        "motivational-interviewing-check",
        "motivational-interviewing-self",
        "mi-scenarios",
    ):
        assert f'data-hq-quiz="{quiz_id}"' in html
    assert "hq-error" not in html  # no quiz replaced by an error box
    nav = (site / "site/rapport/index.html").read_text(encoding="utf-8")
    assert "motivational-interviewing/" in nav  # listed in the navigation


GUIDE = Path(__file__).parents[2] / "docs/instructors/adding-a-chapter.md"


def test_the_guide_shows_exactly_what_new_chapter_and_new_quiz_print(site: Path) -> None:
    (site / "Makefile").write_text("serve:\n\tmkdocs serve\n", encoding="utf-8")
    shown = re.findall(
        r"```text\n(Created .*?)```", GUIDE.read_text(encoding="utf-8"), flags=re.DOTALL
    )
    chapter = handbook("new", "chapter", "Motivational interviewing")
    quiz = handbook(
        "new", "quiz", "--type", "knowledge", "rapport-scenarios", "--chapter", "rapport.md"
    )
    assert shown == [chapter.output, quiz.output]
