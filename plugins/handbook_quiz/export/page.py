"""A self-contained printable HTML page: no scripts, no fonts, nothing fetched, A4 and Letter
alike."""

from __future__ import annotations

from html import escape

STYLE = (
    (
        "\n"
        'body { font: 11pt/1.45 Georgia, "Times New Roman", serif; color: #111; max-width: 46rem; '
        "margin: 2rem auto; padding: 0 1rem; }\n"
        "h1 { font-size: 1.6em; margin: 0 0 .4em; } "
        "h2 { font-size: 1.25em; margin: 1.6em 0 .4em; } "
        "h3 { font-size: 1.05em; margin: 1.2em 0 .3em; }\n"
    )
    + """table { border-collapse: collapse; width: 100%; margin: .6em 0 1em; }
th, td { border: 1px solid #888; padding: .3em .4em; vertical-align: top; text-align: left; }
th { background: #eee; font-weight: 600; }
.box { text-align: center; font-size: 1.3em; width: 3.2rem; }
.scale th.value { text-align: center; font-size: .85em; }
.note { border-left: 4px solid #888; padding: .2em .8em; background: #f4f4f4; }
.lines { border-bottom: 1px solid #888; height: 4.5em; margin-bottom: 1em; }
.choices { list-style: none; padding-left: .5em; } .mark { display: inline-block; width: 1.4em; }
.correct > .choice { font-weight: 600; }
.feedback, .explanation { color: #333; font-size: .95em; margin: .2em 0 .5em 1.4em; }
.vignette { font-style: italic; }
.sheet + .sheet, .key { break-before: page; page-break-before: always; }
tr, li { break-inside: avoid; page-break-inside: avoid; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; } }
"""
)


def page(title: str, body: str, lang: str = "en") -> bytes:
    """A complete UTF-8 HTML document around ``body`` (which is already HTML)."""
    html = (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
    return html.encode("utf-8")
