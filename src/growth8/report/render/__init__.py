"""Renderers: one Document to PDF (reportlab), an Excel workbook (openpyxl) or Markdown."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from growth8.report.model import Document

#: Output formats and their file extensions.
FORMATS: dict[str, str] = {"pdf": "pdf", "xlsx": "xlsx", "md": "md"}


def render_document(doc: Document, fmt: str, jobs: int | None = None) -> bytes:
    """Render ``doc`` as ``fmt`` ('pdf', 'xlsx' or 'md') and return the file's bytes; ``jobs`` worker processes
    draw a PDF's charts (default: the CPUs, at most four; 1: in this process)."""
    if fmt == "pdf":
        from growth8.report.render.pdf import render_pdf

        return render_pdf(doc, jobs)
    if fmt == "xlsx":
        from growth8.report.render.xlsx import render_xlsx

        return render_xlsx(doc)
    if fmt == "md":
        from growth8.report.render.markdown import render_markdown

        return render_markdown(doc)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def render_files(doc: Document, fmt: str, name: str, jobs: int | None = None) -> dict[str, bytes]:
    """Every file of ``doc`` as ``fmt``, by file name: ``name`` itself and, for Markdown, each chart as an SVG
    file beside it (``<stem>_fig01_<key>.svg``, linked from the Markdown); ``jobs`` worker processes draw the
    charts."""
    if fmt != "md":
        return {name: render_document(doc, fmt, jobs)}
    from growth8.report.render.markdown import figure_files, render_markdown

    stem = name[:-3] if name.lower().endswith(".md") else name
    return {name: render_markdown(doc, stem), **figure_files(doc, stem, jobs)}
