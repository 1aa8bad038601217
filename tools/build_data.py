"""Build growth8's bundled data files (``data/*.csv``) from the collected sources.

Usage::

    python tools/build_data.py [SOURCE_DIR] [--out DATA_DIR]

``SOURCE_DIR`` defaults to ``../shared/data`` relative to the repository root and
``--out`` to ``data/`` in the repository. The script is deterministic: rows are
sorted, floats are written with ``repr`` precision (integral values without a
decimal point) and re-running it gives byte-identical files.

Nothing is filled in, smoothed or interpolated. Where a source has no number,
the output has no row. Every choice of source per year is written below and
explained in ``data/SOURCES.md``.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))  # this checkout's growth8
from growth8.data import (  # what the loader validates
    BASES,
    FACT_FLAGS,
    GOVERNMENT_LEVELS,
    SCHEMAS,
    SERIES_TEXTS,
    STAGES,
)

REPO = Path(__file__).resolve().parent.parent

# --------------------------------------------------------------------------
# Provinces: BPS code, Indonesian name, English name (as in the Wikipedia
# file), island group, and every spelling the source files use.
# --------------------------------------------------------------------------
PROVINCES: list[tuple[int, str, str, str]] = [
    (11, "Aceh", "Aceh", "Sumatera"),
    (12, "Sumatera Utara", "North Sumatra", "Sumatera"),
    (13, "Sumatera Barat", "West Sumatra", "Sumatera"),
    (14, "Riau", "Riau", "Sumatera"),
    (15, "Jambi", "Jambi", "Sumatera"),
    (16, "Sumatera Selatan", "South Sumatra", "Sumatera"),
    (17, "Bengkulu", "Bengkulu", "Sumatera"),
    (18, "Lampung", "Lampung", "Sumatera"),
    (19, "Kepulauan Bangka Belitung", "Bangka Belitung Islands", "Sumatera"),
    (21, "Kepulauan Riau", "Riau Islands", "Sumatera"),
    (31, "DKI Jakarta", "Jakarta", "Jawa"),
    (32, "Jawa Barat", "West Java", "Jawa"),
    (33, "Jawa Tengah", "Central Java", "Jawa"),
    (34, "DI Yogyakarta", "Special Region of Yogyakarta", "Jawa"),
    (35, "Jawa Timur", "East Java", "Jawa"),
    (36, "Banten", "Banten", "Jawa"),
    (51, "Bali", "Bali", "Bali-Nusa Tenggara"),
    (52, "Nusa Tenggara Barat", "West Nusa Tenggara", "Bali-Nusa Tenggara"),
    (53, "Nusa Tenggara Timur", "East Nusa Tenggara", "Bali-Nusa Tenggara"),
    (61, "Kalimantan Barat", "West Kalimantan", "Kalimantan"),
    (62, "Kalimantan Tengah", "Central Kalimantan", "Kalimantan"),
    (63, "Kalimantan Selatan", "South Kalimantan", "Kalimantan"),
    (64, "Kalimantan Timur", "East Kalimantan", "Kalimantan"),
    (65, "Kalimantan Utara", "North Kalimantan", "Kalimantan"),
    (71, "Sulawesi Utara", "North Sulawesi", "Sulawesi"),
    (72, "Sulawesi Tengah", "Central Sulawesi", "Sulawesi"),
    (73, "Sulawesi Selatan", "South Sulawesi", "Sulawesi"),
    (74, "Sulawesi Tenggara", "Southeast Sulawesi", "Sulawesi"),
    (75, "Gorontalo", "Gorontalo", "Sulawesi"),
    (76, "Sulawesi Barat", "West Sulawesi", "Sulawesi"),
    (81, "Maluku", "Maluku", "Maluku"),
    (82, "Maluku Utara", "North Maluku", "Maluku"),
    (91, "Papua Barat", "West Papua", "Papua"),
    (92, "Papua Barat Daya", "Southwest Papua", "Papua"),
    (94, "Papua", "Papua", "Papua"),
    (95, "Papua Selatan", "South Papua", "Papua"),
    (96, "Papua Tengah", "Central Papua", "Papua"),
    (97, "Papua Pegunungan", "Highland Papua", "Papua"),
]
NEW_PAPUA = {92: 91, 95: 94, 96: 94, 97: 94}  # new province -> pre-split parent
BREAK_YEAR = {91: 2023, 94: 2023}  # provinces whose boundaries changed
SPLIT_FIRST_YEAR = 2023

# Spellings in the sources that are not the Indonesian or English name.
EXTRA_SPELLINGS: dict[str, int] = {
    "D.K.I. Jakarta": 31,
    "D.I. Yogyakarta": 34,
    "Yogyakarta": 34,
    "Bangka Belitung": 19,
    "KEP. BANGKA BELITUNG": 19,
    "KEP. RIAU": 21,
    "Daerah Khusus Ibukota Jakarta": 31,
    "Daerah Istimewa Yogyakarta": 34,
    "Papua Barat Oaya": 92,
    "DK Jakarta": 31,
}
NOT_PROVINCES = {
    "Jumlah 34 Provinsi Total of 34 Provinces",
    'Jumlah 34 Provinsi (labelled "Papua Pegunungan" in source)',
    "Nasional",
    "INDONESIA",
}

FLAGS = (
    "part_year",
    "rounded",
    "earlier_vintage",
    "preliminary",
    "derived",
    "break",
    "suspect",
    "reclassification_jump",
    "register",
)


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


class Names:
    """Resolve a source spelling to a BPS code and remember the spellings used."""

    def __init__(self) -> None:
        self.lookup: dict[str, int] = {}
        for code, name_id, name_en, _ in PROVINCES:
            self.lookup[_norm(name_id)] = code
            self.lookup[_norm(name_en)] = code
        for text, code in EXTRA_SPELLINGS.items():
            self.lookup[_norm(text)] = code
        self.seen: dict[int, set[str]] = {code: set() for code, *_ in PROVINCES}

    def code(self, text: str) -> int:
        try:
            code = self.lookup[_norm(text)]
        except KeyError:
            raise SystemExit(f"build_data: unknown province spelling {text!r}") from None
        self.seen[code].add(text)
        return code


# --------------------------------------------------------------------------
# Number helpers
# --------------------------------------------------------------------------
def dec(text: str) -> Decimal:
    """Parse a source number string exactly (raises on anything else)."""
    text = text.strip()
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        raise ValueError(f"not a plain number: {text!r}")
    return Decimal(text)


def pct(text: str) -> float:
    """Percent string -> fraction, without binary rounding of the division."""
    return float(dec(text).scaleb(-2))


def num(text: str) -> float:
    return float(dec(text))


def fmt(value: float | None) -> str:
    """Write a float with repr precision; integral values without '.0'."""
    if value is None:
        return ""
    value = float(value)
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def read(src: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(src / name, dtype=str, keep_default_na=False)


# --------------------------------------------------------------------------
# Series catalogue
# --------------------------------------------------------------------------
# series_id: (scope, kind, unit, title_en, title_id, publisher, table, vintage,
#             intermediary, notes)
SERIES: dict[str, tuple[str, ...]] = {}


def series(
    sid: str,
    scope: str,
    kind: str,
    unit: str,
    title_en: str,
    title_id: str,
    publisher: str,
    table: str,
    vintage: str,
    intermediary: str,
    notes: str,
) -> None:
    SERIES[sid] = (scope, title_en, title_id, unit, kind, publisher, table, vintage, intermediary, notes)


REPO_INDODAPOER = (
    "nayfajo/indonesia-subnational-gdp @5bac8f4293105ff792f9764a373b4dd782b53e39 "
    "dapoer_extract/dee68668-cee8-410a-9807-d375830e6e72_Data.csv"
)
REPO_MUTIARASAF = "mutiarasaf/Mafia-Ngoding @5c14eb0ea70a3a546b9d5aeaee08848383cab702 data/dataindikatorpembangunan.csv"
REPO_DENECON = "den-econ/phk_dashboard @5fc73939b0ea5a89ab3fda27d24e58d25a9e2ffd data/clean_data/annual_full.csv"
REPO_YAFIODO = (
    "yafiodo/dashboard-investasi-pdrb @18d0ba47c5d0144c6a2779739de8def5e2073620 src/data/merged_investasi_pdrb.json"
)
REPO_BERNARDIAVA = "bernardiava/BPS-2025 @5cf333a9661f4eb6f53032500ce7675f8a99feb5 grdp_full.json"
REPO_ADEARIYO = (
    "adeariyo27/indonesia-gdp-ipm-panel-data-analysis "
    "@2ecf90ced9c5a741f4ff2552f31e7eb6d4a4d9e2 data/raw/Laju Pertumbuhan "
    "Produk Domestik Regional Bruto_{2019..2024}.csv"
)
REPO_FERYK = "Fery-K/Capstone_Project_TETRIS"
REPO_WEBAPI = "BPS WebAPI tables, copied by the growth8 data collection (../shared/data, 2026-08)"
REPO_JAKPOST = (
    "dzulfiqarfr/jakpost-graphics @6450df09dea97689f9b6bae690e953e58632c705 "
    "2021/2021-05-23-indonesia-remains-java-centric/data/"
    "bps-population-{2010,2020}-cleaned.csv"
)
REPO_CAHYADSN = "cahyadsn/wilayah @2ef33944bab598493f02b0d6212741d7e7aec5de db/penduduk.sql"
REPO_WDI = (
    "datasets/world-development-indicators @4ebec5a2273f531ba238a34dbe440394dc5a6c4b "
    "indicators/<code>/data.csv (per-row commit kept in the collected file)"
)

series(
    "grdp_real",
    "provincial",
    "level",
    "Rp bn (2010 prices)",
    "Real GRDP at constant 2010 prices",
    "PDRB atas dasar harga konstan 2010",
    "BPS",
    "PDRB atas dasar harga konstan 2010 menurut provinsi (miliar rupiah)",
    "2010-2013 INDO-DAPOER final series; 2014-2024 BPS export (file commit 2025-12-10); "
    "new Papua 2023-2024 via denecon (vintage not stated); 2025 derived from the 2026-02-19 growth release",
    f"{REPO_INDODAPOER}; {REPO_MUTIARASAF}; {REPO_DENECON}; {REPO_WEBAPI}",
    "2014 rounded to whole billions; Papua split from 2023 (break); 2025 = 2024 level x (1 + BPS 2025 growth), "
    "flag derived, status very_preliminary",
)
series(
    "grdp_growth",
    "provincial",
    "growth",
    "fraction",
    "Real GRDP growth (year-1 to year)",
    "Laju pertumbuhan PDRB ADHK 2010",
    "BPS",
    "Laju Pertumbuhan PDRB Atas Dasar Harga Konstan 2010 Menurut Provinsi",
    "BPS web exports 2019-2024 downloaded separately (c. 2023-2025, release dates not stated); "
    "2023-2025 BPS WebAPI var 104 updated 2026-02-19 (vintage column); 2011-2018 derived from grdp_real",
    f"{REPO_ADEARIYO}; {REPO_WEBAPI}; derived from grdp_real",
    "BPS table where present (2019-2025), else level ratio (flag derived); never across the 2023 Papua break; "
    "2024 angka sementara and 2025 angka sangat sementara in the 2026-02-19 release (status column)",
)
series(
    "grdp_nominal",
    "provincial",
    "level",
    "Rp bn (current prices)",
    "Nominal GRDP at current prices",
    "PDRB atas dasar harga berlaku",
    "BPS",
    "PDRB ADHB menurut provinsi (INDO-DAPOER NA.GDP.INC.OG.SNA08.CR; BPS quarterly "
    "PDRB; PDRB menurut pengeluaran 2021-2025)",
    "2010-2015 final, 2016-2017 earlier vintage; 2018-2021 recent quarterly vintage; "
    "2022-2024 BPS expenditure publication 2021-2025 (2024 preliminary); 2025 derived from the "
    "2026-02-19 release",
    f"{REPO_INDODAPOER}; {REPO_YAFIODO}; {REPO_BERNARDIAVA}; {REPO_WEBAPI}",
    "2018-2021 are sums of four quarters; 2022 taken from bernardiava (equal to the "
    "yafiodo quarterly sum within 0.01 bn); 2025 = 2024 level x growth of nominal GRDP per capita x the "
    "population growth implied by BPS's real GRDP and real GRDP per capita (flag derived)",
)
_EXP = [
    ("pmtb_nominal", "PMTB", "Gross fixed capital formation (PMTB)", "Pembentukan modal tetap bruto (PMTB)", "level"),
    ("household_consumption_nominal", "PKRT", "Household consumption", "Pengeluaran konsumsi rumah tangga", "level"),
    (
        "npish_consumption_nominal",
        "PK-LNPRT",
        "Consumption of non-profit institutions serving households",
        "Pengeluaran konsumsi LNPRT",
        "level",
    ),
    ("government_consumption_nominal", "PKP", "Government consumption", "Pengeluaran konsumsi pemerintah", "level"),
    ("inventory_change_nominal", "inventory", "Change in inventories", "Perubahan inventori", "signed_level"),
    ("exports_nominal", "exports", "Exports of goods and services (abroad)", "Ekspor luar negeri", "level"),
    ("imports_nominal", "imports", "Imports of goods and services (from abroad)", "Impor luar negeri", "level"),
    (
        "net_interregional_exports_nominal",
        "net inter-regional",
        "Net inter-regional exports",
        "Net ekspor antar daerah",
        "signed_level",
    ),
]
for _sid, _short, _en, _id, _kind in _EXP:
    series(
        _sid,
        "provincial",
        _kind,
        "Rp bn (current prices)",
        f"{_en}, current prices",
        f"{_id} ADHB",
        "BPS",
        "Produk Domestik Regional Bruto Provinsi-Provinsi di Indonesia Menurut Pengeluaran 2021-2025",
        "edition 2021-2025; 2024 preliminary (angka sementara/sangat sementara)",
        REPO_BERNARDIAVA,
        "34-province total row skipped; 2022 old Papua boundaries",
    )
series(
    "credit_all_banks",
    "provincial",
    "level",
    "Rp bn (current prices)",
    "Bank credit outstanding by province (all banks)",
    "Posisi kredit perbankan menurut provinsi",
    "Bank Indonesia",
    "SEKI: posisi kredit berdasarkan provinsi (exact table not stated)",
    "compiled by the repo author (2002-2022)",
    f"{REPO_FERYK} @c11a03288ac2a9bb3c39dc9cc08a7ce4458bcfde Datasets/kredit_provinsi.csv",
    "nominal; probably project-location basis; annual values look like averages; "
    "zeros omitted; flag reclassification_jump where yoy > 40%",
)
series(
    "population",
    "provincial",
    "level",
    "persons",
    "Population, mid-year projection (SP2010-based)",
    "Proyeksi penduduk pertengahan tahun",
    "BPS (via World Bank INDO-DAPOER)",
    "Proyeksi Penduduk Indonesia 2010-2035 (INDO-DAPOER SP.POP.TOTL)",
    "SP2010-based projection (superseded by SP2020)",
    REPO_INDODAPOER.replace("dee68668-cee8-410a-9807-d375830e6e72_Data.csv", "...Data.csv"),
    "2020 is the projection, not the 2020 census",
)
series(
    "population_census",
    "provincial",
    "level",
    "persons",
    "Population, census count",
    "Jumlah penduduk hasil sensus",
    "BPS",
    "Sensus Penduduk 2010 and 2020",
    "SP2010, SP2020",
    REPO_JAKPOST,
    "2010 Kalimantan Timur includes Kalimantan Utara (no separate 2010 row)",
)
series(
    "population_register",
    "provincial",
    "level",
    "persons",
    "Population, administrative register (Dukcapil)",
    "Jumlah penduduk (data Dukcapil)",
    "Kementerian Dalam Negeri (Dukcapil)",
    "Lampiran Kepmendagri 300.2.2-2138/2025 (kode dan data wilayah)",
    "single snapshot, reference date not stated (probably end-2024); stored at year 2025",
    REPO_CAHYADSN,
    "not BPS; flag register; do not mix with BPS population",
)
REPO_ESTPUSEK = (
    "aripurwantosp/estPUSek @c3ee2655fb2fd8ac8670e00d354bfcd16c734123 data/pop_age1_Tot.rds "
    "(single ages from BPS five-year groups, Sprague)"
)
for _sid, _ages, _ages_id in (
    ("population_sp2020", "all ages", "semua umur"),
    ("population_15_64", "aged 15-64", "umur 15-64"),
    ("population_15plus", "aged 15 and over", "umur 15 tahun ke atas"),
):
    series(
        _sid,
        "provincial",
        "level",
        "persons",
        f"Population {_ages}, mid-year, SP2020-based projection",
        f"Proyeksi penduduk {_ages_id} pertengahan tahun, hasil SP2020",
        "Bappenas, BPS, BKKBN, Kemenkes, UNFPA",
        "Proyeksi Penduduk Indonesia 2020-2050 Hasil Sensus Penduduk 2020 (trend scenario), by province",
        "BPS publication 2023-05-16 (vintage column)",
        REPO_ESTPUSEK,
        "34 provinces on pre-2022 boundaries (Papua, Papua Barat); the six new Papua provinces are not projected "
        "here; thousand persons converted to persons; BPS uses these projections as per-capita denominators",
    )
series(
    "schooling_years",
    "provincial",
    "level",
    "years",
    "Mean years of schooling, population aged 25 and over (RLS)",
    "Rata-rata lama sekolah penduduk umur 25 tahun ke atas (RLS)",
    "BPS",
    "[Metode Baru] Rata-rata Lama Sekolah menurut provinsi (Susenas)",
    "BPS web exports 2019-2024, downloaded c. 2025 (release dates not stated)",
    "adeariyo27/indonesia-gdp-ipm-panel-data-analysis @2ecf90ced9c5a741f4ff2552f31e7eb6d4a4d9e2 "
    "data/raw/Rata-rata Lama Sekolah_<year>.csv",
    "four new Papua provinces 2024 only; Papua and Papua Barat old boundaries to 2023 (break 2023 not marked: "
    "the new-boundary value starts in 2024)",
)
series(
    "mining_share",
    "provincial",
    "share",
    "fraction",
    "Mining and quarrying share of nominal GRDP",
    "Peranan lapangan usaha pertambangan dan penggalian terhadap PDRB ADHB",
    "BPS provincial offices (Berita Resmi Statistik), as reported by the press",
    "Pertumbuhan Ekonomi provinsi: struktur PDRB menurut lapangan usaha (ADHB)",
    "releases 2025-02 to 2026-02 (vintage column)",
    "news reports of the BPS releases; URLs in SOURCES.md",
    "only the provinces the press reported; where only a quarter or half-year is reported the latest part "
    "of the year is stored (flag part_year)",
)
series(
    "employed_persons",
    "provincial",
    "level",
    "persons",
    "Employed persons (Sakernas)",
    "Jumlah penduduk bekerja",
    "BPS (Sakernas)",
    "Penduduk bekerja menurut provinsi (Sakernas, August assumed)",
    "dashboard file, hand-transcribed from commit 5fc73939; 2025 derived from the BPS WebAPI tables",
    f"{REPO_DENECON}; {REPO_WEBAPI}",
    "Papua and Papua Barat 2023 look pre-split (suspect); 2025 = SP2020 population 15+ x TPAK x (1 - TPT), "
    "August 2025, flag derived, 32 provinces on unchanged boundaries",
)
series(
    "unemployment_rate",
    "provincial",
    "share",
    "fraction",
    "Open unemployment rate, August",
    "Tingkat pengangguran terbuka (Agustus)",
    "BPS (Sakernas)",
    "Tingkat Pengangguran Terbuka menurut provinsi (Agustus)",
    "BPS export in file commit 2025-12-10; new Papua provinces from denecon; 2023-2025 BPS WebAPI "
    "(table updated 2026-05-06, vintage column)",
    f"{REPO_MUTIARASAF}; {REPO_DENECON}; {REPO_WEBAPI}",
    "Papua/Papua Barat 2023 differ between the two files (suspect)",
)
series(
    "labour_force_participation",
    "provincial",
    "share",
    "fraction",
    "Labour-force participation rate",
    "Tingkat partisipasi angkatan kerja (TPAK)",
    "BPS (Sakernas)",
    "TPAK menurut provinsi",
    "dashboard file (commit 5fc73939); 2023-2025 BPS WebAPI (table updated 2026-07-16, vintage column)",
    f"{REPO_DENECON}; {REPO_WEBAPI}",
    "",
)
series(
    "grdp_per_capita_real",
    "provincial",
    "level",
    "thousand Rp (2010 prices)",
    "Real GRDP per capita, constant 2010 prices",
    "PDRB per kapita ADHK 2010",
    "BPS",
    "PDRB per kapita atas dasar harga konstan 2010 menurut provinsi (ribu rupiah)",
    "compiled by the repo author (2011-2022); 2023-2025 BPS WebAPI (updated 2026-02-19, vintage column)",
    f"{REPO_FERYK} @b185b0747275c6be742e076de7398e35ec6473ba Datasets/pdrb.csv; {REPO_WEBAPI}",
    "Kalimantan Timur 2011-2012 apparently still includes Kalimantan Utara (suspect)",
)

INVESTMENT_FILE = "investment_pma_pmdn_quarterly_38prov_2015_2026_bkpm_yafiodo.csv"
INVESTMENT_CHECK_FILE = "investment_pma_pmdn_annual_38prov_2015_2026_DERIVED.csv"
INVESTMENT = {
    # series_id: (column of the quarterly file, title_en, title_id)
    "investment_pma": (
        "investment_pma_billion_rp",
        "Realised foreign direct investment (PMA, BKPM), sum of four quarters",
        "Realisasi investasi PMA (BKPM), jumlah empat triwulan",
    ),
    "investment_pmdn": (
        "investment_pmdn_billion_rp",
        "Realised domestic direct investment (PMDN, BKPM), sum of four quarters",
        "Realisasi investasi PMDN (BKPM), jumlah empat triwulan",
    ),
    "investment_realised": (
        "investment_total_billion_rp",
        "Realised direct investment, PMA + PMDN total as printed (BKPM), sum of four quarters",
        "Realisasi investasi PMA + PMDN (BKPM), jumlah empat triwulan",
    ),
}
for _sid, (_col, _en, _id) in INVESTMENT.items():
    series(
        _sid,
        "provincial",
        "level",
        "Rp bn (current prices)",
        _en,
        _id,
        "BKPM / Kementerian Investasi dan Hilirisasi",
        "Realisasi investasi PMA dan PMDN menurut lokasi proyek (provinsi), triwulanan",
        "quarterly releases 2015-Q1 to 2025-Q4 as carried in the repository at commit 18d0ba47 "
        "(2026-Q1/Q2 partial and unverified: not stored)",
        f"{REPO_YAFIODO} (hand-transcribed, {INVESTMENT_FILE})",
        "NOT PMTB (gross fixed capital formation): project location, excludes oil and gas, banking and most "
        "small firms; full years only (four quarters); Papua/Papua Barat break in 2023",
    )

WDI = {
    "NY.GDP.MKTP.KD.ZG": ("gdp_growth", "growth", "fraction", "GDP growth (annual)", "Pertumbuhan PDB riil"),
    "NE.GDI.TOTL.ZS": (
        "gross_capital_formation_share",
        "share",
        "fraction",
        "Gross capital formation, share of GDP",
        "PMTB + inventori / PDB",
    ),
    "FS.AST.PRVT.GD.ZS": (
        "private_credit_to_gdp",
        "ratio",
        "fraction",
        "Domestic credit to private sector, share of GDP",
        "Kredit domestik ke sektor swasta / PDB",
    ),
    "FS.AST.DOMS.GD.ZS": (
        "domestic_credit_to_gdp",
        "ratio",
        "fraction",
        "Domestic credit provided by financial sector, share of GDP",
        "Kredit domestik oleh sektor keuangan / PDB",
    ),
    "NY.GDP.DEFL.KD.ZG": (
        "gdp_deflator_inflation",
        "growth",
        "fraction",
        "Inflation, GDP deflator (annual)",
        "Inflasi deflator PDB",
    ),
    "NY.GDP.MKTP.CD": ("gdp_usd", "level", "US$ (current)", "GDP, current US$", "PDB, US$ berlaku"),
    "SP.POP.TOTL": ("population_wdi", "level", "persons", "Population, total", "Jumlah penduduk"),
    "SL.TLF.TOTL.IN": ("labour_force_wdi", "level", "persons", "Labour force, total", "Angkatan kerja"),
    "NY.GDP.PCAP.KD.ZG": (
        "gdp_per_capita_growth",
        "growth",
        "fraction",
        "GDP per capita growth (annual)",
        "Pertumbuhan PDB per kapita",
    ),
}
for _code, (_sid, _kind, _unit, _en, _id) in WDI.items():
    series(
        _sid,
        "national",
        _kind,
        _unit,
        _en,
        _id,
        "World Bank (WDI)",
        f"WDI {_code}",
        "automated WDI mirror, commit 2026-07-01 (per-row commit in file)",
        REPO_WDI,
        "years 1990 onwards kept" + ("; percent converted to fraction" if _unit == "fraction" else ""),
    )

CREDIT_GROUPS = {
    "bank persero": ("persero", "state-owned banks (bank persero)"),
    "bank pemerintah daerah": ("bpd", "regional development banks (BPD)"),
    "bank swasta nasional": ("private", "private national banks"),
    "bank asing dan bank campuran": ("foreign", "foreign and joint-venture banks"),
    "bank perkreditan rakyat": ("bpr", "rural banks (BPR)"),
}
CREDIT_TYPES = {
    "working_capital": ("working capital", "modal kerja", "kredit_modal_kerja_bank.csv"),
    "investment": ("investment", "investasi", "kredit_investasi_bank.csv"),
    "consumption": ("consumption", "konsumsi", "kredit_konsumsi_bank.csv"),
}
for _g, (_gid, _gname) in CREDIT_GROUPS.items():
    for _t, (_ten, _tid, _file) in CREDIT_TYPES.items():
        series(
            f"credit_{_gid}_{_t}",
            "national",
            "level",
            "Rp bn (current prices)",
            f"Bank credit for {_ten}, {_gname}",
            f"Kredit {_tid}, {_g}",
            "Bank Indonesia",
            "SEKI: kredit menurut jenis penggunaan dan kelompok bank",
            "compiled by the repo author (2002-2022)",
            f"{REPO_FERYK} @c11a03288ac2a9bb3c39dc9cc08a7ce4458bcfde Datasets/{_file}",
            "nominal although the repo PDF says constant 2010 prices",
        )


# --------------------------------------------------------------------------
# Provincial panel
# --------------------------------------------------------------------------
class Panel:
    """Provincial observations keyed by (series, province, year, vintage); a blank vintage is an undated release."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, int, int, str], tuple[float, str, list[str], str]] = {}

    def add(
        self,
        sid: str,
        code: int,
        year: int,
        value: float,
        source: str,
        flags: list[str] | None = None,
        *,
        vintage: str = "",
        status: str = "",
    ) -> None:
        key = (sid, code, year, vintage)
        if key in self.rows:
            raise SystemExit(f"build_data: duplicate {key}")
        flags = sorted(set(flags or []), key=FLAGS.index)
        self.rows[key] = (value, source, flags, status)

    def get(self, sid: str, code: int, year: int, vintage: str = ""):
        return self.rows.get((sid, code, year, vintage))

    def latest(self, sid: str, code: int, year: int):
        """The newest release of one observation (None when there is none)."""
        hits = sorted((k[3], v) for k, v in self.rows.items() if k[:3] == (sid, code, year))
        return hits[-1][1] if hits else None


def add_break(flags: list[str], code: int, year: int) -> list[str]:
    if BREAK_YEAR.get(code) == year:
        flags = [*flags, "break"]
    return flags


def build_provincial(src: Path, names: Names) -> Panel:
    p = Panel()

    # ---- real GRDP ----
    dap = read(src, "pdrb_adhk_adhb_province_2010_2019_indodapoer.csv")
    for r in dap.itertuples(index=False):
        code, year = names.code(r.province), int(r.year)
        adhk = float(dec(r.pdrb_adhk2010_million_rp_as_given).scaleb(-3))
        adhb = float(dec(r.pdrb_adhb_million_rp_as_given).scaleb(-3))
        if year <= 2013:
            p.add("grdp_real", code, year, adhk, "bps_indodapoer")
        if year <= 2017:
            p.add("grdp_nominal", code, year, adhb, "bps_indodapoer", ["earlier_vintage"] if year >= 2016 else [])

    mut = read(src, "pdrb_adhk2010_province_2014_2024_mutiarasaf.csv")
    for r in mut.itertuples(index=False):
        if r.province in NOT_PROVINCES:
            continue
        year = int(r.year)
        # The "Papua" rows for 2023-2024 are Papua Barat Daya (denecon sidecar side finding).
        papua_barat_daya = r.province == "Papua" and year >= SPLIT_FIRST_YEAR
        code = 92 if papua_barat_daya else names.code(r.province)
        flags = ["rounded"] if year == 2014 else []
        p.add("grdp_real", code, year, num(r.pdrb_adhk2010_billion_rp), "bps_mutiarasaf", add_break(flags, code, year))

    den = read(src, "employment_tpt_tpak_province_2022_2024_denecon.csv")
    for r in den.itertuples(index=False):
        code, year = names.code(r.province), int(r.year)
        if code in (94, 95, 96, 97) and year >= SPLIT_FIRST_YEAR and r.pdrb_adhk2010_billion_rp_as_given:
            p.add(
                "grdp_real",
                code,
                year,
                num(r.pdrb_adhk2010_billion_rp_as_given),
                "bps_denecon",
                add_break([], code, year),
            )
        susp = "SUSPECT" in r.note
        if r.employed_persons:
            p.add(
                "employed_persons",
                code,
                year,
                num(r.employed_persons),
                "bps_denecon",
                add_break(["suspect"] if susp else [], code, year),
            )
        if r.labour_force_participation_rate_pct:
            p.add(
                "labour_force_participation",
                code,
                year,
                pct(r.labour_force_participation_rate_pct),
                "bps_denecon",
                add_break(["suspect"] if susp else [], code, year),
            )
        if code in NEW_PAPUA and r.open_unemployment_rate_pct:
            p.add("unemployment_rate", code, year, pct(r.open_unemployment_rate_pct), "bps_denecon")

    # ---- growth ----
    ade = read(src, "pdrb_growth_province_2019_2024_bps_adeariyo27.csv")
    for r in ade.itertuples(index=False):
        if not r.real_growth_pct:
            continue
        p.add("grdp_growth", names.code(r.province), int(r.year), pct(r.real_growth_pct), "bps_adeariyo27")
    for code, *_ in PROVINCES:
        for year in range(2011, 2025):
            if p.get("grdp_growth", code, year):
                continue
            cur, prev = p.get("grdp_real", code, year), p.get("grdp_real", code, year - 1)
            if not cur or not prev or "break" in cur[2]:
                continue
            flags = ["derived"] + (["rounded"] if "rounded" in cur[2] + prev[2] else [])
            p.add("grdp_growth", code, year, cur[0] / prev[0] - 1.0, "derived", flags)

    # ---- nominal GRDP 2018-2021 (quarterly sums) and 2022-2024 (expenditure table) ----
    yaf = read(src, "pdrb_adhk_adhb_annual_34prov_2018_2022_yafiodo.csv")
    yaf_2022: dict[int, float] = {}
    for r in yaf.itertuples(index=False):
        code, year = names.code(r.province), int(r.year)
        if r.n_quarters != "4":
            raise SystemExit(f"build_data: yafiodo {r.province} {year} is not a full year")
        if year <= 2021:
            p.add("grdp_nominal", code, year, num(r.pdrb_adhb_billion_rp_SUM_OF_QUARTERS), "bps_yafiodo_quarters")
        else:
            yaf_2022[code] = num(r.pdrb_adhb_billion_rp_SUM_OF_QUARTERS)

    ber = read(src, "pdrb_expenditure_adhb_province_2022_2024_bernardiava.csv")
    cols = {
        "pmtb_nominal": "pmtb_billion_rp",
        "household_consumption_nominal": "pkrt_billion_rp",
        "npish_consumption_nominal": "pk_lnprt_billion_rp",
        "government_consumption_nominal": "pk_pemerintah_billion_rp",
        "inventory_change_nominal": "perubahan_inventori_billion_rp",
        "exports_nominal": "ekspor_luar_negeri_billion_rp",
        "imports_nominal": "impor_luar_negeri_billion_rp",
        "net_interregional_exports_nominal": "net_ekspor_antar_daerah_billion_rp",
        "grdp_nominal": "pdrb_total_billion_rp",
    }
    for r in ber.to_dict("records"):
        if r["province"] in NOT_PROVINCES:
            continue
        code, year = names.code(r["province"]), int(r["year"])
        flags = add_break(["preliminary"] if year == 2024 else [], code, year)
        for sid, col in cols.items():
            p.add(sid, code, year, num(r[col]), "bps_bernardiava", flags)
        if year == 2022:  # check: yafiodo quarterly sums equal the BPS table
            assert abs(yaf_2022[code] - num(r["pdrb_total_billion_rp"])) <= 0.011, code

    # ---- bank credit ----
    cred = read(src, "bank_credit_by_province_2002_2022_bi_seki_feryk.csv")
    vals: dict[tuple[int, int], float] = {}
    for r in cred.itertuples(index=False):
        v = num(r.credit_billion_rp_as_given)
        if v != 0.0:
            vals[(names.code(r.province), int(r.year))] = v
    for (code, year), v in sorted(vals.items()):
        prev = vals.get((code, year - 1))
        flags = ["reclassification_jump"] if prev and v / prev - 1.0 > 0.40 else []
        p.add("credit_all_banks", code, year, v, "bi_seki_feryk", flags)

    # ---- population ----
    pop = read(src, "population_province_2010_2020_indodapoer.csv")
    for r in pop.itertuples(index=False):
        p.add("population", names.code(r.province), int(r.year), num(r.population), "bps_indodapoer")
    cen = read(src, "population_census_province_1971_2020_jakpost.csv")
    for r in cen.itertuples(index=False):
        if r.province in NOT_PROVINCES or r.census_year not in ("2010", "2020"):
            continue
        p.add("population_census", names.code(r.province), int(r.census_year), num(r.population), "bps_jakpost")
    duk = read(src, "population_dukcapil_admin_38prov_kepmendagri2025_cahyadsn.csv")
    for r in duk.itertuples(index=False):
        code = names.code(r.province)
        names.code(r.name_as_given)  # record the spelling used in the source
        p.add("population_register", code, 2025, num(r.population_total), "dukcapil_cahyadsn", ["register"])

    # ---- unemployment (August) ----
    tpt = read(src, "tpt_unemployment_rate_province_aug_2014_2024_mutiarasaf.csv")
    for r in tpt.itertuples(index=False):
        if not r.open_unemployment_rate_pct_august:
            continue
        code, year = names.code(r.province), int(r.year)
        flags = ["suspect"] if code in BREAK_YEAR and year == 2023 else []
        p.add("unemployment_rate", code, year, pct(r.open_unemployment_rate_pct_august), "bps_mutiarasaf", flags)

    # ---- real GRDP per capita ----
    pcap = read(src, "pdrb_per_capita_adhk2010_province_2011_2022_feryk.csv")
    for r in pcap.itertuples(index=False):
        if r.province in NOT_PROVINCES or not r.pdrb_per_capita_adhk2010_thousand_rp:
            continue
        code, year = names.code(r.province), int(r.year)
        flags = ["suspect"] if code == 64 and year <= 2012 else []
        p.add("grdp_per_capita_real", code, year, num(r.pdrb_per_capita_adhk2010_thousand_rp), "bps_feryk", flags)

    # ---- BKPM realised investment: annual = exact sum of four quarters ----
    build_investment(p, src, names)

    # ---- the 2026 releases: GRDP 2023-2025, labour market 2023-2025, SP2020 projections, schooling, mining ----
    build_releases(p, src, names)

    # ---- spellings used only as checks (recorded as aliases) ----
    for f, col in (
        ("pdrb_growth_province_2010_2022_haekal.csv", "province"),
        ("unemployment_rate_province_2005_2021_semiannual_ier.csv", "province"),
        ("grdp_nominal_2023_38prov_wikipedia_tangphucnhan.csv", "province_en"),
    ):
        for text in sorted(set(read(src, f)[col])):
            if text not in NOT_PROVINCES:
                names.code(text)
    return p


#: Release date of the BPS WebAPI tables copied in 2026 (their "last update" stamps, date part).
WEBAPI_GRDP_VINTAGE = "2026-02-19"
#: BPS's status words -> the status codes of data/provincial.csv.
BPS_STATUS = {
    "": "",
    "angka sementara (preliminary)": "preliminary",
    "angka sangat sementara (very preliminary)": "very_preliminary",
}
#: Resource-led threshold: the mining share of nominal GRDP (docs/model.md); used by the package, recorded here
#: only for the build's printed check.
MINING_SHARE_RULE = 0.20


def build_releases(p: Panel, src: Path, names: Names) -> None:
    """The releases collected in 2026, each row with its release date (vintage) and BPS status.

    - grdp_growth 2023-2025 (BPS WebAPI var 104, table updated 2026-02-19), a newer vintage beside the 2023-2024
      export rows of unknown date;
    - grdp_real 2025 = the 2024 level times (1 + the 2025 growth) (flag derived);
    - grdp_nominal 2025 = the 2024 level times the growth of nominal GRDP per capita times the population growth
      that BPS's own real per-capita and total figures imply (flag derived; see SOURCES.md for the check against
      2024);
    - grdp_per_capita_real 2023-2025 from the same table;
    - unemployment_rate and labour_force_participation 2023-2025 (Sakernas August, WebAPI);
    - population_sp2020, population_15_64 and population_15plus 2020-2050 (SP2020-based projection);
    - schooling_years 2019-2024 (RLS, 25+);
    - mining_share (mining and quarrying in nominal GRDP, partly quarterly; flag part_year).
    """
    web = read(src, "pdrb_growth_percapita_province_2023_2025_bps_webapi.csv")
    pcap: dict[tuple[int, int], tuple[float, float]] = {}
    for r in web.itertuples(index=False):
        if r.province in NOT_PROVINCES:
            continue
        code, year = names.code(r.province), int(r.year)
        if int(r.bps_code) != code * 100:
            raise SystemExit(f"build_data: webapi code {r.bps_code} for {r.province}")
        if r.growth_table_last_update[:10] != WEBAPI_GRDP_VINTAGE:
            raise SystemExit(f"build_data: webapi growth table dated {r.growth_table_last_update}")
        status = BPS_STATUS[r.growth_status_as_given_by_bps]
        p.add(
            "grdp_growth",
            code,
            year,
            pct(r.real_growth_adhk2010_pct),
            "bps_webapi",
            vintage=WEBAPI_GRDP_VINTAGE,
            status=status,
        )
        p.add(
            "grdp_per_capita_real",
            code,
            year,
            num(r.pdrb_per_capita_adhk2010_thousand_rp),
            "bps_webapi",
            vintage=r.percapita_table_last_update[:10],
            status=status,
        )
        pcap[(code, year)] = (num(r.pdrb_per_capita_adhb_thousand_rp), num(r.pdrb_per_capita_adhk2010_thousand_rp))
    for code, *_ in PROVINCES:
        g = p.get("grdp_growth", code, 2025, WEBAPI_GRDP_VINTAGE)
        real, nominal = p.latest("grdp_real", code, 2024), p.latest("grdp_nominal", code, 2024)
        if g is None or real is None:
            continue
        p.add(
            "grdp_real",
            code,
            2025,
            real[0] * (1.0 + g[0]),
            "derived_bps_webapi",
            ["derived"],
            vintage=WEBAPI_GRDP_VINTAGE,
            status="very_preliminary",
        )
        if nominal is not None and (code, 2024) in pcap:
            (n24, r24), (n25, r25) = pcap[(code, 2024)], pcap[(code, 2025)]
            population_growth = (1.0 + g[0]) / (r25 / r24)
            p.add(
                "grdp_nominal",
                code,
                2025,
                nominal[0] * (n25 / n24) * population_growth,
                "derived_bps_webapi",
                ["derived"],
                vintage=WEBAPI_GRDP_VINTAGE,
                status="very_preliminary",
            )

    lab = read(src, "tpt_tpak_province_aug_2023_2025_bps_webapi.csv")
    for r in lab.itertuples(index=False):
        if r.province in NOT_PROVINCES:
            continue
        code, year = names.code(r.province), int(r.year)
        for sid, col, stamp in (
            ("unemployment_rate", r.tpt_open_unemployment_rate_pct, r.tpt_table_last_update),
            ("labour_force_participation", r.tpak_labour_force_participation_rate_pct, r.tpak_table_last_update),
        ):
            if col:
                p.add(sid, code, year, pct(col), "bps_webapi", add_break([], code, year), vintage=stamp[:10])

    # employed persons 2025 = population 15+ (SP2020 projection) x TPAK x (1 - TPT), August 2025: how BPS's
    # Sakernas totals relate (check: within 0.6% of the Sakernas counts for 2023 in all 34 provinces); only on
    # unchanged boundaries (the projection is on pre-2022 boundaries)
    adult = read(src, "population_projection_sp2020_province_2020_2050_bps_estpusek.csv")
    adult_2025 = {
        names.code(r.province): dec(r.population_15plus_thousand_DERIVED).scaleb(3)
        for r in adult.itertuples(index=False)
        if r.province != "INDONESIA" and r.year == "2025"
    }
    for r in lab.itertuples(index=False):
        if r.province in NOT_PROVINCES or r.year != "2025":
            continue
        code = names.code(r.province)
        if code in BREAK_YEAR or code in NEW_PAPUA or code not in adult_2025:
            continue
        rate = dec(r.tpak_labour_force_participation_rate_pct) / 100 * (1 - dec(r.tpt_open_unemployment_rate_pct) / 100)
        vintage = max(r.tpt_table_last_update[:10], r.tpak_table_last_update[:10])
        p.add(
            "employed_persons",
            code,
            2025,
            float(adult_2025[code] * rate),
            "derived_bps_webapi",
            ["derived"],
            vintage=vintage,
        )

    proj = read(src, "population_projection_sp2020_province_2020_2050_bps_estpusek.csv")
    for r in proj.itertuples(index=False):
        if r.province == "INDONESIA":
            continue
        code, year = names.code(r.province), int(r.year)
        for sid, col in (
            ("population_sp2020", r.population_total_thousand_DERIVED),
            ("population_15_64", r.population_15_64_thousand_DERIVED),
            ("population_15plus", r.population_15plus_thousand_DERIVED),
        ):
            p.add(sid, code, year, float(dec(col).scaleb(3)), "bps_sp2020_estpusek", vintage="2023-05-16")

    ipm = read(src, "ipm_components_province_2019_2024_bps_adeariyo27.csv")
    for r in ipm.itertuples(index=False):
        if r.province == "INDONESIA" or not r.rls_mean_years_schooling_25plus:
            continue
        code, year = names.code(r.province), int(r.year)
        p.add(
            "schooling_years",
            code,
            year,
            num(r.rls_mean_years_schooling_25plus),
            "bps_adeariyo27",
            add_break([], code, year),
        )

    mining = read(src, "pdrb_sector_mining_manufacturing_province_2024_2025_news_bps.csv")
    mining = mining.loc[(mining["sector"] == "B_mining_quarrying") & (mining["measure"] == "share_of_pdrb_adhb_pct")]
    best: dict[tuple[int, int], tuple[str, float, str]] = {}
    for r in mining.itertuples(index=False):
        code, year = names.code(r.province), int(r.period[:4])
        rank = "9" if r.period == str(year) else r.period[4:]  # the whole year wins, else the latest part
        if (code, year) not in best or rank > best[(code, year)][0]:
            best[(code, year)] = (rank, pct(r.value), r.release_date)
    for (code, year), (rank, share, released) in sorted(best.items()):
        flags = [] if rank == "9" else ["part_year"]
        p.add("mining_share", code, year, share, "bps_news", flags, vintage=released)


def build_forecasts(src: Path) -> list[list[str]]:
    """data/forecasts.csv: every dated forecast of national real GDP growth, as a fraction.

    A range without a point (Bank Indonesia, APBN/KEM-PPKF) keeps its low and high and its midpoint as the value
    (note says so); a publication date known only to the month is stored as the month's first day (note says so);
    BPS outturns are not forecasts and are left out (the outturn is national.csv gdp_growth).
    """
    f = read(src, "national_gdp_forecasts_vintages_indonesia_2021_2031.csv")
    f = f.loc[(f["variable"] == "real_gdp_growth") & ~f["forecaster"].str.startswith("BPS")]
    rows = []
    for r in f.itertuples(index=False):
        if r.unit != "pct":
            raise SystemExit(f"build_data: forecast unit {r.unit}")
        notes = [r.note] if r.note else []
        date = r.publication_date
        if len(date) == 7:
            date += "-01"
            notes.append("publication month only; stored as its first day")
        low, high = (pct(v) if v else None for v in (r.low, r.high))
        if r.value:
            value = pct(r.value)
        elif low is not None and high is not None:
            value = float((dec(r.low) + dec(r.high)) / 2 / 100)
            notes.append("value = midpoint of the published range (derived)")
        else:
            raise SystemExit(f"build_data: forecast without value or range: {r}")
        rows.append(
            [
                r.forecaster,
                r.publication,
                date,
                r.target_year,
                fmt(value),
                fmt(low),
                fmt(high),
                f"{r.source}: {r.source_detail}".strip(": "),
                "; ".join(notes),
            ]
        )
    rows.sort(key=lambda x: (x[2], x[0], int(x[3])))
    return rows


def build_investment(p: Panel, src: Path, names: Names) -> None:
    """BKPM realised investment, annual sums of the four quarters (exact decimal sums).

    A year with fewer than four quarters (2026: Q1-Q2) is not an annual value and gets no row.
    """
    q = read(src, INVESTMENT_FILE)
    sums: dict[tuple[str, int, int], Decimal] = {}
    quarters: dict[tuple[int, int], set[int]] = {}
    empty_quarter: set[tuple[int, int]] = set()
    for r in q.to_dict("records"):
        code, year, quarter = names.code(r["province"]), int(r["year"]), int(r["quarter"])
        names.code(r["province_as_in_source"])
        seen = quarters.setdefault((code, year), set())
        if quarter in seen:
            raise SystemExit(f"build_data: {INVESTMENT_FILE}: duplicate quarter {r['province']} {year}-Q{quarter}")
        seen.add(quarter)
        values = {sid: dec(r[col]) for sid, (col, *_) in INVESTMENT.items()}
        if all(v == 0 for v in values.values()):
            empty_quarter.add((code, year))  # "probably no record" (Maluku 2015-Q1)
        for sid, v in values.items():
            sums[(sid, code, year)] = sums.get((sid, code, year), Decimal(0)) + v
    for (sid, code, year), total in sorted(sums.items()):
        if quarters[(code, year)] != {1, 2, 3, 4}:
            continue  # not a full year
        flags = add_break(["suspect"] if (code, year) in empty_quarter else [], code, year)
        p.add(sid, code, year, float(total), "bkpm_yafiodo_quarters", flags)


def check_investment(p: Panel, src: Path) -> list[str]:
    """BKPM annual sums against the collector's DERIVED annual file; PMA + PMDN against the printed total."""
    names = Names()
    der = read(src, INVESTMENT_CHECK_FILE)
    cols = {
        "investment_realised": "investment_total_billion_rp_SUM",
        "investment_pma": "investment_pma_billion_rp_SUM",
        "investment_pmdn": "investment_pmdn_billion_rp_SUM",
    }
    n = partial = 0
    for r in der.to_dict("records"):
        if r["province"].startswith(("INDONESIA", "OLD-BOUNDARY")):
            continue
        code, year = names.code(r["province"]), int(r["year"])
        if r["n_quarters"] != "4":
            partial += 1
            if any(p.get(sid, code, year) for sid in cols):
                raise SystemExit(f"build_data: partial year {r['province']} {year} stored as annual")
            continue
        for sid, col in cols.items():
            row = p.get(sid, code, year)
            if row is None or abs(row[0] - num(r[col])) > 0.0051:
                raise SystemExit(f"build_data: {sid} {r['province']} {year}: {row} vs DERIVED {r[col]}")
        n += 1
    worst = max(
        abs(p.rows[("investment_pma", c, y, "")][0] + p.rows[("investment_pmdn", c, y, "")][0] - v[0])
        for (sid, c, y, _v), v in p.rows.items()
        if sid == "investment_realised"
    )

    # national sums against BKPM's releases as reported by the press (quarterly sidecar, FortuneIDN 31-Jan-2025,
    # goodstats Jan-2026): 2024 Rp1,714.2T (PMA 900.2T, PMDN 814.0T); 2025 Rp1,931.2T (PMDN 1,030.3T)
    def national(sid: str, year: int) -> float:
        return sum(v[0] for (s, _c, y, _v), v in p.rows.items() if s == sid and y == year) / 1000

    press = {("investment_realised", 2024): 1714.2, ("investment_pma", 2024): 900.2}
    press |= {("investment_pmdn", 2024): 814.0, ("investment_realised", 2025): 1931.2}
    press |= {("investment_pmdn", 2025): 1030.3}
    for (sid, year), trillion in press.items():
        if abs(national(sid, year) - trillion) > 0.05:
            raise SystemExit(f"build_data: {sid} {year} national sum {national(sid, year):.2f}T vs press {trillion}T")
    return [
        f"BKPM national sums equal the press reports of BKPM's releases within 0.05T ({len(press)} figures, 2024-2025)",
        f"BKPM annual sums = DERIVED annual file (within 0.005 bn) for {n} province-years; "
        f"{partial} partial province-years (2026) not stored",
        f"BKPM PMA + PMDN vs printed total: largest difference {worst:.3f} bn",
    ]


def check_panel(p: Panel, src: Path) -> list[str]:
    """Cross-checks printed by the build (they do not change any number)."""
    out = []
    hae = read(src, "pdrb_growth_province_2010_2022_haekal.csv")
    names = Names()
    n = bad = 0
    for r in hae.itertuples(index=False):
        if r.province == "INDONESIA" or not r.real_growth_pct or not 2015 <= int(r.year) <= 2019:
            continue
        row = p.get("grdp_growth", names.code(r.province), int(r.year))
        if row:
            n += 1
            bad += abs(row[0] - pct(r.real_growth_pct)) > 0.0002
    out.append(f"haekal 2015-2019 vs grdp_growth: {n - bad}/{n} within 0.02 pp")
    n = bad = 0
    for (sid, code, year, _vintage), (v, src_id, *_) in p.rows.items():
        if sid == "grdp_growth" and src_id == "bps_adeariyo27":
            cur, prev = p.get("grdp_real", code, year), p.get("grdp_real", code, year - 1)
            if cur and prev and "break" not in cur[2]:
                n += 1
                bad += abs(cur[0] / prev[0] - 1 - v) > 0.00005
    out.append(f"BPS growth vs levels (2019-2024, no break): {n - bad}/{n} within 0.005 pp")
    out.extend(check_investment(p, src))
    return out


# --------------------------------------------------------------------------
# National
# --------------------------------------------------------------------------
def build_national(src: Path) -> list[tuple[str, int, float, str, str]]:
    rows = []
    wdi = read(src, "wdi_indonesia_selected.csv")
    for r in wdi.itertuples(index=False):
        sid, _kind, unit, *_ = WDI[r.indicator_code]
        year = int(r.year)
        if year < 1990 or not r.value:
            continue
        value = pct(r.value) if unit == "fraction" else num(r.value)
        rows.append((sid, year, value, "wb_wdi", ""))
    bg = read(src, "bank_credit_by_bankgroup_type_2002_2022_feryk.csv")
    for r in bg.itertuples(index=False):
        v = num(r.credit_billion_rp_as_given)
        if v == 0.0:
            continue
        sid = f"credit_{CREDIT_GROUPS[r.bank_group][0]}_{r.credit_type}"
        rows.append((sid, int(r.year), v, "bi_seki_feryk_groups", ""))
    rows.sort(key=lambda t: (t[0], t[1]))
    return rows


# --------------------------------------------------------------------------
# Published single values
# --------------------------------------------------------------------------
def money_bn(value: str, unit: str) -> tuple[float, str]:
    d = dec(value)
    if unit.startswith("trillion Rp"):
        return float(d.scaleb(3)), "Rp bn"
    if unit.startswith("billion Rp"):
        return float(d), "Rp bn"
    if unit.startswith("million Rp"):
        return float(d.scaleb(-3)), "Rp bn"
    raise ValueError(unit)


UNIT_MAP = {
    "%": "fraction",
    "% yoy": "fraction (yoy)",
    "% per year": "fraction per year",
    "% of RWA": "fraction of RWA",
    "% of RWA (CET1)": "fraction of RWA (CET1)",
    "% of bank capital": "fraction of bank capital",
    "% CAR": "fraction (CAR)",
    "% CAR (at most)": "fraction (CAR)",
    "% gross NPL": "fraction (gross NPL)",
    "% by LTV": "fraction (by LTV)",
}


def convert(value: str, unit: str) -> tuple[float, str]:
    """Convert one plain number with its source unit to project units."""
    if "Rp" in unit and unit.split()[0] in ("trillion", "billion", "million"):
        v, u = money_bn(value, unit)
        rest = unit.split("Rp", 1)[1].strip()
        return v, (u + (" " + rest if rest else ""))
    if unit.startswith("%"):
        return pct(value), UNIT_MAP.get(unit, "fraction" + unit[1:])
    return num(value), unit


def range_parts(text: str) -> list[str]:
    m = re.fullmatch(r"(-?[\d.]+) to <?(-?[\d.]+)", text.strip())
    return [m.group(1), m.group(2)] if m else [text]


LTGM_URL = "https://github.com/Mustapha-Wasseja/ltgm-stata/blob/05bb1ff2b6b01342dda8ae741abcb61a33e180d6/data/csv/"
LTGM_PC = {"kg_k_share", "iei", "ig_i_10yr", "i_y"}

ICOR_KEYS = {
    ("2019", "ICOR (Bappenas)"): "icor_bappenas_2019",
    ("2021", "ICOR projection (Bappenas)"): "icor_bappenas_projection_2021",
    ("2022", "ICOR target (Bappenas)"): "icor_bappenas_target_2022",
    ("2000-2004", "average ICOR (KSP presentation)"): "icor_ksp_avg_2000_2004",
    ("2004-2009", "average ICOR (KSP presentation)"): "icor_ksp_avg_2004_2009",
    ("2009-2014", "average ICOR (KSP presentation; 'periode kedua SBY')"): "icor_ksp_avg_2009_2014",
    ("2014-2019", "average ICOR (KSP presentation)"): "icor_ksp_avg_2014_2019",
    ("2019-2023", "average ICOR (KSP presentation)"): "icor_ksp_avg_2019_2023",
    ("2023", "ICOR (BPS; as cited)"): "icor_bps_2023",
    ("2020 (statement)", "ICOR (BKPM; as cited)"): "icor_bkpm_2020",
    ("target", "government target ICOR ~4 (from ~6) to reach ~8% growth"): "icor_government_target",
}
BPD_AGG_KEYS = {
    # published_datapoints_from_web_pages.csv (topic BPD_credit)
    ("2010-09", "BPD credit outstanding"): "bpd_credit_2010_09",
    ("2014-Q1", "BPD productive credit (working capital + investment)"): "bpd_productive_credit_2014_q1",
    ("2015-03", "BPD total credit"): "bpd_credit_2015_03",
    ("2015-03", "BPD productive credit (working capital + investment)"): "bpd_productive_credit_2015_03",
    ("2019-08", "BPD credit outstanding (approx.)"): "bpd_credit_2019_08",
    ("2020-08", "BPD credit outstanding"): "bpd_credit_2020_08",
    ("2020", "BPD credit growth"): "bpd_credit_growth_2020",
    ("unknown (c. 2023)", "BPD share of bank credit"): "bpd_share_of_bank_credit_c2023",
    ("2024", "BPD credit growth (end-2024)"): "bpd_credit_growth_2024",
    ("2025-H1", "BPD credit growth"): "bpd_credit_growth_2025_h1",
    # bpd_and_bank_datapoints_from_web_pages.csv (topic BPD_aggregate)
    ("2023-11", "credit growth"): "bpd_credit_growth_2023_11",
    ("2023-11", "third-party funds (DPK) growth"): "bpd_dpk_growth_2023_11",
    ("2023-11", "capital adequacy ratio (CAR)"): "bpd_car_2023_11",
    ("2023-11", "NPL net"): "bpd_npl_net_2023_11",
    ("2023-11", "number of BPDs with core capital < Rp3T"): "bpd_count_below_core_capital_2023_11",
    ("2020", "COVID restructured credit"): "bpd_covid_restructured_credit_2020",
    ("2020", "number of BPDs with core capital < Rp3T"): "bpd_count_below_core_capital_2020",
    ("2020-08", "DPK growth"): "bpd_dpk_growth_2020_08",
    ("2022-09", "total assets"): "bpd_assets_2022_09",
    ("5-yr average (period not stated, c. 2019-2023)", "asset growth"): "bpd_asset_growth_5yr_avg",
    ("5-yr average (period not stated)", "credit growth"): "bpd_credit_growth_5yr_avg",
    ("5-yr average (period not stated)", "DPK growth"): "bpd_dpk_growth_5yr_avg",
    ("2017-07", "credit outstanding"): "bpd_credit_2017_07",
    ("2017-06", "NPL gross"): "bpd_npl_gross_2017_06",
    ("2018-03", "NPL gross"): "bpd_npl_gross_2018_03",
    ("2018-06", "NPL gross"): "bpd_npl_gross_2018_06",
}
# Further all-BPD figures printed in the note of a published row (same page).
# (key of the row, regex on its note, new key, unit of the number, description)
NOTE_FIGURES = [
    (
        "bpd_credit_growth_2020",
        r"DPK Rp([\d.]+)T",
        "bpd_dpk_2020",
        "trillion Rp",
        "BPD third-party funds (DPK)",
        "2020",
    ),
    (
        "bpd_credit_growth_2020",
        r"DPK Rp[\d.]+T \(\+([\d.]+)%\)",
        "bpd_dpk_growth_2020",
        "% yoy",
        "BPD DPK growth",
        "2020",
    ),
    ("bpd_credit_growth_2020", r"assets Rp([\d.]+)T", "bpd_assets_2020", "trillion Rp", "BPD total assets", "2020"),
    ("bpd_credit_growth_2020", r"NPL gross ([\d.]+)%", "bpd_npl_gross_2020", "%", "BPD gross NPL ratio", "2020"),
    ("bpd_credit_growth_2020", r"\(2019: ([\d.]+)%\)", "bpd_npl_gross_2019", "%", "BPD gross NPL ratio", "2019"),
    (
        "bpd_credit_growth_2020",
        r"industry (-[\d.]+)%",
        "bank_credit_growth_2020_industry",
        "% yoy",
        "credit growth of all commercial banks (comparison figure)",
        "2020",
    ),
    (
        "bpd_productive_credit_2015_03",
        r"= ([\d.]+)% of total",
        "bpd_productive_share_2015_03",
        "%",
        "productive (working capital + investment) share of BPD credit",
        "2015-03",
    ),
    (
        "bpd_productive_credit_2015_03",
        r"consumption ([\d.]+)%",
        "bpd_consumption_share_2015_03",
        "%",
        "consumption share of BPD credit",
        "2015-03",
    ),
    # bpd_and_bank_datapoints_from_web_pages.csv (topic BPD_aggregate): NPL on productive credit
    (
        "bpd_npl_gross_2018_03",
        r"productive-credit NPL ([\d.]+)%",
        "bpd_npl_productive_2018_03",
        "%",
        "NPL ratio on BPD productive credit",
        "2018-03",
    ),
    (
        "bpd_npl_gross_2018_03",
        r"productive-credit NPL [\d.]+% \(Mar-2017 ([\d.]+)%\)",
        "bpd_npl_productive_2017_03",
        "%",
        "NPL ratio on BPD productive credit",
        "2017-03",
    ),
    (
        "bpd_npl_gross_2017_06",
        r"NPL on productive credit ([\d.]+)%",
        "bpd_npl_productive_2017_06",
        "%",
        "NPL ratio on BPD productive credit",
        "2017-06",
    ),
]

REG_KEYS = [
    ("Minimum core capital, BPD", ["min_core_capital_bpd"]),
    ("Minimum core capital, non-BPD", ["min_core_capital_non_bpd"]),
    ("Minimum core capital for a bank that is a KUB", ["min_core_capital_kub_member"]),
    ("Sanction if BPD misses", None),
    ("KBMI 1 core capital ceiling", ["kbmi1_core_capital_max"]),
    ("Minimum CAR, risk profile rating 1", ["car_min_risk_profile_1"]),
    ("Minimum CAR, risk profile rating 2", ["car_min_risk_profile_2"]),
    ("Minimum CAR, risk profile rating 3", ["car_min_risk_profile_3"]),
    ("Minimum CAR, risk profile rating 4 or 5", ["car_min_risk_profile_4_5"]),
    ("Minimum Tier 1 ratio", ["tier1_min"]),
    ("Minimum CET1 ratio", ["cet1_min"]),
    ("Capital conservation buffer", ["capital_conservation_buffer"]),
    ("Countercyclical buffer range", ["countercyclical_buffer_range"]),
    ("Countercyclical buffer, level set by BI", ["countercyclical_buffer_level"]),
    ("Capital surcharge for D-SIB", ["dsib_surcharge_range"]),
    ("Macroprudential Intermediation Ratio (RIM) target range", ["rim_range"]),
    ("RIM incentive CAR threshold", ["rim_car_threshold"]),
    ("RIM giro disincentive parameter", ["rim_giro_disincentive_lower"]),
    ("Macroprudential Inclusive Financing Ratio (RPIM)", ["rpim_min_2022", "rpim_min_2023", "rpim_min_2024"]),
    ("Legal lending limit: loans from a BPD to its provincial", ["bmpk_bpd_to_own_province"]),
    ("Legal lending limit: loans from a BPD to a regency", ["bmpk_bpd_to_regency_city"]),
    ("Legal lending limit: state-owned", ["bmpk_soe"]),
    (
        "Legal lending limit: related parties",
        ["bmpk_old_related_parties", "bmpk_old_single_borrower", "bmpk_old_borrower_group"],
    ),
    ("Risk weight: claims on Government", ["risk_weight_government"]),
    ("Risk weight: public-sector entities", ["risk_weight_regional_government_unrated"]),
    ("Risk weight: qualifying retail", ["risk_weight_retail_msme"]),
    ("Risk weight: unrated corporate", ["risk_weight_corporate_unrated"]),
    ("Risk weight: residential property", ["risk_weight_residential_property"]),
    ("Risk weight: employee/pensioner", None),
    ("Intensive-supervision (BDPI) trigger", ["bdpi_car_trigger"]),
    ("NPL threshold cited by supervisors", ["npl_threshold_supervisory"]),
]


#: Period of a regulation row, as its rule or note states it (blank otherwise).
REG_PERIOD = {
    "min_core_capital_bpd": "by 2024-12-31",
    "min_core_capital_non_bpd": "by 2022-12-31",
    "rim_range": "from 2019-07-01",
    "rim_giro_disincentive_lower": "BI policy of 2021-03-18",
}
#: Further rules printed in the note of a regulation row: (rule prefix, regex on the note whose groups are the
#: value and, optionally, the upper end of a range, new key, unit of the printed number, period, what it is).
REG_NOTE_FIGURES: list[tuple[str, str, str, str, str, str]] = [
    (
        "Minimum core capital, non-BPD",
        r"staged ([\d.]+)T by 31-Dec-2020",
        "min_core_capital_non_bpd_2020",
        "trillion Rp",
        "by 2020-12-31",
        "minimum core capital, non-BPD banks, first stage",
    ),
    (
        "Minimum core capital, non-BPD",
        r"([\d.]+)T by 31-Dec-2021",
        "min_core_capital_non_bpd_2021",
        "trillion Rp",
        "by 2021-12-31",
        "minimum core capital, non-BPD banks, second stage",
    ),
    (
        "KBMI 1 core capital ceiling",
        r"KBMI2 ([\d.]+)-([\d.]+)T",
        "kbmi2_core_capital_range",
        "trillion Rp",
        "",
        "KBMI 2 core capital range",
    ),
    (
        "KBMI 1 core capital ceiling",
        r"KBMI3 ([\d.]+)-([\d.]+)T",
        "kbmi3_core_capital_range",
        "trillion Rp",
        "",
        "KBMI 3 core capital range",
    ),
    (
        "KBMI 1 core capital ceiling",
        r"KBMI4 >([\d.]+)T",
        "kbmi4_core_capital_above",
        "trillion Rp",
        "",
        "KBMI 4: core capital above this",
    ),
    (
        "Capital conservation buffer",
        r"phased ([\d.]+)% 2016",
        "capital_conservation_buffer_2016",
        "% of RWA (CET1)",
        "2016",
        "capital conservation buffer in the first phase-in year (2.5% from 2019-01-01)",
    ),
    (
        "Macroprudential Intermediation Ratio (RIM) target range",
        r"\(was ([\d.]+)-([\d.]+)%\)",
        "rim_range_before_2019_07",
        "%",
        "before 2019-07-01",
        "RIM target range before 1-Jul-2019",
    ),
    (
        "RIM incentive CAR threshold",
        r"disincentive parameters ([\d.]+) \(below lower bound\)",
        "rim_giro_disincentive_lower_2019",
        "parameter",
        "2019",
        "RIM giro disincentive parameter below the lower bound",
    ),
    (
        "RIM incentive CAR threshold",
        r"and ([\d.]+) \(above upper bound\)",
        "rim_giro_disincentive_upper_2019",
        "parameter",
        "2019",
        "RIM giro disincentive parameter above the upper bound",
    ),
    (
        "RIM giro disincentive parameter (lower bound)",
        r"^([\d.]+) if 14<CAR<=19",
        "rim_giro_disincentive_lower_car_14_19",
        "parameter",
        "BI policy of 2021-03-18",
        "RIM giro disincentive parameter (lower bound) if 14% < CAR <= 19%",
    ),
    (
        "RIM giro disincentive parameter (lower bound)",
        r"; ([\d.]+) if CAR<=14 or NPL>=5",
        "rim_giro_disincentive_lower_weak_bank",
        "parameter",
        "BI policy of 2021-03-18",
        "RIM giro disincentive parameter (lower bound) if CAR <= 14% or NPL >= 5%",
    ),
    (
        "RIM giro disincentive parameter (lower bound)",
        r"upper-bound parameter ([\d.]+)",
        "rim_giro_disincentive_upper",
        "parameter",
        "BI policy of 2021-03-18",
        "RIM giro disincentive parameter above the upper bound (zero: no penalty for lending above the band)",
    ),
    (
        "RIM giro disincentive parameter (lower bound)",
        r"RIM<([\d.]+)% from 1-May-2021",
        "rim_giro_threshold_2021_05",
        "%",
        "from 2021-05-01",
        "RIM below which the lower-bound giro disincentive applies (phase 1)",
    ),
    (
        "RIM giro disincentive parameter (lower bound)",
        r"<([\d.]+)% 1-Sep-2021",
        "rim_giro_threshold_2021_09",
        "%",
        "from 2021-09-01",
        "RIM below which the lower-bound giro disincentive applies (phase 2)",
    ),
    (
        "RIM giro disincentive parameter (lower bound)",
        r"<([\d.]+)% 1-Jan-2022",
        "rim_giro_threshold_2022_01",
        "%",
        "from 2022-01-01",
        "RIM below which the lower-bound giro disincentive applies (phase 3, the band's lower bound)",
    ),
    (
        "Macroprudential Inclusive Financing Ratio (RPIM)",
        r"penalty ([\d.]+)% x shortfall",
        "rpim_penalty_rate",
        "% of shortfall",
        "from 2023-06",
        "RPIM penalty rate on the shortfall",
    ),
    (
        "Macroprudential Inclusive Financing Ratio (RPIM)",
        r"max Rp([\d.]+)bn",
        "rpim_penalty_max",
        "billion Rp",
        "from 2023-06",
        "RPIM penalty ceiling",
    ),
    (
        "Legal lending limit: state-owned",
        r"private corporates ([\d.]+)%",
        "bmpk_private_corporate",
        "% of bank capital",
        "2019",
        "legal lending limit to private corporates (per inakoran.com, as cited in the note)",
    ),
    (
        "Risk weight: public-sector entities",
        r"AAA-AA- ([\d.]+)%",
        "risk_weight_regional_government_rated_aaa_aa",
        "%",
        "",
        "risk weight, public-sector entities incl. regional governments, rated AAA to AA-",
    ),
    (
        "Risk weight: public-sector entities",
        r"A\+-BBB- ([\d.]+)%",
        "risk_weight_regional_government_rated_a_bbb",
        "%",
        "",
        "risk weight, public-sector entities incl. regional governments, rated A+ to BBB-",
    ),
    (
        "Risk weight: public-sector entities",
        r"BB\+-B- ([\d.]+)%",
        "risk_weight_regional_government_rated_bb_b",
        "%",
        "",
        "risk weight, public-sector entities incl. regional governments, rated BB+ to B-",
    ),
    (
        "Risk weight: public-sector entities",
        r"<B- ([\d.]+)%",
        "risk_weight_regional_government_rated_below_b",
        "%",
        "",
        "risk weight, public-sector entities incl. regional governments, rated below B-",
    ),
    (
        "Risk weight: qualifying retail",
        r"transactors ([\d.]+)%",
        "risk_weight_retail_transactor",
        "%",
        "",
        "risk weight, qualifying retail transactors",
    ),
    (
        "Risk weight: qualifying retail",
        r"non-qualifying UMK ([\d.]+)%",
        "risk_weight_msme_non_qualifying",
        "%",
        "",
        "risk weight, non-qualifying micro and small (UMK) exposures",
    ),
    (
        "Risk weight: qualifying retail",
        r"individuals ([\d.]+)%",
        "risk_weight_retail_individual_non_qualifying",
        "%",
        "",
        "risk weight, non-qualifying retail exposures to individuals",
    ),
    (
        "Risk weight: qualifying retail",
        r"limit Rp([\d.]+)bn per debtor",
        "retail_exposure_limit_per_debtor",
        "billion Rp",
        "",
        "qualifying retail: exposure limit per debtor",
    ),
    (
        "Risk weight: unrated corporate",
        r"^([\d.]+)% for small-medium corporates",
        "risk_weight_corporate_sme",
        "%",
        "",
        "risk weight, small and medium corporates (sales <= Rp500bn)",
    ),
    (
        "Risk weight: unrated corporate",
        r"pre-operational ([\d.]+)%",
        "risk_weight_project_finance_pre_operational",
        "%",
        "",
        "risk weight, project finance in the pre-operational phase",
    ),
    (
        "Risk weight: unrated corporate",
        r"operational ([\d.]+)%\"?$",
        "risk_weight_project_finance_operational",
        "%",
        "",
        "risk weight, project finance in the operational phase",
    ),
]

#: Curated regulation figures read from named web pages. The collected files in ../shared/data do not hold
#: the reserve requirement (GWM), the macroprudential liquidity incentive (KLM) or the macroprudential
#: liquidity buffer (PLM), so these few values are typed here, each with the page that states it (see
#: data/SOURCES.md, published.csv). The value is the printed percentage, converted like the collected rows.
#: (key, value, unit of the printed number, period, description, publisher, page address, note)
WEB_FIGURES: list[tuple[str, str, str, str, str, str, str, str]] = [
    (
        "gwm_rupiah_conventional_2022_09",
        "9",
        "% of rupiah DPK",
        "from 2022-09-01",
        "Rupiah reserve requirement (GWM) for conventional commercial banks (BUK)"
        " [BI Board of Governors meeting of 24-May-2022]",
        "Bank Indonesia",
        "https://kumparan.com/kumparanbisnis/"
        "bi-naikkan-gwm-bank-konvensional-dan-syariah-mulai-1-juni-2022-ini-rinciannya-1y8WXAOeTRr",
        "BI Governor Perry Warjiyo after the Board meeting of 24-May-2022: BUK rupiah GWM 5% now, 6% from"
        " 1-Jun-2022, 7.5% from 1-Jul-2022, 9% from 1-Sep-2022 (sharia banks 4.5% / 6% / 7.5%); the same"
        " figures in detik.com (https://finance.detik.com/moneter/d-6093273/terkini-gwm-bank-naik-bertahap-6-mulai-1-juni)"
        " and Kontan (https://amp.kontan.co.id/news/gwm-naik-pertumbuhan-dpk-perbankan-melambat); this schedule"
        " replaced the one announced in Jan-2022, which ended at 6.5% from 1-Sep-2022",
    ),
    (
        "klm_gwm_reduction_max_2025",
        "4",
        "% of rupiah DPK",
        "from 2025-01-01",
        "Macroprudential Liquidity Incentive (KLM): largest reduction of the GWM a bank must hold on average,"
        " for lending to targeted sectors [PADG 21/2024]",
        "Bank Indonesia",
        "https://www.bi.go.id/id/fungsi-utama/stabilitas-sistem-keuangan/instrumen-makroprudensial/default.aspx",
        "BI page on macroprudential instruments: KLM 'paling tinggi sebesar 4% (400bps)' under PADG 21/2024,"
        " sectors in force from 1-Jan-2025; BI's summary of PADG 7/2025"
        " (https://www.bi.go.id/id/publikasi/peraturan/Pages/PADG_072025.aspx) raises the total to at most 5%"
        " from 1-Apr-2025",
    ),
    (
        "plm_conventional_2018_07",
        "4",
        "% of rupiah DPK",
        "from 2018-07-16",
        "Macroprudential liquidity buffer (PLM), conventional banks: rupiah securities a bank must hold"
        " [PBI 20/4/PBI/2018]",
        "Bank Indonesia",
        "https://keuangan.kontan.co.id/news/begini-rincian-aturan-rasio-likuiditas-bi-yang-baru",
        "Kontan, BI statement of 18-Jan-2018: 4% of rupiah DPK from 16-Jul-2018; repo to BI at most 2%;"
        " BI's PLM page"
        " (https://www.bi.go.id/id/ssk/Instrumen-Makroprudensial/PLM/Contents/default.aspx) lists 4% with"
        " flexibility 2% from 16-Jul-2018 and 4% with flexibility 4% from 30-Nov-2018 (PADG 20/31/PADG/2018)",
    ),
    (
        "plm_conventional_2020_04",
        "6",
        "% of rupiah DPK",
        "announced 2020-04-14",
        "Macroprudential liquidity buffer (PLM), conventional banks, raised from 4% to 6%"
        " [BI Board of Governors meeting of 14-Apr-2020]",
        "Bank Indonesia",
        "https://m.bisnis.com/amp/read/20200414/90/1227027/"
        "bank-wajib-tambah-koleksi-surat-utang-negara-begini-perhitungannya",
        "Bisnis 14-Apr-2020: BUK PLM from 4% to 6% of DPK (+200 bp), sharia 4% to 4.5%; the page gives the"
        " decision date, not the date the 6% applied from",
    ),
    (
        "plm_conventional_2023_10",
        "5",
        "% of rupiah DPK",
        "announced 2023-10",
        "Macroprudential liquidity buffer (PLM), conventional banks, cut from 6% to 5% [BI policy of Oct-2023]",
        "Bank Indonesia",
        "https://corenews.id/2023/10/23/perbankan-gelontorkan-insentif-ke-120-bank/",
        "CoreNews 23-Oct-2023: BI 'akan menurunkan' PLM by 100 bp from 6% to 5% for BUK with repo flexibility 5%"
        " (sharia 4.5% to 3.5%, flexibility 3.5%); the page gives no date from which it applies",
    ),
    (
        "plm_conventional_2025_06",
        "4",
        "% of rupiah DPK",
        "from 2025-06-01",
        "Macroprudential liquidity buffer (PLM), conventional banks, cut from 5% to 4%"
        " [BI Board of Governors decision of 21-May-2025]",
        "Bank Indonesia",
        "https://www.idxchannel.com/banking/bi-longgarkan-kebijakan-rpln-dan-plm-mulai-1-juni-2025-ini-rinciannya/2",
        "IDX Channel: PLM for BUK down 100 bp from 5% to 4%, repo flexibility 4% kept, PLM Syariah 3.5% to 2.5%,"
        " effective 1-Jun-2025; announced by Governor Perry Warjiyo on 21-May-2025"
        " (https://suaramenit.id/siap-siap-bank-banjir-likuiditas-bi-turunkan-plm-jadi-4/)",
    ),
]


def build_published(src: Path, skipped: list[str]) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []

    def add(key, value, high, unit, period, description, publisher, url, reliability):
        out.append(
            {
                "key": key,
                "value": fmt(value),
                "value_high": fmt(high),
                "unit": unit,
                "period": period,
                "description": description,
                "publisher": publisher,
                "source_url": url,
                "reliability": reliability,
            }
        )

    sol = read(src, "solow_parameters_indonesia_ltgm.csv")
    for r in sol.itertuples(index=False):
        unit = "ratio" if r.parameter.startswith("ky_") else ("index" if r.parameter == "iei" else "fraction")
        url = LTGM_URL + ("pc_countries_v2.csv" if r.parameter in LTGM_PC else "standard_countries_v2.csv")
        add(
            r.parameter,
            num(r.value),
            None,
            unit,
            "",
            r.description,
            "World Bank LTGM country data (" + r.description.split(",")[-1].strip() + ")",
            url,
            "model dataset; copied to 6 significant digits",
        )

    pub = read(src, "published_datapoints_from_web_pages.csv")
    by_key: dict[str, dict[str, str]] = {}
    for r in pub.to_dict("records"):
        if r["topic"] == "ICOR":
            if r["entity"] != "Indonesia":
                skipped.append(f"published_datapoints: ICOR {r['entity']} {r['period']} (not Indonesia)")
                continue
            key = ICOR_KEYS.get((r["period"], r["indicator"]))
            if key is None:
                skipped.append(f"published_datapoints: ICOR {r['period']} '{r['value']}' (non-numeric)")
                continue
            add(
                key,
                num(r["value"]),
                None,
                "ratio",
                r["period"],
                r["indicator"],
                "Bappenas/KSP/BPS/BKPM as cited",
                r["source_url"],
                r["reliability_note"],
            )
        elif r["topic"] == "BPD_credit":
            key = BPD_AGG_KEYS.get((r["period"], r["indicator"]))
            if key is None:
                skipped.append(
                    f"published_datapoints: {r['entity']} {r['period']} {r['indicator']} '{r['value']}' (non-numeric)"
                )
                continue
            v, unit = convert(r["value"], r["unit"])
            add(
                key,
                v,
                None,
                unit,
                r["period"],
                f"All BPDs: {r['indicator']}",
                "OJK/Asbanda as reported",
                r["source_url"],
                r["reliability_note"],
            )
            by_key[key] = r
        elif r["topic"] in ("GRDP_aggregate", "GRDP_nominal", "Credit_basis"):
            skipped.append(
                f"published_datapoints: {r['topic']} {r['entity']} {r['period']} "
                "(used as a cross-check in the sidecars only)"
            )
    bb = read(src, "bpd_and_bank_datapoints_from_web_pages.csv")
    for r in bb.to_dict("records"):
        if r["topic"] != "BPD_aggregate":
            continue
        key = BPD_AGG_KEYS[(r["period"], r["indicator"])]
        v, unit = convert(r["value"], r["unit"])
        add(
            key,
            v,
            None,
            unit,
            r["period"],
            f"All BPDs: {r['indicator']}",
            "OJK/Asbanda as reported",
            r["source_url"],
            r["reliability_note"],
        )
        by_key[key] = r
    for base, pattern, key, unit, desc, period in NOTE_FIGURES:
        r = by_key[base]
        m = re.search(pattern, r["reliability_note"])
        if not m:
            raise SystemExit(f"build_data: note pattern {pattern!r} not found for {base}")
        v, u = convert(m.group(1), unit)
        add(
            key,
            v,
            None,
            u,
            period,
            f"All BPDs: {desc} (printed in the note of the '{r['indicator']}' row)",
            "OJK/Asbanda as reported",
            r["source_url"],
            r["reliability_note"],
        )

    reg = read(src, "bank_regulation_indonesia.csv")
    if len(reg) != len(REG_KEYS):
        raise SystemExit("build_data: bank_regulation_indonesia.csv rows changed")
    for r, (prefix, keys) in zip(reg.to_dict("records"), REG_KEYS, strict=True):
        if not r["rule"].startswith(prefix):
            raise SystemExit(f"build_data: regulation row {r['rule']!r} != {prefix!r}")
        if keys is None:
            skipped.append(f"bank_regulation: {r['rule']} = '{r['value']}' (non-numeric)")
            continue
        publisher = (
            "Bank Indonesia"
            if r["regulation"].startswith(("PBI", "PADG", "BI "))
            else "OJK/Bank Indonesia"
            if r["regulation"].startswith("OJK/BI")
            else "OJK"
        )
        desc = f"{r['rule']} [{r['regulation']}]"
        unit_src = r["unit"]
        if len(keys) > 1:
            parts = [s.strip() for s in r["value"].split("/")]
            assert len(parts) == len(keys), r
            periods = re.findall(r"\d{4}", unit_src) if "(" in unit_src else [""] * len(parts)
            unit_src = unit_src.split(" (")[0]
            labels = re.findall(r"[^/]+", r["rule"].split(":", 1)[1]) if not periods[0] else None
            for i, (k, part) in enumerate(zip(keys, parts, strict=True)):
                v, unit = convert(part, unit_src)
                d = desc if labels is None else f"{desc} -- part {i + 1}: {labels[i].strip()}"
                add(k, v, None, unit, periods[i], d, publisher, r["source"], r["note"])
            continue
        lo_hi = range_parts(r["value"])
        unit_src = unit_src.replace(" (up to)", "")
        if unit_src == "parameter":
            lo, unit = num(lo_hi[0]), "parameter"
            hi = None
        else:
            lo, unit = convert(lo_hi[0], unit_src)
            hi = convert(lo_hi[1], unit_src)[0] if len(lo_hi) == 2 else None
        add(keys[0], lo, hi, unit, REG_PERIOD.get(keys[0], ""), desc, publisher, r["source"], r["note"])
    for prefix, pattern, key, unit_src, period, what in REG_NOTE_FIGURES:
        rows = [r for r in reg.to_dict("records") if r["rule"].startswith(prefix)]
        assert len(rows) == 1, prefix
        r = rows[0]
        m = re.search(pattern, r["note"])
        if not m:
            raise SystemExit(f"build_data: note pattern {pattern!r} not found for regulation row {prefix!r}")
        if unit_src == "parameter":
            lo, unit, hi = num(m.group(1)), "parameter", None
        else:
            lo, unit = convert(m.group(1), unit_src)
            hi = convert(m.group(2), unit_src)[0] if m.lastindex == 2 else None
        publisher = "Bank Indonesia" if r["regulation"].startswith(("PBI", "PADG", "BI ")) else "OJK"
        desc = f"{what} (printed in the note of the '{r['rule']}' row) [{r['regulation']}]"
        add(key, lo, hi, unit, period, desc, publisher, r["source"], r["note"])
    for key, value, unit_src, period, desc, publisher, url, note in WEB_FIGURES:
        v, unit = convert(value, unit_src)
        add(
            key,
            v,
            None,
            unit,
            period,
            desc,
            publisher,
            url,
            "curated from the web page (not in the collected files); " + note,
        )
    out.sort(key=lambda d: d["key"])
    keys = [d["key"] for d in out]
    assert len(keys) == len(set(keys)), "duplicate published key"
    return out


# --------------------------------------------------------------------------
# Dated facts: bpd_facts.csv, bank_facts.csv, fiscal_facts.csv
# --------------------------------------------------------------------------
BPD_HOME = [
    ("Bank Banten", 36),
    ("Bank Bengkulu", 17),
    ("bank bjb -> Bank Bengkulu", 17),
    ("bank bjb", 32),
    ("Bank Jatim (BJTM)", 36),
    ("Bank Jatim", 35),
    ("Bank Jateng", 33),
    ("Bank DKI", 31),
    ("Bank Jakarta", 31),
    ("Bank Sumut", 12),
    ("Bank Nagari", 13),
    ("BPD Bali", 51),
    ("BPD DIY", 34),
    ("Bank Kaltimtara", 64),
    ("Bank Sumsel Babel", 16),
    ("Bank Sulselbar", 73),
    ("Sumatera Utara", 12),
    ("Banten province", 36),
    ("Bengkulu province", 17),
    ("PT Mega Corpora -> Bank Bengkulu", 17),
    ("Pemkab Rejang Lebong", 17),
    ("Pemkot Bengkulu", 17),
    ("Pemprov Banten", 36),
]
#: Home provinces of the entities of the two 2023-2025 BPD files. "A -> B" (A's stake or injection in B)
#: is B's province, as in the older rows; Bank Jatim's own figures are Jawa Timur's.
BPD_HOME_NEW = [
    ("Bank Banten", 36),
    ("Banten province", 36),
    ("Pemprov Banten", 36),
    ("Bank Bengkulu", 17),
    ("bank bjb -> Bank Bengkulu", 17),
    ("bank bjb", 32),
    ("Bank Jatim -> Bank NTB Syariah", 52),
    ("Bank Jatim -> Bank NTT", 53),
    ("Bank Jatim -> Bank Sultra", 74),
    ("Bank Jatim -> Bank Lampung", 18),
    ("Bank Jatim", 35),
    ("Bank DKI (Bank Jakarta) -> Bank Maluku Malut", 81),
    ("Bank SulutGo", 71),
    ("Bank Maluku Malut", 81),
    ("Bank Sultra", 74),
    ("Bank Sulteng", 72),
    ("Bank NTT", 53),
    ("Bank Lampung", 18),
    ("Bank Sumsel Babel", 16),
    ("All BPDs", 0),  # no province
]
#: Entities of the older files that describe a province's whole banking sector: moved to bank_facts.csv.
PROVINCE_BANKING = ("Sumatera Utara (", "Bengkulu province")


def home(entity: str, table: list[tuple[str, int]] = BPD_HOME) -> int | None:
    for prefix, code in table:
        if entity.startswith(prefix):
            return code or None
    raise SystemExit(f"build_data: no home province for {entity!r}")


_MONTHS = {
    m: i for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1)
}
_AS_OF_RULES: list[tuple[str, Callable[[re.Match[str]], str]]] = [
    (r"(\d{4}-\d{2}(?:-\d{2})?)", lambda m: m.group(1)),
    (r"(\d{4})-Q([1-4])", lambda m: f"{m.group(1)}-{3 * int(m.group(2)):02d}"),
    (r"(\d{4})-H1", lambda m: f"{m.group(1)}-06"),
    (r"(\d{4}) \(year-end\)", lambda m: f"{m.group(1)}-12"),
    (r"(\d{4})", lambda m: m.group(1)),
    (r"(\d{4}-\d{2}) \(.*\)", lambda m: m.group(1)),
    (r"(\d{4})(?: \(.*\)| mid-year .*| vs \d{4})", lambda m: m.group(1)),
    (r"(\d{4}) to ([A-Z][a-z]{2})-(\d{2})", lambda m: f"{m.group(1)}-{_MONTHS[m.group(2)]:02d}-{m.group(3)}"),
    (r"(?:cumulative to|by) (\d{4}(?:-\d{2}(?:-\d{2})?)?)", lambda m: m.group(1)),
    (r"APBD(?:-P| murni)? (\d{4})(?: .*)?", lambda m: m.group(1)),
    (r"FY(\d{4}) .*", lambda m: m.group(1)),
]


def as_of(period: str) -> str:
    """The date a period string pins down, at the precision it gives (YYYY, YYYY-MM or YYYY-MM-DD), else "".

    Quarters and half-years are their last month (2024-Q3 -> 2024-09); "2011 (year-end)" is 2011-12;
    "as stated <date>" (the period itself not stated) and vague periods give "".
    """
    for pattern, make in _AS_OF_RULES:
        m = re.fullmatch(pattern, period.strip())
        if m:
            return make(m)
    return ""


def fact_flags(note: str, given: str) -> str:
    """Flags (growth8.data.FACT_FLAGS) set mechanically from the collector's note and the printed value."""
    flags = []
    if "CONFLICT" in note:
        flags.append("conflict")
    if "SUSPECT" in note or "do not use" in note or re.search(r"\bFLAG\b", note):
        flags.append("suspect")
    if not given.strip():
        flags.append("event")
    if "HISTORICAL" in note:
        flags.append("historical")
    if note.startswith("rounded in source") or "values rounded to whole" in note:
        flags.append("rounded")
    assert set(flags) <= FACT_FLAGS, flags
    return ";".join(flags)


def split_values(given: str, period: str) -> list[tuple[str, str]]:
    """'66 / 89 / 99' for '2021 / 2022 / 2023' is one row per period; anything else is one piece."""
    vparts = [v.strip() for v in given.split("/")]
    pparts = [v.strip() for v in period.split("/")]
    if len(vparts) > 1 and len(vparts) == len(pparts):
        return list(zip(pparts, vparts, strict=True))
    return [(period, given)]


def value_unit(piece: str, unit_given: str) -> tuple[str, str]:
    """Project value and unit of one printed piece; a non-numeric piece keeps a blank value."""
    try:
        v, unit = convert(piece, unit_given)
        return fmt(v), unit
    except (ValueError, KeyError):
        return "", (convert("1", unit_given)[1] if unit_given.strip() not in ("", "-") else "")


def fact_rows(
    r: dict[str, str], code: int | None, *, url: str, note: str, source_file: str, extra: dict[str, str]
) -> list[dict[str, str]]:
    """One collected row as dated-fact rows (several when the value lists one figure per period)."""
    given, unit_given = r["value"], r["unit"]
    out = []
    for period, piece in split_values(given, r["period"]):
        value, unit = value_unit(piece, unit_given)
        out.append(
            {
                "entity": r["entity"],
                "province_code": "" if code is None else str(code),
                "period": period,
                "as_of": as_of(period),
                "indicator": r["indicator"],
                "value": value,
                "unit": unit,
                "value_as_given": given,
                "unit_as_given": unit_given,
                "publisher": r.get("original_publisher", ""),
                "intermediary": r.get("intermediary_source", ""),
                "publication_date": r.get("publication_date", ""),
                "source_url": url,
                "source_file": source_file,
                "flag": fact_flags(note, given),
                "note": note,
                **extra,
            }
        )
    return out


OLD_FACT_SOURCES = [
    ("bpd_banten_bengkulu.csv", "source_url_or_repo_path", "note", None),
    (
        "bpd_and_bank_datapoints_from_web_pages.csv",
        "source_url",
        "reliability_note",
        ("BPD_individual", "Province_banking"),
    ),
    (
        "published_datapoints_from_web_pages.csv",
        "source_url",
        "reliability_note",
        ("Bank_Bengkulu", "Bengkulu_banking", "Bank_Banten"),
    ),
]
NEW_BPD_FILES = ("bpd_banten_bengkulu_2023_2025_datapoints.csv", "bpd_all_2023_2025_datapoints.csv")


def _sort_key(row: dict[str, str], order: int) -> tuple:
    code = int(row["province_code"]) if row["province_code"] else 999
    return (code, row["entity"], row["period"], row["indicator"], order)


def build_facts(src: Path) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """bpd_facts.csv (BPDs and their owners) and the older files' province-banking rows for bank_facts.csv."""
    bpd: list[tuple[tuple, dict[str, str]]] = []
    banking: list[dict[str, str]] = []
    order = 0
    for fname, url_col, note_col, topics in OLD_FACT_SOURCES:
        for r in read(src, fname).to_dict("records"):
            if topics and r["topic"] not in topics:
                continue
            order += 1
            code = home(r["entity"])
            if r["entity"].startswith(PROVINCE_BANKING):
                banking.extend(old_banking_rows(r, code, r[url_col], r[note_col], fname))
                continue
            for row in fact_rows(r, code, url=r[url_col], note=r[note_col], source_file=fname, extra={}):
                bpd.append((_sort_key(row, order), row))
    for fname in NEW_BPD_FILES:
        for r in read(src, fname).to_dict("records"):
            order += 1
            code = home(r["entity"], BPD_HOME_NEW)
            for row in fact_rows(r, code, url=r["source_url"], note=r["note"], source_file=fname, extra={}):
                bpd.append((_sort_key(row, order), row))
    bpd.sort(key=lambda t: t[0])
    return [row for _, row in bpd], banking


# ---- bank_facts.csv: a province's (or the nation's) banking sector ----
BANK_FILE = "bank_credit_deposits_by_province_2023_2025_ojk.csv"
#: Area labels of the OJK file that are not one province (kept with a blank province_code).
NOT_ONE_PROVINCE = {
    "INDONESIA (total)",
    "Lainnya",
    "Provinsi-provinsi lainnya",
    "Papua (OJK Papua region, 'Tanah Papua')",
}
#: Indicators that name the same quantity (for the conflict check only; the row keeps its own words).
SAME_INDICATOR = {
    "credit outstanding (penyaluran kredit perbankan)": "credit outstanding",
    "DPK (third-party funds)": "DPK",
}


def basis_code(text: str) -> str:
    """growth8.data.BASES code of a basis text (bank location, project location, national, else not stated)."""
    t = text.lower()
    if t.startswith("not stated"):  # "not stated; consistent with ... bank-location basis" is our inference only
        return "not_stated"
    if t.startswith("bank location") or "bank-location basis" in t or "(bank location)" in t:
        return "bank_location"
    if t.startswith("project location") or "project-location basis" in t or "(project location)" in t:
        return "project_location"
    if t == "national":
        return "national"
    assert "not_stated" in BASES
    return "not_stated"


def old_banking_rows(r: dict[str, str], code: int | None, url: str, note: str, fname: str) -> list[dict[str, str]]:
    """An older file's province-banking row (Sumatera Utara, Bengkulu) in bank_facts.csv's columns."""
    m = re.search(r"\(([^)]*)\)\s*$", r["entity"])
    scope = m.group(1) if m else ""
    basis = basis_code(r["indicator"])
    extra = {"scope": scope, "basis": basis, "basis_as_given": ""}
    return fact_rows(r, code, url=url, note=note, source_file=fname, extra=extra)


def build_bank_facts(src: Path, names: Names, older: list[dict[str, str]]) -> list[dict[str, str]]:
    rows: list[tuple[tuple, dict[str, str]]] = []
    previous_basis = ""
    order = 0
    for r in read(src, BANK_FILE).to_dict("records"):
        order += 1
        area = r["province"]
        code = None if area in NOT_ONE_PROVINCE else names.code(area)
        basis_text = previous_basis if r["basis"] == "as above" else r["basis"]
        previous_basis = basis_text
        extra = {"scope": r["bank_scope"], "basis": basis_code(basis_text), "basis_as_given": basis_text}
        rec = dict(r, entity=area)
        for row in fact_rows(rec, code, url=r["source_url"], note=r["note"], source_file=BANK_FILE, extra=extra):
            rows.append((_sort_key(row, order), row))
    for row in older:
        order += 1
        rows.append((_sort_key(row, order), row))
    out = [row for _, row in sorted(rows, key=lambda t: t[0])]
    mark_bank_conflicts(out)
    return out


def _decimals(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def mark_bank_conflicts(rows: list[dict[str, str]]) -> None:
    """Flag `conflict` on two releases of the same figure that differ.

    Same area (province code, else the area label), month (`as_of`), quantity and unit, bases that do not
    exclude each other (equal, or one not stated), and values that differ after rounding both to the
    coarser one's printed decimals. Bank- vs project-location figures are different measures, not a conflict.
    """
    groups: dict[tuple, list[dict[str, str]]] = {}
    for row in rows:
        if not row["value"] or len(row["as_of"]) < 7:
            continue
        area = row["province_code"] or row["entity"]
        key = (area, row["as_of"], SAME_INDICATOR.get(row["indicator"], row["indicator"]), row["unit"])
        groups.setdefault(key, []).append(row)
    for group in groups.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if a["basis"] != b["basis"] and "not_stated" not in (a["basis"], b["basis"]):
                    continue
                places = min(_decimals(a["value_as_given"]), _decimals(b["value_as_given"]))
                if round(dec(a["value_as_given"]), places) != round(dec(b["value_as_given"]), places):
                    for row in (a, b):
                        if "conflict" not in row["flag"].split(";"):
                            row["flag"] = ";".join(f for f in ("conflict", *row["flag"].split(";")) if f)


def check_bank_facts(rows: list[dict[str, str]]) -> list[str]:
    """Sums of the two province tables against their printed national totals (nothing is changed)."""
    out = []
    for as_of_, intermediary, label in (
        ("2025-06", "databoks.katadata.co.id", "Jun-2025 credit table (33 provinces + 'Lainnya')"),
        ("2023-12", "sultrax.id", "Dec-2023 credit table (32 provinces listed)"),
    ):
        lines = [
            r
            for r in rows
            if r["as_of"] == as_of_
            and r["intermediary"] == intermediary
            and r["indicator"].startswith("credit outstanding")
        ]
        total = [r for r in lines if r["entity"] == "INDONESIA (total)"]
        parts = sum(float(r["value"]) for r in lines if r["entity"] != "INDONESIA (total)") / 1000
        out.append(f"bank_facts {label}: lines sum to {parts:,.2f}T vs printed national {total[0]['value_as_given']}T")
    return out


# ---- fiscal_facts.csv: provincial budgets, transfers, road programmes ----
FISCAL_FILE = "fiscal_apbd_tkd_roads_banten_bengkulu_2024_2026.csv"
#: Budget stage of each row, read from its period and indicator (our reading; the period keeps the words):
#: murni = the original APBD as enacted; perubahan = the revised APBD (APBD-P); draft = KUA-PPAS or a draft
#: transfer allocation for a coming year; budget = an enacted budget, pagu or allocation whose murni/perubahan
#: stage is not stated; realised = realisation; estimate; plan = a stated plan or target, not a budget;
#: statement = a figure stated by an official without its budget stage.
FISCAL_STAGE = {
    ("Banten", "APBD 2025 (murni, as enacted Nov-2024)", "revenue (pendapatan)"): "murni",
    ("Banten", "APBD 2025 (murni)", "expenditure (belanja)"): "murni",
    ("Banten", "2025 (estimate, Feb-2025)", "efficiency cut estimated under Inpres 1/2025 and KMK 29/2025"): "estimate",
    ("Banten", "APBD 2025 KUA-PPAS perubahan (5-Aug-2025)", "revenue: before -> after"): "draft",
    ("Banten", "APBD-P 2025 (approved 9-Sep-2025)", "revenue (pendapatan daerah)"): "perubahan",
    ("Banten", "APBD-P 2025", "expenditure (belanja daerah)"): "perubahan",
    ("Banten", "APBD-P 2025", "efficiency savings reallocated (all items)"): "perubahan",
    ("Banten", "2026 vs 2025", "transfer to regions (TKD) cut"): "draft",
    ("Banten", "2025", "TKD received/allocated"): "statement",
    ("Banten", "APBD 2026 (KUA-PPAS draft, Oct-2025)", "personnel spending share of APBD"): "draft",
    ("Banten", "2023 to Nov-30", "TKD realised"): "realised",
    ("Bengkulu", "2025 (Inpres 1/2025)", "transfer (TKD) cut"): "statement",
    ("Bengkulu", "2025 (as allocated Dec-2024)", "APBN allocation to Bengkulu (DIPA K/L + TKD)"): "budget",
    ("Bengkulu", "2025", "TKD allocation (province + kab/kota)"): "budget",
    ("Bengkulu", "2025", "TKD received by Pemprov"): "budget",
    ("Bengkulu", "2026 (draft allocation)", "TKD allocation to Pemprov"): "draft",
    ("Bengkulu", "2026 vs 2025", "TKD cut"): "draft",
    ("Bengkulu", "APBD 2025 (pagu)", "expenditure (belanja daerah)"): "budget",
    ("Bengkulu", "APBD 2025 (target)", "revenue (pendapatan daerah)"): "budget",
    ("Bengkulu", "2024", "capital expenditure (belanja modal) share of APBD pagu"): "budget",
    ("Bengkulu", "2025-H1", "expenditure realised"): "realised",
    ("Bengkulu", "2021 (to 15-Sep-2021)", "capital expenditure budget (belanja modal)"): "budget",
    ("Banten", "2025-05-16", "kab/kota and village roads in damaged condition"): "statement",
    ("Banten", "2025 (at launch, 16-May-2025)", "Bang Andra village-road programme: initial budget"): "statement",
    ("Banten", "APBD murni 2025", "Bang Andra budget"): "murni",
    ("Banten", "APBD-P 2025", "Bang Andra additional budget"): "perubahan",
    ("Banten", "2025 (full year)", "Bang Andra spending (total)"): "realised",
    ("Banten", "APBD murni 2026", "Bang Andra budget"): "murni",
    ("Bengkulu", "2025", "provincial road programme ('Bantu Rakyat jalan mulus') budget"): "statement",
    ("Bengkulu", "2025", "infrastructure allocation (roads/bridges)"): "statement",
    ("Bengkulu", "2025-04-05", "estimated cost to repair all provincial roads"): "estimate",
    ("Bengkulu", "APBD 2026", "APBD size (stated to be focused on infrastructure)"): "statement",
    ("Bengkulu", "2026 (plan stated Jun-2025)", "planned provincial road and bridge budget"): "plan",
    ("Bengkulu", "2027 (plan stated Jun-2025)", "planned provincial road and bridge budget"): "plan",
    (
        "Bengkulu",
        "2025 / 2026 / 2027 (targets)",
        "target share of provincial roads in good condition ('bagus')",
    ): "plan",
    ("Bengkulu", "2025", "provincial road works in Kab. Bengkulu Tengah (4 road sections)"): "statement",
}


def government_level(text: str) -> str:
    """growth8.data.GOVERNMENT_LEVELS code of the collector's government_level text."""
    assert GOVERNMENT_LEVELS == ("provincial", "all_in_province", "not_clear")
    if text == "provincial government (Pemprov)":
        return "provincial"
    if text.startswith(("all governments in", "all regional governments in")):
        return "all_in_province"
    return "not_clear"


def build_fiscal_facts(src: Path, names: Names) -> list[dict[str, str]]:
    rows: list[tuple[tuple, dict[str, str]]] = []
    used = set()
    for order, r in enumerate(read(src, FISCAL_FILE).to_dict("records"), start=1):
        key = (r["province"], r["period"], r["indicator"])
        if key not in FISCAL_STAGE:
            raise SystemExit(f"build_data: {FISCAL_FILE}: no budget stage for {key}")
        used.add(key)
        code = names.code(r["province"])
        extra = {"government_level": government_level(r["government_level"]), "stage": FISCAL_STAGE[key]}
        rec = dict(r, entity=f"{r['province']}: {r['government_level']}")
        m = re.fullmatch(r"(\S+) -> (\S+)", r["value"].strip())
        if m:  # "11837 -> 10614": before and after, one row each
            pieces = [("before", m.group(1)), ("after", m.group(2))]
            indicator = r["indicator"].split(":")[0]
        else:
            pieces, indicator = [("", r["value"])], r["indicator"]
        for label, value in pieces:
            piece = dict(rec, indicator=f"{indicator}: {label}" if label else indicator)
            new = fact_rows(piece, code, url=r["source_url"], note=r["note"], source_file=FISCAL_FILE, extra=extra)
            for row in new:
                if label:
                    row["value"], row["unit"] = value_unit(value, r["unit"])
                rows.append((_sort_key(row, order), row))
    assert set(FISCAL_STAGE.values()) <= set(STAGES)
    if used != set(FISCAL_STAGE):
        raise SystemExit(f"build_data: FISCAL_STAGE entries without a row: {sorted(set(FISCAL_STAGE) - used)}")
    return [row for _, row in sorted(rows, key=lambda t: t[0])]


# --------------------------------------------------------------------------
# Map geometry: the GeoJSON copied byte for byte, its features mapped to BPS codes
# --------------------------------------------------------------------------
GEO_SOURCE = "geo/indonesia-38-provinces.geojson"
GEO_CROSSWALK_SOURCE = "geo/indonesia_38_provinces_geometry_crosswalk.csv"


def build_geometry(src: Path, out: Path) -> list[list[str]]:
    """Copy the provinces' outlines to ``out/geo/`` unchanged; return the rows of province_geometry.csv.

    The collected crosswalk's ``bps_code_2digit`` is the code; the build checks it against the project's name
    (column ``province``) and the file's own name (``PROVINSI``), and that every feature has one row and every
    province one feature. The file's ``KODE_PROV`` is not used: it is the old parent code for the Papua provinces.
    """
    raw = (src / GEO_SOURCE).read_bytes()
    names = Names()  # a fresh resolver: the spellings seen here are not aliases of provinces.csv
    features = {f["properties"]["id"]: f["properties"]["PROVINSI"] for f in json.loads(raw.decode("utf-8"))["features"]}
    rows = []
    for r in read(src, GEO_CROSSWALK_SOURCE).itertuples(index=False):
        code = int(r.bps_code_2digit)
        for text in (r.province, r.PROVINSI_in_file, features.get(r.feature_id, "")):
            if names.lookup.get(_norm(text)) != code:
                raise SystemExit(f"build_data: geometry feature {r.feature_id!r}: {text!r} is not province {code}")
        rows.append([r.feature_id, str(code), features[r.feature_id]])
    codes = sorted(int(row[1]) for row in rows)
    if codes != sorted(c for c, *_ in PROVINCES) or sorted(row[0] for row in rows) != sorted(features):
        raise SystemExit("build_data: the geometry crosswalk does not map every feature to one province")
    (out / "geo").mkdir(exist_ok=True)
    (out / GEO_SOURCE).write_bytes(raw)
    return sorted(rows, key=lambda row: int(row[1]))


# --------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------
def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    path.write_bytes(buf.getvalue().encode("utf-8"))


#: The Indonesian texts of the series' publisher, table, vintage, intermediary and notes (series.csv's ``*_id``
#: columns):
#: ``column, en, id`` rows, one per English text, beside this script.
SERIES_TEXTS_ID_FILE = Path(__file__).resolve().parent / "series_texts_id.csv"


def read_series_texts_id() -> dict[tuple[str, str], str]:
    """:data:`SERIES_TEXTS_ID_FILE` as (column, English text) -> Indonesian text."""
    with open(SERIES_TEXTS_ID_FILE, newline="", encoding="utf-8") as handle:
        return {(r["column"], r["en"]): r["id"] for r in csv.DictReader(handle)}


def series_texts_id(entry: tuple[str, ...], texts: dict[tuple[str, str], str]) -> list[str]:
    """A SERIES entry's texts for readers (growth8.data.SERIES_TEXTS) in Indonesian, from ``texts``
    (:func:`read_series_texts_id`); an English text without its Indonesian there stops the build (a new series
    needs both)."""
    fields = dict(zip(SCHEMAS["series.csv"][1:], entry, strict=False))  # scope, title_en, ... notes
    out = []
    for column in SERIES_TEXTS:
        en = fields[column]
        if en and (column, en) not in texts:
            raise SystemExit(f"build_data: no Indonesian {column} for {en!r} in {SERIES_TEXTS_ID_FILE.name}")
        out.append(texts.get((column, en), ""))
    return out


def write_table(out: Path, name: str, rows: list[list[str]]) -> None:
    """Write one of data/'s files with the columns growth8's loader expects (growth8.data.SCHEMAS)."""
    write_csv(out / name, list(SCHEMAS[name]), rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "source",
        nargs="?",
        default=str(REPO.parent / "shared" / "data"),
        help="collected data folder (default ../shared/data from the repo root)",
    )
    ap.add_argument("--out", default=str(REPO / "data"), help="output folder (default data/)")
    args = ap.parse_args(argv)
    src, out = Path(args.source), Path(args.out)
    if not (src / "README.md").exists():
        print(f"build_data: {src} does not look like the collected data folder", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    names = Names()
    panel = build_provincial(src, names)
    facts, older_banking = build_facts(src)
    bank = build_bank_facts(src, names, older_banking)  # before provinces.csv: records the spellings used
    fiscal = build_fiscal_facts(src, names)

    # provinces.csv
    kemendagri = {}
    for r in read(src, "population_dukcapil_admin_38prov_kepmendagri2025_cahyadsn.csv").itertuples():
        kemendagri[names.code(r.province)] = r.kode_kemendagri_2025
    prov_rows = []
    for code, name_id, name_en, island in PROVINCES:
        spellings = set(names.seen[code]) | {name_id, name_en}
        lowered = {s.lower() for s in spellings if not s.isupper()}
        aliases = sorted(s for s in spellings if not (s.isupper() and s.lower() in lowered))
        prov_rows.append(
            [
                str(code),
                name_id.lower().replace(" ", "_"),
                name_id,
                name_en,
                island,
                str(SPLIT_FIRST_YEAR) if code in NEW_PAPUA else "",
                str(NEW_PAPUA.get(code, "")),
                str(BREAK_YEAR.get(code, "")),
                kemendagri[code],
                ";".join(aliases),
            ]
        )
    write_table(out, "provinces.csv", prov_rows)

    # provincial.csv
    prows = [
        [sid, str(code), str(year), fmt(v), source, ";".join(flags), vintage, status]
        for (sid, code, year, vintage), (v, source, flags, status) in sorted(panel.rows.items())
    ]
    write_table(out, "provincial.csv", prows)

    nat = build_national(src)
    write_table(out, "national.csv", [[s, str(y), fmt(v), so, f, "", ""] for s, y, v, so, f in nat])
    write_table(out, "forecasts.csv", build_forecasts(src))

    used = {k[0] for k in panel.rows} | {r[0] for r in nat}
    missing = sorted(used ^ set(SERIES))
    if missing:
        raise SystemExit(f"build_data: series without rows or without catalogue entry: {missing}")
    texts_id = read_series_texts_id()
    write_table(
        out, "series.csv", [[sid, *SERIES[sid], *series_texts_id(SERIES[sid], texts_id)] for sid in sorted(SERIES)]
    )

    skipped: list[str] = []
    pub = build_published(src, skipped)
    write_table(out, "published.csv", [[d[c] for c in SCHEMAS["published.csv"]] for d in pub])
    write_table(out, "bpd_facts.csv", [[d[c] for c in SCHEMAS["bpd_facts.csv"]] for d in facts])
    write_table(out, "bank_facts.csv", [[d[c] for c in SCHEMAS["bank_facts.csv"]] for d in bank])
    write_table(out, "fiscal_facts.csv", [[d[c] for c in SCHEMAS["fiscal_facts.csv"]] for d in fiscal])
    geometry = build_geometry(src, out)
    write_table(out, "province_geometry.csv", geometry)

    counts: dict[str, int] = {}
    for sid, *_ in panel.rows:
        counts[sid] = counts.get(sid, 0) + 1
    for s, *_ in nat:
        counts[s] = counts.get(s, 0) + 1
    for sid in sorted(counts):
        print(f"{sid:40s} {counts[sid]:5d} rows")
    print(
        f"published.csv {len(pub)} rows; bpd_facts.csv {len(facts)} rows; bank_facts.csv {len(bank)} rows; "
        f"fiscal_facts.csv {len(fiscal)} rows; province_geometry.csv {len(geometry)} rows"
    )
    for line in [*check_panel(panel, src), *check_bank_facts(bank)]:
        print("check:", line)
    for line in skipped:
        print("skipped:", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
