"""The Python API a notebook uses: one orchestration, one result shape, options that reach the record."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

import growth8
from growth8 import data as data_module
from growth8.cli import app
from growth8.errors import ConfigError
from growth8.summary import Summary
from helpers import CONFIGS, write_config

runner = CliRunner()


def test_dir_lists_the_api_and_every_name_resolves() -> None:
    names = dir(growth8)
    for name in ("load", "project", "solve_target", "simulate", "sensitivity", "sweep", "estimate", "backtest",
                 "report_inputs", "load_scenario", "ProjectionResult", "TargetResult", "Summary"):  # fmt: skip
        assert name in names
        assert getattr(growth8, name) is not None
    with pytest.raises(AttributeError, match="no attribute 'projekt'"):
        growth8.projekt  # noqa: B018


@pytest.fixture()
def count_loads(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Count every data load (growth8.data.load_panel calls) during a test."""
    calls: list[object] = []
    real = data_module.load_panel

    def counting(data_dir: object = None) -> object:
        calls.append(data_dir)
        return real(data_dir)  # type: ignore[arg-type]

    monkeypatch.setattr(data_module, "load_panel", counting)
    return calls


@pytest.mark.parametrize("config", ["default.yaml", "all_provinces.yaml"])
def test_data_is_loaded_once_per_run(config: str, count_loads: list[object], tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", growth8.Growth8Warning)
        growth8.solve_target(CONFIGS / config)
        assert len(count_loads) == 1
        result = runner.invoke(app, ["project", str(CONFIGS / config), "--out", str(tmp_path / "p")])
        assert result.exit_code == 0, result.output
        assert len(count_loads) == 2
        inputs = growth8.load(CONFIGS / config)
        growth8.report_inputs(inputs, estimation=False)
        assert len(count_loads) == 3  # report_inputs on loaded inputs loads nothing more


def test_config_stage_never_loads_data(panel, monkeypatch: pytest.MonkeyPatch) -> None:
    from growth8.config import load_scenario

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the config stage loaded data")

    monkeypatch.setattr(data_module, "load_panel", refuse)
    cfg = load_scenario(CONFIGS / "all_provinces.yaml", provinces=panel)
    assert len(cfg.provinces) == 38


def test_every_result_has_one_shape(default_result) -> None:
    inputs = growth8.Inputs(default_result.setup.config, default_result.panel)
    target = growth8.solve_target(inputs)
    results = [
        default_result,
        target,
        growth8.sensitivity(default_result),
        growth8.simulate(default_result.setup.config.path, draws=40, seed=1),
        growth8.sweep(default_result, {"bpd_credit_growth": [0.05, 0.2]}),
        growth8.estimate(inputs),
        growth8.backtest(inputs, horizons=(1,)),
    ]
    for result in results:
        summary = result.summary("id")
        assert isinstance(summary, Summary), type(result).__name__
        assert summary.title and summary.as_text() and "<h3>" in summary._repr_html_()
        assert isinstance(result.table(), pd.DataFrame) and len(result.table())
        long = result.to_frame()
        assert isinstance(long, pd.DataFrame) and len(long), type(result).__name__
        if not isinstance(result, growth8.BacktestResult):  # the backtest's frame is backtest.csv, already tidy
            assert "value" in long.columns, type(result).__name__


def test_with_parameters_overrides_like_a_file(panel) -> None:
    cfg = growth8.load_scenario(CONFIGS / "default.yaml")
    pushed = cfg.with_parameters(bpd_credit_growth=0.2, scenario="bpd_push")
    assert pushed.config_hash != cfg.config_hash
    assert pushed.options["parameters"] == {"bpd_credit_growth": 0.2}
    before = growth8.project(cfg).table()
    after = growth8.project(pushed).table()
    pick = (after["scenario"] == "bpd_push") & ~after["observed"]
    assert np.allclose(after.loc[pick, "bpd_credit_growth"], 0.2)
    base = after["scenario"] == "baseline"
    pd.testing.assert_frame_equal(after[base], before[base])  # only the named scenario moved
    file_way = growth8.project(cfg.with_parameters(bpd_credit_growth={"to": 0.3, "by": 2030})).table()
    assert file_way.query("scenario == 'baseline' and year == 2030")["bpd_credit_growth"].iloc[0] == pytest.approx(0.3)


def test_with_parameters_errors_are_a_files_errors() -> None:
    cfg = growth8.load_scenario(CONFIGS / "default.yaml")
    with pytest.raises(ConfigError, match=r"unknown parameter 'depreciaton'.*did you mean 'depreciation'"):
        cfg.with_parameters(depreciaton=0.05)
    with pytest.raises(ConfigError, match=r"depreciation.*1.5.*outside.*\[0, 0.3\]"):
        growth8.project(cfg.with_parameters(depreciation=1.5))  # bounds are checked where a file's are
    with pytest.raises(ConfigError, match="unknown scenario 'bpd_pus'"):
        cfg.with_parameters(scenario="bpd_pus", depreciation=0.05)


def test_run_options_reach_the_record(tmp_path: Path) -> None:
    out = tmp_path / "mc"
    result = runner.invoke(
        app, ["project", str(CONFIGS / "default.yaml"), "--draws", "30", "--seed", "7", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    record = json.loads((out / "run.json").read_text())
    assert record["seed"] == 7 and record["options"] == {"seed": 7, "draws": 30}
    assert record["monte_carlo"]["seed"] == 7 and record["monte_carlo"]["draws"] == 30
    from growth8.data import data_origin

    assert record["data_source"] == data_origin()  # bundled (installed copy) or checkout (editable install)
    assert record["data"]["as_of"] is None and record["data"]["vintages"]["grdp_growth"]["vintage"]
    plain = growth8.load(CONFIGS / "default.yaml")
    assert record["config"]["hash"] != plain.config.config_hash  # the options are part of the config hash


def test_report_inputs_state_the_seed_and_estimated_sd(tmp_path: Path) -> None:
    config = write_config(
        tmp_path,
        f"""\
        extends: {CONFIGS / "default.yaml"}
        uncertainty:
          draws: 50
          correlation: []
          parameters:
            tfp_growth: {{dist: normal, sd: estimated}}
        """,
    )
    inputs = growth8.report_inputs(config, seed=7, estimation=False)
    assert inputs.run.seed == 7 and inputs.config.seed == 7 and inputs.run.draws == 50
    assert inputs.uncertainty is not None and inputs.uncertainty.seed == 7 and inputs.uncertainty.draws == 50
    direct = growth8.simulate(config, draws=50, seed=7)
    np.testing.assert_array_equal(direct.growth_quantiles, inputs.uncertainty.growth_quantiles)


def test_bad_run_options_are_refused() -> None:
    with pytest.raises(ConfigError, match="--seed must be"):
        growth8.load(CONFIGS / "default.yaml", seed=-1)
    with pytest.raises(ConfigError, match="--draws must be from 0 to 1,000,000"):
        growth8.load(CONFIGS / "default.yaml", draws=10**12)
    with pytest.raises(ConfigError, match=r"did you mean 0\.08"):
        growth8.load(CONFIGS / "default.yaml", target_growth=8)


def test_plots_are_the_reports_charts(default_result) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure as MplFigure

    from growth8.results.figures import paths_figure

    inputs = growth8.Inputs(default_result.setup.config, default_result.panel)
    target = growth8.solve_target(inputs)
    mc = growth8.simulate(default_result, draws=30, seed=2)
    for fig in (default_result.plot("bengkulu", lang="id"), target.plot(36), target.plot(36, kind="paths"), mc.plot()):
        assert isinstance(fig, MplFigure) and len(fig.axes) == 2
    spec = paths_figure(default_result, 17, "id")
    labels = [s.label for s in spec.panels[1].series]
    assert spec.title.startswith("Bengkulu") and "Target 8%" in labels
    assert labels[-1] == "Target nasional RPJMN 2025–2029"  # the plan's markers come last (data/growth_targets.csv)
    from growth8.report import build

    doc = build(growth8.report_inputs(inputs, estimation=False, uncertainty=False, lang="id"))
    embedded = next(f for f in doc.figures() if f.key == "paths_17")
    assert [s.label for s in embedded.panels[0].series][:3] == [s.label for s in spec.panels[0].series][:3]
    with pytest.raises(growth8.Growth8Error, match="kind must be one of investment, paths"):
        target.plot(kind="pie")
    with pytest.raises(growth8.Growth8Error, match="not in this result"):
        default_result.plot("aceh")


def test_inputs_moved_to_other_data_keep_their_options(tmp_path: Path) -> None:
    import shutil

    from helpers import DATA

    inputs = growth8.load(CONFIGS / "default.yaml", seed=7, parameters={"depreciation": 0.05})
    shutil.copytree(DATA, tmp_path / "data")
    moved = growth8.load(inputs, data_dir=tmp_path / "data")
    assert moved.data_source == "argument" and moved.config.seed == 7
    assert moved.config.options == inputs.config.options
