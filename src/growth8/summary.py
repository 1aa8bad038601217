"""The plain-words summary every result returns: text in a terminal, HTML in a notebook."""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Summary:
    """A plain-words summary; prints as text, renders as HTML in a notebook."""

    title: str
    lines: tuple[str, ...]
    tables: tuple[tuple[str, pd.DataFrame], ...]

    def as_text(self) -> str:
        """The summary as plain text."""
        parts = [self.title, "=" * len(self.title), *self.lines]
        for caption, frame in self.tables:
            parts += ["", caption, frame.to_string(index=False)]
        return "\n".join(parts)

    def __str__(self) -> str:
        return self.as_text()

    def _repr_html_(self) -> str:
        body = "".join(f"<p>{html.escape(line)}</p>" for line in self.lines)
        for caption, frame in self.tables:
            body += f"<h4>{html.escape(caption)}</h4>" + frame.to_html(index=False)
        return f"<h3>{html.escape(self.title)}</h3>{body}"
