"""The financing picture: the identity, the limits, and the limit cases against the closed form.

Engine inputs here are SYNTHETIC (growth8.model.synthetic) unless a shipped config is named.
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
from growth8.model.financing import NOT_FINANCED, SOURCES, allocate, other_banks_at_max
from growth8.model.inverse import Caps, max_growth, requirements
from growth8.model.synthetic import constant_inputs
from helpers import CONFIGS, SHIPPED


@pytest.fixture(scope="module", params=SHIPPED)
def shipped_target(request: pytest.FixtureRequest, panel) -> growth8.TargetResult:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", growth8.Growth8Warning)
        return growth8.solve_target(CONFIGS / request.param, panel=panel)


def test_financing_identity_in_every_row_of_every_shipped_config(shipped_target) -> None:
    """Sources plus the unfinanced remainder equal the gap, to 1e-9, in every year, province, scenario."""
    tab = shipped_target.financing_table()
    assert list(tab.columns[:9]) == [
        "scenario",
        "province_code",
        "province",
        "year",
        "source",
        "baseline_rp_bn",
        "max_extra_rp_bn",
        "share_of_gap",
        "binding_limit",
    ]
    assert set(tab["source"]) == {*SOURCES, NOT_FINANCED}
    keys = ["scenario", "province_code", "year"]
    total = tab.groupby(keys)["financed_rp_bn"].sum()
    gap = tab.groupby(keys)["gap_rp_bn"].first()
    np.testing.assert_allclose(total, gap, rtol=1e-9, atol=1e-9)
    real = tab.groupby(keys)["financed_real_bn"].sum()
    np.testing.assert_allclose(real, tab.groupby(keys)["gap_real_bn"].first(), rtol=1e-9, atol=1e-9)
    # the gap is the target table's, and no source finances more than its maximum or less than nothing
    target = shipped_target.table().set_index(keys)
    src = tab[tab["source"] != NOT_FINANCED]
    assert (src["financed_rp_bn"] >= 0).all()
    assert (src["financed_rp_bn"] <= src["max_extra_rp_bn"] * (1 + 1e-12) + 1e-9).all()
    np.testing.assert_allclose(
        tab.groupby(keys)["gap_real_bn"].first().to_numpy(),
        target.loc[gap.index, "investment_gap_real"].to_numpy(),
        rtol=1e-12,
        atol=1e-9,
    )
    # every maximum is a stated rule: finite, with its binding limit named
    assert np.isfinite(src["max_extra_rp_bn"]).all()
    assert (src["binding_limit"] != "").all()
    # shares of the gap sum to one where there is a gap
    has_gap = tab["gap_rp_bn"] > 0
    np.testing.assert_allclose(tab[has_gap].groupby(keys)["share_of_gap"].sum(), 1.0, rtol=1e-9)


def test_fully_financed_gap_needs_only_the_assumed_tfp(panel) -> None:
    """Where the sources finance the whole gap, the TFP growth that closes the rest is the assumed TFP."""
    path = CONFIGS / "default.yaml"
    lots = {"direct_investment_share_max": 1.9}  # a ceiling far above any gap: PMA + PMDN close it
    result = growth8.solve_target(growth8.load(path, panel=panel, parameters=lots))
    rest = result.financing_table().query("source == 'not_financed' and tfp_growth_year == tfp_growth_year")
    assert (rest["financed_rp_bn"].abs() < 1e-6).all()
    np.testing.assert_allclose(rest["tfp_growth_required"], rest["tfp_growth_assumed"], rtol=0, atol=1e-12)


def test_all_other_sources_at_zero_reproduce_the_bpd_alone(panel) -> None:
    """With every other source switched off, the all-sources maximum is the own BPD's, and X is the BPD's."""
    off = {
        "other_bank_productive_share": 0.0,
        "direct_investment_share_max": "direct_investment_share_base",
        "public_investment_extra_max": 0.0,
    }
    result = growth8.solve_target(growth8.load(CONFIGS / "default.yaml", panel=panel, parameters=off))
    mg = result.max_growth_table()
    np.testing.assert_array_equal(mg["max_constant_growth_all_sources"], mg["max_constant_growth"])
    np.testing.assert_array_equal(mg["binding_reason_all_sources"], mg["binding_reason"])
    out = result.projection.output
    np.testing.assert_array_equal(out.extra_investment_real, out.bpd_extra_investment_real)
    tab = result.financing_table()
    assert (tab.loc[tab["source"].isin(SOURCES[1:]), "max_extra_rp_bn"] == 0).all()


def test_one_source_with_full_passthrough_reproduces_the_closed_form_requirement() -> None:
    """Public capital spending with pass-through 1 equal to the closed-form gap puts growth on the target."""
    inp = constant_inputs(t=30)
    base = run(inp)
    target = np.full(31, 0.07)
    target[0] = np.nan
    target[1] = base.growth[0, 0, 0, 1]
    caps = Caps(*(np.full((1, 1, 1, 31), v) for v in (1.0, 10.0, 1e9)))
    req = requirements(inp, base, target[None, None, None, :], caps, floor=False)
    spend = req.investment_gap_real * base.deflator  # nominal
    out = run(replace(inp, public_investment_extra=spend, public_investment_passthrough=np.ones_like(spend)))
    np.testing.assert_allclose(out.growth[0, 0, 0, 1:], target[1:], rtol=0, atol=1e-12)
    np.testing.assert_allclose(out.investment_rate[..., 1:], req.required_investment_rate[..., 1:], rtol=1e-12)


def test_allocation_fills_in_order_and_never_exceeds() -> None:
    gap = np.array([0.0, 5.0, 10.0, 30.0, -2.0])
    maxima = {s: np.full(5, 4.0) for s in SOURCES}
    financed, rest = allocate(gap, maxima)
    np.testing.assert_array_equal(financed["own_bpd"], [0.0, 4.0, 4.0, 4.0, 0.0])
    np.testing.assert_array_equal(financed["other_banks"], [0.0, 1.0, 4.0, 4.0, 0.0])
    np.testing.assert_array_equal(financed["direct_investment"], [0.0, 0.0, 2.0, 4.0, 0.0])
    np.testing.assert_array_equal(rest, [0.0, 0.0, 0.0, 14.0, 0.0])


def test_other_banks_at_max_respects_both_ceilings() -> None:
    """B_t = min(B_{t-1}(1 + g), depth Y P): growth binds early, the depth ceiling later (hand-computed)."""
    nominal = np.array([100.0, 110.0, 121.0, 133.1])
    extra, base, depth = other_banks_at_max(np.array(40.0), np.full(4, 0.2), np.full(4, 0.1), np.full(4, 0.5), nominal)
    best = [40.0, 48.0, 57.6, 66.55]  # 40*1.2, 48*1.2 = 57.6 < 60.5, 57.6*1.2 = 69.12 > 66.55 -> ceiling
    ref = [40.0, 44.0, 48.4, 53.24]
    np.testing.assert_allclose(base, np.diff(ref, prepend=ref[0]), rtol=1e-14)
    np.testing.assert_allclose(extra, np.maximum(np.diff(best, prepend=best[0]) - np.diff(ref, prepend=ref[0]), 0))
    np.testing.assert_array_equal(depth, [False, False, False, True])


@settings(max_examples=60, deadline=None)
@given(
    deposits=st.floats(500.0, 2e4),
    equity=st.floats(10.0, 3e3),
    growth=st.floats(0.0, 0.6),
    gwm=st.floats(0.0, 0.15),
    plm=st.floats(0.0, 0.08),
    npl=st.floats(0.0, 0.3),
    injection=st.floats(0.0, 500.0),
    rim=st.sampled_from([np.inf, 0.9, 1.2]),
)
def test_capital_after_losses_and_funding_hold_every_year(
    deposits: float, equity: float, growth: float, gwm: float, plm: float, npl: float, injection: float, rim: float
) -> None:
    inp = constant_inputs(
        t=25,
        bpd_deposits_0=deposits,
        bpd_equity_0=equity,
        bpd_credit_growth=growth,
        gwm_ratio=gwm,
        plm_ratio=plm,
        productive_npl_ratio=npl,
        capital_injection=injection,
        rim_upper=rim,
    )
    out = run(inp)
    c, e, d = out.bpd_credit_feasible[..., 1:], out.bpd_equity[..., 1:], out.bpd_deposits[..., 1:]
    assert np.all(0.1 * 0.75 * c <= e * (1 + 1e-12) + 1e-9)  # CAR after this year's losses
    assert np.all(c <= d * (1 - gwm - plm) + e + 1e-9 + 1e-12 * c)  # loans within the funds
    assert np.all(c <= rim * d * (1 + 1e-12))


def test_all_sources_maximum_is_never_below_the_bpd_alone() -> None:
    rng = np.random.default_rng(3)
    inp = constant_inputs(t=20)
    out = run(inp)
    caps = Caps(*(np.full((1, 1, 1, 21), v) for v in (0.9, 0.25, 1e6)))
    alone = max_growth(inp, out, caps, np.arange(2024, 2045))
    extra = rng.uniform(0.0, 2000.0)

    def others(grdp: np.ndarray, cells: np.ndarray) -> np.ndarray:
        o = np.full(grdp.shape, extra)
        o[:, 0] = 0.0
        return o

    together = max_growth(inp, out, caps, np.arange(2024, 2045), others=others)
    assert together.constant[0, 0, 0] > alone.constant[0, 0, 0]
