"""The files the plugin ships under ``assets/handbook-quiz/``, as the pages load them.

The browser runtime is written as small classic-script modules in ``assets/js/`` (one job each,
each adding one object to ``window.HandbookQuiz``). Pages load two classic ``<script>`` files,
since module scripts fail in the offline ``file://`` copy: ``quiz.js`` on every page with a quiz,
``results.js`` after it on My results and the quiz index. Each is its sources joined in a fixed
order (dependencies first): no bundler, no Node, for the plugin's developers or for the sites that
install it. The joined files are committed, so the package ships plain files; after editing a
source, run ``python -m handbook_quiz.assets`` (tests/unit/test_runtime_source.py fails until the
shipped files equal their sources).
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

ASSETS = files("handbook_quiz") / "assets"
SOURCES = ASSETS / "js"

QUIZ_SOURCES = (
    "scoring.js",
    "text.js",
    "dom.js",
    "schema.js",
    "storage.js",
    "sharecode.js",
    "render.js",
    "kinds.js",
    "kinds/*",  # every question kind, in name order (kinds.js says what a kind file holds)
    "controller.js",
    "knowledge.js",
    "self-assessment.js",
    "consent.js",
    "boot.js",
)
"""quiz.js, in load order: each file uses only the files above it."""

RESULTS_SOURCES = (
    "results/files.js",
    "results/profile.js",
    "results/page.js",
    "results/index.js",
    "results/boot.js",
)
"""results.js, in load order; it uses the modules of quiz.js when it runs (results/boot.js)."""

BUNDLES = {"quiz.js": QUIZ_SOURCES, "results.js": RESULTS_SOURCES}


def source_files(pattern: str) -> list[Traversable]:
    """The source files a pattern names: a path under js/, or ``folder/*`` for all its .js files."""
    if pattern.endswith("/*"):
        folder = SOURCES / pattern[:-2]
        return sorted((f for f in folder.iterdir() if f.name.endswith(".js")), key=lambda f: f.name)
    return [SOURCES / pattern]


def bundle_sources(name: str) -> list[str]:
    """The js/-relative paths joined into a shipped script, in order."""
    return [
        f"{pattern[:-1]}{f.name}" if pattern.endswith("/*") else pattern
        for pattern in BUNDLES[name]
        for f in source_files(pattern)
    ]


def without_comment_lines(source: str) -> str:
    """The source less its comments that fill whole lines (``/* ... */`` blocks starting a line):
    the sources explain themselves at length, readers' browsers need not download it (a third of
    quiz.js gzip). Code lines, and comments after code on a line, are kept as written; the
    runtime's sources use no template literals, so no string starts a line with ``/*``."""
    kept, inside = [], False
    for line in source.splitlines(keepends=True):
        text = line.strip()
        if inside:
            inside = "*/" not in text
            continue
        if text.startswith("/*") and (text.endswith("*/") or "*/" not in text):
            inside = "*/" not in text
            continue
        kept.append(line)
    return "".join(kept)


def bundle(name: str) -> str:
    """A shipped script: its sources joined in order, each after a line naming it."""
    parts = [
        f"/* handbook_quiz/assets/{name}: built by handbook_quiz/assets.py from assets/js/ "
        "(python -m handbook_quiz.assets); edit the sources, not this. */\n"
    ]
    for path in bundle_sources(name):
        parts.append(f"/* ---- js/{path} ---- */\n")
        parts.append(without_comment_lines((SOURCES / path).read_text(encoding="utf-8")))
    return "".join(parts)


def write_bundles() -> list[str]:
    """Write every shipped script from its sources; returns the names of those that changed."""
    changed = []
    for name in BUNDLES:
        path = Path(str(ASSETS / name))
        text = bundle(name)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8", newline="\n")
            changed.append(name)
    return changed


if __name__ == "__main__":
    written = write_bundles()
    print("wrote " + ", ".join(written) if written else "quiz.js and results.js are up to date")
