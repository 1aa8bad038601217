"""The province resolver: every province from its Indonesian and English names, slug, BPS code (as a number and
as text, in any script's digits) and the abbreviations Indonesians write; an unknown name gets a "did you mean".

The resolver is :meth:`growth8.data.Panel.province`; a config's ``provinces:`` and every per-province key go
through it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from growth8.cli import app
from growth8.data import COMMON_NAMES, UnknownProvinceError, _norm, load_panel
from helpers import DATA, write_config

runner = CliRunner()

#: (BPS code, Indonesian name, English name, slug, an everyday name or abbreviation, or None).
PROVINCES = [
    (11, "Aceh", "Aceh", "aceh", "NAD"),
    (12, "Sumatera Utara", "North Sumatra", "sumatera_utara", "sumut"),
    (13, "Sumatera Barat", "West Sumatra", "sumatera_barat", "sumbar"),
    (14, "Riau", "Riau", "riau", None),
    (15, "Jambi", "Jambi", "jambi", None),
    (16, "Sumatera Selatan", "South Sumatra", "sumatera_selatan", "sumsel"),
    (17, "Bengkulu", "Bengkulu", "bengkulu", None),
    (18, "Lampung", "Lampung", "lampung", None),
    (19, "Kepulauan Bangka Belitung", "Bangka Belitung Islands", "kepulauan_bangka_belitung", "babel"),
    (21, "Kepulauan Riau", "Riau Islands", "kepulauan_riau", "kepri"),
    (31, "DKI Jakarta", "Jakarta", "dki_jakarta", "dki"),
    (32, "Jawa Barat", "West Java", "jawa_barat", "jabar"),
    (33, "Jawa Tengah", "Central Java", "jawa_tengah", "jateng"),
    (34, "DI Yogyakarta", "Special Region of Yogyakarta", "di_yogyakarta", "DIY"),
    (35, "Jawa Timur", "East Java", "jawa_timur", "jatim"),
    (36, "Banten", "Banten", "banten", None),
    (51, "Bali", "Bali", "bali", None),
    (52, "Nusa Tenggara Barat", "West Nusa Tenggara", "nusa_tenggara_barat", "NTB"),
    (53, "Nusa Tenggara Timur", "East Nusa Tenggara", "nusa_tenggara_timur", "NTT"),
    (61, "Kalimantan Barat", "West Kalimantan", "kalimantan_barat", "kalbar"),
    (62, "Kalimantan Tengah", "Central Kalimantan", "kalimantan_tengah", "kalteng"),
    (63, "Kalimantan Selatan", "South Kalimantan", "kalimantan_selatan", "kalsel"),
    (64, "Kalimantan Timur", "East Kalimantan", "kalimantan_timur", "kaltim"),
    (65, "Kalimantan Utara", "North Kalimantan", "kalimantan_utara", "kaltara"),
    (71, "Sulawesi Utara", "North Sulawesi", "sulawesi_utara", "sulut"),
    (72, "Sulawesi Tengah", "Central Sulawesi", "sulawesi_tengah", "sulteng"),
    (73, "Sulawesi Selatan", "South Sulawesi", "sulawesi_selatan", "sulsel"),
    (74, "Sulawesi Tenggara", "Southeast Sulawesi", "sulawesi_tenggara", "sultra"),
    (75, "Gorontalo", "Gorontalo", "gorontalo", None),
    (76, "Sulawesi Barat", "West Sulawesi", "sulawesi_barat", "sulbar"),
    (81, "Maluku", "Maluku", "maluku", None),
    (82, "Maluku Utara", "North Maluku", "maluku_utara", "malut"),
    (91, "Papua Barat", "West Papua", "papua_barat", "pabar"),
    (92, "Papua Barat Daya", "Southwest Papua", "papua_barat_daya", "PBD"),
    (94, "Papua", "Papua", "papua", None),
    (95, "Papua Selatan", "South Papua", "papua_selatan", "papsel"),
    (96, "Papua Tengah", "Central Papua", "papua_tengah", "papteng"),
    (97, "Papua Pegunungan", "Highland Papua", "papua_pegunungan", "papeg"),
]


@pytest.fixture(scope="module")
def panel():
    return load_panel(DATA)


def test_the_table_covers_all_38_provinces(panel) -> None:
    assert sorted(c for c, *_ in PROVINCES) == sorted(panel.province_codes)
    assert len(PROVINCES) == 38
    for code, name_id, name_en, slug, _ in PROVINCES:
        assert panel.province_name(code, "id") == name_id
        assert panel.province_name(code, "en") == name_en
        assert panel.provinces.set_index("province_code").at[code, "slug"] == slug


@pytest.mark.parametrize(("code", "name_id", "name_en", "slug", "short"), PROVINCES, ids=[p[3] for p in PROVINCES])
def test_every_province_resolves_from_each_of_its_names(panel, code, name_id, name_en, slug, short) -> None:
    spellings = [name_id, name_en, slug, code, str(code), f" {code} ", name_id.upper(), name_en.lower()]
    spellings += [f"Provinsi {name_id}", f"Prov. {name_id}", f"PROVINSI {name_id.upper()}", f"{name_en} Province"]
    spellings += [name_id.replace(" ", ""), name_id.replace(" ", "  "), slug.replace("_", "-")]
    if short is not None:
        spellings += [short, short.upper(), short.lower(), short.capitalize(), f"Provinsi {short}", f" {short} "]
    for text in spellings:
        assert panel.province(text) == code, text


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("jakarta", 31),
        ("DKI", 31),
        ("Daerah Khusus Ibukota Jakarta", 31),
        ("Daerah Khusus Jakarta", 31),
        ("Yogyakarta", 34),
        ("Daerah Istimewa Yogyakarta", 34),
        ("D.I. Yogyakarta", 34),
        ("Jogja", 34),
        ("papua barat", 91),
        ("Provinsi Jawa Barat", 32),
        ("Prov. Jawa Barat", 32),
        ("Prov Jawa Barat", 32),
        ("Propinsi Jawa Barat", 32),
        ("Province of West Java", 32),
        ("Kep. Riau", 21),
        ("Kep. Bangka Belitung", 19),
        ("Bangka-Belitung", 19),
        ("Nanggroe Aceh Darussalam", 11),
        ("North Sumatera", 12),
        ("Sumatra Selatan", 16),
    ],
)
def test_common_names(panel, text: str, code: int) -> None:
    assert panel.province(text) == code


@pytest.mark.parametrize("text", ["٣٦", "３６", "३६", "36", "³⁶", "০৩৬"])
def test_a_code_in_any_scripts_digits(panel, text: str) -> None:
    assert panel.province(text) == 36


@pytest.mark.parametrize(
    ("text", "suggested"),
    [
        ("jabr", "jawa_barat"),
        ("Jawa Barrat", "jawa_barat"),
        ("Prov. Jawa Barrat", "jawa_barat"),
        ("kaltm", "kalimantan_timur"),
        ("bantn", "banten"),
        ("Sulawesi Tenggra", "sulawesi_tenggara"),
    ],
)
def test_an_unknown_name_gets_a_did_you_mean(panel, text: str, suggested: str) -> None:
    with pytest.raises(UnknownProvinceError) as info:
        panel.province(text)
    assert suggested in info.value.suggestions
    assert f"'{suggested}'" in str(info.value)


@pytest.mark.parametrize("text", ["Atlantis", "", "   ", "99", "-36", "36.0", "1e400", "9" * 40, "٩٩", True])
def test_what_is_no_province(panel, text) -> None:
    with pytest.raises(UnknownProvinceError):
        panel.province(text)


def test_no_common_name_is_taken_by_two_provinces(panel) -> None:
    owner: dict[str, int] = {}
    for r in panel.provinces.itertuples(index=False):
        for text in (r.slug, r.name_id, r.name_en, *str(r.aliases).split(";")):
            if text:
                owner.setdefault(_norm(text), int(r.province_code))
    for code, names in COMMON_NAMES.items():
        assert code in owner.values(), code
        for text in names:
            assert owner.setdefault(_norm(text), code) == code, (text, code)


def test_abbreviations_in_a_config(tmp_path: Path) -> None:
    """The names reach every place a config takes a province: provinces:, parameters, targets."""
    config = write_config(
        tmp_path,
        """\
        format: 1
        title: t
        provinces: [jabar, "Prov. Jawa Tengah", jatim, DIY, "３６"]
        horizon: 2030
        target:
          provinces: {jateng: 0.07}
        parameters:
          capital_share: {jabar: 0.45, "Provinsi Banten": 0.5}
        scenarios: {baseline: {}}
        """,
    )
    result = runner.invoke(app, ["validate", str(config)])
    assert result.exit_code == 0, result.output
    assert re.search(
        r"5 province\(s\) \[West Java, Central Java, East Java, Special Region of Yogyakarta, Banten", result.output
    )


def test_an_unknown_province_in_a_config_is_located_with_a_suggestion(tmp_path: Path) -> None:
    config = write_config(tmp_path, "format: 1\ntitle: t\nprovinces: [jabr]\nscenarios: {baseline: {}}\n")
    result = runner.invoke(app, ["validate", str(config)])
    assert result.exit_code == 2
    assert re.search(
        r"test\.yaml:3:13: provinces\[0\]: unknown province 'jabr' \(did you mean 'jawa_barat'", result.output
    )
    assert "internal error" not in result.output


def test_data_show_takes_an_abbreviation() -> None:
    result = runner.invoke(app, ["data", "show", "kaltim"])
    assert result.exit_code == 0, result.output
    assert "Kalimantan Timur" in result.output
