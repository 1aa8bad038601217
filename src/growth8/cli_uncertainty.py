"""CLI commands for uncertainty: ``growth8 sensitivity`` and ``growth8 sweep``.

``growth8 project --draws N`` (in cli.py) runs the Monte Carlo through
:func:`simulate_for_cli` here. Progress bars show on a terminal only.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer

from .cli import (
    ConfigArg,
    DataOpt,
    EngineOpt,
    ForceOpt,
    JobsOpt,
    LangOpt,
    OutOpt,
    QuietOpt,
    SchedulerOpt,
    _check_lang,
    _config_path,
    _report_written,
    handled,
    write_run,
)


@contextmanager
def progress_bar(label: str, quiet: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar on a terminal; nothing when quiet or not a terminal."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), transient=True, console=None
    ) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def simulate_for_cli(
    result: Any,
    *,
    draws: int,
    seed: int | None,
    jobs: int,
    engine: str,
    scheduler: str | None,
    quiet: bool,
) -> Any:
    """Run the Monte Carlo for ``growth8 project --draws``."""
    from .uncertainty import estimated_tfp_se, simulate

    cfg = result.setup.config
    se = None
    if any(spec.sd == "estimated" for spec in cfg.uncertainty.parameters.values()):
        from .data import load_panel

        panel = load_panel(result.data_dir)
        se = estimated_tfp_se(panel, cfg.provinces, int(result.years[0]))
    with progress_bar("Monte Carlo", quiet) as update:
        return simulate(
            result,
            draws=draws,
            seed=seed,
            jobs=jobs,
            engine=engine,
            scheduler=scheduler,
            estimated_se=se,
            progress=update,
        )


def register(app: typer.Typer) -> None:
    """Attach ``sensitivity`` and ``sweep`` to the growth8 app."""

    @app.command()
    @handled
    def sensitivity(
        config: ConfigArg = None,
        out: OutOpt = None,
        force: ForceOpt = False,
        data: DataOpt = None,
        lang: LangOpt = "en",
    ) -> None:
        """Rank which assumptions move growth in the target year and the required investment most (tornado).

        Ranges come from the config's sensitivity block (else each parameter's usual range).
        Writes tornado.csv and run.json to reports/<config name>/sensitivity/.
        """
        from .outputs import csv_bytes
        from .pipeline import project
        from .uncertainty import sensitivity as run_sensitivity

        lang = _check_lang(lang)
        path = _config_path(config)
        result = project(path, data_dir=data)
        sens = run_sensitivity(result)
        written = write_run(
            out, path, result, {"tornado.csv": csv_bytes(sens.tornado())}, force=force, subdir="sensitivity"
        )
        typer.echo(sens.summary(lang))
        _report_written(written)

    @app.command()
    @handled
    def sweep(
        config: ConfigArg = None,
        grid: Annotated[
            list[str] | None,
            typer.Option(
                "--grid", help="NAME=v1,v2,... or NAME=start:stop:step; repeat for more levers.", show_default=False
            ),
        ] = None,
        scenario: Annotated[
            str | None, typer.Option("--scenario", help="Scenario to sweep.", show_default=False)
        ] = None,
        jobs: JobsOpt = 1,
        engine: EngineOpt = "joblib",
        scheduler: SchedulerOpt = None,
        out: OutOpt = None,
        force: ForceOpt = False,
        data: DataOpt = None,
        lang: LangOpt = "en",
        quiet: QuietOpt = False,
    ) -> None:
        """Run a grid over scenario levers and show where the target becomes reachable.

        Writes sweep.csv and run.json to reports/<config name>/sweep/.
        """
        from .outputs import csv_bytes
        from .pipeline import project
        from .uncertainty import parse_grid
        from .uncertainty import sweep as run_sweep

        lang = _check_lang(lang)
        path = _config_path(config)
        chosen = parse_grid(grid) if grid else None
        result = project(path, data_dir=data)
        with progress_bar("Sweep", quiet) as update:
            swept = run_sweep(
                result, chosen, scenario=scenario, jobs=jobs, engine=engine, scheduler=scheduler, progress=update
            )
        extra = {
            "sweep": {
                "grid": chosen or result.setup.config.sweep.grid,
                "points": int(swept.table["point"].nunique()),
                "jobs": jobs,
                "engine": engine,
                "seconds": round(swept.seconds, 3),
            }
        }
        written = write_run(
            out, path, result, {"sweep.csv": csv_bytes(swept.table)}, force=force, extra=extra, subdir="sweep"
        )
        typer.echo(swept.summary(lang))
        _report_written(written)

    del sensitivity, sweep
