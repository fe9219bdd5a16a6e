"""A mistake in mkdocs.yml under ``mkdocs serve``: one line, and the last good site stays served.

MkDocs reloads mkdocs.yml before each rebuild; when that fails, its server prints a traceback and
keeps serving the previous build. The plugin wraps the server's builder so that the instructor reads
where the mistake is instead of a traceback, and the next save of any file rebuilds as usual.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from mkdocs.exceptions import Abort, ConfigurationError
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("handbook-quiz")

_YAML_MARK = re.compile(r"line (\d+), column (\d+)")


def config_errors_in_one_line(
    builder: Callable[[], None], config_file: str | None
) -> Callable[[], None]:
    """``builder``, reporting a broken mkdocs.yml as one line instead of raising."""
    name = Path(config_file).name if config_file else "mkdocs.yml"

    def build_or_report() -> None:
        try:
            builder()
        except (
            ConfigurationError,
            Abort,
        ) as error:  # Abort: an option MkDocs refused, logged just before
            log.error(one_line(name, str(error)))

    return build_or_report


def one_line(name: str, error: str) -> str:
    """``mkdocs.yml:LINE:COL: problem`` (where YAML says the mistake is), and what to do next."""
    marks = _YAML_MARK.findall(error)
    where = f"{name}:{marks[-1][0]}:{marks[-1][1]}" if marks else name
    lines = [line.strip() for line in error.splitlines() if line.strip()]
    detail = next(
        (line for line in reversed(lines) if not _YAML_MARK.search(line)), "could not be read"
    )
    if detail.startswith("Aborted with"):
        detail = f"{detail.rstrip('!')} (named just above)"
    return f"{where}: {detail}: fix it and save; the last good build is still being served"
