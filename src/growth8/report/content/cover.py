"""The cover (what the report is about), the technical information page and the run record.

Everything about the run (version, config and data hashes, seed, draws, options, command, time) comes
from one object, :class:`growth8.pipeline.RunInfo` (``inputs.run``): the back page, the PDF metadata, the
workbook's run sheet and the Markdown front matter all read it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from growth8.i18n import has, long_date, period
from growth8.report.content.context import Context
from growth8.report.content.summary import provinces_phrase
from growth8.report.model import PRINT_MEDIA, Column, Section, Table

if TYPE_CHECKING:
    from growth8.pipeline import RunInfo


def date_text(created: str, lang: str) -> str:
    """``2026-12-02T03:21:52Z`` -> ``2 Desember 2026`` (id) / ``2 December 2026`` (en)."""
    y, m, d = (int(x) for x in created[:10].split("-"))
    return long_date(y, m, d, lang)


def cover_rows(ctx: Context) -> tuple[tuple[str, str], ...]:
    """Provinces, scenarios, target, projection period and date."""
    cfg = ctx.cfg
    return (
        (ctx.t("report.cover.provinces"), provinces_phrase(ctx)),
        (ctx.t("report.cover.scenarios"), "; ".join(ctx.scenario_title(s) for s in ctx.scenarios)),
        (
            ctx.t("report.cover.target"),
            ctx.t("report.cover.target_value", growth=ctx.pct(cfg.target.growth), year=cfg.target.by),
        ),
        (ctx.t("report.cover.period"), period(ctx.first_year, ctx.horizon)),
        (ctx.t("report.cover.date"), date_text(ctx.run.created, ctx.lang)),
    )


def _options(run: RunInfo) -> str:
    return ", ".join(f"{k}={v}" for k, v in run.options.items()) or "-"


def technical_rows(ctx: Context, runs: Sequence[RunInfo] | None = None) -> list[tuple[str, str]]:
    """The back page's lines: everything needed to reproduce the run."""
    runs = list(runs) if runs is not None else [ctx.run]
    first = runs[0]

    def each(get: Any) -> str:
        return ", ".join(dict.fromkeys(str(get(r)) for r in runs))

    draws = each(lambda r: ctx.num(r.draws, 0) if r.draws else ctx.t("report.tech.no_draws"))

    source_key = f"data_source.{first.data_source}"
    source = ctx.t(source_key) if has(source_key) else first.data_source
    created = first.created
    return [
        (ctx.t("report.tech.version"), first.version),
        (ctx.t("report.tech.config"), each(lambda r: r.config_path)),
        (ctx.t("report.tech.config_hash"), each(lambda r: r.config_hash)),
        (ctx.t("report.tech.data"), f"{first.data_dir} ({source})"),
        (ctx.t("report.tech.data_hash"), each(lambda r: r.data_hash)),
        (ctx.t("report.tech.seed"), each(lambda r: r.seed)),
        (ctx.t("report.tech.draws"), draws),
        (ctx.t("report.tech.options"), each(_options)),
        (ctx.t("report.tech.command"), " ".join(first.command) or "-"),
        (ctx.t("report.tech.created"), f"{date_text(created, ctx.lang)}, {created[11:19]} UTC"),
    ]


def technical_section(ctx: Context, runs: Sequence[RunInfo] | None = None) -> Section:
    """The last page, "Technical information": the run, for whoever has to reproduce it."""
    rows = technical_rows(ctx, runs)
    table = Table(
        "technical",
        ctx.t("report.tech.table"),
        (Column("item", ctx.t("report.col.item")), Column("value", ctx.t("report.col.value"))),
        pd.DataFrame(rows, columns=["item", "value"]),
        note=ctx.t("report.tech.note"),
        media=PRINT_MEDIA,
        widths=(1.3, 4.7),
    )
    return Section(ctx.t("report.section.technical"), (table,), new_page=True)


def run_record(ctx: Context, runs: Sequence[RunInfo] | None = None) -> dict[str, Any]:
    """The run record (codes as keys): PDF metadata, the workbook's run sheet, the Markdown front matter."""
    run = ctx.run
    record: dict[str, Any] = {
        "package": "growth8",
        "version": run.version,
        "config_path": run.config_path,
        "config_hash": run.config_hash,
        "data_dir": run.data_dir,
        "data_source": run.data_source,
        "data_hash": run.data_hash,
        "seed": run.seed,
        "draws": run.draws,
        "options": dict(run.options),
        "command": list(run.command),
        "created_at": run.created,
        "lang": ctx.lang,
    }
    if runs is not None and len(runs) > 1:
        record["configs"] = [
            {"path": r.config_path, "hash": r.config_hash, "seed": r.seed, "draws": r.draws} for r in runs
        ]
    return record
