"""The Alliance Handbook quiz plugin: YAML quizzes rendered as accessible, private interactive
pages.

The core modules never import MkDocs, so the CLI and most tests run without a site build;
MkDocs finds the plugin through the ``handbook_quiz.plugin:QuizPlugin`` entry point.
"""

from __future__ import annotations

__version__ = "0.1.0"
