"""Bytes of interface strings (the ``data-hq-labels`` attributes) on each page of a built site.

Each page is sent only the strings its quizzes' runtime reads (``labels.RUNTIME_GROUPS``); this
shows what that costs per page, as written in the HTML (escaped) and as the JSON the runtime reads.

    .venv/bin/mkdocs build -q -d /tmp/hq-site && .venv/bin/python bench/label_bytes.py /tmp/hq-site
"""

from __future__ import annotations

import argparse
import html
import re
from pathlib import Path

ATTRIBUTE = re.compile(r'data-hq-labels="([^"]*)"')


def label_bytes(site: Path) -> list[tuple[str, int, int]]:
    """(page, bytes in the HTML, bytes of JSON) for every page that carries strings."""
    rows = []
    for page in sorted(site.rglob("*.html")):
        found = ATTRIBUTE.findall(page.read_text(encoding="utf-8"))
        if found:
            written = sum(len(value.encode()) for value in found)
            json_bytes = sum(len(html.unescape(value).encode()) for value in found)
            rows.append((page.relative_to(site).as_posix(), written, json_bytes))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site folder")
    rows = label_bytes(parser.parse_args().site)
    print(f"{'html':>7} {'json':>7}  page")
    for page, written, json_bytes in rows:
        print(f"{written:7d} {json_bytes:7d}  {page}")
    total = sum(written for _, written, _ in rows)
    print(f"{len(rows)} pages with strings, {total} bytes in the HTML in all")


if __name__ == "__main__":
    main()
