"""Render a :class:`~growth8.report.model.Document` as Markdown (front matter, text, tables).

Figures are listed by title; the charts themselves are in the PDF.
"""

from __future__ import annotations

import json

from growth8.i18n import t
from growth8.report.model import Document, Figure, Paragraph, Table

__all__ = ["render_markdown"]


def _esc(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(table: Table, lang: str) -> list[str]:
    heads = [_esc(c.header()) for c in table.columns]
    align = ["---:" if c.kind in ("pct", "share", "num", "int") else "---" for c in table.columns]
    lines = [f"**{_esc(table.title)}**", "", "| " + " | ".join(heads) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(_esc(v) for v in row) + " |" for row in table.rows(lang)]
    if table.note:
        lines += ["", f"*{_esc(table.note)}*"]
    return [*lines, ""]


def render_markdown(doc: Document) -> bytes:
    """The document as UTF-8 Markdown with a YAML front-matter run record.

    Parameters
    ----------
    doc : Document

    Returns
    -------
    bytes
    """
    lang = doc.lang
    front = ["---"] + [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in doc.run.items()] + ["---", ""]
    lines = [*front, f"# {doc.title}", "", f"*{doc.subtitle}*", ""]
    lines += [f"- **{k}**: {v}" for k, v in doc.cover] + [""]
    for section in doc.sections:
        visible = [b for b in section.blocks if not isinstance(b, Table) or "md" in b.media]
        if section.blocks and not visible:
            continue
        lines += ["#" * (section.level + 1) + " " + section.title, ""]
        for block in visible:
            if isinstance(block, Paragraph):
                if block.style == "code":
                    lines += ["```", block.text, "```", ""]
                elif block.style == "bullet":
                    lines += [f"- {block.text}", ""]
                elif block.style == "note":
                    lines += [f"*{block.text}*", ""]
                else:
                    lines += [block.text, ""]
            elif isinstance(block, Table):
                lines += _table(block, lang)
            elif isinstance(block, Figure):
                lines += [f"*{_esc(t('report.md.figure', lang, title=block.title))}*", ""]
    return ("\n".join(lines).rstrip() + "\n").encode("utf-8")
