"""``growth8 data``: the data series a run would use, one province's history, and the analyst's own data
(``data template`` writes a template to fill in; ``data import FILE`` adds a filled template or a BPS table to a
user data folder as a new vintage)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from growth8.cli.common import check_lang, handled, report_written, with_pd_options
from growth8.cli.options import DataOpt, ForceOpt, LangOpt

#: ``--data`` and ``--lang`` of ``data list`` and ``data show``: given after the subcommand they win over the
#: ones given to ``data`` (``growth8 data --lang id show banten`` and ``growth8 data show banten --lang id``).
SubDataOpt = Annotated[
    Path | None,
    typer.Option(
        "--data", help="Data folder (default: the one given to 'data', else the bundled data).", show_default=False
    ),
]
SubLangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language of console output and messages: id or en (default: the one given to 'data', else en).",
        show_default=False,
    ),
]


def data_main(ctx: typer.Context, data: DataOpt = None, lang: LangOpt = "en") -> None:
    """List the data series (default) or show one province."""
    ctx.obj = {"data": data, "lang": lang}
    if ctx.invoked_subcommand is None:
        data_list(data=data, lang=lang)


def _given(ctx: typer.Context, data: Path | None, lang: str | None) -> tuple[Path | None, str]:
    """The subcommand's --data and --lang, else the group's."""
    obj = ctx.obj or {}
    return (data if data is not None else obj.get("data"), lang if lang is not None else obj.get("lang", "en"))


@handled
def data_list(data: Path | None, lang: str = "en") -> None:
    """Print the catalogue of series with their coverage and sources, and which data folder and why."""
    from growth8.i18n import t
    from growth8.pipeline import load_data

    check_lang(lang)
    panel, source = load_data(data)
    catalog = panel.catalog()
    with_pd_options(lambda: typer.echo(catalog.to_string(index=False)))
    typer.echo(
        "\n"
        + t(
            "cli.data_folder",
            lang,
            path=panel.data_dir,
            why=t(f"data_source.{source}", lang),
            hash=panel.data_hash[:12],
        )
    )
    typer.echo(t("cli.data_rule", lang))


def data_list_cmd(ctx: typer.Context, data: SubDataOpt = None, lang: SubLangOpt = None) -> None:
    """List the series with their coverage and sources."""
    folder, chosen = _given(ctx, data, lang)
    data_list(data=folder, lang=chosen)


def data_show(
    ctx: typer.Context,
    province: Annotated[str, typer.Argument(help="Province name, slug or BPS code (e.g. banten, 36).")],
    data: SubDataOpt = None,
    lang: SubLangOpt = None,
) -> None:
    """Show one province's history: real GRDP, growth, investment, credit, population."""
    folder, chosen = _given(ctx, data, lang)
    _data_show(data=folder, province=province, lang=chosen)


@handled
def _data_show(data: Path | None, province: str, lang: str = "en") -> None:
    from growth8.data import UnknownProvinceError
    from growth8.errors import InputError, Problem
    from growth8.i18n import t
    from growth8.pipeline import load_data

    check_lang(lang)
    panel, _ = load_data(data)
    try:
        code = panel.province(province)
    except UnknownProvinceError as exc:
        raise InputError([Problem(str(exc), key="PROVINCE")]) from None
    history = panel.history(code)
    typer.echo(
        t(
            "cli.province_header",
            lang,
            name_id=panel.province_name(code, "id"),
            name_en=panel.province_name(code, "en"),
            code=code,
        )
    )
    with_pd_options(lambda: typer.echo(history.to_string()))
    typer.echo("\n" + t("cli.history_units", lang))


# ------------------------------------------------------------------------------------------ the analyst's own data
TEMPLATE_NAME = "growth8_template"


def _template_lang(ctx: typer.Context, lang: str | None) -> str:
    """The template's language: the subcommand's --lang, else the group's when given, else Indonesian."""
    if lang is not None:
        return lang
    parent = ctx.parent
    source = parent.get_parameter_source("lang") if parent is not None else None
    given = source is not None and source.name not in ("DEFAULT", "DEFAULT_MAP")
    obj = ctx.obj or {}
    return str(obj.get("lang", "id")) if given else "id"


def data_template(
    ctx: typer.Context,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", help="csv or xlsx (default: the --out file's extension, else csv).", show_default=False
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help=f"Template file to write. Default: {TEMPLATE_NAME}.<format> in the current folder.",
            show_default=False,
        ),
    ] = None,
    force: ForceOpt = False,
    series: Annotated[
        str | None,
        typer.Option(
            "--series", help="Prefill rows of this series (values left empty), with --year.", show_default=False
        ),
    ] = None,
    year: Annotated[
        list[int] | None,
        typer.Option("--year", help="Prefill rows for this year (repeat it for several years).", show_default=False),
    ] = None,
    data: SubDataOpt = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="Language of the headers, instructions and messages: id or en (default: id).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write a template (CSV or XLSX) to fill in with your own data, then import it with 'growth8 data import'.

    One row per value: id_seri, provinsi, tahun, nilai (or series_id, province, year, value with --lang en).
    The Indonesian CSV is ';'-separated; the XLSX has the instructions, the series and the provinces on a
    second sheet. An existing file is never replaced without --force.
    """
    folder, _ = _given(ctx, data, None)
    _data_template(
        fmt=fmt, out=out, force=force, series=series, years=year or [], data=folder, lang=_template_lang(ctx, lang)
    )


@handled
def _data_template(
    fmt: str | None, out: Path | None, force: bool, series: str | None, years: list[int], data: Path | None, lang: str
) -> None:
    from growth8.errors import InputError, OutputExistsError, Problem, suggestion
    from growth8.importer import TEMPLATE_FORMATS, template_bytes
    from growth8.outputs import check_target, write_files
    from growth8.pipeline import load_data

    check_lang(lang)
    chosen = _template_format(fmt, out)
    path = out if out is not None else Path(f"{TEMPLATE_NAME}.{chosen}")
    if path.is_dir() and not path.is_symlink():
        path = path / f"{TEMPLATE_NAME}.{chosen}"
    if os.path.lexists(path) and not force:
        raise OutputExistsError.of("option.output_file_exists", path=path)
    check_target(path, force)
    panel, _ = load_data(data)
    if series is not None and series not in set(panel.series["series_id"]):
        hint = suggestion(series, panel.series["series_id"])
        raise InputError([Problem.of("error.import.unknown_series", key="--series", name=repr(series), hint=hint)])
    if years and series is None:
        raise InputError([Problem.of("error.template.year_without_series", key="--year")])
    assert chosen in TEMPLATE_FORMATS
    payload = template_bytes(chosen, lang, panel, series=series, years=years)
    written = write_files(
        path.parent if str(path.parent) else Path("."), {path.name: payload}, force=force, manifest=None
    )
    report_written(written, lang)


def _template_format(fmt: str | None, out: Path | None) -> str:
    """--format, else the --out file's extension, else csv; they must agree."""
    from growth8.errors import InputError, Problem
    from growth8.importer import TEMPLATE_FORMATS

    choices = ", ".join(TEMPLATE_FORMATS)
    if fmt is not None and fmt.lower() not in TEMPLATE_FORMATS:
        raise InputError([Problem.of("error.template.format", key="--format", value=repr(fmt), choices=choices)])
    suffix = out.suffix.lower().lstrip(".") if out is not None and not out.is_dir() else ""
    if suffix and suffix not in TEMPLATE_FORMATS:
        raise InputError(
            [
                Problem.of(
                    "error.template.suffix", key="--out", path=str(out), suffix=repr("." + suffix), choices=choices
                )
            ]
        )
    if fmt is not None and suffix and suffix != fmt.lower():
        raise InputError([Problem.of("error.template.mismatch", key="--out", path=str(out), fmt=fmt.lower())])
    return fmt.lower() if fmt is not None else (suffix or "csv")


def data_import(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="A filled template or a table exported from BPS's website (.csv, .xlsx).")
    ],
    series: Annotated[
        str | None,
        typer.Option(
            "--series",
            help="The series of a BPS table (an id of 'growth8 data', e.g. grdp_growth); for a template, of rows "
            "whose series cell is empty.",
            show_default=False,
        ),
    ] = None,
    percent: Annotated[
        bool | None,
        typer.Option(
            "--percent/--no-percent",
            help="The values of 'fraction' series are percentages (divided by 100) or not (default: a BPS table "
            "whose title or header says Persen or %; template cells written with %).",
            show_default=False,
        ),
    ] = None,
    into: Annotated[
        Path | None,
        typer.Option(
            "--into",
            help="User data folder to add the values to (created as a copy of the --data folder when missing). "
            "Default: $GROWTH8_USER_DATA, else $XDG_DATA_HOME/growth8/data, else ~/.local/share/growth8/data.",
            show_default=False,
        ),
    ] = None,
    vintage: Annotated[
        str | None,
        typer.Option("--vintage", help="Release date of the values, YYYY-MM-DD (default: today).", show_default=False),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            help="final, revised, preliminary or very_preliminary (default: BPS's year marks 2024* and 2024**, "
            "else blank).",
            show_default=False,
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option("--source", help="Source id of the rows (default: user_<file name>).", show_default=False),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check the file and write nothing.")] = False,
    data: SubDataOpt = None,
    lang: SubLangOpt = None,
) -> None:
    """Import your own data (a filled template or a BPS table) into a user data folder, as a new vintage.

    Reads CSV (';' or ',') and XLSX, Indonesian headers and numbers (1.234,56; 5,37), title rows above the
    header and notes below, BPS's wide tables (provinces in rows, years in columns; the INDONESIA row is
    skipped). Every problem is reported at once, naming the file, rows and columns, and nothing is written.
    The bundled data are never changed; use the folder with --data or 'data:' in a config.
    """
    folder, chosen = _given(ctx, data, lang)
    _data_import(
        file=file,
        series=series,
        percent=percent,
        into=into,
        vintage=vintage,
        status=status,
        source=source,
        dry_run=dry_run,
        data=folder,
        lang=chosen,
    )


@handled
def _data_import(
    file: Path,
    series: str | None,
    percent: bool | None,
    into: Path | None,
    vintage: str | None,
    status: str | None,
    source: str | None,
    dry_run: bool,
    data: Path | None,
    lang: str = "en",
) -> None:
    from growth8 import importer
    from growth8.data import find_data_dir, load_panel
    from growth8.i18n import t

    check_lang(lang)
    vintage, status, source = importer.check_options(vintage=vintage, status=status, source=source)
    target = importer.target_folder(into)
    existed = importer.is_data_folder(target)
    base = find_data_dir(data)
    panel = load_panel(target if existed else base)
    table = importer.read_table(file, panel, series=series, percent=percent, status=status)
    importer.check_new(table, target, vintage)
    summary = importer.series_text(table, lang)
    layout = importer.layout_text(table, lang)
    if dry_run:
        typer.echo(t("import.done", lang, file=file, series=summary))
        typer.echo(t("import.read_as", lang, layout=layout))
        typer.echo(t("import.dry_run", lang, n=len(table.observations), folder=target))
        return
    stored = importer.store(table, target, base=base, vintage=vintage, source=source, lang=lang)
    typer.echo(t("import.done", lang, file=file, series=summary))
    typer.echo(t("import.read_as", lang, layout=layout))
    typer.echo(
        t(
            "import.stored",
            lang,
            vintage=stored.vintage,
            source=stored.source,
            status=importer.status_text(table, lang),
            folder=stored.folder,
        )
    )
    if stored.created_from is not None:
        typer.echo(t("import.created", lang, base=stored.created_from))
    elif data is not None:
        typer.echo(t("import.base_unused", lang, base=data))
    typer.echo(t("import.use", lang, folder=stored.folder))


def register(data_app: typer.Typer) -> None:
    """Attach the ``data`` group's callback and its ``list``, ``show``, ``template`` and ``import`` commands."""
    data_app.callback()(data_main)
    data_app.command("list")(data_list_cmd)
    data_app.command("show")(data_show)
    data_app.command("template")(data_template)
    data_app.command("import")(data_import)
