"""Tables: the overview, the per-year projection and requirement tables, the assumptions, the workbook's data.

Headers, units and cell words come from the catalogue (``report.col.*``, ``report.unit.*``,
``report.status.*``, ``xlsx.*``). Values stay raw (fractions, Rp bn) with a column kind; the renderers
format them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from growth8.i18n import has, period, rupiah, t
from growth8.i18n import unit as unit_words
from growth8.report.content.context import ALL_CHARTS_UP_TO, Context, limit, reason
from growth8.report.model import PRINT_MEDIA, Column, Table
from growth8.results.projection import SOURCE_COLUMNS

_MARKS = "abcdefghijklmnopqrstuvwxyz"


class _Reasons:
    """Footnote marks for the reasons a status cell names: ``Not feasible (a)`` and a note ``(a) ...``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.marks: dict[str, str] = {}

    def status(self, code: str) -> str:
        if code == "none":
            return t("report.status.feasible", self.lang)
        mark = self.marks.setdefault(code, _MARKS[len(self.marks) % len(_MARKS)])
        return t("report.status.infeasible", self.lang, mark=mark)

    def note(self) -> str:
        if not self.marks:
            return ""
        items = "; ".join(f"({m}) {reason(code, self.lang)}" for code, m in self.marks.items())
        return t("report.status.note", self.lang, items=items)


def selected_years(ctx: Context, goal: int) -> list[int]:
    """Years printed in per-year tables: the base year, every year to the target year, then every fifth."""
    base, end = ctx.base_year, ctx.horizon
    pick = {base, end, *range(base + 1, min(goal, end) + 1)}
    pick |= {y for y in range(goal, end + 1) if y % 5 == 0}
    return sorted(pick)


def _unit(ctx: Context, key: str) -> str:
    return ctx.t(f"report.unit.{key}")


def overview_table(contexts: Sequence[Context], key: str = "overview", scenarios: Sequence[str] | None = None) -> Table:
    """One row per (config,) scenario and province: today, the projection, what the target needs, the verdict.

    ``scenarios``: only these (default: every scenario of each config).
    """
    first = contexts[0]
    lang = first.lang
    notes = _Reasons(lang)
    with_prob = any(c.inputs.uncertainty is not None for c in contexts)
    recs = []
    for ctx in contexts:
        prob = ctx.inputs.uncertainty.probabilities() if ctx.inputs.uncertainty is not None else None
        for s in scenarios if scenarios is not None else ctx.scenarios:
            for code in ctx.provinces:
                f = ctx.fact(s, code)
                p = f.projection
                rec = {
                    "scenario": f"{ctx.label}{s}",
                    "scenario_label": ctx.scenario_label(s),
                    "province": p.province,
                    "growth_now": p.growth_now,
                    "iy_now": ctx.province_calibration(code).investment_rate,
                    "avg_growth": p.avg_growth,
                    "grdp_h": p.grdp_horizon / 1000.0,
                    "req_iy": f.required_investment_rate,
                    "max_growth": f.max_growth,
                    "max_growth_all": f.max_growth_all,
                    "gap_share": f.gap_share_mean,
                    "status": notes.status(f.first_reason if not f.feasible else "none"),
                }
                if with_prob:
                    hit = (
                        prob[(prob["scenario"] == s) & (prob["province_code"] == code)]
                        if prob is not None
                        else pd.DataFrame()
                    )
                    rec["prob"] = float(hit["prob_reach_target"].iloc[0]) if len(hit) else math.nan
                recs.append(rec)
    data = pd.DataFrame(recs)
    goal = first.cfg.target.by
    window = period(*first.calibration.window)
    cols = [
        Column("province", first.t("report.col.province")),
        Column("scenario_label", first.t("report.col.scenario")),
        Column("growth_now", first.t("report.col.growth_in", year=first.base_year), "%", "pct", 2),
        Column("iy_now", first.t("report.col.iy_mean", period=window), _unit(first, "pct_grdp"), "pct", 1),
        Column(
            "avg_growth",
            first.t("report.col.avg_growth", period=period(first.first_year, first.horizon)),
            "%",
            "pct",
            2,
        ),
        Column("grdp_h", first.t("report.col.grdp_in", year=first.horizon), _unit(first, "rp_tn_2010"), "num", 1),
        Column("req_iy", first.t("report.col.iy_required_in", year=goal - 1), _unit(first, "pct_grdp"), "pct", 1),
        Column("max_growth", first.t("report.col.max_growth"), "%", "pct", 2),
        Column("max_growth_all", first.t("report.col.max_growth_all"), "%", "pct", 2),
        Column("gap_share", first.t("report.col.gap_share_mean"), "%", "share", 2),
        Column("status", first.t("report.col.status")),
    ]
    widths = [1.3, 1.1, 0.8, 0.9, 0.9, 1.0, 0.9, 0.9, 0.9, 1.1, 0.9]
    if with_prob:
        cols.append(Column("prob", first.t("report.col.prob_in", year=goal), "%", "pct", 1))
        widths.append(0.9)
    if len(contexts) > 1:
        data = data.sort_values(["province", "scenario"], kind="stable")
    return Table(
        key,
        first.t("report.table.overview"),
        tuple(cols),
        data.reset_index(drop=True),
        note=notes.note(),
        widths=tuple(widths),
        sheet=first.t(f"xlsx.sheet.{key}"),
    )


def projection_table(ctx: Context, scenario: str, code: int) -> Table:
    """Selected years of one scenario and province: growth, investment, GRDP, BPD loans and deposits, limits."""
    rows = ctx.p(scenario, code)
    goal = ctx.fact(scenario, code).projection.target_year
    rows = rows[rows["year"].isin(selected_years(ctx, goal))].copy()
    rows["binding_text"] = [limit(b, ctx.lang, cell=True) for b in rows["binding_constraint"]]
    for col in ("grdp_real", "bpd_credit_feasible", "bpd_deposits"):
        rows[col] = rows[col] / 1000.0  # Rp bn -> Rp triliun
    cols = (
        Column("year", ctx.t("report.col.year"), "", "year"),
        Column("growth", ctx.t("report.col.growth"), "%", "pct", 2),
        Column("target_growth", ctx.t("report.col.target"), "%", "pct", 2),
        Column("investment_rate", ctx.t("report.col.investment_rate"), "%", "pct", 1),
        Column("grdp_real", ctx.t("report.col.grdp"), _unit(ctx, "rp_tn_2010"), "num", 1),
        Column("bpd_credit_feasible", ctx.t("report.col.bpd_credit_feasible"), _unit(ctx, "rp_tn_current"), "num", 2),
        Column("bpd_deposits", ctx.t("report.col.bpd_deposits"), _unit(ctx, "rp_tn_current"), "num", 2),
        Column("binding_text", ctx.t("report.col.binding")),
    )
    title = ctx.t("report.table.projection", province=ctx.names[code], scenario=ctx.scenario_title(scenario))
    widths = (0.6, 0.9, 0.8, 1.1, 1.2, 1.4, 1.2, 1.0)
    return Table(f"proj_{code}_{scenario}", title, cols, rows, media=PRINT_MEDIA, widths=widths)


def requirements_table(ctx: Context, scenario: str, code: int) -> Table:
    """Selected years of what the target needs for one scenario and province, with each year's status."""
    rows = ctx.r(scenario, code)
    goal = ctx.fact(scenario, code).projection.target_year
    rows = rows[rows["year"].isin(selected_years(ctx, goal))].copy()
    notes = _Reasons(ctx.lang)
    rows["status_text"] = [notes.status(str(r)) for r in rows["binding_reason"]]
    for col in ("investment_gap_real", "required_bpd_credit", "required_deposits", "required_capital_injection"):
        rows[col] = rows[col] / 1000.0  # Rp bn -> Rp triliun
    pct_grdp, rp_2010, rp_now = _unit(ctx, "pct_grdp"), _unit(ctx, "rp_tn_2010"), _unit(ctx, "rp_tn_current")
    cols = (
        Column("year", ctx.t("report.col.year"), "", "year"),
        Column("target_growth", ctx.t("report.col.target"), "%", "pct", 2),
        Column("required_investment_rate", ctx.t("report.col.iy_required"), pct_grdp, "pct", 1),
        Column("baseline_investment_rate", ctx.t("report.col.iy_scenario"), pct_grdp, "pct", 1),
        Column("icor_required_investment_rate", ctx.t("report.col.iy_icor"), pct_grdp, "pct", 1),
        Column("investment_gap_real", ctx.t("report.col.investment_gap"), rp_2010, "num", 1),
        Column("required_bpd_credit", ctx.t("report.col.credit_required"), rp_now, "num", 1),
        Column("required_deposits", ctx.t("report.col.deposits_required"), rp_now, "num", 1),
        Column("required_capital_injection", ctx.t("report.col.injection_required"), rp_now, "num", 1),
        Column("required_public_investment_rate", ctx.t("report.col.public_required"), pct_grdp, "pct", 1),
        Column("required_tfp_growth", ctx.t("report.col.tfp_required"), "%", "pct", 2),
        Column("status_text", ctx.t("report.col.status")),
    )
    title = ctx.t("report.table.requirements", province=ctx.names[code], scenario=ctx.scenario_title(scenario))
    note = " ".join(x for x in (ctx.t("report.table.requirements_note"), notes.note()) if x)
    widths = (0.55, 0.65, 0.9, 0.9, 0.9, 1.0, 1.1, 1.1, 1.0, 0.9, 0.8, 1.0)
    return Table(f"req_{code}_{scenario}", title, cols, rows, note=note, media=PRINT_MEDIA, widths=widths)


def financing_table(ctx: Context, scenario: str, code: int) -> Table:
    """The gap in the target year against every source at its maximum, and the remainder (financing.csv)."""
    goal = ctx.fact(scenario, code).projection.target_year
    tab = ctx.result.financing_table()
    rows = tab[(tab["scenario"] == scenario) & (tab["province_code"] == code) & (tab["year"] == goal)].copy()
    for col in ("baseline_rp_bn", "max_extra_rp_bn", "financed_rp_bn"):
        rows[col.replace("_rp_bn", "_tn")] = rows[col] / 1000.0
    rows["source_text"] = [_first_upper(ctx.t(f"source.{s}")) for s in rows["source"]]
    rows["limit_text"] = [_first_upper(limit(b, ctx.lang, cell=True)) if b else "" for b in rows["binding_limit"]]
    tn = ctx.t("chart.unit.rp_tn_current")
    cols = (
        Column("source_text", ctx.t("report.col.source")),
        Column("baseline_tn", ctx.t("report.col.source_baseline"), tn, "num", 2),
        Column("max_extra_tn", ctx.t("report.col.source_max"), tn, "num", 2),
        Column("max_share_of_gap", ctx.t("report.col.source_max_share"), "%", "pct", 2),
        Column("financed_tn", ctx.t("report.col.source_financed"), tn, "num", 2),
        Column("share_of_gap", ctx.t("report.col.source_share"), "%", "pct", 2),
        Column("limit_text", ctx.t("report.col.source_limit")),
        Column("tfp_growth_required", ctx.t("report.col.tfp_closes"), "%", "pct", 2),
    )
    gap = float(rows["gap_rp_bn"].iloc[0]) if len(rows) else float("nan")
    title = ctx.t("report.table.financing", province=ctx.names[code], scenario=ctx.scenario_title(scenario), year=goal)
    note = ctx.t("report.table.financing_note", year=goal, gap=rupiah(gap, ctx.lang))
    widths = (1.6, 1.0, 1.0, 0.9, 1.0, 0.9, 1.5, 0.9)
    return Table(f"fin_{code}_{scenario}", title, cols, rows, note=note, media=PRINT_MEDIA, widths=widths)


def _first_upper(text: str) -> str:
    """A noun phrase as a table cell starts: its first letter upper case, the rest (PMA, BPD) untouched."""
    return text[:1].upper() + text[1:]


def _source_cell(text: str) -> str:
    """A source as its table cell starts: upper case, unless it starts with a file's name or a code."""
    first = text.split(" ", 1)[0]
    return text if any(c in first for c in "/._") else _first_upper(text)


def format_parameter(value: float, unit: str, lang: str) -> str:
    """A parameter value for print: fractions as percentages, money and ratios as numbers."""
    from growth8.i18n import number, percent

    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "-"
    if unit.startswith("fraction"):
        return percent(value, 2, lang)
    if unit.startswith("Rp") or abs(value) >= 100:
        return number(value, 1, lang)
    return number(value, 4 if abs(value) < 1 else 2, lang)


def _unit_text(unit: str, lang: str) -> str:
    """A parameter unit as printed next to its value: ``%`` for fractions (printed as percentages)."""
    return "%" if unit == "fraction" else unit_words(unit, lang)


def _applies_to(ctx: Context, provinces: list[str]) -> str:
    """The provinces a row of the assumptions table holds for: all, the few it names, or all but the few."""
    if len(provinces) == len(ctx.provinces):
        return ctx.t("report.applies.all")
    others = [n for n in ctx.names.values() if n not in provinces]
    if len(provinces) > 2 and len(others) < len(provinces):
        return ctx.t("report.applies.all_but", provinces=", ".join(others))
    return ", ".join(provinces)


def assumptions_table(ctx: Context) -> Table:
    """Every parameter, condensed: identical values across scenarios and provinces share one row."""
    a = ctx.result.projection.assumptions()
    lang = ctx.lang
    a["source"] = a[SOURCE_COLUMNS[lang]]
    n_cells = len(ctx.scenarios) * len(ctx.provinces)
    recs = []
    for param, d in a.groupby("parameter", sort=False):
        unit = str(d["unit"].iloc[0])
        status = str(d["status"].iloc[0])
        name = f"{ctx.param_title(str(param))} ({param})"
        status_text = ctx.t(f"status.{status}") if has(f"status.{status}") else status
        combos = d.groupby(["value", "value_horizon", "source"], sort=False, dropna=False)
        if combos.ngroups > ALL_CHARTS_UP_TO:
            lo, hi = d["value"].min(), d["value"].max()
            recs.append(
                {
                    "parameter": name,
                    "applies": ctx.t("report.applies.per_province", n=d["province"].nunique()),
                    "value": f"{format_parameter(lo, unit, lang)} – {format_parameter(hi, unit, lang)}",
                    "value_h": "",
                    "unit": _unit_text(unit, lang),
                    "status": status_text,
                    "source": ctx.t(
                        "report.applies.example", province=str(d["province"].iloc[0]), source=str(d["source"].iloc[0])
                    ),
                }
            )
            continue
        for (value, value_h, source), g in combos:
            if len(g) == n_cells:
                applies = ctx.t("report.applies.all")
            else:
                provs = list(dict.fromkeys(g["province"]))
                scens = list(dict.fromkeys(g["scenario"]))
                applies = _applies_to(ctx, provs)
                if len(scens) < len(ctx.scenarios):
                    applies += " [" + ", ".join(ctx.scenario_label(s) for s in scens) + "]"
            same = value_h == value or (pd.isna(value_h) and pd.isna(value))
            recs.append(
                {
                    "parameter": name,
                    "applies": applies,
                    "value": format_parameter(value, unit, lang),
                    "value_h": "" if same else format_parameter(value_h, unit, lang),
                    "unit": _unit_text(unit, lang),
                    "status": status_text,
                    "source": _source_cell(str(source)),
                }
            )
    cols = (
        Column("parameter", ctx.t("report.col.parameter")),
        Column("applies", ctx.t("report.col.applies")),
        Column("value", ctx.t("report.col.value")),
        Column("value_h", ctx.t("report.col.value_horizon", year=ctx.horizon)),
        Column("unit", ctx.t("report.col.unit")),
        Column("status", ctx.t("report.col.value_status")),  # publication, calibration, assumption...
        Column("source", ctx.t("report.col.source")),
    )
    return Table(
        "assumptions_print",
        ctx.t("report.table.assumptions"),
        cols,
        pd.DataFrame(recs),
        note=ctx.t("report.table.assumptions_note"),
        media=PRINT_MEDIA,
        widths=(1.9, 1.1, 0.8, 0.8, 0.55, 0.75, 3.0),
    )


# ---------------------------------------------------------------------------------------------- workbook data
def data_table(
    lang: str,
    key: str,
    frame: pd.DataFrame,
    units: Mapping[str, str] | None = None,
    sheet: str | None = None,
    labels: Mapping[str, str] | None = None,
) -> Table:
    """A full data table (workbook only): each column with its header and unit in ``lang``.

    Parameters
    ----------
    lang : str
    key : str
        The table's key: its sheet (``projection``), for compared configs prefixed by a config label
        (``banten:projection``).
    frame : DataFrame
        Every row; its column names are the output contract's codes (the CSV columns).
    units : mapping of str to str, optional
        Column code -> catalogue key of its unit (``unit.<code>``); a header shows the short form
        ``xlsx.unit.<code>`` where the catalogue has one. A column without a unit shows none.
    sheet : str, optional
        The sheet name (default: ``xlsx.sheet.<key>``).
    labels : mapping of str to str, optional
        Headers of columns the catalogue cannot name (a sweep's levers: their parameter titles).

    Returns
    -------
    Table
        Column keys are the codes; a column's label is :func:`column_label`.
    """
    units = units or {}
    labels = labels or {}
    cols = []
    for c in frame.columns:
        code = str(c)
        dtype = frame[c].dtype
        unit_key = units.get(code)
        if pd.api.types.is_bool_dtype(dtype):
            kind, decimals = "bool", 0
        elif pd.api.types.is_integer_dtype(dtype):
            kind, decimals = ("year" if code == "year" else "int"), 0
        elif pd.api.types.is_float_dtype(dtype):
            kind, decimals = "num", number_decimals(unit_key)
            if unit_key and is_fraction_unit(unit_key):
                kind = "share"  # a rate or share stored as a fraction: shown as a percentage
        else:
            kind, decimals = "text", 0
        label = labels.get(code) or column_label(key, code, lang) or code
        cols.append(Column(code, label, header_unit(unit_key, lang), kind, decimals))  # type: ignore[arg-type]
    return Table(
        key,
        key,
        tuple(cols),
        frame.reset_index(drop=True),
        media=frozenset({"xlsx"}),
        sheet=sheet if sheet is not None else t(f"xlsx.sheet.{key}", lang),
    )


def sheet_kind(key: str) -> str:
    """A data table's sheet kind: its key without a compared config's label (``banten:projection``)."""
    return key.rsplit(":", 1)[-1]


def column_label_key(key: str, code: str) -> str | None:
    """The catalogue key of a data column's header: ``xlsx.col.<sheet>.<code>`` where the column means
    something of its own on that sheet, else the shared ``xlsx.col.<code>``; None when neither exists."""
    for candidate in (f"xlsx.col.{sheet_kind(key)}.{code}", f"xlsx.col.{code}"):
        if has(candidate):
            return candidate
    return None


def column_label(key: str, code: str, lang: str) -> str:
    """A data column's header (without its unit) in ``lang``; empty when the catalogue has none."""
    found = column_label_key(key, code)
    return t(found, lang) if found else ""


def header_unit(unit_key: str | None, lang: str) -> str:
    """The unit a header shows: the short ``xlsx.unit.<code>`` of a contract unit ``unit.<code>`` where
    the catalogue has one (``%`` for a fraction shown as a percentage), else the unit's words."""
    if not unit_key:
        return ""
    short = "xlsx." + unit_key
    return t(short if has(short) else unit_key, lang)


def number_decimals(unit_key: str | None) -> int:
    """Decimals a workbook shows for a float column: 2 for a fraction (as a percentage), 1 for money
    (Rp bn), 3 for a ratio, 4 for a column without a unit (values in the row's own unit)."""
    if not unit_key:
        return 4
    english = t(unit_key, "en")
    if english.startswith("fraction"):
        return 2
    if english.startswith("Rp"):
        return 1
    return 3


def is_fraction_unit(unit_key: str) -> bool:
    """Whether a unit (a catalogue key) is a fraction: its English text begins with "fraction" (the catalogue
    states every rate and share that way), so the workbook formats it as a percentage."""
    return t(unit_key, "en").startswith("fraction")


def contract_units(table: str, columns: Sequence[str]) -> dict[str, str]:
    """Catalogue unit keys of an output contract's columns (``unit.<code>`` of results' *_COLUMNS)."""
    from growth8.results.financing import FINANCING_COLUMNS
    from growth8.results.projection import PROJECTION_COLUMNS
    from growth8.results.target import TARGET_COLUMNS

    codes = {"projection": PROJECTION_COLUMNS, "financing": FINANCING_COLUMNS}.get(table, TARGET_COLUMNS)
    return {c: f"unit.{codes[c]}" for c in columns if codes.get(c)}


def fraction_units(columns: Sequence[str]) -> dict[str, str]:
    """The catalogue's ``fraction`` unit for every column given."""
    return dict.fromkeys(columns, "unit.fraction")


def assumptions_data(ctx: Context) -> pd.DataFrame:
    """parameters.csv for the workbook, with titles, units and statuses in the document's language."""
    a = ctx.result.projection.assumptions().copy()
    a["source"] = a[SOURCE_COLUMNS[ctx.lang]]  # one source column, in the document's language
    a = a.drop(columns=[c for c in SOURCE_COLUMNS.values() if c != "source"])
    a["title"] = [ctx.param_title(str(p)) for p in a["parameter"]]
    a["unit"] = [unit_words(str(u), ctx.lang) for u in a["unit"]]
    a["status"] = [ctx.t(f"status.{s}") if has(f"status.{s}") else s for s in a["status"]]
    return a


def decomposition_table(ctx: Context, scenario: str, code: int) -> Table:
    """Sources of growth of one scenario and province: mean contributions over the observed years, the years
    to the target year and the years after it (:meth:`ProjectionResult.growth_decomposition`)."""
    from growth8.model.solow import GROWTH_SOURCES
    from growth8.results.figures import decomposition_periods, period_means

    frame = ctx.result.projection.growth_decomposition()
    frame = frame[(frame["scenario"] == scenario) & (frame["province_code"] == code)]
    goal = ctx.fact(scenario, code).projection.target_year
    periods = decomposition_periods(frame, goal)
    contributions = [f"{k}_contribution" for k in GROWTH_SOURCES]
    rows = period_means(frame, ["growth", *contributions], periods)
    observed = set(frame.loc[frame["observed"], "year"])
    rows.insert(
        0,
        "period_text",
        [
            ctx.t(f"report.decomp.{'observed' if first in observed else 'projected'}", years=period(first, last))
            for first, last in periods
        ],
    )
    rows[contributions] = rows[contributions] * 100.0  # percentage points
    pp = ctx.t("unit.pp")
    cols = (
        Column("period_text", ctx.t("report.col.period")),
        Column("growth", ctx.t("report.col.growth_mean"), "%", "pct", 2),
        *(Column(f"{k}_contribution", ctx.t(f"chart.decomp.{k}"), pp, "num", 2) for k in GROWTH_SOURCES),
    )
    title = ctx.t("report.table.decomposition", province=ctx.names[code], scenario=ctx.scenario_title(scenario))
    widths = (1.5, 0.9, 1.0, 0.9, 0.9, 1.0, 1.0)
    return Table(
        f"decomp_{code}_{scenario}",
        title,
        cols,
        rows.reset_index(drop=True),
        note=ctx.t("report.table.decomposition_note"),
        media=PRINT_MEDIA,
        widths=widths,
    )
