"""Golden outputs: projection.csv, target.csv, max_growth.csv and financing.csv of every shipped config, as committed.

The numbers are compared after parsing (floats to 1e-9 relative), text columns exactly. When a change
moves them on purpose, regenerate with the command in the failure message and say why in the commit.
"""

from __future__ import annotations

import io
import warnings

import numpy as np
import pandas as pd
import pytest

import growth8
from growth8.outputs import csv_bytes
from growth8.pipeline import target_outputs
from helpers import CONFIGS, GOLDEN, SHIPPED

HINT = "numbers moved; if intended, run `python tools/regenerate_golden.py` and commit tests/golden/ saying why"

# The highest constant growth is a root of the smallest cap slack. Its last digits follow the last bits of that
# function, which move with the NumPy/SciPy build: a fresh install a week after a green CI run, same code, moved
# the root by 1e-11 in growth and the slack at the root between 4e-12 and 9e-8. So the root is compared to 1e-9 in
# growth (1e-7 percentage points) and the slack at the root (in the binding cap's unit, a ratio), a convergence
# diagnostic, only for being feasible (>= 0) and below 1e-5 (the frozen phi0 outputs have 2.9e-6).
SOLVER_COLUMNS = {"max_constant_growth", "max_constant_growth_all_sources", "max_growth_mean_by_year"}
GROWTH_ATOL = 1e-9
RESIDUAL_MAX = 1e-5


def assert_residual_at_root(values: np.ndarray, where: str) -> None:
    """The slack at the reported root: feasible (>= 0) and small; NaN where there is no root."""
    done = ~np.isnan(values)
    assert (values[done] >= 0.0).all(), f"{where}: a reported maximum breaks a cap: {values[done].min()}"
    assert (values[done] < RESIDUAL_MAX).all(), f"{where}: slack at the root {values[done].max()} >= {RESIDUAL_MAX}"


@pytest.fixture(scope="module", params=SHIPPED)
def shipped(request: pytest.FixtureRequest, panel) -> tuple[str, dict[str, bytes]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", growth8.Growth8Warning)
        result = growth8.solve_target(CONFIGS / request.param, panel=panel)
    files = {"projection.csv": csv_bytes(result.projection.table()), **target_outputs(result)[0]}
    return request.param.removesuffix(".yaml"), files


@pytest.mark.parametrize("name", ["projection.csv", "target.csv", "max_growth.csv", "financing.csv"])
def test_golden(shipped: tuple[str, dict[str, bytes]], name: str) -> None:
    config, files = shipped
    path = GOLDEN / config / name
    assert path.is_file(), f"no golden {path}: {HINT}"
    golden = pd.read_csv(path)
    current = pd.read_csv(io.BytesIO(files[name]))
    assert list(current.columns) == list(golden.columns), f"{config}/{name} columns: {HINT}"
    assert len(current) == len(golden), f"{config}/{name} rows: {HINT}"
    for col in golden.columns:
        if col == "residual":
            assert_residual_at_root(current[col].to_numpy(dtype=float), f"{config}/{name}")
            assert np.array_equal(np.isnan(current[col]), np.isnan(golden[col])), f"{config}/{name} {col}: {HINT}"
        elif col in SOLVER_COLUMNS:
            np.testing.assert_allclose(
                current[col].to_numpy(), golden[col].to_numpy(), rtol=0.0, atol=GROWTH_ATOL, equal_nan=True,
                err_msg=f"{config}/{name} {col}: {HINT}",
            )  # fmt: skip
        elif pd.api.types.is_float_dtype(golden[col]):
            np.testing.assert_allclose(
                current[col].to_numpy(), golden[col].to_numpy(), rtol=1e-9, atol=1e-12, equal_nan=True,
                err_msg=f"{config}/{name} {col}: {HINT}",
            )  # fmt: skip
        else:
            assert current[col].tolist() == golden[col].tolist(), f"{config}/{name} {col}: {HINT}"


def test_every_shipped_config_has_golden_outputs() -> None:
    assert sorted(p.name for p in GOLDEN.iterdir()) == sorted(c.removesuffix(".yaml") for c in SHIPPED)


@pytest.mark.parametrize("name", ["projection.csv", "target.csv", "max_growth.csv", "financing.csv"])
def test_without_productive_public_capital_the_outputs_are_the_previous_ones(name: str, panel, tmp_path) -> None:
    """Public capital elasticity 0 reduces the model to the one before public capital (issue 11), bit for bit,
    and so do the data as of 2024 with the earlier baseline, labour and no human capital (issue 12).

    tests/golden_phi0/ holds the golden outputs of the commit before public capital entered (data to 2024);
    their columns must come out byte-identical (new columns are ignored), except the root finder's answer and its
    slack, compared as in :func:`test_golden` (see SOLVER_COLUMNS)."""
    for config in SHIPPED:
        frozen = GOLDEN.parent / "golden_phi0" / config.removesuffix(".yaml") / name
        # set at the config level, so that the calibration (TFP) sees it too
        path = tmp_path / config
        path.write_text(
            f"format: 1\nextends: {CONFIGS / config}\nas_of: 2024\n"
            "calibration: {baseline: window_mean, labour_growth: population, human_capital: none}\n"
            "parameters:\n  public_capital_elasticity: 0.0\n"
            # Bank Banten's June-2025 equity is not known as of 2024 (the cut-off is 2025-03-31); the earlier
            # outputs used it, so it is set here as they had it
            + (
                "  bpd_equity_initial: {banten: 1240}\n"
                if 36 in growth8.load_scenario(CONFIGS / config).provinces
                else ""
            )
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", growth8.Growth8Warning)
            result = growth8.solve_target(path, panel=panel)
        files = {"projection.csv": csv_bytes(result.projection.table()), **target_outputs(result)[0]}
        old = pd.read_csv(io.BytesIO(frozen.read_bytes()), keep_default_na=False, dtype=str)
        new = pd.read_csv(io.BytesIO(files[name]), keep_default_na=False, dtype=str)
        assert list(new.columns[: len(old.columns)]) == list(old.columns), f"{config} {name}: contract columns moved"
        solver = [c for c in old.columns if c in SOLVER_COLUMNS]
        for col in solver:
            np.testing.assert_allclose(
                new[col].astype(float), old[col].astype(float), rtol=0.0, atol=GROWTH_ATOL, err_msg=f"{config} {col}"
            )
        if "residual" in old.columns:
            assert_residual_at_root(new["residual"].replace("", "nan").astype(float).to_numpy(), f"{config} {name}")
        exact = [c for c in old.columns if c not in SOLVER_COLUMNS and c != "residual"]
        pd.testing.assert_frame_equal(new[exact], old[exact], obj=f"{config} {name}")
