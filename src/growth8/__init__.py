"""growth8: what will it take for an Indonesian province to grow 8% a year?

Projects provincial real GRDP (PDRB, constant 2010 prices) from BPD lending
scenarios written in YAML, with a Solow growth core, the regional development
bank's lending channel and its balance-sheet limits.

Main entry points::

    import growth8
    cfg = growth8.load_scenario("configs/default.yaml")
    res = growth8.project(cfg)
    res.table()      # projection.csv
    print(res.summary())
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["__version__", "load_defaults", "load_panel", "load_scenario", "project", "solve_target"]

if TYPE_CHECKING:  # pragma: no cover
    from .config import load_scenario
    from .data import load_panel
    from .parameters import load_defaults
    from .pipeline import project, solve_target


def __getattr__(name: str) -> Any:
    # Lazy imports keep `growth8 --help` fast (no pandas/pydantic at start-up).
    if name == "load_scenario":
        from .config import load_scenario

        return load_scenario
    if name == "project":
        from .pipeline import project

        return project
    if name == "solve_target":
        from .pipeline import solve_target

        return solve_target
    if name == "load_panel":
        from .data import load_panel

        return load_panel
    if name == "load_defaults":
        from .parameters import load_defaults

        return load_defaults
    if name == "estimate":
        from .estimate import estimate

        return estimate
    if name == "backtest":
        from .backtest import backtest

        return backtest
    raise AttributeError(f"module 'growth8' has no attribute {name!r}")
