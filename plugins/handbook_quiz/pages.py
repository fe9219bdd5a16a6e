"""Markdown for the generated pages: one page per quiz and the index of all quizzes."""

from __future__ import annotations

from html import escape

from .model import Quiz
from .render import reading_minutes


def quiz_page_markdown(quiz: Quiz) -> str:
    """A quiz's own page: its title and the same embed block chapters use (one rendering path)."""
    return f"# {escape(quiz.title)}\n\n/// quiz | {quiz.id}\n///\n"


def index_markdown(title: str, quizzes: list[Quiz], pages_dir: str) -> str:
    """The index: knowledge checks, then self-assessments, each with size, time and chapter."""
    lines = [f"# {escape(title)}", ""]
    to_docs = "../" * (pages_dir.count("/") + 1)
    sections = (("Knowledge checks", True), ("Self-assessments", False))
    for heading, knowledge in sections:
        chosen = sorted((q for q in quizzes if q.is_knowledge == knowledge), key=lambda q: q.title.lower())
        if not chosen:
            continue
        lines += [f"## {heading}", ""]
        if not knowledge:
            lines += ["Reflective learning aids, not validated or diagnostic instruments. "
                      "Your answers stay in this browser.", ""]
        for quiz in chosen:
            unit = "questions" if knowledge else "statements"
            name = quiz.chapter.removesuffix(".md").replace("-", " ").capitalize()
            chapter = f" Chapter: [{name}]({to_docs}{quiz.chapter})." if quiz.chapter else ""
            lines.append(f"- [{escape(quiz.title)}]({quiz.id}.md): {quiz.size} {unit}, about {reading_minutes(quiz)} min.{chapter}")
        lines.append("")
    return "\n".join(lines)


def results_page_markdown(title: str) -> str:
    """The My results page; its body is added after rendering, when page URLs are known."""
    return (f"# {title}\n\nEvery quiz and self-assessment you have taken in this browser, your progress "
            "through the chapters, and your alliance profile. Nothing here has left this browser.\n")
