"""Estimation: FE regression against linearmodels, PIM and growth-accounting identities, the CLI."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

import growth8
from growth8.analysis.backtest import backtest, forecasts_at
from growth8.cli import app
from growth8.errors import InputError
from growth8.estimation import (
    capital_stock,
    credit_sample,
    estimate,
    estimated_parameters,
    fit_credit_growth,
    kappa_equivalent,
)
from helpers import CONFIGS

runner = CliRunner()


@pytest.fixture(scope="module")
def sample(panel):
    return credit_sample(panel, lag=1)[0]


@pytest.fixture(scope="module")
def result(panel):
    return estimate(panel)


def test_fe_coefficient_matches_linearmodels(sample) -> None:
    linearmodels = pytest.importorskip("linearmodels")
    fit = fit_credit_growth(sample)
    data = sample.set_index(["province_code", "year"])
    ref = linearmodels.PanelOLS(
        data["grdp_growth"], data[["real_credit_growth_lag1"]], entity_effects=True, time_effects=True
    ).fit(cov_type="clustered", cluster_entity=True)
    assert abs(fit.coef - float(ref.params.iloc[0])) < 1e-8
    # statsmodels: G/(G-1) (N-1)/(N-K); linearmodels (debiased=False): N/(N-K). Ratio: G/(G-1) (N-1)/N.
    n, g = fit.nobs, fit.n_provinces
    assert int(ref.df_model) == 1 + (g - 1) + (len(fit.years) - 1) + 1  # K: slope, effects, constant
    ratio = (fit.se / float(ref.std_errors.iloc[0])) ** 2
    assert ratio == pytest.approx(g / (g - 1) * (n - 1) / n, rel=1e-10)
    assert fit.within_r2 == pytest.approx(float(ref.rsquared), abs=1e-10)


def test_sample_is_what_the_contract_says(panel, sample, result) -> None:
    assert list(sample.columns[:4]) == ["province_code", "year", "grdp_growth", "real_credit_growth_lag1"]
    assert not sample.duplicated(["province_code", "year"]).any()
    assert sample.notna().all().all()
    # No dependent year of Papua (94) or Papua Barat (91) on new boundaries.
    assert not ((sample["province_code"].isin([91, 94])) & (sample["year"] >= 2023)).any()
    # A reclassification jump in credit year t removes the observation with dependent year t + 1.
    assert panel.flag("credit_all_banks", 36, 2012) == ("reclassification_jump",)
    assert not ((sample["province_code"] == 36) & (sample["year"] == 2013)).any()
    # Real credit growth recomputed by hand for Banten 2016 -> dependent year 2017.
    p = {y: panel.get("grdp_nominal", 36, y) / panel.get("grdp_real", 36, y) for y in (2015, 2016)}
    c = {y: panel.get("credit_all_banks", 36, y) / p[y] for y in (2015, 2016)}
    row = sample.loc[(sample["province_code"] == 36) & (sample["year"] == 2017)]
    assert row["real_credit_growth_lag1"].item() == pytest.approx(c[2016] / c[2015] - 1.0, rel=1e-12)
    assert result.credit.nobs == len(sample)
    covid = credit_sample(panel, lag=1, exclude_covid=True)[0]
    assert not covid["year"].isin([2020, 2021]).any() and len(covid) < len(sample)
    with pytest.raises(InputError, match="lag must be 1 or 2"):
        credit_sample(panel, lag=3)


def test_driscoll_kraay_and_kappa_mapping(sample, result) -> None:
    dk = dict(result.alternatives)["driscoll_kraay"]
    assert dk.coef == pytest.approx(result.credit.coef) and dk.se > 0 and dk.se != result.credit.se
    k = result.kappa
    assert k["kappa_equiv"] == pytest.approx(
        result.credit.coef * k["capital_output_ratio"] / (k["capital_share"] * k["credit_to_grdp"])
    )
    assert kappa_equivalent(0.1, 0.25, 3.0, 0.5) == pytest.approx(0.1 * 3.0 / (0.5 * 0.25))
    assert "Reverse causality" in result.summary().as_text()


def test_pim_and_growth_accounting_identities(panel) -> None:
    delta, alpha = 0.0383031, 0.490696
    table = capital_stock(panel, depreciation=delta, capital_share=alpha)
    assert table["province_code"].nunique() == 38
    for _code, d in table.groupby("province_code"):
        k, inv = d["capital"].to_numpy(), d["investment_real"].to_numpy()
        np.testing.assert_allclose(k[1:], (1 - delta) * k[:-1] + inv[:-1], rtol=1e-13)
        # Steady-state start: K_t0 / Y_t0 = s / (g + delta).
        assert k[0] / d["grdp_real"].iloc[0] == pytest.approx(d["ky0"].iloc[0], rel=1e-12)
        g, ga, gl = d["growth"].to_numpy(), d["tfp_growth"].to_numpy(), d["labour_growth"].to_numpy()
        ok = ~np.isnan(ga[1:])
        lhs = (1 + g[1:])[ok]
        rhs = ((1 + ga[1:]) * (k[1:] / k[:-1]) ** alpha * (1 + gl[1:]) ** (1 - alpha))[ok]
        np.testing.assert_allclose(lhs, rhs, rtol=1e-13)
    papua = table.loc[table["province_code"] == 94]
    assert int(papua["year"].min()) == 2023  # starts on the new boundaries


def test_estimated_parameters_contract(panel) -> None:
    out = estimated_parameters(panel, [36, 17], 2024)
    assert set(out) == {"capital_output_ratio_initial", "tfp_growth"}
    for values, sources in out.values():
        assert values.shape == (2,) and np.isfinite(values).all() and len(sources) == 2
        assert all(s.text("en").startswith("estimate:") for s in sources)
        assert all(s.text("id").startswith("estimasi:") for s in sources)
    table = capital_stock(panel, [36])
    row = table.loc[table["year"] == 2024]
    assert out["capital_output_ratio_initial"][0][0] == pytest.approx((row["capital"] / row["grdp_real"]).item())
    with pytest.raises(InputError, match="cannot estimate 'additionality'"):
        estimated_parameters(panel, [36], 2024, parameters=["additionality"])
    with pytest.raises(InputError, match="base year 2019"):
        estimated_parameters(panel, [36], 2019)


# ---------------------------------------------------------------- backtest
def test_window_mean_baseline_equals_window_mean_by_construction(panel) -> None:
    bt = backtest(panel, horizons=(1, 3))
    f = bt.forecasts.set_index(["model", "origin", "horizon", "province_code"])["forecast"]
    np.testing.assert_allclose(f.loc["baseline_window_mean"].to_numpy(), f.loc["naive_mean"].to_numpy(), atol=1e-12)
    # With a published ky0 the first year still reproduces the window mean; later years drift.
    h1 = f.xs(1, level="horizon")
    np.testing.assert_allclose(h1.loc["baseline_ky_pwt110"].to_numpy(), h1.loc["naive_mean"].to_numpy(), atol=1e-12)
    h3 = f.xs(3, level="horizon")
    assert np.abs(h3.loc["baseline_ky_pwt110"].to_numpy() - h3.loc["naive_mean"].to_numpy()).max() > 1e-4
    # Errors by hand for one model.
    d = bt.forecasts.query("model == 'naive_last' and horizon == 1").dropna(subset=["actual"])
    e = d["forecast"] - d["actual"]
    row = bt.errors().query("model == 'naive_last' and horizon == 1")
    assert row["mae"].item() == pytest.approx(np.abs(e).mean())
    assert row["rmse"].item() == pytest.approx(math.sqrt((e**2).mean()))
    assert row["median_ae"].item() == pytest.approx(np.median(np.abs(e)))
    assert set(bt.error_summary()["targets"]) == {"all", "excluding 2020-2021"}


@pytest.mark.parametrize("origin", [2015, 2019, 2022, 2024])
def test_backtest_uses_no_data_after_the_origin(panel, origin: int) -> None:
    """Every release after the origin (later years, and releases of earlier years published after the cut-off)
    and every forecast published after it are scrambled: the forecasts made at the origin do not move."""
    from helpers import scramble_after

    other = scramble_after(panel, origin, seed=origin)
    a = forecasts_at(panel, origin, 3)
    b = forecasts_at(other, origin, 3)
    assert len(a) > 0
    pd.testing.assert_frame_equal(a, b)


# ---------------------------------------------------------------- CLI
def test_cli_estimate_writes_contract(tmp_path: Path) -> None:
    out = tmp_path / "e"
    result = runner.invoke(app, ["estimate", str(CONFIGS / "default.yaml"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    est = json.loads((out / "estimates.json").read_text())
    ce = est["credit_elasticity"]
    for key in (
        "coef",
        "se",
        "ci_low",
        "ci_high",
        "nobs",
        "dependent",
        "regressor",
        "entity_effects",
        "time_effects",
        "cov_type",
    ):
        assert key in ce
    sample = pd.read_csv(out / "estimation_sample.csv")
    assert {"province_code", "year", ce["dependent"], ce["regressor"]} <= set(sample.columns)
    assert len(sample) == ce["nobs"]
    assert ce["entity_effects"] and ce["time_effects"] and ce["cov_type"] == "cluster"
    assert set(est["parameters"]["provinces"]) == {36, 17}
    for name in ("capital_stock.csv", "icor.csv", "run.json"):
        assert (out / name).is_file()
    record = json.loads((out / "run.json").read_text())
    assert set(record["outputs"]) == {"estimates.json", "estimation_sample.csv", "capital_stock.csv", "icor.csv"}
    result = runner.invoke(
        app, ["estimate", str(CONFIGS / "default.yaml"), "--out", str(out), "--lag", "2", "--exclude-covid", "--force"]
    )
    assert result.exit_code == 0, result.output
    ce = json.loads((out / "estimates.json").read_text())["credit_elasticity"]
    assert ce["regressor"] == "real_credit_growth_lag2"


def test_cli_backtest_writes_contract(tmp_path: Path) -> None:
    out = tmp_path / "b"
    result = runner.invoke(app, ["backtest", str(CONFIGS / "default.yaml"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out / "backtest.csv")
    assert list(table.columns[:6]) == ["model", "origin", "province_code", "year", "forecast", "actual"] or {
        "model",
        "origin",
        "province_code",
        "year",
        "forecast",
        "actual",
    } <= set(table.columns)
    assert set(table["model"]) == {"baseline", "baseline_window_mean", "baseline_ky_pwt110", "naive_last", "naive_mean"}
    for name in ("backtest_errors_by_group.csv", "backtest_scorecard.csv", "backtest_errors_by_province.csv"):
        assert (out / name).is_file()
    assert (table["year"] > table["origin"]).all()
    assert (out / "run.json").is_file() and (out / "backtest_errors.csv").is_file()


def test_cli_bad_input(tmp_path: Path) -> None:
    result = runner.invoke(app, ["estimate", str(CONFIGS / "default.yaml"), "--out", str(tmp_path), "--lag", "3"])
    assert result.exit_code == 2 and "--lag must be 1 or 2" in result.output
    assert not any(tmp_path.iterdir())
    result = runner.invoke(app, ["backtest", str(tmp_path / "missing.yaml"), "--out", str(tmp_path)])
    assert result.exit_code == 2 and "growth8: error" in result.output
    result = runner.invoke(app, ["backtest", str(CONFIGS / "default.yaml"), "--out", str(tmp_path), "--horizon", "0"])
    assert result.exit_code == 2 and "horizons must be" in result.output
    out = tmp_path / "again"
    assert runner.invoke(app, ["backtest", str(CONFIGS / "default.yaml"), "--out", str(out)]).exit_code == 0
    result = runner.invoke(app, ["backtest", str(CONFIGS / "default.yaml"), "--out", str(out)])
    assert result.exit_code == 2 and "--force" in result.output


def test_config_can_use_estimates(tmp_path, panel) -> None:
    """`calibration: {estimated: [...]}` projects with the PIM K/Y and TFP residual, and says so in the sources."""
    from helpers import CONFIGS

    text = (
        (CONFIGS / "default.yaml")
        .read_text()
        .replace(
            "  labour_window: [2015, 2020]\n",
            "  labour_window: [2015, 2020]\n  estimated: [capital_output_ratio_initial, tfp_growth]\n",
        )
    )
    path = tmp_path / "default.yaml"
    path.write_text(text)
    result = growth8.project(path, panel=panel)
    table = result.assumptions()
    for param in ("capital_output_ratio_initial", "tfp_growth"):
        assert table.loc[table["parameter"] == param, "source"].str.startswith("estimated: ").all()
    plain = growth8.project(CONFIGS / "default.yaml", panel=panel).assumptions()
    assert not plain.loc[plain["parameter"] == "tfp_growth", "source"].str.startswith("estimated").any()
    # the TFP values differ from the calibrated residual (the estimate is not forced to reproduce recent growth)
    a = table.loc[table["parameter"] == "tfp_growth", "value"].to_numpy()
    b = plain.loc[plain["parameter"] == "tfp_growth", "value"].to_numpy()
    assert not np.allclose(a, b)


def test_unknown_estimated_parameter(tmp_path) -> None:
    from typer.testing import CliRunner

    from growth8.cli import app
    from helpers import CONFIGS

    text = (
        (CONFIGS / "default.yaml")
        .read_text()
        .replace("  labour_window: [2015, 2020]\n", "  labour_window: [2015, 2020]\n  estimated: [tfp_growht]\n")
    )
    path = tmp_path / "default.yaml"
    path.write_text(text)
    result = CliRunner().invoke(app, ["project", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "cannot estimate tfp_growht (did you mean 'tfp_growth'?)" in result.output
    assert not (tmp_path / "out").exists()


def test_minimum_detectable_effect_against_an_independent_power_calculation() -> None:
    """MDE = (t_{1-a/2} + t_power) se: the power of a two-sided t test at that true effect is the power asked
    for (reference: the noncentral t distribution, computed independently with scipy)."""
    from scipy import stats

    from growth8.estimation import minimum_detectable_effect

    se, df = 0.0496, 33
    mde = minimum_detectable_effect(se, df)
    crit = stats.t.ppf(0.975, df)
    power = stats.nct.sf(crit, df, mde / se) + stats.nct.cdf(-crit, df, mde / se)
    assert abs(power - 0.8) < 0.01  # the textbook approximation, within a point of exact power
    assert minimum_detectable_effect(2 * se, df) == pytest.approx(2 * mde)
    assert minimum_detectable_effect(se, df, power=0.9) > mde


def test_estimation_reports_the_detectable_kappa(panel) -> None:
    from growth8.estimation import estimate, kappa_equivalent

    result = estimate(panel)
    k = result.kappa
    assert k["kappa_detectable"] == pytest.approx(
        kappa_equivalent(k["beta_detectable"], k["credit_to_grdp"], k["capital_output_ratio"], k["capital_share"])
    )
    assert k["beta_detectable"] > abs(result.credit.coef)  # nothing detected
    text = result.summary().as_text()
    assert "can detect a beta of at least" in text and "is below that" in text
