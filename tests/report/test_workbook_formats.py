"""The workbook shows every rate and share as a percentage (issue 13): a fraction formatted #,##0.0 reads 0.0."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

import growth8
from growth8.report import build, render_document
from helpers import CONFIGS


@pytest.mark.parametrize("lang", ["en", "id"])
def test_fraction_columns_have_percent_formats(lang: str) -> None:
    inputs = growth8.report_inputs(CONFIGS / "banten.yaml", lang=lang, estimation=False, uncertainty=False)
    wb = load_workbook(io.BytesIO(render_document(build(inputs), "xlsx")))
    fraction = "fraction" if lang == "en" else "pecahan"
    checked = 0
    for ws in wb.worksheets[1:]:
        for column in ws.iter_cols(min_row=1, max_row=min(ws.max_row, 40)):
            header = str(column[0].value or "")
            numbers = [c for c in column[1:] if isinstance(c.value, float)]
            if f"({fraction}" in header and numbers:
                checked += 1
                assert all("%" in c.number_format for c in numbers), (ws.title, header, numbers[0].number_format)
    assert checked >= 20


def test_header_and_key_columns_frozen_and_filters_set() -> None:
    inputs = growth8.report_inputs(CONFIGS / "banten.yaml", lang="en", estimation=False, uncertainty=False)
    wb = load_workbook(io.BytesIO(render_document(build(inputs), "xlsx")))
    projection = wb["projection"]
    headers = [str(c.value).split(" (")[0] for c in projection[1]]
    assert headers[:4] == ["scenario", "province_code", "province", "year"]
    assert projection.freeze_panes == "E2"
    assert (
        projection.auto_filter.ref
        == f"A1:{projection.cell(row=1, column=projection.max_column).column_letter}{projection.max_row}"
    )
    for ws in wb.worksheets[1:-1]:  # every data sheet: header frozen, filter on
        assert ws.freeze_panes is not None and ws.freeze_panes.endswith("2"), ws.title
