"""Layout of the printed report: page 1 answers the question, bookmarks land on their headings, no table header
breaks inside a word, Markdown carries its charts, output files follow the umask, ``--focus``."""

from __future__ import annotations

import dataclasses
import io
import os
import re
import warnings
from pathlib import Path

import pytest
from typer.testing import CliRunner

import growth8
from growth8 import pipeline
from growth8.cli import app
from growth8.i18n import t
from growth8.report import build, render_document
from growth8.report.model import Paragraph
from helpers import CONFIGS

runner = CliRunner()


@pytest.fixture(scope="module")
def default_inputs(panel) -> pipeline.ReportInputs:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", growth8.errors.Growth8Warning)  # type: ignore[attr-defined]
        return pipeline.report_inputs(
            CONFIGS / "default.yaml", panel=panel, estimation=False, uncertainty=False, draws=0, command=("t",)
        )


@pytest.fixture(scope="module")
def pdfs(default_inputs) -> dict[str, tuple[object, bytes]]:
    out = {}
    for lang in ("en", "id"):
        doc = build(dataclasses.replace(default_inputs, lang=lang))
        out[lang] = (doc, render_document(doc, "pdf"))
    return out


def _pages(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_page_one_holds_the_key_messages_and_no_hashes(pdfs, default_inputs, lang: str) -> None:
    doc, data = pdfs[lang]
    first = _pages(data)[0]
    assert t("report.key.title", lang) in first
    assert t("report.key.table", lang) in first
    for name in default_inputs.target.projection.province_names:
        assert f"{name}:" in first  # one verdict per province
    key = [b for b in doc.highlights if isinstance(b, Paragraph)]
    assert all(" ".join(b.text.split())[:60] in first for b in key)  # every message fits on page 1
    assert default_inputs.run.config_hash not in first and default_inputs.run.data_hash not in first
    assert default_inputs.run.config_hash in _pages(data)[-1]  # the back page keeps them


@pytest.mark.parametrize("lang", ["en", "id"])
def test_bookmarks_land_on_distinct_pages_that_hold_their_heading(pdfs, lang: str) -> None:
    from pypdf import PdfReader

    doc, data = pdfs[lang]
    reader = PdfReader(io.BytesIO(data))
    pages = _pages(data)
    entries: list[tuple[str, int]] = []

    def walk(outline: list) -> None:
        for item in outline:
            if isinstance(item, list):
                walk(item)
            else:
                entries.append((item.title, reader.get_destination_page_number(item)))

    walk(reader.outline)
    assert len(entries) >= 10
    for title, page in entries:
        assert " ".join(title.split()) in pages[page], (title, page + 1)
    top = [page for title, page in entries if title in {s.title for s in doc.sections if s.new_page}]
    assert len(top) == len(set(top)) > 3  # sections that start a page each have their own page
    assert min(page for _, page in entries) > 0  # nothing points at the cover


@pytest.mark.parametrize("lang", ["en", "id"])
def test_no_table_header_breaks_inside_a_word(pdfs, lang: str) -> None:
    """Each printed table's header words appear whole, in order, in the PDF's text (a word broken across two
    lines of its cell would show as two pieces)."""
    doc, data = pdfs[lang]
    text = " ".join(_pages(data))
    tables = doc.tables("pdf")
    assert len(tables) > 5
    for table in tables:
        header = " ".join(w for c in table.columns for w in c.header(" ").split())
        assert header in text, (table.key, header)


def _report_under_umask(out: Path, umask: int):
    """``growth8 report configs/bengkulu.yaml -o out`` run with the process umask set to ``umask``."""
    old = os.umask(umask)
    try:
        return runner.invoke(app, ["report", str(CONFIGS / "bengkulu.yaml"), "-o", str(out), "--draws", "0"])
    finally:
        os.umask(old)


def test_markdown_links_its_charts_and_files_follow_the_umask(tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    res = _report_under_umask(out, 0o027)
    assert res.exit_code == 0, res.output
    text = out.read_text(encoding="utf-8")
    links = re.findall(r"!\[[^\]]*\]\(([^)]+\.svg)\)", text)
    assert len(links) >= 3
    for name in links:
        svg = tmp_path / name
        assert svg.read_bytes().lstrip().startswith(b"<?xml") and b"<svg" in svg.read_bytes()[:2000]
    for path in [out, *(tmp_path / n for n in links)]:
        assert path.stat().st_mode & 0o777 == 0o640  # 0666 less the umask 027
    # a second run without --force refuses to overwrite and leaves every file as it was
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    again = runner.invoke(app, ["report", str(CONFIGS / "bengkulu.yaml"), "-o", str(out), "--draws", "0"])
    assert again.exit_code != 0
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_pdf_mode_under_the_usual_umask(tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    res = _report_under_umask(out, 0o022)
    assert res.exit_code == 0, res.output
    assert out.stat().st_mode & 0o777 == 0o644


def test_focus_puts_one_province_first_and_rejects_others(panel, tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", growth8.errors.Growth8Warning)  # type: ignore[attr-defined]
        inputs = pipeline.load(CONFIGS / "all_provinces.yaml", panel=panel)
        codes = pipeline.focus_provinces(inputs, ["Bengkulu"])
        rep = pipeline.report_inputs(inputs, estimation=False, uncertainty=False, draws=0, command=("t",))
    assert codes == (17,)
    doc = build(rep, focus=codes)
    key = " ".join(b.text for b in doc.highlights if isinstance(b, Paragraph))
    assert "Bengkulu:" in key
    charted = [s.title for s in doc.sections if s.level == 2 and s.title == "Bengkulu"]
    assert charted  # its charts and tables
    assert "Aceh:" not in key
    res = runner.invoke(
        app, ["report", str(CONFIGS / "default.yaml"), "-o", str(tmp_path / "x.pdf"), "--focus", "Bantn"]
    )
    assert res.exit_code == 2
    assert "--focus 'Bantn' is not a province of this config" in res.output and "'Banten'" in res.output
    assert not (tmp_path / "x.pdf").exists()


def test_all_provinces_summary_fits_on_two_pages(panel) -> None:
    from pypdf import PdfReader

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", growth8.errors.Growth8Warning)  # type: ignore[attr-defined]
        rep = pipeline.report_inputs(
            CONFIGS / "all_provinces.yaml", panel=panel, estimation=False, uncertainty=False, draws=0, command=("t",)
        )
    data = render_document(build(rep), "pdf")
    reader = PdfReader(io.BytesIO(data))
    pages = {o.title: reader.get_destination_page_number(o) for o in reader.outline if not isinstance(o, list)}
    summary, after = pages[t("report.section.summary", "en")], pages[t("report.section.charts", "en")]
    assert after - summary <= 2
