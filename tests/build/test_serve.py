"""`mkdocs serve` keeps running on quiz errors, shows them in the page, and recovers when fixed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

GOOD = """type: knowledge
title: Live check
questions:
  - text: Is this live?
    choices:
      - text: "Yes"
        correct: true
      - text: "No"
"""
BROKEN = GOOD.replace("correct: true", "corect: true")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (local test server)
        return str(response.read().decode("utf-8"))


def wait_for(url: str, needle: str, seconds: float = 30) -> str:
    deadline, text = time.monotonic() + seconds, ""
    while time.monotonic() < deadline:
        try:
            text = fetch(url)
            if needle in text:
                return text
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{needle!r} never appeared at {url}; last page:\n{text[:2000]}")


@pytest.fixture
def live_site(tmp_path: Path):  # noqa: ANN201
    (tmp_path / "docs").mkdir()
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "docs" / "index.md").write_text(
        "# Home\n\n/// quiz | live\n///\n", encoding="utf-8"
    )
    (tmp_path / "quizzes" / "live.yml").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Live\nplugins: [handbook-quiz]\n", encoding="utf-8"
    )
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]
    process = subprocess.Popen(
        command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    yield tmp_path, f"http://127.0.0.1:{port}/", process
    process.terminate()
    process.wait(timeout=10)


def test_serve_survives_a_broken_quiz_and_recovers(live_site) -> None:  # noqa: ANN001
    project, url, process = live_site
    page = wait_for(url, "hq-error")
    assert "quiz &#x27;live&#x27; has errors" in page or "quiz 'live' has errors" in page
    assert process.poll() is None, "the server died on a quiz error"
    (project / "quizzes" / "live.yml").write_text(GOOD, encoding="utf-8")
    page = wait_for(url, 'class="hq-quiz"')
    assert "hq-error" not in page
    process.terminate()
    log = process.communicate(timeout=10)[0]
    assert (
        "quizzes/live.yml:7:9: questions[1].choices[1].corect: unknown key 'corect' "
        "(did you mean 'correct'?)" in log
    )
    assert "Traceback" not in log


def test_a_broken_mkdocs_yml_is_one_line_and_the_last_good_site_stays_served(
    tmp_path: Path,
) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "docs" / "index.md").write_text(
        "# Home\n\n/// quiz | live\n///\n", encoding="utf-8"
    )
    (tmp_path / "quizzes" / "live.yml").write_text(GOOD, encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Live\nplugins: [handbook-quiz]\n", encoding="utf-8")
    port, lines = free_port(), []
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]
    process = subprocess.Popen(
        command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True).start()
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(url, 'class="hq-quiz"')
        config.write_text(
            "site_name: [Live\nplugins: [handbook-quiz]\n", encoding="utf-8"
        )  # an unclosed '['
        deadline = time.monotonic() + 30
        while not any("mkdocs.yml:" in line for line in lines) and time.monotonic() < deadline:
            time.sleep(0.3)
        assert 'class="hq-quiz"' in fetch(url), "the last good site is no longer served"
        assert process.poll() is None
        config.write_text("site_name: Live again\nplugins: [handbook-quiz]\n", encoding="utf-8")
        wait_for(url, "Live again")
    finally:
        process.terminate()
        process.wait(timeout=10)
    log = "".join(lines)
    assert "Traceback" not in log
    reports = [line.strip() for line in lines if "mkdocs.yml:" in line]
    assert reports == [
        "ERROR   -  handbook-quiz: mkdocs.yml:2:8: expected ',' or ']', but got ':': "
        "fix it and save; the last good build is still being served"
    ]
