"""A true/false question for knowledge checks: a test-only kind, proof that a kind is one module.

Everything the plugin does with it is here: its schema part, its checks, its model, scoring, its
template partial, its exports (GIFT, Moodle XML, QTI, answer key), which item-writing warnings
apply to it, how long it takes, and its browser behaviour (the choice behaviour: on the page it is
a two-choice question, answered with a choice position like every knowledge-check question).
Registered with ``register_kind(TrueFalseKind())``; a quiz
selects it per question::

    - kind: true-false
      text: A rupture is always a sign that therapy is failing.
      answer: false
      explanation: Ruptures that are repaired go with better outcomes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html import escape
from typing import Any, ClassVar
from xml.sax.saxutils import escape as xml_escape

from handbook_quiz.export import question_key
from handbook_quiz.export.gift import escape as gift_escape
from handbook_quiz.export.moodle_xml import PENALTY, html_field
from handbook_quiz.export.qti import choice_id, el, fill, item_root, response_processing
from handbook_quiz.export.text import Text
from handbook_quiz.kinds import EntryCheck, QuestionKind
from handbook_quiz.model import Choice, Question, Quiz

WORDS = ("True", "False")
"""The two choices, in this order: choice position 0 is true, 1 is false."""


@dataclass(frozen=True)
class TrueFalseQuestion(Question):
    answer: bool = True
    kind: str = "true-false"


class TrueFalseKind(QuestionKind):
    name: ClassVar[str] = "true-false"
    key: ClassVar[str | None] = "true-false"
    js_behaviour: ClassVar[str] = "choice"
    template: ClassVar[str] = "kinds/true-false.html.jinja"
    boolean_keys: ClassVar[tuple[str, ...]] = ("answer",)
    lint_codes: ClassVar[frozenset[str] | None] = frozenset(
        {"negative-stem", "missing-feedback", "duplicate-question"}
    )
    """The choices are always True and False: the warnings about how choices are written (two
    choices, the key's position or length, "all of the above") do not fit."""
    choice_feedback: ClassVar[bool] = False
    """No feedback per choice: ``missing-feedback`` asks only for the explanation."""
    template_source: ClassVar[str | None] = (
        "{#- A true/false statement (tests/kinds/truefalse.py). #}\n"
        '<fieldset class="hq-question hq-true-false" id="{{ qid }}" data-hq-qid="{{ q.id }}"'
        "{{ kind_attr(q) }}>\n"
        '<legend><span class="hq-number">{{ labels.question }} {{ number }}/'
        "{{ quiz.questions|length }}.</span> {{ inline(q.text) }}</legend>\n"
        # Not .hq-choices, which the runtime shuffles: True always comes before False.
        '<div class="hq-true-false-choices">\n'
        "{%- for c in q.choices %}\n"
        '<div class="hq-option" data-hq-choice="{{ loop.index0 }}"'
        "{% if c.correct %} data-hq-correct{% endif %}>"
        '<input type="radio" id="{{ qid }}-c{{ loop.index }}" name="{{ qid }}"'
        ' value="{{ loop.index0 }}"><label for="{{ qid }}-c{{ loop.index }}">{{ c.text }}</label>'
        "</div>\n"
        "{%- endfor %}\n"
        "</div>\n"
        '{%- if quiz.feedback == "immediate" %}\n'
        '<button type="button" class="hq-check md-button">{{ labels.check }}</button>\n'
        "{%- endif %}\n"
        '<div class="hq-verdict" tabindex="-1"></div>\n'
        '<details class="hq-answer" data-search-exclude>\n'
        "<summary>{{ labels.answer }}</summary>\n"
        '<p class="hq-true-false-key">{{ "True" if q.answer else "False" }}</p>\n'
        "{%- if q.explanation %}\n"
        '<div class="hq-explanation">{{ md(q.explanation) }}</div>\n'
        "{%- endif %}\n"
        "</details>\n"
        "</fieldset>\n"
        "{#- end -#}\n"
    )

    def schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "additionalProperties": False,
            "required": ["kind", "text", "answer"],
            "properties": {
                "kind": {"const": self.key},
                "id": {"$ref": "#/$defs/id"},
                "text": {"$ref": "#/$defs/markdown"},
                "answer": {"description": "Whether the statement is true.", "type": "boolean"},
                "explanation": {"$ref": "#/$defs/markdown"},
            },
        }

    def build(self, entry: EntryCheck) -> TrueFalseQuestion:
        text, answer = entry.data.get("text", ""), entry.data.get("answer") is True
        if isinstance(text, str) and text.rstrip().endswith("?"):
            entry.fail(
                ("text",),
                "a true/false question is a statement to judge, not a question: "
                "end it with a full stop, e.g. 'Ruptures are rare.'",
            )
        return TrueFalseQuestion(
            entry.id,
            text,
            (Choice(WORDS[0], answer), Choice(WORDS[1], not answer)),
            explanation=entry.data.get("explanation", ""),
            kind=self.name,
            answer=answer,
        )

    def hash_key(self, entry: Question) -> Any:
        return [entry.id, self.name, self._answer(entry)]

    def seconds(self, entry: Question) -> int:
        """A statement to judge: quicker than a question with several choices to weigh."""
        return 20

    def right(self, question: Question, chosen: Any) -> bool:
        return list(chosen) == [0 if self._answer(question) else 1]

    def key_text(self, question: Question) -> str:
        return WORDS[0] if self._answer(question) else WORDS[1]

    @staticmethod
    def _answer(question: Question) -> bool:
        assert isinstance(question, TrueFalseQuestion)
        return question.answer

    # --- exports -------------------------------------------------------------------------------

    def gift(self, quiz: Quiz, question: Question, text: Text) -> list[str]:
        key = question_key(quiz, question)
        lines = [
            f"// [id:{key}]",
            f"::{gift_escape(key)}::[html]{gift_escape(text.html(question.text))}"
            f"{{{'TRUE' if self._answer(question) else 'FALSE'}",
        ]
        explanation = text.html(question.explanation)
        if explanation:
            lines.append(f"\t####{gift_escape(explanation)}")
        lines.append("}")
        return lines

    def moodle_xml(self, quiz: Quiz, question: Question, text: Text) -> list[str]:
        key = xml_escape(question_key(quiz, question))
        answer = self._answer(question)
        lines = [
            '  <question type="truefalse">',
            f"    <name><text>{key}</text></name>",
            html_field("questiontext", text.html(question.text), "    "),
            html_field("generalfeedback", text.html(question.explanation), "    "),
            "    <defaultgrade>1</defaultgrade>",
            f"    <penalty>{PENALTY}</penalty>",
            "    <hidden>0</hidden>",
            f"    <idnumber>{key}</idnumber>",
        ]
        for word, value in (("true", True), ("false", False)):
            fraction = "100" if value == answer else "0"
            lines += [
                f'    <answer fraction="{fraction}" format="moodle_auto_format">',
                f"      <text>{word}</text>",
                html_field("feedback", "", "      "),
                "    </answer>",
            ]
        lines.append("  </question>")
        return lines

    def qti_item(self, quiz: Quiz, question: Question, text: Text) -> ET.Element:
        body_html = text.html(question.text)
        item = item_root(quiz, question, body_html)
        response = el(
            item,
            "responseDeclaration",
            {"identifier": "RESPONSE", "cardinality": "single", "baseType": "identifier"},
        )
        el(
            el(response, "correctResponse"),
            "value",
            text=choice_id(0 if self._answer(question) else 1),
        )
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
        fill(el(body, "div", {"class": "hq-question"}), body_html)
        interaction = el(
            body,
            "choiceInteraction",
            {"responseIdentifier": "RESPONSE", "shuffle": "false", "maxChoices": "1"},
        )
        for index, word in enumerate(WORDS):
            el(interaction, "simpleChoice", {"identifier": choice_id(index)}, word)
        response_processing(item, text.html(question.explanation), [])
        return item

    def answer_key(self, question: Question, text: Text) -> str:
        out = [
            f'<li id="{escape(question.id)}">',
            text.html(question.text),
            f"<p><strong>{self.key_text(question)}.</strong></p>",
        ]
        explanation = text.html(question.explanation)
        if explanation:
            out.append(
                f'<div class="explanation"><strong>Explanation.</strong> {explanation}</div>'
            )
        out.append("</li>")
        return "\n".join(out)
