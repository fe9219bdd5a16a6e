"""How long hostile quiz files take to refuse, and the worst quiz text that is accepted to render.

The tests (tests/build/test_hostile.py, tests/unit/test_bounds.py) check what the instructor is
told; this script reports the time it takes, so that a slow refusal is a number, not a flaky test.

    .venv/bin/python bench/hostile.py            # loader and Markdown cases, about 2 minutes
    .venv/bin/python bench/hostile.py --before   # also renders the refused Markdown, as builds did

Three parts, each the median of 5 runs per case:

1. The loader refusing hostile YAML, with each of PyYAML's parsers. Budget: 1 s for text in
   memory, 10 s for the 256 KB file of '[' (the worst case).
2. Validation (what ``mkdocs build`` and ``handbook check`` both run) refusing Markdown over the
   limits of bounds.py. Budget: 1 s each.
3. The handbook's own Markdown (mkdocs.yml's extensions) rendering the worst text bounds.py lets
   through: one field at each limit (budget 1 s), and a 256 KB quiz file made of such fields,
   validated and every field rendered (budget 60 s).

``--before`` renders each refused text of part 2 once, as the build did before bounds.py (12,000
'[' alone takes one to four minutes; nested lists, bold and HTML raise RecursionError). Exits
with status 1 when a case takes over its budget.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from handbook_quiz import bounds, loader
from handbook_quiz.markdown import SiteMarkdown, site_markdown
from handbook_quiz.validate import validate
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5


def billion_laughs(levels: int, width: int = 9) -> str:
    """``levels`` anchors, each a list of ``width`` aliases to the one before."""
    lines = [f"a0: &a0 [{', '.join(['lol'] * width)}]"]
    lines += [f"a{k}: &a{k} [{', '.join([f'*a{k - 1}'] * width)}]" for k in range(1, levels)]
    return "\n".join(lines) + "\n"


def cases(folder: Path) -> list[tuple[str, float, Callable[[], object]]]:
    """(name, budget in seconds, call) for each hostile input."""
    deepest = folder / "deepest.yml"
    deepest.write_text(
        "[" * (loader.MAX_BYTES // 2) + "]" * (loader.MAX_BYTES // 2), encoding="utf-8"
    )
    oversize = folder / "oversize.yml"
    oversize.write_bytes(b"title: " + b"x" * (300 * 1024) + b"\n")
    texts = {
        "billion laughs 9^30": billion_laughs(30),
        "1,000 nested flow lists": "[" * 1000 + "]" * 1000,
        "1,000 nested flow maps": "{a: " * 1000 + "1" + "}" * 1000,
        "1,000 nested block lists": "- " * 1000 + "x",
        "1,000 nested block maps": "".join(" " * i + "a:\n" for i in range(1000)),
        "30,000 nested flow lists": "[" * 30_000 + "]" * 30_000,
    }
    out: list[tuple[str, float, Callable[[], object]]] = [
        (name, 1.0, lambda text=text: loader.load_text(text, "x.yml"))
        for name, text in texts.items()
    ]
    out.append(
        ("256 KB of nested flow lists (file)", 10.0, lambda: loader.load_file(deepest, "x.yml"))
    )
    out.append(
        ("300 KB file (over the size limit)", 0.5, lambda: loader.load_file(oversize, "x.yml"))
    )
    return out


def median_seconds(call: Callable[[], object]) -> float:
    """Median wall time of RUNS calls."""
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


QUESTION = (
    "type: knowledge\ntitle: T\nquestions:\n  - text: {text}\n    vignette: {vignette}\n"
    "    choices:\n      - text: a\n        correct: true\n      - text: b\n"
)


def quoted(text: str) -> str:
    """Text as a double-quoted YAML scalar (any character, line breaks included)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def refused_markdown() -> dict[str, tuple[str, bool]]:
    """Name -> (text, is a block field) for Markdown that bounds.py refuses."""
    return {
        "12,000 '[' in a question": ("[" * 12_000, False),
        "3,000 '![' in a question": ("![" * 3_000, False),
        "3,000 '[a](' in a question": ("[a](" * 3_000, False),
        "5,000 '[' in 5,000 characters": ("[" * 5_000, False),
        "1,000 nested '**'": ("**" * 1_000 + "x" + "**" * 1_000, False),
        "600 nested '**a '": ("**a " * 600 + "x" + " a**" * 600, False),
        "600 nested '- ' in a vignette": ("- " * 600 + "x", True),
        "400 nested <div markdown> in a vignette": (
            '<div markdown="1">\n' * 400 + "x\n" + "</div>\n" * 400,
            True,
        ),
        "1,000 abbreviations in a vignette": (
            "".join(f"*[A{i}]: x\n" for i in range(1_000)) + "A1 " * 100,
            True,
        ),
        "placeholder token \\0id\\0": ("a \x00id\x00 b", False),
    }


def validation_call(text: str, block: bool) -> Callable[[], object]:
    """Load and validate a one-question quiz holding ``text`` (in the vignette when ``block``)."""
    fields = (
        {"text": quoted("Q"), "vignette": quoted(text)}
        if block
        else {
            "text": quoted(text),
            "vignette": quoted("V"),
        }
    )
    source = QUESTION.format(**fields)

    def call() -> object:
        quiz, issues = validate(loader.load_text(source, "quizzes/x.yml"), "x")
        assert quiz is None and issues, "bounds.py let hostile text through"
        return issues

    return call


def prose(length: int, start: str = "", seed: int = 0) -> str:
    """``start`` followed by plain words up to ``length`` characters."""
    words = f"The client {seed} said little and the therapist waited. "
    return (start + words * (length // len(words) + 1))[:length].rstrip()


def worst_accepted() -> dict[str, tuple[str, bool]]:
    """Name -> (text, is a block field): text at the limits of bounds.py, which it accepts."""
    limit = bounds.MAX_LENGTH
    nest = bounds.MAX_NESTING
    open_brackets = bounds.MAX_BRACKET_NESTING
    links = bounds.MAX_BRACKETS
    return {
        "5,000 characters of prose": (prose(limit), False),
        "4 unclosed '[' then prose": (prose(limit, "[" * open_brackets), False),
        "4 unclosed '[a](' then prose": (prose(limit, "[a](" * open_brackets), False),
        "20 links": (prose(limit, "[a](b.md) " * links), False),
        "20 images": (prose(limit, "![a](b.png) " * links), False),
        "8 nested '**a ' repeated": (
            prose(limit, ("**a " * (nest // 2) + "x" + " a**" * (nest // 2) + " ") * 200),
            False,
        ),
        "5,000 '*'": ("*" * limit, False),
        "5,000 '_'": ("_" * limit, False),
        "5,000 '`'": ("`" * limit, False),
        "5,000 '<'": ("<" * limit, False),
        "5,000 '&'": ("&" * limit, False),
        "5,000 '\\'": ("\\" * limit, False),
        "autolinks": (prose(limit, "<https://a.example/> " * 200), False),
        "20 abbreviations (block)": (
            "".join(f"*[A{i}]: x\n" for i in range(links)) + prose(limit - 500, "A1 " * 100),
            True,
        ),
        "10 footnotes (block)": (
            "".join(f"[^{i}] " for i in range(links // 2))
            + "\n\n"
            + "".join(f"[^{i}]: note\n" for i in range(links // 2)),
            True,
        ),
        "8 nested lists repeated (block)": (
            ("- " * nest + "x\n") * (limit // (2 * nest + 2)),
            True,
        ),
        "8 nested <div markdown> (block)": (
            ('<div markdown="1">\n' * nest + "x\n" + "</div>\n" * nest) * 20,
            True,
        ),
        "a table of 100 columns (block)": (
            ("|a" * 100 + "\n" + "|-" * 100 + "\n" + ("|a" * 100 + "\n") * 30)[:limit],
            True,
        ),
    }


def handbook_markdown() -> SiteMarkdown:
    """The Markdown the handbook renders quiz text with: mkdocs.yml's extensions."""
    return site_markdown(load_config(str(ROOT / "mkdocs.yml")))


def render_call(markdown: SiteMarkdown, text: str, block: bool) -> Callable[[], object]:
    assert bounds.text_problem(text) is None, f"bounds.py refuses a case meant to pass: {text[:40]}"
    return (lambda: markdown(text)) if block else (lambda: markdown.inline(text))


def worst_file(markdown: SiteMarkdown, field: str) -> tuple[int, Callable[[], object]]:
    """A quiz file just under 256 KB of questions whose ``field`` (``text`` or ``vignette``) is at
    the limits, each distinct (the renderer converts a repeated text once); the call validates
    the file and renders every text, as a build does."""
    nest, limit = bounds.MAX_NESTING, bounds.MAX_LENGTH
    if field == "text":
        texts = [prose(limit - 20, "[" * bounds.MAX_BRACKET_NESTING, seed=n) for n in range(60)]
    else:
        lines = ("- " * nest + "x\n") * ((limit - 20) // (2 * nest + 2))
        texts = [f"{n}\n\n{lines}" for n in range(60)]
    other = "vignette" if field == "text" else "text"
    entries = [
        f"  - {field}: {quoted(text)}\n    {other}: Q{n}\n    choices:\n"
        f"      - text: a{n}\n        correct: true\n      - text: b{n}\n"
        for n, text in enumerate(texts)
    ]
    source, count = "type: knowledge\ntitle: T\nquestions:\n", 0
    while count < len(entries) and len((source + entries[count]).encode()) < loader.MAX_BYTES:
        source += entries[count]
        count += 1

    def call() -> object:
        quiz, issues = validate(loader.load_text(source, "quizzes/x.yml"), "x")
        assert quiz is not None and not issues, issues
        for question in quiz.questions:
            markdown.inline(question.text)
            markdown(question.vignette)
            for choice in question.choices:
                markdown.inline(choice.text)
        return quiz

    return count, call


def render_once(markdown: SiteMarkdown, text: str, block: bool) -> str:
    """Render a refused text once, as the build did before bounds.py: the time or the error."""
    started = time.perf_counter()
    try:
        markdown(text) if block else markdown.inline(text)
        outcome = ""
    except RecursionError:
        outcome = "  RecursionError (a traceback in the build)"
    return f"{(time.perf_counter() - started) * 1000:9.1f} ms{outcome}"


def report(name: str, seconds: float, budget: float, column: str = "") -> bool:
    """Print one line; True when the case is over its budget."""
    flag = "" if seconds <= budget else f"  OVER the {budget} s budget"
    print(f"{name:42} {column:12} {seconds * 1000:9.1f} ms{flag}")
    return bool(flag)


def main() -> int:
    before = "--before" in sys.argv[1:]
    parsers = {"libyaml": getattr(yaml, "CSafeLoader", None), "pure-python": yaml.SafeLoader}
    version = yaml._yaml.get_version_string() if yaml.__with_libyaml__ else "none"
    print(f"PyYAML {yaml.__version__}, libyaml {version}; median of {RUNS} runs")
    print("\n1. The loader refusing hostile YAML")
    over = 0
    with tempfile.TemporaryDirectory() as folder:
        for name, budget, call in cases(Path(folder)):
            for parser, parser_class in parsers.items():
                if parser_class is None:
                    continue
                loader.Loader = parser_class
                over += report(name, median_seconds(call), budget, parser)
    loader.Loader = parsers["libyaml"] or yaml.SafeLoader
    markdown = handbook_markdown()
    validate(loader.load_text(QUESTION.format(text="Q", vignette="V"), "x.yml"), "x")  # warm up
    print("\n2. Validation refusing Markdown over the limits (bounds.py)")
    if before:
        print(f"{'':42} {'refused in':>21}   rendered before bounds.py (once)")
    for name, (text, block) in refused_markdown().items():
        seconds = median_seconds(validation_call(text, block))
        rendered = render_once(markdown, text, block) if before else ""
        over += report(name, seconds, 1.0, "validation")
        if rendered:
            print(f"{'':42} {'':12} {'':12} {rendered}")
    print("\n3. The handbook's Markdown rendering the worst text bounds.py accepts")
    for name, (text, block) in worst_accepted().items():
        over += report(name, median_seconds(render_call(markdown, text, block)), 1.0, "one field")
    for field, shape in (("text", "4 unclosed '['"), ("vignette", "8 nested lists")):
        count, call = worst_file(markdown, field)
        started = time.perf_counter()
        call()
        name = f"256 KB file: {count} {field}s of {shape}"
        over += report(name, time.perf_counter() - started, 60.0, "whole file")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
