"""What two speed tricks of the quiz core save, measured on the handbook's own quizzes.

- Render tokens (render.py): each quiz is rendered once per build and placed at every spot it is
  shown (its own page and each chapter that embeds it) by replacing tokens, instead of being
  rendered once per spot.
- The ``$ref`` inliner (schema.py): quiz files are checked against a copy of the schema with every
  ``$ref`` written out, instead of the shipped schema, whose references jsonschema resolves each
  time it meets one.

Run from the repository root: ``.venv/bin/python bench/speed_tricks.py``. Times are the CPU
time of this process, best of several runs (the machine may be busy).
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from handbook_quiz.labels import labels_for
from handbook_quiz.loader import load_file
from handbook_quiz.markdown import site_markdown
from handbook_quiz.render import Renderer
from handbook_quiz.schema import _validator, effective_schema
from handbook_quiz.validate import validate
from jsonschema import Draft202012Validator
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent
EMBED = re.compile(r"^/// quiz \| ([a-z0-9-]+)\s*$", re.MULTILINE)


def best(run: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    config = load_config(str(ROOT / "mkdocs.yml"))
    renderer = Renderer(site_markdown(config), labels_for("en"), "bench")
    files = sorted((ROOT / "quizzes").glob("*.y*ml"))
    loaded = [load_file(path, f"quizzes/{path.name}") for path in files]
    quizzes = [q for q, _ in (validate(f, p.stem) for f, p in zip(loaded, files, strict=True)) if q]
    embeds = Counter(
        m.group(1)
        for page in (ROOT / "docs").rglob("*.md")
        for m in EMBED.finditer(page.read_text())
    )
    spots = {quiz.id: 1 + embeds[quiz.id] for quiz in quizzes}  # its own page, and each embed

    def with_tokens() -> None:
        for quiz in quizzes:
            html = renderer.render(quiz)
            for copy in range(spots[quiz.id]):
                renderer.place(html, copy=1 + copy % 2, level=2, back_link="x.md")

    def per_spot() -> None:
        for quiz in quizzes:
            for copy in range(spots[quiz.id]):
                renderer.render_placed(quiz, copy=1 + copy % 2, level=2, back_link="x.md")

    tokens, direct = best(with_tokens), best(per_spot)
    print(
        f"render tokens: {len(quizzes)} quizzes at {sum(spots.values())} spots: "
        f"render once + place {tokens * 1000:.0f} ms, render per spot {direct * 1000:.0f} ms "
        f"(saves {(direct - tokens) * 1000:.0f} ms, {1 - tokens / direct:.0%})"
    )

    inlined = _validator()
    plain = Draft202012Validator(effective_schema())

    def check(validator: Draft202012Validator) -> Callable[[], None]:
        return lambda: [list(validator.iter_errors(f.data)) for f in loaded]

    fast, slow = best(check(inlined), 20), best(check(plain), 20)
    print(
        f"$ref inliner: {len(loaded)} files: inlined {fast * 1000:.1f} ms, "
        f"shipped schema {slow * 1000:.1f} ms (saves {(slow - fast) * 1000:.1f} ms, "
        f"{1 - fast / slow:.0%}; {slow / fast:.1f}x)"
    )
    total = best(lambda: [validate(f, p.stem) for f, p in zip(loaded, files, strict=True)], 5)
    print(f"  for scale: validate() of all {len(loaded)} files takes {total * 1000:.1f} ms")


if __name__ == "__main__":
    main()
