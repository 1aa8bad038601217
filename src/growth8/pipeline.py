"""The pipeline: config + data -> calibration -> resolved parameters -> engine -> ProjectionResult."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .assemble import ModelSetup, assemble
from .calibrate import calibrate
from .config import ScenarioConfig, load_scenario
from .engine import EngineOutput, run
from .parameters import load_defaults

if TYPE_CHECKING:
    from .data import Panel
    from .results import ProjectionResult


@dataclass(frozen=True)
class Prepared:
    """A validated config with its data, calibration and resolved parameters."""

    config: ScenarioConfig
    panel: Panel = field(repr=False)
    setup: ModelSetup = field(repr=False)


def target_growth_path(years: np.ndarray, start_growth: np.ndarray, target: float, by: int) -> np.ndarray:
    """The target growth path: linear from ``start_growth`` in the base year to ``target`` by ``by``, then held.

    Parameters
    ----------
    years : ndarray of int, shape (T + 1,)
    start_growth : ndarray, shape (P,)
        Growth in the base year (observed).
    target : float
    by : int

    Returns
    -------
    ndarray, shape (P, T + 1)
    """
    base = years[0]
    weight = np.clip((years - base) / max(by - base, 1), 0.0, 1.0)
    start = np.asarray(start_growth, dtype=float)[:, None]
    return start + (target - start) * weight[None, :]


def prepare(
    config: ScenarioConfig | str | Path, *, data_dir: str | Path | None = None, panel: Panel | None = None
) -> Prepared:
    """Load, validate and calibrate: everything short of running the model.

    Parameters
    ----------
    config : ScenarioConfig or path
    data_dir : str or Path, optional
        Data folder; the config's ``data:`` or the bundled data by default.
    panel : Panel, optional
        Already-loaded data (overrides ``data_dir``).

    Raises
    ------
    ConfigError, DataError
    """
    from .data import load_panel

    if panel is None:
        if data_dir is None and isinstance(config, ScenarioConfig):
            data_dir = config.data_dir
        panel = load_panel(data_dir)
    if not isinstance(config, ScenarioConfig):
        config = load_scenario(config, resolve_province=panel.province)
    defaults = load_defaults()
    calibration = calibrate(panel, config.provinces, config.calibration, config.base_year)
    setup = assemble(
        config,
        calibration,
        defaults,
        resolve_province=panel.province,
        province_name=lambda code: panel.province_name(code, "en"),
    )
    return Prepared(config=config, panel=panel, setup=setup)


def run_setup(setup: ModelSetup) -> EngineOutput:
    """Run the engine on a resolved setup (one draw)."""
    return run(setup.engine_inputs())


def project(
    config: ScenarioConfig | str | Path,
    *,
    data_dir: str | Path | None = None,
    panel: Panel | None = None,
) -> ProjectionResult:
    """Project real GRDP and the BPD's balance sheet for every scenario and province.

    Parameters
    ----------
    config : ScenarioConfig or str or Path
        A validated config or the path of a YAML file.
    data_dir : str or Path, optional
        Data folder (default: the config's ``data:`` entry, else the bundled data).
    panel : Panel, optional
        Already-loaded data.

    Returns
    -------
    ProjectionResult
        Immutable; ``table()`` is projection.csv, ``to_frame()`` the long form,
        ``summary()`` the console answer.

    Raises
    ------
    ConfigError, DataError

    Examples
    --------
    >>> import growth8
    >>> res = growth8.project("configs/default.yaml")  # doctest: +SKIP
    >>> res.table().query("year == 2030")[["scenario", "province", "growth"]]  # doctest: +SKIP
    """
    from .results import ProjectionResult

    prepared = prepare(config, data_dir=data_dir, panel=panel)
    setup = prepared.setup
    output = run_setup(setup)
    cal = setup.calibration
    target = target_growth_path(
        setup.years, cal.column("growth_observed"), setup.config.target.growth, setup.config.target.by
    )
    return ProjectionResult(
        setup=setup,
        output=output,
        target_growth=target,
        province_names=tuple(prepared.panel.province_name(c, "id") for c in setup.provinces),
        data_dir=str(prepared.panel.data_dir),
    )
