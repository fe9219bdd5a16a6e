"""Read and check an IMS QTI 2.1 content package for the export tests.

No reader on PyPI reads QTI 2.1 packages (the ones there write them, or read QTI 1.2 or 3.0), so
this checks what the IMS specification requires of the package structure, then reads the
questions back: prompt, choices, correct response, and the feedback each choice triggers.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field

QTI = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"
XSI_LOCATION = "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"
NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")

# The order assessmentItem's children must follow (QTI 2.1 information model, section 3.1).
ITEM_ORDER = [
    "responseDeclaration",
    "outcomeDeclaration",
    "templateDeclaration",
    "templateProcessing",
    "stylesheet",
    "itemBody",
    "responseProcessing",
    "modalFeedback",
]
# XHTML elements QTI 2.1 content may use (section 4: content model), plus QTI's own inside the body.
XHTML = {
    "a",
    "abbr",
    "acronym",
    "address",
    "b",
    "big",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "kbd",
    "li",
    "ol",
    "p",
    "pre",
    "q",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "tt",
    "ul",
    "var",
}
BODY_QTI = {"choiceInteraction", "simpleChoice", "prompt", "feedbackInline", "feedbackBlock"}


@dataclass
class QtiChoice:
    identifier: str
    text: str
    """Inner XML of the simpleChoice, as text and tags."""
    feedback: str = ""


@dataclass
class QtiItem:
    identifier: str
    title: str
    cardinality: str
    max_choices: int
    shuffle: bool
    vignette: str
    text: str
    choices: list[QtiChoice] = field(default_factory=list)
    correct: list[str] = field(default_factory=list)
    explanation: str = ""
    processing: ET.Element | None = None


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def inner(element: ET.Element) -> str:
    """The content of an element as markup, namespace prefixes dropped (for text comparisons)."""
    parts = [element.text or ""]
    for child in element:
        parts.append(
            re.sub(r"\s?xmlns(:\w+)?=\"[^\"]*\"", "", ET.tostring(child, encoding="unicode"))
        )
    return re.sub(r"<(/?)ns\d+:", r"<\1", "".join(parts))


def read_package(data: bytes) -> tuple[list[str], list[QtiItem]]:
    """(problems with the package's structure, items in test order)."""
    problems: list[str] = []
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    if names != sorted(names):
        problems.append("zip entries are not sorted")
    problems += [
        f"{i.filename}: timestamp {i.date_time}"
        for i in archive.infolist()
        if i.date_time != (1980, 1, 1, 0, 0, 0)
    ]
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    resources = _check_manifest(manifest, set(names), problems)
    tests = [r for r in resources.values() if r["type"] == "imsqti_test_xmlv2p1"]
    if len(tests) != 1:
        problems.append(f"expected one assessmentTest resource, found {len(tests)}")
        return problems, []
    test = ET.fromstring(archive.read(tests[0]["href"]))
    if test.tag != f"{QTI}assessmentTest" or not test.get(XSI_LOCATION, "").startswith(QTI[1:-1]):
        problems.append(f"test root is {test.tag}")
    items = []
    item_resources = {
        r["href"]: r for r in resources.values() if r["type"] == "imsqti_item_xmlv2p1"
    }
    for ref in test.iter(f"{QTI}assessmentItemRef"):
        href = ref.get("href", "")
        if href not in item_resources or href not in names:
            problems.append(f"assessmentItemRef {href} is not an item resource in the package")
            continue
        item = read_item(ET.fromstring(archive.read(href)), problems)
        if item.identifier != ref.get("identifier"):
            problems.append(
                f"{href}: identifier {item.identifier} differs from its assessmentItemRef "
                f"{ref.get('identifier')}"
            )
        items.append(item)
    if len(items) != len(item_resources):
        problems.append(f"the test uses {len(items)} of {len(item_resources)} item resources")
    return problems, items


def _check_manifest(
    manifest: ET.Element, names: set[str], problems: list[str]
) -> dict[str, dict[str, str]]:
    if manifest.tag != f"{CP}manifest":
        problems.append(f"manifest root is {manifest.tag}")
    if manifest.findtext(f"{CP}metadata/{CP}schema") != "QTIv2.1 Package":
        problems.append("manifest metadata does not name the QTIv2.1 Package schema")
    resources: dict[str, dict[str, str]] = {}
    listed: set[str] = set()
    for resource in manifest.iter(f"{CP}resource"):
        identifier = resource.get("identifier", "")
        if not NCNAME.match(identifier) or identifier in resources:
            problems.append(f"resource identifier {identifier!r} is not a unique NCName")
        files = [f.get("href", "") for f in resource.findall(f"{CP}file")]
        if resource.get("href") not in files:
            problems.append(f"resource {identifier}: its href is not among its files")
        listed.update(files)
        deps = [d.get("identifierref", "") for d in resource.findall(f"{CP}dependency")]
        resources[identifier] = {
            "type": resource.get("type", ""),
            "href": resource.get("href", ""),
            "deps": " ".join(deps),
        }
    for identifier, resource in resources.items():
        for dep in resource["deps"].split():
            if dep not in resources:
                problems.append(f"resource {identifier} depends on unknown {dep}")
    problems += [f"manifest lists missing file {name}" for name in sorted(listed - names)]
    problems += [
        f"zip entry {name} is not listed in the manifest"
        for name in sorted(names - listed - {"imsmanifest.xml"})
    ]
    return resources


def read_item(root: ET.Element, problems: list[str]) -> QtiItem:
    """One assessmentItem, checked against the parts of the spec the export relies on."""
    where = root.get("identifier", "?")
    if root.tag != f"{QTI}assessmentItem":
        problems.append(f"{where}: root is {root.tag}")
    for attribute in ("identifier", "title", "adaptive", "timeDependent"):
        if attribute not in root.attrib:
            problems.append(f"{where}: missing required attribute {attribute}")
    if not NCNAME.match(where):
        problems.append(f"{where}: identifier is not an NCName")
    order = [
        ITEM_ORDER.index(local(child.tag)) if local(child.tag) in ITEM_ORDER else -1
        for child in root
    ]
    if -1 in order or order != sorted(order):
        problems.append(
            f"{where}: children out of the spec's order: {[local(c.tag) for c in root]}"
        )
    declared = {
        d.get("identifier"): d
        for d in root
        if local(d.tag) in ("responseDeclaration", "outcomeDeclaration")
    }
    response = root.find(f"{QTI}responseDeclaration")
    body = root.find(f"{QTI}itemBody")
    interaction = body.find(f"{QTI}choiceInteraction") if body is not None else None
    if response is None or interaction is None:
        problems.append(f"{where}: no responseDeclaration or no choiceInteraction")
        return QtiItem(where, "", "", 0, False, "", "")
    if interaction.get("responseIdentifier") not in declared:
        problems.append(f"{where}: choiceInteraction answers an undeclared response")
    for element in body.iter():
        if element is not body and local(element.tag) not in XHTML | BODY_QTI:
            problems.append(f"{where}: <{local(element.tag)}> is not allowed in itemBody")
    blocks = {d.get("class"): inner(d) for d in body.findall(f"{QTI}div")}
    item = QtiItem(
        where,
        root.get("title", ""),
        response.get("cardinality", ""),
        int(interaction.get("maxChoices", "-1")),
        interaction.get("shuffle") == "true",
        blocks.get("hq-vignette", ""),
        blocks.get("hq-question", ""),
        processing=root.find(f"{QTI}responseProcessing"),
    )
    item.choices = [
        QtiChoice(c.get("identifier", ""), inner(c))
        for c in interaction.findall(f"{QTI}simpleChoice")
    ]
    item.correct = [v.text or "" for v in response.iterfind(f"{QTI}correctResponse/{QTI}value")]
    by_id = {c.identifier: c for c in item.choices}
    if len(by_id) != len(item.choices) or not all(NCNAME.match(i) for i in by_id):
        problems.append(f"{where}: choice identifiers are not unique NCNames")
    if not set(item.correct) <= set(by_id):
        problems.append(f"{where}: correct response names unknown choices")
    for feedback in root.findall(f"{QTI}modalFeedback"):
        target, outcome = feedback.get("identifier", ""), feedback.get("outcomeIdentifier")
        if outcome not in declared or local(declared[outcome].tag) != "outcomeDeclaration":
            problems.append(f"{where}: modalFeedback uses undeclared outcome {outcome}")
        if target in by_id:
            by_id[target].feedback = inner(feedback)
        elif target == "EXPLANATION":
            item.explanation = inner(feedback)
        else:
            problems.append(f"{where}: modalFeedback for unknown identifier {target}")
    return item
