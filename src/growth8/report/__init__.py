"""Reports a governor can read: PDF (Indonesian and English), Excel workbook, Markdown.

The content (:mod:`.content`, building a :class:`.model.Document` from result
objects) is separate from the renderers (:mod:`.render.pdf`, :mod:`.render.xlsx`,
:mod:`.render.markdown`). Charts are drawn by :mod:`.render.charts`. The report reads result
objects and never recomputes the model. Heavy libraries (matplotlib,
reportlab, openpyxl) are imported inside the functions.

Examples
--------
>>> import growth8
>>> from growth8.report import build_report, render_document
>>> res = growth8.solve_target("configs/default.yaml")         # doctest: +SKIP
>>> pdf = render_document(build_report(res, lang="id"), "pdf")          # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from growth8.report.content import build_comparison, build_report, chart_provinces
from growth8.report.model import Document
from growth8.report.render import FORMATS, render_document

if TYPE_CHECKING:
    from growth8.pipeline import ReportInputs


def build(inputs: ReportInputs) -> Document:
    """The report document of one config's :func:`growth8.report_inputs`."""
    return build_report(
        inputs.target,
        lang=inputs.lang,
        estimation=inputs.estimation,
        panel=inputs.projection.panel,
        quantiles=inputs.uncertainty.quantiles() if inputs.uncertainty is not None else None,
        prob_reach=inputs.uncertainty.probabilities() if inputs.uncertainty is not None else None,
        tornado=inputs.sensitivity.tornado() if inputs.sensitivity is not None else None,
        sweep=inputs.sweep.table if inputs.sweep is not None else None,
        created=inputs.run.created,
        command=inputs.run.command,
    )


def build_compare(inputs: list[ReportInputs], lang: str) -> Document:
    """The comparison document of several configs' report inputs."""
    return build_comparison(
        [i.target for i in inputs],
        lang=lang,
        panel=inputs[0].projection.panel,
        created=inputs[0].run.created,
        command=inputs[0].run.command,
    )


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
