"""The peer-comparison map (issue 13, point 4): the bundled outlines and their crosswalk to BPS codes, the loader's
checks, the drawing of a (SYNTHETIC) map, and the report's "Perbandingan antarprovinsi" section."""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import json
import math
import re
import shutil
import warnings
from pathlib import Path

import pytest

import growth8
from growth8 import pipeline
from growth8.data import GEOMETRY_CROSSWALK, GEOMETRY_FILE, Panel, load_province_geometry
from growth8.errors import DataError
from growth8.figures.draw import MISSING_COLOR, OUTLINE_WIDTH, choropleth_scale, render
from growth8.figures.spec import ChartPanel, Choropleth, Figure
from growth8.i18n import t
from growth8.report import build
from growth8.report.content import charts
from growth8.report.content.context import Context
from helpers import CONFIGS, DATA, ROOT

GEOJSON = DATA / GEOMETRY_FILE
SHARED_GEOJSON = ROOT.parent / "shared" / "data" / GEOMETRY_FILE
#: The Papua features of the file, by feature id: the BPS code each is (provenance note of the collected file).
PAPUA = {"91-A": 94, "91-B": 97, "91-C": 95, "91-D": 96, "92-A": 91, "92-B": 92}


def _crosswalk() -> list[dict[str, str]]:
    with (DATA / GEOMETRY_CROSSWALK).open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _features() -> dict[str, dict[str, str]]:
    doc = json.loads(GEOJSON.read_text(encoding="utf-8"))
    return {f["properties"]["id"]: f["properties"] for f in doc["features"]}


# ------------------------------------------------------------------ the bundled files
def test_crosswalk_maps_every_province_of_the_data_once(panel) -> None:
    rows = _crosswalk()
    codes = [int(r["province_code"]) for r in rows]
    assert len(codes) == len(set(codes)) == 38
    assert set(codes) == set(panel.provinces["province_code"])
    assert len({r["feature_id"] for r in rows}) == 38
    assert {r["feature_id"] for r in rows} == set(_features())


def test_papua_features_map_to_their_bps_codes_not_to_the_files_kode_prov() -> None:
    features = _features()
    by_feature = {r["feature_id"]: int(r["province_code"]) for r in _crosswalk()}
    assert {k: by_feature[k] for k in PAPUA} == PAPUA
    # the trap: the file keeps the pre-split parents' codes 91 and 92
    assert {features[k]["KODE_PROV"] for k in PAPUA} == {"91", "92"}
    assert [k for k in PAPUA if int(features[k]["KODE_PROV"]) == PAPUA[k]] == ["92-B"]
    # the loader joins by feature id: Papua (94) gets the outline of feature 91-A, Papua Barat (91) that of 92-A
    geometry = load_province_geometry(DATA)
    assert geometry is not None
    doc = json.loads(GEOJSON.read_text(encoding="utf-8"))
    raw = {f["properties"]["id"]: f["geometry"] for f in doc["features"]}
    for feature_id, code in PAPUA.items():
        g = raw[feature_id]
        polygons = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        assert geometry[code] == tuple(tuple((float(x), float(y)) for x, y in poly[0]) for poly in polygons)


def test_bundled_geojson_is_the_documented_file() -> None:
    digest = hashlib.sha256(GEOJSON.read_bytes()).hexdigest()
    sources = (DATA / "SOURCES.md").read_text(encoding="utf-8")
    assert f"`{digest}`" in sources
    assert "80aa4a90ac7eef5136eaa2b551b6aa5d198be27d" in sources and "CC BY 4.0" in sources
    if SHARED_GEOJSON.is_file():  # copied byte for byte from the collected file
        assert GEOJSON.read_bytes() == SHARED_GEOJSON.read_bytes()


def test_outlines_load_for_polygons_and_multipolygons(panel) -> None:
    geometry = panel.province_geometry()
    assert geometry is not None and set(geometry) == set(panel.provinces["province_code"])
    assert len(geometry[15]) == 1  # Jambi: a Polygon
    assert len(geometry[81]) == 34  # Maluku: a MultiPolygon of 34 islands
    for rings in geometry.values():
        for ring in rings:
            assert len(ring) >= 4 and ring[0] == ring[-1]
            assert all(94 < x < 142 and -12 < y < 7 for x, y in ring)


# ------------------------------------------------------------------ missing and bad files
def _copy(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    shutil.copytree(DATA, d)
    return d


def test_a_folder_without_the_map_files_has_no_map(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    (d / GEOMETRY_FILE).unlink()
    assert load_province_geometry(d) is None
    d2 = _copy(tmp_path / "b")
    (d2 / GEOMETRY_CROSSWALK).unlink()
    assert load_province_geometry(d2) is None
    growth8.data.load_panel(d2)  # the panel itself does not need them


def _edit_crosswalk(d: Path, change) -> None:
    path = d / GEOMETRY_CROSSWALK
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(change(lines)) + "\n", encoding="utf-8")


def test_bad_crosswalk_rows_are_located(tmp_path: Path) -> None:
    d = _copy(tmp_path)

    def change(lines: list[str]) -> list[str]:
        lines[2] = lines[2].replace("12,12,", "12,11,", 1)  # line 3: Aceh's code again
        lines[5] = lines[5].replace("15,15,Jambi", "15,15,Jamby", 1)  # line 6: not the file's name
        lines.append("99-Z,99,Nowhere")  # a row without a feature
        return lines

    _edit_crosswalk(d, change)
    with pytest.raises(DataError) as info:
        load_province_geometry(d)
    text = str(info.value)
    assert re.search(r"province_geometry\.csv:3:2: province_code: duplicate province_code 11 \(also on line 2\)", text)
    assert len(info.value.problems) == 1  # the other rows are checked against the map file once the table is sound
    _edit_crosswalk(d, lambda lines: [ln.replace("12,11,", "12,12,", 1) for ln in lines])
    with pytest.raises(DataError) as info:
        load_province_geometry(d)
    text = str(info.value)
    assert "province_geometry.csv:6:3: name_in_file: name_in_file 'Jamby' differs" in text and "'Jambi'" in text
    assert "province_geometry.csv:40:1: feature_id: feature_id '99-Z' is not a feature of" in text


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda doc: doc.replace('"Polygon"', '"Point"', 1), r"geometry type 'Point' is not supported"),
        (lambda doc: doc[:-20], r"indonesia-38-provinces\.geojson:\d+:\d+: the map file is not valid JSON"),
        (lambda doc: doc.replace('"id": "36"', '"id": "36-X"', 1), r"feature '36-X' \('Banten'\) has no row"),
    ],
)
def test_bad_map_files_give_one_clear_message(tmp_path: Path, edit, expected: str) -> None:
    d = _copy(tmp_path)
    path = d / GEOMETRY_FILE
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_province_geometry(d)
    assert re.search(expected, str(info.value)), str(info.value)


# ------------------------------------------------------------------ drawing a SYNTHETIC map
def _square(x: float) -> tuple[tuple[float, float], ...]:
    return ((x, 0.0), (x + 1.0, 0.0), (x + 1.0, 1.0), (x, 1.0), (x, 0.0))


def test_a_synthetic_map_is_coloured_around_the_target() -> None:
    """Three SYNTHETIC unit squares: one below an 8% target, one above, one without data."""
    import matplotlib.pyplot as plt
    from matplotlib.colors import to_rgba

    c = Choropleth(
        ("Below", "Above", "None"),
        ((_square(0.0),), (_square(2.0),), (_square(4.0),)),
        (0.05, 0.11, math.nan),
        highlight=("Below",),
        center=0.08,
        value_label="SYNTHETIC growth",
        highlight_label="analysed",
        missing_label="no data",
    )
    assert choropleth_scale(c) == pytest.approx((0.08, 0.033))
    fig = render(Figure("m", "SYNTHETIC", (ChartPanel("", "", "pct", choropleth=c),), 1, 3.0), "id")
    try:
        ax = fig.axes[0]
        fills, outline = ax.collections[0], ax.collections[1]
        below, above, missing = (tuple(rgba) for rgba in fills.get_facecolors())
        assert below[0] > below[2] + 0.3  # red below the target
        assert above[2] > above[0] + 0.3  # blue above it
        assert missing == pytest.approx(to_rgba(MISSING_COLOR))
        assert len(outline.get_paths()) == 1 and outline.get_linewidths()[0] == OUTLINE_WIDTH
        assert ax.get_aspect() == 1.0 and not len(ax.get_xticks()) and not len(ax.get_yticks())
        legend = [x.get_text() for x in ax.get_legend().get_texts()]
        assert legend == ["analysed", "no data"]
        labels = [a.get_text() for a in ax.texts]
        assert labels == ["Below 5,00%"]  # the highlighted region, with its value in Indonesian
        (bar,) = ax.child_axes
        assert bar.xaxis.get_major_formatter()(0.125) == "12,5%"
        assert bar.get_title(loc="left") == "SYNTHETIC growth"
    finally:
        plt.close(fig)


def test_one_outlier_does_not_wash_out_the_map() -> None:
    values = (0.03, 0.04, 0.045, 0.05, 0.05, 0.055, 0.06, 0.065, 0.07, 0.085, 0.34)  # a SYNTHETIC mining boom
    c = Choropleth(tuple("abcdefghijk"), tuple((_square(float(k)),) for k in range(11)), values, center=0.08)
    center, half = choropleth_scale(c)
    assert center == 0.08 and half == pytest.approx(1.1 * 0.05)  # not 1.1 x 0.26: the boom takes the end colour
    assert choropleth_scale(dataclasses.replace(c, scale_quantile=1.0))[1] == pytest.approx(1.1 * 0.26)


# ------------------------------------------------------------------ the report
@pytest.fixture(scope="module")
def inputs(panel) -> pipeline.ReportInputs:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", growth8.errors.Growth8Warning)  # type: ignore[attr-defined]
        return pipeline.report_inputs(
            CONFIGS / "default.yaml", panel=panel, estimation=False, uncertainty=False, draws=0, command=("t",)
        )


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_report_compares_the_provinces_in_a_chart_and_a_map(inputs, lang: str) -> None:
    doc = build(dataclasses.replace(inputs, lang=lang))
    titles = [s.title for s in doc.sections]
    section = doc.sections[titles.index(t("report.section.peers", lang))]
    assert titles.index(section.title) == titles.index(t("report.section.scenarios", lang)) + 1
    assert [b.key for b in section.blocks] == ["peers", "peers_map"]
    bars, atlas = section.blocks
    assert isinstance(bars, Figure) and isinstance(atlas, Figure)
    attribution = "Indonesia GeoJSON & TopoJSON Maps (38 Provinces), CC BY 4.0"
    assert atlas.source.endswith(("Peta: " if lang == "id" else "Map: ") + attribution)
    assert atlas.source.startswith(t("chart.source.bps_grdp", lang)) and attribution not in bars.source
    c = atlas.panels[0].choropleth
    assert c is not None and len(c.regions) == 38 and c.center == 0.08
    assert set(c.highlight) == {"Banten", "Bengkulu"}
    growth = inputs.target.projection.panel.wide("grdp_growth").loc[2025]
    by_name = dict(zip(c.regions, c.values, strict=True))
    assert by_name["Banten"] == growth[36] and by_name["Bengkulu"] == growth[17]
    above = sum(1 for v in c.values if v >= 0.08)
    assert atlas.message.startswith("Pada 2025 hanya" if lang == "id" else "In 2025 only")
    assert t("chart.msg.peers", lang, n=above, total=38, target="8%", year=2025, highlighted="")[:30] in bars.message


def test_no_map_without_its_files(inputs, monkeypatch) -> None:
    monkeypatch.setattr(Panel, "province_geometry", lambda self: None)
    ctx = Context(inputs, "id")
    assert charts.peers_map_figure(ctx) is None
    doc = build(inputs)
    section = next(s for s in doc.sections if s.title == t("report.section.peers", inputs.lang))
    assert [b.key for b in section.blocks] == ["peers"]  # the bar chart alone, and no message about the map
