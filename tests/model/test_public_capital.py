"""Public capital (LTGM-PC for provinces): marginal effects, the published range, and the inverse's round trip.

Engine inputs are SYNTHETIC (growth8.model.synthetic) unless a shipped config or published.csv is named.
"""

from __future__ import annotations

import warnings
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import growth8
from growth8.model.engine import run
from growth8.model.inverse import required_public_investment
from growth8.model.synthetic import constant_inputs
from helpers import CONFIGS


def growth_effect(extra: float = 0.01, passthrough: float = 1.0, **over: float) -> float:
    """Growth into year 2 from `extra` of GRDP more public investment in year 1, less the baseline's (pp/100)."""
    base = run(constant_inputs(t=3, public_investment_passthrough=passthrough, **over))
    ones = np.zeros((1, 1, 1, 4))
    ones[..., 1] = extra
    push = run(
        replace(
            constant_inputs(t=3, public_investment_passthrough=passthrough, **over), public_investment_extra_share=ones
        )
    )
    return float(push.growth[0, 0, 0, 2] - base.growth[0, 0, 0, 2])


@settings(max_examples=60, deadline=None)
@given(
    kg=st.floats(0.1, 2.0),
    more=st.floats(1.05, 3.0),
    theta=st.floats(0.2, 0.95),
    better=st.floats(0.01, 0.05),
    phi=st.floats(0.02, 0.25),
)
def test_marginal_effect_falls_with_public_capital_and_rises_with_efficiency(
    kg: float, more: float, theta: float, better: float, phi: float
) -> None:
    common = {"public_capital_elasticity": phi}
    scarce = growth_effect(public_capital_output_ratio_0=kg, public_investment_efficiency=theta, **common)
    ample = growth_effect(public_capital_output_ratio_0=kg * more, public_investment_efficiency=theta, **common)
    efficient = growth_effect(public_capital_output_ratio_0=kg, public_investment_efficiency=theta + better, **common)
    assert scarce > ample > 0.0
    assert efficient > scarce


def test_national_calibration_effect_of_one_percent_of_gdp(panel) -> None:
    """Indonesia's LTGM-PC values: 1% of GDP more public investment adds 0.1-0.25 pp to growth through public
    capital alone (the LTGM-PC's own channel; Devadas and Pennings 2018 put it at about 0.1-0.2 pp), and
    about 0.1 pp more because growth8 also counts public investment in measured capital, as PMTB does."""
    pub = panel.published_value
    alpha = 1.0 - pub("labsh_pwt110")
    delta, growth = pub("delta_pwt110"), pub("gdp_growth_10yr")
    s = pub("i_y")
    s_g = pub("ig_i_10yr") * s
    theta = pub("iei")
    national = {
        "capital_share": alpha,
        "depreciation": delta,
        "investment_rate_base": s,
        "capital_output_ratio_0": s / (growth + delta),
        "public_investment_rate_base": s_g,
        "public_investment_efficiency": theta,
        "public_capital_depreciation": 0.025,
        "public_capital_output_ratio_0": theta * s_g / (growth + 0.025),
        "public_capital_elasticity": 0.10,
    }
    public_only = growth_effect(passthrough=0.0, **national)
    total = growth_effect(passthrough=1.0, **national)
    assert 0.001 <= public_only <= 0.0025
    assert 0.0005 <= total - public_only <= 0.0015
    # the implied measured public share of capital is near the LTGM-PC data's 13.3%
    share = national["public_capital_output_ratio_0"] / theta / national["capital_output_ratio_0"]
    assert share == pytest.approx(pub("kg_k_share"), abs=0.03)


def test_required_public_investment_fed_forward_reaches_the_target(panel) -> None:
    """Round trip on the default config: the extra public investment target.csv reports, spent in the
    projection, puts growth on the target path to 1e-10 (where it is within reach)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", growth8.Growth8Warning)
        result = growth8.solve_target(CONFIGS / "default.yaml", panel=panel)
    inputs = result.setup.engine_inputs()
    rate = result.public.rate
    assert np.isfinite(rate[..., 1:]).all() and (rate[..., 1:] > 0).all()
    fed = run(replace(inputs, public_investment_extra_share=rate, public_investment_passthrough=np.ones_like(rate)))
    target = result.requirements.target_growth
    np.testing.assert_allclose(fed.growth[..., 2:], target[..., 2:], rtol=0, atol=1e-10)
    # at full efficiency it takes less
    assert (result.public.rate_full_efficiency[..., 1:] < rate[..., 1:]).all()


def test_required_public_investment_is_zero_where_the_baseline_meets_the_target() -> None:
    inp = constant_inputs(t=10, public_capital_elasticity=0.1)
    base = run(inp)
    low = np.full((1, 1, 1, 11), 0.01)
    low[..., 1] = base.growth[..., 1]
    assert (required_public_investment(inp, base, low)[..., 1:] == 0.0).all()
    high = np.full((1, 1, 1, 11), 0.9)
    high[..., 1] = base.growth[..., 1]
    assert np.isnan(required_public_investment(inp, base, high)[..., 2:]).all()
