"""Tests of the bundled data (data/) and its loader (growth8.data)."""

from __future__ import annotations

import csv
import io
import math
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from growth8.cli import app
from growth8.data import FACT_TABLES, SCHEMAS, UnknownProvinceError, find_data_dir, load_panel
from growth8.errors import DataError

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
SHARED = REPO.parent / "shared" / "data"
BKPM_QUARTERS = SHARED / "investment_pma_pmdn_quarterly_38prov_2015_2026_bkpm_yafiodo.csv"
INVESTMENT = {
    "investment_pma": "investment_pma_billion_rp",
    "investment_pmdn": "investment_pmdn_billion_rp",
    "investment_realised": "investment_total_billion_rp",
}
needs_shared = pytest.mark.skipif(
    not (SHARED / "README.md").exists(), reason="collected sources (../shared/data) not available"
)


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


def test_bpd_facts_columns_and_new_points(panel):
    f = panel.bpd_facts
    assert list(f.columns) == list(SCHEMAS["bpd_facts.csv"])
    assert (f["source_file"] != "").all()
    # Bank Banten's 2024 LDR by quarter (OJK Banten via Radar Banten, published 2024-10-20)
    assert panel.fact_value("Bank Banten", "loan-to-deposit", "2024-03") == 0.8561
    assert panel.fact_value("Bank Banten", "loan-to-deposit", "2024-06") == 0.784
    assert panel.fact_value("Bank Banten", "loan-to-deposit", "2024-09") == 0.7076
    ldr = panel.facts("Bank Banten", indicator="loan-to-deposit", as_of="2024-09").iloc[0]
    assert (ldr["value_as_given"], ldr["unit_as_given"], ldr["publication_date"]) == ("70.76", "%", "2024-10-20")
    assert ldr["publisher"].startswith("OJK") and ldr["intermediary"].startswith("Radar Banten")
    # assets Rp10.022T stated 2026-01-19 without a period: no as_of, kept with its words
    assets = panel.facts("Bank Banten", indicator="total assets", table="bpd")
    stated = assets.loc[assets["value"] == 10022.0].iloc[0]
    assert stated["as_of"] == "" and stated["period"].startswith("as stated 2026-01-19")
    # KUB with Bank Jatim: OJK effectiveness approval by 2025-12-18 (an event: no figure)
    kub = panel.facts("Bank Jatim KUB", indicator="OJK approval").iloc[0]
    assert kub["as_of"] == "2025-12-18" and kub["flag"] == "event" and math.isnan(kub["value"])
    # capital injections realised by Bank Jatim, booked to the receiving BPD's province; NTT date conflict kept
    ntt = panel.facts("Bank Jatim -> Bank NTT")
    assert sorted(ntt["as_of"]) == ["2025-09-30", "2025-12-11"] and (ntt["value"] == 100).all()
    assert set(ntt["province_code"]) == {53} and ntt["flag"].str.contains("conflict").all()
    # other BPDs' core capital (Mar-2023)
    assert panel.fact_value("Bank SulutGo", "core capital", "2023-03") == 1640
    # historical Bank Bengkulu 2011 balance sheet, flagged
    hist = panel.facts("Bank Bengkulu", indicator="DPK: savings", as_of="2011-12").iloc[0]
    assert hist["value"] == 575.601 and "historical" in hist["flag"]
    # the provincial-banking rows of the older files moved to bank_facts.csv
    assert not f["entity"].str.startswith(("Bengkulu province", "Sumatera Utara (")).any()


def test_bank_facts(panel):
    b = panel.facts(table="bank")
    assert list(panel.bank_facts.columns) == list(SCHEMAS["bank_facts.csv"])
    assert set(b["basis"]) <= {"bank_location", "project_location", "not_stated", "national"}
    # Dec-2023 credit table (OJK via sultrax.id, whole trillions)
    dec23 = panel.facts(province="banten", indicator="credit outstanding", as_of="2023-12", table="bank").iloc[0]
    assert (dec23["value"], dec23["unit"], dec23["value_as_given"]) == (196000.0, "Rp bn", "196")
    assert "rounded" in dec23["flag"] and dec23["intermediary"] == "sultrax.id"
    growth = panel.facts(province=17, indicator="credit growth", as_of="2023-12").iloc[0]
    assert (growth["value"], growth["unit"]) == (0.062, "fraction (yoy)")
    # bank- vs project-location credit, Kalimantan Timur Dec-2023 (OJK Kaltim via Prokal)
    kaltim = panel.facts(province=64, indicator="credit outstanding", as_of="2023-12").set_index("basis")
    assert kaltim.loc["bank_location", "value"] == 88760 and kaltim.loc["project_location", "value"] == 185020
    # two releases for Banten Jun-2025 that differ: both kept, both marked
    jun = panel.facts(province=36, indicator="credit outstanding", as_of="2025-06")
    assert sorted(jun["value"]) == [214580.0, 221960.0] and jun["flag"].str.contains("conflict").all()
    assert set(jun["publication_date"]) == {"2025-08-15", "2025-09 (page id 68d4a90f87fe6; exact date not in excerpt)"}
    # Dec-2023 NPL table: 33 provinces + 'others' + national, fractions
    npl = panel.facts(indicator="NPL/NPF", as_of="2023-12", table="bank")
    assert len(npl) == 35 and npl["value"].between(0, 0.06).all()
    assert panel.fact_value("Gorontalo", "NPL/NPF", "2023-12") == 0.0538
    national = npl.loc[npl["entity"] == "INDONESIA (total)"].iloc[0]
    assert pd.isna(national["province_code"]) and national["value"] == 0.0219
    # the suspect Sumatera Barat Dec-2023 line is kept and flagged; exclude= drops it
    assert "suspect" in panel.facts(province=13, as_of="2023-12", indicator="credit outstanding").iloc[0]["flag"]
    assert panel.facts(province=13, as_of="2023-12", indicator="credit outstanding", exclude=["suspect"]).empty


def test_fiscal_facts(panel):
    f = panel.facts(table="fiscal")
    assert list(panel.fiscal_facts.columns) == list(SCHEMAS["fiscal_facts.csv"])
    assert set(f["province_code"]) == {17, 36}
    murni = panel.facts(province="banten", indicator="revenue (pendapatan", table="fiscal")
    murni = murni.set_index("stage")
    assert murni.loc["murni", "value"] == 11544 and murni.loc["perubahan", "value"] == 10504.586
    kua = panel.facts(province=36, indicator="revenue: ", table="fiscal").set_index("indicator")
    assert kua.loc["revenue: before", "value"] == 11837 and kua.loc["revenue: after", "value"] == 10614
    assert set(kua["value_as_given"]) == {"11837 -> 10614"} and set(kua["stage"]) == {"draft"}
    cut = panel.facts(province=17, indicator="TKD cut", table="fiscal").iloc[0]
    assert (cut["value"], cut["as_of"], cut["government_level"]) == (347.93, "2026", "provincial")
    targets = panel.facts(province=17, indicator="good condition", table="fiscal")
    assert dict(zip(targets["as_of"], targets["value"], strict=True)) == {"2025": 0.75, "2026": 0.9, "2027": 0.95}
    assert set(targets["stage"]) == {"plan"}
    # conflicting statements kept and marked (TKD 2026 cut 554 vs 544bn)
    assert "conflict" in panel.facts(province=36, indicator="(TKD) cut", table="fiscal").iloc[0]["flag"]


def test_facts_accessor(panel):
    every = panel.facts()
    assert set(every["table"]) == set(FACT_TABLES)
    assert len(every) == len(panel.bpd_facts) + len(panel.bank_facts) + len(panel.fiscal_facts)
    assert every["as_of"].str.fullmatch(r"(\d{4}(-\d{2}(-\d{2})?)?)?").all()
    events = panel.facts(exclude=["event"])
    assert len(events) < len(every) and not events["flag"].str.contains("event").any()
    with pytest.raises(KeyError, match="did you mean 'bank'"):
        panel.facts(table="banks")
    with pytest.raises(KeyError, match="facts match"):
        panel.fact_value("Bank Banten", "", "2024-09")
    with pytest.raises(KeyError, match="no fact"):
        panel.fact_value("Bank Banten", "loan-to-deposit", "2031-01")


def test_regulation_rows(panel):
    rows = panel.published.set_index("key")
    # RIM band and the history of its giro disincentive (BI policy 18-Mar-2021: upper-bound parameter 0)
    assert (rows.loc["rim_range_before_2019_07", "value"], rows.loc["rim_range_before_2019_07", "value_high"]) == (
        0.8,
        0.92,
    )
    assert panel.published_value("rim_giro_disincentive_upper_2019") == 0.2
    assert panel.published_value("rim_giro_disincentive_upper") == 0
    assert rows.loc["rim_giro_disincentive_upper", "period"] == "BI policy of 2021-03-18"
    assert panel.published_value("rim_giro_threshold_2022_01") == 0.84
    assert panel.published_value("risk_weight_regional_government_rated_below_b") == 1.5
    assert panel.published_value("min_core_capital_non_bpd_2020") == 1000
    assert "[PADG 21/5/PADG/2019]" in rows.loc["rim_giro_disincentive_lower_2019", "description"]
    # the reserve requirement (GWM) and liquidity buffer (PLM) come from named pages, not the collected files
    assert panel.published_value("gwm_rupiah_conventional_2022_09") == 0.09
    assert panel.published_value("plm_conventional_2025_06") == 0.04
    assert "curated from the web page" in rows.loc["plm_conventional_2025_06", "reliability"]


# --------------------------------------------------------------------------
# BKPM realised investment
# --------------------------------------------------------------------------
def test_investment_units_and_coverage(panel):
    info = panel.series.set_index("series_id")
    for sid in INVESTMENT:
        assert info.loc[sid, "unit"] == "Rp bn (current prices)" and info.loc[sid, "kind"] == "level"
        assert "NOT PMTB" in info.loc[sid, "notes"]
        wide = panel.wide(sid)
        assert list(wide.index) == list(range(2015, 2026))  # 2026 (two quarters) is not an annual value
        assert math.isnan(panel.get(sid, 36, 2026))
        assert wide.notna().sum().sum() == 34 * 11 + 4 * 3
        assert (wide.stack().dropna() >= 0).all()
    assert "break" in panel.flag("investment_pma", 94, 2023) and "break" in panel.flag("investment_pmdn", 91, 2023)
    assert "suspect" in panel.flag("investment_realised", "maluku", 2015)  # 2015-Q1 all zero in the source
    # Banten 2024 (BKPM: Rp105.6T) and Bengkulu 2025 (BI Bengkulu: Rp3.03T)
    assert panel.get("investment_realised", "banten", 2024) == 105628.4
    assert panel.get("investment_pma", 36, 2024) + panel.get("investment_pmdn", 36, 2024) == pytest.approx(105628.41)
    assert round(panel.get("investment_realised", "bengkulu", 2025) / 1000, 2) == 3.03
    total = panel.wide("investment_realised").sum(axis=1)
    assert round(total.loc[2024] / 1000, 1) == 1714.2  # BKPM's national 2024 figure


@needs_shared
def test_investment_annual_is_the_sum_of_four_quarters(panel):
    sums: dict[tuple[str, int, int], Decimal] = {}
    quarters: dict[tuple[int, int], set[int]] = {}
    with BKPM_QUARTERS.open(newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            code, year = panel.province(r["province"]), int(r["year"])
            quarters.setdefault((code, year), set()).add(int(r["quarter"]))
            for sid, col in INVESTMENT.items():
                sums[(sid, code, year)] = sums.get((sid, code, year), Decimal(0)) + Decimal(r[col])
    full = {k for k, q in quarters.items() if q == {1, 2, 3, 4}}
    assert {y for (_c, y), q in quarters.items() if q != {1, 2, 3, 4}} == {2026}
    n = 0
    for (sid, code, year), total in sums.items():
        if (code, year) in full:
            assert panel.get(sid, code, year) == float(total), (sid, code, year)
            n += 1
        else:
            assert math.isnan(panel.get(sid, code, year)), (sid, code, year)
    assert n == 3 * (34 * 11 + 4 * 3)
    for sid in INVESTMENT:  # nothing stored that the quarters do not give
        rows = panel.provincial.loc[panel.provincial["series_id"] == sid]
        assert {(int(c), int(y)) for c, y in zip(rows["province_code"], rows["year"], strict=True)} == full


def test_data_command_lists_new_series():
    runner = CliRunner()
    result = runner.invoke(app, ["data"])
    assert result.exit_code == 0, result.output
    for sid in INVESTMENT:
        assert sid in result.output
    result = runner.invoke(app, ["data", "show", "banten"])
    assert result.exit_code == 0, result.output
    assert "investment_realised" in result.output and "2024" in result.output


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
    fields = lines[n - 1].split(",")
    fields[5] = "break"  # the flag column
    lines[n - 1] = ",".join(fields)
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


BANK_HEADER = ",".join(SCHEMAS["bank_facts.csv"])


def _synthetic_bank_facts(rows: list[str]) -> str:
    return BANK_HEADER + "\n" + "\n".join(rows) + "\n"


def test_bad_fact_file_reports_every_problem(tmp_path):
    """A small synthetic bank_facts.csv (made-up rows) with one mistake per line."""
    d = _copy(tmp_path)
    cols = SCHEMAS["bank_facts.csv"]
    base = dict.fromkeys(cols, "")
    base |= {"entity": "SYNTHETIC", "province_code": "36", "scope": "commercial banks", "basis": "not_stated"}
    base |= {"period": "2024-12", "as_of": "2024-12", "indicator": "credit outstanding", "value": "1000"}
    base |= {"unit": "Rp bn", "value_as_given": "1", "unit_as_given": "trillion Rp", "source_file": "synthetic.csv"}

    def line(**changes: str) -> str:
        return ",".join({**base, **changes}[c] for c in cols)

    rows = [
        line(),  # line 2: fine
        line(basis="bank locaton"),  # 3
        line(as_of="2024-13"),  # 4
        line(indicator="NPL", value="2.5", unit="fraction", value_as_given="2.5", unit_as_given="%"),  # 5
        line(value="", value_as_given=""),  # 6: no figure and not an event
        line(flag="event", value="7", value_as_given="0.007"),  # 7: an event with a value
        line(flag="conflcit", province_code="39"),  # 8
        line(source_file=""),  # 9
        line(),  # 10: the same fact as line 2
    ]
    (d / "bank_facts.csv").write_text(_synthetic_bank_facts(rows), encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load_panel(d)
    text = str(exc.value)
    col = {c: i for i, c in enumerate(cols, start=1)}
    expected = [
        rf"bank_facts\.csv:3:{col['basis']}: basis: 'bank locaton' is not an allowed code \(did you mean "
        r"'bank_location'\?\)",
        rf"bank_facts\.csv:4:{col['as_of']}: as_of: '2024-13' is not a valid date",
        rf"bank_facts\.csv:5:{col['value']}: value: value 2\.5 with unit 'fraction': give 5\.2% as 0\.052",
        rf"bank_facts\.csv:6:{col['value_as_given']}: value_as_given: empty; keep the value as the source printed it",
        rf"bank_facts\.csv:7:{col['flag']}: flag: flag 'event' means a row without a figure",
        rf"bank_facts\.csv:8:{col['province_code']}: province_code: unknown province_code 39",
        rf"bank_facts\.csv:8:{col['flag']}: flag: unknown flag 'conflcit' \(did you mean 'conflict'\?\)",
        rf"bank_facts\.csv:9:{col['source_file']}: source_file: empty; name the collected file",
        r"bank_facts\.csv:10:1: entity: same fact as line 2 \(this is line 10\)",
    ]
    for pattern in expected:
        assert re.search(pattern, text), (pattern, text)
    assert len(exc.value.problems) == len(expected)


def test_bad_fact_file_missing_column_and_stage(tmp_path):
    d = _copy(tmp_path)
    p = d / "fiscal_facts.csv"
    lines = p.read_text(encoding="utf-8").split("\n")
    n = 2
    fields = next(csv.reader([lines[n - 1]]))
    stage_col = SCHEMAS["fiscal_facts.csv"].index("stage")
    fields[stage_col] = "murnii"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow(fields)
    lines[n - 1] = buf.getvalue()
    p.write_text("\n".join(lines), encoding="utf-8")
    (d / "bpd_facts.csv").write_text("entity,province_code,period\nSYNTHETIC,36,2024\n", encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load_panel(d)
    text = str(exc.value)
    assert (
        rf"fiscal_facts.csv:{n}:{stage_col + 1}: stage: 'murnii' is not an allowed code (did you mean 'murni'?)" in text
    )
    assert "bpd_facts.csv:1: as_of: missing column 'as_of'" in text


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
    built = {p.name for p in DATA.glob("*.csv")} - CURATED
    for name in sorted(built):
        assert (out / name).read_bytes() == (DATA / name).read_bytes(), name
    assert {p.name for p in out.glob("*.csv")} == built
    geometry = sorted(p.relative_to(DATA) for p in (DATA / "geo").iterdir())
    assert geometry == sorted(p.relative_to(out) for p in (out / "geo").iterdir())  # the map's outlines, copied
    for name in geometry:
        assert (out / name).read_bytes() == (DATA / name).read_bytes(), name


#: Files of data/ chosen by hand from the built ones (documented in SOURCES.md), not written by the build.
CURATED = {"own_bpd.csv", "growth_targets.csv"}


def test_csv_files_are_tidy():
    for path in sorted(DATA.glob("*.csv")):
        raw = path.read_bytes()
        assert raw.endswith(b"\n") and b"\r" not in raw, path.name
        with path.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))
        assert len({len(r) for r in rows}) == 1, path.name
