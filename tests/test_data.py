"""Tests of the bundled data (data/) and its loader (growth8.data)."""

from __future__ import annotations

import csv
import math
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from growth8.data import UnknownProvinceError, find_data_dir, load_panel
from growth8.errors import DataError

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
SHARED = REPO.parent / "shared" / "data"


@pytest.fixture(scope="module")
def panel():
    return load_panel(DATA)


# --------------------------------------------------------------------------
# The bundled data
# --------------------------------------------------------------------------
def test_bundled_data_loads(panel):
    assert find_data_dir(DATA) == DATA
    assert len(panel.provinces) == 38
    assert panel.provinces["province_code"].is_unique
    assert len(panel.data_hash) == 64


def test_series_catalogue_matches_data(panel):
    used = set(panel.provincial["series_id"]) | set(panel.national["series_id"])
    assert used == set(panel.series["series_id"])
    scope = dict(zip(panel.series["series_id"], panel.series["scope"], strict=True))
    assert {scope[s] for s in panel.provincial["series_id"].unique()} == {"provincial"}
    assert {scope[s] for s in panel.national["series_id"].unique()} == {"national"}


def _growth(panel, code, year):
    return panel.get("grdp_real", code, year) / panel.get("grdp_real", code, year - 1) - 1


@pytest.mark.parametrize(
    ("name", "code", "expected"), [("banten", 36, 0.0526), ("Bengkulu", 17, 0.0494), ("West Java", 32, 0.0502)]
)
def test_reference_growth_2019(panel, name, code, expected):
    assert panel.province(name) == code
    assert panel.get("grdp_growth", code, 2019) == expected
    assert abs(_growth(panel, code, 2019) - expected) < 5e-5


def test_papua_split(panel):
    assert panel.get("grdp_real", 94, 2023) == 49549.8
    assert panel.get("grdp_real", 94, 2024) == 51587.2
    assert panel.get("grdp_real", "papua barat daya", 2023) == 24009.13
    assert "break" in panel.flag("grdp_real", 94, 2023)
    assert "break" in panel.flag("grdp_real", 91, 2023)
    assert panel.get("grdp_growth", 91, 2024) == 0.208
    for code in (91, 94):
        assert "derived" not in panel.flag("grdp_growth", code, 2023)
        assert math.isnan(panel.growth_from_levels(code).loc[2023])
        assert abs(panel.growth_from_levels(code).loc[2022] - _growth(panel, code, 2022)) < 1e-12
    for code in (92, 95, 96, 97):
        assert math.isnan(panel.get("grdp_real", code, 2022))
        assert not math.isnan(panel.get("grdp_growth", code, 2023))
    # no derived growth anywhere at a break year
    prov = panel.provincial
    derived = prov[(prov["series_id"] == "grdp_growth") & prov["flag"].str.contains("derived")]
    assert set(derived["year"]) <= set(range(2011, 2019))


def test_derived_growth_equals_levels(panel):
    prov = panel.provincial
    derived = prov[(prov["series_id"] == "grdp_growth") & prov["flag"].str.contains("derived")]
    assert len(derived) > 200
    for r in derived.itertuples():
        assert r.value == pytest.approx(_growth(panel, r.province_code, r.year), abs=1e-12)


def test_deflator_above_one(panel):
    real, nominal = panel.wide("grdp_real"), panel.wide("grdp_nominal")
    ratio = (nominal / real).loc[2011:]
    assert ratio.notna().sum().sum() > 400
    assert (ratio.stack().dropna() > 1.0).all()
    assert (nominal / real).loc[2010].sub(1).abs().max() < 1e-6


def test_units_and_flags(panel):
    ur = panel.wide("unemployment_rate")
    assert ur.stack().dropna().between(0, 0.2).all()
    assert panel.get("unemployment_rate", 17, 2014) < 1
    assert panel.national_value("gdp_growth", 2019) == pytest.approx(0.050193, abs=1e-6)
    credit = panel.provincial[panel.provincial["series_id"] == "credit_all_banks"]
    assert (credit["value"] > 0).all()
    assert "reclassification_jump" in panel.flag("credit_all_banks", 36, 2012)
    assert panel.flag("grdp_real", 11, 2014) == ("rounded",)
    assert "preliminary" in panel.flag("grdp_nominal", 36, 2024)
    assert panel.flag("population_register", 36, 2025) == ("register",)
    assert panel.published_value("car_min_risk_profile_1") == 0.08
    assert panel.published_value("min_core_capital_bpd") == 3000
    rim = panel.published.set_index("key").loc["rim_range"]
    assert (rim["value"], rim["value_high"]) == (0.84, 0.94)


def test_lookups(panel):
    assert panel.province("D.K.I. Jakarta") == 31
    assert panel.province("dki_jakarta") == 31
    assert panel.province(" kep. riau ") == 21
    assert panel.province("36") == 36
    assert panel.province_name(32, "en") == "West Java"
    with pytest.raises(UnknownProvinceError, match="did you mean 'banten'"):
        panel.province("bantn")
    with pytest.raises(LookupError):
        panel.province(99)
    with pytest.raises(KeyError, match="did you mean 'rim_range'"):
        panel.published_value("rim_rang")
    hist = panel.history("banten")
    assert hist.loc[2019, "grdp_growth"] == 0.0526
    cat = panel.catalog().set_index("series_id")
    assert cat.loc["grdp_real", "n_provinces"] == 38
    assert cat.loc["grdp_real", "first_year"] == 2010
    assert math.isnan(panel.get("grdp_real", 36, 2009))


def test_bpd_facts(panel):
    f = panel.bpd_facts
    ldr = f[(f["entity"] == "Bank Banten (BEKS)") & (f["indicator"] == "LDR")]
    assert sorted(ldr["period"]) == ["2021", "2022", "2023"]
    assert f["note"].str.contains("CONFLICT").sum() >= 8
    assert set(f["province_code"].dropna()) <= set(panel.provinces["province_code"])


# --------------------------------------------------------------------------
# Hash
# --------------------------------------------------------------------------
def test_data_hash_stable_and_sensitive(tmp_path):
    d = tmp_path / "data"
    shutil.copytree(DATA, d)
    h1, h2 = load_panel(d).data_hash, load_panel(d).data_hash
    assert h1 == h2 == load_panel(DATA).data_hash
    text = (d / "SOURCES.md").read_bytes()
    (d / "SOURCES.md").write_bytes(text + b" ")
    assert load_panel(d).data_hash != h1


# --------------------------------------------------------------------------
# Bad data files
# --------------------------------------------------------------------------
def _copy(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    shutil.copytree(DATA, d)
    return d


def _edit_line(path: Path, lineno: int, old: str, new: str) -> str:
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[lineno - 1], (old, lines[lineno - 1])
    lines[lineno - 1] = lines[lineno - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    return lines[lineno - 1]


def _find_line(path: Path, prefix: str) -> int:
    for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if line.startswith(prefix):
            return i
    raise AssertionError(prefix)


def test_bad_missing_file(tmp_path):
    d = _copy(tmp_path)
    (d / "national.csv").unlink()
    with pytest.raises(DataError, match=r"national\.csv.*missing file"):
        load_panel(d)


def test_bad_missing_column(tmp_path):
    d = _copy(tmp_path)
    p = d / "provincial.csv"
    lines = p.read_text().split("\n")
    rows = [",".join(line.split(",")[:5]) if line else line for line in lines]
    p.write_text("\n".join(rows))
    with pytest.raises(DataError, match=r"provincial\.csv:1:.*missing column 'flag'"):
        load_panel(d)


def test_bad_typo_column_did_you_mean(tmp_path):
    d = _copy(tmp_path)
    _edit_line(d / "series.csv", 1, "title_en", "titel_en")
    with pytest.raises(
        DataError,
        match=r"series\.csv:1:.*missing column 'title_en' "
        r"\(did you mean 'titel_en'\?\)",
    ):
        load_panel(d)


def test_bad_not_a_number(tmp_path):
    d = _copy(tmp_path)
    n = _find_line(d / "provincial.csv", "grdp_real,36,2019,")
    _edit_line(d / "provincial.csv", n, "grdp_real,36,2019,", "grdp_real,36,2019,1.234,5")
    with pytest.raises(DataError, match=rf"provincial\.csv:{n}:"):
        load_panel(d)
    d2 = _copy(tmp_path / "b")
    _edit_line(d2 / "provincial.csv", n, "grdp_real,36,2019,", "grdp_real,36,2019,x")
    with pytest.raises(
        DataError,
        match=rf"provincial\.csv:{n}:4: value: 'x\d.*' is not a "
        "number",
    ):
        load_panel(d2)


def test_bad_duplicate_row(tmp_path):
    d = _copy(tmp_path)
    p = d / "national.csv"
    lines = p.read_text().split("\n")
    n = _find_line(p, "gdp_growth,2019,")
    lines.insert(n, lines[n - 1])  # the copy is line n + 1
    p.write_text("\n".join(lines))
    with pytest.raises(
        DataError,
        match=rf"national\.csv:{n + 1}:.*first on line {n}; this is "
        rf"line {n + 1}",
    ):
        load_panel(d)


def test_bad_unknown_series_did_you_mean(tmp_path):
    d = _copy(tmp_path)
    n = _find_line(d / "provincial.csv", "grdp_real,36,2019,")
    _edit_line(d / "provincial.csv", n, "grdp_real,", "grdp_reel,")
    with pytest.raises(
        DataError,
        match=rf"provincial\.csv:{n}:1: series_id: unknown "
        r"series_id 'grdp_reel' \(did you mean 'grdp_real'",
    ):
        load_panel(d)


def test_bad_unknown_province(tmp_path):
    d = _copy(tmp_path)
    n = _find_line(d / "provincial.csv", "grdp_real,36,2019,")
    _edit_line(d / "provincial.csv", n, "grdp_real,36,", "grdp_real,39,")
    with pytest.raises(
        DataError,
        match=rf"provincial\.csv:{n}:2: province_code: unknown "
        "province_code 39",
    ):
        load_panel(d)


def test_bad_percent_instead_of_fraction(tmp_path):
    d = _copy(tmp_path)
    n = _find_line(d / "provincial.csv", "grdp_growth,36,2019,0.0526")
    _edit_line(d / "provincial.csv", n, "0.0526", "5.26")
    with pytest.raises(
        DataError,
        match=rf"provincial\.csv:{n}:4: value: .*5\.26.*give 5\.2% "
        "as 0.052",
    ):
        load_panel(d)


def test_bad_unknown_flag(tmp_path):
    d = _copy(tmp_path)
    n = _find_line(d / "provincial.csv", "grdp_real,11,2014,")
    _edit_line(d / "provincial.csv", n, ",rounded", ",roundd")
    with pytest.raises(
        DataError,
        match=rf"provincial\.csv:{n}:6: flag: unknown flag 'roundd' "
        r"\(did you mean 'rounded'\?\)",
    ):
        load_panel(d)


def test_bad_unit_not_allowed(tmp_path):
    d = _copy(tmp_path)
    n = _find_line(d / "series.csv", "unemployment_rate,")
    _edit_line(d / "series.csv", n, ",fraction,", ",percent,")
    with pytest.raises(
        DataError,
        match=rf"series\.csv:{n}:5: unit: unit 'percent' is not "
        "allowed",
    ):
        load_panel(d)


def test_bad_year_out_of_range(tmp_path):
    d = _copy(tmp_path)
    n = _find_line(d / "national.csv", "gdp_growth,2019,")
    _edit_line(d / "national.csv", n, ",2019,", ",19,")
    with pytest.raises(DataError, match=rf"national\.csv:{n}:2: year: year 19 outside"):
        load_panel(d)


def test_bad_negative_level(tmp_path):
    d = _copy(tmp_path)
    n = _find_line(d / "provincial.csv", "population,17,2015,")
    _edit_line(d / "provincial.csv", n, "population,17,2015,", "population,17,2015,-")
    with pytest.raises(DataError, match=rf"provincial\.csv:{n}:4: .*level cannot be negative"):
        load_panel(d)


def test_bad_derived_growth_across_break(tmp_path):
    d = _copy(tmp_path)
    n = _find_line(d / "provincial.csv", "grdp_growth,94,2023,")
    _edit_line(d / "provincial.csv", n, ",bps_adeariyo27,", ",derived,derived")
    with pytest.raises(DataError, match=rf"provincial\.csv:{n}:6: .*across a boundary break"):
        load_panel(d)


def test_bad_break_flag_in_wrong_year(tmp_path):
    d = _copy(tmp_path)
    n = _find_line(d / "provincial.csv", "grdp_real,36,2019,")
    p = d / "provincial.csv"
    lines = p.read_text().split("\n")
    lines[n - 1] = lines[n - 1] + "break"
    p.write_text("\n".join(lines))
    with pytest.raises(DataError, match=rf"provincial\.csv:{n}:6: flag: flag 'break' at 2019"):
        load_panel(d)


def test_all_problems_reported_at_once(tmp_path):
    d = _copy(tmp_path)
    (d / "bpd_facts.csv").unlink()
    _edit_line(d / "series.csv", 1, "title_en", "titel_en")
    n = _find_line(d / "provincial.csv", "grdp_real,11,2014,")
    _edit_line(d / "provincial.csv", n, ",rounded", ",roundd")
    with pytest.raises(DataError) as exc:
        load_panel(d)
    assert len(exc.value.problems) >= 3
    text = str(exc.value)
    assert "bpd_facts.csv" in text and "series.csv:1" in text and f"provincial.csv:{n}" in text


def test_missing_data_dir(tmp_path):
    with pytest.raises(DataError, match="does not exist"):
        find_data_dir(tmp_path / "nope")


def test_env_data_dir(tmp_path, monkeypatch):
    d = _copy(tmp_path)
    monkeypatch.setenv("GROWTH8_DATA", str(d))
    assert find_data_dir() == d


# --------------------------------------------------------------------------
# Reproducibility
# --------------------------------------------------------------------------
@pytest.mark.skipif(not (SHARED / "README.md").exists(), reason="collected sources (../shared/data) not available")
def test_build_reproduces_bundled_data(tmp_path):
    out = tmp_path / "built"
    res = subprocess.run(
        [sys.executable, str(REPO / "tools" / "build_data.py"), str(SHARED), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert res.returncode == 0, res.stderr
    for path in sorted(DATA.glob("*.csv")):
        assert (out / path.name).read_bytes() == path.read_bytes(), path.name
    assert {p.name for p in out.glob("*.csv")} == {p.name for p in DATA.glob("*.csv")}


def test_csv_files_are_tidy():
    for path in sorted(DATA.glob("*.csv")):
        raw = path.read_bytes()
        assert raw.endswith(b"\n") and b"\r" not in raw, path.name
        with path.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))
        assert len({len(r) for r in rows}) == 1, path.name
