"""The target solver: round trips, closed form vs numerical solve, properties, infeasibility, CLI."""

from __future__ import annotations

import re
import textwrap
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import brentq
from typer.testing import CliRunner

import growth8
from growth8.cli import app
from growth8.model.engine import run
from growth8.model.inverse import REASONS, Caps, max_growth, requirements, target_path
from growth8.model.synthetic import constant_inputs
from helpers import BASE_YEAR, CONFIGS

runner = CliRunner()
SHIPPED = sorted(p.name for p in CONFIGS.glob("*.yaml") if p.name != "defaults.yaml")


def neutral_bank(inputs):
    """The same inputs with the bank channel switched off (scenario lending = counterfactual)."""
    return replace(
        inputs, bpd_credit_growth=inputs.baseline_bpd_credit_growth, capital_injection=0.0 * inputs.capital_injection
    )


@pytest.fixture(scope="module")
def default_target(panel):
    return growth8.solve_target(CONFIGS / "default.yaml", panel=panel)


@pytest.mark.parametrize("name", SHIPPED)
def test_round_trip_every_shipped_config(panel, name: str) -> None:
    """Projecting forward with the required investment path reproduces the required path to 1e-10: the target,
    or (the target being a floor) the baseline's faster growth where the baseline already beats it."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = growth8.solve_target(CONFIGS / name, panel=panel)
    inputs = res.setup.engine_inputs()
    forward = run(replace(neutral_bank(inputs), investment_rate_base=res.requirements.required_investment_rate))
    req = res.requirements
    target, path = req.target_growth, req.path_growth
    assert np.nanmax(np.abs(forward.growth[..., 1:] - path[..., 1:])) < 1e-10
    assert np.all(path[..., 1:] >= target[..., 1:] - 1e-12)
    above = path[..., 2:] > target[..., 2:] + 1e-12  # growth into t + 1 above the target: s*_t is the baseline's
    np.testing.assert_array_equal(
        req.required_investment_rate[..., 1:-1][above], req.baseline_investment_rate[..., 1:-1][above]
    )
    if name != "all_provinces.yaml":
        assert not above.any()  # Banten and Bengkulu are below their targets: the path is the target
    # and the required TFP path reproduces it at the (capped) baseline investment rate
    s_b = np.minimum(inputs.investment_rate_base, res.setup.values["investment_rate_max"][:, :, None, :])
    with_tfp = replace(
        neutral_bank(inputs), investment_rate_base=s_b, tfp_growth=np.nan_to_num(res.requirements.required_tfp_growth)
    )
    assert np.nanmax(np.abs(run(with_tfp).growth[..., 1:] - target[..., 1:])) < 1e-10


def test_closed_form_equals_numerical_solve(default_target) -> None:
    """Solve each year's investment rate numerically (brentq on the forward step) and compare to the closed form."""
    req = default_target.requirements
    inp = default_target.setup.engine_inputs()
    public = default_target.projection.output.public_investment_effective
    s_n, p_n, _, t_n = req.required_investment_rate.shape
    for i in range(s_n):
        for j in range(p_n):
            ky = float(req.capital_output_ratio[i, j, 0, 0])
            for t in range(1, t_n - 1):
                ky = float(req.capital_output_ratio[i, j, 0, t])
                n = t + 1
                a = float(inp.capital_share[i, j, 0, n])
                d = float(inp.depreciation[i, j, 0, n])
                ga = float(inp.tfp_growth[i, j, 0, n])
                gl = float(inp.labour_growth[i, j, 0, n])
                goal = float(req.target_growth[i, j, 0, n])
                phi = float(inp.public_capital_elasticity[i, j, 0, n])
                kg = float(req.public_capital_output_ratio[i, j, 0, t])
                capf_g = 1 - float(inp.public_capital_depreciation[i, j, 0, n]) + float(public[i, j, 0, t]) / kg

                def step(
                    s: float,
                    ky: float = ky,
                    a: float = a,
                    d: float = d,
                    ga: float = ga,
                    gl: float = gl,
                    goal: float = goal,
                    phi: float = phi,
                    capf_g: float = capf_g,
                ) -> float:
                    capf = 1 - d + s / ky
                    return (1 + ga) * capf ** (a - phi) * capf_g**phi * (1 + gl) ** (1 - a) - 1 - goal

                numeric = brentq(step, -ky * (1 - d) + 1e-9, 5.0, xtol=1e-15, rtol=1e-15, maxiter=500)
                assert abs(numeric - req.required_investment_rate[i, j, 0, t]) < 1e-9


def synthetic_case(t: int = 20, **over: float):
    """One SYNTHETIC cell with its projection, a flat target and generous caps."""
    inputs = constant_inputs(t=t, **over)
    projection = run(inputs)
    caps = Caps(*(np.full((1, 1, 1, t + 1), v) for v in (0.9, 5.0, 1e7)))
    return inputs, projection, caps


@settings(max_examples=50, deadline=None)
@given(
    goal=st.floats(0.0, 0.12),
    more=st.floats(0.0, 0.05),
    alpha=st.floats(0.25, 0.65),
    delta=st.floats(0.02, 0.08),
    ky0=st.floats(1.5, 7.0),
    s=st.floats(0.1, 0.5),
)
def test_properties(goal: float, more: float, alpha: float, delta: float, ky0: float, s: float) -> None:
    inputs, projection, caps = synthetic_case(
        capital_share=alpha, depreciation=delta, capital_output_ratio_0=ky0, investment_rate_base=s
    )
    years = np.arange(2024, 2045)

    def path(level: float) -> np.ndarray:
        g = np.full(21, level)
        g[0] = np.nan
        g[1] = projection.growth[0, 0, 0, 1]
        return g[None, None, None, :]

    low = requirements(inputs, projection, path(goal), caps)
    high = requirements(inputs, projection, path(goal + more), caps)
    # round trip: forward growth is the required path, which never falls below the target (a floor)
    forward = run(replace(neutral_bank(inputs), investment_rate_base=low.required_investment_rate))
    assert np.max(np.abs(forward.growth[..., 1:] - low.path_growth[..., 1:])) < 1e-10
    assert np.all(low.path_growth[..., 1:] >= low.target_growth[..., 1:] - 1e-12)
    # never less than the baseline investment, and no extra lending needed where the baseline suffices
    assert np.all(low.required_investment_rate >= low.baseline_investment_rate)
    assert np.all(low.investment_gap_real >= 0.0) and np.all(low.required_extra_lending >= 0.0)
    # a higher target never needs less investment
    assert np.all(high.required_investment_rate >= low.required_investment_rate - 1e-12)
    # ... nor a lower level of investment (where the rate is positive; the gap in Rp can fall when it is
    # negative, because output along a higher path is larger)
    level_low = low.required_investment_rate * low.grdp_real
    level_high = high.required_investment_rate * high.grdp_real
    positive = low.required_investment_rate > 0
    assert np.all(level_high[positive] >= level_low[positive] * (1 - 1e-12))
    del years


@settings(max_examples=25, deadline=None)
@given(
    deposits=st.floats(3.5e3, 2e4),
    equity=st.floats(50.0, 3e3),
    inv_cap=st.floats(0.31, 0.8),
    credit_cap=st.floats(0.08, 1.0),
    inj_cap=st.floats(0.0, 500.0),
)
def test_max_growth_is_where_a_cap_binds(
    deposits: float, equity: float, inv_cap: float, credit_cap: float, inj_cap: float
) -> None:
    inputs, projection, _ = synthetic_case(
        bpd_deposits_0=deposits,
        bpd_equity_0=equity,
        productive_share=0.9,
        investment_share=0.9,
        additionality=1.0,
        bpd_credit_0=5e4,
    )
    shape = (1, 1, 1, 21)
    caps = Caps(np.full(shape, inv_cap), np.full(shape, credit_cap), np.full(shape, inj_cap))
    years = np.arange(2024, 2045)
    best = max_growth(inputs, projection, caps, years)
    g = float(best.constant[0, 0, 0])
    if np.isnan(g):
        assert best.binding_reason[0, 0, 0] == "infeasible_at_bracket_low"
        return
    assert best.converged[0, 0, 0]
    assert best.binding_reason[0, 0, 0] in REASONS

    def mask(level: float) -> np.ndarray:
        path = np.full(21, level)
        path[0] = np.nan
        path[1] = projection.growth[0, 0, 0, 1]
        return requirements(inputs, projection, path[None, None, None, :], caps, floor=False).reasons[..., 1:]

    # feasible at the answer, infeasible 1e-10 above it: a cap binds exactly there (to 1e-10 in growth)
    lower_side = (1 << REASONS.index("negative_credit")) | (1 << REASONS.index("negative_investment"))
    assert not np.any(mask(g) & ~lower_side)
    above = mask(g + 1e-10)
    assert np.any(above & ~lower_side)
    first_bit = int(
        np.log2(
            (above & ~lower_side)[above & ~lower_side > 0].min() & -(above & ~lower_side)[above & ~lower_side > 0].min()
        )
    )
    assert REASONS[first_bit] in {
        "investment_ceiling",
        "credit_growth_ceiling",
        "funding",
        "car",
        "rim",
        "investment_exceeds_output",
    }


def test_target_path_kinds() -> None:
    from growth8.config import TargetSpec

    years = np.arange(2024, 2046)
    ramp = target_path(TargetSpec(growth=0.08, by=2029), years, 0.05)
    assert ramp[1] == 0.05 and ramp[years == 2029][0] == pytest.approx(0.08) and np.all(ramp[years >= 2029] == 0.08)
    assert np.all(np.diff(ramp[1:6]) > 0)
    const = target_path(TargetSpec(growth=0.07, path="constant", start=2027), years, 0.05)
    assert np.all(const[(years >= 2025) & (years < 2027)] == 0.05) and np.all(const[years >= 2027] == 0.07)
    avg = target_path(TargetSpec(growth=0.08, path="average", window=(2025, 2034)), years, 0.05)
    window = (years >= 2025) & (years <= 2034)
    assert np.prod(1 + avg[window]) ** (1 / window.sum()) - 1 == pytest.approx(0.08, abs=1e-14)


def test_target_csv_contract(default_target) -> None:
    table = default_target.table()
    contract = [
        "scenario",
        "province_code",
        "province",
        "year",
        "target_growth",
        "required_investment_rate",
        "baseline_investment_rate",
        "capital_output_ratio",
        "tfp_growth",
        "labour_growth",
        "capital_share",
        "depreciation",
        "investment_gap_real",
        "required_bpd_credit",
        "required_bpd_credit_growth",
        "required_deposits",
        "required_equity",
        "required_capital_injection",
        "required_tfp_growth",
        "icor_required_investment_rate",
        "feasible",
        "binding_reason",
    ]
    assert list(table.columns[: len(contract)]) == contract
    assert len(table) == 2 * 2 * (2045 - BASE_YEAR + 1)
    base = table[table["year"] == BASE_YEAR]
    assert base["feasible"].all() and (base["investment_gap_real"] == 0).all()
    # the ICOR view: required I/Y = historical ICOR x target growth of the next year
    row = table[(table["scenario"] == "baseline") & (table["province_code"] == 36) & (table["year"] == 2028)].iloc[0]
    nxt = table[(table["scenario"] == "baseline") & (table["province_code"] == 36) & (table["year"] == 2029)].iloc[0]
    assert row["icor_required_investment_rate"] == pytest.approx(
        row["historical_icor"] * nxt["target_growth"], rel=1e-12
    )
    mg = default_target.max_growth_table()
    assert list(mg.columns[:5]) == ["scenario", "province_code", "province", "max_constant_growth", "binding_reason"]


def test_default_answer_is_honest(default_target) -> None:
    """8% by 2029 is out of the BPDs' reach, and out of reach of every source together."""
    table = default_target.table()
    proj = table[table["year"] > BASE_YEAR]
    assert not proj["feasible"].any()
    mg = default_target.max_growth_table().set_index(["scenario", "province_code"])
    banten = mg.loc[("baseline", 36)]
    # Bank Banten is tiny against Banten's GRDP: alone it adds next to nothing to the baseline's growth
    # (the baseline's growth varies from year to year, so the highest constant path sits a little below its mean)
    assert banten["max_constant_growth"] <= banten["projected_growth_mean"] + 1e-3
    assert banten["binding_reason"] in {"funding", "car", "credit_growth_ceiling"}
    # every source at its maximum reaches more than the BPD alone, and still not 8%
    assert (mg["max_constant_growth_all_sources"] >= mg["max_constant_growth"] - 1e-9).all()
    assert (mg["max_constant_growth_all_sources"] < 0.08).all()


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "case.yaml"
    path.write_text(textwrap.dedent(text))
    return path


def test_thirty_percent_target_is_infeasible(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["target", str(CONFIGS / "bengkulu.yaml"), "--target-growth", "0.3", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and "Not feasible within the limits" in result.output
    table = pd.read_csv(out / "target.csv")
    proj = table[table["year"] > BASE_YEAR]
    assert not proj["feasible"].any()
    assert proj["reasons"].str.contains("investment_exceeds_output").any()
    assert proj["reasons"].str.contains("investment_ceiling").any()


def test_zero_injection_ceiling_with_binding_car(tmp_path: Path) -> None:
    config = write(
        tmp_path,
        """
        format: 1
        title: CAR binds
        provinces: [bengkulu]
        horizon: 2035
        target: {growth: 0.056, by: 2028}
        parameters:
          bpd_equity_initial: 50
          bpd_deposits_initial: 1.0e+6
          capital_injection_max: 0
          bpd_credit_growth_max: 5
        scenarios: {baseline: {}}
        """,
    )
    out = tmp_path / "out"
    result = runner.invoke(app, ["target", str(config), "--out", str(out)])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out / "target.csv")
    proj = table[table["year"] > BASE_YEAR]
    assert (proj["binding_reason"] == "car").any()
    assert set(proj.loc[~proj["feasible"], "binding_reason"]) == {"car"}
    assert (proj.loc[~proj["feasible"], "required_capital_injection"] > 0).all()
    mg = pd.read_csv(out / "max_growth.csv")
    assert mg["binding_reason"].iloc[0] == "car"


def test_target_growth_flag_and_bad_value(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["target", str(CONFIGS / "banten.yaml"), "--target-growth", "8", "--out", str(out)])
    assert result.exit_code == 2
    assert re.search(
        r"--target-growth 8 is outside \[-0\.2, 0\.5\]; rates are fractions: did you mean 0\.08\?", result.output
    )
    assert not out.exists()
    result = runner.invoke(
        app, ["target", str(CONFIGS / "banten.yaml"), "--target-growth", "0.06", "--out", str(out), "--lang", "id"]
    )
    assert result.exit_code == 0, result.output
    assert "Kebutuhan untuk mencapai target" in result.output and "6,0%" in result.output
    table = pd.read_csv(out / "target.csv")
    assert table.loc[table["year"] >= 2029, "target_growth"].eq(0.06).all()


def test_per_province_targets(tmp_path: Path, panel) -> None:
    text = (
        (CONFIGS / "default.yaml")
        .read_text()
        .replace(
            "target:\n  growth: 0.08\n  by: 2029\n",
            "target:\n  growth: 0.08\n  by: 2029\n  provinces:\n    bengkulu: {growth: 0.06, path: constant}\n",
        )
    )
    path = tmp_path / "default.yaml"
    path.write_text(text)
    res = growth8.solve_target(path, panel=panel)
    table = res.table()
    b = table[(table["province_code"] == 17) & (table["scenario"] == "baseline")].set_index("year")["target_growth"]
    assert b.loc[BASE_YEAR + 2 :].eq(0.06).all()  # the first projected year is already set by the base year
    k = table[(table["province_code"] == 36) & (table["scenario"] == "baseline")].set_index("year")["target_growth"]
    assert k.loc[2029:].eq(0.08).all() and k.loc[2027] < 0.08
