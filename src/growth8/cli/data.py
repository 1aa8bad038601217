"""``growth8 data``: the data series a run would use, and one province's history."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from growth8.cli.common import check_lang, handled, with_pd_options
from growth8.cli.options import DataOpt, LangOpt

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


def register(data_app: typer.Typer) -> None:
    """Attach the ``data`` group's callback and its ``list`` and ``show`` commands."""
    data_app.callback()(data_main)
    data_app.command("list")(data_list_cmd)
    data_app.command("show")(data_show)
