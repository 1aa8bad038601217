"""End-to-end: shipped configs, the output contract, calibration, golden output, reproducibility."""

from __future__ import annotations

import csv
import json
import os
import shutil
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

import growth8
from growth8.cli import app
from helpers import CONFIGS, ROOT

runner = CliRunner()
SHIPPED = sorted(p.name for p in CONFIGS.glob("*.yaml") if p.name != "defaults.yaml")
CONTRACT = [
    "scenario",
    "province_code",
    "province",
    "year",
    "grdp_real",
    "growth",
    "investment_rate",
    "capital_output_ratio",
    "tfp_growth",
    "labour_growth",
    "capital_share",
    "depreciation",
    "bpd_credit",
    "bpd_credit_feasible",
    "binding_constraint",
]


def raw_series(series_id: str, code: int) -> dict[int, float]:
    """Read one series straight from data/provincial.csv (independent of growth8.data): the newest release
    of each year (ISO vintages sort as text; a blank vintage is the oldest)."""
    with open(ROOT / "data" / "provincial.csv", newline="") as handle:
        rows = sorted(
            (r for r in csv.DictReader(handle) if r["series_id"] == series_id and int(r["province_code"]) == code),
            key=lambda r: r["vintage"],
        )
    return {int(r["year"]): float(r["value"]) for r in rows if r["value"] != ""}


#: The base year of a config without base_year: the last year of real GRDP in the bundled data.
BASE = max(raw_series("grdp_real", 36))


def test_shipped_configs_listed() -> None:
    assert {"default.yaml", "banten.yaml", "bengkulu.yaml", "all_provinces.yaml"} <= set(SHIPPED)


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_config_validates_and_projects(tmp_path: Path, name: str) -> None:
    result = runner.invoke(app, ["validate", str(CONFIGS / name)])
    assert result.exit_code == 0, result.output
    assert "OK" in result.output
    out = tmp_path / "out"
    result = runner.invoke(app, ["project", str(CONFIGS / name), "--out", str(out)])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out / "projection.csv")
    assert list(table.columns[: len(CONTRACT)]) == CONTRACT
    cfg = growth8.load_scenario(CONFIGS / name)
    assert "baseline" in cfg.scenarios
    years = cfg.horizon - BASE + 1
    assert len(table) == len(cfg.scenarios) * len(cfg.provinces) * years
    assert not table.duplicated(["scenario", "province_code", "year"]).any()
    assert set(table["binding_constraint"]) <= {"none", "funding", "car", "rim"}
    assert (
        table[CONTRACT[4:14]]
        .drop(columns=["tfp_growth", "labour_growth", "capital_share", "depreciation"])
        .notna()
        .all()
        .all()
    )
    params = pd.read_csv(out / "parameters.csv")
    assert params["source"].notna().all() and (params["source"].str.len() > 10).all()
    assert set(params["parameter"]) == set(growth8.load_defaults())
    record = json.loads((out / "run.json").read_text())
    for key in ("version", "config", "data", "seed", "command", "created_at", "outputs"):
        assert key in record
    assert set(record["outputs"]) == {"projection.csv", "parameters.csv"}
    assert record["version"] == growth8.__version__
    assert record["config"]["hash"] == cfg.config_hash
    assert len(record["data"]["hash"]) == 64
    assert record["seed"] == cfg.seed


def test_parameter_sources_follow_overrides(default_result) -> None:
    table = default_result.assumptions()
    row = table[
        (table["scenario"] == "baseline")
        & (table["province_code"] == 36)
        & (table["parameter"] == "bpd_credit_initial")
    ]
    assert row["value"].item() == 3270 and "data/own_bpd.csv" in row["source"].item()
    assert "Bank Banten, published (June 2023)" in row["source"].item()
    # the same source in Indonesian, with the data note's own Indonesian text (derivation_id)
    assert row["source_id"].item().startswith("Bank Banten, angka publikasi (Juni 2023): posisi kredit terakhir")
    row = table[
        (table["scenario"] == "baseline")
        & (table["province_code"] == 36)
        & (table["parameter"] == "bpd_deposits_initial")
    ]
    assert row["value"].item() == pytest.approx(3270 / 0.7076, rel=1e-15)  # at the latest published LDR
    row = table[
        (table["scenario"] == "baseline")
        & (table["province_code"] == 17)
        & (table["parameter"] == "bpd_deposits_initial")
    ]
    assert row["source"].item().startswith("estimate: bpd_credit_initial / national BPD loan-to-deposit ratio 2020")
    cal = default_result.setup.calibration
    assert abs(row["value"].item() - 5800 / cal.bpd_loan_to_deposit) < 1e-9
    row = table[
        (table["scenario"] == "bpd_push") & (table["province_code"] == 36) & (table["parameter"] == "capital_injection")
    ]
    # paid in stages from 2026, the first projected year from a 2025 base; the source says where the plan is from
    assert row["value"].item() == (0.0 if BASE < 2025 else 425.0) and "Raperda" in row["source"].item()
    assert row["source_id"].item().startswith("Pilihan skenario:")  # the scenario's source_id


def test_base_year_row_holds_observed_values(default_result) -> None:
    table = default_result.table()
    base = table[table["observed"]]
    assert set(base["year"]) == {BASE}
    for code in (36, 17):
        row = base[(base["province_code"] == code)].iloc[0]
        assert row["grdp_real"] == raw_series("grdp_real", code)[BASE]
        assert row["growth"] == raw_series("grdp_growth", code)[BASE]
        nominal = raw_series("grdp_nominal", code)[BASE]
        assert abs(row["grdp_nominal"] - nominal) < 1e-6 * nominal


def test_window_mean_baseline_reproduces_recent_growth_at_recent_investment(tmp_path: Path, panel) -> None:
    """Independent recomputation from the CSV: s = mean PMTB/GRDP 2022-24, g = mean growth 2022-24 (the earlier
    calibrated baseline, ``baseline: window_mean``)."""
    from growth8.errors import SoftBoundWarning

    text = (
        (CONFIGS / "all_provinces.yaml")
        .read_text()
        .replace("calibration:\n", "calibration:\n  baseline: window_mean\n")
    )
    path = tmp_path / "all_provinces.yaml"
    path.write_text(text)
    # Boom provinces (nickel in Central Sulawesi and North Maluku) calibrate to TFP growth above 5%: warned.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = growth8.project(path, panel=panel)
    messages = [str(w.message) for w in caught if issubclass(w.category, SoftBoundWarning)]
    assert any("tfp_growth = " in m and "Central Sulawesi" in m for m in messages)
    table = result.table()
    first = table[(table["scenario"] == "baseline") & (table["year"] == BASE + 1)].set_index("province_code")
    base = table[(table["scenario"] == "baseline") & (table["year"] == BASE)].set_index("province_code")
    for code in result.setup.provinces:
        growth = raw_series("grdp_growth", code)
        pmtb, nominal = raw_series("pmtb_nominal", code), raw_series("grdp_nominal", code)
        g = np.mean([growth[y] for y in (2022, 2023, 2024) if y in growth])
        s = np.mean([pmtb[y] / nominal[y] for y in (2022, 2023, 2024) if y in pmtb and y in nominal])
        assert abs(base.at[code, "investment_rate"] - s) < 1e-12, code
        assert abs(first.at[code, "growth"] - g) < 1e-12, code


def test_calibration_with_published_ky(tmp_path: Path, panel) -> None:
    text = (
        (CONFIGS / "default.yaml")
        .read_text()
        .replace("capital_output_ratio: steady_state", "capital_output_ratio: ky_pwt110")
    )
    path = tmp_path / "default.yaml"
    path.write_text(text)
    result = growth8.project(path, panel=panel)
    table = result.table()
    base = table[(table["scenario"] == "baseline") & (table["year"] == BASE)]
    assert np.all(base["capital_output_ratio"] == panel.published_value("ky_pwt110"))
    first = table[(table["scenario"] == "baseline") & (table["year"] == BASE + 1)].set_index("province_code")
    near = result.setup.calibration.near_term
    for p in result.setup.calibration.provinces:  # the baseline still reproduces the near-term forecast
        assert abs(first.at[p.province_code, "growth"] - near.growth_of(p.province_code)[0]) < 1e-12
    # A higher K/Y with the same growth needs more TFP growth.
    steady = growth8.project(CONFIGS / "default.yaml", panel=panel).table()
    s_first = steady[(steady["scenario"] == "baseline") & (steady["year"] == BASE + 1)].set_index("province_code")
    assert np.all(first["tfp_growth"] > s_first["tfp_growth"])


def test_same_inputs_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    outs = []
    for k in range(2):
        out = tmp_path / f"run{k}"
        result = runner.invoke(app, ["project", str(CONFIGS / "default.yaml"), "--out", str(out)])
        assert result.exit_code == 0, result.output
        outs.append(out)
    a, b = outs
    assert (a / "projection.csv").read_bytes() == (b / "projection.csv").read_bytes()
    ra, rb = json.loads((a / "run.json").read_text()), json.loads((b / "run.json").read_text())
    ra["command"], rb["command"] = ra["command"][:2], rb["command"][:2]  # the --out folder differs
    assert ra == rb
    assert ra["created_at"] == "2023-11-14T22:13:20Z"


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["project", str(CONFIGS / "banten.yaml"), "--out", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    (out / "projection.csv").write_text("analyst's edits\n")
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "already exist" in result.output and "--force" in result.output
    assert (out / "projection.csv").read_text() == "analyst's edits\n"
    assert not [p for p in os.listdir(out) if p.endswith(".tmp")]
    result = runner.invoke(app, [*args, "--force"])
    assert result.exit_code == 0
    assert (out / "projection.csv").read_text().startswith("scenario,")


def test_bpd_push_binds_and_moves_investment(default_result) -> None:
    table = default_result.table()
    push = table[(table["scenario"] == "bpd_push") & ~table["observed"]]
    base = table[(table["scenario"] == "baseline") & ~table["observed"]]
    # Bank Bengkulu's push lends more until it meets its funding limit (deposits after GWM and PLM, plus
    # capital), which then binds to the end; no bank ever lends beyond its funding limit.
    bengkulu = push[push["province_code"] == 17]
    first = bengkulu.loc[bengkulu["binding_constraint"] != "none", "year"].min()
    assert BASE + 1 <= first <= 2045
    assert (bengkulu.loc[bengkulu["year"] >= first, "binding_constraint"] == "funding").all()
    assert np.all(push["bpd_credit_feasible"] <= push["funding_limit"] * (1 + 1e-12))
    assert push["rim_limit"].isna().all()  # the RIM ceiling is off by default
    # Extra lending raises GRDP above the baseline, but by little: the loan book is small against GRDP.
    merged = push.merge(base, on=["province_code", "year"], suffixes=("_push", "_base"))
    assert np.all(merged["grdp_real_push"] >= merged["grdp_real_base"])
    assert np.all(merged["grdp_real_push"] < merged["grdp_real_base"] * 1.01)
    # Banten's injection is paid in four stages (2026-2029); Bengkulu's once, in 2025, which from a 2025 base
    # is history (the base year is not projected).
    paid = push.groupby("province_code")["capital_injection"].apply(lambda s: int((s > 0).sum()))
    assert paid[36] == 4 and paid[17] == (1 if BASE < 2025 else 0)


def test_python_api_result_is_immutable(default_result) -> None:
    with pytest.raises(AttributeError):
        default_result.province_names = ("x",)  # type: ignore[misc]
    long = default_result.to_frame()
    assert list(long.columns) == ["scenario", "province_code", "province", "year", "variable", "value", "unit"]
    assert (long["unit"] != "").all() or set(long.loc[long["unit"] == "", "variable"]) == set()
    text = str(default_result.summary())
    assert "Banten" in text and "Bengkulu" in text and "8.0%" in text
    text_id = default_result.summary("id").as_text()
    assert "Pertumbuhan" in text_id and "8,0%" in text_id


def test_data_commands() -> None:
    result = runner.invoke(app, ["data"])
    assert result.exit_code == 0 and "grdp_real" in result.output
    result = runner.invoke(app, ["data", "show", "banten"])
    assert result.exit_code == 0, result.output
    assert "Banten" in result.output and "2024" in result.output
    result = runner.invoke(app, ["data", "show", "banteen"])
    assert result.exit_code == 2 and "banten" in result.output.lower()


def test_params_and_version() -> None:
    result = runner.invoke(app, ["params", "depreciation"])
    assert result.exit_code == 0 and "delta_pwt110" in result.output
    result = runner.invoke(app, ["params", "depreciaton"])
    assert result.exit_code == 2 and "did you mean 'depreciation'" in result.output
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and growth8.__version__ in result.output


def test_config_data_folder_is_used(tmp_path: Path) -> None:
    """A config's `data:` entry names the data it runs on (a copy with one value changed)."""
    shutil.copytree(ROOT / "data", tmp_path / "mydata")
    path = tmp_path / "mydata" / "provincial.csv"
    lines = path.read_text().splitlines()
    i = next(k for k, line in enumerate(lines) if line.startswith(f"grdp_real,36,{BASE},"))
    parts = lines[i].split(",")
    parts[3] = "600000"
    lines[i] = ",".join(parts)
    path.write_text("\n".join(lines) + "\n")
    config = tmp_path / "c.yaml"
    config.write_text("format: 1\ntitle: t\nprovinces: [banten]\ndata: mydata\nscenarios: {baseline: {}}\n")
    table = growth8.project(config).table()
    assert table.loc[table["year"] == BASE, "grdp_real"].item() == 600000.0
    default = growth8.project(config, data_dir=ROOT / "data").table()  # an explicit data folder wins
    assert default.loc[default["year"] == BASE, "grdp_real"].item() == raw_series("grdp_real", 36)[BASE]
