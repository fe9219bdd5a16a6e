"""How long ``handbook check`` takes on a site of N quizzes (target: under 5 s at 1,000).

For each size N it writes a site to a temporary folder and runs ``handbook check`` on it in a
subprocess, ``--runs`` times, reporting the median wall time and the median CPU time (user +
system, from ``resource.getrusage(RUSAGE_CHILDREN)``, interpreter start-up included). Two kinds of
content (``--content``):

- ``generated``: as ``bench/build_bench.py`` makes them (written out here, so that this script
  depends on no other): 4 of 5 knowledge checks of 20 questions with 4 choices, feedback and an
  explanation each, every question's scene made of its own made-up words; 1 of 5 a
  self-assessment of 20 statements in 4 subscales with bands. Each quiz is embedded in its own
  chapter.
- ``handbook``: the handbook's own quiz files copied over and over (links pointed at the
  generated chapters, 10 quizzes a chapter): every copy repeats the questions of the others, so
  the linter's duplicate-question pass has thousands of warnings to find.

The check's output (without the "in N s" of its summary) is hashed, so runs before and after a
change can be compared: ``--save DIR`` writes it out too.

    .venv/bin/python bench/check_bench.py                           # 100,1000,3000, both kinds
    .venv/bin/python bench/check_bench.py --sizes 1000 --content handbook --runs 1

Only the Python standard library and the project's own ``handbook`` command are used. On a shared
machine the wall time counts the time other processes held the CPU; the CPU time is the number to
compare.

Measured on 2026-12-04 (shared 2-core machine, load 1.5-4.6; CPU seconds, 1 run before, median
of 3 after at 100 and 1,000, 1 run at 3,000; every output identical before and after):

    content    quizzes   before (f8e4990)   after (7bc569b)
    generated      100        2.11 s            1.73 s
    generated    1,000       18.84 s           14.25 s
    generated    3,000       65.71 s           46.93 s
    handbook       100        1.93 s            1.61 s
    handbook     1,000       21.26 s           12.80 s
    handbook     3,000      108.93 s           54.35 s

The target (under 5 s at 1,000) is missed. What is left at 1,000 generated quizzes (cProfile):
rendering the quizzes whose text links to a page (every generated knowledge check has a link, so
every one renders; Jinja, render.py) about 35%, loading YAML 14%, the item-writing linter 14%,
the bounds pre-check (bounds.py) 11%, the rest of validation 9%, converting the pages 11%.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HANDBOOK = Path(sys.executable).parent / "handbook"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
QUESTIONS = 20
SELF_EVERY = 5
PER_CHAPTER = 10
"""Quizzes per chapter in the ``handbook`` content."""

CONFIG = """\
site_name: Check benchmark
theme:
  name: material
  font: false
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

CHOICES = (
    ("Reflect what the client said before moving on", True, "Yes - a **reflection** shows it."),
    ("Move straight to the agenda", False, "Moving on too soon can feel dismissive."),
    ("Reassure the client that all will be fine", False, "It can close the topic too early."),
    ("Ask three questions in a row", False, "Stacked questions can feel like an *interrogation*."),
)
SUBSCALES = ("attunement", "warmth", "goals", "repair")
SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]


def scene(n: int, q: int) -> str:
    """Ten made-up words of their own for question q of quiz n (as in build_bench.py)."""
    words = []
    for k in range(10):
        seed = (n * 1_000_003 + q * 7_919 + k * 104_729) * 2_654_435_761 % 2**32
        words.append("".join(SYLLABLES[seed // 70**i % 70] for i in range(3)))
    return " ".join(words)


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def knowledge_yaml(n: int) -> str:
    lines = [
        "type: knowledge",
        f"title: {quote(f'Quiz {n}: keeping the alliance on track')}",
        f"chapter: chapter-{n}.md",
        f"description: {quote(f'Twenty short scenarios from case {n}. Pick the **best**.')}",
        "pass: 0.75",
        "questions:",
    ]
    for q in range(1, QUESTIONS + 1):
        text = f"In session {q} of case {n} the client says {scene(n, q)}: your response?"
        lines += [f"  - id: q{q}", f"    text: {quote(text)}", "    choices:"]
        for choice, correct, feedback in CHOICES[q % 4 :] + CHOICES[: q % 4]:
            lines.append(f"      - text: {quote(f'{choice} (case {n}, step {q})')}")
            lines += ["        correct: true"] if correct else []
            lines.append(f"        feedback: {quote(f'{feedback} (Case {n}, step {q}.)')}")
        link = f" See [the skills](chapter-{n}.md#skills)." if q % 5 == 0 else ""
        lines += [
            "    explanation: |",
            f"      Reflections come first in session {q} of case {n}.{link}",
        ]
    return "\n".join(lines) + "\n"


def self_assessment_yaml(n: int) -> str:
    lines = [
        "type: self-assessment",
        f"title: {quote(f'Self-assessment {n}: how do I build rapport?')}",
        f"chapter: chapter-{n}.md",
        f"description: {quote(f'Twenty statements about case {n}.')}",
        "scale:",
        "  labels: [Never, Rarely, Sometimes, Often, Always]",
        "subscales:",
    ]
    for sid in SUBSCALES:
        lines += [
            f"  - id: {sid}",
            f"    title: {sid.capitalize()}",
            f"    description: {quote(f'How you work on {sid} in case {n}.')}",
        ]
    lines.append("items:")
    for i in range(1, QUESTIONS + 1):
        text = f"In case {n}, I notice how the client responds to statement {i} before I move on."
        lines += [
            f"  - id: i{i}",
            f"    text: {quote(text)}",
            f"    subscale: {SUBSCALES[(i - 1) % 4]}",
        ]
        lines += ["    reverse: true"] if i % 4 == 0 else []
    lines += ["scoring:", "  method: mean", "  bands:"]
    for start, label in ((1, "Emerging"), (2.5, "Developing"), (3.75, "Established")):
        lines += [
            f"    - from: {start}",
            f"      label: {label}",
            f"      text: {quote(f'{label} in chapter {n}.')}",
        ]
    lines += ["reflection:", f"  - {quote(f'What will you try next in case {n}?')}"]
    return "\n".join(lines) + "\n"


def chapter(n: int, ids: list[str], anchors: list[str]) -> str:
    intro = "Rapport is the sense, shared by client and therapist, that they can talk. " * 6
    headings = "".join(f"## Section {a} {{#{a}}}\n\n{intro}\n\n" for a in anchors)
    blocks = "".join(f"/// quiz | {quiz_id}\n///\n\n" for quiz_id in ids)
    return f"# Chapter {n}\n\n{intro}\n\n{headings}## Check your understanding\n\n{blocks}"


def base_site(folder: Path) -> None:
    (folder / "docs").mkdir(parents=True)
    (folder / "quizzes").mkdir()
    (folder / "includes").mkdir()
    (folder / "includes" / "abbreviations.md").write_text(
        "*[OARS]: Open questions, affirmations, reflections, summaries\n"
    )
    (folder / "docs" / "index.md").write_text("# Benchmark\n\nA generated handbook.\n")
    (folder / "mkdocs.yml").write_text(CONFIG)


def generated_site(folder: Path, size: int) -> None:
    base_site(folder)
    for n in range(1, size + 1):
        text = self_assessment_yaml(n) if n % SELF_EVERY == 0 else knowledge_yaml(n)
        (folder / "quizzes" / f"quiz-{n}.yml").write_text(text)
        (folder / "docs" / f"chapter-{n}.md").write_text(chapter(n, [f"quiz-{n}"], ["skills"]))


_PAGE_LINK = re.compile(r"(?<![\w/.-])[\w/-]+\.md(?=[#)\s]|$)", re.MULTILINE)


def handbook_site(folder: Path, size: int) -> None:
    """The handbook's quiz files, copied until there are ``size``, links sent to new chapters."""
    base_site(folder)
    sources = sorted((ROOT / "quizzes").glob("*.yml"))
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in sources]
    anchors = sorted({a for _, t in texts for a in re.findall(r"\.md#([\w-]+)", t)})
    chapters: dict[int, list[str]] = {}
    for n in range(size):
        stem, text = texts[n % len(texts)]
        quiz_id = f"{stem}-{n // len(texts) + 1}"
        number = n // PER_CHAPTER + 1
        text = re.sub(r"(?m)^id: .*\n", "", text)  # the file name gives the id
        text = _PAGE_LINK.sub(f"chapter-{number}.md", text)
        (folder / "quizzes" / f"{quiz_id}.yml").write_text(text, encoding="utf-8")
        chapters.setdefault(number, []).append(quiz_id)
    for number, ids in chapters.items():
        (folder / "docs" / f"chapter-{number}.md").write_text(chapter(number, ids, anchors))


def run_check(folder: Path) -> tuple[float, float, float, str]:
    """Wall and CPU seconds of one ``handbook check``, the largest peak RSS of any check so far
    (MB; sizes run in ascending order, so in practice this one's), and its output without the
    timing."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [str(HANDBOOK), "check"], cwd=folder, env=ENV, capture_output=True, text=True
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"handbook check failed in {folder}:\n{done.stdout}{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    output = re.sub(r" in \d+\.\d s\)", ")", done.stdout + done.stderr)
    return wall, cpu, after.ru_maxrss / 1024, output


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="100,1000,3000", help="comma-separated quiz counts")
    parser.add_argument("--content", default="generated,handbook", help="generated, handbook")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--save", type=Path, help="write each check's output to this folder")
    parser.add_argument("--keep", type=Path, help="write the sites here and keep them")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="hq-check-bench-"))
    makers = {"generated": generated_site, "handbook": handbook_site}
    print(f"CPU count {os.cpu_count()}, load average {os.getloadavg()[0]:.1f} at the start")
    print(
        f"  {'content':<10}{'quizzes':>8}{'wall':>9}{'CPU':>9}{'CPU/quiz':>10}{'peak RSS':>10}"
        "  output"
    )
    try:
        for content in args.content.split(","):
            for size in (int(s) for s in args.sizes.split(",") if s.strip()):
                folder = root / f"{content}-{size}"
                shutil.rmtree(folder, ignore_errors=True)
                makers[content](folder, size)
                runs = [run_check(folder) for _ in range(args.runs)]
                wall = statistics.median(r[0] for r in runs)
                cpu = statistics.median(r[1] for r in runs)
                rss = max(r[2] for r in runs)
                output = runs[0][3]
                digest = hashlib.sha256(output.encode()).hexdigest()[:12]
                lines = output.count("\n")
                if args.save:
                    args.save.mkdir(parents=True, exist_ok=True)
                    (args.save / f"{content}-{size}.txt").write_text(output)
                print(
                    f"  {content:<10}{size:>8}{wall:>7.2f} s{cpu:>7.2f} s"
                    f"{cpu / size * 1000:>7.2f} ms{rss:>7.0f} MB  {lines} lines, sha256 {digest}",
                    flush=True,
                )
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    print(f"load average {os.getloadavg()[0]:.1f} at the end (median of {args.runs} runs)")


if __name__ == "__main__":
    main()
