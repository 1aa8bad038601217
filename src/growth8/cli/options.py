"""Every command-line option, defined once (typer ``Annotated`` types)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

F = TypeVar("F", bound=Callable[..., Any])

ConfigArg = Annotated[
    Path | None,
    typer.Argument(help="Scenario config (YAML). Default: configs/default.yaml.", show_default=False),
]
OutOpt = Annotated[
    Path | None,
    typer.Option(
        "--out",
        "-o",
        help="Output folder. Default: reports/<config name>/ (project) or reports/<config name>/<command>/.",
        show_default=False,
    ),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite existing output files.")]
DataOpt = Annotated[
    Path | None,
    typer.Option(
        "--data", help="Data folder (default: the config's data:, else the bundled data).", show_default=False
    ),
]
AsOfOpt = Annotated[
    int | None,
    typer.Option(
        "--as-of",
        help=(
            "Use only the data known at the end of this year (years up to it, releases published by "
            "the next 31 March) and take it as the base year (default: the config's as_of:, else all the data)."
        ),
        show_default=False,
    ),
]
LangOpt = Annotated[str, typer.Option("--lang", help="Language of console output and messages: id or en.")]
SeedOpt = Annotated[int | None, typer.Option("--seed", help="Random seed (default: the config's).", show_default=False)]
DrawsOpt = Annotated[
    int | None,
    typer.Option(
        "--draws",
        help=(
            "Monte Carlo draws (0: none; at most 1,000,000, and draws x scenarios x provinces at most 16,000,000; "
            "default: none for project, the config's for report)."
        ),
        show_default=False,
    ),
]
TargetGrowthOpt = Annotated[
    float | None,
    typer.Option(
        "--target-growth", help="Target growth as a fraction (0.08), overriding the config.", show_default=False
    ),
]
#: Most local worker processes (``--jobs``): each holds a chunk of draws in memory (growth8.config.limits).
MAX_JOBS = 64
JobsOpt = Annotated[
    int, typer.Option("--jobs", "-j", help=f"Local worker processes (joblib), 1 to {MAX_JOBS}.", min=1, max=MAX_JOBS)
]
EngineOpt = Annotated[str, typer.Option("--engine", help="joblib (this machine) or dask (a dask.distributed cluster).")]
SchedulerOpt = Annotated[
    str | None,
    typer.Option("--scheduler", help="dask.distributed scheduler address, with --engine dask.", show_default=False),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]
