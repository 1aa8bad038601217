"""``growth8 estimate`` and ``growth8 backtest``: thin commands over growth8.estimate and growth8.backtest.

:func:`register` attaches both commands to the main typer app (``growth8.cli``).
Heavy libraries (pandas, statsmodels) are imported inside the commands.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from .cli import DataOpt, ForceOpt, OutOpt, _config_path, handled

__all__ = ["backtest_cmd", "estimate_cmd", "register"]

ConfigArg = Annotated[
    Path | None,
    typer.Argument(
        help="Scenario config (YAML): output folder name, data and provinces. Default: configs/default.yaml.",
        show_default=False,
    ),
]


def _load(config: Path | None, data: Path | None) -> tuple[Any, Any, Path]:
    """The config, its data (--data, else the config's data:, else the bundled data) and its path."""
    from .pipeline import load_inputs

    path = _config_path(config)
    cfg, panel = load_inputs(path, data_dir=data)
    return cfg, panel, path


def _record(cfg: Any, path: Path, panel: Any, outputs: dict[str, bytes], extra: dict[str, Any]) -> bytes:
    from .outputs import run_record, sha256_bytes

    return run_record(
        command=["growth8", *sys.argv[1:]],
        config_path=str(path),
        config_hash=cfg.config_hash,
        config_files={str(f): sha256_bytes(Path(f).read_bytes()) for f in cfg.files},
        data_dir=str(panel.data_dir),
        data_hash=panel.data_hash,
        seed=cfg.seed,
        outputs=outputs,
        extra=extra,
    )


@handled
def estimate_cmd(
    config: ConfigArg = None,
    out: OutOpt = None,
    force: ForceOpt = False,
    lag: Annotated[int, typer.Option("--lag", help="Years between credit growth and GRDP growth: 1 or 2.")] = 1,
    exclude_covid: Annotated[bool, typer.Option("--exclude-covid", help="Drop 2020-2021 as dependent years.")] = False,
    data: DataOpt = None,
) -> None:
    """Fit the credit-growth link (panel FE), capital stock, TFP and ICORs; write estimates.json and tables."""
    import json

    from .calibrate import default_base_year
    from .errors import InputError, Problem
    from .estimate import estimate, estimated_parameters, json_clean
    from .outputs import csv_bytes, write_files

    if lag not in (1, 2):
        raise InputError([Problem(f"--lag must be 1 or 2, got {lag}", key="--lag")])
    cfg, panel, path = _load(config, data)
    result = estimate(panel, lag=lag, exclude_covid=exclude_covid)
    base = cfg.base_year if cfg.base_year is not None else default_base_year(panel, cfg.provinces)
    params = estimated_parameters(panel, cfg.provinces, int(base))
    payload = result.to_json()
    payload["parameters"] = json_clean(
        {
            "base_year": int(base),
            "provinces": list(cfg.provinces),
            **{name: {"values": vals, "sources": src} for name, (vals, src) in params.items()},
            "tfp_growth_se": [result.parameter_se["tfp_growth"].get(int(c)) for c in cfg.provinces],
        }
    )
    files = {
        "estimates.json": (json.dumps(payload, indent=2) + "\n").encode("utf-8"),
        "estimation_sample.csv": csv_bytes(result.sample),
        "capital_stock.csv": csv_bytes(result.capital),
        "icor.csv": csv_bytes(result.icor),
    }
    files["run.json"] = _record(
        cfg, path, panel, dict(files), {"estimate": {"lag": lag, "exclude_covid": exclude_covid}}
    )
    out_dir = out if out is not None else Path("reports") / cfg.name / "estimate"
    written = write_files(out_dir, files, force=force)
    typer.echo(result.summary())
    typer.echo("")
    for p in written:
        typer.echo(f"wrote {p}")


@handled
def backtest_cmd(
    config: ConfigArg = None,
    out: OutOpt = None,
    force: ForceOpt = False,
    horizon: Annotated[
        list[int] | None,
        typer.Option("--horizon", "-h", help="Horizon in years; repeat for several. Default: 1 and 3."),
    ] = None,
    window: Annotated[int, typer.Option("--window", help="Calibration window length k (years).")] = 3,
    data: DataOpt = None,
) -> None:
    """Rolling-origin backtest of the baseline against naive benchmarks; write backtest.csv and errors."""
    from .backtest import backtest
    from .outputs import csv_bytes, write_files

    cfg, panel, path = _load(config, data)
    result = backtest(panel, horizons=tuple(horizon) if horizon else (1, 3), window=window)
    files = {
        "backtest.csv": csv_bytes(result.to_frame()),
        "backtest_errors.csv": csv_bytes(result.error_summary()),
        "backtest_errors_by_province.csv": csv_bytes(result.errors(by=("model", "horizon", "province_code"))),
    }
    files["run.json"] = _record(
        cfg, path, panel, dict(files), {"backtest": {"horizons": list(result.horizons), "window": window}}
    )
    out_dir = out if out is not None else Path("reports") / cfg.name / "backtest"
    written = write_files(out_dir, files, force=force)
    typer.echo(result.summary())
    typer.echo("")
    for p in written:
        typer.echo(f"wrote {p}")


def register(app: typer.Typer) -> None:
    """Attach ``estimate`` and ``backtest`` to the growth8 app."""
    app.command("estimate")(estimate_cmd)
    app.command("backtest")(backtest_cmd)
