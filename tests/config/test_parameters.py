"""The parameter catalogue and the shipped configs trace every number to the bundled data.

Each published default must equal its row of data/published.csv; each bank figure in
configs/default.yaml must equal (or be computed from) a row of data/bpd_facts.csv.
"""

from __future__ import annotations

import csv
import re

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
    caps = {"investment_rate_max", "bpd_credit_growth_max", "capital_injection_max"}
    # every engine input is documented, and nothing is documented that the model does not use
    assert set(defaults) == set(PATH_PARAMS) | set(INITIAL_PARAMS) | caps
    for p in defaults.values():
        assert p.status in STATUSES
        assert p.description.endswith(".") and len(p.source) > 20
        assert p.bounds[0] <= p.soft_bounds[0] <= p.soft_bounds[1] <= p.bounds[1]
        if p.status == "assumption":
            assert "ssumption" in p.source, f"{p.name}: an assumption must say so in its source"


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


def test_default_config_bank_figures_trace_to_bpd_facts(panel) -> None:
    table = growth8.project(CONFIGS / "default.yaml", panel=panel).assumptions()

    def value(param: str, code: int, scenario: str = "baseline") -> float:
        sel = table[(table["parameter"] == param) & (table["province_code"] == code) & (table["scenario"] == scenario)]
        return float(sel["value"].item())

    banten_credit = fact("Bank Banten", "2023-06", "credit")
    assert value("bpd_credit_initial", 36) == float(banten_credit["value"])
    dpk = re.search(r"DPK Rp([\d.]+)T", banten_credit["note"])
    assert dpk and value("bpd_deposits_initial", 36) == pytest.approx(float(dpk.group(1)) * 1000)
    capital = float(fact("Bank Banten", "2025-06", "core capital")["value"])
    assert value("bpd_equity_initial", 36) == capital
    profit = float(fact("Bank Banten", "2024", "net profit")["value"])
    assert value("return_on_equity", 36) == pytest.approx(profit / capital, abs=5e-5)
    assert value("npl_ratio", 36) == float(fact("Bank Banten", "2025-06", "NPL gross")["value"])
    assert value("bpd_credit_initial", 17) == float(fact("Bank Bengkulu", "2020", "loans")["value"])
    core = float(fact("Bank Bengkulu", "2022-09", "core capital")["value"])
    assert value("bpd_equity_initial", 17) == core
    roe = float(fact("Bank Bengkulu", "2019", "net profit")["value"]) / float(
        fact("Bank Bengkulu", "2020-09", "core capital")["value"]
    )
    assert value("return_on_equity", 17) == pytest.approx(roe, abs=5e-5)
    # The push: Banten's planned injection; Bengkulu lifted to the BPD minimum core capital.
    setup_inj = growth8.project(CONFIGS / "default.yaml", panel=panel).setup
    inj = setup_inj.values["capital_injection"][setup_inj.scenarios.index("bpd_push")]
    planned = float(fact("Pemprov Banten", "2025 (Raperda)", "planned additional capital injection")["value"])
    assert inj[0].max() == planned
    minimum = float(published()["min_core_capital_bpd"]["value"])
    assert inj[1].max() == pytest.approx(minimum - core)
