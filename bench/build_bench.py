"""What the quiz plugin costs a build: quiz sites against twins with the same text as plain Markdown.

For each size N it generates three sites in a temporary folder and builds each in its own
``mkdocs build -q`` subprocess, interleaved, ``--runs`` times, reporting the median wall time and
the median peak RSS (from ``os.wait4``, i.e. the child's own ``ru_maxrss``):

- ``quiz``: N quiz files (4 of 5 knowledge checks of 20 questions with 4 choices, feedback and an
  explanation each; 1 of 5 a self-assessment of 20 items in 4 subscales with bands and prompts),
  each embedded in its own chapter page. The plugin also generates one page per quiz (with the
  same quiz again), the quiz index and the results page: 2N + 3 pages.
- ``twin``: the same N chapters with the same text written as Markdown (question text, choices as
  lists, answers with feedback, explanations), plugin not configured: N + 1 pages. The ratio
  quiz / twin is the issue's number: what adding the plugin to these chapters costs.
- ``twin+pages``: ``twin`` plus one not-in-nav Markdown page per quiz with the same text again and
  an index, so both sites publish the same pages: the plugin's own overhead, page for page.

Both kinds use theme material (``font: false``), the search plugin and the handbook's
``markdown_extensions``. It then times ``handbook check`` on each quiz site and, under
``mkdocs serve``, how long after one quiz file changes the rebuild is reported done.

    .venv/bin/python bench/build_bench.py                    # sizes 100,1000, 3 runs
    .venv/bin/python bench/build_bench.py --runs 5 --sizes 100 --keep /tmp/bench
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
QUESTIONS = 20
SELF_EVERY = 5
"""Every fifth quiz is a self-assessment; the others are knowledge checks."""

CONFIG = """\
site_name: Build benchmark
theme:
  name: material
  font: false
plugins:
  - search
{plugin}
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
    (
        "Reflect what the client said before moving on",
        True,
        "Yes - a **reflection** shows you listened and lets the client correct you.",
    ),
    (
        "Move straight to the agenda",
        False,
        "Moving on before the client has finished can feel dismissive.",
    ),
    (
        "Reassure the client that everything will be fine",
        False,
        "Reassurance can close the topic before it is understood.",
    ),
    ("Ask three questions in a row", False, "Stacked questions can feel like an *interrogation*."),
)
SCALE = ("Never", "Rarely", "Sometimes", "Often", "Always")
SUBSCALES = ("attunement", "warmth", "goals", "repair")


# ---------- content: one description of each quiz, written out as YAML or as Markdown ----------


def knowledge(n: int) -> dict:
    questions = []
    for q in range(1, QUESTIONS + 1):
        link = f" See [the skills](chapter-{n}.md#skills)." if q % 5 == 0 else ""
        questions.append(
            {
                "text": f"In session {q} of case {n}, which response best keeps the *alliance* on track?",
                "choices": [
                    (f"{text} (case {n}, step {q})", correct, f"{feedback} (Case {n}, step {q}.)")
                    for text, correct, feedback in CHOICES
                ],
                "explanation": f"Reflections come first in session {q} of case {n}; questions follow the client's lead.{link}",
            }
        )
    return {
        "type": "knowledge",
        "title": f"Quiz {n}: keeping the alliance on track",
        "description": f"Twenty short scenarios from case {n}. Pick the **best** response.",
        "questions": questions,
    }


def self_assessment(n: int) -> dict:
    items = [
        {
            "text": f"In case {n}, I notice how the client responds to statement {i} before I move on.",
            "subscale": SUBSCALES[(i - 1) % len(SUBSCALES)],
            "reverse": i % 7 == 0,
        }
        for i in range(1, QUESTIONS + 1)
    ]
    bands = [
        (1, "Emerging", f"Pick **one** skill from chapter {n} to practise."),
        (2.5, "Developing", f"Keep practising what chapter {n} describes; notice what helps."),
        (3.75, "Established", f"Share what works in case {n} with a colleague."),
    ]
    return {
        "type": "self-assessment",
        "title": f"Self-assessment {n}: how do I build rapport?",
        "description": f"Twenty statements about case {n}. There are no right answers.",
        "subscales": [(s, s.capitalize(), f"How you work on {s} in case {n}.") for s in SUBSCALES],
        "items": items,
        "bands": bands,
        "reflection": [
            f"Which statement about case {n} was hardest to answer?",
            f"What will you try next in case {n}?",
        ],
    }


def describe(n: int) -> dict:
    return self_assessment(n) if n % SELF_EVERY == 0 else knowledge(n)


def q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def quiz_yaml(n: int, quiz: dict) -> str:
    lines = [
        f"type: {quiz['type']}",
        f"title: {q(quiz['title'])}",
        f"chapter: chapter-{n}.md",
        f"description: {q(quiz['description'])}",
    ]
    if quiz["type"] == "knowledge":
        lines += ["pass: 0.75", "questions:"]
        for i, question in enumerate(quiz["questions"], start=1):
            lines += [f"  - id: q{i}", f"    text: {q(question['text'])}", "    choices:"]
            for text, correct, feedback in question["choices"]:
                lines += [f"      - text: {q(text)}"] + (
                    ["        correct: true"] if correct else []
                )
                lines += [f"        feedback: {q(feedback)}"]
            lines += ["    explanation: |", f"      {question['explanation']}"]
        return "\n".join(lines) + "\n"
    lines += ["scale:", f"  labels: [{', '.join(SCALE)}]", "subscales:"]
    for sid, title, description in quiz["subscales"]:
        lines += [f"  - id: {sid}", f"    title: {title}", f"    description: {q(description)}"]
    lines += ["items:"]
    for i, item in enumerate(quiz["items"], start=1):
        lines += [
            f"  - id: i{i}",
            f"    text: {q(item['text'])}",
            f"    subscale: {item['subscale']}",
        ]
        lines += ["    reverse: true"] if item["reverse"] else []
    lines += ["scoring:", "  method: mean", "  bands:"]
    for start, label, text in quiz["bands"]:
        lines += [f"    - from: {start}", f"      label: {label}", f"      text: {q(text)}"]
    lines += ["reflection:"] + [f"  - {q(prompt)}" for prompt in quiz["reflection"]]
    return "\n".join(lines) + "\n"


def quiz_markdown(quiz: dict) -> str:
    """The same text as a plain page would give it: what a reader sees, without the plugin."""
    out = [f"### {quiz['title']}", "", quiz["description"], ""]
    if quiz["type"] == "knowledge":
        for i, question in enumerate(quiz["questions"], start=1):
            out += [f"**Question {i}/{len(quiz['questions'])}.** {question['text']}", ""]
            out += [f"- {text}" for text, _, _ in question["choices"]] + [""]
            out += ["Answer:", ""]
            out += [
                f"- {'Correct' if ok else 'Incorrect'}: {text} {feedback}"
                for text, ok, feedback in question["choices"]
            ]
            out += ["", question["explanation"], ""]
        return "\n".join(out)
    for i, item in enumerate(quiz["items"], start=1):
        out += [f"**{i}/{len(quiz['items'])}.** {item['text']}", "", " / ".join(SCALE), ""]
    for sid, title, description in quiz["subscales"]:
        out += [f"**{title}**", "", description, ""]
    for start, label, text in quiz["bands"]:
        out += [f"**Overall: {label}** (from {start})", "", text, ""]
    out += [f"- {prompt}" for prompt in quiz["reflection"]] + [""]
    return "\n".join(out)


def chapter(n: int, body: str) -> str:
    intro = (
        "Rapport is the sense, shared by client and therapist, that they can talk to each other. "
        * 6
    )
    return (
        f"# Chapter {n}\n\n{intro}\n\n## Skills {{#skills}}\n\n{intro}\n\n!!! note\n    A note on OARS.\n\n"
        f"## Check your understanding {{#check}}\n\n{body}\n"
    )


def make_sites(root: Path, size: int) -> dict[str, Path]:
    """Write the quiz site and its two twins under ``root``; returns {variant: project folder}."""
    sites = {name: root / f"{name}-{size}" for name in ("quiz", "twin", "twin+pages")}
    for name, folder in sites.items():
        (folder / "docs").mkdir(parents=True)
        (folder / "includes").mkdir()
        (folder / "includes" / "abbreviations.md").write_text(
            "*[OARS]: Open questions, affirmations, reflections, summaries\n"
        )
        (folder / "docs" / "index.md").write_text("# Benchmark\n\nA generated handbook.\n")
        plugin = "  - handbook-quiz" if name == "quiz" else ""
        extra = "not_in_nav: |\n  /standalone/*\n" if name == "twin+pages" else ""
        (folder / "mkdocs.yml").write_text(CONFIG.format(plugin=plugin) + extra)
    (sites["quiz"] / "quizzes").mkdir()
    (sites["twin+pages"] / "docs" / "standalone").mkdir()
    index = ["# Quizzes and self-assessments", ""]
    for n in range(1, size + 1):
        quiz = describe(n)
        (sites["quiz"] / "quizzes" / f"quiz-{n}.yml").write_text(quiz_yaml(n, quiz))
        (sites["quiz"] / "docs" / f"chapter-{n}.md").write_text(
            chapter(n, f"/// quiz | quiz-{n}\n///\n")
        )
        text = quiz_markdown(quiz)
        for name in ("twin", "twin+pages"):
            (sites[name] / "docs" / f"chapter-{n}.md").write_text(chapter(n, text))
        page = f"# {quiz['title']}\n\n{text}\n[Back to the chapter](../chapter-{n}.md)\n"
        (sites["twin+pages"] / "docs" / "standalone" / f"quiz-{n}.md").write_text(page)
        index.append(f"- [{quiz['title']}](quiz-{n}.md): 20 questions, about 10 min.")
    (sites["twin+pages"] / "docs" / "standalone" / "index.md").write_text("\n".join(index) + "\n")
    (sites["twin+pages"] / "docs" / "my-results.md").write_text(
        "# My results\n\nEvery quiz you have taken.\n"
    )
    return sites


# ---------- measuring ----------


def measured(command: list[str], cwd: Path) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS in MB) of one child process, which must succeed.

    CPU time (user + system) is what the ratios use: on a shared machine the wall time also
    counts the time other processes held the CPU.
    """
    started = time.perf_counter()
    child = subprocess.Popen(
        command, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    output = b""

    def drain() -> None:
        nonlocal output
        output = child.stdout.read()  # type: ignore[union-attr]

    reader = threading.Thread(target=drain)
    reader.start()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    reader.join()
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        sys.exit(f"{' '.join(command)} failed in {cwd}:\n{output.decode(errors='replace')}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def build(folder: Path) -> tuple[float, float, float]:
    site_dir = folder / "site"
    shutil.rmtree(site_dir, ignore_errors=True)
    return measured([str(BIN / "mkdocs"), "build", "-q", "-d", str(site_dir)], folder)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_rebuild(folder: Path, size: int) -> tuple[float, float]:
    """(first build, rebuild after one quiz file changes) in seconds, as ``mkdocs serve`` reports them."""
    command = [str(BIN / "mkdocs"), "serve", "--livereload", "-a", f"127.0.0.1:{free_port()}"]
    child = subprocess.Popen(
        command,
        cwd=folder,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines: list[tuple[float, str]] = []
    ready = threading.Condition()

    def read() -> None:
        for line in child.stdout:  # type: ignore[union-attr]
            with ready:
                lines.append((time.perf_counter(), line.rstrip()))
                ready.notify_all()

    threading.Thread(target=read, daemon=True).start()

    def wait_for(pattern: str, after: int, timeout: float) -> tuple[int, float, str]:
        deadline = time.perf_counter() + timeout
        with ready:
            while True:
                for index in range(after, len(lines)):
                    if re.search(pattern, lines[index][1]):
                        return index, lines[index][0], lines[index][1]
                left = deadline - time.perf_counter()
                if left <= 0 or child.poll() is not None:
                    tail = "\n".join(text for _, text in lines[-20:])
                    raise RuntimeError(f"mkdocs serve: no line matching {pattern!r}:\n{tail}")
                ready.wait(left)

    try:
        index, _, line = wait_for(r"Documentation built in", 0, 60 + size * 0.5)
        first = float(re.search(r"built in ([\d.]+) seconds", line).group(1))  # type: ignore[union-attr]
        wait_for(r"Serving on", index, 30)
        time.sleep(1.0)  # let the watcher settle
        quiz = folder / "quizzes" / "quiz-1.yml"
        changed = time.perf_counter()
        quiz.write_text(quiz.read_text().replace("which response best", "which answer best", 1))
        index, done, line = wait_for(
            r"Reloading browsers|Documentation built in", index + 1, 60 + size * 0.5
        )
        if (
            "Documentation built in" in line
        ):  # "Reloading browsers" follows at once; prefer it as the end
            try:
                _, done, _ = wait_for(r"Reloading browsers", index, 5)
            except RuntimeError:
                pass
        return first, done - changed
    finally:
        os.killpg(child.pid, signal.SIGINT)
        try:
            child.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()


# ---------- report ----------


def median(values: list[float]) -> float:
    return statistics.median(values)


def bench_size(root: Path, size: int, runs: int, serve: bool, check: bool) -> dict[str, object]:
    sites = make_sites(root, size)
    quizzes = len(list((sites["quiz"] / "quizzes").glob("*.yml")))
    yaml_kb = (
        sum(p.stat().st_size for p in (sites["quiz"] / "quizzes").glob("*.yml")) / quizzes / 1024
    )
    print(
        f"\n{size} quizzes ({quizzes - quizzes // SELF_EVERY} knowledge x {QUESTIONS} questions, "
        f"{quizzes // SELF_EVERY} self-assessments x {QUESTIONS} items; {yaml_kb:.1f} KB of YAML each), {runs} runs:",
        flush=True,
    )
    samples: dict[str, list[tuple[float, float, float]]] = {name: [] for name in sites}
    for run in range(runs):
        for name, folder in sites.items():  # interleaved, so a busy spell hits every site alike
            samples[name].append(build(folder))
        print(
            f"  run {run + 1}: "
            + ", ".join(
                f"{name} {samples[name][-1][0]:.1f} s wall / {samples[name][-1][1]:.1f} s CPU"
                for name in sites
            ),
            flush=True,
        )
    pages = {name: len(list((folder / "site").rglob("*.html"))) for name, folder in sites.items()}
    wall = {name: median([s[0] for s in samples[name]]) for name in sites}
    cpu = {name: median([s[1] for s in samples[name]]) for name in sites}
    rss = {name: median([s[2] for s in samples[name]]) for name in sites}
    print(
        f"  {'site':<12}{'pages':>6}{'wall':>9}{'CPU':>9}{'CPU/quiz':>10}{'peak RSS':>10}"
        f"{'quiz/this CPU':>15}{'wall':>7}{'RSS':>7}"
    )
    for name in sites:
        ratios = (
            ("", "", "")
            if name == "quiz"
            else (
                f"{cpu['quiz'] / cpu[name]:.2f}x",
                f"{wall['quiz'] / wall[name]:.2f}x",
                f"{rss['quiz'] / rss[name]:.2f}x",
            )
        )
        print(
            f"  {name:<12}{pages[name]:>6}{wall[name]:>7.1f} s{cpu[name]:>7.1f} s{cpu[name] / size * 1000:>7.1f} ms"
            f"{rss[name]:>7.0f} MB{ratios[0]:>15}{ratios[1]:>7}{ratios[2]:>7}"
        )
    result: dict[str, object] = {"size": size, "wall": wall, "cpu": cpu, "rss": rss}
    if check:
        handbook = BIN / "handbook"
        if handbook.exists():
            checks = [measured([str(handbook), "check"], sites["quiz"]) for _ in range(runs)]
            label = "handbook check"
        else:
            code = (
                "from pathlib import Path; from handbook_quiz.registry import QuizRegistry; "
                "QuizRegistry.load(Path('quizzes'), Path('.'), Path('docs'))"
            )
            checks = [measured([sys.executable, "-c", code], sites["quiz"]) for _ in range(runs)]
            label = "no `handbook` command; QuizRegistry.load alone"
        print(
            f"  {label}: {median([c[0] for c in checks]):.2f} s wall, {median([c[1] for c in checks]):.2f} s CPU "
            f"(median of {runs}, interpreter start-up included), peak RSS {median([c[2] for c in checks]):.0f} MB",
            flush=True,
        )
        result["check"] = median([c[1] for c in checks])
    if serve:
        first, rebuild = serve_rebuild(sites["quiz"], size)
        print(
            f"  mkdocs serve: first build {first:.1f} s; one quiz file changed -> rebuild reported done "
            f"{rebuild:.1f} s later (wall, change detection included)",
            flush=True,
        )
        result["serve"] = rebuild
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="100,1000", help="comma-separated numbers of quizzes")
    parser.add_argument(
        "--no-serve", dest="serve", action="store_false", help="skip the mkdocs serve rebuild"
    )
    parser.add_argument(
        "--no-check", dest="check", action="store_false", help="skip handbook check"
    )
    parser.add_argument(
        "--keep", type=Path, help="generate the sites here and keep them (default: a temp folder)"
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    root = args.keep or Path(tempfile.mkdtemp(prefix="hq-bench-"))
    results = []
    try:
        for size in sizes:
            folder = root / str(size)
            shutil.rmtree(folder, ignore_errors=True)
            results.append(bench_size(folder, size, args.runs, args.serve, args.check))
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    if len(results) > 1:
        print(
            "\nScaling: median build CPU per quiz (quiz site / twin / twin+pages), and quiz/twin:"
        )
        for r in results:
            cpu, size = r["cpu"], r["size"]
            print(
                f"  {size:>6} quizzes: {cpu['quiz'] / size * 1000:.1f} / {cpu['twin'] / size * 1000:.1f} / "  # type: ignore[index,operator]
                f"{cpu['twin+pages'] / size * 1000:.1f} ms, {cpu['quiz'] / cpu['twin']:.2f}x"
            )  # type: ignore[index,operator]


if __name__ == "__main__":
    main()
