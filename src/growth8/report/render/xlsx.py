"""Render a :class:`~growth8.report.model.Document` as an Excel workbook (openpyxl).

One sheet per table, raw numbers with Excel number formats (percentages stay
fractions formatted as %, money and counts with thousands separators), a header
in words with its unit over every column (wrapped, the header row and key columns
frozen, a filter on every column); a summary sheet with the report's sentences, a
definitions sheet (every column of every sheet: its header, CSV column code, unit
and definition, then the glossary of terms and abbreviations) and a run sheet with
the run record. Sheet names, headers and definitions are in the document's
language (from the catalogue).

The bytes are reproducible: the workbook's created and modified properties are the
run's moment (its ``created_at``, else :func:`growth8.outputs.created_at`, which
honours SOURCE_DATE_EPOCH), and every zip entry is stored with that moment as its
date and fixed attributes, so two builds of the same document are identical.
"""

from __future__ import annotations

import datetime as _dt
import io
import json
import math
import re
import zipfile
from collections.abc import Sequence
from typing import Any

from growth8.i18n import glossary, has, t
from growth8.report.model import Column, Document, Paragraph, Table

__all__ = ["render_xlsx"]

#: Leading columns that identify a row (scenario, province, year): frozen beside the header.
_KEY_COLUMNS = frozenset({"scenario", "province_code", "province", "year"})
#: Column widths (characters): the narrowest, the widest, and the widest of a definitions-sheet text.
_MIN_WIDTH, _MAX_WIDTH, _MAX_TEXT_WIDTH = 8.0, 40.0, 100.0
#: Lines a wrapped header holds, and the header row's fixed height (points) for them.
_HEADER_LINES = 3
_HEADER_HEIGHT = 48.0
_HEAD_FILL = "1F4E79"
#: Rows read to size a column (every row of the largest sheets would take long for no gain).
_SIZE_ROWS = 2000


def _sheet_name(key: str, used: set[str]) -> str:
    base = "".join(ch for ch in key if ch not in "[]:*?/\\")[:31] or "table"
    name, k = base, 2
    while name.lower() in used:
        suffix = f"_{k}"
        name, k = base[: 31 - len(suffix)] + suffix, k + 1
    used.add(name.lower())
    return name


def _cell(value: Any) -> Any:
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if value.__class__.__name__ == "NAType":
        return None
    return value


def number_format(col: Column) -> str | None:
    """The Excel number format of a column: percentages for fractions, thousands separators for numbers.

    ``pct`` and ``share`` values are fractions shown as ``0.00%`` (with the column's decimals); ``num``
    values ``#,##0.0`` (money in Rp bn), ``#,##0.000`` (ratios) and so on; counts ``#,##0``; years
    ``0``; text and booleans keep the general format.
    """
    decimals = "." + "0" * col.decimals if col.decimals > 0 else ""
    if col.kind in ("pct", "share"):
        return f"0{decimals}%"
    if col.kind == "num":
        return f"#,##0{decimals}"
    if col.kind == "int":
        return "#,##0"
    if col.kind == "year":
        return "0"
    return None


def _shown_length(value: Any, col: Column) -> int:
    """About how many characters Excel shows for ``value`` in ``col``'s format."""
    value = _cell(value)
    if value is None:
        return 0
    if isinstance(value, bool) or col.kind in ("text", "bool"):
        return len(str(value))
    if col.kind in ("pct", "share"):
        return len(f"{float(value) * 100:,.{col.decimals}f}%")
    if col.kind == "num":
        return len(f"{float(value):,.{col.decimals}f}")
    if col.kind == "int":
        return len(f"{int(value):,}")
    return len(str(value))


def column_width(header: str, lengths: Sequence[int], cap: float = _MAX_WIDTH) -> float:
    """A column's width (characters): room for its longest value and for its header wrapped on
    :data:`_HEADER_LINES` lines (and its longest word), within :data:`_MIN_WIDTH` and ``cap``."""
    words = max((len(w) for w in header.split()), default=0)
    need = max(max(lengths, default=0), math.ceil(len(header) / _HEADER_LINES), words)
    return float(min(max(need + 2, _MIN_WIDTH), cap))


def _definition(table: Table, code: str, lang: str) -> str:
    """A column's one-line definition: ``xlsx.def.<sheet>.<code>``, the shared ``xlsx.def.<code>``, or
    the sheet's ``xlsx.def.<sheet>.other`` (a sweep's levers); empty when the catalogue has none."""
    kind = table.key.rsplit(":", 1)[-1]  # a compared config's table: banten:projection
    for key in (f"xlsx.def.{kind}.{code}", f"xlsx.def.{code}", f"xlsx.def.{kind}.other"):
        if has(key):
            return t(key, lang)
    return ""


def definition_rows(doc: Document, sheets: Sequence[tuple[str, Table]]) -> list[list[str]]:
    """The definitions sheet's rows: per sheet and column, the sheet's name, the header as shown, the
    column code (the CSV column; empty on a summary table, whose columns are not a CSV's), the unit and
    the definition."""
    rows = []
    for name, table in sheets:
        data_sheet = table.media == frozenset({"xlsx"})
        for col in table.columns:
            code = col.key if data_sheet else ""
            rows.append([name, col.header(), code, col.unit, _definition(table, col.key, doc.lang)])
    return rows


def _style_header(ws: Any, row: int = 1) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    fill = PatternFill("solid", fgColor=_HEAD_FILL)
    for cell in ws[row]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[row].height = _HEADER_HEIGHT


def _write_definitions(ws: Any, doc: Document, sheets: Sequence[tuple[str, Table]]) -> None:
    """The definitions sheet: one row per (sheet, column), then the glossary of terms and abbreviations."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    lang = doc.lang
    head = [t(f"xlsx.definitions.{k}", lang) for k in ("sheet", "header", "code", "unit", "definition")]
    rows = definition_rows(doc, sheets)
    ws.append(head)
    _style_header(ws)
    for row in rows:
        ws.append(row)
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(head))}{len(rows) + 1}"
    for j, title in enumerate(head, start=1):
        cap = _MAX_TEXT_WIDTH if j == len(head) else _MAX_WIDTH
        width = column_width(title, [len(str(r[j - 1])) for r in rows], cap)
        ws.column_dimensions[get_column_letter(j)].width = width
    ws.append([])
    ws.append([t("xlsx.definitions.glossary", lang)])
    ws.cell(row=ws.max_row, column=1).font = Font(bold=True, size=12)
    ws.append([t("xlsx.definitions.term", lang), t("xlsx.definitions.meaning", lang)])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for _code, term, definition in glossary(lang):
        ws.append([term, definition])


def _write_table(ws: Any, table: Table) -> None:
    """One data sheet: the header row (wrapped, fixed height), the values with their number formats,
    widths from the header and the values, the header and key columns frozen, a filter on every column."""
    from openpyxl.utils import get_column_letter

    ws.append([c.header() for c in table.columns])
    _style_header(ws)
    data = table.data
    columns = [(c, data[c.key].tolist()) for c in table.columns]
    for i in range(len(data)):
        ws.append([_cell(values[i]) for _, values in columns])
    for j, (col, values) in enumerate(columns, start=1):
        fmt = number_format(col)
        if fmt:
            for row in ws.iter_rows(min_row=2, max_row=len(data) + 1, min_col=j, max_col=j):
                row[0].number_format = fmt
        lengths = [_shown_length(v, col) for v in values[:_SIZE_ROWS]]
        ws.column_dimensions[get_column_letter(j)].width = column_width(col.header(), lengths)
    # the header row and the key columns stay in view; every column can be filtered
    keys = 0
    for col in table.columns:
        if col.key not in _KEY_COLUMNS:
            break
        keys += 1
    ws.freeze_panes = f"{get_column_letter(keys + 1)}2"
    if len(data):
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(data) + 1}"
    if table.note:
        ws.cell(row=ws.max_row + 2, column=1, value=table.note)


def render_xlsx(doc: Document) -> bytes:
    """The document's tables as an .xlsx workbook.

    Sheets, in order: the summary (the report's sentences), the definitions (every column of every
    table sheet, and the glossary), one sheet per table, the run record.

    Parameters
    ----------
    doc : Document

    Returns
    -------
    bytes
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    used: set[str] = set()
    summary = wb.active
    lang = doc.lang
    summary.title = _sheet_name(t("xlsx.sheet.summary", lang), used)
    summary.append([doc.title])
    summary["A1"].font = Font(bold=True, size=14)
    summary.append([doc.subtitle])
    for label, value in doc.cover:
        summary.append([label, value])
    summary.append([])
    for section in doc.sections:
        paras = [b for b in section.blocks if isinstance(b, Paragraph)]
        if not paras:
            continue
        summary.append([section.title])
        summary.cell(row=summary.max_row, column=1).font = Font(bold=True)
        for p in paras:
            summary.append([p.text])
            summary.cell(row=summary.max_row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
    summary.column_dimensions["A"].width = 120
    summary.column_dimensions["B"].width = 60

    definitions = wb.create_sheet(_sheet_name(t("xlsx.sheet.definitions", lang), used))
    sheets: list[tuple[str, Table]] = []
    for table in sheet_tables(doc):
        ws = wb.create_sheet(_sheet_name(table.sheet or table.key, used))
        _write_table(ws, table)
        sheets.append((ws.title, table))
    _write_definitions(definitions, doc, sheets)
    run = wb.create_sheet(_sheet_name(t("xlsx.sheet.run", lang), used))
    run.append([t("xlsx.run.key", lang), t("xlsx.run.value", lang)])
    for key, value in doc.run.items():
        run.append([key, value if isinstance(value, (str, int, float)) else json.dumps(value)])
    run.column_dimensions["A"].width = 16
    run.column_dimensions["B"].width = 90
    wb.properties.title = doc.title
    wb.properties.subject = doc.subtitle
    wb.properties.keywords = f"growth8 {doc.run.get('version', '')} config {doc.run.get('config_hash', '')}"
    wb.properties.creator = "growth8"
    moment = _moment(doc)
    wb.properties.created = moment
    wb.properties.modified = moment  # openpyxl sets it to the wall clock on save: fixed in _reproducible
    buf = io.BytesIO()
    wb.save(buf)
    return _reproducible(buf.getvalue(), moment)


def _moment(doc: Document) -> _dt.datetime:
    """The run's moment (naive UTC, whole seconds): the document's ``created_at``, else now or SOURCE_DATE_EPOCH."""
    from growth8.outputs import created_at

    for text in (doc.run.get("created_at"), created_at()):
        try:
            moment = _dt.datetime.fromisoformat(str(text).replace("Z", "+00:00"))
        except ValueError:
            continue
        if moment.tzinfo is not None:
            moment = moment.astimezone(_dt.UTC).replace(tzinfo=None)
        return moment.replace(microsecond=0)
    raise AssertionError("created_at() is always an ISO timestamp")  # pragma: no cover


_MODIFIED = re.compile(rb"(<dcterms:modified\b[^>]*>)[^<]*(</dcterms:modified>)")


def _reproducible(data: bytes, moment: _dt.datetime) -> bytes:
    """The workbook ``data`` rewritten with ``moment`` as its modified property and every zip entry's date.

    Entries keep their order, names and contents; each is deflated again with fixed attributes (no
    platform, no file mode), so the bytes depend on the document and ``moment`` only.
    """
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode("ascii")
    if 1980 <= moment.year <= 2107:  # the years a zip entry's date can hold
        when = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    else:
        when = (min(max(moment.year, 1980), 2107), 1, 1, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry)
            if entry.filename == "docProps/core.xml":
                content = _MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", content)
            info = zipfile.ZipInfo(entry.filename, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, content)
    return out.getvalue()


def sheet_tables(doc: Document) -> list[Table]:
    """The tables that get a sheet, in order."""
    return doc.tables("xlsx")
