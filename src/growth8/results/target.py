"""The target result: what a target path needs, whether it can happen, and the highest reachable growth."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from growth8.assemble import ModelSetup
from growth8.i18n import number, percent, rupiah, share, t, unit
from growth8.results.facts import TargetFacts, target_facts
from growth8.results.financing import Financing, FinancingFacts, financing_facts, financing_frame, source_maximum_text
from growth8.results.projection import ProjectionResult, target_line
from growth8.summary import Summary

#: target.csv columns with their unit codes (words: growth8.i18n.unit); the first twenty-two are the output contract.
TARGET_COLUMNS: dict[str, str] = {
    "scenario": "",
    "province_code": "bps_code",
    "province": "",
    "year": "",
    "target_growth": "growth_fraction",
    "required_investment_rate": "investment_for_next",
    "baseline_investment_rate": "share_of_grdp",
    "capital_output_ratio": "ratio_target_path",
    "tfp_growth": "fraction",
    "labour_growth": "fraction",
    "capital_share": "fraction",
    "depreciation": "fraction",
    "investment_gap_real": "rp_bn_real",
    "required_bpd_credit": "rp_bn_nominal",
    "required_bpd_credit_growth": "fraction",
    "required_deposits": "rp_bn_nominal",
    "required_equity": "rp_bn_nominal",
    "required_capital_injection": "rp_bn_nominal",
    "required_tfp_growth": "tfp_required",
    "icor_required_investment_rate": "icor_rate",
    "feasible": "boolean",
    "binding_reason": "first_reason",
    "reasons": "all_reasons",
    "grdp_real": "rp_bn_real_target_path",
    "required_extra_lending": "rp_bn_extra",
    "projected_deposits": "rp_bn_nominal",
    "deposit_gap": "rp_bn_deposit_gap",
    "historical_icor": "icor",
    "bpd_gap_share": "gap_share",
    "projected_growth": "projected_growth",
    "max_growth": "max_growth",
    "path_growth": "path_growth",
    "required_public_investment_rate": "public_extra_rate",
    "required_public_investment": "rp_bn_budgeted",
    "required_public_investment_rate_full_efficiency": "public_extra_rate_full",
    "public_capital_spending_cap": "rp_bn_nominal",
    "public_investment_within_budget": "boolean",
}


@dataclass(frozen=True)
class PublicRequirement:
    """The extra public investment that alone would put growth on the target path (share of GRDP, spent).

    Attributes
    ----------
    rate : ndarray (S, P, D, T + 1)
        At the scenario's efficiency of public investment (NaN: out of reach).
    rate_full_efficiency : ndarray (S, P, D, T + 1)
        At full efficiency (theta = 1).
    """

    rate: np.ndarray
    rate_full_efficiency: np.ndarray


@dataclass(frozen=True)
class TargetResult:
    """What a target path needs, per scenario, province and year; and the highest reachable growth.

    Attributes
    ----------
    projection : ProjectionResult
        The scenario projections the requirements are measured against.
    requirements : growth8.model.inverse.Requirements
    max_growth : growth8.model.inverse.MaxGrowth
        The highest growth the own BPD alone can finance.
    max_growth_all : growth8.model.inverse.MaxGrowth, optional
        The highest growth with every financing source at its maximum.
    financing : Financing, optional
        Who finances the gap (financing.csv).
    public : PublicRequirement, optional
        The public investment that alone would reach the target.
    """

    projection: ProjectionResult = field(repr=False)
    requirements: Any = field(repr=False)
    max_growth: Any = field(repr=False)
    max_growth_all: Any = field(default=None, repr=False)
    financing: Financing | None = field(default=None, repr=False)
    public: PublicRequirement | None = field(default=None, repr=False)

    @property
    def setup(self) -> ModelSetup:
        """Config, calibration and resolved parameters."""
        return self.projection.setup

    @property
    def metadata(self) -> dict[str, Any]:
        """Package version, config and data hashes, seed."""
        return self.projection.metadata

    def historical_icor(self) -> np.ndarray:
        """Mean investment rate over mean growth, calibration window, per province."""
        cal = self.setup.calibration
        return cal.column("investment_rate") / cal.column("recent_growth")

    def table(self) -> pd.DataFrame:
        """target.csv: one row per scenario, province and year (base year to horizon).

        Computed once per result; each call returns a copy.
        """
        return self._table.copy()

    @cached_property
    def _table(self) -> pd.DataFrame:
        """The cache behind :meth:`table`."""
        from growth8.model.inverse import reason_labels

        req = self.requirements
        setup = self.setup
        s_n, p_n, t_n = len(setup.scenarios), len(setup.provinces), len(setup.years)
        shape = (s_n, p_n, t_n)

        def cells(a: np.ndarray) -> np.ndarray:
            arr = np.asarray(a)
            if arr.ndim == 4:
                arr = arr[:, :, 0, :]
            return np.broadcast_to(arr, shape).reshape(-1)

        g_star = np.broadcast_to(req.target_growth[:, :, 0, :], shape)
        g_next = np.concatenate(
            [g_star[..., 1:], g_star[..., -1:]], axis=-1
        )  # the growth each year's investment is for
        icor = self.historical_icor()
        first, every = reason_labels(req.reasons[:, :, 0, :])
        gap = req.investment_gap_real[:, :, 0, :]
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(gap > 0, np.clip(self.max_growth.bpd_extra_investment[:, :, 0, :] / gap, 0.0, 1.0), np.nan)
        base_proj = self.projection.table()
        frame = pd.DataFrame(
            {
                "scenario": base_proj["scenario"].to_numpy(),
                "province_code": base_proj["province_code"].to_numpy(),
                "province": base_proj["province"].to_numpy(),
                "year": base_proj["year"].to_numpy(),
                "target_growth": cells(g_star),
                "required_investment_rate": cells(req.required_investment_rate),
                "baseline_investment_rate": cells(req.baseline_investment_rate),
                "capital_output_ratio": cells(req.capital_output_ratio),
                "tfp_growth": base_proj["tfp_growth"].to_numpy(),
                "labour_growth": base_proj["labour_growth"].to_numpy(),
                "capital_share": base_proj["capital_share"].to_numpy(),
                "depreciation": base_proj["depreciation"].to_numpy(),
                "investment_gap_real": cells(req.investment_gap_real),
                "required_bpd_credit": cells(req.required_bpd_credit),
                "required_bpd_credit_growth": cells(req.required_bpd_credit_growth),
                "required_deposits": cells(req.required_deposits),
                "required_equity": cells(req.required_equity),
                "required_capital_injection": cells(req.required_capital_injection),
                "required_tfp_growth": cells(req.required_tfp_growth),
                "icor_required_investment_rate": (icor[None, :, None] * g_next).reshape(-1),
                "feasible": cells(req.reasons[:, :, 0, :] == 0),
                "binding_reason": first.reshape(-1),
                "reasons": every.reshape(-1),
                "grdp_real": cells(req.grdp_real),
                "required_extra_lending": cells(req.required_extra_lending),
                "projected_deposits": cells(req.deposits),
                "deposit_gap": cells(req.required_deposits - req.deposits),
                "historical_icor": np.broadcast_to(icor[None, :, None], shape).reshape(-1),
                "bpd_gap_share": share.reshape(-1),
                "projected_growth": base_proj["growth"].to_numpy(),
                "max_growth": cells(self.max_growth.by_year),
                "path_growth": cells(req.path_growth),
                **self._public_columns(cells, base_proj),
            }
        )
        base = frame["year"].to_numpy() == setup.years[0]
        frame.loc[base, "target_growth"] = base_proj.loc[base, "growth"].to_numpy()
        frame.loc[base, "max_growth"] = np.nan
        return frame[list(TARGET_COLUMNS)]

    def public_sentences(self, f: TargetFacts, lang: str = "en") -> list[str]:
        """What public capital spending alone would need in the year before the target year, in words."""
        year = f.projection.target_year - 1
        if np.isnan(f.public_rate_full) and np.isnan(f.public_rate):
            return [t("summary.target.public_out_of_reach", lang, year=year)] if self.public is not None else []
        code = f.projection.province_code
        j = self.setup.provinces.index(code)
        k = list(self.setup.years).index(year)
        iei = float(self.setup.values["public_investment_efficiency"][0, j, k])
        lines = [
            t(
                "summary.target.public",
                lang,
                rate=share(f.public_rate, 1, lang),
                year=year,
                money=rupiah(f.public_budgeted, lang),
                iei=number(iei, 2, lang),
                rate_full=share(f.public_rate_full, 1, lang),
            )
        ]
        if not np.isnan(f.public_cap):
            max_share = float(self.setup.values["apbd_capex_share_max"][0, j, k])
            lines.append(
                t(
                    "summary.target.public_cap",
                    lang,
                    cap=rupiah(f.public_cap, lang),
                    year=year,
                    share=share(max_share, 0, lang),
                )
            )
        return lines

    def _public_columns(self, cells: Any, base_proj: pd.DataFrame) -> dict[str, Any]:
        """target.csv's public-investment columns (NaN without them)."""
        n = len(base_proj)
        values = self.setup.values
        price = base_proj["deflator"].to_numpy()
        nominal = cells(self.requirements.grdp_real) * price  # along the required path
        cap = cells(values["apbd_capex_share_max"] * values["apbd_expenditure"])
        known = cells(values["apbd_expenditure"]) > 0
        if self.public is None:
            nan = np.full(n, np.nan)
            return {k: nan for k in ("required_public_investment_rate", "required_public_investment")} | {
                "required_public_investment_rate_full_efficiency": nan,
                "public_capital_spending_cap": np.where(known, cap, np.nan),
                "public_investment_within_budget": pd.array([pd.NA] * n, dtype="boolean"),
            }
        rate = cells(self.public.rate)
        budgeted = rate * nominal / cells(values["budget_execution_rate"])
        within = pd.array(np.where(known, budgeted <= cap * (1 + 1e-12), False), dtype="boolean")
        within[~known | np.isnan(rate)] = pd.NA
        return {
            "required_public_investment_rate": rate,
            "required_public_investment": budgeted,
            "required_public_investment_rate_full_efficiency": cells(self.public.rate_full_efficiency),
            "public_capital_spending_cap": np.where(known, cap, np.nan),
            "public_investment_within_budget": within,
        }

    def financing_table(self) -> pd.DataFrame:
        """financing.csv: the gap against every source at its maximum, and the remainder; one row per
        scenario, province, projected year and source (see ``FINANCING_COLUMNS``).

        Computed once per result; each call returns a copy.

        Raises
        ------
        ValueError
            The result was built without its financing (not by :func:`growth8.solve_target`).
        """
        return self._financing_table.copy()

    @cached_property
    def _financing_table(self) -> pd.DataFrame:
        """The cache behind :meth:`financing_table`."""
        if self.financing is None:
            raise ValueError("this TargetResult has no financing; build it with growth8.solve_target")
        setup = self.setup
        return financing_frame(
            self.financing,
            self.requirements.investment_gap_real,
            setup.values["tfp_growth"],
            setup.scenarios,
            setup.provinces,
            self.projection.province_names,
            setup.years,
        )

    def financing_facts(self) -> dict[tuple[str, int], FinancingFacts]:
        """The financing in each province's target year, per (scenario, province code)."""
        tab = self.financing_table()
        projected = self.projection.table()
        out = {}
        for key, proj in self.projection.facts().items():
            scen, code = key
            rows = tab[(tab["scenario"] == scen) & (tab["province_code"] == code)]
            i, j = self.setup.scenarios.index(scen), self.setup.provinces.index(code)
            k = list(self.setup.years).index(proj.target_year)
            mine = projected[(projected["scenario"] == scen) & (projected["province_code"] == code)]
            price = float(mine.loc[mine["year"] == proj.target_year, "deflator"].iloc[0])
            out[key] = financing_facts(rows, proj.target_year, float(self.requirements.grdp_real[i, j, 0, k]) * price)
        return out

    def financing_sentences(self, scen: str, code: int, lang: str = "en") -> list[str]:
        """The whole financing picture in words, as the console and the report say it: the gap in the target
        year against every source at its maximum, the remainder with the TFP growth that closes it, and the
        highest growth with every source at its maximum. Empty without financing or without a gap."""
        if self.financing is None:
            return []
        ff = self.financing_facts()[(scen, code)]
        f = self.facts()[(scen, code)]
        if not ff.gap > 0:
            return []
        money = {src: source_maximum_text(ff, src, lang) for src in ff.max_extra}
        lines = [
            t(
                "summary.target.financing",
                lang,
                year=ff.year,
                gap=rupiah(ff.gap, lang),
                gap_share=share(ff.gap_share_of_grdp, 1, lang),
                share=share(ff.financed_share, 2, lang),
                **money,
            )
        ]
        if ff.not_financed > 0:
            lines.append(
                t(
                    "summary.target.not_financed",
                    lang,
                    rest=rupiah(ff.not_financed, lang),
                    tfp=percent(ff.tfp_required, 2, lang),
                    tfp_year=ff.tfp_year if ff.tfp_year is not None else ff.year,
                    tfp_assumed=percent(ff.tfp_assumed, 2, lang),
                )
            )
        else:
            lines.append(t("summary.target.all_financed", lang, year=ff.year))
        if not np.isnan(f.max_growth_all):
            lines.append(
                t(
                    "summary.target.max_growth_all",
                    lang,
                    growth=percent(f.max_growth_all, 2, lang),
                    reason=t(f"reason.{f.max_reason_all}", lang),
                    year=f.max_year_all,
                )
            )
        return lines

    def max_growth_table(self) -> pd.DataFrame:
        """max_growth.csv: the highest reachable constant growth per scenario and province.

        Computed once per result; each call returns a copy.
        """
        return self._max_growth_table.copy()

    @cached_property
    def _max_growth_table(self) -> pd.DataFrame:
        """The cache behind :meth:`max_growth_table`."""
        mg = self.max_growth
        setup = self.setup
        proj = self.projection.table()
        rows = []
        for i, scen in enumerate(setup.scenarios):
            for j, (code, name) in enumerate(zip(setup.provinces, self.projection.province_names, strict=True)):
                by_year = mg.by_year[i, j, 0, 1:]
                sel = proj[(proj["scenario"] == scen) & (proj["province_code"] == code) & ~proj["observed"]]
                rows.append(
                    {
                        "scenario": scen,
                        "province_code": code,
                        "province": name,
                        "max_constant_growth": mg.constant[i, j, 0],
                        "binding_reason": mg.binding_reason[i, j, 0],
                        "binding_year": int(mg.binding_year[i, j, 0]),
                        "converged": bool(mg.converged[i, j, 0]),
                        "iterations": int(mg.iterations[i, j, 0]),
                        "residual": mg.residual[i, j, 0],
                        "max_growth_mean_by_year": float(np.mean(by_year)),
                        "projected_growth_mean": float(sel["growth"].mean()),
                        "target_growth": setup.config.province_targets[code].growth,
                        **self._all_sources_columns(i, j),
                    }
                )
        return pd.DataFrame(rows)

    def _all_sources_columns(self, i: int, j: int) -> dict[str, Any]:
        """max_growth.csv's all-sources columns for scenario i, province j (NaN without them)."""
        mg = self.max_growth_all
        if mg is None:
            return {
                "max_constant_growth_all_sources": np.nan,
                "binding_reason_all_sources": "",
                "binding_year_all_sources": -1,
            }
        return {
            "max_constant_growth_all_sources": mg.constant[i, j, 0],
            "binding_reason_all_sources": mg.binding_reason[i, j, 0],
            "binding_year_all_sources": int(mg.binding_year[i, j, 0]),
        }

    def to_frame(self) -> pd.DataFrame:
        """Long form of target.csv: scenario, province_code, province, year, variable, value, unit."""
        wide = self.table()
        ids = ["scenario", "province_code", "province", "year"]
        numeric = [c for c in wide.columns if c not in (*ids, "binding_reason", "reasons")]
        long = wide.melt(id_vars=ids, value_vars=numeric, var_name="variable", value_name="value")
        long["value"] = long["value"].astype(float)
        long["unit"] = long["variable"].map(lambda c: unit(TARGET_COLUMNS[c], "en"))
        return long

    def facts(self) -> dict[tuple[str, int], TargetFacts]:
        """The summary facts per (scenario, province code): what the target needs and whether it can happen.

        Computed once per result; each call returns a copy.
        """
        return dict(self._facts)

    @cached_property
    def _facts(self) -> dict[tuple[str, int], TargetFacts]:
        """The cache behind :meth:`facts`."""
        tab = self.table()
        best = self.max_growth_table()
        projected = self.projection.table()
        out = {}
        for key, proj in self.projection.facts().items():
            scen, code = key
            req = tab[(tab["scenario"] == scen) & (tab["province_code"] == code)]
            row = best[(best["scenario"] == scen) & (best["province_code"] == code)].iloc[0]
            mine = projected[(projected["scenario"] == scen) & (projected["province_code"] == code)]
            nominal = float(mine.loc[mine["year"] == proj.target_year, "grdp_nominal"].iloc[0])
            out[key] = target_facts(proj, req, row, nominal)
        return out

    def plot(self, province: int | str | None = None, lang: str = "en", kind: str = "investment") -> Any:
        """The report's charts of the target: ``kind="investment"`` (the investment rate needed against the
        baseline and the ICOR view; BPD loans against their limits) or ``"paths"`` (GRDP and growth against
        the target path). Returns a matplotlib Figure.

        Raises
        ------
        InputError
            An unknown ``kind`` or a province not in the result.
        """
        from growth8.results.figures import draw, investment_figure, paths_figure, province_code

        code = province_code(self.projection, province)
        if kind == "paths":
            return draw(paths_figure(self.projection, code, lang, target=self), lang)
        if kind == "investment":
            return draw(investment_figure(self, code, lang), lang)
        from growth8.errors import InputError, Problem

        raise InputError([Problem.of("option.plot_kind", key="kind", value=kind, choices="investment, paths")])

    def summary(self, lang: str = "en") -> Summary:
        """One paragraph per scenario and province from :meth:`facts`, and a table of the years to the target."""
        tab = self.table()
        cfg = self.setup.config
        years = self.setup.years
        lines: list[str] = [target_line(cfg, int(years[1]), lang)]
        tables = []
        for (scen, code), f in self.facts().items():
            p = f.projection
            scen_title = cfg.scenario_title(scen, lang)
            pct = lambda v, d=1: percent(v, d, lang)  # noqa: E731
            if f.meets_target:
                lines.append(
                    t("summary.target.meets", lang, province=p.province, scenario=scen_title, target=pct(p.target))
                )
            else:
                parts = [
                    t(
                        "summary.target.needs",
                        lang,
                        province=p.province,
                        scenario=scen_title,
                        target=pct(p.target),
                        year=p.target_year,
                        year_before=p.target_year - 1,
                        iy=pct(f.required_investment_rate),
                        base_year=p.base_year,
                        iy_now=pct(p.investment_rate_now),
                        icor=number(f.icor, 1, lang),
                        icor_iy=pct(f.icor_investment_rate),
                    ),
                    t(
                        "summary.target.bpd_path",
                        lang,
                        credit_growth=pct(f.required_credit_growth),
                        base_year=p.base_year,
                        year=p.target_year,
                        credit=rupiah(f.required_bpd_credit, lang),
                        times=number(f.required_credit_to_grdp, 1, lang),
                        deposits=rupiah(f.required_deposits, lang),
                        injection=rupiah(f.injection_to_target, lang),
                        start=p.base_year + 1,
                    ),
                    *self.public_sentences(f, lang),
                    t(
                        "summary.target.tfp",
                        lang,
                        tfp_year=pct(f.tfp_required_target_year, 2),
                        year=p.target_year,
                        tfp_mean=pct(f.tfp_required_mean, 2),
                        start=p.base_year + 1,
                        end=p.horizon,
                    ),
                ]
                if f.n_infeasible:
                    parts.append(
                        t(
                            "summary.target.infeasible",
                            lang,
                            reason=t(f"reason.{f.first_reason}", lang),
                            year=f.first_infeasible_year,
                            n=f.n_infeasible,
                            total=f.n_years,
                        )
                    )
                else:
                    parts.append(t("summary.target.feasible", lang))
                if np.isnan(f.max_growth):
                    parts.append(t("summary.target.no_max_growth", lang))
                else:
                    parts.append(
                        t(
                            "summary.target.max_growth",
                            lang,
                            growth=pct(f.max_growth, 2),
                            reason=t(f"reason.{f.max_reason}", lang),
                            year=f.max_year,
                        )
                    )
                parts.extend(self.financing_sentences(scen, code, lang))
                if not np.isnan(f.gap_share_max):
                    parts.append(
                        t(
                            "summary.target.share",
                            lang,
                            share_max=share(f.gap_share_max, 2, lang),
                            max_year=f.gap_share_max_year,
                            start=p.base_year + 1,
                            end=p.horizon,
                            share_mean=share(f.gap_share_mean, 2, lang),
                        )
                    )
                lines.append(" ".join(parts))
            rows = tab[(tab["scenario"] == scen) & (tab["province_code"] == code)]
            pick = rows[rows["year"].isin([p.base_year, *range(p.base_year + 1, p.target_year + 1), p.horizon])]
            shown = pd.DataFrame(
                {
                    t("summary.col.year", lang): pick["year"].astype(int),
                    t("summary.col.target", lang): [percent(v, 2, lang) for v in pick["target_growth"]],
                    t("summary.col.required_investment_rate", lang): [
                        percent(v, 1, lang) for v in pick["required_investment_rate"]
                    ],
                    t("summary.col.investment_rate", lang): [
                        percent(v, 1, lang) for v in pick["baseline_investment_rate"]
                    ],
                    t("summary.col.icor_investment_rate", lang): [
                        percent(v, 1, lang) for v in pick["icor_required_investment_rate"]
                    ],
                    t("summary.col.required_bpd_credit", lang): [
                        number(v, 0, lang) for v in pick["required_bpd_credit"]
                    ],
                    t("summary.col.injection", lang): [number(v, 0, lang) for v in pick["required_capital_injection"]],
                    t("summary.col.status", lang): [
                        t("summary.status.ok", lang)
                        if r == "none"
                        else t("summary.status.not_ok", lang, reason=t(f"reason.{r}", lang))
                        for r in pick["binding_reason"]
                    ],
                }
            )
            tables.append((t("summary.table_caption", lang, province=p.province, scenario=scen_title), shown))
        title = t("summary.target.title", lang, title=cfg.title_in(lang))
        return Summary(title=title, lines=tuple(lines), tables=tuple(tables))
