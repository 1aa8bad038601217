"""growth8: what will it take for an Indonesian province to grow 8% a year?

Projects provincial real GRDP (PDRB, constant 2010 prices) from BPD lending scenarios written in YAML,
with a Solow growth core, the regional development bank's lending channel and its balance-sheet limits.
Every function below is the one the command line calls (:mod:`growth8.pipeline`)::

    import growth8
    inputs = growth8.load("configs/default.yaml")            # config + data, validated once
    res = growth8.solve_target(inputs)                        # what 8% needs
    print(res.summary("id"))                                  # Ringkasan, in Indonesian
    res.table()                                               # target.csv
    res.projection.plot()                                     # the report's charts
    growth8.project(inputs.with_parameters(bpd_credit_growth=0.2)).summary()
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from growth8._version import __version__

#: The public API: name -> module that defines it (imported on first use, so ``growth8 --help`` stays fast).
_API = {
    "load": "growth8.pipeline",
    "load_scenario": "growth8.pipeline",
    "prepare": "growth8.pipeline",
    "project": "growth8.pipeline",
    "solve_target": "growth8.pipeline",
    "simulate": "growth8.pipeline",
    "sensitivity": "growth8.pipeline",
    "sweep": "growth8.pipeline",
    "estimate": "growth8.pipeline",
    "backtest": "growth8.pipeline",
    "report_inputs": "growth8.pipeline",
    "Inputs": "growth8.pipeline",
    "ReportInputs": "growth8.pipeline",
    "load_panel": "growth8.data",
    "load_defaults": "growth8.config.parameters",
    "ScenarioConfig": "growth8.config",
    "Summary": "growth8.summary",
    "ProjectionResult": "growth8.results",
    "TargetResult": "growth8.results",
    "UncertaintyResult": "growth8.results",
    "SensitivityResult": "growth8.results",
    "SweepResult": "growth8.results",
    "EstimationResult": "growth8.estimation",
    "BacktestResult": "growth8.analysis.backtest",
    "Growth8Error": "growth8.errors",
    "ConfigError": "growth8.errors",
    "DataError": "growth8.errors",
    "ModelError": "growth8.errors",
    "Growth8Warning": "growth8.errors",
}

__all__ = [
    "BacktestResult",
    "ConfigError",
    "DataError",
    "EstimationResult",
    "Growth8Error",
    "Growth8Warning",
    "Inputs",
    "ModelError",
    "ProjectionResult",
    "ReportInputs",
    "ScenarioConfig",
    "SensitivityResult",
    "Summary",
    "SweepResult",
    "TargetResult",
    "UncertaintyResult",
    "__version__",
    "backtest",
    "estimate",
    "load",
    "load_defaults",
    "load_panel",
    "load_scenario",
    "prepare",
    "project",
    "report_inputs",
    "sensitivity",
    "simulate",
    "solve_target",
    "sweep",
]

if TYPE_CHECKING:  # pragma: no cover
    from growth8.analysis.backtest import BacktestResult
    from growth8.config import ScenarioConfig
    from growth8.config.parameters import load_defaults
    from growth8.data import load_panel
    from growth8.errors import ConfigError, DataError, Growth8Error, Growth8Warning, ModelError
    from growth8.estimation import EstimationResult
    from growth8.pipeline import (
        Inputs,
        ReportInputs,
        backtest,
        estimate,
        load,
        load_scenario,
        prepare,
        project,
        report_inputs,
        sensitivity,
        simulate,
        solve_target,
        sweep,
    )
    from growth8.results import (
        ProjectionResult,
        SensitivityResult,
        SweepResult,
        TargetResult,
        UncertaintyResult,
    )
    from growth8.summary import Summary


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'growth8' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(__all__)
