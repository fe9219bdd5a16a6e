"""How long `handbook check` takes on a large handbook: is it fast enough for a pre-commit hook?

Generates sites with 100 and 1,000 knowledge checks of 20 questions each (two per chapter, with
the handbook's own Markdown extensions and some links in the quiz text), runs the installed
`handbook check` on each three times, and prints the median wall-clock time, start-up included.

    .venv/bin/python bench/check_speed.py            # 100 and 1,000 quizzes
    .venv/bin/python bench/check_speed.py 100 --build # also time `mkdocs build` for comparison
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
MKDOCS_YML = """\
site_name: Speed test
theme:
  name: material
plugins:
  - search
  - handbook-quiz
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
  - pymdownx.snippets:
      base_path: [includes]
      auto_append: [abbreviations.md]
      check_paths: true
"""


def quiz_yaml(number: int, chapter: str) -> str:
    """A 20-question knowledge check; every fifth explanation links to its chapter."""
    lines = ["type: knowledge", f"title: Quiz {number}", f"chapter: {chapter}", "pass: 0.75", "questions:"]
    for q in range(1, 21):
        link = f" See [the skills]({chapter}#skills)." if q % 5 == 0 else ""
        lines += [
            f"  - id: q{q}",
            f"    text: In session {q}, which response best keeps the *alliance* on track?",
            "    choices:",
            "      - text: Reflect what the client said before moving on",
            "        correct: true",
            "        feedback: Yes - a **reflection** shows you listened and lets the client correct you.",
            "      - text: Move straight to the agenda",
            "        feedback: Moving on before the client has finished can feel dismissive.",
            "      - text: Reassure the client that everything will be fine",
            "        feedback: Reassurance can close the topic before it is understood.",
            "      - text: Ask three questions in a row",
            "        feedback: Stacked questions can feel like an interrogation.",
            "    explanation: |",
            f"      Reflections come first; questions follow the client's lead.{link}",
        ]
    return "\n".join(lines) + "\n"


def chapter_md(number: int, quiz_ids: list[str]) -> str:
    """A short chapter with the handbook's headings and its quizzes embedded."""
    body = "Rapport is the sense, shared by client and therapist, that they can talk to each other. " * 8
    embeds = "\n".join(f"/// quiz | {quiz_id}\n///\n" for quiz_id in quiz_ids)
    return (f"# Chapter {number}\n\n{body}\n\n## Skills {{#skills}}\n\n{body}\n\n!!! note\n    A note.\n\n"
            f"## Check your understanding {{#check}}\n\n{embeds}")


def make_site(root: Path, quizzes: int) -> None:
    """Write mkdocs.yml, docs/ with two quizzes per chapter, includes/ and quizzes/."""
    (root / "docs").mkdir()
    (root / "quizzes").mkdir()
    (root / "includes").mkdir()
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    abbreviations = "*[OARS]: Open questions, affirmations, reflections and summaries\n"
    (root / "includes" / "abbreviations.md").write_text(abbreviations, encoding="utf-8")
    (root / "docs" / "index.md").write_text("# Speed test\n\nA generated handbook.\n", encoding="utf-8")
    for chapter in range(1, quizzes // 2 + 1):
        ids = [f"chapter-{chapter}-a", f"chapter-{chapter}-b"]
        (root / "docs" / f"chapter-{chapter}.md").write_text(chapter_md(chapter, ids), encoding="utf-8")
        for offset, quiz_id in enumerate(ids):
            text = quiz_yaml(2 * chapter - 1 + offset, f"chapter-{chapter}.md")
            (root / "quizzes" / f"{quiz_id}.yml").write_text(text, encoding="utf-8")


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall-clock and CPU (user + system) seconds of one run, which must succeed.

    CPU time is what the run costs on an idle machine; wall time also counts waiting for a busy one.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")
    return seconds, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def bench(quizzes: int, runs: int, with_build: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        make_site(root, quizzes)
        results = [timed([str(BIN / "handbook"), "check"], root) for _ in range(runs)]
        wall, cpu = [result[0] for result in results], [result[1] for result in results]
        shown = ", ".join(f"{t:.2f}" for t in wall)
        print(f"handbook check, {quizzes:>5} quizzes x 20 questions, {quizzes // 2} chapters: median "
              f"{statistics.median(wall):.2f} s wall (runs: {shown}), {statistics.median(cpu):.2f} s CPU")
        if with_build:
            build_wall, build_cpu = timed([str(BIN / "mkdocs"), "build", "-q", "-d", str(root / "site")], root)
            print(f"mkdocs build,   {quizzes:>5} quizzes, for comparison: "
                  f"{build_wall:.2f} s wall, {build_cpu:.2f} s CPU")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000], help="numbers of quizzes")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--build", action="store_true", help="also time one `mkdocs build`")
    args = parser.parse_args()
    for size in args.sizes:
        bench(size, args.runs, args.build)


if __name__ == "__main__":
    main()
