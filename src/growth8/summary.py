"""The plain-words summary every result returns: text in a terminal, HTML in a notebook."""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Summary:
    """A plain-words summary; prints as text, renders as HTML in a notebook.

    Attributes
    ----------
    title : str
    lines : tuple of str
        Sentences (or, when ``preformatted``, the lines of a fixed-width table).
    tables : tuple of (caption, DataFrame)
        Formatted tables (strings in the reader's language and number format).
    preformatted : bool
        Lines are a fixed-width text table (estimation, backtest): HTML shows them in ``<pre>``.
    """

    title: str
    lines: tuple[str, ...]
    tables: tuple[tuple[str, pd.DataFrame], ...] = ()
    preformatted: bool = False

    def as_text(self) -> str:
        """The summary as plain text."""
        parts = [self.title, "=" * len(self.title), *self.lines]
        for caption, frame in self.tables:
            parts += ["", caption, frame.to_string(index=False)]
        return "\n".join(parts)

    def __str__(self) -> str:
        return self.as_text()

    def _repr_html_(self) -> str:
        if self.preformatted:
            body = "<pre>" + html.escape("\n".join(self.lines)) + "</pre>"
        else:
            body = "".join(f"<p>{html.escape(line)}</p>" for line in self.lines)
        for caption, frame in self.tables:
            body += f"<h4>{html.escape(caption)}</h4>" + frame.to_html(index=False)
        return f"<h3>{html.escape(self.title)}</h3>{body}"
