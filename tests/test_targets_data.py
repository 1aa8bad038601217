"""Plan growth targets (data/growth_targets.csv): read through the data layer, equal to the collected file."""

from __future__ import annotations

import csv
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from growth8.data import SCHEMAS, load_panel
from growth8.errors import DataError
from helpers import DATA, ROOT

SHARED = ROOT.parent / "shared" / "data" / "growth_targets_rpjmn_rkp_rpjmd_2025_2029.csv"


def test_targets_are_read_with_their_plans(panel) -> None:
    national = panel.plan_targets(None, "rpjmn")
    assert list(national["target_year"]) == [2025, 2026, 2027, 2028, 2029]
    assert list(national["value"]) == [0.053, 0.063, 0.075, 0.077, 0.08]
    assert set(national["period"]) == {"2025-2029"}
    banten = panel.plan_targets("banten")
    assert list(zip(banten["plan"], banten["target_year"], banten["value"], strict=True)) == [("rpjmd", 2025, 0.052)]
    assert panel.plan_targets("bengkulu").empty  # no RPJMD target in the collected file: none filled in
    assert list(panel.growth_targets.columns) == list(SCHEMAS["growth_targets.csv"])


@pytest.mark.skipif(not SHARED.is_file(), reason="collected sources (../shared/data) not available")
def test_targets_equal_the_collected_file(panel) -> None:
    with SHARED.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    wanted = {
        (None if r["geography"] == "Indonesia" else r["geography"], int(r["target_year"])): r["value"]
        for r in rows
        if r["indicator"] == "real_gdp_growth"
        and r["flag"] != "MISSING"
        and (
            (r["geography"] == "Indonesia" and r["document"].startswith("RPJMN 2025-2029"))
            or r["document"].startswith("RPJMD Provinsi")
        )
    }
    got = {}
    for r in panel.growth_targets.itertuples(index=False):
        where = (
            None if r.province_code is None or str(r.province_code) == "<NA>" else panel.province_name(r.province_code)
        )
        got[(where, int(r.target_year))] = r.value
    assert set(got) == set(wanted)
    for key, text in wanted.items():
        assert got[key] == float(Decimal(text) / 100), key  # percent to fraction exactly


def _copy(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    shutil.copytree(DATA, d)
    return d


def test_a_folder_without_the_targets_file_loads(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    (d / "growth_targets.csv").unlink()
    panel = load_panel(d)
    assert panel.growth_targets.empty and panel.plan_targets("banten").empty


def test_bad_target_rows_are_located(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    path = d / "growth_targets.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append(lines[-1].replace("rpjmd,", "rkpd,", 1))  # an unknown plan
    lines.append(lines[-2].replace(",0.052,", ",5.2,", 1).replace(",2025,", ",2026,", 1))  # a percentage
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_panel(d)
    text = str(info.value)
    assert "growth_targets.csv:8" in text and "'rkpd'" in text
    assert "growth_targets.csv:9" in text and "0.052" in text


def test_targets_published_after_an_as_of_cutoff_are_dropped(panel) -> None:
    assert panel.as_of(2023).growth_targets.empty  # the RPJMN 2025-2029 was quoted in March 2025
    assert len(panel.as_of(2025).plan_targets(None)) == 5
