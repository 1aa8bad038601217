"""The Solow closed forms, written once: the growth step, its inverse, the steady state and the TFP residual.

The equations are DESIGN.md section 2.1. With capital share alpha, depreciation delta, TFP growth g_A,
labour growth g_L and the capital-output ratio ky::

    capf      = (1 - delta) + s / ky                         # K_{t+1} / K_t
    1 + g     = (1 + g_A) * capf**alpha * (1 + g_L)**(1 - alpha)
    ky_{t+1}  = ky * capf / (1 + g)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike, NDArray

if TYPE_CHECKING:
    pass
Array = NDArray[np.float64]


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
) -> np.ndarray:
    """TFP growth that makes the Solow step reproduce ``growth``.

    Notes
    -----
    Solves 1 + g = (1 + g_A) capf^alpha (1 + g_L)^(1 - alpha) for g_A, with
    capf = 1 - delta + s / ky::

        g_A = (1 + g) / (capf^alpha (1 + g_L)^(1 - alpha)) - 1
    """
    capf = 1.0 - np.asarray(depreciation) + np.asarray(investment_rate) / np.asarray(capital_output_ratio)
    alpha = np.asarray(capital_share)
    return (1.0 + np.asarray(growth)) / (capf**alpha * (1.0 + np.asarray(labour_growth)) ** (1.0 - alpha)) - 1.0


def required_capf(target: Array, tfp: Array, labour: Array, alpha: Array) -> Array:
    """Capital factor K_{t+1}/K_t that gives growth ``target``: the closed-form inverse.

    Notes
    -----
    From 1 + g = (1 + g_A) capf^alpha (1 + g_L)^(1 - alpha)::

        capf = ((1 + g) / ((1 + g_A) (1 + g_L)^(1 - alpha)))^(1 / alpha)
    """
    return ((1.0 + target) / ((1.0 + tfp) * (1.0 + labour) ** (1.0 - alpha))) ** (1.0 / alpha)
