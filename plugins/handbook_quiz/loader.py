"""Read one YAML quiz file into plain data plus the source position of every key and value.

PyYAML keeps the last of two duplicate keys and expands aliases without limit, so we compose
the node graph ourselves (C parser when available) and build plain data from it, checking
duplicates, nesting depth and alias expansion on the way.
"""

from __future__ import annotations

import codecs
import re
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
"""Most values after alias expansion; stops "billion laughs" files at once. A 10-question quiz
holds about 250 values (every value, list and mapping counts one)."""
SCAN_DEPTH = 200
"""Text that may nest deeper than this is scanned before it is composed, and never composed if it
does: libyaml's composer recurses in C (a 60 KB file of 30,000 '[' crashes the interpreter with a
segmentation fault) and its scanner slows down with the square of the depth (20,000 '[' took
11 s)."""

_BLOCK_PREFIX = "\n[ \t?:-]{%d}"
"""A line starting with this many characters of indentation and block indicators (``- - ``,
``? ``)."""
_OTHER_BREAKS = re.compile("[\r\x85\u2028\u2029]")
"""What YAML also takes for a line break."""

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
    word_booleans: dict[Path_, str] = field(default_factory=dict)
    """Values YAML 1.1 reads as true/false although written as a word (``yes``, ``On``, ``no``),
    by path."""

    def issue(self, path: Path_, message: str, *, at_key: bool = False) -> QuizIssue:
        """An issue located at ``path`` (its key when asked and known, else the nearest value)."""
        line, col = self.position(path, at_key=at_key)
        return QuizIssue(self.file, line, col, format_path(path, self.data), message)

    def position(self, path: Path_, *, at_key: bool = False) -> tuple[int, int]:
        """Position of a path, falling back to its nearest located parent."""
        if at_key and path in self.keys:
            return self.keys[path]
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, (1, 1))


_STR = "tag:yaml.org,2002:str"


class _TooBig(Exception):
    """Raised inside the walk when a limit is crossed."""


def load_text(text: str, file: str) -> LoadedFile:
    """Parse YAML text; syntax errors and limit breaches become issues, never exceptions."""
    result = LoadedFile(file)
    deep = _too_deep(text)
    if deep is not None:
        result.issues.append(QuizIssue(file, *deep, "", _DEPTH_MESSAGE))
        return result
    try:
        node = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = error.problem or "could not be read"
        hint = " (check the indentation and quote text that contains ': ' or starts with a symbol)"
        result.issues.append(QuizIssue(file, line, col, "", f"YAML syntax error: {problem}{hint}"))
        return result
    except yaml.reader.ReaderError as error:
        result.issues.append(_reader_issue(text, file, error))
        return result
    except yaml.YAMLError as error:
        result.issues.append(QuizIssue(file, 1, 1, "", f"YAML error: {error}"))
        return result
    except (
        UnicodeEncodeError
    ) as error:  # a lone surrogate: only in text that was not read from a file
        message = (
            "the text is not valid Unicode (it holds a lone surrogate): save the file as UTF-8"
        )
        result.issues.append(QuizIssue(file, *_line_col(text, error.start), "", message))
        return result
    if node is None or (
        isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null") and not node.value
    ):
        # Nothing, or only a `---` document marker.
        result.issues.append(
            QuizIssue(file, 1, 1, "", "the file is empty: start with 'type:' and 'title:'")
        )
        return result
    walker = _Walker(result)
    try:
        result.data = walker.build(node, ())
    except _TooBig as error:
        result.data = None
        result.issues.append(QuizIssue(file, *walker.last_position, "", str(error)))
    return result


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""Line breaks as YAML counts them."""


def _line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character, counting lines as YAML does."""
    lines = _LINE_BREAK.split(text[:index])
    return len(lines), len(lines[-1]) + 1


def _reader_issue(text: str, file: str, error: yaml.reader.ReaderError) -> QuizIssue:
    """A character YAML refuses (e.g. a vertical tab pasted from a word processor), located in
    the text."""
    code = (
        error.character
        if isinstance(error.character, int)
        else ord(str(error.character)[:1] or "\0")
    )
    index = text.find(chr(code))  # the first one: the reader stops at the first it refuses
    line, col = _line_col(text, index) if index >= 0 else (1, 1)
    message = (
        f"the file contains a character that YAML does not allow (U+{code:04X}, invisible in "
        "most editors): delete it"
    )
    return QuizIssue(file, line, col, "", message)


def load_file(path: Path, display_name: str) -> LoadedFile:
    """Read a quiz file by path, refusing oversized or non-UTF-8 files with a clear issue."""
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        size_kb = -(
            -len(raw) // 1024
        )  # round up, so a file just over the limit does not read "256 KB, over the 256 KB limit"
        message = (
            f"file is {size_kb} KB, over the {MAX_BYTES // 1024} KB limit: "
            "split it into smaller quizzes"
        )
        return LoadedFile(display_name, issues=[QuizIssue(display_name, 1, 1, "", message)])
    body = raw.removeprefix(codecs.BOM_UTF8)  # a BOM is allowed (utf-8-sig) but is no column
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        line = body[: error.start].count(b"\n") + 1
        # Columns count characters, as editors do, not bytes (the text before the bad byte is
        # valid).
        line_start = body.rfind(b"\n", 0, error.start) + 1
        col = len(body[line_start : error.start].decode("utf-8")) + 1
        message = "file is not UTF-8 text: save it as UTF-8 in your editor"
        return LoadedFile(display_name, issues=[QuizIssue(display_name, line, col, "", message)])
    return load_text(text, display_name)


_DEPTH_MESSAGE = f"nested deeper than {MAX_DEPTH} levels: the quiz format needs far fewer"


def _may_nest_deeper(text: str, depth: int) -> bool:
    """False when the text certainly nests no deeper than ``depth`` (cheap, errs towards True).

    Flow nesting is at most the number of '[' and '{'. A block collection inside another starts at a
    greater column, or at the same column at most once in a row (a list as a mapping value), and a
    column where a block node starts lies within its line's indentation and compact indicators.
    """
    flow = text.count("[") + text.count("{")
    prefix = (
        depth - 4 - flow
    ) // 2  # the longest line prefix that keeps flow + 2 * prefix + 4 within depth
    if prefix < 0:
        return True
    lines = "\n" + _OTHER_BREAKS.sub(
        "\n", text
    )  # a search for a literal "\n" is ten times faster than for "^"
    return re.search(_BLOCK_PREFIX % (prefix + 1), lines) is not None


def _too_deep(text: str) -> tuple[int, int] | None:
    """Where the first value nested deeper than MAX_DEPTH starts, if the text nests deeper than
    SCAN_DEPTH.

    Shallower text returns None and is composed as usual, so that the walker reports its depth, with
    any other issue, exactly as before; syntax errors are left for the composer to report, too.
    """
    if not _may_nest_deeper(text, SCAN_DEPTH):
        return None
    found = _scan_depth(text, Loader)
    if found is None and Loader is not yaml.SafeLoader:
        # libyaml 0.2.6 stops input nested 1,000 deep with its own error before it emits one event,
        # so the pure-Python parser, which has no such limit, looks again: the answer is ours on
        # any version.
        found = _scan_depth(text, yaml.SafeLoader)
    return found


def _scan_depth(text: str, loader: type) -> tuple[int, int] | None:
    """The first too-deep position that ``loader``'s event stream shows, or None (also on a
    syntax error)."""
    open_: list[bool | None] = []
    """Per open collection: None for a list; for a mapping, whether its next node is a key."""
    first = None
    try:
        for event in yaml.parse(
            text, Loader=loader
        ):  # a stream of events: no recursion, stops early
            if isinstance(event, yaml.NodeEvent):
                is_key = bool(open_) and open_[-1] is True
                if open_ and open_[-1] is not None:
                    open_[-1] = not open_[-1]
                if (
                    first is None and not is_key and len(open_) > MAX_DEPTH
                ):  # keys are no values (as in the walker)
                    first = _start(event)
                if isinstance(event, yaml.CollectionStartEvent):
                    open_.append(True if isinstance(event, yaml.MappingStartEvent) else None)
                    if len(open_) > SCAN_DEPTH:
                        return first or _start(event)
            elif isinstance(event, yaml.CollectionEndEvent):
                open_.pop()
    except (yaml.YAMLError, UnicodeEncodeError):
        return first  # a too-deep value seen before the error is still the first problem
    return None


def _start(event: yaml.Event) -> tuple[int, int]:
    """1-based (line, column) where an event starts (parser events always carry their marks)."""
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


_UNFIT = (ValueError, TypeError, AttributeError, KeyError, IndexError, OverflowError)
"""What PyYAML's safe constructors raise, instead of a ConstructorError, for a value its tag does
not fit: an impossible date written plainly (``2024-02-30``), ``!!timestamp soon``, ``!!int ''``,
``!!bool maybe``,
an integer of over 4,300 digits."""


def _printable(number: int) -> bool:
    """False for integers Python will not turn into text (over 4,300 digits by default)."""
    try:
        str(number)
    except ValueError:
        return False
    return True


_KINDS = {"timestamp": "date", "int": "whole number", "float": "number", "bool": "true/false value"}


def _unfit_message(node: yaml.ScalarNode) -> str:
    name = node.tag.removeprefix("tag:yaml.org,2002:")
    value = node.value if len(node.value) <= 40 else node.value[:37] + "..."
    return (
        f"value cannot be read: '{value}' is not a valid {_KINDS.get(name, name)}: "
        "put it in quotes, without a '!!' tag, to keep it as text"
    )


def _too_many_message(aliased: bool) -> str:
    """Blame the aliases only when there are some: a file may simply hold too much."""
    if aliased:
        return (
            f"too many values (over {MAX_NODES:,}) once the aliases (*name) are expanded: "
            "remove the aliases"
        )
    return (
        f"too many values (over {MAX_NODES:,}, the most one quiz file may hold; a 10-question "
        "quiz has about 250): split it into smaller quizzes"
    )


class _Walker:
    """Turns composed YAML nodes into plain data, recording positions and enforcing limits."""

    def __init__(self, result: LoadedFile) -> None:
        self.result = result
        self.count = 0
        self.constructor = SafeConstructor()
        self.last_position = (1, 1)
        self.seen: set[int] = set()
        """Ids of the nodes built so far: one met again is an alias."""
        self.aliased = False
        self.open: set[int] = set()
        """Ids of the collection nodes being built, to catch an alias that contains itself."""
        self.pending: list[tuple[tuple[int, int], Path_, str]] = []
        """Issues found on the way, as (position, path, message): their paths name the ids written
        in the
        file, which are known only once the whole file is built."""

    def build(self, node: yaml.Node, path: Path_) -> Any:
        """Plain data for a node; for the whole file (``path == ()``), its issues are added to the
        result."""
        if path:
            return self._value(node, path)
        data = None
        try:
            data = self._value(node, path)
            return data
        finally:  # also when a limit stops the walk: the issues found so far are kept, by position
            for (line, col), where, message in self.pending:
                self.result.issues.append(
                    QuizIssue(self.result.file, line, col, format_path(where, data), message)
                )

    def _report(self, path: Path_, message: str, position: tuple[int, int] | None = None) -> None:
        """Note an issue at ``position`` (default: where the value at ``path`` starts)."""
        self.pending.append((position or self.result.position(path), path, message))

    def _value(self, node: yaml.Node, path: Path_) -> Any:
        self.count += 1
        position = (node.start_mark.line + 1, node.start_mark.column + 1)
        self.last_position = position
        if self.count > MAX_NODES:
            raise _TooBig(_too_many_message(self.aliased))
        if id(node) in self.seen:
            self.aliased = True  # the composer gives each alias (*name) its anchor's own node
        self.seen.add(id(node))
        if len(path) > MAX_DEPTH:
            raise _TooBig(_DEPTH_MESSAGE)
        self.result.values.setdefault(path, position)
        if isinstance(node, yaml.CollectionNode):
            if id(node) in self.open:
                raise _TooBig(
                    "an alias (*name) refers to the list or mapping that contains it: "
                    "remove the alias"
                )
            self.open.add(id(node))
            try:
                if isinstance(node, yaml.MappingNode):
                    return self._mapping(node, path)
                return [self._value(child, (*path, i)) for i, child in enumerate(node.value)]
            finally:
                self.open.discard(id(node))
        if node.tag == _STR:
            return (
                node.value
            )  # what construct_object gives, at a fraction of its cost (most values are text)
        try:
            value = self.constructor.construct_object(node)
        except ConstructorError as error:
            self._report(path, f"value cannot be read: {error.problem}")
            return None
        except _UNFIT:
            assert isinstance(node, yaml.ScalarNode)  # collections were built above
            self._report(path, _unfit_message(node))
            return None
        if isinstance(value, bool) and node.value.lower() not in ("true", "false"):
            self.result.word_booleans[path] = node.value
        if isinstance(value, int) and value.bit_length() > 64 and not _printable(value):
            # e.g. 0xFFF... with 4,000 digits: Python refuses to print it, so every message about
            # it would fail.
            self._report(
                path, f"value cannot be read: '{node.value[:37]}...' is too large a number"
            )
            return None
        return value

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_position = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            key = self._key(key_node)
            if not isinstance(key, str):
                if key_node.tag == "tag:yaml.org,2002:merge":
                    message = (
                        "merge keys ('<<: *name') are not supported: write the keys out in full"
                    )
                elif isinstance(key_node, yaml.ScalarNode):
                    message = f"key {key_node.value!r} is not a name: keys are words like 'title'"
                else:
                    message = "a list or mapping cannot be a key: keys are words like 'title'"
                self._report(path, message, key_position)
                continue
            child = (*path, key)
            if key in out:
                first = self.result.keys[child]
                message = f"duplicate key '{key}' (first at line {first[0]}): remove one of them"
                self._report(child, message, key_position)
                continue
            self.result.keys[child] = key_position
            out[key] = self._value(value_node, child)
        return out

    def _key(self, node: yaml.Node) -> Any:
        """A scalar key's value; None for other keys and for tags no safe constructor knows (e.g.
        ``<<``)."""
        if not isinstance(node, yaml.ScalarNode):
            return None
        if node.tag == _STR:
            return node.value
        try:
            return self.constructor.construct_object(node)
        except (ConstructorError, *_UNFIT):
            return None
