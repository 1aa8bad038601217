"""Immutable result objects: what the CLI, reports and tests read.

A result never recomputes the model: it reshapes the engine's arrays into the
output contract (projection.csv), a long frame, and a plain-words summary.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from . import __version__
from .assemble import ModelSetup
from .engine import BINDING_LABELS, EngineOutput
from .i18n import number, percent, t

#: projection.csv columns with their units, in order. The first fifteen are the
#: output contract; the rest are additions.
PROJECTION_COLUMNS: dict[str, str] = {
    "scenario": "",
    "province_code": "BPS code",
    "province": "",
    "year": "",
    "grdp_real": "Rp bn, 2010 prices",
    "growth": "fraction, year-1 to year",
    "investment_rate": "fraction of GRDP",
    "capital_output_ratio": "ratio",
    "tfp_growth": "fraction",
    "labour_growth": "fraction",
    "capital_share": "fraction",
    "depreciation": "fraction",
    "bpd_credit": "Rp bn, nominal",
    "bpd_credit_feasible": "Rp bn, nominal",
    "binding_constraint": "none / ldr / car",
    "observed": "base year (observed values)",
    "target_growth": "fraction",
    "growth_gap": "fraction (growth - target)",
    "investment_rate_base": "fraction of GRDP",
    "extra_investment_real": "Rp bn, 2010 prices",
    "kappa": "fraction",
    "deflator": "ratio (2010 = 1)",
    "grdp_nominal": "Rp bn, nominal",
    "bpd_credit_growth": "fraction",
    "bpd_credit_reference": "Rp bn, nominal",
    "bpd_deposits": "Rp bn, nominal",
    "bpd_equity": "Rp bn, nominal",
    "capital_injection": "Rp bn, nominal",
    "ldr_limit": "Rp bn, nominal",
    "car_limit": "Rp bn, nominal",
    "credit_shortfall": "Rp bn, nominal",
}


@dataclass(frozen=True)
class Summary:
    """A plain-words summary; prints as text, renders as HTML in a notebook."""

    title: str
    lines: tuple[str, ...]
    tables: tuple[tuple[str, pd.DataFrame], ...]

    def as_text(self) -> str:
        """The summary as plain text."""
        parts = [self.title, "=" * len(self.title), *self.lines]
        for caption, frame in self.tables:
            parts += ["", caption, frame.to_string(index=False)]
        return "\n".join(parts)

    def __str__(self) -> str:
        return self.as_text()

    def _repr_html_(self) -> str:
        body = "".join(f"<p>{html.escape(line)}</p>" for line in self.lines)
        for caption, frame in self.tables:
            body += f"<h4>{html.escape(caption)}</h4>" + frame.to_html(index=False)
        return f"<h3>{html.escape(self.title)}</h3>{body}"


@dataclass(frozen=True)
class ProjectionResult:
    """Projected paths for every scenario, province and year (one draw).

    Attributes
    ----------
    setup : ModelSetup
        Config, calibration and the resolved parameters used.
    output : EngineOutput
        Engine arrays, shape (S, P, 1, T + 1).
    target_growth : ndarray, shape (P, T + 1)
        The target path.
    province_names : tuple of str
    data_dir : str
    """

    setup: ModelSetup = field(repr=False)
    output: EngineOutput = field(repr=False)
    target_growth: np.ndarray = field(repr=False)
    province_names: tuple[str, ...]
    data_dir: str = ""

    @property
    def years(self) -> np.ndarray:
        """Base year to horizon."""
        return self.setup.years

    @property
    def metadata(self) -> dict[str, Any]:
        """Package version, config and data hashes, seed."""
        cfg = self.setup.config
        return {
            "version": __version__,
            "config_hash": cfg.config_hash,
            "data_hash": self.setup.calibration.data_hash,
            "seed": cfg.seed,
        }

    def _draw(self, name: str) -> np.ndarray:
        return getattr(self.output, name)[:, :, 0, :]

    def table(self) -> pd.DataFrame:
        """projection.csv: one row per scenario, province and year.

        The base-year row holds observed values (GRDP, growth); later rows are
        projections. Parameter columns hold the values used for the growth into
        that year.
        """
        s_n, p_n, t_n = len(self.setup.scenarios), len(self.setup.provinces), len(self.years)
        shape = (s_n, p_n, t_n)

        def full(a: np.ndarray) -> np.ndarray:
            return np.broadcast_to(a, shape).reshape(-1)

        growth = self._draw("growth").copy()
        growth[:, :, 0] = self.setup.calibration.column("growth_observed")[None, :]
        values = self.setup.values
        binding = self.output.binding[:, :, 0, :]
        frame = pd.DataFrame(
            {
                "scenario": np.repeat(np.array(self.setup.scenarios, dtype=object), p_n * t_n),
                "province_code": full(np.array(self.setup.provinces)[None, :, None]),
                "province": full(np.array(self.province_names, dtype=object)[None, :, None]),
                "year": full(self.years[None, None, :]),
                "grdp_real": self._draw("grdp_real").reshape(-1),
                "growth": growth.reshape(-1),
                "investment_rate": self._draw("investment_rate").reshape(-1),
                "capital_output_ratio": self._draw("capital_output_ratio").reshape(-1),
                "tfp_growth": values["tfp_growth"].reshape(-1),
                "labour_growth": values["labour_growth"].reshape(-1),
                "capital_share": values["capital_share"].reshape(-1),
                "depreciation": values["depreciation"].reshape(-1),
                "bpd_credit": self._draw("bpd_credit").reshape(-1),
                "bpd_credit_feasible": self._draw("bpd_credit_feasible").reshape(-1),
                "binding_constraint": np.array(BINDING_LABELS, dtype=object)[binding.reshape(-1)],
                "observed": full((self.years == self.years[0])[None, None, :]),
                "target_growth": full(self.target_growth[None, :, :]),
                "growth_gap": (growth - self.target_growth[None, :, :]).reshape(-1),
                "investment_rate_base": values["investment_rate"].reshape(-1),
                "extra_investment_real": self._draw("extra_investment_real").reshape(-1),
                "kappa": self._draw("kappa").reshape(-1),
                "deflator": self._draw("deflator").reshape(-1),
                "grdp_nominal": (self._draw("grdp_real") * self._draw("deflator")).reshape(-1),
                "bpd_credit_growth": values["bpd_credit_growth"].reshape(-1),
                "bpd_credit_reference": self._draw("bpd_credit_reference").reshape(-1),
                "bpd_deposits": self._draw("bpd_deposits").reshape(-1),
                "bpd_equity": self._draw("bpd_equity").reshape(-1),
                "capital_injection": values["capital_injection"].reshape(-1),
                "ldr_limit": self._draw("ldr_limit").reshape(-1),
                "car_limit": self._draw("car_limit").reshape(-1),
                "credit_shortfall": self._draw("credit_shortfall").reshape(-1),
            }
        )
        first = frame["observed"].to_numpy()
        # Parameters of the base-year row are not used for any growth; show them as missing.
        for col in (
            "tfp_growth",
            "labour_growth",
            "capital_share",
            "depreciation",
            "bpd_credit_growth",
            "capital_injection",
        ):
            frame.loc[first, col] = np.nan
        return frame[list(PROJECTION_COLUMNS)]

    def assumptions(self) -> pd.DataFrame:
        """parameters.csv: every parameter's value and source, per scenario and province.

        ``value`` is the value used for the first projected year (the base year
        for base-year parameters); ``value_horizon`` the value at the horizon.
        """
        rows = []
        setup = self.setup
        for param, pdef in setup.defaults.items():
            values = setup.values[param]
            col = 1 if pdef.by_year and param != "investment_rate" else 0
            for i, scen in enumerate(setup.scenarios):
                for j, (code, name) in enumerate(zip(setup.provinces, self.province_names, strict=True)):
                    rows.append(
                        {
                            "scenario": scen,
                            "province_code": code,
                            "province": name,
                            "parameter": param,
                            "title": pdef.title,
                            "unit": pdef.unit,
                            "status": pdef.status,
                            "value": values[i, j, col],
                            "value_horizon": values[i, j, -1] if pdef.by_year else values[i, j, 0],
                            "source": setup.sources[param][i][j],
                        }
                    )
        return pd.DataFrame(rows)

    def to_frame(self) -> pd.DataFrame:
        """Long form: scenario, province_code, province, year, variable, value, unit."""
        wide = self.table()
        ids = ["scenario", "province_code", "province", "year"]
        numeric = [c for c in wide.columns if c not in ids and c != "binding_constraint"]
        long = wide.melt(id_vars=ids, value_vars=numeric, var_name="variable", value_name="value")
        long["value"] = long["value"].astype(float)
        long["unit"] = long["variable"].map(PROJECTION_COLUMNS)
        return long

    def summary(self, lang: str = "en") -> Summary:
        """One block per scenario and province: growth against the target, limits that bind."""
        cfg = self.setup.config
        tab = self.table()
        years = self.years
        pick = sorted({int(y) for y in years if y <= years[0] + 5 or y % 5 == 0 or y == years[-1]})
        lines = [
            t(
                "target_line",
                lang,
                growth=percent(cfg.target.growth, 1, lang),
                year=cfg.target.by,
                horizon=cfg.horizon,
                base_year=int(years[1]),
            )
        ]
        tables = []
        for scen in self.setup.scenarios:
            for code, name in zip(self.setup.provinces, self.province_names, strict=True):
                rows = tab[(tab["scenario"] == scen) & (tab["province_code"] == code)]
                proj = rows[~rows["observed"]]
                hit = proj[proj["growth"] >= cfg.target.growth - 1e-12]
                reach = (
                    t("reached_in", lang, year=int(hit["year"].iloc[0]))
                    if len(hit)
                    else t("never_reached", lang, year=cfg.horizon)
                )
                avg = proj["growth"].mean()
                bind = proj[proj["binding_constraint"] != "none"]
                if len(bind):
                    limits = "/".join(t(x, lang) for x in dict.fromkeys(bind["binding_constraint"]))
                    bind_txt = t(
                        "binding_years",
                        lang,
                        limit=limits,
                        n=len(bind),
                        total=len(proj),
                        year=int(bind["year"].iloc[0]),
                    )
                else:
                    bind_txt = t("no_binding", lang)
                avg_txt = t(
                    "avg_growth",
                    lang,
                    start=int(proj["year"].iloc[0]),
                    end=int(proj["year"].iloc[-1]),
                    value=percent(avg, 2, lang),
                )
                lines.append(f"{name} [{scen}]: {avg_txt}; {reach}; {bind_txt}.")
                sel = rows[rows["year"].isin(pick)]
                shown = pd.DataFrame(
                    {
                        t("year", lang): sel["year"].astype(int),
                        t("growth", lang): [percent(v, 2, lang) for v in sel["growth"]],
                        t("target", lang): [percent(v, 2, lang) for v in sel["target_growth"]],
                        t("investment_rate", lang): [percent(v, 1, lang) for v in sel["investment_rate"]],
                        t("grdp_real", lang): [number(v, 0, lang) for v in sel["grdp_real"]],
                        t("bpd_credit", lang): [number(v, 0, lang) for v in sel["bpd_credit_feasible"]],
                        t("binding", lang): [t(b, lang) for b in sel["binding_constraint"]],
                    }
                )
                tables.append((f"{name} - {cfg.scenario_titles.get(scen, scen)}", shown))
        return Summary(title=t("summary_title", lang, title=cfg.title), lines=tuple(lines), tables=tuple(tables))


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
    requirements : growth8.target.Requirements
    max_growth : growth8.target.MaxGrowth
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
        from .target import reason_labels

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

    def summary(self, lang: str = "en") -> Summary:
        """One plain-words answer per scenario and province, with the numbers."""
        from .target import REASON_TEXT

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
