"""Growth decomposition: the contributions add up to growth, each source moves its own part, and the
observed years rebuild from the perpetual-inventory capital stock."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

import growth8
from growth8.estimation import capital_stock
from growth8.model.solow import GROWTH_SOURCES, growth_contributions
from helpers import CONFIGS, SHIPPED

CONTRIBUTIONS = [f"{k}_contribution" for k in GROWTH_SOURCES]


@pytest.fixture(scope="module", params=SHIPPED)
def projection(request: pytest.FixtureRequest, panel) -> growth8.ProjectionResult:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", growth8.Growth8Warning)
        return growth8.project(CONFIGS / request.param, panel=panel)


def test_the_contributions_add_up_to_the_projected_growth(projection) -> None:
    """Identity: the sum of the sources is the engine's growth, year by year, in every shipped config, and the
    projected rows' growth is projection.csv's."""
    frame = projection.growth_decomposition()
    total = frame[CONTRIBUTIONS].sum(axis=1, skipna=True).to_numpy()
    np.testing.assert_allclose(total, frame["growth"].to_numpy(), rtol=0.0, atol=1e-13)
    projected = frame[~frame["observed"]]
    table = projection.table()
    table = table[~table["observed"]]
    assert len(projected) == len(table)
    merged = projected.merge(table, on=["scenario", "province_code", "year"], suffixes=("", "_csv"))
    np.testing.assert_array_equal(merged["growth"], merged["growth_csv"])


def test_one_source_alone_gets_all_the_growth() -> None:
    """With only TFP growing, TFP's contribution is the growth; with only capital, capital's is."""
    parts = growth_contributions(0.03, 0.03, 1.0, 0.4, 0.0)
    assert parts["tfp"] == pytest.approx(0.03, abs=1e-15)
    assert all(parts[k] == 0.0 for k in GROWTH_SOURCES if k != "tfp")
    capf = 1.06
    g = capf**0.4 - 1.0
    parts = growth_contributions(g, 0.0, capf, 0.4, 0.0)
    assert parts["capital"] == pytest.approx(g, abs=1e-15)


def test_contributions_are_in_proportion_to_the_log_terms() -> None:
    """Reference values by hand: alpha 0.4, phi 0.1, capf 1.05, capf_G 1.03, g_L 1%, g_h 0.5%, g_A 1.5%."""
    alpha, phi, capf, capf_g, gl, gh, ga = 0.4, 0.1, 1.05, 1.03, 0.01, 0.005, 0.015
    g = (1 + ga) * capf ** (alpha - phi) * capf_g**phi * ((1 + gl) * (1 + gh)) ** (1 - alpha) - 1
    parts = growth_contributions(g, ga, capf, alpha, gl, gh, phi, capf_g)
    logs = {
        "capital": 0.3 * math.log(1.05),
        "public_capital": 0.1 * math.log(1.03),
        "labour": 0.6 * math.log(1.01),
        "human_capital": 0.6 * math.log(1.005),
        "tfp": math.log(1.015),
    }
    for k, v in logs.items():
        assert parts[k] == pytest.approx(v * g / math.log1p(g), rel=1e-12), k
    assert sum(parts.values()) == pytest.approx(g, abs=1e-15)


def test_zero_growth_and_negative_sources() -> None:
    """At zero growth the contributions are the log terms (no 0/0), and a shrinking labour force subtracts."""
    parts = growth_contributions(0.0, 0.0, 1.0, 0.4, 0.0)
    assert all(np.isfinite(v) and v == 0.0 for v in parts.values())
    ga = 0.02
    gl = (1.0 / (1.0 + ga)) ** (1 / 0.6) - 1.0  # labour falls just enough to cancel TFP: g = 0
    g = (1 + ga) * (1 + gl) ** 0.6 - 1.0
    parts = growth_contributions(g, ga, 1.0, 0.4, gl)
    assert parts["labour"] < 0.0 < parts["tfp"]
    assert parts["labour"] + parts["tfp"] == pytest.approx(g, abs=1e-15)


def test_more_investment_raises_the_capital_contribution(panel) -> None:
    """Monotone: raising the investment rate by 5 points raises private capital's part in every projected year
    after the first (this year's investment is next year's capital) and leaves labour's log term as it was."""
    inputs = growth8.load(CONFIGS / "banten.yaml", panel=panel)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", growth8.Growth8Warning)
        base = growth8.project(inputs)
        rate = float(base.setup.values["investment_rate"][0, 0, 1])
        more = growth8.project(inputs.with_parameters(investment_rate=rate + 0.05))
    a, b = (r.growth_decomposition(history=False) for r in (base, more))
    a, b = a[a["scenario"] == a["scenario"].iloc[0]], b[b["scenario"] == b["scenario"].iloc[0]]
    assert (b["capital_contribution"].to_numpy()[1:] > a["capital_contribution"].to_numpy()[1:]).all()

    def log_term(f):
        return (f["labour_contribution"] * np.log1p(f["growth"]) / f["growth"]).to_numpy()

    np.testing.assert_allclose(log_term(b), log_term(a), rtol=1e-12)


def test_observed_years_rebuild_from_the_capital_stock(projection, panel) -> None:
    """The observed rows: growth is BPS's, capital's part is alpha ln(K_t / K_{t-1}) scaled, from
    estimation.capital_stock run independently; public capital is not separated (NaN)."""
    frame = projection.growth_decomposition()
    observed = frame[frame["observed"]]
    assert len(observed), "no observed years"
    assert observed["public_capital_contribution"].isna().all()
    scen = projection.setup.scenarios[0]
    for p_i, code in enumerate(projection.setup.provinces):
        rows = observed[(observed["scenario"] == scen) & (observed["province_code"] == code)]
        alpha = float(projection.setup.values["capital_share"][0, p_i, 1])
        delta = float(projection.setup.values["depreciation"][0, p_i, 1])
        pim = capital_stock(panel, [code], depreciation=delta, capital_share=alpha).set_index("year")
        for _, row in rows.iterrows():
            y = int(row["year"])
            g = float(pim.at[y, "growth"])
            assert row["growth"] == g
            expected = alpha * math.log(pim.at[y, "capital"] / pim.at[y - 1, "capital"]) * g / math.log1p(g)
            assert row["capital_contribution"] == pytest.approx(expected, rel=1e-12)
        assert rows["year"].max() == int(projection.years[0])


def test_without_history_only_projected_years(projection) -> None:
    frame = projection.growth_decomposition(history=False)
    assert not frame["observed"].any()
    assert sorted(frame["year"].unique()) == [int(y) for y in projection.years[1:]]
