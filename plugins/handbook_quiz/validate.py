"""Turn loaded quiz data into a ``Quiz``: the schema first, then what no schema can express.

Cross-field rules: unique ids, references to subscales and chapters, a correct choice in every
question, bands in range and ascending, wordings that match the perspectives.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any

from .errors import QuizIssue
from .loader import LoadedFile
from .model import Band, Choice, Item, Question, Quiz, Scale, Subscale, Wording
from .schema import structural_issues

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def validate(loaded: LoadedFile, default_id: str, docs_dir: Path | None = None) -> tuple[Quiz | None, list[QuizIssue]]:
    """Validate one loaded file; returns the quiz (when there are no issues) and every issue found."""
    issues = list(loaded.issues)
    if loaded.data is None and issues:
        return None, issues
    if not isinstance(loaded.data, dict):
        issues.append(loaded.issue((), "a quiz file must be a mapping of keys, starting with 'type:' and 'title:'"))
        return None, issues
    structural = structural_issues(loaded)
    checker = _CrossChecker(loaded, default_id, docs_dir)
    try:
        quiz: Quiz | None = checker.build()
    except (KeyError, TypeError, AttributeError, ValueError):
        # Only reachable when the structure is wrong: the schema has already said where.
        quiz = None
    issues += structural + checker.issues
    return (quiz if not issues else None), sorted(set(issues))


class _CrossChecker:
    """Builds the model from structurally valid data, collecting cross-field issues."""

    def __init__(self, loaded: LoadedFile, default_id: str, docs_dir: Path | None) -> None:
        self.loaded = loaded
        self.data: dict[str, Any] = loaded.data
        self.default_id = default_id
        self.docs_dir = docs_dir
        self.issues: list[QuizIssue] = []
        self.perspectives: dict[str, str] = self.data.get("perspectives", {})

    def fail(self, path: tuple[Any, ...], message: str, *, at_key: bool = False) -> None:
        self.issues.append(self.loaded.issue(path, message, at_key=at_key))

    def build(self) -> Quiz:
        data = self.data
        quiz_id = data.get("id", self.default_id)
        if "id" not in data and not ID_PATTERN.match(quiz_id):
            self.fail((), f"the file name gives the id '{quiz_id}', which is not valid: rename the file "
                      "using lowercase letters, digits and hyphens, or add an 'id:' key")
        self._check_chapter()
        common = {
            "id": quiz_id, "type": data["type"], "title": data["title"], "source": self.loaded.file,
            "description": data.get("description", ""), "chapter": data.get("chapter", ""),
            "version": data.get("version", 1), "results": self.wording(data.get("results"), ("results",)),
            "reflection": tuple(self.wording(p, ("reflection", i)) for i, p in enumerate(data.get("reflection", []))),
        }
        if data["type"] == "knowledge":
            return Quiz(**common, pass_mark=data.get("pass"), feedback=data.get("feedback", "immediate"),
                        shuffle=data.get("shuffle", False), questions=self._questions())
        return self._self_assessment(common)

    def _check_chapter(self) -> None:
        chapter = self.data.get("chapter")
        if chapter and self.docs_dir is not None and not (self.docs_dir / chapter).is_file():
            pages = sorted(str(p.relative_to(self.docs_dir)) for p in self.docs_dir.rglob("*.md"))
            close = difflib.get_close_matches(chapter, pages, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else " (paths are relative to docs/)"
            self.fail(("chapter",), f"chapter '{chapter}' does not exist{hint}")

    def wording(self, value: str | dict[str, str] | None, path: tuple[Any, ...]) -> Wording:
        """Normalise text that may differ by perspective, checking its keys against the perspectives."""
        if value is None:
            return {}
        if isinstance(value, str):
            return {key: value for key in (self.perspectives or {"": ""})}
        if not self.perspectives:
            self.fail(path, "has one wording per perspective, but the quiz has no 'perspectives': use plain text")
            return {}
        expected, given = set(self.perspectives), set(value)
        if expected != given:
            missing = ", ".join(sorted(expected - given)) or "none"
            extra = ", ".join(sorted(given - expected)) or "none"
            self.fail(path, f"needs one wording for each perspective ({', '.join(self.perspectives)}); missing: {missing}; unknown: {extra}")
        return {key: value.get(key, "") for key in self.perspectives}

    def unique_ids(self, entries: list[dict[str, Any]], path: str, prefix: str) -> list[str]:
        ids = [entry.get("id", f"{prefix}{i + 1}") for i, entry in enumerate(entries)]
        seen: dict[str, int] = {}
        for i, entry_id in enumerate(ids):
            if entry_id in seen:
                line = self.loaded.position((path, seen[entry_id]))[0]
                self.fail((path, i, "id"), f"duplicate id '{entry_id}' (first used at line {line}): ids must be unique in a quiz")
            seen.setdefault(entry_id, i)
        return ids

    def _questions(self) -> tuple[Question, ...]:
        raw = self.data["questions"]
        ids = self.unique_ids(raw, "questions", "q")
        questions = []
        for i, (qid, question) in enumerate(zip(ids, raw)):
            choices = tuple(Choice(c["text"], c.get("correct", False), c.get("feedback", "")) for c in question["choices"])
            if not any(choice.correct for choice in choices):
                self.fail(("questions", i, "choices"), "no choice is marked 'correct: true': mark at least one")
            questions.append(Question(qid, question["text"], choices, question.get("vignette", ""), question.get("explanation", "")))
        return tuple(questions)

    def _self_assessment(self, common: dict[str, Any]) -> Quiz:
        data = self.data
        scale = Scale(tuple(data["scale"]["labels"]), data["scale"].get("start", 1))
        subscale_ids = self.unique_ids(data.get("subscales", []), "subscales", "s")
        item_ids = self.unique_ids(data["items"], "items", "i")
        items = tuple(self._item(i, iid, raw, subscale_ids) for i, (iid, raw) in enumerate(zip(item_ids, data["items"])))
        method = data.get("scoring", {}).get("method", "mean")
        subscales = []
        for i, (sid, raw) in enumerate(zip(subscale_ids, data.get("subscales", []))):
            count = sum(item.subscale == sid for item in items)
            if not count:
                self.fail(("subscales", i), f"subscale '{sid}' has no items: give it items or remove it")
            bands = self._bands(raw.get("bands", []), ("subscales", i, "bands"), scale, method, max(count, 1))
            subscales.append(Subscale(sid, self.wording(raw["title"], ("subscales", i, "title")),
                                      self.wording(raw.get("description"), ("subscales", i, "description")), bands))
        bands = self._bands(data.get("scoring", {}).get("bands", []), ("scoring", "bands"), scale, method, len(items))
        return Quiz(**common, perspectives=dict(self.perspectives), scale=scale, subscales=tuple(subscales),
                    items=items, method=method, bands=bands)

    def _item(self, index: int, item_id: str, raw: dict[str, Any], subscale_ids: list[str]) -> Item:
        subscale = raw.get("subscale", "")
        path = ("items", index, "subscale")
        if subscale_ids and not subscale:
            self.fail(("items", index), f"item '{item_id}' has no 'subscale': add one of " + ", ".join(subscale_ids))
        elif subscale and not subscale_ids:
            self.fail(path, f"unknown subscale '{subscale}': this quiz has no 'subscales' list")
        elif subscale and subscale not in subscale_ids:
            close = difflib.get_close_matches(subscale, subscale_ids, n=1)
            hint = f"did you mean '{close[0]}'?" if close else "known: " + ", ".join(subscale_ids)
            self.fail(path, f"unknown subscale '{subscale}' ({hint})")
        return Item(item_id, self.wording(raw["text"], ("items", index, "text")), subscale, raw.get("reverse", False))

    def _bands(self, raw: list[dict[str, Any]], path: tuple[Any, ...], scale: Scale, method: str, count: int) -> tuple[Band, ...]:
        """Bands must start at the lowest possible score, ascend, and stay inside the possible range."""
        if not raw:
            return ()
        factor = count if method == "sum" else 1
        low, high = scale.minimum * factor, scale.maximum * factor
        previous = None
        for i, band in enumerate(raw):
            start = band["from"]
            if not low <= start <= high:
                self.fail((*path, i, "from"), f"from {start} is outside the possible scores {low} to {high}")
            elif previous is not None and start <= previous:
                self.fail((*path, i, "from"), f"from {start} must be greater than the band before it ({previous}): list bands in ascending order")
            previous = start
        if raw[0]["from"] != low:
            self.fail((*path, 0, "from"), f"the first band must start at the lowest possible score, {low} (found {raw[0]['from']})")
        return tuple(Band(b["from"], b["label"], self.wording(b.get("text"), (*path, i, "text"))) for i, b in enumerate(raw))
