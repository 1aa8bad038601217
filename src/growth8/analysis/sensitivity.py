"""One-at-a-time sensitivity: the tornado of growth in the target year and of the required investment rate."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from growth8.analysis.montecarlo import _target_info
from growth8.model.engine import INITIAL_FIELDS, PATH_FIELDS, EngineInputs, run
from growth8.model.engine import INITIAL_PARAMETERS as INITIAL_PARAMS
from growth8.model.engine import PATH_PARAMETERS as PATH_PARAMS
from growth8.results.uncertainty import SensitivityResult

if TYPE_CHECKING:
    from growth8.results.projection import ProjectionResult


# --------------------------------------------------------------------------- sensitivity
DEFAULT_SENSITIVITY = (
    "capital_share",
    "depreciation",
    "capital_output_ratio_initial",
    "tfp_growth",
    "labour_growth",
    "additionality",
    "productive_share",
    "investment_share",
    "bpd_credit_growth",
    "deposit_growth",
)


def _tile(inputs: EngineInputs, variants: int) -> EngineInputs:
    """Inputs with a draw axis of length ``variants``, every array a writable copy."""
    s_n, p_n, _, t_n = inputs.shape()
    return replace(
        inputs,
        **{
            f: np.broadcast_to(np.asarray(getattr(inputs, f), dtype=float), (s_n, p_n, variants, t_n)).copy()
            for f in PATH_FIELDS
        },
        **{
            f: np.broadcast_to(np.asarray(getattr(inputs, f), dtype=float), (s_n, p_n, variants)).copy()
            for f in INITIAL_FIELDS
        },
    )


def sensitivity(
    projection: ProjectionResult, ranges: Mapping[str, tuple[float, float]] | None = None
) -> SensitivityResult:
    """One-at-a-time sensitivity of growth in the target year and of the required investment rate.

    Parameters
    ----------
    projection : ProjectionResult
    ranges : mapping, optional
        Parameter -> (low, high) absolute values held in every projected year.
        Default: the config's ``sensitivity.parameters``, else the usual range
        (soft bounds in configs/defaults.yaml) of a standard set of parameters.

    Notes
    -----
    All variants (base, then low and high of each parameter) run in one engine
    call along the draw axis. Outcomes: ``growth_target_year`` (projected
    growth into the target year) and ``required_investment_rate`` (the I/Y of
    the year before, needed to reach the target path; growth8.model.inverse).
    swing = |outcome(high) - outcome(low)|.
    """
    from growth8.model.inverse import Caps, requirements, target_paths

    setup = projection.setup
    cfg = setup.config
    chosen = dict(ranges or cfg.sensitivity.parameters)
    if not chosen:
        chosen = {name: setup.defaults[name].soft_bounds for name in DEFAULT_SENSITIVITY}
    names = list(chosen)
    inputs = setup.engine_inputs()
    tiled = _tile(inputs, 1 + 2 * len(names))
    for k, name in enumerate(names):
        lo, hi = chosen[name]
        for offset, value in ((1 + 2 * k, lo), (2 + 2 * k, hi)):
            if name in INITIAL_PARAMS:
                getattr(tiled, INITIAL_PARAMS[name])[:, :, offset] = value
            else:
                getattr(tiled, PATH_PARAMS[name])[:, :, offset, 1:] = value
    out = run(tiled)
    years_by, _ = _target_info(projection)
    t_idx = np.array([int(np.searchsorted(setup.years, y)) for y in years_by])
    growth_by = np.take_along_axis(out.growth, t_idx[None, :, None, None], axis=-1)[..., 0]  # (S, P, V)
    paths = target_paths(cfg.province_targets, setup.provinces, setup.years, out.growth[0, :, 0, 1])
    target = np.broadcast_to(paths[None, :, None, :], out.growth.shape).copy()
    target[..., 1] = out.growth[..., 1]
    caps = Caps(
        *(
            setup.values[k][:, :, None, :]
            for k in ("investment_rate_max", "bpd_credit_growth_max", "capital_injection_max")
        )
    )
    req = requirements(tiled, out, target, caps)
    s_req = np.take_along_axis(req.required_investment_rate, (t_idx - 1)[None, :, None, None], axis=-1)[..., 0]
    rows = []
    for i, scen in enumerate(setup.scenarios):
        for j, (code, prov) in enumerate(zip(setup.provinces, projection.province_names, strict=True)):
            for outcome, values in (("growth_target_year", growth_by), ("required_investment_rate", s_req)):
                base = values[i, j, 0]
                for k, name in enumerate(names):
                    lo_out, hi_out = values[i, j, 1 + 2 * k], values[i, j, 2 + 2 * k]
                    rows.append(
                        {
                            "scenario": scen,
                            "province_code": code,
                            "province": prov,
                            "outcome": outcome,
                            "parameter": name,
                            "unit": setup.defaults[name].unit,
                            "low_value": chosen[name][0],
                            "high_value": chosen[name][1],
                            "outcome_low": lo_out,
                            "outcome_high": hi_out,
                            "outcome_base": base,
                            "swing": abs(hi_out - lo_out),
                        }
                    )
    table = pd.DataFrame(rows)
    # Largest swing first within each (scenario, province, outcome), keeping the config's order of those.
    table["_group"] = table.groupby(["scenario", "province_code", "outcome"], sort=False).ngroup()
    table = table.sort_values(["_group", "swing"], ascending=[True, False], kind="stable")
    return SensitivityResult(rows=table.drop(columns="_group").reset_index(drop=True))
