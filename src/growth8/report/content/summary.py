"""The executive summary: sentences built from ``result.facts()``, every figure said for what it is.

Each figure in a sentence is named as a value in a stated year, a mean over stated years, a maximum
or a total over a stated period. The sentences are catalogue templates (``report.summary.*``); this
module only picks the template and fills it.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from growth8.i18n import period, points, rupiah, share
from growth8.report.content.context import ALL_CHARTS_UP_TO, Context, join, limit, reason
from growth8.report.model import Block, Paragraph

if TYPE_CHECKING:
    from growth8.results.facts import TargetFacts


def provinces_phrase(ctx: Context, codes: tuple[int, ...] | None = None) -> str:
    """``Provinsi Banten dan Bengkulu`` / ``Banten and Bengkulu``; ``34 provinsi`` when there are many."""
    codes = codes if codes is not None else ctx.provinces
    if len(codes) > 8:
        return ctx.t("report.summary.provinces_n", n=len(codes))
    return ctx.t("report.summary.provinces_named", names=join([ctx.names[c] for c in codes], ctx.lang))


def lead(ctx: Context) -> str:
    """The opening paragraph: what the study does, and the verdict over the base scenario."""
    cfg = ctx.cfg
    target = ctx.pct(cfg.target.growth)
    scenarios = [ctx.scenario_label(s) for s in ctx.scenarios]
    text = ctx.t(
        "report.summary.lead",
        provinces=provinces_phrase(ctx),
        period=period(ctx.first_year, ctx.horizon),
        n=len(scenarios),
        scenarios=join(scenarios, ctx.lang),
        target=target,
        target_year=cfg.target.by,
    )
    base = ctx.base_scenario
    facts = [ctx.fact(base, c) for c in ctx.provinces]
    n = len(facts)
    reach = [f for f in facts if f.projection.reaches]
    text += " " + ctx.t(
        _count_key("report.summary.lead_reach", len(reach), n),
        scenario=ctx.scenario_in_text(base),
        province=facts[0].projection.province,
        n_reach=len(reach),
        n=n,
        names=join([f.projection.province for f in reach], ctx.lang),
        target=target,
        period=period(ctx.first_year, ctx.horizon),
    )
    ok = [f for f in facts if f.feasible]
    text += " " + ctx.t(
        _count_key("report.summary.lead_feasible", len(ok), n),
        province=facts[0].projection.province,
        n_ok=len(ok),
        n=n,
        names=join([f.projection.province for f in ok], ctx.lang),
    )
    return text + " " + ctx.t("report.summary.units")


def _count_key(prefix: str, k: int, n: int) -> str:
    """The template for "k of n provinces": one_yes / one_no for a single province, else none / some / all."""
    if n == 1:
        return f"{prefix}.one_yes" if k else f"{prefix}.one_no"
    return f"{prefix}.{'none' if k == 0 else 'all' if k == n else 'some'}"


def _reach(ctx: Context, f: TargetFacts) -> str:
    p = f.projection
    if p.reach_year is not None:
        return ctx.t("report.summary.reach.first", target=ctx.pct(p.target), year=p.reach_year)
    return ctx.t("report.summary.reach.never", target=ctx.pct(p.target), year=p.horizon)


def province_paragraphs(ctx: Context, code: int) -> list[Paragraph]:
    """Paragraphs on one province under the base scenario: today and the projection; what the target
    needs; whether it can happen, the highest growth the own BPD can finance, its share and the ICOR view;
    and who could finance the gap (every source at its maximum) and what is left."""
    scen = ctx.base_scenario
    f = ctx.fact(scen, code)
    p = f.projection
    cal = ctx.province_calibration(code)
    target = ctx.pct(p.target)
    goal = p.target_year
    projected = period(p.base_year + 1, p.horizon)

    now = ctx.t(
        "report.summary.now",
        province=p.province,
        growth=ctx.pct(p.growth_now, 2),
        year=p.base_year,
        rate=ctx.pct(cal.investment_rate),
        window=ctx.window_of(cal.investment_rate_years),
    )
    outlook = ctx.t(
        "report.summary.projection",
        scenario=ctx.scenario_in_text(scen),
        period=projected,
        avg=ctx.pct(p.avg_growth, 2),
        reach=_reach(ctx, f),
    )
    first = [now, outlook]
    if f.meets_target:
        first.append(ctx.t("report.summary.meets_target"))

    needs = [
        ctx.t(
            "report.summary.need_investment",
            target=target,
            target_year=goal,
            rate=ctx.pct(f.required_investment_rate),
            year=goal - 1,
        ),
        ctx.t(
            "report.summary.need_bpd_out_of_reach" if f.required_credit_to_grdp >= 1 else "report.summary.need_bpd",
            ratio=ctx.num(f.required_credit_to_grdp),
            growth=ctx.pct(f.required_credit_growth),
            period=period(p.base_year, goal),
            credit=rupiah(f.required_bpd_credit, ctx.lang),
            target_year=goal,
            deposits=rupiah(f.required_deposits, ctx.lang),
            injection=rupiah(f.injection_to_target, ctx.lang),
            injection_period=period(p.base_year + 1, goal),
        ),
        *ctx.result.public_sentences(f, ctx.lang),
        ctx.t(
            "report.summary.need_tfp",
            mean=ctx.pct(f.tfp_required_mean, 2),
            period=projected,
            at_target=ctx.pct(f.tfp_required_target_year, 2),
            target_year=goal,
        ),
    ]

    verdict: list[str] = []
    if f.feasible:
        verdict.append(ctx.t("report.summary.feasible", period=projected))
    else:
        key = "report.summary.infeasible.all" if f.n_infeasible == f.n_years else "report.summary.infeasible.some"
        verdict.append(
            ctx.t(
                key,
                reason=reason(f.first_reason, ctx.lang),
                year=f.first_infeasible_year,
                n=f.n_infeasible,
                total=f.n_years,
            )
        )
    if math.isnan(f.max_growth):
        verdict.append(ctx.t("report.summary.max_growth_none"))
    else:
        if f.max_reason == "none":
            key = "report.summary.max_growth_free"
        elif f.max_growth < p.target:
            key = "report.summary.max_growth_below"
        else:
            key = "report.summary.max_growth_above"
        verdict.append(
            ctx.t(key, growth=ctx.pct(f.max_growth, 2), reason=reason(f.max_reason, ctx.lang), year=f.max_year)
        )
    if not math.isnan(f.gap_share_mean):
        verdict.append(
            ctx.t(
                "report.summary.gap_share",
                period=projected,
                mean=share(f.gap_share_mean, 2, ctx.lang),
                max=share(f.gap_share_max, 2, ctx.lang),
                max_year=f.gap_share_max_year,
            )
        )
    icor_years = sorted(set(cal.investment_rate_years) | set(cal.recent_growth_years))
    verdict.append(
        ctx.t(
            "report.summary.icor",
            icor=ctx.num(f.icor),
            window=ctx.window_of(icor_years),
            target=target,
            target_year=goal,
            rate=ctx.pct(f.icor_investment_rate),
            year=goal - 1,
        )
    )
    paragraphs = [Paragraph(" ".join(first)), Paragraph(" ".join(needs)), Paragraph(" ".join(verdict))]
    financing = ctx.result.financing_sentences(scen, code, ctx.lang)
    if financing:
        paragraphs.append(Paragraph(" ".join(financing)))
    return paragraphs


def binding_phrase(ctx: Context, f: TargetFacts) -> str:
    """Whether and how often the BPD's limits hold its lending back."""
    p = f.projection
    if not p.n_binding:
        return ctx.t("report.summary.binding.never")
    limits = join([limit(c, ctx.lang) for c in p.binding_limits], ctx.lang)
    key = "report.summary.binding.all" if p.n_binding == p.n_years else "report.summary.binding.some"
    return ctx.t(key, limits=limits, n=p.n_binding, total=p.n_years, year=p.first_binding_year)


def scenario_sentence(ctx: Context, scenario: str, code: int, base: Context | None = None) -> str:
    """One scenario of one province against the base scenario (of ``base``, default the same config)."""
    base = base or ctx
    f, b = ctx.fact(scenario, code), base.fact(base.base_scenario, code)
    p, q = f.projection, b.projection
    change = p.grdp_horizon / q.grdp_horizon - 1.0 if q.grdp_horizon else math.nan
    signed = ctx.pct(change, 2)
    if not signed.startswith("-") and change != 0 and not math.isnan(change):
        signed = "+" + signed
    return ctx.t(
        "report.summary.scenario",
        province=p.province,
        scenario=ctx.scenario_title(scenario),
        period=period(p.base_year + 1, p.horizon),
        avg=ctx.pct(p.avg_growth, 2),
        diff=points(p.avg_growth - q.avg_growth, 2, ctx.lang),
        base=base.scenario_label(base.base_scenario),
        year=p.horizon,
        grdp=rupiah(p.grdp_horizon, ctx.lang),
        grdp_diff=signed,
        binding=binding_phrase(ctx, f),
    )


def probability_blocks(ctx: Context, codes: tuple[int, ...]) -> list[Block]:
    """The Monte Carlo probabilities of reaching the target, one bullet per scenario and charted province
    (every province's probability is in the overview table)."""
    mc = ctx.inputs.uncertainty
    if mc is None:
        return []
    prob = mc.probabilities()
    if prob.empty:
        return []
    out: list[Block] = [Paragraph(ctx.t("report.summary.prob_head", draws=ctx.num(mc.draws, 0)))]
    for r in prob.itertuples(index=False):
        code = int(r.province_code)
        if code not in codes:
            continue
        lo, hi = (int(y) for y in str(r.window).split("-"))
        out.append(
            Paragraph(
                ctx.t(
                    "report.summary.prob",
                    province=ctx.names[code],
                    scenario=ctx.scenario_label(str(r.scenario)),
                    p_year=ctx.pct(r.prob_reach_target, 1),
                    year=int(r.target_year),
                    p_avg=ctx.pct(r.prob_reach_target_average, 1),
                    window=period(lo, hi),
                ),
                "bullet",
            )
        )
    return out


def province_blocks(ctx: Context, code: int) -> list[Block]:
    """One province's paragraphs under the base scenario and a bullet per other scenario."""
    blocks: list[Block] = list(province_paragraphs(ctx, code))
    for s in ctx.scenarios[1:]:
        blocks.append(Paragraph(scenario_sentence(ctx, s, code), "bullet"))
    return blocks


def summary_blocks(ctx: Context, codes: tuple[int, ...], focus: tuple[int, ...] = ()) -> list[Block]:
    """The summary's text: the lead, a few paragraphs per province, the other scenarios, the odds.

    A config of many provinces (more than :data:`~growth8.report.content.context.ALL_CHARTS_UP_TO`) keeps its
    summary to two pages: the lead and the spread over provinces here, each charted province's paragraphs at
    the head of its charts; provinces given with ``focus`` keep their paragraphs here.
    """
    from growth8.report.content.keymessages import many_messages

    blocks: list[Block] = [Paragraph(lead(ctx), "lead")]
    many = len(ctx.provinces) > ALL_CHARTS_UP_TO
    if many:
        blocks += [Paragraph(line) for line in many_messages(ctx)]
    for code in focus if many else codes:
        blocks += province_blocks(ctx, code)
    blocks += probability_blocks(ctx, focus if many else codes)
    if len(codes) < len(ctx.provinces):
        key = "report.summary.focus" if focus else "report.summary.many"
        blocks.append(
            Paragraph(
                ctx.t(
                    key,
                    n=len(codes),
                    year=ctx.base_year,
                    total=len(ctx.provinces),
                    names=join([ctx.names[c] for c in codes], ctx.lang),
                ),
                "note",
            )
        )
    return blocks
