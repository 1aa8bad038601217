"""Render a :class:`~growth8.report.model.Document` as an Excel workbook (openpyxl).

One sheet per table, raw numbers with Excel number formats (percentages stay
fractions formatted as %), units in the headers; a summary sheet with the
report's sentences and a run sheet with the run record. Sheet names and headers
are in the document's language (from the catalogue).

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
from typing import Any

from growth8.i18n import t
from growth8.report.model import Document, Paragraph, Table

__all__ = ["render_xlsx"]

_FORMATS = {"pct": "0.00%", "share": "0.00%", "num": "#,##0.0", "int": "#,##0", "year": "0"}
#: Leading columns that identify a row (scenario, province, year): frozen beside the header.
_KEY_COLUMNS = frozenset({"scenario", "province_code", "province", "year"})


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


def render_xlsx(doc: Document) -> bytes:
    """The document's tables as an .xlsx workbook.

    Parameters
    ----------
    doc : Document

    Returns
    -------
    bytes
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

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

    head_fill = PatternFill("solid", fgColor="1F4E79")
    for table in doc.tables("xlsx"):
        ws = wb.create_sheet(_sheet_name(table.sheet or table.key, used))
        ws.append([c.header() for c in table.columns])
        for cell in ws[1]:
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = head_fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        data = table.data
        columns = [(c, data[c.key].tolist()) for c in table.columns]
        for i in range(len(data)):
            ws.append([_cell(values[i]) for _, values in columns])
        for j, (col, _) in enumerate(columns, start=1):
            letter = get_column_letter(j)
            fmt = _FORMATS.get(col.kind)
            if col.kind == "num" and col.decimals == 0:
                fmt = "#,##0"
            if fmt:
                for row in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                    row[0].number_format = fmt
            ws.column_dimensions[letter].width = min(max(len(col.header()) * 0.9, 10), 45)
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
