"""Turn loaded quiz data into a ``Quiz``: the schema first, then what no schema can express.

Cross-field rules: unique ids, references to subscales and chapters, a correct choice in every
question, bands in range and ascending, wordings that match the perspectives.
"""

from __future__ import annotations

import difflib
import math
import re
from pathlib import Path
from typing import Any, TypeGuard

from . import kinds
from .bounds import text_issues
from .errors import QuizIssue
from .lint import CODES
from .loader import LoadedFile
from .model import Band, Item, Question, Quiz, Scale, Subscale, Wording
from .schema import structural_issues

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*\Z")
r"""``\Z``, not ``$``: ``$`` also matches before a final line break."""
CHAPTER_PATTERN = re.compile(r"^[^#?]+\.md$")
QUIZ_BOOLEAN_KEYS = ("shuffle",)
"""Quiz keys that take true or false, and only those two words (YAML 1.1 also reads yes/no/on/off);
each kind names its own (``Kind.boolean_keys``)."""
DOCS_LINK = re.compile(r"\]\(\s*<?([^()[\]\s:#?>]+\.md)")
"""Markdown links to a docs page, e.g. ``[Skills](rapport.md#skills)``: the page part. No
bracket in the part, so each match attempt stops at the next one: ``[a](`` repeated 4,000 times
took 1.7 s (quadratic) with any character but ')' allowed."""


def validate(
    loaded: LoadedFile, default_id: str, docs_dir: Path | None = None
) -> tuple[Quiz | None, list[QuizIssue]]:
    """Validate one loaded file: the quiz (when there are no issues) and every issue found."""
    issues = list(loaded.issues)
    if loaded.data is None and issues:
        return None, issues
    if not isinstance(loaded.data, dict):
        issues.append(
            loaded.issue(
                (), "a quiz file must be a mapping of keys, starting with 'type:' and 'title:'"
            )
        )
        return None, issues
    structural = structural_issues(loaded)
    checker = _CrossChecker(loaded, default_id, docs_dir)
    try:
        quiz: Quiz | None = checker.build()
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        # Only reachable when the structure is wrong: the schema has already said where.
        quiz = None
        if not issues and not structural and not checker.issues:
            # Never a file refused without a reason (the registry takes "no issues" for "valid").
            checker.fail(
                (),
                f"the quiz could not be checked ({type(error).__name__}): "
                "please report this file to the maintainers",
            )
    issues += structural + checker.issues + _word_booleans(loaded)
    issues += text_issues(loaded)  # bounds.py: what Markdown and the page can take, unrendered
    return (quiz if not issues else None), sorted(set(issues))


def _word_booleans(loaded: LoadedFile) -> list[QuizIssue]:
    """``correct: yes``: YAML 1.1 reads it as true, but the format takes only ``true`` and
    ``false``.

    (Text fields written ``No`` are already refused by the schema, with "put it in quotes".)
    """
    boolean_keys = {
        *QUIZ_BOOLEAN_KEYS,
        *(k for kind in kinds.registered() for k in kind.boolean_keys),
    }
    return [
        loaded.issue(
            path,
            f"'{word}' is not allowed here: write true or false (YAML reads '{word}' as "
            f"{str(value).lower()}, but this format takes only the words true and false)",
        )
        for path, word in loaded.word_booleans.items()
        if path and path[-1] in boolean_keys and isinstance(value := _at(loaded.data, path), bool)
    ]


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _dict(value: Any) -> dict[str, Any]:
    """The value if it is a mapping, else an empty one (the schema reported the wrong type)."""
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    """The value if it is a list, else an empty one (the schema reported the wrong type)."""
    return value if isinstance(value, list) else []


def _is_number(value: Any) -> TypeGuard[float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class _CrossChecker:
    """Builds the model, collecting cross-field issues.

    The data may be structurally wrong (the schema reports that): every read tolerates a missing
    key or a wrong type, so that one broken entry does not hide the problems in the others.
    """

    def __init__(self, loaded: LoadedFile, default_id: str, docs_dir: Path | None) -> None:
        self.loaded = loaded
        self.data: dict[str, Any] = loaded.data
        self.default_id = default_id
        self.docs_dir = docs_dir
        self.issues: list[QuizIssue] = []
        self.perspectives: dict[str, str] = _dict(self.data.get("perspectives"))

    def fail(self, path: tuple[Any, ...], message: str, *, at_key: bool = False) -> None:
        self.issues.append(self.loaded.issue(path, message, at_key=at_key))

    def build(self) -> Quiz | None:
        data = self.data
        quiz_id = data.get("id", self.default_id)
        if "id" not in data and not ID_PATTERN.match(quiz_id):
            self.fail(
                (),
                f"the file name gives the id '{quiz_id}', which is not valid: rename the file "
                "using lowercase letters, digits and hyphens, or add an 'id:' key",
            )
        self._check_chapter()
        self._check_links(self.data, ())
        lint_ignore = self._lint_ignore()
        if data.get("type") not in kinds.ENTRY_LISTS:
            return None  # The schema has said what 'type' must be; the other rules depend on it.
        common = {
            "id": quiz_id,
            "type": data["type"],
            "title": data.get("title", ""),
            "source": self.loaded.file,
            "description": data.get("description", ""),
            "chapter": data.get("chapter", ""),
            "version": data.get("version", 1),
            "results": self.wording(data.get("results"), ("results",)),
            "reflection": tuple(
                self.wording(p, ("reflection", i))
                for i, p in enumerate(_list(data.get("reflection")))
            ),
            "audience": data.get("audience", "readers"),
            "lint_ignore": lint_ignore,
        }
        if data["type"] == "knowledge":
            if isinstance(data.get("pass"), float) and math.isnan(
                data["pass"]
            ):  # `.nan` passes minimum and maximum
                self.fail(("pass",), "must be a fraction from 0 to 1, e.g. 0.75 (found .nan)")
            return Quiz(
                **common,
                pass_mark=data.get("pass"),
                feedback=data.get("feedback", "immediate"),
                shuffle=data.get("shuffle", True),
                questions=self._questions(),
            )
        return self._self_assessment(common)

    def _lint_ignore(self) -> dict[str, str]:
        """The warning codes the quiz silences: each must be a code that applies to its type."""
        ignore = _dict(_dict(self.data.get("lint")).get("ignore"))
        kind = self.data.get("type")
        for code in ignore:
            if code not in CODES:
                close = difflib.get_close_matches(str(code), list(CODES), n=1)
                hint = f"did you mean '{close[0]}'?" if close else "codes: " + ", ".join(CODES)
                self.fail(
                    ("lint", "ignore", code), f"unknown warning code '{code}' ({hint})", at_key=True
                )
            elif kind in kinds.ENTRY_LISTS and kind not in CODES[code].types:
                self.fail(
                    ("lint", "ignore", code),
                    f"'{code}' is never reported for a {kind} quiz: remove it",
                    at_key=True,
                )
        return {code: reason for code, reason in ignore.items() if isinstance(reason, str)}

    def _missing_page(self, target: str) -> str | None:
        """A hint when a docs-relative page does not exist; None when it does (or without
        docs)."""
        if self.docs_dir is None or (self.docs_dir / target).is_file():
            return None
        pages = sorted(p.relative_to(self.docs_dir).as_posix() for p in self.docs_dir.rglob("*.md"))
        close = difflib.get_close_matches(target, pages, n=1)
        return f" (did you mean '{close[0]}'?)" if close else " (paths are relative to docs/)"

    def _check_chapter(self) -> None:
        chapter = self.data.get("chapter")
        if isinstance(chapter, str) and CHAPTER_PATTERN.match(chapter):
            hint = self._missing_page(chapter)
            if hint is not None:
                self.fail(("chapter",), f"chapter '{chapter}' does not exist{hint}")

    def _check_links(self, value: Any, path: tuple[Any, ...]) -> None:
        """Docs-relative links in any text field must name an existing page (the build checks
        anchors)."""
        if isinstance(value, dict):
            for key, child in value.items():
                self._check_links(child, (*path, key))
        elif isinstance(value, list):
            for index, child in enumerate(value):
                self._check_links(child, (*path, index))
        elif isinstance(value, str) and ".md" in value:  # DOCS_LINK needs it: a cheap test first
            for target in DOCS_LINK.findall(value):
                hint = self._missing_page(target)
                if hint is not None:
                    self.fail(path, f"link to '{target}' does not match any page in docs/{hint}")

    def wording(self, value: Any, path: tuple[Any, ...]) -> Wording:
        """Normalise text that may differ by perspective, checking its keys against the
        perspectives."""
        if isinstance(value, str):
            return {key: value for key in (self.perspectives or {"": ""})}
        if not isinstance(value, dict):
            return {}  # absent, or a wrong type the schema has reported
        if not self.perspectives:
            self.fail(
                path,
                "has one wording per perspective, but the quiz has no 'perspectives': "
                "use plain text",
            )
            return {}
        expected, given = set(self.perspectives), set(value)
        if expected != given:
            missing = ", ".join(sorted(expected - given)) or "none"
            extra = ", ".join(sorted(given - expected)) or "none"
            self.fail(
                path,
                f"needs one wording for each perspective ({', '.join(self.perspectives)}); "
                f"missing: {missing}; unknown: {extra}",
            )
        return {key: value.get(key, "") for key in self.perspectives}

    def unique_ids(self, entries: list[Any], path: str, prefix: str) -> list[str]:
        """Each entry's id (default: prefix and position); a duplicate is reported at the later
        entry."""
        ids = []
        for i, entry in enumerate(entries):
            entry_id = _dict(entry).get("id")
            ids.append(entry_id if isinstance(entry_id, str) else f"{prefix}{i + 1}")
        seen: dict[str, int] = {}
        for i, entry_id in enumerate(ids):
            if entry_id not in seen:
                seen[entry_id] = i
                continue
            first = seen[entry_id]
            line = self.loaded.position((path, first))[0]
            noun = path.removesuffix("s")  # questions -> question, items -> item
            where = (
                f"first used at line {line}"
                if "id" in _dict(entries[first])
                else f"the default id of {noun} {first + 1}, line {line}"
            )
            if "id" in _dict(entries[i]):
                self.fail(
                    (path, i, "id"),
                    f"duplicate id '{entry_id}' ({where}): ids must be unique in a quiz",
                )
            else:
                self.fail(
                    (path, i),
                    f"{noun} {i + 1} gets the default id '{entry_id}', which is already taken "
                    f"({where}): give it an 'id:'",
                )
        return ids

    def _entries(
        self, quiz_type: str, list_key: str, prefix: str, subscale_ids: list[str] | None = None
    ) -> list[Any]:
        """Each entry of the quiz's list, checked and built by its kind (see ``kinds``)."""
        raw = _list(self.data.get(list_key))
        ids = self.unique_ids(raw, list_key, prefix)
        built = []
        for i, (entry_id, data) in enumerate(zip(ids, raw, strict=True)):
            kind = kinds.kind_for_entry(quiz_type, data)
            if kind is None:
                continue  # a 'kind:' no kind has: the schema has said so
            check = kinds.EntryCheck(
                i, entry_id, _dict(data), (list_key, i), self.fail, self.wording, subscale_ids or []
            )
            built.append(kind.build(check))
        return built

    def _questions(self) -> tuple[Question, ...]:
        return tuple(self._entries("knowledge", "questions", "q"))

    def _self_assessment(self, common: dict[str, Any]) -> Quiz:
        data = self.data
        raw_scale = _dict(data.get("scale"))
        labels, start = raw_scale.get("labels"), raw_scale.get("start", 1)
        scale_ok = bool(_list(labels)) and isinstance(start, int) and not isinstance(start, bool)
        scale = Scale(tuple(_list(labels)), start if scale_ok else 1)
        raw_subscales = _list(data.get("subscales"))
        subscale_ids = self.unique_ids(raw_subscales, "subscales", "s")
        items: tuple[Item, ...] = tuple(
            self._entries("self-assessment", "items", "i", subscale_ids)
        )
        scoring = _dict(data.get("scoring"))
        method = scoring.get("method", "mean")
        subscales = []
        for i, (sid, entry) in enumerate(zip(subscale_ids, raw_subscales, strict=True)):
            raw = _dict(entry)
            count = sum(item.subscale == sid for item in items)
            if not count and "id" in raw:
                self.fail(
                    ("subscales", i), f"subscale '{sid}' has no items: give it items or remove it"
                )
            bands = self._bands(
                raw.get("bands"),
                ("subscales", i, "bands"),
                scale if scale_ok else None,
                method,
                max(count, 1),
            )
            subscales.append(
                Subscale(
                    sid,
                    self.wording(raw.get("title"), ("subscales", i, "title")),
                    self.wording(raw.get("description"), ("subscales", i, "description")),
                    bands,
                )
            )
        bands = self._bands(
            scoring.get("bands"),
            ("scoring", "bands"),
            scale if scale_ok else None,
            method,
            len(items),
        )
        return Quiz(
            **common,
            perspectives=dict(self.perspectives),
            scale=scale,
            subscales=tuple(subscales),
            items=items,
            method=method,
            bands=bands,
        )

    def _range_origin(self) -> str:
        """Where a score range comes from when it rests on keys the instructor did not write."""
        unwritten = []
        if "start" not in _dict(self.data.get("scale")):
            unwritten.append("'scale.start' is 1 when not written")
        if "method" not in _dict(self.data.get("scoring")):
            unwritten.append("'scoring.method' is mean when not written")
        return "; ".join(unwritten)

    def _bands(
        self, raw: Any, path: tuple[Any, ...], scale: Scale | None, method: str, count: int
    ) -> tuple[Band, ...]:
        """Bands must start at the lowest possible score, ascend, and stay inside the possible
        range.

        Without a usable scale (reported by the schema) only the order is checked.
        """
        entries = [_dict(band) for band in _list(raw)]
        if not entries:
            return ()
        factor = count if method == "sum" else 1
        low, high = (scale.minimum * factor, scale.maximum * factor) if scale else (None, None)
        origin = self._range_origin()
        previous = None
        for i, band in enumerate(entries):
            start = band.get("from")
            if not _is_number(start):
                continue  # missing or not a number: reported by the schema
            if i == 0 and low is not None and start != low:
                # One mistake, one message: a first band below (or above) the range is told
                # where to start.
                self.fail(
                    (*path, 0, "from"),
                    f"the first band must start at the lowest possible score, {low} "
                    f"(found {start}{'; ' + origin if origin else ''})",
                )
            elif low is not None and high is not None and not low <= start <= high:
                self.fail(
                    (*path, i, "from"),
                    f"from {start} is outside the possible scores {low} to {high}"
                    + (f" ({origin})" if origin else ""),
                )
            elif previous is not None and start <= previous:
                self.fail(
                    (*path, i, "from"),
                    f"from {start} must be greater than the band before it ({previous}): "
                    "list bands in ascending order",
                )
            previous = start
        return tuple(
            Band(
                b.get("from", 0),
                b.get("label", ""),
                self.wording(b.get("text"), (*path, i, "text")),
            )
            for i, b in enumerate(entries)
        )
