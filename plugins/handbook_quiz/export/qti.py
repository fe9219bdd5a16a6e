"""Knowledge checks as an IMS QTI 2.1 content package, for LMSs other than Moodle.

One zip per quiz: ``imsmanifest.xml``, an ``assessmentTest`` and one ``assessmentItem`` per
question. Scoring keeps the handbook's rule (a question is right only when the chosen set equals
the correct set: ``match`` against the correct response, for single and multiple cardinality).
Each choice's feedback is a ``modalFeedback`` keyed to the choice identifier through the
``FEEDBACK`` outcome, which response processing sets to the response (plus ``EXPLANATION``).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .. import __version__
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
        package[f"items/{question.id}.xml"] = _serialise(_item(quiz, question, text))
    package[TEST_FILE] = _serialise(_test(quiz, text))
    package["imsmanifest.xml"] = _serialise(_manifest(quiz))
    return {f"qti/{quiz.id}.zip": zip_bytes(package)}


def _root(tag: str, namespace: str, schema: str, attrs: dict[str, str]) -> ET.Element:
    """A document element declaring its namespaces itself, so every other element stays unprefixed."""
    return ET.Element(
        tag,
        {
            "xmlns": namespace,
            "xmlns:xsi": XSI_NS,
            "xsi:schemaLocation": f"{namespace} {schema}",
            **attrs,
        },
    )


def _el(
    parent: ET.Element, tag: str, attrs: dict[str, str] | None = None, text: str | None = None
) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs or {})
    element.text = text
    return element


def _fill(parent: ET.Element, html: str) -> ET.Element:
    """Append an HTML fragment's content to ``parent`` as QTI XHTML."""
    fragment = xhtml(html, "")
    if fragment.text:
        parent.text = (parent.text or "") + fragment.text
    parent.extend(list(fragment))
    return parent


def _title(html: str, limit: int = 100) -> str:
    words = plain(html)
    return words if len(words) <= limit else words[: limit - 1].rsplit(" ", 1)[0] + "\u2026"


def _item(quiz: Quiz, question: Question, text: Text) -> ET.Element:
    body_html = text.html(question.text)
    item = _root(
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
    cardinality = "multiple" if question.multiple else "single"
    response = _el(
        item,
        "responseDeclaration",
        {"identifier": "RESPONSE", "cardinality": cardinality, "baseType": "identifier"},
    )
    correct = _el(response, "correctResponse")
    for index, choice in enumerate(question.choices):
        if choice.correct:
            _el(correct, "value", text=choice_id(index))
    for identifier, default in (("SCORE", "0"), ("MAXSCORE", "1")):
        outcome = _el(
            item,
            "outcomeDeclaration",
            {"identifier": identifier, "cardinality": "single", "baseType": "float"},
        )
        _el(_el(outcome, "defaultValue"), "value", text=default)
    _el(
        item,
        "outcomeDeclaration",
        {"identifier": "FEEDBACK", "cardinality": "multiple", "baseType": "identifier"},
    )

    body = _el(item, "itemBody")
    if question.vignette:
        _fill(_el(body, "div", {"class": "hq-vignette"}), text.html(question.vignette))
    _fill(_el(body, "div", {"class": "hq-question"}), body_html)
    interaction = _el(
        body,
        "choiceInteraction",
        {
            "responseIdentifier": "RESPONSE",
            "shuffle": str(quiz.shuffle).lower(),
            "maxChoices": "0" if question.multiple else "1",
        },
    )
    for index, choice in enumerate(question.choices):
        _fill(
            _el(interaction, "simpleChoice", {"identifier": choice_id(index)}),
            text.inline(choice.text),
        )

    explanation = text.html(question.explanation)
    _response_processing(item, explanation != "")
    for index, choice in enumerate(question.choices):
        feedback = text.inline(choice.feedback)
        if feedback:
            _fill(
                _el(
                    item,
                    "modalFeedback",
                    {
                        "outcomeIdentifier": "FEEDBACK",
                        "identifier": choice_id(index),
                        "showHide": "show",
                    },
                ),
                feedback,
            )
    if explanation:
        _fill(
            _el(
                item,
                "modalFeedback",
                {"outcomeIdentifier": "FEEDBACK", "identifier": EXPLANATION, "showHide": "show"},
            ),
            explanation,
        )
    return item


def _response_processing(item: ET.Element, explanation: bool) -> None:
    """SCORE is 1 only for exactly the correct set; FEEDBACK names the chosen choices (and the explanation)."""
    processing = _el(item, "responseProcessing")
    condition = _el(processing, "responseCondition")
    right = _el(condition, "responseIf")
    match = _el(right, "match")
    _el(match, "variable", {"identifier": "RESPONSE"})
    _el(match, "correct", {"identifier": "RESPONSE"})
    _el(
        _el(right, "setOutcomeValue", {"identifier": "SCORE"}),
        "baseValue",
        {"baseType": "float"},
        "1",
    )
    _el(
        _el(_el(condition, "responseElse"), "setOutcomeValue", {"identifier": "SCORE"}),
        "baseValue",
        {"baseType": "float"},
        "0",
    )

    feedback = _el(processing, "responseCondition")
    answered = _el(feedback, "responseIf")
    _el(_el(_el(answered, "not"), "isNull"), "variable", {"identifier": "RESPONSE"})
    chosen = _el(_el(answered, "setOutcomeValue", {"identifier": "FEEDBACK"}), "multiple")
    _el(chosen, "variable", {"identifier": "RESPONSE"})
    if explanation:
        _el(chosen, "baseValue", {"baseType": "identifier"}, EXPLANATION)
        unanswered = _el(
            _el(_el(feedback, "responseElse"), "setOutcomeValue", {"identifier": "FEEDBACK"}),
            "multiple",
        )
        _el(unanswered, "baseValue", {"baseType": "identifier"}, EXPLANATION)


def _test(quiz: Quiz, text: Text) -> ET.Element:
    """The quiz as one section; ``feedback: end`` becomes simultaneous submission, and one attempt each."""
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
        outcome = _el(
            test,
            "outcomeDeclaration",
            {"identifier": identifier, "cardinality": "single", "baseType": base_type},
        )
        _el(_el(outcome, "defaultValue"), "value", text=default)
    if quiz.pass_mark is not None:
        _el(
            test,
            "outcomeDeclaration",
            {"identifier": "PASS", "cardinality": "single", "baseType": "boolean"},
        )
    mode = "individual" if quiz.feedback == "immediate" else "simultaneous"
    part = _el(
        test,
        "testPart",
        {"identifier": "part.1", "navigationMode": "nonlinear", "submissionMode": mode},
    )
    _el(
        part,
        "itemSessionControl",
        {"maxAttempts": "1", "showFeedback": "true", "allowReview": "true"},
    )
    section = _el(
        part,
        "assessmentSection",
        {"identifier": "section.1", "title": quiz.title, "visible": "true"},
    )
    if quiz.description:
        _fill(_el(section, "rubricBlock", {"view": "candidate"}), text.html(quiz.description))
    for question in quiz.questions:
        _el(
            section,
            "assessmentItemRef",
            {"identifier": item_id(quiz, question), "href": f"items/{question.id}.xml"},
        )
    processing = _el(test, "outcomeProcessing")
    _el(
        _el(_el(processing, "setOutcomeValue", {"identifier": "SCORE"}), "sum"),
        "testVariables",
        {"variableIdentifier": "SCORE"},
    )
    if quiz.pass_mark is not None:
        gte = _el(_el(processing, "setOutcomeValue", {"identifier": "PASS"}), "gte")
        divide = _el(gte, "divide")
        _el(divide, "variable", {"identifier": "SCORE"})
        _el(divide, "variable", {"identifier": "MAXSCORE"})
        _el(gte, "baseValue", {"baseType": "float"}, repr(float(quiz.pass_mark)))
    return test


def _manifest(quiz: Quiz) -> ET.Element:
    """IMS CP manifest: the test depends on every item, and every file is listed."""
    manifest = _root("manifest", CP_NS, CP_XSD, {"identifier": f"manifest.{quiz.id}"})
    metadata = _el(manifest, "metadata")
    _el(metadata, "schema", text="QTIv2.1 Package")
    _el(metadata, "schemaversion", text="1.0.0")
    _el(manifest, "organizations")
    resources = _el(manifest, "resources")
    test = _el(
        resources,
        "resource",
        {
            "identifier": f"resource.test.{quiz.id}",
            "type": "imsqti_test_xmlv2p1",
            "href": TEST_FILE,
        },
    )
    _el(test, "file", {"href": TEST_FILE})
    for question in quiz.questions:
        _el(test, "dependency", {"identifierref": f"resource.{item_id(quiz, question)}"})
    for question in quiz.questions:
        href = f"items/{question.id}.xml"
        item = _el(
            resources,
            "resource",
            {
                "identifier": f"resource.{item_id(quiz, question)}",
                "type": "imsqti_item_xmlv2p1",
                "href": href,
            },
        )
        _el(item, "file", {"href": href})
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
