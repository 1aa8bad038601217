"""Reports: PDF (en, id), workbook, Markdown, comparison, CLI; built from the pipeline's report inputs only."""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from typer.testing import CliRunner

import growth8
from growth8 import pipeline
from growth8.cli import app
from growth8.i18n import catalogue, number, percent, rupiah, t
from growth8.report import build, build_compare, render_document
from growth8.report.model import Figure, Table
from helpers import CONFIGS, DATA, ROOT, SHIPPED, write_config

runner = CliRunner()
REPORT_SRC = ROOT / "src" / "growth8" / "report"


def report_inputs(config: Path, panel, **options) -> pipeline.ReportInputs:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", growth8.errors.Growth8Warning)  # type: ignore[attr-defined]
        return pipeline.report_inputs(config, panel=panel, command=("growth8", "test"), **options)


def in_lang(inputs: pipeline.ReportInputs, lang: str) -> pipeline.ReportInputs:
    """The same report inputs, to be written in ``lang``."""
    return dataclasses.replace(inputs, lang=lang)


@pytest.fixture(scope="module")
def light(panel) -> dict[str, pipeline.ReportInputs]:
    """Report inputs per shipped config, without estimation or uncertainty (fast), computed once."""
    return {
        Path(name).stem: report_inputs(CONFIGS / name, panel, estimation=False, uncertainty=False, draws=0)
        for name in SHIPPED
    }


@pytest.fixture(scope="module")
def full(panel) -> pipeline.ReportInputs:
    """The default config with everything a report shows: estimation, Monte Carlo (seed 7), sensitivity, sweep."""
    return report_inputs(CONFIGS / "default.yaml", panel, draws=200, seed=7, estimation=True)


def pdf_text(data: bytes) -> tuple[str, int]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def flat(text: str) -> str:
    """Extracted text with line breaks as spaces (sentences wrap across lines)."""
    return " ".join(text.split())


@pytest.mark.parametrize("lang", ["en", "id"])
def test_pdf_has_headline_numbers_and_page_numbers(full, lang: str) -> None:
    res = full.target
    doc = build(in_lang(full, lang))
    text, n_pages = pdf_text(render_document(doc, "pdf"))
    text = flat(text)
    facts = res.facts()
    expected = []
    for code in res.setup.provinces:
        f = facts[("baseline", code)]
        expected.append(percent(f.projection.growth_now, 2, lang))  # today's growth
        expected.append(percent(f.projection.investment_rate_now, 1, lang))  # the investment rate (calibration mean)
        expected.append(percent(f.max_growth, 2, lang))  # highest reachable growth
        expected.append(percent(f.required_investment_rate, 1, lang))  # what 8% needs
        expected.append(percent(f.icor_investment_rate, 1, lang))  # the ICOR view
        expected.append(rupiah(f.required_bpd_credit, lang))  # BPD loans in the target year, Rp triliun
        expected.append(rupiah(f.injection_to_target, lang))  # cumulative injections to the target year
        reason = t(f"reason.{f.first_reason}", lang)
        expected.append(
            t("report.summary.infeasible.all", lang, reason=reason, year=f.first_infeasible_year, n=f.n_years)
        )
    for value in expected:
        assert value in text, f"{value!r} missing from the {lang} PDF"
    growth = facts[("baseline", 36)].max_growth * 100
    if lang == "id":
        assert f"{growth:.2f}".replace(".", ",") + "%" in text and f"{growth:.2f}%" not in text
        assert re.search(r"Rp\d{1,3}(\.\d{3})* triliun", text)  # money read the way people read it (glossary)
        assert "< 0,01%" in text  # a tiny positive share is never printed as 0,00%
    else:
        assert f"{growth:.2f}%" in text and f"{growth:.2f}".replace(".", ",") + "%" not in text
        assert re.search(r"Rp\d{1,3}(,\d{3})* trillion", text)
    assert t("report.page_of", lang, page=1, total=n_pages) in text
    assert t("report.page_of", lang, page=n_pages, total=n_pages) in text
    assert t("report.contents", lang) in text
    assert res.setup.config.config_hash in text  # technical information (back page)


def test_pdf_metadata_bookmarks_and_vector_charts(light) -> None:
    from pypdf import PdfReader

    inputs = light["banten"]
    data = render_document(build(inputs), "pdf")
    reader = PdfReader(io.BytesIO(data))
    meta = reader.metadata
    assert meta is not None
    assert inputs.run.config_hash in (meta.get("/Keywords") or "")
    assert f"seed={inputs.run.seed}" in (meta.get("/Keywords") or "")
    assert '"data_hash"' in (meta.get("/Subject") or "")
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert t("report.section.summary", "en") in titles and t("report.section.method", "en") in titles
    assert titles[-1] == t("report.section.technical", "en")  # the back page
    # charts are vector drawings: the chart pages hold no raster images
    assert all(not page.images for page in reader.pages)


@pytest.mark.parametrize("name", [Path(p).stem for p in SHIPPED])
def test_every_shipped_config_reports_in_both_languages(light, name: str) -> None:
    inputs = light[name]
    res = inputs.target
    for lang in ("en", "id"):
        doc = build(in_lang(inputs, lang))
        text, n_pages = pdf_text(render_document(doc, "pdf"))
        text = flat(text)
        assert n_pages >= 8
        assert res.projection.province_names[0] in text
        assert t("report.page_of", lang, page=1, total=n_pages) in text
        assert res.setup.config.title_in(lang).split()[0] in text
    if len(res.setup.provinces) > 6:  # all provinces: a few charted, every province in the summary table
        figs = [f for f in doc.figures() if f.key.startswith("paths_")]
        assert len(figs) == 4
        overview = next(tb for tb in doc.tables("pdf") if tb.key == "overview")
        assert overview.data["province"].nunique() == len(res.setup.provinces)
        assert all(name in text for name in res.projection.province_names)


def test_workbook_one_sheet_per_table_with_units(full) -> None:
    from openpyxl import load_workbook

    doc = build(in_lang(full, "en"))
    wb = load_workbook(io.BytesIO(render_document(doc, "xlsx")))
    tables = doc.tables("xlsx")
    assert len(wb.sheetnames) == len(tables) + 3  # + summary, definitions and run
    assert {"summary", "run", "overview", "projection", "requirements", "assumptions", "provenance"} <= set(
        wb.sheetnames
    )
    heads = [c.value for c in wb["projection"][1]]
    assert "Real GRDP (Rp bn, 2010 prices)" in heads and "GRDP growth (%)" in heads
    overview_heads = [c.value for c in wb["overview"][1]]
    assert any("(%)" in h for h in overview_heads) and any("Rp trillion" in h for h in overview_heads)
    # numbers stay numbers: the projection sheet holds the result's values
    proj = full.target.projection.table()
    col = heads.index("Real GRDP (Rp bn, 2010 prices)") + 1
    assert wb["projection"].cell(row=2, column=col).value == pytest.approx(proj["grdp_real"].iloc[0])
    run = {r[0].value: r[1].value for r in wb["run"].iter_rows(min_row=2)}
    assert run["config_hash"] == full.run.config_hash and run["seed"] == 7
    # Indonesian workbook: sheet names from the catalogue
    wb_id = load_workbook(io.BytesIO(render_document(build(in_lang(full, "id")), "xlsx")))
    assert {t(f"xlsx.sheet.{k}", "id") for k in ("summary", "run", "overview", "projection")} <= set(wb_id.sheetnames)
    heads_id = [c.value for c in wb_id[t("xlsx.sheet.projection", "id")][1]]
    assert "PDRB (Rp miliar, ADHK 2010)" in heads_id


def test_workbook_units_are_the_output_contracts(light) -> None:
    """Every column unit of the output contract has words in both languages, used by the workbook and by
    to_frame() (in English)."""
    from growth8.i18n import unit
    from growth8.results.projection import PROJECTION_COLUMNS
    from growth8.results.target import TARGET_COLUMNS

    for columns in (PROJECTION_COLUMNS, TARGET_COLUMNS):
        for code in filter(None, columns.values()):
            assert unit(code, "en") and unit(code, "id") and unit(code, "en") != unit(code, "id"), code
    long = light["default"].projection.to_frame()
    row = long[long["variable"] == "grdp_real"].iloc[0]
    assert row["unit"] == "Rp bn, 2010 prices" == unit(PROJECTION_COLUMNS["grdp_real"], "en")


def test_markdown(light) -> None:
    inputs = in_lang(light["default"], "id")
    text = render_document(build(inputs), "md").decode("utf-8")
    assert text.startswith("---\n") and f'config_hash: "{inputs.run.config_hash}"' in text
    assert f"## {t('report.section.summary', 'id')}" in text
    f = inputs.target.facts()[("baseline", inputs.target.setup.provinces[0])]
    assert percent(f.max_growth, 2, "id") in text
    assert f"| {t('report.col.year', 'id')} |" in text


def test_report_reads_results_and_never_runs_the_model(light, monkeypatch) -> None:
    import growth8.data
    import growth8.model.engine
    import growth8.model.inverse

    def boom(*_a: object, **_k: object) -> None:
        raise AssertionError("the report must not run the model or read data")

    for mod, name in (
        (growth8.model.engine, "run"),
        (pipeline, "run_setup"),
        (pipeline, "project"),
        (pipeline, "load"),
        (growth8.model.inverse, "requirements"),
        (growth8.model.inverse, "max_growth"),
        (growth8.data, "load_panel"),
    ):
        if hasattr(mod, name):
            monkeypatch.setattr(mod, name, boom)
    for lang in ("en", "id"):
        doc = build(in_lang(light["bengkulu"], lang))
        assert render_document(doc, "md")


def test_report_content_reads_no_files() -> None:
    """report/content never opens, reads or parses a file: it arranges result objects."""
    sources = sorted((REPORT_SRC / "content").glob("*.py"))
    assert len(sources) >= 6  # one module per section
    for path in sources:
        text = path.read_text(encoding="utf-8")
        for word in ("open(", "read_text", "read_bytes", "load_panel", "yaml", "read_csv"):
            assert word not in text, f"{path.name} uses {word!r}"
    for path in sorted(REPORT_SRC.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for word in ("load_panel", "import yaml", "read_csv", "REASON_TEXT", "_W[", 'lang == "id" else'):
            assert word not in text, f"{path.relative_to(ROOT)} uses {word!r}"


def test_uncertainty_sensitivity_and_sweep_in_the_report(full) -> None:
    doc = build(in_lang(full, "en"))
    figs = {f.key: f for f in doc.figures()}
    growth_panel = figs["paths_36"].panels[1]
    assert any(s.bands for s in growth_panel.series)  # fan chart from the Monte Carlo quantiles
    assert "tornado" in figs and figs["tornado"].panels[0].tornado is not None
    assert "sweep" in figs and figs["sweep"].panels[0].heatmap is not None
    text = flat(pdf_text(render_document(doc, "pdf"))[0])
    prob = full.uncertainty.probabilities().iloc[0]
    assert t("report.summary.prob_head", "en", draws=number(200, 0, "en")) in text
    assert percent(prob["prob_reach_target"], 1, "en") in text
    sheets = {tb.key for tb in doc.tables("xlsx")}
    assert {"quantiles", "prob_reach", "tornado", "sweep"} <= sheets
    md = render_document(build(in_lang(full, "id")), "md").decode()
    assert t("report.summary.prob_head", "id", draws=number(200, 0, "id")) in md


def _english_phrases() -> set[str]:
    """English catalogue text the Indonesian report must never show.

    Every literal piece (between placeholders) of the ``en`` text of the report's, charts', workbook's,
    units' and statuses' keys, where the key's ``id`` text differs, longer than three characters; codes
    (``max_growth``) and the allow-list below are left out.
    """
    allow = {
        "ICOR",  # an acronym both languages use
        "Monte Carlo",  # a proper name
        "median",  # the same statistical term in Indonesian
        "population",  # also a series code, printed in the data sources table
    }
    phrases: set[str] = set()
    for key, entry in catalogue().items():
        prefixes = (
            *("report.", "chart.", "xlsx.", "unit.", "status.", "glossary.", "source.", "reason.", "limit."),
            "provenance.",
        )
        if not key.startswith(prefixes) or entry["en"] == entry["id"]:
            continue
        for piece in re.split(r"\{[^}]*\}", entry["en"]):
            piece = piece.strip(" .,;:()[]–-")
            if len(piece) <= 3 or (re.fullmatch(r"[a-z0-9_]+", piece) and "_" in piece) or piece in allow:
                continue
            if piece in entry["id"]:  # the same words in both texts (a name, a code)
                continue
            phrases.add(piece)
    return phrases


def _english_source_phrases() -> set[str]:
    """The English sources written in configs/defaults.yaml and data/own_bpd.csv, in pieces, that their
    Indonesian texts (``source_id``, ``derivation_id``) do not share: a clause of three words or more."""
    import pandas as pd

    from growth8.config.parameters import load_defaults

    pairs = [(p.source, p.source_id) for p in load_defaults().values()]
    own = pd.read_csv(DATA / "own_bpd.csv", keep_default_na=False)
    pairs += list(zip(own["derivation"], own["derivation_id"], strict=True))
    phrases = set()
    for en, id_ in pairs:
        for piece in re.split(r"[;:()]|, |\. ", en):
            piece = piece.strip(" .,")
            if len(piece.split()) >= 3 and len(piece) >= 15 and piece not in id_:
                phrases.add(piece)
    return phrases


#: Names that hold English words and stay as they are in Indonesian text (a model; the map's source, CC BY 4.0).
PROPER_NAMES = ("Long Term Growth Model", "Indonesia GeoJSON & TopoJSON Maps (38 Provinces)")


def _found(phrase: str, text: str) -> bool:
    text = FILE_NAME.sub("", text)  # published.csv is a file's name, not the English word
    return re.search(r"(?<![\w])" + re.escape(phrase) + r"(?![\w])", text) is not None


FILE_NAME = re.compile(r"[\w./-]+\.(?:csv|yaml|md|geojson)\b")


def test_indonesian_outputs_show_no_english_catalogue_text(full) -> None:
    """With lang id, no English text of the catalogue appears in the PDF, nor in the workbook's names and headers;
    nor does any English source (the assumptions table's Sumber column): neither the catalogue's provenance
    templates nor the sources written in configs/defaults.yaml and data/own_bpd.csv."""
    from openpyxl import load_workbook

    phrases = _english_phrases()
    assert len(phrases) > 150  # the check covers the catalogue, not a handful of words
    sources = _english_source_phrases()
    assert len(sources) > 100
    phrases |= sources
    doc = build(in_lang(full, "id"))
    # the check sees English sources where they are printed: the same table in English holds them
    english = flat(pdf_text(render_document(build(in_lang(full, "en")), "pdf"))[0])
    assert len([p for p in sources if _found(p, english)]) > 30
    text = flat(pdf_text(render_document(doc, "pdf"))[0])
    for name in PROPER_NAMES:
        text = text.replace(name, "")
    assert not sorted(p for p in phrases if _found(p, text))
    wb = load_workbook(io.BytesIO(render_document(doc, "xlsx")))
    words = list(wb.sheetnames)
    for ws in wb.worksheets[1:]:
        for cell in ws[1]:
            head = str(cell.value or "")
            code, _, rest = head.partition(" (")
            words.append(rest if re.fullmatch(r"[a-z0-9_]+", code) else head)  # a column code is a code
    summary = wb.worksheets[0]
    words += [str(c.value) for row in summary.iter_rows() for c in row if c.value is not None]
    joined = "\n".join(words)
    for name in PROPER_NAMES:
        joined = joined.replace(name, "")
    assert not sorted(p for p in phrases if _found(p, joined))


def test_methodology_states_the_configs_calibration_window(panel, tmp_path: Path) -> None:
    """The methodology text says the calibration window, K/Y method and ICOR window the run used."""
    cfg = write_config(
        tmp_path,
        f"""\
        format: 1
        extends: {CONFIGS / "default.yaml"}
        title: Window 2023-2024
        calibration:
          window: [2023, 2024]
          baseline: window_mean
        """,
    )
    inputs = report_inputs(cfg, panel, estimation=False, uncertainty=False, draws=0)
    for lang in ("en", "id"):
        doc = build(in_lang(inputs, lang))
        method = next(s for s in doc.sections if s.title == t("report.section.method", lang))
        text = " ".join(b.text for b in method.blocks if hasattr(b, "text"))
        assert "2023–2024" in text and "2022–2024" not in text
        assert t("report.method.ky.steady_state", lang, window="2023–2024") in text
        assert t("report.method.icor", lang, window="2023–2024") in text
    default = build(in_lang(report_inputs(CONFIGS / "default.yaml", panel, estimation=False, uncertainty=False), "en"))
    method = next(s for s in default.sections if s.title == t("report.section.method", "en"))
    assert "2022–2024" in " ".join(b.text for b in method.blocks if hasattr(b, "text"))


def test_methodology_states_the_near_term_baseline(panel) -> None:
    """With the default near-term baseline the methodology says so (forecast years, convergence, trend K/Y) and
    does not claim the window-mean residual."""
    inputs = report_inputs(CONFIGS / "default.yaml", panel, estimation=False, uncertainty=False, draws=0)
    cal = inputs.target.setup.calibration
    for lang in ("en", "id"):
        doc = build(in_lang(inputs, lang))
        method = next(s for s in doc.sections if s.title == t("report.section.method", lang))
        text = " ".join(b.text for b in method.blocks if hasattr(b, "text"))
        assert t("report.method.ky.steady_state_trend", lang) in text
        assert t("report.method.tfp.residual", lang, window="2022–2024") not in text
        years = f"{cal.near_term.years[0]}–{cal.near_term.years[-1]}"
        assert years in text and t("report.method.labour.working_age", lang) in text


def test_seed_reaches_the_back_page_front_matter_and_metadata(panel) -> None:
    from pypdf import PdfReader

    inputs = report_inputs(CONFIGS / "bengkulu.yaml", panel, seed=7, draws=50, estimation=False, lang="id")
    assert inputs.run.seed == 7
    doc = build(inputs)
    assert doc.run["seed"] == 7 and doc.run["draws"] == inputs.run.draws
    data = render_document(doc, "pdf")
    reader = PdfReader(io.BytesIO(data))
    back = flat(reader.pages[-1].extract_text())
    assert t("report.section.technical", "id") in back
    assert f"{t('report.tech.seed', 'id')} 7" in back
    assert inputs.run.config_hash in back and inputs.run.data_hash in back
    assert "seed=7" in (reader.metadata.get("/Keywords") or "")
    md = render_document(doc, "md").decode()
    assert "\nseed: 7\n" in md.split("\n---\n")[0] + "\n"


def test_compare_two_configs_and_one_config(light) -> None:
    two = build_compare([light["banten"], light["bengkulu"]], "en")
    table = next(tb for tb in two.tables("pdf") if tb.key == "comparison")
    assert set(table.data["scenario"]) == {"banten:baseline", "banten:bpd_push", "bengkulu:baseline",
                                           "bengkulu:bpd_push"}  # fmt: skip
    text = flat(pdf_text(render_document(two, "pdf"))[0])
    assert "Banten" in text and "Bengkulu" in text and "Page 1 of" in text
    assert light["banten"].run.config_hash in text and light["bengkulu"].run.config_hash in text
    one = build_compare([light["default"]], "id")
    table = next(tb for tb in one.tables("md") if tb.key == "comparison")
    assert set(table.data["scenario"]) == {"baseline", "bpd_push"}
    md = render_document(one, "md").decode()
    assert t("report.comparison.subtitle", "id") in md
    assert isinstance(one.figures()[0], Figure) and isinstance(table, Table)


def test_cli_report_writes_atomically_and_never_overwrites(tmp_path: Path) -> None:
    out = tmp_path / "banten.md"
    args = ["report", str(CONFIGS / "banten.yaml"), "-o", str(out), "--lang", "id", "--no-estimation"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    before = out.read_bytes()
    assert before.startswith(b"---\n")
    again = runner.invoke(app, args)
    assert again.exit_code == 2
    assert "--force" in again.output
    assert out.read_bytes() == before
    names = sorted(p.name for p in tmp_path.iterdir())  # the Markdown and its charts; no temporary files left
    assert names[0] == "banten.md" and all(re.fullmatch(r"banten_fig\d\d_\w+\.svg", n) for n in names[1:])
    forced = runner.invoke(app, [*args, "--force"])
    assert forced.exit_code == 0, forced.output


def test_cli_report_xlsx_and_bad_input(tmp_path: Path) -> None:
    out = tmp_path / "b.xlsx"
    ok = runner.invoke(app, ["report", str(CONFIGS / "bengkulu.yaml"), "-o", str(out), "--no-estimation"])
    assert ok.exit_code == 0, ok.output
    assert out.read_bytes()[:2] == b"PK"
    bad = runner.invoke(app, ["report", str(CONFIGS / "bengkulu.yaml"), "--format", "docx", "-o", str(tmp_path / "x")])
    assert bad.exit_code == 2 and "--format" in bad.output and "Traceback" not in bad.output
    bad = runner.invoke(app, ["report", str(CONFIGS / "bengkulu.yaml"), "--lang", "fr", "-o", str(tmp_path / "y.md")])
    assert bad.exit_code == 2
    missing = runner.invoke(app, ["report", str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "z.md")])
    assert missing.exit_code == 2 and "Traceback" not in missing.output


def test_cli_compare(tmp_path: Path) -> None:
    out = tmp_path / "cmp.md"
    res = runner.invoke(app, ["compare", str(CONFIGS / "banten.yaml"), str(CONFIGS / "bengkulu.yaml"), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "banten:" in out.read_text()
    res = runner.invoke(app, ["compare", str(CONFIGS / "default.yaml"), "-o", str(tmp_path / "one.pdf")])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "one.pdf").read_bytes()[:5] == b"%PDF-"


def test_cli_import_stays_light() -> None:
    code = (
        "import sys, growth8.cli; "
        "heavy = [m for m in ('matplotlib', 'reportlab', 'openpyxl', 'pandas') if m in sys.modules]; "
        "assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env={"PYTHONPATH": str(ROOT / "src")})


def test_number_and_date_formats() -> None:
    from growth8.i18n import long_date

    assert number(2545.4, 1, "id") == "2.545,4" and number(2545.4, 1, "en") == "2,545.4"
    assert long_date(2025, 10, 24, "id") == "24 Oktober 2025"
    assert long_date(2025, 10, 24, "en") == "24 October 2025"
    assert rupiah(1845924.85, "id") == "Rp1.846 triliun" and rupiah(850, "en") == "Rp850 billion"


def test_every_reason_code_has_report_words() -> None:
    from growth8.model.inverse import REASONS

    for code in (*REASONS, "none"):
        assert t(f"reason.{code}", "id") and t(f"reason.{code}", "en")


def test_cli_report_includes_the_configs_uncertainty(tmp_path: Path) -> None:
    """growth8 report runs the config's Monte Carlo, sensitivity and sweep; --draws 0 leaves the draws out."""
    import openpyxl

    out = tmp_path / "default.xlsx"
    res = runner.invoke(
        app, ["report", str(CONFIGS / "default.yaml"), "-o", str(out), "--draws", "300", "--no-estimation"]
    )
    assert res.exit_code == 0, res.output
    sheets = set(openpyxl.load_workbook(out, read_only=True).sheetnames)
    assert {"quantiles", "prob_reach", "tornado", "sweep"} <= sheets
    md = tmp_path / "default.md"
    res = runner.invoke(
        app, ["report", str(CONFIGS / "default.yaml"), "-o", str(md), "--draws", "0", "--no-estimation"]
    )
    assert res.exit_code == 0, res.output
    text = md.read_text()
    assert t("report.summary.prob_head", "en", draws=0).split(" (")[0] not in text
    assert t("chart.sweep.title", "en", year=2029) in text  # the sweep heatmap's caption
    bad = runner.invoke(app, ["report", str(CONFIGS / "default.yaml"), "-o", str(tmp_path / "n.md"), "--draws", "-5"])
    assert bad.exit_code == 2 and "--draws" in bad.output and "Traceback" not in bad.output


@pytest.mark.parametrize("ky", ["ky_pwt110", 3.5])
def test_methodology_states_a_published_or_given_capital_output_ratio(tmp_path: Path, ky: object) -> None:
    """A K/Y method other than the steady state is named in the methodology (a catalogue placeholder called
    ``key`` once collided with t()'s own argument and raised TypeError)."""
    from growth8.report import build
    from growth8.report.model import Paragraph

    config = tmp_path / "ky.yaml"
    config.write_text(f"extends: {CONFIGS / 'bengkulu.yaml'}\ncalibration:\n  capital_output_ratio: {ky}\n")
    inputs = growth8.report_inputs(config, estimation=False, uncertainty=False)
    text = " ".join(b.text for s in build(inputs).sections for b in s.blocks if isinstance(b, Paragraph))
    value = inputs.target.setup.calibration.published_ky
    assert value is not None and number(value, 2, "en") in text


def _english_console_phrases() -> set[str]:
    """English text of the console's catalogue (summary lines, warnings, messages) for the console check."""
    phrases: set[str] = set()
    for key, entry in catalogue().items():
        if not key.startswith(("summary.", "warning.", "cli.", "outputs.", "error.assemble.")):
            continue
        if entry["en"] == entry["id"]:
            continue
        for piece in re.split(r"\{[^}]*\}", entry["en"]):
            piece = piece.strip(" .,;:()[]–-'\"")
            if len(piece) <= 4 or re.fullmatch(r"[a-z0-9_.]+", piece) or piece in entry["id"]:
                continue
            phrases.add(piece)
    return phrases


def test_indonesian_console_shows_no_english_catalogue_text(tmp_path: Path) -> None:
    """``growth8 report --lang id`` and ``growth8 project --lang id`` print Indonesian only: the result lines,
    the warnings (province names too: Sulawesi Tengah, not Central Sulawesi) and the files written."""
    phrases = _english_console_phrases()
    assert len(phrases) > 50
    out = []
    for args in (
        ["report", str(CONFIGS / "all_provinces.yaml"), "-o", str(tmp_path / "a.pdf"), "--draws", "0", "--lang", "id"],
        ["project", str(CONFIGS / "default.yaml"), "-o", str(tmp_path / "p"), "--lang", "id"],
    ):
        res = runner.invoke(app, args)
        assert res.exit_code == 0, res.output
        out.append(res.output)
    text = "\n".join(out).replace(str(tmp_path), "")
    assert "peringatan" in text  # the all-provinces config warns about calibrated values
    assert "Central Sulawesi" not in text and "Sulawesi Tengah" in text
    assert not sorted(p for p in phrases if _found(p, text))


@pytest.mark.parametrize("fmt", ["pdf", "md"])
def test_charts_drawn_by_workers_are_the_charts_drawn_here(light, fmt: str, monkeypatch) -> None:
    """Two forked workers or none: the PDF and the Markdown's SVG files are byte-identical."""
    from growth8.report.render import chart_workers, render_files

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    doc = build(in_lang(light["bengkulu"], "id"))
    outputs = []
    for jobs in (1, 2):
        with chart_workers(fmt, jobs) as workers:
            outputs.append(render_files(doc, fmt, f"r.{fmt}", workers))
    assert outputs[0].keys() == outputs[1].keys() and len(outputs[0]) >= (1 if fmt == "pdf" else 5)
    for name in outputs[0]:
        assert outputs[0][name] == outputs[1][name], name


def _fonts_of(pdf: bytes, page: int, texts: list[str]) -> dict[str, set[str]]:
    """The fonts (PostScript names, no subset prefix) that set each of ``texts`` on ``page`` (0-based) of ``pdf``."""
    from pypdf import PdfReader

    found: dict[str, set[str]] = {text: set() for text in texts}

    def visit(text: str, cm: object, tm: object, font: dict | None, size: float) -> None:
        name = str((font or {}).get("/BaseFont", "")).split("+")[-1]
        for wanted in texts:
            if wanted and wanted in text:
                found[wanted].add(name)

    PdfReader(io.BytesIO(pdf)).pages[page].extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize("jobs", [1, 2])
def test_cover_labels_are_bold_whoever_draws_the_charts(light, jobs: int) -> None:
    """The cover's labels (``<b>`` in the regular font) are set in the bold font: svglib, which converts the charts,
    registers the fonts again and reportlab then maps bold to the regular font unless growth8 maps it back."""
    from growth8.report.render import chart_workers, render_files

    doc = build(in_lang(light["bengkulu"], "en"))
    with chart_workers("pdf", jobs) as workers:
        pdf = render_files(doc, "pdf", "r.pdf", workers)["r.pdf"]
    labels = [label for label, _ in doc.cover]
    values = [value[:12] for _, value in doc.cover if len(value) > 12]  # a long value wraps: its start
    fonts = _fonts_of(pdf, 0, labels + values)
    assert labels and all(fonts[label] == {"DejaVuSans-Bold"} for label in labels), fonts
    assert values and all("DejaVuSans" in fonts[value] for value in values), fonts


def test_cli_report_jobs_out_of_range(tmp_path: Path) -> None:
    bad = runner.invoke(app, ["report", str(CONFIGS / "bengkulu.yaml"), "-o", str(tmp_path / "r.md"), "--jobs", "0"])
    message = flat(bad.output.replace("│", " "))  # the error box's borders out
    assert bad.exit_code == 2 and "'--jobs'" in message and "greater than or equal to 1" in message
    assert "Traceback" not in bad.output and not (tmp_path / "r.md").exists()
