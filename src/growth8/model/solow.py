"""The Solow closed forms, written once: the growth step, its inverse, the steady state and the TFP residual.

The equations are DESIGN.md sections 2.1 and 2.8. With capital share alpha, depreciation delta, TFP
growth g_A, labour growth g_L, the capital-output ratio ky and, for public capital (LTGM-PC), its output
elasticity phi and its growth factor capf_G::

    capf      = (1 - delta) + s / ky                         # K_{t+1} / K_t
    1 + g     = (1 + g_A) * capf**(alpha - phi) * capf_G**phi * (1 + g_L)**(1 - alpha)
    ky_{t+1}  = ky * capf / (1 + g)

With phi = 0 (the default of every function here) these are the plain LTGM equations, bit for bit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike, NDArray

if TYPE_CHECKING:
    pass
Array = NDArray[np.float64]


def capital_factor(capf: ArrayLike, alpha: ArrayLike, phi: ArrayLike = 0.0, capf_g: ArrayLike = 1.0) -> np.ndarray:
    """The capital terms of the growth step: capf^(alpha - phi) capf_G^phi.

    Where phi is zero everywhere this is ``capf ** alpha`` computed exactly as the plain LTGM step
    computes it (the same operation on the same operands, so the same bits), which keeps a model with
    unproductive public capital identical to the one without it.
    """
    capf, alpha, phi = np.asarray(capf), np.asarray(alpha), np.asarray(phi)
    if not np.any(phi):
        return np.asarray(capf**alpha)
    return np.asarray(capf ** (alpha - phi) * np.asarray(capf_g) ** phi)


def steady_state_ky(investment_rate: ArrayLike, growth: ArrayLike, depreciation: ArrayLike) -> np.ndarray:
    """Capital-output ratio of a balanced growth path.

    Parameters
    ----------
    investment_rate, growth, depreciation : array_like
        s, g and delta (fractions).

    Returns
    -------
    ndarray
        ky = s / (g + delta).

    Notes
    -----
    On a balanced path K grows at the rate of Y, so
    K_{t+1} / K_t = 1 - delta + s / ky = 1 + g, hence ky = s / (g + delta).
    This is the usual perpetual-inventory initialisation (K_0 = I_0 / (g + delta)).
    """
    return np.asarray(investment_rate) / (np.asarray(growth) + np.asarray(depreciation))


def tfp_residual(
    growth: ArrayLike,
    investment_rate: ArrayLike,
    capital_output_ratio: ArrayLike,
    capital_share: ArrayLike,
    depreciation: ArrayLike,
    labour_growth: ArrayLike,
    public_elasticity: ArrayLike = 0.0,
    public_factor: ArrayLike = 1.0,
) -> np.ndarray:
    """TFP growth that makes the Solow step reproduce ``growth``.

    Notes
    -----
    Solves 1 + g = (1 + g_A) capf^(alpha - phi) capf_G^phi (1 + g_L)^(1 - alpha) for g_A, with
    capf = 1 - delta + s / ky::

        g_A = (1 + g) / (capf^(alpha - phi) capf_G^phi (1 + g_L)^(1 - alpha)) - 1
    """
    capf = 1.0 - np.asarray(depreciation) + np.asarray(investment_rate) / np.asarray(capital_output_ratio)
    alpha = np.asarray(capital_share)
    terms = capital_factor(capf, alpha, public_elasticity, public_factor)
    return (1.0 + np.asarray(growth)) / (terms * (1.0 + np.asarray(labour_growth)) ** (1.0 - alpha)) - 1.0


def required_capf(
    target: Array,
    tfp: Array,
    labour: Array,
    alpha: Array,
    public_elasticity: ArrayLike = 0.0,
    public_factor: ArrayLike = 1.0,
) -> Array:
    """Capital factor K_{t+1}/K_t that gives growth ``target``: the closed-form inverse.

    Notes
    -----
    From 1 + g = (1 + g_A) capf^(alpha - phi) capf_G^phi (1 + g_L)^(1 - alpha), the public factor
    capf_G given::

        capf = ((1 + g) / ((1 + g_A) (1 + g_L)^(1 - alpha) capf_G^phi))^(1 / (alpha - phi))
    """
    phi = np.asarray(public_elasticity)
    if not np.any(phi):
        return ((1.0 + target) / ((1.0 + tfp) * (1.0 + labour) ** (1.0 - alpha))) ** (1.0 / alpha)
    public = np.asarray(public_factor) ** phi
    return ((1.0 + target) / ((1.0 + tfp) * (1.0 + labour) ** (1.0 - alpha) * public)) ** (1.0 / (alpha - phi))


#: The sources of growth of :func:`growth_contributions`, in the order they are stacked on charts.
GROWTH_SOURCES = ("capital", "public_capital", "labour", "human_capital", "tfp")


def growth_contributions(
    growth: ArrayLike,
    tfp_growth: ArrayLike,
    capf: ArrayLike,
    capital_share: ArrayLike,
    labour_growth: ArrayLike,
    human_capital_growth: ArrayLike = 0.0,
    public_elasticity: ArrayLike = 0.0,
    capf_g: ArrayLike = 1.0,
) -> dict[str, np.ndarray]:
    """Growth accounting: the part of each year's growth due to each source, in growth points.

    Parameters
    ----------
    growth : array_like
        g, the growth the step produced.
    tfp_growth, labour_growth, human_capital_growth : array_like
        g_A, g_L (workers) and g_h (human capital per worker).
    capf, capf_g : array_like
        capf = K_{t+1}/K_t (private capital) and capf_G (public capital).
    capital_share, public_elasticity : array_like
        alpha and phi.

    Returns
    -------
    dict of str to ndarray
        One array per name of :data:`GROWTH_SOURCES`; they add up to ``growth``.

    Notes
    -----
    The step 1 + g = (1 + g_A) capf^(alpha - phi) capf_G^phi ((1 + g_L)(1 + g_h))^(1 - alpha) is exact in
    logs::

        ln(1 + g) = (alpha - phi) ln capf + phi ln capf_G + (1 - alpha) ln(1 + g_L)
                    + (1 - alpha) ln(1 + g_h) + ln(1 + g_A)

    Each log term is scaled by g / ln(1 + g) (1 where g = 0), so the contributions add up to g itself
    rather than to ln(1 + g), and each keeps its sign. Private capital has the elasticity alpha - phi, as
    in the engine (LTGM-PC). When ``growth`` is not the product of the terms (the TFP of a historical
    year is a residual), the identity fails; it holds by construction for the engine's paths.
    """
    g = np.asarray(growth, dtype=float)
    alpha, phi = np.asarray(capital_share, dtype=float), np.asarray(public_elasticity, dtype=float)
    logs = {
        "capital": (alpha - phi) * np.log(np.asarray(capf, dtype=float)),
        "public_capital": phi * np.log(np.asarray(capf_g, dtype=float)),
        "labour": (1.0 - alpha) * np.log1p(np.asarray(labour_growth, dtype=float)),
        "human_capital": (1.0 - alpha) * np.log1p(np.asarray(human_capital_growth, dtype=float)),
        "tfp": np.log1p(np.asarray(tfp_growth, dtype=float)),
    }
    log_growth = np.log1p(g)
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = np.where(log_growth != 0.0, g / log_growth, 1.0)
    return {
        name: np.asarray(np.broadcast_to(logs[name] * scale, np.broadcast(g, *logs.values()).shape))
        for name in GROWTH_SOURCES
    }
