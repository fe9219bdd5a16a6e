"""The handbook also builds with ProperDocs (the maintained continuation of MkDocs 1.x) and works.

ProperDocs runs MkDocs plugins and themes by redirecting `mkdocs.*` imports to its own modules, but
only inside its own command: so it is run here as a subprocess, exactly as an instructor would run
`properdocs build`, from the same virtualenv (it is in the `test` extra and coexists with mkdocs).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, SiteServer
from playwright.sync_api import Page, expect

from .pageguard import PageGuard
from .quizdata import check_question, correct_indices, quiz, wrong_index

pytestmark = pytest.mark.browser

KNOWLEDGE = "rapport-check"


def properdocs_command() -> str | None:
    beside = Path(sys.executable).with_name("properdocs")
    return str(beside) if beside.exists() else shutil.which("properdocs")


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    command = properdocs_command()
    if command is None:
        message = "properdocs is not installed: pip install -e '.[test]'"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    site_dir = tmp_path_factory.mktemp("site-properdocs")
    server = SiteServer(site_dir)
    env = {**os.environ, "SITE_URL": server.url}
    result = subprocess.run(
        [command, "build", "--strict", "-f", "mkdocs.yml", "-d", str(site_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    server.start()
    yield server
    server.httpd.shutdown()


def test_properdocs_build_has_the_quizzes(properdocs_site: SiteServer) -> None:
    index = (properdocs_site.directory / "index.html").read_text(encoding="utf-8")
    generator = re.search(r'<meta name="generator" content="([^"]*)"', index)
    assert generator and "ProperDocs" in generator.group(1), "not built by ProperDocs"
    for name in ("quiz.js", "quiz.css", "results.js", "results.css"):
        assert (properdocs_site.directory / "assets" / "handbook-quiz" / name).is_file()
    chapter = (properdocs_site.directory / "rapport" / "index.html").read_text(encoding="utf-8")
    assert f'id="hq-{KNOWLEDGE}"' in chapter and "../assets/handbook-quiz/quiz.js" in chapter


def test_a_quiz_built_by_properdocs_works_in_chromium(
    page: Page, properdocs_site: SiteServer
) -> None:
    guard = PageGuard(page)
    data = quiz(KNOWLEDGE)
    page.goto(f"{properdocs_site.url}quizzes/{KNOWLEDGE}/")
    root = page.locator(f"#hq-{KNOWLEDGE}")
    expect(root).to_have_attribute("data-hq-ready", "")
    first, second = data.questions[0], data.questions[1]
    box = check_question(root, first, correct_indices(first))
    expect(box.locator(".hq-verdict")).to_contain_text("Correct.")
    expect(box.locator(".hq-answer")).to_have_attribute("open", "")
    box = check_question(root, second, [wrong_index(second)])
    expect(box.locator(".hq-verdict")).to_contain_text("Not quite.")
    expect(box.locator("input").first).to_be_disabled()
    guard.check()
