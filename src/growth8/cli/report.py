"""``growth8 report`` and ``growth8 compare``: PDF, Excel and Markdown reports from the results.

matplotlib, reportlab and openpyxl are imported inside the commands (through :mod:`growth8.report`),
so ``growth8 --help`` stays fast.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from growth8.cli.common import check_lang, handled, report_written
from growth8.cli.options import MAX_JOBS, AsOfOpt, DataOpt, DrawsOpt, ForceOpt, LangOpt, SeedOpt

if TYPE_CHECKING:
    from growth8.analysis.executor import ForkPool
    from growth8.report.model import Document

ReportOutOpt = Annotated[
    Path | None,
    typer.Option(
        "--out",
        "-o",
        help=(
            "Output file; its extension (.pdf, .xlsx or .md) decides the format. A folder that exists: the default "
            "file name in it. Default: reports/<config>.<format> in the current folder "
            "(<config>: the config file's name without .yaml)."
        ),
        show_default=False,
    ),
]
CompareOutOpt = Annotated[
    Path | None,
    typer.Option(
        "--out",
        "-o",
        help=(
            "Output file; its extension (.pdf, .xlsx or .md) decides the format. A folder that exists: the default "
            "file name in it. Default: reports/compare_<configs>.<format> in the "
            "current folder (<configs>: the configs' file names without .yaml, joined by _)."
        ),
        show_default=False,
    ),
]
FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format", "-f", help="pdf, xlsx or md. Default: from the --out extension, else pdf.", show_default=False
    ),
]
ChartJobsOpt = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        help=(
            f"Worker processes that draw the charts, 1 to {MAX_JOBS} (1: in this process). "
            "Default: the CPUs this process may use, at most 4."
        ),
        min=1,
        max=MAX_JOBS,
        show_default=False,
    ),
]


def _check_format(fmt: str | None, out: Path | None) -> str:
    """The output format: --format, else the --out extension, else pdf; the two must agree.

    An --out file name without an extension, or with one that is not a report format (``x.docx``), is an
    InputError naming the extensions; so is an extension that contradicts --format. A folder that exists is
    not a file name: the report gets the default name inside it (see :func:`_target`).
    """
    from growth8.errors import InputError, Problem
    from growth8.report import FORMATS

    fmt = fmt.lower() if fmt is not None else None
    if fmt is not None and fmt not in FORMATS:
        raise InputError([Problem.of("option.format", key="--format", choices=", ".join(FORMATS), value=fmt)])
    if out is None or out.is_dir():
        return fmt or "pdf"
    by_suffix = {f".{ext}": name for name, ext in FORMATS.items()}
    choices = ", ".join(by_suffix)
    suffix = out.suffix.lower()
    if not suffix:
        raise InputError([Problem.of("option.out_no_suffix", key="--out", path=out, choices=choices)])
    if suffix not in by_suffix:
        raise InputError([Problem.of("option.out_suffix", key="--out", path=out, choices=choices, suffix=out.suffix)])
    if fmt is not None and by_suffix[suffix] != fmt:
        raise InputError([Problem.of("option.out_format_mismatch", key="--out", path=out, suffix=out.suffix, fmt=fmt)])
    return by_suffix[suffix]


def _target(out: Path | None, default: Path) -> Path:
    """The file to write: ``out``; the default name inside ``out`` when it is a folder; ``default`` without it."""
    if out is None:
        return default
    return out / default.name if out.is_dir() else out


def _refuse_existing(path: Path, force: bool) -> None:
    """Fail before any work when the output exists (a dangling link too) and --force is not given."""
    from growth8.errors import OutputExistsError
    from growth8.outputs import check_target

    if os.path.lexists(path) and not force and not path.is_dir():
        raise OutputExistsError.of("option.output_file_exists", path=path)
    check_target(path, force)


def _write(out: Path, doc: Document, fmt: str, force: bool, lang: str, workers: ForkPool | None = None) -> None:
    """Write the report (and, for Markdown, its charts as SVG files beside it) all or nothing."""
    from growth8.outputs import write_files
    from growth8.report.render import render_files

    folder = out.parent if str(out.parent) else Path(".")
    written = write_files(folder, render_files(doc, fmt, out.name, workers), force=force)
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
    as_of: AsOfOpt = None,
    focus: Annotated[
        list[str] | None,
        typer.Option(
            "--focus",
            help=(
                "A province of the config the report is about (code, slug or name; repeat for several): it gets "
                "the key messages, the summary, the charts and the tables; every province stays in the summary "
                "table and the workbook. Default: every province up to six, else the largest four."
            ),
            show_default=False,
        ),
    ] = None,
    jobs: ChartJobsOpt = None,
) -> None:
    """Write a report a governor can read: PDF (default), Excel workbook or Markdown, in Indonesian or English.

    The PDF has a cover, contents, an executive summary generated from the results, charts (GRDP and growth
    paths, required investment, BPD loans against the funding and CAR limits, scenario comparison), tables
    (projection, requirements, assumptions, data provenance) and a methodology appendix.
    Writes reports/<config>.<format> by default.
    """
    from growth8 import pipeline
    from growth8.report import FORMATS, build
    from growth8.report.render import chart_workers

    check_lang(lang)
    fmt = _check_format(fmt, out)
    with chart_workers(fmt, jobs) as workers:  # they set up matplotlib while the analyses run
        inputs = pipeline.load(config, data_dir=data, as_of=as_of, seed=seed, draws=draws)
        out = _target(out, pipeline.default_report_path(inputs.config.name, FORMATS[fmt]))
        _refuse_existing(out, force)
        codes = pipeline.focus_provinces(inputs, focus or [])
        doc = build(pipeline.report_inputs(inputs, lang=lang, estimation=estimation), focus=codes)
        _write(out, doc, fmt, force, lang, workers)


@handled
def compare(
    configs: Annotated[list[Path], typer.Argument(help="One or more scenario configs (YAML).")],
    out: CompareOutOpt = None,
    fmt: FormatOpt = None,
    lang: LangOpt = "en",
    force: ForceOpt = False,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Put scenarios and provinces side by side: several configs, or one config with several scenarios.

    Writes reports/compare_<configs>.<format> by default.
    """
    from growth8 import pipeline
    from growth8.report import FORMATS, build_compare

    check_lang(lang)
    fmt = _check_format(fmt, out)
    default = pipeline.default_report_path("_".join(Path(c).stem for c in configs), FORMATS[fmt], prefix="compare_")
    out = _target(out, default)
    _refuse_existing(out, force)
    inputs = [
        pipeline.report_inputs(c, lang=lang, data_dir=data, as_of=as_of, estimation=False, uncertainty=False)
        for c in configs
    ]
    _write(out, build_compare(inputs, lang), fmt, force, lang)


def register(app: typer.Typer) -> None:
    """Attach ``report`` and ``compare`` to the growth8 app."""
    app.command("report")(report)
    app.command("compare")(compare)
