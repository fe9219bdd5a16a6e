"""Scale statements, the self-assessment's default kind: the reader rates each statement on the
quiz's scale; a reverse-scored statement's value is ``(min + max) - value``.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from ..model import Item, Scale, Wording
from . import EntryCheck, ItemKind

if TYPE_CHECKING:
    from ..export.text import Text

ITEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["text"],
    "properties": {
        "id": {"$ref": "#/$defs/id"},
        "text": {"$ref": "#/$defs/wording"},
        "subscale": {"type": "string"},
        "reverse": {
            "description": "Score this item in reverse: (min + max) - value.",
            "type": "boolean",
        },
    },
}


class ScaleKind(ItemKind):
    name: ClassVar[str] = "scale"
    js_behaviour: ClassVar[str] = "scale"
    template: ClassVar[str] = "kinds/scale.html.jinja"
    boolean_keys: ClassVar[tuple[str, ...]] = ("reverse",)

    def schema(self) -> dict[str, Any]:
        return {"$ref": "#/$defs/item"}

    def definitions(self) -> dict[str, Any]:
        return {"item": ITEM_SCHEMA}

    def build(self, entry: EntryCheck) -> Item:
        raw, subscale_ids = entry.data, entry.subscale_ids
        subscale = raw.get("subscale", "")
        if not isinstance(subscale, str):
            subscale = None  # a wrong type, reported by the schema
        elif subscale_ids and not subscale:
            named = (
                f"item '{entry.id}'"
                if entry.has_own_id
                else f"item {entry.index + 1} (default id '{entry.id}', from its position)"
            )
            entry.fail((), f"{named} has no 'subscale': add one of " + ", ".join(subscale_ids))
        elif subscale and not subscale_ids:
            entry.fail(
                ("subscale",),
                f"unknown subscale '{subscale}': this quiz has no 'subscales' list",
            )
        elif subscale and subscale not in subscale_ids:
            close = difflib.get_close_matches(subscale, subscale_ids, n=1)
            hint = f"did you mean '{close[0]}'?" if close else "known: " + ", ".join(subscale_ids)
            entry.fail(("subscale",), f"unknown subscale '{subscale}' ({hint})")
        return Item(
            entry.id,
            entry.wording(raw.get("text"), (*entry.path, "text")),
            subscale or "",
            bool(raw.get("reverse", False)),
        )

    def hash_key(self, entry: Item) -> Any:
        return [entry.id, entry.reverse, entry.subscale]

    def scored(self, item: Item, value: int, scale: Scale) -> int:
        return (scale.minimum + scale.maximum) - value if item.reverse else value

    # --- exports -------------------------------------------------------------------------------

    def json(self, item: Item, worded: Callable[[Wording], Any]) -> dict[str, Any]:
        return {
            "id": item.id,
            "text": worded(item.text),
            "subscale": item.subscale or None,
            "reverse": item.reverse,
        }

    def sheet_row(self, item: Item, number: int, perspective: str, scale: Scale, text: Text) -> str:
        """The statement's row on the printed rating sheet: one box per scale label."""
        boxes = '<td class="box">\u2610</td>' * len(scale.labels)
        return f"<tr><td>{number}</td><td>{text.inline(item.text[perspective])}</td>{boxes}</tr>"

    def scoring_text(self, item: Item) -> str:
        """How the scoring key tells to score the statement."""
        return "R (reverse)" if item.reverse else "as ticked"
