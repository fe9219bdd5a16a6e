"""The site navigation rendered once for all quiz pages, instead of once per quiz page.

Material renders the whole navigation into every page, so each page costs time in proportion to
the size of the nav: on a site of 1,000 chapters that is most of a page's build time, and each
quiz adds a page of its own. A quiz's own page is not in the nav, so no nav item is active on it
and its navigation HTML depends only on how deep its URL is (links are relative). The first quiz
page at a depth renders the nav; the others reuse that HTML, byte for byte
(``tests/build/test_build.py`` builds the handbook both ways and compares every page).

What it saves, measured by ``bench/build_bench.py --ablate`` (the quiz site with one page per
quiz, built with and without it, CPU time, one run on the shared 2-core machine): at 1,000
quizzes 25.1 s of 103.2 s (24%; 78.2 s with it, at load 1.5); at 100, 1.1 s of 9.6 s (11%, at
load 13). With ``quiz_pages: false`` only quizzes that no chapter embeds keep a page, so it has
little left to do there; it stays for the default, where every quiz has a page.

It leans on Material's templates: pages draw the nav from ``partials/nav.html`` through an
``{% include %}``. ``tests/build/test_speed_tricks.py`` fails when that changes. Themes without
that template are left alone.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterator
from typing import Any

import jinja2

NAV_TEMPLATE = "partials/nav.html"


def share_navigation(env: jinja2.Environment, shared_pages: Container[str]) -> None:
    """Make ``env`` render the nav once per URL depth for pages whose ``src_uri`` is in
    ``shared_pages`` (pages the nav does not list: the caller makes sure of that)."""
    try:
        template = env.get_template(NAV_TEMPLATE)
    except jinja2.TemplateNotFound:
        return
    render: Callable[[Any], Iterator[str]] = template.root_render_func
    rendered: dict[int, str] = {}

    def render_shared(context: Any) -> Iterator[str]:
        page = context.get("page")
        if page is None or page.file.src_uri not in shared_pages:
            yield from render(context)
            return
        depth = page.url.count("/")
        if depth not in rendered:
            rendered[depth] = "".join(render(context))
        yield rendered[depth]

    # Jinja keeps one Template per name in the environment (auto_reload is off in MkDocs), and
    # every {% include %} of it runs root_render_func: replacing it here covers each use of the nav.
    template.root_render_func = render_shared
