"""``growth8 report`` and ``growth8 compare``: PDF, Excel and Markdown reports from the results.

matplotlib, reportlab and openpyxl are imported inside the commands (through :mod:`growth8.report`),
so ``growth8 --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from growth8.cli.common import check_lang, handled, report_written
from growth8.cli.options import DataOpt, DrawsOpt, ForceOpt, LangOpt, SeedOpt

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


def _check_format(fmt: str | None, out: Path | None) -> str:
    """The output format: --format, else the --out suffix, else pdf."""
    from growth8.errors import InputError, Problem
    from growth8.report import FORMATS

    if fmt is None:
        suffix = out.suffix.lstrip(".").lower() if out is not None else ""
        return suffix if suffix in FORMATS else "pdf"
    if fmt not in FORMATS:
        raise InputError([Problem.of("option.format", key="--format", choices=", ".join(FORMATS), value=fmt)])
    return fmt


def _refuse_existing(path: Path, force: bool) -> None:
    """Fail before any work when the output exists and --force is not given."""
    from growth8.errors import OutputExistsError

    if path.exists() and not force:
        raise OutputExistsError.of("option.output_file_exists", path=path)


def _write(out: Path, payload: bytes, force: bool, lang: str) -> None:
    from growth8.outputs import write_files

    written = write_files(out.parent if str(out.parent) else Path("."), {out.name: payload}, force=force)
    report_written(written, lang)


@handled
def report(
    config: Annotated[
        Path | None,
        typer.Argument(help="Scenario config (YAML). Default: configs/default.yaml.", show_default=False),
    ] = None,
    out: ReportOutOpt = None,
    fmt: FormatOpt = None,
    lang: LangOpt = "en",
    force: ForceOpt = False,
    estimation: Annotated[
        bool, typer.Option("--estimation/--no-estimation", help="Include the estimation appendix (about 1 s).")
    ] = True,
    draws: DrawsOpt = None,
    seed: SeedOpt = None,
    data: DataOpt = None,
) -> None:
    """Write a report a governor can read: PDF (default), Excel workbook or Markdown, in Indonesian or English.

    The PDF has a cover, contents, an executive summary generated from the results, charts (GRDP and growth
    paths, required investment, BPD loans against the funding and CAR limits, scenario comparison), tables
    (projection, requirements, assumptions, data provenance) and a methodology appendix.
    """
    from growth8 import pipeline
    from growth8.report import FORMATS, build, render_document

    check_lang(lang)
    fmt = _check_format(fmt, out)
    inputs = pipeline.load(config, data_dir=data, seed=seed, draws=draws)
    out = out or pipeline.default_report_path(inputs.config.name, FORMATS[fmt])
    _refuse_existing(out, force)
    doc = build(pipeline.report_inputs(inputs, lang=lang, estimation=estimation))
    _write(out, render_document(doc, fmt), force, lang)


@handled
def compare(
    configs: Annotated[list[Path], typer.Argument(help="One or more scenario configs (YAML).")],
    out: ReportOutOpt = None,
    fmt: FormatOpt = None,
    lang: LangOpt = "en",
    force: ForceOpt = False,
    data: DataOpt = None,
) -> None:
    """Put scenarios and provinces side by side: several configs, or one config with several scenarios."""
    from growth8 import pipeline
    from growth8.report import FORMATS, build_compare, render_document

    check_lang(lang)
    fmt = _check_format(fmt, out)
    if out is None:
        out = pipeline.default_report_path("_".join(Path(c).stem for c in configs), FORMATS[fmt], prefix="compare_")
    _refuse_existing(out, force)
    inputs = [pipeline.report_inputs(c, lang=lang, data_dir=data, estimation=False, uncertainty=False) for c in configs]
    _write(out, render_document(build_compare(inputs, lang), fmt), force, lang)


def register(app: typer.Typer) -> None:
    """Attach ``report`` and ``compare`` to the growth8 app."""
    app.command("report")(report)
    app.command("compare")(compare)
