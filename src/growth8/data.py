"""Bundled data of growth8: discovery, validation and access.

The data folder holds eight tidy CSV files and ``SOURCES.md`` (see that file for
where every number comes from): the province list, the series catalogue, the
annual provincial and national series, single published values, and three
tables of dated facts (BPDs, provincial banking, provincial budgets).
:func:`load_panel` reads and validates all of them, collects *every* problem and
raises one :class:`~growth8.errors.DataError` naming file, line, column and
value, with a "did you mean" where it helps. For the report's map the folder
also holds the provinces' outlines (``geo/``, a GeoJSON file) and
``province_geometry.csv`` (each feature's BPS code), read and validated on demand
by :func:`load_province_geometry`.

Examples
--------
>>> from growth8.data import load_panel
>>> panel = load_panel()                          # doctest: +SKIP
>>> panel.get("grdp_growth", "banten", 2019)      # doctest: +SKIP
0.0526
>>> panel.wide("investment_realised").loc[2024, 36]  # doctest: +SKIP
105628.4
>>> panel.facts("Bank Banten", indicator="LDR")   # doctest: +SKIP
>>> panel.fact_value("Bank Banten", "loan-to-deposit", "2024-09")  # doctest: +SKIP
0.7076
"""

from __future__ import annotations

import csv
import dataclasses
import difflib
import hashlib
import importlib.resources
import math
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from growth8.errors import DataError, Growth8Error, Problem, Text, suggest_names, suggestion

__all__ = [
    "ALLOWED_UNITS",
    "BASES",
    "FACT_FLAGS",
    "FACT_TABLES",
    "FLAGS",
    "GOVERNMENT_LEVELS",
    "KINDS",
    "STAGES",
    "Panel",
    "UnknownProvinceError",
    "UnknownSeriesError",
    "checkout_data_dir",
    "data_origin",
    "find_data_dir",
    "load_panel",
    "load_province_geometry",
    "packaged_data_dir",
    "shadowed_checkout",
]

#: Units a series may have (``series.csv``).
ALLOWED_UNITS = frozenset(
    {
        "Rp bn (2010 prices)",
        "Rp bn (current prices)",
        "fraction",
        "persons",
        "ratio",
        "thousand Rp (2010 prices)",
        "US$ (current)",
        "years",
    }
)

#: Flag codes allowed in ``provincial.csv`` and ``national.csv``.
FLAGS = frozenset(
    {
        "part_year",
        "rounded",
        "earlier_vintage",
        "preliminary",
        "derived",
        "break",
        "suspect",
        "reclassification_jump",
        "register",
    }
)

#: Plausible value range of each series kind (inclusive).
KINDS: dict[str, tuple[float, float]] = {
    "level": (0.0, math.inf),
    "signed_level": (-math.inf, math.inf),
    "growth": (-0.5, 1.0),
    "share": (0.0, 1.0),
    "ratio": (0.0, math.inf),
}

YEAR_MIN, YEAR_MAX = 1990, 2100

#: Flag codes of a dated fact (``bpd_facts.csv``, ``bank_facts.csv``, ``fiscal_facts.csv``).
FACT_FLAGS = frozenset(
    {
        "conflict",  # another release of the same figure differs (kept, both marked)
        "suspect",  # the collector doubts the value (see note)
        "event",  # a dated event or statement without a figure (value left empty on purpose)
        "historical",  # a historical baseline outside the period collected for
        "rounded",  # the source printed the value rounded
    }
)
#: Credit location basis of a bank fact: where the lending bank's office is, where the project is,
#: not stated by the source, or a national figure.
BASES = ("bank_location", "project_location", "not_stated", "national")
#: Whose budget a fiscal fact is: the provincial government (Pemprov), all governments in the province
#: (province + kab/kota, sometimes with central spending; the entity says which), or not clear.
GOVERNMENT_LEVELS = ("provincial", "all_in_province", "not_clear")
#: Budget stage of a fiscal fact (see SOURCES.md).
STAGES = ("murni", "perubahan", "draft", "budget", "realised", "estimate", "plan", "statement")
#: Earliest year a dated fact's ``as_of`` may carry (the oldest facts are from 2010).
FACT_YEAR_MIN = 1990

#: The columns every dated-fact file shares after its own leading ones (entity, province and, for banking and
#: budgets, scope/basis or government level/stage).
_FACT_COLUMNS: tuple[str, ...] = (
    "period",
    "as_of",
    "indicator",
    "value",
    "unit",
    "value_as_given",
    "unit_as_given",
    "publisher",
    "intermediary",
    "publication_date",
    "source_url",
    "source_file",
    "flag",
    "note",
)

#: series.csv's texts written for readers, and the columns that hold them in Indonesian (``publisher_id``...);
#: a blank Indonesian cell shows the English text.
SERIES_TEXTS = ("publisher", "table", "vintage", "intermediary", "notes")
SERIES_TEXTS_ID = tuple(f"{c}_id" for c in SERIES_TEXTS)
#: The column holding a series' title in each language.
SERIES_TITLE_COLUMN = {"id": "title_id", "en": "title_en"}


def series_texts(series: pd.DataFrame, lang: str) -> pd.DataFrame:
    """series.csv with its readers' texts in ``lang`` only: the title in that language (``title_id`` or
    ``title_en``), and :data:`SERIES_TEXTS` one column each, in Indonesian from the ``*_id`` column (the
    English text where that is blank); the other language's columns dropped."""
    out = series.copy()
    if lang == "id":
        for en, id_ in zip(SERIES_TEXTS, SERIES_TEXTS_ID, strict=True):
            out[en] = out[id_].where(out[id_].astype(str).str.strip() != "", out[en])
    other_titles = [c for code, c in SERIES_TITLE_COLUMN.items() if code != lang]
    return out.drop(columns=[c for c in (*SERIES_TEXTS_ID, *other_titles) if c in out.columns])


#: Columns of every file, in order.
SCHEMAS: dict[str, tuple[str, ...]] = {
    "provinces.csv": (
        "province_code",
        "slug",
        "name_id",
        "name_en",
        "island_group",
        "first_year",
        "parent_code",
        "boundary_break_year",
        "kemendagri_code",
        "aliases",
    ),
    "series.csv": (
        "series_id",
        "scope",
        "title_en",
        "title_id",
        "unit",
        "kind",
        "publisher",
        "table",
        "vintage",
        "intermediary",
        "notes",
        *SERIES_TEXTS_ID,
    ),
    "provincial.csv": ("series_id", "province_code", "year", "value", "source", "flag", "vintage", "status"),
    "national.csv": ("series_id", "year", "value", "source", "flag", "vintage", "status"),
    "published.csv": (
        "key",
        "value",
        "value_high",
        "unit",
        "period",
        "description",
        "publisher",
        "source_url",
        "reliability",
    ),
    "forecasts.csv": (
        "forecaster",
        "publication",
        "publication_date",
        "target_year",
        "value",
        "low",
        "high",
        "source",
        "note",
    ),
    "bpd_facts.csv": ("entity", "province_code", *_FACT_COLUMNS),
    "bank_facts.csv": ("entity", "province_code", "scope", "basis", "basis_as_given", *_FACT_COLUMNS),
    "fiscal_facts.csv": ("entity", "province_code", "government_level", "stage", *_FACT_COLUMNS),
    "own_bpd.csv": (
        "province_code",
        "bank",
        "parameter",
        "value",
        "as_of",
        "method",
        "fact_entity",
        "fact_indicator",
        "fact_as_of",
        "derivation",
        "derivation_id",
    ),
    "growth_targets.csv": (
        "plan",
        "period",
        "province_code",
        "target_year",
        "value",
        "low",
        "high",
        "document",
        "publisher",
        "publication_date",
        "source_url",
        "note",
    ),
    "province_geometry.csv": ("feature_id", "province_code", "name_in_file"),
}
#: The map's files: the provinces' outlines (GeoJSON) and the table that maps each of its features to a BPS code.
#: :func:`load_province_geometry` reads them, :func:`load_panel` does not; a data folder without them has no map.
GEOMETRY_FILE = "geo/indonesia-38-provinces.geojson"
GEOMETRY_CROSSWALK = "province_geometry.csv"
MAP_FILES = frozenset({GEOMETRY_CROSSWALK})
#: The GeoJSON property holding a feature's province name, compared with the crosswalk's ``name_in_file``.
GEOMETRY_NAME_PROPERTY = "PROVINSI"
#: Files a data folder may lack (read as no rows): added after user data folders were first written.
OPTIONAL_FILES = frozenset({"growth_targets.csv"})
#: Development plans whose growth targets growth_targets.csv holds: the national medium-term plan (RPJMN,
#: national rows, blank province_code) and a province's medium-term plan (RPJMD, one province).
PLANS = ("rpjmn", "rpjmd")
#: Columns a data folder written before they existed may lack (read as blank: vintage unknown, status not
#: stated, no Indonesian text of a derivation, which then shows in English).
OPTIONAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "provincial.csv": ("vintage", "status"),
    "national.csv": ("vintage", "status"),
    "series.csv": SERIES_TEXTS_ID,
    "own_bpd.csv": ("derivation_id",),
}
#: Series whose values for future years are projections: an analysis as of a year keeps them when they were
#: published by its cut-off, whatever year they are for.
PROJECTION_SERIES = frozenset({"population_sp2020", "population_15_64", "population_15plus"})
#: Release status of an observation (``status`` column): BPS's angka tetap, angka diperbaiki, angka sementara and
#: angka sangat sementara; blank when the source does not say.
STATUSES = ("final", "revised", "preliminary", "very_preliminary")
#: Month and day, in the year after the as-of year, by which a year's annual figures count as released: BPS
#: publishes the year's GRDP in the first week of February (docs/model.md, "Data as of a year").
AS_OF_RELEASE_CUTOFF = "03-31"
#: How an own-BPD figure was obtained (``own_bpd.csv``, column ``method``).
OWN_BPD_METHODS = ("published", "derived", "reported")
#: The bank indicators :meth:`Panel.bank_indicators` charts over time: indicator code -> the fact files'
#: ``indicator`` texts that state it (exactly; others, such as NPL net or credit growth, are different measures).
BANK_INDICATORS: dict[str, tuple[str, ...]] = {
    "credit": (
        "credit",
        "credit (total as reported)",
        "loans (kredit yang diberikan)",
        "loans (as reported)",
        "credit outstanding",
        "credit outstanding (penyaluran kredit perbankan)",
        "bank credit",
        "bank credit (BI Bengkulu; bank-location basis)",
    ),
    "deposits": ("third-party funds (DPK)", "DPK (third-party funds)", "DPK"),
    "core_capital": ("core capital (modal inti)", "core capital (tier 1)"),
    "ldr": ("LDR", "loan-to-deposit ratio (LDR)"),
    "car": ("CAR", "CAR (KPMM)"),
    "npl": ("NPL gross", "NPL", "NPL/NPF ratio (gross, as stated)"),
}


def fact_date(as_of: str) -> float:
    """A fact's ``as_of`` as a point on a time axis in years: the middle of its month (``2024-06`` -> 2024.46);
    a bare year is its December (year-end positions), a day its place in the month; NaN when blank."""
    text = str(as_of or "").strip()
    if not text or text == "nan":
        return float("nan")
    parts = [int(x) for x in text.split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    within = (parts[2] / 31.0) if len(parts) > 2 else 0.5
    return year + (month - 1 + within) / 12.0


#: The dated-fact files, by the short name :meth:`Panel.facts` uses.
FACT_TABLES = {"bpd": "bpd_facts.csv", "bank": "bank_facts.csv", "fiscal": "fiscal_facts.csv"}
#: Columns with a closed vocabulary in the fact files.
FACT_CODES = {"basis": BASES, "government_level": GOVERNMENT_LEVELS, "stage": STAGES}
#: Loan types and bank groups of the credit series (credit_<group>_<type>).
BPD_TYPES = ("working_capital", "investment", "consumption")
BANK_GROUPS = ("persero", "bpd", "private", "foreign", "bpr")

REQUIRED_FILES = (*(n for n in SCHEMAS if n not in OPTIONAL_FILES | MAP_FILES), "SOURCES.md")

#: Series shown by :meth:`Panel.history`, in this order.
HISTORY_SERIES = (
    "grdp_real",
    "grdp_growth",
    "grdp_nominal",
    "pmtb_nominal",
    "investment_realised",
    "grdp_per_capita_real",
    "population",
    "population_census",
    "population_register",
    "employed_persons",
    "unemployment_rate",
    "labour_force_participation",
    "credit_all_banks",
)
GROWTH_KINDS = frozenset({"growth"})
#: Level series that cannot be zero or negative (the calibration divides by them).
POSITIVE_SERIES = frozenset(
    {
        "grdp_real",
        "grdp_nominal",
        "grdp_per_capita_real",
        "population",
        "population_census",
        "population_register",
        "employed_persons",
        "labour_force_wdi",
        "population_wdi",
        "credit_all_banks",
        "pmtb_nominal",
    }
)
#: Largest magnitude a value may have: 10^15 (Rp bn, persons, ratios); above it a value is a slip (1e308).
MAX_MAGNITUDE = 1e15
#: Largest data file read (bytes): 16 MiB, fifty times the largest bundled file; a larger one is refused unread.
MAX_DATA_FILE_BYTES = 16 * 1024 * 1024
#: Most problems listed for one data file; a file with more gets a last line saying how many more.
MAX_FILE_PROBLEMS = 50

#: The names and abbreviations Indonesians write for each province (BPS code -> spellings), besides the
#: data's own names, slugs and aliases (data/provinces.csv): the everyday abbreviations of Bank Indonesia,
#: BPS and the press (jabar, kaltim, NTB, DIY...), older and newer official names, and the English
#: variants. Case, spaces and punctuation are ignored, and "Provinsi" / "Prov." in front is dropped.
COMMON_NAMES: dict[int, tuple[str, ...]] = {
    11: ("NAD", "Nanggroe Aceh Darussalam", "Aceh Darussalam", "Daerah Istimewa Aceh"),
    12: ("Sumut", "Sumatra Utara", "North Sumatera"),
    13: ("Sumbar", "Sumatra Barat", "West Sumatera"),
    14: (),
    15: (),
    16: ("Sumsel", "Sumatra Selatan", "South Sumatera"),
    17: (),
    18: (),
    19: ("Babel", "Kep. Babel", "Kepulauan Babel", "Bangka-Belitung", "Bangka Belitung Islands"),
    21: ("Kepri", "Kep. Riau", "Riau Archipelago"),
    31: (
        "DKI",
        "Jakarta",
        "DKJ",
        "Daerah Khusus Jakarta",
        "Daerah Khusus Ibukota Jakarta",
        "Daerah Khusus Ibu Kota Jakarta",
        "Special Capital Region of Jakarta",
    ),
    32: ("Jabar",),
    33: ("Jateng",),
    34: (
        "DIY",
        "Yogyakarta",
        "Jogja",
        "Jogjakarta",
        "Yogya",
        "DI Yogya",
        "Daerah Istimewa Yogyakarta",
        "Yogyakarta Special Region",
    ),
    35: ("Jatim",),
    36: (),
    51: (),
    52: ("NTB",),
    53: ("NTT",),
    61: ("Kalbar",),
    62: ("Kalteng",),
    63: ("Kalsel",),
    64: ("Kaltim",),
    65: ("Kaltara",),
    71: ("Sulut",),
    72: ("Sulteng",),
    73: ("Sulsel",),
    74: ("Sultra", "South East Sulawesi", "South-East Sulawesi"),
    75: (),
    76: ("Sulbar",),
    81: (),
    82: ("Malut",),
    91: ("Pabar", "Irian Jaya Barat"),
    92: ("PBD",),
    94: (),
    95: ("Papsel",),
    96: ("Papteng",),
    97: ("Papeg", "Papua Highlands"),
}
#: Words before (or after) a province's name that say only "province" ("Provinsi Jawa Barat",
#: "Prov. Jawa Barat", "West Java Province"), compared after normalising (lower case, letters and digits).
_PROVINCE_WORDS = ("provinceof", "provinsi", "propinsi", "province", "prov")


class UnknownProvinceError(Growth8Error, LookupError):
    """A province name or code that matches no province.

    Parameters
    ----------
    text : str
        What the user typed.
    suggestions : sequence of str
        The closest known names (may be empty).
    """

    code = "error.data.unknown_province"

    def __init__(self, text: str, suggestions: Iterable[str] = ()):
        self.text = text
        self.suggestions = tuple(suggestions)
        self.params = {"name": repr(text), "hint": suggest_names(self.suggestions)}
        super().__init__(self.render("en"))


class UnknownSeriesError(Growth8Error, KeyError):
    """A series id or published key that is not in the bundled data (``UnknownSeriesError.of(code, ...)``)."""


# --------------------------------------------------------------------------
# Discovery
# --------------------------------------------------------------------------
def find_data_dir(explicit: str | Path | None = None) -> Path:
    """Return the folder holding the data files.

    Parameters
    ----------
    explicit : str or Path, optional
        A folder given by the user; used as is (it must exist).

    Returns
    -------
    Path
        In order: ``explicit``; the environment variable ``GROWTH8_DATA``; the
        copy packaged inside ``growth8`` (wheels); the first ``data/`` folder
        with ``provinces.csv`` above this file (repository checkout).

    Raises
    ------
    DataError
        If the explicit or environment folder does not exist, or none is found.
    """
    for given, origin in ((explicit, "given"), (os.environ.get("GROWTH8_DATA"), "GROWTH8_DATA")):
        if given:
            path = Path(given).expanduser()
            if not path.is_dir():
                raise DataError([Problem.of("error.data.folder_missing", file=str(path), origin=origin)])
            return path
    found = packaged_data_dir() or checkout_data_dir()
    if found is None:
        raise DataError([Problem.of("error.data.no_folder", file="data/provinces.csv")])
    return found


def packaged_data_dir() -> Path | None:
    """The copy of the data installed inside the package (wheels), or None (an editable checkout)."""
    try:
        packaged = importlib.resources.files("growth8") / "data"
        if packaged.joinpath("provinces.csv").is_file():
            return Path(str(packaged))
    except (ModuleNotFoundError, TypeError, NotADirectoryError):  # pragma: no cover
        pass
    return None


def checkout_data_dir() -> Path | None:
    """The first ``data/`` folder with ``provinces.csv`` above this module (a source checkout), or None."""
    for parent in Path(__file__).resolve().parents:
        if (parent / "data" / "provinces.csv").is_file():
            return parent / "data"
    return None


def data_origin() -> str:
    """Why :func:`find_data_dir` without an explicit folder picks the folder it picks.

    Returns
    -------
    str
        ``environment`` (the variable ``GROWTH8_DATA``), ``bundled`` (the copy installed inside the package) or
        ``checkout`` (the ``data/`` folder of the source tree this module runs from).
    """
    if os.environ.get("GROWTH8_DATA"):
        return "environment"
    return "bundled" if packaged_data_dir() is not None else "checkout"


def shadowed_checkout(used: str | Path, cwd: str | Path | None = None, used_hash: str | None = None) -> Path | None:
    """A ``data/`` folder in the working folder (or above it) that differs from the folder a run used.

    After ``pip install .`` the installed copy of the data wins over a checkout's ``data/``; an analyst who edits
    the checkout's files would otherwise not notice that they are not used. Returns that folder, or None when
    there is none or its files are byte-identical to ``used`` (``used_hash``: its :func:`data_hash`, when known).
    """
    start = Path(cwd) if cwd is not None else Path.cwd()
    for parent in (start, *start.parents):
        candidate = parent / "data"
        if (candidate / "provinces.csv").is_file() and (candidate / "SOURCES.md").is_file():
            try:
                same = candidate.resolve() == Path(used).resolve() or data_hash(candidate) == (
                    used_hash or data_hash(used)
                )
            except OSError:
                return None
            return None if same else candidate
    return None


def data_hash(data_dir: str | Path) -> str:
    """Return the sha256 (hex) of every ``*.csv`` and ``SOURCES.md`` in a folder.

    The hash covers the sorted file names and their bytes, so renaming,
    adding or changing any data file changes it.
    """
    data_dir = Path(data_dir)
    names = sorted(p.name for p in data_dir.glob("*.csv") if p.is_file())
    if (data_dir / "SOURCES.md").is_file():
        names = sorted([*names, "SOURCES.md"])
    h = hashlib.sha256()
    for name in names:
        content = (data_dir / name).read_bytes()
        h.update(f"{name}\0{len(content)}\0".encode())
        h.update(content)
    return h.hexdigest()


# --------------------------------------------------------------------------
# Reading with line numbers
# --------------------------------------------------------------------------
@dataclass
class _Table:
    path: Path
    rows: list[tuple[int, dict[str, str]]]  # (1-based line, record)
    ok: bool


def _read_table(path: Path, problems: list[Problem]) -> _Table:
    from growth8.textio import decode_utf8

    name = path.name
    expected = SCHEMAS[name]
    if not path.is_file():
        problems.append(
            Problem.of("error.data.missing_file", file=str(path), name=repr(name), needed=", ".join(REQUIRED_FILES))
        )
        return _Table(path, [], False)
    try:
        size = path.stat().st_size
        if size > MAX_DATA_FILE_BYTES:
            problems.append(
                Problem.of("error.data.too_large", file=str(path), size=_num(size), most=_num(MAX_DATA_FILE_BYTES))
            )
            return _Table(path, [], False)
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem.of("error.yaml.cannot_read", file=str(path), reason=exc.strerror or str(exc)))
        return _Table(path, [], False)
    text, bad = decode_utf8(raw, str(path))  # a UTF-8 byte-order mark is dropped; another encoding: one message
    if text is None:
        problems.extend([bad] if bad is not None else [])
        return _Table(path, [], False)
    if "\0" in text:
        line = text.count("\n", 0, text.index("\0")) + 1
        problems.append(Problem.of("error.data.nul_byte", file=str(path), line=line))
        return _Table(path, [], False)
    reader = csv.reader(text.splitlines(keepends=True))
    try:
        return _rows(path, reader, expected, problems)
    except csv.Error as exc:  # a field above the csv module's size limit, a stray quote in strict mode
        problems.append(Problem.of("error.data.csv", file=str(path), line=reader.line_num or None, reason=str(exc)))
        return _Table(path, [], False)


def _rows(path: Path, reader: Any, expected: tuple[str, ...], problems: list[Problem]) -> _Table:
    """The records of a CSV file whose text was read (see :func:`_read_table`)."""
    try:
        header = next(reader)
    except StopIteration:
        problems.append(Problem.of("error.data.empty_file", file=str(path), line=1))
        return _Table(path, [], False)
    ok = True
    optional = OPTIONAL_COLUMNS.get(path.name, ())
    absent = [c for c in optional if c not in header]
    missing = [c for c in expected if c not in header and c not in optional]
    extra = [c for c in header if c not in expected]
    for col in missing:
        problems.append(
            Problem.of(
                "error.data.missing_column",
                file=str(path),
                line=1,
                key=col,
                name=repr(col),
                hint=suggestion(col, extra),
                expected=", ".join(expected),
            )
        )
        ok = False
    for col in extra:
        problems.append(
            Problem.of(
                "error.data.unexpected_column",
                file=str(path),
                line=1,
                column=header.index(col) + 1,
                key=col,
                name=repr(col),
                hint=suggestion(col, expected),
            )
        )
        ok = False
    dups = sorted({c for c in header if header.count(c) > 1})
    for col in dups:
        problems.append(Problem.of("error.data.duplicate_column", file=str(path), line=1, key=col, name=repr(col)))
        ok = False
    rows: list[tuple[int, dict[str, str]]] = []
    if not ok:
        return _Table(path, rows, False)
    last = reader.line_num
    for fields in reader:
        line = last + 1
        last = reader.line_num
        if not fields or all(not f.strip() for f in fields):
            continue
        if len(fields) != len(header):
            problems.append(
                Problem.of(
                    "error.data.field_count",
                    file=str(path),
                    line=line,
                    got=len(fields),
                    expected=len(header),
                    columns=", ".join(header),
                )
            )
            continue
        rec = dict(zip(header, fields, strict=True))
        for col in absent:
            rec[col] = ""
        rows.append((line, rec))
    return _Table(path, rows, True)


class _Checker:
    """Cell parsers that record problems with file, line and column."""

    def __init__(self, table: _Table, problems: list[Problem]):
        self.t = table
        self.problems = problems
        self.cols = SCHEMAS[table.path.name]
        self._repeats: dict[Any, list[Any]] = {}

    def problem(self, line: int | None, col: str, code: str, **params: Any) -> None:
        """Record the problem ``error.data.<code>`` at ``line`` in column ``col``."""
        where: dict[str, Any] = {"file": str(self.t.path), "line": line, "column": self.cols.index(col) + 1, "key": col}
        self.problems.append(Problem.of(f"error.data.{code}", **where, **params))

    def repeated(self, group: Any, line: int, col: str, code: str, **params: Any) -> None:
        """A problem that the same value may cause on many rows (an unknown code): reported once, on its first
        line, with the number of other rows (see :meth:`flush`)."""
        if group in self._repeats:
            self._repeats[group][-1] += 1
        else:
            self._repeats[group] = [line, col, code, params, 0]

    def flush(self) -> None:
        """Record the problems of :meth:`repeated`, each once."""
        for line, col, code, params, more in self._repeats.values():
            if more:
                params = {**params, "hint": Text("error.data.more_rows", hint=params.get("hint", ""), n=more)}
            self.problem(line, col, code, **params)
        self._repeats = {}

    def integer(self, line: int, rec: dict[str, str], col: str, blank_ok: bool = False) -> int | None:
        text = rec[col].strip()
        if not text:
            if not blank_ok:
                self.problem(line, col, "empty_integer")
            return None
        if not re.fullmatch(r"-?\d+", text):
            self.problem(line, col, "not_integer", text=repr(text))
            return None
        return int(text)

    def number(self, line: int, rec: dict[str, str], col: str, blank_ok: bool = False) -> float | None:
        text = rec[col].strip()
        if not text:
            if not blank_ok:
                self.problem(line, col, "empty_number")
            return None
        try:
            value = float(text)
        except ValueError:
            self.problem(line, col, "not_number", text=repr(text))
            return None
        if not math.isfinite(value):
            self.problem(line, col, "not_finite", text=repr(text))
            return None
        return value

    def year(self, line: int, rec: dict[str, str]) -> int | None:
        y = self.integer(line, rec, "year")
        if y is not None and not YEAR_MIN <= y <= YEAR_MAX:
            self.problem(line, "year", "year_range", year=y, first=YEAR_MIN, last=YEAR_MAX)
            return None
        return y

    def flags(self, line: int, rec: dict[str, str], allowed: frozenset[str] = FLAGS) -> tuple[str, ...]:
        text = rec["flag"].strip()
        if not text:
            return ()
        out = []
        for code in (c.strip() for c in text.split(";")):
            if code not in allowed:
                self.problem(
                    line,
                    "flag",
                    "unknown_flag",
                    flag=repr(code),
                    hint=suggestion(code, allowed),
                    allowed=", ".join(sorted(allowed)),
                )
            else:
                out.append(code)
        return tuple(out)

    def vintage(self, line: int, rec: dict[str, str]) -> str:
        """An observation's release date: blank (unknown) or a real YYYY-MM-DD."""
        text = rec["vintage"].strip()
        if not text:
            return ""
        ok = re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) is not None
        if ok:
            try:
                pd.Timestamp(text)
            except ValueError:
                ok = False
        if not ok or not YEAR_MIN <= int(text[:4]) <= YEAR_MAX:
            self.problem(line, "vintage", "vintage", text=repr(text))
            return ""
        return text

    def status(self, line: int, rec: dict[str, str]) -> str:
        """An observation's release status: blank or one of :data:`STATUSES`."""
        text = rec["status"].strip()
        if text and text not in STATUSES:
            hint = suggestion(text, STATUSES)
            self.problem(line, "status", "status", text=repr(text), hint=hint, allowed=", ".join(STATUSES))
            return ""
        return text

    def as_of(self, line: int, rec: dict[str, str]) -> str:
        """A fact's date: blank, YYYY, YYYY-MM or YYYY-MM-DD (a real date, year from FACT_YEAR_MIN)."""
        text = rec["as_of"].strip()
        if not text:
            return ""
        m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
        ok = m is not None and FACT_YEAR_MIN <= int(m.group(1)) <= YEAR_MAX
        if ok and m is not None and m.group(2):
            try:
                pd.Timestamp(year=int(m.group(1)), month=int(m.group(2)), day=int(m.group(3) or 1))
            except ValueError:
                ok = False
        if not ok:
            self.problem(line, "as_of", "as_of", text=repr(text))
            return ""
        return text


# --------------------------------------------------------------------------
# Validation of each file
# --------------------------------------------------------------------------
def _num(value: float) -> Any:
    from growth8.i18n import Num

    return Num(value)


def _norm(text: str) -> str:
    """A name as compared: Unicode compatibility forms folded (full-width letters and digits), lower case,
    letters and digits only."""
    folded = unicodedata.normalize("NFKC", str(text)).casefold()
    return re.sub(r"[^a-z0-9]", "", folded)


def _without_province_word(key: str) -> str:
    """A normalised name without "provinsi" / "prov" / "province" before it or "province" after it."""
    for word in _PROVINCE_WORDS:
        if key.startswith(word) and len(key) > len(word):
            return key[len(word) :]
    for word in ("province", "provinsi"):
        if key.endswith(word) and len(key) > len(word):
            return key[: -len(word)]
    return key


def _check_provinces(t: _Table, problems: list[Problem]) -> pd.DataFrame:
    c = _Checker(t, problems)
    recs: list[dict[str, Any]] = []
    seen: dict[int, int] = {}
    names: dict[str, tuple[int, int]] = {}
    for line, rec in t.rows:
        code = c.integer(line, rec, "province_code")
        vals = {
            k: c.integer(line, rec, k, blank_ok=True)
            for k in ("first_year", "parent_code", "boundary_break_year", "kemendagri_code")
        }
        if code is None:
            continue
        if code in seen:
            c.problem(line, "province_code", "duplicate_province", province=code, first=seen[code])
            continue
        seen[code] = line
        for col in ("slug", "name_id", "name_en"):
            if not rec[col].strip():
                c.problem(line, col, "empty_name")
        aliases = tuple(a.strip() for a in rec["aliases"].split(";") if a.strip())
        for text in (rec["slug"], rec["name_id"], rec["name_en"], *aliases):
            key = _norm(text)
            if key in names and names[key][0] != code:
                other, other_line = names[key]
                c.problem(line, "aliases", "name_taken", name=repr(text), province=other, other_line=other_line)
            names.setdefault(key, (code, line))
        recs.append(
            {
                "province_code": code,
                "slug": rec["slug"].strip(),
                "name_id": rec["name_id"].strip(),
                "name_en": rec["name_en"].strip(),
                "island_group": rec["island_group"].strip(),
                **vals,
                "aliases": ";".join(aliases),
                "_line": line,
            }
        )
    for r in recs:
        if r["parent_code"] is not None and r["parent_code"] not in seen:
            c.problem(r["_line"], "parent_code", "unknown_parent", parent=r["parent_code"])
    df = pd.DataFrame(recs, columns=[*SCHEMAS["provinces.csv"], "_line"])
    for col in ("first_year", "parent_code", "boundary_break_year", "kemendagri_code"):
        df[col] = df[col].astype("Int64")
    df["province_code"] = df["province_code"].astype("int64")
    return df.drop(columns="_line").reset_index(drop=True)


def _check_series(t: _Table, problems: list[Problem]) -> pd.DataFrame:
    c = _Checker(t, problems)
    recs = []
    seen: dict[str, int] = {}
    for line, rec in t.rows:
        sid = rec["series_id"].strip()
        if not re.fullmatch(r"[a-z][a-z0-9_]*", sid):
            c.problem(line, "series_id", "invalid_id", name=repr(sid))
            continue
        if sid in seen:
            c.problem(line, "series_id", "duplicate_series", name=repr(sid), first=seen[sid])
            continue
        seen[sid] = line
        if rec["scope"] not in ("provincial", "national"):
            hint = suggestion(rec["scope"], ["provincial", "national"])
            c.problem(line, "scope", "scope", scope=repr(rec["scope"]), hint=hint)
        if rec["unit"] not in ALLOWED_UNITS:
            allowed = ", ".join(sorted(ALLOWED_UNITS))
            hint = suggestion(rec["unit"], ALLOWED_UNITS)
            c.problem(line, "unit", "unit", unit=repr(rec["unit"]), hint=hint, allowed=allowed)
        if rec["kind"] not in KINDS:
            hint = suggestion(rec["kind"], KINDS)
            c.problem(line, "kind", "kind", kind=repr(rec["kind"]), hint=hint, allowed=", ".join(KINDS))
        recs.append({k: rec[k].strip() for k in SCHEMAS["series.csv"]})
    return pd.DataFrame(recs, columns=list(SCHEMAS["series.csv"]))


def _check_observations(
    t: _Table,
    problems: list[Problem],
    series: pd.DataFrame,
    provinces: pd.DataFrame,
    scope: str,
    *,
    lines: dict[tuple[str, int, int, str], int] | None = None,
    series_known: bool = True,
    provinces_known: bool = True,
) -> pd.DataFrame:
    """Validate provincial.csv (``scope='provincial'``) or national.csv.

    ``series_known`` / ``provinces_known`` False: series.csv / provinces.csv could not be read, so ids and
    codes are not checked against them (that file's one problem says why; one per row would bury it).
    ``lines`` receives the line of every provincial value.
    """
    c = _Checker(t, problems)
    info = {r.series_id: r for r in series.itertuples(index=False)}
    codes = set(provinces["province_code"].tolist())
    breaks = {
        int(r.province_code): int(r.boundary_break_year)
        for r in provinces.itertuples(index=False)
        if not pd.isna(r.boundary_break_year)
    }
    provincial = scope == "provincial"
    seen: dict[tuple, int] = {}
    recs = []
    for line, rec in t.rows:
        sid = rec["series_id"].strip()
        meta = info.get(sid)
        if meta is None and not series_known:
            pass
        elif meta is None:
            c.repeated(("series", sid), line, "series_id", "unknown_series", name=repr(sid), hint=suggestion(sid, info))
        elif meta.scope != scope:
            c.problem(
                line,
                "series_id",
                "wrong_scope",
                name=repr(sid),
                scope=Text(f"error.data.scope_word.{meta.scope}"),
                wanted=Text(f"error.data.scope_word.{scope}"),
            )
            meta = None
        code = None
        if provincial:
            code = c.integer(line, rec, "province_code")
            if code is not None and code not in codes and provinces_known:
                hint = suggestion(str(code), [str(x) for x in codes])
                c.repeated(("code", code), line, "province_code", "unknown_province_code", province=code, hint=hint)
                code = None
        year = c.year(line, rec)
        value = c.number(line, rec, "value")
        flags = c.flags(line, rec)
        vintage = c.vintage(line, rec)
        status = c.status(line, rec)
        if meta is not None and value is not None:
            lo, hi = KINDS.get(meta.kind, (-math.inf, math.inf))
            if not lo <= value <= hi:
                if meta.kind == "level":
                    why = Text("error.data.why.level")
                elif meta.unit == "fraction" and abs(value) > 1.0:
                    why = Text("error.data.why.fraction", kind=meta.kind, low=lo, high=hi)
                else:
                    why = Text("error.data.why.range", kind=meta.kind, low=lo, high=hi)
                c.problem(line, "value", "value_range", value=repr(value), name=repr(sid), why=why)
            elif sid in POSITIVE_SERIES and value <= 0:
                c.problem(line, "value", "not_positive", value=repr(value), name=repr(sid))
            elif abs(value) > MAX_MAGNITUDE:
                c.problem(line, "value", "implausible", value=repr(value), name=repr(sid), most="1e15")
        if provincial and code is not None and year is not None and provinces_known:
            if "break" in flags and breaks.get(code) != year:
                given = breaks.get(code)
                c.problem(
                    line,
                    "flag",
                    "break_flag",
                    year=year,
                    province=code,
                    break_year=given if given is not None else Text("error.data.blank"),
                )
            if meta is not None and meta.kind in GROWTH_KINDS and "derived" in flags and breaks.get(code) == year:
                c.problem(line, "flag", "derived_across_break", province=code, year=year)
        if meta is None or year is None or value is None or (provincial and code is None):
            continue
        key = (sid, code, year, vintage) if provincial else (sid, year, vintage)
        shown = vintage or Text("error.data.vintage_unknown")
        if key in seen:
            if provincial:
                c.problem(
                    line,
                    "series_id",
                    "duplicate_row_province",
                    name=repr(sid),
                    province=code,
                    year=year,
                    vintage=shown,
                    first=seen[key],
                    this=line,
                )
            else:
                c.problem(
                    line,
                    "series_id",
                    "duplicate_row",
                    name=repr(sid),
                    year=year,
                    vintage=shown,
                    first=seen[key],
                    this=line,
                )
            continue
        seen[key] = line
        if provincial and lines is not None and code is not None:
            lines[(sid, code, year, vintage)] = line
        out: dict[str, Any] = {
            "series_id": sid,
            "year": year,
            "value": value,
            "source": rec["source"].strip(),
            "flag": ";".join(flags),
            "vintage": vintage,
            "status": status,
        }
        if provincial:
            out["province_code"] = code
        recs.append(out)
    c.flush()
    cols = list(SCHEMAS["provincial.csv" if provincial else "national.csv"])
    df = pd.DataFrame(recs, columns=cols)
    df["year"] = df["year"].astype("int64")
    df["value"] = df["value"].astype("float64")
    if provincial:
        df["province_code"] = df["province_code"].astype("int64")
    return df


def _check_published(t: _Table, problems: list[Problem]) -> pd.DataFrame:
    c = _Checker(t, problems)
    seen: dict[str, int] = {}
    recs = []
    for line, rec in t.rows:
        key = rec["key"].strip()
        if not re.fullmatch(r"[a-z][a-z0-9_]*", key):
            c.problem(line, "key", "invalid_key", name=repr(key))
            continue
        if key in seen:
            c.problem(line, "key", "duplicate_key", name=repr(key), first=seen[key])
            continue
        seen[key] = line
        value = c.number(line, rec, "value")
        high = c.number(line, rec, "value_high", blank_ok=True)
        if value is not None and high is not None and high < value:
            c.problem(line, "value_high", "high_below_value", high=repr(high), value=repr(value))
        if not rec["unit"].strip():
            c.problem(line, "unit", "empty_unit")
        # a percentage typed as a number (5.2 for 5.2%); risk weights legitimately reach 1.5 (150%)
        if rec["unit"].startswith("fraction") and value is not None and abs(value) > 2.0:
            c.problem(line, "value", "fraction_value", value=repr(value), unit=repr(rec["unit"]))
        out: dict[str, Any] = {k: rec[k].strip() for k in SCHEMAS["published.csv"]}
        out["value"] = np.nan if value is None else value
        out["value_high"] = np.nan if high is None else high
        recs.append(out)
    df = pd.DataFrame(recs, columns=list(SCHEMAS["published.csv"]))
    df["value"] = df["value"].astype("float64")
    df["value_high"] = df["value_high"].astype("float64")
    return df


def _check_forecasts(t: _Table, problems: list[Problem]) -> pd.DataFrame:
    """Validate forecasts.csv: dated national growth forecasts (fractions), one per forecaster, date and year."""
    c = _Checker(t, problems)
    seen: dict[tuple[str, str, int], int] = {}
    recs = []
    for line, rec in t.rows:
        forecaster = rec["forecaster"].strip()
        date = rec["publication_date"].strip()
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) or pd.isna(pd.to_datetime(date, errors="coerce")):
            c.problem(line, "publication_date", "forecast_date", text=repr(date))
            continue
        year, values = _growth_row(c, line, rec)
        if year is None or values[0] is None:
            continue
        key = (forecaster, date, year)
        if key in seen:
            c.problem(
                line, "forecaster", "duplicate_forecast", forecaster=forecaster, year=year, date=date, first=seen[key]
            )
            continue
        seen[key] = line
        recs.append(_growth_record(rec, "forecasts.csv", year, values))
    c.flush()
    return _growth_frame(recs, "forecasts.csv")


def _growth_row(c: _Checker, line: int, rec: dict[str, str]) -> tuple[int | None, list[float | None]]:
    """A growth row's ``target_year`` and ``value, low, high`` (fractions: one above 1 in size is a percentage
    typed as a number, reported); ``value`` is required."""
    year = c.integer(line, rec, "target_year")
    values = [c.number(line, rec, col, blank_ok=col != "value") for col in ("value", "low", "high")]
    for col, v in zip(("value", "low", "high"), values, strict=True):
        if v is not None and abs(v) > 1.0:
            c.problem(line, col, "fraction_value", value=repr(v), unit=repr("fraction"))
    return year, values


def _growth_record(
    rec: dict[str, str], name: str, year: int, values: list[float | None], **more: Any
) -> dict[str, Any]:
    """One checked row of a growth file (``name``'s columns, text stripped) with its numbers (blank: NaN)."""
    out: dict[str, Any] = {k: rec[k].strip() for k in SCHEMAS[name]}
    low, high = values[1], values[2]
    out.update(more, target_year=year, value=values[0], low=np.nan if low is None else low)
    out["high"] = np.nan if high is None else high
    return out


def _growth_frame(recs: list[dict[str, Any]], name: str) -> pd.DataFrame:
    """The checked rows of a growth file, typed: ``target_year`` int, ``value, low, high`` float."""
    df = pd.DataFrame(recs, columns=list(SCHEMAS[name]))
    df["target_year"] = df["target_year"].astype("int64")
    for col in ("value", "low", "high"):
        df[col] = df[col].astype("float64")
    return df


def _check_growth_targets(
    t: _Table, problems: list[Problem], provinces: pd.DataFrame, provinces_known: bool = True
) -> pd.DataFrame:
    """Validate growth_targets.csv: planned real growth (fractions) by plan, province (blank: national) and year."""
    c = _Checker(t, problems)
    codes = set(provinces["province_code"].tolist())
    seen: dict[tuple[str, int, int], int] = {}
    recs = []
    for line, rec in t.rows:
        plan = rec["plan"].strip()
        if plan not in PLANS:
            hint = suggestion(plan, PLANS)
            c.problem(line, "plan", "unknown_code", text=repr(plan), hint=hint, allowed=", ".join(PLANS))
            continue
        code = c.integer(line, rec, "province_code", blank_ok=plan == "rpjmn")
        if code is not None and code not in codes and provinces_known:
            hint = suggestion(str(code), [str(x) for x in codes])
            c.repeated(("code", code), line, "province_code", "unknown_province_code", province=code, hint=hint)
        for col in ("period", "document", "publisher", "source_url"):
            if not rec[col].strip():
                c.problem(line, col, "empty_name")
        date = rec["publication_date"].strip()
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) or pd.isna(pd.to_datetime(date, errors="coerce")):
            c.problem(line, "publication_date", "forecast_date", text=repr(date))
        year, values = _growth_row(c, line, rec)
        if year is None or values[0] is None:
            continue
        key = (plan, code if code is not None else 0, year)
        if key in seen:
            c.problem(line, "target_year", "duplicate_key", name=repr(f"{plan} {code or ''} {year}"), first=seen[key])
            continue
        seen[key] = line
        recs.append(_growth_record(rec, "growth_targets.csv", year, values, province_code=code))
    c.flush()
    df = _growth_frame(recs, "growth_targets.csv")
    df["province_code"] = df["province_code"].astype("Int64")
    return df


def _latest(observations: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    """The newest release of every observation: the row with the latest vintage per ``key`` (blank is oldest)."""
    if observations.empty:
        return observations.reset_index(drop=True)
    ordered = observations.sort_values([*key, "vintage"], kind="stable")
    return ordered.drop_duplicates(key, keep="last").reset_index(drop=True)


def _check_own_bpd(
    t: _Table, problems: list[Problem], provinces: pd.DataFrame, provinces_known: bool = True
) -> pd.DataFrame:
    """Validate own_bpd.csv: the own BPDs' base-year figures, one method for every config."""
    c = _Checker(t, problems)
    codes = set(provinces["province_code"].tolist())
    seen: dict[tuple[int, str], int] = {}
    recs = []
    for line, rec in t.rows:
        code = c.integer(line, rec, "province_code")
        if code is not None and code not in codes and provinces_known:
            hint = suggestion(str(code), [str(x) for x in codes])
            c.repeated(("code", code), line, "province_code", "unknown_province_code", province=code, hint=hint)
        for col in ("bank", "parameter", "fact_entity", "fact_indicator", "derivation"):
            if not rec[col].strip():
                c.problem(line, col, "empty_name")
        method = rec["method"].strip()
        if method not in OWN_BPD_METHODS:
            c.problem(
                line,
                "method",
                "unknown_code",
                text=repr(method),
                hint=suggestion(method, OWN_BPD_METHODS),
                allowed=", ".join(OWN_BPD_METHODS),
            )
        value = c.number(line, rec, "value")
        date = c.as_of(line, rec)
        key = (code if code is not None else -1, rec["parameter"].strip())
        if key in seen:
            c.problem(line, "parameter", "duplicate_key", name=repr(key[1]), first=seen[key])
            continue
        seen[key] = line
        out: dict[str, Any] = {k: rec[k].strip() for k in SCHEMAS["own_bpd.csv"]}
        out["province_code"] = code
        out["value"] = np.nan if value is None else value
        out["as_of"] = date
        recs.append(out)
    c.flush()
    df = pd.DataFrame(recs, columns=list(SCHEMAS["own_bpd.csv"]))
    df["province_code"] = df["province_code"].astype("Int64")
    df["value"] = df["value"].astype("float64")
    return df


def _check_facts(
    t: _Table, problems: list[Problem], provinces: pd.DataFrame, provinces_known: bool = True
) -> pd.DataFrame:
    """Validate one dated-fact file (bpd_facts.csv, bank_facts.csv or fiscal_facts.csv)."""
    c = _Checker(t, problems)
    name = t.path.name
    cols = SCHEMAS[name]
    codes = set(provinces["province_code"].tolist())
    seen: dict[tuple[str, ...], int] = {}
    recs = []
    for line, rec in t.rows:
        code = c.integer(line, rec, "province_code", blank_ok=True)
        if code is not None and code not in codes and provinces_known:
            hint = suggestion(str(code), [str(x) for x in codes])
            c.repeated(("code", code), line, "province_code", "unknown_province_code", province=code, hint=hint)
        for col in ("entity", "indicator"):
            if not rec[col].strip():
                c.problem(line, col, "empty_name")
        if not rec["source_file"].strip():
            c.problem(line, "source_file", "empty_source")
        for col, allowed in FACT_CODES.items():
            if col in cols and rec[col].strip() not in allowed:
                text = rec[col].strip()
                c.problem(
                    line,
                    col,
                    "unknown_code",
                    text=repr(text),
                    hint=suggestion(text, allowed),
                    allowed=", ".join(allowed),
                )
        date = c.as_of(line, rec)
        flags = c.flags(line, rec, FACT_FLAGS)
        value = c.number(line, rec, "value", blank_ok=True)
        unit = rec["unit"].strip()
        if value is not None and not unit:
            c.problem(line, "unit", "value_needs_unit")
        if value is not None and unit.startswith("fraction") and abs(value) > 2.0:
            c.problem(line, "value", "fraction_value", value=repr(value), unit=repr(unit))
        given = rec["value_as_given"].strip()
        if not given and "event" not in flags:
            c.problem(line, "value_as_given", "empty_as_given_fact")
        if "event" in flags and (given or value is not None):
            c.problem(line, "flag", "event_with_value", text=repr(given or rec["value"].strip()))
        key = tuple(rec[k].strip() for k in cols if k not in ("note", "flag"))
        if key in seen:
            c.problem(line, "entity", "duplicate_fact", first=seen[key], this=line)
            continue
        seen[key] = line
        out: dict[str, Any] = {k: rec[k].strip() for k in cols}
        out["province_code"] = code
        out["value"] = np.nan if value is None else value
        out["as_of"] = date
        out["flag"] = ";".join(flags)
        recs.append(out)
    c.flush()
    df = pd.DataFrame(recs, columns=list(cols))
    df["province_code"] = df["province_code"].astype("Int64")
    df["value"] = df["value"].astype("float64")
    return df


# --------------------------------------------------------------------------
# Panel
# --------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class Panel:
    """All bundled data, validated.

    Attributes
    ----------
    provinces, series, provincial, national, published : DataFrame
        The files of the same names, parsed (codes and years as integers,
        values as floats, blank flags as ``""``).
    bpd_facts, bank_facts, fiscal_facts : DataFrame
        The dated facts about BPDs, provincial (and national) banking and
        provincial budgets; read them together with :meth:`facts`.
    own_bpd : DataFrame
        The own BPDs' base-year figures chosen from bpd_facts (``own_bpd.csv``): every config
        uses them for that bank.
    growth_targets : DataFrame
        Planned real growth (``growth_targets.csv``, fractions): the national RPJMN path (blank
        ``province_code``) and provincial RPJMD targets; read them with :meth:`plan_targets`.
    data_dir : Path
        Folder the files were read from.
    data_hash : str
        sha256 of the folder's ``*.csv`` files and ``SOURCES.md`` (see
        :func:`data_hash`); record it with every result.
    lines : mapping
        (series_id, province code, year) -> the line of ``provincial.csv`` the value is on, for messages.
    """

    provinces: pd.DataFrame
    series: pd.DataFrame
    provincial: pd.DataFrame
    national: pd.DataFrame
    published: pd.DataFrame
    bpd_facts: pd.DataFrame
    bank_facts: pd.DataFrame
    fiscal_facts: pd.DataFrame
    own_bpd: pd.DataFrame
    data_dir: Path
    data_hash: str
    lines: Mapping[tuple[str, int, int], int] = field(default_factory=dict, repr=False)
    forecasts: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(SCHEMAS["forecasts.csv"])))
    growth_targets: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=list(SCHEMAS["growth_targets.csv"]))
    )
    provincial_releases: pd.DataFrame | None = field(default=None, repr=False)
    national_releases: pd.DataFrame | None = field(default=None, repr=False)
    as_of_year: int | None = None
    _names: dict[str, int] = field(init=False, repr=False)
    _index: dict[tuple[str, int, int], tuple[float, str]] = field(init=False, repr=False)
    _memo: dict[tuple[str, ...], Any] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        names: dict[str, int] = {}
        for r in self.provinces.itertuples(index=False):
            code = int(r.province_code)
            for text in (r.slug, r.name_id, r.name_en, *str(r.aliases).split(";")):
                if text:
                    names.setdefault(_norm(text), code)
        known = set(names.values())
        for code, spellings in COMMON_NAMES.items():  # the data's own names win over these
            if code in known:
                for text in spellings:
                    names.setdefault(_norm(text), code)
        index = {
            (sid, int(code), int(year)): (float(value), str(flag))
            for sid, code, year, value, flag in zip(
                self.provincial["series_id"],
                self.provincial["province_code"],
                self.provincial["year"],
                self.provincial["value"],
                self.provincial["flag"],
                strict=True,
            )
        }
        object.__setattr__(self, "_names", names)
        object.__setattr__(self, "_index", index)
        # Tables derived from the (immutable) frames, built once per panel: see _memoised.
        object.__setattr__(self, "_memo", {})
        if self.provincial_releases is None:
            object.__setattr__(self, "provincial_releases", self.provincial)
        if self.national_releases is None:
            object.__setattr__(self, "national_releases", self.national)

    def _memoised(self, key: tuple[str, ...], build: Callable[[], pd.DataFrame]) -> pd.DataFrame:
        """A copy of the table ``build()`` makes, built once per panel (the frames never change after load;
        :meth:`as_of` makes a new panel with its own memo). A copy, so a caller that edits it edits its own."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key].copy()

    # ---- vintages ----
    @staticmethod
    def release_cutoff(year: int) -> str:
        """The last release date (ISO) an analysis as of ``year`` may use: ``year + 1`` and
        :data:`AS_OF_RELEASE_CUTOFF`."""
        return f"{int(year) + 1}-{AS_OF_RELEASE_CUTOFF}"

    def as_of(self, year: int) -> Panel:
        """The data as they were known at the end of ``year``'s first release round.

        Parameters
        ----------
        year : int
            Observations for later years are dropped, and so is every release dated after
            :meth:`release_cutoff` (``year + 1``-03-31): where an earlier release of the same figure is
            bundled it takes that one's place.

        Returns
        -------
        Panel
            A panel with the same folder and hash and ``as_of_year`` set.

        Notes
        -----
        An observation with a blank vintage (release date not known) passes on its year alone; a projection
        (:data:`PROJECTION_SERIES`) passes on its release date alone, whatever year it is for; dated facts pass
        when their publication date (else their ``as_of`` date) is not after the cut-off; the own-BPD figures
        when their ``as_of`` year is at most ``year``; national forecasts and plan growth targets when published
        by the cut-off. The
        single published parameters (published.csv) are used at every as-of year.
        """
        year = int(year)
        cutoff = self.release_cutoff(year)

        def released(frame: pd.DataFrame | None) -> pd.DataFrame:
            assert frame is not None
            projected = frame["series_id"].isin(PROJECTION_SERIES) & (frame["vintage"] != "")
            keep = ((frame["year"] <= year) | projected) & ((frame["vintage"] == "") | (frame["vintage"] <= cutoff))
            return frame.loc[keep].reset_index(drop=True)

        provincial_all = released(self.provincial_releases)
        national_all = released(self.national_releases)

        def dated(frame: pd.DataFrame) -> pd.DataFrame:
            when = frame["publication_date"].where(frame["publication_date"] != "", frame["as_of"])
            keep = (when == "") | (when.str.slice(0, 10) <= cutoff)
            return frame.loc[keep].reset_index(drop=True)

        own = self.own_bpd
        own = own.loc[(own["as_of"] == "") | (own["as_of"].str.slice(0, 4).astype(str) <= str(year))]
        forecasts = self.forecasts.loc[self.forecasts["publication_date"] <= cutoff]
        targets = self.growth_targets.loc[self.growth_targets["publication_date"] <= cutoff]
        provincial = _latest(provincial_all, ["series_id", "province_code", "year"])
        keep_lines = {(r[0], int(r[1]), int(r[2])) for r in provincial[["series_id", "province_code", "year"]].values}
        return dataclasses.replace(
            self,
            provincial=provincial,
            national=_latest(national_all, ["series_id", "year"]),
            provincial_releases=provincial_all,
            national_releases=national_all,
            bpd_facts=dated(self.bpd_facts),
            bank_facts=dated(self.bank_facts),
            fiscal_facts=dated(self.fiscal_facts),
            own_bpd=own.reset_index(drop=True),
            forecasts=forecasts.reset_index(drop=True),
            growth_targets=targets.reset_index(drop=True),
            lines={k: v for k, v in self.lines.items() if k in keep_lines},
            as_of_year=year,
        )

    def province_geometry(self) -> dict[int, tuple[Ring, ...]] | None:
        """The provinces' outlines from this panel's folder (see :func:`load_province_geometry`), read when asked
        for; None when the folder has no map files."""
        return load_province_geometry(self.data_dir)

    def vintages(self) -> pd.DataFrame:
        """Per series: the latest year observed and, for that year, the newest release date and status.

        Returns
        -------
        DataFrame
            ``series_id, last_year, vintage, status``: the newest release date among the last year's values
            (blank: not known) and the statuses they carry.
        """
        return self._memoised(("vintages",), self._vintages)

    def _vintages(self) -> pd.DataFrame:
        rows = []
        for frame in (self.provincial, self.national):
            for sid, d in frame.groupby("series_id", sort=True):
                last = int(d["year"].max())
                at = d.loc[d["year"] == last]
                vintage = str(at["vintage"].max())
                status = ";".join(sorted({s for s in at["status"] if s}))
                rows.append({"series_id": sid, "last_year": last, "vintage": vintage, "status": status})
        return pd.DataFrame(rows, columns=["series_id", "last_year", "vintage", "status"])

    # ---- provinces ----
    @property
    def province_codes(self) -> tuple[int, ...]:
        """Every province's BPS code, in table order."""
        return tuple(int(c) for c in self.provinces["province_code"])

    def province(self, code_or_name: int | str) -> int:
        """Return the BPS code of a province.

        Parameters
        ----------
        code_or_name : int or str
            A BPS code (``36`` or ``"36"``, in any script's digits: ``"３６"``), slug (``"dki_jakarta"``),
            Indonesian or English name, alias (data/provinces.csv) or everyday name (:data:`COMMON_NAMES`:
            ``jabar``, ``NTB``, ``DIY``...); case, spaces and punctuation are ignored, and "Provinsi" or
            "Prov." before the name is dropped.

        Raises
        ------
        UnknownProvinceError
            With the closest names as suggestions.
        """
        codes = set(self.provinces["province_code"].tolist())
        if isinstance(code_or_name, (int, np.integer)) and not isinstance(code_or_name, bool):
            if int(code_or_name) in codes:
                return int(code_or_name)
            raise UnknownProvinceError(str(code_or_name), self._suggest(str(code_or_name)))
        text = unicodedata.normalize("NFKC", str(code_or_name)).strip()
        if text.isdecimal() and len(text) <= 6:
            if int(text) in codes:
                return int(text)
            raise UnknownProvinceError(str(code_or_name).strip(), self._suggest(text))
        key = _norm(text)
        code = self._names.get(key)
        if code is None:
            code = self._names.get(_without_province_word(key))
        if code is None:
            raise UnknownProvinceError(str(code_or_name).strip(), self._suggest(text))
        return code

    def _suggest(self, text: str) -> list[str]:
        """The slugs of the (at most three) provinces whose names are closest to ``text``."""
        query = _without_province_word(_norm(text))
        if not query:
            return []
        slugs = {int(r.province_code): str(r.slug) for r in self.provinces.itertuples(index=False)}
        pool = {key: slugs[code] for key, code in self._names.items()}
        pool.update({str(code): slug for code, slug in slugs.items()})
        close = difflib.get_close_matches(query, list(pool), n=6, cutoff=0.6)
        if not close:
            return []
        # only the names about as close as the closest one ('banteen': banten, not jateng as well)
        best = difflib.SequenceMatcher(None, query, close[0]).ratio()
        near = [c for c in close if difflib.SequenceMatcher(None, query, c).ratio() >= best - 0.1]
        return list(dict.fromkeys(pool[c] for c in near))[:3]

    def last_complete_year(self, series_id: str, codes: Iterable[int]) -> int | None:
        """The last year in which ``series_id`` is observed for every one of ``codes`` (None if never)."""
        wanted = set(int(c) for c in codes)
        rows = self.provincial.loc[
            (self.provincial["series_id"] == series_id) & self.provincial["province_code"].isin(wanted)
        ]
        counts = rows.groupby("year")["province_code"].nunique()
        full = counts[counts == len(wanted)]
        return int(full.index.max()) if len(full) else None

    def province_name(self, code: int | str, lang: str = "id") -> str:
        """Return a province's name in Indonesian (``lang="id"``) or English (``"en"``)."""
        if lang not in ("id", "en"):
            raise ValueError(f"lang must be 'id' or 'en', not {lang!r}")
        c = self.province(code)
        if ("names",) not in self._memo:
            self._memo[("names",)] = {
                (int(r.province_code), lang_): str(r.name_id if lang_ == "id" else r.name_en)
                for r in self.provinces.itertuples(index=False)
                for lang_ in ("id", "en")
            }
        return str(self._memo[("names",)][(c, lang)])

    # ---- series ----
    def _series_row(self, series_id: str) -> pd.Series:
        if ("series_rows",) not in self._memo:
            self._memo[("series_rows",)] = {str(r["series_id"]): r for _, r in self.series.iterrows()}
        row = self._memo[("series_rows",)].get(series_id)
        if row is not None:
            return row.copy()
        hit = self.series.loc[self.series["series_id"] == series_id]
        if hit.empty:
            hint = suggestion(series_id, self.series["series_id"])
            where = str(self.data_dir / "series.csv")
            raise UnknownSeriesError.of("error.data.unknown_series_id", name=repr(series_id), hint=hint, file=where)
        return hit.iloc[0]

    def series_info(self, series_id: str) -> dict[str, str]:
        """Return the catalogue entry (``series.csv`` row) of a series as a dict."""
        return {k: str(v) for k, v in self._series_row(series_id).items()}

    def wide(self, series_id: str, years: Iterable[int] | None = None) -> pd.DataFrame:
        """Return a provincial series as a table: index year, one column per province code.

        Parameters
        ----------
        series_id : str
            A provincial series.
        years : iterable of int, optional
            Rows to return (missing years become rows of NaN); default all years
            with data.
        """
        if self._series_row(series_id)["scope"] != "provincial":
            raise UnknownSeriesError.of("error.data.series_is_national", name=repr(series_id))

        def pivot() -> pd.DataFrame:
            d = self.provincial.loc[self.provincial["series_id"] == series_id]
            table = d.pivot(index="year", columns="province_code", values="value").sort_index()
            return table.reindex(columns=sorted(table.columns))

        out = self._memoised(("wide", series_id), pivot)
        if years is not None:
            out = out.reindex(list(years))
        out.index.name = "year"
        out.columns.name = "province_code"
        return out

    def get(self, series_id: str, code: int | str, year: int) -> float:
        """Return one provincial value, or NaN when it is missing."""
        self._series_row(series_id)
        hit = self._index.get((series_id, self.province(code), int(year)))
        return math.nan if hit is None else hit[0]

    def flag(self, series_id: str, code: int | str, year: int) -> tuple[str, ...]:
        """Return the flags of one provincial value (empty when none or missing)."""
        hit = self._index.get((series_id, self.province(code), int(year)))
        return tuple(hit[1].split(";")) if hit and hit[1] else ()

    def national_value(self, series_id: str, year: int) -> float:
        """Return one national value, or NaN when it is missing."""
        if self._series_row(series_id)["scope"] != "national":
            raise UnknownSeriesError.of("error.data.series_is_provincial", name=repr(series_id))
        d = self.national
        hit = d.loc[(d["series_id"] == series_id) & (d["year"] == int(year)), "value"]
        return float(hit.iloc[0]) if len(hit) else math.nan

    def published_value(self, key: str) -> float:
        """Return a published single value (``published.csv``) by key.

        Raises
        ------
        UnknownSeriesError
            A ``KeyError`` with a "did you mean".
        """
        hit = self.published.loc[self.published["key"] == key, "value"]
        if hit.empty:
            hint = suggestion(key, self.published["key"])
            where = str(self.data_dir / "published.csv")
            raise UnknownSeriesError.of("error.data.unknown_published", name=repr(key), hint=hint, file=where)
        return float(hit.iloc[0])

    def growth_from_levels(self, code: int | str, series_id: str = "grdp_real") -> pd.Series:
        """Growth rate (fraction) of a level series, year-1 to year, for one province.

        Never computed across a boundary break: a year whose level carries the
        ``break`` flag (and any year without the previous year's level) is NaN.
        """
        c = self.province(code)
        self._series_row(series_id)
        d = self.provincial.loc[(self.provincial["series_id"] == series_id) & (self.provincial["province_code"] == c)]
        d = d.set_index("year").sort_index()
        if d.empty:
            return pd.Series(dtype="float64", name=series_id)
        years = range(int(d.index.min()), int(d.index.max()) + 1)
        level = d["value"].reindex(years)
        growth = level / level.shift(1) - 1.0
        is_break = d["flag"].reindex(years).fillna("").str.split(";").map(lambda f: "break" in f)
        growth = growth.where(~is_break.astype(bool))
        growth.index.name = "year"
        return growth.rename(f"{series_id}_growth")

    def history(self, code: int | str) -> pd.DataFrame:
        """Key provincial series of one province: years as rows, series as columns."""
        c = self.province(code)
        d = self.provincial.loc[
            (self.provincial["province_code"] == c) & self.provincial["series_id"].isin(HISTORY_SERIES)
        ]
        out = d.pivot(index="year", columns="series_id", values="value").sort_index()
        out = out.reindex(columns=[s for s in HISTORY_SERIES if s in out.columns])
        out.columns.name = None
        out.index.name = "year"
        return out

    # ---- plan targets ----
    def plan_targets(self, code: int | str | None = None, plan: str | None = None) -> pd.DataFrame:
        """Planned real growth (growth_targets.csv) for one province, or the national rows.

        Parameters
        ----------
        code : int or str, optional
            A province (code, slug or name): its RPJMD rows. None: the national rows (RPJMN).
        plan : {"rpjmn", "rpjmd"}, optional
            One plan only.

        Returns
        -------
        DataFrame
            The file's columns, sorted by plan and ``target_year``; no rows where the file has none (a target
            that was not found is not filled in).
        """
        d = self.growth_targets
        if code is None:
            keep = d["province_code"].isna()
        else:
            keep = (d["province_code"] == self.province(code)).fillna(False).astype(bool)
        if plan is not None:
            keep &= d["plan"] == plan
        return d.loc[keep].sort_values(["plan", "target_year"]).reset_index(drop=True)

    # ---- dated facts ----
    def facts(
        self,
        entity: str | None = None,
        province: int | str | None = None,
        indicator: str | None = None,
        *,
        table: str | None = None,
        as_of: str | None = None,
        exclude: Iterable[str] = (),
    ) -> pd.DataFrame:
        """Dated facts (one figure or event per row) from the three fact files, filtered.

        Parameters
        ----------
        entity : str, optional
            Text the entity contains, any case (``"Bank Banten"`` matches ``"Bank Banten (BEKS)"``).
        province : int or str, optional
            A province (code, slug or name): rows with that ``province_code``.
        indicator : str, optional
            Text the indicator contains, any case (``"LDR"``, ``"credit outstanding"``).
        table : {"bpd", "bank", "fiscal"}, optional
            One file only (default all three).
        as_of : str, optional
            Rows whose ``as_of`` starts with this (``"2024"`` matches 2024, 2024-09 and 2024-09-30).
        exclude : iterable of str
            Drop rows carrying any of these flags (e.g. ``("suspect", "event")``). Conflicting releases
            are kept by default: both carry ``conflict``.

        Returns
        -------
        DataFrame
            Column ``table`` (bpd, bank, fiscal), then the files' columns (a column a file does not have is
            empty for its rows), in file order. Values are in project units (Rp bn, fractions); the
            printed value and unit are in ``value_as_given`` and ``unit_as_given``.
        """
        if table is not None and table not in FACT_TABLES:
            hint = suggestion(str(table), FACT_TABLES)
            raise UnknownSeriesError.of("error.data.unknown_fact_table", name=repr(table), hint=hint)
        names = [table] if table is not None else list(FACT_TABLES)
        frames = {"bpd": self.bpd_facts, "bank": self.bank_facts, "fiscal": self.fiscal_facts}
        columns = ["table", *dict.fromkeys(c for n in FACT_TABLES.values() for c in SCHEMAS[n])]
        out = pd.concat([frames[n].assign(table=n) for n in names], ignore_index=True).reindex(columns=columns)
        out["province_code"] = out["province_code"].astype("Int64")
        keep = pd.Series(True, index=out.index)
        if entity is not None:
            keep &= out["entity"].str.contains(entity, case=False, regex=False)
        if indicator is not None:
            keep &= out["indicator"].str.contains(indicator, case=False, regex=False)
        if province is not None:
            keep &= (out["province_code"] == self.province(province)).fillna(False).astype(bool)
        if as_of is not None:
            keep &= out["as_of"].str.startswith(str(as_of))
        drop = set(exclude)
        if drop:
            keep &= ~out["flag"].str.split(";").map(lambda f: bool(drop & set(f)))
        return out.loc[keep].reset_index(drop=True)

    def own_bank(self, code: int | str) -> str | None:
        """The province's own BPD as ``own_bpd.csv`` names it (``"Bank Banten"``); None without a row there."""
        own = self.own_bpd.loc[self.own_bpd["province_code"] == self.province(code), "bank"]
        return str(own.iloc[0]) if len(own) else None

    def bank_indicators(self, code: int | str, bank: str | None = None) -> pd.DataFrame:
        """Dated bank indicators of a province: its own BPD's and its banking sector's, as published.

        Parameters
        ----------
        code : int or str
            A province (code, slug or name).
        bank : str, optional
            The own BPD's name (``own_bpd.csv``'s ``bank``; default the province's row there): its facts are
            those whose entity is the name, or the name followed by `` (`` (``"Bank Banten (BEKS)"``).

        Returns
        -------
        DataFrame
            ``holder`` (``bpd`` or ``sector``), ``indicator`` (a code of :data:`BANK_INDICATORS`), ``as_of``,
            ``date`` (:func:`fact_date`), then ``value, unit, scope, flag, entity, indicator_as_given,
            publisher, intermediary, source_url``, sorted by holder, indicator and date. Rows without a date,
            without a value, or flagged ``suspect`` or ``event`` are left out; ``conflict`` rows stay (with
            their flag): two releases of one figure are both shown, never one chosen.
        """
        province = self.province(code)
        bank = bank if bank is not None else self.own_bank(province)
        wanted = {text: key for key, texts in BANK_INDICATORS.items() for text in texts}
        facts = self.facts(exclude=("suspect", "event"))
        facts = facts[facts["indicator"].isin(wanted) & facts["value"].notna() & facts["as_of"].fillna("").ne("")]
        own_rows = facts["table"].eq("bpd") & (
            facts["entity"].eq(bank) | facts["entity"].str.startswith(f"{bank} (") if bank else False
        )
        sector_rows = facts["table"].eq("bank") & (facts["province_code"] == province).fillna(False).astype(bool)
        out = pd.concat([facts[own_rows].assign(holder="bpd"), facts[sector_rows].assign(holder="sector")])
        out = out.rename(columns={"indicator": "indicator_as_given"})
        out["indicator"] = out["indicator_as_given"].map(wanted)
        out["date"] = out["as_of"].map(fact_date)
        columns = ["holder", "indicator", "as_of", "date", "value", "unit", "scope", "flag", "entity"]
        columns += ["indicator_as_given", "publisher", "intermediary", "source_url"]
        return out[columns].sort_values(["holder", "indicator", "date"], kind="stable").reset_index(drop=True)

    def fact_value(self, entity: str, indicator: str, as_of: str, *, table: str | None = None) -> float:
        """The value of the one fact whose entity and indicator contain the texts and whose ``as_of`` is given.

        Raises
        ------
        UnknownSeriesError
            (a ``KeyError``) when no row, or more than one, matches; the message says how many.
        """
        hit = self.facts(entity, indicator=indicator, table=table)
        hit = hit.loc[hit["as_of"] == as_of]
        if len(hit) != 1:
            code = "error.data.fact_not_found" if hit.empty else "error.data.fact_ambiguous"
            what = f"{entity!r} / {indicator!r} / {as_of}"
            raise UnknownSeriesError.of(code, name=what, count=len(hit))
        return float(hit["value"].iloc[0])

    def catalog(self) -> pd.DataFrame:
        """Series catalogue with coverage: provinces, first/last year, rows, source ids, and the last year's
        newest release date (``last_vintage``, blank when not known) and status."""
        return self._memoised(("catalog",), self._catalog)

    def _catalog(self) -> pd.DataFrame:
        frames = [self.provincial, self.national.assign(province_code=pd.NA)]
        rows = []
        for r in self.series.itertuples(index=False):
            d = frames[0] if r.scope == "provincial" else frames[1]
            d = d.loc[d["series_id"] == r.series_id]
            rows.append(
                {
                    "series_id": r.series_id,
                    "scope": r.scope,
                    "unit": r.unit,
                    "title_en": r.title_en,
                    "n_provinces": int(d["province_code"].nunique()) if r.scope == "provincial" else 0,
                    "first_year": int(d["year"].min()) if len(d) else pd.NA,
                    "last_year": int(d["year"].max()) if len(d) else pd.NA,
                    "n_rows": len(d),
                    "sources": ";".join(sorted(set(d["source"]))),
                }
            )
        out = pd.DataFrame(rows)
        out["first_year"] = out["first_year"].astype("Int64")
        out["last_year"] = out["last_year"].astype("Int64")
        latest = self.vintages().set_index("series_id")
        out["last_vintage"] = out["series_id"].map(latest["vintage"]).fillna("")
        out["last_status"] = out["series_id"].map(latest["status"]).fillna("")
        return out


def load_panel(data_dir: str | Path | None = None) -> Panel:
    """Read and validate every data file.

    Parameters
    ----------
    data_dir : str or Path, optional
        Folder with the data files; default :func:`find_data_dir`.

    Returns
    -------
    Panel

    Raises
    ------
    DataError
        Listing every problem found (missing files or columns, bad numbers,
        unknown ids, duplicates, out-of-range values, unknown flags, ...),
        each with ``file:line:column``.
    """
    folder = find_data_dir(data_dir)
    problems: list[Problem] = []
    tables = {
        name: _read_table(folder / name, problems)
        for name in SCHEMAS
        if name not in MAP_FILES and (name not in OPTIONAL_FILES or (folder / name).exists())
    }
    if not (folder / "SOURCES.md").is_file():
        problems.append(Problem.of("error.data.missing_sources", file=str(folder / "SOURCES.md")))
    provinces = _check_provinces(tables["provinces.csv"], problems)
    series = _check_series(tables["series.csv"], problems)
    for name, frame in (("provinces.csv", provinces), ("series.csv", series)):
        if tables[name].ok and frame.empty:  # a header and no rows: one message, not one per row that refers to it
            problems.append(Problem.of("error.data.no_rows", file=str(folder / name), line=2))
            tables[name].ok = False
    series_ok, prov_ok = tables["series.csv"].ok, tables["provinces.csv"].ok
    value_lines: dict[tuple[str, int, int, str], int] = {}
    provincial_all = _check_observations(
        tables["provincial.csv"],
        problems,
        series,
        provinces,
        "provincial",
        lines=value_lines,
        series_known=series_ok,
        provinces_known=prov_ok,
    )
    national_all = _check_observations(
        tables["national.csv"], problems, series, provinces, "national", series_known=series_ok, provinces_known=prov_ok
    )
    provincial = _latest(provincial_all, ["series_id", "province_code", "year"])
    national = _latest(national_all, ["series_id", "year"])
    published = _check_published(tables["published.csv"], problems)
    forecasts = _check_forecasts(tables["forecasts.csv"], problems)
    facts = {short: _check_facts(tables[name], problems, provinces, prov_ok) for short, name in FACT_TABLES.items()}
    own_bpd = _check_own_bpd(tables["own_bpd.csv"], problems, provinces, prov_ok)
    targets_table = tables.get("growth_targets.csv", _Table(folder / "growth_targets.csv", [], True))
    growth_targets = _check_growth_targets(targets_table, problems, provinces, prov_ok)
    if tables["series.csv"].ok and tables["provincial.csv"].ok and tables["national.csv"].ok:
        used = set(provincial["series_id"]) | set(national["series_id"])
        lines = {rec["series_id"].strip(): line for line, rec in tables["series.csv"].rows}
        for sid in series["series_id"]:
            if sid not in used:
                problems.append(
                    Problem.of(
                        "error.data.series_unused",
                        file=str(folder / "series.csv"),
                        line=lines.get(sid),
                        key="series_id",
                        name=repr(sid),
                    )
                )
    if problems:
        raise DataError(_capped_per_file(problems))
    return Panel(
        provinces=provinces,
        series=series,
        provincial=provincial,
        national=national,
        published=published,
        bpd_facts=facts["bpd"],
        bank_facts=facts["bank"],
        fiscal_facts=facts["fiscal"],
        own_bpd=own_bpd,
        data_dir=folder,
        data_hash=data_hash(folder),
        lines={
            (sid, int(code), int(year)): value_lines[(sid, int(code), int(year), vintage)]
            for sid, code, year, vintage in provincial[["series_id", "province_code", "year", "vintage"]].values
        },
        forecasts=forecasts,
        growth_targets=growth_targets,
        provincial_releases=provincial_all,
        national_releases=national_all,
    )


def _capped_per_file(problems: list[Problem]) -> list[Problem]:
    """At most :data:`MAX_FILE_PROBLEMS` problems per file, then one line saying how many more it has."""
    count: dict[str | None, int] = {}
    for p in problems:
        count[p.file] = count.get(p.file, 0) + 1
    shown: dict[str | None, int] = {}
    out: list[Problem] = []
    for p in problems:
        n = shown.get(p.file, 0)
        shown[p.file] = n + 1
        if n < MAX_FILE_PROBLEMS:
            out.append(p)
        elif n == MAX_FILE_PROBLEMS:
            rest = count[p.file] - MAX_FILE_PROBLEMS
            out.append(Problem.of("error.data.more_problems", file=p.file, n=_num(rest), most=MAX_FILE_PROBLEMS))
    return out


# --------------------------------------------------------------------------
# Map geometry
# --------------------------------------------------------------------------
#: A ring of a province's outline: (longitude, latitude) positions, the last equal to the first.
Ring = tuple[tuple[float, float], ...]


def load_province_geometry(data_dir: str | Path | None = None) -> dict[int, tuple[Ring, ...]] | None:
    """The provinces' outlines for a map: per BPS code, the outer ring of each of its polygons.

    Reads :data:`GEOMETRY_FILE` (the bundled one: simplified boundaries of the 38 provinces, CC BY 4.0, see
    ``SOURCES.md``) and :data:`GEOMETRY_CROSSWALK`, which maps each feature's ``properties.id`` to its BPS code.
    The file's own ``KODE_PROV`` is never read: for the Papua provinces it is the pre-split parent's code (91 or
    92), not the BPS code.

    Parameters
    ----------
    data_dir : str or Path, optional
        Data folder; default :func:`find_data_dir`.

    Returns
    -------
    dict or None
        BPS code -> the outer rings of the province's polygons (a Polygon gives one, a MultiPolygon one per
        part), each a tuple of (longitude, latitude) as the file has them: simplified as is, not re-projected.
        Holes are left out (the bundled file has none). None when the folder lacks either file: no map.

    Raises
    ------
    DataError
        Listing every problem: a crosswalk row with an empty or repeated feature id, a code that is not a whole
        number or is repeated, a name that differs from the feature's :data:`GEOMETRY_NAME_PROPERTY`; a GeoJSON
        file that is not JSON or not a FeatureCollection of Polygon and MultiPolygon features with an id and
        valid coordinates; a feature without a crosswalk row, or a row without a feature.
    """
    folder = find_data_dir(data_dir)
    crosswalk_path, geometry_path = folder / GEOMETRY_CROSSWALK, folder / GEOMETRY_FILE
    if not (crosswalk_path.is_file() and geometry_path.is_file()):
        return None
    problems: list[Problem] = []
    table = _read_table(crosswalk_path, problems)
    rows = _check_geometry_crosswalk(table, problems)
    crosswalk_ok = table.ok and not problems  # else a feature whose row is wrong would be reported twice
    features = _read_features(geometry_path, problems)
    out: dict[int, tuple[Ring, ...]] = {}
    if crosswalk_ok and features is not None:
        c = _Checker(table, problems)
        for feature_id, (line, code, name) in rows.items():
            if feature_id not in features:
                hint = suggestion(feature_id, features)
                c.problem(
                    line, "feature_id", "geometry_no_feature", name=repr(feature_id), geometry=GEOMETRY_FILE, hint=hint
                )
                continue
            given, rings = features[feature_id]
            if rings is None:  # its geometry is wrong, and said so
                continue
            if given and given != name:
                c.problem(
                    line, "name_in_file", "geometry_name", name=repr(name), feature=repr(feature_id), given=repr(given)
                )
            out[code] = rings
        for feature_id, (given, _) in features.items():
            if feature_id not in rows:
                problems.append(
                    Problem.of(
                        "error.data.geometry_no_row",
                        file=str(geometry_path),
                        name=repr(feature_id),
                        province=repr(given),
                        crosswalk=GEOMETRY_CROSSWALK,
                    )
                )
    if problems:
        raise DataError(_capped_per_file(problems))
    return out


def _check_geometry_crosswalk(t: _Table, problems: list[Problem]) -> dict[str, tuple[int, int, str]]:
    """Validate province_geometry.csv: feature id -> (line, BPS code, the feature's name in the GeoJSON file)."""
    c = _Checker(t, problems)
    out: dict[str, tuple[int, int, str]] = {}
    code_lines: dict[int, int] = {}
    for line, rec in t.rows:
        feature_id, name = rec["feature_id"].strip(), rec["name_in_file"].strip()
        code = c.integer(line, rec, "province_code")
        if not feature_id:
            c.problem(line, "feature_id", "empty_name")
        if not name:
            c.problem(line, "name_in_file", "empty_name")
        if feature_id in out:
            c.problem(line, "feature_id", "duplicate_key", name=repr(feature_id), first=out[feature_id][0])
            continue
        if code is not None and code in code_lines:
            c.problem(line, "province_code", "duplicate_province", province=code, first=code_lines[code])
            continue
        if code is None or not feature_id or not name:
            continue
        out[feature_id] = (line, code, name)
        code_lines[code] = line
    return out


def _read_features(path: Path, problems: list[Problem]) -> dict[str, tuple[str, tuple[Ring, ...] | None]] | None:
    """A GeoJSON FeatureCollection's features: ``properties.id`` -> (its name, the outer rings, or None when its
    geometry is wrong: a problem says so); None if the file cannot be read."""
    import json

    from growth8.textio import decode_utf8

    file = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_DATA_FILE_BYTES:
            problems.append(
                Problem.of("error.data.too_large", file=file, size=_num(size), most=_num(MAX_DATA_FILE_BYTES))
            )
            return None
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem.of("error.yaml.cannot_read", file=file, reason=exc.strerror or str(exc)))
        return None
    text, bad = decode_utf8(raw, file)
    if text is None:
        problems.extend([bad] if bad is not None else [])
        return None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.append(
            Problem.of("error.data.geometry_json", file=file, line=exc.lineno, column=exc.colno, reason=exc.msg)
        )
        return None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        problems.append(Problem.of("error.data.geometry_collection", file=file))
        return None
    out: dict[str, tuple[str, tuple[Ring, ...] | None]] = {}
    for n, feature in enumerate(doc["features"], start=1):
        props = feature.get("properties") if isinstance(feature, dict) else None
        feature_id = props.get("id") if isinstance(props, dict) else None
        if not isinstance(feature_id, str | int) or isinstance(feature_id, bool) or not str(feature_id).strip():
            problems.append(Problem.of("error.data.geometry_feature_id", file=file, n=n))
            continue
        feature_id = str(feature_id).strip()
        assert isinstance(props, dict)
        if feature_id in out:
            problems.append(Problem.of("error.data.geometry_duplicate_feature", file=file, name=repr(feature_id), n=n))
            continue
        name = str(props.get(GEOMETRY_NAME_PROPERTY) or "").strip()
        geometry = feature.get("geometry")
        kind = geometry.get("type") if isinstance(geometry, dict) else None
        rings = None
        if kind not in ("Polygon", "MultiPolygon"):
            problems.append(Problem.of("error.data.geometry_type", file=file, name=repr(feature_id), kind=repr(kind)))
        else:
            assert isinstance(geometry, dict)
            coordinates = geometry.get("coordinates")
            rings = _outer_rings([coordinates] if kind == "Polygon" else coordinates)
            if rings is None:
                problems.append(Problem.of("error.data.geometry_coordinates", file=file, name=repr(feature_id)))
        out[feature_id] = (name, rings)
    return out


def _outer_rings(polygons: Any) -> tuple[Ring, ...] | None:
    """The first (outer) ring of each GeoJSON polygon as (lon, lat) tuples; None unless every polygon has one of
    at least four positions of two finite numbers within longitude -180..180 and latitude -90..90."""
    if not isinstance(polygons, list) or not polygons:
        return None
    out: list[Ring] = []
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon or not isinstance(polygon[0], list) or len(polygon[0]) < 4:
            return None
        ring: list[tuple[float, float]] = []
        for position in polygon[0]:
            if not isinstance(position, list) or len(position) < 2:
                return None
            lon, lat = position[0], position[1]
            if not all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in (lon, lat)):
                return None
            if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):
                return None
            ring.append((float(lon), float(lat)))
        out.append(tuple(ring))
    return tuple(out)
