"""Bank indicators over time: which facts are charted, their dates, and the chart's message."""

from __future__ import annotations

import math

import pytest

from growth8.data import BANK_INDICATORS, fact_date
from growth8.i18n import date_text, percent, rupiah
from growth8.results.figures import bank_indicators_figure, latest_bank_indicators


def test_every_indicator_text_is_in_the_fact_files(panel) -> None:
    """The vocabulary names texts that exist: a typo would silently drop a series."""
    texts = set(panel.facts()["indicator"])
    missing = [text for names in BANK_INDICATORS.values() for text in names if text not in texts]
    assert not missing, missing


def test_fact_dates_order_and_year_end() -> None:
    assert fact_date("2024-06") == pytest.approx(2024 + 5.5 / 12)
    assert fact_date("2024") == pytest.approx(2024 + 11.5 / 12)  # a bare year: its December
    assert fact_date("2024-09") < fact_date("2024") < fact_date("2025-01")
    assert fact_date("2023-03-31") == pytest.approx(2023 + (2 + 1.0) / 12)
    assert math.isnan(fact_date(""))
    assert date_text("2024-06", "id") == "Juni 2024" and date_text("2023-03-31", "en") == "31 March 2023"


def test_own_bank_rows_are_the_banks_own(panel) -> None:
    """Bank Banten's rows: its own entity only (not the KUB parent's or the province's), never suspect or event
    rows, conflicting releases kept with their flag."""
    frame = panel.bank_indicators(36)
    own = frame[frame["holder"] == "bpd"]
    assert set(own["entity"]) <= {"Bank Banten", "Bank Banten (BEKS)"}
    assert not frame["flag"].fillna("").str.contains("suspect|event").any()
    credit = own[own["indicator"] == "credit"]
    assert {3270.0, 6630.0} <= set(credit["value"])  # Jun-2023 and the conflicting Mar-2023 release
    assert "conflict" in set(credit.loc[credit["value"] == 6630.0, "flag"])
    sector = frame[frame["holder"] == "sector"]
    assert (sector["entity"].str.contains("Banten")).all()
    assert frame.groupby(["holder", "indicator"])["date"].apply(lambda d: d.is_monotonic_increasing).all()


def test_the_message_gives_the_latest_figures(panel) -> None:
    """Each number of the message is the latest row's value, with its date."""
    for code, name, bank in ((36, "Banten", "Bank Banten"), (17, "Bengkulu", "Bank Bengkulu")):
        latest = latest_bank_indicators(panel.bank_indicators(code, bank))
        fig = bank_indicators_figure(panel, code, name, bank, "id")
        assert fig is not None
        ldr = latest[(latest["holder"] == "bpd") & (latest["indicator"] == "ldr")].iloc[0]
        assert f"LDR {percent(float(ldr['value']), 1, 'id')} ({date_text(ldr['as_of'], 'id')})" in fig.message
        credit = latest[(latest["holder"] == "sector") & (latest["indicator"] == "credit")].iloc[0]
        assert rupiah(float(credit["value"]), "id") in fig.message
        assert bank in fig.message and fig.source


def test_a_province_without_facts_has_no_chart(panel) -> None:
    codes = set(panel.provinces["province_code"])
    without = sorted(c for c in codes if panel.bank_indicators(c).empty)
    assert without, "every province has bank facts: pick another check"
    assert bank_indicators_figure(panel, without[0], "x", None, "en") is None
