"""Page 1: the key messages (the verdict and what the target needs, in plain words) and a small scenario table.

Every figure is a value in a named year: the target year for growth and the investment gap, the year
before it for the investment rate that sets target-year growth, the year the remaining TFP growth is
due. The sentences are catalogue templates (``report.key.*``) filled from ``result.facts()`` and
``result.financing_facts()``; nothing is recomputed here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from growth8.i18n import period, rupiah, share
from growth8.report.content.context import Context, join
from growth8.report.model import PRINT_MEDIA, Block, Column, Paragraph, Table
from growth8.results.financing import source_maximum_text


def growth_in(ctx: Context, scenario: str, code: int, year: int) -> float:
    """Projected real GRDP growth of one scenario and province in ``year`` (projection.csv)."""
    rows = ctx.p(scenario, code)
    hit = rows.loc[rows["year"] == year, "growth"]
    return float(hit.iloc[0]) if len(hit) else math.nan


def verdict(ctx: Context, code: int) -> str:
    """The verdict on one province under the base scenario: already on the path, feasible or not."""
    scen = ctx.base_scenario
    f = ctx.fact(scen, code)
    p = f.projection
    fields = {
        "province": p.province,
        "target": ctx.pct(p.target),
        "target_year": p.target_year,
        "growth": ctx.pct(growth_in(ctx, scen, code, p.target_year), 2),
        "scenario": ctx.scenario_in_text(scen),
    }
    if f.meets_target:
        return ctx.t("report.key.verdict.on_path", **fields)
    key = "report.key.verdict.feasible" if f.feasible else "report.key.verdict.infeasible"
    return ctx.t(key, **fields)


def province_messages(ctx: Context, code: int) -> list[str]:
    """The verdict, the investment 8% needs, what every source can finance and the TFP growth for the rest."""
    scen = ctx.base_scenario
    f = ctx.fact(scen, code)
    p = f.projection
    cal = ctx.province_calibration(code)
    lines = [verdict(ctx, code)]
    if f.meets_target:
        return lines
    goal = p.target_year
    ff = ctx.result.financing_facts().get((scen, code)) if ctx.result.financing is not None else None
    need = {
        "target": ctx.pct(p.target),
        "target_year": goal,
        "rate": ctx.pct(f.required_investment_rate),
        "year": goal - 1,
        "rate_now": ctx.pct(cal.investment_rate),
        "window": ctx.window_of(cal.investment_rate_years),
    }
    if ff is not None and ff.gap > 0:
        lines.append(
            ctx.t(
                "report.key.need",
                gap=rupiah(ff.gap, ctx.lang),
                gap_year=ff.year,
                gap_share=share(ff.gap_share_of_grdp, 1, ctx.lang),
                **need,
            )
        )
        sources = [
            ctx.t("report.key.source_item", source=ctx.t(f"source.{s}"), amount=source_maximum_text(ff, s, ctx.lang))
            for s in ff.max_extra
        ]
        lines.append(
            ctx.t(
                "report.key.sources",
                year=ff.year,
                items=join(sources, ctx.lang),
                share=share(ff.financed_share, 2, ctx.lang),
            )
        )
        if ff.not_financed > 0:
            lines.append(
                ctx.t(
                    "report.key.tfp",
                    rest=rupiah(ff.not_financed, ctx.lang),
                    tfp=ctx.pct(ff.tfp_required, 2),
                    tfp_year=ff.tfp_year if ff.tfp_year is not None else ff.year,
                    tfp_assumed=ctx.pct(ff.tfp_assumed, 2),
                )
            )
        else:
            lines.append(ctx.t("report.key.all_financed", year=ff.year))
    else:
        lines.append(ctx.t("report.key.need_rate", **need))
        lines.append(ctx.t("report.key.tfp_alone", tfp=ctx.pct(f.tfp_required_target_year, 2), target_year=goal))
    return lines


def probability_message(ctx: Context, codes: Sequence[int]) -> str | None:
    """The Monte Carlo probability of reaching the target in the target year, base scenario, per province."""
    mc = ctx.inputs.uncertainty
    if mc is None:
        return None
    prob = mc.probabilities()
    rows = prob[(prob["scenario"] == ctx.base_scenario) & prob["province_code"].isin(list(codes))]
    if rows.empty:
        return None
    items = [
        ctx.t("report.key.prob_item", province=ctx.names[int(r.province_code)], p=ctx.pct(r.prob_reach_target, 1))
        for r in rows.itertuples(index=False)
    ]
    return ctx.t(
        "report.key.prob",
        year=int(rows["target_year"].iloc[0]),
        items=join(items, ctx.lang),
        draws=ctx.num(mc.draws, 0),
        scenario=ctx.scenario_label(ctx.base_scenario),
    )


def many_messages(ctx: Context) -> list[str]:
    """For a config of many provinces: how many reach the target, and the spread of what it needs."""
    scen = ctx.base_scenario
    facts = [ctx.fact(scen, c) for c in ctx.provinces]
    goal = facts[0].projection.target_year
    n = len(facts)
    on_path = [f.projection.province for f in facts if f.meets_target]
    feasible = [f.projection.province for f in facts if f.feasible and not f.meets_target]
    lines = [
        ctx.t(
            "report.key.many.count",
            n=n,
            n_on_path=len(on_path),
            n_feasible=len(feasible),
            n_not=n - len(on_path) - len(feasible),
            target=ctx.pct(facts[0].projection.target),
            target_year=goal,
            scenario=ctx.scenario_in_text(scen),
        )
    ]
    rated = sorted((f.required_investment_rate, f.projection.province) for f in facts if not f.meets_target)
    if rated:
        lines.append(
            ctx.t(
                "report.key.many.rate",
                year=goal - 1,
                low=ctx.pct(rated[0][0]),
                low_name=rated[0][1],
                high=ctx.pct(rated[-1][0]),
                high_name=rated[-1][1],
            )
        )
    if ctx.result.financing is not None:
        fin = ctx.result.financing_facts()
        shares = sorted(
            (ff.financed_share, ctx.names[c])
            for (s, c), ff in fin.items()
            if s == scen and ff.gap > 0 and not math.isnan(ff.financed_share)
        )
        if shares:
            lines.append(
                ctx.t(
                    "report.key.many.sources",
                    year=goal,
                    low=share(shares[0][0], 2, ctx.lang),
                    low_name=shares[0][1],
                    high=share(shares[-1][0], 2, ctx.lang),
                    high_name=shares[-1][1],
                )
            )
    return lines


def key_blocks(ctx: Context, codes: Sequence[int], focus: Sequence[int] = ()) -> list[Block]:
    """The key-messages box: one short paragraph per province (or a summary of many, then the focus
    provinces), the odds, and the scenario table."""
    blocks: list[Block] = []
    if len(ctx.provinces) > len(codes) or focus:
        blocks += [Paragraph(line, "key") for line in many_messages(ctx)] if len(ctx.provinces) > 1 else []
    for code in focus or (codes if len(codes) == len(ctx.provinces) else ()):
        blocks.append(Paragraph(" ".join(province_messages(ctx, code)), "key"))
    odds = probability_message(ctx, focus or codes)
    if odds:
        blocks.append(Paragraph(odds, "key"))
    blocks.append(scenario_table(ctx, focus or codes))
    return blocks


def scenario_table(ctx: Context, codes: Sequence[int]) -> Table:
    """Per scenario and province: growth in the target year, mean growth, the highest growth every source
    can finance, and whether the target is feasible (yes/no)."""
    recs = []
    goal = ctx.cfg.target.by
    for s in ctx.scenarios:
        for code in codes:
            f = ctx.fact(s, code)
            p = f.projection
            recs.append(
                {
                    "province": p.province,
                    "scenario": ctx.scenario_label(s),
                    "growth_goal": growth_in(ctx, s, code, p.target_year),
                    "avg_growth": p.avg_growth,
                    "max_growth_all": f.max_growth_all,
                    "feasible": bool(f.feasible),
                }
            )
    cols = (
        Column("province", ctx.t("report.col.province")),
        Column("scenario", ctx.t("report.col.scenario")),
        Column("growth_goal", ctx.t("report.col.growth_in", year=goal), "%", "pct", 2),
        Column("avg_growth", ctx.t("report.col.avg_growth", period=period(ctx.first_year, ctx.horizon)), "%", "pct", 2),
        Column("max_growth_all", ctx.t("report.col.max_growth_all"), "%", "pct", 2),
        Column("feasible", ctx.t("report.col.feasible", target=ctx.pct(ctx.cfg.target.growth), year=goal), "", "bool"),
    )
    return Table(
        "key_scenarios",
        ctx.t("report.key.table"),
        cols,
        pd.DataFrame(recs),
        note=ctx.t("report.key.table_note"),
        media=PRINT_MEDIA,
        widths=(1.2, 1.6, 0.9, 0.9, 1.0, 1.0),
    )
