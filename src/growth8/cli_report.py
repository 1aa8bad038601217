"""``growth8 report`` and ``growth8 compare``: PDF, Excel and Markdown reports from the results.

:func:`register` attaches both commands to the main typer app (``growth8.cli``).
matplotlib, reportlab and openpyxl are imported inside the commands (through
:mod:`growth8.report`), so ``growth8 --help`` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from .cli import DataOpt, ForceOpt, SeedOpt, _check_lang, _config_path, handled

__all__ = ["compare_cmd", "register", "report_cmd"]

ReportOutOpt = Annotated[
    Path | None,
    typer.Option("--out", "-o", help="Output file. Default: reports/<config name>.<format>.", show_default=False),
]
FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format", "-f", help="pdf, xlsx or md. Default: from the --out suffix, else pdf.", show_default=False
    ),
]
ReportLangOpt = Annotated[str, typer.Option("--lang", help="Language of the report: en or id.")]


def _check_format(fmt: str | None, out: Path | None) -> str:
    """The output format: --format, else the --out suffix, else pdf."""
    from .errors import InputError, Problem
    from .report import FORMATS

    if fmt is None:
        suffix = out.suffix.lstrip(".").lower() if out is not None else ""
        return suffix if suffix in FORMATS else "pdf"
    if fmt not in FORMATS:
        raise InputError([Problem(f"--format must be one of {', '.join(FORMATS)}, got '{fmt}'", key="--format")])
    return fmt


def _refuse_existing(path: Path, force: bool) -> None:
    """Fail before any work when the output exists and --force is not given."""
    from .errors import OutputExistsError

    if path.exists() and not force:
        raise OutputExistsError(f"{path} already exists; pass --force to overwrite, or choose another --out file")


def _solve(config: Path | None, data: Path | None) -> tuple[Any, Any, Path]:
    """Config, data and the target result (which holds the projection)."""
    from .cli_estimate import _load
    from .pipeline import solve_target

    cfg, panel, path = _load(config, data)
    return solve_target(cfg, panel=panel), panel, path


def _write(out: Path, payload: bytes, force: bool) -> None:
    from .outputs import write_files

    written = write_files(out.parent if str(out.parent) else Path("."), {out.name: payload}, force=force)
    for p in written:
        typer.echo(f"wrote {p}")


@handled
def report_cmd(
    config: Annotated[
        Path | None,
        typer.Argument(help="Scenario config (YAML). Default: configs/default.yaml.", show_default=False),
    ] = None,
    out: ReportOutOpt = None,
    fmt: FormatOpt = None,
    lang: ReportLangOpt = "en",
    force: ForceOpt = False,
    estimation: Annotated[
        bool, typer.Option("--estimation/--no-estimation", help="Include the estimation appendix (about 1 s).")
    ] = True,
    draws: Annotated[
        int | None,
        typer.Option(
            "--draws",
            help="Monte Carlo draws for fan charts and probabilities (default: the config's; 0: none).",
            show_default=False,
        ),
    ] = None,
    seed: SeedOpt = None,
    data: DataOpt = None,
) -> None:
    """Write a report a governor can read: PDF (default), Excel workbook or Markdown, in English or Indonesian.

    The PDF has a cover, contents, an executive summary generated from the results, charts (GRDP and growth
    paths, required investment, BPD loans against the LDR and CAR limits, scenario comparison), tables
    (projection, requirements, assumptions, data provenance) and a methodology appendix.
    """
    from .report import FORMATS, build_report, render

    lang = _check_lang(lang)
    fmt = _check_format(fmt, out)
    path = _config_path(config)
    if out is None:
        from .config import load_scenario

        out = Path("reports") / f"{load_scenario(path).name}.{FORMATS[fmt]}"
    _refuse_existing(out, force)
    result, panel, path = _solve(config, data)
    est = None
    if estimation:
        from .estimate import estimate

        est = estimate(panel)
    extras = _uncertainty_frames(result, draws, seed)
    doc = build_report(result, lang=lang, estimation=est, panel=panel, command=["growth8", *sys.argv[1:]], **extras)
    _write(out, render(doc, fmt), force)


def _uncertainty_frames(result: Any, draws: int | None, seed: int | None) -> dict[str, Any]:
    """Fan-chart quantiles, probabilities, tornado and sweep frames for the report (what the config asks for)."""
    from .uncertainty import sensitivity, simulate, sweep

    cfg = result.setup.config
    projection = result.projection
    frames: dict[str, Any] = {"tornado": sensitivity(projection).tornado()}
    n = cfg.uncertainty.draws if draws is None else draws
    if n < 0:
        from .errors import InputError, Problem

        raise InputError([Problem(f"--draws must be 0 or more, got {n}", key="--draws")])
    if n > 0 and cfg.uncertainty.parameters:
        mc = simulate(projection, draws=n, seed=seed)
        frames["quantiles"] = mc.quantiles()
        frames["prob_reach"] = mc.probabilities()
    if cfg.sweep.grid:
        frames["sweep"] = sweep(projection).table
    return frames


@handled
def compare_cmd(
    configs: Annotated[list[Path], typer.Argument(help="One or more scenario configs (YAML).")],
    out: ReportOutOpt = None,
    fmt: FormatOpt = None,
    lang: ReportLangOpt = "en",
    force: ForceOpt = False,
    data: DataOpt = None,
) -> None:
    """Put scenarios and provinces side by side: several configs, or one config with several scenarios."""
    from .report import FORMATS, build_comparison, render

    lang = _check_lang(lang)
    fmt = _check_format(fmt, out)
    if out is None:
        stems = "_".join(Path(c).stem for c in configs)
        out = Path("reports") / f"compare_{stems}.{FORMATS[fmt]}"
    _refuse_existing(out, force)
    results = []
    panel = None
    for c in configs:
        result, panel_c, _ = _solve(c, data)
        results.append(result)
        panel = panel or panel_c
    doc = build_comparison(results, lang=lang, panel=panel, command=["growth8", *sys.argv[1:]])
    _write(out, render(doc, fmt), force)


def register(app: typer.Typer) -> None:
    """Attach ``report`` and ``compare`` to the growth8 app."""
    app.command("report")(report_cmd)
    app.command("compare")(compare_cmd)
