"""The pipeline: config + data -> calibration -> resolved parameters -> engine -> ProjectionResult."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .assemble import ModelSetup, assemble
from .calibrate import calibrate
from .config import ScenarioConfig, load_scenario, target_growth_problem
from .engine import EngineOutput, run
from .parameters import load_defaults

if TYPE_CHECKING:
    from .data import Panel
    from .results import ProjectionResult, TargetResult


@dataclass(frozen=True)
class Prepared:
    """A validated config with its data, calibration and resolved parameters."""

    config: ScenarioConfig
    panel: Panel = field(repr=False)
    setup: ModelSetup = field(repr=False)


def load_inputs(
    config: ScenarioConfig | str | Path, *, data_dir: str | Path | None = None, panel: Panel | None = None
) -> tuple[ScenarioConfig, Panel]:
    """The validated config and the data it runs on.

    The data folder is ``panel`` if given, else ``data_dir``, else the
    config's ``data:`` entry, else the bundled data.
    """
    from .data import load_panel

    if not isinstance(config, ScenarioConfig):
        if panel is None and data_dir is None:
            config = load_scenario(config)  # provinces resolve against the config's own data: folder
        else:
            panel = panel if panel is not None else load_panel(data_dir)
            config = load_scenario(config, resolve_province=panel.province)
    if panel is None:
        panel = load_panel(data_dir if data_dir is not None else config.data_dir)
    return config, panel


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

    config, panel = load_inputs(config, data_dir=data_dir, panel=panel)
    defaults = load_defaults()
    calibration = calibrate(panel, config.provinces, config.calibration, config.base_year)
    estimator = None
    if config.calibration.estimated:
        from .estimate import estimated_parameters

        def estimator(param: str, **consistent: object) -> tuple[np.ndarray, list[str]]:
            out = estimated_parameters(panel, config.provinces, calibration.base_year, parameters=[param], **consistent)
            return out[param]

    setup = assemble(
        config,
        calibration,
        defaults,
        resolve_province=panel.province,
        province_name=lambda code: panel.province_name(code, "en"),
        estimator=estimator,  # type: ignore[arg-type]
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
    from .target import target_paths

    prepared = prepare(config, data_dir=data_dir, panel=panel)
    setup = prepared.setup
    output = run_setup(setup)
    cfg = setup.config
    target = target_paths(cfg.province_targets, setup.provinces, setup.years, output.growth[0, :, 0, 1])
    target[:, 0] = setup.calibration.column("growth_observed")
    return ProjectionResult(
        setup=setup,
        output=output,
        target_growth=target,
        province_names=tuple(prepared.panel.province_name(c, "id") for c in setup.provinces),
        data_dir=str(prepared.panel.data_dir),
    )


def with_target_growth(config: ScenarioConfig, growth: float) -> ScenarioConfig:
    """The config with every target level (the config's and each province's) set to ``growth``.

    Raises
    ------
    ConfigError
        When ``growth`` is outside [-0.2, 0.5] (a percentage instead of a fraction, say).
    """
    from dataclasses import replace

    from .errors import ConfigError, Problem

    problem = target_growth_problem(growth)
    if problem:
        raise ConfigError([Problem(f"--target-{problem}", key="--target-growth")])
    target = config.target.model_copy(update={"growth": growth, "provinces": {}})
    provinces = {c: t.model_copy(update={"growth": growth}) for c, t in config.province_targets.items()}
    return replace(config, target=target, province_targets=provinces)


def solve_target(
    config: ScenarioConfig | str | Path,
    *,
    target_growth: float | None = None,
    data_dir: str | Path | None = None,
    panel: Panel | None = None,
) -> TargetResult:
    """What the target path needs, whether it can happen, and the highest reachable growth.

    Parameters
    ----------
    config : ScenarioConfig or str or Path
    target_growth : float, optional
        Overrides every target level in the config (``--target-growth``).
    data_dir, panel : as for :func:`project`.

    Returns
    -------
    TargetResult
        Immutable; ``table()`` is target.csv, ``max_growth_table()`` is
        max_growth.csv, ``summary(lang)`` the one-screen answer.

    Raises
    ------
    ConfigError, DataError, ModelError

    Examples
    --------
    >>> import growth8
    >>> res = growth8.solve_target("configs/default.yaml")  # doctest: +SKIP
    >>> print(res.summary("id"))  # doctest: +SKIP
    """
    from .results import TargetResult
    from .target import Caps, max_growth, requirements, target_paths

    config, panel = load_inputs(config, data_dir=data_dir, panel=panel)
    if target_growth is not None:
        config = with_target_growth(config, target_growth)
    projection = project(config, panel=panel)
    setup = projection.setup
    inputs = setup.engine_inputs()
    output = projection.output
    paths = target_paths(config.province_targets, setup.provinces, setup.years, output.growth[0, :, 0, 1])
    caps = Caps(
        investment_rate_max=setup.values["investment_rate_max"][:, :, None, :],
        bpd_credit_growth_max=setup.values["bpd_credit_growth_max"][:, :, None, :],
        capital_injection_max=setup.values["capital_injection_max"][:, :, None, :],
    )
    req = requirements(inputs, output, paths[None, :, None, :], caps)
    best = max_growth(inputs, output, caps, setup.years)
    return TargetResult(projection=projection, requirements=req, max_growth=best)
