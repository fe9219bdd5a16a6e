"""The browser runtime never turns a string into markup or code (static check of the shipped files).

A strict Content-Security-Policy (tests/browser/test_csp.py) and "no runtime data reaches innerHTML"
both rest on this: text goes in with textContent, elements with createElement, styles through the
CSSOM (element.style.width), and handlers with addEventListener.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ASSETS = Path(__file__).resolve().parents[2] / "plugins" / "handbook_quiz" / "assets"
RUNTIME = ["quiz.js", "results.js"]

FORBIDDEN = {
    "innerHTML": r"\binnerHTML\b",
    "outerHTML": r"\bouterHTML\b",
    "insertAdjacentHTML": r"\binsertAdjacentHTML\b",
    "document.write": r"\bdocument\s*\.\s*write(ln)?\b",
    "eval": r"(?<![\w$])eval\s*\(",
    "new Function": r"\bnew\s+Function\b|(?<![\w.$])Function\s*\(",
    "string timer": r"\bset(Timeout|Interval)\s*\(\s*[\"'`]",
    "inline handler attribute": r"setAttribute\s*\(\s*[\"'`]on",
    "style attribute": r"setAttribute\s*\(\s*[\"'`]style\b|\.cssText\b",
    "javascript: URL": r"javascript:",
    "HTML parsing": r"\bcreateContextualFragment\b|\bparseFromString\b|\bsrcdoc\b",
}


def code_of(source: str) -> str:
    """The source without comments, so a comment may name what the code must not do."""
    source = re.sub(r"/\*.*?\*/", "", source, flags=re.DOTALL)
    return "\n".join(line for line in source.splitlines() if not line.lstrip().startswith("//"))


def offences(source: str) -> list[str]:
    code = code_of(source)
    found = []
    for name, pattern in FORBIDDEN.items():
        for match in re.finditer(pattern, code):
            line = code[: match.start()].count("\n") + 1
            found.append(f"{name} (code line {line}): {code.splitlines()[line - 1].strip()[:120]}")
    return found


@pytest.mark.parametrize("name", RUNTIME)
def test_runtime_turns_no_string_into_markup_or_code(name: str) -> None:
    path = ASSETS / name
    assert path.is_file(), f"{path} is missing"
    assert offences(path.read_text(encoding="utf-8")) == []


def test_the_runtime_sets_text_not_markup() -> None:
    """A positive check, so the test above cannot pass on a file that sets nothing at all."""
    quiz = code_of((ASSETS / "quiz.js").read_text(encoding="utf-8"))
    assert "textContent" in quiz and "createElement" in quiz and "addEventListener" in quiz


@pytest.mark.parametrize(
    ("snippet", "name"),
    [
        ("box.innerHTML = text;", "innerHTML"),
        ("node.outerHTML = x", "outerHTML"),
        ("el.insertAdjacentHTML('beforeend', s)", "insertAdjacentHTML"),
        ("document.write(s)", "document.write"),
        ("document.writeln(s)", "document.write"),
        ("var v = eval(code);", "eval"),
        ("window.eval(code)", "eval"),
        ("var f = new Function('a', body);", "new Function"),
        ("setTimeout('go()', 10)", "string timer"),
        ("b.setAttribute('onclick', 'go()')", "inline handler attribute"),
        ('b.setAttribute("style", "width: 5%")', "style attribute"),
        ("b.style.cssText = 'width: 5%'", "style attribute"),
        ("a.href = 'javascript:go()'", "javascript: URL"),
        ("range.createContextualFragment(s)", "HTML parsing"),
    ],
)
def test_the_check_catches_each_sink(snippet: str, name: str) -> None:
    assert [o.split(" (")[0] for o in offences(snippet)] == [name]


@pytest.mark.parametrize(
    "snippet",
    [
        "/* never innerHTML here */ node.textContent = s;",
        "// eval is not used\nnode.textContent = s;",
        "bar.style.width = '40%'; setTimeout(function () {}, 30);",
        "var evaluate = 1; retrieval(2);",
    ],
)
def test_the_check_allows_what_is_safe(snippet: str) -> None:
    assert offences(snippet) == []
