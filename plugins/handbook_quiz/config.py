"""Typed options of the ``handbook-quiz`` plugin, as written under ``plugins:`` in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class QuizConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off (e.g. ``enabled: !ENV [QUIZZES, true]``)."""
    quizzes_dir = c.Dir(exists=True, default="quizzes")
    """Folder of quiz YAML files, relative to mkdocs.yml; kept outside docs/ so no answer key
    ships as a file."""
    pages_dir = c.Type(str, default="quizzes")
    """URL folder of the generated page of each quiz and of the quiz index."""
    quiz_pages = c.Type(bool, default=True)
    """Give every quiz its own generated page (the default). ``false``, for large sites: a quiz
    appears only where chapters embed it, and the quiz index, My results, exports and links to
    ``quizzes/<id>.md`` point at its embedding (``chapter/#hq-<id>``); a quiz that no chapter
    embeds still gets its page. Halves the pages a site of embedded quizzes builds."""
    results_page = c.Type(str, default="my-results.md")
    """Docs path of the generated My results page."""
    profile_quiz = c.Type(str, default="alliance-profile")
    """Id of the self-assessment whose latest attempt the results page draws as the profile
    chart."""
    warn_unused = c.Type(bool, default=True)
    """Warn about quizzes no hand-written page embeds (fails ``--strict``)."""
    lint = c.Type(bool, default=True)
    """Report item-writing warnings (``warning[key-position]`` and the others in the quiz
    reference) in the build, as MkDocs warnings that fail ``--strict`` and never stop ``serve``,
    and in ``handbook check``; ``false`` turns them off in both (``handbook check --lint`` still
    reports them)."""
    storage_id = c.Optional(c.Type(str))
    """Prefix of the browser storage keys; default: a slug of ``site_name``."""
    language = c.Optional(c.Type(str))
    """Interface language (``en`` or ``es``); default: ``theme.language``."""
    labels = c.Type(dict, default={})
    """Overrides for any interface string, by key (see the instructor guide)."""
    custom_templates = c.Optional(c.Dir(exists=True))
    """Folder whose templates override the package's ``quiz.html.jinja``."""
