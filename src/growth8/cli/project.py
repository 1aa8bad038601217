"""``growth8 validate``, ``project``, ``target`` and ``params``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from growth8.cli.common import check_lang, finish, handled, progress_bar
from growth8.cli.options import (
    AsOfOpt,
    ConfigArg,
    DataOpt,
    DrawsOpt,
    EngineOpt,
    ForceOpt,
    JobsOpt,
    LangOpt,
    QuietOpt,
    SchedulerOpt,
    SeedOpt,
    TargetGrowthOpt,
)

ProjectOutOpt = Annotated[
    Path | None,
    typer.Option(
        "--out",
        "-o",
        help=(
            "Output folder. Default: reports/<config>/ in the current folder "
            "(<config>: the config file's name without .yaml)."
        ),
        show_default=False,
    ),
]
TargetOutOpt = Annotated[
    Path | None,
    typer.Option(
        "--out",
        "-o",
        help=(
            "Output folder. Default: reports/<config>/target/ in the current folder "
            "(<config>: the config file's name without .yaml)."
        ),
        show_default=False,
    ),
]


@handled
def validate(
    config: Annotated[Path, typer.Argument(help="Scenario config (YAML) to check.")],
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = "en",
) -> None:
    """Check a config: keys, values, bounds, provinces, years; calibrates but does not project."""
    from growth8.pipeline import prepare

    check_lang(lang)
    prepared = prepare(config, data_dir=data, as_of=as_of)
    typer.echo(prepared.describe(lang))


@handled
def project(
    config: ConfigArg = None,
    out: ProjectOutOpt = None,
    force: ForceOpt = False,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = "en",
    draws: DrawsOpt = None,
    seed: SeedOpt = None,
    jobs: JobsOpt = 1,
    engine: EngineOpt = "joblib",
    scheduler: SchedulerOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Project real GRDP under each scenario; write projection.csv, parameters.csv and run.json.

    With --draws N also quantiles.csv (p05-p95 of growth and GRDP) and probabilities.csv
    (probability of reaching the target). Writes to reports/<config>/ by default.
    """
    from growth8 import pipeline

    check_lang(lang)
    inputs = pipeline.load(config, data_dir=data, as_of=as_of, seed=seed, draws=draws)
    result = pipeline.project(inputs)
    simulated = None
    if draws:
        with progress_bar("Monte Carlo", quiet) as update:
            simulated = pipeline.simulate(result, jobs=jobs, engine=engine, scheduler=scheduler, progress=update)
    shown = [result] if simulated is None else [result, simulated]
    finish(inputs, "project", pipeline.project_outputs(result, simulated), shown, out=out, force=force, lang=lang)


@handled
def target(
    config: ConfigArg = None,
    target_growth: TargetGrowthOpt = None,
    out: TargetOutOpt = None,
    force: ForceOpt = False,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = "en",
) -> None:
    """What the target needs: investment, BPD lending, deposits, capital, TFP; feasibility; highest growth.

    Writes target.csv, max_growth.csv, financing.csv and run.json to reports/<config>/target/ by default.
    """
    from growth8 import pipeline

    check_lang(lang)
    inputs = pipeline.load(config, data_dir=data, as_of=as_of, target_growth=target_growth)
    result = pipeline.solve_target(inputs)
    finish(inputs, "target", pipeline.target_outputs(result), [result], out=out, force=force, lang=lang)


@handled
def params(
    name: Annotated[str | None, typer.Argument(help="One parameter to describe in full.", show_default=False)] = None,
    lang: LangOpt = "en",
) -> None:
    """List the model parameters with their defaults, units, bounds and sources."""
    from growth8.config.parameters import describe_parameter, list_parameters

    check_lang(lang)
    typer.echo(describe_parameter(name, lang) if name is not None else list_parameters(lang))


def register(app: typer.Typer) -> None:
    """Attach ``validate``, ``project``, ``target`` and ``params`` to the growth8 app."""
    for command in (validate, project, target, params):
        app.command()(command)


__all__: list[Any] = ["register"]
