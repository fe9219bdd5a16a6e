"""A site built with theme.language: es, in Chromium: the runtime's own messages come out in Spanish."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import SiteServer, build_site
from handbook_quiz.labels import SPANISH
from playwright.sync_api import Page, expect
from unit_helpers import make_site

from .pageguard import PageGuard

pytestmark = pytest.mark.browser

MKDOCS_YML = """
site_name: Manual de prueba
site_url: !ENV [SITE_URL, "https://example.org/"]
theme:
  name: material
  language: es
  font: false
plugins:
  - search
  - handbook-quiz:
      lint: false    # tiny fixture quizzes; tests/build/test_lint.py tests the warnings
markdown_extensions: [admonition, attr_list, md_in_html, pymdownx.superfences]
"""

KNOWLEDGE = """
type: knowledge
title: Rupturas
pass: 0.75
questions:
  - id: tipo
    text: ¿Qué tipo de ruptura es?
    choices:
      - text: De retirada
        correct: true
        feedback: El cliente se aleja del trabajo.
      - text: De confrontación
        feedback: La confrontación va contra el terapeuta.
  - id: signos
    text: ¿Cuáles son signos de retirada?
    choices:
      - text: Respuestas cortas
        correct: true
      - text: Quejas
      - text: Cambios de tema
        correct: true
"""

SELF = """
type: self-assessment
title: Sintonía
scale:
  labels: [Nunca, Rara vez, A veces, A menudo, Siempre]
subscales:
  - id: presencia
    title: Presencia
  - id: calidez
    title: Calidez
items:
  - id: escucho
    text: Escucho.
    subscale: presencia
  - id: prisa
    text: Voy con prisa.
    subscale: presencia
    reverse: true
  - id: saludo
    text: Saludo con calidez.
    subscale: calidez
scoring:
  bands:
    - from: 1
      label: Inicial
    - from: 2.5
      label: En desarrollo
    - from: 3.75
      label: Consolidada
"""

PAGE = """
# Capítulo

/// quiz | rupturas
///

/// quiz | sintonia
///
"""


@pytest.fixture(scope="module")
def spanish_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    project = tmp_path_factory.mktemp("sitio-es")
    make_site(
        project,
        {"docs/index.md": PAGE, "quizzes/rupturas.yml": KNOWLEDGE, "quizzes/sintonia.yml": SELF},
        MKDOCS_YML,
    )
    server = SiteServer(project / "site")
    build_site(project, project / "site", server.url)
    server.start()
    yield server
    server.httpd.shutdown()


def test_knowledge_check_speaks_spanish(page: Page, spanish_site: SiteServer) -> None:
    guard = PageGuard(page)
    page.goto(spanish_site.url)
    root = page.locator("#hq-rupturas")
    expect(root).to_have_attribute("data-hq-ready", "")
    first, second = (
        root.locator('.hq-question[data-hq-qid="tipo"]'),
        root.locator('.hq-question[data-hq-qid="signos"]'),
    )
    expect(second.locator(".hq-hint")).to_have_text("(marque todas las correctas)")
    first.get_by_role("button", name="Comprobar").click()
    expect(first.locator(".hq-ask")).to_have_text(
        "Elija primero una respuesta."
    )  # at the question itself
    first.get_by_label("De confrontación").check()
    first.get_by_role("button", name="Comprobar").click()
    expect(first.locator(".hq-verdict")).to_have_text(
        "No del todo. La confrontación va contra el terapeuta."
    )
    expect(first.locator(".hq-mark")).to_have_text("Su elección. ")
    second.get_by_label("Respuestas cortas").check()
    second.get_by_label("Cambios de tema").check()
    second.get_by_role("button", name="Comprobar").click()
    expect(second.locator(".hq-verdict")).to_have_text("Correcto.")
    expect(root.locator(".hq-results")).to_be_visible()
    expect(root.locator(".hq-results-title")).to_have_text("Sus resultados")
    expect(root.locator(".hq-score-line")).to_have_text("1 de 2 correctas")
    expect(root.locator(".hq-summary")).to_contain_text(
        "Aún no aprobado (nota mínima 75%). Lea las explicaciones e inténtelo de nuevo."
    )
    expect(root.locator(".hq-status")).to_contain_text("1 de 2 correctas")
    expect(root.get_by_role("button", name="Intentar de nuevo")).to_be_visible()
    guard.check()


def test_self_assessment_speaks_spanish(page: Page, spanish_site: SiteServer) -> None:
    guard = PageGuard(page)
    page.goto(spanish_site.url)
    root = page.locator("#hq-sintonia")
    expect(root).to_have_attribute("data-hq-ready", "")
    expect(root.locator(".hq-mode")).to_contain_text(SPANISH["mode_unset"])
    root.locator('.hq-item[data-hq-item="escucho"]').get_by_label("Siempre").check()
    root.get_by_role("button", name="Ver mis resultados").click()
    expect(root.locator(".hq-status")).to_have_text(
        "Valore primero todas las afirmaciones: faltan 2, empezando por la afirmación 2."
    )
    root.locator('.hq-item[data-hq-item="prisa"]').get_by_label("Nunca").check()
    root.locator('.hq-item[data-hq-item="saludo"]').get_by_label("A veces").check()
    root.get_by_role("button", name="Ver mis resultados").click()
    table = root.locator(".hq-summary .hq-table")
    expect(table.locator("caption")).to_have_text("Las puntuaciones van de 1 a 5.")
    expect(table.locator("thead th")).to_have_text(["Área", "Puntuación", "Reflexión"])
    expect(table.locator("tbody th")).to_have_text(["Presencia", "Calidez", "Global"])
    expect(table.locator("tbody tr").first.locator("td")).to_have_text(["5", "Consolidada"])
    consent = root.locator(".hq-consent")
    expect(consent).to_contain_text(SPANISH["consent_question"])
    consent.get_by_role("button", name="Guardar en este dispositivo").click()
    expect(root.locator(".hq-saved-where")).to_have_text(SPANISH["saved_device"])
    expect(root.locator(".hq-mode")).to_contain_text(SPANISH["mode_device"])
    guard.check()
