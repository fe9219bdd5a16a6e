"""Static checks of the browser runtime: its sources (assets/js/) and the two files it ships.

It never turns a string into markup or code: a strict Content-Security-Policy
(tests/browser/test_csp.py) and "no runtime data reaches innerHTML" both rest on this: text goes in
with textContent, elements with createElement, styles through the CSSOM (element.style.width), and
handlers with addEventListener. The shipped quiz.js and results.js are their sources joined
(handbook_quiz/assets.py); storage keys are built in storage.js only; no helper is defined twice.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from handbook_quiz.assets import BUNDLES, bundle, bundle_sources
from handbook_quiz.model import Item, Question, Quiz, Scale, Subscale
from handbook_quiz.render import profile_areas
from unit_helpers import make_renderer

ASSETS = Path(__file__).resolve().parents[2] / "plugins" / "handbook_quiz" / "assets"
SOURCES = ASSETS / "js"
MODULES = sorted(p.relative_to(SOURCES).as_posix() for p in SOURCES.rglob("*.js"))
RUNTIME = [*BUNDLES, *(f"js/{m}" for m in MODULES)]

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


@pytest.mark.parametrize("name", sorted(BUNDLES))
def test_each_shipped_script_is_its_sources_joined(name: str) -> None:
    """Edit assets/js/, then run `python -m handbook_quiz.assets` to write the shipped files."""
    shipped = (ASSETS / name).read_text(encoding="utf-8")
    assert shipped == bundle(name), (
        f"assets/{name} differs from its sources: run .venv/bin/python -m handbook_quiz.assets"
    )


def test_every_source_is_shipped_once() -> None:
    shipped = [path for name in BUNDLES for path in bundle_sources(name)]
    assert sorted(shipped) == MODULES


def test_each_source_adds_its_part_once_and_only_to_the_handbook_quiz_namespace() -> None:
    """Classic scripts share one global scope: each file is one IIFE that writes only to
    window.HandbookQuiz, and returns early when it already ran (instant navigation)."""
    for module in MODULES:
        code = code_of((SOURCES / module).read_text(encoding="utf-8")).strip()
        assert code.startswith("(function"), module
        assert code.endswith("})(window.HandbookQuiz = window.HandbookQuiz || {});"), module
        assert re.search(r"\bif \([^)]*\) (\{ [^}]*)?return;", code), f"{module}: no guard"
        assert not re.search(
            r"\bwindow\.(?!HandbookQuiz\b|setTimeout|clearTimeout|confirm|print|scrollBy|"
            r"document\$|\[name\]|localStorage|sessionStorage)\w+\s*=",
            code,
        ), module


def test_storage_keys_are_built_in_storage_js_only() -> None:
    for module in MODULES:
        code = code_of((SOURCES / module).read_text(encoding="utf-8"))
        if module == "storage.js":
            assert '"quiz:"' in code and '"meta:mode"' in code
            continue
        for key in ('"hq:', "'hq:", '"quiz:"', '"aside:"', '"meta:', ".prefix"):
            assert key not in code, f"{module} builds a storage key ({key})"


def test_no_helper_is_defined_in_two_modules() -> None:
    defined: dict[str, str] = {}
    for module in MODULES:
        code = code_of((SOURCES / module).read_text(encoding="utf-8"))
        for name in re.findall(r"\bfunction (\w+)\s*\(", code):
            if name in ("start", "init", "boot", "route"):  # each entry point's own
                continue
            assert defined.setdefault(name, module) == module, (
                f"{name} is defined in {defined[name]} and {module}"
            )


def test_no_rule_reads_meaning_into_an_id() -> None:
    """Which self-assessment stands beside a profile area is data the plugin renders
    (data-hq-profile-area), not a suffix the runtime knows."""
    for module in MODULES:
        code = code_of((SOURCES / module).read_text(encoding="utf-8"))
        assert "-self" not in code, module


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


def test_the_results_page_names_the_self_assessment_beside_each_profile_area() -> None:
    """What the runtime draws beside a profile area comes from the page (data-hq-profile-area)."""

    def self_assessment(quiz_id: str, subscales: tuple[str, ...] = ()) -> Quiz:
        return Quiz(
            id=quiz_id,
            type="self-assessment",
            title=quiz_id,
            source=f"{quiz_id}.yml",
            scale=Scale(labels=("a", "b", "c")),
            subscales=tuple(Subscale(id=s, title={"": s}) for s in subscales),
            items=tuple(Item(id=f"i-{s}", text={"": s}, subscale=s) for s in subscales)
            or (Item(id="i", text={"": "i"}),),
        )

    check = Quiz(
        id="empathy-self",  # a knowledge check, whatever its id says
        type="knowledge",
        title="x",
        source="x.yml",
        questions=(Question(id="q", text="q", choices=()),),
    )
    catalog = [
        (self_assessment("profile", ("rapport", "empathy", "goals")), "profile/"),
        (self_assessment("rapport-self"), "rapport-self/"),
        (check, "empathy-self/"),
    ]
    assert profile_areas(catalog, "profile") == {"rapport-self": "rapport"}
    assert profile_areas(catalog, "missing") == {}
    html = make_renderer().render_results(catalog, "profile")
    assert html.count("data-hq-profile-area=") == 1
    assert re.search(r'<li data-hq-quiz="rapport-self"[^>]* data-hq-profile-area="rapport"', html)
