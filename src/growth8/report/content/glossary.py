"""The glossary (every term the report uses, catalogue keys ``glossary.term.*``) and the disclaimer, at the back."""

from __future__ import annotations

import pandas as pd

from growth8.i18n import catalogue
from growth8.report.content.context import Context
from growth8.report.model import PRINT_MEDIA, Block, Column, Paragraph, Section, Table


def glossary_terms() -> list[str]:
    """The glossary's term codes, in the catalogue's order (``glossary.term.<code>``)."""
    prefix = "glossary.term."
    return [key[len(prefix) :] for key in catalogue() if key.startswith(prefix)]


def glossary_frame(lang: str) -> pd.DataFrame:
    """``code, term, definition`` in ``lang``: the report's glossary table and the workbook's."""
    from growth8.i18n import t

    codes = glossary_terms()
    return pd.DataFrame(
        {
            "code": codes,
            "term": [t(f"glossary.term.{c}", lang) for c in codes],
            "definition": [t(f"glossary.def.{c}", lang) for c in codes],
        }
    )


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
