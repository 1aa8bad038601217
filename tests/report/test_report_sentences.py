"""Every sentence matches its arithmetic: page 1's key messages and the summary's figures, rebuilt from the
output tables (projection.csv, target.csv, financing.csv, max_growth.csv) the sentence names, for every
shipped config, in both languages.

The expected sentences are written here from the tables, not from ``result.facts()`` (which the report
uses): a wrong year, a mean printed as a value in a year, or a total over the wrong period fails.
"""

from __future__ import annotations

import dataclasses
import math
import warnings
from pathlib import Path

import pandas as pd
import pytest

import growth8
from growth8 import pipeline
from growth8.i18n import catalogue, number, percent, rupiah, share, t
from growth8.report import build
from growth8.report.model import Paragraph
from helpers import CONFIGS, SHIPPED


@pytest.fixture(scope="module")
def shipped(panel) -> dict[str, pipeline.ReportInputs]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", growth8.errors.Growth8Warning)  # type: ignore[attr-defined]
        return {
            Path(name).stem: pipeline.report_inputs(
                CONFIGS / name, panel=panel, estimation=False, uncertainty=False, draws=0, command=("t",)
            )
            for name in SHIPPED
        }


def _texts(doc) -> str:
    blocks = [*doc.highlights, *(b for s in doc.sections for b in s.blocks)]
    return "\n".join(b.text for b in blocks if isinstance(b, Paragraph))


def _row(frame: pd.DataFrame, **where: object) -> pd.Series:
    sel = frame
    for key, value in where.items():
        sel = sel[sel[key] == value]
    assert len(sel) == 1, where
    return sel.iloc[0]


def _scenario_in_text(cfg, scenario: str, lang: str) -> str:
    label = cfg.scenario_label(scenario, lang)
    return "s" + label[1:] if lang == "id" and label.startswith("Skenario ") else label


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("name", [Path(p).stem for p in SHIPPED])
def test_key_messages_and_summary_figures_match_the_tables(shipped, name: str, lang: str) -> None:
    inputs = dataclasses.replace(shipped[name], lang=lang)
    doc = build(inputs)
    text = _texts(doc)
    key_text = "\n".join(b.text for b in doc.highlights if isinstance(b, Paragraph))
    res = inputs.target
    cfg = res.setup.config
    proj, req = res.projection.table(), res.table()
    fin, best = res.financing_table(), res.max_growth_table()
    base = res.setup.scenarios[0]
    goal = cfg.target.by
    first = int(res.setup.years[1])
    checked = 0
    many = len(res.setup.provinces) > 6
    for code, province in zip(res.setup.provinces, res.projection.province_names, strict=True):
        p = proj[(proj["scenario"] == base) & (proj["province_code"] == code)]
        r = req[(req["scenario"] == base) & (req["province_code"] == code)]
        f = fin[(fin["scenario"] == base) & (fin["province_code"] == code) & (fin["year"] == goal)]
        growth_goal = float(_row(p, year=goal)["growth"])
        rq = r[r["year"] > r["year"].min()]
        gaps = rq["investment_gap_real"].to_numpy()
        if (gaps[:-1] <= 0).all():
            continue  # on the target path: no requirement sentences
        rate = float(_row(r, year=goal - 1)["required_investment_rate"])
        # page 1 (every province when there are few)
        if not many:
            feasible = not ((~rq["feasible"]) & (rq["investment_gap_real"] > 0)).any()
            verdict = t(
                "report.key.verdict.feasible" if feasible else "report.key.verdict.infeasible",
                lang,
                province=province,
                target=percent(cfg.target.growth, 1, lang),
                target_year=goal,
                growth=percent(growth_goal, 2, lang),
                scenario=_scenario_in_text(cfg, base, lang),
            )
            assert verdict in key_text
            gap = float(f["gap_rp_bn"].iloc[0])
            nominal = float(_row(r, year=goal)["required_bpd_credit"]) / float(
                _row(p, year=goal)["grdp_nominal"]
            )  # the loan stock over GRDP (summary), checked below
            sources = f[f["source"] != "not_financed"]
            financed = float(sources["financed_rp_bn"].sum())
            assert rupiah(gap, lang) in key_text and str(goal) in key_text
            assert percent(rate, 1, lang) in key_text
            for src in sources.itertuples(index=False):
                item = str(src.source)
                amount = rupiah(float(src.max_extra_rp_bn), lang)
                if float(src.max_extra_rp_bn) == 0 and src.binding_limit == "scenario_cap":
                    amount = t("financing.maximum.zero_cap", lang)  # a cap of zero, not "Rp0"
                    assert rupiah(0.0, lang) not in key_text
                assert t("report.key.source_item", lang, source=t(f"source.{src.source}", lang), amount=amount) in (
                    key_text
                ), item
            assert share(financed / gap, 2, lang) in key_text
            rest = _row(f, source="not_financed")
            if float(rest["financed_rp_bn"]) > 0:
                sentence = t(
                    "report.key.tfp",
                    lang,
                    rest=rupiah(float(rest["financed_rp_bn"]), lang),
                    tfp=percent(float(rest["tfp_growth_required"]), 2, lang),
                    tfp_year=int(rest["tfp_growth_year"]),
                    tfp_assumed=percent(float(rest["tfp_growth_assumed"]), 2, lang),
                )
                assert sentence in key_text
            checked += 1
            # the summary: loans the BPD would need, as a multiple of GRDP when they exceed it
            if nominal >= 1:
                template = catalogue()["report.summary.need_bpd_out_of_reach"][lang]
                after = template.split("{ratio}")[1].split("{")[0]  # " times nominal GRDP (about "
                assert number(nominal, 1, lang) + after in text
            # the highest growth the own BPD alone can finance, and the year its limit binds
            b = _row(best, scenario=base, province_code=code)
            if not math.isnan(float(b["max_constant_growth"])):
                assert percent(float(b["max_constant_growth"]), 2, lang) in text
            # the largest share of the gap the own BPD can finance in any one year, with that year
            shares = rq[["year", "bpd_gap_share"]].dropna()
            if len(shares):
                top = shares.loc[shares["bpd_gap_share"].idxmax()]
                phrase = t(
                    "report.summary.gap_share",
                    lang,
                    max=share(float(top["bpd_gap_share"]), 2, lang),
                    max_year=int(top["year"]),
                    period=f"{first}–{int(res.setup.years[-1])}",
                    mean=share(float(shares["bpd_gap_share"].mean()), 2, lang),
                )
                assert phrase in text
    if not many:
        assert checked > 0
    else:  # many provinces: the spread of the investment rate needed, with the provinces at each end
        rates = req[(req["scenario"] == base) & (req["year"] == goal - 1)]
        assert percent(float(rates["required_investment_rate"].max()), 1, lang) in text


def test_shares_below_a_hundredth_of_a_percent_print_as_such() -> None:
    assert share(0.00004, 2, "en") == "< 0.01%"
    assert share(0.00004, 2, "id") == "< 0,01%"
    assert share(0.0, 2, "en") == "0.00%"
    assert percent(0.002, 1, "en") == "0.2%"  # a probability of 0.2% is not "0%"
