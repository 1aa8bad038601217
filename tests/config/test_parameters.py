"""The parameter catalogue and the shipped configs trace every number to the bundled data.

Each published default must equal its row of data/published.csv; each bank figure in
data/own_bpd.csv must equal (or be computed from) a row of data/bpd_facts.csv, and every shipped
config uses those figures for that bank.
"""

from __future__ import annotations

import csv
import warnings

import numpy as np
import pytest

import growth8
from growth8.config.parameters import STATUSES, load_defaults
from helpers import CONFIGS, ROOT


def published() -> dict[str, dict[str, str]]:
    with open(ROOT / "data" / "published.csv", newline="") as handle:
        return {r["key"]: r for r in csv.DictReader(handle)}


def fact(entity: str, period: str, indicator: str) -> dict[str, str]:
    """The one row of data/bpd_facts.csv whose entity, period and indicator start with the given text."""
    with open(ROOT / "data" / "bpd_facts.csv", newline="") as handle:
        rows = [
            r
            for r in csv.DictReader(handle)
            if r["entity"].startswith(entity)
            and r["period"].startswith(period)
            and r["indicator"].startswith(indicator)
        ]
    assert len(rows) == 1, (entity, period, indicator, len(rows))
    return rows[0]


def test_catalogue_lints() -> None:
    from growth8.model.engine import INITIAL_PARAMETERS as INITIAL_PARAMS
    from growth8.model.engine import PATH_PARAMETERS as PATH_PARAMS

    defaults = load_defaults()
    caps = {
        "investment_rate_max",
        "bpd_credit_growth_max",
        "capital_injection_max",
        "other_bank_credit_growth_max",
        "direct_investment_share_max",
        "public_investment_extra_max",
        "apbd_expenditure",
        "apbd_capex_share_max",
    }
    from growth8.assemble import HUMAN_CAPITAL  # folded into the engine's labour input by assemble

    # every engine input is documented, and nothing is documented that the model does not use
    assert set(defaults) == set(PATH_PARAMS) | set(INITIAL_PARAMS) | caps | {HUMAN_CAPITAL}
    for p in defaults.values():
        assert p.status in STATUSES
        assert p.description.endswith(".") and len(p.source) > 20
        assert p.bounds[0] <= p.soft_bounds[0] <= p.soft_bounds[1] <= p.bounds[1]
        if p.status == "assumption":
            assert "ssumption" in p.source, f"{p.name}: an assumption must say so in its source"
            assert "Asumsi" in p.source_id, f"{p.name}: an assumption must say so in its Indonesian source too"
        # Indonesian outputs show these: written for every parameter, and not a copy of the English
        assert p.source_id and p.source_id != p.source, p.name
        assert p.description_id.endswith(".") and p.description_id != p.description, p.name


def test_published_defaults_equal_their_source_rows() -> None:
    rows = published()
    linked = 0
    for p in load_defaults().values():
        if p.status != "published" or not isinstance(p.value, float):
            continue
        assert p.published is not None, f"{p.name} is 'published' but names no data/published.csv row"
        key, transform = p.published
        row = rows[key]
        expected = {
            "identity": float(row["value"]),
            "one_minus": 1.0 - float(row["value"]),
            "high": float(row["value_high"] or "nan"),
        }[transform]
        assert p.value == pytest.approx(expected, rel=1e-9), (p.name, key)
        linked += 1
    assert linked >= 7


def test_own_bpd_figures_trace_to_bpd_facts(panel) -> None:
    """Every figure in data/own_bpd.csv is its bpd_facts.csv fact, or computed from it as its row says."""
    rows = {(int(r.province_code), r.parameter): r for r in panel.own_bpd.itertuples(index=False)}
    banten_credit = fact("Bank Banten", "2023-06", "credit")
    assert rows[(36, "bpd_credit_initial")].value == float(banten_credit["value"])
    latest_ldr = float(fact("Bank Banten", "2024-Q3", "loan-to-deposit ratio")["value"])
    deposits = float(banten_credit["value"]) / latest_ldr
    assert rows[(36, "bpd_deposits_initial")].value == pytest.approx(deposits, rel=1e-15)
    capital = float(fact("Bank Banten", "2025-06", "core capital")["value"])
    assert rows[(36, "bpd_equity_initial")].value == capital
    profit = float(fact("Bank Banten", "2024", "net profit")["value"])
    assert rows[(36, "return_on_equity")].value == pytest.approx(profit / capital, rel=1e-15)
    region = fact("Bank Banten", "2021", "LDR")["note"]
    assert "other 8%" in region and "Banten" not in region.split("by region:")[1]
    assert rows[(36, "bpd_in_province_share")].value == 0.08
    assert rows[(17, "bpd_credit_initial")].value == float(fact("Bank Bengkulu", "2020", "loans")["value"])
    core = float(fact("Bank Bengkulu", "2022-09", "core capital")["value"])
    assert rows[(17, "bpd_equity_initial")].value == core
    roe = float(fact("Bank Bengkulu", "2019", "net profit")["value"]) / float(
        fact("Bank Bengkulu", "2020-09", "core capital")["value"]
    )
    assert rows[(17, "return_on_equity")].value == pytest.approx(roe, rel=1e-15)
    for r in panel.own_bpd.itertuples(index=False):  # each row names a fact that exists
        assert not np.isnan(panel.fact_value(r.fact_entity, r.fact_indicator, r.fact_as_of)), r


BANK_PARAMETERS = ("bpd_credit_initial", "bpd_deposits_initial", "bpd_equity_initial", "return_on_equity")


def test_same_bank_same_base_year_figures_in_every_shipped_config(panel) -> None:
    """One method: a bank's base-year figures do not depend on the config that projects it."""
    seen: dict[tuple[str, int], tuple[str, float]] = {}
    for path in sorted(CONFIGS.glob("*.yaml")):
        if path.name == "defaults.yaml":
            continue
        setup = growth8.project(path, panel=panel).setup
        for param in BANK_PARAMETERS:
            for j, code in enumerate(setup.provinces):
                value = float(setup.values[param][0, j, 0])
                first = seen.setdefault((param, code), (path.name, value))
                assert value == first[1], f"{param} of province {code}: {path.name} {value} vs {first}"
    assert seen[("bpd_credit_initial", 36)][1] == 3270.0  # all_provinces uses Bank Banten's own figure


def test_default_bank_banten_ldr_is_its_latest_published_ldr(panel) -> None:
    setup = growth8.project(CONFIGS / "default.yaml", panel=panel).setup
    j = setup.provinces.index(36)
    ldr = setup.values["bpd_credit_initial"][0, j, 0] / setup.values["bpd_deposits_initial"][0, j, 0]
    latest = panel.facts(entity="Bank Banten (BEKS)", indicator="loan-to-deposit ratio (LDR)").sort_values("as_of")
    assert ldr == pytest.approx(float(latest["value"].iloc[-1]), rel=1e-12)
    assert latest["as_of"].iloc[-1] == "2024-09"


def test_push_injections_are_staged_and_labelled(panel) -> None:
    setup = growth8.project(CONFIGS / "default.yaml", panel=panel).setup
    i = setup.scenarios.index("bpd_push")
    inj = setup.values["capital_injection"][i]
    planned = float(fact("Pemprov Banten", "2025 (Raperda)", "planned additional capital injection")["value"])
    years = list(setup.years)
    assert inj[0, years.index(2025)] == 0.0  # no 2025 payment was found
    assert inj[0].sum() == pytest.approx(planned)  # the proposed amount, in stages
    minimum = float(published()["min_core_capital_bpd"]["value"])
    core = float(fact("Bank Bengkulu", "2022-09", "core capital")["value"])
    assert inj[1].max() == pytest.approx(minimum - core)


#: Published per-BPD totals the estimates for provinces without an own_bpd.csv row are checked against:
#: province code -> (parameter, bpd_facts entity prefix, period prefix, indicator prefix).
PUBLISHED_BPD_TOTALS = {
    12: ("bpd_credit_initial", "Bank Sumut", "2020-11", "credit"),
    13: ("bpd_credit_initial", "Bank Nagari", "2024", "credit"),
    53: ("bpd_equity_initial", "Bank NTT", "2023-03", "core capital"),
    71: ("bpd_equity_initial", "Bank SulutGo", "2023-03", "core capital"),
    72: ("bpd_equity_initial", "Bank Sulteng", "2023-03", "core capital"),
    74: ("bpd_equity_initial", "Bank Sultra", "2023-03", "core capital"),
    81: ("bpd_equity_initial", "Bank Maluku Malut", "2023-03", "core capital"),
}


def test_bpd_estimates_are_labelled_and_within_a_factor_of_five_of_published_totals(panel) -> None:
    """The all-BPD estimates are crude (a national BPD share of provincial credit): they must say so, and
    stay within a factor of five of the published per-bank totals where there are some (measured: 0.2-1.0;
    the first version's Banten estimate was 12 times Bank Banten's loans)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", growth8.Growth8Warning)
        result = growth8.project(CONFIGS / "all_provinces.yaml", panel=panel)
    table = result.assumptions()
    own = set(panel.own_bpd["province_code"].astype(int))
    estimated = table[table["parameter"].isin(BANK_PARAMETERS[:3]) & ~table["province_code"].isin(own)]
    assert estimated["source"].str.startswith("estimate").all()
    for code, (param, entity, period, indicator) in PUBLISHED_BPD_TOTALS.items():
        assert code not in own
        row = estimated[(estimated["province_code"] == code) & (estimated["parameter"] == param)]
        value = float(row["value"].iloc[0])
        published_total = float(fact(entity, period, indicator)["value"])
        ratio = value / published_total
        assert 0.2 <= ratio <= 5.0, f"{entity}: {param} estimate {value:,.0f} vs published {published_total:,.0f}"
