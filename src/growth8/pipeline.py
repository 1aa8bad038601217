"""The one orchestration: every analysis the CLI, a notebook, the report and the explorer run is decided here.

A run is: read the config's file chain for its ``data:`` folder, load and validate the data once, validate
the config against the data's province table, apply the options given outside the files (``--seed``,
``--draws``, ``--target-growth``, Python ``with_parameters``), then calibrate, assemble and run::

    inputs = growth8.load("configs/default.yaml", seed=7)      # Inputs: config + panel, loaded once
    result = growth8.solve_target(inputs)                     # TargetResult
    report = growth8.report_inputs(inputs, draws=200)         # everything a report shows

Every function takes a config path, a :class:`~growth8.config.ScenarioConfig` or an :class:`Inputs`; the
seed, draws, data folder and every override reach the run record, a report's cover and its front matter
from the same :class:`Inputs` object. The CLI parses, calls one function here, prints and writes.
"""

from __future__ import annotations

import json
import sys
import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from growth8 import data as _data
from growth8._version import __version__
from growth8.assemble import ModelSetup, assemble
from growth8.calibrate import calibrate
from growth8.config import ScenarioConfig
from growth8.config import load as _config_load
from growth8.config.parameters import load_defaults
from growth8.errors import ByLang, ConfigError, Growth8Warning, InputError, Problem
from growth8.i18n.provenance import Source
from growth8.model.engine import EngineOutput, run
from growth8.outputs import created_at, run_record, sha256_bytes
from growth8.resources import default_config_path

if TYPE_CHECKING:
    from growth8.analysis.backtest import BacktestResult
    from growth8.data import Panel
    from growth8.estimation import EstimationResult
    from growth8.results import ProjectionResult, TargetResult
    from growth8.results.uncertainty import SensitivityResult, SweepResult, UncertaintyResult

Progress = Callable[[int, int], None] | None

#: Why a run used the data folder it used (recorded in run.json and printed by ``growth8 data``).
DATA_SOURCES = ("argument", "config", "environment", "bundled", "checkout", "given")


@dataclass(frozen=True)
class Inputs:
    """A validated config with the data it runs on: loaded and validated once per run.

    Attributes
    ----------
    config : ScenarioConfig
        With every option given outside its files applied (see :meth:`ScenarioConfig.with_options`).
    panel : Panel
        The data.
    data_source : str
        Why this data folder: ``argument`` (``--data`` / ``data_dir=``), ``config`` (its ``data:``),
        ``environment`` (``GROWTH8_DATA``), ``bundled`` (the copy installed with the package), ``checkout``
        (the source tree's data/), or ``given`` (a Panel passed in); :func:`growth8.data.find_data_dir` gives
        the order.
    """

    config: ScenarioConfig
    panel: Panel = field(repr=False)
    data_source: str = "bundled"

    def with_parameters(self, scenario: str | None = None, **values: Any) -> Inputs:
        """These inputs with parameter values set as a scenario file would set them (see ScenarioConfig)."""
        return Inputs(self.config.with_parameters(scenario, **values), self.panel, self.data_source)

    def with_options(self, **options: Any) -> Inputs:
        """These inputs with run options (seed, draws, target_growth) applied to the config."""
        return Inputs(self.config.with_options(**options), self.panel, self.data_source)

    def data_record(self) -> dict[str, Any]:
        """The data part of the run record: folder, why it was used, hash and the vintage of each file."""
        vintages = self.panel.vintages()
        return {
            "dir": str(self.panel.data_dir),
            "source": self.data_source,
            "hash": self.panel.data_hash,
            "as_of": self.panel.as_of_year,
            "vintages": {
                r.series_id: {"last_year": int(r.last_year), "vintage": r.vintage, "status": r.status}
                for r in vintages.itertuples(index=False)
            },
        }

    def record(
        self,
        outputs: Mapping[str, bytes],
        *,
        command: Sequence[str] | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> bytes:
        """run.json for ``outputs``: version, config (path, hash, files, options), data, seed, command."""
        cfg = self.config
        return run_record(
            command=list(command) if command is not None else ["growth8", *sys.argv[1:]],
            config_path=str(cfg.path),
            config_hash=cfg.config_hash,
            config_files={str(f): sha256_bytes(Path(f).read_bytes()) for f in cfg.files},
            data_dir=str(self.panel.data_dir),
            data_hash=self.panel.data_hash,
            seed=cfg.seed,
            outputs=outputs,
            extra={
                "options": dict(cfg.options),
                "data_source": self.data_source,
                "data": self.data_record(),
                **dict(extra or {}),
            },
        )

    def output_dir(self, command: str, out: str | Path | None = None) -> Path:
        """Where ``command`` writes: ``out``, else reports/<config>/ for ``project``, else reports/<config>/<command>/.

        <config> is the config's name made safe (:func:`growth8.outputs.safe_name`): always one folder under
        reports/, even for a config named ``...yaml`` (stem ``..``) or ``.yaml``, which write to reports/config/.
        """
        from growth8.outputs import safe_name

        if out is not None:
            return Path(out)
        base = Path("reports") / safe_name(self.config.name)
        return base if command == "project" else base / safe_name(command, "output")


def default_report_path(config_name: str, fmt: str, prefix: str = "") -> Path:
    """Where ``growth8 report`` (and ``compare``) write by default: reports/<prefix><config>.<format>.

    The name is made safe (:func:`growth8.outputs.safe_name`): always a file directly in reports/, never a
    hidden one, whatever the config's name (``...yaml`` gives reports/config.pdf).
    """
    from growth8.outputs import safe_name

    return Path("reports") / f"{prefix}{safe_name(config_name)}.{fmt}"


def load_data(data_dir: str | Path | None = None) -> tuple[Panel, str]:
    """The data a run without a config would use, and why: ``argument`` (``data_dir``), else the origin
    :func:`growth8.data.data_origin` names (``environment``, ``bundled`` or ``checkout``)."""
    if data_dir is not None:
        return _data.load_panel(data_dir), "argument"
    panel, origin = _data.load_panel(None), _data.data_origin()
    if origin in ("bundled", "environment"):
        _warn_shadowed(panel)
    return panel, origin


def _warn_shadowed(panel: Panel) -> None:
    """Warn when the working folder has a data/ folder that differs from the one used (after ``pip install .``
    the installed copy wins over a checkout's data/, which an analyst may have edited)."""
    import warnings

    from growth8.errors import DataFolderWarning

    used = panel.data_dir
    other = _data.shadowed_checkout(used, used_hash=panel.data_hash)
    if other is not None:
        warnings.warn(DataFolderWarning.of("warning.data.shadowed", other=str(other), used=str(used)), stacklevel=3)


def load(
    config: ScenarioConfig | Inputs | str | Path | None = None,
    *,
    data_dir: str | Path | None = None,
    panel: Panel | None = None,
    seed: int | None = None,
    draws: int | None = None,
    target_growth: float | None = None,
    parameters: Mapping[str, Any] | None = None,
    as_of: int | None = None,
) -> Inputs:
    """Load and validate a config and its data, once, and apply the options given outside the files.

    Parameters
    ----------
    config : path, ScenarioConfig or Inputs, optional
        Default: configs/default.yaml in the working folder, else the bundled one.
    data_dir : str or Path, optional
        Data folder; wins over the config's ``data:``. Default: the config's ``data:``, else the
        bundled data.
    panel : Panel, optional
        Data already loaded (wins over ``data_dir``).
    seed, draws, target_growth : optional
        Run options (``--seed``, ``--draws``, ``--target-growth``).
    parameters : mapping, optional
        Parameter values applied to every scenario, as :meth:`ScenarioConfig.with_parameters`.
    as_of : int, optional
        ``--as-of``: use only the data known at the end of this year (:meth:`growth8.data.Panel.as_of`) and take
        it as the base year; wins over the config's ``as_of:``.

    Returns
    -------
    Inputs

    Raises
    ------
    ConfigError, DataError
        With every problem found.
    """
    if isinstance(config, Inputs):
        if as_of is not None and as_of != config.panel.as_of_year and panel is None and data_dir is None:
            data_dir = config.panel.data_dir  # another cut of the same data: from the files again
        if panel is None and data_dir is None:
            return _with_options(config, seed, draws, target_growth, parameters)
        config = config.config  # other data: validate the config again, keeping its options
    already = isinstance(config, ScenarioConfig) and isinstance(config.province_index, _data.Panel)
    if already and as_of is not None and panel is None and data_dir is None:
        assert isinstance(config, ScenarioConfig) and isinstance(config.province_index, _data.Panel)
        if config.province_index.as_of_year != as_of:
            data_dir, already = config.province_index.data_dir, False
    if already and panel is None and data_dir is None:  # validated against this panel already
        assert isinstance(config, ScenarioConfig) and isinstance(config.province_index, _data.Panel)
        return _with_options(Inputs(config, config.province_index, "given"), seed, draws, target_growth, parameters)
    path = Path(config.path if isinstance(config, ScenarioConfig) else (config or default_config_path()))
    if panel is not None:
        source = "given"
    elif data_dir is not None:
        panel, source = _data.load_panel(data_dir), "argument"
    else:
        own = _config_load.data_folder(path)
        panel, source = _data.load_panel(own), ("config" if own is not None else _data.data_origin())
    if source in ("bundled", "environment"):
        _warn_shadowed(panel)
    cfg = _config_load.load_scenario(path, provinces=panel)
    year = as_of if as_of is not None else cfg.as_of
    if year is not None and panel.as_of_year != year:
        from growth8.config.load import options_problems

        problems = options_problems(as_of=year)
        if problems:
            raise ConfigError(problems)
        panel = panel.as_of(year)
        cfg = _config_load.load_scenario(path, provinces=panel)  # validated against the data as of then
    if isinstance(config, ScenarioConfig):  # keep what was applied to it in Python
        cfg = _reapply(config, cfg)
    if as_of is not None:
        cfg = _config_load.rehash(replace(cfg, as_of=int(as_of), options={**cfg.options, "as_of": int(as_of)}))
    return _with_options(Inputs(cfg, panel, source), seed, draws, target_growth, parameters)


def _with_options(
    inputs: Inputs,
    seed: int | None,
    draws: int | None,
    target_growth: float | None,
    parameters: Mapping[str, Any] | None,
) -> Inputs:
    """``inputs`` with the run options and parameter values given outside the files applied."""
    cfg = inputs.config
    if seed is not None or draws is not None or target_growth is not None:
        cfg = cfg.with_options(seed=seed, draws=draws, target_growth=target_growth)
    if parameters:
        cfg = cfg.with_parameters(**parameters)
    return Inputs(cfg, inputs.panel, inputs.data_source) if cfg is not inputs.config else inputs


def _reapply(previous: ScenarioConfig, fresh: ScenarioConfig) -> ScenarioConfig:
    """``fresh`` (validated against another panel) with the options ``previous`` had."""
    opts = dict(previous.options)
    cfg = fresh.with_options(seed=opts.get("seed"), draws=opts.get("draws"), target_growth=opts.get("target_growth"))
    if opts.get("parameters"):
        cfg = cfg.with_parameters(**opts["parameters"])
    return cfg


def load_scenario(config: str | Path | None = None, *, data_dir: str | Path | None = None) -> ScenarioConfig:
    """Read and validate a scenario config against its data's province table (a notebook's first step).

    Examples
    --------
    >>> cfg = growth8.load_scenario("configs/default.yaml")  # doctest: +SKIP
    >>> cfg.scenarios  # doctest: +SKIP
    ('baseline', 'bpd_push')
    """
    return load(config, data_dir=data_dir).config


# ------------------------------------------------------------------------------------------------ model
@dataclass(frozen=True)
class Prepared:
    """Inputs with their calibration and resolved parameters: everything short of running the model."""

    inputs: Inputs
    setup: ModelSetup = field(repr=False)

    @property
    def config(self) -> ScenarioConfig:
        """The validated config."""
        return self.inputs.config

    @property
    def panel(self) -> Panel:
        """The data."""
        return self.inputs.panel

    def describe(self, lang: str = "en") -> str:
        """One line for ``growth8 validate``: provinces, scenarios, years and the config hash."""
        from growth8.i18n import t

        cfg, setup = self.config, self.setup
        names = ", ".join(self.panel.province_name(c, lang) for c in cfg.provinces[:6])
        if len(cfg.provinces) > 6:
            names += ", " + t("cli.more_provinces", lang, n=len(cfg.provinces))
        return t(
            "cli.validate_ok",
            lang,
            path=cfg.path,
            n=len(cfg.provinces),
            names=names,
            scenarios=", ".join(cfg.scenarios),
            first=int(setup.years[0]),
            last=int(setup.years[-1]),
            hash=cfg.config_hash[:12],
        )


def prepare(config: ScenarioConfig | Inputs | str | Path | None = None, **load_options: Any) -> Prepared:
    """Load, validate, calibrate and resolve every parameter (``growth8 validate`` stops here).

    Raises
    ------
    ConfigError, DataError
    """
    inputs = load(config, **load_options)
    cfg, panel = inputs.config, inputs.panel
    calibration = _calibrated(panel, cfg)
    estimator = None
    if cfg.calibration.estimated:
        from growth8.estimation import estimated_parameters

        def estimator(param: str, **consistent: Any) -> tuple[np.ndarray, list[Source]]:
            out = estimated_parameters(panel, cfg.provinces, calibration.base_year, parameters=[param], **consistent)
            return out[param]

    setup = assemble(
        cfg,
        calibration,
        load_defaults(),
        resolve_province=panel.province,
        province_name=lambda code: ByLang(en=panel.province_name(code, "en"), id=panel.province_name(code, "id")),
        estimator=estimator,
    )
    return Prepared(inputs=inputs, setup=setup)


#: Calibrations already computed, per panel object: the same data, provinces and calibration spec give the
#: same (immutable) Calibration, so a notebook or the explorer that runs many scenarios calibrates once.
_CALIBRATIONS: weakref.WeakKeyDictionary[Panel, dict[str, Any]] = weakref.WeakKeyDictionary()


def _calibrated(panel: Panel, cfg: ScenarioConfig) -> Any:
    """calibrate() for this config, from the per-panel cache when the same inputs were calibrated before."""
    key = json.dumps(
        {"provinces": list(cfg.provinces), "spec": cfg.calibration.model_dump(mode="json"), "base": cfg.base_year},
        sort_keys=True,
    )
    cache = _CALIBRATIONS.setdefault(panel, {})
    if key not in cache:
        cache[key] = calibrate(panel, cfg.provinces, cfg.calibration, cfg.base_year)
    return cache[key]


def run_setup(setup: ModelSetup) -> EngineOutput:
    """Run the engine on a resolved setup (one draw)."""
    return run(setup.engine_inputs())


def project(config: ScenarioConfig | Inputs | str | Path | None = None, **load_options: Any) -> ProjectionResult:
    """Project real GRDP and the BPD's balance sheet for every scenario and province.

    Parameters
    ----------
    config : path, ScenarioConfig or Inputs, optional
    **load_options
        As for :func:`load` (``data_dir``, ``panel``, ``seed``, ``target_growth``, ``parameters``).

    Returns
    -------
    ProjectionResult
        ``table()`` is projection.csv, ``to_frame()`` the long form, ``summary()`` the console answer,
        ``plot()`` the report's charts.

    Raises
    ------
    ConfigError, DataError

    Examples
    --------
    >>> res = growth8.project("configs/default.yaml")  # doctest: +SKIP
    >>> res.table().query("year == 2030")[["scenario", "province", "growth"]]  # doctest: +SKIP
    """
    from growth8.model.inverse import target_paths
    from growth8.results import ProjectionResult

    prepared = prepare(config, **load_options)
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
        panel=prepared.panel,
        data_source=prepared.inputs.data_source,
    )


def solve_target(
    config: ScenarioConfig | Inputs | str | Path | None = None,
    *,
    growth_tolerance: float = 1e-12,
    maxima: bool = True,
    **load_options: Any,
) -> TargetResult:
    """What the target path needs, whether it can happen, and the highest reachable growth.

    Parameters
    ----------
    config : path, ScenarioConfig or Inputs, optional
    growth_tolerance : float
        Absolute tolerance of the two maximum growth rates (default 1e-12; the explorer, which shows
        them to 0.01 pp, asks for 1e-6).
    maxima : bool
        False skips the two maximum-growth searches and the public investment that alone would reach
        the target (their columns are then NaN): the explorer's first, fast answer; it asks for them
        in a second request.
    **load_options
        As for :func:`load`; ``target_growth`` overrides every target level (``--target-growth``).

    Returns
    -------
    TargetResult
        ``table()`` is target.csv, ``max_growth_table()`` max_growth.csv, ``facts()`` the summary facts.

    Raises
    ------
    ConfigError, DataError, ModelError

    Examples
    --------
    >>> res = growth8.solve_target("configs/default.yaml")  # doctest: +SKIP
    >>> print(res.summary("id"))  # doctest: +SKIP
    """
    from growth8.model.financing import allocate, other_sources_at_max, source_maxima
    from growth8.model.inverse import (
        Caps,
        max_growth,
        required_public_investment,
        required_tfp_growth,
        requirements,
        target_paths,
    )
    from growth8.results import TargetResult
    from growth8.results.target import Financing, PublicRequirement

    projection = project(config, **load_options)
    setup = projection.setup
    inputs = setup.engine_inputs()
    output = projection.output
    paths = target_paths(setup.config.province_targets, setup.provinces, setup.years, output.growth[0, :, 0, 1])

    def cap(name: str) -> np.ndarray:
        return setup.values[name][:, :, None, :]

    caps = Caps(
        investment_rate_max=cap("investment_rate_max"),
        bpd_credit_growth_max=cap("bpd_credit_growth_max"),
        capital_injection_max=cap("capital_injection_max"),
    )
    source_caps = {
        name: cap(name)
        for name in ("other_bank_credit_growth_max", "direct_investment_share_max", "public_investment_extra_max")
    }
    req = requirements(inputs, output, paths[None, :, None, :], caps)
    best = max_growth(inputs, output, caps, setup.years, xtol=growth_tolerance, search=maxima)
    others = other_sources_at_max(inputs, source_caps, output.deflator)
    best_all = max_growth(inputs, output, caps, setup.years, xtol=growth_tolerance, others=others, search=maxima)
    assert best.pushed is not None
    at_max = source_maxima(inputs, best.pushed, req.grdp_real, output.deflator, source_caps)
    financed, remainder = allocate(req.investment_gap_real, at_max.real)
    baseline_rate = np.minimum(req.baseline_investment_rate, caps.investment_rate_max)
    invested = baseline_rate + sum(financed.values()) / req.grdp_real
    financing = Financing(
        maxima=at_max,
        financed=financed,
        not_financed=remainder,
        tfp_growth_required=required_tfp_growth(
            inputs,
            req.path_growth,
            invested,
            # the financed public capital spending also builds effective public capital
            public_effective=output.public_investment_effective
            + np.asarray(inputs.public_investment_efficiency) * financed["public_investment"] / req.grdp_real,
        ),
        deflator=np.asarray(output.deflator),
    )
    public = (
        PublicRequirement(
            rate=required_public_investment(inputs, output, req.target_growth),
            rate_full_efficiency=required_public_investment(inputs, output, req.target_growth, efficiency=1.0),
        )
        if maxima
        else None
    )
    return TargetResult(
        projection=projection,
        requirements=req,
        max_growth=best,
        max_growth_all=best_all,
        financing=financing,
        public=public,
    )


# --------------------------------------------------------------------------------------------- analyses
def simulate(
    config: ProjectionResult | ScenarioConfig | Inputs | str | Path | None = None,
    *,
    draws: int | None = None,
    seed: int | None = None,
    chunk: int | None = None,
    jobs: int = 1,
    engine: str = "joblib",
    scheduler: str | None = None,
    progress: Progress = None,
    **load_options: Any,
) -> UncertaintyResult:
    """Monte Carlo around the projection with the config's distributions (``growth8 project --draws``).

    ``draws`` and ``seed`` given here are applied to the config first (so the run record and a report
    state them); ``sd: estimated`` takes the standard errors from :func:`growth8.estimation.estimate`.

    Raises
    ------
    ConfigError
        No ``uncertainty:`` distributions, invalid correlations, draws out of range.
    """
    from growth8.analysis.montecarlo import simulate as run_simulation
    from growth8.results import ProjectionResult

    if isinstance(config, ProjectionResult):
        projection = config
        if draws is not None or seed is not None:
            assert projection.panel is not None, "a ProjectionResult from growth8.project carries its panel"
            projection = project(
                Inputs(projection.setup.config, projection.panel, projection.data_source), draws=draws, seed=seed
            )
    else:
        projection = project(config, draws=draws, seed=seed, **load_options)
    return run_simulation(projection, chunk=chunk, jobs=jobs, engine=engine, scheduler=scheduler, progress=progress)


def sensitivity(
    config: ProjectionResult | ScenarioConfig | Inputs | str | Path | None = None,
    ranges: Mapping[str, tuple[float, float]] | None = None,
    **load_options: Any,
) -> SensitivityResult:
    """One-at-a-time sensitivity (tornado) of growth in the target year and of the required investment rate."""
    from growth8.analysis.sensitivity import sensitivity as run_sensitivity
    from growth8.results import ProjectionResult

    projection = config if isinstance(config, ProjectionResult) else project(config, **load_options)
    return run_sensitivity(projection, ranges)


def sweep(
    config: ProjectionResult | ScenarioConfig | Inputs | str | Path | None = None,
    grid: Mapping[str, Sequence[float]] | None = None,
    *,
    scenario: str | None = None,
    jobs: int = 1,
    engine: str = "joblib",
    scheduler: str | None = None,
    progress: Progress = None,
    **load_options: Any,
) -> SweepResult:
    """Project every point of a grid over scenario levers (the config's ``sweep.grid`` by default)."""
    from growth8.analysis.sweep import sweep as run_sweep
    from growth8.results import ProjectionResult

    projection = config if isinstance(config, ProjectionResult) else project(config, **load_options)
    return run_sweep(
        projection, grid, scenario=scenario, jobs=jobs, engine=engine, scheduler=scheduler, progress=progress
    )


def estimate(
    config: ScenarioConfig | Inputs | str | Path | None = None,
    *,
    lag: int = 1,
    exclude_covid: bool = False,
    **load_options: Any,
) -> EstimationResult:
    """Fit the credit-growth link, the PIM capital stock, TFP and ICORs on the config's data.

    The result's :attr:`~growth8.estimation.EstimationResult.parameters` holds the values
    ``calibration.estimated`` would feed into the config's provinces.

    Raises
    ------
    InputError
        ``lag`` other than 1 or 2.
    """
    from dataclasses import replace

    from growth8.calibrate import default_base_year
    from growth8.estimation import estimate as run_estimate
    from growth8.estimation import estimated_parameters

    if lag not in (1, 2):
        raise InputError([Problem.of("option.lag", key="--lag", value=lag)])
    inputs = load(config, **load_options)
    cfg, panel = inputs.config, inputs.panel
    result = run_estimate(panel, lag=lag, exclude_covid=exclude_covid)
    base = int(cfg.base_year if cfg.base_year is not None else default_base_year(panel, cfg.provinces))
    params = estimated_parameters(panel, cfg.provinces, base)
    chosen = {
        "base_year": base,
        "provinces": list(cfg.provinces),
        **{name: {"values": vals, "sources": src} for name, (vals, src) in params.items()},
        "tfp_growth_se": [result.parameter_se["tfp_growth"].get(int(c)) for c in cfg.provinces],
    }
    return replace(result, parameters=chosen)


def backtest(
    config: ScenarioConfig | Inputs | str | Path | None = None,
    *,
    horizons: Sequence[int] = (1, 2, 3),
    window: int = 3,
    **load_options: Any,
) -> BacktestResult:
    """Rolling-origin backtest of the baseline against naive benchmarks on the config's data."""
    from growth8.analysis.backtest import backtest as run_backtest

    inputs = load(config, **load_options)
    return run_backtest(inputs.panel, horizons=tuple(horizons), window=window)


# ----------------------------------------------------------------------------------------------- report
@dataclass(frozen=True)
class RunInfo:
    """What a report states about its run (on its back page and in its metadata)."""

    version: str
    config_path: str
    config_hash: str
    data_dir: str
    data_source: str
    data_hash: str
    seed: int
    draws: int
    options: Mapping[str, Any]
    command: tuple[str, ...]
    created: str


@dataclass(frozen=True)
class ReportInputs:
    """Everything a report shows, computed by the pipeline; the report only arranges it.

    Attributes
    ----------
    target : TargetResult
        With its projection (and through it the panel: history lines, provenance).
    estimation : EstimationResult or None
    uncertainty : UncertaintyResult or None
        When the config has distributions and draws > 0.
    sensitivity : SensitivityResult
    sweep : SweepResult or None
        When the config has a sweep grid.
    run : RunInfo
    lang : str
    warnings : tuple of Growth8Warning
        The warnings loading and calibrating raised (values outside their usual range, a shadowed data
        folder): the report lists them, in its language.
    """

    target: TargetResult
    estimation: EstimationResult | None
    uncertainty: UncertaintyResult | None
    sensitivity: SensitivityResult | None
    sweep: SweepResult | None
    run: RunInfo
    lang: str = "en"
    warnings: tuple[Growth8Warning, ...] = ()

    @property
    def projection(self) -> ProjectionResult:
        """The scenario projections."""
        return self.target.projection

    @property
    def config(self) -> ScenarioConfig:
        """The config as run (options applied)."""
        return self.target.setup.config


def focus_provinces(inputs: Inputs, names: Sequence[str | int]) -> tuple[int, ...]:
    """The BPS codes of the provinces a report focuses on (``growth8 report --focus``).

    Each name is a code, slug or name as :meth:`growth8.data.Panel.province` reads it; it must be one of the
    config's provinces. Raises :class:`~growth8.errors.InputError` naming the value, the config's provinces
    and the closest names.
    """
    from growth8.errors import suggestion

    config_codes = tuple(inputs.config.provinces)
    known = {inputs.panel.province_name(c, "en"): c for c in config_codes}
    codes: list[int] = []
    for name in names:
        try:
            code = inputs.panel.province(name)
        except LookupError:
            code = None
        if code is None or code not in config_codes:
            raise InputError(
                [
                    Problem.of(
                        "option.focus",
                        key="--focus",
                        value=name,
                        choices=", ".join(known),
                        hint=suggestion(str(name), list(known)),
                    )
                ]
            )
        if code not in codes:
            codes.append(code)
    return tuple(codes)


def report_inputs(
    config: ScenarioConfig | Inputs | str | Path | None = None,
    *,
    lang: str = "en",
    draws: int | None = None,
    seed: int | None = None,
    estimation: bool = True,
    uncertainty: bool = True,
    command: Sequence[str] | None = None,
    **load_options: Any,
) -> ReportInputs:
    """Run every analysis a report shows, as the config asks for them.

    Parameters
    ----------
    config : path, ScenarioConfig or Inputs, optional
    lang : {'id', 'en'}
    draws, seed : int, optional
        Monte Carlo draws (default: the config's ``uncertainty.draws``; 0: none) and seed.
    estimation : bool
        Include the estimation appendix (about a second).
    uncertainty : bool
        Run the sensitivity, sweep and Monte Carlo the config states.
    command : sequence of str, optional
        The command line to record (default: this process's).

    Returns
    -------
    ReportInputs
    """
    from growth8.i18n import check_lang

    check_lang(lang)
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", Growth8Warning)
        inputs = load(config, draws=draws, seed=seed, **load_options)
        target = solve_target(inputs)
    noted: dict[str, Growth8Warning] = {}
    for w in caught:  # shown as before, and kept (once each) for the report's list of calibration warnings
        if isinstance(w.message, Growth8Warning):
            noted.setdefault(str(w.message), w.message)
        warnings.warn_explicit(w.message, w.category, w.filename, w.lineno, source=w.source)
    cfg = inputs.config
    projection = target.projection
    est = None
    if estimation:
        from growth8.estimation import estimate as run_estimate

        est = run_estimate(inputs.panel)
    mc = sens = swept = None
    if uncertainty:
        sens = sensitivity(projection)
        if cfg.uncertainty.draws > 0 and cfg.uncertainty.parameters:
            mc = simulate(projection)
        if cfg.sweep.grid:
            swept = sweep(projection)
    run_info = RunInfo(
        version=__version__,
        config_path=str(cfg.path),
        config_hash=cfg.config_hash,
        data_dir=str(inputs.panel.data_dir),
        data_source=inputs.data_source,
        data_hash=inputs.panel.data_hash,
        seed=cfg.seed,
        draws=cfg.uncertainty.draws if mc is not None else 0,
        options=dict(cfg.options),
        command=tuple(command) if command is not None else ("growth8", *sys.argv[1:]),
        created=created_at(),
    )
    return ReportInputs(
        target=target,
        estimation=est,
        uncertainty=mc,
        sensitivity=sens,
        sweep=swept,
        run=run_info,
        lang=lang,
        warnings=tuple(noted.values()),
    )


# ---------------------------------------------------------------------------------------------- outputs
#: What a command writes: file name -> bytes, and what its run.json adds.
Outputs = tuple[dict[str, bytes], dict[str, Any]]


def project_outputs(result: ProjectionResult, simulated: UncertaintyResult | None = None) -> Outputs:
    """projection.csv and parameters.csv (and, with a Monte Carlo, quantiles.csv and probabilities.csv)."""
    from growth8.outputs import csv_bytes

    files = {"projection.csv": csv_bytes(result.table()), "parameters.csv": csv_bytes(result.assumptions())}
    extra: dict[str, Any] = {}
    if simulated is not None:
        files["quantiles.csv"] = csv_bytes(simulated.quantiles())
        files["probabilities.csv"] = csv_bytes(simulated.probabilities())
        extra["monte_carlo"] = {
            "draws": simulated.draws,
            "seed": simulated.seed,
            "chunk": simulated.chunk,
            "quantiles": simulated.quantile_method,
            "stored_mb": round(simulated.stored_bytes / 2**20, 1),
        }
    return files, extra


def target_outputs(result: TargetResult) -> Outputs:
    """target.csv, max_growth.csv and financing.csv."""
    from growth8.outputs import csv_bytes

    files = {
        "target.csv": csv_bytes(result.table()),
        "max_growth.csv": csv_bytes(result.max_growth_table()),
        "financing.csv": csv_bytes(result.financing_table()),
    }
    return files, {"target_growth_override": result.setup.config.options.get("target_growth")}


def sensitivity_outputs(result: SensitivityResult) -> Outputs:
    """tornado.csv."""
    from growth8.outputs import csv_bytes

    return {"tornado.csv": csv_bytes(result.tornado())}, {}


def sweep_outputs(result: SweepResult, *, jobs: int = 1, engine: str = "joblib") -> Outputs:
    """sweep.csv, with the grid and its timing in run.json."""
    from growth8.outputs import csv_bytes

    extra = {
        "sweep": {
            "grid": result.grid,
            "points": int(result.rows["point"].nunique()),
            "jobs": jobs,
            "engine": engine,
            "seconds": round(result.seconds, 3),
        }
    }
    return {"sweep.csv": csv_bytes(result.table())}, extra


def estimate_outputs(result: EstimationResult, *, lag: int = 1, exclude_covid: bool = False) -> Outputs:
    """estimates.json, estimation_sample.csv, capital_stock.csv and icor.csv."""
    from growth8.outputs import csv_bytes

    files = {
        "estimates.json": result.json_bytes(),
        "estimation_sample.csv": csv_bytes(result.sample),
        "capital_stock.csv": csv_bytes(result.capital),
        "icor.csv": csv_bytes(result.icor),
    }
    return files, {"estimate": {"lag": lag, "exclude_covid": exclude_covid}}


def backtest_outputs(result: BacktestResult) -> Outputs:
    """backtest.csv and its error tables (overall and by province)."""
    from growth8.outputs import csv_bytes

    files = {
        "backtest.csv": csv_bytes(result.to_frame()),
        "backtest_errors.csv": csv_bytes(result.error_summary()),
        "backtest_errors_by_province.csv": csv_bytes(result.errors(by=("model", "horizon", "province_code"))),
        "backtest_errors_by_group.csv": csv_bytes(result.errors_by_group()),
        "backtest_scorecard.csv": csv_bytes(result.scorecard()),
    }
    return files, {"backtest": {"horizons": list(result.horizons), "window": result.window}}
