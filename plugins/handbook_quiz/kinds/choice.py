"""Choice questions, the knowledge check's default kind: one correct choice (radio buttons) or
several ("select all that apply", checkboxes); right only when the chosen set is the correct set.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html import escape as html_escape
from typing import TYPE_CHECKING, Any, ClassVar
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from ..export import choice_fractions, percent, question_key
from ..export.answers import letter
from ..export.gift import escape as gift_escape
from ..export.moodle_xml import PENALTY, cdata, html_field
from ..export.qti import choice_id, el, fill, item_root, response_processing
from ..export.text import question_html
from ..model import Choice, Question
from ..scoring import round_half_away
from . import EntryCheck, QuestionKind

if TYPE_CHECKING:
    from ..export.text import Text
    from ..model import Quiz

QUESTION_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["text", "choices"],
    "properties": {
        "id": {"$ref": "#/$defs/id"},
        "vignette": {"$ref": "#/$defs/markdown"},
        "text": {"$ref": "#/$defs/markdown"},
        "choices": {"type": "array", "minItems": 2, "items": {"$ref": "#/$defs/choice"}},
        "explanation": {"$ref": "#/$defs/markdown"},
    },
}
CHOICE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["text"],
    "properties": {
        "text": {"$ref": "#/$defs/markdown"},
        "correct": {"type": "boolean"},
        "feedback": {"$ref": "#/$defs/markdown"},
    },
}


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


class ChoiceKind(QuestionKind):
    name: ClassVar[str] = "choice"
    js_behaviour: ClassVar[str] = "choice"
    template: ClassVar[str] = "kinds/choice.html.jinja"
    boolean_keys: ClassVar[tuple[str, ...]] = ("correct",)

    def schema(self) -> dict[str, Any]:
        return {"$ref": "#/$defs/question"}

    def definitions(self) -> dict[str, Any]:
        return {"question": QUESTION_SCHEMA, "choice": CHOICE_SCHEMA}

    def build(self, entry: EntryCheck) -> Question:
        data = entry.data
        listed = data.get("choices")
        choices = tuple(
            Choice(
                _dict(c).get("text", ""),
                bool(_dict(c).get("correct", False)),
                _dict(c).get("feedback", ""),
            )
            for c in (listed if isinstance(listed, list) else [])
        )
        if isinstance(listed, list) and not any(choice.correct for choice in choices):
            entry.fail(("choices",), "no choice is marked 'correct: true': mark at least one")
        return Question(
            entry.id,
            data.get("text", ""),
            choices,
            data.get("vignette", ""),
            data.get("explanation", ""),
        )

    def hash_key(self, entry: Question) -> Any:
        return [entry.id, len(entry.choices), [i for i, c in enumerate(entry.choices) if c.correct]]

    def multiple(self, question: Question) -> bool:
        return question.multiple

    def key_text(self, question: Question) -> str:
        return ", ".join(letter(i) for i, c in enumerate(question.choices) if c.correct)

    # --- exports -------------------------------------------------------------------------------

    def gift(self, quiz: Quiz, question: Question, text: Text) -> list[str]:
        key = question_key(quiz, question)
        body = question_html(question, text)
        lines = [f"// [id:{key}]", f"::{gift_escape(key)}::[html]{gift_escape(body)}{{"]
        fractions = choice_fractions(question)
        for choice, fraction in zip(question.choices, fractions, strict=True):
            if not question.multiple:
                sign = "=" if choice.correct else "~"
            else:
                sign = f"~%{percent(fraction)}%"
            feedback = text.inline(choice.feedback)
            lines.append(
                f"\t{sign}{gift_escape(text.inline(choice.text))}"
                + (f"#{gift_escape(feedback)}" if feedback else "")
            )
        explanation = text.html(question.explanation)
        if explanation:
            lines.append(f"\t####{gift_escape(explanation)}")
        lines.append("}")
        return lines

    def moodle_xml(self, quiz: Quiz, question: Question, text: Text) -> list[str]:
        key = xml_escape(question_key(quiz, question))
        lines = [
            '  <question type="multichoice">',
            f"    <name><text>{key}</text></name>",
            html_field("questiontext", question_html(question, text), "    "),
            html_field("generalfeedback", text.html(question.explanation), "    "),
            "    <defaultgrade>1</defaultgrade>",
            f"    <penalty>{PENALTY}</penalty>",
            "    <hidden>0</hidden>",
            f"    <idnumber>{key}</idnumber>",
            f"    <single>{'false' if question.multiple else 'true'}</single>",
            f"    <shuffleanswers>{'true' if quiz.shuffle else 'false'}</shuffleanswers>",
            "    <answernumbering>abc</answernumbering>",
            "    <showstandardinstruction>1</showstandardinstruction>",
            html_field("correctfeedback", "", "    "),
            html_field("partiallycorrectfeedback", "", "    "),
            html_field("incorrectfeedback", "", "    "),
        ]
        if question.multiple:
            lines.append("    <shownumcorrect/>")
        for choice, fraction in zip(question.choices, choice_fractions(question), strict=True):
            lines += [
                f'    <answer fraction={quoteattr(percent(fraction))} format="html">',
                f"      <text>{cdata(text.inline(choice.text))}</text>",
                html_field("feedback", text.inline(choice.feedback), "      "),
                "    </answer>",
            ]
        lines.append("  </question>")
        return lines

    def qti_item(self, quiz: Quiz, question: Question, text: Text) -> ET.Element:
        body_html = text.html(question.text)
        item = item_root(quiz, question, body_html)
        cardinality = "multiple" if question.multiple else "single"
        response = el(
            item,
            "responseDeclaration",
            {"identifier": "RESPONSE", "cardinality": cardinality, "baseType": "identifier"},
        )
        correct = el(response, "correctResponse")
        for index, choice in enumerate(question.choices):
            if choice.correct:
                el(correct, "value", text=choice_id(index))
        for identifier, default in (("SCORE", "0"), ("MAXSCORE", "1")):
            outcome = el(
                item,
                "outcomeDeclaration",
                {"identifier": identifier, "cardinality": "single", "baseType": "float"},
            )
            el(el(outcome, "defaultValue"), "value", text=default)
        el(
            item,
            "outcomeDeclaration",
            {"identifier": "FEEDBACK", "cardinality": "multiple", "baseType": "identifier"},
        )

        body = el(item, "itemBody")
        if question.vignette:
            fill(el(body, "div", {"class": "hq-vignette"}), text.html(question.vignette))
        fill(el(body, "div", {"class": "hq-question"}), body_html)
        interaction = el(
            body,
            "choiceInteraction",
            {
                "responseIdentifier": "RESPONSE",
                "shuffle": str(quiz.shuffle).lower(),
                "maxChoices": "0" if question.multiple else "1",
            },
        )
        for index, choice in enumerate(question.choices):
            fill(
                el(interaction, "simpleChoice", {"identifier": choice_id(index)}),
                text.inline(choice.text),
            )
        response_processing(
            item,
            text.html(question.explanation),
            [(choice_id(i), text.inline(c.feedback)) for i, c in enumerate(question.choices)],
        )
        return item

    def answer_key(self, question: Question, text: Text) -> str:
        vignette = text.html(question.vignette)
        out = [
            f'<li id="{html_escape(question.id)}">',
            f'<div class="vignette">{vignette}</div>' if vignette else "",
            text.html(question.text),
        ]
        if question.multiple:
            out.append("<p><em>Select all that apply.</em></p>")
        out.append('<ul class="choices">')
        for index, (choice, fraction) in enumerate(
            zip(question.choices, choice_fractions(question), strict=True)
        ):
            mark, state = ("\u2713", "correct") if choice.correct else ("\u2717", "wrong")
            credit = (
                f" <small>(Moodle: {round_half_away(fraction):+g}%)</small>"
                if question.multiple
                else ""
            )
            feedback = text.inline(choice.feedback)
            out.append(
                f'<li class="{state}"><span class="mark">{mark}</span>'
                f'<span class="choice">{letter(index)}. {text.inline(choice.text)}</span>{credit}'
                + (f'<div class="feedback">{feedback}</div>' if feedback else "")
                + "</li>"
            )
        out.append("</ul>")
        explanation = text.html(question.explanation)
        if explanation:
            out.append(
                f'<div class="explanation"><strong>Explanation.</strong> {explanation}</div>'
            )
        out.append("</li>")
        return "\n".join(part for part in out if part)
