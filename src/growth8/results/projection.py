"""The projection result: projected paths for every scenario, province and year (one draw)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from growth8._version import __version__
from growth8.assemble import ModelSetup
from growth8.i18n import number, percent, t, unit
from growth8.model.engine import BINDING_LABELS, EngineOutput
from growth8.results.facts import ProjectionFacts, projection_facts
from growth8.summary import Summary

if TYPE_CHECKING:
    from growth8.data import Panel

#: parameters.csv's source columns: the language -> the column holding the sources in it.
SOURCE_COLUMNS = {"en": "source", "id": "source_id"}

#: projection.csv columns with their unit codes (words: growth8.i18n.unit), in order. The first fifteen are the
#: output contract; the rest are additions.
PROJECTION_COLUMNS: dict[str, str] = {
    "scenario": "",
    "province_code": "bps_code",
    "province": "",
    "year": "",
    "grdp_real": "rp_bn_real",
    "growth": "growth_fraction",
    "investment_rate": "share_of_grdp",
    "capital_output_ratio": "ratio",
    "tfp_growth": "fraction",
    "labour_growth": "fraction",
    "capital_share": "fraction",
    "depreciation": "fraction",
    "bpd_credit": "rp_bn_nominal",
    "bpd_credit_feasible": "rp_bn_nominal",
    "binding_constraint": "binding_codes",
    "observed": "observed_flag",
    "target_growth": "fraction",
    "growth_gap": "growth_gap",
    "investment_rate_base": "share_of_grdp",
    "extra_investment_real": "rp_bn_real",
    "kappa": "fraction",
    "deflator": "deflator",
    "grdp_nominal": "rp_bn_nominal",
    "bpd_credit_growth": "fraction",
    "bpd_credit_reference": "rp_bn_nominal",
    "bpd_deposits": "rp_bn_nominal",
    "bpd_equity": "rp_bn_nominal",
    "capital_injection": "rp_bn_nominal",
    "funding_limit": "rp_bn_nominal",
    "car_limit": "rp_bn_nominal",
    "credit_shortfall": "rp_bn_nominal",
    "rim_limit": "rp_bn_nominal",
    "bpd_extra_investment_real": "rp_bn_real",
    "other_bank_extra_investment_real": "rp_bn_real",
    "direct_extra_investment_real": "rp_bn_real",
    "public_extra_investment_real": "rp_bn_real",
    "other_bank_credit": "rp_bn_nominal",
    "other_bank_credit_reference": "rp_bn_nominal",
    "public_investment_rate": "share_of_grdp",
    "public_investment": "rp_bn_nominal",
    "public_capital_output_ratio": "ratio",
    "public_capital": "rp_bn_real",
    "public_capital_growth_contribution": "growth_contribution",
}


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
        Indonesian province names, in the order of ``setup.provinces``.
    panel : Panel
        The data it ran on (history, provenance); never re-read from disk.
    data_source : str
        Why that data folder (see :class:`growth8.pipeline.Inputs`).
    """

    setup: ModelSetup = field(repr=False)
    output: EngineOutput = field(repr=False)
    target_growth: np.ndarray = field(repr=False)
    province_names: tuple[str, ...]
    panel: Panel | None = field(default=None, repr=False, compare=False)
    data_source: str = "given"

    @property
    def data_dir(self) -> str:
        """The data folder the projection ran on."""
        return str(self.panel.data_dir) if self.panel is not None else ""

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

        Computed once per result; each call returns a copy.

        The base-year row holds observed values (GRDP, growth); later rows are
        projections. Parameter columns hold the values used for the growth into
        that year.
        """
        return self._table.copy()

    @cached_property
    def _table(self) -> pd.DataFrame:
        """The cache behind :meth:`table`."""
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
                "funding_limit": self._draw("funding_limit").reshape(-1),
                "car_limit": self._draw("car_limit").reshape(-1),
                "credit_shortfall": self._draw("credit_shortfall").reshape(-1),
                # an RIM ceiling that is off is infinite: shown as missing
                "rim_limit": np.where(np.isinf(rim := self._draw("rim_limit")), np.nan, rim).reshape(-1),
                **{
                    name: self._draw(name).reshape(-1)
                    for name in (
                        "bpd_extra_investment_real",
                        "other_bank_extra_investment_real",
                        "direct_extra_investment_real",
                        "public_extra_investment_real",
                        "other_bank_credit",
                        "other_bank_credit_reference",
                        "public_investment_rate",
                        "public_capital_output_ratio",
                        "public_capital_growth_contribution",
                    )
                },
                "public_investment": (
                    self._draw("public_investment_rate") * self._draw("grdp_real") * self._draw("deflator")
                ).reshape(-1),
                "public_capital": (self._draw("public_capital_output_ratio") * self._draw("grdp_real")).reshape(-1),
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
        for base-year parameters); ``value_horizon`` the value at the horizon; ``source`` where the value
        comes from in English and ``source_id`` the same in Indonesian.
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
                            **{col: setup.sources[param][i][j].text(lang) for lang, col in SOURCE_COLUMNS.items()},
                        }
                    )
        return pd.DataFrame(rows)

    def growth_decomposition(self, history: bool = True) -> pd.DataFrame:
        """Sources of growth per scenario, province and year: private capital, public capital, labour,
        human capital and TFP, in growth points that add up to the year's growth.

        Parameters
        ----------
        history : bool
            Also the observed years with investment data (the perpetual-inventory years of
            :func:`growth8.estimation.capital_stock`), repeated under every scenario, ``observed`` True.

        Returns
        -------
        DataFrame
            ``scenario, province_code, province, year, observed, growth`` and one ``<source>_contribution``
            column per name of :data:`growth8.model.solow.GROWTH_SOURCES` (growth points, fractions); the
            contributions of a row add up to its growth (NaN counting as 0).

        Notes
        -----
        Projected years decompose the engine's step (see :func:`growth8.model.solow.growth_contributions`)
        with the private capital factor capf_t = 1 - delta_t + s_{t-1} / ky_{t-1} and the public one
        capf_G,t = 1 - delta_G,t + theta s_G,t-1 / kg_{t-1}; they add up to the projected growth exactly.
        Observed years take the BPS growth, the perpetual-inventory capital (K_t / K_{t-1}) and the
        calibrated labour and human-capital growth of the province (trends, the same in every year);
        TFP is then the residual. PMTB includes government investment, so there the capital contribution
        holds public capital too and ``public_capital_contribution`` is NaN (not separated).
        """
        frame = self._decomposition
        return (frame if history else frame[~frame["observed"]]).reset_index(drop=True)

    @cached_property
    def _decomposition(self) -> pd.DataFrame:
        """The cache behind :meth:`growth_decomposition` (with the observed years)."""
        from growth8.model.solow import GROWTH_SOURCES, growth_contributions

        values = self.setup.values
        zero = np.zeros_like(values["tfp_growth"])

        def lag(name: str) -> np.ndarray:
            return self._draw(name)[..., :-1]

        capf = 1.0 - values["depreciation"][..., 1:] + lag("investment_rate") / lag("capital_output_ratio")
        capf_g = (
            1.0
            - values["public_capital_depreciation"][..., 1:]
            + lag("public_investment_effective") / lag("public_capital_output_ratio")
        )
        growth = self._draw("growth")[..., 1:]
        parts = growth_contributions(
            growth,
            values["tfp_growth"][..., 1:],
            capf,
            values["capital_share"][..., 1:],
            values["labour_growth"][..., 1:],
            values.get("human_capital_growth", zero)[..., 1:],
            values["public_capital_elasticity"][..., 1:],
            capf_g,
        )
        s_n, p_n, t_n = growth.shape
        scen = np.array(self.setup.scenarios, dtype=object)
        frame = pd.DataFrame(
            {
                "scenario": np.repeat(scen, p_n * t_n),
                "province_code": np.tile(np.repeat(np.array(self.setup.provinces), t_n), s_n),
                "province": np.tile(np.repeat(np.array(self.province_names, dtype=object), t_n), s_n),
                "year": np.tile(self.years[1:], s_n * p_n),
                "observed": False,
                "growth": growth.reshape(-1),
                **{f"{k}_contribution": parts[k].reshape(-1) for k in GROWTH_SOURCES},
            }
        )
        if self.panel is not None:
            frame = pd.concat([self._history_decomposition(), frame], ignore_index=True)
            frame = frame.sort_values(["scenario", "province_code", "year"], kind="stable", key=self._order)
        return frame.reset_index(drop=True)

    def _order(self, column: pd.Series) -> pd.Series:
        """Sort key keeping the config's scenario and province order."""
        if column.name == "scenario":
            return column.map({s: i for i, s in enumerate(self.setup.scenarios)})
        if column.name == "province_code":
            return column.map({c: i for i, c in enumerate(self.setup.provinces)})
        return column

    def _history_decomposition(self) -> pd.DataFrame:
        """The observed years of :meth:`growth_decomposition`."""
        from growth8.estimation import capital_stock
        from growth8.model.solow import GROWTH_SOURCES, growth_contributions

        assert self.panel is not None
        cal = self.setup.calibration
        labour, human = cal.column("labour_growth"), cal.column("human_capital_growth")
        values = self.setup.values
        stocks: dict[tuple[int, float, float], pd.DataFrame] = {}  # scenarios mostly share delta and alpha
        rows = []
        for s_i, scen in enumerate(self.setup.scenarios):
            for p_i, (code, name) in enumerate(zip(self.setup.provinces, self.province_names, strict=True)):
                alpha = float(values["capital_share"][s_i, p_i, 1])
                delta = float(values["depreciation"][s_i, p_i, 1])
                if (code, delta, alpha) not in stocks:
                    stocks[(code, delta, alpha)] = capital_stock(
                        self.panel, [code], depreciation=delta, capital_share=alpha
                    )
                pim = stocks[(code, delta, alpha)]
                pim = pim[pim["year"] <= int(self.years[0])]
                capf = (pim["capital"] / pim["capital"].shift()).to_numpy()
                growth = pim["growth"].to_numpy(dtype=float)
                effective = (1.0 + labour[p_i]) * (1.0 + human[p_i])
                tfp = (1.0 + growth) / (capf**alpha * effective ** (1.0 - alpha)) - 1.0
                parts = growth_contributions(growth, tfp, capf, alpha, labour[p_i], human[p_i])
                for k, year in enumerate(pim["year"]):
                    if np.isnan(capf[k]) or np.isnan(growth[k]):
                        continue
                    rows.append(
                        {
                            "scenario": scen,
                            "province_code": code,
                            "province": name,
                            "year": int(year),
                            "observed": True,
                            "growth": growth[k],
                            **{f"{src}_contribution": float(parts[src][k]) for src in GROWTH_SOURCES},
                            # inside capital: PMTB includes government investment
                            "public_capital_contribution": np.nan,
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
        long["unit"] = long["variable"].map(lambda c: unit(PROJECTION_COLUMNS[c], "en"))
        return long

    def target_year(self, code: int) -> int:
        """The year province ``code``'s target is due, clipped to the projected years."""
        years = self.years
        return min(max(int(self.setup.config.province_targets[code].by), int(years[1])), int(years[-1]))

    def facts(self) -> dict[tuple[str, int], ProjectionFacts]:
        """The summary facts per (scenario, province code), each against the province's own target.

        Computed once per result; each call returns a copy.
        """
        return dict(self._facts)

    @cached_property
    def _facts(self) -> dict[tuple[str, int], ProjectionFacts]:
        """The cache behind :meth:`facts`."""
        tab = self.table()
        out = {}
        for scen in self.setup.scenarios:
            for code, name in zip(self.setup.provinces, self.province_names, strict=True):
                rows = tab[(tab["scenario"] == scen) & (tab["province_code"] == code)]
                out[(scen, code)] = projection_facts(
                    rows,
                    scenario=scen,
                    code=code,
                    name=name,
                    target=float(self.setup.config.province_targets[code].growth),
                    target_year=self.target_year(code),
                )
        return out

    def plot(self, province: int | str | None = None, lang: str = "en") -> Any:
        """Real GRDP and growth of every scenario against the province's target, with history (the report's
        chart). Returns a matplotlib Figure.

        Parameters
        ----------
        province : int or str, optional
            BPS code, name or slug; default the first province.
        lang : {'id', 'en'}
        """
        from growth8.results.figures import draw, paths_figure, province_code

        return draw(paths_figure(self, province_code(self, province), lang), lang)

    def summary(self, lang: str = "en") -> Summary:
        """One line per scenario and province (mean growth, whether and when it reaches its own target,
        the BPD limits that bind) and a table of selected years; words from the catalogue."""
        cfg = self.setup.config
        tab = self.table()
        years = self.years
        pick = sorted({int(y) for y in years if y <= years[0] + 5 or y % 5 == 0 or y == years[-1]})
        lines = [target_line(cfg, int(years[1]), lang)]
        tables = []
        for (scen, code), f in self.facts().items():
            if f.reach_year is not None:
                reach = t("summary.reach.first", lang, target=percent(f.target, 1, lang), year=f.reach_year)
            else:
                reach = t("summary.reach.never", lang, target=percent(f.target, 1, lang), year=f.horizon)
            if f.n_binding:
                binding = t(
                    "summary.binding.years",
                    lang,
                    limits="/".join(t(f"limit.{x}", lang) for x in f.binding_limits),
                    n=f.n_binding,
                    total=f.n_years,
                    year=f.first_binding_year,
                )
            else:
                binding = t("summary.binding.never", lang)
            lines.append(
                t(
                    "summary.projection.line",
                    lang,
                    province=f.province,
                    scenario=cfg.scenario_title(scen, lang),
                    start=f.base_year + 1,
                    end=f.horizon,
                    avg=percent(f.avg_growth, 2, lang),
                    reach=reach,
                    binding=binding,
                )
            )
            sel = tab[(tab["scenario"] == scen) & (tab["province_code"] == code) & tab["year"].isin(pick)]
            shown = pd.DataFrame(
                {
                    t("summary.col.year", lang): sel["year"].astype(int),
                    t("summary.col.growth", lang): [percent(v, 2, lang) for v in sel["growth"]],
                    t("summary.col.target", lang): [percent(v, 2, lang) for v in sel["target_growth"]],
                    t("summary.col.investment_rate", lang): [percent(v, 1, lang) for v in sel["investment_rate"]],
                    t("summary.col.grdp_real", lang): [number(v, 0, lang) for v in sel["grdp_real"]],
                    t("summary.col.bpd_credit", lang): [number(v, 0, lang) for v in sel["bpd_credit_feasible"]],
                    t("summary.col.binding", lang): [t(f"limit.{b}", lang) for b in sel["binding_constraint"]],
                }
            )
            caption = t("summary.table_caption", lang, province=f.province, scenario=cfg.scenario_title(scen, lang))
            tables.append((caption, shown))
        return Summary(
            title=t("summary.projection.title", lang, title=cfg.title_in(lang)),
            lines=tuple(lines),
            tables=tuple(tables),
        )


def target_line(cfg: Any, first_year: int, lang: str) -> str:
    """The sentence stating the config's target, and each province's own where it differs."""
    line = t(
        "summary.target_line",
        lang,
        growth=percent(cfg.target.growth, 1, lang),
        year=cfg.target.by,
        horizon=cfg.horizon,
        first_year=first_year,
    )
    own = {c: s for c, s in cfg.province_targets.items() if (s.growth, s.by) != (cfg.target.growth, cfg.target.by)}
    if own:
        items = ", ".join(f"{c}: {percent(s.growth, 1, lang)} ({s.by})" for c, s in own.items())
        line += " " + t("summary.province_targets", lang, targets=items)
    return line
