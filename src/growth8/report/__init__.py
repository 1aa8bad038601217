"""Reports a governor can read: PDF (Indonesian and English), Excel workbook, Markdown.

The content (:mod:`.content`, one module per section) builds a :class:`.model.Document` from the
pipeline's :class:`growth8.pipeline.ReportInputs`; the renderers (:mod:`.render.pdf`,
:mod:`.render.xlsx`, :mod:`.render.markdown`, charts by :mod:`.render.charts`) turn it into bytes.
The report reads result objects only: it never recomputes the model and never reads a file. Every
word comes from the catalogue. Heavy libraries (matplotlib, reportlab, openpyxl) are imported inside
the renderers.

Examples
--------
>>> from growth8 import pipeline
>>> from growth8.report import build, render_document
>>> inputs = pipeline.report_inputs("configs/default.yaml", lang="id")   # doctest: +SKIP
>>> pdf = render_document(build(inputs), "pdf")                         # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from growth8.report.content import build_comparison, build_report, chart_provinces
from growth8.report.model import Document
from growth8.report.render import FORMATS, render_document

if TYPE_CHECKING:
    from growth8.pipeline import ReportInputs


def build(inputs: ReportInputs, focus: Sequence[int] = ()) -> Document:
    """The report document of one config's :func:`growth8.pipeline.report_inputs`, in ``inputs.lang``;
    ``focus``: BPS codes of the provinces the report is about (default: see :func:`build_report`)."""
    return build_report(inputs, focus=focus)


def build_compare(inputs: Sequence[ReportInputs], lang: str) -> Document:
    """The comparison document of several configs' report inputs (or one config's scenarios)."""
    return build_comparison(inputs, lang)


__all__ = [
    "FORMATS",
    "Document",
    "build",
    "build_compare",
    "build_comparison",
    "build_report",
    "chart_provinces",
    "render_document",
]
