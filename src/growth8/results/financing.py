"""The financing table (financing.csv): the investment gap against every source that can fill it.

One row per scenario, province, projected year and source (:data:`growth8.model.financing.SOURCES`),
and a ``not_financed`` row with the TFP growth that would close the remainder. Money is nominal Rp bn
with real (2010 prices) columns beside.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from growth8.i18n import rupiah, t
from growth8.model.financing import NOT_FINANCED, SOURCES, SourceMaxima

#: financing.csv columns with their unit codes (words: growth8.i18n.unit); the first nine are the output contract.
FINANCING_COLUMNS: dict[str, str] = {
    "scenario": "",
    "province_code": "bps_code",
    "province": "",
    "year": "",
    "source": "",
    "baseline_rp_bn": "rp_bn_nominal",
    "max_extra_rp_bn": "rp_bn_nominal",
    "share_of_gap": "gap_share_financed",
    "binding_limit": "",
    "financed_rp_bn": "rp_bn_nominal",
    "max_share_of_gap": "gap_share_max",
    "gap_rp_bn": "rp_bn_nominal",
    "baseline_real_bn": "rp_bn_real",
    "max_extra_real_bn": "rp_bn_real",
    "financed_real_bn": "rp_bn_real",
    "gap_real_bn": "rp_bn_real",
    "baseline_flow_rp_bn": "rp_bn_nominal",
    "passthrough": "fraction",
    "tfp_growth_required": "tfp_closes_rest",
    "tfp_growth_assumed": "fraction",
    "tfp_growth_year": "",
}


@dataclass(frozen=True)
class Financing:
    """Who finances the gap, per (scenario, province, draw, year).

    Attributes
    ----------
    maxima : SourceMaxima
        Each source at its maximum.
    financed : dict of str to ndarray
        What each source finances when the gap is filled in :data:`SOURCES` order (real Rp bn).
    not_financed : ndarray
        The rest of the gap (real Rp bn, >= 0).
    tfp_growth_required : ndarray
        TFP growth into each year that reaches the target path with the investment the sources
        finance (index t: growth into t, set by the investment of t - 1).
    deflator : ndarray
        The price level that turns real into nominal money.
    """

    maxima: SourceMaxima
    financed: Mapping[str, np.ndarray]
    not_financed: np.ndarray
    tfp_growth_required: np.ndarray
    deflator: np.ndarray


def financing_frame(
    financing: Financing,
    gap_real: np.ndarray,
    tfp_assumed: np.ndarray,
    scenarios: tuple[str, ...],
    provinces: tuple[int, ...],
    names: tuple[str, ...],
    years: np.ndarray,
) -> pd.DataFrame:
    """financing.csv from the arrays (draw 0), projected years only; see :data:`FINANCING_COLUMNS`."""
    s_n, p_n, t_n = len(scenarios), len(provinces), len(years)

    def cell(a: Any, dtype: Any = float) -> np.ndarray:
        arr = np.asarray(a, dtype=dtype)
        if arr.ndim == 4:
            arr = arr[:, :, 0, :]
        return np.broadcast_to(arr, (s_n, p_n, t_n))[..., 1:].reshape(-1)

    def after(a: Any) -> np.ndarray:  # the value of year t + 1 in row t (NaN at the horizon)
        arr = np.asarray(a, dtype=float)
        arr = arr[:, :, 0, :] if arr.ndim == 4 else arr
        arr = np.broadcast_to(arr, (s_n, p_n, t_n))
        nxt = np.concatenate([arr[..., 1:], np.full((s_n, p_n, 1), np.nan)], axis=-1)
        return nxt[..., 1:].reshape(-1)

    price = cell(financing.deflator)
    gap = np.maximum(cell(gap_real), 0.0)
    ids = {
        "scenario": np.repeat(np.array(scenarios, dtype=object), p_n * (t_n - 1)),
        "province_code": np.tile(np.repeat(np.array(provinces), t_n - 1), s_n),
        "province": np.tile(np.repeat(np.array(names, dtype=object), t_n - 1), s_n),
        "year": np.tile(np.asarray(years[1:], dtype=int), s_n * p_n),
    }
    m = financing.maxima
    with np.errstate(divide="ignore", invalid="ignore"):
        share_of = lambda v: np.where(gap > 0, v / np.where(gap > 0, gap, 1.0), np.nan)  # noqa: E731
        blocks = []
        for order, src in enumerate(SOURCES):
            mx, fin = cell(m.real[src]), cell(financing.financed[src])
            kappa, flow = cell(m.passthrough[src]), cell(m.baseline_flow[src])
            blocks.append(
                {
                    **ids,
                    "_order": np.full(gap.shape, order),
                    "source": np.full(gap.shape, src, dtype=object),
                    "baseline_rp_bn": kappa * flow,
                    "max_extra_rp_bn": mx * price,
                    "share_of_gap": share_of(fin),
                    "binding_limit": cell(m.binding[src], object),
                    "financed_rp_bn": fin * price,
                    "max_share_of_gap": share_of(mx),
                    "gap_rp_bn": gap * price,
                    "baseline_real_bn": kappa * flow / price,
                    "max_extra_real_bn": mx,
                    "financed_real_bn": fin,
                    "gap_real_bn": gap,
                    "baseline_flow_rp_bn": flow,
                    "passthrough": kappa,
                    "tfp_growth_required": np.full(gap.shape, np.nan),
                    "tfp_growth_assumed": np.full(gap.shape, np.nan),
                    "tfp_growth_year": np.full(gap.shape, np.nan),
                }
            )
        rest = cell(financing.not_financed)
        nan = np.full(gap.shape, np.nan)
        blocks.append(
            {
                **ids,
                "_order": np.full(gap.shape, len(SOURCES)),
                "source": np.full(gap.shape, NOT_FINANCED, dtype=object),
                "baseline_rp_bn": nan,
                "max_extra_rp_bn": nan,
                "share_of_gap": share_of(rest),
                "binding_limit": np.full(gap.shape, "", dtype=object),
                "financed_rp_bn": rest * price,
                "max_share_of_gap": nan,
                "gap_rp_bn": gap * price,
                "baseline_real_bn": nan,
                "max_extra_real_bn": nan,
                "financed_real_bn": rest,
                "gap_real_bn": gap,
                "baseline_flow_rp_bn": nan,
                "passthrough": nan,
                "tfp_growth_required": after(financing.tfp_growth_required),
                "tfp_growth_assumed": after(tfp_assumed),
                "tfp_growth_year": np.where(ids["year"] < years[-1], ids["year"] + 1, np.nan),
            }
        )
    frame = pd.concat([pd.DataFrame(b) for b in blocks], ignore_index=True)
    frame["_row"] = np.tile(np.arange(gap.size), len(blocks))
    frame = frame.sort_values(["_row", "_order"], kind="stable").reset_index(drop=True)
    frame["tfp_growth_year"] = frame["tfp_growth_year"].astype("Int64")
    return frame[list(FINANCING_COLUMNS)]


@dataclass(frozen=True)
class FinancingFacts:
    """The financing of one scenario and province in one named year (the target year).

    Attributes
    ----------
    year : the year.
    gap : the investment gap in that year, Rp bn nominal; gap_share_of_grdp : over nominal GRDP on
        the target path.
    max_extra : source -> its maximum extra fixed investment (Rp bn nominal).
    limit : source -> the limit that sets that maximum (``binding_limit`` of financing.csv).
    financed : source -> what it finances when the gap is filled in order (Rp bn nominal).
    financed_share : the share of the gap all sources together finance.
    not_financed : the rest (Rp bn nominal).
    tfp_required, tfp_assumed, tfp_year : the TFP growth into ``tfp_year`` that closes the rest, and
        the growth the scenario assumes.
    """

    year: int
    gap: float
    gap_share_of_grdp: float
    max_extra: Mapping[str, float]
    limit: Mapping[str, str]
    financed: Mapping[str, float]
    financed_share: float
    not_financed: float
    tfp_required: float
    tfp_assumed: float
    tfp_year: int | None


def financing_facts(rows: pd.DataFrame, year: int, grdp_nominal: float) -> FinancingFacts:
    """Facts for one scenario and province from its financing.csv rows, in ``year``."""
    sel = rows[rows["year"] == year].set_index("source")
    gap = float(sel["gap_rp_bn"].iloc[0])
    rest = sel.loc[NOT_FINANCED]
    tfp_year = rest["tfp_growth_year"]
    return FinancingFacts(
        year=year,
        gap=gap,
        gap_share_of_grdp=gap / grdp_nominal if grdp_nominal > 0 else float("nan"),
        max_extra={s: float(sel.loc[s, "max_extra_rp_bn"]) for s in SOURCES},
        limit={s: str(sel.loc[s, "binding_limit"]) for s in SOURCES},
        financed={s: float(sel.loc[s, "financed_rp_bn"]) for s in SOURCES},
        financed_share=float(sum(sel.loc[s, "financed_rp_bn"] for s in SOURCES) / gap) if gap > 0 else float("nan"),
        not_financed=float(rest["financed_rp_bn"]),
        tfp_required=float(rest["tfp_growth_required"]),
        tfp_assumed=float(rest["tfp_growth_assumed"]),
        tfp_year=None if pd.isna(tfp_year) else int(tfp_year),
    )


def source_maximum_text(facts: FinancingFacts, source: str, lang: str) -> str:
    """A source's maximum in words, as the key messages, the summary and the console say it.

    The amount in rupiah, except a maximum of zero that a cap of zero in the scenario sets (the public
    capital spending, whose ceiling is an assumption that defaults to zero): that says the cap is
    zero, so that it does not read as a finding about the source.
    """
    value = facts.max_extra[source]
    if value == 0 and facts.limit[source] == "scenario_cap":
        return t("financing.maximum.zero_cap", lang)
    return rupiah(value, lang)
