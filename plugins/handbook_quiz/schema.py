"""Run the shipped JSON Schema and phrase each structural error as a fix an instructor can apply."""

from __future__ import annotations

import copy
import difflib
import json
import re
from collections.abc import Callable, Mapping
from functools import cache, lru_cache
from importlib.resources import files
from typing import Any, cast

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from . import kinds
from .errors import QuizIssue
from .loader import LoadedFile

SCHEMA_FILE = "quiz.schema.json"

_KIND = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of keys to values",
    "null": "nothing",
}

_SINGULAR = {"questions": "question", "items": "item", "subscales": "subscale", "bands": "band"}


@cache
def quiz_schema() -> dict[str, Any]:
    """The JSON Schema shipped in the package (also published with the site)."""
    text = (files("handbook_quiz") / "schema" / SCHEMA_FILE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def effective_schema() -> dict[str, Any]:
    """The schema quizzes are checked against: the shipped one, with every kind that has a
    ``key`` let into its quiz type's list, selected by the entry's ``kind:``.

    With only the built-in kinds this is the shipped schema itself (a built-in kind with a key is
    written into quiz.schema.json as this builds it; test_kind_seam checks they agree), so the
    published schema and the messages of format v1 stay exactly as they are.
    """
    shipped = quiz_schema()
    keyed = [kind for kind in kinds.registered() if kind.key is not None]
    if not keyed:
        return shipped
    schema = copy.deepcopy(shipped)
    tagged = {"type": "object", "required": [kinds.KIND_KEY]}
    for quiz_type, (definition, list_key) in kinds.ENTRY_LISTS.items():
        own = [kind for kind in keyed if kind.quiz_type == quiz_type]
        if not own:
            continue
        branches: list[dict[str, Any]] = [
            {"if": {"not": tagged}, "then": kinds.default_kind(quiz_type).schema()},
            *(
                {
                    "if": {**tagged, "properties": {kinds.KIND_KEY: {"const": kind.key}}},
                    "then": kind.schema(),
                }
                for kind in own
            ),
            {
                "if": tagged,
                "then": {"properties": {kinds.KIND_KEY: {"enum": [k.key for k in own]}}},
            },
        ]
        schema["$defs"][definition]["properties"][list_key]["items"] = {"allOf": branches}
    return shipped if schema == shipped else schema


def _validator() -> Draft202012Validator:
    return _validator_for(kinds.registered())


@lru_cache(maxsize=4)
def _validator_for(registered: tuple[kinds.Kind, ...]) -> Draft202012Validator:
    """One validator per set of registered kinds (the built-in ones, in a build)."""
    # The schema shares definitions through `$ref`, and jsonschema resolves a reference each time
    # it meets one: once per question, choice, item and band of every file. The validator gets a
    # copy with each reference written out instead. Measured (bench/speed_tricks.py, CPU time, the
    # handbook's 21 quizzes): 33 ms inlined against 77 ms with the shipped schema, more than half
    # of all validation (about 2 s of `handbook check` at 1,000 quizzes). test_validate.py checks
    # that no reference is left and that every error stays the same.
    schema = effective_schema()
    return Draft202012Validator(_inlined(schema, schema))


Check = Callable[[Any], bool]

_ANNOTATIONS = frozenset(
    ("$id", "$schema", "$comment", "title", "description", "default", "examples")
)
_TYPES: dict[str, Check] = {
    "string": lambda v: isinstance(v, str),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "integer": lambda v: (
        (isinstance(v, int) and not isinstance(v, bool))
        or (isinstance(v, float) and v.is_integer())
    ),
}


class _Unsupported(Exception):
    """A keyword the fast check does not know: every file then goes through jsonschema."""


@lru_cache(maxsize=4)
def _fast_check(registered: tuple[kinds.Kind, ...]) -> Check | None:
    """Whether data is valid against the inlined schema, as plain Python closures; None when the
    schema uses a keyword they do not cover.

    Most files are valid, and for them jsonschema's ``iter_errors`` costs most of validation
    (it builds a validator per list entry and property: about 330 of them per 20-question quiz).
    This answers the same yes/no in a fraction of the time; only a file it calls invalid goes
    through jsonschema, which words the errors, so every message comes from there as before.
    When in doubt (a value of a type it does not compare, e.g. in ``enum``), it says invalid.
    """
    try:
        check = _compile(_validator_for(registered).schema)
    except _Unsupported:
        return None

    def valid(data: Any) -> bool:
        try:
            return check(data)
        except _Unsure:  # raised anywhere inside (even under a 'not'): leave it to jsonschema
            return False

    return valid


class _Unsure(Exception):
    """Raised while checking a value the fast check does not compare: the file counts as invalid."""


def _same(a: Any, b: Any) -> bool:
    """JSON equality for ``enum``/``const`` (``True`` is not ``1``); None when unsure."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    scalar = (str, int, float, type(None))
    if isinstance(a, scalar) and isinstance(b, scalar):
        return bool(a == b)
    raise _Unsure


def _compile(schema: Any) -> Check:
    """A function that says whether a value is valid against ``schema`` (see ``_fast_check``)."""
    if isinstance(schema, bool):
        return _always(schema)
    if not isinstance(schema, dict):
        raise _Unsupported(repr(schema))
    checks: list[Check] = []
    for keyword, expected in schema.items():
        if keyword in _ANNOTATIONS or keyword in ("then", "else", "properties"):
            continue  # "then"/"else" belong to "if"; "properties" to "additionalProperties"
        build = _KEYWORDS.get(keyword)
        if build is None:
            raise _Unsupported(keyword)
        checks.append(build(expected, schema))
    if "properties" in schema and "additionalProperties" not in schema:
        checks.append(_properties(schema["properties"], None))

    def check(value: Any) -> bool:
        return all(test(value) for test in checks)

    return check


def _always(answer: bool) -> Check:
    def check(value: Any) -> bool:
        return answer

    return check


def _properties(properties: dict[str, Any], additional: Any) -> Check:
    """``properties`` and ``additionalProperties`` (None: any other key is allowed)."""
    subs = {key: _compile(sub) for key, sub in properties.items()}
    extra = None if additional is None else _compile(additional)

    def check(value: Any) -> bool:
        if not isinstance(value, dict):
            return True
        for key, item in value.items():
            sub = subs.get(key, extra)
            if sub is not None and not sub(item):
                return False
        return True

    return check


def _additional(expected: Any, schema: dict[str, Any]) -> Check:
    if "patternProperties" in schema:
        raise _Unsupported("patternProperties")
    return _properties(schema.get("properties", {}), expected)


def _type(expected: Any, schema: dict[str, Any]) -> Check:
    tests = [_TYPES[name] for name in ([expected] if isinstance(expected, str) else expected)]

    def check(value: Any) -> bool:
        return any(test(value) for test in tests)

    return check


def _property_names(expected: Any, schema: dict[str, Any]) -> Check:
    name_check = _compile(expected)

    def check(value: Any) -> bool:
        return not isinstance(value, dict) or all(map(name_check, value))

    return check


def _required(expected: Any, schema: dict[str, Any]) -> Check:
    keys = tuple(expected)

    def check(value: Any) -> bool:
        return not isinstance(value, dict) or all(key in value for key in keys)

    return check


def _items(expected: Any, schema: dict[str, Any]) -> Check:
    item_check = _compile(expected)

    def check(value: Any) -> bool:
        return not isinstance(value, list) or all(map(item_check, value))

    return check


def _size(keyword: str) -> Callable[[Any, dict[str, Any]], Check]:
    """``minItems`` and the like: the size of a list, mapping or text against its bound."""
    kind = {"minItems": list, "maxItems": list, "minLength": str}.get(keyword, dict)
    at_least = keyword.startswith("min")

    def build(bound: Any, schema: dict[str, Any]) -> Check:
        def check(value: Any) -> bool:
            if not isinstance(value, kind):
                return True
            return len(value) >= bound if at_least else len(value) <= bound

        return check

    return build


def _bound(at_least: bool) -> Callable[[Any, dict[str, Any]], Check]:
    """``minimum``/``maximum`` as jsonschema compares (so ``.nan`` passes both, as there)."""

    def build(bound: Any, schema: dict[str, Any]) -> Check:
        def check(value: Any) -> bool:
            if not _TYPES["number"](value):
                return True
            return not value < bound if at_least else not value > bound

        return check

    return build


def _pattern(expected: Any, schema: dict[str, Any]) -> Check:
    search = re.compile(expected).search

    def check(value: Any) -> bool:
        return not isinstance(value, str) or search(value) is not None

    return check


def _enum(expected: Any, schema: dict[str, Any]) -> Check:
    options = list(expected)

    def check(value: Any) -> bool:
        return any(_same(value, option) for option in options)

    return check


def _const(expected: Any, schema: dict[str, Any]) -> Check:
    def check(value: Any) -> bool:
        return _same(value, expected)

    return check


def _all_of(expected: Any, schema: dict[str, Any]) -> Check:
    parts = [_compile(sub) for sub in expected]

    def check(value: Any) -> bool:
        return all(part(value) for part in parts)

    return check


def _any_of(expected: Any, schema: dict[str, Any]) -> Check:
    parts = [_compile(sub) for sub in expected]

    def check(value: Any) -> bool:
        return any(part(value) for part in parts)

    return check


def _not(expected: Any, schema: dict[str, Any]) -> Check:
    negated = _compile(expected)

    def check(value: Any) -> bool:
        return not negated(value)

    return check


def _if(expected: Any, schema: dict[str, Any]) -> Check:
    condition = _compile(expected)
    then, otherwise = _compile(schema.get("then", True)), _compile(schema.get("else", True))

    def check(value: Any) -> bool:
        return then(value) if condition(value) else otherwise(value)

    return check


_KEYWORDS: dict[str, Callable[[Any, dict[str, Any]], Check]] = {
    "type": _type,
    "additionalProperties": _additional,
    "propertyNames": _property_names,
    "required": _required,
    "items": _items,
    **{k: _size(k) for k in ("minItems", "maxItems", "minProperties", "maxProperties")},
    "minLength": _size("minLength"),
    "minimum": _bound(True),
    "maximum": _bound(False),
    "pattern": _pattern,
    "enum": _enum,
    "const": _const,
    "allOf": _all_of,
    "anyOf": _any_of,
    "not": _not,
    "if": _if,
}
"""What each keyword the schema uses checks, built from its value and the schema holding it."""


def _inlined(node: Any, root: dict[str, Any]) -> Any:
    """``node`` with every local ``{"$ref": "#/..."}`` replaced by its target (the schema has no
    cycles; a test checks that no reference is left and that every message stays the same)."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/") and len(node) == 1:
            target: Any = root
            for part in ref[2:].split("/"):
                target = target[part]
            return _inlined(target, root)
        return {key: _inlined(value, root) for key, value in node.items() if key != "$defs"}
    if isinstance(node, list):
        return [_inlined(value, root) for value in node]
    return node


def structural_issues(loaded: LoadedFile) -> list[QuizIssue]:
    """Every structural problem in the file, most specific first, one per place and kind."""
    issues: dict[tuple[Any, ...], QuizIssue] = {}
    valid = _fast_check(kinds.registered())
    errors = (
        () if valid is not None and valid(loaded.data) else _validator().iter_errors(loaded.data)
    )
    for error in _leaf_errors(errors):
        for issue in _describe(error, loaded):
            issues.setdefault((issue.line, issue.column, issue.path, issue.message), issue)
    for issue in _keys_without_a_type(loaded):
        issues.setdefault((issue.line, issue.column, issue.path, issue.message), issue)
    return list(issues.values())


def _keys_without_a_type(loaded: LoadedFile) -> list[QuizIssue]:
    """With 'type' missing or wrong, no type's rules apply: still name the keys no type knows."""
    data = loaded.data
    if not isinstance(data, dict) or data.get("type") in tuple(kinds.ENTRY_LISTS):
        return []  # (a tuple, not the dict: 'type: []' is unhashable)
    defs = quiz_schema()["$defs"]
    known = sorted(
        {key for name, _ in kinds.ENTRY_LISTS.values() for key in defs[name]["properties"]}
    )
    return [
        loaded.issue((key,), _unknown_key(key, known), at_key=True)
        for key in data
        if key not in known
    ]


def _leaf_errors(errors: Any) -> list[ValidationError]:
    """Flatten if/then and allOf wrappers, keeping the errors that name a concrete problem."""
    out: list[ValidationError] = []
    for error in errors:
        if error.validator in ("allOf", "$ref") and error.context:
            out += _leaf_errors(error.context)
        else:
            out.append(error)
    return out


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "a date" if value is not None and hasattr(value, "year") else "nothing"


def _describe(error: ValidationError, loaded: LoadedFile) -> list[QuizIssue]:
    path = tuple(error.absolute_path)
    # jsonschema types these as possibly unset; an error from iter_errors always has them.
    kind, expected = str(error.validator), cast(Any, error.validator_value)
    value = cast(Any, error.instance)
    if kind == "additionalProperties":
        schema = error.schema if isinstance(error.schema, Mapping) else {}
        allowed = sorted(schema.get("properties", {}))
        return [
            loaded.issue((*path, key), _unknown_key(key, allowed, value), at_key=True)
            for key in value
            if key not in allowed
        ]
    if kind == "required":
        return [
            loaded.issue(path, f"missing required key '{key}'")
            for key in expected
            if isinstance(value, dict) and key not in value
        ]
    return [loaded.issue(path, _message(kind, expected, value, path))]


def _unknown_key(key: str, allowed: list[str], where: Any = None) -> str:
    if key == "shuffle" and isinstance(where, dict) and where.get("type") == "self-assessment":
        return (
            "a self-assessment's items are never shuffled (their order is part of the scale): "
            "remove 'shuffle'"
        )
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else "allowed here: " + ", ".join(allowed)
    return f"unknown key '{key}' ({hint})"


def _message(kind: str, expected: Any, value: Any, path: tuple[Any, ...]) -> str:
    field = next((part for part in reversed(path) if isinstance(part, str)), "")
    if (
        path[:2] == ("lint", "ignore")
        and len(path) == 3
        and (kind in ("minLength", "pattern") or value is None)
    ):
        return (
            f"silencing '{path[2]}' needs a reason: say why the warning does not apply, "
            f'e.g. {path[2]}: "ordered by time"'
        )
    if kind == "type":
        wanted = _KIND.get(expected, expected)
        if value is None:
            # `title:` with nothing after it: quoting would not help, writing the value would.
            where = f" after '{path[-1]}:'" if path and isinstance(path[-1], str) else ""
            return f"expected {wanted}, got nothing: write the value{where}"
        if expected == "integer" and isinstance(value, float):
            return f"expected a whole number, got {value}"
        hint = (
            " (put it in quotes)"
            if wanted == "text" and not isinstance(value, (list, dict))
            else ""
        )
        return f"expected {wanted}, got {_kind_of(value)}{hint}"
    if kind in ("enum", "const"):
        options = list(expected) if kind == "enum" else [expected]
        close = difflib.get_close_matches(str(value), [str(o) for o in options], n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"'{value}' is not allowed: use one of " + ", ".join(map(str, options)) + hint
    if kind == "pattern":
        if field == "chapter":
            return (
                f"'{value}' is not a chapter file: give its docs-relative path, e.g. 'rapport.md'"
            )
        return (
            f"'{value}' is not a valid id: use lowercase letters, digits and hyphens, "
            "e.g. 'rapport-check'"
        )
    if kind == "minItems":
        if expected == 1:
            return f"needs at least one {_SINGULAR.get(field, 'entry')} (found none)"
        return f"needs at least {expected} {field or 'entries'} (found {len(value)})"
    if kind == "maxItems":
        return f"allows at most {expected} {field or 'entries'} (found {len(value)})"
    if kind in ("minProperties", "maxProperties"):
        if field == "perspectives":
            return f"needs exactly two perspectives (found {len(value)})"
        return "needs at least one wording"
    if kind == "minimum":
        return f"must be at least {expected} (found {value})"
    if kind == "maximum":
        return f"must be at most {expected} (found {value})"
    if kind == "anyOf":
        return f"expected text, or one wording per perspective (got {_kind_of(value)})"
    return f"invalid value: {kind} {expected!r}"
