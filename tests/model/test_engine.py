"""The engine against an independent per-cell loop, and the model's properties.

All inputs here are SYNTHETIC (random or hand-picked numbers), not data.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from growth8.model.engine import BINDING_CAR, BINDING_FUNDING, BINDING_RIM, INITIAL_FIELDS, PATH_FIELDS, run
from growth8.model.synthetic import constant_inputs, synthetic_inputs
from reference_engine import project_cell


def test_engine_equals_plain_loop() -> None:
    rng = np.random.default_rng(20251024)
    inp = synthetic_inputs(rng)
    out = run(inp)
    s_n, p_n, d_n, _t_n = inp.shape()
    binds = set()
    for i in range(s_n):
        for j in range(p_n):
            for k in range(d_n):
                init = {n: float(np.asarray(getattr(inp, n))[i, j, k]) for n in INITIAL_FIELDS}
                paths = {n: [float(v) for v in np.asarray(getattr(inp, n))[i, j, k, :]] for n in PATH_FIELDS}
                ref = project_cell(init, paths)
                for name in (
                    "grdp_real",
                    "investment_rate",
                    "capital_output_ratio",
                    "bpd_credit",
                    "bpd_credit_feasible",
                    "bpd_credit_reference",
                    "bpd_deposits",
                    "bpd_equity",
                    "extra_investment_real",
                    "public_capital_output_ratio",
                ):
                    np.testing.assert_allclose(
                        getattr(out, name)[i, j, k],
                        ref[name],
                        rtol=1e-12,
                        atol=1e-9,
                        err_msg=f"{name} at cell {(i, j, k)}",
                    )
                np.testing.assert_allclose(out.growth[i, j, k, 1:], ref["growth"][1:], rtol=1e-12, atol=1e-14)
                np.testing.assert_array_equal(out.binding[i, j, k, 1:], ref["binding"][1:])
                binds.update(ref["binding"][1:])
    # The random draw must exercise both caps, or the comparison proves little.
    assert {0, BINDING_FUNDING, BINDING_CAR, BINDING_RIM} <= binds


def test_broadcasting_matches_full_arrays() -> None:
    rng = np.random.default_rng(1)
    inp = synthetic_inputs(rng, s=1, p=2, d=1, t=6)
    tiled = replace(
        inp,
        **{n: np.broadcast_to(getattr(inp, n), (1, 2, 3, 7)).copy() for n in PATH_FIELDS},
        **{n: np.broadcast_to(getattr(inp, n), (1, 2, 3)).copy() for n in INITIAL_FIELDS},
    )
    a, b = run(inp), run(tiled)
    for k in range(3):
        np.testing.assert_array_equal(a.grdp_real[:, :, 0], b.grdp_real[:, :, k])


@pytest.mark.parametrize("ky0", [1.0, 3.0, 8.0])
def test_steady_state_growth(ky0: float) -> None:
    inp = constant_inputs(t=1000, capital_output_ratio_0=ky0)
    out = run(inp)
    g_a, g_l, alpha = 0.01, 0.012, 0.45
    theory = (1 + g_a) ** (1 / (1 - alpha)) * (1 + g_l) - 1
    assert abs(out.growth[0, 0, 0, -1] - theory) < 1e-10
    # and the capital-output ratio converges to s / ((1 + g) - (1 - delta))
    assert abs(out.capital_output_ratio[0, 0, 0, -1] - 0.3 / (theory + 0.05)) < 1e-8


@settings(max_examples=60, deadline=None)
@given(
    s=st.floats(0.05, 0.6),
    extra=st.floats(0.0, 0.2),
    alpha=st.floats(0.2, 0.7),
    delta=st.floats(0.01, 0.1),
    ky0=st.floats(1.0, 8.0),
)
def test_more_investment_never_lowers_growth(s: float, extra: float, alpha: float, delta: float, ky0: float) -> None:
    lo = run(
        constant_inputs(
            t=30, investment_rate_base=s, capital_share=alpha, depreciation=delta, capital_output_ratio_0=ky0
        )
    )
    hi = run(
        constant_inputs(
            t=30, investment_rate_base=s + extra, capital_share=alpha, depreciation=delta, capital_output_ratio_0=ky0
        )
    )
    assert np.all(hi.growth[..., 1:] >= lo.growth[..., 1:] - 1e-15)
    assert np.all(hi.grdp_real >= lo.grdp_real * (1 - 1e-15))


@settings(max_examples=60, deadline=None)
@given(
    share=st.floats(0.0, 0.9),
    more=st.floats(0.0, 0.1),
    push=st.floats(0.06, 0.5),
    deposits=st.floats(3e3, 2e4),
    equity=st.floats(100.0, 3e3),
)
def test_more_productive_lending_never_lowers_output(
    share: float, more: float, push: float, deposits: float, equity: float
) -> None:
    """A larger productive share never lowers GRDP while extra lending is non-negative.

    Growth rates are not monotone year by year: a temporary investment boost
    raises the capital-output ratio, so growth after the boost dips slightly
    below baseline while the level stays higher. When earlier losses make the
    scenario bank lend less than the counterfactual (X < 0), more productive
    lending amplifies that shortfall; that case is excluded here by design.
    """
    kw = dict(t=25, bpd_credit_growth=push, bpd_deposits_0=deposits, bpd_equity_0=equity)
    lo = run(constant_inputs(productive_share=share, **kw))
    hi = run(constant_inputs(productive_share=share + more, **kw))
    if np.all(lo.extra_investment_real >= 0) and np.all(hi.extra_investment_real >= 0):
        assert np.all(hi.grdp_real >= lo.grdp_real * (1 - 1e-14))
        # and the first year's growth, before any transition dynamics, is never lower
        assert hi.growth[..., 2] >= lo.growth[..., 2] - 1e-15


def test_permanent_lending_push_raises_growth_every_year() -> None:
    """Loan growth permanently above baseline, with ample capital and deposits, raises growth in every year."""
    kw = dict(t=30, bpd_deposits_0=1e6, deposit_growth=0.3, bpd_equity_0=1e5)
    base = run(constant_inputs(**kw))
    push = run(constant_inputs(bpd_credit_growth=0.15, **kw))
    assert np.all(push.extra_investment_real[..., 1:] > 0)
    assert np.all(push.growth[..., 2:] > base.growth[..., 2:])


def test_caps_hold_every_year() -> None:
    rng = np.random.default_rng(7)
    inp = synthetic_inputs(rng, s=2, p=4, d=25, t=20)
    out = run(inp)
    c = out.bpd_credit_feasible[..., 1:]
    ev = lambda name: np.asarray(getattr(inp, name))[..., 1:]  # noqa: E731
    equity = out.bpd_equity[..., 1:]
    # The funding limit after this year's losses: deposits less GWM and PLM, other funding, capital.
    funds = out.bpd_deposits[..., 1:] * (1 - ev("gwm_ratio") - ev("plm_ratio")) + ev("other_funding") + equity
    rim = ev("rim_upper") * out.bpd_deposits[..., 1:]
    rwa = ev("car_min") * ev("risk_weight") * c
    assert np.all(c <= funds * (1 + 1e-12) + 1e-9)
    assert np.all(c <= rim * (1 + 1e-12))
    assert np.all(rwa <= equity * (1 + 1e-12) + 1e-9)
    assert np.all(c <= out.bpd_credit[..., 1:] * (1 + 1e-12))
    binding = out.binding[..., 1:]
    assert np.any(binding == BINDING_FUNDING) and np.any(binding == BINDING_CAR) and np.any(binding == BINDING_RIM)
    # Where a limit binds, lending sits exactly on it.
    np.testing.assert_allclose(c[binding == BINDING_FUNDING], funds[binding == BINDING_FUNDING], rtol=1e-10)
    np.testing.assert_allclose(c[binding == BINDING_RIM], rim[binding == BINDING_RIM], rtol=1e-12)
    np.testing.assert_allclose(rwa[binding == BINDING_CAR], out.bpd_equity[..., 1:][binding == BINDING_CAR], rtol=1e-10)
    np.testing.assert_allclose(out.credit_shortfall[..., 1:], out.bpd_credit[..., 1:] - c, rtol=0, atol=1e-8)


def test_baseline_lending_moves_nothing() -> None:
    """When the scenario lends at the baseline growth with no injection, X = 0 exactly."""
    out = run(constant_inputs(t=30, bpd_deposits_0=3.1e3))
    assert np.all(out.extra_investment_real == 0.0)
    np.testing.assert_array_equal(out.bpd_credit_feasible, out.bpd_credit_reference)


def test_doc_example_growth_value() -> None:
    """The docstring example's first-year growth, recomputed by hand."""
    capf = (1 - 0.05) + 0.3 / 3.0
    g = 1.01 * capf**0.4 * 1.01**0.6 - 1
    ones = np.ones((1, 1, 1, 3))
    inp = constant_inputs(t=2)
    inp = replace(
        inp,
        grdp_real_0=np.array(100.0),
        capital_output_ratio_0=np.array(3.0),
        tfp_growth=0.01 * ones,
        labour_growth=0.01 * ones,
        capital_share=0.4 * ones,
        depreciation=0.05 * ones,
        bpd_credit_growth=0.05 * ones,
        baseline_bpd_credit_growth=0.05 * ones,
    )
    assert abs(run(inp).growth[0, 0, 0, 1] - g) < 1e-15


def test_docstring_examples_run() -> None:
    import doctest

    import growth8.config.checks
    import growth8.errors
    import growth8.model.engine

    for module in (growth8.model.engine, growth8.errors, growth8.config.checks):
        failed, attempted = doctest.testmod(module)
        assert attempted > 0 and failed == 0, module.__name__
