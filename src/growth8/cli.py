"""The ``growth8`` command line: parse, call the library, print, write files.

Bad input of any kind ends with one clear message on stderr and exit code 2,
never a traceback. Heavy libraries are imported inside the commands so that
``growth8 --help`` stays fast.
"""

from __future__ import annotations

import functools
import os
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from . import __version__

F = TypeVar("F", bound=Callable[..., Any])

app = typer.Typer(
    name="growth8",
    help=(
        "What will it take for a province to grow 8%? Project provincial real GRDP under "
        "BPD lending scenarios (YAML configs) and see which limits bind."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
data_app = typer.Typer(help="List the bundled data series and show a province's history.", invoke_without_command=True)
app.add_typer(data_app, name="data")

ConfigArg = Annotated[
    Path | None,
    typer.Argument(help="Scenario config (YAML). Default: configs/default.yaml.", show_default=False),
]
OutOpt = Annotated[
    Path | None,
    typer.Option("--out", "-o", help="Output folder. Default: reports/<config name>/.", show_default=False),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite existing output files.")]
DataOpt = Annotated[
    Path | None,
    typer.Option(
        "--data", help="Data folder (default: the config's data:, else the bundled data).", show_default=False
    ),
]
LangOpt = Annotated[str, typer.Option("--lang", help="Language of console output: en or id.")]
SeedOpt = Annotated[int | None, typer.Option("--seed", help="Random seed (default: the config's).", show_default=False)]
JobsOpt = Annotated[int, typer.Option("--jobs", "-j", help="Local worker processes (joblib).", min=1)]
EngineOpt = Annotated[str, typer.Option("--engine", help="joblib (this machine) or dask (a dask.distributed cluster).")]
SchedulerOpt = Annotated[
    str | None,
    typer.Option("--scheduler", help="dask.distributed scheduler address, with --engine dask.", show_default=False),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]


def _err(text: str) -> None:
    sys.stderr.write(text.rstrip("\n") + "\n")


def handled(func: F) -> F:
    """Turn growth8's errors into one message and exit code 2; show warnings plainly."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .errors import Growth8Error, Growth8Warning

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", Growth8Warning)
            try:
                result = func(*args, **kwargs)
            except Growth8Error as exc:
                _flush_warnings(caught)
                _err(f"growth8: error: {exc}")
                raise typer.Exit(exc.exit_code) from None
            except KeyboardInterrupt:
                _err("growth8: interrupted; no output was written")
                raise typer.Exit(130) from None
            except (typer.Exit, SystemExit):
                raise
            except Exception as exc:  # a bug in growth8, not bad input
                if os.environ.get("GROWTH8_DEBUG"):
                    raise
                _err(
                    f"growth8: internal error: {type(exc).__name__}: {exc}\n"
                    "This is a bug in growth8, not in your input; no output was written. "
                    "Run again with GROWTH8_DEBUG=1 to see the traceback, and report it."
                )
                raise typer.Exit(1) from None
        _flush_warnings(caught)
        return result

    return wrapper  # type: ignore[return-value]


def _flush_warnings(caught: list[warnings.WarningMessage]) -> None:
    from .errors import Growth8Warning

    seen: set[str] = set()
    for w in caught:
        text = str(w.message)
        if text in seen:
            continue
        seen.add(text)
        if issubclass(w.category, Growth8Warning):
            _err(f"growth8: warning: {text}")
        else:
            warnings.showwarning(w.message, w.category, w.filename, w.lineno)


def _config_path(config: Path | None) -> Path:
    from .resources import default_config_path

    return config if config is not None else default_config_path()


def _check_lang(lang: str) -> str:
    from .errors import InputError, Problem
    from .i18n import LANGS

    if lang not in LANGS:
        raise InputError([Problem(f"--lang must be one of {', '.join(LANGS)}, got '{lang}'", key="--lang")])
    return lang


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"growth8 {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version_callback, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """growth8 command line."""


@app.command()
@handled
def validate(
    config: Annotated[Path, typer.Argument(help="Scenario config (YAML) to check.")],
    data: DataOpt = None,
) -> None:
    """Check a config: keys, values, bounds, provinces, years; calibrates but does not project."""
    from .pipeline import prepare

    prepared = prepare(config, data_dir=data)
    cfg, setup = prepared.config, prepared.setup
    names = ", ".join(prepared.panel.province_name(c, "en") for c in cfg.provinces[:6])
    if len(cfg.provinces) > 6:
        names += f", ... ({len(cfg.provinces)} provinces)"
    typer.echo(
        f"{config}: OK - {len(cfg.provinces)} province(s) [{names}], scenarios {', '.join(cfg.scenarios)}, "
        f"{int(setup.years[0])}-{int(setup.years[-1])}, config {cfg.config_hash[:12]}"
    )


@app.command()
@handled
def project(
    config: ConfigArg = None,
    out: OutOpt = None,
    force: ForceOpt = False,
    data: DataOpt = None,
    lang: LangOpt = "en",
    draws: Annotated[
        int,
        typer.Option("--draws", help="Monte Carlo draws (0: none); distributions from the config's uncertainty block."),
    ] = 0,
    seed: SeedOpt = None,
    jobs: JobsOpt = 1,
    engine: EngineOpt = "joblib",
    scheduler: SchedulerOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Project real GRDP under each scenario; write projection.csv, parameters.csv and run.json.

    With --draws N also quantiles.csv (p05-p95 of growth and GRDP) and probabilities.csv
    (probability of reaching the target).
    """
    from .outputs import csv_bytes
    from .pipeline import project as run_project

    lang = _check_lang(lang)
    path = _config_path(config)
    result = run_project(path, data_dir=data)
    files = {"projection.csv": csv_bytes(result.table()), "parameters.csv": csv_bytes(result.assumptions())}
    extra: dict[str, Any] | None = None
    simulated = None
    if draws < 0:
        from .errors import InputError, Problem

        raise InputError([Problem(f"--draws must be 0 or more, got {draws}", key="--draws")])
    if draws > 0:
        from .cli_uncertainty import simulate_for_cli

        simulated = simulate_for_cli(
            result, draws=draws, seed=seed, jobs=jobs, engine=engine, scheduler=scheduler, quiet=quiet
        )
        files["quantiles.csv"] = csv_bytes(simulated.quantiles())
        files["probabilities.csv"] = csv_bytes(simulated.probabilities())
        extra = {
            "monte_carlo": {
                "draws": simulated.draws,
                "seed": simulated.seed,
                "chunk": simulated.chunk,
                "quantiles": simulated.quantile_method,
                "stored_mb": round(simulated.stored_bytes / 2**20, 1),
            }
        }
    written = write_run(out, path, result, files, force=force, extra=extra, seed=simulated.seed if simulated else None)
    _print_summary(result.summary(lang))
    if simulated is not None:
        typer.echo("")
        typer.echo(simulated.summary(lang))
    _report_written(written)


@app.command()
@handled
def target(
    config: ConfigArg = None,
    target_growth: Annotated[
        float | None,
        typer.Option(
            "--target-growth", help="Target growth as a fraction (0.08), overriding the config.", show_default=False
        ),
    ] = None,
    out: OutOpt = None,
    force: ForceOpt = False,
    data: DataOpt = None,
    lang: LangOpt = "en",
) -> None:
    """What the target needs: investment, BPD lending, deposits, capital, TFP; feasibility; highest growth.

    Writes target.csv, max_growth.csv and run.json to reports/<config name>/target/ by default.
    """
    from .outputs import csv_bytes
    from .pipeline import solve_target

    lang = _check_lang(lang)
    path = _config_path(config)
    result = solve_target(path, target_growth=target_growth, data_dir=data)
    files = {
        "target.csv": csv_bytes(result.table()),
        "max_growth.csv": csv_bytes(result.max_growth_table()),
    }
    extra = {"target_growth_override": target_growth}
    written = write_run(out, path, result.projection, files, force=force, extra=extra, subdir="target")
    _print_summary(result.summary(lang))
    _report_written(written)


def write_run(
    out: Path | None,
    config_path: Path,
    result: Any,
    files: dict[str, bytes],
    *,
    force: bool,
    extra: dict[str, Any] | None = None,
    subdir: str | None = None,
    seed: int | None = None,
) -> list[Path]:
    """Write ``files`` and their run.json into ``out`` atomically.

    The default folder is reports/<config name>/, and reports/<config name>/<subdir>/
    for commands other than ``project``, so that each command's run.json stands
    beside its own outputs.
    """
    from .outputs import run_record, write_files

    cfg = result.setup.config
    default = Path("reports") / cfg.name
    out_dir = out if out is not None else (default / subdir if subdir else default)
    record = run_record(
        command=["growth8", *sys.argv[1:]],
        config_path=str(config_path),
        config_hash=cfg.config_hash,
        config_files={str(f): _file_sha(f) for f in cfg.files},
        data_dir=result.data_dir,
        data_hash=result.metadata["data_hash"],
        seed=cfg.seed if seed is None else seed,
        outputs=files,
        extra=extra,
    )
    return write_files(out_dir, {**files, "run.json": record}, force=force)


def _report_written(written: list[Path]) -> None:
    typer.echo("")
    for p in written:
        typer.echo(f"wrote {p}")


def _file_sha(path: Path) -> str:
    from .outputs import sha256_bytes

    return sha256_bytes(Path(path).read_bytes())


def _print_summary(summary: Any) -> None:
    if os.environ.get("GROWTH8_PLAIN") or not sys.stdout.isatty():
        typer.echo(summary.as_text())
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    console.print(f"[bold]{summary.title}[/bold]")
    for line in summary.lines:
        console.print(line, highlight=False)
    for caption, frame in summary.tables:
        table = Table(title=caption, title_justify="left", show_edge=False)
        for col in frame.columns:
            table.add_column(str(col), justify="right")
        for row in frame.itertuples(index=False):
            table.add_row(*[str(v) for v in row])
        console.print(table)


@data_app.callback()
def data_main(ctx: typer.Context, data: DataOpt = None) -> None:
    """List the bundled data series (default) or show one province."""
    ctx.obj = {"data": data}
    if ctx.invoked_subcommand is None:
        data_list(data)


@handled
def data_list(data: Path | None) -> None:
    """Print the catalogue of bundled series with their coverage and sources."""
    from .data import load_panel

    panel = load_panel(data)
    catalog = panel.catalog()
    with_pd_options(lambda: typer.echo(catalog.to_string(index=False)))
    typer.echo(f"\ndata folder: {panel.data_dir}  (sources: data/SOURCES.md; hash {panel.data_hash[:12]})")


@data_app.command("list")
def data_list_cmd(ctx: typer.Context) -> None:
    """List the bundled series with their coverage and sources."""
    data_list((ctx.obj or {}).get("data"))


@data_app.command("show")
def data_show(
    ctx: typer.Context,
    province: Annotated[str, typer.Argument(help="Province name, slug or BPS code (e.g. banten, 36).")],
) -> None:
    """Show one province's history: real GRDP, growth, investment, credit, population."""
    _data_show((ctx.obj or {}).get("data"), province)


@handled
def _data_show(data: Path | None, province: str) -> None:
    from .data import UnknownProvinceError, load_panel
    from .errors import InputError, Problem

    panel = load_panel(data)
    try:
        code = panel.province(province)
    except UnknownProvinceError as exc:
        raise InputError([Problem(str(exc), key="PROVINCE")]) from None
    history = panel.history(code)
    typer.echo(f"{panel.province_name(code, 'id')} ({panel.province_name(code, 'en')}), BPS code {code}")
    with_pd_options(lambda: typer.echo(history.to_string()))
    typer.echo("\nunits: Rp bn; growth and shares are fractions; sources in data/SOURCES.md")


def with_pd_options(func: Callable[[], None]) -> None:
    """Run ``func`` with wide pandas display options."""
    import pandas as pd

    with pd.option_context("display.width", 200, "display.max_columns", 50, "display.max_rows", 500):
        func()


@app.command()
@handled
def params(
    name: Annotated[str | None, typer.Argument(help="One parameter to describe in full.", show_default=False)] = None,
) -> None:
    """List the model parameters with their defaults, units, bounds and sources."""
    from .errors import InputError, Problem, did_you_mean
    from .parameters import load_defaults

    defaults = load_defaults()
    if name is not None:
        if name not in defaults:
            raise InputError([Problem(f"unknown parameter '{name}'{did_you_mean(name, defaults)}", key="NAME")])
        p = defaults[name]
        for label, value in (
            ("name", p.name),
            ("title", p.title),
            ("judul", p.title_id),
            ("description", p.description),
            ("unit", p.unit),
            ("default", p.value),
            ("status", p.status),
            ("bounds", list(p.bounds)),
            ("usual range", list(p.soft_bounds)),
            ("varies by", ", ".join(p.varies)),
            ("source", p.source),
        ):
            typer.echo(f"{label:>12}: {value}")
        return
    for p in defaults.values():
        typer.echo(f"{p.name:<30} {p.value!s:<28} {p.unit:<9} {p.status:<11} {p.title}")


from .cli_estimate import register as _register_estimate  # noqa: E402

_register_estimate(app)

from .cli_report import register as _register_report  # noqa: E402

_register_report(app)

from .cli_uncertainty import register as _register_uncertainty  # noqa: E402

_register_uncertainty(app)


def run() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":  # pragma: no cover
    run()
