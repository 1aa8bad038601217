"""Monte Carlo, sensitivity and sweeps: reproducibility, theory, degenerate cases, parallel engines."""

from __future__ import annotations

import re
import textwrap
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from typer.testing import CliRunner

import growth8
from growth8.analysis.montecarlo import ChunkTask, draw_inputs, simulate
from growth8.analysis.sensitivity import sensitivity
from growth8.analysis.sweep import sweep
from growth8.cli import app
from helpers import CONFIGS

runner = CliRunner()


def config_with(tmp_path: Path, uncertainty: str, extra: str = "", name: str = "mc.yaml") -> Path:
    """The default config's provinces and scenarios with another uncertainty block."""
    text = textwrap.dedent(
        """
        format: 1
        title: Monte Carlo test
        provinces: [banten, bengkulu]
        horizon: 2035
        seed: 11
        target: {growth: 0.08, by: 2029}
        scenarios:
          baseline: {}
          push:
            parameters:
              bpd_credit_growth: 0.2
        """
    )
    path = tmp_path / name
    path.write_text(text + textwrap.dedent(uncertainty) + textwrap.dedent(extra))
    return path


@pytest.fixture(scope="module")
def default_projection(panel):
    return growth8.project(CONFIGS / "default.yaml", panel=panel)


def test_same_seed_same_bytes_and_jobs_do_not_matter(tmp_path: Path) -> None:
    outs = []
    for k, jobs in enumerate(("1", "1", "2")):
        out = tmp_path / f"run{k}"
        args = [
            "project",
            str(CONFIGS / "default.yaml"),
            "--draws",
            "600",
            "--seed",
            "7",
            "--jobs",
            jobs,
            "--out",
            str(out),
        ]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        outs.append(out)
    for name in ("quantiles.csv", "probabilities.csv", "projection.csv"):
        first = (outs[0] / name).read_bytes()
        assert all((o / name).read_bytes() == first for o in outs[1:]), name
    other = tmp_path / "seed8"
    runner.invoke(app, ["project", str(CONFIGS / "default.yaml"), "--draws", "600", "--seed", "8", "--out", str(other)])
    assert (other / "quantiles.csv").read_bytes() != (outs[0] / "quantiles.csv").read_bytes()


def test_dask_local_cluster_equals_joblib(default_projection) -> None:
    distributed = pytest.importorskip("distributed")
    local = simulate(default_projection, draws=400, seed=3, chunk=100, jobs=2)
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster:
        remote = simulate(
            default_projection, draws=400, seed=3, chunk=100, engine="dask", scheduler=cluster.scheduler_address
        )
    pd.testing.assert_frame_equal(local.quantiles(), remote.quantiles())
    pd.testing.assert_frame_equal(local.probabilities(), remote.probabilities())


def test_chunking_does_not_change_draws_per_chunk_seed(default_projection) -> None:
    """Chunks are seeded by position: the same chunk size gives the same draws whatever the workers."""
    a = simulate(default_projection, draws=500, seed=5, chunk=100, jobs=1)
    b = simulate(default_projection, draws=500, seed=5, chunk=100, jobs=2)
    np.testing.assert_array_equal(a.growth_quantiles, b.growth_quantiles)


def test_quantiles_match_theory(tmp_path: Path, panel) -> None:
    """TFP growth ~ N(g_A, sd) shared: first-year growth is linear in the shock, so its quantiles are normal."""
    sd = 0.004
    path = config_with(tmp_path, f"uncertainty:\n  parameters:\n    tfp_growth: {{dist: normal, sd: {sd}}}\n")
    projection = growth8.project(path, panel=panel)
    n = 20000
    mc = simulate(projection, draws=n, seed=1)
    inputs = projection.setup.engine_inputs()
    capf = 1 - inputs.depreciation[..., 1] + inputs.investment_rate_base[..., 0] / inputs.capital_output_ratio_0
    alpha = inputs.capital_share[..., 1]
    scale = capf**alpha * (1 + inputs.labour_growth[..., 1]) ** (1 - alpha)  # dg/dg_A
    center = projection.output.growth[..., 1]
    for k, q in enumerate((0.05, 0.10, 0.50, 0.90, 0.95)):
        theory = center + scale * sd * stats.norm.ppf(q)
        # standard error of a sample quantile: sqrt(q(1-q)/n) / density at the quantile
        se = np.sqrt(q * (1 - q) / n) / stats.norm.pdf(stats.norm.ppf(q)) * scale * sd
        got = mc.growth_quantiles[..., 1, k]
        assert np.all(np.abs(got - theory[..., 0]) < 4 * se[..., 0]), (q, got, theory)


def test_distribution_shapes_and_correlation(tmp_path: Path, panel) -> None:
    path = config_with(
        tmp_path,
        """
        uncertainty:
          parameters:
            additionality: {dist: triangular, low: 0.2, mode: 0.5, high: 0.8}
            depreciation: {dist: uniform, low: 0.03, high: 0.05}
            capital_output_ratio_initial: {dist: lognormal, sd: 0.2, shared: false}
            capital_share: {dist: truncnormal, sd: 0.05, low: 0.45, high: 0.5}
            tfp_growth: {dist: normal, sd: 0.01}
          correlation:
            - between: [depreciation, tfp_growth]
              rho: 0.6
        """,
    )
    projection = growth8.project(path, panel=panel)
    from growth8.analysis.draws import _cholesky, _specs

    setup = projection.setup
    task = ChunkTask(
        index=0,
        size=20000,
        seed=np.random.SeedSequence(0),
        inputs=setup.engine_inputs(),
        specs=_specs(setup, None),
        cholesky=_cholesky(setup.config),
        target_index=np.full(2, 5),
        target_level=np.full(2, 0.08),
        window=(5, 11),
    )
    drawn = draw_inputs(task)
    add = drawn.additionality[0, 0, :, 1]
    assert stats.kstest(add, stats.triang(c=0.5, loc=0.2, scale=0.6).cdf).pvalue > 1e-3
    dep = drawn.depreciation[0, 0, :, 1]
    assert stats.kstest(dep, stats.uniform(loc=0.03, scale=0.02).cdf).pvalue > 1e-3
    ky = drawn.capital_output_ratio_0[0, :, :]
    center = setup.values["capital_output_ratio_initial"][0, :, 0]
    logs = np.log(ky / center[:, None])
    assert np.all(np.abs(logs.mean(axis=1)) < 0.01) and np.all(np.abs(logs.std(axis=1) - 0.2) < 0.01)
    assert abs(np.corrcoef(logs[0], logs[1])[0, 1]) < 0.05  # independent across provinces
    share = drawn.capital_share[0, 0, :, 1]
    assert share.min() >= 0.45 and share.max() <= 0.5  # bounds respected
    tfp = drawn.tfp_growth[0, 0, :, 1]
    rho = stats.spearmanr(dep, tfp).statistic
    assert 0.5 < rho < 0.7  # Gaussian copula with rho 0.6 (rank correlation ~0.58)
    # every year of a path carries the same draw (the same shift from that year's centre, the TFP path varying
    # by year); the engine sees draws along axis 2
    centre = setup.values["tfp_growth"][0, 0]
    np.testing.assert_allclose(drawn.tfp_growth[0, 0, :, 3] - centre[3], tfp - centre[1], rtol=0, atol=1e-15)


@pytest.mark.parametrize(("level", "expected"), [(0.3, 0.0), (-0.05, 1.0)])
def test_probability_degenerate(tmp_path: Path, panel, level: float, expected: float) -> None:
    path = config_with(
        tmp_path,
        "uncertainty:\n  parameters:\n    tfp_growth: {dist: normal, sd: 0.0001}\n",
    )
    text = path.read_text().replace("target: {growth: 0.08, by: 2029}", f"target: {{growth: {level}, by: 2029}}")
    path.write_text(text)
    mc = simulate(growth8.project(path, panel=panel), draws=300, seed=2)
    assert np.all(mc.prob_reach_target == expected)
    assert np.all(mc.prob_reach_target_average == expected)


def test_sensitivity_tornado(default_projection) -> None:
    result = sensitivity(default_projection)
    table = result.tornado()
    assert set(table["outcome"]) == {"growth_target_year", "required_investment_rate"}
    for _, group in table.groupby(["scenario", "province_code", "outcome"]):
        assert list(group["swing"]) == sorted(group["swing"], reverse=True)
        assert np.allclose(group["swing"], (group["outcome_high"] - group["outcome_low"]).abs())
    # the base outcome is the projection's own growth in the target year
    proj = default_projection.table()
    base = proj[(proj["scenario"] == "baseline") & (proj["province_code"] == 36) & (proj["year"] == 2029)][
        "growth"
    ].item()
    row = table[
        (table["scenario"] == "baseline") & (table["province_code"] == 36) & (table["outcome"] == "growth_target_year")
    ]
    assert np.allclose(row["outcome_base"], base, rtol=0, atol=1e-14)
    # more TFP growth raises growth; TFP and the K/Y range (2.96 vs 6.72) are the two widest swings of
    # growth, and K/Y the widest of the investment the target needs
    tfp = row[row["parameter"] == "tfp_growth"].iloc[0]
    assert tfp["outcome_high"] > tfp["outcome_low"]
    assert set(row.iloc[:2]["parameter"]) == {"capital_output_ratio_initial", "tfp_growth"}
    need = table[
        (table["scenario"] == "baseline")
        & (table["province_code"] == 36)
        & (table["outcome"] == "required_investment_rate")
    ]
    assert need.iloc[0]["parameter"] == "capital_output_ratio_initial"


def test_sweep_table_and_jobs(default_projection) -> None:
    grid = {"bpd_credit_growth": [0.05, 0.15, 0.3], "productive_share": [0.3, 0.9]}
    one = sweep(default_projection, grid, chunk=2, jobs=1)
    two = sweep(default_projection, grid, chunk=2, jobs=2)
    pd.testing.assert_frame_equal(one.table(), two.table())
    table = one.table()
    assert len(table) == 3 * 2 * 2 and table["point"].nunique() == 6
    assert not table["reaches_target"].any()
    # more lending never lowers mean growth (capped by LDR, never reversed)
    banten = table[table["province_code"] == 36].sort_values(["productive_share", "bpd_credit_growth"])
    for _, g in banten.groupby("productive_share"):
        assert np.all(np.diff(g["mean_growth"].to_numpy()) >= -1e-15)


BAD = [
    (
        "uncertainty:\n  parameters:\n    capital_shar: {dist: normal, sd: 0.01}\n",
        r"uncertainty\.parameters\.capital_shar: unknown parameter 'capital_shar' \(did you mean 'capital_share'\?\)",
    ),
    ("uncertainty:\n  parameters:\n    capital_share: {dist: normal}\n", r"a normal distribution needs 'sd'"),
    (
        "uncertainty:\n  parameters:\n    additionality: {dist: triangular, low: 0.2, mode: 0.9, high: 0.8}\n",
        r"a triangular distribution needs low <= mode <= high, got mode=0\.9",
    ),
    (
        "uncertainty:\n  parameters:\n    additionality: {dist: uniform, low: 0.2, high: 80}\n",
        r"high 80 for additionality is outside the allowed range \[0, 1\]; rates are fractions: did you mean 0\.8\?",
    ),
    (
        "uncertainty:\n  parameters:\n    tfp_growth: {dist: normal, sd: 0.01}\n  correlation:\n"
        "    - {between: [tfp_growth, depreciation], rho: 0.5}\n",
        r"'depreciation' is correlated but has no distribution",
    ),
    (
        "uncertainty:\n  parameters:\n    tfp_growth: {dist: lognormal, sd: 0.1}\n",
        r"tfp_growth can be negative, so a lognormal",
    ),
    (
        "uncertainty:\n  parameters:\n    tfp_growth: {dist: gamma, sd: 0.1}\n",
        r"uncertainty\.parameters\.tfp_growth\.dist: Input should be 'normal', 'truncnormal', 'uniform', "
        r"'triangular' or",
    ),
    (
        "sensitivity:\n  parameters:\n    capital_share: [0.6, 0.4]\n",
        r"the range must be \[low, high\] with low < high",
    ),
    (
        "sweep:\n  scenario: pushh\n  grid: {bpd_credit_growth: [0.1]}\n",
        r"sweep\.scenario: unknown scenario 'pushh' \(did you mean 'push'\?\)",
    ),
]


@pytest.mark.parametrize(("block", "pattern"), BAD)
def test_bad_uncertainty_blocks(tmp_path: Path, block: str, pattern: str) -> None:
    path = config_with(tmp_path, block)
    out = tmp_path / "out"
    result = runner.invoke(app, ["project", str(path), "--draws", "10", "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert re.search(pattern, result.output), result.output
    assert "Traceback" not in result.output and not out.exists()


def test_draws_without_distributions(tmp_path: Path) -> None:
    path = config_with(tmp_path, "")
    out = tmp_path / "out"
    result = runner.invoke(app, ["project", str(path), "--draws", "10", "--out", str(out)])
    assert result.exit_code == 2
    assert "no uncertain parameters: add an 'uncertainty: {parameters: ...}' block" in result.output
    assert not out.exists()


def test_sweep_cli_and_bad_grid(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        [
            "sweep",
            str(CONFIGS / "banten.yaml"),
            "--grid",
            "bpd_credit_growth=0.05:0.25:0.05",
            "--grid",
            "productive_share=0.3,0.9",
            "--jobs",
            "2",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out / "sweep.csv")
    assert sorted(table["bpd_credit_growth"].unique()) == pytest.approx([0.05, 0.1, 0.15, 0.2, 0.25])
    bad = runner.invoke(
        app, ["sweep", str(CONFIGS / "banten.yaml"), "--grid", "bpd_credit_growth=fast", "--out", str(tmp_path / "b")]
    )
    assert bad.exit_code == 2 and "the values must be numbers" in bad.output
    bad = runner.invoke(
        app, ["sweep", str(CONFIGS / "banten.yaml"), "--grid", "productive_shar=0.5", "--out", str(tmp_path / "c")]
    )
    assert bad.exit_code == 2 and "did you mean 'productive_share'" in bad.output


def test_sensitivity_cli(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["sensitivity", str(CONFIGS / "bengkulu.yaml"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out / "tornado.csv")
    assert {"parameter", "low_value", "high_value", "outcome_low", "outcome_high", "swing"} <= set(table.columns)


def test_result_frames(default_projection) -> None:
    mc = simulate(default_projection, draws=200, seed=4)
    q = mc.quantiles()
    assert list(q.columns[:6]) == ["scenario", "province_code", "province", "year", "variable", "unit"]
    assert np.all(q["p05"] <= q["p10"]) and np.all(q["p10"] <= q["p50"]) and np.all(q["p90"] <= q["p95"])
    long = mc.to_frame()
    assert set(long["quantile"]) == {"p05", "p10", "p50", "p90", "p95"}
    assert "probability" in str(mc.summary()) and "probabilitas" in str(mc.summary("id"))


def test_estimated_standard_errors_drive_tfp_draws(tmp_path: Path, panel) -> None:
    """sd: estimated takes each province's TFP standard error from growth8 estimate."""
    from growth8.analysis.draws import _cholesky, _specs
    from growth8.estimation import estimated_tfp_se

    path = config_with(
        tmp_path, "uncertainty:\n  parameters:\n    tfp_growth: {dist: normal, sd: estimated, shared: false}\n"
    )
    projection = growth8.project(path, panel=panel)
    setup = projection.setup
    se = estimated_tfp_se(panel, setup.provinces, 2024)
    assert set(se) == {36, 17} and all(v > 0 for v in se.values())
    task = ChunkTask(
        index=0,
        size=40000,
        seed=np.random.SeedSequence(1),
        inputs=setup.engine_inputs(),
        specs=_specs(setup, se),
        cholesky=_cholesky(setup.config),
        target_index=np.full(2, 5),
        target_level=np.full(2, 0.08),
        window=(5, 11),
    )
    drawn = draw_inputs(task).tfp_growth[0, :, :, 1]
    for j, code in enumerate(setup.provinces):
        assert abs(drawn[j].std() / se[code] - 1) < 0.02
    with pytest.raises(growth8.errors.ConfigError, match="needs the estimation results"):
        _specs(setup, None)


def test_histogram_quantiles_agree_with_exact(default_projection) -> None:
    """Streaming quantiles (memory independent of draws) match exact ones to about one bin width."""
    cfg = default_projection.setup.config

    def run_with(method: str, draws: int = 3000):
        spec = cfg.uncertainty.model_copy(update={"quantiles": method})
        setup = replace(default_projection.setup, config=replace(cfg, uncertainty=spec))
        return simulate(replace(default_projection, setup=setup), draws=draws, seed=9, chunk=500)

    exact, hist = run_with("exact"), run_with("histogram")
    assert exact.quantile_method == "exact" and hist.quantile_method == "histogram"
    spread = exact.growth_quantiles[..., 1:, -1] - exact.growth_quantiles[..., 1:, 0]
    diff = np.abs(hist.growth_quantiles[..., 1:, :] - exact.growth_quantiles[..., 1:, :])
    assert np.all(diff <= 5e-3 * spread[..., None] + 1e-12)  # within half a percent of the p05-p95 spread
    np.testing.assert_allclose(hist.growth_mean, exact.growth_mean, rtol=1e-12, atol=1e-15)
    np.testing.assert_array_equal(hist.prob_reach_target, exact.prob_reach_target)
    # the histogram's memory does not grow with the draws; the exact store's does
    more = run_with("histogram", draws=9000)
    assert more.stored_bytes == hist.stored_bytes
    assert run_with("exact", draws=9000).stored_bytes == 3 * exact.stored_bytes
