"""The analyst's own data: ``growth8 data template`` and ``growth8 data import FILE``.

Every input file here is SYNTHETIC, built in the test itself (tmp_path): BPS-style tables (title rows, a
"38 Provinsi" header, years as columns, Indonesian decimals, an INDONESIA row, notes below) and filled
templates. The values are made up; only their layout copies what BPS's website exports.

Checked: both layouts import and the folder then loads with growth8.data.load_panel (the newest vintage
wins); the template round trip; each malformed file gets its own message (one per kind of problem, naming
rows and columns), exit code 2, no traceback, and leaves the target folder byte-identical; the user folder is
created as a copy of the base data, updated all or nothing, with the user's umask, never the bundled data.
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from growth8 import importer
from growth8.cli import app
from growth8.data import SCHEMAS, load_panel
from helpers import DATA

runner = CliRunner()

#: The 38 provinces as BPS's tables spell them (upper case, "KEP." and "DI"), in BPS order. SYNTHETIC values follow.
BPS_NAMES = (
    "ACEH",
    "SUMATERA UTARA",
    "SUMATERA BARAT",
    "RIAU",
    "JAMBI",
    "SUMATERA SELATAN",
    "BENGKULU",
    "LAMPUNG",
    "KEP. BANGKA BELITUNG",
    "KEP. RIAU",
    "DKI JAKARTA",
    "JAWA BARAT",
    "JAWA TENGAH",
    "DI YOGYAKARTA",
    "JAWA TIMUR",
    "BANTEN",
    "BALI",
    "NUSA TENGGARA BARAT",
    "NUSA TENGGARA TIMUR",
    "KALIMANTAN BARAT",
    "KALIMANTAN TENGAH",
    "KALIMANTAN SELATAN",
    "KALIMANTAN TIMUR",
    "KALIMANTAN UTARA",
    "SULAWESI UTARA",
    "SULAWESI TENGAH",
    "SULAWESI SELATAN",
    "SULAWESI TENGGARA",
    "GORONTALO",
    "SULAWESI BARAT",
    "MALUKU",
    "MALUKU UTARA",
    "PAPUA BARAT",
    "PAPUA BARAT DAYA",
    "PAPUA",
    "PAPUA SELATAN",
    "PAPUA TENGAH",
    "PAPUA PEGUNUNGAN",
)
NEW_PAPUA = {"PAPUA BARAT DAYA", "PAPUA SELATAN", "PAPUA TENGAH", "PAPUA PEGUNUNGAN"}
TITLE = "Laju Pertumbuhan Produk Domestik Regional Bruto Atas Dasar Harga Konstan 2010 Menurut Provinsi (Persen)"
VINTAGE = "2026-11-05"


def growth_pct(i: int, year: int) -> float:
    """A SYNTHETIC growth rate in percent for province number ``i`` and ``year``, two decimals."""
    return round(3.0 + 0.05 * i + 0.25 * (year - 2022), 2)


def id_number(value: float) -> str:
    """``value`` written as Indonesian tables do: ``5,37``."""
    return f"{value:.2f}".replace(".", ",")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too) with its bytes, and the folder's siblings."""
    found = {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    found["<siblings>"] = "\n".join(sorted(os.listdir(folder.parent))).encode()
    return found


def run(*args: str, env: dict[str, str] | None = None):
    result = runner.invoke(app, ["data", *args], env=env)
    assert "Traceback" not in result.output and "internal error" not in result.output, result.output
    return result


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


# ------------------------------------------------------------------------------------------ SYNTHETIC fixtures
def bps_semicolon_csv(
    path: Path, *, rows: dict[int, str] | None = None, title: str = TITLE, unit: str = " (Persen)"
) -> Path:
    """A BPS-style ``;`` CSV of growth in percent, 2022-2024, ``5,37`` decimals: title, blank line, a two-row header
    ("38 Provinsi" over the years), 38 provinces ('-' for the new Papua provinces in 2022), INDONESIA, notes.
    ``rows`` replaces data rows by their number (0 = ACEH) with a raw line."""
    lines = [f'"{title}"', "", f'"38 Provinsi";"Laju Pertumbuhan PDRB{unit}";;', ';"2022";"2023";"2024*"']
    for i, name in enumerate(BPS_NAMES):
        cells = [
            "-" if year == 2022 and name in NEW_PAPUA else id_number(growth_pct(i, year)) for year in (2022, 2023, 2024)
        ]
        lines.append((rows or {}).get(i, f'"{name}";' + ";".join(cells)))
    lines += [
        '"INDONESIA";5,31;5,05;5,03',
        "",
        '"Sumber: Badan Pusat Statistik (SYNTHETIC)"',
        '"Catatan: * angka sementara"',
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def bps_xlsx(path: Path) -> Path:
    """A BPS-style workbook of growth in percent: two title rows, "38 Provinsi" and years as numbers (2022, 2023)
    and as text ("2024*") in the header, values as Indonesian text ("5,37") in 2022 and as numbers in 2023-2024,
    '-' for provinces that did not exist yet, an INDONESIA row and notes below."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Tabel"
    sheet.append([TITLE])
    sheet.append(["Tabel SYNTHETIC untuk pengujian"])
    sheet.append([])
    sheet.append(["38 Provinsi", 2022, 2023, "2024*"])
    for i, name in enumerate(BPS_NAMES):
        first = "-" if name in NEW_PAPUA else id_number(growth_pct(i, 2022))
        sheet.append([name, first, growth_pct(i, 2023), growth_pct(i, 2024)])
    sheet.append(["INDONESIA", "5,31", 5.05, 5.03])
    sheet.append([])
    sheet.append(["Sumber: Badan Pusat Statistik (SYNTHETIC)"])
    sheet.append(["Catatan: *) Angka sementara"])
    book.save(path)
    return path


@pytest.fixture(scope="module")
def user_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A user data folder made once by an import (a copy of the bundled data plus one vintage)."""
    folder = tmp_path_factory.mktemp("user") / "data"
    source = bps_semicolon_csv(tmp_path_factory.mktemp("in") / "pdrb.csv")
    result = run("import", str(source), "--series", "grdp_growth", "--into", str(folder), "--vintage", VINTAGE)
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture
def existing(user_folder: Path, tmp_path: Path) -> Path:
    """A private copy of the user folder, for tests that try to change it."""
    folder = tmp_path / "mine" / "data"
    shutil.copytree(user_folder, folder)
    return folder


# ------------------------------------------------------------------------------------------ BPS tables
def test_bps_semicolon_csv_imports_and_loads(user_folder: Path) -> None:
    panel = load_panel(user_folder)
    assert panel.get("grdp_growth", "banten", 2023) == pytest.approx(growth_pct(15, 2023) / 100, abs=1e-15)
    assert panel.get("grdp_growth", "kepulauan_bangka_belitung", 2022) == pytest.approx(growth_pct(8, 2022) / 100)
    assert panel.get("grdp_growth", "di_yogyakarta", 2024) == pytest.approx(growth_pct(13, 2024) / 100)
    rows = list(csv.DictReader(io.StringIO((user_folder / "provincial.csv").read_text(encoding="utf-8"))))
    assert list(rows[0]) == list(SCHEMAS["provincial.csv"])
    mine = [r for r in rows if r["source"] == "user_pdrb"]
    assert len(mine) == 38 * 3 - 4  # the four new Papua provinces have no 2022 value ('-'); INDONESIA skipped
    assert {r["vintage"] for r in mine} == {VINTAGE}
    assert {r["status"] for r in mine if r["year"] == "2024"} == {"preliminary"}  # BPS's 2024*
    assert {r["status"] for r in mine if r["year"] != "2024"} == {""}
    assert next(r for r in mine if r["province_code"] == "36" and r["year"] == "2023")["value"] == "0.04"  # '4,00'
    assert next(r for r in mine if r["province_code"] == "19" and r["year"] == "2024")["value"] == "0.039"  # '3,90'
    sources = (user_folder / "SOURCES.md").read_text(encoding="utf-8")
    assert sources.startswith((DATA / "SOURCES.md").read_text(encoding="utf-8").rstrip("\n"))
    section = sources.split("## Imported: pdrb.csv")[1]
    assert "sha256: `" in section and "grdp_growth 2022–2024 (values: 110, provinces: 38)" in section
    assert f"vintage: {VINTAGE}" in section and "'Persen' in row 1" in section


def test_bps_xlsx_imports_and_loads(tmp_path: Path) -> None:
    source = bps_xlsx(tmp_path / "PDRB Provinsi.xlsx")
    into = tmp_path / "ud"
    result = run("import", str(source), "--series", "grdp_growth", "--into", str(into), "--vintage", "2026-12-01")
    assert result.exit_code == 0, result.output
    text = flat(result.output)
    assert "grdp_growth 2022–2024 (values: 110, provinces: 38)" in text
    assert "sheet 'Tabel', header row 4" in text and "('Persen' in row 1)" in text
    assert f"--data {into}" in text and f"data: {into}" in text
    panel = load_panel(into)  # the newest vintage wins over the bundled values of the same years
    assert panel.get("grdp_growth", "banten", 2022) == pytest.approx(growth_pct(15, 2022) / 100)  # text '3,75'
    assert panel.get("grdp_growth", "papua_pegunungan", 2024) == pytest.approx(growth_pct(37, 2024) / 100)
    assert panel.get("grdp_growth", "kepulauan_riau", 2023) == pytest.approx(growth_pct(9, 2023) / 100)
    assert (into / "SOURCES.md").read_text(encoding="utf-8").count("## Imported: PDRB Provinsi.xlsx") == 1


def test_a_second_import_adds_another_vintage(existing: Path, tmp_path: Path) -> None:
    later = {15: '"BANTEN";4,00;4,10;4,20'}
    source = bps_semicolon_csv(tmp_path / "pdrb.csv", rows=later)
    result = run("import", str(source), "--series", "grdp_growth", "--into", str(existing), "--vintage", "2027-02-05")
    assert result.exit_code == 0, result.output
    assert "that folder existed" not in result.output  # only said when --data was given
    rows = [r for r in csv.DictReader(io.StringIO((existing / "provincial.csv").read_text(encoding="utf-8")))]
    banten = [r for r in rows if (r["series_id"], r["province_code"], r["year"]) == ("grdp_growth", "36", "2023")]
    assert {r["vintage"] for r in banten} >= {VINTAGE, "2027-02-05"}
    assert load_panel(existing).get("grdp_growth", "banten", 2023) == pytest.approx(0.041)
    assert (existing / "SOURCES.md").read_text(encoding="utf-8").count("## Imported: pdrb.csv") == 2


def test_the_same_vintage_twice_is_refused(existing: Path, tmp_path: Path) -> None:
    before = snapshot(existing)
    source = bps_semicolon_csv(tmp_path / "pdrb.csv")
    result = run("import", str(source), "--series", "grdp_growth", "--into", str(existing), "--vintage", VINTAGE)
    assert result.exit_code == 2
    text = flat(result.output)
    assert f"already holds values of 'grdp_growth' with vintage {VINTAGE} (source user_pdrb) for 110 cells" in text
    assert "rows 5-42, columns 2022, 2023, 2024*:" in text
    assert snapshot(existing) == before


def test_a_national_series_takes_the_indonesia_row(tmp_path: Path) -> None:
    source = bps_semicolon_csv(tmp_path / "pdb.csv")
    into = tmp_path / "ud"
    result = run("import", str(source), "--series", "gdp_growth", "--into", str(into), "--vintage", "2026-11-05")
    assert result.exit_code == 0, result.output
    assert "gdp_growth 2022–2024 (values: 3, national)" in flat(result.output)
    national = (into / "national.csv").read_text(encoding="utf-8")
    assert "gdp_growth,2023,0.0505,user_pdb,,2026-11-05," in national
    load_panel(into)


# ------------------------------------------------------------------------------------------ the template
def test_template_round_trip_csv_in_indonesian(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("template")
    assert result.exit_code == 0, result.output
    template = tmp_path / "growth8_template.csv"
    text = template.read_text(encoding="utf-8")
    assert "ditulis: growth8_template.csv" in result.output  # Indonesian by default
    assert "id_seri;provinsi;tahun;nilai" in text.splitlines() and text.startswith("# growth8: templat")
    with template.open("a", encoding="utf-8") as f:  # fill a few cells (SYNTHETIC values)
        f.write("grdp_growth;BANTEN;2026;5,1%\ngrdp_growth;KEP. BANGKA BELITUNG;2026;0,0421\n")
        f.write("grdp_real;DI YOGYAKARTA;2026;123.456,7\ngdp_growth;;2026;5,05%\n")
    into = tmp_path / "ud"
    result = run("import", str(template), "--into", str(into), "--vintage", "2026-11-05", "--lang", "id")
    assert result.exit_code == 0, result.output
    assert "disimpan sebagai vintage baru 2026-11-05" in flat(result.output)
    panel = load_panel(into)
    assert panel.get("grdp_growth", "banten", 2026) == pytest.approx(0.051)
    assert panel.get("grdp_growth", 19, 2026) == pytest.approx(0.0421)
    assert panel.get("grdp_real", 34, 2026) == pytest.approx(123456.7)
    assert panel.national_value("gdp_growth", 2026) == pytest.approx(0.0505)
    assert "## Diimpor: growth8_template.csv" in (into / "SOURCES.md").read_text(encoding="utf-8")


def test_template_round_trip_xlsx_in_english_prefilled(tmp_path: Path) -> None:
    template = tmp_path / "mine.xlsx"
    result = run("template", "--out", str(template), "--lang", "en", "--series", "grdp_growth", "--year", "2026")
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(template)
    sheet = book["data"]
    assert [c.value for c in sheet[1]] == ["series_id", "province", "year", "value"]
    assert sheet.max_row == 1 + 38 and "instructions" in book.sheetnames
    for row in sheet.iter_rows(min_row=2):  # fill a few cells (SYNTHETIC values)
        if row[1].value == "Banten":
            row[3].value = 0.049
        elif row[1].value == "Bengkulu":
            row[3].value = "4.5%"
    book.save(template)
    into = tmp_path / "ud"
    result = run("import", str(template), "--into", str(into), "--vintage", "2026-11-05", "--status", "preliminary")
    assert result.exit_code == 0, result.output
    assert "grdp_growth 2026 (values: 2, provinces: 2)" in flat(result.output)
    panel = load_panel(into)
    assert panel.get("grdp_growth", "banten", 2026) == pytest.approx(0.049)
    assert panel.get("grdp_growth", "bengkulu", 2026) == pytest.approx(0.045)
    assert ",2026-11-05,preliminary" in (into / "provincial.csv").read_text(encoding="utf-8")


def test_template_is_never_overwritten_without_force(tmp_path: Path) -> None:
    out = tmp_path / "t.csv"
    assert run("template", "-o", str(out)).exit_code == 0
    out.write_text("mine\n", encoding="utf-8")
    result = run("template", "-o", str(out), "--lang", "en")
    assert result.exit_code == 2 and "already exists; pass --force" in flat(result.output)
    assert out.read_text(encoding="utf-8") == "mine\n"
    assert run("template", "-o", str(out), "--force").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# growth8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "docx"], "unknown --format 'docx'; choose one of csv, xlsx"),
        (["-o", "t.txt"], "must be one of csv, xlsx (it decides the template's format), not '.txt'"),
        (["-o", "t.csv", "--format", "xlsx"], "does not end in .xlsx but --format is xlsx"),
        (["--series", "grdp_grwth"], "series 'grdp_grwth' is not in series.csv (did you mean 'grdp_growth'"),
        (["--year", "2026"], "--year prefills rows of one series: give --series too"),
    ],
    ids=["format", "suffix", "mismatch", "series", "year"],
)
def test_template_option_mistakes(
    args: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("template", *args, "--lang", "en")
    assert result.exit_code == 2 and message in flat(result.output), result.output
    assert list(tmp_path.iterdir()) == []


def test_files_get_the_users_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        assert run("template", "-o", str(tmp_path / "t.xlsx")).exit_code == 0
        result = run(
            "import",
            str(bps_semicolon_csv(tmp_path / "p.csv")),
            "--series",
            "grdp_growth",
            "--into",
            str(tmp_path / "ud"),
        )
        assert result.exit_code == 0, result.output
    finally:
        os.umask(old)
    assert (tmp_path / "t.xlsx").stat().st_mode & 0o777 == 0o640
    assert (tmp_path / "ud").stat().st_mode & 0o777 == 0o750
    made = list((tmp_path / "ud").rglob("*"))  # the files and the map's folder (geo/)
    assert {p.stat().st_mode & 0o777 for p in made if p.is_file()} == {0o640}
    assert {p.stat().st_mode & 0o777 for p in made if p.is_dir()} <= {0o750}
    assert f"vintage {datetime.date.today().isoformat()}" in flat(result.output)  # the default


# ------------------------------------------------------------------------------------------ malformed files
def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def many_bad_numbers(folder: Path) -> Path:
    """Rows 5, 7 and 9-40 (the file's line numbers) hold '1,2,3' in the 2022 column: one message, 34 cells."""
    bad = {k: f'"{BPS_NAMES[k]}";1,2,3;5,00;5,10' for k in [0, 2, *range(4, 36)]}
    return bps_semicolon_csv(folder / "bps.csv", rows=bad)


CASES = {
    "unknown province": (
        lambda d: bps_semicolon_csv(d / "bps.csv", rows={15: '"BANTEEN";5,1;5,2;5,3'}),
        ["--series", "grdp_growth"],
        "bps.csv: unknown province: 'BANTEEN' in row 20 (did you mean 'banten'?)",
    ),
    "not numbers": (
        many_bad_numbers,
        ["--series", "grdp_growth"],
        "bps.csv: rows 5, 7, 9-40, column 2022: '1,2,3' is not a number (34 cells); this file writes decimals "
        "with a comma",
    ),
    "percent in a fraction series": (
        lambda d: bps_semicolon_csv(d / "bps.csv", title="PDRB menurut provinsi", unit=""),
        ["--series", "grdp_growth"],
        "bps.csv: rows 5-42, columns 2022, 2023, 2024*: values of 'grdp_growth' out of range, e.g. '3,00' "
        "(110 cells): the series' unit is 'fraction' and these look like percentages that were not divided by 100",
    ),
    "537 for a growth": (
        lambda d: _write(d / "t.csv", "series_id,province,year,value\ngrdp_growth,Banten,2025,537\n"),
        [],
        "t.csv: row 2, column value: values of 'grdp_growth' out of range, e.g. '537' (1 cell): the series' unit "
        "is 'fraction' and these look like percentages",
    ),
    "duplicate province rows": (
        lambda d: bps_semicolon_csv(d / "bps.csv", rows={20: '"KEPULAUAN RIAU";4,1;4,2;4,3'}),
        ["--series", "grdp_growth"],
        "bps.csv: the same province is on more than one row: 'Kepulauan Riau (21)' in rows 14, 25; keep one row",
    ),
    "missing header": (
        lambda d: _write(d / "bps.csv", '"Judul"\n"ACEH";5,1;5,2\n"BANTEN";4,1;4,2\n'),
        ["--series", "grdp_growth"],
        "bps.csv: no header row found: growth8 reads a BPS table (a 'Provinsi' or '38 Provinsi' column with years",
    ),
    "template column typo": (
        lambda d: _write(d / "t.csv", "series_id,province,year,valeu\ngrdp_growth,Banten,2025,0.05\n"),
        [],
        "t.csv:1: the template's header has no column 'nilai' (or 'value') (did you mean 'valeu'?)",
    ),
    "unknown series id": (
        lambda d: bps_semicolon_csv(d / "bps.csv"),
        ["--series", "grdp_grwth"],
        "bps.csv: --series: series 'grdp_grwth' is not in series.csv (did you mean 'grdp_growth'",
    ),
    "no series": (
        lambda d: bps_semicolon_csv(d / "bps.csv"),
        [],
        "a BPS table holds one series: name it with --series (from its title, perhaps --series grdp_growth)",
    ),
    "level series from a percent table": (
        lambda d: bps_semicolon_csv(d / "bps.csv"),
        ["--series", "grdp_real"],
        "the table is in percent ('Persen' in row 1) but series 'grdp_real' is in 'Rp bn (2010 prices)'",
    ),
    "empty file": (lambda d: _write(d / "bps.csv", "\n \n"), [], "bps.csv: the file is empty"),
    "wrong extension": (
        lambda d: _write(d / "bps.xls", "x"),
        [],
        "bps.xls: growth8 imports .csv and .xlsx files, not '.xls'; save it again as an Excel workbook (.xlsx)",
    ),
    "not a workbook": (
        lambda d: _write(d / "bps.xlsx", "series_id,province\n"),
        [],
        "bps.xlsx: not a readable Excel workbook (.xlsx)",
    ),
    "missing file": (lambda d: d / "nope.csv", [], "nope.csv: file not found"),
    "bad vintage": (
        lambda d: bps_semicolon_csv(d / "bps.csv"),
        ["--series", "grdp_growth", "--vintage", "2026-13-01"],
        "--vintage: '2026-13-01' is not a date YYYY-MM-DD",
    ),
    "bad status": (
        lambda d: bps_semicolon_csv(d / "bps.csv"),
        ["--series", "grdp_growth", "--status", "preliminry"],
        "--status: unknown status 'preliminry' (did you mean 'preliminary'",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("target", ["existing", "new"])
def test_a_malformed_file_gets_its_message_and_changes_nothing(
    case: str, target: str, existing: Path, tmp_path: Path
) -> None:
    make, args, message = CASES[case]
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    source = make(inputs)
    into = existing if target == "existing" else tmp_path / "new" / "data"
    before = snapshot(existing)
    result = run("import", str(source), "--into", str(into), "--lang", "en", *args)
    assert result.exit_code == 2, result.output
    assert message in flat(result.output), result.output
    assert snapshot(existing) == before
    assert not (tmp_path / "new").exists()


def test_one_message_per_kind_in_both_languages(tmp_path: Path, existing: Path) -> None:
    rows = {
        0: '"ACEHH";1,2,3;x1;5,0',
        3: '"RIAU";537;5,2;4,0',
        9: '"KEPULAUAN RIAU";4,0;4,1;4,2',
        20: '"KEP. RIAU";4,0;4,1;abc',
        25: '"SULAWESI TENGAH";1.2.3;4,1;4,2',
    }
    source = bps_semicolon_csv(tmp_path / "bps.csv", rows=rows)
    result = run("import", str(source), "--series", "grdp_growth", "--into", str(existing))
    assert result.exit_code == 2
    text = flat(result.output)
    assert "4 problems in the imported file" in text
    assert "rows 5, 25, 30, columns 2022, 2023, 2024*: '1,2,3' is not a number (4 cells)" in text
    assert "'ACEHH' in row 5 (did you mean 'aceh'?)" in text
    assert "'Kepulauan Riau (21)' in rows 14, 25" in text
    assert "row 8, column 2022: values of 'grdp_growth' out of range, e.g. '537' (1 cell): even read as" in text
    result = run("import", str(source), "--series", "grdp_growth", "--into", str(existing), "--lang", "id")
    text = flat(result.output)
    assert "4 masalah pada berkas yang diimpor" in text
    assert "baris 5, 25, 30, kolom 2022, 2023, 2024*: '1,2,3' bukan bilangan (4 sel)" in text
    assert "provinsi tidak dikenal: 'ACEHH' pada baris 5 (maksud Anda 'aceh'?)" in text


# ------------------------------------------------------------------------------------------ the user data folder
def test_the_bundled_data_is_never_the_target(tmp_path: Path) -> None:
    before = snapshot(DATA)
    source = bps_semicolon_csv(tmp_path / "bps.csv")
    result = run("import", str(source), "--series", "grdp_growth", "--into", str(DATA))
    assert result.exit_code == 2 and "is growth8's bundled data folder, which is never changed" in flat(result.output)
    assert snapshot(DATA) == before


def test_a_folder_with_other_files_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine\n", encoding="utf-8")
    result = run("import", str(bps_semicolon_csv(tmp_path / "b.csv")), "--series", "grdp_growth", "--into", str(other))
    assert result.exit_code == 2 and "is not a growth8 data folder (no provinces.csv)" in flat(result.output)
    assert sorted(os.listdir(other)) == ["notes.txt"]


def test_default_user_folder() -> None:
    assert importer.user_data_dir({"GROWTH8_USER_DATA": "/x/y", "XDG_DATA_HOME": "/z"}) == Path("/x/y")
    assert importer.user_data_dir({"XDG_DATA_HOME": "/z"}) == Path("/z/growth8/data")
    assert importer.user_data_dir({}) == Path.home() / ".local" / "share" / "growth8" / "data"


def test_into_defaults_to_growth8_user_data(tmp_path: Path) -> None:
    into = tmp_path / "env" / "data"
    source = bps_semicolon_csv(tmp_path / "bps.csv")
    result = run("import", str(source), "--series", "grdp_growth", "--dry-run", env={"GROWTH8_USER_DATA": str(into)})
    assert result.exit_code == 0 and "nothing was written" in result.output and not into.exists()
    result = run("import", str(source), "--series", "grdp_growth", env={"GROWTH8_USER_DATA": str(into)})
    assert result.exit_code == 0, result.output
    assert (into / "provinces.csv").is_file() and str(into) in result.output


def test_a_failure_while_storing_leaves_the_folder_as_it_was(
    existing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(existing)
    real = importer._write_new

    def full_disk(path: Path, data: bytes) -> None:
        if path.name == "SOURCES.md":
            raise OSError(28, "No space left on device", str(path))
        real(path, data)

    monkeypatch.setattr(importer, "_write_new", full_disk)
    source = bps_semicolon_csv(tmp_path / "bps.csv")
    result = run("import", str(source), "--series", "grdp_growth", "--into", str(existing), "--vintage", "2027-01-01")
    assert result.exit_code == 74, result.output
    assert "no space" in result.output.lower() or "disk" in result.output.lower()
    assert snapshot(existing) == before  # no staging folder beside it either


def test_a_failure_while_swapping_leaves_the_folder_as_it_was(
    existing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(existing)
    monkeypatch.setattr(importer, "_exchange", lambda a, b: False)  # the two-rename fallback ...
    real = os.rename
    calls = []

    def second_fails(a: object, b: object) -> None:
        calls.append((a, b))
        if len(calls) == 2:
            raise OSError(5, "Input/output error", str(b))
        real(a, b)  # type: ignore[arg-type]

    monkeypatch.setattr(importer.os, "rename", second_fails)  # ... fails between its two renames
    source = bps_semicolon_csv(tmp_path / "bps.csv")
    result = run("import", str(source), "--series", "grdp_growth", "--into", str(existing), "--vintage", "2027-01-01")
    assert result.exit_code == 74, result.output
    assert snapshot(existing) == before


def test_an_imported_folder_runs_project(user_folder: Path, tmp_path: Path) -> None:
    listing = runner.invoke(app, ["data", "--data", str(user_folder)])
    assert listing.exit_code == 0, listing.output
    assert "user_pdrb" in listing.output
    out = tmp_path / "out"
    result = runner.invoke(app, ["project", "--data", str(user_folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "projection.csv").is_file()


# ------------------------------------------------------------------------------------------ numbers
@pytest.mark.parametrize(
    ("cells", "delimiter", "mark"),
    [
        (["5,37", "1.234,56", "1.234"], ";", ","),
        (["4.21", "1,234.5", "1,234"], ",", "."),
        (["1.234", "2.345"], ";", ","),  # read only one way by neither: a ';' file writes decimal commas
        (["1.234", "2.345"], ",", "."),
    ],
)
def test_the_decimal_mark_is_decided_once_per_file(cells: list[str], delimiter: str, mark: str) -> None:
    assert importer._decimal_mark(cells, delimiter) == mark


@pytest.mark.parametrize(
    ("text", "mark", "value"),
    [
        ("1.234,56", ",", 1234.56),
        ("5,37", ",", 5.37),
        ("-0,37", ",", -0.37),
        ("1.234.567", ",", 1234567.0),
        ("1,234.56", ".", 1234.56),
        ("0.0537", ".", 0.0537),
        ("1,2,3", ",", None),
        ("1.2.3", ",", None),
        ("12,5", ".", None),
        ("0.052", ",", None),
    ],
)
def test_numbers_as_text(text: str, mark: str, value: float | None) -> None:
    assert importer._parse_number(text, mark) == value
