"""The analyst's own data: a template to fill in, and the import of that template or of a BPS table.

Two things live here, below the command line (``growth8 data template`` and ``growth8 data import``):

* :func:`template_bytes` builds the template, CSV or XLSX, with headers and instructions in Indonesian or
  English: one row per value (``id_seri, provinsi, tahun, nilai`` / ``series_id, province, year, value``).
* :func:`read_table` reads a filled template or a table as exported from BPS's website and validates it;
  :func:`store` adds the values to a user data folder as a new vintage, all or nothing.

What :func:`read_table` understands
-----------------------------------
* CSV (``;``, tab or ``,`` separated, UTF-8) and XLSX (every sheet, the first with a header wins).
* Title rows above the header and note rows below the data ("Sumber: ...", "Catatan: ...").
* The template's long layout (one value per row), with the header in either language.
* BPS's wide layout: provinces in rows under a "Provinsi" / "38 Provinsi" header, years in the columns (in
  the header row or in the one or two rows below it; ``2024*`` and ``2024**`` are BPS's marks for
  preliminary and very preliminary figures). The "INDONESIA" total row and island-group subtotals are
  skipped (a national series takes the INDONESIA row). The series is named by the user (``series``).
* Numbers as text in Indonesian (``1.234,56``, ``5,37``) or English (``1,234.56``) notation, decided once
  per file from the cells that can be read only one way; numbers stored as numbers in XLSX as they are;
  ``-``, ``...`` and empty cells are "not available" and skipped.
* Percentages: a table whose title or header says "Persen" / "%" (or ``percent=True``), and template cells
  written with ``%``, are divided by 100 for series whose unit is ``fraction``.

Every problem is collected, and problems of one kind are reported in one message naming the file, the rows
and the columns ("rows 5, 7, 9-40, column 2016: '1,2,3' is not a number (34 cells)"), raised together as an
:class:`ImportDataError` (exit code 2 on the command line). The value checks are data.py's own:
:data:`growth8.data.KINDS` by series kind, positive series, the largest magnitude.

How :func:`store` writes
------------------------
The user data folder (:func:`user_data_dir`) never is the bundled data. When it does not exist yet it is made
as a copy of the base data folder. The new folder is built beside the target (``.<name>.growth8-import-*``,
same parent, files created with the user's umask), the observations are appended to ``provincial.csv`` /
``national.csv`` with ``source``, ``vintage`` and ``status``, ``SOURCES.md`` gets a section naming the file
and its sha256, the folder is loaded with :func:`growth8.data.load_panel` to prove it loads, and only then it
replaces the target: with one atomic exchange of the two folders where the system has one (Linux
``renameat2(RENAME_EXCHANGE)``), else with two renames that are undone if the second fails. Until then the
previous folder is untouched; any failure removes the temporary folder.
"""

from __future__ import annotations

import contextlib
import csv
import ctypes
import datetime as _dt
import errno
import io
import math
import os
import re
import secrets
import shutil
import sys
import unicodedata
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from dataclasses import replace as _replace
from pathlib import Path
from typing import Any

import pandas as pd

from growth8 import data as _data
from growth8 import outputs as _outputs
from growth8._version import __version__
from growth8.errors import DataError, Growth8Warning, InputError, Problem, Text, suggest_names, suggestion
from growth8.i18n import LANGS, Num, period, t
from growth8.outputs import folder_lock, os_failure, sha256_bytes
from growth8.textio import decode_utf8

__all__ = [
    "STATUSES",
    "TEMPLATE_FORMATS",
    "ImportDataError",
    "ImportedTable",
    "Observation",
    "StoredImport",
    "check_options",
    "default_source",
    "read_table",
    "store",
    "template_bytes",
    "user_data_dir",
]

#: File types :func:`read_table` reads.
EXTENSIONS = (".csv", ".xlsx")
#: Formats of :func:`template_bytes`.
TEMPLATE_FORMATS = ("csv", "xlsx")
#: Release status of an imported value (blank: not stated): data.py's own list.
STATUSES: tuple[str, ...] = tuple(getattr(_data, "STATUSES", ("final", "revised", "preliminary", "very_preliminary")))
#: BPS marks a preliminary year ``2024*`` (angka sementara) and a very preliminary one ``2024**``.
STAR_STATUS = {1: "preliminary", 2: "very_preliminary"}
#: A source id: a short lowercase id, as the bundled data's (``bps_denecon``).
SOURCE_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,39}")
#: Most pieces of a row list shown in one message ("rows 5, 7, 9-40, ..."); the count says how many in all.
MAX_SHOWN = 12
#: Most names listed in one message (unknown provinces, duplicates); then "and N more".
MAX_ITEMS = 8
#: How long an import waits for another import into the same parent folder (seconds).
LOCK_WAIT_SECONDS = 30.0
#: Cells that mean "not available" (skipped, never an error), compared in lower case.
NOT_AVAILABLE = frozenset({"", "-", "–", "—", "--", ".", "..", "...", "…", "na", "n/a", "n.a.", "nan", "(na)"})
#: Words that open a note row below (or above) a table.
NOTE_WORDS = ("sumber", "source", "catatan", "note", "keterangan", "ket.", "*", "¹", "#")
#: Words of a total row: skipped for a provincial series, the national value for a national one.
TOTAL_KEYS = frozenset({"indonesia", "nasional", "national", "total", "jumlah", "indonesiatotal"})
#: Marks of a table in percent, in its title or header.
PERCENT_WORDS = re.compile(r"\b(persen|persentase|percent|percentage)\b|%", re.IGNORECASE)
#: A title's words that point at a series (the first match wins), for the "name the series" message.
TITLE_HINTS = (
    ("per kapita", "grdp_per_capita_real"),
    ("per capita", "grdp_per_capita_real"),
    ("laju pertumbuhan", "grdp_growth"),
    ("growth rate", "grdp_growth"),
    ("pengangguran", "unemployment_rate"),
    ("unemployment", "unemployment_rate"),
    ("partisipasi angkatan kerja", "labour_force_participation"),
    ("pembentukan modal tetap", "pmtb_nominal"),
    ("pmtb", "pmtb_nominal"),
    ("harga konstan", "grdp_real"),
    ("constant price", "grdp_real"),
    ("harga berlaku", "grdp_nominal"),
    ("current price", "grdp_nominal"),
    ("penduduk", "population"),
    ("population", "population"),
)
#: Template headers other than the catalogue's own (import.header.*), compared normalised.
ROLE_SYNONYMS = {
    "seri": "series",
    "series": "series",
    "seriesid": "series",
    "idseri": "series",
    "provinsi": "province",
    "province": "province",
    "kodeprovinsi": "province",
    "provincecode": "province",
    "tahun": "year",
    "year": "year",
    "nilai": "value",
    "value": "value",
}
ROLES = ("series", "province", "year", "value")

# Numbers written as text: Indonesian (1.234,56 / 5,37) and English (1,234.56 / 4.21) notation.
_COMMA_DECIMAL = re.compile(r"[+-]?(?:[1-9]\d{0,2}(?:\.\d{3})+|\d+)(?:,\d+)?")
_DOT_DECIMAL = re.compile(r"[+-]?(?:[1-9]\d{0,2}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?")
_YEAR_LABEL = re.compile(r"(?:tahun|year)?\s*(\d{4})(?:\.0+)?\s*(\**)\s*\)?", re.IGNORECASE)
_PROVINCE_HEADER = re.compile(r"(?:\d{1,2})?(?:provinsi|propinsi|province|provinces)(?:province)?(?:\d{1,2})?")
_STAGING_TAG = ".growth8-import-"


class ImportDataError(DataError):
    """A file given to ``growth8 data import`` cannot be imported; holds every problem found (exit code 2)."""

    kind = "imported_file"


class ImportWarning(Growth8Warning):
    """Something an import did on its own: a folder left by an interrupted import was restored."""


# ------------------------------------------------------------------------------------------ results
@dataclass(frozen=True)
class Observation:
    """One imported value, in project units.

    Attributes
    ----------
    series_id : str
    province_code : int or None
        None for a national series.
    year : int
    value : float
        A fraction for series whose unit is ``fraction``.
    status : str
        One of :data:`STATUSES`, or ``""``.
    row, column : int, str
        Where the value is in the file (row as a spreadsheet shows it, the column's header), for messages.
    """

    series_id: str
    province_code: int | None
    year: int
    value: float
    status: str = ""
    row: int = field(default=0, compare=False)
    column: str = field(default="", compare=False)


@dataclass(frozen=True)
class ImportedTable:
    """A file read and validated by :func:`read_table`.

    Attributes
    ----------
    path : Path
    sha256 : str
        Of the file's bytes.
    layout : {"template", "bps_wide"}
    sheet : str or None
        The XLSX sheet read.
    header_row : int
        The header's row (1-based, as a spreadsheet shows it).
    percent : bool
        Whether values were read as percentages (divided by 100).
    percent_evidence : str
        Why (``"'Persen' in row 1"``, ``"--percent"``, ``"'%' in the cells"``), empty when not.
    observations : tuple of Observation
    """

    path: Path
    sha256: str
    layout: str
    sheet: str | None
    header_row: int
    percent: bool
    percent_evidence: str
    observations: tuple[Observation, ...]

    def series_summary(self) -> list[tuple[str, int, int, int, int]]:
        """Per series: (series_id, values, provinces, first year, last year), in the order first seen."""
        seen: dict[str, list[Observation]] = {}
        for o in self.observations:
            seen.setdefault(o.series_id, []).append(o)
        out = []
        for sid, obs in seen.items():
            provinces = len({o.province_code for o in obs if o.province_code is not None})
            years = [o.year for o in obs]
            out.append((sid, len(obs), provinces, min(years), max(years)))
        return out


@dataclass(frozen=True)
class StoredImport:
    """Where :func:`store` put an import.

    Attributes
    ----------
    folder : Path
        The user data folder (``--data`` it, or ``data:`` it in a config).
    created_from : Path or None
        The base folder it was copied from when it was created by this import; None when it existed.
    rows : int
    source, vintage : str
    files : tuple of str
        The files of the folder that changed.
    """

    folder: Path
    created_from: Path | None
    rows: int
    source: str
    vintage: str
    files: tuple[str, ...] = field(default_factory=tuple)


# ------------------------------------------------------------------------------------------ words shown later
def _spans(numbers: Sequence[int]) -> list[str]:
    """Sorted numbers as pieces: runs of three or more as ``a-b``."""
    out: list[str] = []
    values = sorted(set(numbers))
    i = 0
    while i < len(values):
        j = i
        while j + 1 < len(values) and values[j + 1] == values[j] + 1:
            j += 1
        if j - i >= 2:
            out.append(f"{values[i]}-{values[j]}")
        else:
            out.extend(str(v) for v in values[i : j + 1])
        i = j + 1
    return out


def _shorten(pieces: list[str], lang: str) -> str:
    if len(pieces) <= MAX_SHOWN:
        return ", ".join(pieces)
    return ", ".join(pieces[:MAX_SHOWN]) + t("error.import.more", lang, n=Num(len(pieces) - MAX_SHOWN))


def _label_pieces(labels: Sequence[str]) -> list[str]:
    """Column labels in order; consecutive years joined as ``2016-2020``."""
    if labels and all(re.fullmatch(r"\d{4}", x) for x in labels):
        return _spans([int(x) for x in labels])
    return list(dict.fromkeys(labels))


class _Where:
    """ "rows 5, 7, 9-40, column 2016" / "baris 5, 7, 9-40, kolom 2016", written when shown."""

    __slots__ = ("columns", "rows")

    def __init__(self, rows: Iterable[int], columns: Iterable[str] = ()):
        self.rows = sorted(set(rows))
        self.columns = list(dict.fromkeys(columns))

    def render(self, lang: str | None = None) -> str:
        from growth8.i18n import current_lang

        lang = lang or current_lang()
        parts = []
        if self.rows:
            key = "error.import.where.row" if len(self.rows) == 1 else "error.import.where.rows"
            parts.append(t(key, lang, rows=_shorten(_spans(self.rows), lang)))
        if self.columns:
            key = "error.import.where.column" if len(self.columns) == 1 else "error.import.where.columns"
            parts.append(t(key, lang, columns=_shorten(_label_pieces(self.columns), lang)))
        return ", ".join(parts)

    def __str__(self) -> str:
        return self.render()


class _Cells:
    """ "1 cell" / "24 cells" ("24 sel")."""

    __slots__ = ("n",)

    def __init__(self, n: int):
        self.n = n

    def render(self, lang: str | None = None) -> str:
        from growth8.i18n import current_lang

        lang = lang or current_lang()
        key = "error.import.cells.one" if self.n == 1 else "error.import.cells.many"
        return t(key, lang, n=Num(self.n).render(lang))


class _Joined:
    """Several texts joined with "; ", at most :data:`MAX_ITEMS` and then "and N more"."""

    __slots__ = ("items",)

    def __init__(self, items: Iterable[Any]):
        self.items = list(items)

    def render(self, lang: str | None = None) -> str:
        from growth8.i18n import current_lang

        lang = lang or current_lang()
        shown = [x.render(lang) if hasattr(x, "render") else str(x) for x in self.items[:MAX_ITEMS]]
        text = "; ".join(shown)
        if len(self.items) > MAX_ITEMS:
            text += t("error.import.more", lang, n=Num(len(self.items) - MAX_ITEMS))
        return text


def _quoted(value: Any) -> str:
    return repr(_text(value))


# ------------------------------------------------------------------------------------------ problems, by kind
@dataclass
class _Group:
    code: str
    rows: list[int] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    n: int = 0
    example: Any = None
    params: dict[str, Any] = field(default_factory=dict)
    items: dict[Any, list[Any]] = field(default_factory=dict)  # name -> [rows, extra]


class _Issues:
    """Problems collected cell by cell and reported once per kind (and series), with every row and column."""

    def __init__(self, file: str):
        self.file = file
        self.groups: dict[tuple[Any, ...], _Group] = {}
        self.single: list[Problem] = []

    def add(
        self, code: str, row: int, column: str | None = None, example: Any = None, *, group: Any = None, **params: Any
    ) -> _Group:
        g = self.groups.setdefault((code, group), _Group(code, params=dict(params)))
        g.rows.append(row)
        if column is not None:
            g.columns.append(column)
        g.n += 1
        if g.example is None:
            g.example = example
        return g

    def item(self, code: str, name: Any, row: int, extra: Any = None, **params: Any) -> None:
        """A problem about a name (an unknown province): one message, each name with its rows and hint."""
        g = self.groups.setdefault((code, None), _Group(code, params=dict(params)))
        g.rows.append(row)
        g.n += 1
        entry = g.items.setdefault(name, [[], extra])
        entry[0].append(row)

    def duplicate(self, code: str, name: str, first: int, row: int) -> None:
        """A name given twice (a province row, a series-province-year): one item with every row it is on."""
        g = self.groups.get((code, None))
        if g is None or name not in g.items:
            self.item(code, name, first)
        self.item(code, name, row)

    def problem(self, code: str, **params: Any) -> None:
        self.single.append(Problem.of(code, file=self.file, **params))

    def problems(self) -> list[Problem]:
        out = list(self.single)
        for g in self.groups.values():
            params = dict(g.params)
            if g.items:
                params["items"] = _Joined(
                    Text("error.import.item", name=repr(name), where=_Where(rows), hint=extra if extra else "")
                    for name, (rows, extra) in g.items.items()
                )
            out.append(
                Problem.of(
                    g.code, file=self.file, where=_Where(g.rows, g.columns), n=_Cells(g.n), example=g.example, **params
                )
            )
        return out

    def __bool__(self) -> bool:
        return bool(self.single or self.groups)


# ------------------------------------------------------------------------------------------ small helpers
def _key(text: Any) -> str:
    """Text as compared: compatibility forms folded, lower case, letters and digits only."""
    folded = unicodedata.normalize("NFKC", _text(text)).casefold()
    return re.sub(r"[^0-9a-z]", "", folded)


def _text(cell: Any) -> str:
    """A cell as the user wrote it: ``None`` empty, a whole float without ``.0``."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, _dt.datetime | _dt.date):
        return cell.isoformat()
    return str(cell).strip()


def _fmt(value: float) -> str:
    """A value as written to the data files: 15 significant digits (no float noise from /100), whole without .0."""
    return f"{value:.15g}"


def _cell(cells: Sequence[Any], col: int) -> Any:
    return cells[col] if col < len(cells) else None


def _blank(cell: Any) -> bool:
    if cell is None:
        return True
    if isinstance(cell, float) and math.isnan(cell):
        return True
    return isinstance(cell, str) and cell.strip().lower() in NOT_AVAILABLE


def _is_note(cells: Sequence[Any]) -> bool:
    first = next((_text(c) for c in cells if not _blank(c)), "")
    return first.lower().startswith(NOTE_WORDS)


def _year_label(cell: Any) -> tuple[int, int] | None:
    """(year, number of BPS stars) of a header cell, or None."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        if float(cell).is_integer() and _data.YEAR_MIN <= int(cell) <= _data.YEAR_MAX:
            return int(cell), 0
        return None
    m = _YEAR_LABEL.fullmatch(_text(cell))
    if m is None or not _data.YEAR_MIN <= int(m.group(1)) <= _data.YEAR_MAX:
        return None
    return int(m.group(1)), len(m.group(2))


def _style(text: str) -> str | None:
    """ "," or "." when a number written as text can be read with that decimal mark only; None otherwise."""
    comma = _COMMA_DECIMAL.fullmatch(text) is not None
    dot = _DOT_DECIMAL.fullmatch(text) is not None
    if comma and not dot:
        return ","
    if dot and not comma:
        return "."
    return None


def _clean_number_text(text: str) -> tuple[str, bool]:
    """The text of a number without spaces, footnote stars and a trailing ``%`` (and whether it had one)."""
    s = unicodedata.normalize("NFKC", text)
    s = re.sub(r"[\s\u00a0\u202f\u2009']", "", s).replace("\u2212", "-")
    s = s.rstrip("*")
    percent = s.endswith("%")
    if percent:
        s = s[:-1]
    return s, percent


def _parse_number(text: str, decimal: str) -> float | None:
    """A number written as text with ``decimal`` as its decimal mark, or None."""
    if decimal == ",":
        if _COMMA_DECIMAL.fullmatch(text) is None:
            return None
        text = text.replace(".", "").replace(",", ".")
    else:
        if _DOT_DECIMAL.fullmatch(text) is None:
            return None
        text = text.replace(",", "")
    value = float(text)
    return value if math.isfinite(value) else None


# ------------------------------------------------------------------------------------------ reading the file
@dataclass
class _Grid:
    rows: list[tuple[int, list[Any]]]  # (row as the user sees it, cells)
    delimiter: str | None = None
    sheet: str | None = None


def _read_bytes(path: Path) -> bytes:
    file = str(path)
    suffix = path.suffix.lower()
    if suffix not in EXTENSIONS:
        hint: Any = Text("error.import.xls_hint") if suffix in (".xls", ".ods", ".xlsb", ".xlsm") else ""
        shown = suffix or Text("error.import.no_suffix")
        raise ImportDataError([Problem.of("error.import.extension", file=file, suffix=shown, hint=hint)])
    if not os.path.lexists(path):
        raise ImportDataError([Problem.of("error.import.not_found", file=file)])
    if path.is_dir():
        raise ImportDataError([Problem.of("error.import.is_folder", file=file)])
    size = path.stat().st_size
    if size > _data.MAX_DATA_FILE_BYTES:
        most = Num(_data.MAX_DATA_FILE_BYTES)
        raise ImportDataError([Problem.of("error.import.too_large", file=file, size=Num(size), most=most)])
    raw = path.read_bytes()
    if not raw.strip():
        raise ImportDataError([Problem.of("error.import.empty", file=file)])
    return raw


def _csv_grids(raw: bytes, file: str) -> list[_Grid]:
    if raw.startswith(b"PK\x03\x04"):
        raise ImportDataError([Problem.of("error.import.zip_as_csv", file=file)])
    text, bad = decode_utf8(raw, file)
    if text is None:
        raise ImportDataError([bad] if bad is not None else [Problem.of("error.import.empty", file=file)])
    if "\0" in text:
        line = text.count("\n", 0, text.index("\0")) + 1
        raise ImportDataError([Problem.of("error.data.nul_byte", file=file, line=line)])
    grids = []
    for delimiter in (";", "\t", ","):
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        rows: list[tuple[int, list[Any]]] = []
        last = 0
        try:
            for fields in reader:
                rows.append((last + 1, list(fields)))
                last = reader.line_num
        except csv.Error as exc:
            raise ImportDataError(
                [Problem.of("error.data.csv", file=file, line=reader.line_num or None, reason=str(exc))]
            ) from None
        grids.append(_Grid(rows, delimiter=delimiter))
    return grids


def _xlsx_grids(raw: bytes, file: str) -> list[_Grid]:
    import openpyxl

    if not zipfile.is_zipfile(io.BytesIO(raw)):
        raise ImportDataError([Problem.of("error.import.not_xlsx", file=file)])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's notes about styles and data validation it drops
            book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:  # a damaged or foreign workbook: openpyxl raises many kinds
        raise ImportDataError([Problem.of("error.import.not_xlsx", file=file)]) from None
    grids = []
    try:
        for sheet in book.worksheets:
            rows = [(k, list(values)) for k, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), 1)]
            grids.append(_Grid(rows, sheet=str(sheet.title)))
    finally:
        book.close()
    return grids


# ------------------------------------------------------------------------------------------ finding the header
@dataclass
class _Header:
    layout: str  # "template" or "bps_wide"
    index: int  # position in grid.rows of the header row
    data_from: int  # position of the first row below the header (and the year row)
    columns: dict[str, int] = field(default_factory=dict)  # template: role -> column
    unknown: list[tuple[int, str]] = field(default_factory=list)  # template: other header cells
    province_col: int = 0
    years: dict[int, tuple[int, int, str]] = field(default_factory=dict)  # wide: column -> (year, stars, label)


def _role_names() -> dict[str, str]:
    names = dict(ROLE_SYNONYMS)
    for role in ROLES:
        for lang in LANGS:
            names[_key(t(f"import.header.{role}", lang))] = role
    return names


def _find_header(grid: _Grid) -> _Header | None:
    roles = _role_names()
    rows = grid.rows
    for i, (_, cells) in enumerate(rows):
        if _text(next((c for c in cells if not _blank(c)), "")).startswith("#"):
            continue  # the template's instructions
        keys = [_key(c) for c in cells]
        found = {roles[k]: col for col, k in reversed(list(enumerate(keys))) if k in roles}
        if len(found) >= 2 and ({"year", "value"} & set(found)):
            unknown = [(col, _text(c)) for col, c in enumerate(cells) if keys[col] and keys[col] not in roles]
            return _Header("template", i, i + 1, columns=found, unknown=unknown)
        for col, k in enumerate(keys):
            if not _PROVINCE_HEADER.fullmatch(k):
                continue
            for j in range(i, min(i + 3, len(rows))):
                labels = rows[j][1]
                years = {}
                for c in range(col + 1, len(labels)):
                    y = _year_label(labels[c])
                    if y is not None:
                        years[c] = (y[0], y[1], _text(labels[c]))
                if years:
                    return _Header("bps_wide", i, j + 1, province_col=col, years=years)
            break
    return None


def _percent_in(rows: Sequence[tuple[int, list[Any]]]) -> tuple[str, int] | None:
    """The first percent mark ("Persen", "%") in these rows' text cells, with its row."""
    for row, cells in rows:
        for c in cells:
            if isinstance(c, str):
                m = PERCENT_WORDS.search(c)
                if m:
                    return m.group(0), row
    return None


def _title_text(rows: Sequence[tuple[int, list[Any]]]) -> str:
    return " ".join(_text(c) for _, cells in rows for c in cells if isinstance(c, str)).lower()


# ------------------------------------------------------------------------------------------ reading the values
@dataclass
class _Raw:
    """One value cell before the checks: where it is, what it says."""

    row: int
    column: str
    series_id: str
    code: int | None
    year: int
    cell: Any
    status: str
    check_only: bool = False  # a row with another problem (an unknown province): its cells are checked, not kept


def _decimal_mark(cells: Iterable[Any], delimiter: str | None) -> str:
    """The file's decimal mark, from its text cells that can be read one way only (ties: ``;`` files ``,``)."""
    votes = {",": 0, ".": 0}
    for cell in cells:
        if isinstance(cell, str) and not _blank(cell):
            style = _style(_clean_number_text(cell)[0])
            if style is not None:
                votes[style] += 1
    if votes[","] != votes["."]:
        return "," if votes[","] > votes["."] else "."
    return "," if delimiter in (";", None) else "."


def read_table(
    path: str | os.PathLike[str],
    panel: _data.Panel,
    *,
    series: str | None = None,
    percent: bool | None = None,
    status: str | None = None,
) -> ImportedTable:
    """Read and validate a filled template or a BPS table (see the module's docstring).

    Parameters
    ----------
    path : path-like
        A ``.csv`` or ``.xlsx`` file.
    panel : Panel
        The data the values will join: its series (ids, units, kinds) and provinces (names, aliases).
    series : str, optional
        The series of a BPS (wide) table, or of template rows whose series cell is blank.
    percent : bool, optional
        True: values of ``fraction`` series are percentages; False: they are not (a "%" in a cell still
        is); None: a wide table is in percent when its title or header says so.
    status : str, optional
        The status of every value; None: from BPS's year marks (``2024*`` preliminary, ``2024**`` very
        preliminary), else blank.

    Returns
    -------
    ImportedTable

    Raises
    ------
    ImportDataError
        Every problem found, one message per kind, each naming the file, rows and columns.
    """
    path = Path(path)
    file = str(path)
    raw = _read_bytes(path)
    grids = _xlsx_grids(raw, file) if path.suffix.lower() == ".xlsx" else _csv_grids(raw, file)
    issues = _Issues(file)
    known = set(panel.series["series_id"])
    if series is not None and series not in known:
        issues.problem("error.import.unknown_series", key="--series", name=repr(series), hint=suggestion(series, known))
        raise ImportDataError(issues.problems())
    grid, header = None, None
    for candidate in grids:
        header = _find_header(candidate)
        if header is not None:
            grid = candidate
            break
    if grid is None or header is None:
        cols = ", ".join(t(f"import.header.{r}", "id") for r in ROLES)
        cols_en = ", ".join(t(f"import.header.{r}", "en") for r in ROLES)
        raise ImportDataError([Problem.of("error.import.no_header", file=file, columns=cols, columns_en=cols_en)])
    info = {r.series_id: r for r in panel.series.itertuples(index=False)}
    header_row = grid.rows[header.index][0]
    evidence = ""
    if header.layout == "bps_wide":
        if series is None:
            title = _title_text(grid.rows[: header.data_from])
            guess = next((sid for words, sid in TITLE_HINTS if words in title and sid in known), None)
            hint: Any = Text("error.import.series_guess", name=guess) if guess else ""
            issues.problem("error.import.series_needed", key="--series", hint=hint)
            raise ImportDataError(issues.problems())
        meta = info[series]
        if percent is None:
            mark = _percent_in(grid.rows[: header.data_from])
            use_percent = mark is not None
            evidence = t("import.percent_evidence.title", None, word=mark[0], row=mark[1]) if mark else ""
        else:
            use_percent = percent
            evidence = "--percent" if percent else ""
        if use_percent and meta.unit != "fraction":
            why = evidence if percent is None else "--percent"
            issues.problem(
                "error.import.percent_not_fraction", key="--series", name=repr(series), unit=repr(meta.unit), why=why
            )
            raise ImportDataError(issues.problems())
        raws = _wide_cells(grid, header, panel, series, meta.scope, status, issues)
        force_percent = use_percent
    else:
        raws = _template_cells(grid, header, panel, series, status, info, issues)
        force_percent = bool(percent)
        evidence = "--percent" if percent else ""
    observations, any_percent = _values(raws, info, force_percent, grid.delimiter, issues)
    if header.layout == "template" and any_percent and not evidence:
        evidence = t("import.percent_evidence.cells", None)
    if not observations and not issues:
        issues.problem("error.import.no_values", row=Num(header_row))
    if issues:
        raise ImportDataError(issues.problems())
    return ImportedTable(
        path=path,
        sha256=sha256_bytes(raw),
        layout=header.layout,
        sheet=grid.sheet,
        header_row=header_row,
        percent=bool(force_percent or any_percent),
        percent_evidence=evidence,
        observations=tuple(observations),
    )


def _province(panel: _data.Panel, name: str) -> tuple[int | None, tuple[str, ...]]:
    """The province code of a name as BPS writes it, or (None, suggestions)."""
    try:
        return panel.province(name), ()
    except _data.UnknownProvinceError as exc:
        return None, exc.suggestions


def _is_total(name: str) -> bool:
    key = _key(name)
    return key in TOTAL_KEYS or re.fullmatch(r"(jumlah|total)?\d{0,2}provinsi", key) is not None


def _wide_cells(
    grid: _Grid,
    header: _Header,
    panel: _data.Panel,
    series: str,
    scope: str,
    status: str | None,
    issues: _Issues,
) -> list[_Raw]:
    """The value cells of a BPS table: provinces in rows, years in columns."""
    years: dict[int, int] = {}
    for col, (year, _stars, label) in header.years.items():
        if year in years:
            issues.add("error.import.duplicate_year", grid.rows[header.data_from - 1][0], label, repr(label))
        years[year] = col
    islands = {_key(x) for x in panel.provinces["island_group"] if str(x)}
    seen: dict[int, int] = {}
    out: list[_Raw] = []
    pc = header.province_col
    for row, cells in grid.rows[header.data_from :]:
        values = {col: _cell(cells, col) for col in header.years}
        empty = all(_blank(v) for v in values.values())
        name = _text(_cell(cells, pc))
        if _is_note(cells) or (not name and empty):
            continue
        if not name:
            issues.add("error.import.province_missing", row, None, None, group=series, name=repr(series))
            continue
        check_only = False
        if _is_total(name):
            if scope != "national":
                continue
            code = None
        elif scope == "national":
            continue
        else:
            code, hints = _province(panel, name)
            if code is None:
                if empty or _key(name) in islands:
                    continue  # a subtitle, a note or an island group's subtotal
                issues.item("error.import.unknown_province", name, row, suggest_names(hints))
                check_only = True
            elif code in seen:
                shown = f"{panel.province_name(code, 'id')} ({code})"
                issues.duplicate("error.import.duplicate_province", shown, seen[code], row)
                check_only = True
            else:
                seen[code] = row
        if scope == "national" and -1 in seen:
            issues.add("error.import.duplicate_total", row, None, repr(name))
            check_only = True
        elif scope == "national":
            seen[-1] = row
        for col, (year, stars, label) in header.years.items():
            cell = values[col]
            if _blank(cell):
                continue
            mark = STAR_STATUS.get(min(stars, 2), "") if stars else ""
            given = status if status is not None else mark
            out.append(_Raw(row, label, series, code, year, cell, given, check_only))
    return out


def _template_cells(
    grid: _Grid,
    header: _Header,
    panel: _data.Panel,
    series: str | None,
    status: str | None,
    info: Mapping[str, Any],
    issues: _Issues,
) -> list[_Raw]:
    """The value cells of the template's long layout: one value per row."""
    cols = header.columns
    labels = {role: _text(grid.rows[header.index][1][col]) for role, col in cols.items()}
    needed = ["year", "value"] + (["series"] if series is None else [])
    missing = [r for r in needed if r not in cols]
    if missing:
        others = [name for _, name in header.unknown]
        for role in missing:
            wanted = t(f"import.header.{role}", "id")
            hint = suggestion(wanted, others) or suggestion(t(f"import.header.{role}", "en"), others)
            issues.problem(
                "error.import.missing_column",
                line=grid.rows[header.index][0],
                name=repr(wanted),
                name_en=repr(t(f"import.header.{role}", "en")),
                hint=hint,
            )
        return []
    known = set(info)
    out: list[_Raw] = []
    seen: dict[tuple[str, int | None, int], int] = {}
    for row, cells in grid.rows[header.data_from :]:
        if _is_note(cells) or all(_blank(c) for c in cells):
            continue
        value = _cell(cells, cols["value"])
        if _blank(value):
            continue  # a row of the template left empty
        sid = _text(_cell(cells, cols["series"])) if "series" in cols else ""
        if not sid:
            if series is None:
                issues.add("error.import.series_missing", row, labels.get("series"), None)
                continue
            sid = series
        if sid not in known:
            issues.item("error.import.unknown_series_cells", sid, row, suggestion(sid, known))
            continue
        scope = info[sid].scope
        check_only = False
        name = _text(_cell(cells, cols["province"])) if "province" in cols else ""
        code: int | None = None
        if scope == "provincial":
            if not name:
                column = labels.get("province")
                issues.add("error.import.province_missing", row, column, None, group=sid, name=repr(sid))
                continue
            code, hints = _province(panel, name)
            if code is None:
                issues.item("error.import.unknown_province", name, row, suggest_names(hints))
                check_only = True
        elif name and not _is_total(name):
            issues.add("error.import.province_for_national", row, labels.get("province"), repr(name), name=repr(sid))
            continue
        year_cell = _cell(cells, cols["year"])
        year = _year_label(year_cell)
        if year is None or year[1]:
            issues.add("error.import.bad_year", row, labels["year"], _quoted(year_cell))
            continue
        key = (sid, code, year[0])
        if check_only:
            out.append(_Raw(row, labels["value"], sid, code, year[0], value, "", True))
            continue
        if key in seen:
            where = f"{panel.province_name(code, 'id')} ({code})" if code is not None else "INDONESIA"
            issues.duplicate("error.import.duplicate_row", f"{sid}, {where}, {year[0]}", seen[key], row)
            continue
        seen[key] = row
        out.append(_Raw(row, labels["value"], sid, code, year[0], value, status or ""))
    return out


def _values(
    raws: list[_Raw], info: Mapping[str, Any], percent: bool, delimiter: str | None, issues: _Issues
) -> tuple[list[Observation], bool]:
    """The cells as numbers in project units, checked against each series' kind (data.KINDS)."""
    decimal = _decimal_mark((r.cell for r in raws), delimiter)
    out: list[Observation] = []
    any_percent = False
    for r in raws:
        meta = info[r.series_id]
        marked = False
        mark = Text(f"import.decimal.{_dn(decimal)}")
        if isinstance(r.cell, bool) or not isinstance(r.cell, int | float | str):
            issues.add("error.import.not_number", r.row, r.column, _quoted(r.cell), mark=mark)
            continue
        if isinstance(r.cell, str):
            text, marked = _clean_number_text(r.cell)
            parsed = _parse_number(text, decimal)
            if parsed is None:
                issues.add("error.import.not_number", r.row, r.column, _quoted(r.cell), mark=mark)
                continue
            value = parsed
        else:
            value = float(r.cell)
            if not math.isfinite(value):
                issues.add("error.import.not_number", r.row, r.column, _quoted(r.cell), mark=mark)
                continue
        if marked and meta.unit != "fraction":
            issues.add(
                "error.import.percent_cell",
                r.row,
                r.column,
                _quoted(r.cell),
                group=r.series_id,
                name=repr(r.series_id),
                unit=repr(meta.unit),
            )
            continue
        if meta.unit == "fraction" and (percent or marked):
            value = value / 100.0
            any_percent = any_percent or marked
        if not _in_range(r, value, meta, percent or marked, issues) or r.check_only:
            continue
        out.append(Observation(r.series_id, r.code, r.year, float(_fmt(value)), r.status, r.row, r.column))
    return out, any_percent


def _dn(decimal: str) -> str:
    return "comma" if decimal == "," else "dot"


def _in_range(r: _Raw, value: float, meta: Any, as_percent: bool, issues: _Issues) -> bool:
    """data.py's checks of a value (the plausible range of its kind, positive series, magnitude)."""
    lo, hi = _data.KINDS.get(meta.kind, (-math.inf, math.inf))
    sid = r.series_id
    low, high = Num(lo, 1) if math.isfinite(lo) else lo, Num(hi, 1) if math.isfinite(hi) else hi
    if not lo <= value <= hi:
        why: Any
        if meta.kind == "level":
            why = Text("error.data.why.level")
        elif meta.unit == "fraction" and as_percent:
            why = Text("error.import.why.percent_applied", kind=meta.kind, low=low, high=high)
        elif meta.unit == "fraction" and abs(value) > 1.0:
            why = Text("error.import.why.percent", kind=meta.kind, low=low, high=high)
        else:
            why = Text("error.data.why.range", kind=meta.kind, low=low, high=high)
        issues.add("error.import.value_range", r.row, r.column, _quoted(r.cell), group=sid, name=repr(sid), why=why)
        return False
    if sid in _data.POSITIVE_SERIES and value <= 0:
        issues.add("error.import.not_positive", r.row, r.column, _quoted(r.cell), group=sid, name=repr(sid))
        return False
    if abs(value) > _data.MAX_MAGNITUDE:
        issues.add("error.import.implausible", r.row, r.column, _quoted(r.cell), group=sid, name=repr(sid), most="1e15")
        return False
    return True


# ------------------------------------------------------------------------------------------ options
def check_options(*, vintage: str | None, status: str | None, source: str | None) -> tuple[str, str | None, str | None]:
    """``--vintage`` (default today), ``--status`` and ``--source`` checked; an InputError naming each problem.

    Returns
    -------
    (vintage, status, source)
        ``vintage`` as ``YYYY-MM-DD``; ``status`` None when not given (then BPS's year marks decide).
    """
    problems = []
    if vintage is None:
        vintage = _dt.date.today().isoformat()
    else:
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", vintage):
                raise ValueError(vintage)
            _dt.date.fromisoformat(vintage)
        except ValueError:
            problems.append(Problem.of("error.import.vintage", key="--vintage", value=repr(vintage)))
    if status is not None:
        status = status.strip()
        if status and status not in STATUSES:
            problems.append(
                Problem.of(
                    "error.import.status",
                    key="--status",
                    value=repr(status),
                    hint=suggestion(status, STATUSES),
                    allowed=", ".join(STATUSES),
                )
            )
    if source is not None and not SOURCE_PATTERN.fullmatch(source):
        problems.append(Problem.of("error.import.source", key="--source", value=repr(source)))
    if problems:
        raise InputError(problems)
    return vintage, status, source


def default_source(path: str | os.PathLike[str]) -> str:
    """The source id of an import: ``user_`` and the file's name as a short id (``user_pdrb_2024``)."""
    stem = unicodedata.normalize("NFKD", Path(path).stem).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "_", stem).strip("_")[:34].strip("_")
    return f"user_{slug}" if slug else "user_import"


def user_data_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The user data folder: ``$GROWTH8_USER_DATA``, else ``$XDG_DATA_HOME/growth8/data``, else
    ``~/.local/share/growth8/data``."""
    env = os.environ if environ is None else environ
    if env.get("GROWTH8_USER_DATA"):
        return Path(env["GROWTH8_USER_DATA"]).expanduser()
    if env.get("XDG_DATA_HOME"):
        return Path(env["XDG_DATA_HOME"]).expanduser() / "growth8" / "data"
    return Path("~").expanduser() / ".local" / "share" / "growth8" / "data"


def _bundled_dirs() -> list[Path]:
    """The bundled data folders (the packaged copy, the checkout's data/), which an import never changes."""
    return [d.resolve() for d in (_data.packaged_data_dir(), _data.checkout_data_dir()) if d is not None]


def _is_checkout_data(folder: Path) -> bool:
    """Whether ``folder`` is the data/ folder of a growth8 source checkout (beside a pyproject.toml that names
    the project), whichever installation is running: an installed package does not know its checkout."""
    project = folder.resolve().parent / "pyproject.toml"
    if folder.name != "data" or not project.is_file():
        return False
    with contextlib.suppress(OSError, UnicodeDecodeError):
        return re.search(r'(?m)^name\s*=\s*"growth8"', project.read_text(encoding="utf-8")) is not None
    return False


def target_folder(into: str | os.PathLike[str] | None) -> Path:
    """The folder an import writes to (``into``, else :func:`user_data_dir`), absolute; refused when it is the
    bundled data or something other than a data folder.

    Raises
    ------
    InputError
        ``error.import.into_bundled``, ``error.import.into_not_folder`` or ``error.import.into_not_data``.
    """
    folder = Path(os.path.abspath(Path(into).expanduser() if into is not None else user_data_dir()))
    key = "--into"
    if os.path.lexists(folder) and not folder.is_dir():
        raise InputError([Problem.of("error.import.into_not_folder", key=key, path=str(folder))])
    if folder.is_dir() and (folder.resolve() in _bundled_dirs() or _is_checkout_data(folder)):
        raise InputError([Problem.of("error.import.into_bundled", key=key, path=str(folder))])
    if folder.is_dir() and any(folder.iterdir()) and not (folder / "provinces.csv").is_file():
        raise InputError([Problem.of("error.import.into_not_data", key=key, path=str(folder))])
    return folder


def is_data_folder(folder: Path) -> bool:
    """Whether ``folder`` holds a data folder already (an import adds to it) rather than nothing yet."""
    return folder.is_dir() and (folder / "provinces.csv").is_file()


# ------------------------------------------------------------------------------------------ storing
def _existing_keys(folder: Path, name: str) -> dict[tuple[Any, ...], str]:
    """(series, [province,] year, vintage) -> source of the rows a data file holds (when it has vintages)."""
    path = folder / name
    if not path.is_file() or "vintage" not in _data.SCHEMAS[name]:
        return {}
    text = path.read_text(encoding="utf-8-sig")
    out = {}
    for rec in csv.DictReader(io.StringIO(text, newline="")):
        try:
            year = int(str(rec.get("year", "")).strip())
            code = int(str(rec.get("province_code", "0")).strip() or 0)
        except ValueError:
            continue
        key = (rec.get("series_id", "").strip(), code, year, (rec.get("vintage") or "").strip())
        out[key] = (rec.get("source") or "").strip()
    return out


def check_new(table: ImportedTable, folder: Path, vintage: str) -> None:
    """Refuse values the folder already holds for the same series, province, year and vintage.

    Raises
    ------
    ImportDataError
        ``error.import.already_stored``, naming the rows, the vintage and the folder.
    """
    if not is_data_folder(folder):
        return
    held = {**_existing_keys(folder, "provincial.csv"), **_existing_keys(folder, "national.csv")}
    if not held:
        return
    issues = _Issues(str(table.path))
    for o in table.observations:
        key = (o.series_id, o.province_code or 0, o.year, vintage)
        if key in held:
            issues.add(
                "error.import.already_stored",
                o.row,
                o.column,
                None,
                group=o.series_id,
                name=repr(o.series_id),
                vintage=vintage,
                folder=str(folder),
                source=held[key] or "-",
            )
    if issues:
        raise ImportDataError(issues.problems())


def _write_new(path: Path, data: bytes) -> None:
    """Create ``path`` with the user's umask and write ``data`` durably (growth8.outputs does it)."""
    _outputs._write_new(path, data)


def _copy_folder(source: Path, target: Path) -> None:
    """Copy every file under ``source`` into the existing folder ``target``, new files with the user's umask."""
    for entry in sorted(source.iterdir()):
        if entry.name.startswith(".growth8") or _STAGING_TAG in entry.name:
            continue
        if entry.is_dir():
            os.mkdir(target / entry.name)  # mode 0o777 less the umask
            _copy_folder(entry, target / entry.name)
        elif entry.is_file():
            _write_new(target / entry.name, entry.read_bytes())


def _rows_bytes(folder: Path, name: str, rows: list[dict[str, str]]) -> bytes:
    """The file ``name`` of ``folder`` with ``rows`` appended (in :data:`growth8.data.SCHEMAS` order).

    A file written with fewer of growth8's columns (an older schema) is rewritten with all of them, its
    rows' new cells blank.
    """
    columns = list(_data.SCHEMAS[name])
    path = folder / name
    raw = path.read_bytes() if path.is_file() else b""
    text = raw.decode("utf-8-sig") if raw else ""
    lines = text.splitlines()
    header = next(csv.reader([lines[0]])) if lines else []
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    if header == columns:
        body = text if text.endswith("\n") else text + "\n"
        for rec in rows:
            writer.writerow([rec.get(c, "") for c in columns])
        return (body + buf.getvalue()).encode("utf-8")
    unknown = [c for c in header if c not in columns]
    if unknown:
        raise ImportDataError(
            [
                Problem.of(
                    "error.import.folder_schema",
                    file=str(path),
                    line=1,
                    found=", ".join(header),
                    expected=", ".join(columns),
                )
            ]
        )
    writer.writerow(columns)
    for rec in csv.DictReader(io.StringIO(text, newline="")):
        writer.writerow([(rec.get(c) or "") for c in columns])
    for rec in rows:
        writer.writerow([rec.get(c, "") for c in columns])
    return buf.getvalue().encode("utf-8")


def series_text(table: ImportedTable, lang: str) -> str:
    """The series imported, in words: ``grdp_growth 2022–2024 (values: 110, provinces: 38)``."""
    parts = []
    for sid, n, provinces, first, last in table.series_summary():
        if provinces:
            parts.append(
                t("import.summary.provincial", lang, name=sid, years=period(first, last), n=n, provinces=provinces)
            )
        else:
            parts.append(t("import.summary.national", lang, name=sid, years=period(first, last), n=n))
    return "; ".join(parts)


def status_text(table: ImportedTable, lang: str) -> str:
    """The statuses of the values, with their years: ``preliminary (2024); not stated (2022–2023)``."""
    years: dict[str, set[int]] = {}
    for o in table.observations:
        years.setdefault(o.status, set()).add(o.year)
    if set(years) <= {""}:
        return t("import.sources.no_status", lang)
    parts = []
    for status in (*STATUSES, ""):
        if status in years:
            word = status or t("import.sources.no_status", lang)
            parts.append(f"{word} ({', '.join(_year_pieces(sorted(years[status])))})")
    return "; ".join(parts)


def _year_pieces(years: Sequence[int]) -> list[str]:
    return [p.replace("-", "–") for p in _spans(years)]


def layout_text(table: ImportedTable, lang: str) -> str:
    """How the file was read: layout, sheet, header row, percentages."""
    layout = t(f"import.layout.{table.layout}", lang)
    if table.sheet:
        layout += t("import.sources.sheet", lang, sheet=table.sheet)
    percent = t("import.sources.percent", lang, why=table.percent_evidence) if table.percent else ""
    return t("import.sources.layout", lang, layout=layout, header=table.header_row, percent=percent)


def _sources_section(table: ImportedTable, *, source: str, vintage: str, lang: str) -> str:
    series = series_text(table, lang)
    today = _dt.date.today().isoformat()
    return t(
        "import.sources.section",
        lang,
        file=table.path.name,
        path=str(table.path.resolve()),
        sha=table.sha256,
        date=today,
        version=__version__,
        series=series,
        rows=len(table.observations),
        source=source,
        vintage=vintage,
        status=status_text(table, lang),
        layout=layout_text(table, lang),
    )


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step (Linux ``renameat2(RENAME_EXCHANGE)``); False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        func = libc.renameat2
    except (OSError, AttributeError):
        return False
    func.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    func.restype = ctypes.c_int
    at_fdcwd, rename_exchange = -100, 2
    if func(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _make_parents(folder: Path) -> list[Path]:
    """Create the missing parents of ``folder`` (with the umask); return those created, outermost first."""
    missing = []
    here = folder.parent
    while not here.is_dir():
        missing.append(here)
        if here.parent == here:
            break
        here = here.parent
    created = []
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):
            os.mkdir(path)
            created.append(path)
    return created


def _new_sibling(folder: Path, suffix: str) -> Path:
    """A new empty folder beside ``folder`` (same parent, so a rename is atomic), made with the user's umask."""
    while True:
        path = folder.parent / f".{folder.name}{_STAGING_TAG}{secrets.token_hex(4)}{suffix}"
        try:
            os.mkdir(path)
        except FileExistsError:
            continue
        return path


def _leftovers(folder: Path) -> Iterator[Path]:
    prefix = f".{folder.name}{_STAGING_TAG}"
    with contextlib.suppress(FileNotFoundError):
        for entry in folder.parent.iterdir():
            if entry.name.startswith(prefix) and entry.is_dir() and not entry.is_symlink():
                yield entry


def _recover(folder: Path) -> None:
    """Finish what a killed import left beside ``folder`` (under the lock): restore a folder moved aside
    (the two-rename fallback stopped between its renames) and remove temporary folders."""
    left = sorted(_leftovers(folder))
    old = [p for p in left if p.name.endswith(".old")]
    if old and not os.path.lexists(folder):
        os.rename(old[0], folder)
        warnings.warn(ImportWarning.of("warning.import.restored", folder=str(folder)), stacklevel=3)
        left = [p for p in left if p != old[0]]
    for path in left:
        shutil.rmtree(path, ignore_errors=True)


def store(
    table: ImportedTable,
    into: str | os.PathLike[str],
    *,
    base: str | os.PathLike[str],
    vintage: str,
    source: str | None = None,
    lang: str = "en",
) -> StoredImport:
    """Add an imported table to a user data folder as a new vintage, all or nothing.

    Parameters
    ----------
    table : ImportedTable
        From :func:`read_table`.
    into : path-like
        The user data folder (see :func:`target_folder`). Created as a copy of ``base`` when missing.
    base : path-like
        The data folder a new user folder is copied from (the bundled data or ``--data``).
    vintage : str
        ``YYYY-MM-DD``, the release date of the imported values.
    source : str, optional
        The rows' ``source`` id; default :func:`default_source` of the file.
    lang : {"id", "en"}
        Language of the section appended to SOURCES.md.

    Returns
    -------
    StoredImport

    Raises
    ------
    ImportDataError
        The folder already holds values of this vintage, or would not load after the import (the
        problems of :func:`growth8.data.load_panel`, with the folder's own paths); nothing was changed.
    OutputLockedError
        Another import into the same parent folder took longer than :data:`LOCK_WAIT_SECONDS`.
    OSError
        The system refused a read or write; nothing was changed and no temporary folder remains.
    """
    folder = target_folder(into)
    source = source or default_source(table.path)
    staging = folder
    try:
        created = _make_parents(folder)
    except OSError as exc:
        raise os_failure(exc, writing=True) from exc
    try:
        with folder_lock(folder.parent, wait=LOCK_WAIT_SECONDS):
            _recover(folder)
            existed = is_data_folder(folder)
            origin = folder if existed else Path(base)
            check_new(table, folder, vintage)
            staging = _new_sibling(folder, ".new")
            try:
                changed = _build(staging, origin, table, source=source, vintage=vintage, lang=lang)
                _verify(staging, folder)
                _commit(staging, folder, existed)
            finally:
                if staging.exists():
                    shutil.rmtree(staging, ignore_errors=True)
    except BaseException as exc:
        for path in reversed(created):
            with contextlib.suppress(OSError):
                os.rmdir(path)
        if isinstance(exc, OSError):  # the user's path in the message, never the temporary folder's
            shown = os.fsdecode(exc.filename) if exc.filename is not None else str(folder)
            shown = shown.replace(str(staging), str(folder)) if staging != folder else shown
            raise os_failure(exc, shown, writing=True) from exc
        raise
    return StoredImport(
        folder=folder,
        created_from=None if existed else Path(base),
        rows=len(table.observations),
        source=source,
        vintage=vintage,
        files=tuple(changed),
    )


def _build(
    staging: Path,
    origin: Path,
    table: ImportedTable,
    *,
    source: str,
    vintage: str,
    lang: str,
) -> list[str]:
    """Fill ``staging`` with ``origin``'s files and the imported rows; return the names of the files changed."""
    _copy_folder(origin, staging)
    rows: dict[str, list[dict[str, str]]] = {"provincial.csv": [], "national.csv": []}
    for o in table.observations:
        rec = {
            "series_id": o.series_id,
            "year": str(o.year),
            "value": _fmt(o.value),
            "source": source,
            "flag": "",
            "vintage": vintage,
            "status": o.status,
        }
        if o.province_code is None:
            rows["national.csv"].append(rec)
        else:
            rows["provincial.csv"].append({**rec, "province_code": str(o.province_code)})
    changed = []
    for name, recs in rows.items():
        if recs:
            content = _rows_bytes(origin, name, recs)
            (staging / name).unlink(missing_ok=True)
            _write_new(staging / name, content)
            changed.append(name)
    section = _sources_section(table, source=source, vintage=vintage, lang=lang)
    sources = origin / "SOURCES.md"
    before = sources.read_text(encoding="utf-8") if sources.is_file() else ""
    text = before.rstrip("\n") + "\n\n" + section.rstrip("\n") + "\n"
    (staging / "SOURCES.md").unlink(missing_ok=True)
    _write_new(staging / "SOURCES.md", text.encode("utf-8"))
    changed.append("SOURCES.md")
    return changed


def _verify(staging: Path, folder: Path) -> None:
    """Load the staged folder as every command would; its problems are reported with the folder's own paths."""
    try:
        _data.load_panel(staging)
    except DataError as exc:
        shown = [_replace(p, file=p.file.replace(str(staging), str(folder))) if p.file else p for p in exc.problems]
        raise ImportDataError([Problem.of("error.import.would_not_load", file=str(folder)), *shown]) from None


def _commit(staging: Path, folder: Path, existed: bool) -> None:
    """Put the staged folder in place of ``folder``: one exchange where possible, else two renames."""
    if not existed:
        os.rename(staging, folder)  # onto nothing, or onto an empty folder: atomic
        return
    if _exchange(staging, folder):
        return  # staging now holds the previous folder; the caller removes it
    old = _new_sibling(folder, ".old")
    os.rmdir(old)
    os.rename(folder, old)
    try:
        os.rename(staging, folder)
    except BaseException:
        os.rename(old, folder)
        raise
    shutil.rmtree(old, ignore_errors=True)


# ------------------------------------------------------------------------------------------ the template
def template_rows(panel: _data.Panel, series: str | None, years: Sequence[int], lang: str) -> list[list[str]]:
    """The prefilled rows of a template: one per province (or one national) and year, the value left blank."""
    if series is None or not years:
        return []
    scope = panel.series_info(series)["scope"]
    rows = []
    for year in years:
        if scope == "national":
            rows.append([series, "", str(year), ""])
            continue
        for r in panel.provinces.itertuples(index=False):
            if not pd.isna(r.first_year) and year < int(r.first_year):
                continue  # not a province yet (the four new Papua provinces before 2023)
            rows.append([series, str(r.name_id if lang == "id" else r.name_en), str(year), ""])
    return rows


def _series_table(panel: _data.Panel, lang: str) -> list[list[str]]:
    title = "title_id" if lang == "id" else "title_en"
    return [
        [str(r.series_id), str(getattr(r, title)), str(r.unit), str(r.kind), str(r.scope)]
        for r in panel.series.itertuples(index=False)
    ]


def template_bytes(
    fmt: str,
    lang: str,
    panel: _data.Panel,
    *,
    series: str | None = None,
    years: Sequence[int] = (),
) -> bytes:
    """The template to fill in, as the bytes of a CSV or XLSX file.

    Parameters
    ----------
    fmt : {"csv", "xlsx"}
    lang : {"id", "en"}
        Headers and instructions. The Indonesian CSV is ``;``-separated (what Excel expects in an Indonesian
        locale), the English one ``,``-separated.
    panel : Panel
        The data whose series and provinces the instructions list.
    series : str, optional
        Prefill rows of this series (value left blank) ...
    years : sequence of int
        ... for these years.

    Returns
    -------
    bytes
    """
    header = [t(f"import.header.{role}", lang) for role in ROLES]
    instructions = t("import.template.instructions", lang).strip("\n").split("\n")
    rows = template_rows(panel, series, years, lang)
    table = _series_table(panel, lang)
    if fmt == "csv":
        delimiter = ";" if lang == "id" else ","
        buf = io.StringIO()
        for line in instructions:
            buf.write(f"# {line}\n" if line else "#\n")
        buf.write(f"# {t('import.template.series_list', lang)}\n")
        for sid, title, unit, _kind, scope in table:
            buf.write(f"#   {sid} ({t(f'import.scope.{scope}', lang)}, {unit}): {title}\n")
        writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        return buf.getvalue().encode("utf-8")
    if fmt != "xlsx":
        raise ValueError(f"format must be one of {TEMPLATE_FORMATS}, not {fmt!r}")
    return _template_xlsx(header, rows, instructions, table, panel, lang)


def _template_xlsx(
    header: list[str],
    rows: list[list[str]],
    instructions: list[str],
    table: list[list[str]],
    panel: _data.Panel,
    lang: str,
) -> bytes:
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = t("import.template.sheet_data", lang)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([row[0], row[1], int(row[2]), None])
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCD", (30, 32, 8, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    help_sheet = book.create_sheet(t("import.template.sheet_help", lang))
    for line in instructions:
        help_sheet.append([line])
    help_sheet.append([])
    help_sheet.append([t("import.template.series_list", lang)])
    names = [t(f"import.template.col.{c}", lang) for c in ("series", "title", "unit", "kind", "scope")]
    help_sheet.append(names)
    for cell in help_sheet[help_sheet.max_row]:
        cell.font = Font(bold=True)
    for sid, title, unit, kind, scope in table:
        help_sheet.append([sid, title, unit, kind, t(f"import.scope.{scope}", lang)])
    help_sheet.append([])
    help_sheet.append([t("import.template.col.code", lang), t("import.template.col.name", lang)])
    for cell in help_sheet[help_sheet.max_row]:
        cell.font = Font(bold=True)
    for r in panel.provinces.itertuples(index=False):
        help_sheet.append([int(r.province_code), str(r.name_id if lang == "id" else r.name_en)])
    help_sheet.column_dimensions["A"].width = 34
    help_sheet.column_dimensions["B"].width = 60
    epoch = _dt.datetime(2020, 1, 1)  # fixed document dates: the same template gives the same bytes
    book.properties.created = epoch
    book.properties.modified = epoch
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
