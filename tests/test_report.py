"""Reports: PDF (en, id), workbook, Markdown, comparison, CLI; built from result objects only."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

import growth8
from growth8.cli import app
from growth8.i18n import number, percent
from growth8.report import build_comparison, build_report, render_document
from growth8.report.model import Figure, Table

ROOT = Path(__file__).resolve().parents[1]
CONFIGS = ROOT / "configs"
SHIPPED = sorted(p for p in CONFIGS.glob("*.yaml") if p.name != "defaults.yaml")
runner = CliRunner()


@pytest.fixture(scope="module")
def results(panel) -> dict[str, object]:
    """One target result per shipped config, computed once."""
    import warnings

    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", growth8.errors.Growth8Warning)  # type: ignore[attr-defined]
        for path in SHIPPED:
            out[path.stem] = growth8.solve_target(path, panel=panel)
    return out


@pytest.fixture(scope="module")
def estimation(panel):
    from growth8.estimate import estimate

    return estimate(panel)


def pdf_text(data: bytes) -> tuple[str, int]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def flat(text: str) -> str:
    """Extracted text with line breaks as spaces (sentences wrap across lines)."""
    return " ".join(text.split())


@pytest.mark.parametrize("lang", ["en", "id"])
def test_pdf_has_headline_numbers_and_page_numbers(results, estimation, panel, lang: str) -> None:
    res = results["default"]
    doc = build_report(res, lang=lang, estimation=estimation, panel=panel)
    text, n_pages = pdf_text(render_document(doc, "pdf"))
    text = flat(text)
    proj = res.projection.table()
    mg = res.max_growth_table()
    req = res.table()
    expected = []
    for code in res.setup.provinces:
        base = proj[(proj["scenario"] == "baseline") & (proj["province_code"] == code)].iloc[0]
        expected.append(percent(base["growth"], 2, lang))  # today's growth
        expected.append(percent(base["investment_rate"], 1, lang))  # today's investment rate
        m = mg[(mg["scenario"] == "baseline") & (mg["province_code"] == code)].iloc[0]
        expected.append(percent(m["max_constant_growth"], 2, lang))  # highest reachable growth
        r = req[(req["scenario"] == "baseline") & (req["province_code"] == code) & (req["year"] == 2028)].iloc[0]
        expected.append(percent(r["required_investment_rate"], 1, lang))  # what 8% needs
        expected.append(percent(r["icor_required_investment_rate"], 1, lang))  # the ICOR view
        stock = req[(req["scenario"] == "baseline") & (req["province_code"] == code) & (req["year"] == 2029)].iloc[0]
        expected.append(number(stock["required_bpd_credit"], 0, lang))
    for value in expected:
        assert value in text, f"{value!r} missing from the {lang} PDF"
    if lang == "id":
        assert "4,88%" in text and "4.88%" not in text
        assert f"Halaman 1 dari {n_pages}" in text and f"Halaman {n_pages} dari {n_pages}" in text
        assert "TIDAK LAYAK" in text and "Daftar isi" in text
    else:
        assert "4.88%" in text and "4,88%" not in text
        assert f"Page 1 of {n_pages}" in text and f"Page {n_pages} of {n_pages}" in text
        assert "NOT FEASIBLE" in text and "Contents" in text
    assert res.setup.config.config_hash[:16] in text  # cover


def test_pdf_metadata_bookmarks_and_vector_charts(results, panel) -> None:
    from pypdf import PdfReader

    res = results["banten"]
    data = render_document(build_report(res, lang="en", panel=panel), "pdf")
    reader = PdfReader(io.BytesIO(data))
    meta = reader.metadata
    assert meta is not None
    assert res.setup.config.config_hash in (meta.get("/Keywords") or "")
    assert str(res.setup.config.seed) in (meta.get("/Keywords") or "")
    assert '"data_hash"' in (meta.get("/Subject") or "")
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert "Executive summary" in titles and "Methodology" in titles
    # charts are vector drawings: the chart pages hold no raster images
    assert all(not page.images for page in reader.pages)


@pytest.mark.parametrize("name", [p.stem for p in SHIPPED])
def test_every_shipped_config_reports_in_both_languages(results, panel, name: str) -> None:
    res = results[name]
    for lang in ("en", "id"):
        doc = build_report(res, lang=lang, panel=panel)
        text, n_pages = pdf_text(render_document(doc, "pdf"))
        text = flat(text)
        assert n_pages >= 8
        first = res.projection.province_names[0]
        assert first in text
        word = "Halaman 1 dari" if lang == "id" else "Page 1 of"
        assert word in text
    if len(res.setup.provinces) > 6:  # all provinces: a few charted, every province in the summary table
        figs = [f for f in doc.figures() if f.key.startswith("paths_")]
        assert len(figs) == 4
        overview = next(t for t in doc.tables("pdf") if t.key == "overview")
        assert overview.data["province"].nunique() == len(res.setup.provinces)
        assert all(name in text for name in res.projection.province_names)


def test_workbook_one_sheet_per_table_with_units(results, estimation, panel) -> None:
    from openpyxl import load_workbook

    doc = build_report(results["default"], lang="en", estimation=estimation, panel=panel)
    wb = load_workbook(io.BytesIO(render_document(doc, "xlsx")))
    tables = doc.tables("xlsx")
    assert len(wb.sheetnames) == len(tables) + 2  # + summary and run
    assert {"summary", "run", "overview", "projection", "requirements", "assumptions", "provenance"} <= set(
        wb.sheetnames
    )
    heads = [c.value for c in wb["projection"][1]]
    assert "grdp_real (Rp bn, 2010 prices)" in heads and "growth (fraction, year-1 to year)" in heads
    heads = [c.value for c in wb["overview"][1]]
    assert any("(%)" in h for h in heads) and any("Rp bn" in h for h in heads)
    # numbers stay numbers: the projection sheet holds the result's values
    proj = results["default"].projection.table()
    col = heads_index = [c.value for c in wb["projection"][1]].index("grdp_real (Rp bn, 2010 prices)") + 1
    assert wb["projection"].cell(row=2, column=col).value == pytest.approx(proj["grdp_real"].iloc[0])
    assert heads_index > 0
    run = {r[0].value: r[1].value for r in wb["run"].iter_rows(min_row=2)}
    assert run["config_hash"] == results["default"].setup.config.config_hash


def test_markdown(results, panel) -> None:
    res = results["default"]
    text = render_document(build_report(res, lang="id", panel=panel), "md").decode("utf-8")
    assert text.startswith("---\n") and f'config_hash: "{res.setup.config.config_hash}"' in text
    assert "## Ringkasan eksekutif" in text
    m = res.max_growth_table().iloc[0]
    assert percent(m["max_constant_growth"], 2, "id") in text
    assert "| Tahun |" in text


def test_report_reads_results_and_never_runs_the_model(results, panel, monkeypatch) -> None:
    import growth8.model.engine
    import growth8.model.inverse
    import growth8.pipeline

    def boom(*_a: object, **_k: object) -> None:
        raise AssertionError("the report must not run the model")

    for mod, name in (
        (growth8.model.engine, "run"),
        (growth8.pipeline, "run_setup"),
        (growth8.pipeline, "project"),
        (growth8.model.inverse, "requirements"),
        (growth8.model.inverse, "max_growth"),
    ):
        monkeypatch.setattr(mod, name, boom)
    doc = build_report(results["bengkulu"], lang="en", panel=panel)
    assert render_document(doc, "md")


def synthetic_uncertainty(res) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """SYNTHETIC frames in the shape growth8.uncertainty returns: not model output, only for the renderer."""
    proj = res.projection.table()
    rows = proj[~proj["observed"]]
    q = []
    for var in ("growth", "grdp_real"):
        v = rows[var].to_numpy()
        spread = 0.01 if var == "growth" else 0.05 * v
        q.append(
            pd.DataFrame(
                {
                    "scenario": rows["scenario"].to_numpy(),
                    "province_code": rows["province_code"].to_numpy(),
                    "year": rows["year"].to_numpy(),
                    "variable": var,
                    "p05": v - 2 * spread,
                    "p10": v - spread,
                    "p50": v,
                    "p90": v + spread,
                    "p95": v + 2 * spread,
                }
            )
        )
    quantiles = pd.concat(q, ignore_index=True)
    keys = proj[["scenario", "province_code"]].drop_duplicates()
    prob = keys.assign(prob_reach_target=0.123, prob_reach_target_average=0.045).reset_index(drop=True)
    torn = []
    for s, c in keys.itertuples(index=False):
        for k, param in enumerate(("capital_share", "depreciation", "kappa")):
            torn.append(
                {
                    "scenario": s,
                    "province_code": c,
                    "parameter": param,
                    "low_value": 0.1,
                    "high_value": 0.2,
                    "outcome_low": 0.045 - 0.004 * (k + 1),
                    "outcome_high": 0.045 + 0.003 * (k + 1),
                    "outcome_base": 0.045,
                    "swing": 0.007 * (k + 1),
                    "outcome": "growth_target_year",
                }
            )
    return quantiles, prob, pd.DataFrame(torn)


def test_uncertainty_hooks_with_synthetic_frames(results, panel) -> None:
    res = results["default"]
    quantiles, prob, torn = synthetic_uncertainty(res)  # SYNTHETIC
    doc = build_report(res, lang="en", panel=panel, quantiles=quantiles, prob_reach=prob, tornado=torn)
    figs = {f.key: f for f in doc.figures()}
    growth_panel = figs["paths_36"].panels[1]
    assert any(s.bands for s in growth_panel.series)  # fan chart
    assert "tornado" in figs and figs["tornado"].panels[0].tornado is not None
    text = flat(pdf_text(render_document(doc, "pdf"))[0])
    assert "12%" in text and "4%" in text  # probabilities in the summary
    assert "Probability of reaching the target" in text
    sheets = {t.key for t in doc.tables("xlsx")}
    assert {"quantiles", "prob_reach", "tornado"} <= sheets
    md = render_document(build_report(res, lang="id", panel=panel, prob_reach=prob), "md").decode()
    assert "Peluang mencapai target" in md and "12%" in md


def test_compare_two_configs_and_one_config(results, panel) -> None:
    two = build_comparison([results["banten"], results["bengkulu"]], lang="en", panel=panel)
    table = next(t for t in two.tables("pdf") if t.key == "comparison")
    assert set(table.data["scenario"]) == {"banten:baseline", "banten:bpd_push", "bengkulu:baseline",
                                           "bengkulu:bpd_push"}  # fmt: skip
    text = flat(pdf_text(render_document(two, "pdf"))[0])
    assert "Banten" in text and "Bengkulu" in text and "Page 1 of" in text
    one = build_comparison([results["default"]], lang="id", panel=panel)
    table = next(t for t in one.tables("md") if t.key == "comparison")
    assert set(table.data["scenario"]) == {"baseline", "bpd_push"}
    md = render_document(one, "md").decode()
    assert "Perbandingan skenario" in md
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
    assert "already exists" in again.output and "--force" in again.output
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["banten.md"]  # no temporary files left
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
    assert "banten:bpd_push" in out.read_text()
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
    assert np.isfinite(1.0)


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
    assert "Probability of reaching the target" not in text
    assert "Growth in the target year by lever" in text  # the sweep heatmap's caption
    bad = runner.invoke(app, ["report", str(CONFIGS / "default.yaml"), "-o", str(tmp_path / "n.md"), "--draws", "-5"])
    assert bad.exit_code == 2 and "--draws must be 0 or more" in bad.output
