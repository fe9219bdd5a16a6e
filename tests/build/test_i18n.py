"""Interface strings: a full Spanish set beside the English one, picked from theme.language, and
every string overridable from mkdocs.yml. Sites are built for real, with Material, in temp folders.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from handbook_quiz.labels import ENGLISH, SPANISH, labels_for
from unit_helpers import KNOWLEDGE, SELF, build_site, dedent, make_site

PLUGIN = Path(__file__).resolve().parents[2] / "plugins" / "handbook_quiz"
FIELD = re.compile(r"\{(\w+)\}")

SAME_IN_BOTH: set[str] = set()
"""Keys whose Spanish text may equal the English (a word both languages share, e.g. a unit).
Empty today: every string has its own Spanish wording."""


def test_english_and_spanish_have_the_same_keys() -> None:
    assert sorted(set(ENGLISH) - set(SPANISH)) == [], "missing in Spanish"
    assert sorted(set(SPANISH) - set(ENGLISH)) == [], "only in Spanish"


def test_every_spanish_string_is_translated_and_keeps_its_fields() -> None:
    untranslated = [
        k for k in ENGLISH if SPANISH[k].strip() == ENGLISH[k].strip() and k not in SAME_IN_BOTH
    ]
    assert untranslated == []
    assert [k for k, v in SPANISH.items() if not v.strip()] == []
    # The renderer and runtime fill {n}, {right}, ...: a field lost or renamed in translation would show raw.
    assert [
        k for k in ENGLISH if set(FIELD.findall(ENGLISH[k])) != set(FIELD.findall(SPANISH[k]))
    ] == []


def test_every_key_the_templates_and_runtime_use_exists() -> None:
    used: set[str] = set()
    for script in ("quiz.js", "results.js"):
        used |= set(
            re.findall(r"\bL\.([a-z_]+)", (PLUGIN / "assets" / script).read_text(encoding="utf-8"))
        )
    for template in (PLUGIN / "templates").glob("*.jinja"):
        used |= set(re.findall(r"\blabels\.([a-z_]+)", template.read_text(encoding="utf-8")))
    assert used, "no label keys found: did the runtime stop reading `L.<key>`?"
    assert sorted(used - set(ENGLISH)) == []


def test_language_codes_and_unknown_languages() -> None:
    assert (
        labels_for("es") == SPANISH
        and labels_for("es-MX") == SPANISH
        and labels_for("ES_es") == SPANISH
    )
    assert labels_for("fr") == ENGLISH, "an unshipped language falls back to English"
    assert labels_for("es", {"check": "Verificar"})["check"] == "Verificar"
    assert labels_for("es", {"check": "Verificar"})["see_results"] == SPANISH["see_results"]


# ---------- real builds ----------

PAGE = dedent("""
    # Capítulo

    /// quiz | ruptures
    ///

    /// quiz | rapport
    ///
""")


def site_yml(theme_language: str, plugin_options: str = "") -> str:
    """A Material site in ``theme_language``; ``plugin_options`` is YAML under ``handbook-quiz:``."""
    options = "\n      lint: false" + "".join(
        f"\n      {line}" for line in dedent(plugin_options).splitlines()
    )
    return (
        "site_name: Manual de prueba\n"
        "site_url: https://example.org/manual/\n"
        f"theme:\n  name: material\n  language: {theme_language}\n  font: false\n"
        f"plugins:\n  - search\n  - handbook-quiz:{options}\n"
        "markdown_extensions: [admonition, attr_list, md_in_html, pymdownx.superfences]\n"
    )


def build(tmp_path: Path, yml: str) -> str:
    config = make_site(
        tmp_path,
        {"docs/index.md": PAGE, "quizzes/ruptures.yml": KNOWLEDGE, "quizzes/rapport.yml": SELF},
        yml,
    )
    site = build_site(config, strict=True)
    return (site / "index.html").read_text(encoding="utf-8")


def page_labels(page: str) -> dict[str, str]:
    """The runtime's messages: one element per page, whatever the number of quizzes on it."""
    found = re.findall(r'<div class="hq-labels" hidden data-hq-labels="([^"]*)"', page)
    assert len(found) == 1, f"{len(found)} label elements on the page"
    return json.loads(html.unescape(found[0]))


def test_spanish_site_renders_spanish_quizzes(tmp_path: Path) -> None:
    page = build(tmp_path, site_yml("es"))
    assert '<html lang="es"' in page
    assert ">Comprobar</button>" in page
    assert ">Ver mis resultados</button>" in page
    assert ">Intentar de nuevo</button>" in page
    assert "<summary>Respuesta y explicación</summary>" in page
    assert "2 preguntas, aprox. 1 min" in page and "3 afirmaciones, aprox. 1 min" in page
    assert SPANISH["not_diagnostic"] in page
    for english in (
        ">Check</button>",
        ">See my results</button>",
        "Answer and explanation",
        ENGLISH["not_diagnostic"],
    ):
        assert english not in page
    # The runtime's messages travel with the page, once.
    assert 'id="hq-ruptures"' in page and 'id="hq-rapport"' in page
    assert page_labels(page) == SPANISH
    results = (tmp_path / "site" / "my-results" / "index.html").read_text(encoding="utf-8")
    assert f">{SPANISH['rp_attempts']}</h2>" in results


def test_a_label_override_in_mkdocs_yml_wins(tmp_path: Path) -> None:
    page = build(tmp_path, site_yml("en", 'labels:\n  check: "Verify"'))
    assert ">Verify</button>" in page and ">Check</button>" not in page
    assert page_labels(page) == {**ENGLISH, "check": "Verify"}
    assert ">See my results</button>" in page, "other strings keep the built-in English"


def test_the_plugin_language_option_beats_theme_language(tmp_path: Path) -> None:
    page = build(tmp_path, site_yml("en", "language: es\nlabels:\n  check: Verificar"))
    assert ">Verificar</button>" in page and ">Ver mis resultados</button>" in page
    assert page_labels(page) == {**SPANISH, "check": "Verificar"}


@pytest.mark.parametrize("language", ["fr", "pt-BR"])
def test_a_language_without_a_built_in_set_builds_in_english(tmp_path: Path, language: str) -> None:
    page = build(tmp_path, site_yml(language))
    assert ">Check</button>" in page and page_labels(page) == ENGLISH
