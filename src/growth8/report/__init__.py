"""Reports a governor can read: PDF (Indonesian and English), Excel workbook, Markdown.

The content (:mod:`.content`, building a :class:`.model.Document` from result
objects) is separate from the renderers (:mod:`.pdf`, :mod:`.xlsx`,
:mod:`.markdown`). Charts are drawn by :mod:`.charts`. The report reads result
objects and never recomputes the model. Heavy libraries (matplotlib,
reportlab, openpyxl) are imported inside the functions.

Examples
--------
>>> import growth8
>>> from growth8.report import build_report, render
>>> res = growth8.solve_target("configs/default.yaml")         # doctest: +SKIP
>>> pdf = render(build_report(res, lang="id"), "pdf")          # doctest: +SKIP
"""

from __future__ import annotations

from .content import build_comparison, build_report, chart_provinces
from .model import Document

__all__ = ["FORMATS", "Document", "build_comparison", "build_report", "chart_provinces", "render"]

#: Output formats and their file extensions.
FORMATS: dict[str, str] = {"pdf": "pdf", "xlsx": "xlsx", "md": "md"}


def render(doc: Document, fmt: str) -> bytes:
    """Render ``doc`` as ``fmt`` ('pdf', 'xlsx' or 'md') and return the file's bytes."""
    if fmt == "pdf":
        from .pdf import render_pdf

        return render_pdf(doc)
    if fmt == "xlsx":
        from .xlsx import render_xlsx

        return render_xlsx(doc)
    if fmt == "md":
        from .markdown import render_markdown

        return render_markdown(doc)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
