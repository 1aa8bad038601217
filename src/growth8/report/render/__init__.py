"""Renderers: one Document to PDF (reportlab), an Excel workbook (openpyxl) or Markdown.

The charts of a PDF or Markdown report are drawn by worker processes (:func:`chart_workers`); start them before
the analyses run, so that they are ready when the document is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from growth8.analysis.executor import ForkPool
    from growth8.report.model import Document

#: Output formats and their file extensions.
FORMATS: dict[str, str] = {"pdf": "pdf", "xlsx": "xlsx", "md": "md"}


def chart_workers(fmt: str, jobs: int | None = None) -> ForkPool:
    """The worker processes that will draw the charts of a report in ``fmt``, started now: ``jobs`` of them
    (default :func:`growth8.report.render.charts.default_jobs`: the CPUs, at most four; 1: the charts are drawn
    in this process), none for a workbook (it has no charts). Close them when done (a context manager).

    Started before the analyses run, the workers import and set up matplotlib (and, for a PDF, svglib and the
    fonts) on the CPUs this process leaves idle. The charts are the same whatever ``jobs`` is: each is drawn
    from its own spec with fixed settings (``svg.hashsalt``), never from state another chart left.
    """
    from growth8.analysis.executor import ForkPool
    from growth8.report.render import charts

    if fmt == "pdf":
        from growth8.report.render.pdf import warm_up
    else:
        warm_up = charts.warm_up
    return ForkPool(1 if fmt not in ("pdf", "md") else jobs or charts.default_jobs(), warm_up)


def render_document(doc: Document, fmt: str, workers: ForkPool | None = None) -> bytes:
    """Render ``doc`` as ``fmt`` ('pdf', 'xlsx' or 'md') and return the file's bytes; ``workers`` draw a PDF's
    charts (default: started here, see :func:`chart_workers`)."""
    if fmt == "pdf":
        from growth8.report.render.pdf import render_pdf

        return render_pdf(doc, workers)
    if fmt == "xlsx":
        from growth8.report.render.xlsx import render_xlsx

        return render_xlsx(doc)
    if fmt == "md":
        from growth8.report.render.markdown import render_markdown

        return render_markdown(doc)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def render_files(doc: Document, fmt: str, name: str, workers: ForkPool | None = None) -> dict[str, bytes]:
    """Every file of ``doc`` as ``fmt``, by file name: ``name`` itself and, for Markdown, each chart as an SVG
    file beside it (``<stem>_fig01_<key>.svg``, linked from the Markdown); ``workers`` draw the charts."""
    if fmt != "md":
        return {name: render_document(doc, fmt, workers)}
    from growth8.report.render.markdown import figure_files, render_markdown

    stem = name[:-3] if name.lower().endswith(".md") else name
    return {name: render_markdown(doc, stem), **figure_files(doc, stem, workers)}
