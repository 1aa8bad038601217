"""The target result: what a target path needs, whether it can happen, and the highest reachable growth."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from growth8.assemble import ModelSetup
from growth8.i18n import number, percent, t
from growth8.results.facts import TargetFacts, target_facts
from growth8.results.projection import ProjectionResult
from growth8.summary import Summary

#: target.csv columns with units; the first twenty-two are the output contract.
TARGET_COLUMNS: dict[str, str] = {
    "scenario": "",
    "province_code": "BPS code",
    "province": "",
    "year": "",
    "target_growth": "fraction, year-1 to year",
    "required_investment_rate": "fraction of GRDP (I/Y of the year, for growth into the next)",
    "baseline_investment_rate": "fraction of GRDP",
    "capital_output_ratio": "ratio, along the target path",
    "tfp_growth": "fraction",
    "labour_growth": "fraction",
    "capital_share": "fraction",
    "depreciation": "fraction",
    "investment_gap_real": "Rp bn, 2010 prices",
    "required_bpd_credit": "Rp bn, nominal",
    "required_bpd_credit_growth": "fraction",
    "required_deposits": "Rp bn, nominal",
    "required_equity": "Rp bn, nominal",
    "required_capital_injection": "Rp bn, nominal",
    "required_tfp_growth": "fraction (at the baseline investment rate, capped)",
    "icor_required_investment_rate": "fraction of GRDP (historical ICOR x target growth)",
    "feasible": "true / false",
    "binding_reason": "first reason the requirement cannot happen",
    "reasons": "every reason, ';'-separated",
    "grdp_real": "Rp bn, 2010 prices, along the target path",
    "required_extra_lending": "Rp bn, nominal, above the counterfactual",
    "projected_deposits": "Rp bn, nominal",
    "deposit_gap": "Rp bn, nominal (required - projected)",
    "historical_icor": "ratio (mean I/Y over mean growth, calibration window)",
    "bpd_gap_share": "fraction of the investment gap the BPD can finance at most",
    "projected_growth": "fraction (the scenario's projection)",
    "max_growth": "fraction (when the BPD lends the most it can each year)",
}


@dataclass(frozen=True)
class TargetResult:
    """What a target path needs, per scenario, province and year; and the highest reachable growth.

    Attributes
    ----------
    projection : ProjectionResult
        The scenario projections the requirements are measured against.
    requirements : growth8.model.inverse.Requirements
    max_growth : growth8.model.inverse.MaxGrowth
    """

    projection: ProjectionResult = field(repr=False)
    requirements: Any = field(repr=False)
    max_growth: Any = field(repr=False)

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
        """target.csv: one row per scenario, province and year (base year to horizon)."""
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
            }
        )
        base = frame["year"].to_numpy() == setup.years[0]
        frame.loc[base, "target_growth"] = base_proj.loc[base, "growth"].to_numpy()
        frame.loc[base, "max_growth"] = np.nan
        return frame[list(TARGET_COLUMNS)]

    def max_growth_table(self) -> pd.DataFrame:
        """max_growth.csv: the highest reachable constant growth per scenario and province."""
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
                    }
                )
        return pd.DataFrame(rows)

    def to_frame(self) -> pd.DataFrame:
        """Long form of target.csv: scenario, province_code, province, year, variable, value, unit."""
        wide = self.table()
        ids = ["scenario", "province_code", "province", "year"]
        numeric = [c for c in wide.columns if c not in (*ids, "binding_reason", "reasons")]
        long = wide.melt(id_vars=ids, value_vars=numeric, var_name="variable", value_name="value")
        long["value"] = long["value"].astype(float)
        long["unit"] = long["variable"].map(TARGET_COLUMNS)
        return long

    def facts(self) -> dict[tuple[str, int], TargetFacts]:
        """The summary facts per (scenario, province code): what the target needs and whether it can happen."""
        tab = self.table()
        best = self.max_growth_table()
        out = {}
        for key, proj in self.projection.facts().items():
            scen, code = key
            req = tab[(tab["scenario"] == scen) & (tab["province_code"] == code)]
            row = best[(best["scenario"] == scen) & (best["province_code"] == code)].iloc[0]
            out[key] = target_facts(proj, req, row)
        return out

    def summary(self, lang: str = "en") -> Summary:
        """One plain-words answer per scenario and province, with the numbers."""
        from growth8.model.inverse import REASON_TEXT

        tab = self.table()
        mg = self.max_growth_table()
        cfg = self.setup.config
        years = self.setup.years
        lines: list[str] = []
        tables = []
        for scen in self.setup.scenarios:
            for code, name in zip(self.setup.provinces, self.projection.province_names, strict=True):
                spec = cfg.province_targets[code]
                rows = tab[(tab["scenario"] == scen) & (tab["province_code"] == code)]
                proj = rows[rows["year"] > years[0]]
                goal_year = min(max(spec.by, int(years[1])), int(years[-1]))
                at = rows[rows["year"] == goal_year - 1].iloc[0]  # investment of the year before reaching the level
                stock = rows[rows["year"] == goal_year].iloc[0]  # loans, deposits by the target year
                today = rows.iloc[0]
                n_years = goal_year - int(years[0])
                with np.errstate(invalid="ignore"):
                    credit_growth = (stock["required_bpd_credit"] / today["required_bpd_credit"]) ** (1 / n_years) - 1
                inj_total = proj["required_capital_injection"].sum()
                inj_row = proj.loc[proj["required_capital_injection"].idxmax()]
                infeasible = proj[~proj["feasible"]]
                m = mg[(mg["scenario"] == scen) & (mg["province_code"] == code)].iloc[0]
                pct = lambda v, d=1: percent(v, d, lang)  # noqa: E731
                num = lambda v: number(v, 0, lang)  # noqa: E731
                if lang == "id":
                    head = (
                        f"{name} [{scen}]: untuk mengikuti target ({pct(spec.growth)} pada {goal_year}), "
                        f"investasi harus mencapai {pct(at['required_investment_rate'])} dari PDRB "
                        f"pada {goal_year - 1} "
                        f"(kini {pct(today['required_investment_rate'])}); kredit BPD harus tumbuh "
                        f"{pct(credit_growth)} per tahun hingga {goal_year} (tren kini "
                        f"{pct(self.setup.values['baseline_bpd_credit_growth'][0, 0, 1])}), menjadi Rp "
                        f"{num(stock['required_bpd_credit'])} miliar; DPK Rp {num(stock['required_deposits'])} miliar; "
                        f"penyertaan modal total Rp {num(inj_total)} miliar (terbesar Rp "
                        f"{num(inj_row['required_capital_injection'])} miliar pada {int(inj_row['year'])}). "
                        f"Atau pertumbuhan PTF {pct(proj['required_tfp_growth'].mean(), 2)} per tahun pada rasio "
                        f"investasi kini. Pandangan ICOR (ICOR {number(today['historical_icor'], 1, lang)}): "
                        f"{pct(at['icor_required_investment_rate'])} dari PDRB."
                    )
                else:
                    head = (
                        f"{name} [{scen}]: to follow the target ({pct(spec.growth)} by {goal_year}), investment must "
                        f"reach {pct(at['required_investment_rate'])} of GRDP in {goal_year - 1} "
                        f"(today {pct(today['required_investment_rate'])}); BPD loans must grow "
                        f"{pct(credit_growth)} a year to {goal_year} (trend today "
                        f"{pct(self.setup.values['baseline_bpd_credit_growth'][0, 0, 1])}), to Rp "
                        f"{num(stock['required_bpd_credit'])} bn; deposits Rp {num(stock['required_deposits'])} bn; "
                        f"capital injections Rp {num(inj_total)} bn in all (largest Rp "
                        f"{num(inj_row['required_capital_injection'])} bn in {int(inj_row['year'])}). "
                        f"Or TFP growth of {pct(proj['required_tfp_growth'].mean(), 2)} a year at today's investment "
                        f"rate. ICOR view (ICOR {number(today['historical_icor'], 1, lang)}): "
                        f"{pct(at['icor_required_investment_rate'])} of GRDP."
                    )
                if len(infeasible):
                    first = infeasible.iloc[0]
                    why = REASON_TEXT[first["binding_reason"]][lang]
                    verdict = (
                        f" TIDAK LAYAK: {why} sejak {int(first['year'])} ({len(infeasible)} dari {len(proj)} tahun)."
                        if lang == "id"
                        else f" NOT FEASIBLE: {why} from {int(first['year'])} ({len(infeasible)} of {len(proj)} years)."
                    )
                else:
                    verdict = " Layak dalam semua batas." if lang == "id" else " Feasible within every limit."
                share = proj["bpd_gap_share"].dropna()
                reason = REASON_TEXT.get(m["binding_reason"], {"en": m["binding_reason"], "id": m["binding_reason"]})[
                    lang
                ]
                if np.isnan(m["max_constant_growth"]):
                    best = (
                        " Tidak ada pertumbuhan konstan yang layak."
                        if lang == "id"
                        else " No constant growth is feasible."
                    )
                elif lang == "id":
                    best = (
                        f" Pertumbuhan konstan tertinggi yang dapat dicapai: {pct(m['max_constant_growth'], 2)} "
                        f"(batas: {reason}, {m['binding_year']})."
                    )
                else:
                    best = (
                        f" Highest reachable constant growth: {pct(m['max_constant_growth'], 2)} "
                        f"(binding: {reason}, {m['binding_year']})."
                    )
                if len(share):
                    best += (
                        f" BPD dapat membiayai paling banyak {pct(share.mean(), 2)} dari kesenjangan investasi; "
                        "sisanya harus dari bank lain, APBD/APBN, investasi swasta (PMA/PMDN) atau produktivitas."
                        if lang == "id"
                        else f" The BPD can finance at most {pct(share.mean(), 2)} of the investment gap; "
                        "the rest must come from other banks, the budget, private investment (PMA/PMDN) "
                        "or productivity."
                    )
                lines.append(head + verdict + best)
                pick = rows[rows["year"].isin([int(years[0]), *range(int(years[1]), goal_year + 1), int(years[-1])])]
                shown = pd.DataFrame(
                    {
                        t("year", lang): pick["year"].astype(int),
                        t("target", lang): [percent(v, 2, lang) for v in pick["target_growth"]],
                        "I/Y*": [percent(v, 1, lang) for v in pick["required_investment_rate"]],
                        "I/Y": [percent(v, 1, lang) for v in pick["baseline_investment_rate"]],
                        "ICOR I/Y": [percent(v, 1, lang) for v in pick["icor_required_investment_rate"]],
                        ("Kredit BPD* (Rp miliar)" if lang == "id" else "BPD loans* (Rp bn)"): [
                            number(v, 0, lang) for v in pick["required_bpd_credit"]
                        ],
                        ("Penyertaan (Rp miliar)" if lang == "id" else "Injection (Rp bn)"): [
                            number(v, 0, lang) for v in pick["required_capital_injection"]
                        ],
                        ("Layak" if lang == "id" else "Feasible"): [
                            REASON_TEXT[r][lang] if r != "none" else ("ya" if lang == "id" else "yes")
                            for r in pick["binding_reason"]
                        ],
                    }
                )
                tables.append((f"{name} - {cfg.scenario_titles.get(scen, scen)}", shown))
        title = ("Apa yang dibutuhkan untuk target: " if lang == "id" else "What the target needs: ") + cfg.title
        return Summary(title=title, lines=tuple(lines), tables=tuple(tables))
