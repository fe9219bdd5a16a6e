"""What a newcomer runs from the README: `make build` never loses a good site, `handbook check` is
clean."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PROJECT_FILES = ("Makefile", "mkdocs.yml", "docs", "quizzes", "includes", "overrides")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def make_build(project: Path) -> subprocess.CompletedProcess[str]:
    """``make build`` in ``project`` with this test run's environment (nothing is installed)."""
    stamp = BIN / "handbook"
    command = ["make", "-s", "build", f"BIN={BIN}", "-o", str(stamp)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, timeout=600, check=False
    )


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_a_failed_make_build_leaves_the_previous_site_byte_for_byte(tmp_path: Path) -> None:
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        elif source.exists():
            shutil.copy2(source, tmp_path / name)
    first = make_build(tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    before = snapshot(tmp_path / "site")
    assert "index.html" in before
    # An embed of a quiz that does not exist is only found once every page has been rendered.
    chapter = tmp_path / "docs" / "rapport.md"
    chapter.write_text(
        chapter.read_text(encoding="utf-8") + "\n/// quiz | no-such-quiz\n///\n", encoding="utf-8"
    )
    second = make_build(tmp_path)
    assert second.returncode != 0
    assert "no-such-quiz" in second.stdout + second.stderr
    assert snapshot(tmp_path / "site") == before
    assert not (tmp_path / "site.new").exists()


def test_handbook_check_finds_no_problem_and_no_warning_in_the_handbook() -> None:
    result = subprocess.run(
        [str(BIN / "handbook"), "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert result.stdout.startswith("handbook check: no problems"), output
    assert "warning" not in output.lower(), output
