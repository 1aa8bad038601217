"""The glossary (every term the report uses, catalogue keys ``glossary.term.*``) and the disclaimer, at the back."""

from __future__ import annotations

import pandas as pd

from growth8.i18n import glossary
from growth8.report.content.context import Context
from growth8.report.model import PRINT_MEDIA, Block, Column, Paragraph, Section, Table


def glossary_frame(lang: str) -> pd.DataFrame:
    """``code, term, definition`` in ``lang`` (:func:`growth8.i18n.glossary`): the report's glossary table."""
    return pd.DataFrame(glossary(lang), columns=["code", "term", "definition"])


def glossary_sections(ctx: Context) -> list[Section]:
    """The glossary table, then the disclaimer."""
    frame = glossary_frame(ctx.lang)
    table = Table(
        "glossary",
        ctx.t("report.glossary.table"),
        (
            Column("term", ctx.t("report.glossary.col.term")),
            Column("definition", ctx.t("report.glossary.col.definition")),
        ),
        frame,
        media=PRINT_MEDIA,
        widths=(1.4, 4.6),
    )
    disclaimer: tuple[Block, ...] = (Paragraph(ctx.t("report.disclaimer")),)
    return [
        Section(ctx.t("report.section.glossary"), (table,), new_page=True),
        Section(ctx.t("report.section.disclaimer"), disclaimer, level=2),
    ]
