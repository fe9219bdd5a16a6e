"""Interface strings in real builds: the catalog picked from theme.language, every string
overridable from mkdocs.yml, each page sent only the strings its runtime reads, and a third
language added as one file. Sites are built for real, with Material, in temp folders. The catalogs
themselves are checked in tests/unit/test_labels.py.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from handbook_quiz.labels import ENGLISH, SPANISH, quiz_groups, runtime_labels
from unit_helpers import KNOWLEDGE, SELF, build_site, dedent, make_site

ROOT = Path(__file__).resolve().parents[2]
PLUGIN = ROOT / "plugins" / "handbook_quiz"
ON_A_QUIZ_PAGE = (*quiz_groups("knowledge"), *quiz_groups("self-assessment"))
"""What a page holding a knowledge check and a self-assessment (no perspectives) is sent."""


# ---------- real builds ----------

PAGE = dedent("""
    # Capítulo

    /// quiz | ruptures
    ///

    /// quiz | rapport
    ///
""")


def site_yml(theme_language: str, plugin_options: str = "") -> str:
    """A Material site in ``theme_language``; ``plugin_options``: YAML under ``handbook-quiz:``."""
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


ONLY_KNOWLEDGE = dedent("""
    # Rupturas

    /// quiz | ruptures
    ///
""")


def build(tmp_path: Path, yml: str) -> str:
    config = make_site(
        tmp_path,
        {
            "docs/index.md": PAGE,
            "docs/rupturas.md": ONLY_KNOWLEDGE,
            "quizzes/ruptures.yml": KNOWLEDGE,
            "quizzes/rapport.yml": SELF,
        },
        yml,
    )
    site = build_site(config, strict=True)
    return (site / "index.html").read_text(encoding="utf-8")


def page_labels(page: str) -> dict[str, str]:
    """The runtime's messages: one element per page, whatever the number of quizzes on it."""
    found = re.findall(r'<div class="hq-labels" hidden data-hq-labels="([^"]*)"', page)
    assert len(found) == 1, f"{len(found)} label elements on the page"
    return json.loads(html.unescape(found[0]))


def attribute_labels(page: str, css_class: str) -> dict[str, str]:
    """The strings on My results (``hq-rp``) or the quiz index (``hq-index``)."""
    found = re.findall(rf'<div class="{css_class}"[^>]*? data-hq-labels="([^"]*)"', page)
    assert len(found) == 1, f"{len(found)} {css_class} elements on the page"
    return json.loads(html.unescape(found[0]))


def built_page(tmp_path: Path, path: str) -> str:
    return (tmp_path / "site" / path).read_text(encoding="utf-8")


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
    assert page_labels(page) == runtime_labels(SPANISH, ON_A_QUIZ_PAGE)
    results = built_page(tmp_path, "my-results/index.html")
    assert f">{SPANISH['rp_attempts']}</h2>" in results
    assert attribute_labels(results, "hq-rp") == runtime_labels(SPANISH, ["results"])
    index = built_page(tmp_path, "quizzes/index.html")
    assert attribute_labels(index, "hq-index") == {"rp_done_on": SPANISH["rp_done_on"]}


def test_a_label_override_in_mkdocs_yml_wins(tmp_path: Path) -> None:
    options = 'labels:\n  check: "Verify"\n  right: "Yes."\n  rp_done_on: "taken {date}"'
    page = build(tmp_path, site_yml("en", options))
    assert ">Verify</button>" in page and ">Check</button>" not in page
    overridden = {**ENGLISH, "check": "Verify", "right": "Yes.", "rp_done_on": "taken {date}"}
    assert page_labels(page) == runtime_labels(overridden, ON_A_QUIZ_PAGE)
    assert page_labels(page)["right"] == "Yes.", "the runtime's strings are overridden too"
    assert ">See my results</button>" in page, "other strings keep the built-in English"
    index = built_page(tmp_path, "quizzes/index.html")
    assert attribute_labels(index, "hq-index") == {"rp_done_on": "taken {date}"}


def test_the_plugin_language_option_beats_theme_language(tmp_path: Path) -> None:
    page = build(tmp_path, site_yml("en", "language: es\nlabels:\n  check: Verificar"))
    assert ">Verificar</button>" in page and ">Ver mis resultados</button>" in page
    assert page_labels(page) == runtime_labels(SPANISH, ON_A_QUIZ_PAGE)


@pytest.mark.parametrize("language", ["fr", "pt-BR"])
def test_a_language_without_a_built_in_set_builds_in_english(tmp_path: Path, language: str) -> None:
    page = build(tmp_path, site_yml(language))
    assert ">Check</button>" in page
    assert page_labels(page) == runtime_labels(ENGLISH, ON_A_QUIZ_PAGE)


# ---------- each page is sent only what its runtime reads ----------


@pytest.mark.parametrize(("language", "catalog"), [("en", ENGLISH), ("es", SPANISH)])
def test_a_page_with_only_a_knowledge_check_ships_only_its_strings(
    tmp_path: Path, language: str, catalog: dict[str, str]
) -> None:
    build(tmp_path, site_yml(language))
    sent = page_labels(built_page(tmp_path, "rupturas/index.html"))
    assert sent == runtime_labels(catalog, quiz_groups("knowledge"))
    assert sent["your_choice"] == catalog["your_choice"]
    assert not [key for key in sent if key.startswith(("rp_", "code_", "diff_"))]
    assert "unrated" not in sent and "check" not in sent, "no self-assessment, no button texts"
    quiz_page = page_labels(built_page(tmp_path, "quizzes/ruptures/index.html"))
    assert quiz_page == sent, "the quiz's own page is sent the same strings"
    whole = len(json.dumps(catalog, ensure_ascii=False, separators=(",", ":")))
    assert len(json.dumps(sent, ensure_ascii=False, separators=(",", ":"))) < whole / 4


# ---------- a third language is one file ----------

FRENCH = {
    "check": "Vérifier",
    "see_results": "Voir mes résultats",
    "try_again": "Réessayer",
    "questions": "{n} questions, environ {minutes} min",
    "choose_first": "Choisissez d'abord une réponse.",
    "right": "Juste.",
    "wrong": "Pas tout à fait.",
    "your_choice": "Votre choix",
}


def build_with_a_language_file(
    tmp_path: Path, code: str, catalog: dict[str, str], *options: str
) -> tuple[subprocess.CompletedProcess[str], Path, dict[str, str]]:
    """``mkdocs build`` of a one-chapter site in ``code``, with a copy of the plugin to which
    ``locales/<code>.json`` was added and nothing else changed."""
    package = tmp_path / "plugin" / "handbook_quiz"
    shutil.copytree(PLUGIN, package, ignore=shutil.ignore_patterns("__pycache__"))
    (package / "locales" / f"{code}.json").write_text(
        json.dumps(catalog, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    project = tmp_path / f"site-{code}"
    make_site(
        project,
        {"docs/index.md": ONLY_KNOWLEDGE, "quizzes/ruptures.yml": KNOWLEDGE},
        site_yml(code),
    )
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(package.parent), os.environ.get("PYTHONPATH", "")]),
        "NO_MKDOCS_2_WARNING": "1",
    }
    command = [sys.executable, "-m", "mkdocs", "build", *options]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    return result, project / "site" / "index.html", env


def test_a_third_language_is_one_file(tmp_path: Path) -> None:
    """Dropping ``locales/fr.json`` into the plugin builds a French site, without a line of
    Python: the file is found, checked and used."""
    # A real translation has every key in French; the test translates a few and keeps the rest.
    french = {**ENGLISH, **FRENCH}
    result, index, env = build_with_a_language_file(tmp_path, "fr", french, "--strict", "-q")
    assert result.returncode == 0, result.stdout + result.stderr
    page = index.read_text(encoding="utf-8")
    assert ">Vérifier</button>" in page and "2 questions, environ 1 min" in page
    sent = page_labels(page)
    assert sent["choose_first"] == FRENCH["choose_first"] and sent["right"] == "Juste."
    assert sent == runtime_labels(french, quiz_groups("knowledge"))
    code = "from handbook_quiz.labels import BUILT_IN; print(*BUILT_IN)"
    loaded = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert loaded.stdout.split() == ["en", "es", "fr"]


def test_a_key_missing_from_a_language_file_fails_a_strict_build(tmp_path: Path) -> None:
    french = {key: text for key, text in {**ENGLISH, **FRENCH}.items() if key != "check"}
    result, index, _ = build_with_a_language_file(tmp_path, "fr", french, "--strict")
    message = "handbook-quiz: locales/fr.json: key 'check' is missing (English: 'Check')"
    assert result.returncode != 0 and message in result.stderr, result.stderr
    result, index, _ = build_with_a_language_file(tmp_path / "lax", "fr", french)
    assert result.returncode == 0 and message in result.stderr
    page = index.read_text(encoding="utf-8")
    assert ">Check</button>" in page, "the missing key shows its English text"
    assert "2 questions, environ 1 min" in page, "the rest of the file is used"


def test_the_wheel_ships_the_catalogs() -> None:
    """``pip install .`` ships the whole package folder (hatch's ``packages``), so locales/*.json
    go with it, as templates/ and assets/ do; nothing excludes them."""
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    wheel = pyproject.split("[tool.hatch.build.targets.wheel]\n", 1)[1].split("\n[", 1)[0]
    assert wheel.strip() == 'packages = ["plugins/handbook_quiz"]', "no include/exclude rules"
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", "plugins/handbook_quiz/locales/en.json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert ignored.returncode == 1, f"locales/ is git-ignored, so hatch leaves it out: {ignored}"
