"""What the quiz plugin adds to the pages readers download.

Prints the raw and gzip size of each quiz asset, then checks a built handbook: a page without a
quiz must not reference any quiz asset nor carry any quiz markup (zero bytes), the results page
loads only its own assets, and each quiz page is listed with its HTML size and the share of it
that is quiz markup.

    .venv/bin/python bench/payload.py               # builds this handbook in a temporary folder
    .venv/bin/python bench/payload.py --site site   # checks an already built site instead

Exits with status 1 when a limit is broken: quiz JS + CSS over 10 KB gzip, or quiz bytes on a
page without a quiz.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import statistics
import subprocess
import sys
import tempfile
from importlib.resources import files
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSET_DIR = "assets/handbook-quiz/"
QUIZ_ASSETS = ("quiz.js", "quiz.css")
RESULTS_ASSETS = ("results.js", "results.css")
LIMIT = 10 * 1024
"""Quiz JS + CSS, gzip, together: the budget of a page with a quiz."""
QUIZ_MARK = re.compile(r'<div class="hq-quiz"')
QUIZ_TRACES = ("data-hq-", 'class="hq-', ASSET_DIR)
"""What any quiz leaves in a page: its markup, or a reference to its assets."""
TAG = re.compile(r"<(/?)div\b")


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def asset_sizes() -> tuple[int, int]:
    """Print each asset's size; returns (quiz JS + CSS gzip, results-page JS + CSS gzip)."""
    folder = files("handbook_quiz") / "assets"
    print(f"{'asset':<14}{'raw':>9}{'gzip -9':>10}")
    sizes = {}
    for name in (*QUIZ_ASSETS, *RESULTS_ASSETS):
        data = (folder / name).read_bytes()
        sizes[name] = gz(data)
        print(f"{name:<14}{len(data):>9,}{sizes[name]:>10,}")
    quiz = sum(sizes[n] for n in QUIZ_ASSETS)
    results = sum(sizes[n] for n in RESULTS_ASSETS)
    verdict = "ok" if quiz <= LIMIT else "OVER"
    print(f"quiz pages load quiz.js + quiz.css: {quiz:,} B gzip ({verdict}: limit {LIMIT:,} B)")
    print(
        f"the results page adds results.js + results.css: {results:,} B gzip "
        f"(total {quiz + results:,} B there)"
    )
    return quiz, results


def quiz_markup(html: str) -> int:
    """Bytes of every ``<div class="hq-quiz">`` element in the page (nested divs balanced)."""
    total = 0
    for start in QUIZ_MARK.finditer(html):
        depth, end = 0, len(html)
        for tag in TAG.finditer(html, start.start()):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                end = html.index(">", tag.end()) + 1
                break
        total += len(html[start.start() : end].encode())
    return total


def check_site(site: Path) -> bool:
    """Print the per-page report; True when no page without a quiz carries any quiz byte."""
    pages = sorted(p for p in site.rglob("*.html"))
    with_quiz, without, results_pages, leaks = [], [], [], []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        name = page.relative_to(site).as_posix()
        raw = len(html.encode())
        if QUIZ_MARK.search(html):
            with_quiz.append(
                (name, raw, gz(html.encode()), quiz_markup(html), len(QUIZ_MARK.findall(html)))
            )
            if any(f"{ASSET_DIR}{a}" in html for a in RESULTS_ASSETS):
                leaks.append(f"{name}: quiz page loads the results-page assets")
        elif 'class="hq-rp"' in html or any(f"{ASSET_DIR}{a}" in html for a in RESULTS_ASSETS):
            results_pages.append(name)
        else:
            without.append((name, raw))
            found = [trace for trace in QUIZ_TRACES if trace in html]
            if found:
                leaks.append(f"{name}: no quiz, but contains {', '.join(repr(t) for t in found)}")
    print(
        f"\n{len(pages)} pages in {site}: {len(with_quiz)} with a quiz, "
        f"{len(results_pages)} results page(s), {len(without)} without a quiz"
    )
    if without:
        clean = len(without) - sum(1 for leak in leaks if "no quiz" in leak)
        print(
            f"pages without a quiz: quiz bytes 0 on {clean} of {len(without)}; "
            f"mean page {statistics.mean(r for _, r in without):,.0f} B"
        )
    for name in results_pages:
        html = (site / name).read_text(encoding="utf-8")
        loaded = [a for a in (*QUIZ_ASSETS, *RESULTS_ASSETS) if f"{ASSET_DIR}{a}" in html]
        print(f"results page {name}: loads {', '.join(loaded)}; {len(html.encode()):,} B")
    if with_quiz:
        print(f"\n{'quiz page':<44}{'quizzes':>8}{'HTML':>10}{'gzip':>9}{'quiz markup':>13}")
        for name, raw, zipped, markup, count in with_quiz:
            print(f"{name:<44}{count:>8}{raw:>10,}{zipped:>9,}{markup:>13,}")
        raws = [r for _, r, _, _, _ in with_quiz]
        zips = [z for _, _, z, _, _ in with_quiz]
        marks = [m for _, _, _, m, _ in with_quiz]
        print(
            f"{'mean':<52}{statistics.mean(raws):>10,.0f}{statistics.mean(zips):>9,.0f}"
            f"{statistics.mean(marks):>13,.0f}"
        )
        print(f"{'max':<52}{max(raws):>10,}{max(zips):>9,}{max(marks):>13,}")
    for leak in leaks:
        print(f"LEAK: {leak}")
    return not leaks


def build(project: Path, site_dir: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [str(Path(sys.executable).parent / "mkdocs"), "build", "-q", "-d", str(site_dir)]
    result = subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.exit(f"mkdocs build failed in {project}:\n{result.stdout}{result.stderr}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--site", type=Path, help="a built site to check (default: build this handbook)"
    )
    parser.add_argument(
        "--project", type=Path, default=ROOT, help="the handbook to build (default: this one)"
    )
    args = parser.parse_args()
    quiz_gzip, _ = asset_sizes()
    if args.site:
        clean = check_site(args.site)
    else:
        with tempfile.TemporaryDirectory() as folder:
            build(args.project, Path(folder) / "site")
            clean = check_site(Path(folder) / "site")
    if quiz_gzip > LIMIT or not clean:
        sys.exit(1)


if __name__ == "__main__":
    main()
