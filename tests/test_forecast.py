"""The near-term baseline, data vintages and --as-of (issue 12).

Reference values are recomputed here from the CSV files with pandas/numpy/scipy, independently of the
package's code paths; tests/reference/calibration_2024_vintage.csv was written by the pre-vintage package
(the script beside it says how).
"""

from __future__ import annotations

import csv
import json
import math
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from typer.testing import CliRunner

import growth8
from growth8.calibrate import calibrate
from growth8.cli import app
from growth8.config.schema import CalibrationSpec
from growth8.errors import ConfigError, DataError
from growth8.forecast import RESOURCE_LED_SHARE, national_forecast, near_term
from helpers import CONFIGS, DATA, scramble_after

runner = CliRunner()
REFERENCE = Path(__file__).resolve().parent / "reference"


def _csv(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, dtype={"vintage": str, "status": str}, keep_default_na=False)


# ----------------------------------------------------------------------------------------- vintages
def test_newest_release_wins_and_as_of_takes_the_release_known_then(tmp_path: Path) -> None:
    """A SYNTHETIC later release of Banten's 2019 growth replaces the bundled one, except as of 2019."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    with open(folder / "provincial.csv", "a", encoding="utf-8") as handle:
        handle.write("grdp_growth,36,2019,0.07,synthetic,,2030-01-01,revised\n")
    panel = growth8.load_panel(folder)
    bundled = growth8.load_panel(DATA).get("grdp_growth", 36, 2019)
    assert panel.get("grdp_growth", 36, 2019) == 0.07
    assert panel.as_of(2019).get("grdp_growth", 36, 2019) == bundled  # released 2030: not known in 2020
    assert panel.as_of(2029).get("grdp_growth", 36, 2019) == 0.07  # known by 2030-03-31
    assert panel.as_of(2019).as_of_year == 2019 and panel.as_of_year is None


def test_as_of_drops_later_years_keeps_projections_and_dates_forecasts() -> None:
    panel = growth8.load_panel()
    known = panel.as_of(2022)
    assert known.provincial.loc[known.provincial["series_id"] == "grdp_growth", "year"].max() == 2022
    assert known.forecasts["publication_date"].max() <= "2023-03-31"
    # the SP2020 projection was published 2023-05-16: known as of 2023 for every year it projects, not before
    assert "population_15_64" not in set(known.provincial["series_id"])
    later = panel.as_of(2023).wide("population_15_64")
    assert later.index.max() == 2050


def test_bundled_2025_release_with_vintage_and_status() -> None:
    rows = _csv("provincial.csv")
    g = rows[(rows["series_id"] == "grdp_growth") & (rows["year"] == 2025)]
    assert len(g) == 38 and set(g["vintage"]) == {"2026-02-19"} and set(g["status"]) == {"very_preliminary"}
    panel = growth8.load_panel()
    assert panel.get("grdp_growth", "banten", 2025) == 0.0537 and panel.get("grdp_growth", "bengkulu", 2025) == 0.048
    # 2025 real GRDP = 2024 level x (1 + 2025 growth), recomputed from the CSV
    real = rows[(rows["series_id"] == "grdp_real") & (rows["province_code"] == 36)].set_index("year")["value"]
    assert panel.get("grdp_real", 36, 2025) == pytest.approx(real[2024] * 1.0537, rel=1e-15)
    v = panel.vintages().set_index("series_id")
    assert v.at["grdp_growth", "last_year"] == 2025 and v.at["grdp_growth", "vintage"] == "2026-02-19"


@pytest.mark.parametrize(
    ("row", "pattern"),
    [
        (
            "grdp_growth,36,2019,0.05,x,,2025-13-01,",
            r"provincial\.csv:\d+:7: vintage: release date \(vintage\) '2025-13-01'",
        ),
        ("grdp_growth,36,2019,0.05,x,,2025-01-01,prelim", r"unknown release status 'prelim'.*allowed: final, revised"),
        (
            "grdp_growth,36,2019,0.05,x,,,",
            r"duplicate row for 'grdp_growth', province 36, 2019, release undated .*different vintage dates",
        ),
    ],
)
def test_bad_vintage_rows(tmp_path: Path, row: str, pattern: str) -> None:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    with open(folder / "provincial.csv", "a", encoding="utf-8") as handle:
        handle.write(row + "\n")
    with pytest.raises(DataError, match=pattern):
        growth8.load_panel(folder)


def test_old_six_column_files_still_load(tmp_path: Path) -> None:
    """A data folder written before vintages existed (no vintage, status columns) reads as undated."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    for name in ("provincial.csv", "national.csv"):
        frame = _csv(name)
        key = [c for c in ("series_id", "province_code", "year") if c in frame.columns]
        frame = frame.sort_values("vintage", kind="stable").drop_duplicates(key, keep="first")  # one release each
        frame.drop(columns=["vintage", "status"]).sort_index().to_csv(folder / name, index=False)
    panel = growth8.load_panel(folder)
    assert (panel.provincial["vintage"] == "").all() and panel.get("grdp_growth", 36, 2024) == 0.0479


# ----------------------------------------------------------------------------------------- --as-of
def test_as_of_2024_reproduces_the_2024_vintage_base_values() -> None:
    """Base-year values as of 2024 on the new data equal those the package computed on the 2024 data."""
    reference = pd.read_csv(REFERENCE / "calibration_2024_vintage.csv", keep_default_na=False)
    panel = growth8.load_panel().as_of(2024)
    spec = CalibrationSpec(window=(2022, 2024), labour_growth="population", labour_window=(2015, 2020))
    now = calibrate(panel, panel.province_codes, spec).to_frame()
    assert calibrate(panel, panel.province_codes, spec).base_year == 2024
    for column in reference.columns:
        if column == "bpd_credit_source":  # the text now names the published growth rates it used
            assert all(
                n.startswith(r.split(", rolled")[0]) for r, n in zip(reference[column], now[column], strict=True)
            )
        elif reference[column].dtype.kind in "fi":
            np.testing.assert_array_equal(
                now[column].to_numpy(float), reference[column].to_numpy(float), err_msg=column
            )
        elif column.endswith("_source"):  # reworded since: "in the province of the pre-split parent province"
            was = [r.replace("the province of the pre-split", "the pre-split") for r in reference[column]]
            assert list(now[column]) == was, column
        else:
            assert list(now[column].astype(str)) == list(reference[column].astype(str)), column


def test_no_look_ahead_scrambled_later_data_leave_the_projection_byte_identical() -> None:
    panel = growth8.load_panel()
    a = growth8.project(CONFIGS / "default.yaml", panel=panel, as_of=2024)
    b = growth8.project(CONFIGS / "default.yaml", panel=scramble_after(panel, 2024, seed=1), as_of=2024)
    assert a.setup.calibration.base_year == 2024
    assert a.table().to_csv(index=False) == b.table().to_csv(index=False)
    for origin in (2016, 2021, 2024):
        x = near_term(panel.as_of(origin), origin, 3).to_frame()
        y = near_term(scramble_after(panel, origin, seed=origin).as_of(origin), origin, 3).to_frame()
        pd.testing.assert_frame_equal(x, y)


def test_cli_as_of_and_config_as_of(tmp_path: Path) -> None:
    out = tmp_path / "flag"
    result = runner.invoke(app, ["project", str(CONFIGS / "banten.yaml"), "--as-of", "2024", "--out", str(out)])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out / "projection.csv")
    assert table.loc[table["observed"], "year"].unique().tolist() == [2024]
    record = json.loads((out / "run.json").read_text())
    assert record["data"]["as_of"] == 2024 and record["options"]["as_of"] == 2024
    assert record["data"]["vintages"]["grdp_growth"]["last_year"] == 2024
    shutil.copy(CONFIGS / "default.yaml", tmp_path / "default.yaml")
    config = tmp_path / "asof.yaml"
    config.write_text((CONFIGS / "banten.yaml").read_text() + "as_of: 2024\n")
    out2 = tmp_path / "config"
    result = runner.invoke(app, ["project", str(config), "--out", str(out2)])
    assert result.exit_code == 0, result.output
    assert (out2 / "projection.csv").read_bytes() == (out / "projection.csv").read_bytes()


def test_as_of_errors(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["project", str(CONFIGS / "banten.yaml"), "--as-of", "1900", "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "--as-of must be a year from 2000 to 2100, got 1900" in result.output
    assert not (tmp_path / "o").exists()
    config = tmp_path / "c.yaml"
    config.write_text(
        "format: 1\ntitle: t\nprovinces: [banten]\nbase_year: 2025\nas_of: 2023\nscenarios: {baseline: {}}\n"
    )
    with pytest.raises(ConfigError, match=r"c\.yaml:4:\d+: base_year: base_year 2025 is after as_of 2023"):
        growth8.load_scenario(config)


# ----------------------------------------------------------------------------------------- near-term model
def test_national_forecast_is_the_median_of_the_latest_forecasts() -> None:
    """Recomputed from forecasts.csv: each forecaster's latest forecast for the year, published in the twelve
    months to the cut-off."""
    panel = growth8.load_panel()
    f = _csv("forecasts.csv")
    f["value"] = f["value"].astype(float)
    for origin, year in ((2025, 2026), (2025, 2027), (2024, 2025), (2023, 2024)):
        d = f[(f["publication_date"] > f"{origin}-03-31") & (f["publication_date"] <= f"{origin + 1}-03-31")]
        d = d[d["target_year"].astype(int) == year].sort_values("publication_date").groupby("forecaster").tail(1)
        value, source = national_forecast(panel.as_of(origin), origin, year)
        assert value == pytest.approx(float(np.median(d["value"])), abs=0) and f"median of {len(d)}" in source
    assert math.isnan(national_forecast(panel.as_of(2015), 2015, 2016)[0])  # none bundled before 2021


def test_pooling_shrinks_every_province_towards_the_common_mean() -> None:
    panel = growth8.load_panel()
    f = near_term(panel, 2025, 3)
    growth = panel.wide("grdp_growth").loc[2020:2025]
    national = panel.national.query("series_id == 'gdp_growth'").set_index("year")["value"].loc[2020:2025]
    deviation = growth.sub(national, axis=0)
    for i, code in enumerate(f.provinces):
        own = deviation[code].dropna()
        if code in (91, 94):  # new boundaries from 2023
            own = own.loc[2023:]
        # partial pooling: mu_i = c + lambda_i (mean_i - c) with 0 <= lambda_i <= 1
        weight = (f.persistent[i] - f.common_deviation) / (float(own.mean()) - f.common_deviation)
        assert -1e-9 <= weight <= 1 + 1e-9, code
        assert f.persistent_se[i] > 0


def test_resource_led_provinces_and_their_halving_deviation() -> None:
    shares = _csv("provincial.csv").query("series_id == 'mining_share'")
    latest = shares.sort_values("year").groupby("province_code").tail(1)
    expected = {
        int(c)
        for c, v in zip(latest["province_code"], latest["value"].astype(float), strict=True)
        if v >= RESOURCE_LED_SHARE
    }
    assert expected == {16, 63, 64, 65, 82, 91, 96}
    f = near_term(growth8.load_panel(), 2025, 3)
    led = {c for c, r in zip(f.provinces, f.resource_led, strict=True) if r}
    assert led == expected
    for i, code in enumerate(f.provinces):
        gap = f.last_deviation[i] - f.persistent[i]
        m = f.growth[i] - f.national - f.persistence ** np.arange(1, 4) * gap
        factor = 0.5 ** np.arange(1, 4) if code in led else np.ones(3)
        np.testing.assert_allclose(m, f.persistent[i] * factor, rtol=0, atol=1e-15)


def test_baseline_reproduces_the_near_term_forecast_then_converges() -> None:
    result = growth8.project(CONFIGS / "all_provinces.yaml")
    cal = result.setup.calibration
    near = cal.near_term
    rows = [near.provinces.index(c) for c in result.setup.provinces]
    np.testing.assert_allclose(result.output.growth[0, :, 0, 1:4], near.growth[rows], rtol=0, atol=1e-14)
    tfp = result.setup.values["tfp_growth"][0]
    half_life = result.setup.config.calibration.convergence_half_life
    h = near.growth.shape[1]
    gap_h, gap_later = tfp[:, h] - cal.national_tfp_growth, tfp[:, h + int(half_life)] - cal.national_tfp_growth
    np.testing.assert_allclose(gap_later, 0.5 * gap_h, rtol=1e-12, atol=1e-15)


# ----------------------------------------------------------------------------------------- labour, human capital
def test_labour_is_working_age_growth_and_human_capital_follows_schooling() -> None:
    result = growth8.project(CONFIGS / "default.yaml")
    years = list(result.setup.years)
    rows = _csv("provincial.csv")
    pop = rows.query("series_id == 'population_15_64' and province_code == 36").set_index("year")["value"].astype(float)
    labour = result.setup.values["labour_growth"][0, 0]
    for t in (1, 5, 20):
        y = years[t]
        assert labour[t] == pytest.approx(pop[y] / pop[y - 1] - 1.0, rel=1e-15)
    rls = rows.query("series_id == 'schooling_years' and province_code == 36").set_index("year")["value"].astype(float)
    slope = stats.linregress(rls.index.to_numpy(float), rls.to_numpy()).slope
    assert rls.iloc[-1] > 8  # the return beyond eight years applies
    hc = result.setup.values["human_capital_growth"][0, 0, 1]
    assert hc == pytest.approx(math.expm1(0.068 * slope), rel=1e-12)


def test_human_capital_none_is_bit_identical_in_labour(tmp_path: Path) -> None:
    text = (CONFIGS / "default.yaml").read_text().replace("calibration:\n", "calibration:\n  human_capital: none\n")
    (tmp_path / "default.yaml").write_text(text)
    off = growth8.project(tmp_path / "default.yaml")
    on = growth8.project(CONFIGS / "default.yaml")
    assert not off.setup.values["human_capital_growth"].any()
    labour_in = off.setup.engine_inputs().labour_growth
    assert np.array_equal(labour_in, off.setup.values["labour_growth"][:, :, None, :])
    np.testing.assert_allclose(off.output.growth[:, :, :, 1:4], on.output.growth[:, :, :, 1:4], rtol=0, atol=1e-14)


# ----------------------------------------------------------------------------------------- scorecard
def test_scorecard_as_measured() -> None:
    """The new baseline beats both naive benchmarks on MAE and RMSE at h = 1, 2, 3 with and without 2020-21
    (README table); the median absolute error is reported as measured (it loses to last year's growth)."""
    bt = growth8.backtest()
    card = bt.scorecard()
    means = card[card["statistic"].isin(["mae", "rmse"])]
    assert len(means) == 12 and means["beats_last"].all() and means["beats_mean"].all()
    assert card.loc[card["statistic"] == "median_ae", "beats_mean"].all()
    groups = bt.errors_by_group()
    assert set(groups["grouping"]) == {"island_group", "resource_led"}
    with open(DATA / "provinces.csv", newline="") as handle:
        islands = {r["island_group"] for r in csv.DictReader(handle)}
    assert set(groups.loc[groups["grouping"] == "island_group", "group"]) <= islands


# ----------------------------------------------------------------------------------------- which data folder
def test_a_differing_checkout_data_folder_is_named_not_ignored(tmp_path: Path) -> None:
    """After ``pip install .`` the installed copy wins; a data/ folder in the working folder that differs from
    it is found (and the CLI warns), one that is byte-identical is not (SYNTHETIC copies)."""
    from growth8.data import shadowed_checkout

    installed = tmp_path / "site" / "data"
    shutil.copytree(DATA, installed)
    work = tmp_path / "work"
    shutil.copytree(DATA, work / "data")
    (work / "sub").mkdir()
    assert shadowed_checkout(installed, cwd=work / "sub") is None  # found above the working folder, identical
    with open(work / "data" / "provincial.csv", "a", encoding="utf-8") as handle:
        handle.write("grdp_growth,36,2019,0.07,analyst,,2030-01-01,\n")
    assert shadowed_checkout(installed, cwd=work / "sub") == work / "data"


def test_data_list_shows_vintages_and_the_folder_rule() -> None:
    result = runner.invoke(app, ["data"])
    assert result.exit_code == 0, result.output
    assert "last_vintage" in result.output and "2026-02-19" in result.output
    assert "how the data folder is chosen: --data" in result.output
    result = runner.invoke(app, ["data", "--lang", "id"])
    assert "urutan pemilihan folder data" in result.output


def test_near_term_error_is_specific_in_both_languages() -> None:
    from growth8.errors import Problem, Text
    from growth8.forecast import NearTermError

    panel = growth8.load_panel()
    with pytest.raises(NearTermError) as info:
        near_term(panel.as_of(2012), 2012)  # provincial growth starts in 2011: two years at most
    assert info.value.reason == "few_provinces"
    why = Text(f"error.forecast.{info.value.reason}", **info.value.params)
    problem = Problem.of("error.calibrate.near_term", key="grdp_growth", year=2012, why=why)
    assert "fewer than three provinces have 3 years of growth in 2007-2012" in problem.render("en")
    assert "kurang dari tiga provinsi memiliki 3 tahun pertumbuhan pada 2007-2012" in problem.render("id")
