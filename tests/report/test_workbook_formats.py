"""The workbook works in Excel (issue 13): headers in words with units, a definitions sheet, number formats,
widths, frozen headers and filters, catalogue sheet names, reproducible bytes."""

from __future__ import annotations

import dataclasses
import io
import re
import warnings
from pathlib import Path

import pytest
from openpyxl import load_workbook

import growth8
from growth8 import pipeline
from growth8.data import SERIES_TEXTS
from growth8.i18n import catalogue, glossary, has, t
from growth8.report import build, render_document
from growth8.report.content.tables import column_label_key
from growth8.report.model import Document, Table
from helpers import CONFIGS, SHIPPED

DATA_MEDIA = frozenset({"xlsx"})


def _inputs(name: str, **options: object) -> pipeline.ReportInputs:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", growth8.errors.Growth8Warning)  # type: ignore[attr-defined]
        return growth8.report_inputs(CONFIGS / name, **options)


@pytest.fixture(scope="module")
def docs() -> dict[tuple[str, str], Document]:
    """Every shipped config in both languages, with its Monte Carlo (a few draws), sensitivity and sweep."""
    out = {}
    for name in SHIPPED:
        inputs = _inputs(name, draws=20, seed=3, estimation=False)
        for lang in ("id", "en"):
            out[(Path(name).stem, lang)] = build(dataclasses.replace(inputs, lang=lang))
    return out


@pytest.fixture(scope="module")
def books(docs) -> dict[tuple[str, str], object]:
    return {k: load_workbook(io.BytesIO(render_document(doc, "xlsx"))) for k, doc in docs.items()}


def _data_tables(doc: Document) -> list[Table]:
    return [tb for tb in doc.tables("xlsx") if tb.media == DATA_MEDIA]


# ----------------------------------------------------------------- headers
def test_every_data_column_has_a_catalogue_header(docs) -> None:
    """A column the catalogue cannot name (xlsx.col.<code>) fails here; a sweep's lever takes its parameter's title."""
    missing = set()
    checked = 0
    kinds = set()
    for (name, lang), doc in docs.items():
        for tb in _data_tables(doc):
            kinds.add(tb.key)
            for col in tb.columns:
                checked += 1
                key = column_label_key(tb.key, col.key)
                lever = tb.key == "sweep" and key is None and col.label != col.key
                if key is None and not lever:
                    missing.add((tb.key, col.key))
                    continue
                assert col.label != col.key or not re.fullmatch(r"[a-z0-9_]+", col.label), (name, lang, col.key)
                if key is not None:
                    assert col.label == t(key, lang)
    assert not sorted(missing)
    assert {"projection", "requirements", "max_growth", "financing", "assumptions", "provenance"} <= kinds
    assert {"quantiles", "prob_reach", "tornado", "sweep"} <= kinds
    assert checked > 1000


def test_headers_are_words_with_units_in_the_documents_language(books) -> None:
    for lang in ("id", "en"):
        wb = books[("default", lang)]
        heads = [c.value for c in wb[t("xlsx.sheet.requirements", lang)][1]]
        rate = f"{t('xlsx.col.required_investment_rate', lang)} ({t('xlsx.unit.investment_for_next', lang)})"
        assert rate in heads
        money = f"{t('xlsx.col.grdp_real', lang)} ({t('unit.rp_bn_real', lang)})"
        assert money in [c.value for c in wb[t("xlsx.sheet.projection", lang)][1]]
        assert "required_investment_rate" not in " ".join(map(str, heads))
    assert "Kebutuhan rasio investasi (% PDRB)" in [c.value for c in books[("default", "id")]["kebutuhan"][1]]


# ----------------------------------------------------------------- the definitions sheet
def test_definitions_sheet_follows_the_summary_and_defines_every_column(docs, books) -> None:
    for (name, lang), wb in books.items():
        doc = docs[(name, lang)]
        assert wb.sheetnames[1] == t("xlsx.sheet.definitions", lang)
        ws = wb.worksheets[1]
        head = [c.value for c in ws[1]]
        assert head == [t(f"xlsx.definitions.{k}", lang) for k in ("sheet", "header", "code", "unit", "definition")]
        rows = [r for r in ws.iter_rows(min_row=2, values_only=True)]
        end = rows.index((None,) * 5) if (None,) * 5 in rows else next(i for i, r in enumerate(rows) if r[0] is None)
        table_rows = rows[:end]
        # one row per (sheet, column) of every table sheet, in the order of the sheets and their headers
        expected = []
        for sheet in wb.sheetnames[2:-1]:
            expected += [(sheet, c.value) for c in wb[sheet][1]]
        assert [(r[0], r[1]) for r in table_rows] == expected
        assert all(r[4] for r in table_rows), [r[:3] for r in table_rows if not r[4]]
        codes = {(r[0], r[2]) for r in table_rows if r[2]}
        for tb in _data_tables(doc):
            sheet = next(s for s in wb.sheetnames if s == (tb.sheet or tb.key)[:31])
            assert {(sheet, c.key) for c in tb.columns} <= codes  # the CSV column codes, to map to projection.csv
        # the glossary below: every term with its words in the document's language
        back = rows[end:]
        assert (t("xlsx.definitions.glossary", lang),) + (None,) * 4 in back
        terms = {r[0]: r[1] for r in back if r[0] and r[1]}
        for _code, term, definition in glossary(lang):  # the report's glossary, one source
            assert terms[term] == definition
    defs = {r[2]: r[4] for r in books[("default", "en")].worksheets[1].iter_rows(min_row=2, values_only=True)}
    assert defs["growth"] == t("xlsx.def.growth", "en")


def test_every_column_code_has_a_definition_in_both_languages(docs) -> None:
    kinds = {tb.key.rsplit(":", 1)[-1] for doc in docs.values() for tb in doc.tables("xlsx")}
    for doc in docs.values():
        for tb in doc.tables("xlsx"):
            kind = tb.key.rsplit(":", 1)[-1]
            for col in tb.columns:
                keys = (f"xlsx.def.{kind}.{col.key}", f"xlsx.def.{col.key}", f"xlsx.def.{kind}.other")
                assert any(has(k) for k in keys), (tb.key, col.key)
    assert "overview" in kinds
    for key, entry in catalogue().items():
        if key.startswith(("xlsx.def.", "xlsx.col.")):
            assert entry["id"].strip() and entry["en"].strip(), key
            assert "\n" not in entry["id"] and "\n" not in entry["en"], key  # one line


def _english_phrases() -> set[str]:
    """Literal pieces of the English text of the workbook's, report's and units' keys whose Indonesian differs."""
    allow = {"ICOR", "Monte Carlo", "median", "Median"}
    phrases: set[str] = set()
    for key, entry in catalogue().items():
        if not key.startswith(("report.", "xlsx.", "unit.", "status.")) or entry["en"] == entry["id"]:
            continue
        for piece in re.split(r"\{[^}]*\}", entry["en"]):
            piece = piece.strip(" .,;:()[]–-")
            if len(piece) <= 3 or (re.fullmatch(r"[a-z0-9_]+", piece) and "_" in piece) or piece in allow:
                continue
            if piece not in entry["id"]:
                phrases.add(piece)
    return phrases


def test_indonesian_definitions_sheet_shows_no_english_catalogue_text(books) -> None:
    """Every cell of the Indonesian definitions sheet and every header, but the CSV column codes, is Indonesian."""
    phrases = _english_phrases()
    assert len(phrases) > 300
    for name in ("default", "all_provinces"):
        wb = books[(name, "id")]
        ws = wb.worksheets[1]
        words = [str(v) for row in ws.iter_rows(values_only=True) for j, v in enumerate(row) if v and j != 2]
        words += [str(c.value) for sheet in wb.worksheets[2:] for c in sheet[1] if c.value]
        words += wb.sheetnames
        joined = "\n".join(words)
        found = sorted(p for p in phrases if re.search(r"(?<![\w])" + re.escape(p) + r"(?![\w])", joined))
        assert not found, found
        assert "Definisi" in joined and "Istilah dan singkatan" in joined


# ----------------------------------------------------------------- formats, widths, frozen panes, filters
def test_rates_are_percentages_and_money_has_thousands_separators(docs, books) -> None:
    """Every fraction column is formatted as a percentage (a fraction formatted #,##0.0 reads 0.0), every
    Rp bn column with thousands separators."""
    pct = money = 0
    for key in (("banten", "en"), ("banten", "id")):
        doc, wb = docs[key], books[key]
        for tb in doc.tables("xlsx"):
            ws = wb[(tb.sheet or tb.key)[:31]]
            for j, col in enumerate(tb.columns, start=1):
                cells = [ws.cell(row=i, column=j) for i in range(2, min(ws.max_row, 40) + 1)]
                numbers = [c for c in cells if isinstance(c.value, float)]
                if not numbers:
                    continue
                if col.kind in ("pct", "share"):
                    pct += 1
                    assert all(c.number_format.endswith("%") for c in numbers), (ws.title, col.key)
                elif col.unit.startswith("Rp"):
                    money += 1
                    assert all(c.number_format in ("#,##0", "#,##0.0") for c in numbers), (ws.title, col.key)
    assert pct >= 40 and money >= 40
    proj = books[("banten", "en")]["projection"]
    heads = [c.value for c in proj[1]]
    growth = heads.index(f"{t('xlsx.col.growth', 'en')} (%)") + 1
    assert proj.cell(row=3, column=growth).number_format == "0.00%"


def test_widths_follow_headers_and_values_and_headers_wrap(books) -> None:
    wb = books[("all_provinces", "id")]
    ws = wb[t("xlsx.sheet.projection", "id")]
    widths = {}
    for cell in ws[1]:
        assert cell.alignment.wrap_text
        widths[cell.value] = ws.column_dimensions[cell.column_letter].width
        assert 8 <= widths[cell.value] <= 40
        longest_word = max(len(w) for w in str(cell.value).split())
        assert widths[cell.value] >= min(longest_word, 38)
    assert ws.row_dimensions[1].height and ws.row_dimensions[1].height >= 30
    assert len(set(widths.values())) > 3  # computed, not one width for all
    province = ws.column_dimensions["C"].width  # the province names, the longest shown whole
    names = [str(row[0]) for row in ws.iter_rows(min_row=2, min_col=3, max_col=3, values_only=True)]
    assert province >= max(len(n) for n in names)


def test_header_and_key_columns_frozen_and_filters_set(books) -> None:
    wb = books[("banten", "en")]
    projection = wb["projection"]
    assert projection.freeze_panes == "E2"  # scenario, province code, province, year
    assert (
        projection.auto_filter.ref
        == f"A1:{projection.cell(row=1, column=projection.max_column).column_letter}{projection.max_row}"
    )
    for ws in wb.worksheets[1:-1]:  # the definitions and every table sheet: header frozen, filter on
        assert ws.freeze_panes is not None and ws.freeze_panes.endswith("2"), ws.title
        assert ws.auto_filter.ref, ws.title


# ----------------------------------------------------------------- sheet names, bytes
def test_sheet_names_are_translated_short_and_distinct(books) -> None:
    keys = [k for k in catalogue() if k.startswith("xlsx.sheet.")]
    for lang in ("id", "en"):
        names = [t(k, lang, name="x" * 8) for k in keys]
        assert all(0 < len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names), names
        assert len({n.lower() for n in names}) == len(names), names
    for (_, lang), wb in books.items():
        shown = set(wb.sheetnames)
        assert shown <= {t(k, lang) for k in keys if "{" not in t(k, "en")}, shown
    assert books[("default", "id")].sheetnames[:2] == ["ringkasan", "definisi"]


def test_two_builds_are_byte_identical(docs) -> None:
    doc = docs[("bengkulu", "id")]
    assert render_document(doc, "xlsx") == render_document(doc, "xlsx")


# ----------------------------------------------------------------- sources
def test_sources_and_data_notes_are_in_the_workbooks_language(docs, panel) -> None:
    """The assumptions sheet's source column is parameters.csv's source_id in Indonesian (source in English), and
    the data sources sheet gives series.csv's Indonesian publisher, table, vintage, intermediary and notes (the
    English where blank), and the series' title in the workbook's language only."""
    series = panel.series.set_index("series_id")
    for name in SHIPPED:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", growth8.errors.Growth8Warning)  # type: ignore[attr-defined]
            params = growth8.project(CONFIGS / name, panel=panel).assumptions()
        for lang, column in (("id", "source_id"), ("en", "source")):
            tables = {tb.key: tb.data for tb in _data_tables(docs[(Path(name).stem, lang)])}
            assert list(tables["assumptions"]["source"]) == list(params[column]), (name, lang)
            assert "source_id" not in tables["assumptions"].columns
            data = tables["provenance"]
            assert ("title_en" in data.columns, "title_id" in data.columns) == (lang == "en", lang == "id")
            for text in SERIES_TEXTS:
                english = [series.at[s, text] for s in data["series_id"]]
                indonesian = [series.at[s, f"{text}_id"] or series.at[s, text] for s in data["series_id"]]
                assert list(data[text]) == (indonesian if lang == "id" else english), (name, lang, text)
                assert f"{text}_id" not in data.columns
        assert (params["source_id"] != params["source"]).all(), name


def test_a_value_shared_by_all_but_a_few_provinces_names_the_few(docs) -> None:
    """All provinces' report: the own-BPD share lent in the province is Banten's reported 8% and the default
    100% elsewhere; the second row says "all but Banten" rather than listing 37 provinces."""
    for lang in ("id", "en"):
        table = next(tb for tb in docs[("all_provinces", lang)].tables("pdf") if tb.key == "assumptions_print")
        rows = table.data[table.data["parameter"].str.endswith("(bpd_in_province_share)")]
        assert sorted(rows["applies"]) == sorted(["Banten", t("report.applies.all_but", lang, provinces="Banten")])


def test_printed_sources_start_upper_case_but_file_names_stay_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """A source cell starts upper case ("Rata-rata PMTB ..."), except a file's location (configs/default.yaml:114),
    as the CLI prints it for a config given relative to the working folder."""
    monkeypatch.chdir(CONFIGS.parent)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", growth8.errors.Growth8Warning)  # type: ignore[attr-defined]
        inputs = growth8.report_inputs(Path("configs/default.yaml"), draws=0, estimation=False)
    for lang in ("id", "en"):
        doc = build(dataclasses.replace(inputs, lang=lang))
        table = next(tb for tb in doc.tables("pdf") if tb.key == "assumptions_print")
        sources = list(table.data["source"])
        files = [s for s in sources if s.startswith("configs/default.yaml")]
        assert files, "the bpd_push overrides are located by file and line"
        assert all(not s[:1].islower() for s in sources if s not in files), lang
