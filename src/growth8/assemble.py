"""Resolve a config's parameter layers into arrays the engine can run.

Order of precedence for a (scenario, province, year) cell: the default in
configs/defaults.yaml (a number, a calibrated value, or another parameter), then
the config's top-level ``parameters`` (in ``extends`` order), then the
scenario's ``parameters``. Calibrated values that depend on other parameters
(the steady-state capital-output ratio, the TFP residual, BPD capital) are
computed with the config-level values, so a scenario that changes, say, the
capital share shows its effect at unchanged calibrated TFP.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from growth8.calibrate import Calibration
from growth8.config import Override, ScenarioConfig
from growth8.config.checks import fraction_hint, override_problem, unit_text
from growth8.config.parameters import CALIBRATED, ParameterDef
from growth8.config.schema import LABEL_WORDS
from growth8.errors import ConfigError, Problem, SoftBoundWarning, Text
from growth8.forecast import NearTermForecast
from growth8.i18n import Num
from growth8.i18n.provenance import Nums, Source, from_spec
from growth8.model.engine import CALIBRATED_INITIAL, INITIAL_PARAMETERS, PATH_PARAMETERS, EngineInputs
from growth8.model.solow import capital_factor, steady_state_ky, tfp_residual

CONFIG_LAYER = "<config>"


@dataclass(frozen=True)
class ModelSetup:
    """Everything one run needs: resolved parameter arrays with their sources.

    Attributes
    ----------
    config : ScenarioConfig
    calibration : Calibration
    defaults : dict of ParameterDef
    years : ndarray of int, shape (T + 1,)
        Base year to horizon.
    provinces : tuple of int
    scenarios : tuple of str
    values : dict of str to ndarray
        Parameter name -> array of shape (S, P, T + 1).
    sources : dict of str to tuple
        Parameter name -> per scenario, per province, the source of the value
        in the first projected year (a :class:`~growth8.i18n.provenance.Source`, in either language).
    """

    config: ScenarioConfig
    calibration: Calibration
    defaults: Mapping[str, ParameterDef]
    years: np.ndarray
    provinces: tuple[int, ...]
    scenarios: tuple[str, ...]
    values: Mapping[str, np.ndarray] = field(repr=False)
    sources: Mapping[str, tuple[tuple[Source, ...], ...]] = field(repr=False)

    def engine_inputs(self, draws: Mapping[str, np.ndarray] | None = None) -> EngineInputs:
        """Arrays for :func:`growth8.model.engine.run`, shape (S, P, 1, T + 1).

        Parameters
        ----------
        draws : dict, optional
            Parameter name -> array broadcastable to (S, P, D, T + 1) replacing
            the resolved value (used by Monte Carlo).
        """
        draws = draws or {}

        def path(name: str) -> np.ndarray:
            if name in draws:
                return np.asarray(draws[name], dtype=float)
            return self.values[name][:, :, None, :]

        def init(name: str) -> np.ndarray:
            return path(name)[..., 0]

        cal = self.calibration
        paths = {fieldname: path(param) for param, fieldname in PATH_PARAMETERS.items()}
        human = path(HUMAN_CAPITAL) if HUMAN_CAPITAL in self.values else None
        if human is not None and np.any(human):
            paths[PATH_PARAMETERS["labour_growth"]] = effective_labour_growth(
                paths[PATH_PARAMETERS["labour_growth"]], human
            )
        return EngineInputs(
            **{fieldname: cal.column(column)[None, :, None] for column, fieldname in CALIBRATED_INITIAL.items()},
            **{fieldname: init(param) for param, fieldname in INITIAL_PARAMETERS.items()},
            **paths,
        )


#: The parameter that multiplies the labour input (human capital per worker); not an engine field of its own.
HUMAN_CAPITAL = "human_capital_growth"


def effective_labour_growth(labour_growth: np.ndarray, human_capital_growth: np.ndarray) -> np.ndarray:
    """Growth of the labour input in efficiency units.

    Notes
    -----
    With Y = A K^alpha (h L)^(1 - alpha), the labour term of the growth step is
    ((1 + g_L)(1 + g_h))^(1 - alpha), so the engine runs on

        g_L,eff = (1 + g_L)(1 + g_h) - 1

    Where g_h is zero the labour growth is passed through untouched (the same bits).
    """
    combined = (1.0 + labour_growth) * (1.0 + human_capital_growth) - 1.0
    return np.where(human_capital_growth == 0.0, labour_growth, combined)


class _Resolver:
    def __init__(
        self,
        config: ScenarioConfig,
        calibration: Calibration,
        defaults: Mapping[str, ParameterDef],
        years: np.ndarray,
        resolve_province: Callable[[Any], int],
        estimator: Estimator | None = None,
    ):
        self.estimator = estimator
        self.config = config
        self.cal = calibration
        self.defaults = defaults
        self.years = years
        self.rows = {code: i for i, code in enumerate(config.provinces)}
        self.resolve_province = resolve_province
        self.memo: dict[tuple[str, str], tuple[np.ndarray, np.ndarray, list[Source]]] = {}
        self.visiting: set[tuple[str, str]] = set()
        self.problems: list[Problem] = []
        self.setters: dict[tuple[str, str], list[Override | None]] = {}

    # -- layers ------------------------------------------------------------
    def overrides(self, param: str, layer: str) -> list[Override]:
        if layer == CONFIG_LAYER:
            first = self.config.scenarios[0]
            return [o for o in self.config.overrides[first] if o.parameter == param and o.layer == "config"]
        return [o for o in self.config.overrides[layer] if o.parameter == param]

    def array(self, param: str, layer: str) -> np.ndarray:
        return self.resolve(param, layer)[0]

    def resolve(self, param: str, layer: str) -> tuple[np.ndarray, np.ndarray, list[Source]]:
        key = (param, layer)
        if key in self.memo:
            return self.memo[key]
        if key in self.visiting:
            raise ConfigError([Problem.of("error.assemble.cycle", parameter=param)])
        self.visiting.add(key)
        n_p, n_t = len(self.config.provinces), len(self.years)
        pdef = self.defaults[param]
        who = np.full((n_p, n_t), -1, dtype=int)
        setters: list[Override | None] = []
        if isinstance(pdef.value, float):
            arr = np.full((n_p, n_t), pdef.value)
            sources = [pdef.provenance] * n_p
        elif pdef.value == CALIBRATED:
            col, sources = self.calibrated(param)
            arr = col.copy() if col.ndim == 2 else np.repeat(col[:, None], n_t, axis=1)
        else:
            ref, _, ref_src = self.resolve(pdef.value, layer)
            arr = ref.copy()
            sources = [Source.of("provenance.reference", parameter=pdef.value, source=s) for s in ref_src]
        for code, (value, source) in self.cal.bank_figures.get(param, {}).items():
            if code in self.rows:  # the own BPD's figure: the same for this bank in every config
                arr[self.rows[code], :] = value
                sources[self.rows[code]] = source
        for ov in self.overrides(param, layer):
            setters.append(ov)
            self.apply(ov, ov.spec, arr, who, len(setters) - 1, list(self.rows.values()), sources, (), layer)
        self.visiting.discard(key)
        self.memo[key] = (arr, who, sources)
        self.setters[key] = setters
        return self.memo[key]

    def apply(
        self,
        ov: Override,
        spec: Any,
        arr: np.ndarray,
        who: np.ndarray,
        index: int,
        rows: list[int],
        sources: list[Source],
        sub: tuple[Any, ...],
        layer: str,
    ) -> None:
        years = self.years
        base = int(years[0])
        line, _ = ov.doc.where(ov.path + sub)
        if isinstance(spec, (int, float)) and not isinstance(spec, bool):
            arr[rows, :] = float(spec)
            who[rows, :] = index
        elif isinstance(spec, str):
            ref = self.array(spec, layer)
            arr[rows, :] = ref[rows, :]
            who[rows, :] = index
        elif isinstance(spec, Mapping) and ("to" in spec or "by" in spec):
            start_year = int(spec.get("from", base))
            by = int(spec["by"])
            if start_year < base:
                self.problems.append(
                    override_problem(ov, "error.assemble.ramp_from", (*sub, "from"), start=start_year, base=base)
                )
                return
            if by <= base:
                self.problems.append(override_problem(ov, "error.assemble.ramp_by", (*sub, "by"), end=by, base=base))
                return
            i0 = int(np.searchsorted(years, start_year))
            i0 = min(i0, len(years) - 1)
            start = arr[rows, i0].copy()
            weight = np.clip((years - start_year) / (by - start_year), 0.0, 1.0)
            active = years >= start_year
            for j, r in enumerate(rows):
                arr[r, active] = start[j] + (float(spec["to"]) - start[j]) * weight[active]
                who[r, active] = index
        elif isinstance(spec, Mapping) and "value" in spec:
            self.apply(ov, spec["value"], arr, who, index, rows, sources, (*sub, "value"), layer)
        elif isinstance(spec, Mapping) and all((isinstance(k, int) and k >= 1000) or k in LABEL_WORDS for k in spec):
            for year in sorted(k for k in spec if isinstance(k, int)):
                if year > years[-1]:
                    continue
                if year < base:
                    self.problems.append(
                        override_problem(ov, "error.assemble.year_before_base", (*sub, year), year=year, base=base)
                    )
                    continue
                cols = years >= year if self.defaults[ov.parameter].carry_forward else years == year
                for r in rows:
                    arr[r, cols] = float(spec[year])
                    who[r, cols] = index
        elif isinstance(spec, Mapping):
            for k, sub_spec in spec.items():
                if k in LABEL_WORDS:
                    continue
                code = self.resolve_province(k)
                if code not in self.rows:
                    continue  # a province this config does not project (e.g. from an extended file)
                self.apply(ov, sub_spec, arr, who, index, [self.rows[code]], sources, (*sub, k), layer)
            return
        label = from_spec(spec) if isinstance(spec, Mapping) else None
        where = label or Source.of("provenance.override", file=ov.doc.file, line=line, layer=_layer_words(ov.layer))
        for r in rows:
            sources[r] = where

    def steady_state(
        self, investment: np.ndarray, depreciation: np.ndarray, s_name: str, delta_name: str
    ) -> tuple[np.ndarray, list[Source]]:
        """A capital stock over GRDP at its steady state s / (g + delta).

        g is the province's trend growth from the near-term forecast (national growth outside 2020-2022 plus
        its pooled persistent deviation; national alone for a resource-led province), or with
        ``baseline: window_mean`` the calibration window's mean growth.
        """
        near = self.cal.near_term
        if near is not None:
            rows = [near.provinces.index(c) for c in self.config.provinces]
            g = near.trend[rows]
            why = [
                Source.of("provenance.growth.trend", national=Num(near.national_trend, 4), own=_own_trend(near, r))
                for r in rows
            ]
        else:
            g = self.cal.column("recent_growth")
            why = [
                Source.of("provenance.growth.mean", first=p.recent_growth_years[0], last=p.recent_growth_years[-1])
                for p in self.cal.provinces
            ]
        sources = [
            Source.of(
                "provenance.steady_state",
                s=s_name,
                delta=delta_name,
                s_value=Num(si, 4),
                g=Num(gi, 4),
                why=wi,
                delta_value=Num(di, 4),
            )
            for si, gi, di, wi in zip(investment, g, depreciation, why, strict=True)
        ]
        return steady_state_ky(investment, g, depreciation), sources

    def near_term_tfp(self) -> tuple[np.ndarray, list[Source]]:
        """TFP growth by year that makes the baseline reproduce the near-term forecast, then held.

        Notes
        -----
        Steps the engine's Solow core forward from the base year (growth8.model.engine.run): for t = 1..H,
        with capf = 1 - delta_t + s_{t-1} / ky_{t-1} and capf_G = 1 - delta_G,t + theta s_G,{t-1} / kg_{t-1},
        g_A,t is the residual that gives the forecast growth g_hat_t; then
        ky_t = ky_{t-1} capf / (1 + g_t) and kg_t = kg_{t-1} capf_G / (1 + g_t). After H TFP growth converges to
        the national balanced-path rate (Calibration.national_tfp_growth), half the distance every
        ``convergence_half_life`` years: g_A,t = g_A,nat + (g_A,H - g_A,nat) 0.5^((t - H) / half-life), and growth
        follows from capital accumulation and labour (the Solow supply side).
        """
        cal, n_t = self.cal, len(self.years)
        near = cal.near_term
        assert near is not None
        rows = [near.provinces.index(c) for c in self.config.provinces]
        g_near = near.growth[rows]
        horizon = g_near.shape[1]

        def cfg(name: str) -> np.ndarray:
            return self.array(name, CONFIG_LAYER)

        s, alpha, delta = cfg("investment_rate"), cfg("capital_share"), cfg("depreciation")
        gl = effective_labour_growth(cfg("labour_growth"), cfg(HUMAN_CAPITAL))
        phi, delta_g = cfg("public_capital_elasticity"), cfg("public_capital_depreciation")
        ky = cfg("capital_output_ratio_initial")[:, 0].copy()
        kg = cfg("public_capital_output_ratio_initial")[:, 0].copy()
        tfp = np.empty((len(rows), n_t))
        national, half_life = cal.national_tfp_growth, self.config.calibration.convergence_half_life
        for t in range(1, n_t):
            capf = 1.0 - delta[:, t] + s[:, t - 1] / ky
            capf_g = 1.0 - delta_g[:, t] + self.public_effective(t - 1) / kg
            if t <= horizon:
                g = g_near[:, t - 1]
                tfp[:, t] = tfp_residual(g, s[:, t - 1], ky, alpha[:, t], delta[:, t], gl[:, t], phi[:, t], capf_g)
            else:
                decay = 0.5 ** ((t - horizon) / half_life)
                tfp[:, t] = national + (tfp[:, horizon] - national) * decay
                terms = capital_factor(capf, alpha[:, t], phi[:, t], capf_g)
                g = (1.0 + tfp[:, t]) * terms * (1.0 + gl[:, t]) ** (1.0 - alpha[:, t]) - 1.0
            ky = ky * capf / (1.0 + g)
            kg = kg * capf_g / (1.0 + g)
        tfp[:, 0] = tfp[:, 1] if n_t > 1 else 0.0
        last = near.years[min(horizon, n_t - 1) - 1] if n_t > 1 else near.origin
        sources = [
            Source.of(
                "provenance.tfp.near_term",
                first=near.years[0],
                last=near.years[horizon - 1],
                path=Nums(tuple(float(v) for v in g_near[i])),
                national_path=Nums(tuple(float(v) for v in near.national)),
                deviation=Num(near.persistent[rows[i]], 4),
                se=Num(near.persistent_se[rows[i]], 4),
                persistence=Num(near.persistence, 2),
                own=Source.of("provenance.trend.resource_led") if near.resource_led[rows[i]] else "",
                last_year=last,
                rate=Num(tfp[i, min(horizon, n_t - 1)], 4),
                national=Num(national, 4),
                half_life=Num(half_life, 0 if float(half_life).is_integer() else 1),
                national_source=cal.national_tfp_source,
            )
            for i in range(len(rows))
        ]
        return tfp, sources

    def public_effective(self, year: int) -> np.ndarray:
        """theta s_G in a year index at the config level: what public investment adds to K_G, per province."""
        return (
            self.array("public_investment_efficiency", CONFIG_LAYER)[:, year]
            * self.array("public_investment_rate_base", CONFIG_LAYER)[:, year]
        )

    # -- calibrated defaults ---------------------------------------------------
    def calibrated(self, param: str) -> tuple[np.ndarray, list[Source]]:
        cal = self.cal
        n_p = len(self.config.provinces)
        base_first = 1 if len(self.years) > 1 else 0
        if param in self.config.calibration.estimated:
            if self.estimator is None:
                raise ConfigError([Problem.of("error.assemble.no_estimator", key=param, parameter=param)])
            values, sources = self.estimator(
                param,
                depreciation=float(self.array("depreciation", CONFIG_LAYER)[0, base_first]),
                capital_share=float(self.array("capital_share", CONFIG_LAYER)[0, base_first]),
                labour_growth=dict(
                    zip(self.config.provinces, self.array("labour_growth", CONFIG_LAYER)[:, base_first], strict=True)
                ),
            )
            return np.asarray(values, dtype=float), [Source.of("provenance.estimated", source=s) for s in sources]
        if param == "investment_rate":
            sources = [
                Source.of(
                    "provenance.investment_rate", first=p.investment_rate_years[0], last=p.investment_rate_years[-1]
                )
                for p in cal.provinces
            ]
            return cal.column("investment_rate"), sources
        if param == HUMAN_CAPITAL:
            return cal.column("human_capital_growth"), [p.human_capital_source for p in cal.provinces]
        if param == "labour_growth":
            sources = [p.labour_growth_source for p in cal.provinces]
            if not any(p.labour_growth_by_year for p in cal.provinces):
                return cal.column("labour_growth"), sources
            path = np.repeat(cal.column("labour_growth")[:, None], len(self.years), axis=1)
            for i, p in enumerate(cal.provinces):
                if p.labour_growth_by_year:
                    last = max(p.labour_growth_by_year)
                    path[i] = [p.labour_growth_by_year.get(int(y), p.labour_growth_by_year[last]) for y in self.years]
                    path[i, 0] = path[i, 1] if len(self.years) > 1 else path[i, 0]
            return path, sources
        if param == "bpd_credit_initial":
            return cal.column("bpd_credit_initial"), [p.bpd_credit_source for p in cal.provinces]
        if param == "bpd_deposits_initial":
            credit = self.array("bpd_credit_initial", CONFIG_LAYER)[:, 0]
            ldr = cal.bpd_loan_to_deposit
            src = Source.of("provenance.bpd_deposits", ratio=Num(ldr, 4))
            return credit / cal.bpd_loan_to_deposit, [src] * n_p
        if param == "bpd_equity_initial":
            credit = self.array("bpd_credit_initial", CONFIG_LAYER)[:, 0]
            rw = self.array("risk_weight", CONFIG_LAYER)[:, 0]
            src = Source.of("provenance.bpd_equity", ratio=Num(cal.bpd_capital_adequacy, 4))
            return credit * cal.bpd_capital_adequacy * rw, [src] * n_p
        if param in _SOURCE_CALIBRATION:
            column, source_column = _SOURCE_CALIBRATION[param]
            return cal.column(column), [getattr(p, source_column) for p in cal.provinces]
        if param == "other_bank_credit_initial":
            own = self.array("bpd_credit_initial", CONFIG_LAYER)[:, 0]
            inside = self.array("bpd_in_province_share", CONFIG_LAYER)[:, 0]
            sources = [
                Source.of("provenance.other_banks.initial", credit=p.all_bank_credit_source, inside=Num(o * s, 0))
                for p, o, s in zip(cal.provinces, own, inside, strict=True)
            ]
            return np.maximum(cal.column("all_bank_credit_initial") - own * inside, 0.0), sources
        if param in ("other_bank_productive_share", "other_bank_investment_share"):
            value = getattr(cal, param)
            which = "other_productive" if "productive" in param else "other_investment"
            src = Source.of(f"provenance.loan_mix.{which}", year=cal.loan_mix_year)
            return np.full(n_p, value), [src] * n_p
        if param == "productive_share":
            src = Source.of("provenance.loan_mix.bpd_productive", year=cal.loan_mix_year)
            return np.full(n_p, cal.productive_share), [src] * n_p
        if param == "investment_share":
            src = Source.of("provenance.loan_mix.bpd_investment", year=cal.loan_mix_year)
            return np.full(n_p, cal.investment_share), [src] * n_p
        if param == "investment_rate_max":
            province, year = cal.max_investment_rate_where
            src = Source.of(
                "provenance.investment_rate_max",
                first=cal.window[0],
                last=cal.window[1],
                province=province,
                year=year,
            )
            return np.full(n_p, cal.max_investment_rate), [src] * n_p
        if param == "capital_output_ratio_initial":
            if cal.published_ky is not None:
                src = Source.of(
                    "provenance.ky_published",
                    method=cal.ky_method,
                    value=Num(cal.published_ky, _decimals(cal.published_ky)),
                )
                return np.full(n_p, cal.published_ky), [src] * n_p
            s = self.array("investment_rate", CONFIG_LAYER)[:, 0]
            return self.steady_state(s, self.array("depreciation", CONFIG_LAYER)[:, base_first], "s", "delta")
        if param == "tfp_growth" and cal.near_term is not None:
            return self.near_term_tfp()
        if param == "tfp_growth":
            s = self.array("investment_rate", CONFIG_LAYER)[:, 0]
            ky = self.array("capital_output_ratio_initial", CONFIG_LAYER)[:, 0]
            alpha = self.array("capital_share", CONFIG_LAYER)[:, base_first]
            delta = self.array("depreciation", CONFIG_LAYER)[:, base_first]
            gl = effective_labour_growth(
                self.array("labour_growth", CONFIG_LAYER)[:, base_first],
                self.array(HUMAN_CAPITAL, CONFIG_LAYER)[:, base_first],
            )
            phi = self.array("public_capital_elasticity", CONFIG_LAYER)[:, base_first]
            capf_g = 1.0 - self.array("public_capital_depreciation", CONFIG_LAYER)[:, base_first]
            capf_g = (
                capf_g
                + self.public_effective(0) / self.array("public_capital_output_ratio_initial", CONFIG_LAYER)[:, 0]
            )
            g = cal.column("recent_growth")
            sources = [
                Source.of(
                    "provenance.tfp.residual",
                    g=Num(gi, 4),
                    first=p.recent_growth_years[0],
                    last=p.recent_growth_years[-1],
                    s=Num(si, 4),
                )
                for gi, si, p in zip(g, s, cal.provinces, strict=True)
            ]
            return tfp_residual(g, s, ky, alpha, delta, gl, phi, capf_g), sources
        if param == "public_investment_rate_base":
            share = cal.public_share_of_investment
            s = self.array("investment_rate", CONFIG_LAYER)
            src = Source.of("provenance.public_investment_rate", share=Num(share, 4))
            return share * s[:, 0], [src] * n_p
        if param == "public_capital_output_ratio_initial":
            delta_g = self.array("public_capital_depreciation", CONFIG_LAYER)[:, base_first]
            return self.steady_state(self.public_effective(0), delta_g, "theta s_G", "delta_G")
        raise ConfigError([Problem.of("error.assemble.no_calibration", parameter=param)])


def _layer_words(layer: str) -> Source:
    """An override's layer in words: ``config`` or ``scenario:<name>``."""
    if layer.startswith("scenario:"):
        return Source.of("provenance.layer.scenario", name=layer.removeprefix("scenario:"))
    return Source.of("provenance.layer.config") if layer == "config" else Source.literal(layer)


def _own_trend(near: NearTermForecast, row: int) -> Source:
    """What a province adds to the national trend: its persistent deviation, or nothing when resource-led."""
    if near.resource_led[row]:
        return Source.of("provenance.trend.resource_led")
    return Source.of("provenance.trend.deviation", value=Num(near.persistent[row], 4))


def _decimals(value: float, most: int = 6) -> int:
    """The fewest decimals (up to ``most``) that write ``value`` exactly, as ``{value:g}`` would."""
    for d in range(most + 1):
        if round(value, d) == value:
            return d
    return most


#: Calibrated source parameters read straight from a ProvinceCalibration field, with its source field.
_SOURCE_CALIBRATION = {
    "baseline_other_bank_credit_growth": ("other_bank_trend_growth", "other_bank_trend_source"),
    "other_bank_credit_growth_max": ("other_bank_growth_max", "other_bank_growth_max_source"),
    "other_bank_credit_to_grdp_max": ("other_bank_depth_max", "other_bank_depth_max_source"),
    "direct_investment_share_base": ("direct_investment_share", "direct_investment_share_source"),
    "direct_investment_share_max": ("direct_investment_share_max", "direct_investment_share_max_source"),
}


def _bounds_problems(
    resolver: _Resolver,
    param: str,
    layer: str,
    pdef: ParameterDef,
    provinces: tuple[int, ...],
    names: Callable[[int], Any],
) -> None:
    arr, who, _ = resolver.memo[(param, layer)]
    setters = resolver.setters[(param, layer)]
    years = resolver.years
    # By-year parameters act on the growth into a year, so the base-year column is unused,
    # except for the investment rate, whose base-year value drives the first projected year.
    first = 0 if (param == "investment_rate" or not pdef.by_year) else 1
    check = arr[:, first:] if pdef.by_year else arr[:, :1]
    who = who[:, first:] if pdef.by_year else who[:, :1]
    years = years[first:] if pdef.by_year else years[:1]
    lo, hi = pdef.bounds
    slo, shi = pdef.soft_bounds
    for kind, (low, high) in (("hard", (lo, hi)), ("soft", (slo, shi))):
        bad = ~((check >= low) & (check <= high))
        if kind == "soft":
            bad &= (check >= lo) & (check <= hi)
        if not bad.any():
            continue
        reported: set[tuple[int, int]] = set()
        for r, t in zip(*np.nonzero(bad), strict=True):
            w = int(who[r, t])
            group = (w, -1) if w >= 0 else (w, int(r))  # defaults and calibrated values: one message per province
            if group in reported:
                continue
            reported.add(group)
            v = float(check[r, t])
            count = int((who[bad] == w).sum()) if w >= 0 else int(bad[r].sum())
            province = names(provinces[r])
            where: Any = (
                Text("error.assemble.where_year", province=province, year=int(years[t])) if pdef.by_year else province
            )
            more: Any = ""
            if count > 1:
                more = Text(
                    "error.assemble.more_cells.many" if count > 2 else "error.assemble.more_cells.one", n=count - 1
                )
            hint: Any = ""
            if kind == "hard" and pdef.unit == "fraction" and 1.0 < v <= 100.0 and low <= v / 100.0 <= high:
                hint = fraction_hint(v)
            params = {
                "parameter": param,
                "value": v,
                "unit": unit_text(pdef.unit),
                "where": where,
                "more": more,
                "low": low,
                "high": high,
                "hint": hint,
            }
            code = "error.assemble.outside_allowed" if kind == "hard" else "warning.outside_usual"
            if w >= 0 and setters[w] is not None:
                problem = override_problem(setters[w], code, **params)  # type: ignore[arg-type]
            else:
                origin = "calibrated" if pdef.value == CALIBRATED else "default"
                problem = Problem.of(
                    "error.assemble.from_defaults",
                    file="configs/defaults.yaml",
                    key=f"parameters.{param}",
                    detail=Text(code, **params),
                    origin=Text(f"error.assemble.origin.{origin}"),
                    parameter=param,
                )
            if kind == "hard":
                resolver.problems.append(problem)
            else:
                warnings.warn(SoftBoundWarning(problem), stacklevel=4)


class Estimator(Protocol):
    """Supplies estimated values of a parameter per province, with sources (growth8.estimation)."""

    def __call__(
        self, param: str, *, depreciation: float, capital_share: float, labour_growth: Mapping[int, float]
    ) -> tuple[np.ndarray, list[Source]]: ...


def assemble(
    config: ScenarioConfig,
    calibration: Calibration,
    defaults: Mapping[str, ParameterDef],
    resolve_province: Callable[[Any], int],
    province_name: Callable[[int], Any],
    estimator: Estimator | None = None,
) -> ModelSetup:
    """Resolve every parameter for every scenario, province and year.

    Parameters
    ----------
    config : ScenarioConfig
    calibration : Calibration
    defaults : dict of ParameterDef
    resolve_province : callable
        Province name or code -> BPS code.
    province_name : callable
        BPS code -> display name (used in messages).
    estimator : callable, optional
        Values for the parameters the config lists in ``calibration.estimated``.

    Returns
    -------
    ModelSetup

    Raises
    ------
    ConfigError
        Values outside hard bounds (every one, with the file and line of the
        override that set it). Values outside soft bounds give a
        SoftBoundWarning.
    """
    years = np.arange(calibration.base_year, config.horizon + 1)
    if len(years) < 2:
        raise ConfigError(
            [
                Problem.of(
                    "error.assemble.horizon",
                    file=str(config.path),
                    key="horizon",
                    horizon=config.horizon,
                    base=calibration.base_year,
                )
            ]
        )
    resolver = _Resolver(config, calibration, defaults, years, resolve_province, estimator)
    values: dict[str, np.ndarray] = {}
    sources: dict[str, tuple[tuple[Source, ...], ...]] = {}
    for param in defaults:
        per_scenario = []
        per_source = []
        for scen in config.scenarios:
            arr, _, src = resolver.resolve(param, scen)
            per_scenario.append(arr)
            per_source.append(tuple(src))
        values[param] = np.stack(per_scenario)
        sources[param] = tuple(per_source)
    for param, pdef in defaults.items():
        for layer in (CONFIG_LAYER, *config.scenarios):
            if (param, layer) in resolver.memo:
                _bounds_problems(resolver, param, layer, pdef, config.provinces, province_name)
    seen: set[str] = set()
    unique = [p for p in resolver.problems if not (str(p) in seen or seen.add(str(p)))]  # type: ignore[func-returns-value]
    if unique:
        raise ConfigError(unique)
    return ModelSetup(
        config=config,
        calibration=calibration,
        defaults=defaults,
        years=years,
        provinces=config.provinces,
        scenarios=config.scenarios,
        values=values,
        sources=sources,
    )
