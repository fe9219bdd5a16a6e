"""Knowledge checks as an IMS QTI 2.1 content package, for LMSs other than Moodle.

One zip per quiz: ``imsmanifest.xml``, an ``assessmentTest`` and one ``assessmentItem`` per
question. Scoring keeps the handbook's rule (a question is right only when the chosen set equals
the correct set: ``match`` against the correct response, for single and multiple cardinality).
Each choice's feedback is a ``modalFeedback`` keyed to the choice identifier through the
``FEEDBACK`` outcome, which response processing sets to the response (plus ``EXPLANATION``).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .. import __version__, kinds
from ..model import Question, Quiz
from . import Files, question_key, zip_bytes
from .text import CONTENT_ELEMENTS, Text, plain, xhtml

QTI_NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
CP_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/qtiv2p1_imscpv1p2_v1p0.xsd"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
TEST_FILE = "assessment-test.xml"
EXPLANATION = "EXPLANATION"

_MIXED = {"simpleChoice", "modalFeedback", "rubricBlock", "prompt"} | CONTENT_ELEMENTS
"""Elements holding text or XHTML: never re-indented, as that would change what readers see."""


def choice_id(index: int) -> str:
    """Identifier of a choice within its item, from its position: C1, C2, ..."""
    return f"C{index + 1}"


def item_id(quiz: Quiz, question: Question) -> str:
    """QTI identifiers must start with a letter; quiz ids may start with a digit."""
    return f"item.{question_key(quiz, question)}"


def export_qti(quiz: Quiz, text: Text) -> Files:
    """One zip per knowledge check, byte-identical on every run."""
    package: Files = {}
    for question in quiz.questions:
        item = kinds.question_kind(question).qti_item(quiz, question, text)
        package[f"items/{question.id}.xml"] = _serialise(item)
    package[TEST_FILE] = _serialise(_test(quiz, text))
    package["imsmanifest.xml"] = _serialise(_manifest(quiz))
    return {f"qti/{quiz.id}.zip": zip_bytes(package)}


def _root(tag: str, namespace: str, schema: str, attrs: dict[str, str]) -> ET.Element:
    """A document element declaring its namespaces itself, so every other element stays
    unprefixed."""
    return ET.Element(
        tag,
        {
            "xmlns": namespace,
            "xmlns:xsi": XSI_NS,
            "xsi:schemaLocation": f"{namespace} {schema}",
            **attrs,
        },
    )


def el(
    parent: ET.Element, tag: str, attrs: dict[str, str] | None = None, text: str | None = None
) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs or {})
    element.text = text
    return element


def fill(parent: ET.Element, html: str) -> ET.Element:
    """Append an HTML fragment's content to ``parent`` as QTI XHTML."""
    fragment = xhtml(html, "")
    if fragment.text:
        parent.text = (parent.text or "") + fragment.text
    parent.extend(list(fragment))
    return parent


def _title(html: str, limit: int = 100) -> str:
    words = plain(html)
    return words if len(words) <= limit else words[: limit - 1].rsplit(" ", 1)[0] + "\u2026"


def item_root(quiz: Quiz, question: Question, body_html: str) -> ET.Element:
    """The ``assessmentItem`` element of a question, titled by its (rendered) text."""
    return _root(
        "assessmentItem",
        QTI_NS,
        QTI_XSD,
        {
            "identifier": item_id(quiz, question),
            "title": _title(body_html),
            "adaptive": "false",
            "timeDependent": "false",
            "toolName": "handbook-quiz",
            "toolVersion": __version__,
        },
    )


def response_processing(
    item: ET.Element, explanation: str, feedbacks: list[tuple[str, str]]
) -> None:
    """SCORE is 1 only for exactly the correct response; FEEDBACK names the chosen choices (and
    the explanation), each shown by its ``modalFeedback``: ``feedbacks`` is (choice id, HTML)."""
    processing = el(item, "responseProcessing")
    condition = el(processing, "responseCondition")
    right = el(condition, "responseIf")
    match = el(right, "match")
    el(match, "variable", {"identifier": "RESPONSE"})
    el(match, "correct", {"identifier": "RESPONSE"})
    el(
        el(right, "setOutcomeValue", {"identifier": "SCORE"}),
        "baseValue",
        {"baseType": "float"},
        "1",
    )
    el(
        el(el(condition, "responseElse"), "setOutcomeValue", {"identifier": "SCORE"}),
        "baseValue",
        {"baseType": "float"},
        "0",
    )

    feedback = el(processing, "responseCondition")
    answered = el(feedback, "responseIf")
    el(el(el(answered, "not"), "isNull"), "variable", {"identifier": "RESPONSE"})
    chosen = el(el(answered, "setOutcomeValue", {"identifier": "FEEDBACK"}), "multiple")
    el(chosen, "variable", {"identifier": "RESPONSE"})
    if explanation:
        el(chosen, "baseValue", {"baseType": "identifier"}, EXPLANATION)
        unanswered = el(
            el(el(feedback, "responseElse"), "setOutcomeValue", {"identifier": "FEEDBACK"}),
            "multiple",
        )
        el(unanswered, "baseValue", {"baseType": "identifier"}, EXPLANATION)
    for identifier, html in feedbacks:
        if html:
            fill(
                el(
                    item,
                    "modalFeedback",
                    {"outcomeIdentifier": "FEEDBACK", "identifier": identifier, "showHide": "show"},
                ),
                html,
            )
    if explanation:
        fill(
            el(
                item,
                "modalFeedback",
                {"outcomeIdentifier": "FEEDBACK", "identifier": EXPLANATION, "showHide": "show"},
            ),
            explanation,
        )


def _test(quiz: Quiz, text: Text) -> ET.Element:
    """The quiz as one section; ``feedback: end`` becomes simultaneous submission, and one
    attempt each."""
    test = _root(
        "assessmentTest",
        QTI_NS,
        QTI_XSD,
        {
            "identifier": f"test.{quiz.id}",
            "title": quiz.title,
            "toolName": "handbook-quiz",
            "toolVersion": __version__,
        },
    )
    for identifier, base_type, default in (
        ("SCORE", "float", "0"),
        ("MAXSCORE", "float", str(len(quiz.questions))),
    ):
        outcome = el(
            test,
            "outcomeDeclaration",
            {"identifier": identifier, "cardinality": "single", "baseType": base_type},
        )
        el(el(outcome, "defaultValue"), "value", text=default)
    if quiz.pass_mark is not None:
        el(
            test,
            "outcomeDeclaration",
            {"identifier": "PASS", "cardinality": "single", "baseType": "boolean"},
        )
    mode = "individual" if quiz.feedback == "immediate" else "simultaneous"
    part = el(
        test,
        "testPart",
        {"identifier": "part.1", "navigationMode": "nonlinear", "submissionMode": mode},
    )
    el(
        part,
        "itemSessionControl",
        {"maxAttempts": "1", "showFeedback": "true", "allowReview": "true"},
    )
    section = el(
        part,
        "assessmentSection",
        {"identifier": "section.1", "title": quiz.title, "visible": "true"},
    )
    if quiz.description:
        fill(el(section, "rubricBlock", {"view": "candidate"}), text.html(quiz.description))
    for question in quiz.questions:
        el(
            section,
            "assessmentItemRef",
            {"identifier": item_id(quiz, question), "href": f"items/{question.id}.xml"},
        )
    processing = el(test, "outcomeProcessing")
    el(
        el(el(processing, "setOutcomeValue", {"identifier": "SCORE"}), "sum"),
        "testVariables",
        {"variableIdentifier": "SCORE"},
    )
    if quiz.pass_mark is not None:
        gte = el(el(processing, "setOutcomeValue", {"identifier": "PASS"}), "gte")
        divide = el(gte, "divide")
        el(divide, "variable", {"identifier": "SCORE"})
        el(divide, "variable", {"identifier": "MAXSCORE"})
        el(gte, "baseValue", {"baseType": "float"}, repr(float(quiz.pass_mark)))
    return test


def _manifest(quiz: Quiz) -> ET.Element:
    """IMS CP manifest: the test depends on every item, and every file is listed."""
    manifest = _root("manifest", CP_NS, CP_XSD, {"identifier": f"manifest.{quiz.id}"})
    metadata = el(manifest, "metadata")
    el(metadata, "schema", text="QTIv2.1 Package")
    el(metadata, "schemaversion", text="1.0.0")
    el(manifest, "organizations")
    resources = el(manifest, "resources")
    test = el(
        resources,
        "resource",
        {
            "identifier": f"resource.test.{quiz.id}",
            "type": "imsqti_test_xmlv2p1",
            "href": TEST_FILE,
        },
    )
    el(test, "file", {"href": TEST_FILE})
    for question in quiz.questions:
        el(test, "dependency", {"identifierref": f"resource.{item_id(quiz, question)}"})
    for question in quiz.questions:
        href = f"items/{question.id}.xml"
        item = el(
            resources,
            "resource",
            {
                "identifier": f"resource.{item_id(quiz, question)}",
                "type": "imsqti_item_xmlv2p1",
                "href": href,
            },
        )
        el(item, "file", {"href": href})
    return manifest


def _indent(element: ET.Element, level: int = 0) -> None:
    """Indent structure only: content (XHTML, choices, feedback) keeps its exact whitespace."""
    if not len(element) or element.tag in _MIXED:
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in element:
        _indent(child, level + 1)
        child.tail = inner
    element[-1].tail = "\n" + "  " * level


def _serialise(root: ET.Element) -> bytes:
    _indent(root)
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")
