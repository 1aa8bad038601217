"""``growth8 sensitivity`` and ``growth8 sweep``. Progress bars show on a terminal only."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from growth8.cli.common import check_lang, finish, handled, progress_bar
from growth8.cli.options import (
    AsOfOpt,
    ConfigArg,
    DataOpt,
    EngineOpt,
    ForceOpt,
    JobsOpt,
    LangOpt,
    QuietOpt,
    SchedulerOpt,
)

SensitivityOutOpt = Annotated[
    Path | None,
    typer.Option(
        "--out",
        "-o",
        help=(
            "Output folder. Default: reports/<config>/sensitivity/ in the current folder "
            "(<config>: the config file's name without .yaml)."
        ),
        show_default=False,
    ),
]
SweepOutOpt = Annotated[
    Path | None,
    typer.Option(
        "--out",
        "-o",
        help=(
            "Output folder. Default: reports/<config>/sweep/ in the current folder "
            "(<config>: the config file's name without .yaml)."
        ),
        show_default=False,
    ),
]


@handled
def sensitivity(
    config: ConfigArg = None,
    out: SensitivityOutOpt = None,
    force: ForceOpt = False,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = "en",
) -> None:
    """Rank which assumptions move growth in the target year and the required investment most (tornado).

    Ranges come from the config's sensitivity block (else each parameter's usual range).
    Writes tornado.csv and run.json to reports/<config>/sensitivity/.
    """
    from growth8 import pipeline

    check_lang(lang)
    inputs = pipeline.load(config, data_dir=data, as_of=as_of)
    result = pipeline.sensitivity(inputs)
    finish(inputs, "sensitivity", pipeline.sensitivity_outputs(result), [result], out=out, force=force, lang=lang)


@handled
def sweep(
    config: ConfigArg = None,
    grid: Annotated[
        list[str] | None,
        typer.Option(
            "--grid", help="NAME=v1,v2,... or NAME=start:stop:step; repeat for more levers.", show_default=False
        ),
    ] = None,
    scenario: Annotated[str | None, typer.Option("--scenario", help="Scenario to sweep.", show_default=False)] = None,
    jobs: JobsOpt = 1,
    engine: EngineOpt = "joblib",
    scheduler: SchedulerOpt = None,
    out: SweepOutOpt = None,
    force: ForceOpt = False,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = "en",
    quiet: QuietOpt = False,
) -> None:
    """Run a grid over scenario levers and show where the target becomes reachable.

    Writes sweep.csv and run.json to reports/<config>/sweep/.
    """
    from growth8 import pipeline
    from growth8.analysis.sweep import parse_grid

    check_lang(lang)
    chosen = parse_grid(grid) if grid else None
    inputs = pipeline.load(config, data_dir=data, as_of=as_of)
    with progress_bar("Sweep", quiet) as update:
        result = pipeline.sweep(
            inputs, chosen, scenario=scenario, jobs=jobs, engine=engine, scheduler=scheduler, progress=update
        )
    outputs = pipeline.sweep_outputs(result, jobs=jobs, engine=engine)
    finish(inputs, "sweep", outputs, [result], out=out, force=force, lang=lang)


def register(app: typer.Typer) -> None:
    """Attach ``sensitivity`` and ``sweep`` to the growth8 app."""
    app.command()(sensitivity)
    app.command()(sweep)
