"""Sites built with theme.language, in Chromium: the runtime's own messages come out in the site's
language, and a page sent only a knowledge check's strings still shows every message it needs."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from conftest import SiteServer, build_site
from handbook_quiz.labels import SPANISH, labels_for
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


# ---------- a page with only a knowledge check, in English and in Spanish ----------
# Such a page is sent only the strings a knowledge check reads (labels.RUNTIME_GROUPS): every
# message it shows while answering, checking, practising, retrying and choosing where results are
# kept must still be there, filled in, never `undefined`, a raw key or a `{field}`.

ONLY_CHECK = """
# Solo

/// quiz | rupturas
///
"""

AT_THE_END = """
type: knowledge
title: Repaso
feedback: end
questions:
  - id: uno
    text: ¿Uno?
    choices:
      - text: Cierto
        correct: true
      - text: Falso
  - id: dos
    text: ¿Dos?
    choices:
      - text: Cierto
        correct: true
      - text: Falso
"""

ONLY_END_CHECK = """
# Final

/// quiz | repaso
///
"""

ONLY_SELF = """
# Sintonía

/// quiz | sintonia
///
"""


@pytest.fixture(scope="module", params=["en", "es"])
def knowledge_site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[SiteServer, dict[str, str]]]:
    language: str = request.param
    project = tmp_path_factory.mktemp(f"solo-{language}")
    make_site(
        project,
        {
            "docs/index.md": "# Inicio\n",
            "docs/solo.md": ONLY_CHECK,
            "docs/final.md": ONLY_END_CHECK,
            "docs/sintonia.md": ONLY_SELF,
            "quizzes/rupturas.yml": KNOWLEDGE,
            "quizzes/repaso.yml": AT_THE_END,
            "quizzes/sintonia.yml": SELF,
        },
        MKDOCS_YML.replace("language: es", f"language: {language}"),
    )
    server = SiteServer(project / "site")
    build_site(project, project / "site", server.url)
    server.start()
    yield server, labels_for(language)
    server.httpd.shutdown()


def filled(text: str, **values: object) -> str:
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text


def assert_every_string_shown(page: Page, selector: str, catalog: dict[str, str]) -> None:
    """No `undefined`, no `{field}` left unfilled and no raw key in what the quiz shows or holds."""
    shown = page.locator("body").inner_text()
    held = page.locator(selector).text_content() or ""
    for text in (shown, held):
        assert "undefined" not in text and "null" not in text.split()
        assert re.findall(r"\{[a-z_]+\}", text) == []
        assert [key for key in catalog if "_" in key and re.search(rf"\b{key}\b", text)] == []


def test_a_knowledge_check_alone_shows_every_message(
    page: Page, knowledge_site: tuple[SiteServer, dict[str, str]]
) -> None:
    server, L = knowledge_site
    guard = PageGuard(page)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    page.goto(server.url + "solo/")
    sent = json.loads(page.locator(".hq-labels").get_attribute("data-hq-labels") or "")
    assert "rp_attempt" not in sent and "code_bad" not in sent, "a knowledge page's strings only"
    root = page.locator("#hq-rupturas")
    expect(root).to_have_attribute("data-hq-ready", "")
    expect(root.locator(".hq-mode")).to_contain_text(L["mode_unset"])
    first = root.locator('.hq-question[data-hq-qid="tipo"]')
    second = root.locator('.hq-question[data-hq-qid="signos"]')
    check = L["check"]

    first.get_by_role("button", name=check).click()
    expect(first.locator(".hq-ask")).to_have_text(L["choose_first"])
    first.get_by_label("De confrontación").check()
    first.get_by_role("button", name=check).click()
    expect(first.locator(".hq-verdict")).to_contain_text(L["wrong"])
    expect(first.locator(".hq-mark")).to_have_text(L["your_choice"] + ". ")
    expect(root.locator(".hq-progress")).to_have_text(filled(L["progress"], n=1, total=2))
    second.get_by_label("Respuestas cortas").check()
    second.get_by_label("Cambios de tema").check()
    second.get_by_role("button", name=check).click()
    expect(second.locator(".hq-verdict")).to_have_text(L["right"])
    expect(root.locator(".hq-score-line")).to_have_text(filled(L["score"], right=1, total=2))
    expect(root.locator(".hq-summary")).to_contain_text(filled(L["not_passed"], **{"pass": "75%"}))
    assert_every_string_shown(page, "#hq-rupturas", L)

    root.get_by_role("button", name=L["practise"]).click()
    expect(root.locator(".hq-status")).to_have_text(filled(L["practice_start"], n=1))
    expect(second).to_be_hidden()
    first.get_by_label("De retirada").check()
    first.get_by_role("button", name=check).click()
    expect(root.locator(".hq-practice-note")).to_have_text(L["practice_done"])
    assert_every_string_shown(page, "#hq-rupturas", L)

    root.get_by_role("button", name=L["try_again"]).click()
    expect(root.locator(".hq-progress")).to_have_text(filled(L["progress"], n=0, total=2))
    expect(second).to_be_visible()
    assert_every_string_shown(page, "#hq-rupturas", L)

    root.locator(".hq-mode").get_by_role("button", name=L["switch_device"]).click()
    expect(root.locator(".hq-mode")).to_contain_text(L["mode_device"])
    expect(root.locator(".hq-mode").get_by_role("button", name=L["switch_tab"])).to_be_visible()
    root.locator(".hq-mode").get_by_role("button", name=L["forget"]).click()
    expect(root.locator(".hq-status")).to_have_text(L["forgotten"])
    assert dialogs == [L["forget_confirm"]]
    expect(root.locator(".hq-mode")).to_contain_text(L["mode_unset"])
    assert_every_string_shown(page, "#hq-rupturas", L)
    guard.check()


def test_a_check_at_the_end_alone_shows_every_message(
    page: Page, knowledge_site: tuple[SiteServer, dict[str, str]]
) -> None:
    server, L = knowledge_site
    guard = PageGuard(page)
    page.goto(server.url + "final/")
    root = page.locator("#hq-repaso")
    expect(root).to_have_attribute("data-hq-ready", "")
    uno, dos = (root.locator(f'.hq-question[data-hq-qid="{q}"]') for q in ("uno", "dos"))
    uno.get_by_label("Cierto").check()
    root.get_by_role("button", name=L["check_all"]).click()
    expect(root.locator(".hq-status")).to_have_text(filled(L["unanswered"], n=1))
    expect(dos.locator(".hq-ask")).to_have_text(L["choose_first"])
    dos.get_by_label("Falso").check()
    root.get_by_role("button", name=L["check_all"]).click()
    expect(root.locator(".hq-score-line")).to_have_text(filled(L["score"], right=1, total=2))
    expect(dos.locator(".hq-verdict")).to_have_text(L["wrong"])
    consent = root.locator(".hq-consent")
    consent.get_by_role("button", name=L["keep_tab"]).click()
    expect(root.locator(".hq-saved-where")).to_have_text(L["saved_tab"])
    expect(root.locator(".hq-mode")).to_contain_text(L["mode_tab"])
    assert_every_string_shown(page, "#hq-repaso", L)
    root.get_by_role("button", name=L["try_again"]).click()
    expect(root.locator(".hq-progress")).to_have_text(filled(L["progress"], n=0, total=2))
    assert_every_string_shown(page, "#hq-repaso", L)
    guard.check()


def test_a_self_assessment_alone_shows_every_message(
    page: Page, knowledge_site: tuple[SiteServer, dict[str, str]]
) -> None:
    """The other kind, alone on its page: sent the self-assessment's strings, not a knowledge
    check's, and still missing none."""
    server, L = knowledge_site
    guard = PageGuard(page)
    page.goto(server.url + "sintonia/")
    sent = json.loads(page.locator(".hq-labels").get_attribute("data-hq-labels") or "")
    assert "unrated" in sent and "your_choice" not in sent and "code_bad" not in sent
    root = page.locator("#hq-sintonia")
    expect(root).to_have_attribute("data-hq-ready", "")
    root.locator('.hq-item[data-hq-item="escucho"]').get_by_label("Siempre").check()
    root.get_by_role("button", name=L["see_results"]).click()
    expect(root.locator(".hq-status")).to_have_text(filled(L["unrated"], n=2, first=2))
    expect(root.locator('.hq-item[data-hq-item="prisa"] .hq-ask')).to_have_text(L["choose_first"])
    root.locator('.hq-item[data-hq-item="prisa"]').get_by_label("Nunca").check()
    root.locator('.hq-item[data-hq-item="saludo"]').get_by_label("A veces").check()
    expect(root.locator(".hq-progress")).to_have_text(filled(L["progress"], n=3, total=3))
    root.get_by_role("button", name=L["see_results"]).click()
    table = root.locator(".hq-summary .hq-table")
    expect(table.locator("caption")).to_have_text(filled(L["range"], min=1, max=5))
    expect(table.locator("thead th")).to_have_text([L["subscale"], L["score_col"], L["band_col"]])
    expect(table.locator("tbody th").last).to_have_text(L["overall"])
    root.locator(".hq-consent").get_by_role("button", name=L["keep_device"]).click()
    expect(root.locator(".hq-saved-where")).to_have_text(L["saved_device"])
    expect(root.locator(".hq-mode")).to_contain_text(L["mode_device"])
    assert_every_string_shown(page, "#hq-sintonia", L)
    root.get_by_role("button", name=L["try_again"]).click()
    expect(root.locator(".hq-progress")).to_have_text(filled(L["progress"], n=0, total=3))
    assert_every_string_shown(page, "#hq-sintonia", L)
    guard.check()
