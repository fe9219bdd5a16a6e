"""How long the loader takes to refuse hostile quiz files, with each of PyYAML's parsers.

The unit tests (tests/build/test_hostile.py) check what the instructor is told; this script reports the
time it takes, so that a slow refusal is seen as a number, not as a flaky test.

    .venv/bin/python bench/hostile.py

Prints the median of 5 runs per case and parser. Exits with status 1 when a case takes over its
budget: 1 s for a refusal of text in memory, 10 s for the 256 KB file of '[' (the worst case).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from handbook_quiz import loader

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


def main() -> int:
    parsers = {"libyaml": getattr(yaml, "CSafeLoader", None), "pure-python": yaml.SafeLoader}
    version = yaml._yaml.get_version_string() if yaml.__with_libyaml__ else "none"
    print(f"PyYAML {yaml.__version__}, libyaml {version}; median of {RUNS} runs")
    over = 0
    with tempfile.TemporaryDirectory() as folder:
        for name, budget, call in cases(Path(folder)):
            for parser, parser_class in parsers.items():
                if parser_class is None:
                    continue
                loader.Loader = parser_class
                seconds = median_seconds(call)
                flag = "" if seconds <= budget else f"  OVER the {budget} s budget"
                over += bool(flag)
                print(f"{name:38} {parser:12} {seconds * 1000:9.1f} ms{flag}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
