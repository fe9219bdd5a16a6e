"""The two speed tricks that lean on Material's markup and hooks fail here, loudly, when Material
changes them (instead of silently costing build time, or leaking answers into search).

- ``navcache.py`` renders Material's navigation once per URL depth for the quiz pages that the nav
  does not list. It needs Material's pages to draw the nav from ``partials/nav.html``, through a
  Jinja ``include`` (``test_build.py`` checks that the pages come out byte for byte the same).
- ``searchview.py`` shows the search plugin each page without the quizzes' answers and results,
  and a quiz's own page only down to its questions. It needs Material's search to read
  ``page.content`` in ``on_page_context`` between the plugin's two hooks (priorities 50 and
  -50), and the quiz markup to carry the strings it cuts at.

What each saves is measured by ``bench/build_bench.py --ablate`` and written in each module.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import jinja2
import pytest
from handbook_quiz import navcache, searchview
from mkdocs.config import load_config
from mkdocs.theme import Theme
from unit_helpers import KNOWLEDGE, MKDOCS_YML, build_site, make_site

MATERIAL = "Material for MkDocs changed"


def test_material_draws_the_navigation_from_the_template_navcache_shares() -> None:
    env = Theme(name="material").get_env()
    try:
        source = env.loader.get_source(env, "base.html")[0] if env.loader else ""
        env.get_template(navcache.NAV_TEMPLATE)
    except jinja2.TemplateNotFound as missing:
        pytest.fail(f"{MATERIAL}: no {missing}; navcache.py no longer saves anything")
    assert f'{{% include "{navcache.NAV_TEMPLATE}" %}}' in source, (
        f"{MATERIAL}: base.html no longer includes {navcache.NAV_TEMPLATE}; update navcache.py"
    )


class _Page:
    """What the nav template's context needs for the cache to decide: the page's file and URL."""

    def __init__(self, src_uri: str, url: str) -> None:
        self.file = type("F", (), {"src_uri": src_uri})()
        self.url = url


def test_navcache_renders_material_nav_once_per_depth_for_shared_pages() -> None:
    env = Theme(name="material").get_env()
    template = env.get_template(navcache.NAV_TEMPLATE)
    calls: list[str] = []

    def counted(context):  # noqa: ANN001, ANN202
        calls.append(context["page"].file.src_uri)
        return iter(["<nav>"])  # stands for Material's nav, which needs a whole page context

    template.root_render_func = counted  # type: ignore[method-assign]
    navcache.share_navigation(env, {"quizzes/a.md", "quizzes/b.md", "quizzes/x/c.md"})
    wrapped = template.root_render_func
    assert wrapped is not counted, "share_navigation did not take over the nav template"
    for src_uri, url in (
        ("quizzes/a.md", "quizzes/a/"),
        ("quizzes/b.md", "quizzes/b/"),
        ("quizzes/x/c.md", "quizzes/x/c/"),
        ("rapport.md", "rapport/"),
        ("other.md", "other/"),
    ):
        assert "".join(wrapped({"page": _Page(src_uri, url)})) == "<nav>"  # type: ignore[arg-type]
    assert calls == ["quizzes/a.md", "quizzes/x/c.md", "rapport.md", "other.md"]


# ---------- searchview ----------


@pytest.fixture(scope="module")
def material_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("speed")
    quiz = KNOWLEDGE.replace("type: knowledge\n", "type: knowledge\nchapter: rapport.md\n").replace(
        "  - id: signs", "    explanation: Silence can be a marker.\n  - id: signs"
    )
    config = make_site(
        root,
        {
            "docs/index.md": "# Home\n",
            "docs/rapport.md": "# Rapport\n\n## Check\n\n/// quiz | rapport-check\n///\n",
            "quizzes/rapport-check.yml": quiz,
        },
        MKDOCS_YML.replace("plugins:\n", "plugins:\n  - search\n")
        + "theme:\n  name: material\n  font: false\n",
    )
    build_site(config)
    return root


def test_material_search_reads_page_content_between_the_plugins_two_hooks(
    material_site: Path,
) -> None:
    config = load_config(str(material_site / "mkdocs.yml"))
    search = next(
        (plugin for name, plugin in config.plugins.items() if name.endswith("search")), None
    )
    assert search is not None
    hook = getattr(type(search), "on_page_context", None)
    assert hook is not None, (
        f"{MATERIAL}: its search no longer indexes in on_page_context; searchview.py does nothing"
    )
    priority = getattr(hook, "mkdocs_priority", 0)
    assert -50 < priority < 50, (
        f"{MATERIAL}: its search indexes at priority {priority}, outside the plugin's 50 and -50 "
        "hooks (plugin.py on_page_context); searchview.py's view would not be what it reads"
    )
    source = Path(sys.modules[type(search).__module__].__file__ or "").read_text("utf-8")
    assert "page.content" in source, f"{MATERIAL}: its search no longer reads page.content"


def test_the_quiz_markup_has_what_searchview_cuts_at(material_site: Path) -> None:
    chapter = (material_site / "site/rapport/index.html").read_text(encoding="utf-8")
    answers = searchview._EXCLUDED_PART.findall(chapter)
    assert len(answers) >= 3, "two answers and the results: the markup searchview cuts changed"
    own_page = (material_site / "site/quizzes/rapport-check/index.html").read_text("utf-8")
    assert searchview._QUESTIONS in own_page, "the quiz form searchview cuts at is gone"
    index = json.loads((material_site / "site/search/search_index.json").read_text("utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "What kind of rupture is this?" in text  # the question is found, on the chapter
    assert "Silence can be a marker" not in text  # its explanation never
