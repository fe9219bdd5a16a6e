"""Self-assessments outside the site: a complete JSON copy, and a printable handout with a
scoring key.

No LMS quiz engine can score a Likert scale with reverse items, subscales and bands, so instead of
a question bank these go out as data (for other tools or research notes) and as paper (for
workshops and supervision), both carrying everything needed to score by hand.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from .. import kinds
from ..model import Band, Quiz, Wording
from ..scoring import content_hash
from . import Files
from .page import page
from .text import Text

NOTE = "A reflective learning aid, not a validated or diagnostic instrument."
JSON_FORMAT = "handbook-quiz/self-assessment"


def export_json(quiz: Quiz, text: Text) -> Files:
    """Everything scoring needs, plus every text as Markdown with absolute links."""
    assert quiz.scale is not None

    def worded(wording: Wording) -> str | dict[str, str] | None:
        if not wording:
            return None
        if not quiz.perspectives:
            return text.markdown(wording[""])
        return {key: text.markdown(value) for key, value in wording.items()}

    def bands(entries: tuple[Band, ...]) -> list[dict[str, Any]]:
        return [{"from": b.start, "label": b.label, "text": worded(b.text)} for b in entries]

    scale = quiz.scale
    data: dict[str, Any] = {
        "format": JSON_FORMAT,
        "format_version": 1,
        "text_format": "markdown",
        "id": quiz.id,
        "type": quiz.type,
        "title": quiz.title,
        "version": quiz.version,
        "content_hash": content_hash(quiz),
        "url": text.site.quiz_url(quiz.id) if text.site.url else None,
        "chapter": text.site.absolute(quiz.chapter) if quiz.chapter else None,
        "note": NOTE,
        "description": text.markdown(quiz.description) or None,
        "perspectives": dict(quiz.perspectives),
        "scale": {
            "labels": list(scale.labels),
            "start": scale.start,
            "values": list(range(scale.minimum, scale.maximum + 1)),
            "min": scale.minimum,
            "max": scale.maximum,
        },
        "scoring": {
            "method": quiz.method,
            "reverse": "a reverse-scored item's value is (min + max) - value",
            "min": _limits(quiz, len(quiz.items))[0],
            "max": _limits(quiz, len(quiz.items))[1],
            "bands": bands(quiz.bands),
        },
        "subscales": [
            {
                "id": s.id,
                "title": worded(s.title),
                "description": worded(s.description),
                "items": [item.id for item in quiz.items_of(s.id)],
                "min": _limits(quiz, len(quiz.items_of(s.id)))[0],
                "max": _limits(quiz, len(quiz.items_of(s.id)))[1],
                "bands": bands(s.bands),
                "banded_by": "own" if s.bands else ("quiz" if quiz.bands_for(s) else "none"),
            }
            for s in quiz.subscales
        ],
        "items": [kinds.item_kind(i).json(i, worded) for i in quiz.items],
        "results": worded(quiz.results),
        "reflection": [worded(prompt) for prompt in quiz.reflection],
    }
    return {
        f"json/{quiz.id}.json": (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode(
            "utf-8"
        )
    }


def _limits(quiz: Quiz, count: int) -> tuple[float, float]:
    """Lowest and highest possible score over ``count`` items."""
    assert quiz.scale is not None
    factor = count if quiz.method == "sum" else 1
    return quiz.scale.minimum * factor, quiz.scale.maximum * factor


def _number(value: float) -> str:
    return f"{value:g}"


def export_handout(quiz: Quiz, text: Text) -> Files:
    """One HTML file: a rating sheet per perspective, then the scoring key on its own page."""
    sheets = [_sheet(quiz, text, key) for key in quiz.perspective_keys]
    body = "\n".join([*sheets, _key(quiz, text)])
    return {f"handout/{quiz.id}.html": page(quiz.title, body)}


def _sheet(quiz: Quiz, text: Text, perspective: str) -> str:
    assert quiz.scale is not None
    scale = quiz.scale
    out = ['<section class="sheet">', f"<h1>{escape(quiz.title)}</h1>"]
    if perspective:
        out.append(f"<p><strong>{escape(quiz.perspectives[perspective])}</strong></p>")
    out += [
        text.html(quiz.description),
        f'<p class="note">{NOTE}</p>',
        "<p>For each statement, tick the one box that fits best. "
        "There are no right or wrong answers.</p>",
        '<table class="scale">',
        "<thead><tr><th>#</th><th>Statement</th>",
    ]
    values = range(scale.minimum, scale.maximum + 1)
    out += [
        f'<th class="value">{escape(label)}<br>({value})</th>'
        for label, value in zip(scale.labels, values, strict=True)
    ]
    out.append("</tr></thead><tbody>")
    out += [
        kinds.item_kind(item).sheet_row(item, number, perspective, scale, text)
        for number, item in enumerate(quiz.items, start=1)
    ]
    out.append("</tbody></table>")
    if quiz.reflection:
        out.append("<h2>Reflection</h2>")
        out += [
            f'{text.html(prompt[perspective])}<div class="lines"></div>'
            for prompt in quiz.reflection
        ]
    out.append("</section>")
    return "\n".join(part for part in out if part)


def _key(quiz: Quiz, text: Text) -> str:
    """How to score by hand, exactly as the site does."""
    assert quiz.scale is not None
    scale = quiz.scale
    numbers = {item.id: n for n, item in enumerate(quiz.items, start=1)}
    values = ", ".join(
        f"{escape(label)} = {scale.start + i}" for i, label in enumerate(scale.labels)
    )
    combine = "mean (average)" if quiz.method == "mean" else "sum"
    out = [
        '<section class="key">',
        f"<h1>Scoring key: {escape(quiz.title)}</h1>",
        "<ol>",
        f"<li>Each ticked box scores its value: {values}.</li>",
        f"<li>Reverse-scored statements (marked R) score {scale.minimum + scale.maximum} "
        f"minus the value ticked, so {scale.maximum} becomes {scale.minimum}.</li>"
        if any(i.reverse for i in quiz.items)
        else "",
        f"<li>Each area's score is the {combine} of its statements' scores; "
        f"the overall score is the {combine} of all {len(quiz.items)} statements.</li>"
        if quiz.subscales
        else f"<li>The overall score is the {combine} of all {len(quiz.items)} "
        "statements' scores.</li>",
        "<li>Every statement must be answered. Use the exact score to find its band; "
        "when showing a score, round it to 2 decimals (halves away from zero).</li>",
        "</ol>",
    ]
    out += _item_table(quiz, numbers)
    first = quiz.perspective_keys[0]
    sharing = [s.title[first] for s in quiz.subscales if not s.bands and quiz.bands_for(s)]
    if quiz.bands:
        shared = (
            f" The same bands apply to each area: {escape(', '.join(sharing))}." if sharing else ""
        )
        out += _band_table(
            quiz, text, "Overall score", quiz.bands, _limits(quiz, len(quiz.items)), shared
        )
    for subscale in quiz.subscales:
        if subscale.bands:
            limits = _limits(quiz, len(quiz.items_of(subscale.id)))
            out += _band_table(quiz, text, subscale.title[first], subscale.bands, limits)
    if quiz.results:
        out.append("<h2>After scoring</h2>")
        out += _worded_blocks(quiz, text, quiz.results)
    out.append("</section>")
    return "\n".join(part for part in out if part)


def _item_table(quiz: Quiz, numbers: dict[str, int]) -> list[str]:
    titles = {s.id: s.title[quiz.perspective_keys[0]] for s in quiz.subscales}
    out = [
        "<h2>Statements</h2>",
        "<table><thead><tr><th>#</th><th>Id</th>"
        + ("<th>Area</th>" if quiz.subscales else "")
        + "<th>Scoring</th></tr></thead><tbody>",
    ]
    for item in quiz.items:
        area = f"<td>{escape(titles[item.subscale])}</td>" if quiz.subscales else ""
        scoring = kinds.item_kind(item).scoring_text(item)
        out.append(
            f"<tr><td>{numbers[item.id]}</td><td>{escape(item.id)}</td>{area}<td>{scoring}</td></tr>"
        )
    out.append("</tbody></table>")
    return out


def _band_table(
    quiz: Quiz,
    text: Text,
    title: str,
    bands: tuple[Band, ...],
    limits: tuple[float, float],
    shared: str = "",
) -> list[str]:
    out = [
        f"<h2>{escape(title)}</h2>",
        f"<p>Possible scores: {_number(limits[0])} to {_number(limits[1])}.{shared}</p>",
        "<table><thead><tr><th>Score</th><th>Band</th><th>What it suggests</th></tr></thead>"
        "<tbody>",
    ]
    for index, band in enumerate(bands):
        upper = (
            f"under {_number(bands[index + 1].start)}"
            if index + 1 < len(bands)
            else _number(limits[1])
        )
        advice = "".join(_worded_blocks(quiz, text, band.text))
        out.append(
            f"<tr><td>{_number(band.start)} to {upper}</td><td>{escape(band.label)}</td>"
            f"<td>{advice}</td></tr>"
        )
    out.append("</tbody></table>")
    return out


def _worded_blocks(quiz: Quiz, text: Text, wording: Wording) -> list[str]:
    """One wording, or each perspective's wording under its label when they differ."""
    if not wording:
        return []
    if len(set(wording.values())) == 1:
        return [text.html(next(iter(wording.values())))]
    return [
        f"<p><em>{escape(quiz.perspectives[key])}:</em></p>{text.html(value)}"
        for key, value in wording.items()
    ]
