"""mkdocs.yml read into the site model's ``SiteSettings``: the plugin and ``handbook check`` alike.

The one module besides the plugin that reads MkDocs' configuration for the quizzes, so the build
and the check cannot read an option differently (``!ENV``, ``INHERIT`` and defaults are MkDocs').
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .site import SiteSettings

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from .config import QuizConfig


def slug(text: str) -> str:
    """``site_name`` made into the default storage prefix (``My handbook`` -> ``my-handbook``)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "handbook"


def interface_language(config: MkDocsConfig, options: QuizConfig) -> str:
    """The plugin's ``language``, else the theme's, else English."""
    return options.language or config.theme.get("language") or "en"


def site_settings(
    config: MkDocsConfig, options: QuizConfig, plugin_name: str = "handbook-quiz"
) -> SiteSettings:
    """The site model's view of mkdocs.yml and of the plugin's options in it."""
    config_file = Path(config.config_file_path or "mkdocs.yml")
    return SiteSettings(
        project_dir=config_file.resolve().parent,
        docs_dir=Path(config.docs_dir),
        quizzes_dir=Path(options.quizzes_dir),
        storage_id=options.storage_id or slug(config.site_name),
        language=interface_language(config, options),
        labels=dict(options.labels),
        custom_templates=Path(options.custom_templates) if options.custom_templates else None,
        pages_dir=options.pages_dir,
        results_page=options.results_page,
        warn_unused=options.warn_unused,
        lint=options.lint,
        config_name=config_file.name,
        plugin_name=plugin_name,
    )


def markdown_inputs(config: MkDocsConfig) -> str:
    """What the site's Markdown for quiz text is made of, comparable from one build to the next:
    the extensions (an extension object by its class) and their options."""

    def name(extension: Any) -> str:
        return extension if isinstance(extension, str) else type(extension).__qualname__

    extensions = [name(extension) for extension in config.markdown_extensions]
    return repr((extensions, config.mdx_configs))
