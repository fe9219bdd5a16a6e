"""The interface catalogs (plugins/handbook_quiz/locales/*.json) and the strings each page ships.

Every catalog must have exactly the English keys, each with its ``{fields}``; the runtime must read
no key that its page is not sent (``RUNTIME_GROUPS``).
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest
from handbook_quiz import labels
from handbook_quiz.labels import (
    ENGLISH,
    QUIZ_GROUPS,
    RUNTIME_GROUPS,
    SPANISH,
    labels_for,
    quiz_groups,
    read_catalogs,
    runtime_labels,
)

PLUGIN = Path(__file__).resolve().parents[2] / "plugins" / "handbook_quiz"
LOCALES = PLUGIN / "locales"
ASSETS = PLUGIN / "assets"

SAME_AS_ENGLISH: dict[str, set[str]] = {"es": set()}
"""Keys whose translation may equal the English text (a word both languages share). Spanish has
none; a new language lists its own here (French "Question", for instance)."""


def write_catalogs(folder: Path, catalogs: dict[str, object]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in catalogs.items():
        text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


# ---------- the shipped catalogs ----------


@pytest.mark.parametrize("path", sorted(LOCALES.glob("*.json")), ids=lambda p: p.name)
def test_every_language_file_has_exactly_the_english_keys(path: Path) -> None:
    """Missing keys, extra keys, lost {fields}, empty texts: each named with its file and key."""
    catalogs, problems = read_catalogs(LOCALES)
    code = path.stem
    assert code in catalogs, problems.get(code) or problems.get("*")
    assert "\n".join(problems.get(code, []) + problems.get("*", [])) == ""
    data = json.loads(path.read_text(encoding="utf-8"))
    assert list(data) == list(ENGLISH), f"locales/{path.name}: keys in another order than en.json"


def test_a_missing_or_extra_key_is_an_error_naming_the_file_and_the_key(tmp_path: Path) -> None:
    broken = {key: text for key, text in SPANISH.items() if key != "check"}
    broken["chek"] = "Comprobar"
    broken["score"] = "{right} correctas"  # {total} lost
    broken["back"] = "  "
    folder = write_catalogs(tmp_path / "locales", {"en.json": ENGLISH, "es.json": broken})
    catalogs, problems = read_catalogs(folder)
    assert problems["es"] == [
        "locales/es.json: key 'check' is missing (English: 'Check')",
        "locales/es.json: key 'chek' is not an English key: remove it or correct its spelling",
        "locales/es.json: key 'score' must keep exactly {right}, {total}"
        " (English: '{right} of {total} correct')",
        "locales/es.json: key 'back' has an empty text",
    ]
    # Still usable: the missing text is the English one, the extra key is dropped.
    assert catalogs["es"]["check"] == "Check" and "chek" not in catalogs["es"]
    assert list(catalogs["es"]) == list(ENGLISH)


def test_a_file_that_is_not_a_catalog_is_left_out_with_its_line(tmp_path: Path) -> None:
    folder = write_catalogs(
        tmp_path / "locales",
        {
            "en.json": ENGLISH,
            "fr.json": '{\n  "check": "Vérifier",\n  "see_results" "Voir"\n}\n',
            "de.json": '["Prüfen"]',
            "it.json": {**ENGLISH, "check": 3},
            "French.json": ENGLISH,
            "notes.txt": "not a catalog",
        },
    )
    catalogs, problems = read_catalogs(folder)
    assert sorted(catalogs) == ["en", "it"], "only it.json is an object of texts"
    assert problems["fr"] == ["locales/fr.json:3:17: not valid JSON: Expecting ':' delimiter"]
    assert problems["de"] == ["locales/de.json: must be one JSON object of key: text pairs"]
    assert problems["it"] == ["locales/it.json: key 'check': the text must be a string in quotes"]
    assert catalogs["it"]["check"] == "Check"
    assert problems["*"] == [
        "locales/French.json: the file name must be a language code such as 'fr.json' or"
        " 'pt-br.json'"
    ]
    assert labels_for("fr", catalogs=catalogs) == ENGLISH, "an unreadable file falls back"


def test_spanish_is_translated_everywhere() -> None:
    for code, allowed in SAME_AS_ENGLISH.items():
        catalog = labels_for(code)
        same = [k for k in ENGLISH if catalog[k].strip() == ENGLISH[k].strip() and k not in allowed]
        assert same == [], f"locales/{code}.json: untranslated keys"


# ---------- choosing a catalog ----------


def test_language_codes_and_unknown_languages() -> None:
    assert labels_for("es") == labels_for("es-MX") == labels_for("ES_es") == SPANISH
    assert labels_for("fr") == ENGLISH, "an unshipped language falls back to English"
    assert labels_for("") == ENGLISH
    assert labels_for("es", {"check": "Verificar"})["check"] == "Verificar"
    assert labels_for("es", {"check": "Verificar"})["see_results"] == SPANISH["see_results"]
    assert labels_for("es") is not SPANISH, "a copy: a caller's change never reaches the catalog"


def test_a_regional_file_comes_before_its_language(tmp_path: Path) -> None:
    catalogs, _ = read_catalogs(
        write_catalogs(
            tmp_path / "locales",
            {
                "en.json": ENGLISH,
                "pt.json": {**ENGLISH, "check": "Verificar"},
                "pt-br.json": {**ENGLISH, "check": "Conferir"},
            },
        )
    )
    assert labels_for("pt-BR", catalogs=catalogs)["check"] == "Conferir"
    assert labels_for("pt_PT", catalogs=catalogs)["check"] == "Verificar"
    assert labels_for("pt", catalogs=catalogs)["check"] == "Verificar"


def test_the_problems_of_the_chosen_catalog_are_logged_once(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    shipped = {"en": ENGLISH, "fr": ENGLISH}
    problems = {"fr": ["locales/fr.json: key 'check' is missing (English: 'Check')"]}
    monkeypatch.setattr(labels, "built_in", lambda: (shipped, problems))
    monkeypatch.setattr(labels, "_warned", set())
    with caplog.at_level(logging.WARNING):
        labels_for("en")
        assert caplog.messages == []
        labels_for("fr")
        labels_for("fr-CA")
    assert caplog.messages == [
        "handbook-quiz: locales/fr.json: key 'check' is missing (English: 'Check')"
    ]


# ---------- what a page ships ----------


def runtime_keys(scripts: list[Path]) -> set[str]:
    """Keys the runtime files read: ``L.key`` or ``labels.key``; ``L["prefix_" + ...]`` and
    ``L[a ? "x" : "y"]`` (every key starting with a quoted word inside the brackets); and a quoted
    compound key passed as a value (``{ error: "code_typo" }``, then ``L[theirs.error]``)."""
    text = "\n".join(script.read_text(encoding="utf-8") for script in scripts)
    keys = set(re.findall(r"\b(?:L|labels)\.([a-z_]+)\b(?!\s*\()", text))
    for inside in re.findall(r"\bL\[([^\]]*)\]", text):
        for prefix in re.findall(r'"([a-z_]+)"', inside):
            keys |= {key for key in ENGLISH if key.startswith(prefix)}
    keys |= {word for word in re.findall(r'"([a-z]+_[a-z_]+)"', text) if word in ENGLISH}
    return keys


RESULTS_SCRIPTS = sorted(ASSETS.glob("results*.js"))
QUIZ_SCRIPTS = sorted(set(ASSETS.glob("*.js")) - set(RESULTS_SCRIPTS))
"""The shipped runtime: My results' and the index's scripts, and the quiz pages' (quiz.js)."""


def test_every_key_in_a_group_exists() -> None:
    assert {group: sorted(keys - set(ENGLISH)) for group, keys in RUNTIME_GROUPS.items()} == {
        group: [] for group in RUNTIME_GROUPS
    }


def test_quiz_pages_are_sent_every_key_quiz_js_reads() -> None:
    used = runtime_keys(QUIZ_SCRIPTS)
    assert len(used) > 40, "no label keys found: did the runtime stop reading `L.<key>`?"
    sent = set(runtime_labels(ENGLISH, QUIZ_GROUPS))
    assert sorted(used - sent) == []


def test_my_results_and_the_index_are_sent_every_key_results_js_reads() -> None:
    used = runtime_keys(RESULTS_SCRIPTS)
    assert len(used) > 40, "no label keys found: did the runtime stop reading `L.<key>`?"
    sent = set(runtime_labels(ENGLISH, ["results", "index"]))
    assert sorted(used - sent) == []


def test_every_key_the_templates_use_exists() -> None:
    used: set[str] = set()
    for template in (PLUGIN / "templates").rglob("*.jinja"):
        used |= set(re.findall(r"\blabels\.([a-z_]+)", template.read_text(encoding="utf-8")))
    assert len(used) > 20, "no label keys found: did the templates stop reading `labels.<key>`?"
    assert sorted(used - set(ENGLISH)) == []


def test_groups_by_kind() -> None:
    assert quiz_groups("knowledge") == ("quiz", "knowledge")
    assert quiz_groups("self-assessment") == ("quiz", "self-assessment")
    assert quiz_groups("self-assessment", perspectives=True) == (
        "quiz",
        "self-assessment",
        "perspectives",
    )
    assert quiz_groups("true-false") == QUIZ_GROUPS, "a kind without a group gets every string"


def test_a_knowledge_page_ships_a_fifth_of_the_catalog_with_overrides_applied() -> None:
    site = labels_for("en", {"right": "Yes!", "check": "Verify"})
    sent = runtime_labels(site, quiz_groups("knowledge"))
    assert sent["right"] == "Yes!" and "check" not in sent, "button texts are in the HTML already"
    assert "rp_attempt" not in sent and "code_bad" not in sent
    assert list(sent) == [key for key in ENGLISH if key in sent], "in catalog order"
    size = len(json.dumps(sent, ensure_ascii=False))
    assert size < len(json.dumps(ENGLISH, ensure_ascii=False)) / 4
