"""Lighthouse scores for the handbook: home, a chapter with quizzes, a quiz page and My results.

Builds the real handbook into a temporary folder with ``SITE_URL`` set to a local server's URL
(so canonical links and Material's instant navigation match what is served), serves it on
127.0.0.1, and runs Lighthouse from ``bench/node_modules`` against each page with the mobile
(Lighthouse's default) and the desktop preset, in Debian's Chromium. Prints the four category
scores per page and preset (the median when ``--runs`` is above 1) and checks them against the
targets: accessibility, best practices and SEO 1.0; performance at least 0.95 (desktop) and 0.9
(mobile). Mobile performance is simulated on a slow 4G phone and jitters by about +-0.03 on two
cores, so a single run near the line is worth repeating with ``--runs 3``.

Installs nothing itself. Once, in bench/:  ``npm ci``  (Lighthouse 12.8.2, pinned in package.json;
13.x needs Node >= 22.19). Then, from the project root:

    .venv/bin/python bench/lighthouse.py                   # 4 pages x 2 presets, one run each
    .venv/bin/python bench/lighthouse.py --runs 3 --preset mobile
    .venv/bin/python bench/lighthouse.py --page rapport/ --json-dir /tmp/lh   # keep the reports

Exit status: 0 when every score meets its target, 1 when one does not, 2 when something is missing.
The site is served by Python's static server, gzipping HTML, CSS, JS, JSON and XML as static hosts
(GitHub Pages, Netlify, nginx with gzip on) do; ``--no-gzip`` serves it raw, as ``python -m
http.server`` would, which costs mobile performance most on long chapters (slow 4G is simulated).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
PAGES = {
    "": "home",
    "rapport/": "chapter with quizzes",
    "quizzes/rapport-check/": "quiz page",
    "my-results/": "My results",
}
PRESETS = ("mobile", "desktop")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {("performance", "desktop"): 0.95, ("performance", "mobile"): 0.9}
"""Anything not listed must score 1.0."""
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage "
    "--disable-background-networking"
)


class Handler(http.server.SimpleHTTPRequestHandler):
    """Python's static server, quiet, and gzipping text as static hosts do (unless told not to)."""

    compress = True

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and accepts and path.is_file() and path.suffix in COMPRESSIBLE):
            super().do_GET()
            return
        body = gzipped(str(path))
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"}


@functools.cache
def gzipped(path: str) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6)


def target(category: str, preset: str) -> float:
    return TARGETS.get((category, preset), 1.0)


def find_chrome() -> str | None:
    chrome = os.environ.get("CHROME_PATH") or "/usr/bin/chromium"
    return (
        chrome
        if Path(chrome).exists()
        else shutil.which("chromium") or shutil.which("chromium-browser")
    )


def build(site_dir: Path, url: str) -> None:
    env = {**os.environ, "SITE_URL": url, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode:
        sys.exit(f"mkdocs build failed:\n{result.stdout}{result.stderr}")


def lighthouse(url: str, preset: str, chrome: str, report: Path) -> dict:
    """One Lighthouse run; returns the parsed JSON report."""
    command = [
        "npx",
        "--no-install",
        "lighthouse",
        url,
        f"--chrome-flags={CHROME_FLAGS}",
        "--output=json",
        f"--output-path={report}",
        "--quiet",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": chrome}
    result = subprocess.run(
        command, cwd=BENCH, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode or not report.exists():
        raise RuntimeError(
            f"lighthouse failed on {url} ({preset}):\n"
            f"{result.stdout[-2000:]}{result.stderr[-2000:]}"
        )
    return json.loads(report.read_text(encoding="utf-8"))


def shortfalls(lhr: dict, category: str) -> list[str]:
    """The weighted audits that kept a category below 1, with their scores."""
    out = []
    for ref in lhr["categories"][category]["auditRefs"]:
        audit = lhr["audits"][ref["id"]]
        if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
            value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
            out.append(f"{ref['id']} {audit['score']:.2f}{value}")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--runs", type=int, default=1, help="runs per page and preset; the median is reported"
    )
    parser.add_argument(
        "--preset", choices=PRESETS, action="append", help="only this preset (repeatable)"
    )
    parser.add_argument(
        "--page", action="append", help="only this path, e.g. rapport/ (repeatable)"
    )
    parser.add_argument("--json-dir", type=Path, help="keep every Lighthouse JSON report here")
    parser.add_argument(
        "--no-gzip", action="store_true", help="serve uncompressed, as `python -m http.server` does"
    )
    args = parser.parse_args()
    Handler.compress = not args.no_gzip

    if not (BENCH / "node_modules" / ".bin" / "lighthouse").exists():
        print("Lighthouse is not installed: run `npm ci` in bench/ first.", file=sys.stderr)
        return 2
    chrome = find_chrome()
    if not chrome:
        print(
            "No Chromium: apt-get install -y --no-install-recommends chromium "
            "(or set CHROME_PATH).",
            file=sys.stderr,
        )
        return 2
    presets = args.preset or list(PRESETS)
    pages = args.page or list(PAGES)

    with tempfile.TemporaryDirectory(prefix="hq-lighthouse-") as tmp:
        site_dir, reports = Path(tmp) / "site", args.json_dir or Path(tmp) / "reports"
        reports.mkdir(parents=True, exist_ok=True)
        httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(Handler, directory=str(site_dir))
        )
        url = f"http://127.0.0.1:{httpd.server_address[1]}/"
        print(f"Building the handbook for {url} ...", flush=True)
        build(site_dir, url)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        rows, notes, spreads = [], [], []
        try:
            for path in pages:
                for preset in presets:
                    runs = []
                    for n in range(args.runs):
                        name = (
                            path.strip("/").replace("/", "_") or "home"
                        ) + f".{preset}.{n + 1}.json"
                        print(
                            f"  lighthouse {preset:7} /{path} (run {n + 1}/{args.runs})", flush=True
                        )
                        runs.append(lighthouse(url + path, preset, chrome, reports / name))
                    scores = {
                        c: statistics.median(r["categories"][c]["score"] for r in runs)
                        for c in CATEGORIES
                    }
                    rows.append((path, preset, scores))
                    for c in CATEGORIES:
                        if scores[c] < 1:  # explained from the run closest to the median
                            typical = min(
                                runs,
                                key=lambda r, c=c: abs(r["categories"][c]["score"] - scores[c]),
                            )
                            notes.append(
                                f"/{path} {preset} {c} {scores[c]:.2f}: "
                                + "; ".join(shortfalls(typical, c))
                            )
                    if args.runs > 1:
                        each = ", ".join(
                            f"{r['categories']['performance']['score']:.2f}" for r in runs
                        )
                        spreads.append(f"/{path} {preset}: {each}")
        finally:
            httpd.shutdown()

    failed = False
    labels = {p: f"/{p} ({PAGES[p]})" if p in PAGES else f"/{p}" for p in pages}
    width = max(len(label) for label in labels.values())
    browser = re.search(r"Chrome/[\d.]+", runs[-1]["environment"]["hostUserAgent"])
    print(
        f"\nLighthouse {runs[-1]['lighthouseVersion']}, {browser.group(0) if browser else chrome}, "
        f"median of {args.runs} run(s), "
        f"served {'without compression' if args.no_gzip else 'gzipped'}\n"
    )
    print(
        f"{'page':{width}}  {'preset':7}  " + "  ".join(f"{c:>14}" for c in CATEGORIES) + "  result"
    )
    for path, preset, scores in rows:
        bad = [c for c in CATEGORIES if scores[c] < target(c, preset)]
        failed |= bool(bad)
        cells = "  ".join(f"{scores[c]:>14.2f}" for c in CATEGORIES)
        verdict = "pass" if not bad else "FAIL (" + ", ".join(bad) + ")"
        print(f"{labels[path]:{width}}  {preset:7}  {cells}  {verdict}")
    print(
        "\nTargets: accessibility, best-practices, seo 1.00; "
        "performance >= 0.95 desktop, >= 0.90 mobile."
    )
    if notes:
        print("\nBelow 1.00 (weighted audits under 1, from the run nearest the median):")
        for note in notes:
            print(f"  {note}")
    if spreads:
        print("\nPerformance, run by run:")
        for line in spreads:
            print(f"  {line}")
    if args.json_dir:
        print(f"\nReports kept in {args.json_dir}")
    print("\nOverall: " + ("FAIL" if failed else "pass"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
