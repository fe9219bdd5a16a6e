"""Every string the quiz interface shows: one catalog file per language in ``locales/``.

A catalog is a flat JSON object, key to text (``locales/en.json``, ``locales/es.json``), the
"JSON file" format translation tools (Weblate, Crowdin, i18next) read and write. English is the
reference: every other catalog has exactly its keys. Adding a language is adding one file,
``locales/<code>.json``: nothing here lists the languages. mkdocs.yml's ``labels:`` may override
any text. ``{n}``-style fields are filled in by the renderer (Python) or the runtime (JavaScript).

A page ships only the strings its runtime reads (``RUNTIME_GROUPS``), not the whole catalog: a
chapter with one knowledge check carries a few hundred bytes of labels instead of ~9 kB.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Mapping
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

Catalog = dict[str, str]

REFERENCE = "en"
"""The catalog every other one is checked against, and the fallback for any other language."""
LANGUAGE_FILE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*\.json$")
"""``fr.json``, ``pt-br.json``: a lower-case language tag, as ``labels_for`` looks it up."""
FIELD = re.compile(r"\{(\w+)\}")
ANY = "*"
"""Where problems of no one language go (a misnamed file): logged whatever the language."""

log = logging.getLogger("mkdocs.plugins.handbook-quiz")
"""The plugin's logger name without importing MkDocs: a warning here fails ``--strict``."""


def locales_dir() -> Traversable:
    """The catalogs shipped in the package (``pyproject.toml`` ships the whole folder)."""
    return files("handbook_quiz") / "locales"


def read_catalogs(directory: Traversable) -> tuple[dict[str, Catalog], dict[str, list[str]]]:
    """Every language catalog in ``directory`` and the problems of each, by language code.

    A catalog with problems is still usable: a missing or broken key gets the English text, an
    extra key is dropped, so a page never shows an empty or raw key. A file that is not a JSON
    object is left out (that language falls back to English). Each problem names file and key.
    """
    files_read: dict[str, dict[str, object]] = {}
    problems: dict[str, list[str]] = {}
    for entry in sorted(directory.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        code = entry.name.removesuffix(".json").lower()
        name = f"locales/{entry.name}"
        if not LANGUAGE_FILE.match(entry.name.lower()):
            problems.setdefault(ANY, []).append(
                f"{name}: the file name must be a language code such as 'fr.json' or 'pt-br.json'"
            )
            continue
        found = _parse(name, entry.read_text(encoding="utf-8"))
        if isinstance(found, str):
            problems.setdefault(code, []).append(found)
        else:
            files_read[code] = found
    english = files_read.get(REFERENCE, {})
    broken = [key for key, text in english.items() if not isinstance(text, str)]
    if REFERENCE not in files_read or broken:
        reason = "; ".join(problems.get(REFERENCE, [])) or (
            f"key '{broken[0]}' is not a text" if broken else "locales/en.json is missing"
        )
        raise ValueError(f"handbook-quiz: the English catalog cannot be read: {reason}")
    reference = {key: str(text) for key, text in english.items()}
    catalogs = {REFERENCE: reference}
    for code, data in files_read.items():
        if code == REFERENCE:
            continue
        found_here = _differences(f"locales/{code}.json", data, reference)
        problems.setdefault(code, []).extend(found_here)
        catalogs[code] = {
            key: text if isinstance(text := data.get(key), str) and text.strip() else fallback
            for key, fallback in reference.items()
        }
    return catalogs, {code: found for code, found in problems.items() if found}


def _parse(name: str, text: str) -> dict[str, object] | str:
    """The key: text pairs of one file, or the one problem that makes it unusable."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return f"{name}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}"
    if not isinstance(data, dict):
        return f"{name}: must be one JSON object of key: text pairs"
    return data


def _differences(name: str, data: dict[str, object], english: Catalog) -> list[str]:
    """Keys missing or extra against English, texts that are not text or empty, and ``{fields}``
    lost or renamed."""
    found = [
        f"{name}: key '{key}' is missing (English: {english[key]!r})"
        for key in english
        if key not in data
    ]
    found += [
        f"{name}: key '{key}' is not an English key: remove it or correct its spelling"
        for key in data
        if key not in english
    ]
    for key, text in data.items():
        if key not in english:
            continue
        if not isinstance(text, str):
            found.append(f"{name}: key '{key}': the text must be a string in quotes")
            continue
        if not text.strip():
            found.append(f"{name}: key '{key}' has an empty text")
        want, have = set(FIELD.findall(english[key])), set(FIELD.findall(text))
        if want != have:
            fields = ", ".join("{" + f + "}" for f in sorted(want)) or "no {field}"
            found.append(
                f"{name}: key '{key}' must keep exactly {fields} (English: {english[key]!r})"
            )
    return found


@cache
def built_in() -> tuple[dict[str, Catalog], dict[str, list[str]]]:
    """The shipped catalogs and their problems, read once per process."""
    return read_catalogs(locales_dir())


def catalog_code(language: str, available: Iterable[str]) -> str:
    """The catalog for a theme or plugin language: ``pt-BR`` finds ``pt-br.json``, else ``pt.json``,
    else English."""
    tag = language.replace("_", "-").lower()
    known = set(available)
    return next((code for code in (tag, tag.split("-")[0]) if code in known), REFERENCE)


_warned: set[str] = set()


def labels_for(
    language: str,
    overrides: Mapping[str, str] | None = None,
    catalogs: Mapping[str, Catalog] | None = None,
) -> Catalog:
    """The catalog for a language (English when there is none), with the site's overrides applied.

    The problems of the chosen catalog are logged once per process, when it is first used.
    """
    shipped, problems = built_in()
    available = shipped if catalogs is None else catalogs
    code = catalog_code(language, available)
    if catalogs is None and code not in _warned:
        _warned.add(code)  # a rebuild under `mkdocs serve` does not repeat them
        for problem in [*problems.get(ANY, []), *problems.get(code, [])]:
            log.warning("handbook-quiz: %s", problem)
    return {**available[code], **(overrides or {})}


ENGLISH: Catalog = built_in()[0][REFERENCE]
SPANISH: Catalog = built_in()[0]["es"]
BUILT_IN: dict[str, Catalog] = built_in()[0]


# ---------- what each page's runtime reads ----------


def _keys(words: str) -> frozenset[str]:
    return frozenset(words.split())


RUNTIME_GROUPS: dict[str, frozenset[str]] = {
    # quiz.js, every quiz: the storage line and its buttons, notices, progress, "choose first".
    "quiz": _keys(
        "storage_off set_aside older_attempts progress choose_first mode_device mode_tab"
        " mode_unset switch_device switch_tab forget forget_confirm forgotten saved_device"
        " saved_tab"
    ),
    # quiz.js, knowledge checks: verdicts, the score and pass line, practice.
    "knowledge": _keys(
        "verdict_words right wrong your_choice unanswered score passed not_passed"
        " practice_start practice_done"
    ),
    # quiz.js, self-assessments: the results table.
    "self-assessment": _keys("unrated overall range subscale score_col band_col"),
    # quiz.js, self-assessments with perspectives: share codes and the comparison.
    "perspectives": _keys(
        "perspective_first code_bad code_typo code_quiz code_version code_same code_range"
        " code_old copied score_higher score_lower score_same compare_hint compare_caption"
        " you them difference diff_same diff_higher diff_higher_one diff_lower diff_lower_one"
        " statement you_chose they_chose scored_pair"
    ),
    # results.js on My results.
    "results": _keys(
        "band_col forget forget_confirm forgotten mode_device mode_tab mode_unset range results"
        " score score_col storage_off subscale switch_device switch_tab rp_aside rp_attempt"
        " rp_change rp_change_col rp_chapter_col rp_chapter_short rp_chart_desc"
        " rp_count_knowledge rp_count_self rp_delete_all rp_delete_all_confirm"
        " rp_delete_confirm rp_delete_one rp_deleted_all rp_deleted_one rp_done_on rp_err_bad"
        " rp_err_format rp_err_full rp_err_json rp_err_newer rp_err_size rp_err_store"
        " rp_export_csv rp_export_done rp_export_json rp_exported rp_file rp_first rp_gone"
        " rp_import rp_imported rp_legend rp_memory rp_never_exported rp_no_compare rp_no_file"
        " rp_none rp_not_passed rp_not_yet rp_older rp_passed rp_perspective rp_practice"
        " rp_print_all rp_print_one rp_profile_col rp_profile_none rp_profile_of"
        " rp_reflection rp_skipped rp_unchanged rp_why_bad rp_why_range"
    ),
    # results.js on the quiz index: the "(done <date>)" marks.
    "index": frozenset({"rp_done_on"}),
}
"""Which keys the browser runtime reads, by what the page holds. Every other key is used only
while the page is built (templates, the quiz index, My results' headings) and never shipped.
``tests/unit/test_labels.py`` checks every key the runtime names against these groups."""

QUIZ_GROUPS = ("quiz", "knowledge", "self-assessment", "perspectives")
"""Every group a quiz may need: what a quiz of a kind not listed here gets."""


def quiz_groups(kind: str, perspectives: bool = False) -> tuple[str, ...]:
    """The groups one quiz's runtime reads. A kind without its own group gets every quiz group,
    so a new kind shows all its strings before anyone trims them."""
    if kind not in RUNTIME_GROUPS:
        return QUIZ_GROUPS
    return ("quiz", kind, *(("perspectives",) if perspectives else ()))


def runtime_labels(labels: Mapping[str, str], groups: Iterable[str]) -> Catalog:
    """The strings of ``labels`` that the named groups need, in catalog order."""
    keys = frozenset().union(*(RUNTIME_GROUPS[group] for group in groups))
    return {key: text for key, text in labels.items() if key in keys}
