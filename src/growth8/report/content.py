"""Build the report's :class:`~growth8.report.model.Document` from result objects.

The builder reads :class:`~growth8.results.TargetResult` (which holds its
:class:`~growth8.results.ProjectionResult`), optionally an
:class:`~growth8.estimate.EstimationResult` and the uncertainty frames of
``growth8.uncertainty``. It never runs the model: every number in the document
is a value of those objects (or of the bundled data, for history and
provenance), selected, compared or formatted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from growth8._version import __version__
from growth8.i18n import long_date, number, percent
from growth8.report.model import (
    PRINT_MEDIA,
    Bars,
    Block,
    ChartPanel,
    Column,
    Document,
    Figure,
    Heatmap,
    Paragraph,
    Section,
    Series,
    Table,
    Tornado,
)
from growth8.results.projection import PROJECTION_COLUMNS
from growth8.results.target import TARGET_COLUMNS

if TYPE_CHECKING:
    from growth8.data import Panel
    from growth8.estimate import EstimationResult
    from growth8.results.target import TargetResult

__all__ = ["build_comparison", "build_report", "chart_provinces"]

#: Provinces up to this count all get charts and per-year tables; above it, the largest few.
ALL_CHARTS_UP_TO = 6

# ---------------------------------------------------------------------------------------------- words
_W: dict[str, tuple[str, str]] = {
    "report": ("growth8 report", "Laporan growth8"),
    "comparison": ("growth8 scenario comparison", "Perbandingan skenario growth8"),
    "provinces": ("Provinces", "Provinsi"),
    "scenarios": ("Scenarios", "Skenario"),
    "date": ("Date", "Tanggal"),
    "version": ("growth8 version", "Versi growth8"),
    "config": ("Config", "Konfigurasi"),
    "config_hash": ("Config hash", "Hash konfigurasi"),
    "data_hash": ("Data hash", "Hash data"),
    "seed": ("Seed", "Seed"),
    "target": ("Target", "Target"),
    "summary": ("Executive summary", "Ringkasan eksekutif"),
    "charts": ("Charts", "Grafik"),
    "tables": ("Tables", "Tabel"),
    "assumptions": ("Assumptions", "Asumsi"),
    "provenance": ("Data provenance", "Asal-usul data"),
    "method": ("Methodology", "Metodologi"),
    "estimation": ("Estimation results", "Hasil estimasi"),
    "limits": ("Limitations", "Keterbatasan"),
    "uncertainty": ("Uncertainty", "Ketidakpastian"),
    "year": ("Year", "Tahun"),
    "growth": ("Growth", "Pertumbuhan"),
    "grdp": ("Real GRDP", "PDRB riil"),
    "iy": ("Investment rate", "Rasio investasi"),
    "iy_req": ("Required I/Y", "I/Y yang diperlukan"),
    "iy_base": ("Baseline I/Y", "I/Y dasar"),
    "iy_icor": ("ICOR I/Y", "I/Y ICOR"),
    "iy_hist": ("Observed I/Y", "I/Y observasi"),
    "loans": ("BPD loans", "Kredit BPD"),
    "loans_feasible": ("BPD loans (feasible)", "Kredit BPD (layak)"),
    "loans_req": ("Required BPD loans", "Kredit BPD diperlukan"),
    "loan_growth_req": ("Required loan growth", "Pertumbuhan kredit diperlukan"),
    "deposits_req": ("Required deposits", "DPK diperlukan"),
    "injection_req": ("Capital injection", "Penyertaan modal"),
    "gap": ("Investment gap", "Kesenjangan investasi"),
    "tfp_req": ("Required TFP growth", "Pertumbuhan PTF diperlukan"),
    "feasible": ("Feasible", "Layak"),
    "gap_short": ("Inv. gap", "Kesenj. inv."),
    "deposits_short": ("Deposits", "DPK"),
    "injection_short": ("Injection", "Penyertaan"),
    "tfp_short": ("TFP", "PTF"),
    "limit": ("Limit", "Batas"),
    "ldr_limit": ("LDR limit", "Batas LDR"),
    "car_limit": ("CAR limit", "Batas KPMM"),
    "target_path": ("8% target path", "Jalur target 8%"),
    "target_line": ("Target", "Target"),
    "observed": ("Observed", "Observasi"),
    "scenario": ("Scenario", "Skenario"),
    "province": ("Province", "Provinsi"),
    "avg_growth": ("Average growth", "Rata-rata pertumbuhan"),
    "max_growth": ("Highest reachable growth", "Pertumbuhan tertinggi yang dapat dicapai"),
    "bpd_share": ("BPD share of gap", "Porsi BPD atas kesenjangan"),
    "grdp_h": ("Real GRDP at horizon", "PDRB riil pada akhir proyeksi"),
    "vs_base": ("vs baseline", "vs dasar"),
    "binding_years": ("Years capped", "Tahun dibatasi"),
    "growth_base": ("Growth, base year", "Pertumbuhan, tahun dasar"),
    "iy_now": ("I/Y, base year", "I/Y, tahun dasar"),
    "parameter": ("Parameter", "Parameter"),
    "applies": ("Applies to", "Berlaku untuk"),
    "value": ("Value", "Nilai"),
    "value_h": ("At horizon", "Akhir proyeksi"),
    "unit": ("Unit", "Satuan"),
    "source": ("Source", "Sumber"),
    "series": ("Series", "Seri"),
    "title": ("Title", "Judul"),
    "years": ("Years", "Tahun"),
    "n_prov": ("Provinces", "Provinsi"),
    "publisher": ("Publisher", "Penerbit"),
    "all": ("all", "semua"),
    "pp": ("pp", "poin persen"),
    "rp_bn": ("Rp bn", "Rp miliar"),
    "rp_bn_2010": ("Rp bn, 2010 prices", "Rp miliar, harga 2010"),
    "rp_bn_nom": ("Rp bn, current prices", "Rp miliar, harga berlaku"),
    "pct": ("%", "%"),
    "pct_gdp": ("% of GRDP", "% PDRB"),
    "pct_year": ("% a year", "% per tahun"),
    "prob": ("Probability of reaching the target", "Peluang mencapai target"),
    "prob_year": ("in the target year", "pada tahun target"),
    "prob_avg": ("on average to the horizon", "rata-rata hingga akhir proyeksi"),
    "tornado": ("Sensitivity", "Sensitivitas"),
    "sweep": ("Where the target becomes reachable (lever sweep)", "Di mana target dapat dicapai (sapuan tuas)"),
    "sweep_note": (
        "Growth into the target year over the two levers shown (the best value over any other swept lever); "
        "* marks cells that reach the target.",
        "Pertumbuhan pada tahun target menurut dua tuas yang ditampilkan (nilai terbaik atas tuas lain yang disapu); "
        "* menandai sel yang mencapai target.",
    ),
    "low": ("low value", "nilai rendah"),
    "high": ("high value", "nilai tinggi"),
    "none": ("none", "tidak ada"),
    "ldr": ("LDR", "LDR"),
    "car": ("CAR", "KPMM"),
    "yes": ("yes", "ya"),
    "spec": ("Specification", "Spesifikasi"),
    "coef": ("Coefficient", "Koefisien"),
    "se": ("Std. error", "Galat baku"),
    "ci": ("95% interval", "Interval 95%"),
    "pvalue": ("p-value", "nilai p"),
    "nobs": ("N", "N"),
}


def w(key: str, lang: str) -> str:
    """The report's word ``key`` in ``lang`` ('en' or 'id')."""
    return _W[key][0 if lang == "en" else 1]


def _pct(v: float, lang: str, d: int = 1) -> str:
    return percent(float(v), d, lang)


def _num(v: float, lang: str, d: int = 0) -> str:
    return number(float(v), d, lang)


def _rp(v: float, lang: str) -> str:
    return f"Rp {_num(v, lang)} {'miliar' if lang == 'id' else 'bn'}"


def _reason(code: str, lang: str) -> str:
    from growth8.model.inverse import REASON_TEXT

    entry = REASON_TEXT.get(code)
    return entry[lang] if entry else str(code)


def _date(created: str, lang: str) -> str:
    y, m, d = (int(x) for x in created[:10].split("-"))
    return long_date(y, m, d, lang)


# ---------------------------------------------------------------------------------------------- facts
@dataclass(frozen=True)
class _Facts:
    """The numbers the summary quotes for one scenario and province, read from the result tables."""

    name: str
    base_year: int
    goal_year: int
    horizon: int
    target: float
    growth_now: float
    iy_now: float
    avg_growth: float
    reach_year: int | None
    req_iy: float
    credit_growth: float
    req_credit: float
    req_deposits: float
    inj_total: float
    tfp_req: float
    icor: float
    icor_iy: float
    n_infeasible: int
    n_years: int
    first_reason: str
    first_year: int
    max_growth: float
    max_reason: str
    max_year: int
    gap_share: float
    grdp_h: float
    n_binding: int
    binding: str


def _yaml_titles(cfg: Any) -> tuple[str, dict[str, str]]:
    """Indonesian titles (``title_id``) of the config and its scenarios, read from its YAML files."""
    from pathlib import Path

    import yaml

    title, scen = "", {}
    for f in cfg.files:
        try:
            doc = yaml.safe_load(Path(f).read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError):
            continue
        if isinstance(doc, dict):
            title = str(doc.get("title_id") or title)
            for name, spec in (doc.get("scenarios") or {}).items():
                if isinstance(spec, dict) and spec.get("title_id"):
                    scen[str(name)] = str(spec["title_id"])
    return title, scen


class _Tabs:
    """The result tables, computed once and sliced."""

    def __init__(self, result: TargetResult, lang: str = "en") -> None:
        self.result = result
        self.lang = lang
        self.setup = result.setup
        self.cfg = self.setup.config
        self.years = self.setup.years
        self.proj = result.projection.table()
        self.req = result.table()
        self.mg = result.max_growth_table()
        self.names = dict(zip(self.setup.provinces, result.projection.province_names, strict=True))
        self.title_id, self.titles_id = _yaml_titles(self.cfg)

    def st(self, scen: str) -> str:
        """A scenario's title in the report's language."""
        if self.lang == "id" and scen in self.titles_id:
            return self.titles_id[scen]
        return str(self.cfg.scenario_titles.get(scen, scen))

    def title(self) -> str:
        """The config's title in the report's language."""
        return (self.title_id or self.cfg.title) if self.lang == "id" else self.cfg.title

    def p(self, scen: str, code: int) -> pd.DataFrame:
        t = self.proj
        return t[(t["scenario"] == scen) & (t["province_code"] == code)]

    def r(self, scen: str, code: int) -> pd.DataFrame:
        t = self.req
        return t[(t["scenario"] == scen) & (t["province_code"] == code)]

    def facts(self, scen: str, code: int) -> _Facts:
        spec = self.cfg.province_targets[code]
        years = self.years
        base = int(years[0])
        goal = min(max(spec.by, int(years[1])), int(years[-1]))
        rows, req = self.p(scen, code), self.r(scen, code)
        proj = rows[~rows["observed"]]
        rq = req[req["year"] > base]
        hit = proj[proj["growth"] >= spec.growth - 1e-12]
        at = req[req["year"] == goal - 1].iloc[0]
        stock = req[req["year"] == goal].iloc[0]
        today = req.iloc[0]
        with np.errstate(invalid="ignore", divide="ignore"):
            cg = (stock["required_bpd_credit"] / today["required_bpd_credit"]) ** (1 / max(goal - base, 1)) - 1
        bad = rq[~rq["feasible"]]
        m = self.mg[(self.mg["scenario"] == scen) & (self.mg["province_code"] == code)].iloc[0]
        bind = proj[proj["binding_constraint"] != "none"]
        share = rq["bpd_gap_share"].dropna()
        return _Facts(
            name=self.names[code],
            base_year=base,
            goal_year=goal,
            horizon=int(years[-1]),
            target=float(spec.growth),
            growth_now=float(rows["growth"].iloc[0]),
            iy_now=float(rows["investment_rate"].iloc[0]),
            avg_growth=float(proj["growth"].mean()),
            reach_year=int(hit["year"].iloc[0]) if len(hit) else None,
            req_iy=float(at["required_investment_rate"]),
            credit_growth=float(cg),
            req_credit=float(stock["required_bpd_credit"]),
            req_deposits=float(stock["required_deposits"]),
            inj_total=float(rq["required_capital_injection"].sum()),
            tfp_req=float(rq["required_tfp_growth"].mean()),
            icor=float(today["historical_icor"]),
            icor_iy=float(at["icor_required_investment_rate"]),
            n_infeasible=len(bad),
            n_years=len(rq),
            first_reason=str(bad["binding_reason"].iloc[0]) if len(bad) else "none",
            first_year=int(bad["year"].iloc[0]) if len(bad) else 0,
            max_growth=float(m["max_constant_growth"]),
            max_reason=str(m["binding_reason"]),
            max_year=int(m["binding_year"]),
            gap_share=float(share.mean()) if len(share) else float("nan"),
            grdp_h=float(rows["grdp_real"].iloc[-1]),
            n_binding=len(bind),
            binding="/".join(w(x, "en") for x in dict.fromkeys(bind["binding_constraint"])),
        )


def chart_provinces(result: TargetResult, limit: int = 4) -> tuple[int, ...]:
    """The provinces that get charts and per-year tables.

    Every province when there are at most :data:`ALL_CHARTS_UP_TO`; otherwise the
    ``limit`` largest by base-year real GRDP (the tables of all provinces stay in
    the summary tables and the workbook).
    """
    provinces = tuple(result.setup.provinces)
    if len(provinces) <= ALL_CHARTS_UP_TO:
        return provinces
    proj = result.projection.table()
    base = proj[(proj["scenario"] == result.setup.scenarios[0]) & proj["observed"]]
    ranked = base.sort_values("grdp_real", ascending=False)["province_code"].tolist()
    keep = set(ranked[:limit])
    return tuple(c for c in provinces if c in keep)


def _selected_years(years: np.ndarray, goal: int) -> list[int]:
    base, end = int(years[0]), int(years[-1])
    pick = {base, end, *range(base + 1, min(goal, end) + 1)}
    pick |= {y for y in range(goal, end + 1) if y % 5 == 0}
    return sorted(pick)


# ---------------------------------------------------------------------------------------------- sentences
def _province_paragraphs(f: _Facts, scen_title: str, window: str, lang: str) -> list[str]:
    """Plain sentences on one province under the baseline, from its facts."""
    tgt = _pct(f.target, lang)
    if lang == "id":
        reach = (
            f"mencapai {tgt} pertama kali pada {f.reach_year}"
            if f.reach_year
            else f"tidak mencapai {tgt} hingga {f.horizon}"
        )
        s1 = (
            f"{f.name}: PDRB riil tumbuh {_pct(f.growth_now, lang, 2)} pada {f.base_year} dengan rasio investasi "
            f"(PMTB/PDRB) {_pct(f.iy_now, lang)}. Pada skenario {scen_title}, pertumbuhan rata-rata "
            f"{f.base_year + 1}-{f.horizon} adalah {_pct(f.avg_growth, lang, 2)} per tahun; provinsi ini {reach}."
        )
        s2 = (
            f"Untuk mencapai {tgt} pada {f.goal_year}, investasi harus naik menjadi {_pct(f.req_iy, lang)} dari PDRB "
            f"pada {f.goal_year - 1}. Jika dibiayai BPD, kreditnya harus tumbuh {_pct(f.credit_growth, lang)} per "
            f"tahun hingga {_rp(f.req_credit, lang)} pada {f.goal_year}, dengan DPK {_rp(f.req_deposits, lang)} dan "
            f"penyertaan modal total {_rp(f.inj_total, lang)}. Atau pertumbuhan PTF harus "
            f"{_pct(f.tfp_req, lang, 2)} per tahun pada rasio investasi kini."
        )
        if f.n_infeasible:
            s3 = (
                f"Target ini TIDAK LAYAK: {_reason(f.first_reason, lang)} sejak {f.first_year} "
                f"({f.n_infeasible} dari {f.n_years} tahun)."
            )
        else:
            s3 = "Target ini layak dalam semua batas."
        if np.isnan(f.max_growth):
            s4 = "Tidak ada pertumbuhan konstan yang layak."
        else:
            s4 = (
                f"Pertumbuhan konstan tertinggi yang dapat dicapai dengan BPD memberi kredit sebanyak mungkin adalah "
                f"{_pct(f.max_growth, lang, 2)} per tahun (batas: {_reason(f.max_reason, lang)}, {f.max_year})."
            )
        if not np.isnan(f.gap_share):
            s4 += (
                f" BPD dapat membiayai paling banyak {_pct(f.gap_share, lang, 2)} dari kesenjangan investasi; "
                "sisanya harus dari bank lain, APBD/APBN, investasi swasta (PMA/PMDN) atau produktivitas."
            )
        s5 = (
            f"Pandangan ICOR: dengan ICOR historis {_num(f.icor, lang, 1)} (rata-rata rasio investasi dibagi "
            f"rata-rata pertumbuhan, {window}), pertumbuhan {tgt} memerlukan investasi {_pct(f.icor_iy, lang)} "
            "dari PDRB."
        )
    else:
        reach = f"first reaches {tgt} in {f.reach_year}" if f.reach_year else f"does not reach {tgt} by {f.horizon}"
        s1 = (
            f"{f.name}: real GRDP grew {_pct(f.growth_now, lang, 2)} in {f.base_year} with an investment rate "
            f"(PMTB/GRDP) of {_pct(f.iy_now, lang)}. Under {scen_title}, growth averages "
            f"{_pct(f.avg_growth, lang, 2)} a year over {f.base_year + 1}-{f.horizon}; the province {reach}."
        )
        s2 = (
            f"To reach {tgt} by {f.goal_year}, investment must rise to {_pct(f.req_iy, lang)} of GRDP by "
            f"{f.goal_year - 1}. Financed through the BPD, its loans would have to grow {_pct(f.credit_growth, lang)} "
            f"a year to {_rp(f.req_credit, lang)} by {f.goal_year}, with deposits of {_rp(f.req_deposits, lang)} and "
            f"capital injections of {_rp(f.inj_total, lang)} in all. Alternatively, TFP would have to grow "
            f"{_pct(f.tfp_req, lang, 2)} a year at today's investment rate."
        )
        if f.n_infeasible:
            s3 = (
                f"This is NOT FEASIBLE: {_reason(f.first_reason, lang)} from {f.first_year} "
                f"({f.n_infeasible} of {f.n_years} years)."
            )
        else:
            s3 = "This is feasible within every limit."
        if np.isnan(f.max_growth):
            s4 = "No constant growth rate is feasible."
        else:
            s4 = (
                f"The highest constant growth reachable with the BPD lending the most it can is "
                f"{_pct(f.max_growth, lang, 2)} a year (binding: {_reason(f.max_reason, lang)}, {f.max_year})."
            )
        if not np.isnan(f.gap_share):
            s4 += (
                f" The BPD can finance at most {_pct(f.gap_share, lang, 2)} of the investment gap; the rest must come "
                "from other banks, the budget, private investment (PMA/PMDN) or productivity."
            )
        s5 = (
            f"ICOR view: at the historical ICOR of {_num(f.icor, lang, 1)} (mean investment rate over mean growth, "
            f"{window}), {tgt} growth needs investment of {_pct(f.icor_iy, lang)} of GRDP."
        )
    return [s1, s2, s3 + " " + s4, s5]


def _scenario_sentence(f: _Facts, b: _Facts, title: str, lang: str) -> str:
    diff_pp = number(100 * (f.avg_growth - b.avg_growth), 2, lang)
    diff_grdp = _pct(f.grdp_h / b.grdp_h - 1, lang, 2)
    lim = f.binding.replace("CAR", w("car", lang)) if f.binding else w("none", lang)
    if lang == "id":
        return (
            f"{f.name}, skenario {title}: pertumbuhan rata-rata {_pct(f.avg_growth, lang, 2)} ({diff_pp} poin persen "
            f"vs dasar); PDRB riil {f.horizon} {_rp(f.grdp_h, lang)} ({diff_grdp} vs dasar); kredit BPD dibatasi "
            f"{lim} pada {f.n_binding} dari {f.n_years} tahun."
        )
    return (
        f"{f.name}, {title}: average growth {_pct(f.avg_growth, lang, 2)} ({diff_pp} percentage points vs baseline); "
        f"real GRDP in {f.horizon} {_rp(f.grdp_h, lang)} ({diff_grdp} vs baseline); BPD lending capped by {lim} in "
        f"{f.n_binding} of {f.n_years} years."
    )


# ---------------------------------------------------------------------------------------------- charts
def _series_xy(frame: pd.DataFrame, col: str, scale: float = 1.0) -> tuple[tuple[float, ...], tuple[float, ...]]:
    return tuple(float(x) for x in frame["year"]), tuple(float(v) * scale for v in frame[col])


_COLORS = ("#1f4e79", "#c55a11", "#548235", "#7030a0", "#bf9000", "#2e75b6")


def _history(panel: Panel | None, code: int, series_id: str, first: int = 2011) -> pd.Series:
    if panel is None:
        return pd.Series(dtype=float)
    try:
        wide = panel.wide(series_id)
    except Exception:
        return pd.Series(dtype=float)
    if code not in wide.columns:
        return pd.Series(dtype=float)
    s = wide[code].dropna()
    return s[s.index >= first]


def _province_figures(
    tabs: _Tabs, code: int, lang: str, panel: Panel | None, quantiles: pd.DataFrame | None
) -> list[Figure]:
    setup = tabs.setup
    scens = list(setup.scenarios)
    name = tabs.names[code]
    titles = {s: tabs.st(s) for s in scens}
    short = {s: s for s in scens}
    base = int(tabs.years[0])
    # GRDP paths
    grdp_series = []
    for i, s in enumerate(scens):
        x, y = _series_xy(tabs.p(s, code), "grdp_real", 1e-3)
        grdp_series.append(Series(short[s], x, y, color=_COLORS[i % len(_COLORS)], width=2.8 - 1.1 * min(i, 1)))
    x, y = _series_xy(tabs.r(scens[0], code), "grdp_real", 1e-3)
    grdp_series.append(
        Series(
            w("target_path", lang).replace("8%", _pct(tabs.cfg.target.growth, lang, 0)),
            x,
            y,
            style="dashed",
            color="#444444",
        )
    )
    hist = _history(panel, code, "grdp_real")
    if len(hist):
        grdp_series.insert(
            0,
            Series(
                w("observed", lang),
                tuple(map(float, hist.index)),
                tuple(float(v) * 1e-3 for v in hist),
                color="#000000",
                width=1.2,
            ),
        )
    unit_t = "Rp T, 2010" if lang == "en" else "Rp T, harga 2010"
    grdp_panel = ChartPanel(f"{w('grdp', lang)} ({unit_t})", unit_t, "num", series=tuple(grdp_series), vline=base)
    # growth against the target, fan when quantiles exist
    g_series = []
    hist = _history(panel, code, "grdp_growth")
    if len(hist):
        g_series.append(
            Series(
                w("observed", lang), tuple(map(float, hist.index)), tuple(map(float, hist)), color="#000000", width=1.2
            )
        )
    for i, s in enumerate(scens):
        rows = tabs.p(s, code)
        bands: tuple[tuple[tuple[float, ...], tuple[float, ...], str], ...] = ()
        if quantiles is not None:
            q = quantiles[
                (quantiles["scenario"] == s)
                & (quantiles["province_code"] == code)
                & (quantiles["variable"] == "growth")
            ].sort_values("year")
            if len(q):
                qx = tuple(float(v) for v in q["year"])
                bands = (
                    (tuple(map(float, q["p05"])), tuple(map(float, q["p95"])), "p05-p95"),
                    (tuple(map(float, q["p10"])), tuple(map(float, q["p90"])), "p10-p90"),
                )
                g_series.append(
                    Series(
                        f"{short[s]} p50",
                        qx,
                        tuple(map(float, q["p50"])),
                        style="dotted",
                        color=_COLORS[i % len(_COLORS)],
                        bands=tuple((lo, hi, lab) for lo, hi, lab in bands),
                    )
                )
        x, y = _series_xy(rows[~rows["observed"]], "growth")
        g_series.append(Series(short[s], x, y, color=_COLORS[i % len(_COLORS)], width=2.8 - 1.1 * min(i, 1)))
    x, y = _series_xy(tabs.r(scens[0], code), "target_growth")
    g_series.append(Series(w("target_line", lang), x, y, style="dashed", color="#444444"))
    g_panel = ChartPanel(f"{w('growth', lang)} (%)", "%", "pct", series=tuple(g_series), vline=base)
    figs = [
        Figure(
            f"paths_{code}",
            f"{name}: {w('grdp', lang)}, {w('growth', lang).lower()}",
            (grdp_panel, g_panel),
            ncols=2,
            height=3.0,
        )
    ]
    # investment rate: required vs baseline vs observed
    req = tabs.r(scens[0], code)
    iy_series = []
    if panel is not None:
        try:
            pm, gn = panel.wide("pmtb_nominal"), panel.wide("grdp_nominal")
            if code in pm.columns:
                obs = (pm[code] / gn[code]).dropna()
                iy_series.append(
                    Series(
                        w("iy_hist", lang),
                        tuple(map(float, obs.index)),
                        tuple(map(float, obs)),
                        color="#000000",
                        marker="o",
                    )
                )
        except Exception:
            pass
    for col, key, style, color in (
        ("required_investment_rate", "iy_req", "solid", _COLORS[1]),
        ("baseline_investment_rate", "iy_base", "solid", _COLORS[0]),
        ("icor_required_investment_rate", "iy_icor", "dashed", _COLORS[2]),
    ):
        x, y = _series_xy(req, col)
        iy_series.append(Series(w(key, lang), x, y, style=style, color=color))  # type: ignore[arg-type]
    iy_panel = ChartPanel(
        f"{w('iy', lang)} ({w('pct_gdp', lang)})", w("pct_gdp", lang), "pct", series=tuple(iy_series), vline=base
    )
    # BPD credit against its limits, last scenario (the push, when there is one)
    s = scens[-1]
    rows = tabs.p(s, code)
    c_series = []
    for col, key, style, color in (
        ("bpd_credit", "loans", "dotted", _COLORS[0]),
        ("bpd_credit_feasible", "loans_feasible", "solid", _COLORS[0]),
        ("ldr_limit", "ldr_limit", "dashed", _COLORS[1]),
        ("car_limit", "car_limit", "dashdot", _COLORS[2]),
    ):
        x, y = _series_xy(rows, col, 1e-3)
        c_series.append(Series(w(key, lang), x, y, style=style, color=color))  # type: ignore[arg-type]
    unit_n = "Rp T"
    c_panel = ChartPanel(
        f"{w('loans', lang)}: {short[s]} ({unit_n})",
        f"{unit_n}, " + w("rp_bn_nom", lang).split(", ")[1],
        "num",
        series=tuple(c_series),
        vline=base,
    )
    figs.append(
        Figure(
            f"invest_{code}",
            f"{name}: {w('iy', lang).lower()}, {w('loans', lang)} ({titles[s]})",
            (iy_panel, c_panel),
            ncols=2,
            height=3.0,
        )
    )
    return figs


def _comparison_figure(tabs_list: Sequence[tuple[str, _Tabs]], lang: str, codes: Sequence[int]) -> Figure:
    """Average growth per province, one bar per (config, scenario)."""
    groups: list[tuple[str, tuple[float, ...]]] = []
    names: list[str] = []
    for label, tabs in tabs_list:
        names = [tabs.names[c] for c in codes]
        for s in tabs.setup.scenarios:
            vals = []
            for c in codes:
                rows = tabs.p(s, c)
                vals.append(float(rows.loc[~rows["observed"], "growth"].mean()))
            groups.append((f"{label}{s}", tuple(vals)))
    target = tabs_list[0][1].cfg.target.growth
    t0 = tabs_list[0][1]
    years = f"{int(t0.years[1])}-{int(t0.years[-1])}"
    panel = ChartPanel(
        f"{w('avg_growth', lang)} {years} (%)",
        "%",
        "pct",
        bars=Bars(tuple(names), tuple(groups), reference=target, reference_label=w("target_line", lang)),
    )
    height = min(9.0, max(2.6, 0.14 * len(codes) * max(1, len(groups)) + 1.2))
    return Figure("comparison", f"{w('avg_growth', lang)}: {w('scenarios', lang).lower()}", (panel,), 1, height)


def _tornado_figures(tabs: _Tabs, tornado: pd.DataFrame, codes: Sequence[int], lang: str) -> list[Figure]:
    panels = []
    for code in codes:
        d = tornado[tornado["province_code"] == code]
        if d.empty:
            continue
        scen = d["scenario"].iloc[0]
        d = d[d["scenario"] == scen]
        for outcome in dict.fromkeys(d["outcome"]):  # one panel per outcome: never mix two outcomes' bars
            o = d[d["outcome"] == outcome].sort_values("swing", ascending=True)
            pct_like = "growth" in str(outcome) or "rate" in str(outcome)
            label = {
                "growth_target_year": ("growth in the target year", "pertumbuhan tahun target"),
                "required_investment_rate": ("required I/Y", "I/Y yang diperlukan"),
            }.get(str(outcome), (str(outcome), str(outcome)))[0 if lang == "en" else 1]
            panels.append(
                ChartPanel(
                    f"{tabs.names[code]} [{scen}]: {label}",
                    "%" if pct_like else "",
                    "pct" if pct_like else "num",
                    tornado=Tornado(
                        tuple(str(p) for p in o["parameter"]),
                        tuple(map(float, o["outcome_low"])),
                        tuple(map(float, o["outcome_high"])),
                        float(o["outcome_base"].iloc[0]),
                        w("low", lang),
                        w("high", lang),
                    ),
                )
            )
    if not panels:
        return []
    ncols = 2 if len(panels) > 1 else 1
    rows = (len(panels) + ncols - 1) // ncols
    title = (
        "Ayunan satu per satu: nilai rendah dan tinggi tiap asumsi"
        if lang == "id"
        else "One at a time: the low and high value of each assumption"
    )
    return [Figure("tornado", title, tuple(panels), ncols, 2.6 * rows / max(rows, 1))]


def _sweep_figures(tabs: _Tabs, sweep: pd.DataFrame, codes: Sequence[int], lang: str) -> list[Figure]:
    """Heatmaps of growth into the target year over the first two swept levers, per province."""
    fixed = {
        "point",
        "scenario",
        "province_code",
        "province",
        "target_year",
        "target_growth",
        "growth_target_year",
        "mean_growth",
        "extra_investment_share",
        "reaches_target",
    }
    levers = [c for c in sweep.columns if c not in fixed]
    if not levers:
        return []
    x_name = levers[0]
    y_name = levers[1] if len(levers) > 1 else None
    panels = []
    for code in codes:
        d = sweep[sweep["province_code"] == code]
        if d.empty:
            continue
        keys = [y_name, x_name] if y_name else [x_name]
        best = d.groupby(keys)["growth_target_year"].max()
        xs = tuple(sorted(d[x_name].unique()))
        ys = tuple(sorted(d[y_name].unique())) if y_name else (0.0,)
        values = tuple(tuple(float(best.loc[(yv, xv)] if y_name else best.loc[xv]) for xv in xs) for yv in ys)

        def kind(name: str | None) -> str:
            return "pct" if name and ("growth" in name or "share" in name or "rate" in name) else "num"

        panels.append(
            ChartPanel(
                f"{tabs.names[code]} [{d['scenario'].iloc[0]}]",
                "",
                "pct",
                heatmap=Heatmap(
                    x_name,
                    y_name or "",
                    tuple(map(float, xs)),
                    tuple(map(float, ys)),
                    values,
                    threshold=float(d["target_growth"].iloc[0]),
                    value_kind="pct",
                    lever_kinds=(kind(x_name), kind(y_name)),  # type: ignore[arg-type]
                ),
            )
        )
    if not panels:
        return []
    ncols = 2 if len(panels) > 1 else 1
    title = "Pertumbuhan pada tahun target menurut tuas" if lang == "id" else "Growth in the target year by lever"
    return [Figure("sweep", title, tuple(panels), ncols, 2.8, note=w("sweep_note", lang))]


# ---------------------------------------------------------------------------------------------- tables
def _projection_table(tabs: _Tabs, scen: str, code: int, lang: str) -> Table:
    rows = tabs.p(scen, code)
    goal = tabs.cfg.province_targets[code].by
    rows = rows[rows["year"].isin(_selected_years(tabs.years, goal))].copy()
    rows["binding_text"] = [w(b, lang) for b in rows["binding_constraint"]]
    cols = (
        Column("year", w("year", lang), "", "year"),
        Column("growth", w("growth", lang), "%", "pct", 2),
        Column("target_growth", w("target", lang), "%", "pct", 2),
        Column("investment_rate", "I/Y", w("pct_gdp", lang), "pct", 1),
        Column("grdp_real", w("grdp", lang), w("rp_bn_2010", lang), "num", 0),
        Column("bpd_credit_feasible", w("loans", lang), w("rp_bn_nom", lang), "num", 0),
        Column("bpd_deposits", "DPK" if lang == "id" else "Deposits", w("rp_bn_nom", lang), "num", 0),
        Column("binding_text", w("limit", lang)),
    )
    title = f"{tabs.names[code]} - {tabs.st(scen)}"
    return Table(f"proj_{code}_{scen}", title, cols, rows, media=PRINT_MEDIA)


def _requirements_table(tabs: _Tabs, scen: str, code: int, lang: str) -> Table:
    rows = tabs.r(scen, code)
    goal = tabs.cfg.province_targets[code].by
    rows = rows[rows["year"].isin(_selected_years(tabs.years, goal))].copy()
    rows["feasible_text"] = [w("yes", lang) if r == "none" else _reason(r, lang) for r in rows["binding_reason"]]
    cols = (
        Column("year", w("year", lang), "", "year"),
        Column("target_growth", w("target", lang), "%", "pct", 2),
        Column("required_investment_rate", "I/Y*", w("pct_gdp", lang), "pct", 1),
        Column("baseline_investment_rate", "I/Y", w("pct_gdp", lang), "pct", 1),
        Column("icor_required_investment_rate", "ICOR I/Y", w("pct_gdp", lang), "pct", 1),
        Column("investment_gap_real", w("gap_short", lang), w("rp_bn_2010", lang), "num", 0),
        Column("required_bpd_credit", w("loans", lang) + "*", w("rp_bn", lang), "num", 0),
        Column("required_deposits", w("deposits_short", lang) + "*", w("rp_bn", lang), "num", 0),
        Column("required_capital_injection", w("injection_short", lang) + "*", w("rp_bn", lang), "num", 0),
        Column("required_tfp_growth", w("tfp_short", lang) + "*", "%", "pct", 2),
        Column("feasible_text", w("feasible", lang)),
    )
    title = f"{tabs.names[code]} - {tabs.st(scen)}"
    widths = (0.7, 0.75, 0.75, 0.75, 0.8, 1.1, 1.2, 1.2, 1.1, 0.75, 1.7)  # 'Tahun' fits in one line
    note = (
        "* = yang diperlukan untuk target. I/Y* rasio investasi yang diperlukan; PTF* pertumbuhan PTF yang diperlukan "
        "pada rasio investasi dasar."
        if lang == "id"
        else "* = required by the target. I/Y* the required investment rate; TFP* the TFP growth needed at the "
        "baseline investment rate."
    )
    return Table(f"req_{code}_{scen}", title, cols, rows, note=note, media=PRINT_MEDIA, widths=widths)


def _overview_table(
    tabs_list: Sequence[tuple[str, _Tabs]], lang: str, prob_reach: pd.DataFrame | None, key: str = "overview"
) -> Table:
    recs = []
    for label, tabs in tabs_list:
        for s in tabs.setup.scenarios:
            for code in tabs.setup.provinces:
                f = tabs.facts(s, code)
                rec = {
                    "scenario": f"{label}{s}",
                    "province": f.name,
                    "growth_now": f.growth_now,
                    "iy_now": f.iy_now,
                    "avg_growth": f.avg_growth,
                    "grdp_h": f.grdp_h,
                    "req_iy": f.req_iy,
                    "max_growth": f.max_growth,
                    "gap_share": f.gap_share,
                    "feasible": w("yes", lang) if not f.n_infeasible else _reason(f.first_reason, lang),
                }
                if prob_reach is not None:
                    hit = prob_reach[(prob_reach["scenario"] == s) & (prob_reach["province_code"] == code)]
                    rec["prob"] = float(hit["prob_reach_target"].iloc[0]) if len(hit) else float("nan")
                recs.append(rec)
    data = pd.DataFrame(recs)
    t0 = tabs_list[0][1]
    goal = t0.cfg.target.by
    cols = [
        Column("province", w("province", lang)),
        Column("scenario", w("scenario", lang)),
        Column("growth_now", f"{w('growth', lang)} {int(t0.years[0])}", "%", "pct", 2),
        Column("iy_now", f"I/Y {int(t0.years[0])}", w("pct_gdp", lang), "pct", 1),
        Column("avg_growth", f"{w('avg_growth', lang)} {int(t0.years[1])}-{int(t0.years[-1])}", "%", "pct", 2),
        Column("grdp_h", f"{w('grdp', lang)} {int(t0.years[-1])}", w("rp_bn_2010", lang), "num", 0),
        Column("req_iy", f"I/Y* {goal - 1}", w("pct_gdp", lang), "pct", 1),
        Column("max_growth", w("max_growth", lang), "%", "pct", 2),
        Column("gap_share", w("bpd_share", lang), "%", "pct", 2),
        Column("feasible", w("feasible", lang)),
    ]
    widths = [1.4, 1.0, 0.8, 0.8, 0.9, 1.1, 0.8, 0.9, 0.8, 1.6]
    if prob_reach is not None:
        cols.append(Column("prob", w("prob", lang), "%", "pct", 0))
        widths.append(0.9)
    data = data.sort_values(["province", "scenario"], kind="stable") if len(tabs_list) > 1 else data
    title = f"{w('provinces', lang)}: {w('summary', lang).lower()}"
    return Table(key, title, tuple(cols), data.reset_index(drop=True), widths=tuple(widths))


def _fmt_param(value: float, unit: str, lang: str) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "-"
    if unit.startswith("fraction"):
        return _pct(value, lang, 2)
    if unit.startswith("Rp"):
        return _num(value, lang, 1)
    if abs(value) >= 100:
        return _num(value, lang, 1)
    return _num(value, lang, 4 if abs(value) < 1 else 2)


def _assumptions_table(tabs: _Tabs, lang: str) -> Table:
    """Every parameter, condensed: identical values across scenarios and provinces share one row."""
    a = tabs.result.projection.assumptions()
    n_cells = len(tabs.setup.scenarios) * len(tabs.setup.provinces)
    recs = []
    for param, d in a.groupby("parameter", sort=False):
        title, unit = str(d["title"].iloc[0]), str(d["unit"].iloc[0])
        combos = d.groupby(["value", "value_horizon", "source"], sort=False, dropna=False)
        if combos.ngroups > ALL_CHARTS_UP_TO:
            lo, hi = d["value"].min(), d["value"].max()
            recs.append(
                {
                    "parameter": f"{title} ({param})",
                    "applies": ("per provinsi" if lang == "id" else "per province") + f" ({d['province'].nunique()})",
                    "value": f"{_fmt_param(lo, unit, lang)} - {_fmt_param(hi, unit, lang)}",
                    "value_h": "",
                    "unit": unit,
                    "source": ("mis. " if lang == "id" else "e.g. ") + str(d["source"].iloc[0]),
                }
            )
            continue
        for (value, value_h, source), g in combos:
            if len(g) == n_cells:
                applies = w("all", lang)
            else:
                provs = list(dict.fromkeys(g["province"]))
                scens = list(dict.fromkeys(g["scenario"]))
                applies = ", ".join(provs) if len(provs) < len(tabs.setup.provinces) else w("all", lang)
                if len(scens) < len(tabs.setup.scenarios):
                    applies += " [" + ", ".join(scens) + "]"
            recs.append(
                {
                    "parameter": f"{title} ({param})",
                    "applies": applies,
                    "value": _fmt_param(value, unit, lang),
                    "value_h": _fmt_param(value_h, unit, lang) if value_h != value else "",
                    "unit": unit,
                    "source": str(source),
                }
            )
    cols = (
        Column("parameter", w("parameter", lang)),
        Column("applies", w("applies", lang)),
        Column("value", w("value", lang)),
        Column("value_h", w("value_h", lang)),
        Column("unit", w("unit", lang)),
        Column("source", w("source", lang)),
    )
    note = (
        "Nilai = nilai untuk tahun proyeksi pertama; 'akhir proyeksi' bila berbeda. Tabel lengkap per skenario "
        "dan provinsi ada di lembar kerja Excel (--format xlsx) dan parameters.csv."
        if lang == "id"
        else "Value = the value for the first projected year; 'at horizon' when it differs. The full table per "
        "scenario and province is in the Excel workbook (--format xlsx) and parameters.csv."
    )
    return Table(
        "assumptions_print",
        w("assumptions", lang),
        cols,
        pd.DataFrame(recs),
        note=note,
        media=PRINT_MEDIA,
        widths=(2.0, 1.2, 0.9, 0.8, 0.8, 3.3),
    )


def _data_table(key: str, title: str, frame: pd.DataFrame, units: Mapping[str, str]) -> Table:
    """A full data table (workbook only): raw column names with their units."""
    cols = []
    for c in frame.columns:
        dtype = frame[c].dtype
        if pd.api.types.is_bool_dtype(dtype):
            kind = "bool"
        elif pd.api.types.is_integer_dtype(dtype):
            kind = "year" if c == "year" else "int"
        elif pd.api.types.is_float_dtype(dtype):
            kind = "num"
        else:
            kind = "text"
        cols.append(Column(str(c), str(c), units.get(str(c), ""), kind, 6))  # type: ignore[arg-type]
    return Table(key, title, tuple(cols), frame.reset_index(drop=True), media=frozenset({"xlsx"}))


def _provenance_table(panel: Panel, lang: str) -> tuple[Table, Table]:
    cat = panel.catalog()
    info = panel.series.set_index("series_id")
    data = cat.assign(
        title=[str(info.loc[s, "title_id" if lang == "id" else "title_en"]) for s in cat["series_id"]],
        years=[f"{a}-{b}" for a, b in zip(cat["first_year"], cat["last_year"], strict=True)],
        publisher=[str(info.loc[s, "publisher"]) for s in cat["series_id"]],
        n_prov=[int(n) if n else "-" for n in cat["n_provinces"]],
    )
    cols = (
        Column("series_id", w("series", lang)),
        Column("title", w("title", lang)),
        Column("unit", w("unit", lang)),
        Column("years", w("years", lang)),
        Column("n_prov", w("n_prov", lang)),
        Column("publisher", w("publisher", lang)),
    )
    note = (
        f"Folder data: {panel.data_dir.name}/, hash {panel.data_hash[:12]}. Penerbit, tabel, vintage dan masalah yang "
        "diketahui setiap seri: data/SOURCES.md dan data/series.csv."
        if lang == "id"
        else f"Data folder: {panel.data_dir.name}/, hash {panel.data_hash[:12]}. Publisher, table, vintage and known "
        "problems of every series: data/SOURCES.md and data/series.csv."
    )
    printed = Table(
        "provenance",
        w("provenance", lang),
        cols,
        data,
        note=note,
        media=PRINT_MEDIA,
        widths=(1.9, 2.6, 1.3, 0.8, 0.6, 1.3),
    )
    full = panel.series.merge(
        cat[["series_id", "n_provinces", "first_year", "last_year", "n_rows", "sources"]], on="series_id"
    )
    return printed, _data_table("provenance", w("provenance", lang), full, {})


# ---------------------------------------------------------------------------------------------- methodology
_EQUATIONS = """capf_t    = (1 - delta) + s_t / ky_t                      K_{t+1} / K_t
1 + g_t   = (1 + g_A) capf_t^alpha (1 + g_L)^(1 - alpha)
ky_{t+1}  = ky_t capf_t / (1 + g_t),   Y_{t+1} = Y_t (1 + g_t)
N_t       = C_t - C_{t-1};   X_t = kappa (N_t - N_t^base) / P_t;   s_t = s_t^base + X_t / Y_t
kappa     = productive_share x investment_share x additionality
C_t <= ldr_max D_t;   C_t <= E_t / (car_min x risk_weight)
s*_t      = ky_t ( ((1 + g*_t) / ((1 + g_A)(1 + g_L)^(1 - alpha)))^(1/alpha) - (1 - delta) )
ICOR view: s = ICOR x g*"""


def _method_blocks(lang: str) -> list[Block]:
    if lang == "id":
        intro = (
            "Inti pertumbuhan adalah model Solow seperti Long Term Growth Model Bank Dunia. Per provinsi: output riil "
            "Y, rasio modal-output ky = K/Y, rasio investasi s = PMTB/PDRB, depresiasi delta, pangsa modal alpha, "
            "pertumbuhan PTF g_A dan tenaga kerja g_L. Kredit BPD C menambah investasi hanya sebesar bagian kredit "
            "baru yang menjadi modal tetap (kappa) di atas jalur dasar; kredit dibatasi oleh LDR atas DPK D dan KPMM "
            "atas modal E. Target dibalik secara tertutup: rasio investasi s* yang diperlukan untuk pertumbuhan g*."
        )
        calib = (
            "Kalibrasi: ky_0 = s / (g + delta) (kondisi mapan) per provinsi dari rata-rata 2022-2024; g_A adalah "
            "residu yang mereproduksi pertumbuhan rata-rata provinsi pada rasio investasinya. Semua angka dalam "
            "laporan ini dibaca dari objek hasil growth8; laporan tidak menghitung ulang model."
        )
    else:
        intro = (
            "The growth core is a Solow model as in the World Bank's Long Term Growth Model. Per province: real "
            "output Y, capital-output ratio ky = K/Y, investment rate s = PMTB/GRDP, depreciation delta, capital "
            "share alpha, TFP growth g_A and labour growth g_L. BPD loans C add investment only through the share "
            "of new lending that becomes fixed capital (kappa) above the baseline path; loans are capped by the "
            "loan-to-deposit ratio on deposits D and the capital adequacy ratio on equity E. The target is inverted "
            "in closed form: the investment rate s* that growth g* requires."
        )
        calib = (
            "Calibration: ky_0 = s / (g + delta) (steady state) per province from its 2022-2024 means; g_A is the "
            "residual that reproduces the province's mean growth at its investment rate. Every number in this "
            "report is read from growth8's result objects; the report does not recompute the model."
        )
    return [Paragraph(intro), Paragraph(_EQUATIONS, "code"), Paragraph(calib)]


def _estimation_blocks(est: EstimationResult, lang: str) -> list[Block]:
    recs = []
    for name, fit in (("main", est.credit), *est.alternatives):
        recs.append(
            {
                "spec": f"{name} ({fit.cov_type}, lag {fit.lag})",
                "coef": fit.coef,
                "se": fit.se,
                "ci": f"[{number(fit.ci_low, 3, lang)}; {number(fit.ci_high, 3, lang)}]",
                "pvalue": fit.pvalue,
                "nobs": fit.nobs,
            }
        )
    cols = (
        Column("spec", w("spec", lang)),
        Column("coef", w("coef", lang), "", "num", 3),
        Column("se", w("se", lang), "", "num", 3),
        Column("ci", w("ci", lang)),
        Column("pvalue", w("pvalue", lang), "", "num", 3),
        Column("nobs", w("nobs", lang), "", "int"),
    )
    c, k = est.credit, est.kappa
    icor = est.icor.loc[est.icor["period"].astype(str).str.contains("-")]
    med_icor = float(icor["icor"].median()) if len(icor) else float("nan")
    if lang == "id":
        text = (
            f"Pertumbuhan PDRB riil provinsi diregresikan pada pertumbuhan kredit riil (semua bank) tahun "
            f"sebelumnya, dengan efek tetap provinsi dan tahun, galat baku dikelompokkan per provinsi: koefisien "
            f"{number(c.coef, 3, lang)} (galat baku {number(c.se, 3, lang)}), N = {c.nobs}, {c.n_provinces} "
            f"provinsi, {c.years[0]}-{c.years[-1]}. Setara kappa: {number(k['kappa_equiv'], 2, lang)} "
            f"[{number(k['kappa_equiv_ci_low'], 2, lang)}; {number(k['kappa_equiv_ci_high'], 2, lang)}] "
            f"terhadap kappa model {number(k['model_kappa'], 3, lang)}. Median ICOR 2022-2024: "
            f"{number(med_icor, 1, lang)}."
        )
    else:
        text = (
            f"Provincial real GRDP growth regressed on the previous year's real credit growth (all banks), with "
            f"province and year fixed effects and standard errors clustered by province: coefficient "
            f"{number(c.coef, 3, lang)} (SE {number(c.se, 3, lang)}), N = {c.nobs}, {c.n_provinces} provinces, "
            f"{c.years[0]}-{c.years[-1]}. kappa-equivalent: {number(k['kappa_equiv'], 2, lang)} "
            f"[{number(k['kappa_equiv_ci_low'], 2, lang)}, {number(k['kappa_equiv_ci_high'], 2, lang)}] against the "
            f"model's kappa of {number(k['model_kappa'], 3, lang)}. Median ICOR 2022-2024: {number(med_icor, 1, lang)}."
        )
    table = Table("estimation", w("estimation", lang), cols, pd.DataFrame(recs), widths=(2.6, 1, 1, 1.6, 0.8, 0.6))
    return [Paragraph(text), table]


def _limit_blocks(lang: str) -> list[Block]:
    if lang == "id":
        items = [
            "Kausalitas terbalik: bank memberi kredit di tempat yang diperkirakan tumbuh, sehingga hubungan kredit dan "
            "pertumbuhan adalah asosiasi, bukan efek kausal; kappa model tidak dapat dikonfirmasi oleh data.",
            "Patahan data: sejak 2023 BPS melaporkan enam provinsi Papua; pertumbuhan melintasi pemekaran 2022 "
            "diambil dari tabel pertumbuhan BPS, bukan dari level. Kredit provinsi (BI SEKI) berhenti pada 2022; "
            "PMTB provinsi hanya tersedia 2022-2024.",
            "Angka BPD adalah titik data bertanggal (2020-2025) dari pers atau OJK, diperlakukan sebagai stok 2024.",
            "Kalibrasi memperpanjang laju 2022-2024; hasil bergantung pada rasio modal-output awal (2,96 sampai 6,72 "
            "untuk Indonesia, tergantung sumber).",
            "Skenario dorongan adalah pilihan kebijakan untuk dijelajahi, bukan prakiraan.",
        ]
    else:
        items = [
            "Reverse causality: banks lend where they expect growth, so the credit-growth link is an association, "
            "not a causal effect; the data cannot confirm or reject the model's kappa.",
            "Data breaks: from 2023 BPS reports six Papua provinces; growth across the 2022 split comes from BPS "
            "growth tables, never from levels. Provincial bank credit (BI SEKI) ends in 2022; provincial PMTB exists "
            "only for 2022-2024.",
            "BPD figures are dated press or OJK points (2020-2025), held as 2024 stocks.",
            "Calibration extrapolates the 2022-2024 pace; results depend on the initial capital-output ratio (2.96 to "
            "6.72 for Indonesia depending on the source).",
            "Push scenarios are policy choices to explore, not forecasts.",
        ]
    return [Paragraph(t, "bullet") for t in items]


# ---------------------------------------------------------------------------------------------- builders
def _run_record(result: TargetResult, created: str, command: Sequence[str] | None, lang: str) -> dict[str, Any]:
    meta = result.metadata
    cfg = result.setup.config
    return {
        "package": "growth8",
        "version": meta["version"],
        "config_path": str(cfg.path),
        "config_hash": meta["config_hash"],
        "data_hash": meta["data_hash"],
        "seed": meta["seed"],
        "created_at": created,
        "lang": lang,
        "command": list(command) if command else [],
    }


def _lead(tabs: _Tabs, lang: str) -> str:
    cfg = tabs.cfg
    n = len(tabs.setup.provinces)
    scen = ", ".join(tabs.st(s) for s in tabs.setup.scenarios)
    tgt = _pct(cfg.target.growth, lang)
    base, end = int(tabs.years[0]), int(tabs.years[-1])
    reach = [c for c in tabs.setup.provinces if tabs.facts(tabs.setup.scenarios[0], c).reach_year is not None]
    ok = [c for c in tabs.setup.provinces if tabs.facts(tabs.setup.scenarios[0], c).n_infeasible == 0]
    if lang == "id":
        return (
            f"Laporan ini memproyeksikan PDRB riil {n} provinsi dari {base} hingga {end} pada skenario: {scen}, dan "
            f"menghitung apa yang dibutuhkan untuk tumbuh {tgt} per tahun pada {cfg.target.by}. Pada skenario dasar, "
            f"{len(reach)} dari {n} provinsi mencapai {tgt} hingga {end}; target layak dalam semua batas untuk "
            f"{len(ok)} dari {n}. Rasio dalam %, uang dalam Rp miliar (PDRB pada harga konstan 2010, kredit BPD pada "
            "harga berlaku)."
        )
    return (
        f"This report projects real GRDP of {n} province(s) from {base} to {end} under: {scen}, and works out what "
        f"growth of {tgt} a year by {cfg.target.by} would need. In the baseline, {len(reach)} of {n} provinces reach "
        f"{tgt} by {end}; the target is feasible within every limit for {len(ok)} of {n}. Rates in %, money in Rp "
        "billion (GRDP at constant 2010 prices, BPD figures at current prices)."
    )


def _prob_paragraphs(prob_reach: pd.DataFrame, tabs: _Tabs, lang: str) -> list[Block]:
    out: list[Block] = []
    for r in prob_reach.itertuples(index=False):
        code = int(r.province_code)
        if code not in tabs.names:
            continue
        p1, p2 = _pct(r.prob_reach_target, lang, 0), _pct(r.prob_reach_target_average, lang, 0)
        scen = tabs.st(r.scenario)
        if lang == "id":
            text = (
                f"{tabs.names[code]}, {scen}: peluang mencapai target {w('prob_year', lang)} {p1}; "
                f"{w('prob_avg', lang)} {p2} (Monte Carlo)."
            )
        else:
            text = (
                f"{tabs.names[code]}, {scen}: probability of reaching the target {w('prob_year', lang)} {p1}; "
                f"{w('prob_avg', lang)} {p2} (Monte Carlo)."
            )
        out.append(Paragraph(text, "bullet"))
    return out


def build_report(
    result: TargetResult,
    *,
    lang: str = "en",
    estimation: EstimationResult | None = None,
    panel: Panel | None = None,
    quantiles: pd.DataFrame | None = None,
    prob_reach: pd.DataFrame | None = None,
    tornado: pd.DataFrame | None = None,
    sweep: pd.DataFrame | None = None,
    max_chart_provinces: int = 4,
    created: str | None = None,
    command: Sequence[str] | None = None,
) -> Document:
    """The report on one config's results, as a renderer-independent document.

    Parameters
    ----------
    result : TargetResult
        From :func:`growth8.solve_target`; its projection is used too.
    lang : {'en', 'id'}
    estimation : EstimationResult, optional
        From :func:`growth8.estimate.estimate`; adds the estimation appendix.
    panel : Panel, optional
        The data (history lines, observed investment rates, provenance); loaded
        from the result's data folder when omitted.
    quantiles : DataFrame, optional
        Draw quantiles: scenario, province_code, year, variable ('growth' or
        'grdp_real'), p05, p10, p50, p90, p95. Adds fan bands to the growth charts.
    prob_reach : DataFrame, optional
        scenario, province_code, prob_reach_target, prob_reach_target_average.
    tornado : DataFrame, optional
        scenario, province_code, parameter, low_value, high_value, outcome_low,
        outcome_high, outcome_base, swing, outcome. Adds the sensitivity chart.
    sweep : DataFrame, optional
        growth8.uncertainty.SweepResult.table: adds a heatmap of growth into the
        target year over the swept levers, with the cells that reach the target marked.
    max_chart_provinces : int
        Provinces charted when the config has more than six.
    created : str, optional
        ISO timestamp of the run (default: now, or SOURCE_DATE_EPOCH).
    command : sequence of str, optional
        The command line, for the run record.

    Returns
    -------
    Document
    """
    from growth8.outputs import created_at

    if panel is None:
        from growth8.data import load_panel

        panel = load_panel(result.projection.data_dir or None)
    created = created or created_at()
    tabs = _Tabs(result, lang)
    cfg, setup = tabs.cfg, tabs.setup
    codes = chart_provinces(result, max_chart_provinces)
    scens = list(setup.scenarios)
    base_s = scens[0]
    win = cfg.calibration.window
    window = f"{win[0]}-{win[1]}"
    many = len(setup.provinces) > ALL_CHARTS_UP_TO
    names = [tabs.names[c] for c in setup.provinces]

    cover = (
        (w("provinces", lang), ", ".join(names) if len(names) <= 8 else f"{len(names)}: " + ", ".join(names)),
        (w("scenarios", lang), "; ".join(f"{s}: {tabs.st(s)}" for s in scens)),
        (w("target", lang), f"{_pct(cfg.target.growth, lang)} ({cfg.target.by})"),
        (w("date", lang), _date(created, lang)),
        (w("version", lang), __version__),
        (w("config", lang), str(cfg.path.name)),
        (w("config_hash", lang), cfg.config_hash[:16]),
        (w("data_hash", lang), str(result.metadata["data_hash"])[:16]),
        (w("seed", lang), str(cfg.seed)),
    )

    # executive summary
    summary: list[Block] = [Paragraph(_lead(tabs, lang), "lead")]
    for code in codes:
        f = tabs.facts(base_s, code)
        sents = _province_paragraphs(f, tabs.st(base_s), window, lang)
        summary += [Paragraph(" ".join(sents[:2])), Paragraph(sents[2]), Paragraph(sents[3])]
        for s in scens[1:]:
            summary.append(Paragraph(_scenario_sentence(tabs.facts(s, code), f, tabs.st(s), lang), "bullet"))
    if prob_reach is not None and len(prob_reach):
        summary.append(Paragraph(w("prob", lang) + ":", "body"))
        summary += _prob_paragraphs(prob_reach, tabs, lang)
    if many:
        summary.append(
            Paragraph(
                (
                    f"Grafik dan tabel per tahun: {len(codes)} provinsi terbesar menurut PDRB riil "
                    f"{int(tabs.years[0])}; "
                    f"tabel ringkasan mencakup seluruh {len(setup.provinces)} provinsi."
                )
                if lang == "id"
                else (
                    f"Charts and per-year tables: the {len(codes)} largest provinces by real GRDP in "
                    f"{int(tabs.years[0])}; the summary table covers all {len(setup.provinces)} provinces."
                ),
                "note",
            )
        )
    summary.append(_overview_table([("", tabs)], lang, prob_reach))
    sections = [Section(w("summary", lang), tuple(summary), new_page=True)]

    # charts
    chart_secs: list[Section] = [Section(w("charts", lang), (), new_page=True)]
    for code in codes:
        figs = _province_figures(tabs, code, lang, panel, quantiles)
        chart_secs.append(Section(tabs.names[code], tuple(figs), level=2, new_page=len(chart_secs) > 1))
    comp = [_comparison_figure([("", tabs)], lang, list(setup.provinces))]
    chart_secs.append(Section(w("scenarios", lang), tuple(comp), level=2))
    if tornado is not None and len(tornado):
        figures = tuple(_tornado_figures(tabs, tornado, codes, lang))
        chart_secs.append(Section(w("tornado", lang), figures, level=2, new_page=True))
    if sweep is not None and len(sweep):
        chart_secs.append(Section(w("sweep", lang), tuple(_sweep_figures(tabs, sweep, codes, lang)), level=2))
    sections += chart_secs

    # tables
    table_secs: list[Section] = [Section(w("tables", lang), (), new_page=True)]
    for code in codes:
        blocks: list[Block] = []
        for s in scens:
            blocks.append(_projection_table(tabs, s, code, lang))
        head = "Kebutuhan untuk target" if lang == "id" else "What the target needs"
        for s in scens:
            t = _requirements_table(tabs, s, code, lang)
            blocks.append(Table(t.key, f"{head}: {t.title}", t.columns, t.data, media=t.media, widths=t.widths))
        chart_secs_title = tabs.names[code]
        table_secs.append(Section(chart_secs_title, tuple(blocks), level=2))
    table_secs.append(Section(w("assumptions", lang), (_assumptions_table(tabs, lang),), level=2, new_page=True))
    printed, full = _provenance_table(panel, lang)
    table_secs.append(Section(w("provenance", lang), (printed,), level=2, new_page=True))
    sections += table_secs

    # appendix
    appendix: list[Block] = _method_blocks(lang)
    sections.append(Section(w("method", lang), tuple(appendix), new_page=True))
    if estimation is not None:
        sections.append(Section(w("estimation", lang), tuple(_estimation_blocks(estimation, lang)), level=2))
    sections.append(Section(w("limits", lang), tuple(_limit_blocks(lang)), level=2))

    # data tables (workbook only)
    data_tables: list[Block] = [
        _data_table("projection", "projection", tabs.proj, PROJECTION_COLUMNS),
        _data_table("requirements", "requirements", tabs.req, TARGET_COLUMNS),
        _data_table(
            "max_growth",
            "max_growth",
            tabs.mg,
            {
                "max_constant_growth": "fraction",
                "max_growth_mean_by_year": "fraction",
                "projected_growth_mean": "fraction",
                "target_growth": "fraction",
            },
        ),
        _data_table("assumptions", "assumptions", result.projection.assumptions(), {}),
        full,
    ]
    if estimation is not None:
        data_tables.append(_data_table("estimation_detail", "estimation", estimation.to_frame(), {}))
    for key, frame in (("quantiles", quantiles), ("prob_reach", prob_reach), ("tornado", tornado), ("sweep", sweep)):
        if frame is not None:
            units = {c: "fraction" for c in frame.columns if c.startswith(("p0", "p1", "p5", "p9", "prob"))}
            data_tables.append(_data_table(key, key, frame, units))
    sections.append(Section("data", tuple(data_tables), level=2))
    subtitle = w("report", lang)
    return Document(
        title=tabs.title(),
        subtitle=subtitle,
        lang=lang,
        cover=cover,
        sections=tuple(sections),
        run=_run_record(result, created, command, lang),
    )


def build_comparison(
    results: Sequence[TargetResult],
    *,
    lang: str = "en",
    panel: Panel | None = None,
    prob_reach: pd.DataFrame | None = None,
    created: str | None = None,
    command: Sequence[str] | None = None,
) -> Document:
    """Scenarios and provinces of one or more configs side by side.

    Parameters
    ----------
    results : sequence of TargetResult
        One per config; a single config with several scenarios works too.
    lang : {'en', 'id'}
    panel : Panel, optional
    prob_reach : DataFrame, optional
    created, command : as for :func:`build_report`.

    Returns
    -------
    Document
    """
    from growth8.outputs import created_at

    if panel is None:
        from growth8.data import load_panel

        panel = load_panel(results[0].projection.data_dir or None)
    created = created or created_at()
    labelled = []
    for r in results:
        label = f"{r.setup.config.name}:" if len(results) > 1 else ""
        labelled.append((label, _Tabs(r, lang)))
    names = list(dict.fromkeys(n for _, t in labelled for n in t.names.values()))
    scen_list = [f"{lab}{s}" for lab, t in labelled for s in t.setup.scenarios]
    cover = (
        (w("provinces", lang), ", ".join(names) if len(names) <= 8 else f"{len(names)}"),
        (w("scenarios", lang), "; ".join(scen_list)),
        (w("config", lang), ", ".join(str(t.cfg.path.name) for _, t in labelled)),
        (w("config_hash", lang), ", ".join(t.cfg.config_hash[:12] for _, t in labelled)),
        (w("date", lang), _date(created, lang)),
        (w("version", lang), __version__),
    )
    blocks: list[Block] = []
    for lab, tabs in labelled:
        codes = chart_provinces(tabs.result)
        for code in codes:
            b = tabs.facts(tabs.setup.scenarios[0], code)
            for s in tabs.setup.scenarios:
                f = tabs.facts(s, code)
                title = f"{lab}{tabs.st(s)}"
                blocks.append(Paragraph(_scenario_sentence(f, b, title, lang), "bullet"))
    blocks.append(_overview_table(labelled, lang, prob_reach, key="comparison"))
    sections = [Section(w("comparison", lang), tuple(blocks), new_page=True)]
    # charts: one comparison bar chart per config's provinces, growth paths side by side
    codes_all = list(dict.fromkeys(c for _, t in labelled for c in chart_provinces(t.result)))
    figs: list[Block] = []
    shared = [c for c in codes_all if all(c in t.names for _, t in labelled)]
    if shared:
        figs.append(_comparison_figure(labelled, lang, shared))
    for code in codes_all:
        series = []
        k = 0
        name = ""
        for lab, tabs in labelled:
            if code not in tabs.names:
                continue
            name = tabs.names[code]
            for s in tabs.setup.scenarios:
                rows = tabs.p(s, code)
                x, y = _series_xy(rows[~rows["observed"]], "growth")
                series.append(Series(f"{lab}{s}", x, y, color=_COLORS[k % len(_COLORS)]))
                k += 1
            x, y = _series_xy(tabs.r(tabs.setup.scenarios[0], code), "target_growth")
        series.append(Series(w("target_line", lang), x, y, style="dashed", color="#444444"))
        figs.append(
            Figure(
                f"cmp_{code}",
                f"{name}: {w('growth', lang).lower()}",
                (ChartPanel(f"{name}: {w('growth', lang)} (%)", "%", "pct", series=tuple(series)),),
                1,
                2.8,
            )
        )
    sections.append(Section(w("charts", lang), tuple(figs), new_page=True))
    sections.append(Section(w("limits", lang), tuple(_limit_blocks(lang)), level=1))
    data_tables: list[Block] = []
    for lab, tabs in labelled:
        pre = lab.rstrip(":")
        data_tables.append(_data_table(f"{pre}projection"[:31], "projection", tabs.proj, PROJECTION_COLUMNS))
    sections.append(Section("data", tuple(data_tables), level=2))
    first = labelled[0][1]
    run = _run_record(first.result, created, command, lang)
    run["configs"] = [{"path": str(t.cfg.path), "hash": t.cfg.config_hash} for _, t in labelled]
    title = " | ".join(t.title() for _, t in labelled)
    return Document(
        title=title, subtitle=w("comparison", lang), lang=lang, cover=cover, sections=tuple(sections), run=run
    )
