"""Render a :class:`~growth8.report.model.Document` as Markdown (front matter, key messages, text, tables, charts).

Each figure is an SVG file beside the Markdown, linked by its relative name (:func:`figure_files` names
them ``<stem>_fig01_<key>.svg``); the caption and source line are the PDF's.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from contextlib import nullcontext
from typing import TYPE_CHECKING

from growth8.i18n import t
from growth8.report.model import Block, Document, Figure, Paragraph, Table

if TYPE_CHECKING:
    from growth8.analysis.executor import ForkPool

__all__ = ["figure_files", "figure_names", "render_markdown"]


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


def figure_names(doc: Document, stem: str) -> list[str]:
    """The SVG file names of the document's figures, in order: ``<stem>_fig01_<key>.svg``."""
    return [f"{stem}_fig{n:02d}_{fig.key}.svg" for n, fig in enumerate(doc.figures(), start=1)]


def figure_files(doc: Document, stem: str, workers: ForkPool | None = None) -> dict[str, bytes]:
    """Every figure of the document as SVG bytes, by the file name the Markdown links to (drawn by ``workers``,
    default :func:`growth8.report.render.chart_workers`)."""
    from growth8.report.render import chart_workers
    from growth8.report.render.charts import svg_task

    with nullcontext(workers) if workers is not None else chart_workers("md") as pool:
        results = [pool.submit(svg_task, (fig, doc.lang)) for fig in doc.figures()]
        return {name: result() for name, result in zip(figure_names(doc, stem), results, strict=True)}


def _blocks(blocks: Sequence[Block], lang: str, links: dict[int, str], numbers: dict[int, int]) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            if block.style == "code":
                lines += ["```", block.text, "```", ""]
            elif block.style in ("bullet", "key"):
                lines += [f"- {block.text}", ""]
            elif block.style == "note":
                lines += [f"*{block.text}*", ""]
            else:
                lines += [block.text, ""]
        elif isinstance(block, Table):
            if "md" in block.media:
                lines += _table(block, lang)
        elif isinstance(block, Figure):
            caption = _esc(t("report.figure.caption", lang, n=numbers[id(block)], title=block.title))
            if block.message:
                lines += [_esc(block.message), ""]
            if id(block) in links:
                lines += [f"![{caption}]({links[id(block)]})", "", f"**{caption}**", ""]
            else:
                lines += [f"*{_esc(t('report.md.figure', lang, title=caption))}*", ""]
            if block.note:
                lines += [f"*{_esc(block.note)}*", ""]
            if block.source:
                lines += [f"*{_esc(t('report.figure.source', lang, source=block.source))}*", ""]
    return lines


def render_markdown(doc: Document, stem: str | None = None) -> bytes:
    """The document as UTF-8 Markdown with a YAML front-matter run record.

    Parameters
    ----------
    doc : Document
    stem : str, optional
        The file name the Markdown is written under, without ``.md``: each figure is linked as the SVG file
        :func:`figure_files` writes beside it. Without it, figures are named by their captions only.

    Returns
    -------
    bytes
    """
    lang = doc.lang
    figures = doc.figures()
    numbers = {id(f): n for n, f in enumerate(figures, start=1)}
    links = dict(zip((id(f) for f in figures), figure_names(doc, stem), strict=True)) if stem else {}
    front = ["---"] + [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in doc.run.items()] + ["---", ""]
    lines = [*front, f"# {doc.title}", "", f"*{doc.subtitle}*", ""]
    if doc.highlights:
        lines += [f"## {t('report.key.title', lang)}", ""]
        lines += _blocks(doc.highlights, lang, links, numbers)
    lines += [f"- **{k}**: {v}" for k, v in doc.cover] + [""]
    for section in doc.sections:
        visible = [b for b in section.blocks if not isinstance(b, Table) or "md" in b.media]
        if section.blocks and not visible:
            continue
        lines += ["#" * (section.level + 1) + " " + section.title, ""]
        lines += _blocks(visible, lang, links, numbers)
    return ("\n".join(lines).rstrip() + "\n").encode("utf-8")
