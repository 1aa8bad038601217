"""``growth8 estimate`` and ``growth8 backtest``: thin commands over the pipeline's estimate and backtest."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from growth8.cli.common import check_lang, finish, handled
from growth8.cli.options import AsOfOpt, ConfigArg, DataOpt, ForceOpt, LangOpt

EstimateOutOpt = Annotated[
    Path | None,
    typer.Option(
        "--out",
        "-o",
        help=(
            "Output folder. Default: reports/<config>/estimate/ in the current folder "
            "(<config>: the config file's name without .yaml)."
        ),
        show_default=False,
    ),
]
BacktestOutOpt = Annotated[
    Path | None,
    typer.Option(
        "--out",
        "-o",
        help=(
            "Output folder. Default: reports/<config>/backtest/ in the current folder "
            "(<config>: the config file's name without .yaml)."
        ),
        show_default=False,
    ),
]


@handled
def estimate(
    config: ConfigArg = None,
    out: EstimateOutOpt = None,
    force: ForceOpt = False,
    lag: Annotated[int, typer.Option("--lag", help="Years between credit growth and GRDP growth: 1 or 2.")] = 1,
    exclude_covid: Annotated[bool, typer.Option("--exclude-covid", help="Drop 2020-2021 as dependent years.")] = False,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = "en",
) -> None:
    """Fit the credit-growth link (panel FE), capital stock, TFP and ICORs; write estimates.json and tables.

    Writes estimates.json, estimation_sample.csv, capital_stock.csv, icor.csv and run.json to
    reports/<config>/estimate/ by default.
    """
    from growth8 import pipeline

    check_lang(lang)
    inputs = pipeline.load(config, data_dir=data, as_of=as_of)
    result = pipeline.estimate(inputs, lag=lag, exclude_covid=exclude_covid)
    outputs = pipeline.estimate_outputs(result, lag=lag, exclude_covid=exclude_covid)
    finish(inputs, "estimate", outputs, [result], out=out, force=force, lang=lang)


@handled
def backtest(
    config: ConfigArg = None,
    out: BacktestOutOpt = None,
    force: ForceOpt = False,
    horizon: Annotated[
        list[int] | None,
        typer.Option("--horizon", help="Horizon in years; repeat for several. Default: 1, 2 and 3."),
    ] = None,
    window: Annotated[int, typer.Option("--window", help="Calibration window length k (years).")] = 3,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    lang: LangOpt = "en",
) -> None:
    """Rolling-origin backtest of the baseline against naive benchmarks; write backtest.csv and errors.

    Each origin sees the data as known then (--as-of at every origin). Writes backtest.csv,
    backtest_errors.csv, backtest_errors_by_province.csv, backtest_errors_by_group.csv,
    backtest_scorecard.csv and run.json to reports/<config>/backtest/ by default.
    """
    from growth8 import pipeline

    check_lang(lang)
    inputs = pipeline.load(config, data_dir=data, as_of=as_of)
    result = pipeline.backtest(inputs, horizons=tuple(horizon) if horizon else (1, 2, 3), window=window)
    finish(inputs, "backtest", pipeline.backtest_outputs(result), [result], out=out, force=force, lang=lang)


def register(app: typer.Typer) -> None:
    """Attach ``estimate`` and ``backtest`` to the growth8 app."""
    app.command("estimate")(estimate)
    app.command("backtest")(backtest)
