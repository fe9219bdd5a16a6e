"""Read one YAML quiz file into plain data plus the source position of every key and value.

PyYAML keeps the last of two duplicate keys and expands aliases without limit, so we compose
the node graph ourselves (C parser when available) and build plain data from it, checking
duplicates, nesting depth and alias expansion on the way.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from .errors import QuizIssue, format_path

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 256 * 1024
"""Largest quiz file accepted; a 20-question quiz is about 8 KB."""
MAX_DEPTH = 20
"""Deepest nesting accepted; the format itself needs 5 levels."""
MAX_NODES = 20_000
"""Most values after alias expansion; stops "billion laughs" files at once."""

Path_ = tuple[str | int, ...]


@dataclass
class LoadedFile:
    """Plain data from one file with positions, or the issues that stopped reading it."""

    file: str
    data: Any = None
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    """1-based (line, column) of each value, by data path."""
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    """1-based (line, column) of each mapping key, by the path of its value."""
    issues: list[QuizIssue] = field(default_factory=list)

    def issue(self, path: Path_, message: str, *, at_key: bool = False) -> QuizIssue:
        """Make an issue located at ``path`` (its key when asked and known, else the nearest value)."""
        line, col = self.position(path, at_key=at_key)
        return QuizIssue(self.file, line, col, format_path(path), message)

    def position(self, path: Path_, *, at_key: bool = False) -> tuple[int, int]:
        """Position of a path, falling back to its nearest located parent."""
        if at_key and path in self.keys:
            return self.keys[path]
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, (1, 1))


class _TooBig(Exception):
    """Raised inside the walk when a limit is crossed."""


def load_text(text: str, file: str) -> LoadedFile:
    """Parse YAML text; syntax errors and limit breaches become issues, never exceptions."""
    result = LoadedFile(file)
    try:
        node = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = error.problem or "could not be read"
        hint = " (check the indentation and quote text that contains ': ' or starts with a symbol)"
        result.issues.append(QuizIssue(file, line, col, "", f"YAML syntax error: {problem}{hint}"))
        return result
    except yaml.YAMLError as error:
        result.issues.append(QuizIssue(file, 1, 1, "", f"YAML error: {error}"))
        return result
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null") and not node.value):
        # Nothing, or only a `---` document marker.
        result.issues.append(QuizIssue(file, 1, 1, "", "the file is empty: start with 'type:' and 'title:'"))
        return result
    walker = _Walker(result)
    try:
        result.data = walker.build(node, ())
    except _TooBig as error:
        result.data = None
        result.issues.append(QuizIssue(file, *walker.last_position, "", str(error)))
    return result


def load_file(path: Path, display_name: str) -> LoadedFile:
    """Read a quiz file by path, refusing oversized or non-UTF-8 files with a clear issue."""
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        size_kb = -(-len(raw) // 1024)  # round up, so a file just over the limit does not read "256 KB, over the 256 KB limit"
        message = f"file is {size_kb} KB, over the {MAX_BYTES // 1024} KB limit: split it into smaller quizzes"
        return LoadedFile(display_name, issues=[QuizIssue(display_name, 1, 1, "", message)])
    body = raw.removeprefix(codecs.BOM_UTF8)  # a BOM is allowed (utf-8-sig) but is no column
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        line = body[: error.start].count(b"\n") + 1
        # Columns count characters, as editors do, not bytes (the text before the bad byte is valid).
        line_start = body.rfind(b"\n", 0, error.start) + 1
        col = len(body[line_start : error.start].decode("utf-8")) + 1
        message = "file is not UTF-8 text: save it as UTF-8 in your editor"
        return LoadedFile(display_name, issues=[QuizIssue(display_name, line, col, "", message)])
    return load_text(text, display_name)


class _Walker:
    """Turns composed YAML nodes into plain data, recording positions and enforcing limits."""

    def __init__(self, result: LoadedFile) -> None:
        self.result = result
        self.count = 0
        self.constructor = SafeConstructor()
        self.last_position = (1, 1)
        self.open: set[int] = set()
        """Ids of the collection nodes being built, to catch an alias that contains itself."""

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.count += 1
        position = (node.start_mark.line + 1, node.start_mark.column + 1)
        self.last_position = position
        if self.count > MAX_NODES:
            raise _TooBig(f"too many values (over {MAX_NODES:,}), usually from aliases (*name) expanding: remove the aliases")
        if len(path) > MAX_DEPTH:
            raise _TooBig(f"nested deeper than {MAX_DEPTH} levels: the quiz format needs far fewer")
        self.result.values.setdefault(path, position)
        if isinstance(node, yaml.CollectionNode):
            if id(node) in self.open:
                raise _TooBig("an alias (*name) refers to the list or mapping that contains it: remove the alias")
            self.open.add(id(node))
            try:
                if isinstance(node, yaml.MappingNode):
                    return self._mapping(node, path)
                return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
            finally:
                self.open.discard(id(node))
        try:
            return self.constructor.construct_object(node)
        except ConstructorError as error:
            self.result.issues.append(self.result.issue(path, f"value cannot be read: {error.problem}"))
            return None

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_position = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            key = self._key(key_node)
            if not isinstance(key, str):
                if key_node.tag == "tag:yaml.org,2002:merge":
                    message = "merge keys ('<<: *name') are not supported: write the keys out in full"
                elif isinstance(key_node, yaml.ScalarNode):
                    message = f"key {key_node.value!r} is not a name: keys are words like 'title'"
                else:
                    message = "a list or mapping cannot be a key: keys are words like 'title'"
                self.result.issues.append(QuizIssue(self.result.file, *key_position, format_path(path), message))
                continue
            child = (*path, key)
            if key in out:
                first = self.result.keys[child]
                message = f"duplicate key '{key}' (first at line {first[0]}): remove one of them"
                self.result.issues.append(QuizIssue(self.result.file, *key_position, format_path(child), message))
                continue
            self.result.keys[child] = key_position
            out[key] = self.build(value_node, child)
        return out

    def _key(self, node: yaml.Node) -> Any:
        """A scalar key's value; None for other keys and for tags no safe constructor knows (e.g. ``<<``)."""
        if not isinstance(node, yaml.ScalarNode):
            return None
        try:
            return self.constructor.construct_object(node)
        except ConstructorError:
            return None
