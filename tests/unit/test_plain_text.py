"""The plain-text shortcut in ``site_markdown`` gives exactly what Python-Markdown gives.

Most quiz fields are one plain sentence; the plugin wraps those in ``<p>`` itself instead of running
the whole Markdown pipeline. That is only right if no configured extension would have changed the
text, so every extension the shortcut trusts is checked here against random plain text.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
from handbook_quiz.loader import load_file
from handbook_quiz.markdown import (
    INERT_ON_PLAIN_TEXT,
    PLAIN_TEXT,
    inert_on_plain_text,
    site_markdown,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parents[2]

LETTERS = "abcXYZéßΩжक中"
PUNCTUATION = " .,;:?!'\"()/%\u2019\u2018\u201c\u201d\u2013\u2014\u2026-"

texts = st.builds(
    str.__add__,
    st.sampled_from(LETTERS + "\"'(\u201c\u2018"),
    st.text(alphabet=LETTERS + PUNCTUATION + "0123456789", max_size=40),
)
"""Prose as the shortcut accepts it: each letter class, digit and punctuation mark it lets in."""


def converter(extensions: list[str]) -> markdown.Markdown:
    return markdown.Markdown(extensions=extensions)


def fake_config(extensions: list[object]) -> SimpleNamespace:
    return SimpleNamespace(markdown_extensions=extensions, mdx_configs={})


@pytest.mark.parametrize("extension", sorted(INERT_ON_PLAIN_TEXT) + ["all"])
@settings(max_examples=500, deadline=None)
@given(text=texts)
def test_plain_text_converts_as_markdown_would(extension: str, text: str) -> None:
    extensions = sorted(INERT_ON_PLAIN_TEXT) if extension == "all" else [extension]
    fast = site_markdown(fake_config(extensions))  # type: ignore[arg-type]
    assert fast(text) == converter(extensions).convert(text)


@pytest.mark.parametrize(
    "text",
    [
        "Reflect what the client said (case 3, step 2)",
        "Yes - a reflection shows you listened.",
        "\u201cI\u2019m not sure\u201d \u2014 a pause\u2026",
        "Na\u00efve? 50% of clients/therapists: often!",
    ],
)
def test_everyday_sentences_take_the_shortcut(text: str) -> None:
    assert PLAIN_TEXT.fullmatch(text)


@pytest.mark.parametrize(
    "text", ["1. First", "- item", "# Heading", "> quote", "=== tab", "a  ", "Two\nlines"]
)
def test_block_syntax_does_not(text: str) -> None:
    assert not PLAIN_TEXT.fullmatch(text)


@pytest.mark.parametrize("mark", list("*_`[]<>&#|{}~\\^=+:") + ["\n", "\t", "\u00a0"])
def test_inline_syntax_does_not(mark: str) -> None:
    # ":" is prose punctuation ("Note: ..."), and only :emoji: syntax would care; no trusted
    # extension has it.
    text = f"a{mark}b{mark}c"
    assert bool(PLAIN_TEXT.fullmatch(text)) == (mark == ":")


def test_an_extension_the_shortcut_does_not_know_turns_it_off() -> None:
    # pymdownx.smartsymbols turns "(c)" into a copyright sign, inside plain text.
    extensions = ["toc", "pymdownx.smartsymbols"]
    convert = site_markdown(fake_config(extensions))  # type: ignore[arg-type]
    assert (
        convert("Notes (c) the clinic")
        == converter(extensions).convert("Notes (c) the clinic")
        == "<p>Notes &copy; the clinic</p>"
    )


def test_the_handbook_s_own_extensions_keep_the_shortcut_on() -> None:
    # MkDocs adds toc, tables and fenced_code to every site; if a new extension in mkdocs.yml is not
    # trusted, quiz text still renders right but every build gets slower: list it once checked here.
    config = load_config(str(ROOT / "mkdocs.yml"))
    untrusted = [e for e in config.markdown_extensions if not inert_on_plain_text(e)]
    assert untrusted == []


def test_every_handbook_field_it_takes_renders_as_markdown_would() -> None:
    """The handbook's own quiz texts (1,122 of 1,477 fields take the shortcut): same HTML."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    fast = site_markdown(config)
    slow = site_markdown(config)
    slow._plain_is_inert = False
    taken = 0
    for path in sorted((ROOT / "quizzes").glob("*.yml")):
        for text in _strings(load_file(path, path.name).data):
            if PLAIN_TEXT.fullmatch(text):
                taken += 1
                assert fast(text) == slow(text), (path.name, text)
                assert fast.inline(text) == slow.inline(text), (path.name, text)
    assert taken > 100  # the shortcut is in use


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for child in value.values() for text in _strings(child)]
    if isinstance(value, list):
        return [text for child in value for text in _strings(child)]
    return []
