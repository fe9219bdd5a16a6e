"""Add a page to the ``nav`` of mkdocs.yml without disturbing anything else, or say what to add.

ruamel.yaml's round-trip loader knows where every nav entry sits in the file. Dumping the whole
document back would re-indent it and respace comments in many real files, so the new entry is
inserted as one line of text after the section's last entry, and the result is parsed again, by
ruamel.yaml (YAML 1.2) and by PyYAML as MkDocs reads it (YAML 1.1, where ``yes`` is a boolean), to
prove that only the nav changed, by exactly that entry. Comments, ``!ENV`` and other tags, quoting,
order and line endings stay byte for byte. Whenever anything is unusual, the file is left alone
and the caller prints the line to add.

The entry is written on one line whatever the title's length: a YAML dumper would wrap a long
title (past 80 columns) or turn a key longer than 128 characters into a ``? key`` block, and
neither fits a one-line insert.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.error import YAMLError

ANCHOR_PAGE = "rapport.md"
"""A chapter every handbook nav lists: the new chapter joins the list that holds it."""
SECTION_TITLE = "chapters"


@dataclass(frozen=True)
class NavResult:
    """What happened to mkdocs.yml: ``added``, or why not and the exact line to add by hand."""

    added: bool
    entry: str
    """The nav entry as YAML, e.g. ``- Motivational interviewing: motivational-interviewing.md``."""
    section: str = ""
    """Where it went (or belongs): a section title, or "" for the top level of the nav."""
    reason: str = ""


class _Unusual(Exception):
    """Raised when the file is not one we can edit with certainty; the message says why."""


def nav_entry(title: str, page: str) -> str:
    """``- Title: page.md`` on one line, the title quoted only when YAML 1.1 or 1.2 needs it."""
    return f"- {one_line_scalar(title)}: {one_line_scalar(page)}"


def one_line_scalar(value: str) -> str:
    """``value`` as a YAML scalar on one line: plain when that reads back as the same text, else
    quoted.

    PyYAML quotes what YAML 1.1 would read as something else (``yes``, ``1.0``, ``#x``, ``a: b``);
    what only YAML 1.2 reads as a number (``0E0``, ``0o17``) is quoted too, as ruamel.yaml would
    otherwise load it. The width is unlimited, so the line is never folded.
    """
    dumped = yaml.safe_dump(value, allow_unicode=True, width=1_000_000_000)
    dumped = dumped.removesuffix("\n...\n").rstrip("\n")
    if not dumped.startswith(("'", '"')) and not _reads_back_in_yaml_1_2(dumped, value):
        dumped = "'" + value.replace("'", "''") + "'"
    return dumped


def _reads_back_in_yaml_1_2(plain: str, value: str) -> bool:
    try:
        loaded = YAML(typ="safe", pure=True).load(f"key: {plain}\n")
    except YAMLError:
        return False
    return isinstance(loaded, dict) and type(loaded.get("key")) is str and loaded["key"] == value


def add_to_nav(config_file: Path, title: str, page: str) -> NavResult:
    """Add ``title: page`` to the chapters' section of the nav, keeping everything else as it
    was."""
    entry, section = nav_entry(title, page), ""
    try:
        raw = config_file.read_bytes().decode("utf-8")
        data = _load(raw)
        nav = data.get("nav") if isinstance(data, CommentedMap) else None
        if nav is None:
            return NavResult(False, entry, reason="no-nav")
        if page in _pages(nav):
            return NavResult(False, entry, reason="present")
        as_mkdocs = _load_as_mkdocs(raw)
        path, section = _target(nav)
        new_text = _insert(raw, _walk(nav, path), entry)
        _verify(data, _reload(_load, new_text), path, {title: page}, _plain)
        _verify(as_mkdocs, _reload(_load_as_mkdocs, new_text), path, {title: page}, _same)
    except _Unusual as problem:
        return NavResult(False, entry, section, reason=str(problem))
    except (OSError, UnicodeDecodeError, YAMLError, yaml.YAMLError) as error:
        return NavResult(
            False, entry, section, reason=f"{config_file.name} could not be read ({_why(error)})"
        )
    try:
        with config_file.open("w", encoding="utf-8", newline="") as handle:
            handle.write(new_text)
    except OSError as error:
        return NavResult(
            False, entry, section, reason=f"{config_file.name} could not be written ({_why(error)})"
        )
    return NavResult(True, entry, section)


def _why(error: Exception) -> str:
    return getattr(error, "strerror", None) or str(error).splitlines()[0]


def _load(text: str) -> Any:
    """Round-trip load: unknown tags such as ``!ENV`` are kept, and every node knows its line."""
    return YAML(typ="rt").load(text)


class _MkDocsLikeLoader(yaml.SafeLoader):
    """PyYAML with MkDocs' implicit types; any tag (``!ENV``, ``!!python/name:``) is kept, never
    run."""


def _tagged(loader: yaml.SafeLoader, tag: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = tuple(loader.construct_sequence(node, deep=True))
    else:
        mapping = cast(yaml.MappingNode, node)  # PyYAML has no other kind of node
        value = tuple(sorted(loader.construct_mapping(mapping, deep=True).items(), key=repr))
    return ("tagged", tag, value)


_MkDocsLikeLoader.add_multi_constructor("", _tagged)


def _load_as_mkdocs(text: str) -> Any:
    """The file as MkDocs' loader reads it (YAML 1.1 types), tags kept as plain markers."""
    return yaml.load(text, Loader=_MkDocsLikeLoader)  # noqa: S506 - a SafeLoader subclass


def _same(node: Any) -> Any:
    return node


def _reload(load: Callable[[str], Any], text: str) -> Any:
    """The edited text loaded back; a failure here is the new line's fault, not the file's."""
    try:
        return load(text)
    except (YAMLError, yaml.YAMLError) as error:
        raise _Unusual(f"the new line would not read back as YAML ({_why(error)})") from None


def _pages(node: Any) -> list[str]:
    """Every page path listed anywhere in a nav."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [page for value in node.values() for page in _pages(value)]
    if isinstance(node, list):
        return [page for item in node for page in _pages(item)]
    return []


def _target(nav: Any) -> tuple[tuple[int | str, ...], str]:
    """Path to the list a chapter joins: 'Chapters', else the list holding the anchor page, else the
    top level."""
    if not isinstance(nav, CommentedSeq):
        raise _Unusual("its nav is not a list of pages")
    by_title = _find(nav, (), lambda title, items: title.strip().lower() == SECTION_TITLE)
    by_page = _find(nav, (), lambda title, items: _holds_anchor(items))
    top_holds_anchor = _holds_anchor(nav)
    return by_title or (((), "") if top_holds_anchor else by_page) or ((), "")


def _holds_anchor(items: list[Any]) -> bool:
    """The list itself (not a section inside it) lists the anchor page."""
    return ANCHOR_PAGE in _pages([item for item in items if not _is_section(item)])


def _is_section(item: Any) -> bool:
    return isinstance(item, dict) and any(isinstance(value, list) for value in item.values())


def _find(
    items: CommentedSeq, path: tuple[int | str, ...], wanted: Any
) -> tuple[tuple[int | str, ...], str] | None:
    """Depth-first search for a section ``{title: [...]}`` whose title and items satisfy
    ``wanted``."""
    for index, item in enumerate(items):
        if not isinstance(item, dict) or len(item) != 1:
            continue
        ((title, value),) = item.items()
        if isinstance(value, CommentedSeq):
            here = (*path, index, title)
            if wanted(str(title), value):
                return here, str(title)
            deeper = _find(value, here, wanted)
            if deeper:
                return deeper
    return None


def _walk(nav: Any, path: tuple[int | str, ...]) -> Any:
    node = nav
    for key in path:
        node = node[key]
    return node


def _insert(text: str, items: CommentedSeq, entry: str) -> str:
    """Insert ``entry`` as a line after the list's last item (and its children), at its dash
    column."""
    if not items or items.fa.flow_style():
        raise _Unusual(
            "the nav section is empty or written in [brackets], so the right indentation is unclear"
        )
    lines = text.splitlines(keepends=True)
    line_no = items.lc.item(len(items) - 1)[0]
    dash = len(lines[line_no]) - len(lines[line_no].lstrip(" "))
    if not lines[line_no].lstrip(" ").startswith("- "):
        raise _Unusual("the last nav entry does not start its own line with '- '")
    end = line_no
    for index in range(line_no + 1, len(lines)):
        content = lines[index].strip()
        if not content or content.startswith("#"):
            continue
        if len(lines[index]) - len(lines[index].lstrip(" ")) <= dash:
            break
        end = index
    newline = "\r\n" if "\r\n" in text else "\n"
    if not lines[end].endswith(("\n", "\r")):
        lines[end] += newline
    lines.insert(end + 1, " " * dash + entry + newline)
    return "".join(lines)


def _verify(
    before: Any,
    after: Any,
    path: tuple[int | str, ...],
    added: dict[str, str],
    comparable: Callable[[Any], Any],
) -> None:
    """The edit must change nothing but the nav, and the nav only by the new entry at the end of its
    list."""
    expected = comparable(before)
    try:
        _walk(expected["nav"], path).append(added)
    except (KeyError, TypeError, IndexError, AttributeError):
        raise _Unusual("its nav has an unusual shape") from None
    if comparable(after) != expected:
        raise _Unusual(
            "inserting the line would change more than the nav, or the title would not read back "
            "as written"
        )


def _plain(node: Any) -> Any:
    """Comparable plain data; a tag (``!ENV``, ``!!python/name:...``) counts as part of its
    value."""
    tag = getattr(getattr(node, "tag", None), "value", None)
    if isinstance(node, TaggedScalar):
        value: Any = node.value
    elif isinstance(node, dict):
        value = {key: _plain(item) for key, item in node.items()}
    elif isinstance(node, list):
        value = [_plain(item) for item in node]
    else:
        return node
    return ("tagged", tag, value) if tag else value
