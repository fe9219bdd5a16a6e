"""What the quiz plugin costs a build: quiz sites against twins with the same text as Markdown.

For each size N it generates four sites in a temporary folder and builds each in its own
``mkdocs build -q`` subprocess, interleaved, ``--runs`` times, reporting the median CPU and wall
time and the median peak RSS (from ``os.wait4``, i.e. the child's own ``ru_maxrss``):

- ``quiz``: N quiz files (4 of 5 knowledge checks of 20 questions with 4 choices, feedback and an
  explanation each; 1 of 5 a self-assessment of 20 items in 4 subscales with bands and prompts),
  each embedded in its own chapter page. The plugin also generates one page per quiz (with the
  same quiz again), the quiz index and the results page: 2N + 3 pages.
- ``quiz-nopages``: the same with ``quiz_pages: false``: no page per quiz, N + 3 pages.
- ``twin``: the same N chapters with the same text written as Markdown (question text, choices as
  lists, answers with feedback, explanations), plugin not configured: N + 1 pages. The ratio
  quiz-nopages / twin is what adding the plugin to these chapters costs (target <= 1.15x).
- ``twin+pages``: ``twin`` plus one not-in-nav Markdown page per quiz with the same text again and
  an index, so both sites publish the same pages: quiz / twin+pages is the plugin's own overhead,
  page for page (target <= 1.05x).

All use theme material (``font: false``), the search plugin and the handbook's
``markdown_extensions``. It then times ``handbook check`` on the quiz site (target < 5 s at 1,000)
and, under ``mkdocs serve``, how long after one file changes the rebuild is reported done: a quiz
file in the quiz sites, a chapter in the twin (target <= 1.2x). ``--ablate`` also builds the quiz
site with each speed trick of the plugin switched off (navcache.py, searchview.py), to measure
what each saves.

    .venv/bin/python bench/build_bench.py                       # sizes 100,1000, 3 runs
    .venv/bin/python bench/build_bench.py --sizes 100 --runs 1  # a quick look
    .venv/bin/python bench/build_bench.py --sizes 1000 --ablate --no-serve --keep /tmp/bench

The ratios use CPU time (user + system): on a shared machine the wall time also counts the time
other processes held the CPU. Run it on a quiet machine for numbers worth comparing.
"""

from __future__ import annotations

import argparse
import contextlib
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
from dataclasses import dataclass, field
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


SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
"""70 syllables: 343,000 three-syllable words for the scenes of the generated questions."""


def scene(n: int, q: int) -> str:
    """Ten made-up words, different for each question (n, q), as a real site's scenes differ.

    With one template sentence for all questions, the linter's duplicate-question check finds
    every question near every other: thousands of warnings and a quadratic search that real
    quizzes never cause. Made-up words keep the text as long as before and each stem its own.
    """
    words = []
    for k in range(10):
        seed = (n * 1_000_003 + q * 7_919 + k * 104_729) * 2_654_435_761 % 2**32
        word = "".join(SYLLABLES[seed // 70**i % 70] for i in range(3))
        words.append(word)
    return " ".join(words)


def knowledge(n: int) -> dict:
    questions = []
    for q in range(1, QUESTIONS + 1):
        link = f" See [the skills](chapter-{n}.md#skills)." if q % 5 == 0 else ""
        questions.append(
            {
                "text": f"In session {q} of case {n} the client says {scene(n, q)}: your response?",
                "choices": [  # the key moves from question to question, as the linter asks
                    (f"{text} (case {n}, step {q})", correct, f"{feedback} (Case {n}, step {q}.)")
                    for text, correct, feedback in CHOICES[q % 4 :] + CHOICES[: q % 4]
                ],
                "explanation": (
                    f"Reflections come first in session {q} of case {n}; questions follow the "
                    f"client's lead.{link}"
                ),
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
            "text": (
                f"In case {n}, I notice how the client responds to statement {i} before I move on."
            ),
            "subscale": SUBSCALES[(i - 1) % len(SUBSCALES)],
            "reverse": i % 4 == 0,  # 5 of 20: the share the linter asks for
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
    for _, title, description in quiz["subscales"]:
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
        f"# Chapter {n}\n\n{intro}\n\n## Skills {{#skills}}\n\n{intro}\n\n"
        "!!! note\n    A note on OARS.\n\n"
        f"## Check your understanding {{#check}}\n\n{body}\n"
    )


VARIANTS = ("quiz", "quiz-nopages", "twin", "twin+pages")
QUIZ_SITES = ("quiz", "quiz-nopages")
PLUGIN = {
    "quiz": "  - handbook-quiz",
    "quiz-nopages": "  - handbook-quiz:\n      quiz_pages: false",
}


def make_sites(root: Path, size: int) -> dict[str, Path]:
    """Write the quiz sites and the two twins under ``root``; returns {variant: project folder}."""
    sites = {name: root / f"{name}-{size}" for name in VARIANTS}
    for name, folder in sites.items():
        (folder / "docs").mkdir(parents=True)
        (folder / "includes").mkdir()
        (folder / "includes" / "abbreviations.md").write_text(
            "*[OARS]: Open questions, affirmations, reflections, summaries\n"
        )
        (folder / "docs" / "index.md").write_text("# Benchmark\n\nA generated handbook.\n")
        extra = "not_in_nav: |\n  /standalone/*\n" if name == "twin+pages" else ""
        (folder / "mkdocs.yml").write_text(CONFIG.format(plugin=PLUGIN.get(name, "")) + extra)
    for name in QUIZ_SITES:
        (sites[name] / "quizzes").mkdir()
    (sites["twin+pages"] / "docs" / "standalone").mkdir()
    index = ["# Quizzes and self-assessments", ""]
    for n in range(1, size + 1):
        quiz = describe(n)
        for name in QUIZ_SITES:
            (sites[name] / "quizzes" / f"quiz-{n}.yml").write_text(quiz_yaml(n, quiz))
            (sites[name] / "docs" / f"chapter-{n}.md").write_text(
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

ABLATIONS = {
    "no navcache": ("import handbook_quiz.navcache as m; m.NAV_TEMPLATE = 'no/such/template.html'"),
    "no searchview": (
        "import re, handbook_quiz.searchview as m; m._EXCLUDED_PART = re.compile('(?!)'); "
        "m._QUESTIONS = '\\0'"
    ),
}
"""Python run before ``mkdocs build`` to switch one speed trick off: each module reads the global
at call time, so this works however plugin.py imports it (navcache then finds no nav template,
searchview cuts nothing)."""


@dataclass
class Sample:
    wall: float
    cpu: float
    rss: float
    """Peak resident set size in MB."""


def measured(command: list[str], cwd: Path, ok: tuple[int, ...] = (0,)) -> Sample:
    """Wall seconds, CPU seconds and peak RSS of one child process, which must exit with ``ok``."""
    started = time.perf_counter()
    child = subprocess.Popen(
        command, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    output = b""

    def drain() -> None:
        nonlocal output
        output = child.stdout.read() if child.stdout else b""

    reader = threading.Thread(target=drain)
    reader.start()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    reader.join()
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in ok:
        sys.exit(f"{' '.join(command)} failed in {cwd}:\n{output.decode(errors='replace')}")
    return Sample(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def build(folder: Path, prelude: str = "") -> Sample:
    site_dir = folder / "site"
    shutil.rmtree(site_dir, ignore_errors=True)
    if not prelude:
        return measured([str(BIN / "mkdocs"), "build", "-q", "-d", str(site_dir)], folder)
    code = (
        f"{prelude}\nimport sys\nfrom mkdocs.__main__ import cli\n"
        f"sys.argv = ['mkdocs', 'build', '-q', '-d', {str(site_dir)!r}]\ncli()"
    )
    return measured([sys.executable, "-c", code], folder)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def serve_rebuild(folder: Path, size: int, edited: Path, old: str, new: str) -> tuple[float, float]:
    """(first build, rebuild after ``edited`` changes) in seconds, as ``mkdocs serve`` reports."""
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
        for line in child.stdout or ():
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
        built = re.search(r"built in ([\d.]+) seconds", line)
        first = float(built.group(1)) if built else float("nan")
        wait_for(r"Serving on", index, 30)
        time.sleep(1.0)  # let the watcher settle
        changed = time.perf_counter()
        edited.write_text(edited.read_text().replace(old, new, 1))
        index, done, line = wait_for(
            r"Reloading browsers|Documentation built in", index + 1, 60 + size * 0.5
        )
        if "Documentation built in" in line:  # "Reloading browsers" follows; prefer it as the end
            with contextlib.suppress(RuntimeError):
                _, done, _ = wait_for(r"Reloading browsers", index, 5)
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


def verdict(ratio: float, target: float) -> str:
    return f"{ratio:.2f}x ({'ok' if ratio <= target else 'MISS'}: target <= {target}x)"


@dataclass
class Result:
    size: int
    cpu: dict[str, float] = field(default_factory=dict)
    wall: dict[str, float] = field(default_factory=dict)
    rss: dict[str, float] = field(default_factory=dict)
    pages: dict[str, int] = field(default_factory=dict)
    check: float | None = None
    serve: dict[str, float] = field(default_factory=dict)


def bench_size(root: Path, size: int, args: argparse.Namespace) -> Result:
    sites = make_sites(root, size)
    runs = args.runs
    quizzes = len(list((sites["quiz"] / "quizzes").glob("*.yml")))
    yaml_kb = (
        sum(p.stat().st_size for p in (sites["quiz"] / "quizzes").glob("*.yml")) / quizzes / 1024
    )
    print(
        f"\n{size} quizzes ({quizzes - quizzes // SELF_EVERY} knowledge x {QUESTIONS} questions, "
        f"{quizzes // SELF_EVERY} self-assessments x {QUESTIONS} items; "
        f"{yaml_kb:.1f} KB of YAML each), {runs} runs:",
        flush=True,
    )
    chosen = args.variants.split(",") if args.variants else VARIANTS
    builds = {name: (sites[name], "") for name in VARIANTS if name in chosen}
    if args.ablate:
        for name, prelude in ABLATIONS.items():
            builds[f"quiz, {name}"] = (sites["quiz"], prelude)
    samples: dict[str, list[Sample]] = {name: [] for name in builds}
    pages: dict[str, int] = {}
    for run in range(runs):
        for name, (folder, prelude) in builds.items():  # interleaved: a busy spell hits all alike
            samples[name].append(build(folder, prelude))
            pages[name] = sum(1 for _ in (folder / "site").rglob("*.html"))
        print(
            f"  run {run + 1}: "
            + ", ".join(f"{name} {samples[name][-1].cpu:.1f} s CPU" for name in builds),
            flush=True,
        )
    result = Result(size, pages=pages)
    for name in builds:
        result.cpu[name] = median([s.cpu for s in samples[name]])
        result.wall[name] = median([s.wall for s in samples[name]])
        result.rss[name] = median([s.rss for s in samples[name]])
    print(f"  {'site':<26}{'pages':>6}{'wall':>9}{'CPU':>9}{'CPU/quiz':>10}{'peak RSS':>10}")
    for name in builds:
        print(
            f"  {name:<26}{pages[name]:>6}{result.wall[name]:>7.1f} s{result.cpu[name]:>7.1f} s"
            f"{result.cpu[name] / size * 1000:>7.1f} ms{result.rss[name]:>7.0f} MB"
        )
    cpu, rss = result.cpu, result.rss
    if set(VARIANTS) <= set(cpu):
        print_ratios(cpu, rss)
    elif {"quiz-nopages", "twin"} <= set(cpu):
        ratio = cpu["quiz-nopages"] / cpu["twin"]
        print(f"  quiz_pages: false vs twin:      CPU {verdict(ratio, 1.15)}", flush=True)
    for name in ABLATIONS if args.ablate else ():
        saved = cpu[f"quiz, {name}"] - cpu["quiz"]
        print(
            f"  {name}: {cpu[f'quiz, {name}']:.1f} s CPU instead of {cpu['quiz']:.1f} s "
            f"({saved:+.1f} s saved by it, {saved / cpu[f'quiz, {name}']:.0%})",
            flush=True,
        )
    if args.check:
        result.check = time_check(sites["quiz"], runs)
    if args.serve:
        time_serve(sites, size, args.serve.split(","), result)
    return result


def print_ratios(cpu: dict[str, float], rss: dict[str, float]) -> None:
    print(
        f"  quiz_pages: false vs twin:      CPU {verdict(cpu['quiz-nopages'] / cpu['twin'], 1.15)}"
        f", peak RSS {verdict(rss['quiz-nopages'] / rss['twin'], 1.3)}\n"
        f"  with pages vs twin+pages:      CPU {verdict(cpu['quiz'] / cpu['twin+pages'], 1.05)}"
        f", peak RSS {verdict(rss['quiz'] / rss['twin+pages'], 1.3)}\n"
        f"  with pages vs twin (as before): CPU {cpu['quiz'] / cpu['twin']:.2f}x",
        flush=True,
    )


def time_serve(sites: dict[str, Path], size: int, names: list[str], result: Result) -> None:
    """The ``mkdocs serve`` rebuild of each named site after one file changes."""
    for name in names:
        folder = sites[name]
        if name in QUIZ_SITES:
            edited = folder / "quizzes" / "quiz-1.yml"
        else:
            edited = folder / "docs" / "chapter-1.md"
        first, rebuild = serve_rebuild(folder, size, edited, "your response", "your answer")
        result.serve[name] = rebuild
        print(
            f"  mkdocs serve {name}: first build {first:.1f} s; {edited.name} changed -> "
            f"rebuild reported done {rebuild:.1f} s later (wall, change detection included)",
            flush=True,
        )
    serve = result.serve
    for name in sorted(set(serve) & set(QUIZ_SITES)):
        if "twin" in serve:
            print(f"  serve rebuild {name} vs twin: {verdict(serve[name] / serve['twin'], 1.2)}")


def time_check(folder: Path, runs: int) -> float:
    """Median CPU seconds of ``handbook check`` on a quiz site (interpreter start-up included)."""
    handbook = BIN / "handbook"
    # Exit 1 is fine: the linter warns about the generated quizzes' near-duplicate questions.
    checks = [measured([str(handbook), "check"], folder, ok=(0, 1)) for _ in range(runs)]
    cpu = median([c.cpu for c in checks])
    print(
        f"  handbook check: {median([c.wall for c in checks]):.2f} s wall, {cpu:.2f} s CPU "
        f"(median of {runs}, interpreter start-up included; target < 5 s), "
        f"peak RSS {median([c.rss for c in checks]):.0f} MB",
        flush=True,
    )
    return cpu


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="100,1000", help="comma-separated numbers of quizzes")
    parser.add_argument(
        "--serve",
        default="quiz-nopages,quiz,twin",
        help="sites whose mkdocs serve rebuild is timed (comma-separated; default: %(default)s)",
    )
    parser.add_argument(
        "--no-serve", dest="serve", action="store_const", const="", help="skip mkdocs serve"
    )
    parser.add_argument(
        "--no-check", dest="check", action="store_false", help="skip handbook check"
    )
    parser.add_argument(
        "--variants",
        default="",
        help="sites to build, comma-separated (default: all four; 'none': only check and serve)",
    )
    parser.add_argument(
        "--ablate", action="store_true", help="also build with each speed trick switched off"
    )
    parser.add_argument(
        "--keep", type=Path, help="generate the sites here and keep them (default: a temp folder)"
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    root = args.keep or Path(tempfile.mkdtemp(prefix="hq-bench-"))
    print(f"CPU count {os.cpu_count()}, load average {os.getloadavg()[0]:.1f} at the start")
    results = []
    try:
        for size in sizes:
            folder = root / str(size)
            shutil.rmtree(folder, ignore_errors=True)
            results.append(bench_size(folder, size, args))
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    if len(results) > 1 and all(set(VARIANTS) <= set(r.cpu) for r in results):
        print("\nScaling: median build CPU per quiz (ms), and the two ratios:")
        print(f"  {'quizzes':>7}" + "".join(f"{name:>14}" for name in VARIANTS) + "  nopages/twin")
        for r in results:
            per_quiz = "".join(f"{r.cpu[name] / r.size * 1000:>14.1f}" for name in VARIANTS)
            print(
                f"  {r.size:>7}{per_quiz}  {r.cpu['quiz-nopages'] / r.cpu['twin']:.2f}x, "
                f"with pages / twin+pages {r.cpu['quiz'] / r.cpu['twin+pages']:.2f}x"
            )


if __name__ == "__main__":
    main()
