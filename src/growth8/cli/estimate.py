"""``growth8 estimate`` and ``growth8 backtest``: thin commands over the pipeline's estimate and backtest."""

from __future__ import annotations

from typing import Annotated

import typer

from growth8.cli.common import check_lang, finish, handled
from growth8.cli.options import ConfigArg, DataOpt, ForceOpt, LangOpt, OutOpt


@handled
def estimate(
    config: ConfigArg = None,
    out: OutOpt = None,
    force: ForceOpt = False,
    lag: Annotated[int, typer.Option("--lag", help="Years between credit growth and GRDP growth: 1 or 2.")] = 1,
    exclude_covid: Annotated[bool, typer.Option("--exclude-covid", help="Drop 2020-2021 as dependent years.")] = False,
    data: DataOpt = None,
    lang: LangOpt = "en",
) -> None:
    """Fit the credit-growth link (panel FE), capital stock, TFP and ICORs; write estimates.json and tables."""
    from growth8 import pipeline

    check_lang(lang)
    inputs = pipeline.load(config, data_dir=data)
    result = pipeline.estimate(inputs, lag=lag, exclude_covid=exclude_covid)
    outputs = pipeline.estimate_outputs(result, lag=lag, exclude_covid=exclude_covid)
    finish(inputs, "estimate", outputs, [result], out=out, force=force, lang=lang)


@handled
def backtest(
    config: ConfigArg = None,
    out: OutOpt = None,
    force: ForceOpt = False,
    horizon: Annotated[
        list[int] | None,
        typer.Option("--horizon", help="Horizon in years; repeat for several. Default: 1 and 3."),
    ] = None,
    window: Annotated[int, typer.Option("--window", help="Calibration window length k (years).")] = 3,
    data: DataOpt = None,
    lang: LangOpt = "en",
) -> None:
    """Rolling-origin backtest of the baseline against naive benchmarks; write backtest.csv and errors."""
    from growth8 import pipeline

    check_lang(lang)
    inputs = pipeline.load(config, data_dir=data)
    result = pipeline.backtest(inputs, horizons=tuple(horizon) if horizon else (1, 3), window=window)
    finish(inputs, "backtest", pipeline.backtest_outputs(result), [result], out=out, force=force, lang=lang)


def register(app: typer.Typer) -> None:
    """Attach ``estimate`` and ``backtest`` to the growth8 app."""
    app.command("estimate")(estimate)
    app.command("backtest")(backtest)
